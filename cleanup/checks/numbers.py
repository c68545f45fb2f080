"""Numbers written the continental way: decimal commas and dot or space thousands.

A number is read once per document into a `Reading` (what it is and what it would be
in English) so that the rules agree, and so that one number can settle another:
`1.250 km` is 1,250 in a document that writes `3,5 percent` and 1.25 in one that writes
`3.5 percent`. English forms (`1,500`, `3.5`, `9,450.50`) are never touched, nor are
versions, IP addresses, dates, times, scores, lists (`3,5 and 7`) and Bible references.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

import regex

from .._native import continental_numbers
from ..document import Document
from ..literals import LiteralSet
from ..memo import Memo
from ..model import Applicability, Edit, Finding, Fix, RuleMeta, Span
from . import register


class Reading(NamedTuple):
    span: Span
    kind: str            # "decimal-comma" | "thousands"
    english: str         # the number written the English way
    certain: bool        # True: the reading cannot be English; False: it can, in another sense
    applicability: Applicability


class Context(NamedTuple):
    """The words around a number that settle what it is."""

    previous: str
    following: str
    sign_before: bool


def english(integer: str, fraction: str = "") -> str:
    """Digits regrouped the English way.

    >>> english("1234", "5"), english("45000"), english("3", "25"), english("999")
    ('1,234.5', '45,000', '3.25', '999')
    """
    grouped = f"{int(integer):,}"
    return f"{grouped}.{fraction}" if fraction else grouped


def in_english(number: str) -> str:
    """A continental number (as `continental_numbers` reads it) written the English way:
    its integer's digits regrouped, the fraction after a decimal comma kept.

    >>> [in_english(n) for n in ["3,5", "1.234,5", "0,125", "12.000", "1.250.000", "300\u00a0000"]]
    ['3.5', '1,234.5', '0.125', '12,000', '1,250,000', '300,000']
    """
    integer, _, fraction = number.partition(",")
    return english("".join(ch for ch in integer if ch.isdigit()), fraction)


# Copy repeats its figures: each is written the English way once.
_ENGLISH = Memo(in_english, limit=1 << 14)


def _is_ip(text: str) -> bool:
    """Four parts of at most 255 with no padding zeros: an address, not 5.000.000.000.

    >>> _is_ip("192.168.100.200"), _is_ip("5.000.000.000")
    (True, False)
    """
    parts = text.split(".")
    return len(parts) == 4 and all(int(p) <= 255 and (p == "0" or not p.startswith("0")) for p in parts)


_KINDS = ("thousands", "decimal-comma")
_SAFETY = (Applicability.UNSAFE, Applicability.SAFE)


def _in_scope(doc: Document, scopes: frozenset[str], lists) -> tuple[tuple[Reading, Context], ...]:
    """Every continental-looking number in `scopes` with its context, minus references and
    addresses: read once per document for all number rules.

    One native pass (`continental_numbers`) finds runs of digits joined by separators (plain
    digits are English in any notation) not after a letter, a digit or a sign that makes
    them part of something else; reads each as a decimal comma or thousands groups, or as
    English (`1,500`, `3.5`, versions, dates: dropped); drops those more digit groups follow
    (a phone number, a code) and integer lists (`3,5 and 7`); and finds the words around.
    What needs the pack's lists is decided here.
    """
    text = doc.text
    candidates = continental_numbers(text)
    if not candidates:
        return ()
    references = lists.words("references")
    versions = lists.words("version_words", lower=True)
    found = []
    for start, end, decimal, certain, safe, p0, p1, n0, n1, sign in candidates:
        if doc.scope_at(start) not in scopes:
            continue
        previous = text[p0:p1]
        if previous.rstrip(".") in references or previous.lower().rstrip(".") in versions:
            continue
        context, number = Context(previous, text[n0:n1], sign), text[start:end]
        if _is_ip(number) and not _count_follows(context, lists):
            continue  # an address, unless a count of things follows: 1.149.244.100 households
        reading = Reading(Span(start, end), _KINDS[decimal], _ENGLISH[number], certain, _SAFETY[safe])
        found.append((reading, context))
    return tuple(found)


def readings(doc: Document, meta: RuleMeta, lists) -> tuple[tuple[Reading, Context], ...]:
    """Every continental-looking number in the rule's scopes, with its context, minus references."""
    return doc.derived(_in_scope, meta.scopes, lists)


def european(doc: Document, meta: RuleMeta, lists) -> bool:
    """Whether the document writes some number the continental way beyond doubt."""
    return any(r.kind == "decimal-comma" or _counted(r, c, lists) for r, c in readings(doc, meta, lists))


def _counted(reading: Reading, context: Context, lists) -> bool:
    """`1.500 soldiers`: a count of things follows, so the number cannot be 1.5."""
    return reading.kind == "thousands" and (reading.certain or _count_follows(context, lists))


