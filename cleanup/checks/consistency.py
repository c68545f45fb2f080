"""One document, one spelling: names written two ways, and US and UK spelling mixed.

Names are compared by a transliteration skeleton (diacritics folded, y/i, ee/i, kh/h,
tz/ts and doubled letters merged), so Zelensky/Zelenskyy and Sarikaya/Sarıkaya meet;
otherwise only long names one edit apart (Stoltenberg/Stoltenburg) are paired, and
never two dictionary words (Austria/Australia) or a name and its plural or feminine
form (Petrov/Petrova). The form used most wins. US/UK pairs come from breame's list,
less the pairs whose "other" form is also right in that variety (program, practice).
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, starmap

import regex
from rapidfuzz.distance import Levenshtein

from ..document import Document
from ..lexicon import english_words
from ..literals import LiteralSet
from ..model import Applicability, Edit, Finding, Fix, RuleMeta, Span
from . import register

# A capitalised name, with a lower-case particle (al-Assad) and inner hyphens or
# apostrophes (Al-Khatib, O’Brien); a possessive ending is taken off afterwards.
_NAME_BODY = r"(?:(?:al|el|ad|an|ar|as|ash|at|az|ul|d|l)[-’'])?\p{Lu}[\p{L}\p{M}]*(?:[-’'][\p{L}\p{M}]+)*"
_BEFORE = r"(?<![\p{L}\p{M}\p{N}’'.-])"
_NAME = regex.compile(_BEFORE + _NAME_BODY)
_CAPITALISED = regex.compile(r"\p{Lu}[\p{L}\p{M}]*(?:[-’'][\p{L}\p{M}]+)*")
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}’'])\p{Ll}+(?![\p{L}\p{M}]|[’'](?!s\b)\p{L})")
# Letters that do not decompose into a base letter and a mark.
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"})
# Spellings that transliterations swap freely, applied in this order.
_TRANSLIT = (("ee", "i"), ("ou", "u"), ("oo", "u"), ("kh", "h"), ("tz", "ts"), ("ph", "f"), ("w", "v"), ("y", "i"))
_DOUBLE = regex.compile(r"(.)\1+")
MIN_SKELETON = 4   # shorter names (Iran, Iraq, Mr) are never paired
MIN_FUZZY = 7      # names at least this long may differ by one further edit...
MIN_FUZZY_FIRST = 9  # ...and, this long, in the first letter (Chapovalov; never Kolomyia and Solomiya)


def fold(word: str) -> str:
    """Lower case without diacritics, hyphens, apostrophes or spaces.

    >>> fold("Sarıkaya"), fold("Çeşme"), fold("Al-Khatib"), fold("Abdel Razek")
    ('sarikaya', 'cesme', 'alkhatib', 'abdelrazek')
    """
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(_FOLD))
    return "".join(ch for ch in decomposed if ch.isalpha() and not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """What is left of a name once transliteration choices are evened out.

    >>> [skeleton(w) for w in ("Zelenskyy", "Zelensky", "Al-Khateeb", "Al-Khatib", "Kravetz", "Kravets")]
    ['zelenski', 'zelenski', 'alhatib', 'alhatib', 'kravets', 'kravets']
    """
    s = fold(word)
    for old, new in _TRANSLIT:
        s = s.replace(old, new)
    return _DOUBLE.sub(r"\1", s)


@dataclass
class _Form:
    """One way of writing a name and how often it is written so."""

    text: str
    count: int
    skeleton: str


def _name_spans(text: str) -> list[tuple[int, int]]:
    """Where `_NAME` matches, in order.

    A scan that starts only at capitals is many times faster than `_NAME`'s look-behind
    and optional particle tried at every character; each capitalised word it finds is
    checked in place (at once after a space), with a particle before it (al-, d’) tried
    from the leftmost.
    """
    found = []
    for m in _CAPITALISED.finditer(text):
        start, end = m.span()
        if start == 0 or text[start - 1] in " \n":
            found.append((start, end))
            continue
        for at in (start, start - 4, start - 3, start - 2):
            name = _NAME.match(text, at) if at >= 0 else None
            if name is not None and name.end() == end:
                found.append((at, end))
                break
    return found


def _pairs(text: str, names: list[tuple[int, int]]) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
    """Two names with one space between them (Abdel Razek), overlapping (A B C gives A B, B C)."""
    for first, second in zip(names, names[1:]):
        if second[0] == first[1] + 1 and text[first[1]] == " ":
            yield first, second


@lru_cache(maxsize=65536)
def _name(token: str) -> str | None:
    """The name in a token, without a possessive; None for acronyms and shouting (NATO, ANKARA)."""
    if token.endswith(("’s", "'s")):
        token = token[:-2]
    return token if any(ch.islower() for ch in token) else None


def _forms(text: str, names: list[tuple[int, int]]) -> list[_Form]:
    """Name forms, one per lower-case spelling; two-word names also as one form (Abdel Razek).

    Counted over the whole text at once: where each form occurs is looked up only for
    the few that turn out to be inconsistent. Matches are counted as they are found, not
    listed first: a list of every name in a 50 MB archive would hold more than the text.
    """
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for token, n in Counter(map(text.__getitem__, starmap(slice, names))).items():
        name = _name(token)
        if name:
            key = name.lower()
            counts[key] += n
            surface.setdefault(key, name)
    for (a, b), (c, d) in _pairs(text, names):
        name = _name(text[c:d])
        if name and b - a > 1 and _name(first := text[a:b]) == first:
            pair = f"{first} {name}"
            key = pair.lower()
            counts[key] += 1
            surface.setdefault(key, pair)
    return [_Form(surface[key], n, skeleton(surface[key])) for key, n in counts.items()]


def _spans(text: str, names: list[tuple[int, int]], wanted: set[str]) -> dict[str, list[Span]]:
    """Where each wanted form (by lower case) is written, possessive ending excluded."""
    found: dict[str, list[Span]] = defaultdict(list)
    for start, end in names:
        name = _name(text[start:end])
        if name and name.lower() in wanted:
            found[name.lower()].append(Span(start, start + len(name)))
    if any(" " in key for key in wanted):
        for (a, b), (c, d) in _pairs(text, names):
            first, name = text[a:b], _name(text[c:d])
            key = f"{first} {name}".lower() if name else ""
            if key in wanted and _name(first) == first:
                found[key].append(Span(a, c + len(name)))
    return found


def _variants(a: _Form, b: _Form, words: frozenset[str], suffixes: tuple[str, ...],
              distinct: frozenset[frozenset[str]] = frozenset()) -> bool:
    sa, sb = a.skeleton, b.skeleton
    if frozenset((a.text.lower(), b.text.lower())) in distinct:
        return False  # two places the pack knows apart (Shanxi, Shaanxi)
    if " " in a.text or " " in b.text:
        # Two words against one is a spacing variant only (Abdel Razek, Abdelrazek): John Smith
        # and Joan Smith are two people.
        return (" " in a.text) != (" " in b.text) and sa == sb
    if min(len(sa), len(sb)) < MIN_SKELETON:
        return False
    if a.text.lower() in words and b.text.lower() in words:
        return False  # two real words: Austria and Australia, Philip and Phillip
    short, long_ = sorted((sa, sb), key=len)
    if long_.startswith(short) and long_[len(short):] in suffixes:
        return False  # Petrov and Petrova, Serb and Serbs
    if sa == sb:
        return True
    longest = max(len(sa), len(sb))
    if longest < MIN_FUZZY or (sa[0] != sb[0] and longest < MIN_FUZZY_FIRST):
        return False
    return Levenshtein.distance(sa, sb, score_cutoff=1) <= 1


def _candidates(forms: list[_Form]) -> Iterator[tuple[int, int]]:
    """Pairs worth judging: equal skeletons, or long ones one edit apart."""
    by_skeleton: dict[str, list[int]] = defaultdict(list)
    for i, form in enumerate(forms):
        by_skeleton[form.skeleton].append(i)
    for same in by_skeleton.values():
        if len(same) > 1:
            yield from ((same[0], j) for j in same[1:])
    # Of two names one edit apart, only the longer needs MIN_FUZZY letters (Karhan, Karahan).
    long_ = [i for i, form in enumerate(forms) if len(form.skeleton) >= MIN_FUZZY - 1 and " " not in form.text]
    for a, b in one_edit_apart([forms[i].skeleton for i in long_]):
        yield long_[a], long_[b]


def one_edit_apart(words: list[str]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of words of six letters or more at most one edit (Levenshtein) apart.

    One edit leaves the first half or the last half of both words as it was, and half of
    six letters is three: only words that begin or end with the same three letters are
    compared, where comparing every pair grows with the square of a document's names.

    >>> one_edit_apart(["stoltenberg", "kravets", "stoltenburg", "ztoltenberg", "kravetsi", "kravtes"])
    [(0, 2), (0, 3), (1, 4)]
    """
    alike: dict[str, list[int]] = defaultdict(list)
    for i, word in enumerate(words):
        alike["<" + word[:3]].append(i)
        alike[">" + word[-3:]].append(i)
    pairs = {pair for members in alike.values() if len(members) > 1 for pair in combinations(members, 2)}
    return sorted((i, j) for i, j in pairs if Levenshtein.distance(words[i], words[j], score_cutoff=1) <= 1)


