//! Sentences inside a paragraph, found well enough to compare them with each other (the
//! duplicate pack's repeats are sentences).
//!
//! Abbreviations and initials (Gen., Nov., U.S., R.L.) do not end a sentence; a period glued
//! to the next sentence ("reported.The") does, since feeds lose that space often. This is the
//! `regex` pattern cleanup used, read by hand, character class for character class as
//! `pychars` reads them: after a mark (`.`, `!`, `?`, `…`) and its closing quotes and
//! brackets, a sentence ends
//!
//! - where space follows that leads to a capital or a figure (perhaps behind an opening
//!   quote or bracket), unless the mark is the period of an abbreviation: one letter, or a
//!   capital and up to two small letters, or Sept, Corp, Prof, Capt, Cmdr, Dept, Univ, Bros,
//!   standing at the start of the text or after a space or an opening mark; or the second
//!   period of initials (".S.");
//! - or, with no space, where a capital and a small letter follow a sentence mark that ends
//!   two small letters ("said.It").
//!
//! Like the pattern (searched in the paragraph alone), it looks back past the paragraph's
//! start but not on past its end. The tests compare the two on random text.
//!
//! The text is read as bytes between marks (all of which begin with a byte of their own),
//! and decoded only around a mark; code-point offsets are counted as the scan moves on.

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::pychars::{self, L, LL, LU, N, REGEX_SPACE};

const CLOSING: [char; 6] = ['”', '’', '"', '\'', ')', ']'];
const OPENING: [char; 6] = ['“', '‘', '"', '\'', '(', '['];
const BEFORE_ABBREVIATION: [char; 5] = ['(', '“', '"', '‘', '\''];
const ABBREVIATIONS: [[char; 4]; 8] = [['S', 'e', 'p', 't'], ['C', 'o', 'r', 'p'], ['P', 'r', 'o', 'f'],
    ['C', 'a', 'p', 't'], ['C', 'm', 'd', 'r'], ['D', 'e', 'p', 't'], ['U', 'n', 'i', 'v'], ['B', 'r', 'o', 's']];
/// The most characters the tests before a boundary look back over ("(Sept.").
const LOOK_BACK: usize = 6;

/// The characters just before a boundary, nearest first, as far as `LOOK_BACK`.
struct Behind {
    chars: [char; LOOK_BACK],
    len: usize,
    whole: bool, // they reach back to the text's start
}

impl Behind {
    fn new(text: &str, at: usize) -> Self {
        let mut behind = Behind { chars: ['\0'; LOOK_BACK], len: 0, whole: false };
        let mut chars = text[..at].chars().rev();
        while behind.len < LOOK_BACK {
            match chars.next() {
                Some(c) => {
                    behind.chars[behind.len] = c;
                    behind.len += 1;
                }
                None => break,
            }
        }
        behind.whole = chars.next().is_none();
        behind
    }

    fn is(&self, k: usize, mask: u32) -> bool {
        k < self.len && pychars::is(self.chars[k], mask)
    }

    fn char(&self, k: usize) -> Option<char> {
        (k < self.len).then(|| self.chars[k])
    }

    /// Whether an abbreviation may start just after the k-th character back: at the text's
    /// start, or after a space or an opening mark.
    fn boundary(&self, k: usize) -> bool {
        match self.char(k) {
            Some(c) => BEFORE_ABBREVIATION.contains(&c) || pychars::is(c, REGEX_SPACE),
            None => k == self.len && self.whole,
        }
    }

    /// The period just behind ends an abbreviation or initials, so no sentence.
    fn abbreviation(&self) -> bool {
        if self.char(0) != Some('.') {
            return false;
        }
        // A capital and up to two small letters: chars[1..=small] small, chars[small + 1] a capital.
        let capitalised = (0..=2).any(|small| {
            (1..=small).all(|k| self.is(k, LL)) && self.is(small + 1, LU) && self.boundary(small + 2)
        });
        let listed = ABBREVIATIONS.iter().any(|word| (0..4).all(|k| self.char(4 - k) == Some(word[k])))
            && self.boundary(5);
        let letter = self.is(1, L) && self.boundary(2);
        let initials = self.is(1, L) && self.char(2) == Some('.');
        capitalised || listed || letter || initials
    }
}

/// One paragraph of the text: bytes `start..end`.
struct Paragraph<'a> {
    text: &'a str,
    end: usize,
}

