"""Where each character of the prose came from in the source file.

Rules see prose (markup stripped, entities decoded); reports and fixes need the
source. A map is a list of pieces: a verbatim piece maps character by character, any
other piece (a decoded entity, a joined line break) maps only as a whole, so an edit
that would cut through one cannot be placed and is reported instead of guessed.
Markup the prose leaves out (a tag, an emphasis marker) is the gap between two pieces
whose source spans do not meet: an edit across such a gap would delete the markup, so
it cannot be placed either, and a span that ends or an insertion that falls at the gap
keeps to the text before it.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from .model import Span


class Piece(NamedTuple):
    """A stretch of prose and the source it came from.

    A named tuple, not a frozen dataclass: a marked-up document makes one for every run of
    text between tags, and every plain document one for its identity map.
    """

    prose: Span
    source: Span

    @property
    def verbatim(self) -> bool:
        return len(self.prose) == len(self.source)


class SourceMap:
    """Maps prose spans to source spans.

    >>> m = SourceMap([Piece(Span(0, 2), Span(0, 2)), Piece(Span(2, 3), Span(2, 7)), Piece(Span(3, 5), Span(7, 9))])
    >>> m.to_source(Span(0, 1)), m.to_source(Span(2, 3)), m.to_source(Span(2, 2)), m.to_source(Span(1, 4))
    (Span(start=0, end=1), Span(start=2, end=7), Span(start=2, end=2), Span(start=1, end=8))
    >>> m.to_source(Span(2, 2)) == m.to_source(Span(2, 2)) and m.exact(Span(2, 2))
    True

    Prose "a bold b" from "a <b>bold</b> b": the tags are gaps between pieces.

    >>> g = SourceMap([Piece(Span(0, 2), Span(0, 2)), Piece(Span(2, 6), Span(5, 9)), Piece(Span(6, 8), Span(13, 15))])
    >>> g.to_source(Span(2, 6)), g.to_source(Span(0, 2)), g.to_source(Span(6, 6))
    (Span(start=5, end=9), Span(start=0, end=2), Span(start=9, end=9))
    >>> g.exact(Span(2, 6)), g.exact(Span(1, 3))
    (True, False)
    """

    def __init__(self, pieces: list[Piece]) -> None:
        self._pieces = pieces
        self._starts = [p.prose.start for p in pieces]
        self._gaps = [p.prose.start for before, p in zip(pieces, pieces[1:]) if before.source.end != p.source.start]

    @classmethod
    def identity(cls, length: int) -> SourceMap:
        """The map of a text that is its own source (plain text): one verbatim piece, no gap.

        >>> SourceMap.identity(5).to_source(Span(1, 3)), SourceMap.identity(5).exact(Span(0, 5))
        (Span(start=1, end=3), True)
        """
        whole = Span(0, length)
        identity = cls.__new__(cls)   # what __init__ would work out from the piece, known
        identity._pieces, identity._starts, identity._gaps = [Piece(whole, whole)], [0], []
        return identity

    def _index(self, offset: int) -> int:
        return max(bisect_right(self._starts, offset) - 1, 0)

    def _piece(self, offset: int) -> Piece:
        return self._pieces[self._index(offset)]

    def _point(self, offset: int, side: str) -> int:
        i = self._index(offset)
        piece = self._pieces[i]
        if side == "end" and i > 0 and offset == piece.prose.start:
            return self._pieces[i - 1].source.end
        if piece.verbatim or offset == piece.prose.start:
            return piece.source.start + min(offset - piece.prose.start, len(piece.source))
        if offset >= piece.prose.end:
            return piece.source.end
        return piece.source.start if side == "start" else piece.source.end

    def to_source(self, span: Span) -> Span:
        """The source span covering the prose span (widened to whole pieces)."""
        if not span:
            point = self._point(span.start, "end")
            return Span(point, point)
        return Span(self._point(span.start, "start"), self._point(span.end, "end"))

    def exact(self, span: Span) -> bool:
        """True when an edit of `span` can be placed in the source without cutting a piece."""
        for offset in (span.start, span.end):
            piece = self._piece(offset)
            if not piece.verbatim and piece.prose.start < offset < piece.prose.end:
                return False
        i = bisect_right(self._gaps, span.start)
        return i == len(self._gaps) or self._gaps[i] >= span.end
