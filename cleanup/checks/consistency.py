"""One document, one spelling: names written two ways, and US and UK spelling mixed.

Names are compared by a transliteration skeleton (diacritics folded, y/i, ee/i, kh/h,
tz/ts and doubled letters merged), so Zelensky/Zelenskyy and Sarikaya/Sarıkaya meet;
otherwise only long names one edit apart (Stoltenberg/Stoltenburg) are paired, and
never two dictionary words (Austria/Australia) or a name and its plural or feminine
form (Petrov/Petrova). The form used most wins. US/UK pairs come from breame's list,
less the pairs whose "other" form is also right in that variety (program, practice).
"""

from __future__ import annotations

import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, combinations, compress
from operator import itemgetter, methodcaller, not_

import regex
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extract

from ..document import Document
from ..lexicon import english_words
from ..literals import LiteralSet
from ..model import Applicability, Edit, Finding, Fix, RuleMeta, Span
from ..memo import Memo
from ..tokens import Twin, in_latin, stretches
from . import register

# A capitalised name, with inner hyphens or apostrophes (Al-Khatib, O’Brien) and a
# lower-case particle before it (al-Assad, d’Estaing); a possessive ending is taken off
# afterwards. A run is names one space apart (Abdel al-Razek): the two-word forms are
# read from it. The particle of a run's first name and the letter before it are read
# behind its first capital, so the scan tries only capitals, not every character. The
# particle is read in one of three groups, by its length: the standard library's engine,
# which scans Latin copy about twice as fast (`Twin`), looks behind only a fixed width.
_CAPITAL = r"[\p{Lu}]"
_LETTERS = r"[\p{L}\p{M}]*(?:[-’'][\p{L}\p{M}]+)*"  # a name after its capital
_PARTICLES = ("al|el|ad|an|ar|as|at|az|ul", "ash", "d|l")  # by length
_PARTICLE = rf"(?:{'|'.join(_PARTICLES)})[-’']"
_BEFORE = r"[\p{L}\p{M}\p{N}’'.-]"
_BEHIND = "|".join([rf"(?<!{_BEFORE}{_CAPITAL})", *(rf"(?<=(?<!{_BEFORE})((?:{p})[-’']){_CAPITAL})" for p in _PARTICLES)])
_RUN = Twin(rf"({_CAPITAL}(?:{_BEHIND}){_LETTERS}(?: (?:{_PARTICLE})?{_CAPITAL}{_LETTERS})*)")
_GROUPS = methodcaller("groups", "")  # a run as findall gives it
Run = tuple[str, str, str, str]  # the run, then its first name's particle (or "") in one of three groups
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}’'])\p{Ll}+(?![\p{L}\p{M}]|[’'](?!s\b)\p{L})")
# Letters that do not decompose into a base letter and a mark.
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"})
# Spellings that transliterations swap freely, applied in this order.
_TRANSLIT = (("ee", "i"), ("ou", "u"), ("oo", "u"), ("kh", "h"), ("tz", "ts"), ("ph", "f"), ("w", "v"), ("y", "i"))
_DOUBLE = regex.compile(r"(.)\1+")
_FIRST3, _LAST3 = itemgetter(slice(3)), itemgetter(slice(-3, None))
MIN_SKELETON = 4   # shorter names (Iran, Iraq, Mr) are never paired
MIN_FUZZY = 7      # names at least this long may differ by one further edit...
MIN_FUZZY_FIRST = 9  # ...and, this long, in the first letter (Chapovalov; never Kolomyia and Solomiya)
CHUNK = 1 << 20    # characters scanned at once, ended at a line break: no run crosses one
FIND_LIMIT = 32    # up to this many runs, `str.find` finds the lines holding them sooner than a second scan


def fold(word: str) -> str:
    """Lower case without diacritics, hyphens, apostrophes or spaces.

    >>> fold("Sarıkaya"), fold("Çeşme"), fold("Al-Khatib"), fold("Abdel Razek")
    ('sarikaya', 'cesme', 'alkhatib', 'abdelrazek')
    """
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(_FOLD))
    return "".join(ch for ch in decomposed if ch.isalpha() and not unicodedata.combining(ch))


