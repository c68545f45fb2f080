"""Baselines: adopt cleanup on an existing archive by recording today's findings, then
reporting only findings that are not in the record.

A finding is recognised by a fingerprint built from what an editor would recognise it
by: the file, the rule, the flagged text and a few characters either side of it in the
same paragraph, with whitespace collapsed; a repeat of the same thing in the same file
counts as its second, third… occurrence. Line numbers are deliberately left out, so a
paragraph inserted above does not turn old findings into new ones, and re-wrapping a
line does not either. The same fingerprints serve SARIF's partialFingerprints and
GitLab's fingerprint, so code-scanning services track findings the same way.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable

import regex

from .model import Finding, Span

VERSION = 1
CONTEXT = 16   # characters of context either side, after collapsing whitespace
_PARAGRAPH_BREAK = regex.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")


class BaselineError(ValueError):
    """One line: the baseline file and what is wrong with it."""


def normalise(text: str) -> str:
    """Whitespace collapsed to single spaces, so re-wrapped copy keeps its fingerprints.

    >>> normalise("  said\\n  the\\tminister ")
    'said the minister'
    """
    return " ".join(text.split())


def context(source: str, span: Span) -> tuple[str, str]:
    """A little normalised text before and after the span, never reaching into another paragraph.

    >>> context("Headline\\n\\nThe talks , officials\\nsaid.", Span(20, 21))
    ('The talks', 'officials said.')
    """
    before = _PARAGRAPH_BREAK.split(source[max(0, span.start - 4 * CONTEXT):span.start])[-1]
    after = _PARAGRAPH_BREAK.split(source[span.end:span.end + 4 * CONTEXT])[0]
    return normalise(before)[-CONTEXT:], normalise(after)[:CONTEXT]


def fingerprints(path: str, source: str, findings: Iterable[Finding]) -> list[str]:
    """One fingerprint per finding, in order; identical-looking findings get their occurrence number.

    >>> from cleanup.model import Severity
    >>> f = lambda start: Finding("PUN002", "punctuation", Severity.WARNING, "m", Span(start, start + 1))
    >>> text = "One , two.\\n\\nOne , two."
    >>> a, b = fingerprints("a.txt", text, [f(3), f(15)])
    >>> a != b, fingerprints("a.txt", "New paragraph.\\n\\n" + text, [f(19), f(31)]) == [a, b]
    (True, True)
    """
    seen: Counter[str] = Counter()
    prints = []
    for finding in findings:
        before, after = context(source, finding.span)
        flagged = normalise(source[finding.span.start:finding.span.end])
        identity = "\0".join((path, finding.rule, flagged, before, after))
        seen[identity] += 1
        prints.append(hashlib.sha256(f"{identity}\0{seen[identity]}".encode()).hexdigest()[:32])
    return prints


def entries(path: str, source: str, findings: Iterable[Finding]) -> list[dict]:
    """What a baseline records for one file: enough to read it, keyed by fingerprint."""
    findings = list(findings)
    return [{"fingerprint": fp, "path": path, "rule": f.rule, "text": source[f.span.start:f.span.end][:80]}
            for fp, f in zip(fingerprints(path, source, findings), findings)]


def new(path: str, source: str, findings: Iterable[Finding], known: frozenset[str]) -> tuple[Finding, ...]:
    """The findings whose fingerprints the baseline does not hold.

    >>> from cleanup.model import Severity
    >>> f = Finding("PUN002", "punctuation", Severity.WARNING, "m", Span(3, 4))
    >>> new("a.txt", "One , two.", [f], frozenset(fingerprints("a.txt", "One , two.", [f])))
    ()
    """
    findings = list(findings)
    return tuple(f for fp, f in zip(fingerprints(path, source, findings), findings) if fp not in known)


def dumps(records: Iterable[dict]) -> str:
    """The baseline file: sorted, one entry per line, so it diffs well under version control."""
    rows = sorted(records, key=lambda r: (r["path"], r["rule"], r["fingerprint"]))
    body = ",\n".join("    " + json.dumps(row, ensure_ascii=False, sort_keys=True) for row in rows)
    return f'{{\n  "version": {VERSION},\n  "findings": [' + (f"\n{body}\n  " if rows else "") + "]\n}\n"


def loads(text: str, where: str) -> frozenset[str]:
    """The fingerprints in a baseline file's text.

    >>> sorted(loads(dumps([{"fingerprint": "ab", "path": "a.txt", "rule": "PUN001", "text": "."}]), "b.json"))
    ['ab']
    >>> loads('{"version": 9}', "b.json")
    Traceback (most recent call last):
    cleanup.baseline.BaselineError: b.json: not a cleanup baseline (version 1 expected)
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(f"{where}: not valid JSON ({error})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{where}: not a cleanup baseline (version {VERSION} expected)")
    try:
        return frozenset(row["fingerprint"] for row in data["findings"])
    except (TypeError, KeyError):
        raise BaselineError(f"{where}: an entry has no fingerprint") from None
