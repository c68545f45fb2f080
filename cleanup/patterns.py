"""Rules written as data: one regular expression and a fix template each.

Patterns are compiled once, with the pack's word lists bound as `regex` named lists
(`\\L<name>`), and scan the whole document in one C-level pass per rule; Python only
sees the matches. Every scan carries a timeout so a pathological line cannot hang a run.

A pattern the engine cannot skip ahead in (one that starts with a set, a look-behind or a
line-start test) names a native scan that finds where it may match (`candidates`), and is
tried only there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from itertools import chain

import regex

from . import _native
from .document import Document
from .literals import LiteralSet, tried_at, within
from .model import Applicability, Edit, Finding, Fix, RuleMeta, Span

SCAN_TIMEOUT = 2.0         # seconds per rule per document...
SCAN_TIMEOUT_PER_MB = 1.0  # ...plus this per million characters, twice the adversarial budget
# More matches of one rule in one paragraph than this are not copy to edit mark by mark
# (a feed that lost its spacing, a paragraph of stray periods): they make one finding.
DENSE = 50
# A try at one position costs about what a scan of this many characters does (the timeout's
# clock, read at every call, is most of it): with candidates or triggers denser than that, as
# in a line of periods, one scan of the text is cheaper and finds the same matches.
TRY_COST = 256


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

# Native scans for the patterns that start with a set, a look-behind or a line-start test,
# which `finditer` would try at every character: each gives, in order, a superset of the
# positions where its pattern can match, found in one pass (native/src/candidates.rs).
CANDIDATES: dict[str, Callable[[str], list[int]]] = {
    "stray_period": _native.stray_period_candidates,
    "glued_sentence": _native.glued_sentence_candidates,
    "glued_comma": _native.glued_comma_candidates,
    "caps_line": _native.caps_line_candidates,
}


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
        if self.replacement is not None and "\\" not in self.replacement:
            return self.replacement   # a template without group references is its own expansion
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
    # Every match starts this many code points from the start of one of the triggers (most
    # often 0: with the trigger): the pattern is tried only there. None: not anchored.
    anchored: int | None = None
    # Every match lies between one of these marks and the next, where a trigger ends: only
    # such stretches are scanned (see `literals.within`).
    within: str | None = None
    # A scan from CANDIDATES giving every position where a match may start: the pattern is
    # tried only there.
    candidates: Callable[[str], list[int]] | None = None

    @cached_property
    def _groups(self) -> tuple[str | None, str | None]:
        """The `span` and `edit` groups the pattern has, if any: asked once, not per document."""
        names = self._regex.groupindex
        return "span" if "span" in names else None, "edit" if "edit" in names else None

    @cached_property
    def _regex(self) -> regex.Pattern:
        """The compiled pattern, called directly: a pack's compiles on first use (packs.DeferredPattern)."""
        compiled = getattr(self.pattern, "compiled", None)
        return compiled() if compiled is not None else self.pattern

    def check(self, doc: Document) -> Iterable[Finding]:
        if self.triggers and not self.triggers.found_in(doc):
            return ()
        return self.triggered(doc)

    def triggered(self, doc: Document) -> Iterable[Finding]:
        """The check of a document known to hold a trigger, if the rule has any: `engine.run`
        asks the document's literal search once for all the rules."""
        if self.skip_if and CONDITIONS[self.skip_if](doc):
            return ()
        text = doc.text
        timeout = scan_timeout(len(text))
        if self.candidates is not None or self.anchored is not None:
            # Where a match may start: the native scan's positions, or the triggers' (offset).
            starts = (self.candidates(text) if self.candidates is not None
                      else [start + self.anchored for start, _ in self.triggers.starts(doc)])
            if not starts:
                return ()   # most documents have no place to try the pattern at
            matches = (self._regex.finditer(text, timeout=timeout) if len(starts) * TRY_COST > len(text)
                       else tried_at(self._regex, text, starts, timeout))
        elif self.within:
            matches = within(self._regex, self.triggers, self.within, doc, timeout)
        else:
            matches = self._regex.finditer(text, timeout=timeout)
        # Most scans find nothing: answered here, with no generator made for the findings.
        first = next(matches, None)
        return () if first is None else self._findings(doc, first, matches)

    def _findings(self, doc: Document, first: regex.Match, rest: Iterator[regex.Match]) -> Iterator[Finding]:
        scopes = self.meta.scopes
        span_group, edit_group = self._groups
        # Matches are gathered a paragraph at a time, so that a paragraph with more than DENSE
        # of them can be reported as one finding (see `_dense`).
        paragraph: list[tuple[regex.Match, int, int]] = []
        paragraph_end = -1
        stretch_start = stretch_end = -1   # the scope is the same for matches that start in here
        for m in chain((first,), rest):
            start, end = m.span(span_group) if span_group and m.start(span_group) >= 0 else m.span()
            if not stretch_start <= start < stretch_end:
                scope, stretch_end = doc.scope_stretch(start)
                stretch_start, in_scope = start, scope in scopes
            if not in_scope:
                continue
            if start >= paragraph_end:
                yield from self._report(paragraph, edit_group)
                paragraph = []
                paragraph_end = doc.blocks[doc.block_index(start)].span.end if doc.blocks else len(doc.text)
            paragraph.append((m, start, end))
        yield from self._report(paragraph, edit_group)

    def _report(self, paragraph: list[tuple[regex.Match, int, int]], edit_group: str | None) -> Iterator[Finding]:
        if len(paragraph) > DENSE:
            yield self._dense(paragraph, edit_group)
            return
        for m, start, end in paragraph:
            span = Span(start, end)
            message = self.meta.message
            if "{" in message:
                message = message.format_map(_Groups(m.groupdict(default=""), match=m.group()))
            fix = None
            if self.fix is not None:
                edit_start, edit_end = self._edit_span(m, start, end, edit_group)
                fix = Fix(self.fix.title, (Edit(Span(edit_start, edit_end), self._replacement(m, edit_start, edit_end)),),
                          self.fix.applicability)
            yield self.meta.finding(span, fix, message)

    def _dense(self, paragraph: list[tuple[regex.Match, int, int]], edit_group: str | None) -> Finding:
        """One finding for every match in a paragraph that has too many to be read one by one.

        Its message says how many matches it covers, and its fix is one edit from the first
        to the last, with every match fixed and the text between left as it was: the same
        text as fixing each match on its own.
        """
        first, start, _ = paragraph[0]
        end = paragraph[-1][2]
        message = self.meta.message
        if "{" in message:
            message = message.format_map(_Groups(first.groupdict(default=""), match=first.group()))
        message += f" ({len(paragraph)} times in this paragraph, reported once)"
        if self.fix is None:
            return self.meta.finding(Span(start, end), None, message)
        text = first.string
        pieces: list[str] = []
        cursor = edited_from = -1
        for m, match_start, match_end in paragraph:
            edit_start, edit_end = self._edit_span(m, match_start, match_end, edit_group)
            if cursor < 0:
                edited_from = edit_start
            else:
                pieces.append(text[cursor:edit_start])
            pieces.append(self._replacement(m, edit_start, edit_end))
            cursor = edit_end
        fix = Fix(self.fix.title, (Edit(Span(edited_from, cursor), "".join(pieces)),), self.fix.applicability)
        return self.meta.finding(Span(min(start, edited_from), max(end, cursor)), fix, message)

    @staticmethod
    def _edit_span(m: regex.Match, start: int, end: int, edit_group: str | None) -> tuple[int, int]:
        return m.span(edit_group) if edit_group and m.start(edit_group) >= 0 else (start, end)

    def _replacement(self, m: regex.Match, start: int, end: int) -> str:
        return self.fix.replacement_for(m, m.string[start:end])
