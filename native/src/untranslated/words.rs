//! Words as the untranslated pack's patterns read them, character by character as
//! `pychars` reads them, and the offsets that cross into Python.

use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::pychars::{self, is, ISLOWER, ISUPPER, L, LL, LT, LU, M};

#[inline]
pub(super) fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        text[i..].chars().next().unwrap()
    }
}

/// The flags of `c` among L, M, LL and LU (what words are made of), ASCII at once.
#[inline(always)]
pub(super) fn letter_flags(c: char) -> u32 {
    match c {
        'a'..='z' => L | LL,
        'A'..='Z' => L | LU,
        '\0'..='\x7f' => 0,
        _ => pychars::flags(c) & (L | M | LL | LU),
    }
}

#[inline]
pub(super) fn joiner(c: char) -> bool {
    matches!(c, '’' | '\'' | '-')
}

/// Where the word whose first letter or mark stands at byte `start` ends (a byte), and its
/// length in characters; nothing at or past `limit` is read, as a Python `endpos`.
pub(super) fn word_end(text: &str, start: usize, limit: usize) -> (usize, usize) {
    let (mut i, mut n) = (start, 0);
    loop {
        while i < limit {
            let c = char_at(text, i);
            if letter_flags(c) & (L | M) == 0 {
                break;
            }
            i += c.len_utf8();
            n += 1;
        }
        if i < limit {
            let c = char_at(text, i);
            let next = i + c.len_utf8();
            if joiner(c) && next < limit && letter_flags(char_at(text, next)) & (L | M) != 0 {
                i = next;
                n += 1;
                continue;
            }
        }
        return (i, n);
    }
}

/// A word of a block: its bytes and its code points, half-open.
pub(super) struct Word {
    pub(super) bytes: (usize, usize),
    pub(super) at: (usize, usize),
}

/// The words of text[start..end] (bytes), `first` being the code point at `start`.
pub(super) fn words_of(text: &str, start: usize, end: usize, first: usize) -> Vec<Word> {
    let (mut i, mut cp, mut found) = (start, first, Vec::new());
    while i < end {
        let c = char_at(text, i);
        if letter_flags(c) & (L | M) != 0 {
            let (e, n) = word_end(text, i, end);
            found.push(Word {
                bytes: (i, e),
                at: (cp, cp + n),
            });
            i = e;
            cp += n;
        } else {
            i += c.len_utf8();
            cp += 1;
        }
    }
    found
}

/// Byte offsets of code-point offsets asked for in increasing order, read once along the text.
pub(super) struct Offsets<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    cp: usize,
}

impl<'a> Offsets<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Offsets {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            cp: 0,
        }
    }

    pub(super) fn byte(&mut self, cp: usize) -> usize {
        if self.ascii {
            return cp.min(self.text.len());
        }
        if cp < self.cp {
            (self.byte, self.cp) = (0, 0);
        }
        let bytes = self.text.as_bytes();
        while self.cp < cp && self.byte < bytes.len() {
            self.byte += char_at(self.text, self.byte).len_utf8();
            self.cp += 1;
        }
        self.byte
    }
}

/// Python's `s.isupper()`: a cased character, and none lower or title case. (The
/// ISTITLE flag is `c.istitle()`, true of capitals too; title case itself is \p{Lt}.)
pub(super) fn py_isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is(c, ISLOWER | LT) {
            return false;
        }
        cased |= is(c, ISUPPER);
    }
    cased
}

pub(super) fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(|c| is(c, ISUPPER))
}

/// (start, end) of a `Span` integer (start above 32 bits, end below).
pub(super) fn span(packed: u64) -> (usize, usize) {
    ((packed >> 32) as usize, (packed & 0xffff_ffff) as usize)
}

/// Where each of a document's `Block`s (span, scope) starts.
pub(super) fn block_starts(blocks: &Bound<'_, PyTuple>) -> PyResult<Vec<usize>> {
    blocks
        .iter()
        .map(|block| Ok(span(block.get_item(0)?.extract()?).0))
        .collect()
}
