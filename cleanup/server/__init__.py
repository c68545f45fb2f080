"""`cleanup serve`: the checker over HTTP.

Three faces on one Starlette app: a LanguageTool-compatible API (/v2) so editors that
already speak to LanguageTool work unchanged, a JSON API (/api/v1) that answers with
the same contract as `cleanup check --format json`, and a web editor (/) for copy
editors. Requests never name files: text comes in the body and answers go back in it.
"""
