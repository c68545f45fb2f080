"""Quote-mark checks, all reading the one pairing in `doc.quotes` (see quotemarks.py)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..model import Applicability, Edit, Finding, Fix, RuleMeta, Span
from ..quotemarks import by_block
from ..speech import CONTINUED, FIRST_PERSON, PRESENT_OR_MODAL, SPEECH
from . import register

_CURLY = {"open": "“", "close": "”"}
_SENTENCE = regex.compile(r"[^.!?]+[.!?]+[”’\"]?\s*|[^.!?]+$")


def _anomalies(doc: Document, *kinds: str):
    return (a for a in doc.quotes.anomalies if a.kind in kinds)


def _mark_fix(title: str, offset: int, replacement: str, applicability: Applicability) -> Fix:
    return Fix(title, (Edit(Span(offset, offset + 1), replacement),), applicability)


@register("quotes.unbalanced")
def unbalanced(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    for anomaly in _anomalies(doc, "unclosed", "unopened"):
        mark = anomaly.mark
        what = "opens and never closes" if anomaly.kind == "unclosed" else "closes a quotation that never opened"
        yield meta.finding(Span(mark.offset, mark.offset + 1), message=meta.message.format(mark=mark.glyph, what=what))


@register("quotes.nested_open")
def nested_open(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    for anomaly in _anomalies(doc, "nested-open"):
        offset = anomaly.mark.offset
        # Drop the mark together with a space it leaves doubled.
        yield meta.finding(Span(offset, offset + 1),
                           _mark_fix("Remove the second opening mark", offset, "", Applicability.UNSAFE))


@register("quotes.wrong_glyph")
def wrong_glyph(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    for anomaly in _anomalies(doc, "wrong-glyph"):
        mark = anomaly.mark
        if mark.glyph not in "“”":
            continue  # foreign glyphs have their own rule
        right = _CURLY[mark.role]
        yield meta.finding(Span(mark.offset, mark.offset + 1),
                           _mark_fix(f"Use {right}", mark.offset, right, Applicability.SAFE),
                           meta.message.format(mark=mark.glyph, role="opens" if mark.role == "open" else "closes", right=right))


@register("quotes.mixed_styles")
def mixed_styles(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    """Marks of the minority style; with a house style (`quotes = ...`) every other mark."""
    straight = [m for m in doc.quotes.marks if m.glyph == '"']
    curly = [m for m in doc.quotes.marks if m.glyph in "“”"]
    house = doc.house.get("quotes")
    if house:
        minority, to_curly = (straight, True) if house == "curly" else (curly, False)
    elif not straight or not curly:
        return
    else:
        # Ties go to curly quotes, the news default.
        minority, to_curly = (straight, True) if len(straight) <= len(curly) else (curly, False)
    style = "curly" if to_curly else "straight"
    for mark in minority:
        right = _CURLY.get(mark.role, "“") if to_curly else '"'
        yield meta.finding(Span(mark.offset, mark.offset + 1),
                           _mark_fix(f"Use {style} quotes: {right}", mark.offset, right, Applicability.SAFE),
                           meta.message.format(style=style) if not house else f"House style is {style} quotes")


@register("quotes.speech_leak")
def speech_leak(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    """First-person sentences left outside the marks between an attribution and the rest of the quote."""
    for inside in doc.derived(by_block):
        for before, after in zip(inside, inside[1:]):
            gap = doc.text[before.end:after.start]
            sentences = list(_SENTENCE.finditer(gap))
            if len(sentences) < 2 or not SPEECH.search(sentences[0].group()):
                continue
            # The words are the speaker's if they talk in the first person, or if they speak in
            # the present (narration is past) and the next quotation continues ("he added").
            sentence = sentences[1].group()
            continued = CONTINUED.match(doc.text, after.end) and PRESENT_OR_MODAL.search(sentence)
            if not (FIRST_PERSON.search(sentence) or continued):
                continue
            start = before.end + sentences[1].start()
            end = before.end + len(gap.rstrip())
            fix = Fix("Open the quotation before the leaked sentence",
                      (Edit(Span(start, start), "“"), Edit(Span(after.start, after.start + 1), "")),
                      Applicability.UNSAFE)
            yield meta.finding(Span(start, end), fix)
