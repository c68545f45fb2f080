//! The encoding pack's scans (cleanup/checks/encoding.py): where mojibake may stand and
//! where control characters do.
//!
//! Most copy has neither, yet a `regex` pattern for them was tried at every character of
//! every document (the control characters' at every line feed, which their class holds
//! and a look-behind then refused); a walk over the code points, most of them ASCII and
//! ruled out by one comparison, decides the same thing. tests/test_native_encoding.py
//! compares each walk with the pattern it replaced.

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::pystr::{with_code_points, Ch};

/// A byte 0x80..0xBF of UTF-8 (a continuation byte) as Latin-1 or Windows-1252 shows it:
/// the C1 controls and NBSP..¿ as themselves, and the characters Windows-1252 puts at
/// 0x80..0x9F.
#[inline]
fn continuation(c: u32) -> bool {
    matches!(
        c,
        0x80..=0xbf
            | 0x152
            | 0x153
            | 0x160
            | 0x161
            | 0x178
            | 0x17d
            | 0x17e
            | 0x192
            | 0x2c6
            | 0x2dc
            | 0x2013
            | 0x2014
            | 0x2018..=0x201a
            | 0x201c..=0x201e
            | 0x2020..=0x2022
            | 0x2026
            | 0x2030
            | 0x2039
            | 0x203a
            | 0x20ac
            | 0x2122
    )
}

/// The first position from `i` where `hit` holds. Most copy has no such code point at
/// all: it is looked for 32 code points at a time, with no exit inside a block, which
/// the compiler turns into vector comparisons.
#[inline]
fn next_hit<T: Ch>(t: &[T], i: usize, hit: impl Fn(u32) -> bool + Copy) -> Option<usize> {
    let mut k = i;
    while k < t.len() {
        let block = &t[k..(k + 32).min(t.len())];
        if block.iter().fold(false, |any, u| any | hit(u.code())) {
            return block.iter().position(|u| hit(u.code())).map(|p| k + p);
        }
        k += block.len();
    }
    None
}

/// A code point that can start mojibake, 0x80..0xF4.
#[inline]
fn lead(c: u32) -> bool {
    c.wrapping_sub(0x80) <= 0xf4 - 0x80
}

/// A control character: a C0 control but tab, line feed and carriage return (layout), or
/// DEL. C1 controls are mojibake.
#[inline]
fn control(c: u32) -> bool {
    (c < 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) || c == 0x7f
}

/// Starts of the places in `t[start..end]` where mojibake begins, as `finditer` gave them
/// for the pattern they replace: a lead byte of UTF-8 shown as Latin-1 or Windows-1252
/// (Â..ô) followed by a continuation byte shown the same way (the two are one match, so
/// the second starts none); `Â` or `Ã` followed by a space (a no-break space that became
/// one); a lone C1 control (Windows-1252 text read as Latin-1). Every case starts with a
/// code point 0x80..0xF4 (`lead`).
fn mojibake_starts<T: Ch>(t: &[T], start: usize, end: usize) -> Vec<usize> {
    let t = &t[..end.min(t.len())];
    let mut found = Vec::new();
    let mut i = start;
    while let Some(k) = next_hit(t, i, lead) {
        let c = t[k].code();
        let next = t.get(k + 1).map(|u| u.code());
        i = k + 1;
        if c >= 0xc2 && next.is_some_and(continuation) {
            found.push(k);
            i += 1;
        } else if c <= 0x9f || (matches!(c, 0xc2 | 0xc3) && next == Some(0x20)) {
            found.push(k);
        }
    }
    found
}

/// Positions of the control characters in `text` (see `control`).
#[pyfunction]
fn control_characters(text: &Bound<'_, PyString>) -> PyResult<Vec<usize>> {
    Ok(with_code_points!(text, t => {
        let mut found = Vec::new();
        let mut i = 0;
        while let Some(k) = next_hit(t, i, control) {
            found.push(k);
            i = k + 1;
        }
        found
    }))
}

/// Starts of the mojibake in `text[start:end]` (see `mojibake_starts`).
#[pyfunction]
#[pyo3(signature = (text, start = 0, end = usize::MAX))]
fn mojibake(text: &Bound<'_, PyString>, start: usize, end: usize) -> PyResult<Vec<usize>> {
    Ok(with_code_points!(text, t => mojibake_starts(t, start, end)))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(mojibake, m)?)?;
    m.add_function(wrap_pyfunction!(control_characters, m)?)?;
    Ok(())
}
