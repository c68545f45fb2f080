"""Rules that data cannot express, registered by name for the packs to reference.

A pack entry says `check = "quotes.unbalanced"`; its metadata and examples stay in the
pack like any other rule, so one test covers Python checks and patterns alike.
"""

from __future__ import annotations

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
    """Import every check module so its `@register` runs."""
    from . import attribution, quotes, style  # noqa: F401
    from .. import suppression  # noqa: F401  (SUP001's entry; reported by the pipeline)
    return CHECKS
