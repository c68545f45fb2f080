"""One file through cleanup: source text → Document → rules → findings in source offsets.

Findings leave this module in source coordinates, so every report, the fixer and the
server speak the file's own offsets. A fix whose edits cannot be placed exactly in the
source (they would cut through markup or an entity) is shown but never applied.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .later import function
from .model import Applicability, Edit, Finding, Fix

if TYPE_CHECKING:   # the checking machinery loads when a file is checked, not for a run the cache answers
    from .document import Document
    from .engine import RuleError
    from .fixes import FixOutcome
    from .formats import Format
    from .packs import Rule


@dataclass(frozen=True)
class Profile:
    """The rules for a file and the house choices they honour, both from configuration."""

    rules: tuple[Rule, ...]
    house: Mapping[str, object] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Checked:
    """A file's findings and the document they were found in.

    The document may be given as a function that builds it: a result from the cache
    holds its findings only, and builds the document (as `load`) if something reads it.
    """

    built: Document | Callable[[], Document]
    findings: tuple[Finding, ...]      # in source offsets
    errors: tuple[RuleError, ...] = ()

    @property
    def document(self) -> Document:
        if callable(self.built):
            object.__setattr__(self, "built", self.built())   # built once; the same document ever after
        return self.built


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


def load(source: str, path: str, fmt: Format, house: Mapping[str, object]) -> Document:
    """The document the rules see: the format's, with the house choices of the file's configuration."""
    doc = fmt.load(source, path)
    return replace(doc, house=house) if house else doc


# Imported at the first check: an import statement in check_source cost every file a microsecond.
_run = function("cleanup.engine", "run")


def check_source(source: str, path: str, fmt: Format, profile: Profile) -> Checked:
    doc = load(source, path, fmt, profile.house)
    result = _run(doc, profile.rules)
    findings = result.findings if doc.text is source else tuple(to_source(doc, f) for f in result.findings)
    if doc.suppressions:
        from .suppression import apply
        findings = apply(findings, doc.suppressions, profile.rules)
    return Checked(doc, findings, result.errors)


def fix_source(source: str, path: str, fmt: Format, profile: Profile, unsafe: bool) -> FixOutcome:
    from .fixes import fix_until_stable
    return fix_until_stable(source, lambda text: check_source(text, path, fmt, profile).findings, unsafe)


def file_result(path: str, original: str, text: str, checked: Checked, fmt: Format,
                outcome: FixOutcome | None = None, extra: dict | None = None) -> FileResult:
    """The one way a result is made (CLI and server alike), with the copy's metadata.

    Metadata describes the copy as it came in, so a fix that deletes a credit does not lose it.
    Metadata is the last reader of the analyses the rules shared (`Document.derived`): a
    result lives until the report is written, a 50 MB file's analyses were 40 MB of it.
    """
    from .metadata import extract
    document = checked.document if text == original else fmt.load(original, path)
    metadata = extract(document)
    checked.document.memo.clear()
    return FileResult(path, text, checked, outcome, {"metadata": metadata, **(extra or {})})
