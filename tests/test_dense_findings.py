"""Many artefacts packed together are reported as one finding that says how many it covers.

A run of adjacent quote marks is one artefact (QUO001, QUO002, QUO005), and a paragraph
with more than `patterns.DENSE` matches of one pattern rule is reported once: the finding
names the count, and its fix gives the same text as fixing every mark on its own.
"""

from __future__ import annotations

from cleanup import engine, patterns
from cleanup.document import build
from cleanup.fixes import apply_edits, fix_until_stable
from cleanup.packs import builtin_rules

RULES = {rule.meta.id: rule for rule in builtin_rules()}


def findings(rule_id: str, text: str):
    return engine.run(build(text), [RULES[rule_id]]).findings


def fixed(text: str, finding) -> str:
    return apply_edits(text, finding.fix.edits)


def test_run_of_extra_opening_marks_is_one_finding_whose_fix_removes_the_run():
    text = "She said: “The port is closed. ““““Nobody sails until Monday.”"
    (found,) = findings("QUO002", text)
    assert text[found.span.start:found.span.end] == "““““"
    assert "4 marks in a row" in found.message
    assert fixed(text, found) == "She said: “The port is closed. Nobody sails until Monday.”"


def test_single_extra_opening_mark_keeps_its_plain_message():
    (found,) = findings("QUO002", "She said: “The port is closed. “Nobody sails.”")
    assert found.message == RULES["QUO002"].meta.message


def test_run_of_unopened_closing_marks_is_one_finding_with_its_count():
    text = "The port is closed”””, he said."
    (found,) = findings("QUO001", text)
    assert (found.span.start, found.span.end) == (18, 21)
    assert "3 marks in a row" in found.message


def test_back_to_back_empty_quotations_are_one_quotation():
    doc = build('He typed """""" and left.')
    assert [(q.start, q.end) for q in doc.quotes.quotations] == [(9, 15)]
    assert [m.role for m in doc.quotes.marks] == ["open", "close"] * 3
    assert doc.quotes.anomalies == ()


def test_adjacent_minority_marks_are_one_style_finding_fixed_by_direction():
    text = "“We agree,” he said. “So do we,” she said. “Fine” \"\"yes\", they said."
    found, after_yes = findings("QUO005", text)
    assert text[after_yes.span.start:after_yes.span.end] == '"'
    assert text[found.span.start:found.span.end] == '""'
    assert "2 marks in a row" in found.message
    assert fixed(text, found) == "“We agree,” he said. “So do we,” she said. “Fine” “”yes\", they said."


def test_dense_paragraph_is_one_finding_that_fixes_like_each_match_alone():
    paragraph = "word , " * (patterns.DENSE + 10)
    text = "Talks resume\n\n" + paragraph + "end.\n\nThe price rose again , officials said."
    found = findings("PUN002", text)
    assert len(found) == 2
    dense, single = found
    assert f"{patterns.DENSE + 10} times in this paragraph" in dense.message
    assert single.message == RULES["PUN002"].meta.message
    assert fixed(text, dense) == "Talks resume\n\n" + "word, " * (patterns.DENSE + 10) + \
        "end.\n\nThe price rose again , officials said."


def test_paragraph_at_the_limit_is_still_reported_mark_by_mark():
    text = "when. the " * patterns.DENSE
    assert len(findings("PUN001", text)) == patterns.DENSE


def test_paragraph_of_shouted_words_has_no_dateline_and_real_datelines_stay():
    assert build("VERY " * 5000 + "— loud.").dateline is None
    text = "NEW YORK, Nov. 3 (AP) — Talks resumed."
    doc = build(text)
    assert text[doc.dateline.start:doc.dateline.end] == "NEW YORK, Nov. 3 (AP) — "


def test_fixing_dense_paragraphs_takes_a_round_per_rule_and_leaves_the_rules_silent():
    text = "Talks resume\n\n" + "It ended when. the talks , began " * (patterns.DENSE + 5) + "late."
    rules = [RULES["PUN001"], RULES["PUN002"]]
    outcome = fix_until_stable(text, lambda t: engine.run(build(t), rules).findings)
    # Each rule's one edit spans the paragraph, so the two edits touch: one waits a round.
    assert outcome.rounds == 2
    assert engine.run(build(outcome.text), rules).findings == ()
    assert outcome.text == "Talks resume\n\n" + "It ended when the talks, began " * (patterns.DENSE + 5) + "late."
