"""The duplicate pack's fast search finds what the plain definition of a repeat finds.

The search reads tokens through a shared vocabulary, compares words only among sentences
with the same content words, and looks for near repeats only where a filter says a word
pair occurs twice. Each shortcut must never change a result, so the search is compared
here with a slow reading of the same definition: every sentence's words found in its
lower-cased text, verbatim repeats by equal words, and near-repeat candidates through an
index of every shared pair, ranked as the search ranks them.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from cleanup.checks import duplicate
from cleanup.document import build
from cleanup.packs import builtin_rules

RULE = next(r for r in builtin_rules() if r.meta.id == "DUP001")
FUNCTION_WORDS, SCOPES = RULE.lists.words("function_words"), RULE.meta.scopes

# Invented sentences sharing words, pairs and figures, with the spellings and marks a feed varies.
SENTENCES = [
    "The ferry to Holm Island was cancelled on Friday because of high winds.",
    "The ferry to Holm Island was canceled on Friday because of high winds!",
    "THE FERRY TO HOLM ISLAND WAS CANCELLED ON FRIDAY BECAUSE OF HIGH WINDS.",
    "The ferry to Holm Island was cancelled on Friday.",
    "Ferry services to Holm Island were cancelled on Friday, the operator’s office said.",
    "“It was not to be,” he said.",
    "It was not to be.",
    "Winds of 110 km/h closed the harbour at Holm for 12 hours.",
    "Winds of 90 km/h closed the harbour at Holm for 12 hours.",
    "The harbour at Holm closed for 12 hours as winds reached 110 km/h.",
    "Residents of ΟΔΟΣ and İskele streets queued at the harbour office.",
    "Residents of οδος and i̇skele streets queued at the harbour office.",
    "Island ferry Holm high winds Friday cancelled operator harbour office.",
]


def plain_first_copies(found: duplicate._Sentences) -> tuple[list[int], list[int]]:
    """Repeats by the definition, with no filter, gate or shared vocabulary."""
    vocabulary = duplicate._Vocabulary(FUNCTION_WORDS)
    words = [found.words_of(i) for i in range(len(found))]
    content = [[n for n in map(vocabulary.number, ws) if n] for ws in words]
    pairs = [list(zip(c, c[1:])) for c in content]
    sentences_with = Counter(p for ps in pairs for p in set(ps))
    copy_of, verbatim, first, index = [-1] * len(found), [0] * len(found), {}, {}
    for i, ws in enumerate(words):
        if len(ws) >= duplicate.MIN_WORDS and tuple(ws) in first:
            copy_of[i], verbatim[i] = first[tuple(ws)], 1
        first.setdefault(tuple(ws), i)
        shared = [p for p in pairs[i] if sentences_with[p] > 1 or pairs[i].count(p) > 1]
        if not verbatim[i] and len(set(content[i])) >= duplicate.MIN_CONTENT:
            ranked = Counter(j for p in shared for j in index.get(p, [])[-duplicate.RECENT:])
            for j, _ in sorted(ranked.items(), key=lambda jn: -jn[1])[:duplicate.MAX_CANDIDATES]:
                if duplicate._near(set(content[i]), set(content[j]), vocabulary.digits):
                    copy_of[i] = j
                    break
        for p in set(shared):
            index.setdefault(p, []).append(i)
    return copy_of, verbatim


@given(st.lists(st.tuples(st.sampled_from(SENTENCES), st.sampled_from([" ", "\n\n", "  "])), max_size=14))
def test_search_finds_what_the_definition_finds(pieces):
    doc = build("".join(sentence + gap for sentence, gap in pieces))
    found = duplicate._Sentences(doc, SCOPES, FUNCTION_WORDS)
    copy_of, verbatim = duplicate._first_copies(found)
    assert (list(copy_of), list(verbatim)) == plain_first_copies(found)