def _clusters(forms: list[_Form], words: frozenset[str], suffixes: tuple[str, ...],
              distinct: frozenset[frozenset[str]]) -> list[list[_Form]]:
    """Groups of forms that spell one name, in the order of their first form."""
    parent: dict[int, int] = {}  # only forms paired with another: most stand alone

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidates(forms):
        if _variants(forms[i], forms[j], words, suffixes, distinct):
            parent[root(i)] = root(j)
    groups: dict[int, list[_Form]] = defaultdict(list)
    for i in sorted(parent):
        groups[root(i)].append(forms[i])
    return [g for g in groups.values() if len(g) > 1]


@register("consistency.names")
def names(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    accepted = {name.lower() for name in doc.house.get("accept", ()) or ()}
    suffixes = tuple(lists.get("name_suffixes", ()))
    distinct = frozenset(frozenset(pair.lower().split()) for pair in lists.get("distinct_names", ()))
    names_at = _name_spans(doc.text)
    groups = _clusters(_forms(doc.text, names_at), english_words(), suffixes, distinct)
    where = _spans(doc.text, names_at, {form.text.lower() for group in groups for form in group}) if groups else {}
    for group in groups:
        group.sort(key=lambda f: (-f.count, where[f.text.lower()][0].start))
        major = group[0]
        for minor in group[1:]:
            if minor.text.lower() in accepted:
                continue
            applicability = Applicability.DISPLAY if minor.count == major.count else Applicability.UNSAFE
            counts = f"{major.text} {major.count}×, {minor.text} {minor.count}×"
            for span in where[minor.text.lower()]:
                if doc.scope_at(span.start) not in meta.scopes:
                    continue
                fix = Fix(f"Write {major.text}", (Edit(span, major.text),), applicability)
                yield meta.finding(span, fix, meta.message.format(minor=minor.text, major=major.text, counts=counts))


@lru_cache(maxsize=1)
def _spellings(skip: frozenset[str]) -> tuple[dict[str, tuple[str, str]], LiteralSet]:
    """word -> (its variety, the other variety's spelling), from breame's lists, and the words to find."""
    from breame.data.spelling_constants import (
        AMERICAN_ENGLISH_SPELLINGS,
        BRITISH_ENGLISH_SPELLINGS,
    )
    table = {}
    for variety, pairs in (("uk", BRITISH_ENGLISH_SPELLINGS), ("us", AMERICAN_ENGLISH_SPELLINGS)):
        for word, other in pairs.items():
            if word not in skip:
                table[word] = (variety, other)
    return table, LiteralSet(table)


_VARIETY = {"us": "US", "uk": "UK"}


@register("consistency.spelling")
def spelling(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    table, listed = _spellings(lists.words("spelling_skip"))
    found = []
    # The document's literal search finds the listed words; a hit counts where it is a whole word.
    for start, word in listed.starts(doc):
        m = _LOWER_WORD.match(doc.text, start)
        if m is not None and m.end() == start + len(word) and doc.scope_at(start) in meta.scopes:
            found.append((m, *table[word]))
    if not found:
        return
    house = doc.house.get("spelling")
    counts = Counter(variety for _, variety, _ in found)
    if house:
        target, applicability, why = house, Applicability.SAFE, f"house spelling is {_VARIETY[house]}"
    elif len(counts) < 2:
        return
    else:
        (top, n), (_, m_) = counts.most_common(2)
        tied = n == m_
        target = found[0][1] if tied else top
        applicability = Applicability.DISPLAY if tied else Applicability.UNSAFE
        others = counts.total() - counts[target]
        why = f"the rest of the text is {_VARIETY[target]}-spelled ({counts[target]} to {others})"
    for m, variety, other in found:
        if variety == target:
            continue
        span = Span(*m.span())
        fix = Fix(f"Write {other}", (Edit(span, other),), applicability)
        yield meta.finding(span, fix, meta.message.format(
            word=m.group(), variety=_VARIETY[variety], other=other, why=why))
