"""Sentences inside a paragraph, found well enough to compare them with each other.

Used where a rule reasons about whole sentences (repeats). Abbreviations and initials
(Gen., Nov., U.S., R.L.) do not end a sentence; a period glued to the next sentence
("reported.The") does, since feeds lose that space often.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .model import Span

# The boundary is the space after the closing marks (or nothing, before a glued capital);
# matching from the mark (\K keeps only what follows) lets the engine try the few marks
# instead of look-behinds at every character.
_BOUNDARY = regex.compile(
    r"[.!?…][”’\"')\]]*\K(?:"
    r"(?<!(?:^|[\s(“\"‘'])(?:\p{Lu}\p{Ll}{0,2}|Sept|Corp|Prof|Capt|Cmdr|Dept|Univ|Bros|\p{L})\.)"  # Gen. Nov. R.
    r"(?<!\.\p{L}\.)"  # U.S.
    r"\s+(?=[“‘\"'(\[]?[\p{Lu}\p{N}])"
    r"|(?<=\p{Ll}{2}[.!?])(?=\p{Lu}\p{Ll}))"
)


def sentences(text: str, block: Span) -> Iterator[Span]:
    """Sentence spans of one block, trimmed of surrounding space.

    >>> t = "Gen. Omar Haddad met U.S. envoys. “It went well,” he said.It ended."
    >>> [t[s.start:s.end] for s in sentences(t, Span(0, len(t)))]
    ['Gen. Omar Haddad met U.S. envoys.', '“It went well,” he said.', 'It ended.']
    """
    start = block.start
    for m in _BOUNDARY.finditer(text, block.start, block.end):
        if m.start() > start:
            yield Span(start, m.start())
        start = m.end()
    end = block.end
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield Span(start, end)
