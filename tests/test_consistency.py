"""House choices reach the consistency rules (configured spelling, accepted names), and the
native core's passes for them agree with the patterns and the Python they replaced."""

from __future__ import annotations

import sys
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import regex
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from cleanup import _native, engine
from cleanup.checks import consistency
from cleanup.document import build
from cleanup.fixes import apply_edits
from cleanup.lexicon import english_words
from cleanup.model import Applicability
from cleanup.packs import builtin_rules

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "native"))
import gen_fold  # noqa: E402  (the definition of a name's folding, from Python's unicodedata)

RULES = {r.meta.id: r for r in builtin_rules()}


def run(rule_id, text, **house):
    doc = replace(build(text), house=house)
    return list(engine.run(doc, [RULES[rule_id]]).findings)


def test_house_spelling_flags_every_other_variety_word_without_mixing():
    text = "The organisation will analyse the centre’s plan."
    assert run("CON002", text) == []
    found = run("CON002", text, spelling="us")
    assert [text[f.span.start:f.span.end] for f in found] == ["organisation", "analyse", "centre"]
    assert {f.fix.applicability for f in found} == {Applicability.SAFE}
    fixed = apply_edits(text, [e for f in found for e in f.fix.edits])
    assert fixed == "The organization will analyze the center’s plan."


def test_house_spelling_overrides_the_majority():
    text = "The organization will analyze the center’s plan and its colour."
    found = run("CON002", text, spelling="uk")
    assert [text[f.span.start:f.span.end] for f in found] == ["organization", "analyze", "center"]


def test_a_tie_is_shown_but_never_applied():
    text = "The colour of the center was new."
    found = run("CON002", text)
    assert [text[f.span.start:f.span.end] for f in found] == ["center"]
    assert found[0].fix.applicability is Applicability.DISPLAY


def test_the_majority_wins_even_when_the_first_word_found_is_of_the_other_variety():
    text = "The colour of the center and the organization was analyzed."
    [found] = run("CON002", text)
    assert text[found.span.start:found.span.end] == "colour"
    assert "the rest of the text is US-spelled (3 to 1)" in found.message
    assert found.fix.applicability is Applicability.UNSAFE


def test_accepted_name_is_never_the_one_changed():
    text = "Erdogan spoke. Erdoğan left. Erdoğan returned."
    assert [text[f.span.start:f.span.end] for f in run("CON001", text)] == ["Erdogan"]
    assert run("CON001", text, accept=["Erdogan"]) == []


def test_tied_names_get_a_fix_to_show_only():
    text = "Maria Voloshina spoke. Later Voloshyna left."
    found = run("CON001", text)
    assert [text[f.span.start:f.span.end] for f in found] == ["Voloshyna"]
    assert found[0].fix.applicability is Applicability.DISPLAY


# A name as the rule defines it, tried at every character: the slow, exact form of the scan.
EXACT_NAME = regex.compile(r"(?<![\p{L}\p{M}\p{N}’'.-])(?:(?:al|el|ad|an|ar|as|ash|at|az|ul|d|l)[-’'])?"
                           r"\p{Lu}[\p{L}\p{M}]*(?:[-’'][\p{L}\p{M}]+)*")
PIECES = st.sampled_from(list("aAbBdDlLsShHéÉıİßøŁłǅΣσ\u0301ʼ’'-.,; \n0123") +
                         ["al-", "ash-", "d’", "el'", " al-A", "’s", "'s", "Ab", "Cd Ef", "xYz", "NATO"])
TEXTS = st.lists(PIECES, max_size=40).map("".join)


def name(token):
    """The name in a token, without a possessive; None for acronyms and shouting (NATO, ANKARA)."""
    if token.endswith(("’s", "'s")):
        token = token[:-2]
    return token if any(ch.islower() for ch in token) else None


def exact_forms(text):
    """One-word and two-word forms with their spans, from every match of the exact name pattern."""
    names = [m.span() for m in EXACT_NAME.finditer(text)]
    singles = [(found.lower(), a, a + len(found)) for a, b in names if (found := name(text[a:b]))]
    pairs = [(f"{text[a:b]} {found}".lower(), a, c + len(found)) for (a, b), (c, d) in zip(names, names[1:])
             if c == b + 1 and text[b] == " " and (found := name(text[c:d])) and name(text[a:b]) == text[a:b]]
    return singles, pairs


def exact_spans(text):
    spans = {}
    for key, a, b in sum(exact_forms(text), []):
        spans.setdefault(key, []).append((a, b))
    return {key: sorted(found) for key, found in spans.items()}


# Lines that repeat names, as copy does.
LINES = st.lists(st.sampled_from(["Ab Cd", "al-Ab’s", "xAb Cd", "Ab. Cd Ef", "NATO Ab"]) | TEXTS, max_size=8).map("\n".join)


@given(LINES)
def test_the_native_scan_finds_every_form_the_exact_name_pattern_finds_where_it_is_written(text):
    assert _native.name_spans(text) == exact_spans(text)


# The pairing as first written in Python, judging every pair of forms: what the native
# core, which judges only pairs with equal skeletons or one edit apart, must agree with.
def skeleton(word):
    s = gen_fold.fold(word)
    for old, new in (("ee", "i"), ("ou", "u"), ("oo", "u"), ("kh", "h"), ("tz", "ts"), ("ph", "f"), ("w", "v"),
                     ("y", "i")):
        s = s.replace(old, new)
    return regex.sub(r"(.)\1+", r"\1", s)


