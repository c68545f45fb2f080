"""Word documents (DOCX): paragraphs read through python-docx, fixes written back into runs.

A DOCX is bytes, so cleanup checks a text view of it: one line per paragraph (body,
tables and text boxes, in document order), a tab as a tab and a line break inside a
paragraph as U+2028 so that it does not start a new line. Findings therefore report
line = paragraph number and column = offset in the paragraph. The rules see the
paragraphs separated by blank lines, classified like plain text.

Writing a fix back compares each changed paragraph with its fixed text and places
every difference inside the one `w:t` text element that holds it, so the run keeps
its formatting. A difference that spans two elements (text in two formats, or a tab
or break in between) cannot be placed without choosing a format for it: it is left
out and reported, and the finding stays in the report.
"""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

import regex

from ..document import Document
from ..files import Encoded, InputError, SourceFile
from .prose import Prose

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
LINE_BREAK = "\u2028"
# Run content that is text, and what it reads as (None: the element's own text).
_TEXT = {W + "t": None, W + "tab": "\t", W + "br": LINE_BREAK, W + "cr": LINE_BREAK, W + "noBreakHyphen": "\u2011"}
# Never descended into: properties, deleted text, nested paragraphs, duplicate fallbacks.
_OPAQUE = {W + "pPr", W + "rPr", W + "del", W + "p", MC + "Fallback"}
MAX_UNPACKED = 256 * 1024 * 1024   # bytes; a DOCX that unpacks to more is refused
_PARAGRAPH = regex.compile(r"[^\n]+")


@dataclass(frozen=True)
class _Piece:
    element: object      # the lxml element
    start: int           # offsets in the paragraph's text
    end: int
    editable: bool       # a w:t whose text can change


def _open(path: str, raw: bytes):
    import docx as python_docx  # imported on first use: it costs a tenth of a second
    from lxml.etree import XMLSyntaxError
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(raw)).infolist())
        if unpacked > MAX_UNPACKED:
            raise InputError(f"{path}: DOCX unpacks to {unpacked} bytes, more than {MAX_UNPACKED}")
        return python_docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as bad:
        reason = bad.args[0] if isinstance(bad, KeyError) and bad.args else bad   # KeyError quotes its text
        raise InputError(f"{path}: not a readable DOCX file ({reason})") from None


@dataclass(frozen=True)
class _Paragraph:
    element: object
    pieces: list[_Piece]

    @property
    def text(self) -> str:
        return "".join(_TEXT[p.element.tag] or p.element.text or "" for p in self.pieces)

    def removable(self) -> bool:
        """A table cell must keep one paragraph; anywhere else a paragraph may go."""
        parent = self.element.getparent()
        return parent.tag != W + "tc" or len(parent.findall(W + "p")) > 1


def _paragraphs(document) -> list[_Paragraph]:
    return [_Paragraph(p, list(_pieces(p))) for p in document.element.body.iter(W + "p")
            if not any(a.tag == MC + "Fallback" for a in p.iterancestors())]


def _pieces(paragraph) -> Iterator[_Piece]:
    offset = 0
    stack = list(reversed(paragraph))
    while stack:
        element = stack.pop()
        if element.tag in _OPAQUE:
            continue
        if element.tag in _TEXT and element.getparent().tag == W + "r":
            text = _TEXT[element.tag] or element.text or ""
            yield _Piece(element, offset, offset + len(text), _TEXT[element.tag] is None)
            offset += len(text)
        else:
            stack.extend(reversed(element))


def _holder(pieces: list[_Piece], start: int, end: int) -> _Piece | None:
    """The text element an edit of `start:end` falls in; an insertion joins the text before it."""
    for piece in pieces:
        inside = piece.start < start <= piece.end if start == end else piece.start <= start and end <= piece.end
        if piece.editable and inside:
            return piece
    if start == end:
        return next((p for p in pieces if p.editable and p.start == start), None)
    return None


class Docx:
    """The codec: a DOCX's bytes to its text view, and a fixed view back to bytes."""

    def view(self, path: str, raw: bytes) -> str:
        return "\n".join(p.text for p in _paragraphs(_open(path, raw)))

    def encode(self, source: SourceFile, text: str) -> Encoded:
        document = _open(source.path, source.raw)
        paragraphs = _paragraphs(document)
        old, new = source.text.split("\n"), text.split("\n")
        notes: list[str] = []
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag == "replace" and i2 - i1 == j2 - j1:
                for k in range(i2 - i1):
                    notes.extend(_rewrite(source.path, i1 + k + 1, paragraphs[i1 + k].pieces, old[i1 + k], new[j1 + k]))
            elif tag == "delete" and all(p.removable() for p in paragraphs[i1:i2]):
                for paragraph in paragraphs[i1:i2]:
                    paragraph.element.getparent().remove(paragraph.element)
            elif tag != "equal":
                notes.append(f"{source.path}:{i1 + 1}: fix not written: it adds, joins or splits paragraphs")
        out = io.BytesIO()
        document.save(out)
        data = out.getvalue()
        return Encoded(data, self.view(source.path, data), tuple(notes))


def _changes(old: str, new: str) -> Iterator[tuple[int, int, int, int]]:
    """The differences between two texts, a word's changes kept together so that none is half written.

    >>> [("Said , OK"[i1:i2], "Said, ok"[j1:j2]) for i1, i2, j1, j2 in _changes("Said , OK", "Said, ok")]
    [(' ', ''), ('OK', 'ok')]
    >>> list(_changes("MAMA", "mama")), list(_changes("xAyBz", "xaybz"))
    ([(0, 4, 0, 4)], [(1, 4, 1, 4)])
    """
    group: list[int] | None = None
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            if group is not None and (i2 - i1 > 2 or regex.search(r"\s", old[i1:i2]) or i2 == len(old)):
                yield tuple(group)
                group = None
        elif group is None:
            group = [i1, i2, j1, j2]
        else:
            group[1], group[3] = i2, j2
    if group is not None:
        yield tuple(group)


def _rewrite(path: str, line: int, pieces: list[_Piece], old: str, new: str) -> list[str]:
    """Place the differences between a paragraph's text and its fixed text; notes for the rest."""
    edits: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    notes = []
    for i1, i2, j1, j2 in _changes(old, new):
        piece = _holder(pieces, i1, i2)
        if piece is None:
            notes.append(f"{path}:{line}:{i1 + 1}: fix not written: {old[i1:i2]!r} → {new[j1:j2]!r} "
                         "spans text in different formats (edit it in Word)")
            continue
        edits[pieces.index(piece)].append((i1 - piece.start, i2 - piece.start, new[j1:j2]))
    for index, changes in edits.items():
        element = pieces[index].element
        value = element.text or ""
        for start, end, replacement in sorted(changes, reverse=True):
            value = value[:start] + replacement + value[end:]
        element.text = value
        if value != value.strip():
            element.set(XML_SPACE, "preserve")
    return notes


CODEC = Docx()


def load(view: str, path: str) -> Document:
    """The Document of a DOCX's text view: each non-empty paragraph a block."""
    prose = Prose(view)
    for m in _PARAGRAPH.finditer(view):
        if m.group().strip():
            prose.start_block()
            prose.text(m.start(), m.end())
    return prose.document(path, scopes=False)
