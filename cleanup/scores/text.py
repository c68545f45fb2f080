"""Scores as a copy editor reads them: the score, the grade, what to fix first.

One block per file: the quality score with the penalty behind it, the grade with the
figures behind that, the MQM types that cost most, and the hardest body paragraphs,
each with its line so the editor can go straight there.
"""

from __future__ import annotations

from ..pipeline import FileResult
from .scorecard import failed

HARDEST = 3    # paragraphs shown per file
TOP_TYPES = 3  # MQM types shown per file
_SNIPPET = 60


def headline(card: dict) -> str:
    """Quality and grade on one line.

    >>> headline({"quality": {"score": 71.25}, "readability": {"flesch_kincaid_grade": 12.44,
    ...           "flesch_reading_ease": 41.0, "lexicon_count": 418}})
    'quality 71.2/100, grade 12.4 (Flesch–Kincaid), reading ease 41.0, 418 words'
    """
    r = card["readability"]
    return (f"quality {card['quality']['score']:.1f}/100, grade {r['flesch_kincaid_grade']:.1f} (Flesch–Kincaid), "
            f"reading ease {r['flesch_reading_ease']:.1f}, {r['lexicon_count']} words")


def _snippet(source: str, start: int, end: int) -> str:
    text = " ".join(source[start:end].split())
    return text if len(text) <= _SNIPPET else text[:_SNIPPET - 1].rstrip() + "…"


def _plural(n: float, word: str) -> str:
    return f"{n:g} {word}{'' if n == 1 else 's'}"


def _paragraph(p: dict, source: str) -> str:
    r = p["readability"]
    size = f"{_plural(r['lexicon_count'], 'word')}, {_plural(r['sentence_count'], 'sentence')}"
    return (f"    line {p['line']:<4} grade {r['flesch_kincaid_grade']:4.1f}  {size:<22}"
            f"{_snippet(source, p['start'], p['end'])}")


def _gate(gate: dict) -> str:
    """
    >>> _gate({"gate": "max-grade", "limit": 12, "value": 14.04, "passed": False})
    '  gate     FAIL --max-grade 12: grade 14.0'
    """
    what = "quality" if gate["gate"] == "fail-under" else "grade"
    return (f"  gate     {'pass' if gate['passed'] else 'FAIL'} --{gate['gate']} {gate['limit']:g}: "
            f"{what} {gate['value']:.1f}")


def file_block(result: FileResult) -> list[str]:
    card = result.extra["scores"]
    q, r = card["quality"], card["readability"]
    counts = ", ".join(f"{n} {name}" for name, n in reversed(q["severities"].items()) if n)
    out = [result.path,
           f"  quality  {q['score']:5.1f}/100   MQM penalty {q['absolute_penalty']:g} in {q['words']} words "
           f"= {q['normed_penalty']:.1f} per 1,000{f' ({counts})' if counts else ''}",
           f"  grade    {r['flesch_kincaid_grade']:5.1f}       Flesch–Kincaid; "
           f"reading ease {r['flesch_reading_ease']:.1f}, fog {r['gunning_fog']:.1f}, SMOG {r['smog_index']:.1f}; "
           f"{_plural(r['sentence_count'], 'sentence')}, {r['avg_sentence_length']:.1f} words a sentence"]
    costly = [f"{name} {entry['penalty']:g} ({_plural(entry['count'], 'finding')})"
              for name, entry in list(q["by_type"].items())[:TOP_TYPES] if entry["penalty"]]
    if costly:
        out.append("  costs    " + " · ".join(costly))
    body = sorted((p for p in card["paragraphs"] if p["scope"] == "body"),
                  key=lambda p: -p["readability"]["flesch_kincaid_grade"])[:HARDEST]
    if body:
        out.append("  hardest paragraphs")
        out.extend(_paragraph(p, result.source) for p in body)
    out.extend(_gate(gate) for gate in card.get("gates", ()))
    return out


def gate_failures(results: list[FileResult]) -> list[str]:
    """One line per failed gate, for stderr, where CI logs show it whatever the format."""
    return [f"{r.path}: fails --{g['gate']} {g['limit']:g}: "
            f"{'quality score' if g['gate'] == 'fail-under' else 'Flesch–Kincaid grade'} is {g['value']:.1f}"
            for r in results for g in r.extra.get("scores", {}).get("gates", ()) if not g["passed"]]


def summary(results: list[FileResult]) -> list[str]:
    """One line per file, for `check --scores`."""
    return [f"{r.path}: {headline(r.extra['scores'])}{'; FAILED a gate' if failed(r.extra['scores']) else ''}"
            for r in results]


def render(results: list[FileResult]) -> str:
    out: list[str] = []
    for result in results:
        out.extend(file_block(result))
        out.append("")
    failing = sum(1 for r in results if failed(r.extra["scores"]))
    scores = [r.extra["scores"]["quality"]["score"] for r in results]
    summary = f"Scored {_plural(len(results), 'file')}"
    if len(results) > 1:
        summary += f": quality {min(scores):.1f}–{max(scores):.1f}"
    if failing:
        summary += f"; {failing} failed a gate"
    out.append(summary + ".")
    return "\n".join(out)
