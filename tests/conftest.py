"""Shared helpers: the built-in rules, a one-call check of plain text, the CLI in-process."""

from __future__ import annotations

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
def cli(capsys):
    """`cli("check", path)` runs the command line in this process: (exit code, stdout, stderr)."""
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err
    return run
