"""Sentences and paragraphs a broken feed printed twice.

Exact repeats are found among sentences with the same content words, by comparing their
words. Near repeats (a sentence cut down, reworded or reordered by a later version of
the story) are sentences whose content words, roughly stemmed, mostly occur in one
earlier sentence. They are looked for only among earlier sentences that share word pairs
with it, through an index of content-word bigrams, so a long document costs about one
dictionary lookup per word rather than a comparison of every pair.

A wire archive can be tens of megabytes of sentences, most of them repeats. So that the
search costs a few bytes per word rather than a Python object per word, sentences are
kept as rows of flat integer arrays, words as numbers (read token by token through a
vocabulary the documents of a process share), word pairs as single integers, and the
repeats found as rows of one more array. Word pairs are counted for the whole document
in one sweep, and the near-repeat search, a Python step per pair, runs only in sentences
holding a pair met twice.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate, compress, count, groupby, islice, repeat
from operator import itemgetter, ne

import re

from ..document import SCOPES, Document
from ..model import Applicability, Edit, Finding, Fix, RuleMeta, Span
from ..sentences import RARE_MARKS, sentences
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
VOCABULARY = 100_000   # tokens a vocabulary learns before the next document starts a new one
VOCABULARY_CHARACTERS = 4_000_000   # and characters: copy without spaces (Chinese, a URL) is one long token


def _spread(n: int) -> int:
    """A 30-bit number other than 0 shuffled, one to one, over the 30-bit numbers other than 0
    (a vocabulary's counter stays far below 2**30).

    Three Feistel rounds (each half in turn mixed with a hash of the other: a step that
    can be undone), repeated in the rare case they give 0, the number kept for function words.

    >>> len({_spread(n) for n in range(1, 1 << 16)}), max(_spread(n) for n in range(1, 1 << 16)) < 1 << 30
    (65535, True)
    """
    while True:
        high, low = n >> 15, n & 0x7FFF
        for step in range(3):
            high, low = low, high ^ hash((low, step)) & 0x7FFF
        n = high << 15 | low
        if n:
            return n


class _Vocabulary(dict):
    """Each token's content words, as their stems' numbers packed in bytes, given as tokens come.

    A token is what lies between spaces ("“Trains", "minister’s"): splitting on spaces is
    native and several times cheaper than finding words with a pattern, and no word crosses
    a space, so a sentence's words are its tokens' words one after another. A token is
    lower-cased alone, which gives what lowering its sentence gives: the only letter lowered
    by its neighbours, a capital sigma, looks no further than a space. Function words are
    left out; packing the numbers lets a sentence's be joined in one native step.

    One vocabulary serves document after document, so that a token is read and its words
    stemmed and numbered once per process rather than once per document: after warm-up,
    turning a sentence into numbers is one native dictionary lookup per token. Numbers are
    unique even when threads (the server's) fill it at once: each comes from a native counter,
    then is spread over 30 bits (one to one), so that a pair's two numbers, read as one
    64-bit number, fall evenly in the slots of the pair filter below.

    >>> v = _Vocabulary(frozenset({"the", "s"}))
    >>> [len(array("i", v[t])) for t in ("The", "trains,", "“Train", "12", "minister’s", "U.N.-led")]
    [0, 1, 1, 1, 1, 3]
    >>> v["trains,"] == v["“Train"] != v["12"], set(array("i", v["12"])) == v.digits
    (True, True)
    """

    def __init__(self, function_words: frozenset[str]) -> None:
        super().__init__()
        self.function_words = function_words
        self.stems: dict[str, int] = {}
        self.digits: set[int] = set()   # numbers of stems that are figures: a repeat must keep them
        self.counter = count(1)
        self.characters = 0   # in the tokens learnt: what bounds the memory, with their number

    def __missing__(self, token: str) -> bytes:
        self.characters += len(token)
        packed = self[token] = array("i", filter(None, map(self.number, _WORD.findall(token.lower())))).tobytes()
        return packed

    def number(self, word: str) -> int:
        """The number of the word's stem, 0 for a function word."""
        if word in self.function_words:
            return 0
        root = stem(word)
        number = self.stems.get(root) or self.stems.setdefault(root, _spread(next(self.counter)))
        if root.isdigit():
            self.digits.add(number)
        return number


_VOCABULARIES: dict[frozenset[str], _Vocabulary] = {}


def _vocabulary(function_words: frozenset[str]) -> _Vocabulary:
    """The vocabulary for these function words, a new one once it has learnt `VOCABULARY` tokens
    or `VOCABULARY_CHARACTERS` characters.

    A document keeps the vocabulary it started with, so its numbers stay consistent.
    """
    vocabulary = _VOCABULARIES.get(function_words)
    if vocabulary is None or len(vocabulary) > VOCABULARY or vocabulary.characters > VOCABULARY_CHARACTERS:
        if len(_VOCABULARIES) > 8:  # packs with other function words, loaded one after another
            _VOCABULARIES.clear()
        vocabulary = _VOCABULARIES[function_words] = _Vocabulary(function_words)
    return vocabulary


def _pairs(content: array, links: bytes) -> list[int]:
    """The pairs of neighbouring content words that `links` marks, each as one number (its hash), in order.

    Only a marked pair can be shared with another sentence. The hash of a pair of integers
    is 64 bits: two different pairs share one about once in 10^19, and hashing by the
    native `map` costs less than building the number in Python.

    >>> _pairs(array("i", [1, 2, 1, 3]), bytes([1, 0, 1])) == [hash((1, 2)), hash((1, 3))]
    True
    """
    return list(map(hash, compress(zip(content, content[1:]), links)))


_SHARED = bytes([0, 0, 1]) + bytes(253)   # a filter count of 2 (two sentences or more) as 1
_CHUNK = 1 << 16                          # words whose pairs are numbered at a time


def _pair_codes(words: array) -> array:
    """Each pair of neighbouring words as one 64-bit number (the second word's in the high half,
    on a little-endian machine).

    Read straight from the words' bytes, eight at a time from the first word and again from
    the second, then interleaved: no Python step per pair.

    >>> list(_pair_codes(array("i", [1, 2, 3]))) == [2 << 32 | 1, 3 << 32 | 2]
    True
    """
    packed = memoryview(words).cast("B")
    codes = array("q", bytes(8 * max(len(words) - 1, 0)))
    for first in (0, 1):
        pairs = array("q")
        pairs.frombytes(packed[4 * first:4 * first + max(len(words) - first, 0) // 2 * 8])
        codes[first::2] = pairs
    return codes


def _links(words: array) -> bytes:
    """For each pair of neighbouring words, 1 where it may occur again elsewhere in the text.

    Word pairs are counted for the whole text in one sweep, not sentence by sentence: the
    pairs across a sentence boundary and those repeated within a sentence only let through
    some pairs that occur once, which costs a look-up and index space, never a repeat. A
    sentence none of whose pairs is marked shares none with another, and needs no look-up.

    An article's pairs are counted exactly; a long text's, whose table of pairs would take
    a hundred bytes a pair, in a filter of a few bytes a word.

    >>> list(_links(array("i", [1, 2, 3, 1, 2]))), list(_filtered(array("i", [1, 2, 3, 1, 2])))
    ([1, 0, 0, 1], [1, 0, 0, 1])
    """
    return _filtered(words) if len(words) > _CHUNK else bytes(_repeated(_pair_codes(words)))


def _repeated(items: Iterable[int]) -> bytearray:
    """1 for each item that occurs more than once, 0 for the others.

    By native passes over a table of each item's first position: an item met before finds
    its first position there, not its own.

    >>> list(_repeated([5, 6, 5, 7, 5]))
    [1, 0, 1, 0, 1]
    """
    first: dict[int, int] = {}
    earlier = list(map(first.setdefault, items, count()))
    marks = bytearray(map(ne, earlier, count()))
    for k in set(compress(earlier, marks)):   # the first of each item met again
        marks[k] = 1
    return marks


def _filtered(words: array) -> bytes:
    """`_links` through a filter: a pair's slot reads 2 once it has occurred twice.

    Pairs that share a slot are let through too. The filter has four slots a word, and at
    least 64K: in an article of a few hundred words a fifth of the pairs would otherwise
    share a slot. Its size is odd, 15 below a multiple of four (at least 65,521, a prime):
    a size one off a power of two would fold a pair's two numbers into their sum, and a
    pair and its reverse would share a slot.
    """
    size = min(max(4 * len(words), 1 << 16), 1 << 32) - 15
    slots = array("I")
    for k in range(0, len(words) - 1, _CHUNK):  # a chunk's pair numbers are twice its slots' size
        slots.extend(array("I", map(size.__rmod__, _pair_codes(words[k:k + _CHUNK + 1]))))
    seen = bytearray(size)
    for slot in slots:
        if seen[slot] < 2:
            seen[slot] += 1
    counts = bytes(map(seen.__getitem__, slots))
    del seen, slots  # before the copy below: on a long text they are eight bytes a word
    return counts.translate(_SHARED)


def _outside(doc: Document, scopes: frozenset[str]) -> list[tuple[float, float]]:
    """Disjoint stretches, in order and ending with an endless one, outside which every offset is in `scopes`.

    A document has few out-of-scope segments in its body (its dateline), so nearly every
    paragraph takes all its sentences without asking each one's scope.

    >>> from cleanup.document import build
    >>> d = build("ANKARA (AA) — He said “we go” today.")
    >>> _outside(d, frozenset({"body"})), _outside(d, frozenset({"body", "quotation"}))[:-1]
    ([(0, 14), (22, 29), (inf, inf)], [(0, 14)])
    """
    segments, end = doc.segments, float("inf")
    if "body" not in scopes:    # what lies between segments is body
        return [(0, end)]
    out = bytes(map({i for i, scope in enumerate(SCOPES) if scope not in scopes}.__contains__, segments.scopes))
    stretches = sorted(zip(compress(segments.starts, out), compress(segments.ends, out)))
    merged = [(-1, -1)]
    for start, stop in stretches:
        if start <= merged[-1][1]:
            merged[-1] = merged[-1][0], max(stop, merged[-1][1])
        else:
            merged.append((start, stop))
    return [*merged[1:], (end, end)]


_BATCH = 4096   # sentences read at a time: their tokens, while being read, are a Python object each


class _Sentences:
    """The sentences of a document's body as rows of flat arrays: i-th span, block, content words."""

    def __init__(self, doc: Document, scopes: frozenset[str], function_words: frozenset[str]) -> None:
        self.text = doc.text
        self.starts, self.ends, self.blocks = array("q"), array("q"), array("i")
        self.words = array("i")      # content-word numbers of every sentence, one after another
        self.bounds = array("q", [0])
        self.contents = array("q")   # hash of each sentence's content words: verbatim repeats share it
        self.vocabulary = _vocabulary(function_words)
        text = doc.text
        add_start, add_end, add_block = self.starts.append, self.ends.append, self.blocks.append
        outside = iter(_outside(doc, scopes))
        marks = [mark for mark in RARE_MARKS if mark in text]   # most articles have none
        low, high = next(outside)
        for i, (span, kind) in enumerate(doc.blocks):
            if kind != "body":
                continue
            while high <= span.start:
                low, high = next(outside)
            careful = low < span.end   # a dateline's first words, say: ask each sentence its scope
            rare = any(text.find(mark, span.start, span.end) >= 0 for mark in marks) if marks else False
            for start, end in sentences(text, span.start, span.end, rare):
                if not careful or doc.scope_at(start) in scopes:
                    add_start(start)
                    add_end(end)
                    add_block(i)
        packed = repeat(self.vocabulary.__getitem__)
        for k in range(0, len(self), _BATCH):
            spans = map(slice, self.starts[k:k + _BATCH], self.ends[k:k + _BATCH])
            tokens = map(str.split, map(text.__getitem__, spans))
            rows = list(map(b"".join, map(map, packed, tokens)))
            self.words.frombytes(b"".join(rows))
            sizes = map((4).__rfloordiv__, map(len, rows))
            self.bounds.extend(islice(accumulate(sizes, initial=self.bounds[-1]), 1, None))
            self.contents.extend(map(hash, rows))
        self.links = _links(self.words)

    def __len__(self) -> int:
        return len(self.starts)

    def content(self, i: int) -> array:
        return self.words[self.bounds[i]:self.bounds[i + 1]]

    def words_of(self, i: int) -> list[str]:
        """The sentence's words, lower-cased: equal lists are verbatim repeats."""
        return _WORD.findall(self.text[self.starts[i]:self.ends[i]].lower())


def _near(later: set[int], earlier: set[int], digits: set[int]) -> bool:
    """Most of the later sentence's words, and all its numbers, are in the earlier one.

    A much shorter sentence is not a repeat of a long one that happens to hold its words
    (a subhead inside a paragraph), and one with other figures reports other facts.
    """
    return (len(later) >= SHORTER * len(earlier) and len(later & earlier) >= NEAR * len(later)
            and all(w in earlier for w in later & digits))


def _verbatim(found: _Sentences, copy_of: array, verbatim: bytearray) -> None:
    """Mark each long sentence whose words an earlier one has, with the first such sentence.

    Equal words give equal content words, so only sentences whose content words occur
    again (few, outside a broken feed) have their words read and compared.
    """
    first: dict[int, int] = {}
    for i in compress(count(), _repeated(found.contents)):
        words = found.words_of(i)
        # Python's hash of a tuple is 64 bits: two different sentences share one about once in 10^19 pairs.
        key = hash(tuple(words))
        if len(words) >= MIN_WORDS and key in first:
            copy_of[i], verbatim[i] = first[key], 1
        first.setdefault(key, i)


def _first_copies(found: _Sentences) -> tuple[array, bytearray]:
    """For each sentence, the index of its first copy (-1 when it repeats nothing), and 1 where verbatim.

    Only word pairs that two sentences share can link a sentence to an earlier one, so
    only those are indexed, each with the last sentences that hold it, and only sentences
    holding such a pair are visited.
    """
    digits, bounds, links = found.vocabulary.digits, found.bounds, found.links
    copy_of, verbatim = array("q", [-1]) * len(found), bytearray(len(found))
    _verbatim(found, copy_of, verbatim)
    index: dict[int, array] = {}
    linked = map((-1).__lt__, map(links.find, repeat(1), bounds, map((-1).__add__, islice(bounds, 1, None))))
    for i in compress(count(), linked):
        start, end = bounds[i], bounds[i + 1]
        content = found.words[start:end]
        pairs = _pairs(content, links[start:end - 1])
        if (not verbatim[i] and not index.keys().isdisjoint(pairs)
                and len(words := set(content)) >= MIN_CONTENT):
            earlier = Counter([j for pair in pairs if pair in index for j in index[pair][-RECENT:]])
            # Most shared pairs first, ties in the order met: what most_common gives, by a native sort.
            for j, _ in sorted(earlier.items(), key=itemgetter(1), reverse=True)[:MAX_CANDIDATES]:
                if _near(words, set(found.content(j)), digits):
                    copy_of[i] = j
                    break
        for pair in set(pairs):
            holders = index.get(pair)
            if holders is None:
                holders = index[pair] = array("q")
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
    Only paragraphs holding a repeat are visited.
    """
    found = _Sentences(doc, scopes, function_words)
    copy_of, verbatim = _first_copies(found)
    blocks, starts, ends = found.blocks, found.starts, found.ends
    rows = array("q")
    repeated = compress(range(len(found)), map((-1).__ne__, copy_of))
    for block, group in groupby(repeated, blocks.__getitem__):
        ks = list(group)
        members = range(bisect_left(blocks, block, hi=ks[0] + 1), bisect_right(blocks, block, lo=ks[-1]))
        whole = doc.blocks[block].span
        if (len(ks) == len(members)
                and sum(ends[k] - starts[k] for k in members) >= 0.9 * len(whole)):
            j = members[0]
            flags = _PARAGRAPH | (_EXACT if all(verbatim[k] for k in members) else 0)
            rows.extend((whole.start, whole.end, starts[copy_of[j]], ends[copy_of[j]], flags))
        else:
            for k in ks:
                j = copy_of[k]
                rows.extend((starts[k], ends[k], starts[j], ends[j], verbatim[k]))
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
