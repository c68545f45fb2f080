"""`cleanup serve --grammar` against a real LanguageTool: its matches join ours, offsets in UTF-16."""

from __future__ import annotations

import httpx
import language_tool_python
import pytest

from cleanup.server.launch import ServeProcess

pytestmark = pytest.mark.integration

TEXT = "😀 He go to the market every day , the mayor said."


def test_grammar_findings_reach_both_apis(languagetool_url):
    with ServeProcess("--grammar", "--languagetool-url", languagetool_url) as server:
        native = httpx.post(f"{server.url}api/v1/check", json={"text": TEXT}, timeout=60).json()
        found = {(f["rule"], TEXT[f["start"]:f["end"]]) for f in native["files"][0]["findings"]}
        assert ("PUN002", " ") in found
        assert any(rule.startswith("LT:") and word == "go" for rule, word in found)
        # An unmodified LanguageTool client sees LanguageTool's own rule id; the client turns our
        # UTF-16 offsets back into code points, so the emoji before the verb must not shift it.
        tool = language_tool_python.LanguageTool("en-US", remote_server=server.url.rstrip("/"))
        try:
            matches = tool.check(TEXT)
        finally:
            tool.close()
        verb = next(m for m in matches if m.rule_id == "HE_VERB_AGR")
        assert TEXT[verb.offset:verb.offset + verb.error_length] == "go"
