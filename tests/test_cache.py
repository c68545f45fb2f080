"""The results cache: a hit gives the same report without checking again; any change to
the content, the configuration or a rule pack it uses makes it check again."""

from __future__ import annotations

import json
import pickle
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup import cache
from cleanup.cli import main, parser
from cleanup.commands import check
from cleanup.document import Document

STORY = (
    "Dockers walk out\n\n"
    "The union declined to say when. the strike would end , a steward said.\n\n"
    "“We will not move,” Okafor said. We are ready to wait. “The port is ours,” he added.\n\n"
    "Talks resume tomorrow at the port.\n"
)
PACK = '''
[[rule]]
id = "HSE001"
name = "house-harbour"
category = "style"
severity = "warning"
summary = "The house says harbour."
why = "House style."
message = "Say harbour"
mqm = "Fluency/Style"
pattern = \'\'\'\\bport\\b\'\'\'

[[rule.example]]
text = "The ⟦port⟧ closed."

[[rule.example]]
text = "The harbour closed."
'''


@pytest.fixture
def desk(tmp_path: Path, on_disk) -> Path:
    on_disk("cleanup.toml", 'rule-packs = ["house.toml"]\n')
    on_disk("house.toml", PACK)
    on_disk("a.txt", STORY)
    on_disk("b.txt", STORY)
    return tmp_path


