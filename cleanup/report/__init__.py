"""Reports: each format renders the same list of file results.

Findings arrive in source offsets; line and column are computed here, at the edge.
`options` carries `colour` (bool), `statistics` (bool) and `rules` (rule id -> RuleMeta
for the rules that ran), which reports that describe rules (SARIF, JUnit) use.

A report on a wire archive can be larger than the archive: formats that need not see
every finding first (text, full, json, jsonl, github) also come as a stream of pieces,
which the CLI writes as they come, so the whole report never sits in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from ..later import function
from ..model import Finding
from ..pipeline import FileResult
from ..positions import LineIndex

Renderer = Callable[[list[FileResult], dict], str]
# The same report as pieces whose concatenation is what the renderer returns.
Streamer = Callable[[list[FileResult], dict], Iterator[str]]


@dataclass(frozen=True)
class Located:
    """A finding with 1-based line and column (code points) of its start and of its end (exclusive)."""

    finding: Finding
    line: int
    column: int
    end_line: int
    end_column: int


def locate(result: FileResult) -> Iterator[Located]:
    """Each finding located, one at a time: a big file's findings are not all copied at once."""
    lines = LineIndex(result.source)
    for f in result.findings:
        yield Located(f, *lines.position(f.span.start), *lines.position(f.span.end))


def joined(lines: Iterable[str], separator: str = "\n", batch: int = 1000) -> Iterator[str]:
    """`separator.join(lines)` in pieces of up to `batch` lines.

    >>> list(joined(["a", "b", "c"], batch=2)), list(joined([]))
    (['a\\nb', '\\nc'], [])
    """
    lines = iter(lines)
    prefix = ""
    while group := list(islice(lines, batch)):
        yield prefix + separator.join(group)
        prefix = separator


def tool_version() -> str:
    """The installed version, for reports that name their tool."""
    from importlib import metadata   # costly to import; a cached run asks for it once
    try:
        return metadata.version("cleanup")
    except metadata.PackageNotFoundError:
        return "0+unknown"


_MODULES = {"text": "text", "full": "full", "json": "json_report", "jsonl": "jsonl", "github": "github",
            "sarif": "sarif", "junit": "junit", "gitlab": "gitlab"}
_STREAMED = frozenset({"text", "full", "json", "jsonl", "github"})  # the others need every finding first


def renderers() -> dict[str, Renderer]:
    """Each report's render function; its module loads when that report is made."""
    return {name: function(f"{__name__}.{module}", "render") for name, module in _MODULES.items()}


def streamers() -> dict[str, Streamer]:
    """Every format as a stream; one that must see all findings before its first byte is one piece."""
    whole = renderers()
    return {name: function(f"{__name__}.{_MODULES[name]}", "stream") if name in _STREAMED else _whole(whole[name])
            for name in _MODULES}


def _whole(render: Renderer) -> Streamer:
    def stream(results: list[FileResult], options: dict) -> Iterator[str]:
        yield render(results, options)
    return stream
