"""Applying fixes: non-overlapping edits together, repeated until the text settles.

Like ruff, each round takes the fixes whose edits touch no edit already taken, applies
them at once, and checks again; a fix that lost a conflict gets its turn in the next
round, against the text as it is then. Text outside edit spans is never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .model import Edit, Finding, Fix

MAX_ROUNDS = 10


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply edits that do not touch each other.

    >>> from cleanup.model import Span
    >>> apply_edits("abcdef", [Edit(Span(4, 5), "E"), Edit(Span(0, 0), ">"), Edit(Span(1, 3), "")])
    '>adEf'
    """
    pieces, cursor = [], 0
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        pieces.append(text[cursor:edit.span.start])
        pieces.append(edit.replacement)
        cursor = edit.span.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def compatible(fixes: Iterable[Fix]) -> list[Fix]:
    """The fixes, in order, that can be applied together."""
    taken: list[Fix] = []
    spans = []
    for fix in fixes:
        if any(e.span.touches(s) for e in fix.edits for s in spans):
            continue
        if any(a.span.touches(b.span) for i, a in enumerate(fix.edits) for b in fix.edits[i + 1:]):
            continue
        taken.append(fix)
        spans.extend(e.span for e in fix.edits)
    return taken


@dataclass(frozen=True)
class FixOutcome:
    text: str
    applied: tuple[Finding, ...]
    rounds: int


def fix_until_stable(text: str, check: Callable[[str], Iterable[Finding]], unsafe: bool = False,
                     max_rounds: int = MAX_ROUNDS) -> FixOutcome:
    """Fix `text` with findings from `check` (whose edit spans index `text`) until nothing applies."""
    applied: list[Finding] = []
    rounds = 0
    while rounds < max_rounds:
        fixable = [f for f in check(text) if f.fix is not None and f.fix.applies(unsafe)]
        chosen = {id(fix) for fix in compatible(f.fix for f in fixable)}
        taken = [f for f in fixable if id(f.fix) in chosen]
        if not taken:
            break
        new_text = apply_edits(text, [e for f in taken for e in f.fix.edits])
        rounds += 1
        if new_text == text:
            break
        applied.extend(taken)
        text = new_text
    return FixOutcome(text, tuple(applied), rounds)
