"""One document, one spelling: names written two ways, and US and UK spelling mixed.

Names are compared by a transliteration skeleton (diacritics folded, y/i, ee/i, kh/h,
tz/ts and doubled letters merged), so Zelensky/Zelenskyy and Sarikaya/Sarıkaya meet;
otherwise only long names one edit apart (Stoltenberg/Stoltenburg) are paired, and
never two dictionary words (Austria/Australia) or a name and its plural or feminine
form (Petrov/Petrova). The form used most wins. US/UK pairs come from breame's list,
less the pairs whose "other" form is also right in that variety (program, practice).

The word-by-word work is native (native/src/consistency.rs): finding every name means
reading every character, which in Python was most of the pack's time.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from .. import _native
from ..document import Document
from ..lexicon import english_words
from ..literals import LiteralSet
from ..model import Applicability, Edit, Finding, Fix, RuleMeta, Span
from . import register


@lru_cache(maxsize=8)
def _judge(lists) -> _native.NameJudge:
    """The pack's name suffixes, names never paired and the dictionary, read once per pack."""
    distinct = {frozenset(pair.lower().split()) for pair in lists.get("distinct_names", ())}
    return _native.NameJudge(english_words(), set(lists.get("name_suffixes", ())),
                             [tuple(pair) for pair in distinct if len(pair) == 2])


@register("consistency.names")
def names(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    # Each group lists where each of its forms is written, the form written most first.
    groups = _judge(lists).clusters(doc.text)
    if not groups:
        return
    accepted = {name.lower() for name in doc.house.get("accept", ()) or ()}
    text = doc.text
    for major, *minors in groups:
        (start, end), count = major[0], len(major)
        written = text[start:end]
        for spans in minors:
            (start, end), n = spans[0], len(spans)
            minor = text[start:end]
            if minor.lower() in accepted:
                continue
            applicability = Applicability.DISPLAY if n == count else Applicability.UNSAFE
            message = meta.message.format(minor=minor, major=written, counts=f"{written} {count}×, {minor} {n}×")
            for span in Span.each(spans):
                if doc.scope_at(span.start) not in meta.scopes:
                    continue
                fix = Fix(f"Write {written}", (Edit(span, written),), applicability)
                yield meta.finding(span, fix, message)


@lru_cache(maxsize=8)
def _spellings(lists) -> tuple[dict[str, tuple[str, str]], LiteralSet, tuple[tuple[str, LiteralSet], ...]]:
    """word -> (its variety, the other variety's spelling), from breame's lists less the pack's
    spelling_skip, the words to find, and each variety with its words (UK first: fewer
    documents hold one). Kept per pack, as `_judge` is."""
    from breame.data.spelling_constants import (
        AMERICAN_ENGLISH_SPELLINGS,
        BRITISH_ENGLISH_SPELLINGS,
    )
    skip = lists.words("spelling_skip")
    table = {}
    for variety, pairs in (("uk", BRITISH_ENGLISH_SPELLINGS), ("us", AMERICAN_ENGLISH_SPELLINGS)):
        for word, other in pairs.items():
            if word not in skip:
                table[word] = (variety, other)
    varieties = tuple((variety, LiteralSet(word for word, (of, _) in table.items() if of == variety))
                      for variety in ("uk", "us"))
    return table, LiteralSet(table), varieties


_VARIETY = {"us": "US", "uk": "UK"}


@register("consistency.spelling")
def spelling(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    table, listed, varieties = _spellings(lists)
    (_, uk), (_, us) = varieties
    house = doc.house.get("spelling")
    # Only words of the variety the house does not use, or of both varieties, can be
    # flagged: most documents hold neither even among hits that are not whole words, which
    # the document's literal search tells without listing where each hit stands.
    if house:
        if not any(words.found_in(doc) for variety, words in varieties if variety != house):
            return
        hits = [hit for hit in listed.starts(doc) if table[hit[1]][0] != house]
    elif uk.found_in(doc) and us.found_in(doc):
        hits = listed.starts(doc)
    else:
        return
    # The document's literal search finds the listed words; a hit counts where it is a whole
    # lower-case word (native/src/consistency.rs).
    found = [(start, word, *table[word])
             for start, word in map(hits.__getitem__, _native.lower_words(doc.text, hits))
             if doc.scope_at(start) in meta.scopes]
    del hits  # an archive's hits are many: not held while its findings are made
    if not found:
        return
    if house:
        target, applicability, why = house, Applicability.SAFE, f"house spelling is {_VARIETY[house]}"
    else:
        # Two varieties at most: the first found's count against the other's. Of two as
        # common, the first found's is shown as the target, never applied.
        first = found[0][2]
        n = sum(1 for _, _, variety, _ in found if variety == first)
        m = len(found) - n
        if not m:
            return
        target = first if n >= m else next(variety for _, _, variety, _ in found if variety != first)
        applicability = Applicability.DISPLAY if n == m else Applicability.UNSAFE
        kept, others = (n, m) if target == first else (m, n)
        why = f"the rest of the text is {_VARIETY[target]}-spelled ({kept} to {others})"
    for start, word, variety, other in found:
        if variety == target:
            continue
        span = Span(start, start + len(word))
        fix = Fix(f"Write {other}", (Edit(span, other),), applicability)
        yield meta.finding(span, fix, meta.message.format(
            word=word, variety=_VARIETY[variety], other=other, why=why))
