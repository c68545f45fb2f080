"""A Python check that names its triggers finds nothing in a document that holds none of them.

The engine calls such a check only on a document holding one of its triggers (a phrase
of its table, the first character of every match), so each trigger list is an exactness
claim about its check. The oracle is the check called on every text regardless, on texts
drawn from the rules' own examples, whole and cut anywhere (phrases whole and broken,
entities, control characters, numbers and the words after them), and single characters.
"""

from hypothesis import given, settings, strategies as st

from cleanup import engine
from cleanup.document import build
from cleanup.packs import CheckRule, builtin_rules

TRIGGERED = tuple(r for r in builtin_rules() if isinstance(r, CheckRule) and r.triggers is not None)
EXAMPLES = sorted({e.text.replace("⟦", "").replace("⟧", "") for r in TRIGGERED for e in r.meta.examples})
PIECE = st.one_of(
    st.sampled_from(EXAMPLES),
    st.tuples(st.sampled_from(EXAMPLES), st.integers(0, 80), st.integers(1, 80)).map(lambda p: p[0][p[1]:p[1] + p[2]]),
    st.sampled_from([", ", " ", ". ", "\n", "\n\n", "that ", " thousand", "&", "&amp;", "\x7f", "Ã", "\ufffd", "x"]),
    st.characters(max_codepoint=0x2100))   # the edges of the character ranges checks start from
TEXTS = st.lists(PIECE, max_size=12).map("".join)


def test_the_checks_of_every_kind_name_triggers():
    assert {r.meta.id[:3] for r in TRIGGERED} >= {"TRN", "ENC", "NUM"}


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_a_check_finds_nothing_without_its_triggers_and_the_engine_runs_it_where_they_stand(text):
    everywhere = {r.meta.id: list(r.triggered(build(text))) for r in TRIGGERED}
    doc = build(text)
    for rule in TRIGGERED:
        assert rule.triggers.found_in(doc) or not everywhere[rule.meta.id], rule.meta.id
    expected = engine.sorted_unique([f for found in everywhere.values() for f in found])
    assert engine.run(build(text), TRIGGERED).findings == expected
