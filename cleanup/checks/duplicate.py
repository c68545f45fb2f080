"""Sentences and paragraphs a broken feed printed twice.

Exact repeats are sentences with the same words. Near repeats (a sentence cut down,
reworded or reordered by a later version of the story) are sentences whose content words,
roughly stemmed, mostly occur in one earlier sentence. They are looked for only among
earlier sentences that share word pairs with it, through an index of content-word pairs,
so a long document costs about one table lookup per word rather than a comparison of
every pair.

A wire archive can be tens of megabytes of sentences, most of them repeats: the search
runs in the native core (native/src/duplicate.rs, splitting sentences as document/sentences.rs),
which reads a document's words into flat arrays of numbers. What stays here is choosing
the paragraphs (those of the body in the rules' scopes) and turning the repeats found into
findings.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from .._native import RepeatSearch
from ..document import SCOPES, Document
from ..model import Applicability, Edit, Finding, Fix, RuleMeta, Span
from . import register

MIN_WORDS = 5          # shorter sentences ("No one was hurt.") may repeat on purpose
MIN_CONTENT = 6        # a near repeat needs this many content words to be judged
NEAR = 0.75            # share of the later sentence's content words found in the earlier one
SHORTER = 0.5          # the shortest a near repeat may be, against the sentence it repeats
MAX_CANDIDATES = 20    # earlier sentences compared with each sentence, most shared pairs first
RECENT = 200           # earlier sentences remembered per word pair: bounds work on huge documents
WHOLE = 0.9            # share of a paragraph its repeated sentences cover for it to be reported whole


@lru_cache(maxsize=8)   # one a pack's function words: a pack's rules share it
def _search(function_words: frozenset[str]) -> RepeatSearch:
    return RepeatSearch(function_words, MIN_WORDS, MIN_CONTENT, NEAR, SHORTER, MAX_CANDIDATES, RECENT, WHOLE)


@lru_cache(maxsize=8)
def _out_of(scopes: frozenset[str]) -> bytes:
    """A table for `bytes.translate`: 1 for the number of each scope not in `scopes`, else 0."""
    return bytes(scope not in scopes for scope in SCOPES).ljust(256, b"\0")


@dataclass(frozen=True)
class Repeat:
    span: Span        # the repeat: a sentence, or a whole paragraph
    earlier: Span     # where the text first appeared
    exact: bool
    paragraph: bool


_EXACT, _PARAGRAPH = 1, 2   # the flags of a row


def _paragraphs(doc: Document, scopes: frozenset[str]) -> tuple[array, array, array]:
    """The starts and ends of the body's paragraphs, and the numbers of those that text out of
    `scopes` reaches into (a dateline, say), whose sentences must be asked their scope.

    Out-of-scope segments of the body are few: each finds its paragraphs by bisection.

    >>> from cleanup.document import build
    >>> d = build("ANKARA (AA) — He said “we go” today.\\n\\nThey left.")
    >>> _paragraphs(d, frozenset({"body", "quotation"})), _paragraphs(d, frozenset({"quotation"}))[2]
    ((array('q', [0, 38]), array('q', [36, 48]), array('q', [0])), array('q', [0, 1]))
    """
    bodies = [span for span, kind in doc.blocks if kind == "body"]
    starts, ends = array("q", map(Span.start.fget, bodies)), array("q", map(Span.end.fget, bodies))
    if "body" not in scopes:   # what lies between segments is body: every paragraph
        return starts, ends, array("q", range(len(starts)))
    segments = doc.segments
    out = segments.scopes.tobytes().translate(_out_of(scopes))
    careful: set[int] = set()
    for low, high in zip(compress(segments.starts, out), compress(segments.ends, out)):
        careful.update(range(bisect_right(ends, low), bisect_left(starts, high)))
    return starts, ends, array("q", sorted(careful))


def _rows(doc: Document, scopes: frozenset[str], function_words: frozenset[str]) -> array:
    """Repeated sentences, a paragraph made only of repeats once, whole; five numbers a repeat.

    Each row is the repeat's start and end, the start and end of the earlier text, and
    flags (`_EXACT`, `_PARAGRAPH`): the two rules share these rows for the whole run.
    """
    def in_scope(start: int) -> bool:
        return doc.scope_at(start) in scopes

    rows = array("q")
    rows.frombytes(_search(function_words).rows(doc.text, *_paragraphs(doc, scopes), in_scope))
    return rows


def repeats(doc: Document, scopes: frozenset[str], function_words: frozenset[str]) -> Iterator[Repeat]:
    """Repeated sentences; a paragraph made only of repeats is reported once, whole."""
    rows = doc.derived(_rows, scopes, function_words)
    for r in range(0, len(rows), 5):
        start, end, earlier_start, earlier_end, flags = rows[r:r + 5]
        yield Repeat(Span(start, end), Span(earlier_start, earlier_end), bool(flags & _EXACT),
                     bool(flags & _PARAGRAPH))


def deletion(doc: Document, span: Span) -> Edit:
    """Delete `span` with the space that separated it from what came before (or after).

    >>> from cleanup.document import build
    >>> d = build("One two.\\n\\nThree four. Five six.")
    >>> deletion(d, Span(10, 21)), deletion(d, Span(22, 31))
    (Edit(span=Span(start=8, end=21), replacement=''), Edit(span=Span(start=21, end=31), replacement=''))
    """
    text, start, end = doc.text, span.start, span.end
    while start > 0 and text[start - 1].isspace():
        start -= 1
    if start == 0:  # nothing before it: take the space after instead
        while end < len(text) and text[end].isspace():
            end += 1
    return Edit(Span(start, end), "")


def _opening(text: str, span: Span, words: int = 8) -> str:
    """The first words of a sentence, to show which earlier one is repeated.

    >>> _opening("The trial is scheduled to run until the end of February.", Span(0, 57))
    'The trial is scheduled to run until the…'
    """
    parts = text[span.start:span.end].split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


_TITLES = {what: f"Delete the repeated {what}" for what in ("sentence", "paragraph")}


def _check(doc: Document, meta: RuleMeta, lists, exact: bool) -> Iterator[Finding]:
    # The verbatim and near rules share one search for repeats. A copied story repeats the
    # same earlier sentences again and again: their findings share one message each.
    messages: dict[tuple[str, Span], str] = {}
    for r in repeats(doc, meta.scopes, lists.words("function_words")):
        if r.exact != exact:
            continue
        what = "paragraph" if r.paragraph else "sentence"
        message = messages.get((what, r.earlier))
        if message is None:
            message = messages[what, r.earlier] = meta.message.format(what=what, earlier=_opening(doc.text, r.earlier))
        fix = Fix(_TITLES[what], (deletion(doc, r.span),), Applicability.UNSAFE)
        yield meta.finding(r.span, fix, message)


@register("duplicate.verbatim")
def verbatim(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    return _check(doc, meta, lists, exact=True)


@register("duplicate.near")
def near(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    return _check(doc, meta, lists, exact=False)
