"""First and second run of `cleanup check` over 1,000 unchanged files: what the cache saves.

A content repository is checked again and again (pre-commit, CI, an editor's terminal)
while most of its files do not change. The files are built from the corpora (MT and
clean articles, each copy numbered so that no two files are identical) in a temporary
directory with a cleanup.toml, so the cache lands there. Each figure is the median of
`--repeat` runs of the real CLI in a child process; a first run starts from an empty
cache, and each second run follows its first at once, so that the pair meets the same
load on a shared machine (the ratio of each pair is printed too). Wall time and CPU
time (user + system, the child and its workers) are both printed: on a shared machine
the CPU time is the steadier of the two. Peers for scale: the same check with
--no-cache, and with --jobs over all cores.

    python benchmarks/cache.py [--files 1000] [--repeat 3] [--suffix .txt]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ".cleanup_cache"


def build(directory: Path, count: int, suffix: str) -> int:
    """Write `count` numbered copies of the corpus articles; returns the words written."""
    articles = sorted((ROOT / "corpora").glob("*/*.txt"))
    if not articles:
        sys.exit("no articles under corpora/")
    (directory / "cleanup.toml").write_text("# benchmark desk\n", encoding="utf-8")
    words = 0
    for i in range(count):
        text = articles[i % len(articles)].read_text(encoding="utf-8")
        text += f"\nFiled to desk {i // 100} as item {i}.\n"
        path = directory / f"desk{i // 100:02d}" / f"item{i:04d}{suffix}"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(directory: Path, *options: str) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    command = [sys.executable, "-m", "cleanup", "check", "--exit-zero", *options, "."]
    started, used = time.perf_counter(), cpu()
    child = subprocess.run(command, cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed, used = time.perf_counter() - started, cpu() - used
    if child.returncode != 0:
        sys.exit(f"cleanup failed ({child.returncode}): {child.stderr.strip()}")
    return elapsed, used


def median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def pairs(directory: Path, repeat: int) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """First runs from an empty cache, each followed at once by its second run."""
    first, second = [], []
    for _ in range(repeat):
        shutil.rmtree(directory / CACHE, ignore_errors=True)
        first.append(timed(directory))
        second.append(timed(directory))
    return first, second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--suffix", default=".txt", help="file extension, e.g. .md once Markdown is supported")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cleanup-cache-bench-") as tmp:
        directory = Path(tmp)
        words = build(directory, args.files, args.suffix)
        print(f"{args.files} files ({args.suffix}), {words:,} words; median of {args.repeat} runs\n")
        no_cache = median([timed(directory, "--no-cache") for _ in range(args.repeat)])
        parallel = median([timed(directory, "--no-cache", "--jobs", "0") for _ in range(args.repeat)])
        firsts, seconds = pairs(directory, args.repeat)
        first, second = median(firsts), median(seconds)
        rows = [("--no-cache (peer: no cache at all)", no_cache), ("--no-cache --jobs 0 (peer: all cores)", parallel),
                ("first run, empty cache", first), ("second run, unchanged files", second)]
        print(f"  {'':<40} {'wall':>8}    {'CPU':>8}    {'files/s (wall)':>14}")
        for label, (wall, used) in rows:
            print(f"  {label:<40} {wall:8.2f} s  {used:8.2f} s  {args.files / wall:14.0f}")
        print(f"\n  second run is {first[0] / second[0]:.1f}x faster than the first in wall time, "
              f"{first[1] / second[1]:.1f}x in CPU time (target: at least 10x)")
        print("  each pair, wall (CPU): " + ", ".join(f"{a[0] / b[0]:.1f}x ({a[1] / b[1]:.1f}x)"
                                                     for a, b in zip(firsts, seconds)))


if __name__ == "__main__":
    main()
