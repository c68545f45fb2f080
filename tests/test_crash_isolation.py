"""One broken rule, or one file that breaks cleanup, must not take the rest of a run down.

The broken rules come in as a user's own rule pack would, named by `rule-packs` in a
cleanup.toml beside the copy, so the whole real path runs: configuration, pack loading,
reading, checking, fixing, reporting, exit code.
"""

from __future__ import annotations

import json

import pytest

from cleanup import cli, formats, patterns
from cleanup.checks import CHECKS
from cleanup.document import build

COPY = "The minister  said the talks would resume.\n"  # PUN006: a doubled space
RULE = """
[[rule]]
id = "{id}"
name = "{name}"
category = "style"
severity = "warning"
mqm = "Style/Awkward"
summary = "A rule with a bug in it."
why = "One broken rule must not stop the others."
message = "Never reported"
{body}
"""
BROKEN = RULE.format(id="ZZZ901", name="broken-check", body='check = "tests.fails_midway"')
# Nested alternatives that match the same text backtrack exponentially on a run of a's.
BACKTRACKING = RULE.format(id="ZZZ902", name="backtracking-pattern", body="pattern = '''(?:a|aa)+$'''")


def fails_midway(doc, meta, lists):
    """A check that reports once and then hits a bug: its finding must not survive."""
    yield meta.finding(doc.blocks[0].span)
    raise RuntimeError("boom")


@pytest.fixture
def copies(tmp_path):
    paths = [tmp_path / "one.txt", tmp_path / "two.txt"]
    for path in paths:
        path.write_text(COPY, encoding="utf-8")
    return [str(p) for p in paths]


@pytest.fixture
def with_pack(tmp_path, monkeypatch):
    """Put a pack holding `rule` in the copy's configuration."""
    monkeypatch.setitem(CHECKS, "tests.fails_midway", fails_midway)

    def add(rule: str) -> None:
        (tmp_path / "broken.toml").write_text(rule, encoding="utf-8")
        (tmp_path / "cleanup.toml").write_text('rule-packs = ["broken.toml"]\n', encoding="utf-8")
    return add


def test_broken_rule_is_an_internal_error_per_file_and_the_rest_still_runs(copies, with_pack, capsys):
    with_pack(BROKEN)
    assert cli.main(["check", *copies]) == 2
    out, err = capsys.readouterr()
    for path in copies:
        assert f"{path}:1:13: PUN006" in out
        assert f"{path}: internal error in rule ZZZ901: RuntimeError: boom" in out
    assert "ZZZ901 [" not in out  # the finding made before the failure is dropped
    assert "internal error in rule ZZZ901" in err and "please report it" in err


def test_json_report_lists_the_error_with_the_findings(copies, with_pack, capsys):
    with_pack(BROKEN)
    assert cli.main(["check", "--format", "json", copies[0]]) == 2
    report = json.loads(capsys.readouterr().out)["files"][0]
    assert report["errors"] == [{"rule": "ZZZ901", "message": "RuntimeError: boom"}]
    assert [f["rule"] for f in report["findings"]] == ["PUN006"]


def test_fix_applies_the_other_rules_and_still_exits_2(copies, with_pack, capsys):
    with_pack(BROKEN)
    assert cli.main(["fix", copies[0]]) == 2
    assert open(copies[0], encoding="utf-8").read() == COPY.replace("  ", " ")
    assert "internal error in rule ZZZ901" in capsys.readouterr().err


def test_diff_names_the_broken_rule_instead_of_staying_silent(copies, with_pack, capsys):
    with_pack(BROKEN)
    assert cli.main(["check", "--diff", copies[0]]) == 2
    out, err = capsys.readouterr()
    assert "+The minister said" in out
    assert f"{copies[0]}: internal error in rule ZZZ901: RuntimeError: boom" in err


def test_pattern_that_times_out_is_an_internal_error(tmp_path, with_pack, monkeypatch, capsys):
    monkeypatch.setattr(patterns, "SCAN_TIMEOUT", 0.01)
    with_pack(BACKTRACKING)
    path = tmp_path / "runaway.txt"
    path.write_text("a" * 40 + "b\n", encoding="utf-8")
    assert cli.main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert f"{path}: internal error in rule ZZZ902: pattern timed out on this input" in out
    assert "ZZZ902" in err


def test_file_that_breaks_the_document_stops_only_that_file(copies, monkeypatch, capsys):
    def load(source, path):
        if path.endswith("one.txt"):
            raise ValueError("bad span [13, 10)")
        return build(source, path)
    monkeypatch.setitem(formats.FORMATS, "text", formats.Format("text", (".txt",), load))
    assert cli.main(["check", *copies]) == 2
    out, err = capsys.readouterr()
    assert f"{copies[1]}:1:13: PUN006" in out
    assert f"{copies[0]}: internal error: ValueError: bad span [13, 10); please report it" in err
