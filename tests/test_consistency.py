"""House choices reach the consistency rules: configured spelling and accepted names."""

from __future__ import annotations

from dataclasses import replace

from cleanup import engine
from cleanup.document import build
from cleanup.fixes import apply_edits
from cleanup.model import Applicability
from cleanup.packs import builtin_rules

RULES = {r.meta.id: r for r in builtin_rules()}


def run(rule_id, text, **house):
    doc = replace(build(text), house=house)
    return list(engine.run(doc, [RULES[rule_id]]).findings)


def test_house_spelling_flags_every_other_variety_word_without_mixing():
    text = "The organisation will analyse the centre’s plan."
    assert run("CON002", text) == []
    found = run("CON002", text, spelling="us")
    assert [text[f.span.start:f.span.end] for f in found] == ["organisation", "analyse", "centre"]
    assert {f.fix.applicability for f in found} == {Applicability.SAFE}
    fixed = apply_edits(text, [e for f in found for e in f.fix.edits])
    assert fixed == "The organization will analyze the center’s plan."


def test_house_spelling_overrides_the_majority():
    text = "The organization will analyze the center’s plan and its colour."
    found = run("CON002", text, spelling="uk")
    assert [text[f.span.start:f.span.end] for f in found] == ["organization", "analyze", "center"]


def test_a_tie_is_shown_but_never_applied():
    text = "The colour of the center was new."
    found = run("CON002", text)
    assert [text[f.span.start:f.span.end] for f in found] == ["center"]
    assert found[0].fix.applicability is Applicability.DISPLAY


def test_accepted_name_is_never_the_one_changed():
    text = "Erdogan spoke. Erdoğan left. Erdoğan returned."
    assert [text[f.span.start:f.span.end] for f in run("CON001", text)] == ["Erdogan"]
    assert run("CON001", text, accept=["Erdogan"]) == []


def test_tied_names_get_a_fix_to_show_only():
    text = "Maria Voloshina spoke. Later Voloshyna left."
    found = run("CON001", text)
    assert [text[f.span.start:f.span.end] for f in found] == ["Voloshyna"]
    assert found[0].fix.applicability is Applicability.DISPLAY
