"""`cleanup check` and `cleanup fix`: lint files, optionally fixing them in place."""

from __future__ import annotations

import argparse
import difflib
import sys

from .. import files, formats
from ..engine import select, validate_selectors
from ..model import Severity
from ..packs import PackError, builtin_rules
from ..pipeline import FileResult, check_source, fix_source
from ..report import renderers


def add_parser(sub: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    fixing = name == "fix"
    p = sub.add_parser(name, help="fix files in place (check --fix)" if fixing else "check files for MT artefacts")
    add_selection(p)
    p.add_argument("--format", choices=sorted(renderers()), default="text", help="report format")
    p.add_argument("--fix", action="store_true", default=fixing, help="apply safe fixes in place")
    p.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    p.add_argument("--diff", action="store_true", help="show what --fix would change; write nothing")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings are left")
    p.add_argument("--fail-on", choices=[s.value for s in Severity], default="warning",
                   help="lowest severity that makes the exit code 1 (default: warning)")
    p.add_argument("--statistics", action="store_true", help="count findings per rule")
    p.set_defaults(run=run)
    return p


def add_selection(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files or directories; - reads stdin")
    p.add_argument("--select", type=_csv, default=["ALL"], help="rule ids, id prefixes or categories (comma-separated)")
    p.add_argument("--ignore", type=_csv, default=[], help="rule ids, id prefixes or categories to skip")
    p.add_argument("--input-format", choices=sorted(formats.FORMATS), help="override detection by extension")


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def error(message: str) -> None:
    print(f"cleanup: {message}", file=sys.stderr)


def chosen_rules(args: argparse.Namespace):
    """The selected rules, or None after reporting a bad pack or selector."""
    try:
        rules = builtin_rules()
    except PackError as bad:
        error(str(bad))
        return None
    unknown = validate_selectors(rules, args.select + args.ignore)
    if unknown:
        error(f"unknown rule, prefix or category: {', '.join(unknown)}")
        return None
    return select(rules, args.select, args.ignore)


def run(args: argparse.Namespace) -> int:
    rules = chosen_rules(args)
    if rules is None:
        return 2
    failed = False
    results: list[FileResult] = []
    diffs: list[str] = []
    for item in files.collect(args.paths, formats.extensions()):
        if isinstance(item, files.InputError):
            error(str(item))
            failed = True
            continue
        try:
            result, diff = process(item, args, rules)
        except files.InputError as bad:
            error(str(bad))
            failed = True
            continue
        except Exception as bug:  # a bug outside the rules (a format, the document) stops this file only
            error(f"{item}: internal error: {type(bug).__name__}: {bug}; please report it with this file")
            failed = True
            continue
        results.append(result)
        if diff:
            diffs.append(diff)
    if args.diff:
        sys.stdout.write("".join(diffs))
        for r in results:  # no report is printed with --diff, so name each failure here
            for e in r.checked.errors:
                error(f"{r.path}: internal error in rule {e.rule}: {e.message}")
    else:
        output = renderers()[args.format](results, {"colour": sys.stdout.isatty(), "statistics": args.statistics})
        print(output)
    broken = sorted({e.rule for r in results for e in r.checked.errors})
    if broken:
        error(f"internal error in rule {', '.join(broken)} (see above); please report it with the input that caused it")
        failed = True
    if args.diff:
        return 2 if failed else (1 if diffs else 0)
    if failed:
        return 2
    threshold = Severity(args.fail_on).rank
    left = any(f.severity.rank >= threshold for r in results for f in r.findings)
    return 1 if left and not args.exit_zero else 0


def process(path: str, args: argparse.Namespace, rules) -> tuple[FileResult, str]:
    source = files.read(path)
    fmt = formats.for_path(path, args.input_format)
    outcome = None
    text = source.text
    diff = ""
    if args.fix or args.diff:
        outcome = fix_source(text, path, fmt, rules, args.unsafe_fixes)
        if outcome.text != text:
            if args.diff:
                diff = "".join(difflib.unified_diff(text.splitlines(True), outcome.text.splitlines(True),
                                                    f"a/{path}", f"b/{path}"))
            elif path == "-":
                sys.stdout.write(outcome.text)
            else:
                files.write_atomic(source, outcome.text)
            text = outcome.text if not args.diff else text
    checked = check_source(text, path, fmt, rules)
    return FileResult(path, text, checked, outcome), diff
