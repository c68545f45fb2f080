"""Files as they really arrive: blank, CRLF or CR line endings, a BOM, decomposed accents.

Each goes through the CLI as a person runs it (`cleanup check --format json`, `cleanup
fix` on a real file). Line endings must not change what is found or where; offsets count
code points of the text after the BOM; a fix changes only what it fixes, byte for byte.

Decision on blank files: a file that is empty, or holds only whitespace or a BOM, has no
copy to check, which on a wire feed means a story was lost; it is reported on one line
naming the file, exit 2, and the other files are still checked.
"""

from __future__ import annotations

import json
import unicodedata

import pytest

from cleanup import cli

ARTICLE = (
    "Talks resume in Ankara\n"
    "\n"
    "ANKARA, Turkey (AP) — The minister  said the talks would resume when. the delegations return.\n"
    "\n"
    "MINISTRY WELCOMES DECISION\n"
    "\n"
    "“We will not allow it,” Novak said. We are ready for any scenario. “The army is on alert,” he added.\n"
    "\n"
    "The price rose again , officials said.\n"
)
FIXED = ARTICLE.replace("  said", " said").replace("when.", "when").replace("again ,", "again,")


def write(path, text: str, bom: bool = False) -> str:
    path.write_bytes(("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8"))
    return str(path)


def report(capsys, *paths: str) -> tuple[int, list[dict], str]:
    """Exit code, the JSON report's files and what went to stderr."""
    code = cli.main(["check", "--format", "json", *paths])
    out, err = capsys.readouterr()
    return code, json.loads(out)["files"], err


def located(text: str, findings: list[dict]) -> list[tuple]:
    """What each finding says and where, with the text it points at."""
    return [(f["rule"], f["line"], f["column"], text[f["start"]:f["end"]]) for f in findings]


@pytest.mark.parametrize("content, problem", [
    ("", "file is empty"),
    ("\ufeff", "file is empty"),
    ("\n\n\n", "file has only whitespace, no text to check"),
    ("  \t \r\n \u00a0\u3000\n", "file has only whitespace, no text to check"),
])
def test_blank_file_is_one_clear_error_and_the_others_still_run(tmp_path, capsys, content, problem):
    blank = write(tmp_path / "blank.txt", content)
    good = write(tmp_path / "good.txt", ARTICLE)
    code, files, err = report(capsys, blank, good)
    assert code == 2
    assert err == f"cleanup: {blank}: {problem}\n"
    assert [f["path"] for f in files] == [good] and files[0]["findings"]


def test_line_endings_change_neither_what_is_found_nor_where(tmp_path, capsys):
    seen = {}
    for name, ending in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")]:
        text = ARTICLE.replace("\n", ending)
        code, files, _ = report(capsys, write(tmp_path / f"{name}.txt", text))
        assert code == 1
        seen[name] = located(text, files[0]["findings"])
    assert {rule for rule, *_ in seen["lf"]} == {"PUN001", "PUN002", "PUN006", "QUO003", "STY001"}
    assert ("PUN006", 3, 35, "  ") in seen["lf"]
    assert seen["crlf"] == seen["lf"] and seen["cr"] == seen["lf"]


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_fix_keeps_line_endings(tmp_path, ending):
    path = tmp_path / "copy.txt"
    write(path, ARTICLE.replace("\n", ending))
    cli.main(["fix", "--exit-zero", str(path)])
    assert path.read_bytes() == FIXED.replace("\n", ending).encode("utf-8")


def test_bom_is_not_counted_and_fix_keeps_it(tmp_path, capsys):
    path = tmp_path / "bom.txt"
    write(path, ARTICLE, bom=True)
    with_bom = report(capsys, str(path))[1][0]["findings"]
    without = report(capsys, write(tmp_path / "plain.txt", ARTICLE))[1][0]["findings"]
    assert with_bom == without
    first = min(with_bom, key=lambda f: f["start"])
    assert ARTICLE[first["start"]:first["end"]] == "  " and (first["line"], first["column"]) == (3, 35)
    cli.main(["fix", "--exit-zero", str(path)])
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode("utf-8")


def test_decomposed_accents_move_nothing(tmp_path, capsys):
    # Mixed normalisation: the headline and two names decomposed (e + U+0301), the rest composed;
    # each combining mark is a code point of its own and counts in the column.
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    text = (nfd("Café reopens\n\n") + "The café owner  said " + nfd("José Pérez") + " would return when. the"
            + nfd(" rain ends, Zoë said.\n"))
    path = write(tmp_path / "mixed.txt", text)
    findings = report(capsys, path)[1][0]["findings"]
    assert sorted(located(text, findings)) == [("PUN001", 3, 52, "."), ("PUN006", 3, 15, "  ")]
    cli.main(["fix", "--exit-zero", path])
    with open(path, "rb") as handle:  # bytes, so that nothing is normalised on the way
        assert handle.read() == text.replace("  said", " said").replace("when.", "when").encode("utf-8")
    assert "e\u0301" in text and "é" in text  # both forms really were there
