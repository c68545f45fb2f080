"""JSON Lines: one finding per line with its path, for `grep`, `jq -c` and log pipelines.

Each line is the JSON report's finding object plus `path`, so a consumer of the JSON
contract reads these lines with the same code. A rule that failed on a file gets a line
of its own with `path`, `rule` and `error` (and no `message`), so it is not lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..pipeline import FileResult
from . import joined, locate
from .json_report import finding_object


def render(results: list[FileResult], options: dict) -> str:
    return "".join(stream(results, options))


def stream(results: list[FileResult], options: dict) -> Iterator[str]:
    return joined(json.dumps(line, ensure_ascii=False) for line in _objects(results))


def _objects(results: list[FileResult]) -> Iterator[dict]:
    for result in results:
        for item in locate(result):
            yield {"path": result.path, **finding_object(item)}
        for e in result.checked.errors:
            yield {"path": result.path, "rule": e.rule, "error": e.message}
