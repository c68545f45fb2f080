"""The real pre-commit, using this repository as a hook source, in a throwaway content repository.

The hook source is a snapshot of this working tree (committed files plus uncommitted
changes) committed into a temporary git repository, so the test exercises exactly the
code under test; pre-commit then builds its own virtualenv with a regular, non-editable
`pip install` of it, which is also what proves the rule packs ship inside the package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
BAD = "Storm closes schools\n\nThe mayor declined to say when. the schools would reopen , an aide said.\n"
CLEAN = "LISBON, Portugal (AP) — The schools reopened on Monday after the storm, the mayor said.\n"


def git(cwd: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *argv], cwd=cwd, capture_output=True, text=True, check=True)


@pytest.fixture(scope="module")
def environment(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never",
            "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
            "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org"}


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory) -> tuple[Path, str]:
    """This working tree as a git repository of its own: (path, commit)."""
    source = tmp_path_factory.mktemp("hook-source")
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    git(source, "init", "-q")
    git(source, "add", "-A")
    git(source, "-c", "user.name=Desk", "-c", "user.email=desk@example.org", "commit", "-q", "-m", "snapshot")
    return source, git(source, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture
def content(tmp_path, hook_source, environment) -> Path:
    """A content repository whose pre-commit configuration uses the hooks; fixing only on demand."""
    source, rev = hook_source
    repo = tmp_path / "desk"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n"
        "      - id: cleanup-check\n      - id: cleanup-fix\n        stages: [manual]\n", encoding="utf-8")
    pre_commit(repo, environment, "install")
    done = pre_commit(repo, environment, "install-hooks", timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return repo


def pre_commit(repo: Path, env: dict, *argv: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *argv], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=timeout)


def commit(repo: Path, env: dict, name: str, text: str) -> subprocess.CompletedProcess:
    (repo / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "add", name, ".pre-commit-config.yaml"], cwd=repo, check=True, env=env)
    return subprocess.run(["git", "commit", "-m", f"Add {name}"], cwd=repo, capture_output=True, text=True, env=env)


def test_copy_with_artefacts_fails_the_commit(content, environment):
    done = commit(content, environment, "storm.txt", BAD)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "cleanup check" in output and "Failed" in output
    assert "storm.txt:3:31: PUN001" in output and "PUN002" in output
    assert subprocess.run(["git", "rev-parse", "--verify", "HEAD"], cwd=content, capture_output=True).returncode != 0


def test_clean_copy_is_committed(content, environment):
    done = commit(content, environment, "reopen.txt", CLEAN)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "cleanup check" in output and "Passed" in output
    assert git(content, "log", "--format=%s").stdout.strip() == "Add reopen.txt"


def test_the_fixing_hook_fixes_the_file(content, environment):
    (content / "storm.txt").write_text(BAD, encoding="utf-8")
    git(content, "add", "storm.txt")   # pre-commit notices changes to tracked files only
    done = pre_commit(content, environment, "run", "--hook-stage", "manual", "cleanup-fix", "--files", "storm.txt")
    assert done.returncode == 1 and "files were modified by this hook" in done.stdout, done.stdout
    assert (content / "storm.txt").read_text(encoding="utf-8") == BAD.replace("when. the", "when the").replace(
        "reopen , an", "reopen, an")
    again = pre_commit(content, environment, "run", "cleanup-check", "--files", "storm.txt")
    assert again.returncode == 0, again.stdout


def test_the_content_repositorys_exclude_holds_for_staged_files(content, environment):
    # pre-commit names each staged file; the hooks pass --force-exclude so `exclude` still holds.
    (content / "cleanup.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    (content / "drafts").mkdir()
    subprocess.run(["git", "add", "cleanup.toml"], cwd=content, check=True, env=environment)
    done = commit(content, environment, "drafts/storm.txt", BAD)
    assert done.returncode == 0, done.stdout + done.stderr
