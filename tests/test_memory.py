"""What keeps a big file's check within memory: analyses that do not outlive their use."""

from __future__ import annotations

import gc
import weakref

from cleanup import literals
from cleanup.document import build
from cleanup.literals import LiteralSet


def test_a_superseded_literal_search_leaves_the_document_memo():
    doc = build("Officials said the bridge would reopen in spring.")
    assert LiteralSet(["the bridge"]).starts(doc) == [(15, "the bridge")]
    replaced = weakref.ref(literals._INDEX.search())
    later = LiteralSet(["bridge would reop"])   # a literal no set had: the search is rebuilt
    assert later.starts(doc) == [(19, "bridge would reop")]
    assert LiteralSet(["the bridge"]).found_in(doc)
    gc.collect()
    assert replaced() is None   # neither its automaton nor its hits are kept
