"""The native scans of the pack checks give the spans the `regex` patterns they replaced gave.

Each pattern below is the one its check ran before the scan moved to the native core
(cleanup/_native: native/src/packscan.rs); `finditer` over it is the oracle. The rule
examples and the corpus tests rarely reach the corners a walk can get wrong (a mark after
a capital, a space group of four digits, a boundary at the edge of a block), so the texts
are drawn from alphabets made of exactly those characters, lone surrogates included.
"""

import regex
from hypothesis import given, settings, strategies as st

from cleanup import _native
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


@settings(max_examples=400)
@given(texts("0123456789.., \u00a0\u202f\u2009a_/@#:+-١"))
def test_number_candidates(text):
    assert _native.number_candidates(text) == [m.span() for m in NUMBER.finditer(text)]


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
    assert _native.long_sentences(text, [(start, end)], 2) == long_sentences(text, start, end, 2)


def every_start(text: str, literal: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(literal, i)]


@settings(max_examples=300)
@given(st.lists(texts("ab ,.«\u2019\x19\u0161", max_size=7).filter(bool), min_size=1, max_size=12, unique=True),
       texts("ab ,.«\u2019\x19\u0161", max_size=60))
def test_literal_search_finds_every_occurrence(literals, text):
    """Short and long literals, shared prefixes, overlaps, characters sharing a low byte (’ and
    U+0019, š and a): every start of every literal, in order."""
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
