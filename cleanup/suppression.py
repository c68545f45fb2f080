"""Inline suppressions: comments in the copy that silence rules where an editor decided.

    <!-- cleanup: ignore PUN002 -->        the next block only
    <!-- cleanup: disable quotes STY -->   from here ...
    <!-- cleanup: enable -->               ... to here (or to the end of the file)

A rule is named by id, id prefix or category; naming none silences every rule.
Formats with comments (Markdown, HTML, XML) hand their comments to `directives`; the
pipeline then filters findings through `apply`, in source offsets, in one place. A
directive that silenced nothing is reported as SUP001, the way ruff reports an unused
`noqa`, so stale suppressions do not pile up; its fix deletes the comment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from .engine import matches
from .model import Edit, Finding, Fix, RuleMeta, Span
from .packs import Rule

RULE_ID = "SUP001"

_DIRECTIVE = regex.compile(r"\s*cleanup:\s*(?P<verb>ignore|disable|enable)(?P<rules>(?:[\s,]+[\w:-]+)*)[\s,]*")


@dataclass(frozen=True)
class Suppression:
    verb: str                    # "ignore" (the next block) or "disable" (until `enable`)
    selectors: tuple[str, ...]   # rule ids, id prefixes or categories; none means every rule
    comment: Span                # the directive in the source
    region: Span                 # the source whose findings it silences
    removal: tuple[Span, ...]    # what deleting it removes: its line(s), and a closing `enable`

    def silences(self, finding: Finding) -> bool:
        return (self.region.start <= finding.span.start < self.region.end
                and (not self.selectors or any(matches(finding.rule, finding.category, s) for s in self.selectors)))

    @property
    def label(self) -> str:
        return " ".join((self.verb,) + self.selectors)


def _line_of(source: str, span: Span) -> Span:
    """The comment with its whole line when nothing else stands on that line.

    >>> _line_of("a\\n  <!-- x -->\\nb", Span(4, 14)), _line_of("a <!-- x -->", Span(2, 12))
    (Span(start=2, end=15), Span(start=2, end=12))
    """
    start = span.start
    while start > 0 and source[start - 1] in " \t":
        start -= 1
    end = span.end
    while end < len(source) and source[end] in " \t":
        end += 1
    if (start == 0 or source[start - 1] in "\r\n") and (end == len(source) or source[end] in "\r\n"):
        return Span(start, end + (2 if source.startswith("\r\n", end) else 1 if end < len(source) else 0))
    return span


def directives(source: str, comments: Iterable[tuple[Span, str]], blocks: list[Span]) -> tuple[Suppression, ...]:
    """Suppressions from the comments of a document, given its blocks' source spans, in order.

    >>> src = "<!-- cleanup: ignore PUN -->\\nOne.\\n<!-- cleanup: disable -->\\nTwo.\\n"
    >>> found = directives(src, [(Span(0, 28), " cleanup: ignore PUN "), (Span(34, 59), " cleanup: disable ")],
    ...                    [Span(29, 33), Span(60, 64)])
    >>> [(s.verb, s.selectors, s.region) for s in found]
    [('ignore', ('PUN',), Span(start=29, end=33)), ('disable', (), Span(start=59, end=65))]
    """
    found: list[Suppression] = []
    open_ranges: list[tuple[str, tuple[str, ...], Span]] = []

    def close(selectors: tuple[str, ...], closer: Span | None) -> None:
        """End the open ranges an `enable` names (all when it names none, or at the end of the file)."""
        ending = [r for r in open_ranges if closer is None or not selectors or set(selectors) & set(r[1])]
        for item in ending:
            _, named, comment = item
            open_ranges.remove(item)
            end = closer.start if closer is not None else len(source)
            # Deleting an unused range deletes its `enable` too, unless that also ends another range.
            shared = closer is None or len(ending) > 1
            removal = (_line_of(source, comment),) + (() if shared else (_line_of(source, closer),))
            found.append(Suppression("disable", named, comment, Span(comment.end, end), removal))

    for span, body in comments:
        m = _DIRECTIVE.fullmatch(body)
        if m is None:
            continue
        selectors = tuple(regex.split(r"[\s,]+", m.group("rules").strip())) if m.group("rules").strip() else ()
        verb = m.group("verb")
        if verb == "ignore":
            region = next((b for b in blocks if b.start >= span.end), Span(span.end, span.end))
            found.append(Suppression(verb, selectors, span, region, (_line_of(source, span),)))
        elif verb == "disable":
            open_ranges.append((verb, selectors, span))
        else:
            close(selectors, span)
    close((), None)
    return tuple(sorted(found, key=lambda s: s.comment.start))


def apply(findings: Iterable[Finding], suppressions: tuple[Suppression, ...], rules: Iterable[Rule]) -> tuple[Finding, ...]:
    """Findings the suppressions leave, plus SUP001 for each that silenced nothing (when selected)."""
    used: set[int] = set()
    kept: list[Finding] = []
    for finding in findings:
        hits = {i for i, s in enumerate(suppressions) if s.silences(finding)}
        used |= hits
        if not hits:
            kept.append(finding)
    meta = next((r.meta for r in rules if r.meta.id == RULE_ID), None)
    if meta is not None:
        kept.extend(_unused(meta, s) for i, s in enumerate(suppressions) if i not in used)
    return tuple(sorted(kept, key=lambda f: f.sort_key))


def _unused(meta: RuleMeta, suppression: Suppression) -> Finding:
    fix = Fix("Delete the suppression comment", tuple(Edit(span, "") for span in suppression.removal))
    return meta.finding(suppression.comment, fix, meta.message.format(directive=suppression.label))
