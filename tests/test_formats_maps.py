"""Property: on any input, a markup format's map sends each prose character to its own
source character, in order. Only collapsed whitespace (read as a space) and CR line
ends (read as LF) may differ; markup, entities and placeholders map as whole pieces.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.formats import FORMATS
from cleanup.model import Span

MARKUP = ["&amp;", "&#8217;", "&#1;", "&#0;", "<!--", "-->", "<b>", "</b>", "<p>", "</p>", "**", "```", "http://x.y/z", "\r\n",
          "é", "🚢", "    ", "---\n", "[a](b)", "![i](j)", "<x@y.z>"]
PIECES = st.sampled_from(list("ab ,.\n\t>*_`[]()<>!#-+1&;\\\"'/:") + MARKUP)
XML_PIECES = st.sampled_from(list("ab ,.\n\t") + ["&amp;", "&lt;", "&#8217;", "&#x201C;", "<em>x</em>", "<!-- c -->",
                                                   "\r\n", "é", "€", "🚢", "</p><p>", "<![CDATA[a<b]]>", "  "])
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_maps_faithfully(fmt: str, source: str) -> None:
    doc = FORMATS[fmt].load(source, "fuzz")
    previous = 0
    for i, ch in enumerate(doc.text):
        span = doc.source_map.to_source(Span(i, i + 1))
        assert span.start >= previous, f"prose {i} maps before prose {i - 1}"
        previous = span.start
        if len(span) == 1 and source[span.start] != ch:
            assert (ch == " " and source[span.start].isspace()) or (ch == "\n" and source[span.start] == "\r"), \
                f"prose {i} {ch!r} maps to source {span.start} {source[span.start]!r}"


@SETTINGS
@given(st.lists(PIECES, max_size=40).map("".join))
def test_markdown_maps_faithfully(source):
    assert_maps_faithfully("markdown", source)


@SETTINGS
@given(st.lists(PIECES, max_size=40).map("".join))
def test_html_maps_faithfully(source):
    assert_maps_faithfully("html", source)


@SETTINGS
@given(st.lists(XML_PIECES, max_size=40).map("".join))
def test_nitf_maps_faithfully(body):
    assert_maps_faithfully("nitf", f"<nitf><body><body.content><p>{body}</p></body.content></body></nitf>")
