"""HTML: the text of a page's block elements, read with the standard library's parser.

`html.parser` reports every tag, text run, character reference and comment at its
source position, which is all a map back needs. Text is read as a browser shows it
(whitespace runs are one space), character references are decoded as single pieces
so no edit cuts through `&amp;`, and tags are gaps an edit never crosses. Scripts,
styles, preformatted text and the head are not prose; inline code is a placeholder.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import regex

from ..document import Document
from ..model import Span
from .prose import Prose

BLOCKS = frozenset("""p h1 h2 h3 h4 h5 h6 li blockquote div section article header footer aside main nav
    ul ol dl dt dd table thead tbody tfoot tr td th caption figure figcaption pre hr address form fieldset
    legend details summary body html""".split())
SKIPPED = frozenset("script style pre head template svg math textarea select noscript".split())
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
ATOMS = frozenset("code kbd samp var".split())    # inline, not prose: one placeholder each
_COMMENT_CLOSE = regex.compile(r"--!?\s*>")
_LINE = regex.compile(r"\n")


class _Reader(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.prose = Prose(source, collapse=True)
        self.comments: list[tuple[Span, str]] = []
        self._line_starts = [0] + [m.end() for m in _LINE.finditer(source)]
        self._skipped = 0
        self._atom: int | None = None    # where the open inline-code element started
        self._atom_depth = 0
        self._headings: list[str] = []
        self._quotes = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _scope(self) -> str:
        if self._headings:
            return "headline" if self._headings[-1] == "h1" else "subhead"
        return "quotation" if self._quotes else "body"

    def _hidden(self) -> bool:
        return bool(self._skipped or self._atom_depth)

    def handle_starttag(self, tag: str, attrs) -> None:
        start = self._offset()
        if tag in SKIPPED:
            self._skipped += 1
        elif tag in ATOMS and not self._skipped:
            if not self._atom_depth:
                self._atom = start
            self._atom_depth += 1
        elif tag == "br" and not self._hidden():
            self.prose.decoded(start, start + len(self.get_starttag_text() or ""), " ")
        if tag in HEADINGS:
            self._headings.append(tag)
        elif tag == "blockquote":
            self._quotes += 1
        if tag in BLOCKS:
            self.prose.start_block(self._scope())

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        if tag in SKIPPED:
            self._skipped = max(self._skipped - 1, 0)
        elif tag in ATOMS and self._atom_depth:
            self._atom_depth -= 1
            if not self._atom_depth and self._atom is not None:
                self.prose.placeholder(self._atom, self.source.index(">", start) + 1)
        if tag in HEADINGS and tag in self._headings:
            while self._headings.pop() != tag:
                pass
        elif tag == "blockquote":
            self._quotes = max(self._quotes - 1, 0)
        if tag in BLOCKS:
            self.prose.start_block(self._scope())

    def handle_data(self, data: str) -> None:
        if not self._hidden():
            start = self._offset()
            self.prose.text(start, start + len(data))

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def _reference(self, written: str) -> None:
        if self._hidden():
            return
        start = self._offset()
        end = start + len(written) + int(self.source.startswith(";", start + len(written)))
        decoded = html.unescape(self.source[start:end])
        if decoded == self.source[start:end]:
            self.prose.text(start, end)     # not a reference after all: text as written
        else:
            self.prose.decoded(start, end, decoded)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:   # the standard parser asserts; HTML5 reads `<![x ...>` as a bogus comment
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        close = _COMMENT_CLOSE.match(self.source, start + 4 + len(data))
        self.comments.append((Span(start, close.end() if close else len(self.source)), data))


def load(source: str, path: str) -> Document:
    reader = _Reader(source)
    reader.feed(source)
    reader.close()
    return reader.prose.document(path, comments=reader.comments)
