"""Inline suppressions: ignore the next block, disable/enable ranges, unused ones reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup import engine
from cleanup.cli import main
from cleanup.formats import FORMATS
from cleanup.model import Severity
from cleanup.packs import builtin_rules
from cleanup.pipeline import Profile, check_source, fix_source

RULES = builtin_rules()

STORY = """# Port strike ends

First paragraph , one.

{directive}
Second paragraph , two. The GOVERNMENT agreed.

Third paragraph , three.
"""


def reported(source: str, fmt: str = "markdown", select=("PUN002", "STY002", "SUP001")) -> list[tuple[str, str]]:
    """(rule, the source line it is on) for each finding."""
    checked = check_source(source, "story", FORMATS[fmt], Profile(engine.select(RULES, select)))
    return [(f.rule, source[:f.span.start].rsplit("\n", 1)[-1] + source[f.span.start:].split("\n", 1)[0])
            for f in checked.findings]


def lines_with(findings, rule):
    return [line for r, line in findings if r == rule]


@pytest.mark.parametrize("directive", ["<!-- cleanup: ignore -->", "<!-- cleanup: ignore PUN002, STY002 -->",
                                       "<!-- cleanup: ignore PUN STY -->", "<!-- cleanup: ignore punctuation style -->"])
def test_ignore_silences_the_next_block_only(directive):
    found = reported(STORY.format(directive=directive))
    assert lines_with(found, "PUN002") == ["First paragraph , one.", "Third paragraph , three."]
    assert lines_with(found, "STY002") == [] and lines_with(found, "SUP001") == []


def test_ignore_names_only_the_rules_it_silences():
    found = reported(STORY.format(directive="<!-- cleanup: ignore STY002 -->"))
    assert lines_with(found, "PUN002") == ["First paragraph , one.", "Second paragraph , two. The GOVERNMENT agreed.",
                                           "Third paragraph , three."]
    assert lines_with(found, "STY002") == []


def test_disable_and_enable_bound_a_range():
    source = ("One , a.\n\n<!-- cleanup: disable PUN002 -->\n\nTwo , b.\n\nThree , c. The GOVERNMENT agreed.\n\n"
              "<!-- cleanup: enable -->\n\nFour , d.\n")
    found = reported(source)
    assert lines_with(found, "PUN002") == ["One , a.", "Four , d."]
    assert lines_with(found, "STY002") == ["Three , c. The GOVERNMENT agreed."]


def test_disable_without_enable_runs_to_the_end_and_enable_can_name_rules():
    source = ("<!-- cleanup: disable STY -->\n<!-- cleanup: disable PUN002 -->\n\nOne , a. The GOVERNMENT agreed.\n\n"
              "<!-- cleanup: enable PUN002 -->\n\nTwo , b. The MINISTRY agreed.\n")
    found = reported(source)
    assert lines_with(found, "PUN002") == ["Two , b. The MINISTRY agreed."]
    assert lines_with(found, "STY002") == []


def test_an_unused_suppression_is_an_info_finding_at_the_comment():
    source = "First paragraph.\n\n<!-- cleanup: ignore PUN002 -->\nSecond paragraph, clean.\n"
    checked = check_source(source, "story.md", FORMATS["markdown"], Profile(RULES))
    (finding,) = checked.findings
    assert (finding.rule, finding.severity) == ("SUP001", Severity.INFO)
    assert source[finding.span.start:finding.span.end] == "<!-- cleanup: ignore PUN002 -->"
    assert finding.message == "Suppression `ignore PUN002` silenced no finding"


def test_fixing_an_unused_suppression_deletes_the_comment_and_its_enable():
    source = "One.\n\n<!-- cleanup: disable PUN002 -->\n\nTwo.\n\n  <!-- cleanup: enable -->\n\nThree , c.\n"
    outcome = fix_source(source, "story.md", FORMATS["markdown"], Profile(engine.select(RULES, ["SUP001"])), False)
    assert outcome.text == "One.\n\n\nTwo.\n\n\nThree , c.\n"


def test_an_enable_that_ends_a_used_range_stays_when_an_unused_one_is_deleted():
    source = ("<!-- cleanup: disable STY002 -->\n<!-- cleanup: disable PUN002 -->\n\nTwo , b.\n\n"
              "<!-- cleanup: enable -->\n\nThree , c.\n")
    outcome = fix_source(source, "story.md", FORMATS["markdown"],
                         Profile(engine.select(RULES, ["PUN002", "STY002", "SUP001"])), False)
    assert outcome.text == source.replace("<!-- cleanup: disable STY002 -->\n", "").replace("Three , c.", "Three, c.")


def test_unused_suppressions_are_not_reported_when_sup001_is_not_selected(tmp_path: Path, capsys):
    story = tmp_path / "story.md"
    story.write_text("<!-- cleanup: ignore -->\nClean paragraph.\n", encoding="utf-8")
    assert main(["check", str(story)]) == 0          # info does not fail the run
    assert f"{story}:1:1: SUP001 [style]" in capsys.readouterr().out
    assert main(["check", "--ignore", "SUP001", str(story)]) == 0
    assert "SUP001" not in capsys.readouterr().out


def test_a_directive_in_code_is_not_a_directive():
    source = "Write `<!-- cleanup: ignore -->` here , then.\n\n```\n<!-- cleanup: disable -->\n```\n\nAfter , it.\n"
    assert lines_with(reported(source), "PUN002") == ["Write `<!-- cleanup: ignore -->` here , then.", "After , it."]
    assert lines_with(reported(source), "SUP001") == []


def test_html_and_xml_comments_suppress_too():
    html = "<p>One , a.</p>\n<!-- cleanup: ignore PUN002 -->\n<p>Two , b.</p>\n<!-- cleanup: ignore QUO -->\n<p>Three.</p>"
    assert reported(html, "html") == [("PUN002", "<p>One , a.</p>"), ("SUP001", "<!-- cleanup: ignore QUO -->")]
    nitf = ("<nitf><body><body.content><p>One , a.</p><!-- cleanup: disable -->\n<p>Two , b.</p>"
            "<!-- cleanup: enable --><p>Three , c.</p></body.content></body></nitf>")
    assert [rule for rule, _ in reported(nitf, "nitf")] == ["PUN002", "PUN002"]
