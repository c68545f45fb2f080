//! Where a pattern rule with no trigger may match: the positions its `regex` pattern is
//! tried at (a pack's `candidates` key, patterns.py).
//!
//! A pattern that starts with a set, a look-behind or a line-start test gives the `regex`
//! engine nothing to skip ahead to, so `finditer` tries it at every character of the
//! document. Each function here returns, in order, a superset of the positions where its
//! rule's pattern can match (stated beside it), tight on real copy: the pattern stays the
//! definition of what the rule finds and is tried only there, with one timeout for all the
//! attempts. tests/test_candidate_scans.py compares the result with `finditer`.
//!
//! The text is read in CPython's own storage, so positions are code-point offsets, and a
//! lone surrogate reads as a character of no class, as it does for `regex`. Classes come
//! from `pychars` (the `regex` module's own \p{..}, \s and \d, which is \p{Nd}).

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::pychars::{code_is as has, L, LL, LU, N, ND, REGEX_SPACE};
use crate::pystr::{with_code_points, Ch};

/// Code points a block test reads at once: a branch-free test over a block compiles to a
/// few vector instructions, and nearly every block of copy holds no mark a rule looks for.
const BLOCK: usize = 32;

/// Every `i`, in order, where `quick(s[i], s[i + 1])` holds (a 0 stands past the end), for
/// a `quick` written without branches (`&`, `|`), so that the block test vectorizes.
fn pairs<T: Ch>(s: &[T], quick: impl Fn(u32, u32) -> bool, mut found: impl FnMut(usize)) {
    let mut k = 0;
    while k + BLOCK < s.len() {
        let (a, b) = (&s[k..k + BLOCK], &s[k + 1..k + BLOCK + 1]);
        let mut any = false;
        for j in 0..BLOCK {
            any |= quick(a[j].code(), b[j].code());
        }
        if any {
            (0..BLOCK)
                .filter(|&j| quick(a[j].code(), b[j].code()))
                .for_each(|j| found(k + j));
        }
        k += BLOCK;
    }
    for i in k..s.len() {
        let next = if i + 1 < s.len() { s[i + 1].code() } else { 0 };
        if quick(s[i].code(), next) {
            found(i);
        }
    }
}

/// Whether a code point may be of a class whose ASCII members are `ascii`, for a block test:
/// every code point past ASCII may be, and the exact test follows at the few that pass.
#[inline(always)]
fn maybe(c: u32, ascii: std::ops::RangeInclusive<u32>) -> bool {
    (c.wrapping_sub(*ascii.start()) <= ascii.end() - ascii.start()) | (c >= 0x80)
}

/// Whether code point `i` of `s` exists and has a flag of `mask`.
#[inline]
fn is_at<T: Ch>(s: &[T], i: usize, mask: u32) -> bool {
    i < s.len() && has(s[i].code(), mask)
}

const LOWER: std::ops::RangeInclusive<u32> = 0x61..=0x7a;
const UPPER: std::ops::RangeInclusive<u32> = 0x41..=0x5a;

/// PUN004, `,(?=\p{Ll})(?<=\p{Ll},)`: a comma between two lower-case letters (exact).
fn glued_commas<T: Ch>(s: &[T]) -> Vec<usize> {
    let mut found = Vec::new();
    pairs(
        s,
        |c, n| (c == 0x2c) & maybe(n, LOWER),
        |i| {
            if i > 0 && is_at(s, i - 1, LL) && is_at(s, i + 1, LL) {
                found.push(i)
            }
        },
    );
    found
}

/// PUN003, `[.!?](?=\p{Lu}\p{Ll})(?<=(?:\p{Ll}{2}|\d{2})[.!?])(?<![./@:][\p{L}\d]*[.!?])`:
/// a sentence mark before a capital and a lower-case letter, after two lower-case letters
/// or two digits (the last look-behind, ruling out addresses, is left to the pattern).
fn glued_sentences<T: Ch>(s: &[T]) -> Vec<usize> {
    let mut found = Vec::new();
    pairs(
        s,
        |c, n| ((c == 0x2e) | (c == 0x21) | (c == 0x3f)) & maybe(n, UPPER),
        |i| {
            let before = |mask| is_at(s, i - 1, mask) && is_at(s, i - 2, mask);
            if i >= 2 && is_at(s, i + 1, LU) && is_at(s, i + 2, LL) && (before(LL) || before(ND)) {
                found.push(i)
            }
        },
    );
    found
}

