"""Continental number formats: what is flagged, what each fix writes, and what is left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanup import engine
from cleanup.checks.numbers import _NUMERAL_THOUSAND, numeral_thousands
from cleanup.document import build
from cleanup.fixes import apply_edits, fix_until_stable
from cleanup.model import Applicability
from cleanup.packs import builtin_rules

NUMBERS = tuple(r for r in builtin_rules() if r.meta.category == "numbers")


def findings(text: str):
    return engine.run(build(text), NUMBERS).findings


def continental(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@given(st.integers(min_value=1000, max_value=10**12))
def test_dot_thousands_before_a_count_become_english(n):
    text = f"Officials said {continental(n)} households were affected."
    [finding] = findings(text)
    assert finding.fix.applicability is Applicability.SAFE
    assert apply_edits(text, finding.fix.edits) == f"Officials said {n:,} households were affected."


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_decimal_commas_become_decimal_points(whole, hundredths):
    fraction = f"{hundredths:02d}".rstrip("0") or "0"
    text = f"Prices rose {whole},{fraction} percent."
    [finding] = findings(text)
    assert apply_edits(text, finding.fix.edits) == f"Prices rose {whole:,}.{fraction} percent."


@pytest.mark.parametrize("text", [
    "The euro rose to 1.085 dollars and gas cost $3.459 a gallon.",
    "Install version 2.1.3 or build 1.500 from 192.168.100.200.",
    "The hearing is on 12.03.2024 at 10.30, and the score was 3-1 after 90 minutes.",
    "The sign quoted John 3,16 and Psalm 23,4.",
    "Rooms 3,5 and 7 were closed; 1,500 people and 2,750 million euros were involved.",
    "Call +90 312 555 12 12 before 9.45.",
    "In 2023, 25 cubs were born, and pi is about 3.142 approximately.",
])
def test_english_and_non_quantities_are_left_alone(text):
    assert findings(text) == ()


def test_a_lone_dot_group_before_a_unit_needs_continental_evidence():
    english = "The line is 5.300 kilometers long."
    assert findings(english) == ()
    continental_copy = "Prices rose 3,5 percent. The line is 5.300 kilometers long."
    flagged = {f.rule: f for f in findings(continental_copy)}
    assert flagged["NUM002"].fix.applicability is Applicability.UNSAFE
    assert apply_edits(continental_copy, flagged["NUM002"].fix.edits).endswith("5,300 kilometers long.")


def test_an_ambiguous_magnitude_is_only_shown():
    text = "About 1.200 workers came. The fund is 1.250 million euros."
    by_text = {text[f.span.start:f.span.end]: f for f in findings(text)}
    assert by_text["1.200"].fix.applicability is Applicability.SAFE
    assert by_text["1.250"].fix.applicability is Applicability.DISPLAY


def test_space_groups_are_safe_only_with_a_no_break_space():
    text = "It carries 300\u00a0000 passengers and employs 1 200 people."
    by_text = {text[f.span.start:f.span.end]: f for f in findings(text)}
    assert by_text["300\u00a0000"].fix.applicability is Applicability.SAFE
    assert by_text["1 200"].fix.applicability is Applicability.UNSAFE
    assert by_text["1 200"].fix.edits[0].replacement == "1,200"


def test_safe_fixes_settle_on_mixed_copy():
    text = "Water use fell by %3,5 and 18 thousand families got 40 % more, on 1.234,5 hectares."
    outcome = fix_until_stable(text, findings, unsafe=False)
    assert outcome.text == "Water use fell by 3.5% and 18,000 families got 40% more, on 1,234.5 hectares."
    assert findings(outcome.text) == ()


@given(st.lists(st.sampled_from(["1", "25", ".", ",", " ", " thousand", "thousand", "s", "-", "‐", "a", "١", "\U00011f51",
                                 "²"]), max_size=12))
def test_numeral_thousands_are_found_around_the_word_as_the_whole_search_finds_them(parts):
    text = "".join(parts)
    starts = [i for i in range(len(text)) if text.startswith(" thousand", i)]
    expected = [m.span() for m in _NUMERAL_THOUSAND.finditer(text)]
    assert [m.span() for m in numeral_thousands(text, starts)] == expected
