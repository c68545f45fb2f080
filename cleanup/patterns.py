"""Rules written as data: one regular expression and a fix template each.

Patterns are compiled once, with the pack's word lists bound as `regex` named lists
(`\\L<name>`), and scan the whole document in one C-level pass per rule; Python only
sees the matches. Every scan carries a timeout so a pathological line cannot hang a run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

import regex

from .document import Document
from .literals import LiteralSet
from .model import Applicability, Edit, Finding, Fix, RuleMeta, Span

SCAN_TIMEOUT = 2.0         # seconds per rule per document...
SCAN_TIMEOUT_PER_MB = 1.0  # ...plus this per million characters, twice the adversarial budget


def scan_timeout(length: int) -> float:
    """Room for a linear scan of a long document, far too little for backtracking.

    A fixed limit would report the slow but linear scan of a 50 MB wire archive as a hang.

    >>> scan_timeout(0), scan_timeout(50_000_000)
    (2.0, 52.0)
    """
    return SCAN_TIMEOUT + SCAN_TIMEOUT_PER_MB * length / 1_000_000

CONDITIONS: dict[str, Callable[[Document], bool]] = {
    # The document carries a dateline, which anchors relative days like "tomorrow".
    "dated": lambda doc: doc.dateline is not None,
}


def sentence_case(text: str) -> str:
    """Lower-case all but the first letter of a shouted phrase.

    >>> sentence_case("MINISTRY WELCOMES DECISION")
    'Ministry welcomes decision'
    """
    lowered = text.lower()
    for i, ch in enumerate(lowered):
        if ch.isalpha():
            return lowered[:i] + ch.upper() + lowered[i + 1:]
    return lowered


TRANSFORMS: dict[str, Callable[[str], str]] = {"sentence_case": sentence_case, "lower": str.lower}


@dataclass(frozen=True)
class FixSpec:
    title: str
    applicability: Applicability
    replacement: str | None = None
    map: Mapping[str, str] | None = None
    transform: str | None = None

    def replacement_for(self, m: regex.Match, original: str) -> str:
        if self.map is not None:
            return self.map.get(original, original)
        if self.transform is not None:
            return TRANSFORMS[self.transform](original)
        return m.expand(self.replacement or "")


class _Groups(dict):
    """Message placeholders: named groups, plus {match}; unknown names stay as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class PatternRule:
    meta: RuleMeta
    pattern: regex.Pattern
    fix: FixSpec | None = None
    skip_if: str | None = None
    # Literal substrings one of which every match contains: a document with none of them
    # is skipped, answered from the document's one search for every literal (literals.py).
    triggers: LiteralSet | None = None

    def check(self, doc: Document) -> Iterator[Finding]:
        if self.skip_if and CONDITIONS[self.skip_if](doc):
            return
        if self.triggers and not self.triggers.found_in(doc):
            return
        scopes = self.meta.scopes
        has_span = "span" in self.pattern.groupindex
        has_edit = "edit" in self.pattern.groupindex
        for m in self.pattern.finditer(doc.text, timeout=scan_timeout(len(doc.text))):
            start, end = m.span("span") if has_span and m.start("span") >= 0 else m.span()
            if doc.scope_at(start) not in scopes:
                continue
            span = Span(start, end)
            message = self.meta.message
            if "{" in message:
                message = message.format_map(_Groups(m.groupdict(default=""), match=m.group()))
            yield self.meta.finding(span, self._fix(m, span, has_edit), message)

    def _fix(self, m: regex.Match, span: Span, has_edit: bool) -> Fix | None:
        if self.fix is None:
            return None
        edit_span = Span(*m.span("edit")) if has_edit and m.start("edit") >= 0 else span
        original = m.string[edit_span.start:edit_span.end]
        replacement = self.fix.replacement_for(m, original)
        return Fix(self.fix.title, (Edit(edit_span, replacement),), self.fix.applicability)
