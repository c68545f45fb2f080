"""Scores on the corpora: textstat's own figures, MQM arithmetic, MT below clean, fixes help.

Everything goes through the command line (`cleanup score --format json`), as a
pipeline would call it; expected readability comes from textstat's public functions
applied to the same prose (for plain text, the file as read).
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import warnings
from pathlib import Path

import pytest
import textstat

from cleanup.cli import main
from cleanup.corpus import CORPORA
from cleanup.model import Finding, Severity, Span
from cleanup.packs import builtin_rules
from cleanup.scores.quality import DEFAULT_WEIGHTS, MqmModel, quality
from cleanup.scores.readability import METRICS

CLEAN = sorted((CORPORA / "clean").glob("*.txt"))
MT = sorted((CORPORA / "mt").glob("*.txt"))
TOLERANCE = 1e-9


def score_json(capsys, *argv: str) -> dict[str, dict]:
    code = main(["score", "--format", "json", *argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    return {f["path"]: f for f in json.loads(out)["files"]}


@pytest.fixture(scope="module")
def corpus_report() -> dict[str, dict]:
    """One run of `cleanup score` over both corpora (module scope, so no capsys)."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(["score", "--format", "json", str(CORPORA / "clean"), str(CORPORA / "mt")])
    assert code == 0
    return {f["path"]: f for f in json.loads(buffer.getvalue())["files"]}


def expected_readability(text: str) -> dict[str, float]:
    expected = {name: getattr(textstat, name)(text) for name in METRICS if name != "avg_sentence_length"}
    with warnings.catch_warnings():  # textstat deprecates the name but still ships it
        warnings.simplefilter("ignore", DeprecationWarning)
        expected["avg_sentence_length"] = textstat.avg_sentence_length(text)
    return expected


def assert_figures_equal(got: dict, want: dict) -> None:
    assert set(got) == set(want)
    for name, value in want.items():
        assert got[name] == pytest.approx(value, abs=TOLERANCE, rel=0), name


def test_corpora_are_there():
    assert len(CLEAN) >= 10
    assert len(MT) >= 15, f"corpora/mt has {len(MT)} articles; the comparison needs at least 15"


