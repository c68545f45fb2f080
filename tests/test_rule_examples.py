"""Every rule against its own examples, as LanguageTool does for its rules.

For each incorrect example: exactly one finding at the marked span; its fix gives the
correction; after the fix the rule is silent. Correct examples give no finding.
"""

from __future__ import annotations

import pytest

from cleanup.fixes import apply_edits
from cleanup.formats import FORMATS
from cleanup.model import CATEGORIES
from cleanup.packs import builtin_rules
from cleanup.pipeline import Profile, check_source

RULES = builtin_rules()
CASES = [(rule, i, example) for rule in RULES for i, example in enumerate(rule.meta.examples)]


def run_rule(rule, text, fmt="text"):
    """The rule alone on the text read as `fmt`; spans come back in the text's own offsets."""
    checked = check_source(text, "example", FORMATS[fmt], Profile((rule,)))
    assert not checked.errors, checked.errors
    return checked.findings


def test_every_rule_has_both_kinds_of_example():
    for rule in RULES:
        kinds = {example.incorrect for example in rule.meta.examples}
        assert kinds == {True, False}, f"{rule.meta.id} needs an incorrect and a correct example"


def test_ids_are_unique_and_categories_known():
    ids = [rule.meta.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert all(rule.meta.category in CATEGORIES for rule in RULES)


@pytest.mark.parametrize("rule,index,example", CASES, ids=[f"{r.meta.id}-{i}" for r, i, _ in CASES])
def test_example(rule, index, example):
    text, span = example.unmarked()
    findings = run_rule(rule, text, example.format)
    if span is None:
        assert findings == (), f"{rule.meta.id} fires on a correct example: {[f.span for f in findings]}"
        return
    assert [f.span for f in findings] == [span], f"{rule.meta.id}: expected one finding at {span}"
    fix = findings[0].fix
    if example.correction is None:
        assert fix is None or fix.edits == (), f"{rule.meta.id} offers a fix but the example has no correction"
        return
    assert fix is not None, f"{rule.meta.id}: example has a correction but no fix was offered"
    fixed = apply_edits(text, fix.edits)
    assert fixed == example.correction
    assert run_rule(rule, fixed, example.format) == (), f"{rule.meta.id} still fires after its own fix"
