"""The CI and terminal reports: GitHub annotations, GitLab Code Quality, JUnit, JSON Lines,
the full text report and --output-file."""

from __future__ import annotations

import json
import re
import sys
import xml.dom.minidom
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cleanup.cli import main
from cleanup.document import build
from cleanup.engine import RuleError
from cleanup.model import Finding, Severity, Span
from cleanup.formats import FORMATS
from cleanup.packs import builtin_rules
from cleanup.pipeline import Checked, FileResult, Profile, check_source, file_result
from cleanup.report import github, json_report, junit, renderers, streamers

SAMPLE = (
    "Bridge repairs delayed\n\n"
    "The council declined to say when. the repairs would start , a spokeswoman said.\n\n"
    "Traffic will be diverted tomorrow.\n"
)


@pytest.fixture
def sample(on_disk) -> Path:
    return on_disk("bridge.txt", SAMPLE)


def report(capsys, fmt: str, *argv: str) -> tuple[int, str]:
    code = main(["check", "--format", fmt, "--no-cache", *argv])
    return code, capsys.readouterr().out


def json_findings(capsys, path: Path) -> list[dict]:
    return json.loads(report(capsys, "json", str(path))[1])["files"][0]["findings"]


def odd_result(path: str) -> FileResult:
    """A result whose message and path hold what each format must escape."""
    text = "Rates rose 5%, the bank said.\n"
    finding = Finding("NUM001", "numbers", Severity.ERROR, "100% sure?\r\nCheck <this> & \x0bthat, please: now",
                      Span(11, 13))
    return FileResult(path, text, Checked(build(text), (finding,), (RuleError("STY009", "ValueError: a\x00b"),)))


def unescape(value: str) -> str:
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


ANNOTATION = re.compile(r"::(error|warning|notice) ([^:]*)::(.*)")


def test_github_annotations_carry_the_place_and_rule(sample, capsys):
    code, out = report(capsys, "github", str(sample))
    lines = out.splitlines()
    assert code == 1 and len(lines) == len(json_findings(capsys, sample))
    level, props, message = ANNOTATION.fullmatch(lines[0]).groups()
    fields = dict(p.split("=", 1) for p in props.split(","))
    assert level == "warning" and fields["title"] == "PUN001" and unescape(fields["file"]) == str(sample)
    assert (fields["line"], fields["col"], fields["endLine"], fields["endColumn"]) == ("3", "33", "3", "34")
    assert message.startswith("Stray period")


def test_github_escapes_percent_newlines_and_property_separators():
    out = github.render([odd_result("wire, copy: 1.txt")], {})
    lines = out.split("\n")
    assert len(lines) == 2   # the finding and the rule failure, each on one line despite the CRLF
    level, props, message = ANNOTATION.fullmatch(lines[0]).groups()
    fields = dict(p.split("=", 1) for p in props.split(","))
    assert level == "error"
    assert unescape(fields["file"]) == "wire, copy: 1.txt"
    assert unescape(message) == "100% sure?\r\nCheck <this> & \x0bthat, please: now"
    assert "%25" in message and "%0D%0A" in message


def test_gitlab_code_quality_report(sample, capsys):
    _, out = report(capsys, "gitlab", str(sample))
    issues = json.loads(out)
    findings = json_findings(capsys, sample)
    assert len(issues) == len(findings)
    for issue, finding in zip(issues, findings):
        assert issue["check_name"] == finding["rule"] and finding["message"] in issue["description"]
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == str(sample) and issue["location"]["lines"]["begin"] == finding["line"]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    sample.write_text(SAMPLE.replace("\n\n", "\n\nAn editor's new paragraph.\n\n", 1), encoding="utf-8")
    moved = json.loads(report(capsys, "gitlab", str(sample))[1])
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in issues]
    assert [i["location"]["lines"]["begin"] for i in moved] == [i["location"]["lines"]["begin"] + 2 for i in issues]


def test_junit_has_a_suite_per_file_and_a_case_per_finding(sample, on_disk, capsys):
    clean = on_disk("clean.txt", "ANKARA, Turkey (AP) — The bridge reopened on Monday, officials said.\n")
    _, out = report(capsys, "junit", str(sample), str(clean))
    top = ET.fromstring(out.encode("utf-8"))
    suites = top.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(sample), str(clean)]
    findings = json_findings(capsys, sample)
    failed = suites[0].findall("testcase/failure")
    assert [f.get("type") for f in failed] == [f["rule"] for f in findings]
    assert suites[0].get("failures") == top.get("failures") == str(len(findings))
    [passing] = suites[1].findall("testcase")
    assert passing.find("failure") is None and suites[1].get("failures") == "0"


