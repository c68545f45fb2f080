"""The native core splits paragraphs into sentences as the pattern it replaces did.

The duplicate pack compares sentences, found by native/src/sentences.rs: a hand-written
reading of one `regex` pattern. The pattern is kept here as the definition, and the two
are compared on the examples that shaped it and on random text built from the
characters each part of it looks at: marks, closing and opening quotes, abbreviations,
initials, capitals and small letters of several scripts, figures and spaces.
"""

from __future__ import annotations

from array import array

import regex
from hypothesis import given
from hypothesis import strategies as st

from cleanup._native import split_sentences

# The boundary is the space after the closing marks (or nothing, before a glued capital).
BOUNDARY = regex.compile(
    r"[.!?…][”’\"')\]]*\K(?:"
    r"(?=\s)"
    r"(?<!(?:^|[\s(“\"‘'])(?:\p{Lu}\p{Ll}{0,2}|Sept|Corp|Prof|Capt|Cmdr|Dept|Univ|Bros|\p{L})\.)"  # Gen. Nov. R.
    r"(?<!\.\p{L}\.)"  # U.S.
    r"\s+(?=[“‘\"'(\[]?[\p{Lu}\p{N}])"
    r"|(?=\p{Lu}\p{Ll})(?<=\p{Ll}{2}[.!?]))"
)


def definition(text: str, start: int, end: int) -> list[tuple[int, int]]:
    found = []
    for m in BOUNDARY.finditer(text, start, end):
        if m.start() > start:
            found.append((start, m.start()))
        start = m.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        found.append((start, end))
    return found


def native(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    starts, ends, numbers = (array("q", b) for b in split_sentences(
        text, array("q", [s for s, _ in paragraphs]), array("q", [e for _, e in paragraphs])))
    return list(zip(starts, ends, numbers))


def expected(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    return [(s, e, n) for n, (start, end) in enumerate(paragraphs) for s, e in definition(text, start, end)]


def test_abbreviations_initials_and_glued_sentences():
    t = "Gen. Omar Haddad met U.S. envoys. “It went well,” he said.It ended."
    assert [t[s:e] for s, e, _ in native(t, [(0, len(t))])] == \
        ["Gen. Omar Haddad met U.S. envoys.", "“It went well,” he said.", "It ended."]
    for t in ("Sept. 4 was the day. (Prof. Li spoke.) R.L. Stine wrote. Nov. Two. ΟΔΟΣ. Να Ελλάδα. "
              "Wait… “Go!” It’s 5 p.m. Now 12.5 percent. A. B. said.Then? (Yes.) [No.] 'Q.' x.Y.",):
        assert native(t, [(0, len(t))]) == expected(t, [(0, len(t))])


# Characters the pattern looks at, and words it treats specially.
PIECES = (list(".!?… \n\u00a0\u2003\x1c”’\"')]“‘([") + list("aBcÉéΣσДдİı5٣²") +
          ["Gen", "Sept", "Corp", "Bros", "U.S", "R", "Mr", "Ab", "said", "It", "The", "Οδός", "x"])


@given(st.lists(st.sampled_from(PIECES), max_size=40), st.lists(st.integers(0, 40), max_size=6))
def test_native_splitting_matches_the_pattern(pieces, cuts):
    text = "".join(pieces)
    bounds = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    # Paragraphs that leave gaps between them, as blank lines and headlines do.
    paragraphs = [(a, b) for k, (a, b) in enumerate(zip(bounds, bounds[1:])) if k % 2 == 0 or b - a > 3]
    assert native(text, paragraphs) == expected(text, paragraphs)
