"""Markdown (CommonMark): the prose of paragraphs, headings and block quotes.

markdown-it gives the block structure with source lines, and for each paragraph its
inline tokens, but no inline offsets. So each token is matched back onto the
paragraph's source in order: text character by character (an escape or an entity is
one piece that reads differently), markers and link syntax skipped, inline code,
autolinks and images replaced by a placeholder. Should the match ever fail, the file
is refused rather than checked at the wrong places. Front matter, code blocks and raw
HTML are not prose; HTML comments may carry suppression directives.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from ..document import Document
from ..files import InputError
from ..model import Span
from .prose import Misaligned, Prose, align

_FRONT_MATTER = regex.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\.\.\.|\+\+\+)[ \t]*$",
                              regex.DOTALL | regex.MULTILINE)
_LINE_BREAK = regex.compile(r"\r\n|\r|\n")
_COMMENT = regex.compile(r"<!--(.*?)-->", regex.DOTALL)
# What may stand before a paragraph's text on its line: indentation, quote and list markers.
_PREFIX = frozenset(" \t>#-+*.)0123456789")
_MARKERS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}


@cache
def _parser():
    from markdown_it import MarkdownIt  # imported on first use: plain-text runs never pay for it
    return MarkdownIt("commonmark")


@dataclass(frozen=True)
class _Lines:
    """Where each source line starts and where its text ends (before the line break)."""

    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, source: str) -> _Lines:
        breaks = list(_LINE_BREAK.finditer(source))
        return cls([0] + [m.end() for m in breaks], [m.start() for m in breaks] + [len(source)])


def _column(line: str, body: str) -> int | None:
    """Where `body` starts in `line` after nothing but container markers and white space.

    markdown-it strips a paragraph with str.strip, so any Unicode white space (no-break
    space, vertical tab, line separator) may stand before it.

    >>> _column("> \\xa0the", "the"), _column("\\x0b\\x1c", "\\x1c"), _column("\\xa0", "the")
    (3, 1, None)
    """
    return next((p for p in range(len(line) - len(body) + 1)
                 if line.startswith(body, p) and all(c in _PREFIX or c.isspace() for c in line[:p])), None)


def _dropped(line: str, first_part: str) -> bool:
    """A line of white space that is not where the paragraph's first line of content stands."""
    return line.isspace() and _column(line, first_part.lstrip(" \t")) is None


