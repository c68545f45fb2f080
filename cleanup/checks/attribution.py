"""Whether each quotation has a speaker, looking past multi-paragraph quotations."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..model import Finding, RuleMeta, Span
from ..quotemarks import by_block
from ..speech import DASH_LED, FIRST_SENTENCE_END, SPEECH
from . import register


def _outside_quotes(doc: Document, block: Span, quotes: tuple[Span, ...]) -> str:
    pieces, cursor = [], block.start
    for q in quotes:
        pieces.append(doc.text[cursor:q.start])
        cursor = q.end
    pieces.append(doc.text[cursor:block.end])
    return " ".join(pieces)


@register("attribution.unattributed")
def unattributed(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    body: list[Span] = []
    per_block: list[tuple[Span, ...]] = []
    for block, inside in zip(doc.blocks, doc.derived(by_block)):
        if block.scope == "body":
            body.append(block.span)
            per_block.append(inside)
    j = 0  # where the run of paragraphs that carry one quotation on into paragraph i starts
    carries = False  # whether paragraph i - 1 ends inside a quotation
    for i, (span, inside) in enumerate(zip(body, per_block)):
        if i and not carries:
            j = i  # carried along, not walked back per paragraph: linear on a long run
        carries = bool(inside) and inside[-1].end == span.end
        if not inside or inside[0].start != span.start:
            continue  # only paragraphs that open with a quotation can lack a speaker
        if SPEECH.found_in(_outside_quotes(doc, span, inside)):
            continue
        # Look past the paragraphs that continue the same quotation, then one further.
        if j > 0 and SPEECH.found_in(doc.text[body[j - 1].start:body[j - 1].end]):
            continue
        if j < i and SPEECH.found_in(_outside_quotes(doc, body[j], per_block[j])):
            continue
        # Copy translated from Chinese names the speaker after the quote, in a paragraph led by a dash.
        if i + 1 < len(body) and DASH_LED.match(doc.text, body[i + 1].start) \
                and SPEECH.found_in(_first_sentence(doc, body[i + 1])):
            continue
        yield meta.finding(Span(inside[0].start, inside[0].end))


def _first_sentence(doc: Document, block: Span) -> str:
    text = doc.text[block.start:block.end]
    end = FIRST_SENTENCE_END.search(text)
    return text[:end.end()] if end else text
