"""Checks that a running LanguageTool server finds what grammar checks rely on.

The server is started outside the tests (``python -m cleanup.grammar.server
start``) and handed over in CLEANUP_LANGUAGETOOL_URL, so the suite never
downloads or launches Java itself.
"""

import os

import pytest

pytestmark = pytest.mark.integration

SENTENCE = "He go to school every day."


@pytest.fixture(scope="module")
def languagetool_url():
    url = os.environ.get("CLEANUP_LANGUAGETOOL_URL")
    if not url:
        pytest.skip("CLEANUP_LANGUAGETOOL_URL not set: start a server with "
                    "`python -m cleanup.grammar.server start` and point it there")
    return url


@pytest.fixture(scope="module")
def tool(languagetool_url):
    # Imported here so a missing package fails loudly only when a server is given.
    import language_tool_python

    lt = language_tool_python.LanguageTool("en-US", remote_server=languagetool_url)
    yield lt
    lt.close()


def test_agreement_error_is_found_at_the_verb(tool):
    matches = tool.check(SENTENCE)
    at_verb = [m for m in matches if (m.offset, m.error_length) == (3, 2)]
    assert at_verb, f"no match on 'go' in {SENTENCE!r}: {matches}"
    match = at_verb[0]
    assert SENTENCE[match.offset:match.offset + match.error_length] == "go"
    assert match.category == "GRAMMAR"
    assert "goes" in match.replacements


def test_correct_sentence_has_no_matches(tool):
    assert tool.check("He goes to school every day.") == []
