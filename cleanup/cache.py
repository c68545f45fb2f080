"""Results for unchanged files, kept between runs so that checking a content repository
again is near-instant.

An entry is keyed by the file's path and everything else that decides its findings:
cleanup's own code and rule packs (with the installed versions of it and of its
libraries), the configuration (resolved values and the contents of any extra rule
packs), the rules selected for that file, its format, and every command-line option
that is not merely about presentation (so an option added later invalidates the cache
rather than being ignored by it). The entry records a hash of the bytes it was made
from, so an edited file misses and its entry is replaced. Results with an internal rule
error are not kept, since a timeout need not recur. The same database remembers which
rule packs, byte for byte, this code has verified, so a run answered from the cache
need not compile them (packs.verify).

Entries live in one SQLite database per cache directory (`.cleanup_cache/` beside the
configuration, or in the working directory without one): one file instead of a
thousand keeps both runs fast, and worker processes may write concurrently. Payloads
are JSON, never pickle: the directory lives inside a content repository, and reading it
must not be able to run code. The cache is an optimisation only: a damaged, locked or
read-only database means files are checked again, never that a run fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import marshal
import os
import sqlite3
import sys
import zlib
from collections.abc import Callable, Mapping
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from . import config, files, formats
from .model import Applicability, Edit, Finding, Fix, Severity, Span
from .packs import RULES_DIR
from .pipeline import Checked, FileResult, load

if TYPE_CHECKING:
    from .document import Document

DIRNAME = ".cleanup_cache"
DATABASE = "results-v1.sqlite"
# Options that change how results are gathered or shown, never what a file's findings are.
PRESENTATION = frozenset({"paths", "format", "output_file", "jobs", "no_cache", "baseline", "write_baseline",
                          "statistics", "exit_zero", "fail_on"})

Work = Callable[[object, argparse.Namespace], tuple[FileResult, str]]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def usable(path: str, args: argparse.Namespace) -> bool:
    """Only plain checks are cached: fixing writes files, and stdin has no identity.

    A command that does not offer --no-cache (`score`) does not use the cache either.
    """
    return not (getattr(args, "no_cache", True) or args.fix or args.diff or path == "-")


def verdicts(path: str, cfg: config.Config, args: argparse.Namespace) -> Store | None:
    """Where a run that uses the cache remembers which rule packs it verified (see packs.verify)."""
    return Store.beside(cfg) if usable(path, args) else None


def through(job, args: argparse.Namespace, work: Work) -> tuple[FileResult, str]:
    """`work(job, args)`, or its stored result when nothing that decides it has changed."""
    if not usable(job.path, args):
        return work(job, args)
    fmt = formats.for_path(job.path, args.input_format)
    source = files.read(job.path, fmt.codec)
    content = source.digest.hex()   # of the bytes read, which decide the text (or a binary format's text view)
    store = Store.beside(job.config)
    key = entry_key(job, args, fmt.name)
    found = store.get(key, content)
    if found is not None:
        findings, extra = found
        document = partial(_document, source.text, job.path, fmt.name, job.profile.house)
        return FileResult(job.path, source.text, Checked(document, findings), None, extra), ""
    read = text_hash(source.text)
    del source   # `work` reads the file again: a big file is not held twice
    result, diff = work(job, args)
    if not result.checked.errors and text_hash(result.source) == read:   # not edited while it was checked
        store.put(key, content, result)
    return result, diff


def _document(text: str, path: str, fmt: str, house: Mapping[str, object]) -> Document:
    """A hit's document, built if something reads it; the format is named so that a hit
    from a worker process can travel back."""
    return load(text, path, formats.FORMATS[fmt], house)


def text_hash(text: str, piece: int = 1 << 20) -> str:
    """`_sha(text.encode())`, encoded a piece at a time so that a big file is not copied whole.

    >>> text_hash("“é”" * 5, piece=4) == _sha(("“é”" * 5).encode())
    True
    """
    digest = hashlib.sha256()
    for start in range(0, len(text), piece):
        digest.update(text[start:start + piece].encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """cleanup's Python code, its native core and built-in rule packs, the Python that runs them
    and the installed distributions (cleanup's own version among them), read once per process."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256("\0".join([sys.version, *installed()]).encode())
    for path in sorted(package.rglob("*.py")) + sorted(package.glob("_native*")) + sorted(RULES_DIR.glob("*.toml")):
        digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def installed() -> list[str]:
    """Every installed distribution with its version, as site-packages names them
    (`regex-2024.11.6.dist-info`): an upgrade of cleanup or of a library its rules use
    changes findings without changing a line of cleanup's code. Listing the directories
    costs far less than importing importlib.metadata to ask for one version.

    >>> any(name.startswith("cleanup-") for name in installed())
    True
    """
    return sorted(name for entry in sys.path if entry.endswith(("site-packages", "dist-packages"))
                  and os.path.isdir(entry) for name in os.listdir(entry) if name.endswith(".dist-info"))


def _reading_key(text: str) -> str:
    """A pack's text with the Python that parses it (marshal's format and tomllib are its own)."""
    return _sha(f"{sys.version}\0{text}".encode("utf-8", "surrogatepass"))


def _packs_digest(paths: tuple[Path, ...]) -> str:
    """Pack files as they are now, with the code and regex engine that compile them."""
    digest = hashlib.sha256(f"{code_fingerprint()}\0{regex.__version__}".encode())
    for path in paths:
        digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=64)
