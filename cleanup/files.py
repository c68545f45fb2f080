"""Reading copy safely and writing fixes without losing anything.

Bad input is the caller's problem to report, not ours to crash on: each failure is an
`InputError` whose message names the file and the problem in one line. Fixes are
written through a temporary file and a rename, and never over a file that changed on
disk after we read it. A binary format (DOCX) brings a `Codec`: its bytes are read as a
text view that is checked and fixed like any text, and a fixed view is written back as
bytes, with a note for each edit the format could not place.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

BOM = "\ufeff"


class InputError(Exception):
    """One line: the file and what is wrong with it."""


@dataclass(frozen=True)
class Encoded:
    """What writing a fixed text puts on disk."""

    data: bytes
    text: str                    # what the written file reads as (a binary format may not place every edit)
    notes: tuple[str, ...] = ()  # one line per edit that could not be written


class Codec(Protocol):
    """A binary format's way between its bytes and the text view cleanup checks."""

    def view(self, path: str, raw: bytes) -> str: ...

    def encode(self, source: SourceFile, text: str) -> Encoded: ...


@dataclass(frozen=True)
class SourceFile:
    path: str           # as given, or as found under a given directory
    digest: bytes       # of exactly what was read, to detect changes before writing (the
                        # bytes themselves would add a big file's size to what a run holds)
    text: str           # decoded, without a leading BOM (for a binary format: its text view)
    bom: bool = False
    codec: Codec | None = None
    raw: bytes | None = None   # kept only for a binary format, whose codec rebuilds the file from it

    def encode(self, text: str) -> bytes:
        return ((BOM if self.bom else "") + text).encode("utf-8")

    def encoded(self, text: str) -> Encoded:
        if self.codec is not None:
            return self.codec.encode(self, text)
        return Encoded(self.encode(text), text)


def decode(path: str, raw: bytes) -> SourceFile:
    """The text of a file, or an InputError: a file with nothing but whitespace (or a BOM)
    holds no copy, which on a wire feed means a story was lost, so it is an error too."""
    if b"\x00" in raw:
        raise InputError(f"{path}: binary file (contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start})") from None
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    if not text:
        raise InputError(f"{path}: file is empty")
    if text.isspace():
        raise InputError(f"{path}: file has only whitespace, no text to check")
    return SourceFile(path, _digest(raw), text, bom)


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=32).digest()


def read(path: str, codec: Codec | None = None) -> SourceFile:
    """The file as text, or through `codec` as the text view of a binary format."""
    if path == "-":
        raw = sys.stdin.buffer.read()
    else:
        try:
            raw = Path(path).read_bytes()
        except FileNotFoundError:
            raise InputError(f"{path}: no such file or directory") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a directory") from None
        except OSError as error:
            raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if codec is None:
        return decode(path, raw)
    if not raw:
        raise InputError(f"{path}: file is empty")
    return SourceFile(path, _digest(raw), codec.view(path, raw), codec=codec, raw=raw)


def collect(paths: Iterable[str], extensions: Iterable[str]) -> Iterator[str | InputError]:
    """Files named or found under named directories; an error in place of each bad path."""
    suffixes = tuple(extensions)
    for given in paths:
        if given == "-":
            yield given
            continue
        path = Path(given)
        if path.is_dir():
            found = sorted(str(p) for p in path.rglob("*")
                           if p.is_file() and p.name.endswith(suffixes)
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                yield InputError(f"{given}: directory has no files to check ({', '.join(suffixes)})")
            yield from found
        elif path.exists():
            yield given
        else:
            yield InputError(f"{given}: no such file or directory")


def write_atomic(source: SourceFile, new_text: str) -> Encoded:
    """Replace the file's content with `new_text`, unless it changed since it was read."""
    path = Path(source.path)
    try:
        current = path.read_bytes()
    except OSError as error:
        raise InputError(f"{source.path}: cannot re-read before writing ({error.strerror})") from None
    if _digest(current) != source.digest:
        raise InputError(f"{source.path}: changed on disk since it was read; fixes not written")
    encoded = source.encoded(new_text)
    replace_atomic(path, encoded.data)
    return encoded


def replace_atomic(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write through a temporary file beside `path` and a rename: readers see the old or the new file, never half.

    `data` may come in pieces (a big report), written as they come. An existing file keeps
    its permissions; a new one gets those the umask allows.
    """
    if path.exists():
        mode = path.stat().st_mode & 0o7777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    import tempfile   # only a run that writes needs it
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".cleanup-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in [data] if isinstance(data, bytes) else data:
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
