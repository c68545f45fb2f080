"""Quote-mark checks, all reading the one pairing in `doc.quotes` (see quotemarks.py)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

import regex

from ..document import Document
from ..model import Applicability, Edit, Finding, Fix, RuleMeta, Span
from ..quotemarks import Anomaly, Mark, by_block
from ..speech import CONTINUED, FIRST_PERSON, PRESENT_OR_MODAL, SPEECH
from . import register

_CURLY = {"open": "“", "close": "”"}
_TO_CURLY = str.maketrans({"o": "“", "c": "”"})
_SENTENCE = regex.compile(r"[^.!?]+[.!?]+[”’\"]?\s*|[^.!?]+$")
# What may end a gap after its last word: no letter, so a word after a mark is never in it.
_TAIL = " \t\n.!?”’\""


def _in_a_row(count: int) -> str:
    """What a finding for a run of adjacent marks adds to its message: the run is one artefact."""
    return f" ({count} marks in a row)" if count > 1 else ""


def _marks_fix(title: str, offset: int, count: int, replacement: str, applicability: Applicability) -> Fix:
    """One edit for `count` adjacent marks from `offset`: `replacement` is their new text."""
    return Fix(title, (Edit(Span(offset, offset + count), replacement),), applicability)


# The anomaly checks build a list, not a generator: most documents have no anomaly, and
# every rule is called for every document.

@register("quotes.unbalanced")
def unbalanced(doc: Document, meta: RuleMeta, lists) -> list[Finding]:
    return [_unbalanced(meta, a) for a in doc.quotes.anomalies if a.kind in ("unclosed", "unopened")]


def _unbalanced(meta: RuleMeta, anomaly: Anomaly) -> Finding:
    mark = anomaly.mark
    what = "opens and never closes" if anomaly.kind == "unclosed" else "closes a quotation that never opened"
    return meta.finding(Span(mark.offset, mark.offset + anomaly.count),
                        message=meta.message.format(mark=mark.glyph, what=what) + _in_a_row(anomaly.count))


@register("quotes.nested_open")
def nested_open(doc: Document, meta: RuleMeta, lists) -> list[Finding]:
    return [_nested_open(meta, a) for a in doc.quotes.anomalies if a.kind == "nested-open"]


def _nested_open(meta: RuleMeta, anomaly: Anomaly) -> Finding:
    offset, count = anomaly.mark.offset, anomaly.count
    title = "Remove the second opening mark" if count == 1 else f"Remove the {count} extra opening marks"
    return meta.finding(Span(offset, offset + count), _marks_fix(title, offset, count, "", Applicability.UNSAFE),
                        meta.message + _in_a_row(count))


@register("quotes.wrong_glyph")
def wrong_glyph(doc: Document, meta: RuleMeta, lists) -> list[Finding]:
    # Foreign glyphs have their own rule.
    return [_wrong_glyph(meta, a.mark) for a in doc.quotes.anomalies
            if a.kind == "wrong-glyph" and a.mark.glyph in "“”"]


def _wrong_glyph(meta: RuleMeta, mark: Mark) -> Finding:
    right = _CURLY[mark.role]
    return meta.finding(Span(mark.offset, mark.offset + 1),
                        _marks_fix(f"Use {right}", mark.offset, 1, right, Applicability.SAFE),
                        meta.message.format(mark=mark.glyph, role="opens" if mark.role == "open" else "closes", right=right))


_STRAIGHT = regex.compile('"+')
_CURLY_RUN = regex.compile("[“”]+")


@register("quotes.mixed_styles")
def mixed_styles(doc: Document, meta: RuleMeta, lists) -> list[Finding]:
    """Marks of the minority style; with a house style (`quotes = ...`) every other mark.

    Adjacent marks of the minority style make one finding, fixed by one edit.
    """
    every_mark = "".join(doc.quotes.run_glyphs)
    straight = every_mark.count('"')
    curly = every_mark.count("“") + every_mark.count("”")
    house = doc.house.get("quotes")
    if house:
        to_curly = house == "curly"
    elif not straight or not curly:
        return []
    else:
        # Ties go to curly quotes, the news default.
        to_curly = straight <= curly
    if not (straight if to_curly else curly):
        return []
    style = "curly" if to_curly else "straight"
    message = meta.message.format(style=style) if not house else f"House style is {style} quotes"
    minority = _STRAIGHT if to_curly else _CURLY_RUN
    found = []
    for start, glyphs, roles in doc.quotes.runs():
        for m in minority.finditer(glyphs):
            offset, count = start + m.start(), len(m.group())
            right = roles[m.start():m.end()].translate(_TO_CURLY) if to_curly else '"' * count
            found.append(meta.finding(Span(offset, offset + count),
                                      _marks_fix(f"Use {style} quotes: {right}", offset, count, right, Applicability.SAFE),
                                      message + _in_a_row(count)))
    return found


@register("quotes.speech_leak")
def speech_leak(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    """First-person sentences left outside the marks between an attribution and the rest of the quote."""
    for inside in doc.derived(by_block):
        if len(inside) < 2:
            continue   # most paragraphs: no pair to look between
        for before, after in zip(inside, inside[1:]):
            gap = doc.text[before.end:after.start]
            # A leak is words after a sentence mark; in most gaps (`, he said. `) every mark
            # stands in the tail of marks and spaces, and no sentence split is needed to see none.
            head = gap.rstrip(_TAIL)
            if "." not in head and "!" not in head and "?" not in head:
                continue
            sentences = list(islice(_SENTENCE.finditer(gap), 2))   # what follows them is not read
            if len(sentences) < 2 or not SPEECH.found_in(sentences[0].group()):
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
