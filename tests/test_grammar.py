"""The grammar layer without a LanguageTool server: recorded answers, refused and failing servers.

Recorded answers (tests/data/lt-*.json) are real ones, checked against the live
server by tests/integration/test_grammar_recordings.py; the live behaviour itself
is tested in tests/integration/test_grammar_languagetool.py.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanup.cli import main
from cleanup.document import build
from cleanup.grammar import client, filters, mapping, screen
from cleanup.grammar.hook import merge
from cleanup.model import CATEGORIES, Finding, Severity, Span

DATA = Path(__file__).resolve().parent / "data"


def recording(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture
def replay(monkeypatch):
    """Answer `client.check` from a recording; a text it does not hold fails the test."""
    def use(name: str, **house) -> tuple:
        rec = recording(name)
        answers = {a["text"]: a["matches"] for a in rec["answers"]}
        monkeypatch.setattr(client, "check", lambda url, language, texts: [answers[t] for t in texts])
        return rec["document"], replace(build(rec["document"]), house=house)
    return use


def texts(doc, findings) -> list[str]:
    return [doc.text[f.span.start:f.span.end] for f in findings]


def test_utf16_offsets_and_lengths_become_code_points(replay):
    _, doc = replay("lt-astral.json")
    kept = screen.screen(doc, "replayed").kept
    assert texts(doc, kept) == ["go", "𝐰𝐨𝐧 𝐰𝐨𝐧", " ,"]
    assert [f.category for f in kept] == ["grammar", "duplicate", "punctuation"]
    repeat = kept[1]
    assert repeat.fix.edits[0].span == repeat.span and repeat.fix.edits[0].replacement == "𝐰𝐨𝐧"


def test_findings_carry_lt_rule_ids_category_notes_and_alternatives(replay):
    _, doc = replay("lt-astral.json")
    verb = screen.screen(doc, "replayed").kept[0]
    assert verb.rule == "LT:HE_VERB_AGR" and verb.severity is Severity.WARNING
    assert verb.notes == (mapping.category_note("GRAMMAR"), "alternative: goes", "alternative: went")
    assert verb.fix.title == "Replace with “goes”" and verb.fix.applicability.value == "unsafe"
    assert mapping.mqm_for(verb) == "Fluency/Grammar"


def test_names_datelines_and_bylines_are_known_words(replay):
    _, doc = replay("lt-names.json")
    screened = screen.screen(doc, "replayed")
    assert len(screened.raw) == 15
    assert texts(doc, screened.kept) == ["Zorbanek"]   # a one-off word opening a sentence


def test_accept_list_and_house_spelling(replay):
    _, doc = replay("lt-names.json", accept=["Zorbanek"])
    assert screen.screen(doc, "replayed").kept == ()
    _, doc = replay("lt-names.json", spelling="us")
    assert texts(doc, screen.screen(doc, "replayed").kept) == ["harbour", "colours", "Zorbanek"]


def test_news_style_drops_with_reasons_and_conditions(replay):
    _, doc = replay("lt-news-style.json")
    screened = screen.screen(doc, "replayed")
    raw = {f.rule for f in screened.raw}
    assert {"LT:EN_UNPAIRED_QUOTES", "LT:ENGLISH_WORD_REPEAT_BEGINNING_RULE", "LT:EN_SPECIFIC_CASE"} <= raw
    assert [(f.rule, doc.text[f.span.start:f.span.end]) for f in screened.kept] == [
        ("LT:EN_SPECIFIC_CASE", "brent crude"), ("LT:HE_VERB_AGR", "go"),
        ("LT:COMMA_PARENTHESIS_WHITESPACE", " ,")]
    kept = screen.screen(doc, "replayed", keep={"LT:EN_UNPAIRED_QUOTES"}).kept
    assert "LT:EN_UNPAIRED_QUOTES" in {f.rule for f in kept}


def test_news_style_file_gives_every_drop_a_reason():
    entries = filters.news_style()
    assert "EN_UNPAIRED_QUOTES" in entries
    assert all(len(e.reason) > 40 for e in entries.values())


def test_a_malformed_news_style_file_is_named(tmp_path):
    bad = tmp_path / "languagetool.toml"
    bad.write_text('[[languagetool.drop]]\nid = "X"\nwhen = "sometimes"\nreason = "r"\n')
    with pytest.raises(filters.NewsStyleError, match=r"languagetool.toml: drop X: unknown condition"):
        filters.news_style(bad)


def test_known_words_from_the_document_itself():
    doc = build("Harbour Talks\n\nPORTVALE (AP) — Officials met Ilse Varga-Moor in Kestrowe. "
                "Nobody came. Zorbanek left. Dravinek Oltan spoke.\n")
    known = filters.KnownWords(doc)
    word = lambda w: Span(doc.text.index(w), doc.text.index(w) + len(w))  # noqa: E731
    assert known.covers(word("Kestrowe")) and known.covers(word("Varga-Moor"))
    assert known.covers(word("Dravinek")) and known.covers(word("PORTVALE"))
    assert not known.covers(word("Zorbanek"))


def test_headline_capitals_prove_nothing():
    doc = build("Goverment Falls\n\nThe cabinet resigned on Monday.\n")
    assert not filters.KnownWords(doc).covers(Span(0, 9))


def test_mapping_table_uses_our_categories():
    rows = [*mapping.BY_CATEGORY.values(), *mapping.BY_RULE.values()]
    assert {row.category for row in rows} <= set(CATEGORIES)
    assert mapping.markdown_table().count("\n") == len(rows) + 2


def test_our_untranslated_finding_absorbs_a_languagetool_misspelling():
    ours = Finding("UNT001", "untranslated", Severity.WARNING, "Untranslated word", Span(10, 15))
    theirs = Finding("LT:MORFOLOGIK_RULE_EN_US", "spelling", Severity.WARNING, "Spelling", Span(10, 15))
    (merged,) = merge((ours,), [theirs])
    assert merged.rule == "UNT001" and merged.notes == ("also found by LanguageTool: LT:MORFOLOGIK_RULE_EN_US",)


@given(st.text(alphabet="ab .😀\n", max_size=60), st.integers(min_value=4, max_value=12))
def test_split_pieces_fit_the_limit_and_lose_only_whitespace(text, limit):
    span = Span(0, len(text))
    pieces = client.split(text, span, limit)
    assert all(client.utf16_len(text[p.start:p.end]) <= limit for p in pieces)
    assert all(a.end <= b.start for a, b in zip(pieces, pieces[1:]))
    covered = "".join(text[p.start:p.end] for p in pieces)
    assert covered.replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


# --- Servers that cannot be used --------------------------------------------------------------

def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def story(tmp_path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text("Talks resume\n\nHe go to school every day , officials said.\n", encoding="utf-8")
    return path


def test_grammar_with_no_server_exits_2_saying_how_to_start_one(story, capsys):
    code = main(["check", "--grammar", "--languagetool-url", f"http://127.0.0.1:{closed_port()}", str(story)])
    out, err = capsys.readouterr()
    assert code == 2
    assert f"{story}: LanguageTool is not reachable" in err and "Connection refused" in err
    assert "cleanup languagetool start" in err and "python -m cleanup.grammar.server start" in err
    assert "PUN002" not in out   # no partial report that could pass for a checked file


def probe(story: Path, *flags: str) -> str:
    """A fresh interpreter where any connection or child process ends the run with 97."""
    return (
        "import os, socket, subprocess, sys\n"
        "def refuse(*a, **k): os._exit(97)\n"
        "socket.socket.connect = socket.create_connection = subprocess.Popen.__init__ = refuse\n"
        "from cleanup.cli import main\n"
        f"code = main(['check', *{list(flags)!r}, {str(story)!r}])\n"
        "assert 'language_tool_python' not in sys.modules\n"
        "sys.exit(code)\n"
    )


def test_without_grammar_nothing_touches_java_or_the_network(story, tmp_path):
    env = {"CLEANUP_LANGUAGETOOL_URL": f"http://127.0.0.1:{closed_port()}", "PATH": "/usr/bin:/bin"}
    run = lambda *flags: subprocess.run([sys.executable, "-c", probe(story, *flags)],  # noqa: E731
                                        capture_output=True, text=True, env=env, cwd=tmp_path)
    done = run()
    assert done.returncode == 1, done.stderr   # our own findings, no grammar ones
    assert "PUN002" in done.stdout and "LT:" not in done.stdout
    assert run("--grammar").returncode == 97   # the probe does catch a connection


def test_grammar_key_in_configuration_turns_it_on(story, tmp_path, capsys, monkeypatch):
    (tmp_path / "cleanup.toml").write_text(f'grammar = true\nlanguagetool-url = "http://127.0.0.1:{closed_port()}"\n')
    monkeypatch.delenv(client.URL_ENV, raising=False)
    assert main(["check", str(story)]) == 2
    assert "LanguageTool is not reachable" in capsys.readouterr().err
    assert main(["check", "--no-grammar", str(story)]) == 1


class _Broken(BaseHTTPRequestHandler):
    """Knows its languages, then fails every check: an error page or no answer in time."""

    def do_GET(self):
        body = json.dumps([{"name": "English (US)", "code": "en", "longCode": "en-US"}]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        if self.server.slow:
            time.sleep(2)
            return
        body = b"Error: internal error"
        self.send_response(500)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(params=[False, True], ids=["error-page", "timeout"])
def broken_server(request, monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Broken)
    server.slow = request.param
    server.daemon_threads = True
    monkeypatch.setattr(client, "TIMEOUT", 0.5)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", request.param
    server.shutdown()
    server.server_close()


def test_a_server_that_fails_mid_run_ends_the_run_with_exit_2(story, capsys, broken_server):
    url, slow = broken_server
    second = story.with_name("second.txt")
    second.write_text("Another story\n\nThe ministry said it would respond.\n", encoding="utf-8")
    assert main(["check", "--grammar", "--languagetool-url", url, str(story), str(second)]) == 2
    err = capsys.readouterr().err
    assert f"{story}: LanguageTool at {url} failed" in err
    assert ("no answer within 0.5 s" in err) if slow else ("internal error" in err)
    assert f"{second}: LanguageTool at {url} failed" in err     # told at once, not after another wait


def test_languagetool_subcommand_reports_a_silent_port(capsys, tmp_path):
    assert main(["languagetool", "status", "--port", str(closed_port()), "--cache-dir", str(tmp_path)]) == 2
    assert "not answering" in capsys.readouterr().err
