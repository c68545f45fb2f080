"""`cleanup check --grammar`: LanguageTool's findings joined to ours for one file.

check.py calls `add_arguments` and `extend` and nothing else, so the grammar layer
stays out of the way of every other flag. Without --grammar (or `grammar = true`
in configuration) `extend` returns at once: nothing is imported, no socket opened.

When ours and LanguageTool's flag the same span for the same reason, ours is
reported once, with LanguageTool's rule id in its notes: our message and fix are
written for MT copy, and one problem should cost an editor one keystroke.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from .. import config, files
from ..engine import matches
from ..model import Finding
from ..pipeline import Checked, to_source
from .client import DEFAULT_URL, URL_ENV, GrammarUnavailable, resolve_url
from .mapping import PREFIX, same_reason

AGREES_NOTE = "also found by LanguageTool: "


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--grammar", action=argparse.BooleanOptionalAction, default=None,
                        help="also check grammar and spelling with LanguageTool (config: grammar)")
    parser.add_argument("--languagetool-url", metavar="URL",
                        help=f"LanguageTool server (default: ${URL_ENV}, config languagetool-url, {DEFAULT_URL})")


def enabled(args: argparse.Namespace, cfg: config.Config) -> bool:
    flag = getattr(args, "grammar", None)
    return cfg["grammar"] if flag is None else flag


def extend(checked: Checked, job, args: argparse.Namespace) -> Checked:
    """`checked` with LanguageTool's findings added, if grammar is on for this file.

    Raises files.InputError naming the file when LanguageTool cannot be used, so
    the run ends with exit 2 rather than a report that looks clean.
    """
    cfg = job.config
    if not enabled(args, cfg):
        return checked
    from .screen import screen
    chosen, ignored = _selectors(job, args)
    url = resolve_url(getattr(args, "languagetool_url", None), cfg["languagetool-url"])
    doc = checked.document
    try:
        screened = screen(doc, url, keep={s for s in chosen if s.startswith(PREFIX)})
    except GrammarUnavailable as error:
        raise files.InputError(f"{job.path}: {error}") from None
    severities = cfg["severity"]
    theirs = [replace(to_source(doc, f), severity=severities.get(f.rule, f.severity)) for f in screened.kept
              if any(matches(f.rule, f.category, s) for s in chosen)
              and not any(matches(f.rule, f.category, s) for s in ignored)]
    return replace(checked, findings=merge(checked.findings, theirs))


def _selectors(job, args: argparse.Namespace) -> tuple[list[str], list[str]]:
    """The file's select and ignore lists, combined exactly as for our own rules."""
    cli = config.Selection(*(tuple(getattr(args, name, None) or ()) for name in ("select", "extend_select", "ignore")))
    return config.selectors(job.config, config.matched_ignores(job.config, config.relative_to_root(job.config, job.path)),
                            cli)


def merge(ours: tuple[Finding, ...], theirs: list[Finding]) -> tuple[Finding, ...]:
    """Ours and LanguageTool's, with each of theirs that repeats one of ours folded into it.

    >>> from cleanup.model import Severity, Span
    >>> mine = Finding("PUN002", "punctuation", Severity.WARNING, "Space before punctuation", Span(5, 6))
    >>> lt = [Finding("LT:COMMA_PARENTHESIS_WHITESPACE", "punctuation", Severity.WARNING, "m", Span(5, 7)),
    ...       Finding("LT:MORFOLOGIK_RULE_EN_US", "spelling", Severity.WARNING, "m", Span(5, 7))]
    >>> [(f.rule, f.notes) for f in merge((mine,), lt)]  # doctest: +NORMALIZE_WHITESPACE
    [('PUN002', ('also found by LanguageTool: LT:COMMA_PARENTHESIS_WHITESPACE',)),
     ('LT:MORFOLOGIK_RULE_EN_US', ())]
    """
    merged = list(ours)
    kept: list[Finding] = []
    for their in theirs:
        twins = [i for i, mine in enumerate(merged)
                 if not mine.rule.startswith(PREFIX) and same_reason(mine.category, their.category)
                 and mine.span.touches(their.span)]
        if not twins:
            kept.append(their)
        for i in twins:
            note = AGREES_NOTE + their.rule
            if note not in merged[i].notes:
                merged[i] = replace(merged[i], notes=merged[i].notes + (note,))
    return tuple(sorted(merged + kept, key=lambda f: f.sort_key))