impl Paragraph<'_> {
    /// The character at byte `at`, if inside the paragraph.
    fn char(&self, at: usize) -> Option<char> {
        if at < self.end { self.text[at..].chars().next() } else { None }
    }

    fn is(&self, at: usize, mask: u32) -> bool {
        self.char(at).is_some_and(|c| pychars::is(c, mask))
    }

    /// Where the sentence ending at the mark that ends at byte `after` ends and the next one
    /// starts, if it ends there.
    fn boundary(&self, after: usize) -> Option<(usize, usize)> {
        let mut p = after;
        while let Some(c) = self.char(p).filter(|c| CLOSING.contains(c)) {
            p += c.len_utf8();
        }
        if self.is(p, REGEX_SPACE) && !Behind::new(self.text, p).abbreviation() {
            let mut next = p;
            while let Some(c) = self.char(next).filter(|&c| pychars::is(c, REGEX_SPACE)) {
                next += c.len_utf8();
            }
            let lead = match self.char(next) {
                Some(c) if OPENING.contains(&c) => next + c.len_utf8(),
                _ => next,
            };
            if self.is(lead, LU | N) {
                return Some((p, next));
            }
        }
        let capital = self.char(p).filter(|&c| pychars::is(c, LU));
        if capital.is_some_and(|c| self.is(p + c.len_utf8(), LL)) {
            let behind = Behind::new(self.text, p);
            if matches!(behind.char(0), Some('.' | '!' | '?')) && behind.is(1, LL) && behind.is(2, LL) {
                return Some((p, p));
            }
        }
        None
    }

    /// Each sentence's start and end (bytes) in `start..end`, trimmed of surrounding space.
    fn sentences(&self, mut start: usize, out: &mut impl FnMut(usize, usize)) {
        let bytes = self.text.as_bytes();
        let mut i = start;
        while let Some(at) = next_mark(bytes, i, self.end) {
            i = at;
            let after = match bytes[i] {
                b'.' | b'!' | b'?' => i + 1,
                _ if bytes[i + 1..].starts_with(&[0x80, 0xA6]) && i + 3 <= self.end => i + 3, // …
                _ => {
                    i += 1;
                    continue;
                }
            };
            match self.boundary(after) {
                Some((end, next)) => {
                    if end > start {
                        out(start, end);
                    }
                    (start, i) = (next, next);
                }
                None => i = after,
            }
        }
        let mut end = self.end;
        while let Some(c) = self.text[start..end].chars().next_back().filter(|&c| pychars::is(c, pychars::ISSPACE)) {
            end -= c.len_utf8();
        }
        if end > start {
            out(start, end);
        }
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The first byte in `from..end` that may start a mark: `.`, `!`, `?` or the first byte of `…`.
///
/// Eight bytes at a time: a byte equal to x is a zero byte of w ^ x·ONES, which subtracting
/// ONES borrows through (the usual test for a zero byte, exact for the first one).
fn next_mark(bytes: &[u8], mut from: usize, end: usize) -> Option<usize> {
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    while from + 8 <= end {
        let w = u64::from_le_bytes(bytes[from..from + 8].try_into().unwrap());
        let found = zero(w ^ (b'.' as u64 * ONES)) | zero(w ^ (b'!' as u64 * ONES)) | zero(w ^ (b'?' as u64 * ONES))
            | zero(w ^ (0xE2 * ONES));
        if found != 0 {
            return Some(from + found.trailing_zeros() as usize / 8);
        }
        from += 8;
    }
    (from..end).find(|&k| matches!(bytes[k], b'.' | b'!' | b'?' | 0xE2))
}

/// The byte offset `chars` characters after byte offset `from` (a character's start).
///
/// Eight bytes at a time while they hold no more character starts than are left: a byte
/// that continues a character is 10xxxxxx.
fn advance(bytes: &[u8], mut from: usize, mut chars: usize) -> usize {
    while chars >= 8 && from + 8 <= bytes.len() {
        let w = u64::from_le_bytes(bytes[from..from + 8].try_into().unwrap());
        let continuing = (w & !(w << 1) & HIGHS).count_ones() as usize;
        chars -= 8 - continuing;
        from += 8;
    }
    while from < bytes.len() {
        if bytes[from] & 0xC0 != 0x80 {
            if chars == 0 {
                break;
            }
            chars -= 1;
        }
        from += 1;
    }
    from
}

/// A sentence: its code-point span, its byte span in the text, and its paragraph's number.
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub bytes: std::ops::Range<usize>,
    pub paragraph: usize,
}

/// The sentences of each paragraph (code-point spans, in text order), one after another.
pub fn split(text: &str, paragraph_starts: &[i64], paragraph_ends: &[i64], mut found: impl FnMut(Sentence)) {
    let bytes = text.as_bytes();
    let ascii = text.is_ascii();
    // A code-point offset and its byte offset, moved forward as the text is read.
    let (mut at, mut byte) = (0usize, 0usize);
    let to_byte = |offset: usize, at: &mut usize, byte: &mut usize| -> usize {
        if ascii {
            return offset;
        }
        if offset < *at {
            (*at, *byte) = (0, 0); // out of order: start again
        }
        *byte = advance(bytes, *byte, offset - *at);
        *at = offset;
        *byte
    };
    for (n, (&first, &last)) in paragraph_starts.iter().zip(paragraph_ends).enumerate() {
        let start = to_byte(first as usize, &mut at, &mut byte);
        let end = to_byte(last as usize, &mut at, &mut byte);
        // Code points are counted from the paragraph's start as its sentences come.
        let (mut counted, mut counted_byte) = (first as usize, start);
        let mut offset = |b: usize| -> usize {
            if !ascii {
                counted += text[counted_byte..b].chars().count();
                counted_byte = b;
                counted
            } else {
                b
            }
        };
        Paragraph { text, end }.sentences(start, &mut |s, e| {
            let sentence = Sentence { start: offset(s), end: offset(e), bytes: s..e, paragraph: n };
            found(sentence)
        });
    }
}

/// `split` for Python: starts, ends and paragraph numbers, three `bytes` an `array("q")` reads.
/// (The duplicate search splits the paragraphs itself; Python asks only of a paragraph
/// whose sentences must be asked their scope.)
#[pyfunction]
fn split_sentences<'py>(py: Python<'py>, text: &str, paragraph_starts: Vec<i64>, paragraph_ends: Vec<i64>)
    -> (Bound<'py, PyBytes>, Bound<'py, PyBytes>, Bound<'py, PyBytes>) {
    let [starts, ends, numbers] = py.detach(|| {
        let mut found: [Vec<u8>; 3] = Default::default();
        split(text, &paragraph_starts, &paragraph_ends, |s| {
            for (out, n) in found.iter_mut().zip([s.start, s.end, s.paragraph]) {
                out.extend((n as i64).to_ne_bytes());
            }
        });
        found
    });
    (PyBytes::new(py, &starts), PyBytes::new(py, &ends), PyBytes::new(py, &numbers))
}

pub fn register(m: &Bound<PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(split_sentences, m)?)
}
