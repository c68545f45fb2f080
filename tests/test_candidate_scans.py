"""Pattern rules tried only where their native candidate scan points find what a scan of the
whole text finds.

A rule's `candidates` (patterns.CANDIDATES, native/src/candidates.rs) claims to give every
position where its pattern can match; the pattern is then tried only there. `finditer` over
the whole text is the oracle, on texts made of pieces of the rules' examples and of the
characters whose classes the scans decide by hand: other scripts' capitals, digits and
spaces, title-case letters, the quotes and dashes of the look-behinds, line breaks of every
kind, astral letters and a lone surrogate, put in and around the shapes the scans look for.
"""

import itertools
import math

import pytest
from hypothesis import given, settings, strategies as st

import cleanup.literals as literals
import cleanup.patterns as patterns
from cleanup import engine
from cleanup.document import build
from cleanup.literals import tried_at
from cleanup.packs import builtin_rules
from cleanup.patterns import PatternRule

SCANNED = {r.meta.id: r for r in builtin_rules() if isinstance(r, PatternRule) and r.candidates is not None}

EXAMPLES = sorted({e.text.replace("⟦", "").replace("⟧", "") for r in SCANNED.values() for e in r.meta.examples})
# Characters the scans tell apart, each with others of its kind for the patterns: other
# scripts' letters and digits, astral ones, the spaces `\s` holds, and the line breaks STY001
# ends a line at (CR, LF) beside others it does not.
KIN = {c: kind for kind in ["aéßǆ𝐚", "AÉΣǄ𝐀", "1٣𝟙²Ⅻ", " \t\xa0\x85\u2028\x0b\u3000", "\n\r\x0c\x85\u2029",
                            ".!?", ",،", "(“‘\"'—–", "’'-"] for c in kind}
ODD = sorted(set(KIN) | set("ǅʰ中/@:_x\ud800"))
# The shapes each scan looks for, in its rule's terms; each character drawn as itself, as
# another of its kind or as any odd one, so that near misses come as often as matches.
SHAPES = {
    "PUN001": ["ab. cd", "(ab.  cd", "a-b’c. d", "x1. a", "’ab. c", "a.b. c", "vs. the", "A. b", "a. .b"],
    "PUN003": ["ab.Cd", "12!Ab", "x/ab.Cd", "a@b1?Cd", "a:1b.Cd"],
    "PUN004": ["ab,cd", "a,b,c"],
    "STY001": ["\nAB C\n", "AB C", "\r\nAB\tC\r", "\nA1 B", "A B\r\nC"],
}


def _varied(shape: str) -> st.SearchStrategy[str]:
    kin = [st.sampled_from(KIN.get(c, c)) for c in shape]
    return st.tuples(*[st.one_of(st.just(c), k, k, st.sampled_from(ODD)) for c, k in zip(shape, kin)]).map("".join)


def _texts(rule_id: str) -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(SHAPES[rule_id]).flatmap(_varied),
        st.tuples(st.sampled_from(EXAMPLES), st.integers(0, 90), st.integers(1, 90)).map(lambda p: p[0][p[1]:p[1] + p[2]]),
        st.sampled_from(ODD + ["\r\n", "U.S.", "a.m.", "etc.", "Mr.", "BRUSSELS (AP)"]))
    return st.tuples(st.just(rule_id), st.lists(piece, max_size=10).map("".join))


CASES = st.sampled_from(sorted(SHAPES)).flatmap(_texts)


def _claim(rule: PatternRule, text: str) -> None:
    pattern = rule.pattern.compiled()
    whole = [m.span() for m in pattern.finditer(text)]
    candidates = rule.candidates(text)
    assert candidates == sorted(set(candidates))
    assert {start for start, _ in whole} <= set(candidates)
    assert [m.span() for m in tried_at(pattern, text, candidates)] == whole


@settings(max_examples=600, deadline=None)
@given(CASES)
def test_a_pattern_tried_at_its_candidates_finds_what_a_whole_scan_finds(case):
    rule_id, text = case
    _claim(SCANNED[rule_id], text)


def _neighbours(shape: str) -> list[str]:
    """The shape with its characters drawn as every mix of their kinds, and with each one
    swapped for every odd character in turn: each decision a scan makes about a character
    near its mark, all of them."""
    kinds = [KIN.get(c, c) for c in shape]
    assert math.prod(map(len, kinds)) < 20_000
    mixed = ["".join(mix) for mix in itertools.product(*kinds)]
    swapped = [shape[:i] + c + shape[i + 1:] for i in range(len(shape)) for c in ODD]
    return mixed + swapped


@pytest.mark.parametrize("rule_id", sorted(SHAPES))
def test_a_pattern_tried_at_its_candidates_finds_what_a_whole_scan_finds_near_its_shapes(rule_id):
    for shape in SHAPES[rule_id]:
        for text in _neighbours(shape):
            _claim(SCANNED[rule_id], text)
            _claim(SCANNED[rule_id], "x " + text + "\n")


@pytest.mark.parametrize("rule_id", sorted(SCANNED))
@pytest.mark.parametrize("text", [
    "", "A", "AB C", "AB C\r\nDE F\rGH\tI\n", "x\nAB C", "AB c", "A\x0bB", "Ab. cd", "ab.  cd", "ab. Cd",
    "(ab. cd", "a-b’c. d", "a.b. c", "ab,cd", "ab,,cd", "ab.Cd", "12.Ab", "x1.Ab", "ab/cd.Ef", "𝐚𝐚.𝐀𝐚", "𝐚,𝐚",
    "ab.\ud800", "\ud800. a", "ab. \ud800",
])
def test_a_pattern_tried_at_its_candidates_finds_what_a_whole_scan_finds_at_the_edges(rule_id, text):
    _claim(SCANNED[rule_id], text)


def test_every_candidate_scan_is_tried_near_its_shapes():
    assert set(SHAPES) == set(SCANNED) == {"PUN001", "PUN003", "PUN004", "STY001"}


@pytest.mark.parametrize("rule_id", sorted(SCANNED))
def test_a_rule_tried_at_candidates_gets_one_timeout_per_document(rule_id, monkeypatch):
    """As for anchored rules (test_regressions): a clock that moves a second per reading
    makes the attempts together outlast a 2.5 s budget, each alone not."""
    monkeypatch.setattr(patterns, "SCAN_TIMEOUT", 2.5)
    monkeypatch.setattr(patterns, "SCAN_TIMEOUT_PER_MB", 0.0)
    monkeypatch.setattr(literals.time, "monotonic", itertools.count().__next__)
    rule = SCANNED[rule_id]
    example = next(e.text for e in rule.meta.examples if "⟦" in e.text).replace("⟦", "").replace("⟧", "")
    # Each example in a paragraph long enough that its candidates are tried, not scanned for.
    result = engine.run(build("\n\n".join([example + " and so on" * 60] * 5)), [rule])
    assert [e.message for e in result.errors] == ["pattern timed out on this input"]
