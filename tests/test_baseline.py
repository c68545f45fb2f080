"""Baselines: record today's findings, then report only what is new, even as lines move."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleanup.cli import main

ARCHIVE = (
    "Ferry service resumes\n\n"
    "The operator declined to say when. the first sailing would leave , a clerk said.\n\n"
    "Passengers can book seats tomorrow.\n"
)


@pytest.fixture
def archive(on_disk) -> Path:
    return on_disk("copy/ferry.txt", ARCHIVE)


def check(capsys, *argv: str) -> tuple[int, list[dict], str]:
    code = main(["check", "--format", "jsonl", "--no-cache", *argv])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_written_baseline_silences_todays_findings_until_a_new_artefact_arrives(archive, tmp_path, capsys):
    base = tmp_path / "baseline.json"
    code, before, _ = check(capsys, str(archive))
    assert code == 1 and len(before) >= 3
    code, shown, err = check(capsys, "--write-baseline", str(base), str(archive))
    assert (code, shown) == (0, []) and f"recorded {len(before)} findings" in err
    assert len(json.loads(base.read_text(encoding="utf-8"))["findings"]) == len(before)
    assert check(capsys, "--baseline", str(base), str(archive))[:2] == (0, [])

    # An editor inserts a paragraph above, re-wraps a line and appends one with a new artefact.
    edited = ARCHIVE.replace("\n\n", "\n\nA paragraph an editor added.\n\n", 1).replace(
        "would leave , a clerk", "would leave ,\na clerk")
    archive.write_text(edited + "\nThe ferry docked at noon. the crew cheered.\n", encoding="utf-8")
    code, shown, _ = check(capsys, "--baseline", str(base), str(archive))
    assert code == 1 and [(f["rule"], f["line"]) for f in shown] == [("PUN001", 10)]


def test_a_repeat_of_a_recorded_artefact_is_new(archive, tmp_path, capsys):
    base = tmp_path / "baseline.json"
    check(capsys, "--write-baseline", str(base), str(archive))
    archive.write_text(ARCHIVE + "\nPassengers can book seats tomorrow.\n", encoding="utf-8")
    _, shown, _ = check(capsys, "--baseline", str(base), str(archive))
    # The second copy is new for the time rule, and is itself a repeated sentence.
    assert [(f["rule"], f["line"]) for f in shown] == [("DUP001", 7), ("TIM001", 7)]


def test_fixing_a_recorded_artefact_leaves_nothing_to_report(archive, tmp_path, capsys):
    base = tmp_path / "baseline.json"
    check(capsys, "--write-baseline", str(base), str(archive))
    archive.write_text(ARCHIVE.replace("tomorrow", "on Friday"), encoding="utf-8")
    assert check(capsys, "--baseline", str(base), str(archive))[:2] == (0, [])


def test_paths_are_recorded_relative_to_the_baseline(archive, tmp_path, capsys, monkeypatch):
    base = tmp_path / "baseline.json"
    monkeypatch.chdir(archive.parent)
    check(capsys, "--write-baseline", str(base), "ferry.txt")
    assert {row["path"] for row in json.loads(base.read_text(encoding="utf-8"))["findings"]} == {"copy/ferry.txt"}
    monkeypatch.chdir(tmp_path)
    assert check(capsys, "--baseline", "baseline.json", "copy")[:2] == (0, [])


def test_writing_twice_gives_the_same_file(archive, tmp_path, capsys):
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    check(capsys, "--write-baseline", str(first), str(archive))
    check(capsys, "--write-baseline", str(second), str(archive))
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("content,problem", [
    ("not json", "not valid JSON"),
    ('{"version": 1, "findings": [{"path": "a.txt"}]}', "an entry has no fingerprint"),
    ('{"findings": []}', "not a cleanup baseline"),
])
def test_a_bad_baseline_is_one_line_and_exit_2(archive, on_disk, capsys, content, problem):
    base = on_disk("baseline.json", content)
    with pytest.raises(SystemExit) as stop:
        main(["check", "--baseline", str(base), str(archive)])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and f"{base}: {problem}" in err.splitlines()[-1]
