"""Shared helpers: the built-in rules and a one-call check of plain text."""

from __future__ import annotations

import pytest

from cleanup import engine
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
