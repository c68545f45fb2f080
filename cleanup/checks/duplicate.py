"""Sentences and paragraphs a broken feed printed twice.

Exact repeats are sentences with the same words. Near repeats (a sentence cut down,
reworded or reordered by a later version of the story) are sentences whose content words,
roughly stemmed, mostly occur in one earlier sentence. They are looked for only among
earlier sentences that share word pairs with it, through an index of content-word pairs,
so a long document costs about one table lookup per word rather than a comparison of
every pair.

A wire archive can be tens of megabytes of sentences, most of them repeats: the search
runs in the native core (native/src/duplicate.rs, splitting sentences as document/sentences.rs),
which reads a document's words into flat arrays of numbers, and knows the sentences in the
rules' scopes from the document's blocks and segments. What stays here is turning the
repeats found into findings.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .._native import RepeatSearch
from ..document import SCOPES, Document
from ..model import Applicability, Edit, Finding, Fix, RuleMeta, Span
from . import Lists, register

MIN_WORDS = 5          # shorter sentences ("No one was hurt.") may repeat on purpose
MIN_CONTENT = 6        # a near repeat needs this many content words to be judged
NEAR = 0.75            # share of the later sentence's content words found in the earlier one
SHORTER = 0.5          # the shortest a near repeat may be, against the sentence it repeats
MAX_CANDIDATES = 20    # earlier sentences compared with each sentence, most shared pairs first
RECENT = 200           # earlier sentences remembered per word pair: bounds work on huge documents
WHOLE = 0.9            # share of a paragraph its repeated sentences cover for it to be reported whole


@lru_cache(maxsize=8)   # one a pack's lists: a pack's rules share it
def _search(lists: Lists) -> RepeatSearch:
    return RepeatSearch(lists.words("function_words"), MIN_WORDS, MIN_CONTENT, NEAR, SHORTER, MAX_CANDIDATES,
                        RECENT, WHOLE)


@lru_cache(maxsize=8)
def _kept(scopes: frozenset[str]) -> bytes:
    """For each scope's number, 1 if it is in `scopes`, else 0; then the same for text between
    segments, which is body: the native search asks these of each sentence's start.

    >>> list(_kept(frozenset({"body", "quotation"})))
    [0, 0, 0, 0, 1, 1, 1]
    """
    return bytes(scope in scopes for scope in (*SCOPES, "body"))


_EXACT, _PARAGRAPH = 1, 2   # the flags of a row


def _rows(doc: Document, scopes: frozenset[str], lists: Lists) -> array:
    """Repeated sentences, a paragraph made only of repeats once, whole; five numbers a repeat.

    Each row is the repeat's start and end, the start and end of the earlier text, and
    flags (`_EXACT`, `_PARAGRAPH`): the two rules share these rows for the whole run. The
    sentences are those of the body's paragraphs starting in `scopes` (a dateline's is not);
    the pack's `lists` name its function words.

    >>> from cleanup.document import build
    >>> d = build("ANKARA (AA) — The ferry was late again. The ferry was late again. The ferry was late again.")
    >>> list(_rows(d, frozenset({"body"}), Lists()))
    [66, 91, 40, 65, 1]
    """
    segments = doc.segments
    rows = array("q")
    rows.frombytes(_search(lists).rows(doc.text, doc.blocks, segments.starts, segments.ends, segments.scopes,
                                       _kept(scopes)))
    return rows


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


def _check(doc: Document, meta: RuleMeta, lists, exact: bool) -> Iterable[Finding]:
    # The verbatim and near rules share one search for repeats; most documents have none.
    rows = doc.derived(_rows, meta.scopes, lists)
    return _findings(doc, meta, rows, exact) if rows else ()


def _findings(doc: Document, meta: RuleMeta, rows: array, exact: bool) -> Iterator[Finding]:
    # A copied story repeats the same earlier sentences again and again: their findings
    # share one message each. The rows are read as they are: each rule skips the other's
    # kind before making anything of a row.
    messages: dict[tuple[str, Span], str] = {}
    for r in range(0, len(rows), 5):
        start, end, earlier_start, earlier_end, flags = rows[r:r + 5]
        if bool(flags & _EXACT) != exact:
            continue
        what = "paragraph" if flags & _PARAGRAPH else "sentence"
        span, earlier = Span(start, end), Span(earlier_start, earlier_end)
        message = messages.get((what, earlier))
        if message is None:
            message = messages[what, earlier] = meta.message.format(what=what, earlier=_opening(doc.text, earlier))
        fix = Fix(_TITLES[what], (deletion(doc, span),), Applicability.UNSAFE)
        yield meta.finding(span, fix, message)


@register("duplicate.verbatim")
def verbatim(doc: Document, meta: RuleMeta, lists) -> Iterable[Finding]:
    return _check(doc, meta, lists, exact=True)


@register("duplicate.near")
def near(doc: Document, meta: RuleMeta, lists) -> Iterable[Finding]:
    return _check(doc, meta, lists, exact=False)
