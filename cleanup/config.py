"""Configuration: `[tool.cleanup]` in pyproject.toml, or cleanup.toml / .cleanup.toml.

Found by walking up from each checked file, as ruff does, so one repository can hold
copy with different house rules; `--config` overrides the search. Every key is
declared once in `KEYS` with its check, so an unknown key or a bad value stops the run
with one line naming the file and the key rather than being silently ignored.
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from .engine import select, validate_selectors
from .model import Severity
from .packs import PackError, Rule, Verdicts, builtin_rules

CONFIG_NAMES = (".cleanup.toml", "cleanup.toml", "pyproject.toml")


class ConfigError(ValueError):
    """One line: the configuration file, the key and what is wrong."""


def _strings(value) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("must be a list of strings")
    return value


def _choice(*allowed: str) -> Callable:
    def check(value):
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(map(repr, allowed))}")
        return value
    return check


def _boolean(value):
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("must be a number")
    return value


def _table_of(check: Callable) -> Callable:
    def table(value):
        if not isinstance(value, dict):
            raise ValueError("must be a table")
        return {k: check(v) for k, v in value.items()}
    return table


def _severity(value):
    return Severity(_choice(*(s.value for s in Severity))(value))


def _string(value):
    if not isinstance(value, str):
        raise ValueError("must be a string")
    return value


# Every key cleanup understands: name -> (check, default).
KEYS: dict[str, tuple[Callable, object]] = {
    "select": (_strings, ["ALL"]),
    "extend-select": (_strings, []),
    "ignore": (_strings, []),
    "per-file-ignores": (_table_of(_strings), {}),
    # Files a directory scan passes over (globs relative to this file's directory).
    "exclude": (_strings, []),
    "severity": (_table_of(_severity), {}),
    "rule-packs": (_strings, []),
    "fail-on": (_choice("error", "warning", "info"), "warning"),
    # House choices; unset means only mixing within one document is flagged.
    "spelling": (_choice("us", "uk"), None),
    "quotes": (_choice("curly", "straight"), None),
    # News style: headlines carry no final period. true allows one.
    "headline-period": (_boolean, False),
    "accept": (_strings, []),
    "grammar": (_boolean, False),
    "languagetool-url": (_string, None),
    "fail-under": (_number, None),
    "max-grade": (_number, None),
    "mqm-weights": (_table_of(_number), {"minor": 1, "major": 5, "critical": 25}),
}
HOUSE_KEYS = ("spelling", "quotes", "accept", "headline-period")


@dataclass(frozen=True, eq=False)
class Config:
    """One configuration file's values; compared by identity, as each file is loaded once."""

    values: dict = field(default_factory=dict)
    path: Path | None = None      # where it was read from; None for defaults

    def __getitem__(self, key: str):
        return self.values[key] if key in self.values else KEYS[key][1]

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def house(self) -> dict:
        return {key: self[key] for key in HOUSE_KEYS}

    def resolved(self) -> dict:
        return {key: self[key] for key in KEYS}


