"""The native core reads every character as the Python and `regex` that run cleanup do.

Its table was generated from them (native/gen_pychars.py); an upgrade of either that
changes an answer fails here, naming the flag, until the table is generated again.
"""

import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from cleanup import _native

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "native"))
import gen_pychars  # noqa: E402  (the generator's own definitions are the oracle)

CHARS = gen_pychars.code_points()
EVERYTHING = "".join(CHARS)


def python_has(name: str) -> str:
    if name in gen_pychars.STR_METHODS:
        method = getattr(str, name)
        return "".join(c for c in CHARS if method(c))
    if name == "case_ignorable":
        return "".join(c for c in CHARS if gen_pychars.case_ignorable(c))
    pattern = gen_pychars.RE_CLASSES.get(name) or gen_pychars.REGEX_CLASSES[name]
    return "".join(pattern.findall(EVERYTHING))


def test_every_flag_is_named_by_the_generator():
    assert list(_native.CHAR_FLAGS) == gen_pychars.FLAGS


@pytest.mark.parametrize("name", gen_pychars.FLAGS)
def test_flag_matches_python_on_every_code_point(name):
    native, python = _native.chars_with(name), python_has(name)
    differ = sorted(set(native) ^ set(python))
    assert not differ, f"{name}: {len(differ)} code points differ, first U+{ord(differ[0]):04X}"


def test_case_mapping_matches_python_on_every_code_point():
    # A separator no case rule looks past, so each code point is mapped on its own.
    joined = "\0".join(CHARS)
    assert _native.lower(joined) == joined.lower()
    assert _native.upper(joined) == joined.upper()


@given(st.text(alphabet=st.sampled_from("Σσς AbΑβ'.\u0345\u00ad-1\u0301"), max_size=12))
def test_capital_sigma_follows_its_neighbours_as_in_python(text):
    assert _native.lower(text) == text.lower()

