"""The native scans of the pack checks give the spans the `regex` patterns they replaced gave.

Each pattern below is the one its check ran before the scan moved to the native core
(cleanup/_native: native/src/packscan.rs); `finditer` over it is the oracle (for numbers,
with the full matches, str methods and context patterns numbers.py read them with). The rule
examples and the corpus tests rarely reach the corners a walk can get wrong (a mark after
a capital, a space group of four digits, a boundary at the edge of a block), so the texts
are drawn from alphabets made of exactly those characters, lone surrogates included.
"""

import regex
from hypothesis import given, settings, strategies as st

from cleanup import _native
from cleanup.model import Span
from cleanup.speech import SPEECH, SPEECH_VERBS

CAPS_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}’'.-])(?:\p{Lu}\p{M}*){4,}(?![\p{L}\p{M}\p{N}’'-])")
NUMBER = regex.compile(r"(?<![\p{L}\p{N}_/@#.,:+])(?<![\p{L}\p{N}]-)"
                       r"\d+(?:(?:[.,]|[ \u00a0\u202f\u2009](?=\d{3}(?!\d)))\d+)+")
BOUNDARY = regex.compile(r"[.!?][”’\"')]*\K\s+(?=[“‘\"'(]?[\p{Lu}\p{N}])")


def texts(alphabet: str, max_size: int = 40):
    return st.text(alphabet=st.sampled_from(list(alphabet) + ["\ud800"]), max_size=max_size)


@settings(max_examples=400)
@given(texts("ABCDÉΣ\u0301x.'’-1 ١"))
def test_caps_words(text):
    assert _native.caps_words(text) == [m.span() for m in CAPS_WORD.finditer(text)]


_SPACES = " \u00a0\u202f\u2009"
DECIMAL_COMMA = regex.compile(r"(?P<int>\d{1,3}(?:[." + _SPACES + r"]\d{3})+|\d+),(?P<frac>\d+)")
DOT_GROUPS = regex.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
SPACE_GROUPS = regex.compile(r"[1-9]\d{0,2}(?:[" + _SPACES + r"]\d{3})+")
NEXT_WORD = regex.compile(r"[ \u00a0]?(?P<word>[\p{L}%°$€£]+)")
PREVIOUS_WORD = regex.compile(r"(?r)(?P<word>[\p{L}.]+)\s*$")
LIST_GOES_ON = regex.compile(r" (?:and|or|to|&) \d+\b(?![.,]\d)")


def continental_numbers(text: str) -> list[tuple]:
    """numbers.py's candidates as they were read in Python: each NUMBER match read by three
    full matches, then phone numbers and lists dropped, then the words around it."""
    found = []
    for m in NUMBER.finditer(text):
        start, end = m.span()
        number = m.group()
        if d := DECIMAL_COMMA.fullmatch(number):
            if d.group("int").isdigit() and d.group("int") != "0" and len(d.group("frac")) >= 3:
                continue
            decimal, certain, safe = True, True, True
        elif DOT_GROUPS.fullmatch(number):
            decimal, certain, safe = False, number.count(".") > 1 or number.endswith(".000"), True
        elif SPACE_GROUPS.fullmatch(number):
            decimal, certain, safe = False, True, any(ch in _SPACES[1:] for ch in number)
        else:
            continue
        if text[end:end + 2].strip(_SPACES)[:1].isdigit():
            continue
        if decimal and LIST_GOES_ON.match(text[end:end + 20]):
            continue
        window = max(0, start - 40)
        before = text[window:start]
        prev = PREVIOUS_WORD.search(before)
        nxt = NEXT_WORD.match(text, end)
        sign = before.rstrip()[-1:] in "$€£¥₺₽₹₴₪" if before.strip() else False
        p0, p1 = (window + prev.start("word"), window + prev.end("word")) if prev else (start, start)
        n0, n1 = nxt.span("word") if nxt else (end, end)
        found.append((start, end, decimal, certain, safe, text[p0:p1], text[n0:n1], sign))
    return found


def native_numbers(text: str) -> list[tuple]:
    return [(start, end, decimal, certain, safe, text[p0:p1], text[n0:n1], sign)
            for start, end, decimal, certain, safe, p0, p1, n0, n1, sign in _native.continental_numbers(text)]


