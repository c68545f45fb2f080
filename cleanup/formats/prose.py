"""Prose assembled from a marked-up source, piece by piece, with its map back.

Every markup format walks its source in order and hands over what is prose: text
copied as it stands, text that reads differently from its source (an entity, an
escape, a line end), and atoms that are not prose at all (inline code, a URL), which
become a neutral placeholder word so the sentence around them still reads as one.
Whatever a format does not hand over (tags, markers, comments) is a gap in the map,
and an edit across a gap is never placed (see sourcemap.py). Blocks are separated by
a blank line, so rules see paragraphs as they do in plain text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

import regex

from ..document import Document, build
from ..model import Span
from ..sourcemap import Piece, SourceMap
from ..suppression import directives

# Stands in for inline code and URLs: one capitalised letter reads as a name to every rule.
PLACEHOLDER = "X"
SEPARATOR = "\n\n"

# A URL written out in running text; trailing sentence punctuation is not part of it.
_URL = regex.compile(r"\b(?:https?://|www\.)[^\s<>\"]+?(?=[.,;:!?)\]'\"]*(?:\s|$))")
# HTML whitespace (not the no-break space, which is text); a run of it reads as one space.
_WHITE = " \t\n\r\f"
_SPACE = regex.compile(r"[ \t\n\r\f]+")
_SPACE_RUN = regex.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")   # whitespace that is not one plain space
ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")   # what a Markdown backslash escapes
_SPECIAL = regex.compile(r"[&\\\r]")   # where a written unit may read differently
# A character reference as HTML and XML write it (named, decimal, hexadecimal).
ENTITY = regex.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass
class Prose:
    """Collects the prose of one document while a format walks its source.

    `collapse` reads runs of whitespace as one space and drops it at block edges, as
    HTML and XML render text; Markdown keeps its text as written.

    >>> p = Prose("<p>Tea &amp; cake</p><p>Next</p>", collapse=True)
    >>> p.text(3, 7); p.decoded(7, 12, "&"); p.text(12, 17); p.end_block(); p.text(24, 28)
    >>> doc = p.document("-")
    >>> doc.text, doc.source_map.to_source(Span(4, 5)), doc.source_map.exact(Span(9, 11))
    ('Tea & cake\\n\\nNext', Span(start=7, end=12), False)
    """

    source: str
    collapse: bool = False
    _parts: list[str] = field(default_factory=list)
    _pieces: list[Piece] = field(default_factory=list)
    _length: int = 0
    _blocks: list[tuple[Span, str]] = field(default_factory=list)
    _sources: list[Span] = field(default_factory=list)   # source extent of each block
    _open: bool = False            # the current block has prose
    _scope: str = "body"
    _space: Span | None = None     # collapsed whitespace waiting for the text after it
    _block_start: int = 0
    _block_source_start: int = 0
    _source_end: int = 0           # where in the source the prose so far ends

    def start_block(self, scope: str = "body") -> None:
        """End the current block; the next prose opens one with `scope`."""
        self.end_block()
        self._scope = scope

    def end_block(self) -> None:
        if self._open:
            self._blocks.append((Span(self._block_start, self._length), self._scope))
            self._sources.append(Span(self._block_source_start, self._source_end))
        self._open = False
        self._space = None

    def text(self, start: int, end: int) -> None:
        """Source text taken as it stands (URLs in it become placeholders)."""
        cursor = start
        for m in _URL.finditer(self.source, start, end):
            self._plain(cursor, m.start())
            self.placeholder(m.start(), m.end())
            cursor = m.end()
        self._plain(cursor, end)

    def decoded(self, start: int, end: int, text: str) -> None:
        """Source `start:end` reads as `text` (an entity, an escape, a line end); as nothing, it is a gap."""
        if not text:
            return
        if self.collapse and _SPACE.fullmatch(text):
            self._whitespace(start, end)
        else:
            self._add(start, end, text)

    def placeholder(self, start: int, end: int) -> None:
        """Source `start:end` is not prose (inline code, a URL, an image)."""
        self._add(start, end, PLACEHOLDER)

    def document(self, path: str, scopes: bool = True, comments: Iterable[tuple[Span, str]] = ()) -> Document:
        """The Document with the suppressions its `comments` (source span, body) declare.

        `scopes=False` lets the plain-text heuristics classify the blocks.
        """
        self.end_block()
        pieces = self._pieces or [Piece(Span(0, 0), Span(0, 0))]
        spans = [span for span, _ in self._blocks]
        doc = build("".join(self._parts), path, SourceMap(pieces), block_spans=spans,
                    scopes=[scope for _, scope in self._blocks] if scopes else None)
        return replace(doc, suppressions=directives(self.source, comments, self._sources))

    def _plain(self, start: int, end: int) -> None:
        if not self.collapse:
            if start < end:
                self._add(start, end, None)
            return
        # Leading and trailing whitespace may meet a neighbour's, or a block edge; single
        # spaces inside stay in the verbatim run, so a paragraph is a few pieces, not one a word.
        chunk = self.source[start:end]
        lead, trail = start + len(chunk) - len(chunk.lstrip(_WHITE)), end - len(chunk) + len(chunk.rstrip(_WHITE))
        if lead > start:
            self._whitespace(start, lead)
        if lead >= trail:
            return
        cursor = lead
        for m in _SPACE_RUN.finditer(self.source, lead, trail):
            self._add(cursor, m.start(), None)
            self._whitespace(m.start(), m.end())
            cursor = m.end()
        self._add(cursor, trail, None)
        if trail < end:
            self._whitespace(trail, end)

    def _whitespace(self, start: int, end: int) -> None:
        if self._open and self._space is None:
            self._space = Span(start, end)

    def _add(self, start: int, end: int, text: str | None) -> None:
        """Append prose for source `start:end`: verbatim when `text` is None."""
        if not self._open:
            if self._blocks:
                self._emit(SEPARATOR, Span(self._source_end, start), separator=True)
            self._open, self._block_start, self._block_source_start = True, self._length, start
        elif self._space is not None:
            space, self._space = self._space, None
            self._emit(" ", space)
        self._emit(self.source[start:end] if text is None else text, Span(start, end))

    def _emit(self, text: str, source: Span, separator: bool = False) -> None:
        prose = Span(self._length, self._length + len(text))
        if separator and len(source) == len(text):
            # Same length would read as verbatim; the first character maps to nothing so
            # that no edit can be placed inside a block break.
            self._pieces.append(Piece(Span(prose.start, prose.start + 1), Span(source.start, source.start)))
            self._pieces.append(Piece(Span(prose.start + 1, prose.end), source))
        else:
            self._pieces.append(Piece(prose, source))
        self._parts.append(text)
        self._length = prose.end
        self._source_end = source.end


class Misaligned(ValueError):
    """What a parser reported does not stand in the source where it said."""


def _reading(reference: str, expected: str, i: int) -> str | None:
    """What a character reference reads as at `expected[i]`: as HTML decodes it or, for a
    number that names no character, the replacement character Markdown gives it."""
    for reading in (html.unescape(reference), "\ufffd" if reference.startswith("&#") else ""):
        if reading and reading != reference and expected.startswith(reading, i):
            return reading
    return None


def align(written: str, start: int, expected: str, escapes: bool = False) -> Iterator[tuple[int, int, str | None]]:
    """How `expected` (what a parser read) is written at `start`: runs copied as they
    stand (None) and single units that read differently (an entity, a backslash escape
    when `escapes`, a CRLF or CR line end read as LF).

    >>> list(align("a&amp;b\\\\*c\\r\\n", 0, "a&b*c\\n", escapes=True))
    [(0, 1, None), (1, 6, '&'), (6, 7, None), (7, 9, '*'), (9, 10, None), (10, 12, '\\n')]
    """
    run, cursor, i = start, start, 0
    while i < len(expected):
        entity = ENTITY.match(written, cursor) if written.startswith("&", cursor) else None
        decoded = _reading(entity.group(), expected, i) if entity else None
        if entity and decoded:
            unit, width, reads = entity.end(), len(decoded), decoded
        elif escapes and written.startswith("\\", cursor) and written[cursor + 1:cursor + 2] in ESCAPABLE:
            unit, width, reads = cursor + 2, 1, written[cursor + 1]
        elif expected[i] == "\n" and written.startswith("\r", cursor):
            unit, width, reads = cursor + (2 if written.startswith("\r\n", cursor) else 1), 1, "\n"
        else:
            special = _SPECIAL.search(written, cursor + 1)
            width = min((special.start() if special else len(written)) - cursor, len(expected) - i)
            if width <= 0 or not written.startswith(expected[i:i + width], cursor):
                raise Misaligned(f"expected {expected[i:i + 20]!r} at {cursor}")
            cursor, i = cursor + width, i + width
            continue
        if reads != expected[i:i + width]:
            raise Misaligned(f"{written[cursor:unit]!r} at {cursor} does not read {expected[i:i + width]!r}")
        if run < cursor:
            yield run, cursor, None
        yield cursor, unit, reads
        run = cursor = unit
        i += width
    if run < cursor:
        yield run, cursor, None
