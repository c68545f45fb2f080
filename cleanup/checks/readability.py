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

from .._native import long_sentences
from ..document import Document
from ..model import Finding, RuleMeta, Span
from . import register

MAX_WORDS = 50


@register("readability.long_sentence")
def long_sentence(doc: Document, meta: RuleMeta, lists) -> list[Finding]:
    """Sentences of more than MAX_WORDS words, split and counted by one native pass per document.

    A sentence ends at . ! or ? (and any closing marks) before a space and a capital or
    digit; abbreviations split a sentence too early, which can only hide a long one. Words
    are counted as textstat counts them: tokens with a letter or a digit. A block or
    sentence with fewer than MAX_WORDS spaces and line breaks is passed over uncounted.

    >>> from cleanup.document import build
    >>> from cleanup.packs import builtin_rules
    >>> rule = next(r for r in builtin_rules() if r.meta.id == "REA001")
    >>> text = "It rained. " + "Then " * 50 + "“the 14.2 — lira” left! Short."
    >>> [(f.span.start, f.span.end) for f in long_sentence(build(text), rule.meta, {})]
    [(11, 284)]
    """
    scopes = meta.scopes
    in_scope = [span for span, scope in doc.blocks if scope in scopes]
    return [meta.finding(Span(start, end), message=meta.message.format(words=words, limit=MAX_WORDS))
            for start, end, words in long_sentences(doc.text, in_scope, MAX_WORDS) if doc.scope_at(start) in scopes]
