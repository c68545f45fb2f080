"""Rules that data cannot express, registered by name for the packs to reference.

A pack entry says `check = "quotes.unbalanced"`; its metadata and examples stay in the
pack like any other rule, so one test covers Python checks and patterns alike.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from functools import cache

from ..document import Document
from ..literals import LiteralSet
from ..model import Finding, RuleMeta


class Lists(dict):
    """A pack's word lists as its TOML gives them, and each list as a set, built once.

    Checks look words up on every document, so a list's set is made on first use and
    kept. One pack's lists are one object for the life of the process, and are equal and
    hashed by that identity, so an analysis that depends on them can be a key of
    `Document.derived`.

    >>> lists = Lists({"titles": ["Bakanı", "Valisi"]})
    >>> lists.words("titles") is lists.words("titles"), sorted(lists.words("titles", lower=True))
    (True, ['bakanı', 'valisi'])
    >>> lists.words("none")
    frozenset()
    """

    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._sets: dict[tuple[str, bool], frozenset[str]] = {}

    def words(self, name: str, lower: bool = False) -> frozenset[str]:
        found = self._sets.get((name, lower))
        if found is None:
            found = self._sets[name, lower] = frozenset(w.lower() if lower else w for w in self.get(name, ()))
        return found


# A check gets the document, its own metadata and its pack's word lists.
CheckFunction = Callable[[Document, RuleMeta, Lists], Iterable[Finding]]
CHECKS: dict[str, CheckFunction] = {}
# The literals a rule's check finds nothing without, from its pack's lists and metadata,
# for the checks that name them: the engine calls such a rule only on a document that
# holds one, answered for every rule at once by the document's literal search.
Triggers = Callable[[Lists, RuleMeta], LiteralSet]
TRIGGERS: dict[str, Triggers] = {}


def register(name: str, triggers: Triggers | None = None) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under `name`, with the literals it needs if it can name them.

    `triggers` must be exact: a document holding none of them gets no finding from the
    check (tests/test_check_triggers.py holds each check to that).
    """
    def add(function: CheckFunction) -> CheckFunction:
        CHECKS[name] = function
        if triggers is not None:
            TRIGGERS[name] = triggers
        return function
    return add


def load_all() -> dict[str, CheckFunction]:
    """Import every module of this package so its `@register` calls run; a new module needs no list.

    Asked by every check rule for its triggers when the engine first plans a run: the
    package is listed once.
    """
    _import_all()
    return CHECKS


@cache
def _import_all() -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
