"""Sentences far too long for news copy.

A sentence of more than 50 words is about twice what news style aims for and more
than any sentence but one lede in the clean corpus; MT produces such sentences when it
keeps a source language's chains of clauses. It is an `info` finding: the editor
decides whether to split it, and MQM counts info as neutral, so it never lowers the
quality score (readability has its own figures in `cleanup score`).

Sentence length, not the paragraph's Flesch–Kincaid grade, triggers the finding: the
grade needs the syllable dictionary (most of a second to load), which would make
every `check` pay for what only `score` needs, while word counts cost nothing and
drive the grade anyway. Paragraph grades are in `cleanup score`, and `--max-grade`
gates on them.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..model import Finding, RuleMeta, Span
from . import register

MAX_WORDS = 50

# A sentence ends at . ! or ? (and any closing marks) before a space and a capital or
# digit. Abbreviations split a sentence too early, which can only hide a long one.
# The boundary is the space; matching from the mark (\K keeps only the space) lets the
# engine try the few marks instead of a look-behind at every character.
_BOUNDARY = regex.compile(r"[.!?][”’\"')]*\K\s+(?=[“‘\"'(]?[\p{Lu}\p{N}])")


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence (start, end) offsets inside text[start:end].

    >>> t = "It rained. “Go,” he said! Then 3 left."
    >>> [t[s:e] for s, e in sentences(t, 0, len(t))]
    ['It rained.', '“Go,” he said!', 'Then 3 left.']
    """
    cursor = start
    for boundary in _BOUNDARY.finditer(text, start, end):
        yield cursor, boundary.start()
        cursor = boundary.end()
    if cursor < end:
        yield cursor, end


def word_count(text: str) -> int:
    """Words as textstat counts them: tokens with a letter or a digit.

    >>> word_count("ANKARA (AA) — The council’s 14.2 billion lira budget")
    8
    """
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def _may_exceed(text: str, start: int, end: int) -> bool:
    """Cheap bound first: fewer than MAX_WORDS gaps (spaces, or line breaks in wrapped copy) mean no more words."""
    return text.count(" ", start, end) + text.count("\n", start, end) >= MAX_WORDS


@register("readability.long_sentence")
def long_sentence(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    text = doc.text
    for block in doc.blocks:
        block_start, block_end = block.span.start, block.span.end
        if block.scope not in meta.scopes or not _may_exceed(text, block_start, block_end):
            continue
        for start, end in sentences(text, block_start, block_end):
            if not _may_exceed(text, start, end):
                continue
            words = word_count(text[start:end])
            if words > MAX_WORDS and doc.scope_at(start) in meta.scopes:
                yield meta.finding(Span(start, end), message=meta.message.format(words=words, limit=MAX_WORDS))
