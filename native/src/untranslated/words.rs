//! Words as the untranslated pack's patterns read them, character by character as
//! `pychars` reads them. The text is CPython's own storage (`pystr`): an index is the
//! code-point offset Python uses, and a lone surrogate is a character of no class.

use pyo3::prelude::*;
use pyo3::types::PyTuple;

use super::tables::Packing;
use crate::pychars::{self, is, ISLOWER, ISUPPER, L, LL, LT, LU, M};
use crate::pystr::Ch;

/// Code points below this have their flags in `NEAR_FLAGS`.
const NEAR: u32 = 0x2070;

/// `pychars`' flags of the code points below NEAR, copied once when the crate is built:
/// copy's characters beyond ASCII are mostly Latin letters and punctuation (’ “ ” —),
/// and `pychars::flags` searches its ranges for each.
static NEAR_FLAGS: [u32; NEAR as usize] = {
    let mut flags = [0u32; NEAR as usize];
    let mut i = 0;
    while i < pychars::RANGES.len() && pychars::RANGES[i].0 < NEAR {
        let (first, last, f) = pychars::RANGES[i];
        let mut c = first;
        while c <= last && c < NEAR {
            flags[c as usize] = f;
            c += 1;
        }
        i += 1;
    }
    flags
};

/// Every flag of code point `c`, as `pychars::code_flags` gives it.
#[inline(always)]
pub(super) fn code_flags(c: u32) -> u32 {
    match NEAR_FLAGS.get(c as usize) {
        Some(&flags) => flags,
        None => pychars::code_flags(c),
    }
}

/// Whether code point `c` has any of the flags in `mask`.
#[inline(always)]
pub(super) fn has(c: u32, mask: u32) -> bool {
    code_flags(c) & mask != 0
}

/// The flags of code point `c` among L, M, LL and LU (what words are made of), ASCII at once.
#[inline(always)]
pub(super) fn letter_flags(c: u32) -> u32 {
    match c {
        0x61..=0x7a => L | LL,
        0x41..=0x5a => L | LU,
        0..=0x7f => 0,
        _ => code_flags(c) & (L | M | LL | LU),
    }
}

/// An apostrophe or hyphen, which joins the letters of a word.
#[inline]
pub(super) fn joiner(c: u32) -> bool {
    matches!(c, 0x2019 | 0x27 | 0x2d) // ’ ' -
}

/// Where the word whose first letter or mark stands at `start` ends, and the word packed
/// for the table of recent words; nothing at or past `limit` is read, as a Python `endpos`.
#[inline(always)]
pub(super) fn word_end<T: Ch>(t: &[T], start: usize, limit: usize) -> (usize, Packing) {
    let letter = |i: usize| letter_flags(t[i].code()) & (L | M) != 0;
    let (mut i, mut packing) = (start, Packing::default());
    loop {
        while i < limit && letter(i) {
            packing.push(t[i].code());
            i += 1;
        }
        if i + 1 < limit && joiner(t[i].code()) && letter(i + 1) {
            packing.push(t[i].code());
            i += 1;
            continue;
        }
        return (i, packing);
    }
}

/// Characters `screen_word_end` reads at once.
const WINDOW: usize = 16;

/// `word_end` to the end of the text, for the screen, which reads every word of copy:
/// most are ASCII letters before an ASCII character that does not join them (a space, a
/// comma), told for the `WINDOW` characters from `start` at once, without a branch per
/// character (where a word ends cannot be foreseen, and a branch on it missed once a word).
/// Other words, and words near the end of the text, are read by `word_end`.
#[inline(always)]
pub(super) fn screen_word_end<T: Ch>(t: &[T], start: usize) -> (usize, Packing) {
    if let Some(window) = t.get(start..start + WINDOW) {
        let letters = window.iter().enumerate().fold(0u32, |letters, (k, c)| {
            let ascii_letter = (c.code() | 0x20).wrapping_sub(u32::from(b'a')) < 26;
            letters | u32::from(ascii_letter) << k
        });
        let n = letters.trailing_ones() as usize;
        if n < WINDOW && window[n].code() < 0x80 && !joiner(window[n].code()) {
            return (start + n, Packing::ascii_letters(window, n));
        }
    }
    word_end(t, start, t.len())
}

/// The words of t[start..end], as spans.
pub(super) fn words_of<T: Ch>(t: &[T], start: usize, end: usize) -> Vec<(usize, usize)> {
    let (mut i, mut found) = (start, Vec::new());
    while i < end {
        if letter_flags(t[i].code()) & (L | M) != 0 {
            let (e, _) = word_end(t, i, end);
            found.push((i, e));
            i = e;
        } else {
            i += 1;
        }
    }
    found
}

/// A word as a string, written into `buffer` (one per pass, not one per word).
pub(super) fn spell<'b, T: Ch>(word: &[T], buffer: &'b mut String) -> &'b str {
    buffer.clear();
    buffer.extend(word.iter().filter_map(|c| char::from_u32(c.code())));
    buffer
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

/// (start, end) of a `Span` integer (start above 32 bits, end below), kept inside a text
/// of `len` code points.
pub(super) fn span(packed: u64, len: usize) -> (usize, usize) {
    let end = ((packed & 0xffff_ffff) as usize).min(len);
    (((packed >> 32) as usize).min(end), end)
}

/// Where each of a document's `Block`s (span, scope) starts.
pub(super) fn block_starts(blocks: &Bound<'_, PyTuple>) -> PyResult<Vec<usize>> {
    blocks
        .iter()
        .map(|block| Ok((block.get_item(0)?.extract::<u64>()? >> 32) as usize))
        .collect()
}
