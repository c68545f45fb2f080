"""The native document pass against the Python definitions it replaced.

Paragraph visibility, the dateline and sentence boundaries were regular expressions; the
native core reads them as scans. The expressions stay here as oracles: a visible character
on every code point, and datelines and sentence boundaries on generated paragraphs made of
the characters the patterns react to (capitals, dots, dashes, credits; abbreviations,
initials, glued sentences, closing and opening marks).
"""

from bisect import bisect_left

import regex
from hypothesis import given, strategies as st

from cleanup import _native
from cleanup.document import build
from cleanup.model import Span
from cleanup.quotemarks import by_block

# White space (line breaks too) ends or trims paragraphs; every other code point is tried.
TRIED = regex.sub(r"\s", "", "".join(map(chr, range(0x110000))))


def test_a_paragraph_is_kept_as_python_kept_it_on_every_code_point():
    """Kept when its first character is printable, or any of its characters shows."""
    shows = {m.start() for m in regex.finditer(r"[^\s\p{Cc}\p{Cf}]", TRIED)}
    for form, first in (("\0{}", lambda c: False), ("{}\0", str.isprintable)):
        # Paragraphs of two characters and a blank line: the i-th starts at 4 * i.
        kept = [block.span.start >> 2 for block in build("\n\n".join(form.format(c) for c in TRIED)).blocks]
        assert kept == [i for i, c in enumerate(TRIED) if i in shows or first(c)]


# The dateline pattern before the scan replaced it.
_DATELINE = regex.compile(
    r"(?:\p{Lu}{2,24}\.?(?:[ -]\p{Lu}{2,24}\.?){0,5}|\p{Lu}{2}\. \p{Lu}{3,24})"
    r"(?:, [\p{L}\p{N}][^—–\n()]{1,39}?)?"
    r"(?: ?\([^()\n]{1,30}\))?"
    r" ?(?:—|–|--|-) ?"
)
DATELINE_PIECES = ["A", "NY", "ANKARA", "É", "Σ", "ǅ", "a", "3", "Mo", ".", ".", " ", " ", ",", ", ", "-", "--", "—",
                   "–", "(", ")", "(AP)", "(Reuters) ", "\n", "\x00", "𝐀", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "x" * 35]


@given(st.lists(st.lists(st.sampled_from(DATELINE_PIECES), max_size=24), min_size=1, max_size=4))
def test_the_dateline_matches_the_pattern(paragraphs):
    """The first of the first three body paragraphs the pattern matches, as document.py looked."""
    text = "Head\n\n" + "\n\n".join("".join(pieces) for pieces in paragraphs)
    doc = build(text)
    bodies = [b.span for b in doc.blocks if b.scope == "body"][:3]
    found = (_DATELINE.match(text, span.start, span.end) for span in bodies)
    assert doc.dateline == next((Span(*m.span()) for m in found if m), None)


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


QUOTE_PIECES = ["“", "”", '"', "„", "«", "»", "a", "Word", " ", ". ", "\n", "\n\n", "\r\n\r\n", "(", "—"]


@given(st.lists(st.sampled_from(QUOTE_PIECES), max_size=40))
def test_quotations_by_block_are_those_opening_in_each(pieces):
    """Where the pairing says each block's quotations begin and end, as bisecting their starts found them."""
    doc = build("".join(pieces))
    quotes = doc.quotes.quotations
    starts = [q.start for q in quotes]
    assert by_block(doc) == tuple(quotes[bisect_left(starts, b.span.start):bisect_left(starts, b.span.end)]
                                  for b in doc.blocks)
