"""LanguageTool's annotated text: markup and text items, of which only the text is checked.

A client such as a browser add-on or LTeX sends `data={"annotation": [{"text": …},
{"markup": …, "interpretAs": …}]}`. The prose the rules see is the text items with
each markup item replaced by its `interpretAs` (usually nothing, or a line break for
a paragraph tag); offsets in the answer count in the whole annotated string, text and
markup together, as LanguageTool's do.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass

from ..document import build
from ..formats import Format
from ..model import Span
from .errors import ApiError
from .limits import refuse_surrogates


@dataclass(frozen=True)
class Run:
    """One annotation item: where it sits in the prose and in the annotated string."""

    prose: Span
    source: Span
    markup: bool


class AnnotationMap:
    """Prose spans to spans of the annotated string; the document's source map.

    Unlike a format's map, a span that ends where markup begins ends before the markup
    (LanguageTool's `isToPos`), so a fix next to a tag never swallows the tag.

    >>> m = AnnotationMap([Run(Span(0, 3), Span(0, 3), False), Run(Span(3, 3), Span(3, 6), True),
    ...                    Run(Span(3, 6), Span(6, 9), False)])
    >>> m.to_source(Span(1, 3)), m.to_source(Span(3, 4)), m.to_source(Span(2, 4))
    (Span(start=1, end=3), Span(start=6, end=7), Span(start=2, end=7))
    """

    def __init__(self, runs: list[Run]) -> None:
        self._runs = runs
        self._source_starts = [r.source.start for r in runs]
        self._filled = [r for r in runs if r.prose]
        self._starts = [r.prose.start for r in self._filled]

    def is_text(self, offset: int) -> bool:
        """Whether the annotated string's character at `offset` is text rather than markup.

        >>> m = AnnotationMap([Run(Span(0, 1), Span(0, 1), False), Run(Span(1, 1), Span(1, 4), True)])
        >>> m.is_text(0), m.is_text(2), m.is_text(4)
        (True, False, False)
        """
        i = bisect_right(self._source_starts, offset) - 1
        return i >= 0 and offset < self._runs[i].source.end and not self._runs[i].markup

    def _holding(self, offset: int) -> Run | None:
        """The run that holds the prose character at `offset`."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self._filled[i].prose.end:
            return self._filled[i]
        return None

    def _point(self, offset: int, before: bool) -> int:
        run = self._holding(offset - 1 if before else offset)
        if run is None:
            before = not before
            run = self._holding(offset - 1 if before else offset)
        if run is None:
            return 0
        if not run.markup:
            return run.source.start + offset - run.prose.start
        return run.source.end if before else run.source.start

    def to_source(self, span: Span) -> Span:
        if not span:
            point = self._point(span.start, before=False)
            return Span(point, point)
        return Span(self._point(span.start, before=False), self._point(span.end, before=True))

    def exact(self, span: Span) -> bool:
        """False when an edge falls inside markup that stands for prose (`interpretAs`)."""
        for offset in (span.start, span.end):
            run = self._holding(offset)
            if run is not None and run.markup and run.prose.start < offset:
                return False
        return True


def parse(data: str) -> tuple[str, Format, AnnotationMap]:
    """The annotated string, a format that reads its prose, and the map between them.

    The document itself is built by the format, inside the time-limited check.

    >>> source, fmt, _ = parse('{"annotation": [{"text": "A "}, {"markup": "<b>"}, {"text": "test"},'
    ...                     ' {"markup": "</p>", "interpretAs": "\\\\n\\\\n"}]}')
    >>> source, fmt.load(source, "-").text
    ('A <b>test</p>', 'A test\\n\\n')
    """
    try:
        items = json.loads(data)["annotation"]
    except (ValueError, TypeError, KeyError):
        raise ApiError(400, "'data' must be JSON of the form {\"annotation\": [{\"text\": ...}, "
                            "{\"markup\": ..., \"interpretAs\": ...}]}") from None
    if not isinstance(items, list):
        raise ApiError(400, "'annotation' in 'data' must be a list")
    runs: list[Run] = []
    prose: list[str] = []
    source: list[str] = []
    at_prose = at_source = 0
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            raise ApiError(400, f"annotation item {n} is not an object")
        text, markup, interpret = item.get("text"), item.get("markup"), item.get("interpretAs", "")
        if (text is None) == (markup is None) or not all(isinstance(v, str) for v in (text or markup, interpret)):
            raise ApiError(400, f"annotation item {n} needs a string 'text' or a string 'markup'")
        shown, raw = (text, text) if text is not None else (interpret, markup)
        runs.append(Run(Span(at_prose, at_prose + len(shown)), Span(at_source, at_source + len(raw)), text is None))
        prose.append(shown)
        source.append(raw)
        at_prose += len(shown)
        at_source += len(raw)
    text, mapping = "".join(prose), AnnotationMap(runs)
    refuse_surrogates(text)   # what markup is read as (interpretAs); the caller checks the source
    return "".join(source), Format("languagetool-annotation", (),
                                   lambda _source, path: build(text, path, source_map=mapping)), mapping
