"""Whether each quotation has a speaker, looking past multi-paragraph quotations."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress

from ..document import Block, Document
from ..model import Finding, RuleMeta, Span
from ..quotemarks import by_block
from ..speech import DASH_LED, FIRST_SENTENCE_END, SPEECH
from . import register


def _speech_outside(text: str, block: Span, quotes: tuple[Span, ...]) -> bool:
    """Whether the block names a speaker outside its quotations: each stretch between them is
    asked on its own (a word never runs from one into the next, as when they were joined
    with spaces), with no joined copy made."""
    cursor = block.start
    for q in quotes:
        if SPEECH.found_in(text[cursor:q.start]):
            return True
        cursor = q.end
    return SPEECH.found_in(text[cursor:block.end])


@register("attribution.unattributed")
def unattributed(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    """Paragraphs that open with a quotation no speaker is named for.

    Only the paragraphs that hold a quotation are visited (picked out at C speed): only they
    can open with one, or carry one on into the next paragraph. A run of body paragraphs
    each ending inside a quotation is carried along, not walked back per paragraph: linear
    on a long run.
    """
    blocks, text = doc.blocks, doc.text
    quoted = doc.derived(by_block)
    start, before = -1, None   # the first paragraph of the run that carries a quotation on into this one, and the one before it
    carrier = None        # the last body paragraph seen that ends inside a quotation
    for k in compress(range(len(quoted)), quoted):
        block = blocks[k]
        if block.scope != "body":
            continue
        if carrier is None or carrier != k - 1 and _body(blocks, k, -1) != carrier:
            start, before = k, None   # the body paragraph before the run is looked for once, if asked
        span, inside = block.span, quoted[k]
        if inside[-1].end == span.end:
            carrier = k
        if inside[0].start != span.start:
            continue  # only paragraphs that open with a quotation can lack a speaker
        if _speech_outside(text, span, inside):
            continue
        # Look past the paragraphs that continue the same quotation, then one further.
        if before is None:
            before = _body(blocks, start, -1)
        if before >= 0 and SPEECH.found_in(text[blocks[before].span.start:blocks[before].span.end]):
            continue
        if start < k and _speech_outside(text, blocks[start].span, quoted[start]):
            continue
        # Copy translated from Chinese names the speaker after the quote, in a paragraph led by a dash.
        following = _body(blocks, k, 1)
        if following >= 0 and DASH_LED.match(text, blocks[following].span.start) \
                and SPEECH.found_in(_first_sentence(doc, blocks[following].span)):
            continue
        yield meta.finding(Span(inside[0].start, inside[0].end))


def _body(blocks: tuple[Block, ...], k: int, step: int) -> int:
    """The index of the nearest body paragraph before block `k` (`step` -1) or after it (1), or -1.

    Each walk passes only the blocks of other scopes between two body paragraphs.
    """
    k += step
    while 0 <= k < len(blocks):
        if blocks[k].scope == "body":
            return k
        k += step
    return -1


def _first_sentence(doc: Document, block: Span) -> str:
    text = doc.text[block.start:block.end]
    end = FIRST_SENTENCE_END.search(text)
    return text[:end.end()] if end else text
