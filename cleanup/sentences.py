"""Sentences inside a paragraph, found well enough to compare them with each other.

Used where a rule reasons about whole sentences (repeats). Abbreviations and initials
(Gen., Nov., U.S., R.L.) do not end a sentence; a period glued to the next sentence
("reported.The") does, since feeds lose that space often. A boundary is the space after a
sentence's mark and closing marks, before an optional opening mark and a capital or digit.
The scan is native (document/sentences.rs): a wire archive has hundreds of thousands of
paragraphs, each read character by character.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import _native

# A caller that knows a paragraph holds none of these (most do not) lets only periods end sentences.
RARE_MARKS = "!?…"


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
    return iter(_native.sentences(text, start, end, rare))
