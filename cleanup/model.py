"""The finding model every part of cleanup speaks.

One offset system everywhere: half-open code-point offsets into the text the rules
saw. Lines, columns and LanguageTool's UTF-16 units are computed only at the edges,
so a span never has to be translated twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from .memo import Memo

CATEGORIES = (
    "punctuation", "quotes", "attribution", "translationese", "grammar", "spelling",
    "consistency", "boilerplate", "time", "encoding", "untranslated", "duplicate",
    "style", "numbers",
)


_SHARED = Memo(str, limit=1 << 16)   # a string is its own first copy
_SHARED_LONGEST = 400   # characters: the table is bounded in size as well as in number


def shared(text: str) -> str:
    """One copy of equal strings.

    A wire archive repeats the same stories, so thousands of findings carry equal messages,
    fix titles and replacements: each kept once, a finding weighs about a fifth less.
    Unlike `sys.intern`, the table is emptied when it grows large, so a server that runs
    for weeks keeps no message beyond its use; a message quoting a whole paragraph is not
    kept at all (65,536 messages quoting a 100,000-character run of Chinese would be 13 GB).

    >>> a, b = "".join(["Delete ", "it"]), "".join(["Delete ", "it"])
    >>> a is b, shared(a) is shared(b)
    (False, True)
    >>> long = "x" * (_SHARED_LONGEST + 1)
    >>> shared(long) is long, long in _SHARED
    (True, False)
    """
    if len(text) > _SHARED_LONGEST:   # quotes a paragraph (a run of Chinese): kept by its finding alone
        return text
    return _SHARED[text]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse, so `--fail-on` can compare severities.

        >>> Severity.ERROR.rank > Severity.WARNING.rank > Severity.INFO.rank
        True
        """
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Applicability(str, Enum):
    """How much a fix can be trusted, decided per match as ruff does."""

    SAFE = "safe"        # applied by `--fix`
    UNSAFE = "unsafe"    # applied only with `--unsafe-fixes`: may change meaning
    DISPLAY = "display"  # shown to a person, never applied automatically


_END_BITS = 32
_END = (1 << _END_BITS) - 1
_new_int = int.__new__   # bound once: thousands of spans a document


class Span(int):
    """Half-open [start, end) in code points; an empty span marks a point.

    >>> Span(2, 5).overlaps(Span(4, 9)), Span(2, 5).overlaps(Span(5, 9))
    (True, False)
    >>> Span(2, 5), Span(2, 5) < Span(2, 6) < Span(3, 3), bool(Span(3, 3)), Span(1, 2) == Span(1, 2)
    (Span(start=2, end=5), True, False, True)

    A document holds a span for every paragraph, quotation and finding, a wire archive
    millions: so a span is one integer, `start` above 32 bits and `end` below them (an
    immutable object of 32 bytes the garbage collector never visits), where a dataclass
    of two integers took 112. Integers order as (start, end) tuples do. Texts stay below
    4G code points.

    Equality, order and hash are the integer's own. Methods of its own (an `__eq__` that
    answered NotImplemented for anything but a span, and so gave the integer's answer
    anyway) made every comparison of spans, in each sort, bisection and finding's
    equality, a Python call.
    """

    __slots__ = ()

    def __new__(cls, start: int, end: int) -> Span:
        if not 0 <= start <= end <= _END:
            raise ValueError(f"bad span [{start}, {end})")
        return _new_int(cls, start << _END_BITS | end)

    @classmethod
    def each(cls, pairs: Sequence[tuple[int, int]]) -> list[Span]:
        """A span for each (start, end) pair, made in one comprehension: a document's thousands
        of paragraphs cost half what a call of the constructor each would.

        >>> Span.each([(0, 4), (6, 6)])
        [Span(start=0, end=4), Span(start=6, end=6)]
        >>> Span.each([(0, 4), (6, 5)])
        Traceback (most recent call last):
        ValueError: bad span among 2 pairs
        """
        new = int.__new__
        spans = [new(cls, start << _END_BITS | end) for start, end in pairs if 0 <= start <= end <= _END]
        if len(spans) != len(pairs):
            raise ValueError(f"bad span among {len(pairs)} pairs")
        return spans

    # Read millions of times a run: a bound method of an int constant computes the end
    # without a Python frame (`_END_BITS.__rrshift__(span)` is span >> 32), twice as fast
    # as a function.
    start = property(_END_BITS.__rrshift__, doc="First code point.")
    end = property(_END.__rand__, doc="One past the last code point.")

    def __repr__(self) -> str:
        return f"Span(start={self.start}, end={self.end})"

    __str__ = __repr__

    def __bool__(self) -> bool:
        return self.end != self.start

    def __getnewargs__(self) -> tuple[int, int]:
        return self.start, self.end

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def touches(self, other: Span) -> bool:
        """Overlap, or a point inside or at the edge of the other span.

        Two edits that touch cannot be applied together without one deciding the
        order of the other's text, so the fixer treats touching as a conflict.

        >>> Span(3, 3).touches(Span(3, 6)), Span(1, 3).touches(Span(3, 4))
        (True, False)
        """
        if self.overlaps(other):
            return True
        if not self or not other:
            return other.start <= self.start <= other.end or self.start <= other.start <= self.end
        return False

    def shift(self, delta: int) -> Span:
        return Span(self.start + delta, self.end + delta)


