"""HTML: text nodes of block elements, entities as single pieces, tags never cut."""

from __future__ import annotations

from cleanup import engine
from cleanup.formats import FORMATS
from cleanup.model import Applicability
from cleanup.packs import builtin_rules
from cleanup.pipeline import Profile, check_source, fix_source

HTML = FORMATS["html"]
RULES = builtin_rules()


def findings(source: str, *select: str):
    return check_source(source, "story.html", HTML, Profile(engine.select(RULES, select))).findings


def fixed(source: str, *select: str, unsafe: bool = False) -> str:
    return fix_source(source, "story.html", HTML, Profile(engine.select(RULES, select)), unsafe).text


def test_block_elements_become_blocks_with_scopes():
    doc = HTML.load("<h1>Port strike ends</h1><div>Intro <p>Body.</p> tail</div>"
                    "<blockquote><p>Quoted.</p></blockquote><h3>Next</h3><ul><li>Item.</li></ul>", "s.html")
    assert [(b.scope, doc.text[b.span.start:b.span.end]) for b in doc.blocks] == [
        ("headline", "Port strike ends"), ("body", "Intro"), ("body", "Body."), ("body", "tail"),
        ("quotation", "Quoted."), ("subhead", "Next"), ("body", "Item.")]


def test_whitespace_reads_as_the_browser_shows_it():
    source = "<p>\n   Two  spaces\n   across  lines <b>here</b> , and<br>a break.</p>"
    doc = HTML.load(source, "s.html")
    assert doc.text == "Two spaces across lines here , and a break."
    assert findings(source, "PUN006") == ()
    (finding,) = findings(source, "PUN002")
    assert finding.span.start == source.index(" , and")


def test_entities_are_decoded_and_an_edit_beside_one_keeps_it():
    source = "<p>AT&amp;T shares rose&#8217;s &ldquo;sharply&rdquo; , traders said.</p>"
    assert HTML.load(source, "s.html").text == "AT&T shares rose’s “sharply” , traders said."
    assert fixed(source, "PUN002") == "<p>AT&amp;T shares rose&#8217;s &ldquo;sharply&rdquo;, traders said.</p>"


def test_an_unknown_entity_is_text_as_written():
    assert HTML.load("<p>Fish &chips; tonight</p>", "s.html").text == "Fish &chips; tonight"


def test_an_edit_across_a_tag_is_shown_but_never_applied():
    source = "<p>The union said the GOVER<b>NMENT</b> had agreed.</p>"
    (finding,) = findings(source, "STY002")
    assert finding.fix.applicability is Applicability.DISPLAY
    assert fixed(source, "STY002", unsafe=True) == source
    inside = "<p>The union said the <b>GOVERNMENT</b> had agreed.</p>"
    assert fixed(inside, "STY002", unsafe=True) == "<p>The union said the <b>government</b> had agreed.</p>"


def test_scripts_styles_preformatted_text_and_the_head_are_skipped():
    source = ("<html><head><title>Title , here</title></head><body><pre>a , b</pre>"
              "<p>Run <code>x , y</code> now.</p><script>if (a , b) {}</script><style>p{a:b ;}</style></body></html>")
    doc = HTML.load(source, "s.html")
    assert doc.text == "Run X now."


def test_unclosed_tags_and_crlf_do_not_shift_positions():
    source = "<p>First paragraph\r\n<p>Second one , here\r\n<p>Third"
    (finding,) = findings(source, "PUN002")
    assert finding.span.start == source.index(" , here")
    assert [b.scope for b in HTML.load(source, "s.html").blocks] == ["body", "body", "body"]
