"""The duplicate pack's native search finds what the plain definition of a repeat finds.

The search (native/src/duplicate.rs) reads words letter by letter in CPython's own
storage of the text (one, two or four bytes a character), knows words, stems and pairs by
64-bit hashes, and indexes only pairs a filter says occur twice. Each shortcut must never change a result, so the
search is compared here with a slow reading of the same definition in Python: every
sentence's words found in its lower-cased text, verbatim repeats by equal words, near
repeats through an index of every shared pair, ranked as the search ranks them, and a
paragraph of repeats reported whole.
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from cleanup import _native
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
# Words whose reading depends on Python's Unicode: case, final sigma, dotted capitals,
# digits of other scripts, marks, underscores, spaces other than the ASCII one, characters
# beyond two bytes and a lone surrogate.
WORDS = ["Ferry", "FERRY", "ferries", "ΟΔΟΣ", "ΟΔΟΣ.Και", "ΣΑΣ", "οδος", "İskele", "i̇skele", "STRASSE", "Straße",
         "١٢", "12", "²", "½", "ǅemal", "Łódź", "naïve", "nai\u0308ve", "x_y", "don’t", "cancelled", "canceled",
         "the", "of", "said", "passengers", "\u2003Holm", "Holm\x1c", "trains", "Trains,", "中文", "ııı", "𝐀𝐁", "\ud800ferry"]
GENERATED = st.lists(st.sampled_from(WORDS), min_size=4, max_size=12).map(lambda ws: "Now " + " ".join(ws) + ".")


def stem(word: str) -> str:
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[:-len(ending)]
            break
    return word[:-1] if len(word) > 4 and word[-1] == word[-2] else word


def near(later: set[str], earlier: set[str]) -> bool:
    return (len(later) >= duplicate.SHORTER * len(earlier) and len(later & earlier) >= duplicate.NEAR * len(later)
            and all(w in earlier for w in later if w.isdigit()))


def plain_rows(doc) -> list[int]:
    """Repeats by the definition, with no filter, hash or gate, among the sentences in scope."""
    text, bodies = doc.text, [block.span for block in doc.blocks if block.scope == "body"]
    paragraph_starts, paragraph_ends = [span.start for span in bodies], [span.end for span in bodies]
    found = [(s, e, p) for p, (start, end) in enumerate(zip(paragraph_starts, paragraph_ends))
             for s, e in _native.sentences(text, start, end) if doc.scope_at(s) in SCOPES]
    starts, ends, paragraphs = [s for s, _, _ in found], [e for _, e, _ in found], [p for _, _, p in found]
    n = len(starts)
    words = [re.findall(r"[^\W_]+", text[s:e].lower()) for s, e in zip(starts, ends)]
    content = [[stem(w) for w in ws if w not in FUNCTION_WORDS] for ws in words]
    pairs = [list(zip(c, c[1:])) for c in content]
    copy_of, verbatim, first, index = [-1] * n, [0] * n, {}, {}
    for i, ws in enumerate(words):
        if len(ws) >= duplicate.MIN_WORDS and tuple(ws) in first:
            copy_of[i], verbatim[i] = first[tuple(ws)], 1
        first.setdefault(tuple(ws), i)
        if not verbatim[i] and len(set(content[i])) >= duplicate.MIN_CONTENT:
            ranked = Counter(j for p in pairs[i] for j in index.get(p, [])[-duplicate.RECENT:])
            for j, _ in sorted(ranked.items(), key=lambda jn: -jn[1])[:duplicate.MAX_CANDIDATES]:
                if near(set(content[i]), set(content[j])):
                    copy_of[i] = j
                    break
        for p in set(pairs[i]):
            index.setdefault(p, []).append(i)
    rows: list[int] = []
    for p in sorted(set(paragraphs)):
        members = [k for k in range(n) if paragraphs[k] == p]
        repeated = [k for k in members if copy_of[k] >= 0]
        if not repeated:
            continue
        if (len(repeated) == len(members) and sum(ends[k] - starts[k] for k in members)
                >= duplicate.WHOLE * (paragraph_ends[p] - paragraph_starts[p])):
            j, exact = copy_of[members[0]], all(verbatim[k] for k in members)
            rows += [paragraph_starts[p], paragraph_ends[p], starts[j], ends[j], 2 | exact]
        else:
            for k in repeated:
                rows += [starts[k], ends[k], starts[copy_of[k]], ends[copy_of[k]], verbatim[k]]
    return rows


@given(st.sampled_from(["", "ANKARA (AA) — ", "ANKARA, March 3 (Reuters) - "]),
       st.lists(st.tuples(st.one_of(st.sampled_from(SENTENCES), GENERATED), st.sampled_from([" ", "\n\n", "  "])),
                max_size=14))
def test_search_finds_what_the_definition_finds(dateline, pieces):
    # A dateline is out of the rules' scopes: the sentence it starts is left out.
    doc = build(dateline + "".join(sentence + gap for sentence, gap in pieces))
    assert list(duplicate._rows(doc, SCOPES, RULE.lists)) == plain_rows(doc)


def test_the_recent_holders_of_a_pair_are_the_candidates():
    # More sentences share a pair than are remembered for it: the latest are compared.
    text = " ".join(f"Officials in district {n} said the ferry to Holm Island was cancelled." for n in range(450))
    doc = build(text + " The ferry to Holm Island was cancelled on Friday by officials in district 7.")
    assert list(duplicate._rows(doc, SCOPES, RULE.lists)) == plain_rows(doc)


def test_only_letters_and_digits_lower_to_letters_and_digits():
    # The search lowers letters and digits one by one and takes anything else as a break between words.
    assert not [hex(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF
                and not chr(c).isalnum() and any(ch.isalnum() for ch in chr(c).lower())]
