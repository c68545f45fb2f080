"""SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps, IDE viewers) read.

One run; the rules that ran are described in `tool.driver.rules` with the same help
text `cleanup rules ID` prints, so a reviewer sees why a finding matters where it is
shown. Columns are UTF-16 code units, SARIF's default, which the run states explicitly;
end columns are exclusive. Fixes become SARIF fixes (replacements of regions), and the
baseline fingerprint becomes a partial fingerprint so services track findings across
edits the way `--baseline` does.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from ..baseline import fingerprints
from ..commands.rules import explain
from ..model import Finding, RuleMeta, Severity, Span
from ..pipeline import FileResult
from ..positions import LineIndex, Utf16Index
from . import tool_version

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "cleanup/v1"


def render(results: list[FileResult], options: dict) -> str:
    metas: dict[str, RuleMeta] = options.get("rules", {})
    ids = sorted(set(metas) | {f.rule for r in results for f in r.findings})
    index = {rule: i for i, rule in enumerate(ids)}
    sarif_results, notifications = [], []
    for result in results:
        uri = artifact_uri(result.path)
        regions = Regions(result.source)
        prints = fingerprints(result.path, result.source, result.findings)
        for finding, fp in zip(result.findings, prints):
            sarif_results.append(result_object(finding, uri, regions, index[finding.rule], fp))
        notifications += [{"level": "error", "message": {"text": f"internal error in rule {e.rule}: {e.message}"},
                           "associatedRule": {"id": e.rule},
                           "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]}
                          for e in result.checked.errors]
    run = {
        "tool": {"driver": {"name": "cleanup", "version": tool_version(),
                            "rules": [descriptor(rule, metas.get(rule)) for rule in ids]}},
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "columnKind": "utf16CodeUnits",
        "results": sarif_results,
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)


def descriptor(rule: str, meta: RuleMeta | None) -> dict:
    """A rule's reportingDescriptor; a rule known only from its findings (e.g. LanguageTool's) gets its id."""
    if meta is None:
        return {"id": rule}
    return {
        "id": meta.id, "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": meta.why},
        "help": {"text": explain(meta)},
        "defaultConfiguration": {"level": LEVELS[meta.severity]},
        "properties": {"category": meta.category, "mqm": meta.mqm, "fixSafety": meta.fix_safety,
                       "tags": [meta.category]},
    }


def result_object(finding: Finding, uri: str, regions: Regions, rule_index: int, fingerprint: str) -> dict:
    region = regions.region(finding.span)
    region["snippet"] = {"text": regions.text[finding.span.start:finding.span.end]}
    obj = {
        "ruleId": finding.rule, "ruleIndex": rule_index, "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {"category": finding.category},
    }
    if finding.notes:
        obj["properties"]["notes"] = list(finding.notes)
    if finding.fix is not None:
        obj["fixes"] = [{
            "description": {"text": finding.fix.title},
            "artifactChanges": [{"artifactLocation": {"uri": uri},
                                 "replacements": [{"deletedRegion": regions.region(e.span),
                                                   "insertedContent": {"text": e.replacement}}
                                                  for e in finding.fix.edits]}],
            "properties": {"applicability": finding.fix.applicability.value},
        }]
    return obj


class Regions:
    """SARIF text regions of one file: 1-based lines, 1-based UTF-16 columns, exclusive end.

    >>> Regions("a😀b\\nc").region(Span(2, 3))
    {'startLine': 1, 'startColumn': 4, 'endLine': 1, 'endColumn': 5}
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines = LineIndex(text)
        self._utf16 = Utf16Index(text)

    def _position(self, offset: int) -> tuple[int, int]:
        line, column = self._lines.position(offset)
        line_start = offset - (column - 1)
        return line, self._utf16.to_utf16(offset) - self._utf16.to_utf16(line_start) + 1

    def region(self, span: Span) -> dict:
        start_line, start_column = self._position(span.start)
        end_line, end_column = self._position(span.end)
        return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}


def artifact_uri(path: str) -> str:
    """A relative path stays a relative URI reference; an absolute one becomes a file URI.

    >>> artifact_uri("copy/wire story #1.txt"), artifact_uri("/srv/a b.txt")
    ('copy/wire%20story%20%231.txt', 'file:///srv/a%20b.txt')
    """
    if path == "-":
        return "stdin"
    p = Path(path)
    return p.as_uri() if p.is_absolute() else quote(p.as_posix())
