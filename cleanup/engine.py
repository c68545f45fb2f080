"""Running rules over a document.

A rule that raises, or whose pattern times out, must not take the other rules or the
other files down with it: its failure is recorded as an internal error for that file
and rule, and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from .literals import hits
from .model import CATEGORIES, Finding

if TYPE_CHECKING:
    from .document import Document
    from .packs import Rule


@dataclass(frozen=True)
class RuleError:
    rule: str
    message: str


@dataclass(frozen=True)
class Result:
    findings: tuple[Finding, ...]
    errors: tuple[RuleError, ...] = ()


def matches(rule_id: str, category: str, selector: str) -> bool:
    """A selector names a rule id, an id prefix, a category, or ALL.

    >>> matches("PUN001", "punctuation", "PUN"), matches("PUN001", "punctuation", "punctuation")
    (True, True)
    >>> matches("QUO001", "quotes", "PUN")
    False
    """
    return selector == "ALL" or selector == category or rule_id.startswith(selector)


def select(rules: Iterable[Rule], select: Iterable[str] = ("ALL",), ignore: Iterable[str] = ()) -> tuple[Rule, ...]:
    chosen, dropped = list(select), list(ignore)
    return tuple(r for r in rules
                 if any(matches(r.meta.id, r.meta.category, s) for s in chosen)
                 and not any(matches(r.meta.id, r.meta.category, s) for s in dropped))


def validate_selectors(rules: Iterable[Rule], selectors: Iterable[str]) -> list[str]:
    """Selectors that match no rule and no category: almost always a typo."""
    ids = [r.meta.id for r in rules]
    return [s for s in selectors
            if s != "ALL" and s not in CATEGORIES and not s.startswith("LT:")
            and not any(i.startswith(s) for i in ids)]


class _Plan:
    """The rules in the order they run, with the literals that wake the triggered ones.

    A rule with triggers (a pattern's, or those a Python check names) finds nothing in a
    document that holds none of them. The document's one literal search (literals.py)
    answers for every such rule at once: a rule none of whose triggers the document holds
    costs no call at all, where asking each rule in turn cost three Python calls per rule
    and document.
    """

    __slots__ = ("rules", "steps", "wakers")

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        # (bit, rule, call): a bit of 0 runs on every document, any other when one of its literals is found.
        self.steps: list[tuple[int, Rule, Callable[[Document], Iterable[Finding]]]] = []
        self.wakers: dict[str, int] = {}   # literal -> the bits of the rules it wakes
        for rule in rules:
            # Both kinds of pack rule (patterns.py, packs.CheckRule) have `triggers`, and
            # `triggered`: the check without the test the engine answers here.
            triggers = getattr(rule, "triggers", None)
            call = getattr(rule, "triggered", rule.check)
            if not triggers:
                self.steps.append((0, rule, call))
                continue
            bit = 1 << len(self.steps)
            for literal in triggers.literals:
                self.wakers[literal] = self.wakers.get(literal, 0) | bit
            self.steps.append((bit, rule, call))

    def woken(self, doc: Document) -> int:
        wakers, woken = self.wakers, 0
        if wakers:
            for literal in hits(doc):
                woken |= wakers.get(literal, 0)
        return woken


_LAST: _Plan | None = None   # a run checks every file with the same tuple of rules


def _plan(rules: Iterable[Rule]) -> _Plan:
    global _LAST
    last = _LAST
    if last is not None and last.rules is rules:
        return last
    if not isinstance(rules, tuple):
        return _Plan(tuple(rules))   # a list may change between calls: planned afresh each time
    _LAST = plan = _Plan(rules)
    return plan


def run(doc: Document, rules: Iterable[Rule]) -> Result:
    findings: list[Finding] = []
    errors: list[RuleError] = []
    plan = _plan(rules)
    woken = plan.woken(doc)
    for bit, rule, call in plan.steps:
        if bit and not bit & woken:
            continue
        try:
            found = list(call(doc))  # all or nothing: a rule that fails midway reports none
        except TimeoutError:
            errors.append(RuleError(rule.meta.id, "pattern timed out on this input"))
        except Exception as error:  # one broken rule must not stop the others
            errors.append(RuleError(rule.meta.id, f"{type(error).__name__}: {error}"))
        else:
            findings.extend(found)
    return Result(sorted_unique(findings), tuple(errors))


def sorted_unique(findings: list[Finding]) -> tuple[Finding, ...]:
    """Findings by span, then rule, each once; sorted in place.

    A wire archive yields hundreds of thousands of findings: a set of them and a
    (span, rule) tuple for each as a sort key held tens of megabytes at the run's peak.
    Two stable sorts on attributes the findings already hold make no new objects, and
    equal findings, sharing span and rule, end up in one run of equal keys.

    >>> from .model import Span
    >>> a, b = Finding("B", "style", "info", "m", Span(0, 2)), Finding("A", "style", "info", "m", Span(0, 2))
    >>> [f.rule for f in sorted_unique([a, b, a, Finding("A", "style", "info", "m", Span(0, 1))])]
    ['A', 'A', 'B']
    """
    findings.sort(key=attrgetter("rule"))
    findings.sort(key=attrgetter("span"))
    kept = run_start = 0   # findings[run_start:kept]: those kept with the current finding's span and rule
    for f in findings:
        if kept and (findings[kept - 1].span != f.span or findings[kept - 1].rule != f.rule):
            run_start = kept
        if f not in findings[run_start:kept]:
            findings[kept] = f
            kept += 1
    del findings[kept:]
    return tuple(findings)
