"""Word patterns run by the standard library's engine wherever it finds what `regex` would.

`regex` knows Unicode properties (\\p{L}, \\p{Ll}, \\p{M}) that `re` lacks, and pays for
them: it tokenises about half as fast. Most copy is Latin letters, their marks and general
punctuation; in such a stretch a `re` class listing the characters to which `regex` gives
a property matches exactly as the property does. A rule writes its pattern with
properties; `Twin` also compiles it with those listings, and runs whichever engine the
stretch allows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

# Basic Latin to Latin Extended-B, combining diacritics, Latin Extended Additional, general punctuation.
LATIN = ((0x0000, 0x024F), (0x0300, 0x036F), (0x1E00, 0x1EFF), (0x2000, 0x206F))
_BEYOND_LATIN = re.compile("[^" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in LATIN) + "]")
# The properties a `Twin` pattern may use, always inside brackets ([\p{Ll}], [\p{L}\p{M}’]).
PROPERTIES = (r"\p{L}", r"\p{M}", r"\p{N}", r"\p{Ll}", r"\p{Lu}")


def listed(prop: str) -> str:
    """The characters of LATIN that `regex` puts in `prop`, as the body of a `re` class.

    >>> listed(r"\\p{Lu}")[:7], listed(r"\\p{M}"), listed(r"\\p{N}")
    ('A-ZÀ-ÖØ', '̀-ͯ', '0-9²-³¹¼-¾')
    """
    test = regex.compile(prop)
    codes = [c for a, b in LATIN for c in range(a, b + 1) if test.fullmatch(chr(c))]
    runs: list[list[int]] = []
    for c in codes:
        if runs and c == runs[-1][1] + 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs)


def in_latin(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], and the character before it (look-behinds see it), lie in LATIN.

    >>> in_latin("Çeşme’de “iki” kişi", 0, 19), in_latin("Київ", 0, 4), in_latin("Київ ok", 5, 7), in_latin("Київok", 4, 6)
    (True, False, True, False)
    """
    return _BEYOND_LATIN.search(text, max(start - 1, 0), end) is None


class Twin:
    """One pattern, compiled by `regex` for any text and by `re` for Latin stretches.

    Besides PROPERTIES, the pattern uses only what both engines read alike (literal
    characters, classes, quantifiers, look-arounds).

    >>> lower = Twin(r"(?<![\\p{L}\\p{M}’'-])[\\p{Ll}][\\p{L}\\p{M}]*")
    >>> lower.findall("Les élèves d’Ankara", 0, 19), lower.findall("ученики из Ankara", 0, 17)
    (['élèves', 'd'], ['ученики', 'из'])
    """

    def __init__(self, source: str) -> None:
        self.any = regex.compile(source)
        fast = source
        for prop in PROPERTIES:
            fast = fast.replace(prop, listed(prop))
        self.latin = re.compile(fast)

    def findall(self, text: str, start: int, end: int) -> list:
        return (self.latin if in_latin(text, start, end) else self.any).findall(text, start, end)


def stretches(text: str, size: int, after: str) -> Iterator[tuple[int, int]]:
    """Spans of about `size` characters that cover text, each ending just after an `after`
    (or at the end): a huge text is read a piece at a time, and a piece never ends inside a
    word (`after` a space) or a line (`after` a line break) when the caller needs it whole.

    >>> list(stretches("Der Bürgermeister sagte Der", 5, " "))
    [(0, 18), (18, 24), (24, 27)]
    """
    start = 0
    while start < len(text):
        end = text.find(after, start + size) + 1 or len(text)
        yield start, end
        start = end
