"""The encoding pack's native scans give what the `regex` patterns they replaced gave.

Each pattern below is the one cleanup/checks/encoding.py ran before the scan moved to the
native core (native/src/encoding.rs); `finditer` over it, or `search` within a window,
is the oracle. The texts are drawn from the code points at the edges of each class
(0x7F..0xA0, Â and Ã, ô and õ, the Windows-1252 punctuation), lone surrogates included.
"""

import regex
from hypothesis import given, settings, strategies as st

from cleanup import _native

MOJIBAKE = regex.compile(
    r"[\u0080-\u00f4](?:(?<=[\u00c2-\u00f4])(?:[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    r"\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    r"|(?<=[\u00c2\u00c3])(?= ))|(?<=[\u0080-\u009f]))"
)
CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

MOJIBAKE_ALPHABET = ("a \t\n\x7f\x80\x85\x9f\xa0\xa9\xbf\xc0\xc1\xc2\xc3\xc4\xe2\xf4\xf5\xff"
                     "\u0152\u0161\u017d\u0192\u02c6\u2013\u2018\u201b\u201d\u2021\u2026\u20ac\u2122\u2123\ud800")


def texts(alphabet: str, max_size: int = 30):
    return st.text(alphabet=st.sampled_from(list(alphabet)), max_size=max_size)


@settings(max_examples=600)
@given(texts(MOJIBAKE_ALPHABET))
def test_mojibake(text):
    assert _native.mojibake(text) == [m.start() for m in MOJIBAKE.finditer(text)]


@settings(max_examples=600)
@given(texts(MOJIBAKE_ALPHABET), st.integers(0, 32), st.integers(0, 32))
def test_mojibake_within_a_window(text, start, end):
    assert _native.mojibake(text, start, end) == [m.start() for m in MOJIBAKE.finditer(text, start, end)]


@settings(max_examples=400)
@given(texts("".join(map(chr, range(0x21))) + "a\x7f\x80\x85\u2028\ud800"))
def test_control_characters(text):
    assert _native.control_characters(text) == [m.start() for m in CONTROL.finditer(text)]
