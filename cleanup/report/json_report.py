"""The JSON report: a contract that pipelines parse (documented in the README).

Version 1. Keys are only ever added, never renamed or removed, within a version.
"""

from __future__ import annotations

import json

from ..model import Finding
from ..pipeline import FileResult
from ..scores.quality import mqm_type
from . import Located, locate


def fix_object(finding: Finding) -> dict | None:
    fix = finding.fix
    if fix is None:
        return None
    return {"applicability": fix.applicability.value, "message": fix.title,
            "edits": [{"start": e.span.start, "end": e.span.end, "replacement": e.replacement} for e in fix.edits]}


def finding_object(item: Located) -> dict:
    f = item.finding
    obj = {"rule": f.rule, "category": f.category, "severity": f.severity.value, "message": f.message,
           "start": f.span.start, "end": f.span.end, "line": item.line, "column": item.column,
           "fix": fix_object(f), "mqm": mqm_type(f.rule, f.category)}
    if f.notes:
        obj["notes"] = list(f.notes)
    return obj


def file_object(result: FileResult) -> dict:
    obj = {"path": result.path, "findings": [finding_object(item) for item in locate(result)]}
    if result.checked.errors:
        obj["errors"] = [{"rule": e.rule, "message": e.message} for e in result.checked.errors]
    obj.update(result.extra)
    return obj


def render(results: list[FileResult], options: dict) -> str:
    return json.dumps({"version": 1, "files": [file_object(r) for r in results]}, ensure_ascii=False, indent=2)
