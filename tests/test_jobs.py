"""--jobs: worker processes give exactly the output of one process, in the same order."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup import corpus
from cleanup.cli import main
from cleanup.commands import check

CORPORA = corpus.CORPORA


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """Copy from both corpora, plus a file that cannot be read, in a directory with a configuration."""
    (tmp_path / "cleanup.toml").write_text('ignore = ["STY"]\n', encoding="utf-8")
    for kind in ("mt", "clean"):
        target = tmp_path / kind
        target.mkdir()
        for path in sorted((CORPORA / kind).glob("*.txt"))[:8]:
            shutil.copy(path, target / path.name)
    (tmp_path / "mt" / "05-broken.txt").write_bytes(b"Caf\xe9 prices rose.\n")
    return tmp_path


def cli(desk: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleanup", *argv], cwd=desk, capture_output=True, text=True)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_jobs_give_the_sequential_output(desk, fmt):
    paths = ["mt/03-st-louis-warehouse-verdict.txt", "clean", "missing.txt", "mt"]
    one = cli(desk, "check", "--no-cache", "--format", fmt, "--jobs", "1", *paths)
    two = cli(desk, "check", "--no-cache", "--format", fmt, "--jobs", "2", *paths)
    every = cli(desk, "check", "--no-cache", "--format", fmt, "--jobs", "0", *paths)
    assert one.returncode == 2 and "05-broken.txt: not valid UTF-8" in one.stderr
    assert "missing.txt: no such file or directory" in one.stderr
    assert one.stdout.count("PUN") > 3
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert (every.returncode, every.stdout, every.stderr) == (one.returncode, one.stdout, one.stderr)


def test_the_order_is_the_order_given(desk):
    readable = sorted(p.name for p in (desk / "mt").glob("*.txt") if p.name != "05-broken.txt")
    later, earlier = readable[-1], readable[1]
    done = cli(desk, "check", "--no-cache", "--jobs", "2", "--format", "json", f"mt/{later}", "clean", f"mt/{earlier}")
    paths = [f["path"] for f in json.loads(done.stdout)["files"]]
    clean = sorted(f"clean/{p.name}" for p in (desk / "clean").glob("*.txt"))
    assert paths == [f"mt/{later}", *clean, f"mt/{earlier}"]


def test_fixing_in_workers_writes_what_one_process_writes(desk, tmp_path):
    shutil.copytree(desk / "mt", desk / "copy")
    (desk / "mt" / "05-broken.txt").unlink()
    (desk / "copy" / "05-broken.txt").unlink()
    one = cli(desk, "fix", "--jobs", "1", "mt")
    two = cli(desk, "fix", "--jobs", "2", "copy")
    assert one.stdout.replace("mt/", "copy/") == two.stdout and one.returncode == two.returncode
    fixed = sorted(p.name for p in (desk / "mt").iterdir())
    assert fixed == sorted(p.name for p in (desk / "copy").iterdir())
    changed = [name for name in fixed if (desk / "mt" / name).read_bytes() != (CORPORA / "mt" / name).read_bytes()]
    assert changed
    for name in fixed:
        assert (desk / "mt" / name).read_bytes() == (desk / "copy" / name).read_bytes()


def test_jobs_must_be_a_count(desk):
    done = cli(desk, "check", "--jobs", "-1", "mt")
    assert done.returncode == 2 and "argument -j/--jobs: must be 0 (one per core) or more" in done.stderr


def test_files_are_checked_in_worker_processes(desk, monkeypatch, capsys):
    """Without this, the tests above would pass just as well if --jobs were ignored."""
    log = desk / "pids.log"
    real = check.process

    def logged(job, args):
        with log.open("a") as handle:
            handle.write(f"{os.getpid()}\n")
        return real(job, args)

    monkeypatch.setattr(check, "process", logged)
    monkeypatch.chdir(desk)
    main(["check", "--no-cache", "--jobs", "2", "clean"])
    pids = set(log.read_text().split())
    assert pids and str(os.getpid()) not in pids   # (how work is shared between the two may vary)
    assert "Found" in capsys.readouterr().out
