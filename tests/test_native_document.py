"""The native document pass against the Python definitions it replaced.

Paragraph visibility and sentence boundaries were regular expressions; the native core
reads them as scans. The expressions stay here as oracles: a visible character on every
code point, and sentence boundaries on generated paragraphs made of the characters the
pattern reacts to (abbreviations, initials, glued sentences, closing and opening marks).
"""


import regex
from hypothesis import given, strategies as st

from cleanup import _native

# White space (line breaks too) ends or trims paragraphs; every other code point is tried.
TRIED = regex.sub(r"\s", "", "".join(map(chr, range(0x110000))))


def test_a_paragraph_is_kept_as_python_kept_it_on_every_code_point():
    """Kept when its first character is printable, or any of its characters shows."""
    shows = {m.start() for m in regex.finditer(r"[^\s\p{Cc}\p{Cf}]", TRIED)}
    for form, first in (("\0{}", lambda c: False), ("{}\0", str.isprintable)):
        # Paragraphs of two characters and a blank line: the i-th starts at 4 * i.
        kept = [value >> 32 >> 2 for value in _native.split_blocks("\n\n".join(form.format(c) for c in TRIED))]
        assert kept == [i for i, c in enumerate(TRIED) if i in shows or first(c)]


# The sentence pattern before the scan replaced it.
_BOUNDARY = (
    r"MARK[”’\"')\]]*\K(?:"
    r"(?=\s)"
    r"(?<!(?:^|[\s(“\"‘'])(?:\p{Lu}\p{Ll}{0,2}|Sept|Corp|Prof|Capt|Cmdr|Dept|Univ|Bros|\p{L})\.)"
    r"(?<!\.\p{L}\.)"
    r"\s+(?=[“‘\"'(\[]?[\p{Lu}\p{N}])"
    r"|(?=\p{Lu}\p{Ll})(?<=\p{Ll}{2}[.!?]))"
)
_BOUNDARIES = regex.compile(_BOUNDARY.replace("MARK", "[.!?…]"))


def oracle(text, start, end):
    for m in _BOUNDARIES.finditer(text, start, end):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


PIECES = ["Gen", "Sept", "U", "S", "R", "Omar", "envoys", "said", "it", "ab", "É", "ß", "ǅ", "3", "²", "𝐀",
          ".", ".", ".", "!", "?", "…", " ", " ", "  ", "\n", "\xa0", "\x1c", "\u2003", "”", "’", '"', "'", ")",
          "]", "“", "‘", "(", "["]


@given(st.lists(st.sampled_from(PIECES), max_size=30), st.integers(0, 5), st.integers(0, 5))
def test_sentences_match_the_pattern(pieces, cut_start, cut_end):
    text = "".join(pieces)
    start, end = min(cut_start, len(text)), max(len(text) - cut_end, 0)
    assert _native.sentences(text, start, end) == list(oracle(text, start, end))
