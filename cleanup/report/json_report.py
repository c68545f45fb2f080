"""The JSON report: a contract that pipelines parse (documented in the README).

Version 1. Keys are only ever added, never renamed or removed, within a version.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

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


def file_object(result: FileResult, findings: bool = True) -> dict:
    """One file's object; without `findings`, its findings list is left empty."""
    obj = {"path": result.path, "findings": [finding_object(item) for item in locate(result)] if findings else []}
    if result.checked.errors:
        obj["errors"] = [{"rule": e.rule, "message": e.message} for e in result.checked.errors]
    obj.update(result.extra)
    return obj


def render(results: list[FileResult], options: dict) -> str:
    return "".join(stream(results, options))


# Where a file object's findings go, in its own indented encoding: the first line that opens
# with this (an encoded string never holds a raw line break, so no value can fake it).
_FINDINGS = '\n  "findings": []'


def stream(results: list[FileResult], options: dict) -> Iterator[str]:
    """The report one finding at a time, byte for byte what `json.dumps(..., indent=2)` of it all gives.

    Each file object is encoded without its findings, at its depth in the report, and its
    findings are encoded one by one into the place its empty list held.
    """
    if not results:
        yield _dumps({"version": 1, "files": []})
        return
    yield '{\n  "version": 1,\n  "files": ['
    for n, result in enumerate(results):
        shell = _dumps(file_object(result, findings=False))
        cut = shell.index(_FINDINGS) + len(_FINDINGS) - 1
        yield ("," if n else "") + "\n    " + _indented(shell[:cut], 4)
        items = iter(locate(result))
        first = next(items, None)
        if first is not None:
            yield "\n        " + _indented(_dumps(finding_object(first)), 8)
            for item in items:
                yield ",\n        " + _indented(_dumps(finding_object(item)), 8)
            yield "\n      "
        yield _indented(shell[cut:], 4)
    yield "\n  ]\n}"


def _dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


def _indented(encoded: str, depth: int) -> str:
    """An object encoded at the top level, as it reads `depth` spaces further in."""
    return encoded.replace("\n", "\n" + " " * depth)
