"""Loading rule packs: small TOML files under `rules/`, grouped by purpose.

A pack holds word lists and rules. A rule is either a `pattern` (see patterns.py) or
a `check` naming a Python function (see checks/); both carry the same metadata and
examples, so `cleanup rules` and the examples test treat them alike. Packs are read
once per process; patterns compile and Python checks import on first use, so a run
answered from the results cache pays for neither. `verify` compiles them all at once,
which is how a bad pack is still reported before any file is checked.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Protocol

import regex

from . import rules as rules_package
from .checks import TRIGGERS, CheckFunction, Lists, load_all
from .document import SCOPES, Document
from .literals import LiteralSet
from .model import CATEGORIES, Applicability, Example, Finding, RuleMeta, Severity
from .patterns import CANDIDATES, CONDITIONS, TRANSFORMS, FixSpec, PatternRule

# rules/ in a checkout, mapped into the package on install (see setup.py). Found from the
# package itself: importing importlib.resources would cost a cached run more than reading it.
RULES_DIR = Path(rules_package.__file__).parent


class PackError(ValueError):
    """A pack that cannot be loaded; the message names the file and the rule."""


class Rule(Protocol):
    meta: RuleMeta

    def check(self, doc: Document) -> Iterable[Finding]: ...


@dataclass(frozen=True)
class CheckRule:
    meta: RuleMeta
    function: DeferredCheck
    lists: Lists = field(default_factory=Lists, compare=False, hash=False)

    @cached_property
    def triggers(self) -> LiteralSet | None:
        """The literals the check finds nothing without, if it names them (`checks.register`)."""
        load_all()   # a check names its triggers as its module is imported
        named = TRIGGERS.get(self.function.name)
        return None if named is None else named(self.lists, self.meta)

    def check(self, doc: Document) -> Iterable[Finding]:
        if self.triggers and not self.triggers.found_in(doc):
            return ()
        return self.triggered(doc)

    def triggered(self, doc: Document) -> Iterable[Finding]:
        """The check of a document known to hold a trigger, if the rule has any (see `engine.run`)."""
        # Called for every rule and document: the check itself is called from here, not
        # through a wrapper's `__call__` (a second Python frame and the slow generic call path).
        return (self.function.loaded or self.function.resolved())(doc, self.meta, self.lists)


class DeferredPattern:
    """A pack's regular expression, compiled on first use (see `verify`)."""

    __slots__ = ("pattern", "lists", "where", "_compiled")

    def __init__(self, pattern: str, lists: dict[str, list[str]], where: str) -> None:
        self.pattern, self.lists, self.where = pattern, lists, where
        self._compiled: regex.Pattern | None = None

    def compiled(self) -> regex.Pattern:
        if self._compiled is None:
            try:
                self._compiled = regex.compile(self.pattern,
                                               **{name: self.lists[name] for name in _list_names(self.pattern)})
            except regex.error as error:
                raise PackError(f"{self.where}: bad pattern: {error}") from None
        return self._compiled


class DeferredCheck:
    """A pack's Python check, imported with the other checks on first use (see `verify`)."""

    __slots__ = ("name", "where", "loaded")

    def __init__(self, name: str, where: str) -> None:
        self.name, self.where = name, where
        self.loaded: CheckFunction | None = None

    def resolved(self) -> CheckFunction:
        if self.loaded is None:
            checks = load_all()
            if self.name not in checks:
                raise PackError(f"{self.where}: no Python check named {self.name!r}")
            self.loaded = checks[self.name]
        return self.loaded


def _meta(entry: dict, pack: str, where: str) -> RuleMeta:
    try:
        meta = RuleMeta(
            id=entry["id"], name=entry["name"], category=entry["category"],
            severity=Severity(entry["severity"]), summary=entry["summary"], why=entry["why"],
            message=entry["message"], fix_safety=entry.get("fix_safety", "no fix"), mqm=entry["mqm"],
            scopes=frozenset(entry.get("scopes", SCOPES)),
            examples=tuple(Example(e["text"], e.get("correction"), e.get("format", "text"))
                           for e in entry.get("example", [])),
            pack=pack,
        )
    except KeyError as missing:
        raise PackError(f"{where}: missing key {missing}") from None
    except ValueError as bad:
        raise PackError(f"{where}: {bad}") from None
    if meta.category not in CATEGORIES:
        raise PackError(f"{where}: unknown category {meta.category!r}")
    if not meta.scopes <= set(SCOPES):
        raise PackError(f"{where}: unknown scope in {sorted(meta.scopes - set(SCOPES))}")
    return meta


def _fix(entry: dict | None, where: str) -> FixSpec | None:
    if entry is None:
        return None
    transform = entry.get("transform")
    if transform is not None and transform not in TRANSFORMS:
        raise PackError(f"{where}: unknown transform {transform!r}")
    return FixSpec(title=entry["title"], applicability=Applicability(entry.get("applicability", "safe")),
                   replacement=entry.get("replacement"), map=entry.get("map"), transform=transform)


def _read(path: Path, verdicts: Verdicts | None) -> dict:
    """A pack file's data. Parsing TOML is most of what a run the cache answers spends on the
    packs, so a reading the cache remembers of the very same text is taken instead."""
    try:
        text = path.read_text(encoding="utf-8")
        data = verdicts.reading(text) if verdicts is not None else None
        if data is None:
            data = tomllib.loads(text)
            if verdicts is not None:
                verdicts.remember_reading(text, data)
        return data
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise PackError(f"{path}: {error}") from None


