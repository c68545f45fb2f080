"""`cleanup score`: readability and MQM quality per file, with gates for CI.

The JSON is `check`'s report with a `scores` object per file (see scores/scorecard.py),
so the findings behind the quality score travel with it. Exit codes: 0 when every
file passes the gates given, 1 when one fails, 2 on bad input; findings alone never
make `score` fail (that is `check`'s job).
"""

from __future__ import annotations

import argparse
import sys

from ..report import renderers
from ..scores import text as scores_text
from ..scores.scorecard import score_all
from .check import add_gates, add_selection, check_files, chosen_rules, error, scoring_options


def add_parser(sub: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help="score readability and MQM translation quality")
    add_selection(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    add_gates(p)
    p.set_defaults(run=run, fix=False, diff=False, unsafe_fixes=False)
    return p


def run(args: argparse.Namespace) -> int:
    rules = chosen_rules(args)
    scoring = scoring_options(args)
    if rules is None or scoring is None:
        return 2
    results, _, failed = check_files(args, rules)
    gate_failed = score_all(results, *scoring)
    if args.format == "json":
        print(renderers()["json"](results, {}))
        for line in scores_text.gate_failures(results):
            error(line)
    else:
        print(scores_text.render(results))
    if any(r.checked.errors for r in results):
        error("a rule failed with an internal error; its findings are missing from the quality score")
        failed = True
    return 2 if failed else int(gate_failed)
