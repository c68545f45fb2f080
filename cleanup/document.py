"""A document as rules see it: prose text, blocks with scopes, and a map to the source.

Scopes let a rule skip what it must not touch: a style rule leaves quoted speech
alone, the time rule trusts a dateline. Everything here is computed once per document
so that no rule has to rediscover paragraphs or quotations.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from . import _native
from .model import Span
from .positions import LineIndex
from .quotemarks import QuoteAnalysis, paired
from .sourcemap import SourceMap

if TYPE_CHECKING:
    from .suppression import Suppression

SCOPES = ("headline", "subhead", "byline", "dateline", "body", "quotation")
_SCOPE_INDEX = {scope: i for i, scope in enumerate(SCOPES)}

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Segment:
    span: Span
    scope: str


class Segments(Sequence[Segment]):
    """Flat, ordered pieces of the text with their scopes, as three flat arrays.

    A wire archive has hundreds of thousands of segments: as objects with their spans they
    took 27 MB of a 50 MB file's check, as arrays 17 bytes each. An item is made on request.

    >>> s = Segments([0, 6], [4, 9], [SCOPES.index("headline"), SCOPES.index("body")])
    >>> len(s), s[1], list(s) == [Segment(Span(0, 4), "headline"), Segment(Span(6, 9), "body")]
    (2, Segment(span=Span(start=6, end=9), scope='body'), True)
    """

    __slots__ = ("starts", "ends", "scopes")

    def __init__(self, starts: Iterable[int] | bytes = (), ends: Iterable[int] | bytes = (),
                 scopes: Iterable[int] | bytes = ()) -> None:
        """From each segment's start, end and index into SCOPES: integers, or the arrays' own
        bytes (as the native core makes them, no integer object between)."""
        self.starts, self.ends, self.scopes = array("q", starts), array("q", ends), array("B", scopes)

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
    # Read by maps at C speed (a span's start is a bound method of an int, no Python frame).
    @cached_property
    def _block_starts(self) -> array:
        return array("q", map(Span.start.fget, map(itemgetter(0), self.blocks)))

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    def scope_at(self, offset: int) -> str:
        """The scope at `offset`: `scope_stretch` without the stretch, in one frame (rules ask
        thousands of times a document).

        >>> d = build("He said “we go” today.")
        >>> [d.scope_at(i) for i in (0, 9, 15, 30)]
        ['body', 'quotation', 'body', 'body']
        """
        segments = self.segments
        i = bisect_right(segments.starts, offset) - 1
        return SCOPES[segments.scopes[i]] if i >= 0 and offset < segments.ends[i] else "body"

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
            return SCOPES[segments.scopes[i]], segments.ends[i]
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


def build(text: str, path: str = "-", source_map: SourceMap | None = None,
          block_spans: list[Span] | None = None, scopes: list[str] | None = None) -> Document:
    """A document from prose; formats with their own structure pass blocks and scopes.

    >>> d = build("Talks resume\\n\\nANKARA (AA) — He said “we go” today.\\n")
    >>> [b.scope for b in d.blocks], d.scope_at(d.text.index("we")), d.scope_at(d.text.index("ANKARA"))
    (['headline', 'body'], 'quotation', 'dateline')

    The structure is found natively (document.rs), in one call: paragraphs, their scopes,
    the dateline, quote pairing and segments each read every character of every document,
    which as Python cost as much as a rule pack.

    Paragraphs are blank-line separated; with no blank line anywhere, one per line. A
    paragraph runs from its first line's first non-space character to its last line's
    last one. Lines end at \\r\\n, \\r or \\n only (`str.splitlines` also breaks at \\v, \\f,
    \\x1c-\\x1e, \\x85 and \\u2028-\\u2029: such pieces join the line they are in). A
    paragraph of nothing but control or format characters (a stray NUL, a BOM) is damage,
    not copy: counted, it would make the line above a headline until a fix deletes it. A
    format's paragraphs meet the same test (a DOCX paragraph holding only a NUL).

    >>> def pairs(text): return [(b.span.start, b.span.end) for b in build(text).blocks]
    >>> pairs("Head\\n\\nOne.\\nstill one.\\n\\n  \\nTwo.\\n")
    [(0, 4), (6, 21), (26, 30)]
    >>> pairs("One.\\nTwo."), pairs("One.\\r\\nTwo.\\rThree\\u2028four\\x1c \\n")
    ([(0, 4), (5, 9)], [(0, 4), (6, 10), (11, 22)])
    >>> pairs("Head\\n\\n\\x00\\ufeff\\n"), pairs("A\\n\\nx\\x1c\\n\\xa0\\nB")
    ([(0, 4)], [(0, 1), (3, 5), (8, 9)])
    >>> pairs("One \\ntwo.\\n\\nThree."), pairs("\\u3000 \\n\\n")
    ([(0, 9), (11, 17)], [])

    Only short lines near the top or without a final mark can be headlines, bylines or
    subheads. Words are counted as words, not white-space runs: a safe fix spacing out
    `said..Next` must not make a 20-word headline 21 words of body copy.

    >>> [b.scope for b in build("Talks resume\\n\\nBy Ali Veli\\n\\nHe said.\\n\\nAfter the talks\\n\\nEnd.").blocks]
    ['headline', 'byline', 'body', 'subhead', 'body']

    The dateline opens one of the first three body paragraphs (a headline may pass for
    body): `\\p{Lu}{2,24}\\.?(?:[ -]\\p{Lu}{2,24}\\.?){0,5}` or `\\p{Lu}{2}\\. \\p{Lu}{3,24}`
    (ANKARA, NEW YORK, ST. LOUIS; bounded, or a paragraph of shouted words would make the
    search quadratic), then `, [\\p{L}\\p{N}][^—–\\n()]{1,39}?` (a country, a date),
    ` ?\\([^()\\n]{1,30}\\)` (an agency) and a dash, each optional but the dash.

    >>> [build(t).dateline for t in ("ST. LOUIS, Mo. (AP) -- Rain.", "Head\\n\\nNEW-YORK—Rain.", "NASA said.")]
    [Span(start=0, end=23), Span(start=6, end=15), None]
    """
    blocks, dateline, pairing, segments = _native.build(
        text, block_spans, None if scopes is None else bytes(map(_SCOPE_INDEX.__getitem__, scopes)), Span, Block, SCOPES)
    return Document(
        text=text,
        blocks=blocks,
        dateline=dateline,
        quotes=paired(text, *pairing),
        source_map=source_map or SourceMap.identity(len(text)),
        path=path,
        segments=Segments(*segments),
    )
