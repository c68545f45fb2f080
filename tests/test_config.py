"""Configuration found by walking up, validated key by key, applied per file."""

from __future__ import annotations

import json
from pathlib import Path

from cleanup.cli import main

STORY = "He said when. the talks end.\n\n“Fine,” she said. \"Good,\" he said.\n"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_section_is_found_from_a_nested_file(tmp_path, capsys):
    write(tmp_path / "pyproject.toml", '[tool.cleanup]\nselect = ["PUN"]\n')
    story = write(tmp_path / "desk" / "today" / "story.txt", STORY)
    code, out, _ = run(capsys, "check", "--format", "json", str(story))
    assert {f["rule"] for f in json.loads(out)["files"][0]["findings"]} == {"PUN001"}


def test_cleanup_toml_wins_over_pyproject_in_the_same_directory(tmp_path, capsys):
    write(tmp_path / "pyproject.toml", '[tool.cleanup]\nselect = ["PUN"]\n')
    write(tmp_path / "cleanup.toml", 'select = ["QUO"]\n')
    story = write(tmp_path / "story.txt", STORY)
    _, out, _ = run(capsys, "check", "--format", "json", str(story))
    assert {f["rule"] for f in json.loads(out)["files"][0]["findings"]} == {"QUO005"}


def test_unknown_key_and_bad_value_name_the_key(tmp_path, capsys):
    story = write(tmp_path / "story.txt", STORY)
    write(tmp_path / "cleanup.toml", 'colour = "red"\n')
    code, _, err = run(capsys, "check", str(story))
    assert code == 2 and "cleanup.toml: unknown key 'colour'" in err
    write(tmp_path / "cleanup.toml", 'quotes = "fancy"\n')
    code, _, err = run(capsys, "check", str(story))
    assert code == 2 and "key 'quotes' must be one of 'curly', 'straight'" in err


def test_per_file_ignores_and_severity_overrides(tmp_path, capsys):
    write(tmp_path / "cleanup.toml",
          'select = ["PUN001"]\nseverity = { PUN001 = "info" }\n[per-file-ignores]\n"archive/*" = ["PUN"]\n')
    kept = write(tmp_path / "story.txt", STORY)
    skipped = write(tmp_path / "archive" / "old.txt", STORY)
    code, out, _ = run(capsys, "check", "--format", "json", str(kept), str(skipped))
    by_path = {f["path"]: f["findings"] for f in json.loads(out)["files"]}
    assert [f["severity"] for f in by_path[str(kept)]] == ["info"]
    assert by_path[str(skipped)] == []
    assert code == 0  # info alone never fails


def test_house_quote_style_flags_every_other_mark(tmp_path, capsys):
    write(tmp_path / "cleanup.toml", 'quotes = "straight"\nselect = ["QUO005"]\n')
    story = write(tmp_path / "story.txt", "“Fine,” she said.\n")
    _, out, _ = run(capsys, "check", "--format", "json", str(story))
    assert len(json.loads(out)["files"][0]["findings"]) == 2


def test_explicit_config_and_config_command(tmp_path, capsys):
    chosen = write(tmp_path / "house.toml", 'spelling = "uk"\nignore = ["style"]\n')
    code, out, _ = run(capsys, "config", "--config", str(chosen))
    resolved = json.loads(out)
    assert code == 0 and resolved["settings"]["spelling"] == "uk"
    assert not [r for r in resolved["rules"] if r.startswith("STY")]


def _checked_paths(out: str) -> list[str]:
    return sorted(Path(f["path"]).name for f in json.loads(out)["files"])


def test_exclude_passes_over_files_a_directory_scan_finds(tmp_path, capsys):
    write(tmp_path / "cleanup.toml", 'exclude = ["drafts", "README.md"]\n')
    write(tmp_path / "story.txt", STORY)
    write(tmp_path / "README.md", "# How this desk files copy\n")
    write(tmp_path / "drafts" / "todo.txt", STORY)
    write(tmp_path / "news" / "drafts.txt", STORY)   # a file named like the pattern's directory is kept
    code, out, _ = run(capsys, "check", "--format", "json", "--exit-zero", str(tmp_path))
    assert code == 0 and _checked_paths(out) == ["drafts.txt", "story.txt"]
    _, out, _ = run(capsys, "check", "--format", "json", "--exclude", "news", str(tmp_path))
    assert _checked_paths(out) == ["story.txt"]


def test_a_named_file_is_excluded_only_with_force_exclude(tmp_path, capsys):
    # pre-commit names every staged file, so its hooks pass --force-exclude.
    write(tmp_path / "cleanup.toml", 'exclude = ["drafts/*"]\n')
    draft = write(tmp_path / "drafts" / "todo.txt", STORY)
    code, out, _ = run(capsys, "check", "--format", "json", str(draft))
    assert code == 1 and _checked_paths(out) == ["todo.txt"]
    code, out, _ = run(capsys, "check", "--format", "json", "--force-exclude", str(draft))
    assert code == 0 and _checked_paths(out) == []


def test_exclude_must_be_a_list_of_patterns(tmp_path, capsys):
    write(tmp_path / "cleanup.toml", 'exclude = "drafts"\n')
    story = write(tmp_path / "story.txt", STORY)
    code, _, err = run(capsys, "check", str(story))
    assert code == 2 and "key 'exclude' must be a list of strings" in err
