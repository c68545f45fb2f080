"""Shouted words in running text: dictionary words in capitals that are not acronyms."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .._native import caps_words as _caps_words
from ..document import Document
from ..lexicon import english_words
from ..model import Applicability, Edit, Finding, Fix, RuleMeta, Span
from . import register

# Running text has a word in lower case: a lower-case letter after another letter. A lone
# lower-case letter (`š,` or `šBERLIN`, where an encoding repair put it in a line of
# capitals) does not make a shouted line running text.
_HAS_LOWER = regex.compile(r"\p{L}\p{M}*\p{Ll}")


@register("style.caps_words")
def caps_words(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    # One native scan of the whole text finds four or more capitals standing alone (a capital
    # may carry combining marks: decomposed É is E + U+0301, so NFD copy reads like NFC);
    # such words are rare, so their blocks are looked up only for them.
    text, scopes = doc.text, meta.scopes
    acronyms, words = lists.words("acronyms"), english_words()
    current = -1   # the block of the word before, whose bounds and verdict stand for the next
    for start, end in _caps_words(text):
        word = text[start:end]
        # What the word is first (most words in capitals are acronyms or names), then where it stands.
        if word in acronyms or word.lower() not in words:
            continue
        index = doc.block_index(start)
        if index != current:
            current, running = index, None
            span, scope = doc.blocks[index]
            first, last = span.start, span.end
        if scope not in scopes or not first <= start < end <= last or doc.scope_at(start) not in scopes:
            continue
        if running is None:
            # Asked once per block: a long paragraph of capitals stays linear.
            running = bool(_HAS_LOWER.search(text, first, last))
        if not running:
            continue  # a line in capitals throughout is a subhead, reported by its own rule
        fix = Fix(f"Write {word.lower()}", (Edit(Span(start, end), word.lower()),), Applicability.UNSAFE)
        yield meta.finding(Span(start, end), fix, meta.message.format(word=word))
