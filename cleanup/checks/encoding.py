"""Text damaged on its way through feeds: mojibake, leftover HTML entities, control characters.

Mojibake is repaired by ftfy, which knows which wrong decoding produced it; ftfy is
only asked about words that a cheap scan found suspicious, so clean copy costs one
pass of the native core (`_native.mojibake`), as control characters do. Entities are a
plain pattern. Each is fixed here so each gets its own message.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from functools import lru_cache

import regex

from .. import _native
from ..document import Document
from ..literals import LiteralSet
from ..model import Applicability, Edit, Finding, Fix, RuleMeta, Span
from . import register

# Every suspect the native scan reports starts with a code point 0x80..0xF4 (a UTF-8 lead
# byte, or a C1 control, shown as Latin-1 or Windows-1252: native/src/encoding.rs `lead`):
# the engine calls the check only on a document holding one (most English copy holds none).
_LEADS = LiteralSet(map(chr, range(0x80, 0xF5)))
# The word around a suspect: only layout whitespace ends it, since NBSP and NEL (\x85)
# are themselves pieces of mojibake; "Ã la" whose NBSP became a space is one word.
_WORD = regex.compile(r"[^ \t\n\r\f\v]*[\u00c2\u00c3] [^ \t\n\r\f\v]+|[^ \t\n\r\f\v]+")
_AMPERSAND = LiteralSet(["&"])
_ENTITY = regex.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# The control characters the native scan reports, as literals, asked of the scan itself:
# the engine calls the check only on a document holding one.
_CONTROLS = LiteralSet(chr(c) for c in _native.control_characters("".join(map(chr, range(0x80)))))
_REPLACEMENT = LiteralSet(["\ufffd"])
# What an entity should become in running copy when its literal decoding is invisible.
_PLAIN = {"\u00a0": " ", "\u00ad": ""}
_CODECS = {"sloppy-windows-1252": "Windows-1252", "windows-1252": "Windows-1252", "latin-1": "Latin-1",
           "iso-8859-2": "Latin-2", "sloppy-windows-1250": "Windows-1250", "macroman": "MacRoman",
           "cp437": "DOS code page 437", "sloppy-windows-1251": "Windows-1251"}


@lru_cache(maxsize=1)
def _config():
    """ftfy limited to encoding repairs: quotes stay curly, entities and controls are ours."""
    import ftfy
    return ftfy.TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
        fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=False,
        remove_control_chars=False, replace_lossy_sequences=False, normalization=None, explain=True)


def describe(steps) -> str:
    """ftfy's explanation in an editor's words.

    >>> describe([("encode", "sloppy-windows-1252"), ("decode", "utf-8")])
    'UTF-8 read as Windows-1252'
    >>> describe([("apply", "fix_c1_controls")])
    'Windows-1252 read as Latin-1'
    """
    encoded = [_CODECS.get(arg, arg) for step, arg in steps if step == "encode"]
    decoded = [arg.upper() if arg.startswith("utf") else arg for step, arg in steps if step == "decode"]
    if encoded and decoded:
        return f"{decoded[-1].replace('UTF-8-VARIANTS', 'UTF-8')} read as {encoded[0]}"
    if any(arg == "fix_c1_controls" for _, arg in steps):
        return "Windows-1252 read as Latin-1"
    return ", ".join(f"{step} {arg}" for step, arg in steps) or "re-decoded"


def _trim(old: str, new: str) -> tuple[int, int, str]:
    """The changed middle of `old`: (start, end, replacement), common ends left alone.

    >>> _trim("(cafÃ©)", "(café)")
    (4, 6, 'é')
    """
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return start, len(old) - end, new[start:len(new) - end]


@register("encoding.mojibake", triggers=lambda lists, meta: _LEADS)
def mojibake(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    text, seen = doc.text, -1
    suspects = _native.mojibake(text)
    if suspects:
        import ftfy  # imported when first needed: most copy never needs it
    for start in suspects:
        if start < seen:
            continue
        while start and text[start - 1] not in " \t\n\r\f\v":
            start -= 1
        word = _WORD.match(text, start)
        seen = word.end()
        old = word.group()
        fixed = ftfy.fix_and_explain(old, config=_config())
        if fixed.text == old:
            continue
        first, stop, new = _trim(old, fixed.text)
        span = Span(start + first, start + stop)
        repair = describe(fixed.explanation or ())
        fix = Fix(f"Repair “{old}” → “{fixed.text}” ({repair})", (Edit(span, new),), Applicability.SAFE)
        yield meta.finding(span, fix, meta.message.format(found=old, fixed=fixed.text, repair=repair))


# Every entity starts with an ampersand, which most copy lacks.
@register("encoding.html_entity", triggers=lambda lists, meta: _AMPERSAND)
def html_entity(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    for m in _ENTITY.finditer(doc.text):
        decoded = html.unescape(m.group())
        if decoded == m.group():
            continue  # not an entity HTML knows: leave it to a person
        new = _PLAIN.get(decoded, decoded)
        shown = {" ": "a space", "": "nothing"}.get(new, f"“{new}”")
        fix = Fix(f"Replace {m.group()} with {shown}", (Edit(Span(*m.span()), new),), Applicability.SAFE)
        yield meta.finding(Span(*m.span()), fix, meta.message.format(entity=m.group(), decoded=shown))


@register("encoding.control", triggers=lambda lists, meta: _CONTROLS)
def control(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    text = doc.text
    for start in _native.control_characters(text):
        end = start + 1
        # Between two words it stood for a break (Word's vertical tab): keep them apart.
        between_words = 0 < start and end < len(text) and not text[start - 1].isspace() and not text[end].isspace()
        new = " " if between_words else ""
        fix = Fix("Replace the control character with a space" if new else "Delete the control character",
                  (Edit(Span(start, end), new),), Applicability.SAFE)
        yield meta.finding(Span(start, end), fix, meta.message.format(code=f"U+{ord(text[start]):04X}"))


@register("encoding.replacement_char", triggers=lambda lists, meta: _REPLACEMENT)
def replacement_char(doc: Document, meta: RuleMeta, lists) -> Iterator[Finding]:
    for m in regex.finditer(r"\ufffd+", doc.text):
        yield meta.finding(Span(*m.span()))
