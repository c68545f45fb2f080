"""How a LanguageTool match is filed among our findings: category, severity, MQM type.

LanguageTool sorts its rules into its own categories (TYPOS, GRAMMAR, ...), which
are coarser than ours in some places (TYPOGRAPHY holds quote marks, decimal commas
and spacing alike) and finer in others. One table decides, so reports, the
de-duplication against our own rules and the MQM scores all agree; a few rules
are filed by id because their category would mislead an editor.

The table is printed in the README; keep both in step (`markdown_table()`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Finding, Severity

PREFIX = "LT:"


@dataclass(frozen=True)
class Filing:
    category: str       # one of model.CATEGORIES
    severity: Severity
    mqm: str            # MQM error type, as RuleMeta.mqm spells it
    # Advice to prefer one national variety (US or UK); only wanted when the house
    # has chosen one, since mixing within a document is flagged by our own rules.
    variety: bool = False


def _row(category: str, severity: str, mqm: str, variety: bool = False) -> Filing:
    return Filing(category, Severity(severity), mqm, variety)


SPELLING = _row("spelling", "warning", "Fluency/Spelling")
GRAMMAR = _row("grammar", "warning", "Fluency/Grammar")
PUNCTUATION = _row("punctuation", "warning", "Fluency/Punctuation")
STYLE = _row("style", "info", "Style/Awkward")
VARIETY = _row("style", "info", "Locale convention/Other", variety=True)

# LanguageTool category id -> our filing. Categories missing here fall back to GRAMMAR.
BY_CATEGORY: dict[str, Filing] = {
    "TYPOS": SPELLING,
    "PROPER_NOUNS": SPELLING,
    "MULTITOKEN_SPELLING": SPELLING,
    "COMPOUNDING": SPELLING,
    "GRAMMAR": GRAMMAR,
    "MISC": GRAMMAR,
    "CONFUSED_WORDS": GRAMMAR,
    "SEMANTICS": GRAMMAR,
    "AI_RULES": GRAMMAR,
    "PUNCTUATION": PUNCTUATION,
    "TYPOGRAPHY": PUNCTUATION,
    "CASING": _row("style", "warning", "Fluency/Spelling"),
    "COLLOCATIONS": _row("translationese", "warning", "Style/Awkward"),
    "NONSTANDARD_PHRASES": _row("translationese", "warning", "Style/Awkward"),
    "FALSE_FRIENDS": _row("translationese", "warning", "Accuracy/Mistranslation"),
    "REPETITIONS": _row("duplicate", "warning", "Accuracy/Addition"),
    "REDUNDANCY": STYLE,
    "STYLE": STYLE,
    "PLAIN_ENGLISH": STYLE,
    "REPETITIONS_STYLE": STYLE,
    "CREATIVE_WRITING": STYLE,
    "TON_ACADEMIC": STYLE,
    "WIKIPEDIA": STYLE,
    "GENDER_NEUTRALITY": STYLE,
    "COLLOQUIALISMS": _row("style", "info", "Fluency/Register"),
    "AMERICAN_ENGLISH": VARIETY,
    "AMERICAN_ENGLISH_STYLE": VARIETY,
    "BRITISH_ENGLISH": VARIETY,
    "BRE_STYLE_OXFORD_SPELLING": VARIETY,
    "REGIONALISMS": VARIETY,
}

QUOTES = _row("quotes", "warning", "Fluency/Punctuation")

# Rules filed by id, ahead of their category.
BY_RULE: dict[str, Filing] = {
    "EN_QUOTES": QUOTES,
    "EN_UNPAIRED_QUOTES": QUOTES,
    "GERMAN_QUOTES": QUOTES,
    "APOSTROPHE_VS_QUOTE": QUOTES,
    "COMMA_PERIOD_CONFUSION": _row("numbers", "warning", "Locale convention/Number format"),
    "DATE_WEEKDAY": _row("time", "warning", "Accuracy/Mistranslation"),
    "EN_WORD_COHERENCY": _row("consistency", "warning", "Fluency/Inconsistency"),
    "ENGLISH_WORD_REPEAT_RULE": _row("duplicate", "warning", "Accuracy/Addition"),
}

# Our categories whose finding on a word already explains LanguageTool calling it
# a misspelling: a word we call untranslated or mis-encoded is not English either.
EXPLAINS: dict[str, frozenset[str]] = {
    "untranslated": frozenset({"spelling"}),
    "encoding": frozenset({"spelling"}),
}


def filing(rule_id: str, category_id: str) -> Filing:
    """Where a LanguageTool match goes.

    >>> filing("MORFOLOGIK_RULE_EN_US", "TYPOS").category
    'spelling'
    >>> filing("GERMAN_QUOTES", "TYPOGRAPHY").category, filing("NEW_RULE", "NEW_CATEGORY").category
    ('quotes', 'grammar')
    """
    return BY_RULE.get(rule_id) or BY_CATEGORY.get(category_id, GRAMMAR)


def same_reason(ours: str, theirs: str) -> bool:
    """Whether our finding of category `ours` covers a LanguageTool one of `theirs`.

    >>> same_reason("punctuation", "punctuation"), same_reason("untranslated", "spelling")
    (True, True)
    >>> same_reason("style", "grammar")
    False
    """
    return ours == theirs or theirs in EXPLAINS.get(ours, ())


CATEGORY_NOTE = "LanguageTool category: "


def category_note(category_id: str) -> str:
    return CATEGORY_NOTE + category_id


def mqm_for(finding: Finding) -> str | None:
    """The MQM type of a LanguageTool finding; None for our own rules (their RuleMeta has it).

    Our category alone is ambiguous (CASING and STYLE both land in style), so the
    finding's notes carry LanguageTool's category and the table is consulted again.

    >>> from cleanup.model import Span
    >>> lt = Finding("LT:EN_SPECIFIC_CASE", "style", Severity.WARNING, "m", Span(0, 1),
    ...              notes=(category_note("CASING"),))
    >>> mqm_for(lt), mqm_for(Finding("PUN001", "punctuation", Severity.WARNING, "m", Span(0, 1)))
    ('Fluency/Spelling', None)
    """
    if not finding.rule.startswith(PREFIX):
        return None
    category_id = next((n[len(CATEGORY_NOTE):] for n in finding.notes if n.startswith(CATEGORY_NOTE)), "")
    return filing(finding.rule[len(PREFIX):], category_id).mqm


def markdown_table() -> str:
    """The mapping as the README shows it, generated so the two cannot drift apart."""
    lines = ["| LanguageTool | cleanup category | severity | MQM type |", "|---|---|---|---|"]
    lines += [f"| rule {rule} | {f.category} | {f.severity.value} | {f.mqm} |" for rule, f in BY_RULE.items()]
    lines += [f"| {cat} | {f.category} | {f.severity.value} | {f.mqm} |" for cat, f in BY_CATEGORY.items()]
    lines.append(f"| any other category | {GRAMMAR.category} | {GRAMMAR.severity.value} | {GRAMMAR.mqm} |")
    return "\n".join(lines)
