"""One broken rule, or one file that breaks cleanup, must not take the rest of a run down.

Rules are injected where the CLI gets them (`builtin_rules` in the check command), so
the whole real path runs: reading, checking, fixing, reporting, exit code.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import regex

from cleanup import cli, formats, patterns
from cleanup.commands import check as check_command
from cleanup.document import build
from cleanup.packs import CheckRule, builtin_rules
from cleanup.patterns import PatternRule

RULES = builtin_rules()
COPY = "The minister  said the talks would resume.\n"  # PUN006: a doubled space


def fails_midway(doc, meta, lists):
    """A check that reports once and then hits a bug: its finding must not survive."""
    yield meta.finding(doc.blocks[0].span)
    raise RuntimeError("boom")


BROKEN = CheckRule(replace(RULES[0].meta, id="ZZZ901", name="broken-check"), fails_midway)
# Nested alternatives that match the same text backtrack exponentially on a run of a's.
BACKTRACKING = PatternRule(replace(RULES[0].meta, id="ZZZ902", name="backtracking-pattern"),
                           regex.compile(r"(?:a|aa)+$"))


@pytest.fixture
def copies(tmp_path):
    paths = [tmp_path / "one.txt", tmp_path / "two.txt"]
    for path in paths:
        path.write_text(COPY, encoding="utf-8")
    return [str(p) for p in paths]


@pytest.fixture
def with_rule(monkeypatch):
    def add(rule):
        monkeypatch.setattr(check_command, "builtin_rules", lambda: RULES + (rule,))
    return add


def test_broken_rule_is_an_internal_error_per_file_and_the_rest_still_runs(copies, with_rule, capsys):
    with_rule(BROKEN)
    assert cli.main(["check", *copies]) == 2
    out, err = capsys.readouterr()
    for path in copies:
        assert f"{path}:1:13: PUN006" in out
        assert f"{path}: internal error in rule ZZZ901: RuntimeError: boom" in out
    assert "ZZZ901 [" not in out  # the finding made before the failure is dropped
    assert "internal error in rule ZZZ901" in err and "please report it" in err


def test_json_report_lists_the_error_with_the_findings(copies, with_rule, capsys):
    with_rule(BROKEN)
    assert cli.main(["check", "--format", "json", copies[0]]) == 2
    report = json.loads(capsys.readouterr().out)["files"][0]
    assert report["errors"] == [{"rule": "ZZZ901", "message": "RuntimeError: boom"}]
    assert [f["rule"] for f in report["findings"]] == ["PUN006"]


def test_fix_applies_the_other_rules_and_still_exits_2(copies, with_rule, capsys):
    with_rule(BROKEN)
    assert cli.main(["fix", copies[0]]) == 2
    assert open(copies[0], encoding="utf-8").read() == COPY.replace("  ", " ")
    assert "internal error in rule ZZZ901" in capsys.readouterr().err


def test_diff_names_the_broken_rule_instead_of_staying_silent(copies, with_rule, capsys):
    with_rule(BROKEN)
    assert cli.main(["check", "--diff", copies[0]]) == 2
    out, err = capsys.readouterr()
    assert "+The minister said" in out
    assert f"{copies[0]}: internal error in rule ZZZ901: RuntimeError: boom" in err


def test_pattern_that_times_out_is_an_internal_error(tmp_path, with_rule, monkeypatch, capsys):
    monkeypatch.setattr(patterns, "SCAN_TIMEOUT", 0.01)
    with_rule(BACKTRACKING)
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