def config_fingerprint(cfg: config.Config) -> str:
    """A configuration's resolved values and the contents of the extra packs it names."""
    packs = []
    for name in cfg["rule-packs"]:
        pack = (cfg.root / name).resolve()
        packs.append([str(pack), _sha(pack.read_bytes()) if pack.is_file() else None])
    return _sha(json.dumps([str(cfg.path), cfg.resolved(), packs], sort_keys=True, default=str).encode())


def entry_key(job, args: argparse.Namespace, fmt: str) -> str:
    return _sha(f"{_settings(job.config, job.profile.rules, _options(args))}\0{fmt}\0{job.path}".encode())


_SETTINGS: dict[tuple[int, int, str], tuple[config.Config, tuple, str]] = {}


def _settings(cfg: config.Config, rules: tuple, options: str) -> str:
    """Everything but the file that decides findings: the rules chosen, with their severities.

    Most files of a run share one configuration and one tuple of rules (config.rules_for
    makes it once per set of matching per-file-ignores), so the result is kept per pair
    of objects; the entry holds them, so their ids cannot be reused while it stands.
    """
    memo = (id(cfg), id(rules), options)
    if memo not in _SETTINGS:
        chosen = [(r.meta.id, r.meta.severity.value) for r in rules]
        _SETTINGS[memo] = (cfg, rules, _sha(json.dumps([code_fingerprint(), config_fingerprint(cfg), chosen,
                                                        options]).encode()))
    return _SETTINGS[memo][2]


_PARSED: list = [None, ""]   # the last command line seen and its options: one run checks every file with one


def _options(args: argparse.Namespace) -> str:
    if _PARSED[0] is not args:
        _PARSED[:] = [args, repr(sorted((key, repr(value)) for key, value in vars(args).items()
                                        if key not in PRESENTATION and not callable(value)))]
    return _PARSED[1]


class Store:
    """The entries of one cache directory, in an SQLite database opened once per process."""

    _open: dict[tuple[int, Path], Store] = {}

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._db: sqlite3.Connection | None = None

    @classmethod
    def beside(cls, cfg: config.Config) -> Store:
        """The store of a configuration's cache directory, asked for twice per file."""
        return _beside(cfg, os.getpid())

    @classmethod
    def at(cls, directory: Path) -> Store:
        # Keyed by process too: a connection must not cross a fork into a worker.
        key = (os.getpid(), directory)
        if key not in cls._open:
            cls._open[key] = cls(directory)
        return cls._open[key]

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if self._db is None:
            path = self.directory / DATABASE
            if not path.exists():
                if not create:
                    return None
                _prepare(self.directory)
            self._db = sqlite3.connect(path, timeout=10, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, text TEXT, payload TEXT)")
            self._db.execute("CREATE TABLE IF NOT EXISTS verified (digest TEXT PRIMARY KEY)")
            self._db.execute("CREATE TABLE IF NOT EXISTS readings (digest TEXT PRIMARY KEY, data BLOB)")
        return self._db

    def passed(self, paths: tuple[Path, ...]) -> bool:
        """Whether these pack files, as they are now, were verified by this version of cleanup."""
        try:
            db = self._connect(create=False)
            return bool(db and db.execute("SELECT 1 FROM verified WHERE digest = ?",
                                          (_packs_digest(paths),)).fetchone())
        except (sqlite3.Error, OSError):
            return False

    def record(self, paths: tuple[Path, ...]) -> None:
        try:
            self._connect(create=True).execute("INSERT OR IGNORE INTO verified (digest) VALUES (?)",
                                               (_packs_digest(paths),))
        except (sqlite3.Error, OSError):
            pass

    def reading(self, text: str) -> dict | None:
        """What a pack's text read as, kept in the interpreter's own format (marshal: loading it
        costs a twentieth of parsing the TOML again)."""
        try:
            db = self._connect(create=False)
            row = db and db.execute("SELECT data FROM readings WHERE digest = ?", (_reading_key(text),)).fetchone()
            return marshal.loads(row[0]) if row else None
        except (sqlite3.Error, OSError, ValueError, EOFError, TypeError):
            return None

    def remember_reading(self, text: str, data: dict) -> None:
        try:
            self._connect(create=True).execute("INSERT OR REPLACE INTO readings (digest, data) VALUES (?, ?)",
                                               (_reading_key(text), marshal.dumps(data)))
        except (sqlite3.Error, OSError, ValueError):
            pass   # a value marshal cannot hold: the pack is parsed again next time

    def get(self, key: str, text_hash: str) -> tuple[tuple[Finding, ...], dict] | None:
        """The findings and extra objects stored for this exact text, or None."""
        try:
            db = self._connect(create=False)
            row = db and db.execute("SELECT text, payload FROM entries WHERE key = ?", (key,)).fetchone()
            if not row or row[0] != text_hash:
                return None
            data = _loads(row[1])
            return tuple(decode(f) for f in data["findings"]), dict(data["extra"])
        except (sqlite3.Error, OSError, ValueError, KeyError, TypeError, IndexError, zlib.error):
            return None   # missing, stale or damaged: check the file again

    def put(self, key: str, text_hash: str, result: FileResult) -> None:
        try:
            payload = _payload(result)
        except (TypeError, ValueError):
            return        # an extra object JSON cannot hold: such results are simply not kept
        try:   # a blob of the right size, filled a piece at a time: SQLite copies a bound value twice
            db = self._connect(create=True)
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute("INSERT OR REPLACE INTO entries (key, text, payload) VALUES (?, ?, zeroblob(?))",
                                 (key, text_hash, sum(map(len, payload)))).lastrowid
                with db.blobopen("entries", "payload", row) as blob:
                    for piece in payload:
                        blob.write(piece)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except (sqlite3.Error, OSError):
            pass          # a read-only or busy cache: the file was checked, it just is not kept


