"""Text that is not part of the story: each boilerplate rule reports the pieces of its kind.

Recognition lives in `cleanup.metadata`, shared with the JSON report's metadata object,
so what a fix deletes is exactly what the metadata keeps. A rule's name is the kind of
piece it reports. The seven rules run one after another on the same document, so the
pieces of the last document are kept (by identity, weakly) instead of found seven times.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator

from ..document import Document
from ..metadata import Piece, pieces
from ..model import Applicability, Edit, Finding, Fix, RuleMeta
from . import register

_last: tuple[weakref.ref, tuple[Piece, ...]] | None = None


def _pieces(doc: Document) -> tuple[Piece, ...]:
    global _last
    last = _last
    if last is not None and last[0]() is doc:
        return last[1]
    found = pieces(doc)
    _last = (weakref.ref(doc), found)
    return found


@register("boilerplate.piece")
def piece(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    for found in _pieces(doc):
        if found.kind != meta.name or doc.blocks[doc.block_index(found.span.start)].scope not in meta.scopes:
            continue
        text = doc.text[found.span.start:found.span.end]
        fix = Fix("Delete it", (Edit(found.removal, ""),), Applicability.UNSAFE)
        yield meta.finding(found.span, fix, meta.message.format(text=text, value=found.value))
