"""`cleanup score`, `check --scores` and the gates, as CI and copy editors meet them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup.cli import main

STORY = (
    "Ferry service resumes on the lake\n\n"
    "LAKESIDE (Regional Wire) — The ferry between the two shores of the lake resumed on Monday , "
    "three weeks after a storm damaged the pier at the northern landing.\n\n"
    "The operator said that the repairs had cost more than expected. and that fares would not rise this year.\n\n"
    "Passengers waiting at the southern landing, many of whom had driven around the lake every day since the "
    "storm, a trip that takes more than an hour each way and that several of them described as exhausting, said "
    "they were relieved that the boat was running again and that they hoped the pier would now be properly "
    "maintained by the council.\n\n"
    "The next timetable change is planned for the autumn.\n"
)


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """The story in a folder of its own, where a test may add a cleanup.toml."""
    (tmp_path / "ferry.txt").write_text(STORY, encoding="utf-8")
    return tmp_path / "ferry.txt"


@pytest.fixture
def scores(cli):
    """The JSON object of the one file scored with these arguments."""
    def first_file(*argv: str) -> dict:
        code, out, err = cli("score", "--format", "json", *argv)
        assert code in (0, 1), err
        return json.loads(out)["files"][0]
    return first_file


def test_score_json_carries_findings_with_mqm_and_the_scores(story, scores):
    entry = scores(str(story))
    rules = {f["rule"]: f for f in entry["findings"]}
    assert {"PUN001", "PUN002", "REA001"} <= set(rules)
    assert rules["PUN002"]["mqm"] == "Fluency/Punctuation"
    long_one = rules["REA001"]
    assert STORY[long_one["start"]:long_one["end"]].startswith("Passengers waiting")
    assert long_one["severity"] == "info" and long_one["category"] == "style"
    quality = entry["scores"]["quality"]
    # Two warnings (minor, 1 each); the long sentence is info (neutral, 0).
    assert quality["absolute_penalty"] == 2 and quality["severities"]["neutral"] == 1
    assert quality["score"] == pytest.approx(100 - 2000 / entry["scores"]["readability"]["lexicon_count"])
    assert [p["scope"] for p in entry["scores"]["paragraphs"]] == ["headline", "body", "body", "body", "body"]
    assert "gates" not in entry["scores"]


def test_text_report_shows_score_grade_costs_and_hardest_paragraph(story, cli, scores):
    entry = scores(str(story))
    hardest = max((p for p in entry["scores"]["paragraphs"] if p["scope"] == "body"),
                  key=lambda p: p["readability"]["flesch_kincaid_grade"])
    code, out, _ = cli("score", str(story))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == str(story)
    assert f"quality  {entry['scores']['quality']['score']:5.1f}/100" in lines[1]
    assert f"grade    {entry['scores']['readability']['flesch_kincaid_grade']:5.1f}" in lines[2]
    assert "Fluency/Punctuation 2 (2 findings)" in out
    first_hard = lines[lines.index("  hardest paragraphs") + 1]
    assert first_hard.startswith(f"    line {hardest['line']} ") and "Passengers waiting" in first_hard


@pytest.mark.parametrize("command", ["score", "check"])
def test_gates_decide_the_exit_code(story, cli, scores, command):
    figures = scores(str(story))["scores"]
    score, grade = figures["quality"]["score"], figures["readability"]["flesch_kincaid_grade"]
    clean = ["--exit-zero"] if command == "check" else []
    assert cli(command, *clean, "--fail-under", f"{score - 0.01}", str(story))[0] == 0
    code, _, err = cli(command, *clean, "--fail-under", f"{score + 0.01}", str(story))
    assert code == 1 and f"{story}: fails --fail-under" in err
    assert cli(command, *clean, "--max-grade", f"{grade + 0.01}", str(story))[0] == 0
    code, _, err = cli(command, *clean, "--max-grade", f"{grade - 0.01}", str(story))
    assert code == 1 and f"{story}: fails --max-grade" in err


def test_check_adds_scores_only_when_asked(story, cli, scores):
    _, plain, _ = cli("check", "--format", "json", str(story))
    assert "scores" not in json.loads(plain)["files"][0]
    _, scored, _ = cli("check", "--format", "json", "--scores", str(story))
    assert json.loads(scored)["files"][0]["scores"] == scores(str(story))["scores"]
    _, text, _ = cli("check", "--scores", str(story))
    assert f"{story}: quality " in text


def test_gate_entries_in_json(story, scores):
    entry = scores("--fail-under", "99", "--max-grade", "40", str(story))
    gates = {g["gate"]: g for g in entry["scores"]["gates"]}
    assert gates["fail-under"]["passed"] is False and gates["fail-under"]["limit"] == 99
    assert gates["max-grade"]["passed"] is True
    assert gates["max-grade"]["value"] == entry["scores"]["readability"]["flesch_kincaid_grade"]


def test_configuration_supplies_gates_and_weights_and_the_command_line_wins(story, tmp_path, cli, scores):
    (tmp_path / "cleanup.toml").write_text("fail-under = 99.5\nmqm-weights = { minor = 10 }\n", encoding="utf-8")
    entry = scores(str(story))
    assert entry["scores"]["quality"]["absolute_penalty"] == 20
    assert entry["scores"]["gates"][0]["limit"] == 99.5
    assert cli("score", str(story))[0] == 1
    assert cli("score", "--fail-under", "0", str(story))[0] == 0
    assert scores("--mqm-weights", "minor=3", str(story))["scores"]["quality"]["absolute_penalty"] == 6


def test_bad_weights_are_usage_errors(story, tmp_path, cli, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["score", "--mqm-weights", "blocker=3", str(story)])
    assert stop.value.code == 2 and "unknown severity: blocker" in capsys.readouterr().err
    (tmp_path / "cleanup.toml").write_text("mqm-weights = { minor = -1 }\n", encoding="utf-8")
    code, _, err = cli("score", str(story))
    assert code == 2 and "cleanup.toml: key 'mqm-weights'" in err


def test_rules_explain_the_mqm_severity(cli):
    assert "MQM: Style/Awkward, neutral (penalty 0 by default)" in cli("rules", "REA001")[1]
    assert "MQM: Fluency/Punctuation, minor (penalty 1 by default)" in cli("rules", "PUN002")[1]


def test_plain_check_does_not_load_the_scoring_machinery(story):
    """`check` stays fast by default: textstat and its dictionary load only when scores are asked for."""
    probe = ("import contextlib, io, sys\nfrom cleanup.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             f"    main(sys.argv[1:] + [{str(story)!r}])\n"
             "print(sorted(m for m in ('textstat', 'nltk') if m in sys.modules))")
    loaded = {}
    for argv in (["check"], ["check", "--scores"]):
        done = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, timeout=120)
        loaded[" ".join(argv)] = done.stdout.strip()
    assert loaded == {"check": "[]", "check --scores": "['nltk', 'textstat']"}
