"""Fast paths find exactly what the exact forms they stand in for find.

Speed work replaced `regex` scans with native passes, and some scans with cheap
whole-text tests that skip a document. Each shortcut is only allowed
if it never changes a finding, so each is compared here with the exact form, over
every character it relies on and over random text mixing scripts, marks and apostrophes.
"""

from __future__ import annotations


import regex
from hypothesis import given
from hypothesis import strategies as st

from cleanup import _native
from cleanup._native import one_edit_apart
from cleanup.checks import untranslated
from cleanup.document import build
from cleanup.lexicon import english_words
from cleanup.packs import builtin_rules
from rapidfuzz.distance import Levenshtein

# Letters of several scripts, combining marks, apostrophes, hyphens, digits, spaces and punctuation.
MIXED = st.text(st.sampled_from(list("aZéÉıİßøŁłǅ\u0301\u0308ʼ’'-–—“”.,;: \n\t0123٣²½") +
                                list("кКЖαΩΣσς中文عربي") + ["\u0394", "\U0001d400", "\u00aa"]), max_size=60)


# The script rule's runs as the expression it used to run defined them (an oracle for the native reading).
OWN_LETTER = r"[\p{L}--[\p{Latin}\p{Common}\p{Inherited}]]"
OTHER_SCRIPT = regex.compile(rf"{OWN_LETTER}(?:{OWN_LETTER}|\p{{M}}|[\s\-’'.,،؛]+(?={OWN_LETTER}))*", flags=regex.V1)


def test_letters_of_other_scripts_are_those_of_the_expression():
    letter = regex.compile(OWN_LETTER, flags=regex.V1)
    assert not [hex(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF
                and (_native.other_scripts(chr(c)) == [(0, 1)]) != bool(letter.fullmatch(chr(c)))]


@given(MIXED | st.text(st.sampled_from(list("кЖαΩ中文عربي\u0301\u0670 -’'.,،؛\t\n\u3000aéµ")), max_size=30))
def test_runs_of_other_scripts_are_those_of_the_expression(text):
    assert _native.other_scripts(text) == [m.span() for m in OTHER_SCRIPT.finditer(text)]


@given(st.lists(st.text("abcdefg", min_size=6, max_size=9), max_size=12))
def test_names_one_edit_apart_are_all_found(words):
    every = [(i, j) for i in range(len(words)) for j in range(i + 1, len(words))
             if Levenshtein.distance(words[i], words[j]) <= 1]
    assert one_edit_apart(words) == every


def untranslated_lists():
    [rule] = [r for r in builtin_rules() if r.meta.id == "UNT002"]
    return rule.lists


# A lower-case word as the screen reads one (the expression it used to run).
LOWER_EXACT = regex.compile(r"(?<![\p{L}\p{M}’'-])[\p{Ll}][\p{L}\p{M}]*(?:[’'-][\p{L}\p{M}]+)*")


# Words of the pack's lists (suspect, allowed, titles) among English words and names,
# joined by what may stand between or inside words.
PACK_WORDS = st.sampled_from(["según", "la", "del", "sagte", "canicule", "café", "fait", "accompli", "Bakanı",
                              "Oberbürgermeister", "İçişleri", "Presidente", "the", "talks", "Ankara", "état",
                              "oficiales", "x", "quot", "Ã©tÃ©", "дом", "naïve",
                              # past the ten letters of a short word, and the screen's sixteen at once
                              "entschuldigung", "internationalism", "verwaltungsgericht"])
PACK_TEXT = st.lists(st.tuples(PACK_WORDS, st.sampled_from([" ", "  ", "\n\n", "\n", "’", "'", "-", ", ", "&", "“"])),
                     max_size=12).map(lambda parts: "".join(w + s for w, s in parts))


@given(PACK_TEXT)
def test_untranslated_screen_finds_what_reading_block_by_block_finds(text):
    lists = untranslated_lists()
    lexicon, doc = untranslated._lexicon(lists), build(text)
    fw, allowed = lists.words("function_words"), untranslated._allowed(lists)
    suspect = {w for b in doc.blocks for w in LOWER_EXACT.findall(text, b.span.start, b.span.end)
               if (w not in english_words() or w in fw) and lexicon.cue(w)
               and w.lower().replace("’", "'") not in allowed.words}
    capitals = regex.findall(r"(?<![\p{L}\p{M}’'-])\p{Lu}[\p{L}\p{M}]*(?:[’'-][\p{L}\p{M}]+)*", text)
    screen = untranslated._screen(doc, lists)
    assert screen.suspects == suspect
    assert screen.holding == tuple(i for i, b in enumerate(doc.blocks)
                                   if not suspect.isdisjoint(LOWER_EXACT.findall(text, b.span.start, b.span.end)))
    assert screen.titled == any(lexicon.title_word(w) for w in capitals)


@given(st.lists(st.sampled_from(["de", "De", "DE", "facto", "FACTO", "d’état", "d'État", "coup", "quo", "status",
                                  "vice", "verkhovna", "loya", "al", "alma", "la", "à", "x"]), max_size=4)
       .map("".join), st.sampled_from(["", " ", "’", "'", "-", "s", "é", "\u0301", "a b"]), st.integers(0, 12))
def test_untranslated_phrase_parts_are_told_by_the_characters_they_reach(letters, after, at):
    """Whether a part of an allowed phrase begins at a place is remembered by the characters it can reach."""
    allowed = untranslated._allowed(untranslated_lists())
    text = letters + after + " aux"
    assert allowed.opens(text[at:at + allowed.reach]) == bool(allowed.parts.match(text, at))


WORD = regex.compile(r"[\p{L}\p{M}]+(?:[’'-][\p{L}\p{M}]+)*")


@given(PACK_TEXT)
def test_untranslated_names_are_titles_with_the_words_joined_to_them(text):
    """The native reading of foreign names against the Python one it replaced."""
    lexicon, doc = untranslated._lexicon(untranslated_lists()), build(text)
    names = []
    for b in doc.blocks:
        words = list(WORD.finditer(text, b.span.start, b.span.end))
        joined = [text[a.end():b.start()] == " " for a, b in zip(words, words[1:])]
        last = -1
        for i in [i for i, w in enumerate(words) if lexicon.title_word(w.group())]:
            if i <= last:
                continue
            first = last = i
            while first > 0 and joined[first - 1] and (w := words[first - 1].group())[0].isupper() \
                    and not w.isupper() and not lexicon.english(w.lower()):
                first -= 1
            while last + 1 < len(words) and joined[last] and lexicon.title_word(words[last + 1].group()):
                last += 1
            names.append((words[first].start(), words[last].end()))
    assert lexicon.names(text, [b.span for b in doc.blocks]) == names


def test_dictionary_words_are_lower_case_ascii():
    # So no dictionary word has a cue but "function": untranslated looks for cues among the others only.
    assert all(w.isascii() and w == w.lower() for w in english_words())
