"""What one request may cost: body size, text length and checking time.

The server is meant for a newsroom's loopback or LAN, but one pasted book or a
pathological input must not stall everyone else's editor: a body over the limit is
refused before it is parsed, a text over the limit before it is checked, and a check
that runs too long is answered with an error while the server goes on serving.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import anyio
import anyio.to_thread

from .errors import ApiError, error_response

T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    max_chars: int = 100_000    # code points; a long feature is about 30,000
    timeout: float = 20.0       # seconds of checking per request

    @property
    def max_body(self) -> int:
        """Bytes: room for the longest text as percent-encoded UTF-8 (up to 12 bytes a character).

        >>> Limits().max_body, Limits(max_chars=1_000_000).max_body
        (2097152, 12000000)
        """
        return max(2 * 1024 * 1024, 12 * self.max_chars)

    @property
    def drain(self) -> int:
        """A body over the limit is still read up to this much, so that the client
        receives the 413 instead of a connection reset in the middle of its upload."""
        return 8 * self.max_body

    def check_text(self, text: str) -> None:
        """Refuse a text over the limit, or one that is not all characters."""
        refuse_surrogates(text)
        if len(text) > self.max_chars:
            raise ApiError(413, f"text is {len(text):,} characters long; this server checks at most "
                                f"{self.max_chars:,} per request (split the text or raise --max-chars)")


_SURROGATE = re.compile("[\ud800-\udfff]")


def refuse_surrogates(text: str) -> None:
    """A lone surrogate (JSON's "\\ud800" without its pair) is half of a character: no file can
    hold one, and the native core reads characters only (a Rust string).

    >>> refuse_surrogates("Zürich 😀")
    >>> refuse_surrogates("Zürich \\ud83d")
    Traceback (most recent call last):
    ...
    cleanup.server.errors.ApiError: text holds a lone surrogate (U+D83D) at character 7: half of a character, not text
    """
    found = None if text.isascii() else _SURROGATE.search(text)
    if found:
        raise ApiError(400, f"text holds a lone surrogate (U+{ord(found.group()):04X}) at character "
                            f"{found.start()}: half of a character, not text")


async def run_bounded(limits: Limits, function: Callable[..., T], *args) -> T:
    """Run CPU-bound checking in a worker thread, giving up on it after `limits.timeout`.

    Python cannot kill a thread: a check that times out finishes in the background
    and its result is dropped, while the client gets its answer at once.
    """
    try:
        with anyio.fail_after(limits.timeout):
            return await anyio.to_thread.run_sync(function, *args, abandon_on_cancel=True)
    except TimeoutError:
        raise ApiError(503, f"checking took longer than {limits.timeout:g} s; try a shorter text") from None


class BodyLimit:
    """ASGI middleware: read the whole body, refusing it with 413 past `max_body` bytes.

    Reading the body here, before any route runs, means no handler ever sees more
    than the limit, whatever the content type or transfer encoding.
    """

    def __init__(self, app, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limits.drain:
            await _refuse(scope, receive, send, 413, self._too_large())
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.limits.drain:
                break
            if size <= self.limits.max_body:
                chunks.append(body)
            more = message.get("more_body", False)
        if size > self.limits.max_body:
            await _refuse(scope, receive, send, 413, self._too_large())
            return
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    def _too_large(self) -> str:
        return f"request body is larger than {self.limits.max_body:,} bytes"


def _replay(body: bytes, receive):
    sent = False

    async def replay():
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}
    return replay


async def _refuse(scope, receive, send, status: int, message: str) -> None:
    response = error_response(status, message)
    response.headers["connection"] = "close"
    await response(scope, receive, send)
