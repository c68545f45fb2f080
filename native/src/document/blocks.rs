//! Paragraphs, their scopes and the flat segments (the structure half of document.py).

use super::chars;
use crate::pystr::Ch;

/// document.SCOPES indices.
const HEADLINE: u8 = 0;
const SUBHEAD: u8 = 1;
const BYLINE: u8 = 2;
pub const DATELINE: u8 = 3;
pub const BODY: u8 = 4;
const QUOTATION: u8 = 5;

const NL: u32 = '\n' as u32;
const CR: u32 = '\r' as u32;

/// Whether a blank line separates paragraphs anywhere: `\n[ \t\r\f\v]*(?:\r?\n|\r)` or
/// `\r[ \t\f\v]*\r(?!\n)`. After a line break, a run of such spaces holding a \r, or
/// followed by a \n, makes a blank line; after a lone \r, one followed by a \r that starts
/// no CRLF. Each run is read once.
fn has_blank_line<T: Ch>(t: &[T]) -> bool {
    let n = t.len();
    let mut i = chars::find(t, 0, chars::line_break);
    while i < n {
        let c = t[i].code();
        i += 1;
        if c == NL {
            while i < n && matches!(t[i].code(), 0x20 | 0x09 | 0x0b | 0x0c | CR) {
                if t[i].code() == CR {
                    return true;
                }
                i += 1;
            }
            if i < n && t[i].code() == NL {
                return true;
            }
        } else if c == CR {
            while i < n && matches!(t[i].code(), 0x20 | 0x09 | 0x0b | 0x0c) {
                i += 1;
            }
            if i < n && t[i].code() == CR && !(i + 1 < n && t[i + 1].code() == NL) {
                return true;
            }
        }
        i = chars::find(t, i, chars::line_break);
    }
    false
}

/// Paragraphs: blank-line separated, or with no blank line anywhere one per line; each
/// trimmed of white space (`\s`) and kept only if `visible`. Lines end at \r\n, \r or \n.
pub fn split<T: Ch>(t: &[T]) -> Vec<(usize, usize)> {
    let n = t.len();
    let together = has_blank_line(t);
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut joins = false;
    let mut line_start = 0;
    while line_start < n {
        let line_end = chars::find(t, line_start, chars::line_break);
        let mut next = line_end;
        if next < n {
            next += if t[next].code() == CR && next + 1 < n && t[next + 1].code() == NL {
                2
            } else {
                1
            };
        }
        let mut start = line_start;
        while start < line_end && chars::space(t[start].code()) {
            start += 1;
        }
        if start == line_end {
            joins = false;
        } else {
            let mut stop = line_end;
            while chars::space(t[stop - 1].code()) {
                stop -= 1;
            }
            match blocks.last_mut() {
                Some(last) if joins => last.1 = stop,
                _ => blocks.push((start, stop)),
            }
            joins = together;
        }
        line_start = next;
    }
    blocks.retain(|&(start, stop)| visible(t, start, stop));
    blocks
}

/// Whether a paragraph holds more than control or format characters (a stray NUL, a BOM):
/// `str.isprintable` of its first character, else any character of `[^\s\p{Cc}\p{Cf}]`.
/// A printable character other than the space is always such a character (checked over
/// every code point in tests/test_native_document.py), so the first test is only the space.
pub fn visible<T: Ch>(t: &[T], start: usize, end: usize) -> bool {
    start < end
        && (t[start].code() == 0x20 || t[start..end].iter().any(|c| chars::visible(c.code())))
}

/// A sentence-ending mark: a headline has none. A final quote mark counts whichever way it
/// points: else QUO004 turning a “ into ” would turn a headline into body copy.
fn ends_sentence(c: u32) -> bool {
    matches!(
        char::from_u32(c),
        Some('.' | ',' | ';' | ':' | ')' | '…' | '"' | '“' | '”' | '‘' | '’' | '«' | '»' | '„')
    )
}

