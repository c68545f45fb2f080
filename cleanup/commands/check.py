"""`cleanup check` and `cleanup fix`: lint files, optionally fixing them in place."""

from __future__ import annotations

import argparse
import difflib
import sys
from dataclasses import dataclass, field
from itertools import chain

from .. import batch, cache, config, files, formats
from ..grammar import hook as grammar
from ..model import Severity
from ..pipeline import FileResult, Profile, check_source, file_result, fix_source
from ..report import renderers, streamers
from ..scores import text as scores_text
from ..scores.quality import MqmModel, parse_weights
from ..scores.scorecard import Gates, scorecard


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
    p.add_argument("--scores", action="store_true", help="add readability and MQM quality scores per file")
    add_gates(p)
    batch.add_arguments(p)
    grammar.add_arguments(p)
    p.set_defaults(run=run)
    return p


def add_selection(p: argparse.ArgumentParser) -> None:
    """Options shared by every command that reads copy."""
    p.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files or directories; - reads stdin")
    p.add_argument("--select", type=_csv, default=[], help="rule ids, id prefixes or categories (comma-separated)")
    p.add_argument("--extend-select", type=_csv, default=[], help="add to the configured selection")
    p.add_argument("--ignore", type=_csv, default=[], help="rule ids, id prefixes or categories to skip")
    p.add_argument("--config", help="configuration file to use instead of searching for one")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="also pass over files matching this pattern (adds to the configured exclude)")
    p.add_argument("--force-exclude", action="store_true",
                   help="apply exclude patterns to files named on the command line too")
    p.add_argument("--input-format", choices=sorted(formats.FORMATS), help="override detection by extension")


def add_gates(p: argparse.ArgumentParser) -> None:
    """Gates and MQM weights; each overrides the configuration key of the same name."""
    p.add_argument("--fail-under", type=float, metavar="SCORE",
                   help="exit 1 if a file's MQM quality score (0-100) is below SCORE")
    p.add_argument("--max-grade", type=float, metavar="N",
                   help="exit 1 if a file's Flesch-Kincaid grade is above N")
    p.add_argument("--mqm-weights", type=_weights, default={}, metavar="SEVERITY=N,...",
                   help="MQM penalty weights (default: neutral=0,minor=1,major=5,critical=25)")


def _weights(value: str) -> dict[str, float]:
    try:
        return MqmModel(weights=parse_weights(value)).weights
    except ValueError as bad:
        raise argparse.ArgumentTypeError(str(bad)) from None


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
    named = set(args.paths)
    for item in files.collect(args.paths, formats.extensions()):
        if isinstance(item, files.InputError):
            yield item
            continue
        try:
            cfg = config.for_file(item, args.config)
            relative = config.relative_to_root(cfg, item)
            # A file named on the command line is checked unless --force-exclude (as pre-commit,
            # which names every staged file, needs); one found in a directory is passed over.
            if ((item not in named or args.force_exclude) and item != "-"
                    and config.excluded(cfg, relative, tuple(args.exclude))):
                continue
            rules = config.rules_for(cfg, relative, selection, cache.verdicts(item, cfg, args))
        except config.ConfigError as bad:
            yield bad
            continue
        yield Job(item, cfg, Profile(rules, cfg.house()))


@dataclass
class CheckRun:
    """Every file of a run, with the configuration that governed it."""

    results: list[FileResult]
    configs: dict[str, config.Config]
    diffs: list[str]
    failed: bool
    rules: dict = field(default_factory=dict)   # rule id -> RuleMeta, for reports that describe rules


def check_files(args: argparse.Namespace) -> CheckRun:
    """Each file checked (and fixed, if asked); a bad file is reported and the rest go on."""
    done = CheckRun([], {}, [], False)
    reported: set[str] = set()
    described = None   # the rules last added to done.rules: files that share a configuration share them
    for job, outcome in batch.outcomes(jobs(args), args, process, jobs):
        if isinstance(job, (files.InputError, config.ConfigError)):
            if str(job) not in reported:
                error(str(job))
                reported.add(str(job))
            done.failed = True
            continue
        if isinstance(outcome, files.InputError):
            error(str(outcome))
            done.failed = True
            continue
        result, diff = outcome
        done.results.append(result)
        done.configs[result.path] = job.config
        if job.profile.rules is not described:
            described = job.profile.rules
            done.rules.update((rule.meta.id, rule.meta) for rule in described)
        done.diffs.append(diff)
    return done


def add_scores(done: CheckRun, args: argparse.Namespace, always: bool) -> bool:
    """Scorecards for the files (all of them, or those with a gate); False after a bad setting."""
    models: dict[int, MqmModel] = {}   # by configuration: a warm run over 1,000 files made 1,000 alike
    for result in done.results:
        cfg = done.configs[result.path]
        model = models.get(id(cfg))    # done.configs keeps each configuration, so its id stays its own
        if model is None:
            try:
                model = models[id(cfg)] = MqmModel(weights={**cfg["mqm-weights"], **args.mqm_weights})
            except ValueError as bad:
                error(f"{cfg.path}: key 'mqm-weights' {bad}")
                return False
        gates = Gates(cfg["fail-under"] if args.fail_under is None else args.fail_under,
                      cfg["max-grade"] if args.max_grade is None else args.max_grade)
        if always or gates.active:
            result.extra["scores"] = scorecard(result, model, gates)
    return True


def report_rule_errors(results: list[FileResult], named: bool) -> bool:
    """Report rules that failed; `named` prints each failure, for when no report lists them."""
    for result in results if named else ():
        for e in result.checked.errors:
            error(f"{result.path}: internal error in rule {e.rule}: {e.message}")
    broken = sorted({e.rule for r in results for e in r.checked.errors})
    if broken:
        error(f"internal error in rule {', '.join(broken)} (see above); please report it with the input that caused it")
    return bool(broken)


def run(args: argparse.Namespace) -> int:
    done = check_files(args)
    if args.diff:
        sys.stdout.write("".join(done.diffs))
        failed = report_rule_errors(done.results, named=True) or done.failed
        return 2 if failed else (1 if any(done.diffs) else 0)
    if not add_scores(done, args, always=args.scores):
        return 2
    results = batch.adopt(done.results, args)
    options = {"colour": sys.stdout.isatty() and not args.output_file, "statistics": args.statistics,
               "rules": done.rules}
    report = streamers()[args.format](results, options)
    if args.scores and args.format == "text":
        report = chain(report, ["\n" + "\n".join(scores_text.summary(results))])
    batch.emit(report, args)
    gate_failures = scores_text.gate_failures(results)
    for line in gate_failures:
        error(line)
    if report_rule_errors(results, named=False):
        done.failed = True
    if done.failed:
        return 2
    fail_on = {path: args.fail_on or cfg["fail-on"] for path, cfg in done.configs.items()}
    left = any(f.severity.rank >= Severity(fail_on[r.path]).rank for r in results for f in r.findings)
    return 1 if gate_failures or (left and not args.exit_zero) else 0


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
    checked = grammar.extend(check_source(text, job.path, fmt, job.profile), job, args)
    return file_result(job.path, source.text, text, checked, fmt, outcome), diff
