"""A LanguageTool-compatible HTTP API (/v2/check, /v2/languages).

LibreOffice's remote-server option, browser add-ons, LTeX and language-tool-python's
`remote_server` all speak this protocol, so pointing them at `cleanup serve` puts our
findings in the editors copy desks already use. Offsets and lengths count UTF-16
code units, as LanguageTool's Java strings do; a match's span is widened to cover its
fix, because a client replaces exactly [offset, offset + length) with the value.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from importlib.metadata import version

import regex
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse

from ..fixes import apply_edits
from ..formats import FORMATS, Format
from ..model import Applicability, Edit, Finding, RuleMeta, Span
from ..positions import Utf16Index
from . import annotation
from .errors import ApiError
from .limits import run_bounded
from .service import Keep

LANGUAGES = {"en": "English", "en-US": "English (US)", "en-GB": "English (GB)", "en-AU": "English (Australian)",
             "en-CA": "English (Canadian)", "en-NZ": "English (New Zealand)", "en-ZA": "English (South African)"}
# LanguageTool's issue types (ITS 2.0 names); clients colour underlines by them.
ISSUE_TYPES = {"punctuation": "typographical", "quotes": "typographical", "attribution": "style",
               "translationese": "style", "grammar": "grammar", "spelling": "misspelling",
               "consistency": "inconsistency", "boilerplate": "addition", "time": "locale-violation",
               "encoding": "characters", "untranslated": "untranslated", "duplicate": "duplication",
               "style": "style", "numbers": "numbers"}
CONTEXT = 40   # UTF-16 units of context on each side of a match, as LanguageTool gives
_SOFTWARE = {"name": "cleanup", "version": version("cleanup"), "buildDate": "", "apiVersion": 1,
             "premium": False, "status": ""}
_SENTENCE_BREAK = regex.compile(r"(?<=[.!?…][\"”’')\]]*)\s+|\s*[\r\n]\s*")
_FLATTEN = str.maketrans("\r\n\t", "   ")


def lt_rule_id(rule: str) -> str:
    """Findings relayed from LanguageTool keep its own ids, so clients' rule lists apply.

    >>> lt_rule_id("LT:UPPERCASE_SENTENCE_START"), lt_rule_id("PUN001")
    ('UPPERCASE_SENTENCE_START', 'PUN001')
    """
    return rule.removeprefix("LT:")


def resolve_language(code: str | None, preferred: str = "") -> str:
    """The variant to report for the request's `language` (and `preferredVariants` with auto).

    >>> resolve_language("auto", "de-DE,en-GB"), resolve_language("en_us"), resolve_language("EN")
    ('en-GB', 'en-US', 'en')
    """
    if not code:
        raise ApiError(400, "missing 'language' parameter (e.g. en-US, or auto)")
    if code.lower() == "auto":
        variants = [resolve_language(v) for v in preferred.split(",") if v.strip().lower().startswith("en")]
        return variants[0] if variants else "en-US"
    wanted = code.strip().replace("_", "-").lower()
    for known in LANGUAGES:
        if known.lower() == wanted:
            return known
    raise ApiError(400, f"language {code!r} is not supported: cleanup checks English only ({', '.join(LANGUAGES)})")


def _ids(params: dict, name: str) -> set[str]:
    return {v.strip().upper() for v in params.get(name, "").split(",") if v.strip()}


def keep_for(params: dict) -> Keep:
    """LanguageTool's rule and category switches as a selection predicate.

    >>> keep = keep_for({"disabledRules": "PUN006", "enabledCategories": "QUOTES", "enabledOnly": "true"})
    >>> keep("QUO001", "quotes"), keep("PUN001", "punctuation"), keep("PUN006", "quotes")
    (True, False, False)
    """
    enabled_rules, disabled_rules = _ids(params, "enabledRules"), _ids(params, "disabledRules")
    enabled_categories, disabled_categories = _ids(params, "enabledCategories"), _ids(params, "disabledCategories")
    only = params.get("enabledOnly", "false").lower() == "true"
    if only and not (enabled_rules or enabled_categories):
        raise ApiError(400, "enabledOnly=true needs enabledRules or enabledCategories")

    def keep(rule: str, category: str) -> bool:
        rule, category = lt_rule_id(rule).upper(), category.upper()
        if rule in disabled_rules or category in disabled_categories:
            return False
        return not only or rule in enabled_rules or category in enabled_categories
    return keep


def _everywhere(offset: int) -> bool:
    return True


def replacement(text: str, finding: Finding, editable: Callable[[int], bool] = _everywhere) -> tuple[Span, list[str]]:
    """The span a client should replace, and what to put there.

    The span covers the finding and every edit of its fix. Clients can neither show
    an empty span nor offer an empty suggestion, so an insertion takes in the
    character before it and a deletion the character after it (or the other side,
    where that one is markup, which is never `editable`).

    >>> from cleanup.model import Fix, Severity
    >>> def fixed(start, end, new):
    ...     return Finding("R", "punctuation", Severity.WARNING, "m", Span(start, end), Fix("t", (Edit(Span(start, end), new),)))
    >>> replacement("March.The", fixed(6, 6, " ")), replacement("rose , then", fixed(4, 5, ""))
    ((Span(start=5, end=6), ['. ']), (Span(start=4, end=6), [',']))
    >>> replacement("said,,<b>", fixed(5, 6, ""), lambda i: i < 6)
    (Span(start=4, end=6), [','])
    """
    fix = finding.fix
    edits = fix.edits if fix is not None and fix.applicability is not Applicability.DISPLAY else ()
    start = min([finding.span.start] + [e.span.start for e in edits])
    end = max([finding.span.end] + [e.span.end for e in edits])
    value = apply_edits(text[start:end], [Edit(e.span.shift(-start), e.replacement) for e in edits])
    if start == end or (edits and not value):
        before, after = start > 0 and editable(start - 1), end < len(text) and editable(end)
        prefer_after = bool(edits) and start < end
        if after and (prefer_after or not before):
            value, end = value + text[end], end + 1
        elif before:
            value, start = text[start - 1] + value, start - 1
    return Span(start, end), [value] if edits else []


def context(text: str, units: Utf16Index, span: Span) -> dict:
    """Up to CONTEXT UTF-16 units either side, on one line, as LanguageTool shows them.

    >>> text = "Hello wrold, again."
    >>> context(text, Utf16Index(text), Span(6, 11))
    {'text': 'Hello wrold, again.', 'offset': 6, 'length': 5}
    """
    start, end = units.to_utf16(span.start), units.to_utf16(span.end)
    left = units.from_utf16(max(0, start - CONTEXT))
    right = min(len(text), units.from_utf16(end + CONTEXT))
    prefix, suffix = ("..." if left else ""), ("..." if right < len(text) else "")
    shown = prefix + text[left:right].translate(_FLATTEN) + suffix
    offset = len(prefix) + start - units.to_utf16(left)
    return {"text": shown, "offset": offset, "length": end - start}


class Sentences:
    """Sentence spans, for the `sentence` field and `sentenceRanges` (a rough split is enough).

    >>> s = Sentences("One here. Two there!\\nThree.")
    >>> s.around(Span(14, 19)), s.around(Span(22, 27)), [(x.start, x.end) for x in s.spans()]
    ('Two there!', 'Three.', [(0, 9), (10, 20), (21, 27)])
    """

    def __init__(self, text: str) -> None:
        self._text = text
        breaks = [(m.start(), m.end()) for m in _SENTENCE_BREAK.finditer(text)]
        self._ends = [b[0] for b in breaks]
        self._starts = [b[1] for b in breaks]

    def around(self, span: Span) -> str:
        i = bisect_right(self._starts, span.start) - 1
        start = self._starts[i] if i >= 0 else 0
        j = bisect_right(self._ends, max(span.end - 1, span.start))
        end = self._ends[j] if j < len(self._ends) else len(self._text)
        return self._text[start:max(end, span.end)]

    def spans(self) -> list[Span]:
        bounds = zip([0] + self._starts, self._ends + [len(self._text)])
        return [Span(start, end) for start, end in bounds if end > start]


def match_object(text: str, units: Utf16Index, sentences: Sentences, finding: Finding,
                 meta: RuleMeta | None, editable: Callable[[int], bool]) -> dict:
    span, values = replacement(text, finding, editable)
    offset = units.to_utf16(span.start)
    category = finding.category
    return {
        "message": finding.message,
        "shortMessage": meta.name.replace("-", " ").capitalize() if meta else "",
        "replacements": [{"value": v} for v in values],
        "offset": offset,
        "length": units.to_utf16(span.end) - offset,
        "context": context(text, units, span),
        "sentence": sentences.around(span),
        "type": {"typeName": "UnknownWord" if category == "spelling" else "Other"},
        "rule": {"id": lt_rule_id(finding.rule), "description": meta.summary if meta else finding.message,
                 "issueType": ISSUE_TYPES.get(category, "uncategorized"),
                 "category": {"id": category.upper(), "name": category.capitalize()}},
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def answer(text: str, findings: tuple[Finding, ...], metas: dict[str, RuleMeta], language: str,
           editable: Callable[[int], bool] = _everywhere) -> dict:
    units, sentences = Utf16Index(text), Sentences(text)
    matches = sorted((match_object(text, units, sentences, f, metas.get(f.rule), editable) for f in findings),
                     key=lambda m: (m["offset"], m["length"]))
    name = LANGUAGES[language]
    ranges = [(units.to_utf16(s.start), units.to_utf16(s.end)) for s in sentences.spans()]
    return {
        "software": _SOFTWARE,
        "warnings": {"incompleteResults": False},
        "language": {"name": name, "code": language,
                     "detectedLanguage": {"name": name, "code": language, "confidence": 1.0, "source": "fixed"}},
        "matches": matches,
        "sentenceRanges": [list(r) for r in ranges],
        "extendedSentenceRanges": [{"from": start, "to": end, "detectedLanguages": [{"language": "en", "rate": 1.0}]}
                                   for start, end in ranges],
    }


async def parameters(request: Request) -> dict[str, str]:
    """Query and form parameters together: LanguageTool accepts either."""
    params = dict(request.query_params)
    if request.method == "POST":
        try:
            form = await request.form()
        except Exception as error:  # the multipart parser raises several unrelated types
            raise ApiError(400, f"cannot parse the form body: {error}") from None
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                raise ApiError(400, f"'{key}' must be a form field, not a file upload")
            params[key] = value
    return params


def _document(params: dict) -> tuple[str, Format, Callable[[int], bool]]:
    """The string offsets count in, how to read it, and where a suggestion may reach."""
    if "data" in params:
        source, fmt, mapping = annotation.parse(params["data"])
        return source, fmt, mapping.is_text
    if "text" in params:
        return params["text"], FORMATS["text"], _everywhere
    raise ApiError(400, "missing 'text' or 'data' parameter")


async def check(request: Request) -> JSONResponse:
    params = await parameters(request)
    language = resolve_language(params.get("language"), params.get("preferredVariants", ""))
    keep = keep_for(params)
    state = request.app.state
    source, fmt, editable = _document(params)
    state.limits.check_text(source)
    checked = await run_bounded(state.limits, state.checker.check, source, fmt, state.checker.narrowed(keep), keep)
    return JSONResponse(answer(source, checked.findings, state.metas, language, editable))


async def languages(request: Request) -> JSONResponse:
    return JSONResponse([{"name": name, "code": code.split("-")[0], "longCode": code}
                         for code, name in LANGUAGES.items()])
