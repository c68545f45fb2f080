"""Shared helpers: the built-in rules, a one-call check of plain text, the CLI in-process."""

from __future__ import annotations

import os

import pytest

from cleanup import engine
from cleanup.cli import main
from cleanup.document import build
from cleanup.packs import builtin_rules


@pytest.fixture(scope="session")
def rules():
    return builtin_rules()


def check_text(text: str, rules) -> list:
    return list(engine.run(build(text), rules).findings)


@pytest.fixture
def on_disk(tmp_path):
    """Write invented copy under tmp_path: `on_disk("desk/story.txt", text)` gives its path."""
    def write(name: str, text: str):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path
    return write


@pytest.fixture
def cli(capsys):
    """`cli("check", path)` runs the command line in this process: (exit code, stdout, stderr)."""
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err
    return run


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI an integration test may not skip: a missing service must fail the run, not hide."""
    outcome = yield
    report = outcome.get_result()
    if (os.environ.get("CLEANUP_REQUIRE_INTEGRATION") == "1" and report.skipped
            and item.get_closest_marker("integration")):
        report.outcome = "failed"
        report.longrepr = f"integration test skipped in CI ({report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr})"
