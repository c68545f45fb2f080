"""JUnit XML, which Jenkins, GitLab and Azure Pipelines show as test results.

One testsuite per file and one testcase per finding, failed; a file without findings
gets one passing testcase, so a clean run still counts its files. A rule that broke on
a file is a testcase with an `error`. MT copy may carry control characters (that is
one of the artefacts cleanup looks for) which XML 1.0 cannot hold even escaped, so
they are written as visible `\\x..` escapes instead of producing a file no parser reads.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import regex

from ..pipeline import FileResult
from . import locate

# Characters XML 1.0 does not allow anywhere, not even as character references.
_NOT_XML = regex.compile(r"[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def xml_text(text: str) -> str:
    r"""Text XML 1.0 can hold: forbidden characters become visible escapes.

    >>> xml_text("a\x0bb\x00")
    'a\\x0bb\\x00'
    """
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def render(results: list[FileResult], options: dict) -> str:
    top = ET.Element("testsuites", name="cleanup")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for result in results:
        suite = ET.SubElement(top, "testsuite", name=xml_text(result.path))
        path = xml_text(result.path)
        for item in locate(result):
            f = item.finding
            case = ET.SubElement(suite, "testcase", classname=path, name=f"{f.rule} at {item.line}:{item.column}",
                                 file=path, line=str(item.line))
            failure = ET.SubElement(case, "failure", message=xml_text(f.message), type=f.rule)
            detail = (f"{result.path}:{item.line}:{item.column}: {f.rule} [{f.category}] "
                      f"({f.severity.value}) {f.message}")
            if f.fix is not None:
                detail += f"\nfix ({f.fix.applicability.value}): {f.fix.title}"
            failure.text = xml_text(detail)
        for e in result.checked.errors:
            case = ET.SubElement(suite, "testcase", classname=path, name=f"{e.rule} internal error", file=path)
            ET.SubElement(case, "error", message=xml_text(e.message), type=e.rule)
        if not result.findings and not result.checked.errors:
            ET.SubElement(suite, "testcase", classname=path, name="no findings", file=path)
        counts = {"tests": len(suite), "failures": len(result.findings), "errors": len(result.checked.errors)}
        suite.attrib.update({key: str(value) for key, value in counts.items()}, skipped="0")
        for key, value in counts.items():
            totals[key] += value
    top.attrib.update({key: str(value) for key, value in totals.items()})
    ET.indent(top)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(top, encoding="unicode")
