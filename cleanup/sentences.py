"""Sentences inside a paragraph, found well enough to compare them with each other.

Used where a rule reasons about whole sentences (repeats). Abbreviations and initials
(Gen., Nov., U.S., R.L.) do not end a sentence; a period glued to the next sentence
("reported.The") does, since feeds lose that space often.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

# The boundary is the space after the closing marks (or nothing, before a glued capital);
# matching from the mark (\K keeps only what follows) lets the engine try the few marks
# instead of look-behinds at every character. At a mark, the cheap look-aheads go before
# the look-behinds: most marks that end no sentence end a paragraph or sit in a figure,
# and fail at the first.
_BOUNDARY = (
    r"MARK[”’\"')\]]*\K(?:"
    r"(?=\s)"
    r"(?<!(?:^|[\s(“\"‘'])(?:\p{Lu}\p{Ll}{0,2}|Sept|Corp|Prof|Capt|Cmdr|Dept|Univ|Bros|\p{L})\.)"  # Gen. Nov. R.
    r"(?<!\.\p{L}\.)"  # U.S.
    r"\s+(?=[“‘\"'(\[]?[\p{Lu}\p{N}])"
    r"|(?=\p{Lu}\p{Ll})(?<=\p{Ll}{2}[.!?]))"
)
# Most paragraphs end their sentences with periods only: a pattern that starts with a
# literal (MARK below) lets the engine skip from period to period, three times faster
# than testing every character against a class.
RARE_MARKS = "!?…"
_BOUNDARIES = {rare: regex.compile(_BOUNDARY.replace("MARK", f"[.{RARE_MARKS}]" if rare else r"\."))
               for rare in (True, False)}


def sentences(text: str, start: int, end: int, rare: bool = True) -> Iterator[tuple[int, int]]:
    """Start and end of each sentence of the paragraph text[start:end], trimmed of surrounding space.

    A caller that knows the paragraph holds none of `RARE_MARKS` passes `rare=False`.

    Offsets rather than spans: a wire archive has hundreds of thousands of sentences, and
    the caller keeps them in flat arrays.

    >>> t = "Gen. Omar Haddad met U.S. envoys. “It went well,” he said.It ended."
    >>> [t[s:e] for s, e in sentences(t, 0, len(t))]
    ['Gen. Omar Haddad met U.S. envoys.', '“It went well,” he said.', 'It ended.']
    >>> list(sentences(t, 0, len(t), rare=False)) == list(sentences(t, 0, len(t)))
    True
    """
    for m in _BOUNDARIES[rare].finditer(text, start, end):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