class _Content:
    """A paragraph's inline content (container markers removed) and where each character stands in the source."""

    def __init__(self, text: str, starts: list[int], ends: list[int]) -> None:
        self.text = text
        self.starts = starts    # per character, plus one past the end
        self.ends = ends        # per character: a line break ends where the next line starts

    @classmethod
    def locate(cls, source: str, lines: _Lines, first: int, content: str) -> _Content:
        starts: list[int] = []
        ends: list[int] = []
        parts = content.split("\n")
        # markdown-it strips a paragraph with str.strip: a first line of Unicode white space
        # that CommonMark does not count as blank (a lone no-break space) is not in `content`.
        while first + 1 < len(lines.starts) and _dropped(source[lines.starts[first]:lines.ends[first]], parts[0]):
            first += 1
        for i, part in enumerate(parts):
            start, end = lines.starts[first + i], lines.ends[first + i]
            line = source[start:end]
            # Leading whitespace may be a tab markdown-it expanded; it is never prose, so it
            # maps onto the first character of the text after it.
            body = part.lstrip(" \t")
            column = _column(line, body)
            if column is None:
                raise Misaligned(f"line {first + i + 1} does not hold {body!r}")
            at = start + column
            starts.extend([at] * (len(part) - len(body)) + list(range(at, at + len(body))))
            ends.extend([at] * (len(part) - len(body)) + list(range(at + 1, at + len(body) + 1)))
            starts.append(end)
            ends.append(lines.starts[first + i + 1] if i + 1 < len(parts) else end)
        return cls(content, starts, ends)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets of content `start:end` (which may cross lines)."""
        return (self.starts[start], self.starts[start]) if start == end else (self.starts[start], self.ends[end - 1])


class _Inline:
    """Matches one paragraph's inline tokens onto its content, collecting what is prose."""

    def __init__(self, content: _Content, references: dict) -> None:
        self.c = content
        self.text = content.text
        self.references = references
        self.ops: list[tuple] = []           # ("text"|"decoded"|"placeholder", start, end[, text])
        self.comments: list[tuple[Span, str]] = []

    def run(self, tokens) -> None:
        end = self.walk(tokens, 0, emit=True)
        if self.text[end:].strip():
            raise Misaligned(f"unmatched text {self.text[end:]!r}")

    def walk(self, tokens, cursor: int, emit: bool) -> int:
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "text":
                cursor = self._text(token.content, cursor, emit)
            elif kind in ("softbreak", "hardbreak"):
                cursor = self._break(cursor, emit, hard=kind == "hardbreak")
            elif kind == "code_inline":
                cursor = self._atom(cursor, self._code_end(cursor, token.markup), emit)
            elif kind in _MARKERS:
                cursor = self._expect(token.markup, cursor)
            elif kind == "link_open" and token.markup == "autolink":
                cursor = self._atom(cursor, self.text.index(">", cursor) + 1, emit)
                while tokens[i].type != "link_close":
                    i += 1
            elif kind == "link_open":
                cursor = self._expect("[", cursor)
            elif kind == "link_close":
                cursor = self._tail(self._expect("]", cursor))
            elif kind == "image":
                start = cursor
                cursor = self._tail(self._expect("]", self.walk(token.children or [], self._expect("![", cursor),
                                                                emit=False)))
                cursor = self._atom(start, cursor, emit)
            elif kind == "html_inline":
                end = self._expect(token.content, cursor)
                comment = _COMMENT.fullmatch(token.content)
                if comment and emit:
                    self.comments.append((Span(*self.c.span(cursor, end)), comment.group(1)))
                cursor = end
            else:
                raise Misaligned(f"token {kind}")
            i += 1
        return cursor

    def _text(self, expected: str, cursor: int, emit: bool) -> int:
        for start, end, reads in align(self.text, cursor, expected, escapes=True):
            self._op(emit, "text", start, end) if reads is None else self._op(emit, "decoded", start, end, reads)
            cursor = end
        return cursor

    def _break(self, cursor: int, emit: bool, hard: bool) -> int:
        """A line break: soft ones read as the break itself, hard ones (`  ` or `\\`) as one piece."""
        start = cursor
        while cursor < len(self.text) and self.text[cursor] in " \t\\":
            cursor += 1
        after = self._expect("\n", cursor)
        self._op(emit, "decoded", start if hard else cursor, after, "\n")
        while after < len(self.text) and self.text[after] in " \t":
            after += 1
        return after

    def _code_end(self, cursor: int, ticks: str) -> int:
        pattern = regex.compile(rf"(?<!`){regex.escape(ticks)}(?!`)")
        close = pattern.search(self.text, self._expect(ticks, cursor))
        if close is None:
            raise Misaligned("unclosed code span")
        return close.end()

    def _tail(self, cursor: int) -> int:
        """Past a link's destination `(url "title")` or reference `[label]`, as markdown-it reads them."""
        from markdown_it.common.utils import normalizeReference
        from markdown_it.helpers import parseLinkDestination, parseLinkTitle
        text, end = self.text, len(self.text)
        if text.startswith("(", cursor):
            pos = _skip_space(text, cursor + 1)
            destination = parseLinkDestination(text, pos, end)
            if destination.ok:
                after = _skip_space(text, destination.pos)
                title = parseLinkTitle(text, after, end)
                pos = _skip_space(text, title.pos) if after != destination.pos and title.ok else after
            if text.startswith(")", pos):
                return pos + 1
        if text.startswith("[", cursor):
            close = regex.compile(r"(?<!\\)\]").search(text, cursor + 1)
            if close and (close.start() == cursor + 1
                          or normalizeReference(text[cursor + 1:close.start()]) in self.references):
                return close.end()
        return cursor

    def _expect(self, literal: str, cursor: int) -> int:
        if not self.text.startswith(literal, cursor):
            raise Misaligned(f"expected {literal!r} at {cursor}")
        return cursor + len(literal)

    def _atom(self, start: int, end: int, emit: bool) -> int:
        self._op(emit, "placeholder", start, end)
        return end

    def _op(self, emit: bool, kind: str, start: int, end: int, *text: str) -> None:
        if emit:
            self.ops.append((kind, *self.c.span(start, end), *text))


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    return pos


def _blocks(tokens) -> Iterator[tuple[str, object]]:
    """(scope, inline token) for prose, ("comment", html_block token) for raw HTML blocks."""
    quoted = 0
    headings = 0
    scope = "body"
    for token in tokens:
        if token.type == "blockquote_open":
            quoted += 1
        elif token.type == "blockquote_close":
            quoted -= 1
        elif token.type == "heading_open":
            scope = "headline" if headings == 0 else "subhead"
            headings += 1
        elif token.type == "paragraph_open":
            scope = "quotation" if quoted else "body"
        elif token.type == "inline":
            yield scope, token
        elif token.type == "html_block":
            yield "comment", token


def load(source: str, path: str) -> Document:
    # markdown-it reads NUL as U+FFFD; front matter is blanked to spaces. Both keep every
    # offset, so what it parses can be located in `parsed` and copied from `source`.
    parsed = source.replace("\0", "\ufffd")
    front = _FRONT_MATTER.match(parsed)
    if front:
        parsed = regex.sub(r"[^\r\n]", " ", front.group()) + parsed[front.end():]
    env: dict = {}
    tokens = _parser().parse(parsed, env)
    lines = _Lines.of(source)
    prose = Prose(source)
    comments: list[tuple[Span, str]] = []
    for scope, token in _blocks(tokens):
        first, last = token.map
        if scope == "comment":
            area = Span(lines.starts[first], lines.ends[last - 1])
            comments.extend((Span(m.start(), m.end()), m.group(1))
                            for m in _COMMENT.finditer(source, area.start, area.end))
            continue
        prose.start_block(scope)
        try:
            inline = _Inline(_Content.locate(parsed, lines, first, token.content), env.get("references", {}))
            inline.run(token.children or [])
        except Misaligned as bad:
            # Never seen on any input so far; refusing the file beats checking text at the wrong place.
            raise InputError(f"{path}:{first + 1}: cannot map this Markdown back to the source ({bad}); "
                             "please report it") from None
        comments.extend(inline.comments)
        for kind, start, end, *text in inline.ops:
            getattr(prose, kind)(start, end, *text)
    return prose.document(path, comments=sorted(comments, key=lambda c: c[0].start))
