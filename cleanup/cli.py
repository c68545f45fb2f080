"""The `cleanup` command: subcommands live in cleanup/commands, one module each.

Exit codes follow ruff: 0 clean, 1 findings left at or above `--fail-on`, 2 usage or
input error (a bad file is reported on one line and the other files are still checked).
"""

from __future__ import annotations

import argparse
import sys

from .commands import COMMANDS


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="cleanup", description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module in COMMANDS.items():
        module.add_parser(sub, name)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