/// Matches of `[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*` in t[start..end]: runs of letters and
/// digits, less the apostrophes that join two of them.
fn words<T: Ch>(t: &[T], start: usize, end: usize) -> usize {
    let mut count = 0;
    let mut before = false;
    for i in start..end {
        let c = t[i].code();
        let inside = chars::letter_or_number(c);
        if inside && !before {
            count += 1;
        } else if (c == 0x27 || c == 0x2019)
            && before
            && i + 1 < end
            && chars::letter_or_number(t[i + 1].code())
        {
            count -= 1; // the run after it continues this word
        }
        before = inside;
    }
    count
}

/// Whether t[start..end] is all of `\p{P}{0,3}By \p{Lu}[^\n]{0,60}`. Marks before `By` (an
/// ellipsis an encoding repair made of U+0085) keep a byline a byline.
fn byline<T: Ch>(t: &[T], start: usize, end: usize) -> bool {
    let mut at = start;
    while at < end && at - start < 3 && chars::punctuation(t[at].code()) {
        at += 1;
    }
    at + 4 <= end
        && t[at].code() == 'B' as u32
        && t[at + 1].code() == 'y' as u32
        && t[at + 2].code() == ' ' as u32
        && chars::upper(t[at + 3].code())
        && end - (at + 4) <= 60
        && !t[at + 4..end].iter().any(|c| c.code() == NL)
}

/// The scope of each paragraph of a text without its own structure (see document.build).
pub fn classify<T: Ch>(t: &[T], bounds: &[(usize, usize)]) -> Vec<u8> {
    let last = bounds.len().saturating_sub(1);
    bounds
        .iter()
        .enumerate()
        .map(|(i, &(start, end))| {
            let bare = !ends_sentence(t[end - 1].code());
            // Only short lines near the top or without a final mark can be headlines, bylines
            // or subheads; one near the top that ends in a mark can only be a byline.
            if !((i <= 2 || bare)
                && end - start < 200
                && !t[start..end].iter().any(|c| matches!(c.code(), NL | CR))
                && (bare || byline(t, start, end)))
            {
                return BODY;
            }
            let words = words(t, start, end);
            if i == 0 && last > 0 && words <= 20 && bare {
                HEADLINE
            } else if i <= 2 && words <= 8 && byline(t, start, end) {
                BYLINE
            } else if 0 < i
                && i < last
                && words <= 12
                && bare
                && !matches!(t[end - 1].code(), 0x3f | 0x21)
            {
                SUBHEAD
            } else {
                BODY
            }
        })
        .collect()
}

/// Paragraphs cut into flat (start, end, scope) rows: quotations and the dateline carve their
/// own; a headline keeps its scope over its quotations; a quotation inside the dateline is the
/// dateline's.
pub fn segments(
    bounds: &[(usize, usize)],
    scopes: &[u8],
    dateline: Option<(usize, usize)>,
    quotes: &[(usize, usize)],
) -> Vec<usize> {
    let mut inner: Vec<(usize, usize, u8)> =
        quotes.iter().map(|&(s, e)| (s, e, QUOTATION)).collect();
    if let Some((start, end)) = dateline {
        let at = inner.partition_point(|item| item.0 <= start); // after equal starts, as insort
        inner.insert(at, (start, end, DATELINE));
    }
    let mut flat = Vec::with_capacity(3 * (bounds.len() + 2 * inner.len()));
    let mut k = 0;
    for (&(mut cursor, block_end), &own) in bounds.iter().zip(scopes) {
        while k < inner.len() && inner[k].0 < block_end {
            let (start, end, scope) = inner[k];
            k += 1;
            if end <= cursor {
                continue;
            }
            if start > cursor {
                flat.extend([cursor, start, own as usize]);
            }
            flat.extend([
                start.max(cursor),
                end,
                if own == HEADLINE { own } else { scope } as usize,
            ]);
            cursor = end;
        }
        if cursor < block_end {
            flat.extend([cursor, block_end, own as usize]);
        }
    }
    flat
}
