"""A document as rules see it: prose text, blocks with scopes, and a map to the source.

Scopes let a rule skip what it must not touch: a style rule leaves quoted speech
alone, the time rule trusts a dateline. Everything here is computed once per document
so that no rule has to rediscover paragraphs or quotations.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right, insort
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple, TypeVar

import regex

from .model import Span
from .positions import LineIndex
from .quotemarks import QuoteAnalysis, analyse
from .sourcemap import SourceMap

if TYPE_CHECKING:
    from .suppression import Suppression

SCOPES = ("headline", "subhead", "byline", "dateline", "body", "quotation")
_SCOPE_INDEX = {scope: i for i, scope in enumerate(SCOPES)}
_DATELINE_SCOPE, _QUOTATION = _SCOPE_INDEX["dateline"], _SCOPE_INDEX["quotation"]

_BLANK_LINES = regex.compile(r"\n[ \t\r\f\v]*(?:\r?\n|\r)|\r[ \t\f\v]*\r(?!\n)")
# What the patterns here take for white space (`\s`, the Unicode property); `str.isspace`
# also counts \x1c-\x1f, which `\s` does not.
_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_VISIBLE = regex.compile(r"[^\s\p{Cc}\p{Cf}]")
# Place names are bounded (words of at most 24 capitals, at most six words): unbounded, a
# paragraph of shouted words made the match backtrack quadratically.
_DATELINE = regex.compile(
    r"(?:\p{Lu}{2,24}\.?(?:[ -]\p{Lu}{2,24}\.?){0,5}|\p{Lu}{2}\. \p{Lu}{3,24})"  # ANKARA, ST. LOUIS, NEW YORK
    r"(?:, [\p{L}\p{N}][^—–\n()]{1,39}?)?"                   # , Turkey  /  , Nov. 3 (never spaces or dots)
    r"(?: ?\([^()\n]{1,30}\))?"                             # (AP)
    r" ?(?:—|–|--|-) ?"
)
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*")
# Marks before `By` (an ellipsis an encoding repair made of U+0085) keep a byline a byline.
_BYLINE = regex.compile(r"\p{P}{0,3}By \p{Lu}[^\n]{0,60}")
# A final quote mark ends a sentence whichever way it points: else QUO004 turning a “ into ”
# would turn a headline into body copy.
_SENTENCE_END = frozenset(".,;:)…\"“”‘’«»„")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Segment:
    span: Span
    scope: str


class Segments(Sequence[Segment]):
    """Flat, ordered pieces of the text with their scopes, as three flat arrays.

    A wire archive has hundreds of thousands of segments: as objects with their spans they
    took 27 MB of a 50 MB file's check, as arrays 17 bytes each. An item is made on request.

    >>> s = Segments([0, 4, SCOPES.index("headline"), 6, 9, SCOPES.index("body")])
    >>> len(s), s[1], list(s) == [Segment(Span(0, 4), "headline"), Segment(Span(6, 9), "body")]
    (2, Segment(span=Span(start=6, end=9), scope='body'), True)
    """

    __slots__ = ("starts", "ends", "scopes")

    def __init__(self, flat: Sequence[int] = ()) -> None:
        """From start, end and index into SCOPES of each segment, one after another (one list
        to extend while building; three arrays to keep)."""
        self.starts, self.ends = array("q", flat[0::3]), array("q", flat[1::3])
        self.scopes = array("B", flat[2::3])

    def scope(self, i: int) -> str:
        return SCOPES[self.scopes[i]]

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int) -> Segment:   # type: ignore[override]  (no slices: nothing needs them)
        return Segment(Span(self.starts[i], self.ends[i]), self.scope(i))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Segments) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __getstate__(self) -> tuple:
        return self.starts, self.ends, self.scopes

    def __setstate__(self, state: tuple) -> None:
        self.starts, self.ends, self.scopes = state


class Block(NamedTuple):
    """A paragraph, headline, subhead or byline.

    A named tuple, not a frozen dataclass: every document makes one per paragraph, and a
    tuple is made in half the time.
    """

    span: Span
    scope: str


@dataclass(frozen=True)
class Document:
    text: str
    blocks: tuple[Block, ...]
    dateline: Span | None
    quotes: QuoteAnalysis
    source_map: SourceMap
    path: str = "-"
    segments: Segments = field(default_factory=Segments, compare=False)
    # House choices from configuration (spelling, quotes, accepted names) that rules honour.
    house: Mapping[str, object] = field(default_factory=dict, compare=False)
    # Inline suppression comments the source format found (see suppression.py).
    suppressions: tuple[Suppression, ...] = field(default=(), compare=False)
    # Analyses several rules share (see `derived`); a copy made with `replace` starts empty.
    memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __getstate__(self) -> dict:
        """Pickled (results come back from worker processes) without the memo, which may hold native automata."""
        return {**self.__dict__, "memo": {}}

    # Starts for bisection as a flat array: 8 bytes an offset, where a list of a wire archive's
    # hundreds of thousands of paragraphs would hold an integer object (40 bytes) for each.
    @cached_property
    def _block_starts(self) -> array:
        return array("q", (b.span.start for b in self.blocks))

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    def scope_at(self, offset: int) -> str:
        return self.scope_stretch(offset)[0]

    def scope_stretch(self, offset: int) -> tuple[str, int]:
        """The scope at `offset` and where the stretch with that scope ends: a scan in text
        order need not ask again before then.

        >>> d = build("He said “we go” today.")
        >>> d.scope_stretch(0), d.scope_stretch(9), d.scope_stretch(30)
        (('body', 8), ('quotation', 15), ('body', 31))
        """
        segments = self.segments
        i = bisect_right(segments.starts, offset) - 1
        if i >= 0 and offset < segments.ends[i]:
            return segments.scope(i), segments.ends[i]
        # Between segments (or past the last), up to the next one.
        return "body", segments.starts[i + 1] if i + 1 < len(segments) else max(offset, len(self.text)) + 1

    def derived(self, analysis: Callable[..., T], *args: Hashable) -> T:
        """`analysis(self, *args)`, computed once per document however many rules ask for it.

        >>> calls = []
        >>> def words(doc, least): calls.append(doc); return [w for w in doc.text.split() if len(w) >= least]
        >>> d = build("One. Three.")
        >>> d.derived(words, 5), d.derived(words, 5), len(calls), d.derived(words, 1), len(calls)
        (['Three.'], ['Three.'], 1, ['One.', 'Three.'], 2)
        """
        key = (analysis, *args) if args else analysis
        try:
            return self.memo[key]   # most asks: one lookup
        except KeyError:
            found = self.memo[key] = analysis(self, *args)
            return found

    def block_index(self, offset: int) -> int:
        """Index of the block holding `offset`, or of the last block before it."""
        return max(bisect_right(self._block_starts, offset) - 1, 0)


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs as start and end offsets: blank-line separated; with no blank line anywhere, one per line.

    A paragraph runs from its first line's first non-space character to its last line's
    last one. Lines end at \\r\\n, \\r or \\n only: `str.splitlines` also breaks at \\v, \\f,
    \\x1c-\\x1e, \\x85 and \\u2028-\\u2029, so such pieces join the line they are in. Lines
    found that way, trimmed with `str.strip`, cost a fifth of a pattern's pass over the text.

    >>> split_blocks("Head\\n\\nOne.\\nstill one.\\n\\n  \\nTwo.\\n")
    [(0, 4), (6, 21), (26, 30)]
    >>> split_blocks("One.\\nTwo."), split_blocks("One.\\r\\nTwo.\\rThree\\u2028four\\x1c \\n")
    ([(0, 4), (5, 9)], [(0, 4), (6, 10), (11, 22)])
    >>> split_blocks("Head\\n\\n\\x00\\ufeff\\n"), split_blocks("A\\n\\nx\\x1c\\n\\xa0\\nB")
    ([(0, 4)], [(0, 1), (3, 5), (8, 9)])
    >>> split_blocks("One \\ntwo.\\n\\nThree."), split_blocks("\\u3000 \\n\\n")
    ([(0, 9), (11, 17)], [])
    """
    together = _BLANK_LINES.search(text) is not None
    blocks: list[tuple[int, int]] = []
    joins = False   # the line before was not blank: in blank-line separated copy, this one continues it
    line_start = end = 0
    for piece in text.splitlines(True):
        end += len(piece)
        if piece[-1] not in "\r\n" and end < len(text):
            continue   # a break only str.splitlines sees
        body = (text[line_start:end] if end - line_start != len(piece) else piece).lstrip(_SPACE)
        line_start = end
        if not body:
            joins = False
            continue
        start = end - len(body)
        stop = start + len(body.rstrip(_SPACE))
        if joins:
            blocks[-1] = (blocks[-1][0], stop)
        else:
            blocks.append((start, stop))
        joins = together
    return [(start, stop) for start, stop in blocks if _visible(text, start, stop)]


