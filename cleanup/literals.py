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


class LiteralSet:
    """A fixed set of literal strings, searched case-sensitively in code-point offsets.

    >>> s = LiteralSet(["said here", "in this context"])
    >>> s.found_in("He said here that"), list(s.starts("In this context, in this context"))
    (True, [(17, 'in this context')])
    """

    def __init__(self, literals: Iterable[str]) -> None:
        self.literals = tuple(sorted({lit for lit in literals if lit}))
        self._automaton = ahocorasick_rs.AhoCorasick(self.literals) if self.literals else None

    def __bool__(self) -> bool:
        return bool(self.literals)

    def found_in(self, text: str) -> bool:
        if len(self.literals) <= 16:  # a few C-level substring tests beat building a match list
            return any(lit in text for lit in self.literals)
        return bool(self._automaton.find_matches_as_indexes(text))

    def starts(self, text: str) -> Iterator[tuple[int, str]]:
        """Every start offset with the literal found there, overlaps included, in order."""
        if self._automaton is None:
            return
        for index, start, _ in sorted(self._automaton.find_matches_as_indexes(text, overlapping=True),
                                      key=lambda hit: hit[1]):
            yield start, self.literals[index]
