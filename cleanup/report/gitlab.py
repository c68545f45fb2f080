"""GitLab Code Quality: the JSON array GitLab shows in merge requests (a Code Climate subset).

GitLab compares the report of a merge request with that of its target branch by
`fingerprint`, so it is the baseline fingerprint, which stays the same when lines move.
Severities map onto GitLab's five levels as info → info, warning → minor, error → major;
critical and blocker are kept for nothing cleanup finds in prose.
"""

from __future__ import annotations

import json

from ..baseline import fingerprints
from ..model import Severity
from ..pipeline import FileResult
from . import locate

SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def render(results: list[FileResult], options: dict) -> str:
    issues = []
    for result in results:
        for item, fp in zip(locate(result), fingerprints(result.path, result.source, result.findings)):
            f = item.finding
            issues.append({
                "type": "issue", "check_name": f.rule, "description": f"{f.rule} [{f.category}] {f.message}",
                "fingerprint": fp, "severity": SEVERITIES[f.severity],
                "location": {"path": result.path, "lines": {"begin": item.line, "end": item.end_line}},
            })
    return json.dumps(issues, ensure_ascii=False, indent=2)
