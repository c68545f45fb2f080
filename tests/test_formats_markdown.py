"""Markdown: what is prose, which scope it has, and fixes that keep the markup."""

from __future__ import annotations

import pytest

from cleanup import engine
from cleanup.files import InputError
from cleanup.formats import FORMATS, markdown
from cleanup.model import Applicability, Span
from cleanup.packs import builtin_rules
from cleanup.pipeline import Profile, check_source, fix_source

MARKDOWN = FORMATS["markdown"]
RULES = builtin_rules()


def findings(source: str, *select: str):
    return check_source(source, "story.md", MARKDOWN, Profile(engine.select(RULES, select or ("ALL",)))).findings


def fixed(source: str, *select: str, unsafe: bool = False) -> str:
    return fix_source(source, "story.md", MARKDOWN, Profile(engine.select(RULES, select)), unsafe).text


def test_blocks_get_scopes_from_the_markup():
    doc = MARKDOWN.load("# Port strike ends\n\nBody text here.\n\n> A quoted line\n> goes on.\n\n"
                        "## Next steps\n\n- A list item.\n\nSetext subhead\n--------------\n", "story.md")
    scopes = [(b.scope, doc.text[b.span.start:b.span.end]) for b in doc.blocks]
    assert scopes == [("headline", "Port strike ends"), ("body", "Body text here."),
                      ("quotation", "A quoted line\ngoes on."), ("subhead", "Next steps"),
                      ("body", "A list item."), ("subhead", "Setext subhead")]
    assert doc.scope_at(doc.text.index("quoted")) == "quotation"


def test_nul_and_front_matter_keep_offsets():
    source = "---\ntitle: A , b\n---\nTea\0 cake , here.\n"
    (finding,) = findings(source, "PUN002")
    assert finding.span.start == source.index(" , here")


def test_link_text_is_prose_and_its_destination_is_not():
    source = "See [the talks , he said](https://example.org/a,b \"a title , here\") today.\n"
    reported = [source[f.span.start - 5:f.span.end + 1] for f in findings(source, "PUN002")]
    assert reported == ["talks ,"]


def test_reference_links_and_images_keep_their_syntax_out_of_the_prose():
    source = ("Read [the deal][deal] and ![a chart , here](chart.png) now.\n\n"
              "[deal]: https://example.org/deal \"The deal , signed\"\n")
    doc = MARKDOWN.load(source, "story.md")
    assert doc.text == "Read the deal and X now."
    assert findings(source, "PUN002") == ()


def test_escapes_and_entities_before_an_artefact_keep_its_column():
    source = "Prices \\*rose\\* by 5&#8239;% &amp; more , traders said.\n"
    (finding,) = findings(source, "PUN002")
    assert finding.span.start == source.index(" , traders")
    assert fixed(source, "PUN002") == "Prices \\*rose\\* by 5&#8239;% &amp; more, traders said.\n"


def test_an_edit_across_emphasis_markers_is_shown_but_never_applied():
    source = "The union said the GOVER**NMENT** had agreed.\n"
    (finding,) = findings(source, "STY002")
    assert source[finding.span.start:finding.span.end] == "GOVER**NMENT"
    assert finding.fix.applicability is Applicability.DISPLAY
    assert fixed(source, "STY002", unsafe=True) == source


def test_an_edit_inside_emphasis_keeps_the_markers():
    source = "The union said the *GOVERNMENT* had agreed.\n"
    assert fixed(source, "STY002", unsafe=True) == "The union said the *government* had agreed.\n"


def test_crlf_line_endings_report_lines_and_survive_a_fix():
    source = "# Strike ends\r\n\r\nWorkers returned on Sunday. the union\r\nsaid , after talks.\r\n"
    reported = sorted((f.rule, f.span.start) for f in findings(source, "PUN001", "PUN002"))
    assert reported == [("PUN001", source.index(". the")), ("PUN002", source.index(" , after"))]
    assert fixed(source, "PUN001", "PUN002") == "# Strike ends\r\n\r\nWorkers returned on Sunday the union\r\nsaid, after talks.\r\n"


def test_a_soft_line_break_inside_a_quote_is_prose_and_the_quote_marker_is_not():
    source = "> The talks went on\n> , he said.\n"
    doc = MARKDOWN.load(source, "story.md")
    assert doc.text == "The talks went on\n, he said."
    assert doc.source_map.to_source(Span(18, 19)).start == source.index(",")


def test_hard_breaks_code_and_html_are_not_prose():
    source = "First line  \nsecond `a , b` line <span class=\"x , y\">inline</span> end.\n\n<div>\nraw , html\n</div>\n"
    doc = MARKDOWN.load(source, "story.md")
    assert doc.text == "First line\nsecond X line inline end."


def test_a_parser_that_reads_text_differently_is_refused_not_guessed(monkeypatch):
    parser = markdown._parser()
    monkeypatch.setitem(parser.options, "typographer", True)
    parser.enable("replacements")
    try:
        with pytest.raises(InputError, match=r"^story.md:1: cannot map this Markdown back to the source"):
            MARKDOWN.load("Copyright (c) 2024 the union.\n", "story.md")
    finally:
        parser.disable("replacements")