def test_junit_stays_well_formed_xml_with_markup_and_control_characters():
    out = junit.render([odd_result("a<b>&c.txt")], {})
    xml.dom.minidom.parseString(out.encode("utf-8"))   # expat: rejects any character XML 1.0 forbids
    top = ET.fromstring(out.encode("utf-8"))
    failure = top.find("testsuite/testcase/failure")
    assert failure.get("message") == "100% sure?\r\nCheck <this> & \\x0bthat, please: now"
    assert top.find("testsuite").get("name") == "a<b>&c.txt"
    assert top.find("testsuite/testcase/error").get("message") == "ValueError: a\\x00b"
    assert top.get("errors") == "1" and top.get("failures") == "1"


def test_jsonl_is_the_json_findings_one_per_line_with_their_path(sample, capsys):
    _, out = report(capsys, "jsonl", str(sample))
    rows = [json.loads(line) for line in out.splitlines()]
    assert [{k: v for k, v in row.items() if k != "path"} for row in rows] == json_findings(capsys, sample)
    assert {row["path"] for row in rows} == {str(sample)}


def test_jsonl_prints_nothing_for_clean_copy(on_disk, capsys):
    clean = on_disk("clean.txt", "The bridge reopened on Monday, officials said.\n")
    assert report(capsys, "jsonl", str(clean)) == (0, "")


def test_full_report_puts_a_caret_under_the_span(sample, capsys):
    _, out = report(capsys, "full", "--select", "PUN002,TIM001", str(sample))
    lines = out.splitlines()
    for finding in json_findings(capsys, sample):
        if finding["rule"] not in ("PUN002", "TIM001"):
            continue
        at = lines.index(next(line for line in lines if line.startswith(f"{sample}:{finding['line']}:")))
        source, carets = lines[at + 2], lines[at + 3]
        text = SAMPLE.splitlines()[finding["line"] - 1]
        assert source.endswith(f"| {text}")
        start = carets.index("^")
        assert start - carets.index("|") - 2 == finding["column"] - 1
        assert carets[start:].strip() == "^" * (finding["end"] - finding["start"])


def test_full_report_cuts_a_long_paragraph_around_the_span(on_disk, capsys):
    padding = "The committee met again and discussed the bridge at length. " * 6
    path = on_disk("long.txt", f"Bridge talks\n\n{padding}It ended when. the lights went out.\n")
    _, out = report(capsys, "full", "--select", "PUN001", str(path))
    source, carets = out.splitlines()[2:4]
    assert source.startswith("3 | …") and len(source) < 100 and source.endswith("lights went out.")
    assert source[carets.index("^")] == "."


def test_output_file_gets_the_report_without_colour(sample, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _, coloured = report(capsys, "text", str(sample))
    assert "\033[" in coloured   # on a terminal the report is coloured...
    target = tmp_path / "report.txt"
    code, out = report(capsys, "text", "--output-file", str(target), str(sample))
    written = target.read_text(encoding="utf-8")
    assert code == 1 and out == ""
    assert "\033[" not in written and f"{sample}:3:33: PUN001" in written   # ...in a file it is not
    assert not list(tmp_path.glob("*.cleanup-tmp"))


def test_every_format_is_registered_and_renders_nothing_wrong_for_no_files():
    for name, render in renderers().items():
        out = render([], {})
        if name in ("json", "sarif", "gitlab"):
            json.loads(out)
        elif name == "junit":
            assert ET.fromstring(out).get("tests") == "0"


def checked_result(path: str, text: str) -> FileResult:
    checked = check_source(text, path, FORMATS["text"], Profile(builtin_rules()))
    return file_result(path, text, text, checked, FORMATS["text"])


def test_streamed_reports_are_the_rendered_reports_piece_by_piece():
    results = [checked_result("a.txt", SAMPLE + "Traffic will be diverted tomorrow.\n"), odd_result('b "q".txt'),
               checked_result("clean.txt", "Quiet day\n\nNothing happened.\n")]
    assert results[0].findings and not results[2].findings
    options = {"statistics": True, "colour": True}
    for chosen in ([], results[:1], results):
        whole = json.dumps({"version": 1, "files": [json_report.file_object(r) for r in chosen]},
                           ensure_ascii=False, indent=2)
        assert json_report.render(chosen, options) == whole
        for name, stream in streamers().items():
            assert "".join(stream(chosen, options)) == renderers()[name](chosen, options), name


def test_a_streamed_report_ends_with_one_line_break_on_stdout_and_in_a_file(sample, tmp_path, capsys):
    for fmt in ("text", "json", "sarif"):
        _, out = report(capsys, fmt, str(sample))
        target = tmp_path / f"report.{fmt}"
        report(capsys, fmt, "--output-file", str(target), str(sample))
        assert out.endswith("\n") and not out.endswith("\n\n")
        assert target.read_text(encoding="utf-8") == out
