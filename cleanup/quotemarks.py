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

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
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
# Marks are handled a run of adjacent marks at a time, each mark's role a letter: o(pen),
# c(lose), or e(ither: a straight mark its position left open, placed by the pairing).
# Python then works per run and per change of role, not per mark, so a paragraph of
# 100,000 quote marks costs a few regular-expression passes.
_RUN = re.compile("[" + DOUBLE_MARKS + "]+")
_GLYPH_LETTER = str.maketrans({**dict.fromkeys(OPENING_GLYPHS, "o"), **dict.fromkeys(CLOSING_GLYPHS, "c"), '"': "e"})
_EMPTY_QUOTES = re.compile("(?:[oe][ce])+")   # from no open quotation: open, close, open, close...
_SAME = {"o": re.compile("o+"), "c": re.compile("c+")}
_ROLE = {"o": "open", "c": "close", "e": "either"}
_LETTER = {glyph: glyph.translate(_GLYPH_LETTER) for glyph in DOUBLE_MARKS}
_REOPENS = frozenset(OPENING_GLYPHS + '"')   # a paragraph starting with one continues a quotation


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


def _position_role(text: str, offset: int) -> str | None:
    """"o" or "c" where the neighbours decide (after a space a mark opens, before one it closes)."""
    # Opens after an opening neighbour unless a closing one follows; closes the other way round.
    opening_before = (text[offset - 1] if offset else "") in _OPEN_BEFORE
    if opening_before == (text[offset + 1:offset + 2] in _CLOSE_AFTER):
        return None
    return "o" if opening_before else "c"


def _letters(text: str, start: int, glyphs: str, anomalies: list[Anomaly]) -> str:
    """Role letters of a run: glyph letters, overridden by position where it decides.

    Only a run's first and last mark have a neighbour that is not a mark, so only they
    can be placed by position, and only they can have the wrong glyph.
    """
    last = len(glyphs) - 1
    if not last:   # the usual run, one mark
        letter = _LETTER[glyphs]
        placed = _position_role(text, start)
        if placed is None or placed == letter:
            return letter
    letters = glyphs.translate(_GLYPH_LETTER)
    for i in (0, last) if last else (0,):
        placed = _position_role(text, start + i)
        if placed and placed != letters[i]:
            if letters[i] != "e":
                anomalies.append(Anomaly("wrong-glyph", Mark(start + i, glyphs[i], _ROLE[placed], _ROLE[letters[i]])))
            letters = letters[:i] + placed + letters[i + 1:]
    return letters


def _mark(text: str, offset: int, letter: str) -> Mark:
    return Mark(offset, text[offset], _ROLE[letter], _glyph_role(text[offset]))


