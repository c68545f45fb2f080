"""Subcommands of `cleanup`: each module has `add_parser(subparsers, name)` and sets `run`."""

from . import check, rules, serve

COMMANDS = {
    "check": check,
    "fix": check,
    "rules": rules,
    "serve": serve,
}
