"""The JSON API for pipelines: /api/v1/check, /api/v1/fix and /api/v1/rules.

Answers are the very documents `cleanup check --format json` prints (one file, named
by the request's optional `path`, which is only a label and is never opened), so a
pipeline can move between the CLI and the server without a second parser.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..engine import validate_selectors
from ..formats import FORMATS, Format
from ..model import RuleMeta
from ..pipeline import FileResult, Profile, file_result
from ..scores.quality import MqmModel
from ..scores.scorecard import Gates, scorecard
from ..report.json_report import render
from .errors import ApiError
from .limits import run_bounded
from .service import Checker, Keep, keep_selected

# A request body carries text; a binary format (DOCX) needs its file, so it is not offered here.
TEXT_FORMATS = {name: fmt for name, fmt in FORMATS.items() if fmt.codec is None}

FIELDS = {"text", "format", "path", "select", "ignore", "unsafe_fixes"}


@dataclass(frozen=True)
class CheckRequest:
    text: str
    fmt: Format
    path: str
    profile: Profile   # the rules, as the CLI would choose them
    keep: Keep         # the same selection, for findings from no rule pack
    unsafe: bool


def _selectors(body: dict, name: str, default: list[str]) -> list[str]:
    value = body.get(name, default)
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError(400, f"'{name}' must be a list of rule ids, prefixes or categories")
    return value


async def parse(request: Request) -> CheckRequest:
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError) as error:
        raise ApiError(400, f"request body is not valid JSON ({error})") from None
    if not isinstance(body, dict):
        raise ApiError(400, "request body must be a JSON object like {\"text\": \"...\"}")
    unknown = sorted(set(body) - FIELDS)
    if unknown:
        raise ApiError(400, f"unknown field {unknown[0]!r}; expected {', '.join(sorted(FIELDS))}")
    text, fmt, path, unsafe = (body.get("text"), body.get("format", "text"), body.get("path", "-"),
                               body.get("unsafe_fixes", False))
    if not isinstance(text, str):
        raise ApiError(400, "'text' is required and must be a string")
    if fmt not in TEXT_FORMATS:
        raise ApiError(400, f"unknown format {fmt!r}; known: {', '.join(sorted(TEXT_FORMATS))}")
    if not isinstance(path, str) or not isinstance(unsafe, bool):
        raise ApiError(400, "'path' must be a string and 'unsafe_fixes' a boolean")
    request.app.state.limits.check_text(text)
    select, ignore = _selectors(body, "select", []), _selectors(body, "ignore", [])
    checker = request.app.state.checker
    bad = validate_selectors(checker.available, select + ignore)
    if bad:
        raise ApiError(400, f"unknown rule, prefix or category (or one this server's configuration ignores): "
                            f"{', '.join(bad)}")
    return CheckRequest(text, TEXT_FORMATS[fmt], path, checker.profile(path, select, ignore),
                        keep_selected(select or ["ALL"], ignore), unsafe)


def checked(checker: Checker, job: CheckRequest) -> FileResult:
    return file_result(job.path, job.text, job.text, checker.check(job.text, job.fmt, job.profile, job.keep, job.path),
                       job.fmt)


def fixed(checker: Checker, job: CheckRequest) -> FileResult:
    """Fix until stable, then report what is left in the fixed text."""
    outcome = checker.fix(job.text, job.fmt, job.profile, job.keep, job.unsafe, job.path)
    left = checker.check(outcome.text, job.fmt, job.profile, job.keep, job.path)
    return file_result(job.path, job.text, outcome.text, left, job.fmt, outcome,
                       {"fixed": {"text": outcome.text, "applied": [f.rule for f in outcome.applied],
                                  "rounds": outcome.rounds}})


async def _respond(request: Request, work) -> Response:
    job = await parse(request)
    result = await run_bounded(request.app.state.limits, work, request.app.state.checker, job)
    return Response(render([result], {}), media_type="application/json")


def scored(checker: Checker, job: CheckRequest) -> FileResult:
    """`cleanup score`'s object for the text, with the server configuration's weights and gates."""
    result = checked(checker, job)
    cfg = checker.settings
    gates = Gates(cfg["fail-under"], cfg["max-grade"])
    result.extra["scores"] = scorecard(result, MqmModel(weights=cfg["mqm-weights"]), gates)
    return result


# Plain English that every pack reads through: enough to compile the rules, load the
# dictionaries and the readability data, and find nothing.
WARM_UP_TEXT = "Talks resume\n\nThe two delegations will meet again on Monday, officials said.\n"


def warm_up(checker: Checker) -> float:
    """Score a short text as a request would, so that the first request does not pay for loading.

    The rules compile and the scores' data load on first use: the first score took 1.8 s on
    a quiet machine, the editor's first check 0.6 s. Returns the seconds it took.
    """
    started = time.perf_counter()
    job = CheckRequest(WARM_UP_TEXT, TEXT_FORMATS["text"], "-", checker.default, keep_selected(["ALL"], []), False)
    scored(checker, job)
    return time.perf_counter() - started


async def check(request: Request) -> Response:
    return await _respond(request, checked)


async def score(request: Request) -> Response:
    return await _respond(request, scored)


async def fix(request: Request) -> Response:
    return await _respond(request, fixed)


def meta_object(meta: RuleMeta) -> dict:
    return {"id": meta.id, "name": meta.name, "category": meta.category, "severity": meta.severity.value,
            "summary": meta.summary, "why": meta.why, "message": meta.message, "fix_safety": meta.fix_safety,
            "mqm": meta.mqm, "scopes": sorted(meta.scopes), "pack": meta.pack,
            "examples": [{"text": e.text, "correction": e.correction} for e in meta.examples]}


async def rules(request: Request) -> JSONResponse:
    return JSONResponse({"version": 1, "rules": [meta_object(r.meta) for r in request.app.state.checker.available]})
