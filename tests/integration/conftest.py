"""The LanguageTool server the integration tests talk to: started outside, named in the environment.

CI starts it (`python -m cleanup.grammar.server start`) and sets CLEANUP_LANGUAGETOOL_URL;
without that variable these tests skip, and only then.
"""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session")
def languagetool_url() -> str:
    url = os.environ.get("CLEANUP_LANGUAGETOOL_URL")
    if not url:
        pytest.skip("CLEANUP_LANGUAGETOOL_URL not set: start a server with "
                    "`python -m cleanup.grammar.server start` and point it there")
    return url
