"""Sentences and paragraphs a broken feed printed twice.

Exact repeats are found by hashing normalised sentences. Near repeats (a sentence cut
down, reworded or reordered by a later version of the story) are sentences whose
content words, roughly stemmed, mostly occur in one earlier sentence. They are looked
for only among earlier sentences that share word pairs with it, through an index of
content-word bigrams, so a long document costs about one dictionary lookup per word
rather than a comparison of every pair.

A wire archive can be tens of megabytes of sentences, most of them repeats. So that the
search costs a few bytes per word rather than a Python object per word, sentences are
kept as rows of flat integer arrays, words as numbers in a per-document vocabulary,
word pairs as single integers, and the repeats found as rows of one more array.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress, count

import re

from ..document import Document
from ..model import Applicability, Edit, Finding, Fix, RuleMeta, Span
from ..sentences import sentences
from . import register

# Letters and digits ([\p{L}\p{N}]+): the standard library's engine finds them faster than
# `regex`, and its classes agree with \p{L} and \p{N} on every character Python's Unicode assigns.
_WORD = re.compile(r"[^\W_]+")
_ENDINGS = ("ing", "ed", "es", "s")


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
VOCABULARY = 200_000   # words a vocabulary learns before the next document starts a new one


class _Vocabulary(dict):
    """Each word's content-word number (its stem's), or 0 for a function word, given as words come.

    One vocabulary serves document after document, so that a word is stemmed and numbered
    once per process rather than once per document: after warm-up, turning a sentence into
    numbers is one native dictionary lookup per word. Numbers are unique even when threads
    (the server's) fill it at once: each comes from a native counter.

    >>> v = _Vocabulary(frozenset({"the"}))
    >>> [v[w] for w in ("the", "trains", "train", "12")], v.digits
    ([0, 1, 1, 2], {2})
    """

    def __init__(self, function_words: frozenset[str]) -> None:
        super().__init__()
        self.function_words = function_words
        self.stems: dict[str, int] = {}
        self.digits: set[int] = set()   # numbers of stems that are figures: a repeat must keep them
        self.counter = count(1)

    def __missing__(self, word: str) -> int:
        if word in self.function_words:
            number = 0
        else:
            root = stem(word)
            number = self.stems.get(root) or self.stems.setdefault(root, next(self.counter))
            if root.isdigit():
                self.digits.add(number)
        self[word] = number
        return number


_VOCABULARIES: dict[frozenset[str], _Vocabulary] = {}


def _vocabulary(function_words: frozenset[str]) -> _Vocabulary:
    """The vocabulary for these function words, a new one once it has learnt `VOCABULARY` words.

    A document keeps the vocabulary it started with, so its numbers stay consistent.
    """
    vocabulary = _VOCABULARIES.get(function_words)
    if vocabulary is None or len(vocabulary) > VOCABULARY:
        if len(_VOCABULARIES) > 8:  # packs with other function words, loaded one after another
            _VOCABULARIES.clear()
        vocabulary = _VOCABULARIES[function_words] = _Vocabulary(function_words)
    return vocabulary


def _pairs(content: array) -> list[int]:
    """Each pair of neighbouring content words as one number (its hash), in order.

    The hash of a pair of integers is 64 bits: two different pairs share one about once in
    10^19, and hashing by the native `map` costs less than building the number in Python.

    >>> _pairs(array("i", [1, 2, 1])) == [hash((1, 2)), hash((2, 1))]
    True
    """
    return list(map(hash, zip(content, content[1:])))


def _lowered(text: str) -> str | None:
    """The text lower-cased, when each character lowers to one at the same offset and alone.

    Otherwise (a dotted capital I lowers to two characters; a capital sigma lowers by what
    follows it, which a sentence cut from its text does not see) each sentence is lowered alone.
    """
    lowered = text.lower()
    return lowered if len(lowered) == len(text) and "Σ" not in text else None


class _Sentences:
    """The sentences of a document's body as rows of flat arrays: i-th span, block, words.

    While reading them, it counts their word pairs in `shared`, a filter of the pairs
    that occur in two sentences or more: a pair's slot reads 2 once two sentences have
    it. Pairs that share a slot make the filter let through some pairs of only one
    sentence, which costs index space only.
    """

    def __init__(self, doc: Document, scopes: frozenset[str], function_words: frozenset[str]) -> None:
        self.starts, self.ends, self.blocks = array("q"), array("q"), array("i")
        self.keys = array("q")       # hash of the lower-cased words: equal keys are verbatim repeats
        self.long = bytearray()      # 1 where the sentence has enough words to count as a verbatim repeat
        self.words = array("i")      # content-word numbers of every sentence, one after another
        self.bounds = array("q", [0])
        self.vocabulary = _vocabulary(function_words)
        text = doc.text
        # About four slots per word of the whole text: few pairs of one sentence share a slot with another.
        self.shared = seen = bytearray(max(len(text) // 2, 64))
        size = len(seen)
        lowered = _lowered(text)
        number, findall = self.vocabulary.__getitem__, _WORD.findall
        scope, stretch = "body", -1
        for i, block in enumerate(doc.blocks):
            if block.scope != "body":
                continue
            for start, end in sentences(text, block.span.start, block.span.end):
                if start >= stretch:
                    scope, stretch = doc.scope_stretch(start)
                if scope not in scopes:
                    continue
                words = findall(lowered, start, end) if lowered is not None else findall(text[start:end].lower())
                self.starts.append(start)
                self.ends.append(end)
                self.blocks.append(i)
                content = array("i", filter(None, map(number, words)))
                self.words.extend(content)
                self.bounds.append(len(self.words))
                # Python's hash of a tuple is 64 bits: two different sentences share one about once in 10^19 pairs.
                self.keys.append(hash(tuple(words)))
                self.long.append(len(words) >= MIN_WORDS)
                for slot in set(map(size.__rmod__, _pairs(content))):
                    if seen[slot] < 2:
                        seen[slot] += 1

    def __len__(self) -> int:
        return len(self.starts)

    def content(self, i: int) -> array:
        return self.words[self.bounds[i]:self.bounds[i + 1]]

    def indexed(self, pairs: list[int]) -> Iterator[int]:
        """The distinct pairs among `pairs` that the filter lets through."""
        distinct = set(pairs)
        size = len(self.shared)
        return compress(distinct, map((2).__eq__, map(self.shared.__getitem__, map(size.__rmod__, distinct))))


def _near(later: set[int], earlier: set[int], digits: set[int]) -> bool:
    """Most of the later sentence's words, and all its numbers, are in the earlier one.

    A much shorter sentence is not a repeat of a long one that happens to hold its words
    (a subhead inside a paragraph), and one with other figures reports other facts.
    """
    return (len(later) >= SHORTER * len(earlier) and len(later & earlier) >= NEAR * len(later)
            and all(w in earlier for w in later & digits))


def _first_copies(found: _Sentences) -> tuple[array, bytearray]:
    """For each sentence, the index of its first copy (-1 when it repeats nothing), and 1 where verbatim.

    Only word pairs that two sentences share can link a sentence to an earlier one, so
    only those are indexed, each with the last sentences that hold it.
    """
    digits = found.vocabulary.digits
    first: dict[int, int] = {}
    index: dict[int, array] = {}
    copy_of, verbatim = array("q", [-1]) * len(found), bytearray(len(found))
    for i in range(len(found)):
        key, content = found.keys[i], found.content(i)
        pairs = _pairs(content)
        if found.long[i] and key in first:
            copy_of[i], verbatim[i] = first[key], 1
        elif len(words := set(content)) >= MIN_CONTENT and not index.keys().isdisjoint(pairs):
            earlier = [j for pair in pairs if pair in index for j in index[pair][-RECENT:]]
            for j, _ in Counter(earlier).most_common(MAX_CANDIDATES):
                if _near(words, set(found.content(j)), digits):
                    copy_of[i] = j
                    break
        first.setdefault(key, i)
        for pair in found.indexed(pairs):
            holders = index.setdefault(pair, array("q"))
            holders.append(i)
            if len(holders) > 2 * RECENT:
                del holders[:-RECENT]
    return copy_of, verbatim


@dataclass(frozen=True)
class Repeat:
    span: Span        # the repeat: a sentence, or a whole paragraph
    earlier: Span     # where the text first appeared
    exact: bool
    paragraph: bool


_EXACT, _PARAGRAPH = 1, 2


def _rows(doc: Document, scopes: frozenset[str], function_words: frozenset[str]) -> array:
    """Repeated sentences, a paragraph made only of repeats once, whole; five numbers a repeat.

    Each row is the repeat's start and end, the start and end of the earlier text, and
    flags (`_EXACT`, `_PARAGRAPH`): the two rules share these rows for the whole run.
    """
    found = _Sentences(doc, scopes, function_words)
    copy_of, verbatim = _first_copies(found)
    rows = array("q")
    i = 0
    while i < len(found):
        block = found.blocks[i]
        last = i
        while last + 1 < len(found) and found.blocks[last + 1] == block:
            last += 1
        members = range(i, last + 1)
        repeated = [k for k in members if copy_of[k] >= 0]
        whole = doc.blocks[block].span
        if (len(repeated) == len(members)
                and sum(found.ends[k] - found.starts[k] for k in members) >= 0.9 * len(whole)):
            j = copy_of[i]
            flags = _PARAGRAPH | (_EXACT if all(verbatim[k] for k in members) else 0)
            rows.extend((whole.start, whole.end, found.starts[j], found.ends[j], flags))
        else:
            for k in repeated:
                j = copy_of[k]
                rows.extend((found.starts[k], found.ends[k], found.starts[j], found.ends[j], verbatim[k]))
        i = last + 1
    return rows


def repeats(doc: Document, scopes: frozenset[str], function_words: frozenset[str]) -> Iterator[Repeat]:
    """Repeated sentences; a paragraph made only of repeats is reported once, whole."""
    rows = doc.derived(_rows, scopes, function_words)
    for r in range(0, len(rows), 5):
        start, end, earlier_start, earlier_end, flags = rows[r:r + 5]
        yield Repeat(Span(start, end), Span(earlier_start, earlier_end), bool(flags & _EXACT),
                     bool(flags & _PARAGRAPH))


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


_TITLES = {what: f"Delete the repeated {what}" for what in ("sentence", "paragraph")}


def _check(doc: Document, meta: RuleMeta, lists, exact: bool) -> Iterator[Finding]:
    # The verbatim and near rules share one search for repeats. A copied story repeats the
    # same earlier sentences again and again: their findings share one message each.
    messages: dict[tuple[str, Span], str] = {}
    for r in repeats(doc, meta.scopes, lists.words("function_words")):
        if r.exact != exact:
            continue
        what = "paragraph" if r.paragraph else "sentence"
        message = messages.get((what, r.earlier))
        if message is None:
            message = messages[what, r.earlier] = meta.message.format(what=what, earlier=_opening(doc.text, r.earlier))
        fix = Fix(_TITLES[what], (deletion(doc, r.span),), Applicability.UNSAFE)
        yield meta.finding(r.span, fix, message)


@register("duplicate.verbatim")
def verbatim(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    return _check(doc, meta, lists, exact=True)


@register("duplicate.near")
def near(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    return _check(doc, meta, lists, exact=False)