def skeleton(word: str) -> str:
    """What is left of a name once transliteration choices are evened out.

    >>> [skeleton(w) for w in ("Zelenskyy", "Zelensky", "Al-Khateeb", "Al-Khatib", "Kravetz", "Kravets")]
    ['zelenski', 'zelenski', 'alhatib', 'alhatib', 'kravets', 'kravets']
    """
    s = fold(word)
    for old, new in _TRANSLIT:
        s = s.replace(old, new)
    return _DOUBLE.sub(r"\1", s)


class _Skeletons(dict):
    """Each form's skeleton, process-wide (names recur from story to story), and the long
    skeletons known to lie one edit from another known one (`near`).

    Two long skeletons one edit apart begin or end with the same three letters
    (`one_edit_apart`): a new one is compared, at C speed, with the known ones that do.
    In a document, only forms whose skeleton is near, or written twice there, can be one
    edit apart, so most documents compare none of their forms in Python. A skeleton is
    compared (under a lock: the server checks in threads) before it is stored, so a form
    found here has been compared.

    >>> known = _Skeletons()
    >>> list(map(known.__getitem__, ["Stoltenberg", "Kravets", "Stoltenburg", "Tsvetkova"])), sorted(known.near)
    (['stoltenberg', 'kravets', 'stoltenburg', 'tsvetkova'], ['stoltenberg', 'stoltenburg'])
    """

    def __init__(self) -> None:
        super().__init__()
        self.near: set[str] = set()
        self.ends: defaultdict[str, list[str]] = defaultdict(list)
        self.lock = threading.Lock()

    def __missing__(self, form: str) -> str:
        s = skeleton(form)
        if len(s) >= MIN_FUZZY - 1:
            with self.lock:
                if s not in self.ends[_FIRST3(s)]:
                    for bucket in (self.ends[_FIRST3(s)], self.ends["~" + _LAST3(s)]):
                        close = [known for known, _, _ in extract(s, bucket, scorer=Levenshtein.distance,
                                                                  score_cutoff=1, limit=None)]
                        if close:
                            self.near.update(close, (s,))
                        bucket.append(s)
        self[form] = s
        return s


_KNOWN = _Skeletons()
KNOWN_LIMIT = 65536  # forms known before the next document starts a new `_Skeletons`


def _known() -> _Skeletons:
    """The process's known skeletons; a document keeps the ones it started with, so that
    none of its own is forgotten before it is judged, while an archive cannot fill memory."""
    global _KNOWN
    if len(_KNOWN) >= KNOWN_LIMIT:
        _KNOWN = _Skeletons()
    return _KNOWN


@dataclass
class _Form:
    """One way of writing a name, as first written, and where it is written."""

    text: str
    spans: list[Span]

    @property
    def count(self) -> int:
        return len(self.spans)


@lru_cache(maxsize=65536)
def _name(token: str) -> str | None:
    """The name in a token, without a possessive; None for acronyms and shouting (NATO, ANKARA)."""
    if token.endswith(("’s", "'s")):
        token = token[:-2]
    return token if any(ch.islower() for ch in token) else None


Occurrence = tuple[str, int, int]  # a form by its lower case, where it starts and ends


def _occurrences(run: str, *particle: str) -> tuple[list[Occurrence], list[Occurrence]]:
    """The names of a run, and its two-word names (Abdel Razek), as offsets from its first capital.

    >>> _occurrences("Bashar Assad’s Syria", "", "al-", "")
    ([('al-bashar', -3, 6), ('assad', 7, 12), ('syria', 15, 20)], [('al-bashar assad', -3, 12)])
    """
    particle = "".join(particle)
    singles, pairs = [], []
    before, start = None, -len(particle)
    for i, token in enumerate(run.split(" ")):
        if i == 0:
            token = particle + token
        name = _name(token)
        if name:
            singles.append((name.lower(), start, start + len(name)))
            if before is not None and _name(before[1]) == before[1]:
                pairs.append((f"{before[1]} {name}".lower(), before[0], start + len(name)))
        before = start, token
        start += len(token) + 1
    return singles, pairs


