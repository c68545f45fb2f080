//! Sentences inside a paragraph, found well enough to compare them with each other (the
//! duplicate pass reasons about whole sentences).
//!
//! A boundary follows a mark and any closing marks: either white space before an optional
//! opening mark and a capital or digit, unless the mark is an abbreviation's or an
//! initial's period (Gen., Nov., R., U.S.); or nothing, between a word's period and a
//! glued capitalised word ("reported.The"): feeds lose that space often. This is the pattern
//! tests/test_native_document.py keeps as the oracle, read as a scan: each of its repetitions has one way to succeed, so nothing backtracks.
//! As with `finditer(text, start, end)`, look-aheads stop at `end`, look-behinds may read
//! before `start`.

use super::chars::{letter, lower, py_space, space, upper, upper_or_number};
use crate::pystr::Ch;

const PERIOD: u32 = '.' as u32;

fn closing(c: u32) -> bool {
    matches!(char::from_u32(c), Some('”' | '’' | '"' | '\'' | ')' | ']'))
}

fn opening(c: u32) -> bool {
    matches!(char::from_u32(c), Some('“' | '‘' | '"' | '\'' | '(' | '['))
}

/// Before an abbreviation: the start of the text, white space or an opening mark.
fn before_word(c: u32) -> bool {
    space(c) || matches!(char::from_u32(c), Some('(' | '“' | '"' | '‘' | '\''))
}

const ABBREVIATIONS: [&str; 8] = [
    "Sept", "Corp", "Prof", "Capt", "Cmdr", "Dept", "Univ", "Bros",
];

/// Whether t[..dot] ends with an abbreviation or initial standing as a word: a capital and
/// up to two lower-case letters, a single letter, or one of `ABBREVIATIONS`.
fn abbreviation<T: Ch>(t: &[T], dot: usize) -> bool {
    let starts_word = |q: usize| q == 0 || before_word(t[q - 1].code());
    (1..=3).any(|size| {
        dot >= size
            && upper(t[dot - size].code())
            && t[dot - size + 1..dot].iter().all(|c| lower(c.code()))
            && starts_word(dot - size)
    }) || (dot >= 1 && letter(t[dot - 1].code()) && starts_word(dot - 1))
        || (dot >= 4
            && starts_word(dot - 4)
            && ABBREVIATIONS.iter().any(|a| {
                a.chars()
                    .zip(&t[dot - 4..dot])
                    .all(|(x, c)| x as u32 == c.code())
            }))
}

/// Where the white-space boundary after the closing marks at `p` ends, if one is there.
fn spaced<T: Ch>(t: &[T], p: usize, end: usize) -> Option<usize> {
    if !(p < end && space(t[p].code())) {
        return None;
    }
    if t[p - 1].code() == PERIOD
        && (abbreviation(t, p - 1)
            || (p >= 3 && t[p - 3].code() == PERIOD && letter(t[p - 2].code())))
    {
        return None;
    }
    let mut r = p;
    while r < end && space(t[r].code()) {
        r += 1;
    }
    let next = if r < end && opening(t[r].code()) {
        r + 1
    } else {
        r
    };
    (next < end && upper_or_number(t[next].code())).then_some(r)
}

/// Whether `p` (right after a mark) is between a word's final mark and a glued capitalised word.
fn glued<T: Ch>(t: &[T], p: usize, end: usize) -> bool {
    p + 1 < end
        && p >= 3
        && upper(t[p].code())
        && lower(t[p + 1].code())
        && matches!(char::from_u32(t[p - 1].code()), Some('.' | '!' | '?'))
        && lower(t[p - 2].code())
        && lower(t[p - 3].code())
}

/// Whether `c` may end a sentence: . ! ? or …
#[inline]
pub fn mark(c: u32) -> bool {
    (c == PERIOD) | (c == 0x21) | (c == 0x3f) | (c == 0x2026)
}

/// For the mark at `j` (`mark` holds), whether a sentence ends after it inside t[..end]: the
/// sentence's end (past the closing marks) and where the next begins.
#[inline]
pub fn boundary<T: Ch>(t: &[T], j: usize, end: usize) -> Option<(usize, usize)> {
    let mut p = j + 1;
    while p < end && closing(t[p].code()) {
        p += 1;
    }
    match spaced(t, p, end) {
        Some(r) => Some((p, r)),
        None if glued(t, p, end) => Some((p, p)),
        None => None,
    }
}

/// The end of the last sentence, which starts at `start`: `end` with the space before it
/// (`str.isspace`) left out; `start` or less when only space is left.
pub fn last_end<T: Ch>(t: &[T], start: usize, mut end: usize) -> usize {
    while end > start && py_space(t[end - 1].code()) {
        end -= 1;
    }
    end
}

/// (start, end) of each sentence of t[start..end], trimmed of surrounding space (`str.isspace`).
/// The duplicate search reads sentences in the same pass as their words, through `mark`,
/// `boundary` and `last_end`; this is the splitting it does, for the tests.
pub fn split<T: Ch>(t: &[T], mut start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut j = start;
    while j < end {
        match mark(t[j].code()).then(|| boundary(t, j, end)).flatten() {
            Some((p, after)) => {
                found.push((start, p));
                (start, j) = (after, after);
            }
            None => j += 1,
        }
    }
    let end = last_end(t, start, end);
    if end > start {
        found.push((start, end));
    }
    found
}