def variants(a, b, words, suffixes, distinct):
    sa, sb = skeleton(a), skeleton(b)
    if frozenset((a, b)) in distinct:
        return False
    if " " in a or " " in b:
        return (" " in a) != (" " in b) and sa == sb
    if min(len(sa), len(sb)) < 4 or (a in words and b in words):
        return False
    short, long_ = sorted((sa, sb), key=len)
    if long_.startswith(short) and long_[len(short):] in suffixes:
        return False
    if sa == sb:
        return True
    longest = max(len(sa), len(sb))
    if longest < 7 or (sa[0] != sb[0] and longest < 9):
        return False
    return Levenshtein.distance(sa, sb) <= 1


def python_clusters(text, lists):
    singles, pairs = exact_forms(text)
    forms = list(dict.fromkeys(key for key, _, _ in singles)) + list(dict.fromkeys(key for key, _, _ in pairs))
    distinct = {frozenset(pair.lower().split()) for pair in lists.get("distinct_names", ())}
    words, suffixes = english_words(), tuple(lists.get("name_suffixes", ()))
    parent = list(range(len(forms)))

    def root(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in combinations(range(len(forms)), 2):
        if variants(forms[i], forms[j], words, suffixes, distinct):
            parent[root(i)] = root(j)
    groups = {}
    for i, form in enumerate(forms):
        groups.setdefault(root(i), []).append(form)
    return [group for group in groups.values() if len(group) > 1]


NEAR_NAMES = ["Stoltenberg", "Stoltenburg", "Ztoltenberg", "Kravets", "Kravetsi", "Kravtes", "Karahan", "Karhan",
              "Zelenskyy", "Zelensky", "Sarikaya", "Sarıkaya", "Abdelrazek", "Abdelrazik", "Abdel Razek", "Austria",
              "Australia", "Petrov", "Petrova", "Shanxi", "Shaanxi", "Kolomyia", "Solomiya", "Chapovalov",
              "Shapovalov", "Philip", "Phillip", "Fillip", "Erdoğan", "Erdogan", "Iran", "Iraq", "Ⅻ", "Σίσυφος"]
# Names apart, and in runs (whose neighbours make two-word forms).
NAMES_TEXT = st.builds(str.join, st.sampled_from([". ", " ", ", "]),
                       st.lists(st.sampled_from(NEAR_NAMES) | st.text("abdekAE", min_size=3, max_size=9).map(str.title),
                                max_size=30))


def where_written(groups, text):
    """Each group's forms as where each is written, the form written most first (then the first written)."""
    spans = exact_spans(text)
    return [sorted((spans[form] for form in group), key=lambda found: (-len(found), found[0][0])) for group in groups]


@given(NAMES_TEXT)
def test_names_are_grouped_as_judging_every_pair_groups_them(text):
    [rule] = [r for r in RULES.values() if r.meta.id == "CON001"]
    assert consistency._judge(rule.lists).clusters(text) == where_written(python_clusters(text, rule.lists), text)


def test_names_fold_as_python_folds_them_on_every_code_point():
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    for start in range(0, len(chars), 1 << 12):  # neighbours too: a capital sigma's lower case reads them
        chunk = "".join(chars[start:start + (1 << 12)])
        if _native.fold(chunk) != gen_fold.fold(chunk):
            differ = next(c for c in chunk if _native.fold(c) != gen_fold.fold(c))
            raise AssertionError(f"U+{ord(differ):04X} folds to {_native.fold(differ)!r}, not {gen_fold.fold(differ)!r}")


@given(st.lists(st.sampled_from(["ee", "ou", "oo", "kh", "tz", "ph", "w", "y", "pkh", "e", "o", "Ő", "ıı", "ß", "ǅ",
                                 "Σ", "σ", "ς", "ﬀ", "\u0301", "한", "-", " ", "’", "Ⅻ", "ss", "aa"]), max_size=12).map("".join))
def test_skeletons_are_made_as_python_makes_them(word):
    assert _native.skeleton(word) == skeleton(word)


# A listed US/UK word counts where it stands whole: the pattern the native check follows.
LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}’'])\p{Ll}+(?![\p{L}\p{M}]|[’'](?!s\b)\p{L})")
WORDS = ("colour", "color", "colours", "s")
WORD_TEXTS = st.lists(st.sampled_from(list(WORDS) + ["Colour", "’s", "'s", "’sa", "'t", "’", " ", "é", "\u0301", "x",
                                                     "-", "ς", "Σ", "1", "_", "ǅ", "\n"]), max_size=12).map("".join)


@given(WORD_TEXTS)
def test_spelling_hits_count_where_the_lower_word_pattern_matches_them_whole(text):
    hits = sorted((i, word) for word in WORDS for i in range(len(text)) if text.startswith(word, i))
    whole = [k for k, (start, word) in enumerate(hits)
             if (m := LOWER_WORD.match(text, start)) and m.end() == start + len(word)]
    assert _native.lower_words(text, hits) == whole


def test_only_a_letter_after_an_apostrophe_makes_an_elision():
    # \p{L}, not a mark: the pattern reads colour’ before a combining accent as a whole word.
    assert _native.lower_words("colour’\u0301", [(0, "colour")]) == [0]
    assert _native.lower_words("colour’d", [(0, "colour")]) == []
