"""Worst time per rule on adversarial input, per 100 KB.

A rule whose regular expression backtracks, or whose Python loop is quadratic, shows
up here long before a newsroom meets the one pathological wire story that hangs it.
Each rule runs alone on each input below (runs of one character, a 1 MB line with no
newline, thousands of tiny quoted paragraphs); the figure printed is its slowest CPU
time scaled to 100 KB of input, next to the 50 ms budget, with the number of findings it
made there: where a rule reports nearly every character, making findings is what costs.
Building the document (paragraphs, dateline, quote pairing) is timed the same way on
the line `(document)`.

    python benchmarks/adversarial.py [--size 100000] [--line-size 1000000]

tests/test_adversarial.py feeds the same inputs to every rule and asserts that none
fails; this script only measures.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator

BUDGET_MS = 50.0  # per rule per 100 KB of input
WARM_UP = "Talks resume\n\nANKARA (AP) — “We act,” the MINISTER said, según los datos &amp; cafÃ©."
UNIT = 100_000    # characters


def runs(size: int) -> Iterator[tuple[str, str]]:
    """A character or short unit repeated to `size`: the shapes that make patterns backtrack."""
    units = {
        "spaces": " ", "periods": ".", "commas": ",", "straight quotes": '"', "opening quotes": "“",
        "closing quotes": "”", "quote pairs": "“”", "lower letters": "a", "capitals": "A",
        "word and period": "when. ", "glued sentences": "ends.Then", "spaced marks": "word , ",
        "shouted words": "VERY ", "said twice": "said, the minister said ", "dashes": "—",
        "apostrophes": "’", "digits and commas": "1,5", "ellipses": "... ", "newlines": "\n",
        "carriage returns": "\r", "crlf": "\r\n", "blank lines": "\n \n",
        "tiny quoted paragraphs": "“We act,” he said. We go. “Now.”\n\n",
        "unattributed quotes": "“We act.”\n\n", "caps line": "A B ",
    }
    for name, unit in units.items():
        yield name, (unit * (size // len(unit) + 1))[:size]
    half = size // 2
    yield "opening then closing quotes", "“" * half + "”" * half
    yield "capitals then a lower letter", "A" * (size - 1) + "a"
    yield "letters then a period", "a" * (size - 3) + ". a"


def long_line(size: int) -> Iterator[tuple[str, str]]:
    """One line of ordinary words with no newline, as from a feed that lost its breaks."""
    words = "the minister said when. the talks , would resume “tomorrow” in ANKARA "
    yield "1 MB line", (words * (size // len(words) + 1))[:size]


def adversarial_inputs(size: int = UNIT, line_size: int = 1_000_000) -> Iterator[tuple[str, str]]:
    yield from runs(size)
    yield from long_line(line_size)


def main() -> None:
    from cleanup import engine
    from cleanup.document import build
    from cleanup.packs import builtin_rules

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=UNIT, help="characters per run (default 100,000)")
    parser.add_argument("--line-size", type=int, default=1_000_000, help="characters in the long line")
    parser.add_argument("--repeat", type=int, default=7,
                        help="runs per rule and input; the fastest counts (with 3, the document build read 42-52 ms where 7 read 27-30)")
    args = parser.parse_args()

    rules = builtin_rules()
    # Word lists and language models load on a rule's first use, once per process: not per input.
    engine.run(build(WARM_UP), rules)
    worst: dict[str, tuple[float, str, int]] = {}

    def timed(name: str, what: str, text: str, work):
        """Run `work` --repeat times and keep the fastest, as ms per 100 KB, if it is the worst yet."""
        best = float("inf")
        for _ in range(args.repeat):
            started = time.process_time()  # CPU time: a busy machine must not make a rule look slow
            result = work()
            best = min(best, time.process_time() - started)
        per_unit = best * 1000 * UNIT / len(text)
        found = len(result.findings) if hasattr(result, "findings") else 0
        if per_unit > worst.get(name, (-1.0, "", 0))[0]:
            worst[name] = (per_unit, what, found)
        return result

    for what, text in adversarial_inputs(args.size, args.line_size):
        doc = timed("(document)", what, text, lambda: build(text))
        for rule in rules:
            result = timed(rule.meta.id, what, text, lambda: engine.run(doc, [rule]))
            if result.errors:
                print(f"{rule.meta.id} failed on {what}: {result.errors[0].message}")

    print(f"{'rule':<12} {'worst ms/100KB':>15} {'budget':>8} {'findings':>9}  worst input")
    for name, (ms, what, found) in sorted(worst.items(), key=lambda item: -item[1][0]):
        flag = "" if ms <= BUDGET_MS else "  OVER"
        print(f"{name:<12} {ms:>15.1f} {BUDGET_MS:>8.0f} {found:>9}  {what}{flag}")


if __name__ == "__main__":
    main()
