"""Story metadata and boilerplate recognition: what is kept, what is removed, and where."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from cleanup import corpus, engine
from cleanup.cli import main
from cleanup.document import build
from cleanup.fixes import fix_until_stable
from cleanup.metadata import BOILERPLATE, _LEGAL_HINTS, _NOTE, _OPENING, _block_tests, extract, pieces
from cleanup.packs import builtin_rules

WIRE = (
    "Port volumes rise for eighth month\n\n"
    "By LENA ORTIZ and SAMIR HADDAD, Associated Press\n\n"
    "NINGBO, China, Oct. 28 (AP) — Container volumes rose again in September, the port said.\n\n"
    "The port plans four new berths. (Xinhua)\n\n"
    "Photo: EFE/Ricardo Paz\n\n"
    "Associated Press writer Kim Tran in Shanghai contributed to this report.\n\n"
    "Source: Ningbo Daily\n"
)
BOILERPLATE_RULES = tuple(r for r in builtin_rules() if r.meta.category == "boilerplate")


def test_dateline_and_byline_are_parsed():
    meta = extract(build(WIRE))
    assert meta["dateline"]["place"] == "NINGBO, China"
    assert meta["dateline"]["date"] == "Oct. 28"
    assert meta["dateline"]["agency"] == "AP"
    assert WIRE[meta["dateline"]["start"]:meta["dateline"]["end"]] == "NINGBO, China, Oct. 28 (AP) —"
    assert meta["byline"]["authors"] == ["LENA ORTIZ", "SAMIR HADDAD"]
    assert meta["byline"]["affiliation"] == "Associated Press"


def test_agencies_sources_and_credits_are_collected_in_order():
    meta = extract(build(WIRE))
    assert meta["agencies"] == ["AP", "Associated Press", "Xinhua", "EFE"]
    assert meta["sources"] == ["Ningbo Daily"]
    kinds = [(c["kind"], c["value"]) for c in meta["credits"]]
    assert kinds == [("agency-credit", "Xinhua"), ("photo-credit", "EFE/Ricardo Paz"),
                     ("contributors", "Kim Tran in Shanghai")]
    for credit in meta["credits"]:
        assert WIRE[credit["start"]:credit["end"]] == credit["text"]


def test_story_credits_are_metadata_but_not_boilerplate():
    text = ("Copper climbs\n\nSANTIAGO (Reuters) — Copper rose on Wednesday.\n\n"
            "(Reporting by Ana Ruiz; Editing by Tom Hale)\n\n"
            "Associated Press writer Kim Tran contributed to this report.\n")
    doc = build(text)
    assert [p.kind for p in pieces(doc)] == ["reporting", "contributors"]
    assert engine.run(doc, BOILERPLATE_RULES).findings == ()


def test_a_document_without_wire_furniture_has_empty_metadata():
    meta = extract(build("Talks resume\n\nThe minister said talks would resume.\n"))
    assert meta == {"dateline": None, "byline": None, "agencies": [], "sources": [], "credits": []}


def test_mid_story_bio_sentence_is_not_a_bio():
    paragraphs = ["Hollis is a journalist who covers city hall for the Ledger."] + [f"Paragraph {i}." for i in range(5)]
    doc = build("Subpoena quashed\n\n" + "\n\n".join(paragraphs) + "\n")
    assert [p.kind for p in pieces(doc)] == []


@pytest.mark.parametrize("article", corpus.load("mt"), ids=lambda a: a.path.name)
def test_removing_boilerplate_leaves_no_blank_paragraph_or_trailing_space(article):
    outcome = fix_until_stable(article.text, lambda t: engine.run(build(t), BOILERPLATE_RULES).findings, True)
    assert engine.run(build(outcome.text), BOILERPLATE_RULES).findings == ()
    assert "\n\n\n" not in outcome.text
    assert not any(line != line.rstrip() for line in outcome.text.split("\n"))
    assert outcome.text.endswith("\n") and not outcome.text.endswith("\n\n")


def test_every_boilerplate_kind_has_a_rule():
    assert {r.meta.name for r in BOILERPLATE_RULES} == set(BOILERPLATE)


def test_json_report_carries_metadata_in_source_offsets(tmp_path, capsys):
    path = tmp_path / "wire.txt"
    path.write_text(WIRE, encoding="utf-8")
    assert main(["check", "--format", "json", "--exit-zero", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)
    meta = report["files"][0]["metadata"]
    assert meta == extract(build(WIRE))
    source_line = meta["sources"][0]
    assert source_line == "Ningbo Daily"
    rules = {f["rule"] for f in report["files"][0]["findings"]}
    assert {"BOI001", "BOI002", "BOI003"} <= rules


def test_metadata_survives_the_fix_that_deletes_it(tmp_path, capsys):
    path = tmp_path / "wire.txt"
    path.write_text(WIRE, encoding="utf-8")
    main(["fix", "--unsafe-fixes", "--select", "BOI", "--format", "json", str(path)])
    report = json.loads(capsys.readouterr().out)
    fixed = path.read_text(encoding="utf-8")
    assert "Source:" not in fixed and "Photo:" not in fixed and "(Xinhua)" not in fixed
    assert "contributed to this report" in fixed
    meta = report["files"][0]["metadata"]
    assert meta["sources"] == ["Ningbo Daily"]
    assert WIRE[meta["credits"][1]["start"]:meta["credits"][1]["end"]] == "Photo: EFE/Ricardo Paz"


def _ascii_lowered(text: str) -> str:
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in text)


def _block_tests_oracle(doc) -> list[tuple[int, bool, bool, bool, bool]]:
    """The block tests as Python states them: `str.lower` gives the legal words the same but for `İ`."""
    marked = []
    for index, block in enumerate(doc.blocks):
        start, end = block.span.start, block.span.end
        body, last = doc.text[start:end], doc.text[end - 1]
        tests = (_OPENING.match(body[:4], partial=True) is not None,
                 any(hint in _ascii_lowered(body) for hint in _LEGAL_HINTS + ("unauthorİ",)),
                 last in ")/" or last.isalpha(), _NOTE in body)
        if any(tests):
            marked.append((index, *tests))
    return marked


@settings(max_examples=600)
@given(st.lists(st.sampled_from(["rights reserved", "RIGHTS", "Reserved", "©", "(C)", "(c", "copy", "RIGHT",
                                 "may not be", "MAY", " not ", "Unauthori", "UNAUTHORİ", "İ", "views expressed",
                                 "VIEWS", "a", " ", "\ud800", "É", "\n\n", "\n", ".", ")", "/", "Source: ",
                                 "Photo", "Rel", "Follow", "The ", "(", "By ", "ontribut", "Contribut", "ſ", "K"]),
                max_size=12).map("".join))
def test_block_tests_are_the_tests_python_states(text):
    """The native pass over the blocks against each test as Python states it."""
    doc = build(text)
    assert _block_tests(doc) == _block_tests_oracle(doc)


def test_block_tests_serve_threads_at_once(monkeypatch):
    """The server checks in worker threads: a thread may run the pass while another's asks Python
    whether a head opens a block (a small table makes every head such a question)."""
    import sys
    import threading

    from cleanup import metadata

    texts = [WIRE.replace("Port", f"Port {n}").replace("Source", "Sources" * (n % 2 + 1)) for n in range(40)]
    expected = [pieces(build(text)) for text in texts]
    monkeypatch.setattr(metadata, "_BLOCK_TESTS", metadata.BlockTests(
        _LEGAL_HINTS + ("unauthorİ",), _NOTE, lambda head: _OPENING.match(head, partial=True) is not None, 2))
    failures = []

    def run():
        try:
            for _ in range(5):
                assert [pieces(build(text)) for text in texts] == expected
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=run) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert not failures
