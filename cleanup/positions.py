"""Conversions from code-point offsets to what the outside world counts.

Everything inside cleanup works in code-point offsets; people want lines and
columns, and LanguageTool's HTTP API counts UTF-16 code units. These are the only
places those other systems appear.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from itertools import accumulate

import regex

_LINE_BREAK = regex.compile(r"\r\n|\r|\n")
# Splitting copies the text as lines, which a warm run of small files can afford (it reports
# each file's findings from the cache, and the pattern's match objects cost more), and a wire
# archive, reported at its peak of memory, cannot.
_SPLIT_BELOW = 1 << 20


class LineIndex:
    """1-based line and column for an offset; CRLF, CR and LF each end one line.

    >>> LineIndex("ab\\r\\ncd\\ref").position(8), LineIndex("ab\\ncd\\n\\nef").position(7)
    ((3, 2), (4, 1))
    """

    def __init__(self, text: str) -> None:
        # A flat array: a wire archive's million line starts as integer objects took 40 MB.
        if len(text) < _SPLIT_BELOW and "\r" not in text:
            # Only LF: a line starts after the lengths of the lines before it, summed natively.
            lengths = map((1).__add__, map(len, text.split("\n")[:-1]))
            self._starts = array("q", accumulate(lengths, initial=0))
        else:
            self._starts = array("q", [0])
            self._starts.extend(m.end() for m in _LINE_BREAK.finditer(text))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


class Utf16Index:
    """Code-point offsets to and from UTF-16 code units (astral characters count twice).

    >>> u = Utf16Index("a😀b")
    >>> u.to_utf16(2), u.from_utf16(3)
    (3, 2)
    """

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def to_utf16(self, offset: int) -> int:
        return offset + bisect_right(self._astral, offset - 1)

    def from_utf16(self, unit: int) -> int:
        # Each astral character before the target shifts UTF-16 one unit ahead.
        offset = unit
        for position in self._astral:
            if position < offset:
                offset -= 1
            else:
                break
        return offset
