"""The Starlette application: routes, limits, CORS and the editor's assets.

The editor's files are read into memory when the app is made, so no request ever
reaches the file system: a path that is not one of those few names is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..config import Config
from . import languagetool_api, native_api, openapi
from .errors import HANDLERS, ApiError
from .limits import BodyLimit, Limits
from .service import Checker, ExtraFindings

_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}
# The editor loads nothing from elsewhere and runs no inline script.
_HEADERS = {"content-security-policy": "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; "
                                       "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
            "x-content-type-options": "nosniff", "referrer-policy": "no-referrer"}


@dataclass(frozen=True)
class ServerConfig:
    limits: Limits = Limits()
    allow_origins: tuple[str, ...] = ()          # CORS stays off unless origins are given
    extra_findings: ExtraFindings | None = None  # e.g. grammar from an upstream LanguageTool
    project: Config = Config()                   # [tool.cleanup] or cleanup.toml, read once at start


def _assets() -> dict[str, tuple[bytes, str]]:
    folder = files(__package__) / "static"
    return {item.name: (item.read_bytes(), _TYPES[item.name[item.name.rfind("."):]])
            for item in folder.iterdir() if item.name[item.name.rfind("."):] in _TYPES}


def create_app(config: ServerConfig = ServerConfig()) -> Starlette:
    """The app; raises ConfigError for a project configuration it cannot use."""
    assets = _assets()

    def asset(name: str) -> Response:
        if name not in assets:
            raise ApiError(404, f"no such file: {name}")
        body, media_type = assets[name]
        return Response(body, media_type=media_type, headers=_HEADERS)

    async def index(request: Request) -> Response:
        return asset("index.html")

    async def static(request: Request) -> Response:
        return asset(request.path_params["name"])

    async def openapi_json(request: Request) -> JSONResponse:
        return JSONResponse(openapi.document())

    # CORS outermost, so that a cross-origin client can read even a 413.
    middleware = [Middleware(CORSMiddleware, allow_origins=list(config.allow_origins),
                             allow_methods=["GET", "POST"], allow_headers=["content-type"])] if config.allow_origins else []
    middleware.append(Middleware(BodyLimit, limits=config.limits))
    app = Starlette(
        routes=[
            Route("/", index),
            Route("/static/{name}", static),
            Route("/openapi.json", openapi_json),
            Route("/v2/check", languagetool_api.check, methods=["GET", "POST"]),
            Route("/v2/languages", languagetool_api.languages),
            Route("/api/v1/check", native_api.check, methods=["POST"]),
            Route("/api/v1/fix", native_api.fix, methods=["POST"]),
            Route("/api/v1/score", native_api.score, methods=["POST"]),
            Route("/api/v1/rules", native_api.rules),
        ],
        middleware=middleware,
        exception_handlers=HANDLERS,
    )
    app.state.limits = config.limits
    app.state.checker = Checker(config.project, config.extra_findings)
    app.state.metas = {r.meta.id: r.meta for r in app.state.checker.available}
    return app
