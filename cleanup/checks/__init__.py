"""Rules that data cannot express, registered by name for the packs to reference.

A pack entry says `check = "quotes.unbalanced"`; its metadata and examples stay in the
pack like any other rule, so one test covers Python checks and patterns alike.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable

from ..document import Document
from ..model import Finding, RuleMeta

# A check gets the document, its own metadata and its pack's word lists.
CheckFunction = Callable[[Document, RuleMeta, dict[str, list[str]]], Iterable[Finding]]
CHECKS: dict[str, CheckFunction] = {}


def register(name: str) -> Callable[[CheckFunction], CheckFunction]:
    def add(function: CheckFunction) -> CheckFunction:
        CHECKS[name] = function
        return function
    return add


def load_all() -> dict[str, CheckFunction]:
    """Import every module of this package so its `@register` calls run; a new module needs no list."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return CHECKS
