"""Every rule survives adversarial input: no exception, no timeout, no rule error.

The inputs are those of benchmarks/adversarial.py (100,000 spaces, quotes, periods and
other runs, thousands of tiny quoted paragraphs, a 1 MB line with no newline). A rule
that backtracks would hit the regex timeout and show here as a RuleError; how fast each
rule is stays the benchmark's business, not a test's.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from cleanup import engine
from cleanup.document import build
from cleanup.packs import builtin_rules

_SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "adversarial.py"
_spec = importlib.util.spec_from_file_location("adversarial_benchmark", _SCRIPT)
adversarial = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(adversarial)

RULES = builtin_rules()
INPUTS = dict(adversarial.adversarial_inputs())


@pytest.mark.parametrize("name", INPUTS)
def test_every_rule_survives(name):
    text = INPUTS[name]
    result = engine.run(build(text), RULES)
    assert result.errors == ()
    assert all(f.span.end <= len(text) for f in result.findings)


def test_inputs_are_as_large_as_promised():
    assert min(len(text) for text in INPUTS.values()) >= 100_000
    line = INPUTS["1 MB line"]
    assert len(line) == 1_000_000 and "\n" not in line and "\r" not in line
