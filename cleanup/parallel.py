"""Checking many files in worker processes, in the order given, with progress on a terminal.

Rules are pure-Python regex work held by the GIL, so speed-up needs processes. Results
come back through an ordered map and are merged with the files checked in place (stdin)
and the errors met before checking, so `--jobs 4` prints exactly what `--jobs 1` prints.

The default is one process. pre-commit already spreads a commit's files over several
hook processes; in containers os.cpu_count() reports the host's cores rather than the
container's share, so a cpu-count default would oversubscribe CI runners; and a second
run over an unchanged repository is answered from the cache faster than a pool starts.
`--jobs 0` asks for one process per core this process may run on.

A worker receives only a path and rebuilds the file's job with the same function the
main process used (configuration and compiled rule packs are cached per process, and
inherited when the platform forks), because compiled rules are costly to pickle.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from typing import TextIO

from . import files

Work = Callable[[object, argparse.Namespace], object]
Rebuild = Callable[[argparse.Namespace], Iterator[object]]


def cores() -> int:
    """Cores this process may run on (its affinity, where the platform has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def attempt(work: Work, job, args: argparse.Namespace):
    """The job's outcome, or the InputError that stopped it (reported in order by the caller)."""
    try:
        return work(job, args)
    except files.InputError as bad:
        return bad
    except Exception as bug:  # a bug outside the rules (a format, the document) stops this file only
        return files.InputError(f"{job.path}: internal error: {type(bug).__name__}: {bug}; "
                                "please report it with this file")


def outcomes(items: Iterable, args: argparse.Namespace, work: Work, rebuild: Rebuild,
             stream: TextIO = sys.stderr) -> Iterator[tuple[object, object]]:
    """(item, outcome) for each item in order; an item that is already an error has outcome None."""
    items = list(items)
    remote = [item.path for item in items if not isinstance(item, Exception) and item.path != "-"]
    requested = getattr(args, "jobs", 1)   # commands without --jobs (`score`) run in one process
    processes = min(requested or cores(), len(remote))
    progress = Progress(len(items), stream)
    pool = _pool(processes, args, work, rebuild) if processes > 1 else nullcontext()
    with pool:
        done = pool.imap(_remote, remote, chunksize=max(1, len(remote) // (processes * 8))) if processes > 1 else None
        for item in items:
            if isinstance(item, Exception):
                outcome = None
            elif done is not None and item.path != "-":
                outcome = next(done)
            else:
                outcome = attempt(work, item, args)
            progress.advance()
            if isinstance(item, Exception) or isinstance(outcome, Exception):
                progress.close()   # the caller prints the error next: give it a clean line
            yield item, outcome
    progress.close()


def _pool(processes: int, args: argparse.Namespace, work: Work, rebuild: Rebuild):
    import multiprocessing   # a run in one process (the default) never needs it
    return multiprocessing.get_context().Pool(processes, initializer=_start, initargs=(args, work, rebuild))


_worker: dict = {}


def _start(args: argparse.Namespace, work: Work, rebuild: Rebuild) -> None:
    _worker.update(args=args, work=work, rebuild=rebuild)


def _remote(path: str):
    args = _worker["args"]
    job = next(_worker["rebuild"](argparse.Namespace(**{**vars(args), "paths": [path]})))
    if isinstance(job, Exception):   # the file or its configuration changed since the main process looked
        return files.InputError(str(job))
    return attempt(_worker["work"], job, args)


class Progress:
    """A one-line bar on a terminal, drawn only once a run has lasted a moment, then wiped.

    >>> import io
    >>> class Tty(io.StringIO):
    ...     def isatty(self): return True
    >>> ticks = iter([0.0, 0.1, 0.9, 1.2, 1.25])
    >>> out = Tty()
    >>> bar = Progress(4, out, clock=lambda: next(ticks), width=30)
    >>> for _ in range(4): bar.advance()
    >>> out.getvalue()
    '\\r[########.........] 2/4 files\\r[############.....] 3/4 files'
    >>> bar.close(); out.getvalue().endswith("\\r\\x1b[K")
    True
    """

    DELAY = 0.5      # seconds before a bar appears: short runs stay silent
    INTERVAL = 0.1   # seconds between redraws

    def __init__(self, total: int, stream: TextIO, clock: Callable[[], float] = time.monotonic,
                 width: int | None = None) -> None:
        self.total, self.stream, self.clock, self.done = total, stream, clock, 0
        self.active = total > 1 and stream.isatty()
        self.width = width or shutil.get_terminal_size((80, 24)).columns
        self.start = clock() if self.active else 0.0
        self.drawn = -1.0

    def advance(self) -> None:
        self.done += 1
        if not self.active:
            return
        now = self.clock()
        if now - self.start >= self.DELAY and now - self.drawn >= self.INTERVAL:
            label = f" {self.done}/{self.total} files"
            bar = max(10, min(40, self.width - len(label) - 3))
            filled = bar * self.done // self.total
            self.stream.write(f"\r[{'#' * filled}{'.' * (bar - filled)}]{label}")
            self.stream.flush()
            self.drawn = now

    def close(self) -> None:
        """Wipe the bar; the next advance may draw it again."""
        if self.drawn >= 0:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.drawn = -1.0
