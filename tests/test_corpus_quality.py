"""Quality floors on our own corpora: recall on MT copy, false alarms on clean copy.

Floors apply to every category that has at least one rule, so a new pack is held to
them the moment it lands.
"""

from __future__ import annotations

import pytest

from cleanup import corpus, engine
from cleanup.document import build
from cleanup.packs import builtin_rules

RULES = builtin_rules()
COVERED = sorted({r.meta.category for r in RULES})
RECALL_FLOOR = 0.90
ALARMS_CEILING = 0.5  # warning-or-error findings per 1,000 words of clean copy


def findings(article):
    return engine.run(build(article.text, str(article.path)), RULES).findings


@pytest.fixture(scope="module")
def mt_tally():
    articles = corpus.load("mt")
    assert len(articles) >= 15
    return corpus.tally((a, findings(a)) for a in articles)


@pytest.fixture(scope="module")
def clean_tally():
    articles = corpus.load("clean")
    assert len(articles) >= 10
    return corpus.tally((a, findings(a)) for a in articles)


@pytest.mark.parametrize("category", COVERED)
def test_recall_per_category(mt_tally, category):
    if not mt_tally.annotated[category]:
        pytest.skip(f"no {category} artefacts annotated in corpora/mt")
    recall = mt_tally.recall(category)
    print(f"{category}: {mt_tally.hit[category]}/{mt_tally.annotated[category]} = {recall:.2f}")
    assert recall >= RECALL_FLOOR


def test_false_alarms_on_clean_copy(clean_tally):
    print(f"{clean_tally.alarms} alarms in {clean_tally.words} words = {clean_tally.alarms_per_1000_words:.2f}/1000")
    assert clean_tally.alarms_per_1000_words <= ALARMS_CEILING


def test_every_annotated_category_is_known(mt_tally):
    from cleanup.model import CATEGORIES
    assert set(mt_tally.annotated) <= set(CATEGORIES)
