"""Shared helpers: the built-in rules and a one-call check of plain text."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from cleanup import engine
from cleanup.document import build
from cleanup.packs import builtin_rules


@pytest.fixture(scope="session")
def rules():
    return builtin_rules()


def check_text(text: str, rules) -> list:
    return list(engine.run(build(text), rules).findings)


# Property tests (tests/test_properties.py): a bounded, reproducible run in CI, and a long
# random one for local soaks: CLEANUP_HYPOTHESIS_PROFILE=soak or --hypothesis-profile=soak.
settings.register_profile("ci", max_examples=300, deadline=None, derandomize=True, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("soak", max_examples=int(os.environ.get("CLEANUP_SOAK_EXAMPLES", "20000")), deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("CLEANUP_HYPOTHESIS_PROFILE", "ci"))