class _Pairing:
    """The document's runs, quotations and anomalies, gathered a paragraph at a time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.quotes: list[tuple[int, int]] = []   # spans made at the end, all at once
        self.anomalies: list[Anomaly] = []

    def analysis(self, found: list[tuple[int, int]], bounds: list[tuple[int, int]]) -> QuoteAnalysis:
        """Pair the runs of marks (`found`, in order) paragraph by paragraph.

        A straight mark's role (e) is settled by the pairing; every other letter is its role.
        A quotation left open at a paragraph's end is unclosed unless the next paragraph
        reopens it (the news convention for quotations over several paragraphs).
        """
        text, quotes, anomalies = self.text, self.quotes, self.anomalies
        starts: list[int] = []
        glyph_runs: list[str] = []
        settled: list[str] = []
        first, count = 0, len(found)
        for b, (block_start, block_end) in enumerate(bounds):
            while first < count and found[first][1] <= block_start:
                first += 1
            if first == count:
                break   # no mark in this paragraph or after it
            if found[first][0] >= block_end:
                continue   # most paragraphs: no mark
            opened = -1   # offset of the mark that opened the current quotation
            k = first
            while k < count and found[k][0] < block_end:
                start, end = found[k]
                k += 1
                # Formats may give blocks with no gap between them: a run may cross the edge.
                if start < block_start:
                    start = block_start
                if end > block_end:
                    end = block_end
                glyphs = text[start:end]
                letters = _letters(text, start, glyphs, anomalies)
                roles = ""   # the run's settled letters (most runs: one)
                i, size = 0, end - start
                while i < size:
                    if size - i > 1:   # several marks left: a stretch of them may be one step
                        after, opened, stretch = self._stretch(start, letters, i, opened)
                        if after > i:
                            roles += stretch
                            i = after
                            continue
                    letter = letters[i]
                    if letter == ("o" if opened >= 0 else "c"):
                        anomalies.append(Anomaly("nested-open" if opened >= 0 else "unopened", _mark(text, start + i, letter)))
                    elif opened < 0:
                        opened, letter = start + i, "o"
                    else:
                        quotes.append((opened, start + i + 1))
                        opened, letter = -1, "c"
                    roles += letter
                    i += 1
                starts.append(start)
                glyph_runs.append(glyphs)
                settled.append(roles)
            if opened >= 0:
                quotes.append((opened, block_end))
                following = bounds[b + 1][0] if b + 1 < len(bounds) else len(text)
                if text[following:following + 1] not in _REOPENS:
                    anomalies.append(Anomaly("unclosed", _mark(text, opened, "o")))
            if k > first:
                first = k - 1 if found[k - 1][1] > block_end else k
        return QuoteAnalysis(tuple(starts), tuple(glyph_runs), tuple(settled), tuple(Span.each(quotes)), tuple(anomalies))

    def _stretch(self, start: int, letters: str, i: int, opened: int) -> tuple[int, int, str]:
        """Back-to-back empty quotations, or adjacent marks with one anomaly, from letters[i]
        on as one step: returns where the next step starts, the open mark and the step's letters."""
        if opened < 0 and (empty := _EMPTY_QUOTES.match(letters, i)):
            self.quotes.append((start + i, start + empty.end()))
            return empty.end(), opened, "oc" * ((empty.end() - i) // 2)
        letter = letters[i]
        if letter == ("o" if opened >= 0 else "c"):
            same = _SAME[letter].match(letters, i).end()
            kind = "nested-open" if opened >= 0 else "unopened"
            self.anomalies.append(Anomaly(kind, _mark(self.text, start + i, letter), same - i))
            return same, opened, letters[i:same]
        return i, opened, ""


def _runs(text: str) -> list[tuple[int, int]]:
    """Start and end of each run of adjacent marks, in order.

    Copy holds a mark every few hundred characters: finding each glyph with `str.find`
    skips the text between them at memory speed, where a character class tests every
    character (ten times the cost). Past one mark in 32 characters, a mark found in
    Python costs more than the class's characters: such a text goes to the class, which
    also makes one match of a run however long.

    >>> _runs('“A” ""„b' + ' ' * 300), _runs("none"), _runs('x' + '"' * 999)
    ([(0, 1), (2, 3), (4, 7)], [], [(1, 1000)])
    """
    offsets: list[int] = []
    most = len(text) >> 5
    for mark in DOUBLE_MARKS:
        at = text.find(mark)
        while at >= 0:
            offsets.append(at)
            if len(offsets) > most:
                return [m.span() for m in _RUN.finditer(text)]
            at = text.find(mark, at + 1)
    offsets.sort()
    runs: list[tuple[int, int]] = []
    start = end = -2
    for at in offsets:
        if at != end:
            if end >= 0:
                runs.append((start, end))
            start = at
        end = at + 1
    if end >= 0:
        runs.append((start, end))
    return runs


def analyse(text: str, blocks: list[tuple[int, int]]) -> QuoteAnalysis:
    """One search of the text for runs of marks, dealt out to the paragraphs (start and end offsets) that hold them.

    >>> t = "“One. “Two,” she said”””. " + '"' * 4 + "\\n\\n“Three.\\n\\n“Four."
    >>> a = analyse(t, [(0, 30), (32, 39), (41, 47)])
    >>> a.run_starts, a.run_roles, a.quotations
    ((0, 6, 11, 21, 26, 32, 41), ('o', 'o', 'c', 'ccc', 'ococ', 'o', 'o'), (Span(start=0, end=12), Span(start=26, end=30), Span(start=32, end=39), Span(start=41, end=47)))
    >>> [(a.kind, a.mark.offset, a.count) for a in a.anomalies]
    [('nested-open', 6, 1), ('unopened', 21, 3), ('unclosed', 41, 1)]
    """
    return _Pairing(text).analysis(_runs(text), blocks)


def by_block(doc: Document) -> tuple[tuple[Span, ...], ...]:
    """The quotations that open in each block, in order: shared by the checks that walk paragraphs.

    >>> from cleanup.document import build
    >>> build("“One,” he said.\\n\\nNone here.\\n\\n“Two” and “three”.").derived(by_block)
    ((Span(start=0, end=6),), (), (Span(start=29, end=34), Span(start=39, end=46)))
    """
    quotes = doc.quotes.quotations
    starts = [q.start for q in quotes]
    return tuple(quotes[bisect_left(starts, b.span.start):bisect_left(starts, b.span.end)] for b in doc.blocks)
