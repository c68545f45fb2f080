"""Translationese a pattern cannot fix alone: clauses to turn round and openers to drop.

Both habits sit at the start of a sentence and both fixes have to rewrite around
them (a subject moved to the front, the next word capitalised), which a regular
expression and a replacement template cannot do.

Several rules share one check; each reads the pack list named after the rule (hyphens
as underscores), so a rule's vocabulary and its severity stay data.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from ..document import Document
from ..literals import LiteralSet, anchored
from ..model import Applicability, Edit, Finding, Fix, RuleMeta, Span
from . import register

# A sentence starts a paragraph, follows a dateline dash or follows closing punctuation.
_SENTENCE_START = r"(?:(?<=\A)|(?<=\n)|(?<=[.!?…][”’\")]?[ \t])|(?<=[—–-] ))"

# The finite verbs that close a participle clause's main clause: "…, the minister said".
_MAIN_VERBS = ("said", "added", "told", "announced", "warned", "stressed", "explained", "noted", "urged",
               "called", "insisted", "argued", "stated", "emphasized", "emphasised", "pointed out",
               "recalled", "claimed", "confirmed", "declared", "replied", "wrote", "described")
_NOT_A_SUBJECT = regex.compile(r"(?i)^(?:which|who|whom|whose|where|when|while|as|and|but|because|although|"
                               r"if|since|though|whereas)\b|\b(?:that|who|which)\b")
_MAX_SUBJECT_WORDS = 10


def _list_name(rule_name: str) -> str:
    """The pack list named after the rule: `participle-attribution` reads `participle_attribution`."""
    return rule_name.replace("-", "_")


def capitalise(text: str) -> str:
    """Upper-case the first character, leaving the rest as written.

    >>> capitalise("the group’s deputy manager"), capitalise("Zhou")
    ('The group’s deputy manager', 'Zhou')
    """
    return text[:1].upper() + text[1:]


# The builders below are cached by the pack's lists (hashed by identity) and the rule's
# name, so that a document costs one look-up, not the hashing of a whole phrase table;
# each returns the rule's own list with its pattern and phrases.
@lru_cache(maxsize=16)
def _clause_pattern(lists, rule_name: str) -> tuple[regex.Pattern, LiteralSet, dict]:
    finite_for = lists[_list_name(rule_name)]
    participles = tuple(finite_for)
    # Clause and subject hold no comma or sentence mark: a fix is offered only when the
    # split between them is certain (no appositives, no embedded clauses).
    pattern = regex.compile(
        _SENTENCE_START + r"(?P<span>(?P<participle>\L<participles>) that)\b"
        r"(?: (?P<clause>[^,;:.!?“”\"\n]+), (?P<subject>[^,;:.!?“”\"\n]+?) (?P<verb>\L<verbs>)\b)?",
        participles=list(participles), verbs=list(_MAIN_VERBS))
    return pattern, LiteralSet(p + " that" for p in participles), finite_for


def _turned_round(m: regex.Match, finite: str) -> Fix | None:
    """`Noting that A, S said B` → `S noted that A and said B`, when the parts are clear."""
    subject = m.group("subject")
    if subject is None or len(subject.split()) > _MAX_SUBJECT_WORDS or _NOT_A_SUBJECT.search(subject):
        return None
    rewrite = f"{capitalise(subject)} {finite} that {m.group('clause')} and {m.group('verb')}"
    return Fix("Name the speaker first", (Edit(Span(m.start("span"), m.end("verb")), rewrite),),
               Applicability.UNSAFE)


# Each check below finds a match only where one of its phrases stands: the phrases are its
# triggers, so the engine calls it only on a document that holds one.
@register("translationese.participle_clause", triggers=lambda lists, meta: _clause_pattern(lists, meta.name)[1])
def participle_clause(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    """Sentence-initial `Stating that …, X said` (Turkish -dığını belirten, Arabic مؤكدا أن)."""
    pattern, phrases, finite_for = _clause_pattern(lists, meta.name)
    for m in anchored(pattern, phrases, doc):
        span = Span(*m.span("span"))
        if doc.scope_at(span.start) not in meta.scopes:
            continue
        participle = m.group("participle")
        yield meta.finding(span, _turned_round(m, finite_for[participle]),
                           meta.message.format(participle=participle))


@lru_cache(maxsize=4)
def _opener_pattern(lists, rule_name: str) -> tuple[regex.Pattern, LiteralSet]:
    openers = lists[_list_name(rule_name)]
    # The next character with its combining marks: the edit capitalising it must not end
    # between a letter and its accent (decomposed `Ó` is O + U+0301).
    pattern = regex.compile(_SENTENCE_START + r"(?P<span>\L<openers>)(?P<gap>[ \t]+)(?P<next>\S\p{M}*)?",
                            openers=list(openers))
    return pattern, LiteralSet(openers)


@register("translationese.filler_opener", triggers=lambda lists, meta: _opener_pattern(lists, meta.name)[1])
def filler_opener(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    """`In this context,` / `It should be noted that` opening a sentence: dropped, next word capitalised."""
    pattern, phrases = _opener_pattern(lists, meta.name)
    for m in anchored(pattern, phrases, doc):
        span = Span(*m.span("span"))
        if doc.scope_at(span.start) not in meta.scopes:
            continue
        following = m.group("next") or ""
        edit = Edit(Span(span.start, m.end()), capitalise(following))
        fix = Fix(f"Drop “{m.group('span')}”", (edit,), Applicability.UNSAFE)
        yield meta.finding(span, fix, meta.message.format(opener=m.group("span")))


def _cased(phrases) -> list[str]:
    """Each phrase as written and with a capital, so a sentence-initial use matches too."""
    return sorted({p for phrase in phrases for p in (phrase, capitalise(phrase))})


@lru_cache(maxsize=16)
def _phrase_pattern(lists, rule_name: str) -> tuple[regex.Pattern, LiteralSet, dict]:
    name = _list_name(rule_name)
    not_after, not_before = lists.get(name + "_not_after", ()), lists.get(name + "_not_before", ())
    words = {"phrases": _cased(lists[name])}
    before = after = ""
    if not_after:
        before, words["not_after"] = r"(?<!\b(?:\L<not_after>) )", list(not_after)
    if not_before:
        after, words["not_before"] = r"(?! (?:\L<not_before>)\b)", list(not_before)
    pattern = regex.compile(before + r"(?<![-‐])\b(?P<span>\L<phrases>)\b" + after, **words)
    return pattern, LiteralSet(words["phrases"]), lists[name]


@register("translationese.phrasebook", triggers=lambda lists, meta: _phrase_pattern(lists, meta.name)[1])
def phrasebook(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    """Set phrases with their English rewrite, from the pack table named after the rule.

    Optional lists `<name>_not_after` / `<name>_not_before` hold the words that turn a
    phrase into ordinary English (`falls within the scope of`, `held a meeting of`).
    """
    pattern, phrases, rewrites = _phrase_pattern(lists, meta.name)
    for m in anchored(pattern, phrases, doc):
        span = Span(*m.span("span"))
        if doc.scope_at(span.start) not in meta.scopes:
            continue
        found = m.group("span")
        key = found if found in rewrites else found[:1].lower() + found[1:]
        rewrite = rewrites[key] if found == key else capitalise(rewrites[key])
        fix = Fix(f"Write “{rewrite}”", (Edit(span, rewrite),), Applicability.UNSAFE)
        yield meta.finding(span, fix, meta.message.format(match=found, rewrite=rewrite))
