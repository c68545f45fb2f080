"""The annotated corpora: articles with their artefacts, and how findings are scored on them.

Used by the quality-floor tests and the benchmarks, so both measure the same thing.
An artefact is found when a finding of its category overlaps its span (a zero-width
artefact counts when a finding touches it).
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .model import Finding, Severity, Span

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


@dataclass(frozen=True)
class Artefact:
    category: str
    span: Span
    note: str = ""


@dataclass(frozen=True)
class Article:
    path: Path
    text: str
    artefacts: tuple[Artefact, ...]

    @property
    def words(self) -> int:
        return len(self.text.split())


def _artefact(text: str, entry: dict, where: str) -> Artefact:
    context = entry["context"]
    start = text.find(context)
    if start < 0 or text.find(context, start + 1) >= 0:
        raise ValueError(f"{where}: context must occur exactly once: {context!r}")
    mark = entry.get("mark", context)
    inner = context.find(mark)
    if inner < 0:
        raise ValueError(f"{where}: mark {mark!r} not inside its context")
    return Artefact(entry["category"], Span(start + inner, start + inner + len(mark)), entry.get("note", ""))


def load(folder: str) -> list[Article]:
    """Articles of `corpora/<folder>`, each with its `.ann.toml` artefacts if it has one."""
    articles = []
    for path in sorted((CORPORA / folder).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sidecar = path.with_suffix(".ann.toml")
        entries = tomllib.loads(sidecar.read_text(encoding="utf-8")).get("artefact", []) if sidecar.exists() else []
        articles.append(Article(path, text, tuple(_artefact(text, e, str(sidecar)) for e in entries)))
    return articles


def found(artefact: Artefact, findings: Iterable[Finding]) -> bool:
    return any(f.category == artefact.category and f.span.touches(artefact.span) for f in findings)


@dataclass
class Tally:
    """Recall per category over annotated articles, and alarms per 1,000 words on clean ones."""

    annotated: Counter
    hit: Counter
    alarms: int = 0
    words: int = 0

    def recall(self, category: str) -> float:
        return self.hit[category] / self.annotated[category] if self.annotated[category] else 1.0

    @property
    def alarms_per_1000_words(self) -> float:
        return 1000 * self.alarms / self.words if self.words else 0.0


def tally(results: Iterable[tuple[Article, Iterable[Finding]]]) -> Tally:
    t = Tally(Counter(), Counter())
    for article, findings in results:
        findings = list(findings)
        t.words += article.words
        t.alarms += sum(1 for f in findings if f.severity.rank >= Severity.WARNING.rank)
        for artefact in article.artefacts:
            t.annotated[artefact.category] += 1
            t.hit[artefact.category] += found(artefact, findings)
    return t
