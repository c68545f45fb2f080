"""Writes sample.docx, the Word sample: the same invented story as the other samples.

The binary is not committed; tests build it with this script so the sample and the
expectations about it stay readable. Formatting is chosen to exercise the DOCX writer:
a fix inside one run, a fix next to a bold run, a word split across two runs (which a
fix cannot rewrite without choosing a format), a tab, a line break and a table cell.

    python corpora/formats/make_sample_docx.py [OUT.docx]
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx


def build(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Harbour workers end strike after night of talks", style="Title")
    first = document.add_paragraph("Dock workers in the northern port returned to the cranes on Sunday. the union said, "
                                   "after a night of talks with the port authority ended in a ")
    first.add_run("provisional").italic = True
    first.add_run(" agreement .")
    quote = document.add_paragraph("“We did not get everything , but we got the night shifts back,” union leader ")
    quote.add_run("Mira Kovac").bold = True
    quote.add_run(" told reporters.")
    document.add_paragraph("")
    split = document.add_paragraph("The deal is a VICT")
    split.add_run("ORY").bold = True
    split.add_run(" for the night shifts, the union said.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Shift pay"
    table.cell(0, 1).text = "Up 4 percent , from April"
    last = document.add_paragraph("Vote:\tnext week")
    last.add_run().add_break()
    last.add_run("Members vote on Friday , the union said.")
    document.save(path)
    return path


if __name__ == "__main__":
    print(build(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("sample.docx"))))
