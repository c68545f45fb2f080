"""House choices reach the consistency rules: configured spelling and accepted names."""

from __future__ import annotations

from dataclasses import replace

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from cleanup import engine
from cleanup.checks import consistency
from cleanup.document import build
from cleanup.fixes import apply_edits
from cleanup.model import Applicability, Span
from cleanup.packs import builtin_rules
from cleanup.tokens import in_latin

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
PIECES = st.sampled_from(list("aAbBdDlLsShHéÉıİßøŁłǅ\u0301ʼ’'-.,; \n0123") +
                         ["al-", "ash-", "d’", "el'", " al-A", "’s", "'s", "Ab", "Cd Ef", "xYz", "NATO"])
TEXTS = st.lists(PIECES, max_size=40).map("".join)


def exact_forms(text):
    """One-word and two-word forms with their spans, from every match of the exact name pattern."""
    names = [m.span() for m in EXACT_NAME.finditer(text)]
    singles = [(name.lower(), a, a + len(name)) for a, b in names if (name := consistency._name(text[a:b]))]
    pairs = [(f"{text[a:b]} {name}".lower(), a, c + len(name)) for (a, b), (c, d) in zip(names, names[1:])
             if c == b + 1 and text[b] == " " and (name := consistency._name(text[c:d]))
             and consistency._name(text[a:b]) == text[a:b]]
    return singles, pairs


@given(TEXTS)
def test_runs_of_names_hold_what_the_exact_name_pattern_finds(text):
    singles, pairs = [], []
    for m in consistency._RUN.any.finditer(text):
        base = m.start(1)
        found = consistency._occurrences(*m.groups(""))
        singles += [(key, base + a, base + b) for key, a, b in found[0]]
        pairs += [(key, base + a, base + b) for key, a, b in found[1]]
    assert (singles, pairs) == exact_forms(text)


@given(TEXTS)
def test_runs_counted_a_few_lines_at_a_time_are_the_runs_of_the_whole_text(text):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(consistency, "CHUNK", 5)
        assert list(consistency._runs(text)) == list(dict.fromkeys(consistency._RUN.any.findall(text)))


@given(TEXTS.filter(lambda text: in_latin(text, 0, len(text))))
def test_the_standard_library_scan_finds_the_runs_of_latin_text(text):
    assert consistency._RUN.latin.findall(text) == consistency._RUN.any.findall(text)


# Lines that repeat names, as copy does: a form is found on every line where it is written.
LINES = st.lists(st.sampled_from(["Ab Cd", "al-Ab’s", "xAb Cd", "Ab. Cd Ef", "NATO Ab"]) | TEXTS, max_size=8).map("\n".join)


@given(LINES, st.sampled_from([0, 10**9]))
def test_forms_are_found_where_they_are_written_whether_lines_or_the_whole_text_are_scanned_again(text, limit):
    singles, pairs = exact_forms(text)
    expected = {}
    for key, a, b in singles + pairs:
        expected.setdefault(key, []).append(Span(a, b))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(consistency, "FIND_LIMIT", limit)
        assert consistency._spans(text, consistency._runs(text), set(expected)) == expected


def all_candidates(skeletons, singles):
    """Every pair `_candidates` must yield: equal skeletons, and all long one-word ones compared."""
    pairs = [(same[0], j) for same in consistency._alike(skeletons) for j in same[1:]]
    long_ = [i for i in range(singles) if len(skeletons[i]) >= consistency.MIN_FUZZY - 1]
    return pairs + [(long_[a], long_[b]) for a, b in consistency.one_edit_apart([skeletons[i] for i in long_])]


NEAR_NAMES = ["stoltenberg", "stoltenburg", "ztoltenberg", "kravets", "kravetsi", "kravtes", "karahan", "karhan",
              "zelenskyy", "zelensky", "sarikaya", "sarıkaya", "abdelrazek", "abdelrazik", "abdel razek"]
FORMS = st.lists(st.sampled_from(NEAR_NAMES) | st.text("abdek", min_size=3, max_size=9), max_size=30)


@given(FORMS, FORMS, st.integers(0, 30))
def test_only_near_or_repeated_skeletons_are_compared_yet_no_pair_is_missed(earlier, forms, singles):
    known = consistency._Skeletons()
    list(map(known.__getitem__, earlier))  # skeletons a story before this one made known
    forms = list(dict.fromkeys(forms))
    singles = min(singles, len(forms))
    skeletons = list(map(known.__getitem__, forms))
    assert list(consistency._candidates(skeletons, singles, known.near)) == all_candidates(skeletons, singles)
