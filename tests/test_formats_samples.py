"""The sample of each markup format under corpora/formats: every finding at its place in
the source file, and `--fix` changing the artefacts and nothing else (markup, entities,
code, front matter and comments come back byte for byte).

Expected places are found in the source with plain string search, independently of
the format loaders.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cleanup import formats
from cleanup.cli import main
from cleanup.packs import builtin_rules
from cleanup.pipeline import Profile, check_source, fix_source

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "formats"
PROFILE = Profile(builtin_rules())

# sample -> [(rule, unique context in the source with the reported part marked ⟦…⟧)]
EXPECTED = {
    "sample.md": [
        ("PUN001", "on Sunday⟦.⟧ the union"),
        ("PUN002", "agreement⟦ ⟧."),
        ("PUN002", "everything⟦ ⟧, but"),
        ("PUN002", "**Mira Kovac**⟦ ⟧, who"),   # right after the emphasis marker
        ("PUN002", "step&rdquo;⟦ ⟧, not"),      # right after an entity
        ("PUN002", "operators⟦ ⟧, the"),
    ],
    "sample.html": [
        ("PUN001", "on Sunday⟦.⟧ the union"),
        ("PUN002", "agreement⟦ ⟧."),
        ("PUN002", "everything⟦ ⟧, but"),
        ("PUN002", "</strong>⟦ ⟧, who"),         # right after a closing tag
        ("PUN002", "step&rdquo;⟦ ⟧, not"),
        ("PUN002", "union⟦ ⟧, which"),
        ("PUN002", "covered⟦ ⟧, the"),
    ],
    "sample.nitf.xml": [
        ("PUN001", "on Sunday⟦.⟧ the union"),
        ("PUN002", "agreement⟦ ⟧."),
        ("PUN002", "everything⟦ ⟧, but"),
        ("PUN002", "</person>⟦ ⟧, who"),
        ("PUN002", "step&#8221;⟦ ⟧, not"),
        ("PUN002", "tomorrow⟦ ⟧, the"),
    ],
    "sample.newsml.xml": [
        ("PUN001", "on Sunday⟦.⟧ the union"),
        ("PUN002", "agreement⟦ ⟧."),
        ("PUN002", "everything⟦ ⟧, but"),
        ("PUN002", "operators⟦ ⟧, the"),
    ],
}

# What the markup formats must never report: text that is not prose.
NOT_PROSE = {
    "sample.md": ["slug: harbour-strike", "exported table , not copy", "statement-0303", "figures ; he"],
    "sample.html": ["page title", "margin: 0 ;", "[1 , 2]", "percent , the"],
    "sample.nitf.xml": ["metadata title", "percent , the"],
    "sample.newsml.xml": ["slug</slugline>", "Harbour strike , title"],
}


def parts(marked: str) -> tuple[str, str, str]:
    before, rest = marked.split("⟦")
    mark, after = rest.split("⟧")
    return before, mark, after


def place(source: str, marked: str) -> tuple[int, str]:
    """Offset and text of the marked part of a context that occurs once in the source."""
    before, mark, after = parts(marked)
    assert source.count(before + mark + after) == 1, f"context {marked!r} is not unique"
    return source.index(before + mark + after) + len(before), mark


def line_column(source: str, offset: int) -> tuple[int, int]:
    return source.count("\n", 0, offset) + 1, offset - source.rfind("\n", 0, offset)


def fixed_by_hand(source: str, name: str) -> str:
    """The sample with each artefact's fix applied by string replacement."""
    for _rule, marked in EXPECTED[name]:
        before, mark, after = parts(marked)
        source = source.replace(before + mark + after, before + after)
    return source


def check(name: str):
    source = (SAMPLES / name).read_text(encoding="utf-8")
    return source, check_source(source, name, formats.for_path(name), PROFILE)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_findings_stand_at_their_place_in_the_source(name):
    source, checked = check(name)
    reported = sorted((f.rule, f.span.start, source[f.span.start:f.span.end]) for f in checked.findings)
    assert reported == sorted((rule, *place(source, marked)) for rule, marked in EXPECTED[name])


@pytest.mark.parametrize("name", sorted(NOT_PROSE))
def test_text_that_is_not_prose_is_never_reported(name):
    source, checked = check(name)
    for needle in NOT_PROSE[name]:
        start = source.index(needle)
        assert not [f for f in checked.findings if start <= f.span.start < start + len(needle)], needle


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fix_changes_the_artefacts_and_keeps_the_markup(name):
    source = (SAMPLES / name).read_text(encoding="utf-8")
    outcome = fix_source(source, name, formats.for_path(name), PROFILE, unsafe=False)
    assert outcome.text == fixed_by_hand(source, name)
    assert check_source(outcome.text, name, formats.for_path(name), PROFILE).findings == ()


def test_cli_reports_source_lines_and_writes_fixes(tmp_path, capsys):
    for name in EXPECTED:
        shutil.copy(SAMPLES / name, tmp_path / name)
    assert main(["check", "--format", "json", str(tmp_path)]) == 1
    report = json.loads(capsys.readouterr().out)
    for entry in report["files"]:
        name = Path(entry["path"]).name
        source = (SAMPLES / name).read_text(encoding="utf-8")
        expected = sorted((rule, *line_column(source, place(source, marked)[0])) for rule, marked in EXPECTED[name])
        assert sorted((f["rule"], f["line"], f["column"]) for f in entry["findings"]) == expected
    assert main(["check", "--fix", str(tmp_path)]) == 0
    for name in EXPECTED:
        original = (SAMPLES / name).read_text(encoding="utf-8")
        assert (tmp_path / name).read_text(encoding="utf-8") == fixed_by_hand(original, name)


def test_input_format_overrides_the_extension(tmp_path, capsys):
    story = tmp_path / "story.xml"
    shutil.copy(SAMPLES / "sample.nitf.xml", story)
    assert main(["check", "--format", "json", "--input-format", "nitf", str(story)]) == 1
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert len(findings) == len(EXPECTED["sample.nitf.xml"])