def parse(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("cleanup", {})
    values = {}
    for key, value in data.items():
        if key not in KEYS:
            raise ConfigError(f"{path}: unknown key {key!r}")
        try:
            values[key] = KEYS[key][0](value)
        except ValueError as bad:
            raise ConfigError(f"{path}: key {key!r} {bad}") from None
    return Config(values, path)


def _declares(path: Path) -> bool:
    if path.name != "pyproject.toml":
        return True
    try:
        return "cleanup" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


@lru_cache(maxsize=256)
def _find_in(directory: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = directory / name
        if candidate.is_file() and _declares(candidate):
            return candidate
    return None if directory.parent == directory else _find_in(directory.parent)


@lru_cache(maxsize=64)
def _load(path: Path | None) -> Config:
    return parse(path) if path else Config()


def for_file(path: str, forced: str | None = None) -> Config:
    """The configuration that governs `path` (stdin is governed from the working directory)."""
    if forced:
        return _load(Path(forced).resolve())
    start = Path.cwd() if path == "-" else _resolved(os.getcwd(), path).parent
    return _load(_find_in(start))


@dataclass(frozen=True)
class Selection:
    """What the command line adds to a configuration's rule selection."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def rules_for(config: Config, relative: str, cli: Selection = Selection(),
              verdicts: Verdicts | None = None) -> tuple[Rule, ...]:
    """The rules for one file: packs, selection (command line over configuration), severities.

    A file's rules depend on its path only through the per-file-ignores patterns it matches,
    so they are built once per set of matching patterns, not once per file. Packs are
    verified unless `verdicts` remembers them passing (packs.builtin_rules).
    """
    return _rules_for(config, matched_ignores(config, relative), cli, verdicts)


def selectors(config: Config, matched: tuple[str, ...], cli: Selection) -> tuple[list[str], list[str]]:
    """What a file selects and ignores: the command line over the configuration, plus the
    per-file-ignores patterns it matched. Rules from packs and LanguageTool's findings alike."""
    chosen = list(cli.select or config["select"]) + list(config["extend-select"]) + list(cli.extend_select)
    ignored = list(config["ignore"]) + list(cli.ignore)
    for pattern in matched:
        ignored += config["per-file-ignores"][pattern]
    return chosen, ignored


def excluded(config: Config, relative: str, extra: tuple[str, ...] = ()) -> bool:
    """Whether a file, or a directory above it, matches an `exclude` pattern.

    Matched against the path relative to the configuration's directory, and against each
    directory on the way to it, so `drafts` passes over everything under `drafts/`.

    >>> cfg = Config({"exclude": ["drafts", "*.tmp.md"]})
    >>> [excluded(cfg, p) for p in ("drafts/a.md", "news/drafts/a.md", "a.tmp.md", "news/a.md")]
    [True, False, True, False]
    >>> excluded(cfg, "news/a.md", ("news",))
    True
    """
    parts = relative.split("/")
    prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    return any(fnmatch.fnmatch(prefix, pattern) for pattern in (*config["exclude"], *extra) for prefix in prefixes)


def matched_ignores(config: Config, relative: str) -> tuple[str, ...]:
    return tuple(pattern for pattern in config["per-file-ignores"] if fnmatch.fnmatch(relative, pattern))


@lru_cache(maxsize=256)
def _rules_for(config: Config, matched: tuple[str, ...], cli: Selection,
               verdicts: Verdicts | None) -> tuple[Rule, ...]:
    try:
        base = builtin_rules(tuple((config.root / p).resolve() for p in config["rule-packs"]), verdicts)
    except PackError as bad:
        raise ConfigError(str(bad)) from None
    chosen, ignored = selectors(config, matched, cli)
    unknown = validate_selectors(base, chosen + ignored)
    if unknown:
        where = config.path or "command line"
        raise ConfigError(f"{where}: unknown rule, prefix or category: {', '.join(unknown)}")
    rules = select(base, chosen, ignored)
    overrides = config["severity"]
    return tuple(replace(r, meta=replace(r.meta, severity=overrides[r.meta.id])) if r.meta.id in overrides else r
                 for r in rules)


@lru_cache(maxsize=1024)
def _resolved(cwd: str, path: str | Path) -> Path:
    """`path` resolved from `cwd`, as Path.resolve does it.

    Each checked file is resolved to find its configuration and again to match
    per-file-ignores, its configuration's root for every file, and a run's files share a
    few directories: so each is resolved once (a warm run's files cost little else), and
    a file's own name only when it is a symbolic link.
    """
    full = os.path.join(cwd, path)
    directory, name = os.path.split(full)
    if name in ("", ".", "..") or os.path.islink(full):
        return Path(os.path.realpath(full))
    return Path(_real_directory(directory), name)


@lru_cache(maxsize=1024)
def _real_directory(directory: str) -> str:
    return os.path.realpath(directory)


def relative_to_root(config: Config, path: str) -> str:
    if path == "-":
        return "-"
    try:
        cwd = os.getcwd()
        return _resolved(cwd, path).relative_to(_resolved(cwd, config.root)).as_posix()
    except ValueError:
        return Path(path).as_posix()
