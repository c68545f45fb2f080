"""A document through LanguageTool: its matches as findings, with news-copy false alarms screened out.

Offsets come back in UTF-16 units relative to each piece sent; they are turned
into the document's code-point offsets here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..document import Document
from ..model import Applicability, Edit, Finding, Fix, Span
from ..positions import Utf16Index
from . import client
from .filters import KnownWords, news_style, other_variety
from .mapping import PREFIX, Filing, category_note, filing

LANGUAGES = {"us": "en-US", "uk": "en-GB"}
ALTERNATIVE_NOTE = "alternative: "


@dataclass(frozen=True)
class Screened:
    raw: tuple[Finding, ...]    # every match LanguageTool sent, filed
    kept: tuple[Finding, ...]   # what is left for the report


def language(doc: Document) -> str:
    """The variety to check in: the house's choice, else American (other varieties are then accepted)."""
    return LANGUAGES.get(doc.house.get("spelling"), LANGUAGES["us"])


def pieces(doc: Document) -> list[Span]:
    """What is sent: each block, cut where it exceeds LanguageTool's text limit."""
    return [piece for block in doc.blocks for piece in client.split(doc.text, block.span, client.MAX_UNITS)]


def finding(match: dict, start: int, index: Utf16Index) -> tuple[Finding, Filing]:
    """One LanguageTool match, at `start` + its UTF-16 offset within the piece, as a finding.

    >>> m = {"offset": 3, "length": 2, "message": "Agreement", "replacements": [{"value": "goes"}],
    ...      "rule": {"id": "HE_VERB_AGR", "issueType": "grammar", "category": {"id": "GRAMMAR"}}}
    >>> f, _ = finding(m, 10, Utf16Index("😀 go"))
    >>> f.rule, f.category, f.span, f.fix.edits[0].replacement, f.fix.applicability.value
    ('LT:HE_VERB_AGR', 'grammar', Span(start=12, end=14), 'goes', 'unsafe')
    """
    rule = match["rule"]
    filed = filing(rule["id"], rule["category"]["id"])
    offset = match["offset"]
    span = Span(start + index.from_utf16(offset), start + index.from_utf16(offset + match["length"]))
    replacements = [r["value"] for r in match.get("replacements", ())]
    fix = None
    if replacements:
        first = replacements[0]
        title = f"Replace with “{first}”" if first else "Delete it"
        fix = Fix(title, (Edit(span, first),), Applicability.UNSAFE)
    notes = (category_note(rule["category"]["id"]),) + tuple(ALTERNATIVE_NOTE + r for r in replacements)
    return Finding(PREFIX + rule["id"], filed.category, filed.severity, match["message"], span, fix, notes), filed


def screen(doc: Document, url: str, keep: Collection[str] = ()) -> Screened:
    """Ask LanguageTool about every paragraph of doc and screen its answers.

    `keep` holds "LT:<id>" selectors that override the news-style list. Raises
    client.GrammarUnavailable when the server cannot be used.
    """
    spans = pieces(doc)
    answers = client.check(url, language(doc), [doc.text[s.start:s.end] for s in spans])
    known = KnownWords(doc)
    raw: list[Finding] = []
    kept: list[Finding] = []
    for span, matches in zip(spans, answers):
        index = Utf16Index(doc.text[span.start:span.end])
        for match in matches:
            found, filed = finding(match, span.start, index)
            raw.append(found)
            if not _false_alarm(doc, match, found, filed, known, keep):
                kept.append(found)
    return Screened(tuple(raw), tuple(kept))


def _false_alarm(doc: Document, match: dict, found: Finding, filed: Filing, known: KnownWords,
                 keep: Collection[str]) -> bool:
    """Whether a match is one of the news-copy false alarms that filters.py describes."""
    style = news_style().get(match["rule"]["id"])
    if style and found.rule not in keep and style.applies(doc, found.span):
        return True
    if doc.house.get("spelling") is None and (filed.variety or other_variety(match["message"])):
        return True       # no house variety: US and UK spellings are both right
    return (match["rule"].get("issueType") == "misspelling" and filed.category == "spelling"
            and known.covers(found.span))
