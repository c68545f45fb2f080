"""Every error leaves the server as JSON with a message a person can act on.

Clients of both APIs are programs; a stack trace or an HTML error page would only
make them fail in a second, more confusing way.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse


class ApiError(Exception):
    """A request the server refuses: `status` is the HTTP status, `message` says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def error_response(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


async def api_error(request: Request, error: ApiError) -> JSONResponse:
    return error_response(error.status, error.message)


async def http_error(request: Request, error: HTTPException) -> JSONResponse:
    """Starlette's own refusals (unknown path, wrong method) in the same shape."""
    response = error_response(error.status_code, error.detail)
    response.headers.update(error.headers or {})
    return response


async def internal_error(request: Request, error: Exception) -> JSONResponse:
    return error_response(500, f"internal error ({type(error).__name__}); please report it with the text that caused it")


HANDLERS = {ApiError: api_error, HTTPException: http_error, Exception: internal_error}
