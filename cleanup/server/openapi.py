"""The OpenAPI 3 description served at /openapi.json, written by hand to stay readable."""

from __future__ import annotations

from importlib.metadata import version

from ..model import CATEGORIES


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ERRORS = {str(code): _json(_ref("Error"), text) for code, text in
           [(400, "Malformed request"), (413, "Body or text too large"), (503, "Checking timed out")]}

_CHECK_REQUEST = {
    "type": "object", "required": ["text"], "additionalProperties": False,
    "properties": {
        "text": {"type": "string", "description": "The copy to check, in the given format."},
        "format": {"type": "string", "default": "text", "description": "Source format (see `cleanup check --help`)."},
        "path": {"type": "string", "default": "-", "description": "A label for the report; never opened."},
        "select": {"type": "array", "items": {"type": "string"}, "default": ["ALL"],
                   "description": "Rule ids, id prefixes or categories."},
        "ignore": {"type": "array", "items": {"type": "string"}, "default": []},
        "unsafe_fixes": {"type": "boolean", "default": False, "description": "/fix only: apply unsafe fixes too."},
    },
}

_FINDING = {
    "type": "object",
    "required": ["rule", "category", "severity", "message", "start", "end", "line", "column", "fix"],
    "properties": {
        "rule": {"type": "string"}, "category": {"type": "string", "enum": list(CATEGORIES)},
        "severity": {"type": "string", "enum": ["error", "warning", "info"]}, "message": {"type": "string"},
        "start": {"type": "integer", "description": "Code-point offset, inclusive."},
        "end": {"type": "integer", "description": "Code-point offset, exclusive."},
        "line": {"type": "integer"}, "column": {"type": "integer"},
        "notes": {"type": "array", "items": {"type": "string"}},
        "fix": {"oneOf": [{"type": "null"}, {
            "type": "object", "properties": {
                "applicability": {"type": "string", "enum": ["safe", "unsafe", "display"]},
                "message": {"type": "string"},
                "edits": {"type": "array", "items": {"type": "object", "properties": {
                    "start": {"type": "integer"}, "end": {"type": "integer"}, "replacement": {"type": "string"}}}},
            }}]},
    },
}

_REPORT = {
    "type": "object", "required": ["version", "files"],
    "description": "The same document `cleanup check --format json` prints (version 1).",
    "properties": {
        "version": {"type": "integer", "enum": [1]},
        "files": {"type": "array", "items": {"type": "object", "required": ["path", "findings"], "properties": {
            "path": {"type": "string"}, "findings": {"type": "array", "items": _ref("Finding")},
            "errors": {"type": "array", "items": {"type": "object"}},
            "fixed": {"type": "object", "description": "/fix only", "properties": {
                "text": {"type": "string"}, "applied": {"type": "array", "items": {"type": "string"}},
                "rounds": {"type": "integer"}}},
        }}},
    },
}

_LT_FORM = {
    "type": "object",
    "properties": {
        "text": {"type": "string"},
        "data": {"type": "string", "description": "JSON {\"annotation\": [{\"text\"}|{\"markup\", \"interpretAs\"}]}"},
        "language": {"type": "string", "example": "en-US"},
        "enabledRules": {"type": "string"}, "disabledRules": {"type": "string"},
        "enabledCategories": {"type": "string"}, "disabledCategories": {"type": "string"},
        "enabledOnly": {"type": "string", "enum": ["true", "false"]},
        "preferredVariants": {"type": "string"},
    },
    "required": ["language"],
}


def document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "cleanup serve", "version": version("cleanup"),
                 "description": "Checks machine-translated English news copy. Offsets in /api/v1 count code "
                                "points; offsets in /v2 count UTF-16 units, as LanguageTool's do."},
        "paths": {
            "/v2/check": {"post": {
                "summary": "LanguageTool-compatible check", "operationId": "languagetoolCheck",
                "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": _LT_FORM}}},
                "responses": {"200": _json({"type": "object"}, "LanguageTool's response shape"), **_ERRORS}}},
            "/v2/languages": {"get": {
                "summary": "Languages, LanguageTool-style", "operationId": "languagetoolLanguages",
                "responses": {"200": _json({"type": "array", "items": {"type": "object"}}, "Supported variants")}}},
            "/api/v1/check": {"post": {
                "summary": "Check text", "operationId": "check",
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("CheckRequest")}}},
                "responses": {"200": _json(_ref("Report"), "Findings"), **_ERRORS}}},
            "/api/v1/fix": {"post": {
                "summary": "Apply fixes until the text settles", "operationId": "fix",
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("CheckRequest")}}},
                "responses": {"200": _json(_ref("Report"), "Fixed text and the findings left"), **_ERRORS}}},
            "/api/v1/score": {"post": {
                "summary": "Readability and MQM quality scores, with the findings behind them", "operationId": "score",
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("CheckRequest")}}},
                "responses": {"200": _json(_ref("Report"), "The check report with a scores object per file"),
                              **_ERRORS}}},
            "/api/v1/rules": {"get": {
                "summary": "Every rule's metadata", "operationId": "rules",
                "responses": {"200": _json({"type": "object"}, "Rules with why, fix safety and examples")}}},
        },
        "components": {"schemas": {
            "CheckRequest": _CHECK_REQUEST, "Finding": _FINDING, "Report": _REPORT,
            "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                "type": "object", "properties": {"status": {"type": "integer"}, "message": {"type": "string"}}}}},
        }},
    }
