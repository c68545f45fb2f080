"""`--grammar` against a real LanguageTool server: spans, names, news style, the CLI end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from cleanup.document import build
from cleanup.grammar import client, screen

pytestmark = pytest.mark.integration

AGREEMENT = "He go to the harbour every morning, the ferry captain said."


def check(url: str, text: str, **house) -> screen.Screened:
    return screen.screen(replace(build(text), house=house), url)


def spans(doc_text: str, findings, rule: str | None = None) -> list[str]:
    return [doc_text[f.span.start:f.span.end] for f in findings if rule is None or f.rule == rule]


def test_agreement_error_is_a_grammar_finding_on_the_verb(languagetool_url):
    kept = check(languagetool_url, AGREEMENT).kept
    grammar = [f for f in kept if f.category == "grammar"]
    assert [AGREEMENT[f.span.start:f.span.end] for f in grammar] == ["go"]
    assert grammar[0].rule.startswith("LT:")
    assert grammar[0].fix.edits[0].replacement == "goes"
    assert grammar[0].fix.applicability.value == "unsafe"


@pytest.mark.parametrize("before", ["🎉🎉 ", "𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠: ", "Emoji 😀 and a rare 𠀋 ideograph. "])
def test_astral_characters_before_the_error_leave_the_span_right(languagetool_url, before):
    text = before + AGREEMENT
    kept = check(languagetool_url, text).kept
    assert "go" in spans(text, kept)
    verb = next(f for f in kept if f.category == "grammar")
    assert verb.span.start == text.index(" go ") + 1


def test_a_match_made_of_astral_characters_has_its_length_converted(languagetool_url):
    text = "The team 𝐰𝐨𝐧 𝐰𝐨𝐧 on Sunday."
    kept = check(languagetool_url, text).kept
    assert "𝐰𝐨𝐧 𝐰𝐨𝐧" in spans(text, kept)


def test_paragraphs_after_astral_ones_keep_document_offsets(languagetool_url):
    text = "Crowds 🎉 gather\n\nFans 🎉🎉 waited. 😀\n\n" + AGREEMENT + "\n"
    kept = check(languagetool_url, text).kept
    assert spans(text, kept) == ["go"]


def test_names_repeated_in_a_document_are_not_misspellings(languagetool_url):
    text = ("Tomasz Dravinek won the seat on Sunday. Dravinek, 52, thanked voters in Portvale.\n\n"
            "Dravinek said the count in Kestrowe was fair.\n")
    screened = check(languagetool_url, text)
    flagged = spans(text, screened.raw)
    assert "Dravinek" in flagged and "Kestrowe" in flagged   # LanguageTool does call them misspellings
    assert not [f for f in screened.kept if f.category == "spelling"]


def test_an_unknown_word_opening_a_sentence_once_is_still_reported(languagetool_url):
    text = "Officials met on Sunday.\n\nZorbanek the council said the count was fair.\n"
    assert spans(text, check(languagetool_url, text).kept) == ["Zorbanek"]


def test_accept_list_silences_a_word(languagetool_url):
    text = "Officials met on Sunday.\n\nZorbanek the council said the count was fair.\n"
    assert check(languagetool_url, text, accept=["Zorbanek"]).kept == ()


def test_other_varieties_pass_unless_the_house_chose_one(languagetool_url):
    text = "The harbour was painted in new colours, officials said.\n"
    assert check(languagetool_url, text).kept == ()
    assert spans(text, check(languagetool_url, text, spelling="us").kept) == ["harbour", "colours"]
    assert check(languagetool_url, text, spelling="uk").kept == ()


def test_long_paragraphs_are_sent_in_pieces_with_offsets_kept(languagetool_url, monkeypatch):
    text = "Talks resumed on Sunday in the capital after a long pause. " * 3 + AGREEMENT
    monkeypatch.setattr(client, "MAX_UNITS", 80)
    doc = build(text)
    assert len(screen.pieces(doc)) == 4
    assert spans(text, screen.screen(doc, languagetool_url).kept) == ["go"]


def test_answers_are_cached_per_paragraph(languagetool_url, monkeypatch):
    text = "Officials met on Sunday.\n\n" + AGREEMENT + "\n"
    first = check(languagetool_url, text)
    sent = []
    tool = client._tool(languagetool_url, "en-US")
    monkeypatch.setattr(tool, "raw_check", lambda t: sent.append(t) or [])
    again = check(languagetool_url, text + "\nA new paragraph arrived.\n")
    assert sent == ["A new paragraph arrived."]
    assert again.kept == first.kept


def run_cli(tmp_path: Path, url: str, text: str, *argv: str, config: str = "") -> subprocess.CompletedProcess:
    story = tmp_path / "story.txt"
    story.write_text(text, encoding="utf-8")
    if config:
        (tmp_path / "cleanup.toml").write_text(config, encoding="utf-8")
    env = {**os.environ, "CLEANUP_LANGUAGETOOL_URL": url}
    return subprocess.run([sys.executable, "-m", "cleanup", "check", "--format", "json", *argv, str(story)],
                          capture_output=True, text=True, env=env, cwd=tmp_path)


def findings(done: subprocess.CompletedProcess) -> list[dict]:
    return json.loads(done.stdout)["files"][0]["findings"]


def test_check_grammar_end_to_end(tmp_path, languagetool_url):
    text = "Harbour talks resume\n\n😀 " + AGREEMENT.replace("morning,", "morning ,") + "\n"
    done = run_cli(tmp_path, languagetool_url, text, "--grammar")
    assert done.returncode == 1, done.stderr
    by_rule = {f["rule"]: f for f in findings(done)}
    verb = next(f for f in by_rule.values() if f["category"] == "grammar")
    assert verb["rule"].startswith("LT:") and text[verb["start"]:verb["end"]] == "go"
    assert verb["fix"]["applicability"] == "unsafe"
    assert "alternative: goes" in verb["notes"]
    # Our space-before-comma rule and LanguageTool's agree: ours is reported, with theirs noted.
    assert "LT:COMMA_PARENTHESIS_WHITESPACE" not in by_rule
    assert "also found by LanguageTool: LT:COMMA_PARENTHESIS_WHITESPACE" in by_rule["PUN002"]["notes"]


def test_configuration_turns_grammar_on_and_selectors_reach_languagetool(tmp_path, languagetool_url):
    text = "Talks resume\n\n" + AGREEMENT + "\n"
    on = run_cli(tmp_path, languagetool_url, text, config="grammar = true\n")
    assert any(f["rule"].startswith("LT:") for f in findings(on))
    verb_rule = next(f["rule"] for f in findings(on) if f["category"] == "grammar")
    off = run_cli(tmp_path, languagetool_url, text, config=f'grammar = true\nignore = ["{verb_rule}"]\n')
    assert not any(f["rule"] == verb_rule for f in findings(off))
    assert not any(f["rule"].startswith("LT:") for f in findings(run_cli(tmp_path, languagetool_url, text,
                                                                          "--no-grammar")))


def test_news_style_drops_can_be_overridden(tmp_path, languagetool_url):
    text = ("Council backs budget\n\n“We will not raise taxes,” the mayor said. “The city has reserves.\n\n"
            "“Nobody should pay more,” she said.\n")
    default = run_cli(tmp_path, languagetool_url, text, "--grammar", "--select", "quotes")
    assert not any(f["rule"] == "LT:EN_UNPAIRED_QUOTES" for f in findings(default))
    kept = run_cli(tmp_path, languagetool_url, text, "--grammar", "--select", "quotes",
                   "--extend-select", "LT:EN_UNPAIRED_QUOTES")
    assert any(f["rule"] == "LT:EN_UNPAIRED_QUOTES" for f in findings(kept))
