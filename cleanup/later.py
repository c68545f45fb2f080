"""Functions and objects of a module that is imported only when first used.

A run answered from the results cache reads each file and prints stored findings: it
should not pay to import the format parsers and report writers it never calls. A
registry (formats, reports) names its entries through these, so listing it for the
command line stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module


def function(module: str, name: str) -> Callable:
    """`module.name`, imported at the first call and kept: a format's `load` is called for
    every file, and `import_module` of a loaded module still takes a module lock in Python.

    >>> dumps = function("json", "dumps")
    >>> dumps([1]), dumps.__qualname__
    ('[1]', 'json.dumps')
    """
    found: Callable | None = None

    def call(*args, **kwargs):
        nonlocal found
        if found is None:
            found = getattr(import_module(module), name)
        return found(*args, **kwargs)
    call.__qualname__ = f"{module}.{name}"
    return call


class Attribute:
    """`module.name` (an object), imported when one of its public attributes is first read.

    >>> Attribute("string", "Template").delimiter
    '$'
    >>> Attribute("string", "Template").__name__
    Traceback (most recent call last):
    AttributeError: __name__
    """

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def __getattr__(self, attribute: str):
        if attribute.startswith("_"):   # pickling and copying look these up on a half-built object
            raise AttributeError(attribute)
        return getattr(getattr(import_module(self.module), self.name), attribute)
