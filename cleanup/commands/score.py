"""`cleanup score`: readability and MQM quality per file, with gates for CI.

The JSON is `check`'s report with a `scores` object per file (see scores/scorecard.py),
so the findings behind the quality score travel with it. Exit codes: 0 when every
file passes its gates, 1 when one fails, 2 on bad input or configuration; findings
alone never make `score` fail (that is `check`'s job).
"""

from __future__ import annotations

import argparse

from ..report import renderers
from ..scores import text as scores_text
from .check import add_gates, add_scores, add_selection, check_files, error


def add_parser(sub: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help="score readability and MQM translation quality")
    add_selection(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    add_gates(p)
    p.set_defaults(run=run, fix=False, diff=False, unsafe_fixes=False)
    return p


def run(args: argparse.Namespace) -> int:
    done = check_files(args)
    if not add_scores(done, args, always=True):
        return 2
    if args.format == "json":
        print(renderers()["json"](done.results, {}))
    else:
        print(scores_text.render(done.results))
    failures = scores_text.gate_failures(done.results)
    for line in failures:
        error(line)
    if any(r.checked.errors for r in done.results):
        error("a rule failed with an internal error; its findings are missing from the quality score")
        done.failed = True
    return 2 if done.failed else int(bool(failures))
