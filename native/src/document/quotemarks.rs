//! Pairing double quotation marks (cleanup/quotemarks.py has the conventions).
//!
//! Marks are handled a run of adjacent marks at a time, each mark's role a letter: o(pen),
//! c(lose), or e(ither: a straight mark its position left open, placed by the pairing).

use super::chars;
use crate::pystr::Ch;

/// Anomaly kinds, as indices into quotemarks.KINDS.
const UNCLOSED: usize = 0;
const UNOPENED: usize = 1;
const NESTED_OPEN: usize = 2;
const WRONG_GLYPH: usize = 3;

/// The glyph's letter, or None for a character that is no double mark (read for every
/// character of the text: code points compared, no conversion to `char`).
#[inline]
fn glyph_letter(c: u32) -> Option<u8> {
    const STRAIGHT: u32 = '"' as u32;
    if c != STRAIGHT && c < '«' as u32 {
        return None; // most characters
    }
    match c {
        STRAIGHT => Some(b'e'),
        0x201c | 0x201e | 0xab => Some(b'o'), // “ „ «
        0x201d | 0xbb => Some(b'c'),          // ” »
        _ => None,
    }
}

/// A neighbour after which a mark opens (or the start of the text).
fn opens_after(c: u32) -> bool {
    matches!(
        char::from_u32(c),
        Some(' ' | '\t' | '\n' | '\r' | '(' | '[' | '{' | '—' | '–' | '-' | '/' | '\u{a0}')
    )
}

/// A neighbour before which a mark closes (or the end of the text).
fn closes_before(c: u32) -> bool {
    matches!(
        char::from_u32(c),
        Some(
            ' ' | '\t'
                | '\n'
                | '\r'
                | '.'
                | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | ')'
                | ']'
                | '}'
                | '—'
                | '–'
                | '-'
                | '…'
                | '\u{a0}'
        )
    )
}

/// A paragraph starting with one of these continues a quotation left open.
fn reopens(c: u32) -> bool {
    matches!(char::from_u32(c), Some('“' | '„' | '«' | '"'))
}

pub struct Pairing {
    /// Each run's start and end, clipped to its paragraph.
    pub runs: Vec<(usize, usize)>,
    /// Each run's settled letters, "o" or "c" a mark.
    pub roles: Vec<String>,
    /// From opening mark to closing mark inclusive; adjacent empty ones as one.
    pub quotes: Vec<(usize, usize)>,
    /// Flat (kind, offset, opens, count) rows.
    pub anomalies: Vec<usize>,
}

struct Pairer<'a, T> {
    t: &'a [T],
    quotes: Vec<(usize, usize)>,
    anomalies: Vec<usize>,
}

impl<T: Ch> Pairer<'_, T> {
    fn anomaly(&mut self, kind: usize, offset: usize, letter: u8, count: usize) {
        self.anomalies
            .extend([kind, offset, (letter == b'o') as usize, count]);
    }

    /// Marks that open again while a quotation is open, or close one that never opened.
    fn surplus(&mut self, open: bool, offset: usize, letter: u8, count: usize) {
        self.anomaly(
            if open { NESTED_OPEN } else { UNOPENED },
            offset,
            letter,
            count,
        );
    }

    /// "o" or "c" where the neighbours decide: after an opening neighbour a mark opens unless
    /// a closing one follows; it closes the other way round.
    fn position_role(&self, offset: usize) -> Option<u8> {
        let t = self.t;
        let opening_before = offset == 0 || opens_after(t[offset - 1].code());
        let closing_after = offset + 1 >= t.len() || closes_before(t[offset + 1].code());
        if opening_before == closing_after {
            None
        } else if opening_before {
            Some(b'o')
        } else {
            Some(b'c')
        }
    }

    /// Role letters of a run: glyph letters, overridden by position where it decides. Only a
    /// run's first and last mark have a neighbour that is not a mark.
    fn letters(&mut self, start: usize, end: usize) -> Vec<u8> {
        let mut letters: Vec<u8> = self.t[start..end]
            .iter()
            .map(|c| glyph_letter(c.code()).unwrap_or(b'e'))
            .collect();
        let last = letters.len() - 1;
        for i in if last > 0 { vec![0, last] } else { vec![0] } {
            if let Some(placed) = self.position_role(start + i) {
                if placed != letters[i] {
                    if letters[i] != b'e' {
                        self.anomaly(WRONG_GLYPH, start + i, placed, 1);
                    }
                    letters[i] = placed;
                }
            }
        }
        letters
    }

    /// Back-to-back empty quotations, or adjacent marks with one anomaly, from letters[i] on
    /// as one step: where the next step starts, and the step's letters.
    fn stretch(
        &mut self,
        start: usize,
        letters: &[u8],
        i: usize,
        opened: Option<usize>,
        roles: &mut String,
    ) -> usize {
        if opened.is_none() {
            let mut j = i;
            while j + 1 < letters.len()
                && matches!(letters[j], b'o' | b'e')
                && matches!(letters[j + 1], b'c' | b'e')
            {
                j += 2;
            }
            if j > i {
                self.quotes.push((start + i, start + j));
                for _ in 0..(j - i) / 2 {
                    roles.push_str("oc");
                }
                return j;
            }
        }
        let letter = letters[i];
        if letter == if opened.is_some() { b'o' } else { b'c' } {
            let same = i + letters[i..].iter().take_while(|&&l| l == letter).count();
            self.surplus(opened.is_some(), start + i, letter, same - i);
            roles.extend(letters[i..same].iter().map(|&l| l as char));
            return same;
        }
        i
    }
}