def _visible(text: str, start: int, end: int) -> bool:
    """Whether a paragraph holds more than control or format characters (a stray NUL, a BOM).

    Such a paragraph is damage, not copy: counted, it would make the line above a headline
    until a fix deletes it. A block starts with a non-space character: when that one is
    printable, it is visible.
    """
    return start < end and text[start].isprintable() or _VISIBLE.search(text, start, end) is not None


def _classify(text: str, bounds: list[tuple[int, int]]) -> list[str]:
    """The scope of each paragraph (start and end offsets) of a text without its own structure."""
    scopes = []
    last = len(bounds) - 1
    for i, (start, end) in enumerate(bounds):
        bare = text[end - 1] not in _SENTENCE_END
        # Only short lines near the top or without a final mark can be headlines, bylines or
        # subheads: look closer only at them (most paragraphs are long, or end in a period).
        # One near the top that ends in a mark can only be a byline: its pattern, a miss at
        # the first characters, decides before the words are counted.
        scope = "body"
        if ((i <= 2 or bare) and end - start < 200 and text.find("\n", start, end) < 0
                and text.find("\r", start, end) < 0 and (bare or _BYLINE.fullmatch(text, start, end))):
            # Words, not white-space runs: a safe fix spacing out `said..Next` must not make
            # a 20-word headline 21 words of body copy.
            words = len(_WORD.findall(text, start, end))
            if i == 0 and last > 0 and words <= 20 and bare:
                scope = "headline"
            elif i <= 2 and words <= 8 and _BYLINE.fullmatch(text, start, end):
                scope = "byline"
            elif 0 < i < last and words <= 12 and bare and text[end - 1] not in "?!":
                scope = "subhead"
        scopes.append(scope)
    return scopes


