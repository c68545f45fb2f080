"""A period closing a headline: news headlines carry no final period.

Plain text has no markup saying which line is the headline, and a one-sentence lead
paragraph looks much like one; so a first line counts as a headline only when it reads
like one: most of its longer words capitalised, or a source credit after a dash.
Whether a headline may end in a period is a house choice (`headline-period = true`).
"""

from __future__ import annotations

import regex

from ..document import Document
from ..model import Applicability, Edit, Finding, Fix, RuleMeta, Span
from . import register

_CREDIT = regex.compile(r"\s[-–—|]\s+\p{Lu}[\p{L}\d.' ]*\.$")
_LONG_WORD = regex.compile(r"\b\p{L}{4,}\b")


def reads_like_headline(line: str) -> bool:
    """Title case (up to 25 words), or a dash-separated source credit at the end (up to 45).

    >>> reads_like_headline("Ministry Welcomes Decision on Port Fees.")
    True
    >>> reads_like_headline("Exports rose in March - China News Network.")
    True
    >>> reads_like_headline("The talks ended on Friday without a deal.")
    False
    """
    if _CREDIT.search(line):
        return len(line.split()) <= 45
    words = _LONG_WORD.findall(line)
    return len(line.split()) <= 25 and len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


@register("headline.period")
def headline_period(doc: Document, meta: RuleMeta, lists) -> tuple[Finding, ...]:
    if doc.house.get("headline-period") or len(doc.blocks) < 2:
        return ()
    first = doc.blocks[0].span
    start, end, text = first.start, first.end, doc.text
    # A single line ending in one period and holding no other sentence end, asked of the
    # text in place: the first block may be a long paragraph, copied only to be read as a headline.
    if (end == start or text[end - 1] != "." or end - start >= 2 and text.startswith("..", end - 2)
            or text.find("\n", start, end) >= 0 or text.find(". ", start, end - 1) >= 0
            or not reads_like_headline(text[start:end])):
        return ()
    period = Span(end - 1, end)
    return (meta.finding(period, Fix("Remove the period", (Edit(period, ""),), Applicability.SAFE)),)
