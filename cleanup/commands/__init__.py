"""Subcommands of `cleanup`: each module has `add_parser(subparsers, name)` and sets `run`."""

from . import check, config_cmd, languagetool, rules, score, serve

COMMANDS = {
    "check": check,
    "fix": check,
    "rules": rules,
    "config": config_cmd,
    "score": score,
    "serve": serve,
    "languagetool": languagetool,
}