def _rules(path: Path, verdicts: Verdicts | None) -> Iterator[Rule]:
    data = _read(path, verdicts)
    lists = Lists(data.get("lists", {}))
    for entry in data.get("rule", []):
        where = f"{path}: rule {entry.get('id', '?')}"
        meta = _meta(entry, path.stem, where)
        if "check" in entry:
            yield CheckRule(meta, DeferredCheck(entry["check"], where), lists)
            continue
        skip_if = entry.get("skip_if")
        if skip_if is not None and skip_if not in CONDITIONS:
            raise PackError(f"{where}: unknown skip_if {skip_if!r}")
        absent = ["pattern"] if "pattern" not in entry else [n for n in _list_names(entry["pattern"]) if n not in lists]
        if absent:
            raise PackError(f"{where}: pattern needs a 'pattern' key and lists it names ({absent[0]!r})")
        pattern = DeferredPattern(entry["pattern"], lists, where)
        try:
            triggers = LiteralSet(_expand(entry["triggers"], lists)) if "triggers" in entry else None
        except KeyError as missing:
            raise PackError(f"{where}: triggers name a list the pack lacks ({missing})") from None
        anchored = entry.get("anchored", False)
        if not isinstance(anchored, int) or anchored is not False and triggers is None:
            raise PackError(f"{where}: anchored is true, false or an offset, and an anchored pattern needs triggers")
        offset = None if anchored is False else 0 if anchored is True else anchored
        marks = entry.get("within")
        if marks is not None and not (isinstance(marks, str) and len(marks) == 1 and triggers is not None and offset is None):
            raise PackError(f"{where}: within is one character, and needs triggers and no anchored")
        scan = entry.get("candidates")
        if scan is not None and (scan not in CANDIDATES or triggers is not None):
            raise PackError(f"{where}: candidates names a scan of patterns.CANDIDATES, for a pattern with no triggers")
        yield PatternRule(meta, pattern, _fix(entry.get("fix"), where), skip_if, triggers, offset, marks,
                          CANDIDATES[scan] if scan is not None else None)


def _list_names(pattern: str) -> list[str]:
    return regex.findall(r"\\L<(\w+)>", pattern)


def _expand(triggers: list[str], lists: dict[str, list[str]]) -> Iterator[str]:
    r"""Triggers with `\L<name>` stand for one literal per word of the pack's list, as in patterns.

    >>> sorted(_expand(["\\L<verbs>,", "here"], {"verbs": ["said", "noted"]}))
    ['here', 'noted,', 'said,']
    """
    for trigger in triggers:
        names = _list_names(trigger)
        if not names:
            yield trigger
            continue
        head, tail = trigger.split(f"\\L<{names[0]}>", 1)
        for word in lists[names[0]]:
            yield from _expand([head + word + tail], lists)


_PACKS: dict[Path, tuple[Rule, ...]] = {}


def _pack(path: Path, verdicts: Verdicts | None) -> tuple[Rule, ...]:
    """One pack file's rules, read once per process: the built-in packs are read once whatever
    extra packs a configuration adds (the JSON report asks for the built-in ones alone)."""
    rules = _PACKS.get(path)
    if rules is None:
        if len(_PACKS) >= 64:   # configurations with packs of their own, loaded one after another
            _PACKS.clear()
        rules = _PACKS[path] = tuple(_rules(path, verdicts))
    return rules


def load_packs(paths: Iterable[Path], verdicts: Verdicts | None = None) -> tuple[Rule, ...]:
    """The packs' rules, checked as far as reading them allows; `verify` does the rest."""
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    for path in paths:
        for rule in _pack(path, verdicts):
            if rule.meta.id in seen:
                raise PackError(f"{path}: rule id {rule.meta.id} already used in {seen[rule.meta.id]}")
            seen[rule.meta.id] = path
            rules.append(rule)
    return tuple(rules)


def verify(rules: Iterable[Rule]) -> None:
    """Compile every pattern and find every Python check now: PackError names the first bad one."""
    for rule in rules:
        if isinstance(rule, PatternRule) and isinstance(rule.pattern, DeferredPattern):
            rule.pattern.compiled()
        elif isinstance(rule, CheckRule):
            rule.function.resolved()


class Verdicts(Protocol):
    """A memory of pack files that passed `verify`, as they are now, and of what a pack's text
    reads as (see cache.py)."""

    def passed(self, paths: tuple[Path, ...]) -> bool: ...

    def record(self, paths: tuple[Path, ...]) -> None: ...

    def reading(self, text: str) -> dict | None: ...

    def remember_reading(self, text: str, data: dict) -> None: ...


def pack_files(extra: tuple[Path, ...] = ()) -> tuple[Path, ...]:
    return tuple(sorted(RULES_DIR.glob("*.toml"))) + tuple(extra)


def builtin_rules(extra: tuple[Path, ...] = (), verdicts: Verdicts | None = None) -> tuple[Rule, ...]:
    """The packs under rules/ plus any extra pack files, verified unless `verdicts` remembers
    these very files passing (then a run that checks nothing compiles nothing)."""
    paths = pack_files(extra)
    rules = load_packs(paths, verdicts)
    if verdicts is None or not verdicts.passed(paths):
        verify(rules)
        if verdicts is not None:
            verdicts.record(paths)
    return rules
