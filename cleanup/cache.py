"""Results for unchanged files, kept between runs so that checking a content repository
again is near-instant.

An entry is named by the file's path and everything else that decides its findings:
cleanup's own code and rule packs (with its version), the configuration (resolved
values and the contents of any extra rule packs), the rules selected for that file,
its format, and every command-line option that is not merely about presentation (so an
option added later invalidates the cache rather than being ignored by it). The entry
records a hash of the text it was made from, so an edited file misses and its entry is
overwritten. Entries are JSON, not pickle: the directory lives inside a content
repository, and reading it must never run code. Results with an internal rule error
are not kept, since a timeout need not recur. The document is rebuilt from the text on
a hit (a small part of the cost) because scores and other reports read it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from . import config, files, formats
from .model import Applicability, Edit, Finding, Fix, Severity, Span
from .packs import RULES_DIR
from .pipeline import Checked, FileResult
from .report import tool_version

DIRNAME = ".cleanup_cache"
LAYOUT = "v1"
# Options that change how results are gathered or shown, never what a file's findings are.
PRESENTATION = frozenset({"paths", "format", "output_file", "jobs", "no_cache", "baseline", "write_baseline",
                          "statistics", "exit_zero", "fail_on"})

Work = Callable[[object, argparse.Namespace], tuple[FileResult, str]]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def usable(path: str, args: argparse.Namespace) -> bool:
    """Only plain checks are cached: fixing writes files, and stdin has no identity."""
    return not (args.no_cache or args.fix or args.diff or path == "-")


def through(job, args: argparse.Namespace, work: Work) -> tuple[FileResult, str]:
    """`work(job, args)`, or its stored result when nothing that decides it has changed."""
    if not usable(job.path, args):
        return work(job, args)
    text = files.read(job.path).text
    entry = entry_path(job, args)
    findings = load(entry, _sha(text.encode()))
    if findings is not None:
        return rebuild(job, args, text, *findings), ""
    result, diff = work(job, args)
    if not result.checked.errors:
        store(entry, result)
    return result, diff


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """cleanup's version, Python code and built-in rule packs, read once per process."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(tool_version().encode())
    for path in sorted(package.rglob("*.py")) + sorted(RULES_DIR.glob("*.toml")):
        digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=64)
def config_fingerprint(cfg: config.Config) -> str:
    """A configuration's resolved values and the contents of the extra packs it names."""
    packs = []
    for name in cfg["rule-packs"]:
        pack = (cfg.root / name).resolve()
        packs.append([str(pack), _sha(pack.read_bytes()) if pack.is_file() else None])
    return _sha(json.dumps([str(cfg.path), cfg.resolved(), packs], sort_keys=True, default=str).encode())


def entry_path(job, args: argparse.Namespace) -> Path:
    options = sorted((key, repr(value)) for key, value in vars(args).items()
                     if key not in PRESENTATION and not callable(value))
    rules = [(r.meta.id, r.meta.severity.value) for r in job.profile.rules]
    fmt = formats.for_path(job.path, args.input_format).name
    key = json.dumps([code_fingerprint(), config_fingerprint(job.config), job.path, fmt, rules, options])
    return job.config.root / DIRNAME / LAYOUT / f"{_sha(key.encode())}.json"


def load(entry: Path, text_hash: str) -> tuple[tuple[Finding, ...], dict] | None:
    """The findings and extra objects stored for this exact text, or None."""
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        if data["text"] != text_hash:
            return None
        return tuple(decode(row) for row in data["findings"]), dict(data["extra"])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None   # missing, stale or damaged: check the file again


def store(entry: Path, result: FileResult) -> None:
    try:
        data = json.dumps({"text": _sha(result.source.encode()), "extra": result.extra,
                           "findings": [encode(f) for f in result.findings]}, ensure_ascii=False)
    except (TypeError, ValueError):
        return        # an extra object JSON cannot hold; such results are simply not kept
    try:
        _prepare(entry.parent.parent)
        entry.parent.mkdir(exist_ok=True)
        files.replace_atomic(entry, data.encode("utf-8"), durable=False)
    except OSError:
        pass          # a read-only checkout still gets checked, just not cached


def _prepare(directory: Path) -> None:
    """Create the cache directory so that git and backup tools leave it alone."""
    if directory.is_dir():
        return
    directory.mkdir(exist_ok=True)
    (directory / ".gitignore").write_text("# Created by cleanup; results of unchanged files.\n*\n", encoding="utf-8")
    (directory / "CACHEDIR.TAG").write_text(
        "Signature: 8a477f597d28d172789f06886806bc55\n# Results cache of cleanup; safe to delete.\n",
        encoding="utf-8")


def rebuild(job, args: argparse.Namespace, text: str, findings: tuple[Finding, ...], extra: dict) -> FileResult:
    doc = formats.for_path(job.path, args.input_format).load(text, job.path)
    if job.profile.house:
        doc = replace(doc, house=job.profile.house)
    return FileResult(job.path, text, Checked(doc, findings), None, extra)


def encode(f: Finding) -> list:
    """A finding as a compact JSON list; `decode` is its inverse.

    >>> f = Finding("PUN002", "punctuation", Severity.WARNING, "Space before comma", Span(3, 4),
    ...             Fix("Remove the space", (Edit(Span(3, 4), ""),), Applicability.SAFE), ("note",))
    >>> decode(json.loads(json.dumps(encode(f)))) == f
    True
    """
    fix = None if f.fix is None else [f.fix.title, f.fix.applicability.value,
                                      [[e.span.start, e.span.end, e.replacement] for e in f.fix.edits]]
    return [f.rule, f.category, f.severity.value, f.message, f.span.start, f.span.end, fix, list(f.notes)]


def decode(row: list) -> Finding:
    rule, category, severity, message, start, end, fix, notes = row
    if fix is not None:
        title, applicability, edits = fix
        fix = Fix(title, tuple(Edit(Span(s, e), r) for s, e, r in edits), Applicability(applicability))
    return Finding(rule, category, Severity(severity), message, Span(start, end), fix, tuple(notes))
