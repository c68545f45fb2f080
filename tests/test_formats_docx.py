"""DOCX: findings at paragraph and column, fixes written into runs, the rest reported."""

from __future__ import annotations

import io
import runpy
import zipfile
from pathlib import Path

import docx
import pytest

from cleanup import files
from cleanup.cli import main
from cleanup.formats import FORMATS

SCRIPT = Path(__file__).resolve().parent.parent / "corpora" / "formats" / "make_sample_docx.py"
DOCX = FORMATS["docx"]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return runpy.run_path(str(SCRIPT))["build"](tmp_path / "sample.docx")


def runs(path: Path) -> list[list[tuple[str, bool | None, bool | None]]]:
    return [[(r.text, r.bold, r.italic) for r in p.runs] for p in docx.Document(str(path)).paragraphs]


def test_findings_report_paragraph_and_column(sample, capsys):
    assert main(["check", str(sample)]) == 1
    out = capsys.readouterr().out
    paragraphs = files.read(str(sample), DOCX.codec).text.split("\n")
    expected = [(2, "Sunday. the", "."), (2, "agreement .", " "), (3, "everything ,", " "),
                (5, "VICTORY", "V"), (7, "percent ,", " "), (8, "Friday ,", " ")]
    for line, context, mark in expected:
        column = paragraphs[line - 1].index(context) + context.index(mark) + 1
        assert f"{sample}:{line}:{column}: " in out
    assert out.count(f"{sample}:") == len(expected)


def test_the_view_has_a_line_per_paragraph_with_tabs_and_breaks_inside():
    view = DOCX.codec.view("s.docx", _docx_bytes())
    assert view.split("\n") == ["Plain , text", "", "Cell one", "Tab\there\u2028after a break"]


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Plain , text")
    document.add_paragraph("")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "Cell one"
    last = document.add_paragraph("Tab\there")
    last.add_run().add_break()
    last.add_run("after a break")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_fix_keeps_run_formatting_and_reports_edits_across_runs(sample, capsys):
    before = runs(sample)
    assert main(["check", "--fix", "--unsafe-fixes", str(sample)]) == 1
    out, err = capsys.readouterr()
    after = runs(sample)
    assert after[1] == [("Dock workers in the northern port returned to the cranes on Sunday the union said, after "
                         "a night of talks with the port authority ended in a ", None, None),
                        ("provisional", None, True), (" agreement.", None, None)]
    assert after[2][1:] == before[2][1:] and after[2][1] == ("Mira Kovac", True, None)
    assert after[2][0][0].startswith("“We did not get everything, but")
    # VICTORY is split across a plain and a bold run: not rewritten, reported, still a finding.
    assert after[4] == before[4]
    assert err == f"cleanup: {sample}:5:15: fix not written: 'VICTORY' → 'victory' spans text in different formats (edit it in Word)\n"
    assert f"{sample}:5:15: STY002" in out
    assert docx.Document(str(sample)).tables[0].cell(0, 1).text == "Up 4 percent, from April"
    assert after[5][-1] == ("Members vote on Friday, the union said.", None, None)


def test_a_deleted_paragraph_is_removed_and_a_joined_one_is_reported(tmp_path):
    path = tmp_path / "s.docx"
    path.write_bytes(_docx_bytes())
    source = files.read(str(path), DOCX.codec)
    lines = source.text.split("\n")
    removed = DOCX.codec.encode(source, "\n".join(lines[:1] + lines[2:]))
    assert removed.text.split("\n") == [lines[0]] + lines[2:] and removed.notes == ()
    joined = DOCX.codec.encode(source, "\n".join([lines[0] + " " + lines[2]] + lines[3:]))
    assert joined.text == source.text
    assert joined.notes == (f"{path}:1: fix not written: it adds, joins or splits paragraphs",)


@pytest.mark.parametrize("content,reason", [
    (b"not a zip at all", "File is not a zip file"),
    (None, "There is no item named '[Content_Types].xml' in the archive"),
])
def test_a_file_that_is_not_a_docx_is_one_line_and_exit_2(tmp_path, capsys, content, reason):
    path = tmp_path / "bad.docx"
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.txt", "not a document")
    else:
        path.write_bytes(content)
    assert main(["check", str(path)]) == 2
    assert capsys.readouterr().err == f"cleanup: {path}: not a readable DOCX file ({reason})\n"