def _run_keys(run: Run) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The forms of a run, one-word and two-word, by lower case."""
    return tuple(tuple(key for key, _, _ in found) for found in _occurrences(*run))


_keys = Memo(_run_keys).__getitem__


def _runs(text: str) -> dict[tuple[str, str], None]:
    """Each distinct run of names, in the order first written.

    Only the distinct runs are kept, never a list of every name: on a 50 MB archive that
    list would hold more than the text. How often a form is written is counted only for
    the few found inconsistent (`_spans`).
    """
    return dict.fromkeys(chain.from_iterable(_RUN.findall(text, start, end)
                                             for start, end in stretches(text, CHUNK, "\n")))


def _forms(runs: Iterable[Run]) -> tuple[list[str], int]:
    """Every form by its lower case, one-word forms first, each in the order first written,
    and how many are one-word forms."""
    found = list(map(_keys, runs))
    singles = dict.fromkeys(chain.from_iterable(map(itemgetter(0), found)))
    pairs = dict.fromkeys(chain.from_iterable(map(itemgetter(1), found)))
    return [*singles, *pairs], len(singles)


def _stretches(text: str, held: set[Run]) -> Iterable[tuple[int, int]]:
    """Where to scan again for the held runs, in order: the lines that hold them or, for
    more than FIND_LIMIT runs, the whole text a chunk at a time.

    Runs never cross a line break, so a scan of a line finds what the scan of the text
    found there. `str.find` passes over text some fifty times as fast as the scan for
    names, and needs one pass per run: for many runs, one more scan costs less.
    """
    if len(held) > FIND_LIMIT:
        return stretches(text, CHUNK, "\n")
    lines = set()
    for run, *_ in held:
        at = text.find(run)
        while at >= 0:
            end = text.find("\n", at) + 1 or len(text)
            lines.add((text.rfind("\n", 0, at) + 1, end))
            at = text.find(run, end)
    return sorted(lines)


def _spans(text: str, runs: Iterable[Run], wanted: set[str]) -> dict[str, list[Span]]:
    """Where each wanted form (by lower case) is written, possessive ending excluded.

    Only the runs holding a wanted form are taken apart, picked out of the scan's matches
    without a step in Python for the others.
    """
    held = set(compress(runs, map(not_, map(wanted.isdisjoint, map(chain.from_iterable, map(_keys, runs))))))
    found: dict[str, list[Span]] = defaultdict(list)
    for start, end in _stretches(text, held):
        scan = _RUN.latin if in_latin(text, start, end) else _RUN.any
        matches = list(scan.finditer(text, start, end))
        for m in compress(matches, map(held.__contains__, map(_GROUPS, matches))):
            base = m.start(1)
            for key, first, last in chain(*_occurrences(*m.groups(""))):
                if key in wanted:
                    found[key].append(Span(base + first, base + last))
    return found


def _variants(a: str, b: str, sa: str, sb: str, words: frozenset[str], suffixes: tuple[str, ...],
              distinct: frozenset[frozenset[str]] = frozenset()) -> bool:
    """Whether two forms (by lower case), with skeletons sa and sb, spell one name."""
    if frozenset((a, b)) in distinct:
        return False  # two places the pack knows apart (Shanxi, Shaanxi)
    if " " in a or " " in b:
        # Two words against one is a spacing variant only (Abdel Razek, Abdelrazek): John Smith
        # and Joan Smith are two people.
        return (" " in a) != (" " in b) and sa == sb
    if min(len(sa), len(sb)) < MIN_SKELETON:
        return False
    if a in words and b in words:
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


def _alike(keys: list[str]) -> list[list[int]]:
    """The indices of each key written more than once, by the key's first index.

    >>> _alike(["ab", "cd", "ab", "ef", "cd", "ab"]), _alike(["ab", "cd"])
    ([[0, 2, 5], [1, 4]], [])
    """
    if len(set(keys)) == len(keys):
        return []  # most documents: no work in Python
    groups: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(key, []).append(i)
    return [group for group in groups.values() if len(group) > 1]


def _candidates(skeletons: list[str], singles: int, near: set[str]) -> Iterator[tuple[int, int]]:
    """Pairs worth judging: equal skeletons, or long one-word ones one edit apart (only
    those written twice or near another known skeleton can be)."""
    equal = _alike(skeletons)
    for same in equal:
        yield from ((same[0], j) for j in same[1:])
    # Of two names one edit apart, only the longer needs MIN_FUZZY letters (Karhan, Karahan).
    close = near.intersection(skeletons[:singles])
    close.update(skeletons[i] for same in equal for i in same if len(skeletons[i]) >= MIN_FUZZY - 1)
    if not close:
        return
    long_ = list(compress(range(singles), map(close.__contains__, skeletons[:singles])))
    for a, b in one_edit_apart(list(map(skeletons.__getitem__, long_))):
        yield long_[a], long_[b]


def one_edit_apart(words: list[str]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of words of six letters or more at most one edit (Levenshtein) apart.

    One edit leaves the first half or the last half of both words as it was, and half of
    six letters is three: only words that begin or end with the same three letters are
    compared, where comparing every pair grows with the square of a document's names.

    >>> one_edit_apart(["stoltenberg", "kravets", "stoltenburg", "ztoltenberg", "kravetsi", "kravtes"])
    [(0, 2), (0, 3), (1, 4)]
    """
    pairs = {pair for part in (_FIRST3, _LAST3) for members in _alike(list(map(part, words)))
             for pair in combinations(members, 2)}
    return sorted((i, j) for i, j in pairs if Levenshtein.distance(words[i], words[j], score_cutoff=1) <= 1)


