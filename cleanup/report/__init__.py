"""Reports: each format renders the same list of file results.

Findings arrive in source offsets; line and column are computed here, at the edge.
`options` carries `colour` (bool), `statistics` (bool) and `rules` (rule id -> RuleMeta
for the rules that ran), which reports that describe rules (SARIF, JUnit) use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..later import function
from ..model import Finding
from ..pipeline import FileResult
from ..positions import LineIndex

Renderer = Callable[[list[FileResult], dict], str]


@dataclass(frozen=True)
class Located:
    """A finding with 1-based line and column (code points) of its start and of its end (exclusive)."""

    finding: Finding
    line: int
    column: int
    end_line: int
    end_column: int


def locate(result: FileResult) -> list[Located]:
    lines = LineIndex(result.source)
    return [Located(f, *lines.position(f.span.start), *lines.position(f.span.end)) for f in result.findings]


def tool_version() -> str:
    """The installed version, for reports that name their tool."""
    from importlib import metadata   # costly to import; a cached run asks for it once
    try:
        return metadata.version("cleanup")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def renderers() -> dict[str, Renderer]:
    """Each report's render function; its module loads when that report is made."""
    modules = {"text": "text", "full": "full", "json": "json_report", "jsonl": "jsonl", "github": "github",
               "sarif": "sarif", "junit": "junit", "gitlab": "gitlab"}
    return {name: function(f"{__name__}.{module}", "render") for name, module in modules.items()}
