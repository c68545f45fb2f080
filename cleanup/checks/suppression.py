"""SUP001, unused suppression: a rule whose findings come from the pipeline, not from here.

Only the suppression filter (cleanup/suppression.py) knows what each directive
silenced, so it reports SUP001 there; this entry gives SUP001 its metadata, selection
and severity like any other rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..model import Finding, RuleMeta
from . import register


@register("suppression.unused")
def unused(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    return iter(())
