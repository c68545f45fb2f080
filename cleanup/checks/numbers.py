"""Numbers written the continental way: decimal commas and dot or space thousands.

A number is read once per document into a `Reading` (what it is and what it would be
in English) so that the rules agree, and so that one number can settle another:
`1.250 km` is 1,250 in a document that writes `3,5 percent` and 1.25 in one that writes
`3.5 percent`. English forms (`1,500`, `3.5`, `9,450.50`) are never touched, nor are
versions, IP addresses, dates, times, scores, lists (`3,5 and 7`) and Bible references.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

from .._native import number_candidates
from ..document import Document
from ..literals import LiteralSet
from ..memo import Memo
from ..model import Applicability, Edit, Finding, Fix, RuleMeta, Span
from . import register

_GROUP_SPACES = " \u00a0\u202f\u2009"
_NARROW_SPACES = "\u00a0\u202f\u2009"
_DECIMAL_COMMA = regex.compile(r"(?P<int>\d{1,3}(?:[." + _GROUP_SPACES + r"]\d{3})+|\d+),(?P<frac>\d+)")
_DOT_GROUPS = regex.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_SPACE_GROUPS = regex.compile(r"[1-9]\d{0,2}(?:[" + _GROUP_SPACES + r"]\d{3})+")
_NEXT_WORD = regex.compile(r"[ \u00a0]?(?P<word>[\p{L}%°$€£]+)")
# Searched from the end (REVERSE), where the word is, instead of trying every earlier position.
_PREVIOUS_WORD = regex.compile(r"(?r)(?P<word>[\p{L}.]+)\s*$")
_CURRENCY_SIGNS = "$€£¥₺₽₹₴₪"


@dataclass(frozen=True)
class Reading:
    span: Span
    kind: str            # "decimal-comma" | "thousands"
    english: str         # the number written the English way
    certain: bool        # True: the reading cannot be English; False: it can, in another sense
    applicability: Applicability


def english(integer: str, fraction: str = "") -> str:
    """Digits regrouped the English way.

    >>> english("1234", "5"), english("45000"), english("3", "25"), english("999")
    ('1,234.5', '45,000', '3.25', '999')
    """
    grouped = f"{int(integer):,}"
    return f"{grouped}.{fraction}" if fraction else grouped


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _is_ip(text: str) -> bool:
    """Four parts of at most 255 with no padding zeros: an address, not 5.000.000.000.

    >>> _is_ip("192.168.100.200"), _is_ip("5.000.000.000")
    (True, False)
    """
    parts = text.split(".")
    return len(parts) == 4 and all(int(p) <= 255 and (p == "0" or not p.startswith("0")) for p in parts)


def read(text: str, span: Span) -> Reading | None:
    """What a continental-looking number is, or None for English and non-numbers.

    >>> [read(t, Span(0, len(t))) and read(t, Span(0, len(t))).english for t in
    ...  ["3,5", "1.234,5", "0,125", "1,500", "12.000", "1.250.000", "300\u00a0000", "2.1.3", "12.03.2024"]]
    ['3.5', '1,234.5', '0.125', None, '12,000', '1,250,000', '300,000', None, None]
    """
    if m := _DECIMAL_COMMA.fullmatch(text):
        integer, fraction = m.group("int"), m.group("frac")
        # 1,500 is English; 12,5000 is neither English nor a likely decimal; 0,125 can only be a decimal.
        if integer.isdigit() and integer != "0" and len(fraction) >= 3:
            return None
        return Reading(span, "decimal-comma", english(_digits(integer), fraction), True, Applicability.SAFE)
    if _DOT_GROUPS.fullmatch(text):
        many = text.count(".") > 1
        return Reading(span, "thousands", english(_digits(text)), many or text.endswith(".000"),
                       Applicability.SAFE)
    if _SPACE_GROUPS.fullmatch(text):
        narrow = any(ch in _NARROW_SPACES for ch in text)
        return Reading(span, "thousands", english(_digits(text)), True,
                       Applicability.SAFE if narrow else Applicability.UNSAFE)
    return None


@dataclass(frozen=True)
class Context:
    """The words around a number that settle what it is."""

    previous: str
    following: str
    sign_before: bool

    @classmethod
    def around(cls, doc: Document, span: Span) -> Context:
        before = doc.text[max(0, span.start - 40):span.start]
        prev = _PREVIOUS_WORD.search(before)
        nxt = _NEXT_WORD.match(doc.text, span.end)
        return cls(prev.group("word") if prev else "", nxt.group("word") if nxt else "",
                   before.rstrip()[-1:] in _CURRENCY_SIGNS if before.strip() else False)


_LIST_GOES_ON = regex.compile(r" (?:and|or|to|&) \d+\b(?![.,]\d)")


def _is_list(doc: Document, span: Span) -> bool:
    """`3,5 and 7`, `1,2 or 3`: a list of integers written without spaces."""
    return bool(_LIST_GOES_ON.match(doc.text[span.end:span.end + 20]))


def _fields(text: str) -> tuple | None:
    """What `read` makes of a number as written, minus its span."""
    reading = read(text, Span(0, len(text)))
    return reading and (reading.kind, reading.english, reading.certain, reading.applicability)


# Copy repeats its figures, and most are English (`2.5`, `1,500`) and read as nothing.
_READ = Memo(_fields, limit=1 << 14)


def _read_again(text: str, start: int, end: int) -> Reading | None:
    """`read`, remembered per number as written."""
    fields = _READ[text]
    return None if fields is None else Reading(Span(start, end), *fields)


def _candidates(doc: Document) -> tuple[tuple[Reading, Context], ...]:
    """Every continental-looking number with its context, read once per document for all number rules."""
    found = []
    text = doc.text
    # Runs of digits joined by separators (plain digits are English in any notation), not
    # after a letter, a digit or a sign that makes them part of something else, found by a
    # native scan (`number_candidates`); what each means is decided by `read`.
    for start, end in number_candidates(text):
        reading = _read_again(text[start:end], start, end)
        if reading is None:
            continue
        span = reading.span
        if doc.text[span.end:span.end + 2].strip(_GROUP_SPACES)[:1].isdigit():
            continue  # more digit groups follow: a phone number or a code
        if reading.kind == "decimal-comma" and _is_list(doc, span):
            continue
        found.append((reading, Context.around(doc, span)))
    return tuple(found)


def readings(doc: Document, meta: RuleMeta, lists) -> Iterator[tuple[Reading, Context]]:
    """Every continental-looking number in the rule's scopes, with its context, minus references."""
    candidates = doc.derived(_candidates)
    if not candidates:
        return
    references = lists.words("references")
    versions = lists.words("version_words", lower=True)
    for reading, context in candidates:
        if doc.scope_at(reading.span.start) not in meta.scopes:
            continue
        if context.previous.rstrip(".") in references or context.previous.lower().rstrip(".") in versions:
            continue
        if _is_ip(doc.text[reading.span.start:reading.span.end]) and not _count_follows(context, lists):
            continue  # an address, unless a count of things follows: 1.149.244.100 households
        yield reading, context


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
def decimal_comma(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    for reading, _ in readings(doc, meta, lists):
        if reading.kind == "decimal-comma":
            original = doc.text[reading.span.start:reading.span.end]
            yield meta.finding(reading.span, _fix(reading, reading.applicability),
                               meta.message.format(number=original, english=reading.english))


@register("numbers.thousands_separator")
def thousands_separator(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    """Dot and space thousands; a lone `1.250` before a unit only where the document is continental."""
    found = [(r, c) for r, c in readings(doc, meta, lists) if r.kind == "thousands"]
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
# What every match holds: the engine calls the check only on a document holding it.
_THOUSAND = LiteralSet([" thousand"])


@register("numbers.numeral_thousand", triggers=lambda lists, meta: _THOUSAND)
def numeral_thousand(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    """`18 thousand lira` (Russian тыс., Chinese 万 rendered as 10 thousand): write the figure."""
    for m in _NUMERAL_THOUSAND.finditer(doc.text):
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
