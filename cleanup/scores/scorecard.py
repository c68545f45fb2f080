"""The `scores` object of one file, and the gates CI holds it to.

A scorecard joins the two kinds of score: readability of the prose (readability.py)
and MQM quality of the findings (quality.py), both over the same prose and the same
word count. Gates turn the figures into a pass or a fail (exit code 1) so incoming
copy can be held back; their limits are plain values (config keys: fail-under,
max-grade) so the command line and a configuration file can both supply them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..pipeline import FileResult
from .quality import MqmModel, quality
from .readability import paragraphs, readability


@dataclass(frozen=True)
class Gates:
    fail_under: float | None = None   # lowest acceptable quality score
    max_grade: float | None = None    # highest acceptable Flesch–Kincaid grade

    @property
    def active(self) -> bool:
        return self.fail_under is not None or self.max_grade is not None

    def evaluate(self, card: dict) -> list[dict]:
        """One entry per gate set: its limit, the file's value, and whether it passed.

        >>> Gates(fail_under=80).evaluate({"quality": {"score": 72.5}, "readability": {"flesch_kincaid_grade": 9}})
        [{'gate': 'fail-under', 'limit': 80, 'value': 72.5, 'passed': False}]
        """
        results = []
        if self.fail_under is not None:
            score = card["quality"]["score"]
            results.append({"gate": "fail-under", "limit": self.fail_under, "value": score,
                            "passed": score >= self.fail_under})
        if self.max_grade is not None:
            grade = card["readability"]["flesch_kincaid_grade"]
            results.append({"gate": "max-grade", "limit": self.max_grade, "value": grade,
                            "passed": grade <= self.max_grade})
        return results


def scorecard(result: FileResult, model: MqmModel, gates: Gates = Gates()) -> dict:
    doc = result.checked.document
    overall = readability(doc.text)
    card = {"readability": overall, "paragraphs": paragraphs(doc, result.source),
            "quality": quality(result.findings, int(overall["lexicon_count"]), model)}
    if gates.active:
        card["gates"] = gates.evaluate(card)
    return card


def failed(card: dict) -> bool:
    return not all(gate["passed"] for gate in card.get("gates", ()))

