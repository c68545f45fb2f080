"""Words per second for cleanup and proselint on the same ≥ 1 MB of copy, in one run.

The copy is every article of corpora/mt and corpora/clean, repeated until the total
passes the target size; each article is checked as its own document, as a newsroom
would check files. Both tools run in-process, so start-up time is not counted for either.

    python benchmarks/speed.py [--megabytes 1.0] [--repeat 3]

Two cleanup rows: every pack, and the foundation pack alone (punctuation, quotes,
attribution, style, time: the machine-translation artefacts the tool started with).

The corpora repeat to make a megabyte, and cleanup remembers per word and per name what it
worked out (real copy repeats its words too), so a second table checks copy neither tool
has seen: every system's output for every document of ../shared/eval/wmt-mqm-zhen (real MT
news, read at run time), each checked once by each tool, after it has warmed up on the
corpora.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from cleanup import corpus
from cleanup.formats import FORMATS
from cleanup.engine import select
from cleanup.packs import builtin_rules
from cleanup.pipeline import Profile, check_source

FOUNDATION = ("punctuation", "quotes", "attribution", "style", "time")


def build_corpus(megabytes: float) -> list[str]:
    articles = [a.text for folder in ("mt", "clean") for a in corpus.load(folder)]
    texts, size = [], 0
    while size < megabytes * 1_000_000:
        for text in articles:
            texts.append(text)
            size += len(text.encode("utf-8"))
    return texts


def cleanup_runner(selectors: tuple[str, ...] = ("ALL",)) -> Callable[[str], int]:
    profile = Profile(select(builtin_rules(), selectors))
    fmt = FORMATS["text"]
    return lambda text: len(check_source(text, "bench.txt", fmt, profile).findings)


def proselint_runner() -> Callable[[str], int]:
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    config = {**DEFAULT, "max_errors": 10**9}  # count every finding, as cleanup does
    return lambda text: len(LintFile("bench.txt", text).lint(config))


def measure(runners: dict[str, Callable[[str], int]], texts: list[str], repeat: int
            ) -> dict[str, tuple[float, float, int]]:
    """Median wall and CPU seconds and the findings, per tool.

    The tools take turns, so a machine busy with other work slows them alike. CPU time
    (every thread of this process) is what the ratios use: on a shared machine wall time
    also counts the time a tool waited for a core, which is not its own cost; on an idle
    machine the two agree.
    """
    for run in runners.values():
        run(texts[0])  # warm-up: loading packs, dictionaries, compiled patterns
    walls: dict[str, list[float]] = {name: [] for name in runners}
    cpus: dict[str, list[float]] = {name: [] for name in runners}
    findings: dict[str, int] = {}
    for _ in range(repeat):
        for name, run in runners.items():
            wall, cpu = time.perf_counter(), time.process_time()
            findings[name] = sum(run(t) for t in texts)
            walls[name].append(time.perf_counter() - wall)
            cpus[name].append(time.process_time() - cpu)
    return {name: (statistics.median(walls[name]), statistics.median(cpus[name]), findings[name]) for name in runners}


def measure_once(runners: dict[str, Callable[[str], int]], warm: list[str], texts: list[str]
                 ) -> dict[str, tuple[float, int]]:
    """CPU seconds and findings per tool for one pass over texts, after a pass over warm.

    One tool's whole pass, then the next's: taking turns document by document made each
    tool find the CPU's caches full of the other's tables (every pack read 0.53 s, not 0.35-0.37).
    """
    measured = {}
    for name, run in runners.items():
        for text in warm:
            run(text)
        cpu = time.process_time()
        findings = sum(run(text) for text in texts)
        measured[name] = (time.process_time() - cpu, findings)
    return measured


def unseen_copy() -> list[str] | None:
    """The WMT system outputs as documents, or None where ../shared/eval is not beside the project."""
    import mqm
    if not mqm.DEFAULT_DATA.is_dir():
        return None
    return [text for _, text, _ in mqm.documents(mqm.load_segments(mqm.DEFAULT_DATA))]


def _size(texts: list[str]) -> tuple[int, int]:
    """Words (as str.split counts them) and UTF-8 bytes."""
    return sum(len(t.split()) for t in texts), sum(len(t.encode("utf-8")) for t in texts)


def _ratios(rates: dict[str, float], where: str) -> None:
    for name in ("cleanup, every pack", "cleanup, foundation pack"):
        print(f"{name}: {rates[name] / rates['proselint']:.1f}x proselint's words per CPU second{where}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = build_corpus(args.megabytes)
    words, size = _size(texts)
    print(f"corpus: {len(texts)} documents, {size / 1e6:.2f} MB, {words:,} words; median of {args.repeat} runs")
    print(f"{'tool':<26}{'wall s':>8}{'CPU s':>8}{'words/CPU s':>14}{'findings':>10}")
    runners = {"cleanup, every pack": cleanup_runner(), "cleanup, foundation pack": cleanup_runner(FOUNDATION),
               "proselint": proselint_runner()}
    rates = {}
    for name, (wall, cpu, findings) in measure(runners, texts, args.repeat).items():
        rates[name] = words / cpu
        print(f"{name:<26}{wall:>8.2f}{cpu:>8.2f}{rates[name]:>14,.0f}{findings:>10,}")
    _ratios(rates, " (target: 20x)")

    unseen = unseen_copy()
    if unseen is None:
        print(f"\nno unseen copy: {__import__('mqm').DEFAULT_DATA} is missing")
        return
    words, size = _size(unseen)
    print(f"\nunseen copy: {len(unseen)} WMT documents, {size / 1e6:.2f} MB, {words:,} words; each checked once")
    print(f"{'tool':<26}{'CPU s':>8}{'words/CPU s':>14}{'findings':>10}")
    for name, (cpu, findings) in measure_once(runners, texts[:len(texts) // 5], unseen).items():
        rates[name] = words / cpu
        print(f"{name:<26}{cpu:>8.2f}{rates[name]:>14,.0f}{findings:>10,}")
    _ratios(rates, " on unseen copy")


if __name__ == "__main__":
    main()