@lru_cache(maxsize=64)
def _beside(cfg: config.Config, pid: int) -> Store:
    return Store.at(cfg.root / DIRNAME)


def _payload(result: FileResult) -> list[bytes]:
    """The entry's JSON in UTF-8, compressed a finding at a time: a big file's findings never exist twice.

    Compressed because a big file's payload would otherwise be as large as the file, held
    once here and once more by SQLite while it writes it. `_loads` reads both this and the
    plain JSON text of older entries.

    >>> from cleanup.document import build
    >>> f = Finding("PUN002", "punctuation", Severity.WARNING, "Space “here”", Span(3, 4))
    >>> r = FileResult("a.txt", "text", Checked(build("text"), (f, f)), None, {"metadata": None})
    >>> _loads(b"".join(_payload(r))) == json.loads(json.dumps({"extra": r.extra, "findings": [encode(f), encode(f)]}))
    True
    """
    packer = zlib.compressobj()
    parts = [packer.compress(b'{"extra": ' + json.dumps(result.extra, ensure_ascii=False).encode()
                             + b', "findings": [')]
    for n, finding in enumerate(result.findings):
        row = json.dumps(encode(finding), ensure_ascii=False).encode()
        if part := packer.compress(b", " + row if n else row):
            parts.append(part)   # most are empty (zlib holds them back): an empty bytes object each was 13 MB
    parts.append(packer.compress(b"]}") + packer.flush())
    return parts


def _loads(payload: str | bytes) -> dict:
    """A stored payload: compressed JSON, or the JSON text of an older entry."""
    return json.loads(zlib.decompress(payload) if isinstance(payload, bytes) else payload)


def _prepare(directory: Path) -> None:
    """Create the cache directory so that git and backup tools leave it alone."""
    directory.mkdir(exist_ok=True)
    (directory / ".gitignore").write_text("# Created by cleanup; results of unchanged files.\n*\n", encoding="utf-8")
    (directory / "CACHEDIR.TAG").write_text(
        "Signature: 8a477f597d28d172789f06886806bc55\n# Results cache of cleanup; safe to delete.\n",
        encoding="utf-8")


def encode(f: Finding) -> list:
    """A finding as a compact JSON list; `decode` is its inverse.

    >>> f = Finding("PUN002", "punctuation", Severity.WARNING, "Space before comma", Span(3, 4),
    ...             Fix("Remove the space", (Edit(Span(3, 4), ""),), Applicability.SAFE), ("note",))
    >>> decode(json.loads(json.dumps(encode(f)))) == f
    True
    """
    fix = None if f.fix is None else [f.fix.title, f.fix.applicability.value,
                                      [[e.span.start, e.span.end, e.replacement] for e in f.fix.edits]]
    return [f.rule, f.category, f.severity.value, f.message, f.span.start, f.span.end, fix, list(f.notes)]


_SEVERITIES = {s.value: s for s in Severity}              # a warm run decodes thousands of findings;
_APPLICABILITIES = {a.value: a for a in Applicability}   # a dict is several times faster than Enum(value)


def decode(row: list) -> Finding:
    rule, category, severity, message, start, end, fix, notes = row
    if fix is not None:
        title, applicability, edits = fix
        fix = Fix(title, tuple(Edit(Span(s, e), r) for s, e, r in edits), _APPLICABILITIES[applicability])
    return Finding(rule, category, _SEVERITIES[severity], message, Span(start, end), fix, tuple(notes))