def _clusters(forms: list[str], singles: int, known: _Skeletons, words: frozenset[str], suffixes: tuple[str, ...],
              distinct: frozenset[frozenset[str]]) -> list[list[int]]:
    """Groups of forms (by index) that spell one name, in the order of their first form."""
    skeletons = list(map(known.__getitem__, forms))
    parent: dict[int, int] = {}  # only forms paired with another: most stand alone

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidates(skeletons, singles, known.near):
        if _variants(forms[i], forms[j], skeletons[i], skeletons[j], words, suffixes, distinct):
            parent[root(i)] = root(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in sorted(parent):
        groups[root(i)].append(i)
    return [g for g in groups.values() if len(g) > 1]


@lru_cache(maxsize=8)
def _settings(lists) -> tuple[tuple[str, ...], frozenset[frozenset[str]]]:
    """The pack's name suffixes and names never paired, read once per pack."""
    suffixes = tuple(lists.get("name_suffixes", ()))
    distinct = frozenset(frozenset(pair.lower().split()) for pair in lists.get("distinct_names", ()))
    return suffixes, distinct


@register("consistency.names")
def names(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    runs = _runs(doc.text)
    forms, singles = _forms(runs)
    groups = _clusters(forms, singles, _known(), english_words(), *_settings(lists))
    if not groups:
        return
    accepted = {name.lower() for name in doc.house.get("accept", ()) or ()}
    where = _spans(doc.text, runs, {forms[i] for group in groups for i in group})
    for group in groups:
        keys = sorted((forms[i] for i in group), key=lambda key: (-len(where[key]), where[key][0].start))
        major, *minors = (_Form(doc.text[where[key][0].start:where[key][0].end], where[key]) for key in keys)
        for minor in minors:
            if minor.text.lower() in accepted:
                continue
            applicability = Applicability.DISPLAY if minor.count == major.count else Applicability.UNSAFE
            counts = f"{major.text} {major.count}×, {minor.text} {minor.count}×"
            for span in minor.spans:
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
    house = doc.house.get("spelling")
    hits = listed.starts(doc)
    # Only words of the variety the house does not use, or of both varieties, can be
    # flagged: most documents hold neither even among hits that are not whole words.
    if house:
        hits = [hit for hit in hits if table[hit[1]][0] != house]
    elif len(set(map(itemgetter(0), map(table.__getitem__, map(itemgetter(1), hits))))) < 2:
        return
    found = []
    # The document's literal search finds the listed words; a hit counts where it is a whole word.
    for start, word in hits:
        m = _LOWER_WORD.match(doc.text, start)
        if m is not None and m.end() == start + len(word) and doc.scope_at(start) in meta.scopes:
            found.append((m, *table[word]))
    del hits  # an archive's hits are many: not held while its findings are made
    if not found:
        return
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
