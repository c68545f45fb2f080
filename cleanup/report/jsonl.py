"""JSON Lines: one finding per line with its path, for `grep`, `jq -c` and log pipelines.

Each line is the JSON report's finding object plus `path`, so a consumer of the JSON
contract reads these lines with the same code. A rule that failed on a file gets a line
of its own with `path`, `rule` and `error` (and no `message`), so it is not lost.
"""

from __future__ import annotations

import json

from ..pipeline import FileResult
from . import locate
from .json_report import finding_object


def render(results: list[FileResult], options: dict) -> str:
    lines = []
    for result in results:
        lines += [{"path": result.path, **finding_object(item)} for item in locate(result)]
        lines += [{"path": result.path, "rule": e.rule, "error": e.message} for e in result.checked.errors]
    return "\n".join(json.dumps(line, ensure_ascii=False) for line in lines)
