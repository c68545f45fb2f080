"""Finding many literal phrases at once, in one pass over the text.

Phrase-list rules (translationese, openers, triggers) would otherwise scan a document
once per phrase, or run a regular expression whose alternation the `regex` engine
tries at every position. An Aho–Corasick automaton, built once per process, finds
every occurrence of every phrase in one pass in native code; the full pattern then
runs only where a phrase actually stands.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import ahocorasick_rs


CHUNK = 1 << 20  # characters handed to the automaton at once: it keeps an offset table as large as 8× its input


class LiteralSet:
    """A fixed set of literal strings, searched case-sensitively in code-point offsets.

    >>> s = LiteralSet(["said here", "in this context"])
    >>> s.found_in("He said here that"), list(s.starts("In this context, in this context"))
    (True, [(17, 'in this context')])
    >>> list(s.starts("…in this context", chunk=4))  # a phrase across a chunk's end is found once
    [(1, 'in this context')]
    """

    def __init__(self, literals: Iterable[str]) -> None:
        self.literals = tuple(sorted({lit for lit in literals if lit}))
        self._automaton = ahocorasick_rs.AhoCorasick(self.literals) if self.literals else None
        self._longest = max(map(len, self.literals), default=0)

    def __bool__(self) -> bool:
        return bool(self.literals)

    def found_in(self, text: str) -> bool:
        if len(self.literals) <= 16:  # a few C-level substring tests beat building a match list
            return any(lit in text for lit in self.literals)
        return next(self._hits(text, False, CHUNK), None) is not None

    def starts(self, text: str, chunk: int = CHUNK) -> Iterator[tuple[int, str]]:
        """Every start offset with the literal found there, overlaps included, in order."""
        for index, start in self._hits(text, True, chunk):
            yield start, self.literals[index]

    def _hits(self, text: str, overlapping: bool, chunk: int) -> Iterator[tuple[int, int]]:
        """(literal index, start) in order, searched a chunk at a time so that a 50 MB text
        costs the automaton's table for one chunk, not for the whole text; each chunk runs on
        past its end far enough to finish a phrase begun inside it."""
        if self._automaton is None:
            return
        for base in range(0, len(text), chunk):
            piece = text[base:base + chunk + self._longest - 1]
            hits = self._automaton.find_matches_as_indexes(piece, overlapping=overlapping)
            for index, start, _ in sorted(hits, key=lambda hit: hit[1]):
                if start < chunk:
                    yield index, base + start
