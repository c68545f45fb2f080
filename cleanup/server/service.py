"""Checking and fixing for the server: the CLI's pipeline plus a pluggable extra step.

Both APIs come through here so that they find exactly what `cleanup check` finds. The
project's configuration ([tool.cleanup], cleanup.toml) is read once, when the server
starts, as `cleanup check -` reads it in the same directory; requests never make the
server look at the file system. `extra_findings(doc)` is the hook for checkers that
are not rule packs (the merge with an upstream LanguageTool server): it receives the
document the rules saw and returns findings in its prose offsets, which are mapped to
the source like the rules' own and folded in as `cleanup check --grammar` does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from ..config import Config, Selection, rules_for
from ..engine import matches
from ..document import Document
from ..fixes import FixOutcome, fix_until_stable
from ..grammar.hook import merge
from ..formats import Format
from ..model import Finding
from ..pipeline import Checked, Profile, check_source, to_source

ExtraFindings = Callable[[Document], Iterable[Finding]]
# Which findings a request wants, by rule id and category.
Keep = Callable[[str, str], bool]


def keep_selected(select: Iterable[str], ignore: Iterable[str]) -> Keep:
    """--select/--ignore as a predicate, for findings that come from no rule pack.

    >>> keep = keep_selected(["PUN", "quotes"], ["PUN006"])
    >>> keep("PUN001", "punctuation"), keep("PUN006", "punctuation"), keep("QUO001", "quotes")
    (True, False, True)
    """
    chosen, dropped = list(select), list(ignore)
    return lambda rule, category: (any(matches(rule, category, s) for s in chosen)
                                   and not any(matches(rule, category, s) for s in dropped))


class Checker:
    """The configured rules and house choices, applied to the text of each request."""

    def __init__(self, settings: Config = Config(), extra_findings: ExtraFindings | None = None) -> None:
        self.settings = settings
        self.extra_findings = extra_findings
        self.default = self.profile()   # a bad configuration fails here, when the server starts
        # Every rule a request may select: all packs, less what the configuration ignores.
        self.available = rules_for(settings, "-", Selection(("ALL",)))

    def profile(self, path: str = "-", select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Profile:
        """The rules `cleanup check --select … --ignore …` would run on a file at `path`.

        `path` is a label matched against per-file-ignores; it is never opened.
        """
        rules = rules_for(self.settings, path, Selection(tuple(select), (), tuple(ignore)))
        return Profile(rules, self.settings.house())

    def narrowed(self, keep: Keep) -> Profile:
        return replace(self.default, rules=tuple(r for r in self.default.rules if keep(r.meta.id, r.meta.category)))

    def check(self, source: str, fmt: Format, profile: Profile, keep: Keep, path: str = "-") -> Checked:
        """The profile's findings, and the extra step's that `keep` admits."""
        checked = check_source(source, path, fmt, profile)
        if self.extra_findings is None:
            return checked
        doc = checked.document
        extra = [to_source(doc, f) for f in self.extra_findings(doc) if keep(f.rule, f.category)]
        return replace(checked, findings=merge(checked.findings, extra))

    def fix(self, source: str, fmt: Format, profile: Profile, keep: Keep, unsafe: bool,
            path: str = "-") -> FixOutcome:
        return fix_until_stable(source, lambda text: self.check(text, fmt, profile, keep, path).findings, unsafe)
