"""Finding many literal phrases at once, in one pass over a document.

Phrase-list rules (translationese, openers) and pattern triggers would otherwise scan
a document once per phrase, or run a regular expression whose alternation the `regex`
engine tries at every position. Every literal of every `LiteralSet` goes into one
native search (`cleanup._native.Literals`), which finds all of them in one pass per
document; a rule then asks only which of its own literals stand where, and its full
pattern runs only there.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ._native import Literals, literal_starts

if TYPE_CHECKING:
    import regex

    from .document import Document


class _Search:
    """One native search over a fixed tuple of literals; used as the key of its hits in a document's memo."""

    def __init__(self, literals: tuple[str, ...]) -> None:
        self.literals = literals
        self.trie = Literals(list(literals))

    def __call__(self, doc: Document) -> dict[str, bytes]:
        """Each literal found in the document, with its start offsets in order, overlaps included.

        The offsets of a literal are the bytes of a flat array of 8-byte integers, not
        integer objects, since the hits stay in the document's memo for the whole run.

        >>> from cleanup.document import build
        >>> hits = _Search(("in this context", "this", "is"))(build("…in this context"))
        >>> {literal: list(memoryview(raw).cast("q")) for literal, raw in hits.items()}
        {'in this context': [1], 'this': [4], 'is': [6]}
        """
        return self.trie.find(doc.text)


class _Index:
    """The literals of every set built so far, and the search over all of them."""

    def __init__(self) -> None:
        self._literals: dict[str, None] = {}
        self.current: _Search | None = None   # None until a search is asked for after a set is added
        self._lock = threading.Lock()

    def add(self, literals: Iterable[str]) -> None:
        with self._lock:
            new = [literal for literal in literals if literal not in self._literals]
            if new:
                self._literals.update(dict.fromkeys(new))
                self.current = None

    def search(self) -> _Search:
        """The current search; a set built later makes a new one, so no document keeps stale hits."""
        search = self.current
        if search is None:
            with self._lock:
                search = self.current = self.current or _Search(tuple(self._literals))
        return search


_INDEX = _Index()


def hits(doc: Document) -> dict[str, bytes]:
    """The document's hits for the current search, kept in its memo under one slot: each
    literal found, with its start offsets (see `_Search.__call__`).

    A set built during a run (behind a rule's cache) makes a new search; the hits of the
    search it replaces leave the memo rather than stay
    beside the new ones for the rest of the document's life.
    """
    held = doc.memo.get(_INDEX)
    if held is None or held[0] is not _INDEX.current:
        search = _INDEX.search()
        held = doc.memo[_INDEX] = (search, search(doc))
    return held[1]


class LiteralSet:
    """A fixed set of literal strings, searched case-sensitively in code-point offsets.

    Sets are built once per process (at pack load or behind a cache): each new literal
    rebuilds the shared native search.

    >>> from cleanup.document import build
    >>> doc = build("In this context, in this context")
    >>> s = LiteralSet(["said here", "in this context"])
    >>> s.found_in(doc), s.starts(doc), LiteralSet(["said here"]).found_in(doc)
    (True, [(17, 'in this context')], False)
    """

    def __init__(self, literals: Iterable[str]) -> None:
        self.literals = frozenset(lit for lit in literals if lit)
        _INDEX.add(sorted(self.literals))

    def __bool__(self) -> bool:
        return bool(self.literals)

    def found_in(self, doc: Document) -> bool:
        # A view of the hits' keys tests the smaller side against the other: a document finds
        # a handful of literals, a set may hold thousands.
        return not hits(doc).keys().isdisjoint(self.literals)

    def starts(self, doc: Document) -> list[tuple[int, str]]:
        """Every start offset with the literal found there, overlaps included, in order
        (at one offset the shorter literal first)."""
        return literal_starts(hits(doc), self.literals)


