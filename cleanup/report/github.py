"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

The runner parses `::error file=…,line=…::message` lines from a step's output. Values
are escaped as the Actions toolkit does (`%`, CR and LF everywhere; `:` and `,` too in
properties), or a message with a newline or a path with a comma would cut the command
short. Columns count code points and the end is exclusive, as in the other reports.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Severity
from ..pipeline import FileResult
from . import joined, locate

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(results: list[FileResult], options: dict) -> str:
    return "".join(stream(results, options))


def stream(results: list[FileResult], options: dict) -> Iterator[str]:
    return joined(_commands(results))


def _commands(results: list[FileResult]) -> Iterator[str]:
    for result in results:
        for item in locate(result):
            f = item.finding
            yield command(LEVELS[f.severity], f.message, file=result.path, line=item.line, col=item.column,
                          endLine=item.end_line, endColumn=item.end_column, title=f.rule)
        for e in result.checked.errors:
            yield command("error", f"internal error in rule {e.rule}: {e.message}",
                          file=result.path, title=f"{e.rule} failed")


def command(level: str, message: str, **properties: object) -> str:
    """One workflow command line.

    >>> command("warning", "50% done\\nnext", file="a,b:c.txt", line=3, title="PUN001")
    '::warning file=a%2Cb%3Ac.txt,line=3,title=PUN001::50%25 done%0Anext'
    """
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{level} {props}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
