"""The command line as users meet it: output, JSON contract, fixes, exit codes, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup import files
from cleanup.cli import main

SAMPLE = (
    "Talks stall in capital\n\n"
    "The minister declined to say when. the talks would resume , officials said.\n\n"
    "“We will not allow it,” Novak said. We are ready for any scenario. “The army is on alert,” he added.\n\n"
    "Talks will go on tomorrow.\n"
)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_report_names_place_rule_and_category(sample, capsys):
    code, out, _ = run(capsys, "check", str(sample))
    assert code == 1
    assert f"{sample}:3:34: PUN001 [punctuation]" in out
    assert f"{sample}:7:18: TIM001 [time]" in out


def test_json_contract_offsets_point_at_the_artefact(sample, capsys):
    code, out, _ = run(capsys, "check", "--format", "json", str(sample))
    report = json.loads(out)
    assert code == 1 and report["version"] == 1
    findings = report["files"][0]["findings"]
    assert {"rule", "category", "severity", "message", "start", "end", "line", "column", "fix"} <= set(findings[0])
    by_rule = {f["rule"]: f for f in findings}
    assert SAMPLE[by_rule["PUN001"]["start"]:by_rule["PUN001"]["end"]] == "."
    assert SAMPLE[by_rule["TIM001"]["start"]:by_rule["TIM001"]["end"]] == "tomorrow"
    leak = by_rule["QUO003"]
    assert SAMPLE[leak["start"]:leak["end"]] == "We are ready for any scenario."
    assert leak["fix"]["applicability"] == "unsafe"


def test_bom_is_not_counted_and_survives_a_fix(sample, capsys):
    sample.write_bytes(b"\xef\xbb\xbf" + SAMPLE.encode())
    _, out, _ = run(capsys, "check", "--format", "json", "--select", "PUN001", str(sample))
    finding = json.loads(out)["files"][0]["findings"][0]
    assert SAMPLE[finding["start"]:finding["end"]] == "."
    run(capsys, "fix", str(sample))
    assert sample.read_bytes().startswith(b"\xef\xbb\xbf")


def test_fix_removes_safe_findings_and_changes_nothing_else(sample, capsys):
    _, before, _ = run(capsys, "check", "--format", "json", str(sample))
    safe = [f for f in json.loads(before)["files"][0]["findings"] if f["fix"] and f["fix"]["applicability"] == "safe"]
    assert safe
    run(capsys, "fix", str(sample))
    fixed = sample.read_text(encoding="utf-8")
    expected = SAMPLE
    for f in sorted(safe, key=lambda f: -f["start"]):
        for e in f["fix"]["edits"]:
            expected = expected[:e["start"]] + e["replacement"] + expected[e["end"]:]
    assert fixed == expected
    _, after, _ = run(capsys, "check", "--format", "json", str(sample))
    left = json.loads(after)["files"][0]["findings"]
    assert not [f for f in left if f["fix"] and f["fix"]["applicability"] == "safe"]
    assert {f["rule"] for f in left} == {f["rule"] for f in json.loads(before)["files"][0]["findings"]} - {"PUN001", "PUN002"}


def test_unsafe_fixes_only_on_request(sample, capsys):
    run(capsys, "fix", str(sample))
    assert "We are ready for any scenario. “The army" in sample.read_text(encoding="utf-8")
    run(capsys, "fix", "--unsafe-fixes", str(sample))
    assert "“We are ready for any scenario. The army" in sample.read_text(encoding="utf-8")


def test_diff_shows_changes_and_writes_nothing(sample, capsys):
    code, out, _ = run(capsys, "check", "--diff", str(sample))
    assert code == 1
    assert "-The minister declined to say when. the talks" in out
    assert "+The minister declined to say when the talks" in out
    assert sample.read_text(encoding="utf-8") == SAMPLE


@pytest.mark.parametrize("argv,expected", [
    (["--exit-zero"], 0),
    (["--fail-on", "error"], 0),
    (["--select", "quotes"], 1),
    (["--select", "TIM", "--ignore", "TIM001"], 0),
])
def test_exit_codes_follow_fail_on_and_selection(sample, capsys, argv, expected):
    assert run(capsys, "check", *argv, str(sample))[0] == expected


def test_clean_text_exits_zero(tmp_path, capsys):
    clean = tmp_path / "clean.txt"
    clean.write_text("ANKARA, Turkey (AP) — The talks resumed on Monday, officials said.\n", encoding="utf-8")
    assert run(capsys, "check", str(clean)) == (0, "Found 0 findings in 1 file.\n", "")


@pytest.mark.parametrize("name,content,problem", [
    ("bad.txt", b"caf\xe9 au lait\n", "not valid UTF-8"),
    ("binary.txt", b"abc\x00def", "binary file"),
    ("empty.txt", b"", "file is empty"),
])
def test_bad_input_is_one_line_and_others_still_checked(sample, tmp_path, capsys, name, content, problem):
    bad = tmp_path / name
    bad.write_bytes(content)
    code, out, err = run(capsys, "check", str(bad), str(sample))
    assert code == 2
    assert err.strip().splitlines() == [f"cleanup: {bad}: {err.split(': ', 2)[2].strip()}"]
    assert problem in err
    assert f"{sample}:3:34: PUN001" in out


def test_missing_path_and_empty_directory(tmp_path, sample, capsys):
    empty = tmp_path / "nothing"
    empty.mkdir()
    (empty / "notes.bin").write_bytes(b"x")
    code, out, err = run(capsys, "check", str(tmp_path / "missing.txt"), str(empty), str(sample))
    assert code == 2
    assert f"{tmp_path / 'missing.txt'}: no such file or directory" in err
    assert f"{empty}: directory has no files to check" in err
    assert "PUN001" in out


def test_directory_is_walked(tmp_path, sample, capsys):
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert code == 1 and "story.txt:3:34: PUN001" in out


def test_fix_never_overwrites_a_file_changed_meanwhile(sample):
    source = files.read(str(sample))
    sample.write_text(SAMPLE + "An editor added this line.\n", encoding="utf-8")
    with pytest.raises(files.InputError, match="changed on disk"):
        files.write_atomic(source, "replacement")
    assert sample.read_text(encoding="utf-8").endswith("An editor added this line.\n")
    assert not list(sample.parent.glob("*.cleanup-tmp"))


def test_stdin_is_read_and_fixed_text_written_to_stdout(monkeypatch, capsys):
    import io
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("He said when. the talks end.\n".encode())))
    code, out, _ = run(capsys, "fix", "-")
    assert out.startswith("He said when the talks end.\n")


def test_unknown_selector_is_a_usage_error(sample, capsys):
    code, _, err = run(capsys, "check", "--select", "NOPE", str(sample))
    assert code == 2 and "unknown rule, prefix or category: NOPE" in err


def test_rules_lists_and_explains(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "PUN001" in out and "QUO003" in out
    code, out, _ = run(capsys, "rules", "PUN001")
    assert code == 0 and "Why:" in out and "✗ The minister declined to say when⟦.⟧" in out


def test_console_script_runs(sample):
    done = subprocess.run([sys.executable, "-m", "cleanup", "check", "--select", "PUN001", str(sample)],
                          capture_output=True, text=True)
    assert done.returncode == 1 and "PUN001" in done.stdout
