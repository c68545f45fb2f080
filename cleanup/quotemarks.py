"""Pairing double quotation marks, once per document.

The quotation scope (so rules can skip quoted speech) and the quote checks both need
to know which mark opens, which closes and which has no partner; computing it in one
place keeps them from disagreeing. A mark's role comes from where it stands (after a
space it opens, before one it closes); its glyph only breaks ties, so a `”` in an
opening position is seen as an opener with the wrong glyph.

News convention: a quotation that runs over several paragraphs leaves the closing mark
off at each paragraph end and reopens the next paragraph; such a paragraph is not
unbalanced.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import Span

if TYPE_CHECKING:
    from .document import Document

# Double marks only: the single guillemets ‹ › pair with ‘ ’ (QUO006 turns them into those),
# so counting them would let that safe fix unbalance a quotation. The pairing itself is
# native (document/quotemarks.rs): it reads every character of every document.
OPENING_GLYPHS = "“„«"
CLOSING_GLYPHS = "”»"
_ROLE = {"o": "open", "c": "close", "e": "either"}
_GLYPH_LETTER = str.maketrans({**dict.fromkeys(OPENING_GLYPHS, "o"), **dict.fromkeys(CLOSING_GLYPHS, "c"), '"': "e"})
_KINDS = ("unclosed", "unopened", "nested-open", "wrong-glyph")   # as the native pairing numbers them


@dataclass(frozen=True, slots=True)
class Mark:
    offset: int
    glyph: str
    role: str            # "open" or "close": from position, else glyph, else the pairing
    glyph_role: str      # "open", "close" or "either" (straight)


@dataclass(frozen=True, slots=True)
class Anomaly:
    kind: str            # "unclosed", "unopened", "nested-open", "wrong-glyph"
    mark: Mark
    count: int = 1       # adjacent marks from `mark` on with the same anomaly: one artefact


@dataclass(frozen=True, slots=True)
class QuoteAnalysis:
    # Runs of adjacent marks as three columns (a document of quote marks would otherwise
    # allocate an object per run): where each starts, its glyphs, and each mark's role letter.
    run_starts: tuple[int, ...]
    run_glyphs: tuple[str, ...]
    run_roles: tuple[str, ...]     # "o" or "c" per mark, as the pairing settled them
    quotations: tuple[Span, ...]   # from opening mark to closing mark inclusive; adjacent empty ones as one
    anomalies: tuple[Anomaly, ...]
    # For each block, where the quotations opening in it begin and end among `quotations`
    # (see `by_block`): the pairing knows them, and flat arrays hold them in 16 bytes a block.
    block_firsts: array
    block_ends: array

    def runs(self) -> Iterator[tuple[int, str, str]]:
        return zip(self.run_starts, self.run_glyphs, self.run_roles)

    @property
    def marks(self) -> tuple[Mark, ...]:
        """Every mark with its role; made on demand, as only the style check needs them one by one."""
        return tuple(Mark(start + i, glyph, _ROLE[role], _glyph_role(glyph))
                     for start, glyphs, roles in self.runs() for i, (glyph, role) in enumerate(zip(glyphs, roles)))


def _glyph_role(glyph: str) -> str:
    # „ and “ both open in German copy, where “ also closes: count “ as an opener.
    return _ROLE[glyph.translate(_GLYPH_LETTER)]


def paired(text: str, run_starts: tuple[int, ...], run_glyphs: tuple[str, ...], run_roles: tuple[str, ...],
           quotations: tuple[Span, ...], anomalies: list[int], block_firsts: bytes, block_ends: bytes) -> QuoteAnalysis:
    """The analysis from the native pairing's parts (document.rs pairs as it builds a document).

    Runs of adjacent marks are paired paragraph by paragraph, a run at a time, each mark's
    role a letter: o(pen), c(lose), or e(ither: a straight mark its position left open,
    placed by the pairing). Only a run's first and last mark have a neighbour that is not
    a mark, so only they can be placed by position, and only they can have the wrong glyph.
    Back-to-back empty quotations make one quotation, adjacent marks with one anomaly one
    anomaly: a paragraph of 100,000 quote marks is one artefact, not 100,000. Anomalies
    come as flat (kind, offset, opens, count) rows, and where
    each block's quotations begin and end as the bytes of the arrays.

    >>> from cleanup.document import build
    >>> t = "“One. “Two,” she said”””. " + '"' * 4 + "\\n\\n“Three.\\n\\n“Four."
    >>> a = build(t).quotes
    >>> a.run_starts, a.run_roles, a.quotations
    ((0, 6, 11, 21, 26, 32, 41), ('o', 'o', 'c', 'ccc', 'ococ', 'o', 'o'), (Span(start=0, end=12), Span(start=26, end=30), Span(start=32, end=39), Span(start=41, end=47)))
    >>> [(a.kind, a.mark.offset, a.count) for a in a.anomalies]
    [('nested-open', 6, 1), ('unopened', 21, 3), ('unclosed', 41, 1)]
    """
    return QuoteAnalysis(run_starts, run_glyphs, run_roles, quotations,
                         _anomalies(text, anomalies) if anomalies else (), array("q", block_firsts), array("q", block_ends))


def _anomalies(text: str, rows: list[int]) -> tuple[Anomaly, ...]:
    """Anomalies from the pairing's flat (kind, offset, opens, count) rows."""
    return tuple(Anomaly(_KINDS[kind], Mark(offset, text[offset], _ROLE["o" if opens else "c"], _glyph_role(text[offset])), count)
                 for kind, offset, opens, count in zip(*[iter(rows)] * 4))


def by_block(doc: Document) -> tuple[tuple[Span, ...], ...]:
    """The quotations that open in each block, in order: shared by the checks that walk paragraphs.

    Cut where the pairing found each block's first and last (maps at C speed, no Python
    step a paragraph).

    >>> from cleanup.document import build
    >>> build("“One,” he said.\\n\\nNone here.\\n\\n“Two” and “three”.").derived(by_block)
    ((Span(start=0, end=6),), (), (Span(start=29, end=34), Span(start=39, end=46)))
    """
    quotes = doc.quotes
    return tuple(map(quotes.quotations.__getitem__, map(slice, quotes.block_firsts, quotes.block_ends)))
