"""One file through cleanup: source text → Document → rules → findings in source offsets.

Findings leave this module in source coordinates, so every report, the fixer and the
server speak the file's own offsets. A fix whose edits cannot be placed exactly in the
source (they would cut through markup or an entity) is shown but never applied.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from . import engine, suppression
from .document import Document
from .engine import RuleError
from .fixes import FixOutcome, fix_until_stable
from .formats import Format
from .metadata import extract
from .model import Applicability, Edit, Finding, Fix
from .packs import Rule


@dataclass(frozen=True)
class Profile:
    """The rules for a file and the house choices they honour, both from configuration."""

    rules: tuple[Rule, ...]
    house: Mapping[str, object] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Checked:
    document: Document
    findings: tuple[Finding, ...]      # in source offsets
    errors: tuple[RuleError, ...] = ()


@dataclass
class FileResult:
    """What a report needs about one file; `extra` holds per-file objects (metadata, scores)."""

    path: str
    source: str
    checked: Checked
    fixed: FixOutcome | None = None
    extra: dict = field(default_factory=dict)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.checked.findings


def _fix_to_source(doc: Document, fix: Fix) -> Fix:
    smap = doc.source_map
    if all(smap.exact(e.span) for e in fix.edits):
        return replace(fix, edits=tuple(Edit(smap.to_source(e.span), e.replacement) for e in fix.edits))
    edits = tuple(Edit(smap.to_source(e.span), e.replacement) for e in fix.edits)
    return replace(fix, edits=edits, applicability=Applicability.DISPLAY,
                   title=f"{fix.title} (cannot be placed exactly in the source; fix by hand)")


def to_source(doc: Document, finding: Finding) -> Finding:
    smap = doc.source_map
    fix = _fix_to_source(doc, finding.fix) if finding.fix else None
    return replace(finding, span=smap.to_source(finding.span), fix=fix)


def check_source(source: str, path: str, fmt: Format, profile: Profile) -> Checked:
    doc = fmt.load(source, path)
    if profile.house:
        doc = replace(doc, house=profile.house)
    result = engine.run(doc, profile.rules)
    findings = result.findings if doc.text is source else tuple(to_source(doc, f) for f in result.findings)
    if doc.suppressions:
        findings = suppression.apply(findings, doc.suppressions, profile.rules)
    return Checked(doc, findings, result.errors)


def fix_source(source: str, path: str, fmt: Format, profile: Profile, unsafe: bool) -> FixOutcome:
    return fix_until_stable(source, lambda text: check_source(text, path, fmt, profile).findings, unsafe)


def file_result(path: str, original: str, text: str, checked: Checked, fmt: Format,
                outcome: FixOutcome | None = None, extra: dict | None = None) -> FileResult:
    """The one way a result is made (CLI and server alike), with the copy's metadata.

    Metadata describes the copy as it came in, so a fix that deletes a credit does not lose it.
    """
    document = checked.document if text == original else fmt.load(original, path)
    return FileResult(path, text, checked, outcome, {"metadata": extract(document), **(extra or {})})
