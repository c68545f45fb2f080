"""NITF and NewsML-G2, the IPTC wire formats: headline, byline, dateline and body.

Wire copy arrives from outside, so the XML is first read by defusedxml, which refuses
entity declarations (the billion laughs) and external references; only then does a
second, plain expat pass walk it for positions: expat reports byte offsets, which are
turned into code points here. In NITF the prose is the `body`: `hl1` is the headline,
`hl2` a subhead, `byline` and `dateline` their own blocks, `p` the paragraphs (inside
`bq` they are quotation). A NewsML-G2 item adds its `contentMeta` headline, `by` and
`dateline`, and carries the story in `contentSet/inlineXML` as NITF or XHTML, whose
`body` reads like an HTML page.
"""

from __future__ import annotations

from bisect import bisect_left
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

import defusedxml
import defusedxml.ElementTree
import regex

from ..document import Document
from ..files import InputError
from ..model import Span
from .prose import Misaligned, Prose, align

# Elements that are one block each, with their scope (NITF, NewsML-G2 and XHTML names).
BLOCKS = {
    "hl1": "headline", "h1": "headline", "headline": "headline",
    "hl2": "subhead", "h2": "subhead", "h3": "subhead", "h4": "subhead", "h5": "subhead", "h6": "subhead",
    "byline": "byline", "by": "byline", "dateline": "dateline",
    "p": "body", "li": "body", "dt": "body", "dd": "body", "td": "body", "th": "body",
    "media-caption": "body", "tagline": "body", "div": "body", "blockquote": "body", "bq": "body",
}
QUOTES = frozenset({"bq", "blockquote"})
SKIPPED = frozenset({"pre", "script", "style", "head"})
ATOMS = frozenset({"code", "kbd", "samp"})
_NON_ASCII = regex.compile(r"[^\x00-\x7f]")


class _CodePoints:
    """Byte offsets in the UTF-8 encoding to code-point offsets in the text.

    >>> c = _CodePoints("aé€b")
    >>> [c.offset(b) for b in (0, 1, 3, 6)]
    [0, 1, 2, 3]
    """

    def __init__(self, text: str) -> None:
        self._starts: list[int] = []    # byte offset of each non-ASCII character
        self._extra: list[int] = []     # extra bytes up to and including it
        extra = 0
        for m in _NON_ASCII.finditer(text):
            self._starts.append(m.start() + extra)
            extra += len(m.group().encode("utf-8")) - 1
            self._extra.append(extra)

    def offset(self, byte: int) -> int:
        i = bisect_left(self._starts, byte)
        return byte - (self._extra[i - 1] if i else 0)


def _refuse_unsafe(data: bytes, path: str) -> None:
    try:
        defusedxml.ElementTree.fromstring(data)
    except defusedxml.EntitiesForbidden as bad:
        raise InputError(f"{path}: unsafe XML (declares entity {bad.name!r}; entity declarations are refused)") from None
    except defusedxml.DefusedXmlException as bad:
        raise InputError(f"{path}: unsafe XML ({bad})") from None
    except ParseError as bad:
        raise InputError(f"{path}: not well-formed XML ({bad})") from None


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.prose = Prose(source, collapse=True)
        self.comments: list[tuple[Span, str]] = []
        self._points = _CodePoints(source)
        self._parser = expat.ParserCreate(encoding="UTF-8")
        self._parser.buffer_text = False
        self._parser.StartElementHandler = self._start
        self._parser.EndElementHandler = self._end
        self._parser.CharacterDataHandler = self._text
        self._parser.CommentHandler = self._comment
        self._path: list[str] = []
        self._reading = 0      # depth of `body` elements and contentMeta blocks: where prose is
        self._skipped = 0
        self._quotes = 0
        self._atom: int | None = None

    def read(self, data: bytes) -> None:
        self._parser.Parse(data, True)

    def _here(self) -> int:
        return self._points.offset(self._parser.CurrentByteIndex)

    def _start(self, name: str, attrs) -> None:
        local = name.rpartition(":")[2]
        parent = self._path[-1] if self._path else ""
        self._path.append(local)
        if local == "body" or (parent == "contentMeta" and local in ("headline", "by", "dateline")):
            self._reading += 1
        if local in SKIPPED:
            self._skipped += 1
        elif local in ATOMS and self._atom is None and self._reading:
            self._atom = self._here()
        if local in QUOTES:
            self._quotes += 1
        if local in BLOCKS:
            self.prose.start_block(self._scope(local))

    def _end(self, name: str) -> None:
        local = self._path.pop()
        parent = self._path[-1] if self._path else ""
        if local in ATOMS and self._atom is not None and not self._skipped:
            self.prose.placeholder(self._atom, self.source.index(">", self._here()) + 1)
            self._atom = None
        if local in SKIPPED:
            self._skipped -= 1
        if local in QUOTES:
            self._quotes -= 1
        if local in BLOCKS:
            self.prose.start_block(self._scope(parent))
        if local == "body" or (parent == "contentMeta" and local in ("headline", "by", "dateline")):
            self._reading -= 1

    def _scope(self, local: str) -> str:
        scope = BLOCKS.get(local, "body")
        return "quotation" if scope == "body" and self._quotes else scope

    def _text(self, data: str) -> None:
        if not self._reading or self._skipped or self._atom is not None:
            return
        start = self._here()
        for begin, end, reads in align(self.source, start, data):
            if reads is None:
                self.prose.text(begin, end)
            else:
                self.prose.decoded(begin, end, reads)

    def _comment(self, data: str) -> None:
        start = self._here()
        self.comments.append((Span(start, self.source.index("-->", start + 4) + 3), data))


def load(source: str, path: str) -> Document:
    data = source.encode("utf-8")
    _refuse_unsafe(data, path)
    reader = _Reader(source)
    try:
        reader.read(data)
    except (expat.ExpatError, Misaligned) as bad:
        raise InputError(f"{path}: cannot read XML positions ({bad})") from None
    return reader.prose.document(path, comments=reader.comments)
