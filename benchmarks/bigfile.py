"""Time and peak memory of `cleanup check` on one 50 MB text file.

Wire archives and badly split feeds arrive as one huge file; the CLI must get through
it in bounded time and within 10× the file's size in memory. The file is built from
the corpora (clean and, when present, MT articles) repeated until it reaches the
size, and checked through the real CLI in a child process, whose peak resident size
(ru_maxrss) is read once it exits.

    python benchmarks/bigfile.py [--megabytes 50] [--fix] [--keep PATH] [-- CLI OPTIONS]

Options after `--` go to the CLI (`-- --ignore DUP001`: the file repeats the corpus, so
every sentence in it is a duplicate, and those findings are most of the memory).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMORY_BUDGET = 10  # peak resident memory, as a multiple of the file's size


def corpus_text() -> str:
    articles = sorted((ROOT / "corpora").glob("*/*.txt"))
    if not articles:
        sys.exit("no articles under corpora/")
    return "\n".join(path.read_text(encoding="utf-8") for path in articles)


def build_file(path: Path, size: int) -> int:
    """Write whole copies of the corpus until `size` bytes; returns the size written."""
    chunk = (corpus_text() + "\n").encode("utf-8")
    with path.open("wb") as out:
        written = 0
        while written < size:
            out.write(chunk)
            written += len(chunk)
    return written


def run_cli(path: Path, fix: bool, options: list[str]) -> tuple[float, float, int, int]:
    """Wall time, CPU time, exit code and peak resident bytes of one CLI run in a child process."""
    command = [sys.executable, "-m", "cleanup", "fix" if fix else "check", "--exit-zero", *options, str(path)]
    started = time.perf_counter()
    child = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if child.stderr.strip():
        print(child.stderr.strip(), file=sys.stderr)
    # Only one child has run, so the children's figures are this child's (ru_maxrss in kilobytes on Linux).
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, usage.ru_utime + usage.ru_stime, child.returncode, usage.ru_maxrss * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50.0)
    parser.add_argument("--fix", action="store_true", help="run `cleanup fix` (on the temporary copy) instead of check")
    parser.add_argument("--keep", type=Path, help="build the file here and keep it")
    parser.add_argument("options", nargs="*", help="passed to the CLI (after --)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "big.txt"
        size = build_file(path, int(args.megabytes * 1_000_000))
        elapsed, cpu, code, peak = run_cli(path, args.fix, args.options)
    mb = size / 1_000_000
    print(f"file          {mb:8.1f} MB")
    print(f"command       {'fix' if args.fix else 'check'} {' '.join(args.options)} (exit {code})")
    print(f"time          {elapsed:8.1f} s   ({mb / elapsed:.2f} MB/s; CPU {cpu:.1f} s)")
    print(f"peak memory   {peak / 1_000_000:8.1f} MB   ({peak / size:.1f}× the file; budget {MEMORY_BUDGET}×)")


if __name__ == "__main__":
    main()