/// Start and end of each run of adjacent marks, in order.
fn runs<T: Ch>(t: &[T]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < t.len() {
        // Every mark is a straight quote or at least '«': text between is passed over in blocks.
        i = chars::find(t, i, |c| (c == '"' as u32) | (c >= '«' as u32));
        if i == t.len() {
            break;
        }
        if glyph_letter(t[i].code()).is_some() {
            let start = i;
            while i < t.len() && glyph_letter(t[i].code()).is_some() {
                i += 1;
            }
            found.push((start, i));
        } else {
            i += 1;
        }
    }
    found
}

/// Pair the runs of marks paragraph by paragraph. A quotation left open at a paragraph's end
/// is unclosed unless the next paragraph reopens it (quotations over several paragraphs).
pub fn analyse<T: Ch>(t: &[T], bounds: &[(usize, usize)]) -> Pairing {
    let found = runs(t);
    let mut p = Pairer {
        t,
        quotes: Vec::new(),
        anomalies: Vec::new(),
    };
    let (mut kept, mut roles_of) = (Vec::new(), Vec::new());
    let (mut first, count) = (0, found.len());
    for (b, &(block_start, block_end)) in bounds.iter().enumerate() {
        while first < count && found[first].1 <= block_start {
            first += 1;
        }
        if first == count {
            break;
        }
        if found[first].0 >= block_end {
            continue;
        }
        let mut opened: Option<usize> = None;
        let mut k = first;
        while k < count && found[k].0 < block_end {
            // Formats may give blocks with no gap between them: a run may cross the edge.
            let (start, end) = (found[k].0.max(block_start), found[k].1.min(block_end));
            k += 1;
            let letters = p.letters(start, end);
            let mut roles = String::with_capacity(letters.len());
            let (mut i, size) = (0, end - start);
            while i < size {
                if size - i > 1 {
                    let after = p.stretch(start, &letters, i, opened, &mut roles);
                    if after > i {
                        i = after;
                        continue;
                    }
                }
                let mut letter = letters[i];
                if letter == if opened.is_some() { b'o' } else { b'c' } {
                    p.surplus(opened.is_some(), start + i, letter, 1);
                } else if let Some(at) = opened {
                    p.quotes.push((at, start + i + 1));
                    opened = None;
                    letter = b'c';
                } else {
                    opened = Some(start + i);
                    letter = b'o';
                }
                roles.push(letter as char);
                i += 1;
            }
            kept.push((start, end));
            roles_of.push(roles);
        }
        if let Some(at) = opened {
            p.quotes.push((at, block_end));
            let following = bounds.get(b + 1).map_or(t.len(), |next| next.0);
            if !(following < t.len() && reopens(t[following].code())) {
                p.anomaly(UNCLOSED, at, b'o', 1);
            }
        }
        if k > first {
            first = if found[k - 1].1 > block_end { k - 1 } else { k };
        }
    }
    Pairing {
        runs: kept,
        roles: roles_of,
        quotes: p.quotes,
        anomalies: p.anomalies,
    }
}
