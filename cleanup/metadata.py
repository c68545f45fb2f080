"""What a wire story carries besides the story: dateline, byline, agencies, sources, credits.

Recognised once, by pure functions over a `Document`, for two consumers: the
boilerplate rules, which report the pieces that must not be published (a source line,
a photo credit, a `Follow us on` prompt), and the JSON report's per-file `metadata`
object, so that an ingestion pipeline keeps what the fixes delete. The vocabulary
(agency names, prompt openings) lives here rather than in a rule pack because
metadata is extracted whichever rules are selected.

Credits that belong to the story as the agency publishes it, the AP tagline
(`Associated Press writer X contributed to this report.`) and the Reuters credit line
(`(Reporting by X; Editing by Y)`), are recognised as metadata but are not boilerplate:
they name the people who reported the story and wire style requires them.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

import regex

from ._native import BlockTests
from .document import Document
from .literals import LiteralSet
from .model import Span

# Kinds the boilerplate rules report (each rule is named after its kind).
BOILERPLATE = ("source-line", "agency-credit", "photo-credit", "author-bio", "web-prompt", "related-links",
               "legal-notice")
# Kinds that are metadata only.
STORY_CREDITS = ("contributors", "reporting")

_AGENCY_NAMES = (
    "AA", "AFP", "AP", "Associated Press", "Reuters", "Xinhua", "dpa", "DPA", "EFE", "ANSA", "TASS", "ITAR-TASS",
    "RIA Novosti", "RIA", "Interfax", "Sputnik", "Anadolu", "Anadolu Agency", "IHA", "DHA", "ANKA", "IRNA", "ISNA",
    "Tasnim", "Fars", "Mehr", "WAFA", "Yonhap", "Kyodo", "Jiji", "Bernama", "Antara", "PTI", "IANS", "ANI", "UNI",
    "MENA", "KUNA", "WAM", "SPA", "QNA", "BNA", "ONA", "Petra", "SANA", "NNA", "APS", "MAP", "TAP", "Ukrinform",
    "UNIAN", "BTA", "PAP", "CTK", "ČTK", "MTI", "Agerpres", "Tanjug", "HINA", "STA", "ANA-MPA", "Belga", "ANP",
    "Lusa", "Notimex", "Télam", "Telam", "Prensa Latina", "Europa Press", "APA", "Keystone-SDA", "SDA", "NTB",
    "TT", "Ritzau", "STT", "AAP", "PA", "CP", "UPI", "Bloomberg", "CNA", "VNA", "Trend", "AzerTac", "Kazinform",
    "KCNA", "Agencies", "agencies",
)
_AGENCY = (r"(?<![\p{L}-])(?:\p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+){0,3} (?:News|Press|Telegraph) Agency|"
           r"\L<agencies>)(?![\p{L}-])")
_AGENCIES = _AGENCY + r"(?:\s*[/,&]\s*" + _AGENCY + r")*"
_OPTIONS = {"agencies": list(_AGENCY_NAMES)}
_AGENCY_IN = regex.compile(_AGENCY, **_OPTIONS)

_SOURCE_LINE = regex.compile(r"(?i:sources?)\s*:\s*(?P<value>[^\n]{1,100})")
_PHOTO_CREDIT = regex.compile(
    r"\(?(?i:photo(?:graph)?s?(?: credits?)?|images?|pictures?|cover (?:photo|image)|main photo|top photo|"
    r"file photo|photo illustration|video)(?:\s*:\s*|\s+by\s+|\s*[—–|]\s*)(?P<value>[^\n]{0,79}[^.!?\n])\)?")
_RELATED = regex.compile(
    r"(?i:related(?: news| stories| articles| coverage| content| reading)?|read also|also read|read more|"
    r"see also|more on this(?: story)?|recommended(?: for you)?|you may also like|further reading|"
    r"don[’']t miss)\s*:\s*(?P<value>(?s:.*))")
_PLATFORMS = (r"(?:Twitter|X|Facebook|Instagram|Telegram|TikTok|YouTube|LinkedIn|WhatsApp|Threads|Bluesky|"
              r"Mastodon|Google News|VK|Weibo|WeChat|social media)")
_PROMPT = regex.compile(
    r"(?:Follow (?:us|@?\p{Lu}[^\n.]{0,40}?) on " + _PLATFORMS + r"|Like us on|"
    r"Join (?:us|our)\b[^\n.]{0,40}\b(?:on|channel|group|community|newsletter)\b|"
    r"Subscribe (?:to|for|now)\b|Sign up (?:for|to|now)\b|Click here\b|Tap here\b|"
    r"Download (?:our|the)\b[^\n.]{0,40}\bapp\b|Share this (?:article|story|news|post|page|video)\b|"
    r"Visit our (?:website|site|page)\b|Stay (?:tuned|updated)\b)")
_LEGAL = regex.compile(
    r"(?i)all rights reserved|^©|^\(c\) \d{4}|^copyright\b|may not be (?:published|reproduced|broadcast|"
    r"rewritten|redistributed)|unauthori[sz]ed (?:reproduction|copying|redistribution|republication)\b|"
    r"the views expressed\b.{0,60}\b"
    r"(?:are (?:those of the author|the author[’']s own|solely)|do not (?:necessarily )?reflect)")
_NAME = r"(?:\p{Lu}[\p{L}’'.-]+(?: (?:\p{Lu}[\p{L}’'.-]+|de|van|von|al|bin|el|da|di|del|la|le|ibn)){0,4})"
_BIO = regex.compile(
    r"(?P<value>The (?:author|writer)|" + _NAME + r"),? (?:(?:is|was) (?:an?|the) (?:[\p{L}-]+,? ){0,5}?"
    r"(?:journalist|writer|reporter|correspondent|author|editor|columnist|analyst|photographer|photojournalist|"
    r"contributor|freelancer|commentator|blogger|broadcaster|producer)s?\b|(?:writes|reports|has written|"
    r"has reported) (?:about|on|for|from)\b)")
# What makes a sentence about a person a contributor note rather than news about them.
_BIO_MARKERS = regex.compile(r"\b(?:writes|reports|covers|based in|author of|contributor|freelance|"
                             r"correspondent|columnist|editor (?:of|at)|for (?:the )?\p{Lu})")
_FOOT = 3            # author bios are looked for in the last blocks only
_MAX_WORDS = 60      # a piece is short; a longer paragraph is story
_CREDIT_TAIL = 120   # characters at a paragraph end that can hold a glued credit
# Every legal notice contains one of these; a block with none skips the case-blind search.
_LEGAL_HINTS = ("rights reserved", "©", "(c)", "copyright", "may not be", "unauthori", "views expressed")
# Every contributor note (`_CONTRIBUTORS`) contains this; most copy does not, which the
# document's shared literal search answers.
_NOTE = "ontribut"
_NOTES = LiteralSet([_NOTE])
# A credit at a paragraph end: after the closing mark (`… the region. (AA)`), or a website
# glued to the last word with a dash (`… under twelve-Northeastnews.cn`).
_SITE = r"[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:com|net|org|cn|ru|tr|ir|eg|info|news)(?:\.[a-z]{2})?"
_GLUED = regex.compile(
    r"(?:(?<=[.!?…”\"’)\]])(?P<gap>[ \t]*)"
    r"(?P<credit>\((?P<a>" + _AGENCIES + r")\)|(?:—|–|--?) ?(?P<b>" + _AGENCIES + r")|/(?P<c>" + _AGENCIES + r")/)"
    r"|(?<=\p{L})(?P<gap>[ \t]*)(?P<credit>(?:—|–|--?) ?(?P<d>" + _SITE + r")))$",
    **_OPTIONS)
_CREDIT_LINE = regex.compile(
    r"[(/—–-]*\s*(?:\(?[Ww]ith (?:inputs|reporting|additional reporting|reports) from )?(?P<value>" + _AGENCIES
    + r")\s*[)/]*", **_OPTIONS)
_CONTRIBUTORS = regex.compile(
    r"(?P<org>[\p{L} .&’'-]*?)\s*(?:writers?|reporters?|correspondents?|journalists?|photographers?|staff)\s+"
    r"(?P<value>.+?)\s+contributed(?: reporting)?(?: to this (?:report|story))?\.?|Contributing: (?P<names>.+)")
_REPORTING = regex.compile(r"\(?(?P<value>(?:Additional )?(?:Reporting|Writing|Editing|Compiled|Reported) by "
                           r"[^\n]+?)\)?")
# Recognisers that match from a block's first character: a block none of them can open
# (almost every story paragraph) is ruled out by one match of their union.
_OPENING = regex.compile("|".join(p.pattern for p in (_SOURCE_LINE, _PHOTO_CREDIT, _RELATED, _PROMPT, _REPORTING)))
_BYLINE = regex.compile(r"By (?P<names>[^,\n]+?)(?:, (?P<affiliation>[^\n]+))?")
_DATELINE = regex.compile(r"(?P<head>.*?)(?: ?\((?P<agency>[^()]+)\))? ?(?:—|–|--|-)? ?", regex.DOTALL)
_DATE = regex.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, \d{4})?")


@dataclass(frozen=True)
class Piece:
    """A recognised piece of non-story text or of story metadata."""

    kind: str      # one of BOILERPLATE or STORY_CREDITS
    span: Span     # the text recognised, in document (prose) offsets
    value: str     # the name it carries (agency, source, photographer, author); "" for prompts
    removal: Span  # what deleting the piece takes away, separating whitespace included


def _block_removal(doc: Document, index: int, last: int | None = None) -> Span:
    """Blocks index..last with the whitespace that separates them from the text before."""
    end = doc.blocks[last if last is not None else index].span.end
    if index > 0:
        return Span(doc.blocks[index - 1].span.end, end)
    following = (last if last is not None else index) + 1
    return Span(0, doc.blocks[following].span.start if following < len(doc.blocks) else len(doc.text))


def _whole_block(doc: Document, index: int, text: str, opens: bool, legal: bool, credit: bool,
                 footer: bool) -> Piece | None:
    """The piece a whole block, `text`, is, if it is one.

    The caller's cheap tests say which recognisers can match: `opens` that one in
    `_OPENING` matches at the start, `legal` that the block has a legal notice's words,
    `credit` that it ends as a credit can, `footer` that it is among the last blocks
    (where a bio may stand). Other cheap tests rule out single recognisers (a block
    ending in a full stop is no photo credit).
    """
    # Any count above _MAX_WORDS means too long, so the split stops after that many words.
    words = len(text.split(None, _MAX_WORDS))
    if words > _MAX_WORDS:
        return None
    one_line = "\n" not in text
    piece = None
    if opens:
        if one_line and (m := _SOURCE_LINE.fullmatch(text)) and words <= 12:
            piece = ("source-line", m.group("value"))
        elif one_line and not text.endswith((".", "!", "?")) and (m := _PHOTO_CREDIT.fullmatch(text)) and words <= 12:
            piece = ("photo-credit", m.group("value"))
        elif ":" in text and (m := _RELATED.fullmatch(text)):
            return _related(doc, index, m.group("value"))
        elif _PROMPT.match(text) and words <= 35:
            piece = ("web-prompt", "")
    if piece is None:
        if legal and _LEGAL.search(text) and not _quoted(text):
            piece = ("legal-notice", "")
        elif one_line and credit and (m := _CREDIT_LINE.fullmatch(text)):
            piece = ("agency-credit", m.group("value"))
        elif opens and one_line and (m := _REPORTING.fullmatch(text)):
            piece = ("reporting", m.group("value"))
        elif one_line and _NOTE in text and (m := _CONTRIBUTORS.fullmatch(text)):
            piece = ("contributors", m.group("value") or m.group("names"))
        elif one_line and footer and (name := _bio(text)):
            piece = ("author-bio", name)
    return Piece(piece[0], doc.blocks[index].span, piece[1].strip(), _block_removal(doc, index)) if piece else None


# The cheap tests of `pieces`, asked of every block in one native pass (a Python loop over
# thousands of blocks a document cost more than the tests). A block's legal words are the
# hints in any case: only ASCII letters are lowered, which spares lowering a copy and gives
# the answer `str.lower` would, since besides ASCII letters only `İ` lowers to a hint's
# letters (to `i` and a combining dot, so only at a hint's end), and `unauthorİ` is a hint
# too. Whether `_OPENING` can match a block is asked of its first four characters (a
# partial match), remembered per head: copy repeats its openings (`The `, `In t`), few of
# which any recogniser allows. A credit ends with a name, `)` or `/`, never a full stop.
_BLOCK_TESTS = BlockTests(_LEGAL_HINTS + ("unauthorİ",), _NOTE,
                          lambda head: _OPENING.match(head, partial=True) is not None, 1 << 12)


def _block_tests(doc: Document) -> list[tuple[int, bool, bool, bool, bool]]:
    """`(index, may open, legal words, credit end, note)` for each block that passes a test.

    >>> from cleanup.document import build
    >>> doc = build("Port grows\\n\\nALL RIGHTS RESERVED.\\n\\nRights were reserved.\\n\\nSee the contributors.")
    >>> _block_tests(doc)
    [(0, False, False, True, False), (1, False, True, False, False), (3, True, False, False, True)]
    >>> _block_tests(build("UNAUTHORİZED use."))[0][2], "UNAUTHORİZED".lower().find("unauthori")
    (True, 0)
    """
    return _BLOCK_TESTS.marks(doc.text, doc.blocks, _NOTES.found_in(doc))


def _bio(text: str) -> str | None:
    """The author a contributor note is about: `X is a journalist who writes about …`."""
    m = _BIO.match(text)
    return m.group("value") if m and _BIO_MARKERS.search(text) and not _quoted(text) else None


def _quoted(text: str) -> bool:
    return any(mark in text for mark in "“”\"«»")


def _related(doc: Document, index: int, value: str) -> Piece:
    """A related-links header; with nothing after its colon, the bare titles below belong to it."""
    last = index
    if not value.strip():
        while last + 1 < len(doc.blocks):
            title = doc.text[doc.blocks[last + 1].span.start:doc.blocks[last + 1].span.end]
            if "\n" in title or len(title.split()) > 20 or title.endswith((".", "!", "?", "”", '"')):
                break
            last += 1
    span = Span(doc.blocks[index].span.start, doc.blocks[last].span.end)
    return Piece("related-links", span, value.strip(), _block_removal(doc, index, last))


def _glued(doc: Document, index: int) -> Piece | None:
    """An agency credit at the end of a paragraph of story (`… the region. (AA)`) that ends as a credit can."""
    block = doc.blocks[index]
    # A credit is short and ends the paragraph: only the paragraph's tail needs searching.
    m = _GLUED.search(doc.text, max(block.span.start, block.span.end - _CREDIT_TAIL), block.span.end)
    if not m or m.start("credit") == block.span.start:
        return None
    value = m.group("a") or m.group("b") or m.group("c") or m.group("d")
    return Piece("agency-credit", Span(*m.span("credit")), value, Span(m.start("gap"), m.end("credit")))


def pieces(doc: Document) -> tuple[Piece, ...]:
    """Every recognised piece in document order; headline and byline blocks are never pieces.

    Most blocks are story paragraphs, ruled out by tests every recogniser but the bio's
    needs: they end in a full stop (a credit ends with a name, `)` or `/`), open as no
    recogniser in `_OPENING` does, hold no legal notice's words and are no contributor
    note. Of those, the last blocks may yet be author bios (see `_closing_bios`).

    >>> from cleanup.document import build
    >>> doc = build("Port grows\\n\\nNINGBO (Xinhua) — Volumes rose. (Xinhua)\\n\\nSource: Xinhua\\n")
    >>> [(p.kind, p.value, doc.text[p.removal.start:p.removal.end]) for p in pieces(doc)]
    [('agency-credit', 'Xinhua', ' (Xinhua)'), ('source-line', 'Xinhua', '\\n\\nSource: Xinhua')]
    >>> [p.value for p in pieces(build("Port grows\\n\\nSources said the port grew.\\n\\nSOURCE: AFP\\n"))]
    ['AFP']
    """
    found: list[Piece] = []
    covered = -1
    text, blocks = doc.text, doc.blocks
    footer = len(blocks) - _FOOT
    asked: list[int] = []
    for index, may_open, legal, credit, note in _block_tests(doc):
        block = blocks[index]
        if index <= covered or block.scope in ("headline", "byline"):
            continue
        body = text[block.span.start:block.span.end]
        opens = may_open and _OPENING.match(body) is not None
        if not (opens or legal or credit or note):
            continue
        asked.append(index)
        piece = _whole_block(doc, index, body, opens, legal, credit, index >= footer)
        if piece:
            # Related links take the titles below; any other piece is the block itself.
            covered = doc.block_index(piece.span.end - 1) if piece.kind == "related-links" else index
        elif credit:
            piece = _glued(doc, index)
        if piece:
            found.append(piece)
    _closing_bios(doc, asked, found)
    return tuple(p for p in found if p.kind != "author-bio" or _in_footer(doc, p, found))


def _closing_bios(doc: Document, asked: list[int], found: list[Piece]) -> None:
    """Adds to `found` the author bios among the last blocks that no other recogniser could match.

    `asked` are the blocks `_whole_block` has seen. A bio is kept only where it closes the
    copy (see `_in_footer`): the blocks are asked from the last back, and only while every
    block after is part of a piece, which spares most copy all but one look for a bio.
    """
    added = False
    for index in reversed(range(max(len(doc.blocks) - _FOOT, 0), len(doc.blocks))):
        span, scope = doc.blocks[index]
        if found and any(p.span.start <= span.start < p.span.end for p in found):
            continue
        if index in asked or scope in ("headline", "byline"):
            break
        body = doc.text[span.start:span.end]
        # The bio's pattern first: it fails sooner than _whole_block's word count.
        piece = _BIO.match(body) and _whole_block(doc, index, body, False, False, False, True)
        if not piece:
            break
        found.append(piece)
        added = True
    if added:
        found.sort(key=attrgetter("span"))


def _in_footer(doc: Document, bio: Piece, found: list[Piece]) -> bool:
    """A bio closes the copy: every block after it is part of another recognised piece."""
    later = doc.blocks[doc.block_index(bio.span.end - 1) + 1:]
    return all(any(p.span.start <= b.span.start < p.span.end for p in found) for b in later)


def _dateline(doc: Document) -> dict | None:
    if doc.dateline is None:
        return None
    raw = doc.text[doc.dateline.start:doc.dateline.end]
    text = raw.strip()
    start = doc.dateline.start + raw.index(text)
    m = _DATELINE.fullmatch(text)
    parts = [p.strip() for p in m.group("head").split(",")]
    dates = [p for p in parts[1:] if _DATE.fullmatch(p)]
    place = ", ".join(p for p in parts if p not in dates)
    return {"text": text, "place": place, "date": ", ".join(dates) or None, "agency": m.group("agency"),
            **_offsets(doc, Span(start, start + len(text)))}


def _byline(doc: Document) -> dict | None:
    block = next((b for b in doc.blocks if b.scope == "byline"), None)
    if block is None:
        return None
    text = doc.text[block.span.start:block.span.end]
    m = _BYLINE.fullmatch(text)
    names = regex.split(r",? and |, ", m.group("names")) if m else [text]
    return {"text": text, "authors": [n.strip() for n in names if n.strip()],
            "affiliation": m.group("affiliation") if m else None, **_offsets(doc, block.span)}


def _offsets(doc: Document, span: Span) -> dict:
    source = doc.source_map.to_source(span)
    return {"start": source.start, "end": source.end}


def _unique(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _agency_of(text: str | None) -> str | None:
    """The agency a credit, byline affiliation or tagline names, if it is one."""
    if not text:
        return None
    m = _AGENCY_IN.search(text)
    return m.group() if m else None


def extract(doc: Document) -> dict:
    """The `metadata` object of the JSON report; offsets are in the source file.

    >>> from cleanup.document import build
    >>> meta = extract(build("Port grows\\n\\nNINGBO, Oct. 28 (Xinhua) — Volumes rose.\\n\\nPhoto: AFP\\n"))
    >>> meta["dateline"]["place"], meta["dateline"]["date"], meta["agencies"], meta["credits"][0]["kind"]
    ('NINGBO', 'Oct. 28', ['Xinhua', 'AFP'], 'photo-credit')
    """
    found = doc.derived(pieces)
    dateline, byline = _dateline(doc), _byline(doc)
    credits = [p for p in found if p.kind in ("agency-credit", "photo-credit", "author-bio") + STORY_CREDITS]
    sources = [p.value for p in found if p.kind == "source-line"]
    agencies = ([dateline and dateline["agency"], byline and _agency_of(byline["affiliation"])]
                + [_agency_of(p.value) for p in credits if p.kind != "author-bio"]
                + [_agency_of(doc.text[p.span.start:p.span.end]) for p in credits if p.kind == "contributors"]
                + [_agency_of(s) for s in sources])
    return {
        "dateline": dateline,
        "byline": byline,
        "agencies": _unique(agencies),
        "sources": _unique(sources),
        "credits": [{"kind": p.kind, "text": doc.text[p.span.start:p.span.end], "value": p.value,
                     **_offsets(doc, p.span)} for p in credits],
    }
