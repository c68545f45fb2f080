"""What LanguageTool gets wrong about news copy, and how its matches are screened.

Names are most of it: a dictionary cannot know every minister, village and
company, so LanguageTool calls them misspellings. News copy marks its names
itself: a capitalised word inside a sentence, a run of capitalised words, a
capitalised word that recurs, a dateline, a byline, the house's accept list. A
misspelt name is a consistency problem (two spellings of one person), which a
dictionary cannot judge anyway.

The rest are LanguageTool rules whose advice contradicts news style; they are
listed with their reasons in rules/languagetool.toml.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from ..document import Document
from ..model import Span

NEWS_STYLE_FILE = Path(__file__).resolve().parent.parent.parent / "rules" / "languagetool.toml"

_TOKEN = regex.compile(r"[\p{L}\p{M}]+")
# What may sit between a sentence end and the next word: spaces, opening quotes and brackets.
_LEAD_IN = set(" \t\r\n\u00a0“‘\"'([")
_ENDS = set(".!?…:—–")
_CLOSERS = set("”’\"')]")
_NAME_ONLY = regex.compile(r"[\p{L}\p{M}\s'’.-]+")
# LanguageTool's US speller says when a word is standard in another variety.
_OTHER_VARIETY = regex.compile(r"\bis (?:British|American|Australian|Canadian|New Zealand|South African) English\b")
_MARKED_SCOPES = ("dateline", "byline")
_TITLE_SCOPES = ("headline", "subhead")


def _joins(previous: str, gap: str) -> bool:
    """Whether two capitalised words are one name: "Binod Gurung", "Sokolova-Kent", "T. Beaumont".

    >>> _joins("Binod", " "), _joins("T", ". "), _joins("Paris", ". ")
    (True, True, False)
    """
    return gap in (" ", "\u00a0", "-", "'", "’") or (len(previous) == 1 and gap in (".", ". "))


def _capitalised(word: str) -> bool:
    return word[0].isupper()


def _starts_sentence(text: str, start: int, floor: int) -> bool:
    """Whether the word at `start` opens a sentence (or its block), so capitals prove nothing.

    >>> t = "Talks began. “Novak said”"
    >>> _starts_sentence(t, 0, 0), _starts_sentence(t, t.index("Novak"), 0), _starts_sentence(t, 6, 0)
    (True, True, False)
    """
    i = start - 1
    while i >= floor and text[i] in _LEAD_IN:
        i -= 1
    while i >= floor and text[i] in _CLOSERS and i > floor and text[i - 1] in ".!?":
        i -= 1
    return i < floor or text[i] in _ENDS


class KnownWords:
    """The document's names, as its own text marks them, plus the house accept list."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self.names: set[str] = set()
        self.accepted = {w.casefold() for entry in doc.house.get("accept", ()) for w in _TOKEN.findall(entry)}
        seen: set[str] = set()
        for block in doc.blocks:
            title = block.scope in _TITLE_SCOPES
            before: tuple[str, int] | None = None    # the previous word and its end, if capitalised
            for m in _TOKEN.finditer(doc.text, block.span.start, block.span.end):
                word = m.group()
                if not _capitalised(word):
                    before = None
                    continue
                if word in seen:
                    self.names.add(word)           # recurs
                seen.add(word)
                if title:
                    continue                       # headline capitals are style, not evidence
                if not _starts_sentence(doc.text, m.start(), block.span.start):
                    self.names.add(word)           # a capital inside a sentence
                if before and _joins(before[0], doc.text[before[1]:m.start()]):
                    self.names.update((before[0], word))   # a multi-word name
                before = (word, m.end())

    def covers(self, span: Span) -> bool:
        """Whether LanguageTool's 'misspelling' at span is a name or an accepted word.

        Lower-case words inside the span are let through when a known name is
        there too: LanguageTool sometimes joins a name with the next word
        ("Saleh is" -> "Sale his").
        """
        if self._doc.scope_at(span.start) in _MARKED_SCOPES:
            return True
        text = self._doc.text[span.start:span.end]
        words = _TOKEN.findall(text)
        if not words or not _NAME_ONLY.fullmatch(text):
            return False
        if all(w.casefold() in self.accepted for w in words):
            return True
        capitals = [w for w in words if _capitalised(w)]
        return bool(capitals) and all(w in self.names or w.isupper() or w.casefold() in self.accepted
                                      for w in capitals)


def other_variety(message: str) -> bool:
    """Whether LanguageTool's spelling message says the word is right in another variety.

    >>> other_variety("Possible spelling mistake. ‘colour’ is British English.")
    True
    """
    return bool(_OTHER_VARIETY.search(message))


CONDITIONS = {
    # The phrase already capitalises its proper part: a style choice, not a lower-case name.
    "starts-capitalised": lambda text: text[:1].isupper(),
}


@dataclass(frozen=True)
class NewsStyle:
    """A LanguageTool rule dropped because news style says otherwise."""

    id: str
    reason: str
    scopes: frozenset[str] | None = None   # only there, when given
    when: str | None = None                # only when this condition holds, when given

    def applies(self, doc: Document, span: Span) -> bool:
        if self.scopes is not None and doc.scope_at(span.start) not in self.scopes:
            return False
        return self.when is None or CONDITIONS[self.when](doc.text[span.start:span.end])


class NewsStyleError(ValueError):
    """rules/languagetool.toml is malformed; the message names the file and the entry."""


@lru_cache(maxsize=4)
def news_style(path: Path = NEWS_STYLE_FILE) -> dict[str, NewsStyle]:
    """The entries of rules/languagetool.toml by LanguageTool id."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise NewsStyleError(f"{path}: {error}") from None
    entries = {}
    for entry in data.get("languagetool", {}).get("drop", []):
        where = f"{path}: drop {entry.get('id', '?')}"
        if not entry.get("id") or not entry.get("reason"):
            raise NewsStyleError(f"{where}: needs an id and a reason")
        if entry.get("when") not in (None, *CONDITIONS):
            raise NewsStyleError(f"{where}: unknown condition {entry['when']!r}")
        scopes = entry.get("scopes")
        entries[entry["id"]] = NewsStyle(entry["id"], " ".join(entry["reason"].split()),
                                         frozenset(scopes) if scopes else None, entry.get("when"))
    return entries