def _count_follows(context: Context, lists) -> bool:
    """A plural (soldiers, households) or a word from `count_words` (people, new) follows.

    Units, currencies and words that follow any number as easily (against, yesterday)
    leave the question open.
    """
    word = context.following
    if context.sign_before or not word.isalpha() or not word.islower():
        return False
    if any(word in lists.get(name, ()) for name in ("units", "currencies", "magnitudes", "function_words")):
        return False
    plural = len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
    return plural or word in lists.get("count_words", ())


def _fix(reading: Reading, applicability: Applicability) -> Fix:
    return Fix(f"Write {reading.english}", (Edit(reading.span, reading.english),), applicability)


@register("numbers.decimal_comma")
def decimal_comma(doc: Document, meta: RuleMeta, lists) -> list[Finding]:
    return [meta.finding(reading.span, _fix(reading, reading.applicability),
                         meta.message.format(number=doc.text[reading.span.start:reading.span.end],
                                             english=reading.english))
            for reading, _ in readings(doc, meta, lists) if reading.kind == "decimal-comma"]


@register("numbers.thousands_separator")
def thousands_separator(doc: Document, meta: RuleMeta, lists) -> Iterable[Finding]:
    """Dot and space thousands; a lone `1.250` before a unit only where the document is continental."""
    found = [(r, c) for r, c in readings(doc, meta, lists) if r.kind == "thousands"]
    return _thousands(doc, meta, lists, found) if found else ()


def _thousands(doc: Document, meta: RuleMeta, lists, found: list[tuple[Reading, Context]]) -> Iterator[Finding]:
    continental = None
    for reading, context in found:
        original = doc.text[reading.span.start:reading.span.end]
        if _counted(reading, context, lists) or "." not in original:
            applicability = reading.applicability
            message = meta.message.format(number=original, english=reading.english)
        else:
            if continental is None:
                continental = european(doc, meta, lists)
            if not continental:
                continue  # `1.085 dollars` in English copy is a decimal
            magnitude = context.following in lists.get("magnitudes", ())
            applicability = Applicability.DISPLAY if magnitude else Applicability.UNSAFE
            message = (f"“{original}” is {reading.english} in the continental notation this article uses "
                       f"elsewhere, but {original} in English; check which is meant")
        yield meta.finding(reading.span, _fix(reading, applicability), message)


_NUMERAL_THOUSAND = regex.compile(r"(?<![\p{L}\p{N}.,])(?P<number>\d+(?:\.\d+)?) thousand\b(?![-‐])")
_THOUSAND = LiteralSet([" thousand"])   # every match holds it: the engine calls the check only where it stands
# The digits and points that end where " thousand" starts, matched back from there (`regex`'s
# own \d: its Unicode is not Python's).
_FIGURE_BEFORE = regex.compile(r"(?r)[\d.]*")


def numeral_thousands(text: str, starts: Iterable[int]) -> Iterator[regex.Match]:
    """The matches `_NUMERAL_THOUSAND.finditer(text)` gives, searched only around `starts`,
    where " thousand" stands: each match's figure is the run of digits and points before one,
    and the search reads one character past it (the boundary and look-ahead), not the whole text.

    >>> text = "5 thousand, a5 thousand, 1.5 thousand-fold, 2.5 thousand, 7 thousands, ١٢ thousand, \U00011f51 thousand"
    >>> [m.group() for m in numeral_thousands(text, [i for i in range(len(text)) if text.startswith(" thousand", i)])]
    ['5 thousand', '2.5 thousand', '١٢ thousand', '\U00011f51 thousand']
    """
    for start in starts:
        first = _FIGURE_BEFORE.match(text, 0, start).start()
        if m := _NUMERAL_THOUSAND.search(text, first, start + len(" thousand") + 1):
            yield m


@register("numbers.numeral_thousand", triggers=lambda lists, meta: _THOUSAND)
def numeral_thousand(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    """`18 thousand lira` (Russian тыс., Chinese 万 rendered as 10 thousand): write the figure."""
    for m in numeral_thousands(doc.text, (start for start, _ in _THOUSAND.starts(doc))):
        span = Span(*m.span())
        if doc.scope_at(span.start) not in meta.scopes:
            continue
        try:
            value = Decimal(m.group("number")) * 1000
        except InvalidOperation:
            continue
        whole = value == value.to_integral_value()
        figure = english(str(int(value))) if whole else f"{value.normalize():f}"
        fix = Fix(f"Write {figure}", (Edit(span, figure),), Applicability.SAFE if whole else Applicability.DISPLAY)
        yield meta.finding(span, fix, meta.message.format(match=m.group(), figure=figure))