/// PUN001, `\.(?= +\p{Ll})(?<=(?:^|[\s(“"‘'—–])[\p{L}\p{N}’'-]*[\p{Ll}\p{N}]\.)` followed by
/// look-behinds for abbreviations and ellipses, which are left to the pattern: a period
/// after a word that ends in a lower-case letter or a digit, before spaces and a lower-case
/// letter.
fn stray_periods<T: Ch>(s: &[T]) -> Vec<usize> {
    // [\s(“"‘'—–] before the word, and the word's own characters [\p{L}\p{N}’'-].
    let opens = |c: u32| {
        has(c, REGEX_SPACE) || matches!(c, 0x28 | 0x201c | 0x22 | 0x2018 | 0x27 | 0x2014 | 0x2013)
    };
    let inside = |c: u32| has(c, L | N) || matches!(c, 0x2019 | 0x27 | 0x2d);
    // The word may start at any of its characters: the look-behind holds if, walking back
    // from the letter before the period, the text starts or an opening character stands
    // before the characters walked over, all of the word's kind.
    let word_before = |i: usize| {
        let mut j = i - 1;
        loop {
            if j == 0 || opens(s[j - 1].code()) {
                return true;
            }
            if !inside(s[j - 1].code()) {
                return false;
            }
            j -= 1;
        }
    };
    let mut found = Vec::new();
    pairs(
        s,
        |c, n| (c == 0x2e) & (n == 0x20),
        |i| {
            let mut j = i + 1;
            while j < s.len() && s[j].code() == 0x20 {
                j += 1;
            }
            if i > 0 && is_at(s, j, LL) && is_at(s, i - 1, LL | N) && word_before(i) {
                found.push(i)
            }
        },
    );
    found
}

/// STY001, `(?<![^\r\n])(?=\p{Lu}[^\p{Ll}\r\n]*?[ \t])\p{Lu}[^\p{Ll}\r\n]*+(?=[\r\n]|\Z)`:
/// a line (ended by CR, LF or the end of the text) that starts with a capital, holds a space
/// or a tab and no lower-case letter (exact).
fn caps_lines<T: Ch>(s: &[T]) -> Vec<usize> {
    let line_end = |c: u32| c == 0x0a || c == 0x0d;
    let shouted = |start: usize| {
        if !is_at(s, start, LU) {
            return false;
        }
        let mut spaced = false;
        for &u in &s[start + 1..] {
            let c = u.code();
            if line_end(c) {
                break;
            }
            if has(c, LL) {
                return false;
            }
            spaced |= c == 0x20 || c == 0x09;
        }
        spaced
    };
    let mut found = Vec::new();
    if shouted(0) {
        found.push(0);
    }
    pairs(
        s,
        |c, n| ((c == 0x0a) | (c == 0x0d)) & maybe(n, UPPER),
        |i| {
            if shouted(i + 1) {
                found.push(i + 1)
            }
        },
    );
    found
}

/// The positions where PUN001's stray period may stand.
#[pyfunction]
fn stray_period_candidates(text: &Bound<'_, PyString>) -> PyResult<Vec<usize>> {
    Ok(with_code_points!(text, s => stray_periods(s)))
}

/// The positions where PUN003's sentence mark glued to the next sentence may stand.
#[pyfunction]
fn glued_sentence_candidates(text: &Bound<'_, PyString>) -> PyResult<Vec<usize>> {
    Ok(with_code_points!(text, s => glued_sentences(s)))
}

/// The positions where PUN004's comma glued to the next word may stand.
#[pyfunction]
fn glued_comma_candidates(text: &Bound<'_, PyString>) -> PyResult<Vec<usize>> {
    Ok(with_code_points!(text, s => glued_commas(s)))
}

/// The starts of the lines STY001 may report as shouted subheads.
#[pyfunction]
fn caps_line_candidates(text: &Bound<'_, PyString>) -> PyResult<Vec<usize>> {
    Ok(with_code_points!(text, s => caps_lines(s)))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(stray_period_candidates, m)?)?;
    m.add_function(wrap_pyfunction!(glued_sentence_candidates, m)?)?;
    m.add_function(wrap_pyfunction!(glued_comma_candidates, m)?)?;
    m.add_function(wrap_pyfunction!(caps_line_candidates, m)?)
}
