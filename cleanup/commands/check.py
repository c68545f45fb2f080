"""`cleanup check` and `cleanup fix`: lint files, optionally fixing them in place."""

from __future__ import annotations

import argparse
import difflib
import sys
from dataclasses import dataclass

from .. import config, files, formats
from ..model import Severity
from ..pipeline import FileResult, Profile, check_source, fix_source
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
    p.add_argument("--fail-on", choices=[s.value for s in Severity],
                   help="lowest severity that makes the exit code 1 (default: warning)")
    p.add_argument("--statistics", action="store_true", help="count findings per rule")
    p.set_defaults(run=run)
    return p


def add_selection(p: argparse.ArgumentParser) -> None:
    """Options shared by every command that reads copy."""
    p.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files or directories; - reads stdin")
    p.add_argument("--select", type=_csv, default=[], help="rule ids, id prefixes or categories (comma-separated)")
    p.add_argument("--extend-select", type=_csv, default=[], help="add to the configured selection")
    p.add_argument("--ignore", type=_csv, default=[], help="rule ids, id prefixes or categories to skip")
    p.add_argument("--config", help="configuration file to use instead of searching for one")
    p.add_argument("--input-format", choices=sorted(formats.FORMATS), help="override detection by extension")


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def error(message: str) -> None:
    print(f"cleanup: {message}", file=sys.stderr)


@dataclass
class Job:
    """One file to read, with the configuration that governs it."""

    path: str
    config: config.Config
    profile: Profile


def jobs(args: argparse.Namespace):
    """Files with their profiles; an InputError or ConfigError in place of each bad one."""
    selection = config.Selection(tuple(args.select), tuple(args.extend_select), tuple(args.ignore))
    for item in files.collect(args.paths, formats.extensions()):
        if isinstance(item, files.InputError):
            yield item
            continue
        try:
            cfg = config.for_file(item, args.config)
            rules = config.rules_for(cfg, config.relative_to_root(cfg, item), selection)
        except config.ConfigError as bad:
            yield bad
            continue
        yield Job(item, cfg, Profile(rules, cfg.house()))


def run(args: argparse.Namespace) -> int:
    failed = False
    results: list[FileResult] = []
    diffs: list[str] = []
    fail_on: dict[str, str] = {}
    reported: set[str] = set()
    for job in jobs(args):
        if isinstance(job, (files.InputError, config.ConfigError)):
            if str(job) not in reported:
                error(str(job))
                reported.add(str(job))
            failed = True
            continue
        try:
            result, diff = process(job, args)
        except files.InputError as bad:
            error(str(bad))
            failed = True
            continue
        results.append(result)
        fail_on[job.path] = args.fail_on or job.config["fail-on"]
        diffs.append(diff)
    if args.diff:
        sys.stdout.write("".join(diffs))
        return 2 if failed else (1 if any(diffs) else 0)
    print(renderers()[args.format](results, {"colour": sys.stdout.isatty(), "statistics": args.statistics}))
    if any(r.checked.errors for r in results):
        error("a rule failed with an internal error (see above); please report it with the input that caused it")
        failed = True
    if failed:
        return 2
    left = any(f.severity.rank >= Severity(fail_on[r.path]).rank for r in results for f in r.findings)
    return 1 if left and not args.exit_zero else 0


def process(job: Job, args: argparse.Namespace) -> tuple[FileResult, str]:
    fmt = formats.for_path(job.path, args.input_format)
    source = files.read(job.path, fmt.codec)
    outcome = None
    text = source.text
    diff = ""
    if args.fix or args.diff:
        outcome = fix_source(text, job.path, fmt, job.profile, args.unsafe_fixes)
        if outcome.text != text:
            if args.diff:
                diff = "".join(difflib.unified_diff(text.splitlines(True), outcome.text.splitlines(True),
                                                    f"a/{job.path}", f"b/{job.path}"))
            elif job.path == "-":
                sys.stdout.write(outcome.text)
            else:
                written = files.write_atomic(source, outcome.text)
                text = written.text
                for note in written.notes:
                    error(note)
    checked = check_source(text, job.path, fmt, job.profile)
    return FileResult(job.path, text, checked, outcome), diff