def _find_dateline(text: str, bounds: list[tuple[int, int]], scopes: list[str]) -> Span | None:
    """The dateline opening one of the first body paragraphs (a headline may pass for body)."""
    for start, end in [b for b, scope in zip(bounds, scopes) if scope == "body"][:3]:
        m = _DATELINE.match(text, start, end)
        if m:
            return Span(m.start(), m.end())
    return None


def _segments(bounds: list[tuple[int, int]], scopes: list[str], dateline: Span | None,
              quotes: QuoteAnalysis) -> Segments:
    """Paragraphs cut into flat, ordered pieces: quotations and the dateline carve their own."""
    # Offsets as plain integers: a span computes its ends from one integer on every read.
    inner = [(q.start, q.end, _QUOTATION) for q in quotes.quotations]   # in order already
    if dateline:
        insort(inner, (dateline.start, dateline.end, _DATELINE_SCOPE), key=lambda item: item[0])
    flat: list[int] = []
    k = 0
    for (cursor, block_end), block_scope in zip(bounds, scopes):
        own = _SCOPE_INDEX[block_scope]
        while k < len(inner) and inner[k][0] < block_end:
            start, end, scope = inner[k]
            k += 1
            if end <= cursor:
                continue  # a quotation inside the dateline (`ANKARA, “X” —`): the dateline has it
            if start > cursor:
                flat += (cursor, start, own)
            flat += (max(start, cursor), end, own if block_scope == "headline" else scope)
            cursor = end
        if cursor < block_end:
            flat += (cursor, block_end, own)
    return Segments(flat)


def build(text: str, path: str = "-", source_map: SourceMap | None = None,
          block_spans: list[Span] | None = None, scopes: list[str] | None = None) -> Document:
    """A document from prose; formats with their own structure pass blocks and scopes.

    >>> d = build("Talks resume\\n\\nANKARA (AA) — He said “we go” today.\\n")
    >>> [b.scope for b in d.blocks], d.scope_at(d.text.index("we")), d.scope_at(d.text.index("ANKARA"))
    (['headline', 'body'], 'quotation', 'dateline')
    """
    if block_spans is None:
        bounds = split_blocks(text)
        scopes = _classify(text, bounds)
    else:  # a format's paragraphs (a DOCX paragraph holding only a NUL) meet the same test
        kept = [i for i, s in enumerate(block_spans) if _visible(text, s.start, s.end)]
        bounds = [(block_spans[i].start, block_spans[i].end) for i in kept]
        scopes = [scopes[i] for i in kept] if scopes is not None else _classify(text, bounds)
    dateline = (Span(*bounds[scopes.index("dateline")]) if "dateline" in scopes
                else _find_dateline(text, bounds, scopes))
    quotes = analyse(text, bounds)
    return Document(
        text=text,
        blocks=tuple(map(Block, Span.each(bounds), scopes)),
        dateline=dateline,
        quotes=quotes,
        source_map=source_map or SourceMap.identity(len(text)),
        path=path,
        segments=_segments(bounds, scopes, dateline, quotes),
    )
