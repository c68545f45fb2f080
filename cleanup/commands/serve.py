"""`cleanup serve`: the LanguageTool-compatible API, the JSON API and the web editor.

Loopback by default: the server has no authentication, so exposing it on a network
is a deliberate `--host` away.
"""

from __future__ import annotations

import argparse
import sys
import threading
from typing import TYPE_CHECKING

from .. import config
from .check import error

if TYPE_CHECKING:
    import socket


def add_parser(sub: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help="serve the LanguageTool-compatible API, the JSON API and the web editor")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    p.add_argument("--port", type=int, default=8081, help="port (default: 8081)")
    p.add_argument("--grammar", action="store_true", help="add grammar findings from an upstream LanguageTool")
    p.add_argument("--languagetool-url", metavar="URL", help="the upstream LanguageTool server for --grammar")
    p.add_argument("--allow-origin", action="append", default=[], metavar="ORIGIN",
                   help="let browser pages from ORIGIN call the API (CORS); repeatable; off by default")
    p.add_argument("--config", help="configuration file to use instead of searching from the working directory")
    p.add_argument("--max-chars", type=int, default=100_000, help="longest text one request may send")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds of checking allowed per request")
    p.set_defaults(run=run)
    return p


def upstream_grammar(url: str):
    """LanguageTool's screened findings for a document; checked once here so a dead server fails at start."""
    from ..document import build
    from ..grammar.client import GrammarUnavailable
    from ..grammar.screen import screen
    from ..server.errors import ApiError

    screen(build("The server answers."), url)

    def findings(doc):
        try:
            return screen(doc, url).kept
        except GrammarUnavailable as error:
            raise ApiError(502, str(error)) from None
    return findings


def run(args: argparse.Namespace) -> int:
    if args.languagetool_url and not args.grammar:
        error("--languagetool-url only applies with --grammar")
        return 2
    if args.max_chars < 1 or args.timeout <= 0:
        error("--max-chars and --timeout must be positive")
        return 2
    # Imported here so that `cleanup check` never pays for the web stack.
    import uvicorn

    from ..grammar.client import GrammarUnavailable, resolve_url
    from ..server.app import ServerConfig, create_app
    from ..server.limits import Limits

    try:
        project = config.for_file("-", args.config)
        extra = upstream_grammar(resolve_url(args.languagetool_url, project["languagetool-url"])) \
            if args.grammar else None
        app = create_app(ServerConfig(Limits(args.max_chars, args.timeout), tuple(args.allow_origin),
                                      extra_findings=extra, project=project))
    except (config.ConfigError, GrammarUnavailable) as bad:
        error(str(bad))
        return 2
    try:
        listener = listen(args.host, args.port)
    except OSError as failed:
        error(f"cannot listen on {args.host}:{args.port}: {failed.strerror or failed}")
        return 2
    where = f"[{args.host}]" if ":" in args.host else args.host
    print(f"cleanup serve: http://{where}:{args.port}/ (editor), /v2 (LanguageTool API), /api/v1 (JSON API)",
          file=sys.stderr, flush=True)
    threading.Thread(target=load_ahead, args=(app.state.checker,), daemon=True).start()
    uvicorn.Server(uvicorn.Config(app, log_level="warning", timeout_keep_alive=5)).run(sockets=[listener])
    return 0


def load_ahead(checker) -> None:
    """Load in the background what the first request would otherwise wait for; requests are served meanwhile."""
    from ..server.native_api import warm_up
    try:
        took = warm_up(checker)
    except Exception as failed:  # a failed warm-up leaves loading to the first request, which reports its own error
        print(f"cleanup serve: warm-up failed ({type(failed).__name__}: {failed}); "
              "the first request will load the rules", file=sys.stderr, flush=True)
    else:
        print(f"cleanup serve: rules and scores loaded in {took:.1f} s", file=sys.stderr, flush=True)


def listen(host: str, port: int) -> socket.socket:
    """Bind before announcing anything, so a busy port is one clear line, not a traceback.

    The socket is made with its protocol named (IPPROTO_TCP), as getaddrinfo gives it:
    asyncio turns Nagle's algorithm off only for such sockets, and with it on every
    response waits ~40 ms for a delayed ACK.
    """
    import socket
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    listener = socket.socket(family, kind, proto)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(2048)
    except OSError:
        listener.close()
        raise
    return listener
