"""Sentences and paragraphs a broken feed printed twice.

Exact repeats are found by hashing normalised sentences. Near repeats (a sentence cut
down, reworded or reordered by a later version of the story) are sentences whose
content words, roughly stemmed, mostly occur in one earlier sentence. They are looked
for only among earlier sentences that share word pairs with it, through an index of
content-word bigrams, so a long document costs about one dictionary lookup per word
rather than a comparison of every pair.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import re

from ..document import Document
from ..model import Applicability, Edit, Finding, Fix, RuleMeta, Span
from ..sentences import sentences
from . import register

# Letters and digits ([\p{L}\p{N}]+): the standard library's engine finds them faster than
# `regex`, and its classes agree with \p{L} and \p{N} on every character Python's Unicode assigns.
_WORD = re.compile(r"[^\W_]+")
_ENDINGS = ("ing", "ed", "es", "s")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Enough of a word to match its other forms and spellings.

    >>> [stem(w) for w in ("cancelled", "canceled", "trains", "passengers", "said")]
    ['cancel', 'cancel', 'train', 'passenger', 'said']
    """
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[:-len(ending)]
            break
    return word[:-1] if len(word) > 4 and word[-1] == word[-2] else word
MIN_WORDS = 5          # shorter sentences ("No one was hurt.") may repeat on purpose
MIN_CONTENT = 6        # a near repeat needs this many content words to be judged
NEAR = 0.75            # share of the later sentence's content words found in the earlier one
SHORTER = 0.5          # the shortest a near repeat may be, against the sentence it repeats
MAX_CANDIDATES = 20    # earlier sentences compared with each sentence, most shared pairs first
RECENT = 200           # earlier sentences remembered per word pair: bounds work on huge documents


@dataclass(frozen=True)
class Sentence:
    span: Span
    block: int
    key: str                  # lower-cased words: equal keys are verbatim repeats
    content: tuple[str, ...]  # words that carry meaning, for near repeats


@dataclass(frozen=True)
class Repeat:
    span: Span        # the repeat: a sentence, or a whole paragraph
    earlier: Span     # where the text first appeared
    exact: bool
    paragraph: bool


def _sentences(doc: Document, scopes: frozenset[str], function_words: frozenset[str]) -> list[Sentence]:
    found = []
    for i, block in enumerate(doc.blocks):
        if block.scope != "body":
            continue
        for span in sentences(doc.text, block.span):
            if doc.scope_at(span.start) not in scopes:
                continue
            words = _WORD.findall(doc.text[span.start:span.end].lower())
            content = tuple([stem(w) for w in words if w not in function_words])
            found.append(Sentence(span, i, " ".join(words), content))
    return found


def _near(later: Sentence, earlier: Sentence) -> bool:
    """Most of the later sentence's words, and all its numbers, are in the earlier one.

    A much shorter sentence is not a repeat of a long one that happens to hold its words
    (a subhead inside a paragraph), and one with other figures reports other facts.
    """
    words, before = set(later.content), set(earlier.content)
    return (len(words) >= SHORTER * len(before) and len(words & before) >= NEAR * len(words)
            and all(w in before for w in words if w.isdigit()))


def _first_copies(found: list[Sentence]) -> dict[int, tuple[int, bool]]:
    """For each repeated sentence, the index of its first copy and whether it is verbatim.

    Only word pairs that two sentences share can link a sentence to an earlier one, so
    only those are indexed; finding them is set work done natively, not a loop per word.
    """
    bigrams = [list(zip(s.content, s.content[1:])) for s in found]
    distinct = [set(b) for b in bigrams]
    seen: set[tuple[str, str]] = set()
    shared: set[tuple[str, str]] = set()
    for pairs_of_one in distinct:
        shared |= pairs_of_one & seen
        seen |= pairs_of_one
    first: dict[str, int] = {}
    pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
    repeats: dict[int, tuple[int, bool]] = {}
    for i, s in enumerate(found):
        words = s.key.count(" ") + 1
        if words >= MIN_WORDS and s.key in first:
            repeats[i] = (first[s.key], True)
        elif len(set(s.content)) >= MIN_CONTENT and not distinct[i].isdisjoint(pairs):
            earlier = [j for pair in bigrams[i] if pair in pairs for j in pairs[pair][-RECENT:]]
            for j, _ in Counter(earlier).most_common(MAX_CANDIDATES):
                if _near(s, found[j]):
                    repeats[i] = (j, False)
                    break
        first.setdefault(s.key, i)
        for pair in distinct[i] & shared:
            pairs[pair].append(i)
    return repeats


def repeats(doc: Document, scopes: frozenset[str], function_words: frozenset[str]) -> Iterator[Repeat]:
    """Repeated sentences; a paragraph made only of repeats is reported once, whole."""
    found = _sentences(doc, scopes, function_words)
    copies = _first_copies(found)
    by_block: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(found):
        by_block[s.block].append(i)
    for block, members in by_block.items():
        repeated = [i for i in members if i in copies]
        whole = doc.blocks[block].span
        covers = [found[i].span for i in members] == [found[i].span for i in repeated]
        if repeated and covers and sum(len(found[i].span) for i in members) >= 0.9 * len(whole):
            earliest = found[copies[repeated[0]][0]].span
            yield Repeat(whole, earliest, all(copies[i][1] for i in repeated), True)
            continue
        for i in repeated:
            j, exact = copies[i]
            yield Repeat(found[i].span, found[j].span, exact, False)


def deletion(doc: Document, span: Span) -> Edit:
    """Delete `span` with the space that separated it from what came before (or after).

    >>> from cleanup.document import build
    >>> d = build("One two.\\n\\nThree four. Five six.")
    >>> deletion(d, Span(10, 21)), deletion(d, Span(22, 31))
    (Edit(span=Span(start=8, end=21), replacement=''), Edit(span=Span(start=21, end=31), replacement=''))
    """
    text, start, end = doc.text, span.start, span.end
    while start > 0 and text[start - 1].isspace():
        start -= 1
    if start == 0:  # nothing before it: take the space after instead
        while end < len(text) and text[end].isspace():
            end += 1
    return Edit(Span(start, end), "")


def _opening(text: str, span: Span, words: int = 8) -> str:
    """The first words of a sentence, to show which earlier one is repeated.

    >>> _opening("The trial is scheduled to run until the end of February.", Span(0, 57))
    'The trial is scheduled to run until the…'
    """
    parts = text[span.start:span.end].split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _repeats(doc: Document, scopes: frozenset[str], function_words: frozenset[str]) -> tuple[Repeat, ...]:
    return tuple(repeats(doc, scopes, function_words))


def _check(doc: Document, meta: RuleMeta, lists, exact: bool) -> Iterator[Finding]:
    # The verbatim and near rules share one search for repeats.
    for r in doc.derived(_repeats, meta.scopes, lists.words("function_words")):
        if r.exact != exact:
            continue
        what = "paragraph" if r.paragraph else "sentence"
        fix = Fix(f"Delete the repeated {what}", (deletion(doc, r.span),), Applicability.UNSAFE)
        yield meta.finding(r.span, fix, meta.message.format(what=what, earlier=_opening(doc.text, r.earlier)))


@register("duplicate.verbatim")
def verbatim(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    return _check(doc, meta, lists, exact=True)


@register("duplicate.near")
def near(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    return _check(doc, meta, lists, exact=False)
