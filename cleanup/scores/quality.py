"""Translation quality on the MQM scoring model, from cleanup's own findings.

Every rule names an MQM error type (`mqm` in its pack entry). Its cleanup severity
becomes an MQM severity, and each severity carries a penalty weight:

    cleanup severity   MQM severity   default weight
    error              major          5
    warning            minor          1
    info               neutral        0
    (configured)       critical       25

`info` maps to MQM's *neutral* severity (a note that costs nothing) rather than to
minor: info findings are hints an editor may ignore with good reason (a long sentence,
a readability note) and not errors in the translation. Counting them would lower the
score of clean copy and would count readability twice, once in the grade and once in
the quality score. No rule is critical by default: critical means unusable
(a wrong name, a lost negation), which a rule can rarely know; a configuration can
promote rule ids to critical (`critical` below) and change any weight.

The score follows the MQM raw scoring model with its reference word count:

    absolute penalty  APT = Σ weight(MQM severity of each finding)
    per-word penalty  PWPT = APT / words
    normed penalty    NPT = APT × 1000 / words         (penalty per 1,000 words)
    score             max(0, 100 − k × NPT)             (k = 1 by default)

so with k = 1 each penalty point per thousand words costs one point of the 100: one
major error in a 500-word article gives 100 − 5 × 1000 / 500 = 90. `words` is
textstat's `lexicon_count` of the prose, the same count the readability figures use;
text with no words is counted as one word so the arithmetic stays finite.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from ..model import Finding, Severity

MQM_SEVERITIES = ("neutral", "minor", "major", "critical")
DEFAULT_WEIGHTS = {"neutral": 0.0, "minor": 1.0, "major": 5.0, "critical": 25.0}
DEFAULT_SEVERITIES = {"info": "neutral", "warning": "minor", "error": "major"}
REFERENCE_WORDS = 1000

# MQM types for findings from rules without pack metadata (LanguageTool's, say),
# named as in the WMT MQM annotations.
CATEGORY_TYPES = {
    "punctuation": "Fluency/Punctuation", "quotes": "Fluency/Punctuation", "attribution": "Style/Awkward",
    "translationese": "Style/Awkward", "grammar": "Fluency/Grammar", "spelling": "Fluency/Spelling",
    "consistency": "Fluency/Inconsistency", "boilerplate": "Accuracy/Addition",
    "time": "Locale convention/Time format", "encoding": "Fluency/Character encoding",
    "untranslated": "Accuracy/Source language fragment", "duplicate": "Accuracy/Addition",
    "style": "Style/Awkward", "numbers": "Locale convention/Number format",
}


@dataclass(frozen=True)
class MqmModel:
    """The configurable part of the scoring model (config keys: mqm-weights, mqm-critical)."""

    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    severities: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_SEVERITIES))
    critical: frozenset[str] = frozenset()   # rule ids whose findings count as critical
    scale: float = 1.0                        # k: score points per normed penalty point

    def __post_init__(self) -> None:
        """Partial settings complete the defaults; anything else is a configuration error."""
        unknown = (set(self.weights) | set(self.severities.values())) - set(MQM_SEVERITIES)
        unknown |= set(self.severities) - set(DEFAULT_SEVERITIES)
        if unknown:
            raise ValueError(f"names an unknown severity: {', '.join(sorted(unknown))} "
                             f"(MQM severities: {', '.join(MQM_SEVERITIES)})")
        bad = [f"{name}={weight}" for name, weight in self.weights.items() if not 0 <= weight < math.inf]
        if bad:
            raise ValueError(f"needs weights of 0 or more: {', '.join(bad)}")
        object.__setattr__(self, "weights", {**DEFAULT_WEIGHTS, **{k: float(v) for k, v in self.weights.items()}})
        object.__setattr__(self, "severities", {**DEFAULT_SEVERITIES, **self.severities})

    def severity(self, rule: str, severity: Severity) -> str:
        """
        >>> promoted = MqmModel(critical=frozenset({"PUN001"}))
        >>> MqmModel().severity("PUN001", Severity.WARNING), promoted.severity("PUN001", Severity.INFO)
        ('minor', 'critical')
        """
        return "critical" if rule in self.critical else self.severities[severity.value]

    def as_dict(self) -> dict:
        return {"weights": dict(self.weights), "severities": dict(self.severities),
                "critical": sorted(self.critical), "scale": self.scale, "reference_words": REFERENCE_WORDS}


def parse_weights(value: str) -> dict[str, float]:
    """`minor=1,major=5` as given on the command line; MqmModel judges the names and numbers.

    >>> parse_weights("major=10, critical=50")
    {'major': 10.0, 'critical': 50.0}
    """
    weights = {}
    for item in filter(None, (part.strip() for part in value.split(","))):
        name, _, number = (part.strip() for part in item.partition("="))
        try:
            weights[name] = float(number)
        except ValueError:
            raise ValueError(f"bad MQM weight {item!r}: expected SEVERITY=NUMBER") from None
    return weights


@cache
def _rule_types() -> dict[str, str]:
    from ..packs import load_packs, pack_files   # metadata only: reading the packs compiles nothing
    return {rule.meta.id: rule.meta.mqm for rule in load_packs(pack_files())}


def mqm_type(rule: str, category: str) -> str:
    """The rule's MQM error type from its pack, else one for its category."""
    return _rule_types().get(rule) or CATEGORY_TYPES.get(category, "Other")


def quality(findings: Iterable[Finding], words: int, model: MqmModel) -> dict:
    """The `quality` object of one file."""
    severities = dict.fromkeys(MQM_SEVERITIES, 0)
    types: dict[str, dict] = {}
    absolute = 0.0
    for finding in findings:
        severity = model.severity(finding.rule, finding.severity)
        weight = model.weights[severity]
        entry = types.setdefault(mqm_type(finding.rule, finding.category),
                                 {"count": 0, "penalty": 0.0, **dict.fromkeys(MQM_SEVERITIES, 0)})
        entry["count"] += 1
        entry["penalty"] += weight
        entry[severity] += 1
        severities[severity] += 1
        absolute += weight
    counted = max(words, 1)
    normed = absolute * REFERENCE_WORDS / counted
    return {
        "words": words,
        "absolute_penalty": absolute,
        "per_word_penalty": absolute / counted,
        "normed_penalty": normed,
        "score": max(0.0, 100.0 - model.scale * normed),
        "severities": severities,
        "by_type": dict(sorted(types.items(), key=lambda item: (-item[1]["penalty"], -item[1]["count"], item[0]))),
        "model": model.as_dict(),
    }
