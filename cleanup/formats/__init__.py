"""Source formats: each turns a file's text into a `Document` of prose with a map back.

A format is chosen by file extension (or `--input-format`). Rules never see markup;
findings and fixes are mapped back to the source through the document's source map.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..document import Document, build
from ..files import Codec
from . import docx, html, markdown, nitf


@dataclass(frozen=True)
class Format:
    name: str
    extensions: tuple[str, ...]
    load: Callable[[str, str], Document]   # (source text, path) -> Document
    codec: Codec | None = None             # binary formats: how bytes become the source text and back


FORMATS: dict[str, Format] = {
    "text": Format("text", (".txt", ".text"), lambda source, path: build(source, path)),
    "markdown": Format("markdown", (".md", ".markdown"), markdown.load),
    "html": Format("html", (".html", ".htm"), html.load),
    "nitf": Format("nitf", (".nitf", ".nitf.xml"), nitf.load),
    "newsml": Format("newsml", (".newsml", ".newsml.xml", ".nml"), nitf.load),
    "docx": Format("docx", (".docx",), docx.load, docx.CODEC),
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
