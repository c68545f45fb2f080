"""Reports: each format renders the same list of file results.

Findings arrive in source offsets; line and column are computed here, at the edge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Finding
from ..pipeline import FileResult
from ..positions import LineIndex

Renderer = Callable[[list[FileResult], dict], str]


@dataclass(frozen=True)
class Located:
    finding: Finding
    line: int
    column: int


def locate(result: FileResult) -> list[Located]:
    lines = LineIndex(result.source)
    return [Located(f, *lines.position(f.span.start)) for f in result.findings]


def renderers() -> dict[str, Renderer]:
    from . import json_report, text
    return {"text": text.render, "json": json_report.render}
