"""Subcommands of `cleanup`: each module has `add_parser(subparsers, name)` and sets `run`."""

from . import check, rules, score

COMMANDS = {
    "check": check,
    "fix": check,
    "rules": rules,
    "score": score,
}