def cli(desk: Path, *argv: str) -> str:
    """One run in its own process, as a user or CI runs it."""
    done = subprocess.run([sys.executable, "-m", "cleanup", "check", "--format", "json", *argv, "."],
                          cwd=desk, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def tamper(desk: Path) -> int:
    """Mark every stored message, so a report that shows the mark came from the cache."""
    with sqlite3.connect(desk / cache.DIRNAME / cache.DATABASE) as db:
        rows = db.execute("SELECT key, payload FROM entries").fetchall()
        for key, payload in rows:
            data = cache._loads(payload)   # compressed JSON; written back as the plain text older entries hold
            for finding in data["findings"]:
                finding[3] = "FROM THE CACHE"
            db.execute("UPDATE entries SET payload = ? WHERE key = ?", (json.dumps(data), key))
    return len(rows)


def test_a_hit_gives_the_same_report_without_checking_again(desk, capsys, monkeypatch):
    monkeypatch.chdir(desk)
    checked = []
    real = check.check_source
    monkeypatch.setattr(check, "check_source", lambda *a: checked.append(a[1]) or real(*a))
    for fmt in ("json", "sarif", "text"):
        main(["check", "--format", fmt, "."])
        first = capsys.readouterr().out
        checked.clear()
        main(["check", "--format", fmt, "."])
        assert capsys.readouterr().out == first and checked == []
    main(["check", "--format", "text", "--no-cache", "."])
    assert capsys.readouterr().out == first and checked == ["a.txt", "b.txt"]
    assert "HSE001" in first and "PUN001" in first


def test_the_cache_sits_beside_the_configuration_and_ignores_itself(desk):
    cli(desk)
    directory = desk / cache.DIRNAME
    assert (directory / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    tag = (directory / "CACHEDIR.TAG").read_text(encoding="utf-8")
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert tamper(desk) == 2


def test_changed_content_is_checked_again(desk):
    cli(desk)
    assert tamper(desk) == 2
    assert cli(desk).count("FROM THE CACHE") > 0
    (desk / "b.txt").write_text(STORY + "\nThe port stays shut.\n", encoding="utf-8")
    files = {f["path"]: f["findings"] for f in json.loads(cli(desk))["files"]}
    assert {f["message"] for f in files["a.txt"]} == {"FROM THE CACHE"}
    assert "FROM THE CACHE" not in {f["message"] for f in files["b.txt"]}
    assert [f["line"] for f in files["b.txt"] if f["rule"] == "HSE001"] == [5, 7, 9]


@pytest.mark.parametrize("change", [
    lambda desk: (desk / "cleanup.toml").write_text('rule-packs = ["house.toml"]\nquotes = "straight"\n', "utf-8"),
    lambda desk: (desk / "house.toml").write_text(PACK.replace("Say harbour", "Write harbour"), "utf-8"),
], ids=["configuration", "rule-pack"])
def test_a_configuration_or_rule_pack_change_invalidates(desk, change):
    before = json.loads(cli(desk))
    tamper(desk)
    assert "FROM THE CACHE" in cli(desk)
    change(desk)
    after = json.loads(cli(desk))
    messages = {f["message"] for file in after["files"] for f in file["findings"]}
    assert "FROM THE CACHE" not in messages
    assert after != before   # each change shows in the report, so a stale hit could not pass


def test_no_cache_neither_reads_nor_writes(desk):
    cli(desk, "--no-cache")
    assert not (desk / cache.DIRNAME).exists()
    cli(desk)
    tamper(desk)
    assert "FROM THE CACHE" not in cli(desk, "--no-cache")


def test_a_damaged_cache_is_a_miss_not_a_failure(desk):
    expected = cli(desk)
    with sqlite3.connect(desk / cache.DIRNAME / cache.DATABASE) as db:
        db.execute("UPDATE entries SET payload = '{\"findings\": [[1, 2'")
    assert cli(desk) == expected
    for path in (desk / cache.DIRNAME).glob(f"{cache.DATABASE}*"):
        path.write_bytes(b"not a database at all")
    assert cli(desk) == expected


def test_fixing_bypasses_the_cache(desk):
    cli(desk)
    tamper(desk)
    subprocess.run([sys.executable, "-m", "cleanup", "fix", "a.txt"], cwd=desk, capture_output=True, check=False)
    assert "when the strike would end, a steward" in (desk / "a.txt").read_text(encoding="utf-8")


def test_workers_answer_from_the_cache_too(desk):
    expected = cli(desk, "--jobs", "2")
    assert cli(desk, "--jobs", "2") == cli(desk) == expected
    tamper(desk)
    messages = [f["message"] for file in json.loads(cli(desk, "--jobs", "2"))["files"] for f in file["findings"]]
    assert set(messages) == {"FROM THE CACHE"}
    assert len(messages) == sum(len(file["findings"]) for file in json.loads(expected)["files"])


def test_a_hit_still_offers_the_document_check_source_builds(desk, monkeypatch):
    monkeypatch.chdir(desk)
    args = parser().parse_args(["check", "a.txt"])
    [job] = check.jobs(args)
    fresh, _ = cache.through(job, args, check.process)
    hit, _ = cache.through(job, args, check.process)
    restored = pickle.loads(pickle.dumps(hit.checked))   # as it travels back from a worker, still unbuilt
    assert hit.checked.document is hit.checked.document   # built once
    for document in (hit.checked.document, restored.document):
        assert isinstance(document, Document) and document is not fresh.checked.document
        assert (document.text, document.blocks, document.dateline, document.segments, document.quotes) == \
            (fresh.checked.document.text, fresh.checked.document.blocks, fresh.checked.document.dateline,
             fresh.checked.document.segments, fresh.checked.document.quotes)
        assert document.scope_at(40) == fresh.checked.document.scope_at(40)
    assert hit.findings == fresh.findings


BROKEN = {
    "bad pattern": (PACK.replace("\\bport\\b", "\\bport(\\b"), "house.toml: rule HSE001: bad pattern: "),
    "unknown list": (PACK.replace("\\bport\\b", "\\L<harbours>"), "house.toml: rule HSE001: pattern needs a "),
    "unknown check": (PACK.replace("pattern = '''\\bport\\b'''", 'check = "house.harbour"'),
                      "house.toml: rule HSE001: no Python check named 'house.harbour'"),
    "bad TOML": (PACK.replace("[[rule]]", "[[rule]"), "house.toml: "),
}


def refused(desk: Path, *argv: str) -> str:
    done = subprocess.run([sys.executable, "-m", "cleanup", "check", *argv, "."], cwd=desk, capture_output=True,
                          text=True)
    assert done.returncode == 2, done.stderr
    [line] = done.stderr.splitlines()
    return line


@pytest.mark.parametrize("broken", BROKEN, ids=list(BROKEN))
@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
def test_a_broken_pack_stops_the_run_with_a_cold_or_a_warm_cache(desk, broken, warm):
    """A warm run does not compile packs it verified before, so one changed since must be verified again."""
    if warm:
        cli(desk)
        assert cli(desk) == cli(desk)   # answered from the cache, packs trusted as verified
    text, message = BROKEN[broken]
    (desk / "house.toml").write_text(text, encoding="utf-8")
    line = refused(desk)
    assert message in line and line.startswith("cleanup: ") and str(desk / "house.toml") in line
    assert refused(desk) == line       # and it is not remembered as verified
    assert refused(desk, "--no-cache") == line


def test_a_run_the_cache_answers_loads_no_parser_check_or_report_it_does_not_use(desk, on_disk):
    """What a warm run imports is what it costs: checks, parsers, the scorers and the web stack stay out."""
    on_disk("c.md", "# Dockers walk out\n\nThe union declined to say when. the strike would end .\n")
    cli(desk)
    probe = ("import sys; from cleanup.cli import main; code = main(['check', '--format', 'json', '.']); "
             "print(code, sorted(m for m in sys.modules if m.startswith(('cleanup.checks.', 'cleanup.formats.', "
             "'cleanup.metadata', 'cleanup.server', 'markdown_it', 'rapidfuzz', "
             "'lingua', 'starlette', 'multiprocessing', 'urllib.request'))))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=desk, capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "1 []", done.stderr
    assert cache.DIRNAME in {p.name for p in desk.iterdir()}


def test_a_warm_run_takes_the_packs_as_read_before_instead_of_parsing_them(desk):
    """Parsing TOML was a tenth of a warm run: the packs' readings are remembered by their text."""
    first = cli(desk)
    with sqlite3.connect(desk / cache.DIRNAME / cache.DATABASE) as db:
        assert db.execute("SELECT count(*) FROM readings").fetchone()[0] == 16   # 15 built-in packs and house.toml
    probe = ("import sys, tomllib\n"
             "parse = tomllib.loads\n"
             "def refuse_packs(text):\n"
             "    assert '[[rule]]' not in text, 'a pack was parsed again'\n"
             "    return parse(text)\n"
             "tomllib.loads = refuse_packs\n"
             "from cleanup.cli import main\n"
             "sys.exit(main(['check', '--format', 'json', '.']))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=desk, capture_output=True, text=True)
    assert done.returncode == 1 and done.stdout == first, done.stderr
