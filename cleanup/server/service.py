"""Checking and fixing for the server: the CLI's pipeline plus a pluggable extra step.

Both APIs come through here so that they find exactly what `cleanup check` finds.
`extra_findings(text)` is the hook for checkers that are not rule packs (the merge with
an upstream LanguageTool server): it receives the prose the rules saw and returns
findings in prose offsets, which are mapped to the source like the rules' own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from ..engine import matches
from ..fixes import FixOutcome, fix_until_stable
from ..formats import Format
from ..model import Finding
from ..packs import Rule
from ..pipeline import Checked, check_source, to_source

ExtraFindings = Callable[[str], Iterable[Finding]]
# Which rules a request wants, by rule id and category.
Keep = Callable[[str, str], bool]


def keep_selected(select: Iterable[str], ignore: Iterable[str]) -> Keep:
    """The CLI's --select/--ignore as a predicate, for rules and extra findings alike.

    >>> keep = keep_selected(["PUN", "quotes"], ["PUN006"])
    >>> keep("PUN001", "punctuation"), keep("PUN006", "punctuation"), keep("QUO001", "quotes")
    (True, False, True)
    """
    chosen, dropped = list(select), list(ignore)
    return lambda rule, category: (any(matches(rule, category, s) for s in chosen)
                                   and not any(matches(rule, category, s) for s in dropped))


@dataclass(frozen=True)
class Checker:
    rules: tuple[Rule, ...]
    extra_findings: ExtraFindings | None = None

    def check(self, source: str, fmt: Format, keep: Keep, path: str = "-") -> Checked:
        rules = tuple(r for r in self.rules if keep(r.meta.id, r.meta.category))
        checked = check_source(source, path, fmt, rules)
        if self.extra_findings is None:
            return checked
        doc = checked.document
        extra = tuple(to_source(doc, f) for f in self.extra_findings(doc.text) if keep(f.rule, f.category))
        return replace(checked, findings=tuple(sorted(checked.findings + extra, key=lambda f: f.sort_key)))

    def fix(self, source: str, fmt: Format, keep: Keep, unsafe: bool, path: str = "-") -> FixOutcome:
        return fix_until_stable(source, lambda text: self.check(text, fmt, keep, path).findings, unsafe)
