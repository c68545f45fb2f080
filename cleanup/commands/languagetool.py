"""`cleanup languagetool fetch|start|stop|status`: the LanguageTool server that --grammar talks to."""

from __future__ import annotations

import argparse

from ..grammar import server


def add_parser(sub: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help="fetch, start, stop or query the local LanguageTool server",
                       description=server.__doc__.splitlines()[0])
    server.add_arguments(p)
    p.set_defaults(run=server.dispatch)
    return p
