"""ATT001 visits only the paragraphs that hold a quotation: it finds what a walk of every body paragraph finds."""

from hypothesis import given, settings, strategies as st

from cleanup.checks.attribution import _first_sentence, unattributed
from cleanup.document import build
from cleanup.packs import builtin_rules
from cleanup.quotemarks import by_block
from cleanup.speech import DASH_LED, SPEECH

PARAGRAPHS = [
    "“Nobody will be left behind.”", "“Nobody will be left behind,” she said.", "“We go on", "and on.”",
    "“Still going", "The minister said the talks had ended.", "The talks ended on Friday.",
    "— The boy asked the rescuers.", "— Silence. He said more.", "“One” and “two” said.", "Two “quotes” here.",
    "By ANNA KOWALSKI", "MARKETS", "Talks end", "In brief:", "“Yes,” “no.”", "“Sa”id “he”", "“It” said “so”", "",
]


def _outside_quotes(doc, block, quotes):
    pieces, cursor = [], block.start
    for q in quotes:
        pieces.append(doc.text[cursor:q.start])
        cursor = q.end
    pieces.append(doc.text[cursor:block.end])
    return " ".join(pieces)


def oracle(doc):
    """Every body paragraph in turn, the run of paragraphs carrying a quotation walked along with them."""
    body, per_block = [], []
    for block, inside in zip(doc.blocks, doc.derived(by_block)):
        if block.scope == "body":
            body.append(block.span)
            per_block.append(inside)
    j, carries, found = 0, False, []
    for i, (span, inside) in enumerate(zip(body, per_block)):
        if i and not carries:
            j = i
        carries = bool(inside) and inside[-1].end == span.end
        if not inside or inside[0].start != span.start:
            continue
        if SPEECH.found_in(_outside_quotes(doc, span, inside)):
            continue
        if j > 0 and SPEECH.found_in(doc.text[body[j - 1].start:body[j - 1].end]):
            continue
        if j < i and SPEECH.found_in(_outside_quotes(doc, body[j], per_block[j])):
            continue
        if i + 1 < len(body) and DASH_LED.match(doc.text, body[i + 1].start) \
                and SPEECH.found_in(_first_sentence(doc, body[i + 1])):
            continue
        found.append((inside[0].start, inside[0].end))
    return found


META = next(rule.meta for rule in builtin_rules() if rule.meta.id == "ATT001")


@settings(max_examples=800)
@given(st.lists(st.sampled_from(PARAGRAPHS), max_size=12), st.sampled_from(["\n\n", "\n"]))
def test_unattributed_finds_what_a_walk_of_every_paragraph_finds(paragraphs, joint):
    doc = build(joint.join(paragraphs))
    assert [(f.span.start, f.span.end) for f in unattributed(doc, META, None)] == oracle(doc)