# Findings, fixes and edits are made thousands of times a run. A frozen dataclass's own
# __init__ sets each field through `object.__setattr__`, which looks the slot up again for
# every field; these set each slot through its own descriptor's setter, bound once below the
# class, in half the time. They stay frozen: assigning a field afterwards still raises.


@dataclass(frozen=True, slots=True, init=False)
class Edit:
    """Replace `span` with `replacement`: an empty replacement deletes, an empty span inserts.

    >>> Edit(Span(1, 2), "x"), Edit(span=Span(1, 1), replacement="") == Edit(Span(1, 1), "")
    (Edit(span=Span(start=1, end=2), replacement='x'), True)
    """

    span: Span
    replacement: str

    def __init__(self, span: Span, replacement: str) -> None:
        _EDIT_SPAN(self, span)
        _EDIT_REPLACEMENT(self, shared(replacement))


_EDIT_SPAN, _EDIT_REPLACEMENT = Edit.span.__set__, Edit.replacement.__set__   # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True, init=False)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    def __init__(self, title: str, edits: tuple[Edit, ...], applicability: Applicability = Applicability.SAFE) -> None:
        _FIX_TITLE(self, shared(title))
        _FIX_EDITS(self, edits)
        _FIX_APPLICABILITY(self, applicability)

    def applies(self, unsafe: bool) -> bool:
        if self.applicability is Applicability.SAFE:
            return True
        return unsafe and self.applicability is Applicability.UNSAFE


_FIX_TITLE, _FIX_EDITS, _FIX_APPLICABILITY = (  # type: ignore[attr-defined]
    Fix.title.__set__, Fix.edits.__set__, Fix.applicability.__set__)


@dataclass(frozen=True, slots=True, init=False)
class Finding:
    """What a rule found, where, and how to fix it.

    >>> f = Finding("PUN001", "punctuation", Severity.INFO, "m", Span(0, 2))
    >>> f.fix, f.notes, f == Finding("PUN001", "punctuation", Severity.INFO, "m", Span(0, 2), None, ())
    (None, (), True)
    >>> f.rule = "X"
    Traceback (most recent call last):
    dataclasses.FrozenInstanceError: cannot assign to field 'rule'
    """

    rule: str
    category: str
    severity: Severity
    message: str
    span: Span
    fix: Fix | None = None
    # Extra, rule-specific facts a report may show (e.g. LanguageTool alternatives).
    notes: tuple[str, ...] = ()

    def __init__(self, rule: str, category: str, severity: Severity, message: str, span: Span,
                 fix: Fix | None = None, notes: tuple[str, ...] = ()) -> None:
        _RULE(self, rule)
        _CATEGORY(self, category)
        _SEVERITY(self, severity)
        _MESSAGE(self, message)
        _SPAN(self, span)
        _FIX(self, fix)
        _NOTES(self, notes)

    @property
    def sort_key(self) -> tuple[Span, str]:
        """By start, end, then rule: spans order as their (start, end) pairs, and need no new integers."""
        return (self.span, self.rule)


_RULE, _CATEGORY, _SEVERITY, _MESSAGE, _SPAN, _FIX, _NOTES = (  # type: ignore[attr-defined]
    Finding.rule.__set__, Finding.category.__set__, Finding.severity.__set__, Finding.message.__set__,
    Finding.span.__set__, Finding.fix.__set__, Finding.notes.__set__)


@dataclass(frozen=True, slots=True)
class Example:
    """A rule's own test case: `text` marks the reported span as ⟦…⟧ when incorrect.

    `format` names the source format the text is written in (plain text unless a rule
    is about markup, such as a suppression comment); spans are then source offsets.
    """

    text: str
    correction: str | None = None
    format: str = "text"

    MARK_OPEN = "⟦"
    MARK_CLOSE = "⟧"

    @property
    def incorrect(self) -> bool:
        return self.MARK_OPEN in self.text

    def unmarked(self) -> tuple[str, Span | None]:
        """The plain text and the marked span.

        >>> Example("a⟦.⟧ b").unmarked()
        ('a. b', Span(start=1, end=2))
        """
        start = self.text.find(self.MARK_OPEN)
        if start < 0:
            return self.text, None
        end = self.text.index(self.MARK_CLOSE) - 1
        plain = self.text.replace(self.MARK_OPEN, "", 1).replace(self.MARK_CLOSE, "", 1)
        return plain, Span(start, end)


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """What a rule is, for people and for reports; the same for data and Python rules."""

    id: str
    name: str
    category: str
    severity: Severity
    summary: str            # what it finds
    why: str                # why it matters to an editor
    message: str            # the finding's message; may use {placeholders} from the match
    fix_safety: str         # one line on when its fix is safe, or "no fix"
    mqm: str                # MQM error type this maps to, e.g. "Fluency/Punctuation"
    scopes: frozenset[str]  # scopes the rule looks at
    examples: tuple[Example, ...] = field(default=())
    pack: str = ""

    def finding(self, span: Span, fix: Fix | None = None, message: str | None = None,
                notes: tuple[str, ...] = ()) -> Finding:
        return Finding(self.id, self.category, self.severity, shared(message) if message else self.message, span,
                       fix, notes)