@settings(max_examples=1500)
@given(texts("0123456789000.., ,\u00a0\u202f\u2009a_/@#:+-١²$€ \n\x1c\U00011f51", max_size=60))
def test_continental_numbers(text):
    """U+11F51, a Kawi digit, is a digit to `regex` and not to this Python's `str.isdigit`."""
    assert native_numbers(text) == continental_numbers(text)


@settings(max_examples=600)
@given(st.lists(st.sampled_from(["1", "0", "12", "234", "000", "5", ".", ",", " ", "\u00a0", "\u202f", " and ", " or ",
                                 " to ", " & ", "Tl", "km", "%", "$", "€ ", "-", "²", "١٢٣", "\u2009", "a.", "\n",
                                 "\U00011f51"]),
                max_size=14))
def test_continental_numbers_in_copy_like_text(parts):
    text = "".join(parts)
    assert native_numbers(text) == continental_numbers(text)


def long_sentences(text: str, start: int, end: int, limit: int) -> list[tuple[int, int, int]]:
    """The check as it was in Python: split at BOUNDARY, count `str.split` tokens with an alphanumeric."""
    def gaps(s: int, e: int) -> int:
        return text.count(" ", s, e) + text.count("\n", s, e)

    if gaps(start, end) < limit:
        return []
    cuts, cursor = [], start
    for m in BOUNDARY.finditer(text, start, end):
        cuts.append((cursor, m.start()))
        cursor = m.end()
    if cursor < end:
        cuts.append((cursor, end))
    found = []
    for s, e in cuts:
        words = sum(1 for token in text[s:e].split() if any(ch.isalnum() for ch in token))
        if gaps(s, e) >= limit and words > limit:
            found.append((s, e, words))
    return found


@settings(max_examples=400)
@given(texts("ab A1١.!?”’\"')“‘( \n\t\u00a0\u2028", max_size=30), st.integers(0, 5), st.integers(0, 5))
def test_long_sentences(text, cut_start, cut_end):
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    assert _native.long_sentences(text, [Span(start, end)], 2) == long_sentences(text, start, end, 2)


def every_start(text: str, literal: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(literal, i)]


@settings(max_examples=300)
@given(st.lists(texts("ab ,.«\u2019\x19\u0161", max_size=10).filter(bool), min_size=1, max_size=12, unique=True),
       texts("ab ,.«\u2019\x19\u0161", max_size=60))
def test_literal_search_finds_every_occurrence(literals, text):
    """Short and long literals (past the eight code points the longest sieve reads), shared
    prefixes, overlaps, characters sharing a low byte (’ and U+0019, š and a): every start of
    every literal, in order."""
    found = {literal: list(memoryview(raw).cast("q")) for literal, raw in _native.Literals(literals).find(text).items()}
    expected = {literal: starts for literal in literals if (starts := every_start(text, literal))}
    assert found == expected


@settings(max_examples=300)
@given(st.lists(texts("ab ,.«\u2019", max_size=5).filter(bool), min_size=1, max_size=10, unique=True),
       st.lists(texts("ab ,.«\u2019", max_size=5).filter(bool), max_size=10), texts("ab ,.«\u2019", max_size=60))
def test_the_starts_of_a_set_of_literals_are_those_of_its_members_in_order(literals, wanted, text):
    """A set smaller or larger than the hits, partly outside the search: (start, literal), shorter first at one start."""
    hits = _native.Literals(literals).find(text)
    expected = sorted((start, literal) for literal in set(wanted) & set(literals) for start in every_start(text, literal))
    assert _native.literal_starts(hits, frozenset(wanted)) == expected


SPEECH_REGEX = regex.compile(r"\b(?:" + "|".join(SPEECH_VERBS) + r")\b", regex.IGNORECASE)


@settings(max_examples=400)
@given(st.lists(st.one_of(st.sampled_from(SPEECH_VERBS + ("SAID", "ſays", "İnsists", "asKs")),
                          texts("saidSAIDx _'’.\u0130\u017f\u212a\u0131é1\u0301\u200d", max_size=5)), max_size=4))
def test_speech_verbs_are_found_as_the_case_blind_pattern_finds_them(parts):
    """Whole words in any case as `regex` folds case: `İ`, long `ſ` and the Kelvin sign match letters."""
    text = "".join(parts)
    assert SPEECH.found_in(text) == bool(SPEECH_REGEX.search(text))
