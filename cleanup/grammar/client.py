"""The conversation with a LanguageTool server: pieces out, raw matches back.

Paragraphs go out one request each, a few at a time, because LanguageTool's
rules work within sentences and a small pool keeps a two-core server busy without
queueing behind one long article. Answers are kept for the life of the process,
keyed by language and a hash of the text, so a paragraph seen again (a fix loop,
boilerplate shared by many files) costs nothing.

Matches stay as LanguageTool sent them, offsets in UTF-16 units: the caller
converts them once with `positions.Utf16Index`. language-tool-python's own
`Match` objects are not used because they convert the offset but not the length,
and keep their conversion state on the class, which threads would race on.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from ..model import Span
from .server import DEFAULT_PORT

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

DEFAULT_URL = f"http://127.0.0.1:{DEFAULT_PORT}"
URL_ENV = "CLEANUP_LANGUAGETOOL_URL"
# The public server's limit for free use; a local server allows more, but a text
# that fits here fits everywhere.
MAX_UNITS = 20_000
TIMEOUT = 30          # seconds per request
WORKERS = 2           # requests in flight: about one per server core on a small machine

HOW_TO_START = ("start one with `cleanup languagetool start` (or `python -m cleanup.grammar.server start`), "
                f"or point --languagetool-url or {URL_ENV} at a running server")

_SENTENCE_END = regex.compile(r"(?<=[.!?…][”’\"')\]]*)\s+")


class GrammarUnavailable(Exception):
    """LanguageTool could not be asked; the message says how to get one running."""


def utf16_len(text: str) -> int:
    """Length as LanguageTool counts it.

    >>> utf16_len("a😀")
    3
    """
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def split(text: str, span: Span, limit: int) -> list[Span]:
    """`span` of `text` cut into pieces of at most `limit` UTF-16 units.

    Cuts fall after sentence ends where possible, at any space otherwise, and
    only as a last resort inside a word; the whitespace at a cut belongs to no piece.

    >>> t = "One two. Three four. Five."
    >>> [t[s.start:s.end] for s in split(t, Span(0, len(t)), 12)]
    ['One two.', 'Three four.', 'Five.']
    >>> [t[s.start:s.end] for s in split(t, Span(0, 8), 4)]
    ['One', 'two.']
    """
    pieces: list[Span] = []
    start = span.start
    while utf16_len(text[start:span.end]) > limit:
        window_end = start + limit
        while utf16_len(text[start:window_end]) > limit:
            window_end -= 1
        cut = _last_cut(text, start, window_end)
        pieces.append(Span(start, cut.start))
        start = cut.end
    if start < span.end:
        pieces.append(Span(start, span.end))
    return pieces


def _last_cut(text: str, start: int, end: int) -> Span:
    for pattern in (_SENTENCE_END, regex.compile(r"\s+")):
        cuts = [m for m in pattern.finditer(text, start, end + 1) if m.start() > start]
        if cuts:
            return Span(cuts[-1].start(), cuts[-1].end())
    return Span(end, end)


@lru_cache(maxsize=1)
def _tool_class():
    # Imported on first use: without --grammar nothing loads the client library.
    from language_tool_python import LanguageTool

    class Tool(LanguageTool):
        def __init__(self, *args, **kwargs) -> None:
            self._TIMEOUT = TIMEOUT    # the library's default waits five minutes per request
            super().__init__(*args, **kwargs)

        def raw_check(self, text: str) -> list[dict]:
            response = self._query_server(self.url + "check", self._create_params(text), method="post")
            return response["matches"]

    return Tool


_tools: dict[tuple[str, str], object] = {}
_failures: dict[tuple[str, str], GrammarUnavailable] = {}
_answers: dict[tuple[str, str, bytes], list[dict]] = {}   # (url, language, text hash) -> matches
_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None


def resolve_url(flag: str | None, configured: str | None) -> str:
    """The command line first, then the environment (CI), then configuration, then the default.

    The server's base URL is wanted; a pasted API address ending in /v2 is cut back to it.

    >>> resolve_url("http://127.0.0.1:8081/v2/", None)
    'http://127.0.0.1:8081'
    """
    url = flag or os.environ.get(URL_ENV) or configured or DEFAULT_URL
    return regex.sub(r"/v2/?$", "", url.rstrip("/"))


def _tool(url: str, language: str):
    """A client for url and language; the first contact doubles as the reachability check.

    A failure is remembered too, so a run over many files reports it at once
    rather than waiting for each file's timeout.
    """
    key = (url, language)
    with _lock:
        if key in _failures:
            raise _failures[key]
        if key not in _tools:
            try:
                _tools[key] = _tool_class()(language, remote_server=url)
            except Exception as error:  # the library raises several kinds; all mean "cannot use it"
                _failures[key] = GrammarUnavailable(
                    f"LanguageTool is not reachable at {url} ({_reason(error)}); {HOW_TO_START}")
                raise _failures[key] from None
        return _tools[key]


def _reason(error: Exception) -> str:
    """The part of a client-library error a person needs.

    >>> _reason(OSError("HTTPConnectionPool(...): Max retries exceeded (NewConnectionError('...: "
    ...                 "[Errno 111] Connection refused'))"))
    'Connection refused'
    """
    text = " ".join(str(error).split()) or type(error).__name__
    errno = regex.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    if errno:
        return errno.group(1).strip()
    if "timed out" in text.lower():
        return f"no answer within {TIMEOUT} s"
    return text if len(text) <= 160 else text[:157] + "..."


def _key(url: str, language: str, text: str) -> tuple[str, str, bytes]:
    return url, language, hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def check(url: str, language: str, texts: Sequence[str]) -> list[list[dict]]:
    """LanguageTool's matches for each text, in order; raises GrammarUnavailable."""
    global _pool
    tool = _tool(url, language)
    keys = [_key(url, language, t) for t in texts]
    missing = {k: t for k, t in zip(keys, texts) if k not in _answers}
    if missing:
        from concurrent.futures import ThreadPoolExecutor
        with _lock:
            _pool = _pool or ThreadPoolExecutor(WORKERS, thread_name_prefix="languagetool")
        try:
            for key, matches in zip(missing, _pool.map(tool.raw_check, missing.values())):
                _answers[key] = matches
        except Exception as error:  # a refused connection, a timeout, an error page, bad JSON
            failure = GrammarUnavailable(f"LanguageTool at {url} failed ({_reason(error)}); "
                                         f"is it still running? {HOW_TO_START}")
            _failures[(url, language)] = failure    # the next file fails at once, not after a timeout
            raise failure from None
    return [_answers[k] for k in keys]


def clear_cache() -> None:
    """Forget every answer (benchmarks measure the server, not the cache)."""
    _answers.clear()