@pytest.mark.parametrize("path", CLEAN + MT, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_readability_equals_textstat_on_the_prose(corpus_report, path):
    text = path.read_text(encoding="utf-8")
    entry = corpus_report[str(path)]["scores"]
    assert_figures_equal(entry["readability"], expected_readability(text))
    paragraphs = entry["paragraphs"]
    assert paragraphs and [p["line"] for p in paragraphs] == sorted(p["line"] for p in paragraphs)
    for paragraph in paragraphs:
        prose = text[paragraph["start"]:paragraph["end"]]
        assert prose == prose.strip() and "\n\n" not in prose
        assert_figures_equal(paragraph["readability"], expected_readability(prose))


@pytest.mark.parametrize("path", CLEAN + MT, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_quality_is_the_mqm_sum_of_the_reported_findings(corpus_report, path):
    entry = corpus_report[str(path)]
    q = entry["scores"]["quality"]
    mqm_severity = {"info": "neutral", "warning": "minor", "error": "major"}
    penalty = sum(DEFAULT_WEIGHTS[mqm_severity[f["severity"]]] for f in entry["findings"])
    words = entry["scores"]["readability"]["lexicon_count"]
    assert q["words"] == words
    assert q["absolute_penalty"] == penalty
    assert q["normed_penalty"] == pytest.approx(penalty * 1000 / words, abs=TOLERANCE)
    assert q["score"] == pytest.approx(max(0, 100 - penalty * 1000 / words), abs=TOLERANCE)
    assert sum(t["count"] for t in q["by_type"].values()) == len(entry["findings"])
    types = {rule.meta.id: rule.meta.mqm for rule in builtin_rules()}
    for finding in entry["findings"]:
        assert finding["mqm"] == types[finding["rule"]]
        assert finding["mqm"] in q["by_type"]


def test_mt_articles_score_below_every_clean_article(corpus_report):
    clean = [corpus_report[str(p)]["scores"]["quality"]["score"] for p in CLEAN]
    mt = [corpus_report[str(p)]["scores"]["quality"]["score"] for p in MT]
    assert len(mt) >= 15
    assert max(mt) < min(clean), f"MT scores {sorted(mt)} overlap clean scores {sorted(clean)}"


def test_fix_raises_the_score_of_mt_articles(tmp_path, capsys):
    folder = tmp_path / "mt"
    folder.mkdir()
    for path in MT:
        shutil.copy(path, folder / path.name)
    before = score_json(capsys, str(folder))
    main(["fix", str(folder)])
    capsys.readouterr()
    after = score_json(capsys, str(folder))
    changed = [p for p in before if (folder / Path(p).name).read_text(encoding="utf-8")
               != (CORPORA / "mt" / Path(p).name).read_text(encoding="utf-8")]
    assert changed, "no MT article had a safe fix"
    for path in before:
        old, new = before[path]["scores"]["quality"]["score"], after[path]["scores"]["quality"]["score"]
        if path in changed:
            assert new > old, f"{path}: fixing did not raise the score ({old} -> {new})"
        else:
            assert new == old


def finding(rule: str, category: str, severity: Severity) -> Finding:
    return Finding(rule, category, severity, "message", Span(0, 1))


def test_mqm_arithmetic_by_hand():
    # 400 words. Two warnings (minor, 1 each), one error (major, 5), one info (neutral, 0),
    # and one warning from a rule configured as critical (25):
    # APT = 1 + 1 + 5 + 0 + 25 = 32; PWPT = 32 / 400 = 0.08; NPT = 80 per 1,000; score = 100 - 80 = 20.
    pun = next(r.meta for r in builtin_rules() if r.meta.id == "PUN001")
    findings = [
        finding("PUN001", "punctuation", Severity.WARNING),
        finding("LT:COMMA", "punctuation", Severity.WARNING),
        finding("LT:AGREEMENT", "grammar", Severity.ERROR),
        finding("REA001", "style", Severity.INFO),
        finding("LT:NAME", "spelling", Severity.WARNING),
    ]
    model = MqmModel(critical=frozenset({"LT:NAME"}))
    q = quality(findings, 400, model)
    assert q["absolute_penalty"] == 32
    assert q["per_word_penalty"] == pytest.approx(0.08)
    assert q["normed_penalty"] == pytest.approx(80)
    assert q["score"] == pytest.approx(20)
    assert q["severities"] == {"neutral": 1, "minor": 2, "major": 1, "critical": 1}
    by_type = q["by_type"]
    assert list(by_type) == ["Fluency/Spelling", "Fluency/Grammar", "Fluency/Punctuation", "Style/Awkward"]
    assert pun.mqm == "Fluency/Punctuation"
    assert by_type["Fluency/Punctuation"] == {"count": 2, "penalty": 2, "neutral": 0, "minor": 2, "major": 0,
                                              "critical": 0}
    assert by_type["Fluency/Spelling"]["penalty"] == 25 and by_type["Style/Awkward"]["penalty"] == 0

    # Heavier minor weight: APT = 34, NPT = 85, score 15. Half the slope (k = 0.5): 100 - 40 = 60.
    assert quality(findings, 400, MqmModel(weights={"minor": 2}, critical=model.critical))["score"] == pytest.approx(15)
    assert quality(findings, 400, MqmModel(critical=model.critical, scale=0.5))["score"] == pytest.approx(60)
    # The score never drops below zero: 32 penalty points in 20 words is 1,600 per 1,000.
    assert quality(findings, 20, model)["score"] == 0


def test_mqm_model_rejects_unknown_severities_and_negative_weights():
    with pytest.raises(ValueError, match="unknown severity: huge"):
        MqmModel(weights={"huge": 3})
    with pytest.raises(ValueError, match="0 or more"):
        MqmModel(weights={"minor": -1})
    with pytest.raises(ValueError, match="unknown severity: blocker"):
        MqmModel(severities={"info": "blocker"})
