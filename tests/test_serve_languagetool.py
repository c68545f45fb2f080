"""An unmodified LanguageTool client against a real `cleanup serve`.

language-tool-python's `remote_server` stands for every editor that speaks the
protocol (LibreOffice, browser add-ons, LTeX): if it finds our findings at the right
places and `.correct()` applies our fixes, so will they.
"""

import json
import os

import httpx
import language_tool_python
import pytest

from cleanup.server.launch import ServeProcess

from .conftest import check_text

# Emoji are astral characters: two UTF-16 units each, one code point in Python.
TEXT = "Crowds cheered 🎉🎉 as the mayor opened the bridge , officials said.The ceremony lasted an hour."
CORRECTED = "Crowds cheered 🎉🎉 as the mayor opened the bridge, officials said. The ceremony lasted an hour."


@pytest.fixture(scope="module")
def server():
    with ServeProcess() as running:
        yield running


@pytest.fixture(scope="module")
def tool(server):
    lt = language_tool_python.LanguageTool("en-US", remote_server=server.url)
    yield lt
    lt.close()


def lt_check(server, **params) -> httpx.Response:
    return server.client.post(server.url + "v2/check", data={"language": "en-US", **params})


def test_client_sees_our_findings_at_the_right_places(tool, rules):
    matches = tool.check(TEXT)
    expected = check_text(TEXT, rules)
    assert sorted(m.rule_id for m in matches) == sorted(f.rule for f in expected)
    assert expected, "the sample must contain artefacts"
    for finding in expected:
        match = next(m for m in matches if m.rule_id == finding.rule)
        # The client turns UTF-16 offsets back into code points; the match must cover the finding.
        assert match.offset <= finding.span.start and finding.span.end <= match.offset + match.error_length
    space = next(m for m in matches if m.rule_id == "PUN002")
    assert TEXT[space.offset:space.offset + space.error_length] == " ,"
    assert space.replacements == [","]
    assert space.category == "PUNCTUATION" and space.rule_issue_type == "typographical"
    assert space.message and space.sentence.startswith("Crowds cheered")


def test_correct_applies_our_fixes(tool):
    assert tool.correct(TEXT) == CORRECTED
    assert tool.check(CORRECTED) == []


def utf16_slice(text: str, offset: int, length: int) -> str:
    return text.encode("utf-16-le")[2 * offset:2 * (offset + length)].decode("utf-16-le")


def test_offsets_count_utf16_units(server):
    matches = lt_check(server, text=TEXT).json()["matches"]
    flagged = {m["rule"]["id"]: utf16_slice(TEXT, m["offset"], m["length"]) for m in matches}
    assert flagged == {"PUN002": " ,", "PUN003": "."}
    for m in matches:
        context = m["context"]
        assert utf16_slice(context["text"], context["offset"], context["length"]) == flagged[m["rule"]["id"]]


def test_get_and_post_agree(server):
    by_get = server.client.get(server.url + "v2/check", params={"language": "en-US", "text": TEXT}).json()["matches"]
    assert by_get and by_get == lt_check(server, text=TEXT).json()["matches"]


def test_client_rule_switches_are_honoured(tool):
    tool.disabled_rules = {"PUN002"}
    try:
        assert [m.rule_id for m in tool.check(TEXT)] == ["PUN003"]
    finally:
        tool.disabled_rules = set()
    tool.enabled_categories = {"QUOTES"}
    tool.enabled_rules_only = True
    try:
        assert tool.check(TEXT) == []
    finally:
        tool.enabled_categories, tool.enabled_rules_only = set(), False


def test_annotated_data_is_checked_without_its_markup(server):
    items = [{"text": "Prices rose "}, {"markup": "<em>"}, {"text": "sharply , analysts said,,"},
             {"markup": "</em>"}, {"text": " and the index fell."},
             {"markup": "<p>", "interpretAs": "\n\n"}, {"text": "Trading resumes on Monday."}]
    whole = "".join(i.get("text", i.get("markup")) for i in items)
    body = lt_check(server, data=json.dumps({"annotation": items})).json()
    found = {m["rule"]["id"]: (whole[m["offset"]:m["offset"] + m["length"]], [r["value"] for r in m["replacements"]])
             for m in body["matches"]}
    # The doubled comma ends where the markup begins: the suggestion stops short of the tag.
    assert found == {"PUN002": (" ,", [","]), "PUN005": (",,", [","])}


def test_half_a_character_is_refused_in_text_and_in_markup_read_as_text(server):
    for items in ([{"text": "Prices rose \udc00 sharply."}],
                  [{"text": "Prices rose."}, {"markup": "<br>", "interpretAs": "\ud83d"}]):
        response = lt_check(server, data=json.dumps({"annotation": items}))
        assert response.status_code == 400 and "lone surrogate" in response.text


def test_languages_and_unsupported_language(server, tool):
    languages = server.client.get(server.url + "v2/languages").json()
    assert {"name": "English (US)", "code": "en", "longCode": "en-US"} in languages
    auto = lt_check(server, text=TEXT, language="auto", preferredVariants="en-GB").json()
    assert auto["language"]["code"] == "en-GB"
    refused = lt_check(server, text=TEXT, language="de-DE")
    assert refused.status_code == 400
    assert "English only" in refused.json()["error"]["message"]
    assert lt_check(server, language="en-US").status_code == 400   # neither text nor data


@pytest.mark.integration
def test_same_shape_and_offsets_as_a_real_languagetool(server):
    """Side by side with LanguageTool itself, where one runs (CLEANUP_LANGUAGETOOL_URL)."""
    url = os.environ.get("CLEANUP_LANGUAGETOOL_URL")
    if not url:
        pytest.skip("CLEANUP_LANGUAGETOOL_URL not set: start one with `python -m cleanup.grammar.server start`")
    text = "The mayor 🎉 opened the bridge , officials said.\n\nTraffic resumes 🚋 on Monday."
    theirs = server.client.post(url.rstrip("/") + "/v2/check", data={"language": "en-US", "text": text}).json()
    ours = lt_check(server, text=text).json()
    assert set(theirs) <= set(ours)
    for key in ("software", "warnings", "language"):
        assert set(theirs[key]) - {"premiumHint"} <= set(ours[key])
    assert ours["sentenceRanges"] == theirs["sentenceRanges"]
    comma = next(m for m in theirs["matches"] if m["rule"]["id"] == "COMMA_PARENTHESIS_WHITESPACE")
    ours_comma = next(m for m in ours["matches"] if m["rule"]["id"] == "PUN002")
    assert set(comma) <= set(ours_comma)
    assert set(comma["rule"]) - {"subId", "sourceFile", "urls"} <= set(ours_comma["rule"])
    for key in ("context", "type"):
        assert set(comma[key]) <= set(ours_comma[key])
    # The same mistake, found at the same UTF-16 place, with the same suggestion.
    assert [(m["offset"], m["length"], m["replacements"], m["context"], m["sentence"]) for m in (comma, ours_comma)] \
        == [(comma["offset"], comma["length"], comma["replacements"], comma["context"], comma["sentence"])] * 2
