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
