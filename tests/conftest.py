"""Shared helpers: the built-in rules, a one-call check of plain text, the CLI in-process."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

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


# Property tests (tests/test_properties.py): a bounded, reproducible run in CI, and a long
# random one for local soaks: CLEANUP_HYPOTHESIS_PROFILE=soak or --hypothesis-profile=soak.
settings.register_profile("ci", max_examples=300, deadline=None, derandomize=True, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("soak", max_examples=int(os.environ.get("CLEANUP_SOAK_EXAMPLES", "20000")), deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("CLEANUP_HYPOTHESIS_PROFILE", "ci"))
