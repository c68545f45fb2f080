"""The text report: one line per finding, the way compilers and ruff print them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

from ..model import Severity
from ..pipeline import FileResult
from . import Located, joined, locate

COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"

Paint = Callable[[str, str], str]
# Lines shown under a finding's heading (the `full` report shows the source there).
Excerpt = Callable[[str, Located, Paint], list[str]]


def render(results: list[FileResult], options: dict, excerpt: Excerpt | None = None) -> str:
    return "".join(stream(results, options, excerpt))


def stream(results: list[FileResult], options: dict, excerpt: Excerpt | None = None) -> Iterator[str]:
    return joined(_lines(results, options, excerpt))


def _lines(results: list[FileResult], options: dict, excerpt: Excerpt | None) -> Iterator[str]:
    colour = options.get("colour", False)
    paint: Paint = (lambda code, s: f"{code}{s}{_RESET}") if colour else (lambda code, s: s)
    for result in results:
        for item in locate(result):
            f = item.finding
            where = paint(_BOLD, f"{result.path}:{item.line}:{item.column}:")
            yield f"{where} {paint(COLOURS[f.severity], f.rule)} [{f.category}] {f.message}"
            if excerpt is not None:
                yield from excerpt(result.source, item, paint)
            if f.fix is not None:
                yield paint(_DIM, f"  fix ({f.fix.applicability.value}): {f.fix.title}")
        for error in result.checked.errors:
            yield f"{result.path}: internal error in rule {error.rule}: {error.message}"
    if options.get("statistics"):
        yield from statistics(results)
    total = sum(len(r.findings) for r in results)
    fixed = sum(len(r.fixed.applied) for r in results if r.fixed)
    summary = f"Found {total} finding{'s' if total != 1 else ''} in {len(results)} file{'s' if len(results) != 1 else ''}."
    if fixed:
        summary += f" Fixed {fixed}."
    yield summary


def statistics(results: list[FileResult]) -> list[str]:
    counts = Counter((f.rule, f.category) for r in results for f in r.findings)
    fixable = Counter(f.rule for r in results for f in r.findings if f.fix is not None)
    rows = [f"{n:6d}  {rule:<10} {category:<14} {'fixable' if fixable[rule] else ''}".rstrip()
            for (rule, category), n in counts.most_common()]
    return ["", "Statistics:"] + rows if rows else []
