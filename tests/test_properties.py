"""Properties that hold for any input: checking never fails, fixes stay inside their spans and settle.

A checker that crashes, or mangles text outside what it fixed, loses a newsroom at once,
so these are tested over three kinds of input, each through every registered format:
arbitrary Unicode; "newsy" text made of the words, marks and spacing the rules react to,
mixed with odd characters; and corpus articles (corpora/clean and corpora/mt) with random
damage: inserted periods, quotes, spaces and line breaks, astral characters, combining
marks, right-to-left text, NUL and other control characters, other line endings.

The bounded "ci" profile (tests/conftest.py) runs by default; a long local soak is
`CLEANUP_HYPOTHESIS_PROFILE=soak pytest tests/test_properties.py` (or
`--hypothesis-profile=soak`). A failure found here becomes a literal regression test in
tests/test_regressions.py.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanup.config import Config
from cleanup.files import InputError
from cleanup.fixes import apply_edits, compatible
from cleanup.formats import FORMATS
from cleanup.model import Edit, Finding, Severity, Span
from cleanup.packs import builtin_rules
from cleanup.pipeline import Checked, FileResult, Profile, check_source, fix_source
from cleanup.report import locate, renderers

RULES = builtin_rules()
# House choices change what some rules report and how they fix; each setting is tried.
PROFILES = {name: Profile(RULES, Config(values).house()) for name, values in {
    "default": {}, "straight-uk": {"quotes": "straight", "spelling": "uk"},
    "curly-us": {"quotes": "curly", "spelling": "us", "headline-period": True}}.items()}
ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("corpora/clean/*.txt"))
            + sorted(ROOT.glob("corpora/mt/*.txt"))]
# Fixing must settle within this many rounds (the fixer gives up after MAX_ROUNDS): one character
# may pass through a few rules (mojibake \x84 -> „ -> “ -> ” -> " for straight house quotes).
ROUND_BOUND = 6

WORDS = ["the", "minister", "talks", "would", "resume", "when", "said", "told", "added", "she", "he",
         "We", "I", "our", "Mr", "Dr", "U.S", "a.m", "St", "Louis", "NATO", "VERY", "MINISTRY", "WELCOMES",
         "ANKARA", "Turkey", "AP", "By", "ANNA", "tomorrow", "today", "1,500", "3.5", "according",
         "spokesman", "stated", "that", "Nov", "Then", "ends"]
MARKS = [".", ",", ";", ":", "?", "!", "...", "…", "..", ",,", "—", "–", "-", "(", ")", "(AP)",
         "“", "”", '"', "‘", "’", "'", "«", "»", "„", "‚", "‹", "›"]
SPACING = [" ", "  ", "   ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\r\r", "\t", "\u00a0", "\u3000"]
# What damage looks like in real feeds: stray marks and breaks, emoji and astral letters,
# combining accents, right-to-left words and controls, NUL and other control characters.
ODD = ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1c", "\x7f", "\x85", "\u2028", "\u2029",
       "\ufeff", "\u200b", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066", "\u0301", "\u0308",
       "\u20dd", "😀", "👍🏽", "𝔸", "\U0010fffd", "שלום", "مرحبا", "\ufffd"]
# Pieces of article structure, so that datelines, bylines and quotations meet the damage.
SHAPES = ["ANKARA, Turkey (AP) — ", "BERLIN — ", "ST. LOUIS (AP) -- ", "By ANNA KOWALSKI\n\n", "Talks resume\n\n",
          "“We act,” she said. ", "We are ready. ", ". the", "“We", "” he said", "\n\n“", " , "]
DAMAGE = MARKS + SPACING + ODD + SHAPES

# Real files are decoded UTF-8, which cannot hold a lone surrogate.
unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
newsy_text = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS), st.sampled_from(SPACING),
                                st.sampled_from(SHAPES), st.sampled_from(ODD),
                                st.characters(exclude_categories=("Cs",))),
                      max_size=80).map("".join)


@st.composite
def made_up_articles(draw) -> str:
    """Headline, byline, dateline and paragraphs, each of newsy junk: structure meets damage."""
    junk = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS), st.sampled_from(SPACING[:3]),
                              st.sampled_from(ODD)), max_size=12).map("".join)
    dateline = (draw(st.sampled_from(["ANKARA", "ST. LOUIS", "NEW YORK", "GENEVA"]))
                + draw(st.sampled_from(["", ", "])) + draw(junk) + draw(st.sampled_from(["", " (AP)"]))
                + draw(st.sampled_from([" — ", " -- ", "—", " - "])))
    paragraphs = draw(st.lists(junk, min_size=1, max_size=5))
    paragraphs[0] = dateline + paragraphs[0]
    head = draw(st.lists(st.sampled_from(["Talks resume", "By ANNA KOWALSKI", draw(junk)]), max_size=2))
    return draw(st.sampled_from(["\n\n", "\r\n\r\n", "\r\r", "\n \n"])).join(head + paragraphs)


@st.composite
def damaged_articles(draw) -> str:
    """A run of paragraphs from a corpus article, damaged in a few places."""
    lines = draw(st.sampled_from(ARTICLES)).split("\n")
    start = draw(st.integers(0, len(lines) - 1))
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines[start:start + draw(st.integers(1, 12))])
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(DAMAGE)) + text[at + draw(st.integers(0, 3)):]
    return text


INPUTS = {"unicode": unicode_text, "newsy": newsy_text, "made-up": made_up_articles()}
if ARTICLES:
    INPUTS["corpus"] = damaged_articles()


def _takes_plain_text(name: str) -> bool:
    try:
        FORMATS[name].load("Talks resume\n\nThe minister said.", f"copy{FORMATS[name].extensions[0]}")
    except InputError:
        return False
    return True


# Formats that read any text; the XML ones (NITF, NewsML) refuse text that is not their
# markup, which arbitrary text almost never is, so they need strategies of their own.
FORMAT_NAMES = sorted(name for name in FORMATS if _takes_plain_text(name))


def check(text: str, fmt: str, profile: Profile) -> Checked:
    """Check as the CLI does; a rule that fails is a failed property, not a finding."""
    checked = check_source(text, f"copy{FORMATS[fmt].extensions[0]}", FORMATS[fmt], profile)
    assert not checked.errors, f"rules failed: {checked.errors}"
    return checked


def fix(text: str, fmt: str, profile: Profile) -> str:
    return fix_source(text, f"copy{FORMATS[fmt].extensions[0]}", FORMATS[fmt], profile, unsafe=False).text


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """CRLF, CR and LF each end a line; an offset between the CR and LF of a CRLF is still on its line."""
    before = text[:offset]
    inside_crlf = before.endswith("\r") and text[offset:offset + 1] == "\n"
    lines = re.split(r"\r\n|\r|\n", before[:-1] if inside_crlf else before)
    return len(lines), len(lines[-1]) + 1 + inside_crlf


def splits_a_character(text: str, offset: int) -> bool:
    """Between a letter and a combining mark on it (e + U+0301 in NFD copy): half a character.

    Only letters: decomposed text puts marks on letters alone, and a mark that damage left
    on a digit or a space (60,0́00) belongs to no character a rule could keep whole."""
    return (0 < offset < len(text) and unicodedata.category(text[offset]).startswith("M")
            and unicodedata.category(text[offset - 1]).startswith("L"))


def assert_well_formed(text: str, checked: Checked) -> None:
    """Spans inside the text and around whole characters, line and column where the offset is,
    edits of one fix apart, reports render."""
    result = FileResult("copy", text, checked)
    for item in locate(result):
        finding = item.finding
        assert finding.span.end <= len(text), f"{finding.rule} reports {finding.span} past the end ({len(text)})"
        assert (item.line, item.column) == line_and_column(text, finding.span.start), finding
        edits = finding.fix.edits if finding.fix else ()
        for offset in (finding.span.start, finding.span.end, *(o for e in edits for o in (e.span.start, e.span.end))):
            assert not splits_a_character(text, offset), f"{finding.rule} cuts a character at {offset}: {finding}"
        for i, edit in enumerate(edits):
            assert edit.span.end <= len(text), f"{finding.rule} edits {edit.span} past the end ({len(text)})"
            assert not any(edit.span.touches(other.span) for other in edits[i + 1:]), \
                f"{finding.rule}: edits of one fix overlap: {edits}"
    for name, render in renderers().items():
        output = render([result], {})
        if name == "json":
            assert len(json.loads(output)["files"][0]["findings"]) == len(checked.findings)


def moved(offset: int, edits: list[Edit], end: bool) -> int:
    """Where `offset` lands once `edits` (sorted, apart) are applied; `end` puts it after an insertion there."""
    shift = 0
    for edit in edits:
        start, stop = edit.span.start, edit.span.end
        if stop < offset or (stop == offset and (start < stop or end)):
            shift += len(edit.replacement) - (stop - start)
        elif start < offset:
            return start + shift + (len(edit.replacement) if end else 0)
        else:
            break
    return offset + shift


def assert_outside_unchanged(old: str, new: str, edits: list[Edit]) -> None:
    """Character for character, everything between the edited spans is where it was, shifted."""
    cursor = position = 0
    for edit in edits:
        gap = old[cursor:edit.span.start]
        assert new[position:position + len(gap)] == gap, f"text before {edit.span} changed"
        position += len(gap) + len(edit.replacement)
        cursor = edit.span.end
    assert new[position:] == old[cursor:], "text after the last edit changed"


def safe(finding: Finding) -> bool:
    return finding.fix is not None and finding.fix.applies(unsafe=False)


def fix_round(text: str, findings: tuple[Finding, ...]) -> tuple[str, list[Finding], list[Edit]]:
    """One round as the fixer runs it: the safe fixes that fit together, applied at once."""
    taken = {id(f) for f in compatible(f.fix for f in findings if safe(f))}
    applied = [f for f in findings if safe(f) and id(f.fix) in taken]
    edits = sorted((e for f in applied for e in f.fix.edits), key=lambda e: (e.span.start, e.span.end))
    return apply_edits(text, edits), applied, edits


def carried(spans: list[tuple[str, Span]], edits: list[Edit]) -> list[tuple[str, Span]]:
    return [(what, Span(moved(span.start, edits, False), moved(span.end, edits, True))) for what, span in spans]


def assert_fixes_hold(text: str, fmt: str, profile: Profile) -> None:
    """Round by round: edits apart, nothing outside them changed; then settled, each fix done, no worse.

    Places are carried through the rounds in the current text's offsets: where each fix
    was made (its rule must not fire there once fixing is over), and each encoding repair
    with a character either side. A repair brings back what the damage hid (a “ restored
    from mojibake may show an unclosed quotation that was there all along), and changes how
    its neighbours read (a control character between two quote marks, made a space, leaves
    one closing and one opening): findings there are the damage's, not the fix's.
    """
    before = check(text, fmt, profile)
    current, checked = text, before
    fixed: list[tuple[str, Span]] = []
    restored: list[tuple[str, Span]] = []
    for _ in range(ROUND_BOUND):
        new, applied, edits = fix_round(current, checked.findings)
        if new == current:
            break
        for i, edit in enumerate(edits[1:], 1):
            assert not edit.span.touches(edits[i - 1].span), f"edits of one round overlap: {edits}"
        assert_outside_unchanged(current, new, edits)
        fixed = carried(fixed + [(f.rule, f.span) for f in applied], edits)
        restored = carried(restored + [(f.rule, Span(max(e.span.start - 1, 0), e.span.end + 1))
                                       for f in applied if f.category == "encoding" for e in f.fix.edits], edits)
        current, checked = new, check(new, fmt, profile)
        assert_well_formed(current, checked)
    else:
        pytest.fail(f"fixes did not settle within {ROUND_BOUND} rounds")
    assert fix(text, fmt, profile) == current, "the fixer's own loop ends elsewhere than round by round"
    assert fix(current, fmt, profile) == current, "fixing the fixed text changes it again"
    for rule, place in fixed:
        again = [f for f in checked.findings if f.rule == rule and safe(f) and f.span.touches(place)]
        assert not again, f"{rule} still fires at {place} after its fix: {again}"

    def serious(c: Checked, hidden: list[tuple[str, Span]] = ()) -> int:
        return sum(f.severity.rank >= Severity.WARNING.rank and not any(f.span.touches(s) for _, s in hidden)
                   for f in c.findings)
    assert serious(checked, restored) <= serious(before), "the fixed text has more warnings or errors than the original"


def draw_case(data, kind: str) -> tuple[str, str, Profile]:
    """A text of the given kind, a format to read it as and a house setting."""
    text = data.draw(INPUTS[kind], label="text")
    fmt = data.draw(st.sampled_from(FORMAT_NAMES), label="format")
    return text, fmt, PROFILES[data.draw(st.sampled_from(sorted(PROFILES)), label="house")]


@pytest.mark.parametrize("kind", INPUTS)
@given(data=st.data())
def test_check_never_fails_and_reports_inside_the_text(kind, data):
    text, fmt, profile = draw_case(data, kind)
    assert_well_formed(text, check(text, fmt, profile))


@pytest.mark.parametrize("kind", INPUTS)
@given(data=st.data())
def test_fixes_stay_in_their_spans_and_settle(kind, data):
    assert_fixes_hold(*draw_case(data, kind))


def test_line_and_column_oracle_agrees_with_an_editor():
    text = "ab\r\ncd\ref\ngh"
    assert [line_and_column(text, text.index(c)) for c in "acegh"] == [(1, 1), (2, 1), (3, 1), (4, 1), (4, 2)]
    assert line_and_column(text, 3) == (1, 4)  # between CR and LF: still the first line


def test_splits_a_character_knows_combining_marks():
    text = "CAFE\u0301 \u0301x 0\u0301"
    assert [o for o in range(len(text) + 1) if splits_a_character(text, o)] == [4]


def test_moved_follows_edits():
    edits = [Edit(Span(1, 3), "X"), Edit(Span(5, 5), "++")]
    # "abcdefg" -> "aXde++fg": b..c became X, ++ was inserted before f.
    assert apply_edits("abcdefg", edits) == "aXde++fg"
    assert [moved(o, edits, False) for o in (0, 1, 2, 3, 5, 6)] == [0, 1, 1, 2, 4, 7]
    assert moved(2, edits, True) == 2 and moved(5, edits, True) == 6
