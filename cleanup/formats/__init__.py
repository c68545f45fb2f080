"""Source formats: each turns a file's text into a `Document` of prose with a map back.

A format is chosen by file extension (or `--input-format`). Rules never see markup;
findings and fixes are mapped back to the source through the document's source map.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from typing import TYPE_CHECKING

from ..later import Attribute, function

if TYPE_CHECKING:
    from ..document import Document
    from ..files import Codec


@dataclass(frozen=True)
class Format:
    name: str
    extensions: tuple[str, ...]
    load: Callable[[str, str], Document]   # (source text, path) -> Document
    codec: Codec | None = None             # binary formats: how bytes become the source text and back


FORMATS: dict[str, Format] = {
    # Parsers load on first use: a run the cache answers parses nothing.
    "text": Format("text", (".txt", ".text"), function("cleanup.document", "build")),
    "markdown": Format("markdown", (".md", ".markdown"), function(f"{__name__}.markdown", "load")),
    "html": Format("html", (".html", ".htm"), function(f"{__name__}.html", "load")),
    "nitf": Format("nitf", (".nitf", ".nitf.xml"), function(f"{__name__}.nitf", "load")),
    "newsml": Format("newsml", (".newsml", ".newsml.xml", ".nml"), function(f"{__name__}.nitf", "load")),
    "docx": Format("docx", (".docx",), function(f"{__name__}.docx", "load"), Attribute(f"{__name__}.docx", "CODEC")),
}


def for_path(path: str, forced: str | None = None) -> Format:
    """The format named by `forced`, else by the path's extension; plain text otherwise."""
    if forced:
        return FORMATS[forced]
    lowered = path.lower()
    for fmt in FORMATS.values():
        if lowered.endswith(fmt.extensions):
            return fmt
    return FORMATS["text"]


def extensions() -> tuple[str, ...]:
    return tuple(ext for fmt in FORMATS.values() for ext in fmt.extensions)
