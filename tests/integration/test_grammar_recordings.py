"""The recorded LanguageTool answers in tests/data/lt-*.json are still what the server says.

Unit tests replay these recordings; this test keeps them honest against the real
server. Re-record after a LanguageTool upgrade with
`CLEANUP_RECORD_LT=1 pytest tests/integration/test_grammar_recordings.py`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cleanup.document import build
from cleanup.grammar import client, screen

pytestmark = pytest.mark.integration

RECORDINGS = sorted((Path(__file__).resolve().parent.parent / "data").glob("lt-*.json"))


def essentials(answers: list[dict]) -> list[list[tuple]]:
    return [[(m["rule"]["id"], m["offset"], m["length"]) for m in a["matches"]] for a in answers]


@pytest.mark.parametrize("path", RECORDINGS, ids=lambda p: p.name)
def test_recording_matches_the_server(languagetool_url, path):
    recording = json.loads(path.read_text(encoding="utf-8"))
    doc = build(recording["document"])
    texts = [doc.text[s.start:s.end] for s in screen.pieces(doc)]
    live = [{"text": t, "matches": m}
            for t, m in zip(texts, client.check(languagetool_url, recording["language"], texts))]
    if os.environ.get("CLEANUP_RECORD_LT"):
        recording["answers"] = live
        path.write_text(json.dumps(recording, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert [a["text"] for a in recording["answers"]] == texts
    assert essentials(recording["answers"]) == essentials(live)
