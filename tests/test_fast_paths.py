"""Fast paths find exactly what the exact forms they stand in for find.

Speed work replaced some `regex` scans with the standard library's engine, and some
scans with cheap whole-text tests that skip a document. Each shortcut is only allowed
if it never changes a finding, so each is compared here with the exact form, over
every character it relies on and over random text mixing scripts, marks and apostrophes.
"""

from __future__ import annotations

import re

import regex
from hypothesis import given
from hypothesis import strategies as st

from cleanup._native import one_edit_apart
from cleanup.checks import untranslated
from cleanup.document import build
from cleanup.lexicon import english_words
from cleanup.packs import builtin_rules
from cleanup.tokens import LATIN, PROPERTIES, Twin, in_latin, listed
from rapidfuzz.distance import Levenshtein

# Letters of several scripts, combining marks, apostrophes, hyphens, digits, spaces and punctuation.
MIXED = st.text(st.sampled_from(list("aZéÉıİßøŁłǅ\u0301\u0308ʼ’'-–—“”.,;: \n\t0123٣²½") +
                                list("кКЖαΩΣσς中文عربي") + ["\u0394", "\U0001d400", "\u00aa"]), max_size=60)


def test_latin_listings_agree_with_the_properties_on_every_latin_character():
    for prop in PROPERTIES:
        exact, fast = regex.compile(f"[{prop}]"), re.compile(f"[{listed(prop)}]")
        for a, b in LATIN:
            for code in range(a, b + 1):
                assert bool(exact.fullmatch(chr(code))) == bool(fast.fullmatch(chr(code))), (prop, hex(code))


LOWER = r"(?<![\p{L}\p{M}’'-])[\p{Ll}][\p{L}\p{M}]*(?:[’'-][\p{L}\p{M}]+)*"
LOWER_TWIN, LOWER_EXACT = Twin(LOWER), regex.compile(LOWER)


@given(MIXED, st.integers(0, 60), st.integers(0, 60))
def test_twin_finds_what_regex_finds(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert LOWER_TWIN.findall(text, start, end) == LOWER_EXACT.findall(text, start, end)


def test_twin_takes_the_fast_engine_only_in_latin_text():
    assert in_latin("Ça va, d’accord — “oui”.", 0, 24)
    assert not in_latin("Он сказал", 0, 9)


def test_every_other_script_letter_lies_beyond_the_latin_gate():
    letter = regex.compile(untranslated._LETTER, flags=regex.V1)
    beyond = untranslated._BEYOND_LATIN
    assert not [hex(c) for c in range(0x110000) if letter.fullmatch(chr(c)) and not beyond.fullmatch(chr(c))]


@given(st.lists(st.text("abcdefg", min_size=6, max_size=9), max_size=12))
def test_names_one_edit_apart_are_all_found(words):
    every = [(i, j) for i in range(len(words)) for j in range(i + 1, len(words))
             if Levenshtein.distance(words[i], words[j]) <= 1]
    assert one_edit_apart(words) == every


def untranslated_lists():
    [rule] = [r for r in builtin_rules() if r.meta.id == "UNT002"]
    return rule.lists


# Words of the pack's lists (suspect, allowed, titles) among English words and names,
# joined by what may stand between or inside words.
PACK_WORDS = st.sampled_from(["según", "la", "del", "sagte", "canicule", "café", "fait", "accompli", "Bakanı",
                              "Oberbürgermeister", "İçişleri", "Presidente", "the", "talks", "Ankara", "état",
                              "oficiales", "x", "quot", "Ã©tÃ©", "дом", "naïve"])
PACK_TEXT = st.lists(st.tuples(PACK_WORDS, st.sampled_from([" ", "  ", "\n\n", "\n", "’", "'", "-", ", ", "&", "“"])),
                     max_size=12).map(lambda parts: "".join(w + s for w, s in parts))


@given(PACK_TEXT)
def test_untranslated_screen_finds_what_reading_block_by_block_finds(text):
    lists = untranslated_lists()
    doc = build(text)
    fw, allowed = lists.words("function_words"), untranslated._allowed(lists)
    words = {w for b in doc.blocks for w in LOWER_EXACT.findall(text, b.span.start, b.span.end)}
    suspects = {w for w in (words - english_words()) | (words & fw)
                if untranslated._cue(w, fw) and w.lower().replace("’", "'") not in allowed.words}
    titles = lists.words("titles", lower=True)
    capitals = regex.findall(r"(?<![\p{L}\p{M}’'-])\p{Lu}[\p{L}\p{M}]*(?:[’'-][\p{L}\p{M}]+)*", text)
    screen = untranslated._screen(doc, lists)
    assert screen.suspects == suspects
    assert screen.titled == any(untranslated._title_word(w, titles) for w in capitals)


@given(PACK_TEXT, st.sampled_from(["la", "según", "x", "ab" * 12, "état", "quot"]))
def test_untranslated_suspect_blocks_are_those_holding_a_suspect_as_a_word(text, extra):
    doc = build(text + "\n\n" + "ab" * 10 + "zz")  # a long word sharing its first letters with a suspect
    suspects = frozenset(LOWER_EXACT.findall(text)[:3] + [extra])
    holding = [b.span for b in doc.blocks if not suspects.isdisjoint(LOWER_EXACT.findall(doc.text, b.span.start, b.span.end))]
    assert list(untranslated._suspect_blocks(doc, suspects)) == holding


@given(PACK_TEXT)
def test_untranslated_title_blocks_hold_every_block_with_a_title_word(text):
    titles = untranslated_lists().words("titles", lower=True)
    doc = build(text)
    holding = [i for i, b in enumerate(doc.blocks) if any(
        untranslated._title_word(w, titles) for w in untranslated._WORD.any.findall(text, b.span.start, b.span.end))]
    assert set(holding) <= set(untranslated._title_blocks(doc, titles))


def test_untranslated_title_blocks_are_those_where_a_title_ends_a_word_in_any_case():
    titles = frozenset({"bürgermeister", "bakanı"})
    assert untranslated._title_blocks(build("Der OBERBÜRGERMEISTER sagte"), titles) == [0]
    assert untranslated._title_blocks(build("İçişleri Bakanı’nın"), titles) == []  # the title does not end the word
    assert untranslated._title_blocks(build("The Bürgermeisterin\n\nDer Bürgermeister sagte"), titles) == [1]
    # İ lowers to two characters: offsets no longer match, so every block the chunk touches is taken.
    assert untranslated._title_blocks(build("Officials\n\nİçişleri Bakanı, dedi"), titles) == [0, 1]


def test_untranslated_clause_space_is_what_regex_reads_as_space():
    spelt = regex.compile(untranslated._SPACE)
    assert not [hex(c) for c in range(0x110000) if bool(spelt.fullmatch(chr(c))) != bool(regex.fullmatch(r"\s", chr(c)))]


def test_dictionary_words_are_lower_case_ascii():
    # So no dictionary word has a cue but "function": untranslated looks for cues among the others only.
    assert all(w.isascii() and w == w.lower() for w in english_words())
