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

from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .model import Span

if TYPE_CHECKING:
    from .document import Document

# Double marks only: the single guillemets ‹ › pair with ‘ ’ (QUO006 turns them into those),
# so counting them here would let that safe fix unbalance a quotation.
OPENING_GLYPHS = "“„«"
CLOSING_GLYPHS = "”»"
DOUBLE_MARKS = OPENING_GLYPHS + CLOSING_GLYPHS + '"'
_OPEN_BEFORE = set(" \t\n\r([{—–-/\u00a0") | {""}
_CLOSE_AFTER = set(" \t\n\r.,;:!?)]}—–-…\u00a0") | {""}


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


@dataclass(frozen=True, slots=True)
class QuoteAnalysis:
    marks: tuple[Mark, ...]
    quotations: tuple[Span, ...]   # from opening mark to closing mark inclusive
    anomalies: tuple[Anomaly, ...]


def _glyph_role(glyph: str) -> str:
    if glyph in OPENING_GLYPHS:
        # „ and “ both open in German copy, where “ also closes: count “ as an opener.
        return "open"
    return "close" if glyph in CLOSING_GLYPHS else "either"


def _position_role(text: str, offset: int) -> str | None:
    before = text[offset - 1] if offset else ""
    after = text[offset + 1] if offset + 1 < len(text) else ""
    opens = before in _OPEN_BEFORE and after not in _CLOSE_AFTER
    closes = before not in _OPEN_BEFORE and after in _CLOSE_AFTER
    if opens == closes:
        return None
    return "open" if opens else "close"


def _mark(text: str, offset: int) -> Mark:
    glyph = text[offset]
    glyph_role = _glyph_role(glyph)
    position = _position_role(text, offset)
    return Mark(offset, glyph, position or (glyph_role if glyph_role != "either" else ""), glyph_role)


def pair(marks: list[Mark], block: Span, continues: bool) -> tuple[list[Mark], list[Span], list[Anomaly]]:
    """Pair the marks of one paragraph; `continues` says the next paragraph reopens a quote.
    The marks come back with the role the pairing gave those their position left open.

    >>> t = "“One. “Two,” she said."
    >>> _, quotes, bad = pair([_mark(t, i) for i, ch in enumerate(t) if ch in DOUBLE_MARKS], Span(0, len(t)), False)
    >>> quotes, [(a.kind, a.mark.offset) for a in bad]
    ([Span(start=0, end=12)], [('nested-open', 6)])
    """
    placed: list[Mark] = []
    quotes: list[Span] = []
    anomalies: list[Anomaly] = []
    opened: Mark | None = None
    for mark in marks:
        if not mark.role:  # a straight mark that its position cannot place: the pairing decides
            mark = replace(mark, role="close" if opened else "open")
        placed.append(mark)
        role = mark.role
        if mark.glyph_role not in ("either", role):
            anomalies.append(Anomaly("wrong-glyph", mark))
        if role == "open":
            if opened is None:
                opened = mark
            else:
                anomalies.append(Anomaly("nested-open", mark))
        elif opened is not None:
            quotes.append(Span(opened.offset, mark.offset + 1))
            opened = None
        else:
            anomalies.append(Anomaly("unopened", mark))
    if opened is not None:
        quotes.append(Span(opened.offset, block.end))
        if not continues:
            anomalies.append(Anomaly("unclosed", opened))
    return placed, quotes, anomalies


def starts_with_open_quote(text: str, block: Span) -> bool:
    return block.start < block.end and text[block.start] in OPENING_GLYPHS + '"'


def _offsets(text: str) -> list[int]:
    """Where the double marks stand, in order: a native search per glyph, most of them absent.

    >>> _offsets('“A” and "b" «c»')
    [0, 2, 8, 10, 12, 14]
    """
    found = []
    for glyph in DOUBLE_MARKS:
        i = text.find(glyph)
        while i >= 0:
            found.append(i)
            i = text.find(glyph, i + 1)
    found.sort()
    return found


def analyse(text: str, blocks: list[Span]) -> QuoteAnalysis:
    """One search of the text for marks, dealt out to the paragraphs that hold them."""
    offsets = _offsets(text)
    all_marks = [_mark(text, offset) for offset in offsets]
    marks: list[Mark] = []
    quotes: list[Span] = []
    anomalies: list[Anomaly] = []
    k = 0
    for i, block in enumerate(blocks):
        start = bisect_left(offsets, block.start, k)
        k = bisect_left(offsets, block.end, start)
        if start == k:
            continue
        continues = i + 1 < len(blocks) and starts_with_open_quote(text, blocks[i + 1])
        m, q, a = pair(all_marks[start:k], block, continues)
        marks += m
        quotes += q
        anomalies += a
    return QuoteAnalysis(tuple(marks), tuple(quotes), tuple(anomalies))


def by_block(doc: Document) -> tuple[tuple[Span, ...], ...]:
    """The quotations that open in each block, in order: shared by the checks that walk paragraphs.

    >>> from cleanup.document import build
    >>> build("“One,” he said.\\n\\nNone here.\\n\\n“Two” and “three”.").derived(by_block)
    ((Span(start=0, end=6),), (), (Span(start=29, end=34), Span(start=39, end=46)))
    """
    quotes = doc.quotes.quotations
    starts = [q.start for q in quotes]
    return tuple(quotes[bisect_left(starts, b.span.start):bisect_left(starts, b.span.end)] for b in doc.blocks)
