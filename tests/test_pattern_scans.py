"""Pattern rules scanned only where their triggers stand find what a scan of the whole text finds.

`anchored` tries a pattern only at its triggers, `within` scans only the stretches between
marks that hold one, and `engine.run` calls only the rules whose triggers the document
holds. Each is an exactness claim about a pattern, so `finditer` over the whole text (and
every rule's own `check`) is the oracle, on texts drawn from the pieces the patterns and
their look-behinds are made of, commas and line breaks included.
"""

import pytest
import regex
from hypothesis import given, settings, strategies as st

from cleanup import engine
from cleanup.document import build
from cleanup.literals import LiteralSet, anchored, within
from cleanup.packs import PackError, builtin_rules, load_packs
import cleanup.patterns as patterns
from cleanup.patterns import PatternRule

RULES = builtin_rules()
PATTERNS = tuple(r for r in RULES if isinstance(r, PatternRule))
SCANNED = {r.meta.id: r for r in RULES if isinstance(r, PatternRule) and (r.anchored is not None or r.within)}

# Pieces of the rules' own examples, cut anywhere and joined in any order, with commas,
# spaces and line breaks between: the local shapes the patterns look for, at random edges.
EXAMPLES = sorted({e.text.replace("⟦", "").replace("⟧", "") for r in SCANNED.values() for e in r.meta.examples})
PIECE = st.one_of(
    st.tuples(st.sampled_from(EXAMPLES), st.integers(0, 80), st.integers(1, 80)).map(lambda p: p[0][p[1]:p[1] + p[2]]),
    st.sampled_from([",", ", ", " ", " that ", "said, ", "\n", "\n\n", "x", "\ud800"]))
TEXTS = st.lists(PIECE, max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(SCANNED)), TEXTS)
def test_a_scan_where_the_triggers_stand_finds_what_a_whole_scan_finds(rule_id, text):
    rule = SCANNED[rule_id]
    doc = build(text)
    pattern = rule.pattern.compiled()
    scan = (anchored(pattern, rule.triggers, doc, offset=rule.anchored) if rule.anchored is not None
            else within(pattern, rule.triggers, rule.within, doc))
    assert [m.span() for m in scan] == [m.span() for m in pattern.finditer(doc.text)]


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_the_engine_runs_a_rule_on_a_document_as_its_own_check_does(text):
    doc = build(text)
    expected = engine.sorted_unique([f for r in PATTERNS for f in r.check(doc)])
    assert engine.run(build(text), PATTERNS).findings == expected


def test_a_stretch_scan_stops_at_the_next_mark_but_sees_behind_its_start():
    said = regex.compile(r"(?:,| that) \w+ said\b(?<=said(?:,| that) [^,]*)")
    doc = build("He said, Ali said, no one said it, that he said")
    assert [m.span() for m in within(said, LiteralSet(["said,", "said that"]), ",", doc)] == [(7, 17)]


@pytest.mark.parametrize("keys", [f'triggers = ["said"]\n{keys}' for keys in (
    'anchored = "yes"', "anchored = 1.5", 'within = ",;"', "within = 1", 'within = ","\nanchored = true',
    'candidates = "caps_line"')] + ['candidates = "nowhere"'])
def test_a_pack_says_how_a_pattern_is_scanned_in_one_way_it_can_be(tmp_path, keys):
    """Anchored, within, candidates: each a known value, one at a time, candidates without triggers."""
    pack = tmp_path / "mine.toml"
    pack.write_text(f"""[[rule]]
id = "XYZ001"
name = "n"
category = "style"
severity = "info"
summary = "s"
why = "w"
message = "m"
mqm = "Style"
pattern = 'said'
{keys}
""", encoding="utf-8")
    with pytest.raises(PackError, match="XYZ001"):
        load_packs([pack])


def test_a_pattern_anchored_before_its_triggers_starts_no_earlier_than_the_text():
    doc = build("oday and Today")
    found = anchored(regex.compile(r"\b[Tt]oday"), LiteralSet(["oday"]), doc, offset=-1)
    assert [m.span() for m in found] == [(9, 14)]


TRIED = {r.meta.id: r for r in RULES if isinstance(r, PatternRule) and (r.anchored is not None or r.candidates)}


@pytest.mark.parametrize("rule_id", sorted(TRIED))
def test_a_rule_with_dense_places_to_try_scans_the_text_and_finds_what_its_tries_find(rule_id, monkeypatch):
    """Triggers or candidates denser than one per TRY_COST characters (a line of periods)
    make one scan of the text instead of a try at each: the same findings either way."""
    rule = TRIED[rule_id]
    texts = [e.text.replace("⟦", "").replace("⟧", "") for e in rule.meta.examples]   # each its own dateline
    found = {}
    for cost in (0, 10**9):   # every place tried; the text scanned
        monkeypatch.setattr(patterns, "TRY_COST", cost)
        found[cost] = [list(rule.check(build(text))) for text in texts]
    assert found[0] == found[10**9] and any(found[0])
