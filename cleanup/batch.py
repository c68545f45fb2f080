"""`check` options for large and automated runs: --jobs, --no-cache, --baseline,
--write-baseline and --output-file.

check.py calls this module at four points (arguments, the loop over files, the results
before reporting, the report itself) and knows nothing else about these options, so
they stay out of the way of the other flags that command gains.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from . import baseline, cache, files, parallel
from .pipeline import FileResult


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--output-file", metavar="FILE", type=_writable,
                   help="write the report to FILE (atomically, without colour)")
    p.add_argument("--baseline", metavar="FILE", type=read_baseline,
                   help="report only findings not recorded in FILE (see --write-baseline)")
    p.add_argument("--write-baseline", metavar="FILE", type=_writable,
                   help="record the current findings in FILE, then report as if it were the --baseline")
    p.add_argument("-j", "--jobs", metavar="N", type=_jobs, default=1,
                   help="check files in N processes (0: one per core; default 1)")
    p.add_argument("--no-cache", action="store_true",
                   help=f"neither read nor write the results cache ({cache.DIRNAME}/ beside the configuration)")


def _writable(path: str) -> str:
    """Refuse an output path before the run rather than lose the run's report at the end."""
    target = Path(path)
    if target.is_dir():
        raise argparse.ArgumentTypeError(f"{path}: is a directory")
    if not target.parent.is_dir():
        raise argparse.ArgumentTypeError(f"{path}: directory {target.parent} does not exist")
    if not os.access(target.parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise argparse.ArgumentTypeError(f"{path}: not writable")
    return path


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per core) or more")
    return jobs


@dataclass(frozen=True)
class Known:
    """A baseline's fingerprints; paths in them are relative to the baseline file's directory."""

    directory: Path
    fingerprints: frozenset[str]


def read_baseline(path: str) -> Known:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise argparse.ArgumentTypeError(f"{path}: cannot read baseline ({error})") from None
    try:
        return Known(Path(path).resolve().parent, baseline.loads(text, path))
    except baseline.BaselineError as bad:
        raise argparse.ArgumentTypeError(str(bad)) from None


def outcomes(items, args: argparse.Namespace, process, rebuild):
    """Each item with its outcome, in order: from the cache, a worker process or `process` itself."""
    return parallel.outcomes(items, args, partial(cache.through, work=process), rebuild)


def adopt(results: list[FileResult], args: argparse.Namespace) -> list[FileResult]:
    """Write the baseline if asked, then leave out the findings a baseline records."""
    known = args.baseline
    if args.write_baseline:
        target = Path(args.write_baseline)
        directory = target.resolve().parent
        records = [entry for r in results
                   for entry in baseline.entries(_relative(r.path, directory), r.source, r.findings)]
        files.replace_atomic(target, baseline.dumps(records).encode("utf-8"))
        print(f"cleanup: recorded {len(records)} findings in {target}", file=sys.stderr)
        known = Known(directory, frozenset(entry["fingerprint"] for entry in records))
    if known is None:
        return results
    kept = []
    for r in results:
        new = baseline.new(_relative(r.path, known.directory), r.source, r.findings, known.fingerprints)
        kept.append(replace(r, checked=replace(r.checked, findings=new)))
    return kept


def _relative(path: str, directory: Path) -> str:
    """A checked file's path as a baseline records it: relative to the baseline, with slashes."""
    if path == "-":
        return path
    return Path(os.path.relpath(Path(path).resolve(), directory)).as_posix()


def emit(report: Iterable[str], args: argparse.Namespace) -> None:
    """The report, given in pieces, on stdout or, with --output-file, written whole or not at all."""
    if args.output_file:
        files.replace_atomic(Path(args.output_file), (piece.encode("utf-8") for piece in _ended(report)))
    else:
        for piece in _ended(report):
            sys.stdout.write(piece)


def _ended(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces, with a line break after the last unless it has one (or there is no text).

    >>> list(_ended(["a", "b", ""])), list(_ended(["a\\n"])), list(_ended([""]))
    (['a', 'b', '', '\\n'], ['a\\n'], [''])
    """
    last = ""
    for piece in pieces:
        yield piece
        last = piece[-1:] or last
    if last and last != "\n":
        yield "\n"
