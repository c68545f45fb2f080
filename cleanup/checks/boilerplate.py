"""Text that is not part of the story: each boilerplate rule reports the pieces of its kind.

Recognition lives in `cleanup.metadata`, shared with the JSON report's metadata object,
so what a fix deletes is exactly what the metadata keeps. A rule's name is the kind of
piece it reports. The seven rules read the same pieces, found once per document.
"""

from __future__ import annotations

from ..document import Document
from ..metadata import pieces
from ..model import Applicability, Edit, Finding, Fix, RuleMeta
from . import register


@register("boilerplate.piece")
def piece(doc: Document, meta: RuleMeta, lists) -> list[Finding]:
    # A list, not a generator: seven rules ask every document, and most have no piece.
    findings = []
    for found in doc.derived(pieces):
        if found.kind == meta.name and doc.blocks[doc.block_index(found.span.start)].scope in meta.scopes:
            text = doc.text[found.span.start:found.span.end]
            fix = Fix("Delete it", (Edit(found.removal, ""),), Applicability.UNSAFE)
            findings.append(meta.finding(found.span, fix, meta.message.format(text=text, value=found.value)))
    return findings
