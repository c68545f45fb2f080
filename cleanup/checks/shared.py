"""An analysis that two rules of one pack share, computed once per document.

The engine runs a document's rules one after another, so remembering the last document
is enough for a pair of rules (verbatim and near repeats; foreign phrases and words) to
pay for one pass. The entry is replaced whole, so threads never see a half-written one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from ..document import Document

T = TypeVar("T")


class PerDocument(Generic[T]):
    """Remembers the analysis of the last document seen, keyed by identity and `key`.

    >>> from cleanup.document import build
    >>> memo, calls = PerDocument(), []
    >>> doc = build("Text.")
    >>> [memo.get(doc, "k", lambda: calls.append(1) or len(calls)) for _ in range(2)], calls
    ([1, 1], [1])
    """

    def __init__(self) -> None:
        self._entry: tuple[Document, Hashable, T] | None = None

    def get(self, doc: Document, key: Hashable, compute: Callable[[], T]) -> T:
        entry = self._entry
        if entry is None or entry[0] is not doc or entry[1] != key:
            entry = (doc, key, compute())
            self._entry = entry
        return entry[2]