def anchored(pattern: regex.Pattern, phrases: LiteralSet, doc: Document,
             timeout: float | None = None, offset: int = 0) -> Iterator[regex.Match]:
    """Matches of `pattern` that start where one of its phrases stands, without overlaps.

    The same matches `pattern.finditer` would give for a pattern every match of which
    begins with one of its phrases (or `offset` code points from the start of one), at the
    cost of a look-up in the document's shared literal search instead of a regex attempt
    at every position. `timeout` bounds all the attempts together, as it bounds one scan:
    given to each attempt whole, a document with many phrases could take that many
    timeouts (a crafted 630 KB line ran 88 s on a 0.5 s one).

    >>> import regex
    >>> from cleanup.document import build
    >>> [m.group() for m in anchored(regex.compile(r"said,? \\w+"), LiteralSet(["said"]), build("It said, it said so"))]
    ['said, it', 'said so']
    >>> [m.group() for m in anchored(regex.compile(r"\\b[Tt]oday"), LiteralSet(["oday"]), build("Today, today"), offset=-1)]
    ['Today', 'today']
    >>> list(anchored(regex.compile(r"said"), LiteralSet(["said"]), build("said"), timeout=0))
    Traceback (most recent call last):
    TimeoutError: regex timed out
    """
    return tried_at(pattern, doc.text, (start + offset for start, _ in phrases.starts(doc)), timeout)


def tried_at(pattern: regex.Pattern, text: str, starts: Iterable[int],
             timeout: float | None = None) -> Iterator[regex.Match]:
    """Matches of `pattern` tried at `starts` (in order), without overlaps: the matches
    `finditer` gives if every match it gives starts at one of them. `timeout` bounds all the
    attempts together (see `anchored`).

    >>> import regex
    >>> [m.span() for m in tried_at(regex.compile(r"a+"), "aaa a", [-1, 0, 1, 4])]
    [(0, 3), (4, 5)]
    """
    match, clock = pattern.match, time.monotonic
    deadline = None if timeout is None else clock() + timeout
    end = -1
    for start in starts:
        if start < end or start < 0:
            continue
        if deadline is None:
            m = match(text, start)
        else:
            left = deadline - clock()
            if left <= 0:
                raise TimeoutError("regex timed out")
            m = match(text, start, timeout=left)
        if m:
            end = m.end()
            yield m


def within(pattern: regex.Pattern, phrases: LiteralSet, mark: str, doc: Document,
           timeout: float | None = None) -> Iterator[regex.Match]:
    r"""Matches of `pattern` for a pattern every match of which lies in one stretch of the text
    from a `mark` to the next (holding it at most as its first character), a stretch where
    one of its phrases ends: the same matches `pattern.finditer` would give.

    A stretch runs from a mark (or the start of the text) to the next mark (or the end).
    Only stretches where a phrase ends are scanned: a look-behind for a phrase before a
    comma-free run, as ATT002's, need not be tried at every comma of the document. A match
    cannot cross a stretch's end, so a scan that stops there (`endpos`) finds what a scan
    of the whole text finds in it (look-behinds still see the text before the stretch).
    `timeout` bounds all the scans together, as in `anchored`.

    >>> import regex
    >>> from cleanup.document import build
    >>> said = regex.compile(r"(?:,| that) \w+ said(?<=said(?:,| that) [^,]*)")
    >>> doc = build("He said that he said, they said, it said, we said that I said")
    >>> [m.span() for m in within(said, LiteralSet(["said,", "said that"]), ",", doc)]
    [(7, 20), (20, 31), (31, 40), (40, 49), (49, 61)]
    >>> _ == [m.span() for m in said.finditer(doc.text)]
    True
    """
    text = doc.text
    deadline = None if timeout is None else time.monotonic() + timeout
    end = 0   # where the last stretch scanned ends: each part of the text is looked at once
    for start, literal in phrases.starts(doc):
        last = start + len(literal) - 1
        if last < end:
            continue
        begin = max(text.rfind(mark, end, last + 1), end)
        end = text.find(mark, last + 1)
        if end < 0:
            end = len(text)
        if deadline is None:
            yield from pattern.finditer(text, begin, end)
            continue
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("regex timed out")
        yield from pattern.finditer(text, begin, end, timeout=left)
