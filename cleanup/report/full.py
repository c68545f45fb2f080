"""The full text report: the concise report plus the source line with a caret under each span.

An editor scanning a long report wants to see the artefact without opening the file.
News copy keeps whole paragraphs on one line, so a long line is cut to a window around
the span; carets are placed by display cells, so wide characters and tabs stay aligned.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..pipeline import FileResult
from . import Located, text

_WIDTH = 100   # a source line up to this long is shown whole
_MARGIN = 32   # characters kept either side of the span when a line is cut


def render(results: list[FileResult], options: dict) -> str:
    return text.render(results, options, excerpt=excerpt)


def stream(results: list[FileResult], options: dict) -> Iterator[str]:
    return text.stream(results, options, excerpt=excerpt)


def excerpt(source: str, item: Located, paint: text.Paint) -> list[str]:
    """The finding's first line with carets under its span.

    >>> from cleanup.model import Finding, Severity, Span
    >>> f = Finding("PUN001", "punctuation", Severity.WARNING, "m", Span(15, 16))
    >>> print("\\n".join(excerpt("Title\\nSaid when. the", Located(f, 2, 10, 2, 11), lambda c, s: s)))
      |
    2 | Said when. the
      |          ^
    """
    start, end = item.finding.span.start, item.finding.span.end
    line_start = start - (item.column - 1)
    line_end = _line_end(source, line_start)
    if item.end_line != item.line:
        end = line_end
    left, right = _window(line_start, line_end, start, end)
    shown = ("…" if left > line_start else "") + source[left:right] + ("…" if right < line_end else "")
    before = ("…" if left > line_start else "") + source[left:start]
    marks = paint(text.COLOURS[item.finding.severity], "^" * max(1, cells(source[start:end])))
    gutter = " " * len(str(item.line))
    below = f"{gutter} | {pad(before)}{marks}"
    if item.end_line != item.line:
        below += f" (continues to line {item.end_line})"
    return [f"{gutter} |", f"{item.line} | {shown}", below]


def _line_end(source: str, line_start: int) -> int:
    ends = [i for i in (source.find("\n", line_start), source.find("\r", line_start)) if i >= 0]
    return min(ends, default=len(source))


def _window(line_start: int, line_end: int, start: int, end: int) -> tuple[int, int]:
    """The part of a line to show: all of it, or the span with a margin when the line is long.

    >>> _window(0, 50, 10, 12), _window(0, 500, 200, 205)
    ((0, 50), (168, 237))
    """
    if line_end - line_start <= _WIDTH:
        return line_start, line_end
    return max(line_start, start - _MARGIN), min(line_end, max(end, start + 1) + _MARGIN)


def cells(text: str) -> int:
    """Terminal cells the text takes: wide characters two, combining marks none.

    >>> cells("abc"), cells("日本"), cells("e\\u0301")
    (3, 4, 1)
    """
    return sum(_cell(ch) for ch in text)


def pad(text: str) -> str:
    """Blank space as wide as `text`, keeping its tabs so the caret lines up under them.

    >>> pad("a\\t日") == " \\t  "
    True
    """
    return "".join("\t" if ch == "\t" else " " * _cell(ch) for ch in text)


def _cell(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1
