"""Process-wide tables of what a function made of a key, bounded in number.

Copy repeats its words, names, figures and messages from story to story, so a result
worked out once serves later documents; a server runs for weeks, so each table is
emptied when it reaches its limit instead of growing with everything it has seen.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class Memo(dict):
    """`function`'s results by argument, remembered until `limit` entries.

    A dict, so `map(memo.__getitem__, keys)` finds the known ones without a step in
    Python, and a known key costs one native lookup.

    >>> lengths = Memo(len, limit=2)
    >>> list(map(lengths.__getitem__, ["ab", "abc", "ab"])), len(lengths), lengths["abcd"], len(lengths)
    ([2, 3, 2], 2, 4, 1)
    """

    def __init__(self, function: Callable[[Any], Any], limit: int = 65536) -> None:
        super().__init__()
        self.function, self.limit = function, limit

    def __missing__(self, key: Hashable) -> Any:
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.function(key)
        return value
