//! Characters read as the Python that runs cleanup reads them.
//!
//! The passes moved here from Python must give the same answers as `str.isalnum`,
//! `str.lower`, `re`'s `\w` or the `regex` module's `\p{Latin}`, and Rust's `char` methods
//! follow another Unicode version and other definitions. So every answer comes from a table
//! generated from Python itself (native/gen_pychars.py), checked against it for every code
//! point by tests/test_native_chars.py.

use pyo3::prelude::*;

#[rustfmt::skip] // generated: native/gen_pychars.py
#[path = "pychars_table.rs"]
mod table;
pub use table::*;

/// The flags of every ASCII character, so that most lookups are one index.
static ASCII: [u32; 128] = {
    let mut flags = [0u32; 128];
    let mut i = 0;
    while i < table::RANGES.len() {
        let (first, last, f) = table::RANGES[i];
        if first >= 128 {
            break;
        }
        let mut c = first;
        while c <= last && c < 128 {
            flags[c as usize] = f;
            c += 1;
        }
        i += 1;
    }
    flags
};

/// Every flag of `c` (the constants of the table, `ISALNUM` to `CASE_IGNORABLE`).
#[inline]
pub fn flags(c: char) -> u32 {
    let cp = c as u32;
    if cp < 128 {
        return ASCII[cp as usize];
    }
    match table::RANGES.binary_search_by(|&(first, last, _)| {
        if last < cp {
            std::cmp::Ordering::Less
        } else if first > cp {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }) {
        Ok(i) => table::RANGES[i].2,
        Err(_) => 0,
    }
}

/// Whether `c` has any of the flags in `mask`.
#[inline]
pub fn is(c: char, mask: u32) -> bool {
    flags(c) & mask != 0
}

/// The flags of a code point as CPython stores text: a lone surrogate, half a character, has none.
#[inline]
pub fn code_flags(cp: u32) -> u32 {
    char::from_u32(cp).map_or(0, flags)
}

/// Whether a code point has any of the flags in `mask`.
#[inline]
pub fn code_is(cp: u32, mask: u32) -> bool {
    code_flags(cp) & mask != 0
}

fn mapped(c: char, pairs: &'static [(u32, &'static str)], out: &mut String) {
    match pairs.binary_search_by_key(&(c as u32), |&(cp, _)| cp) {
        Ok(i) => out.push_str(pairs[i].1),
        Err(_) => out.push(c),
    }
}

const CAPITAL_SIGMA: char = '\u{3a3}';

fn cased(c: char) -> bool {
    is(c, ISLOWER | ISUPPER | ISTITLE)
}

/// Python's rule for a capital sigma: final (ς) after a cased letter and not before one,
/// looking past case-ignorable characters both ways.
fn final_sigma(chars: &[char], i: usize) -> bool {
    let before = chars[..i].iter().rev().find(|&&c| !is(c, CASE_IGNORABLE));
    if !before.is_some_and(|&c| cased(c)) {
        return false;
    }
    let after = chars[i + 1..].iter().find(|&&c| !is(c, CASE_IGNORABLE));
    !after.is_some_and(|&c| cased(c))
}

/// `c.lower()` of one character on its own (a capital sigma alone is σ), added to `out`.
#[inline]
pub fn lower_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        mapped(c, &table::LOWER, out);
    }
}

/// `text.lower()`, as Python gives it.
pub fn lower(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
        return out;
    }
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == CAPITAL_SIGMA {
            out.push(if final_sigma(&chars, i) { 'ς' } else { 'σ' });
        } else {
            lower_char(c, &mut out);
        }
    }
    out
}

/// `text.upper()`, as Python gives it.
pub fn upper(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_uppercase());
        } else {
            mapped(c, &table::UPPER, &mut out);
        }
    }
    out
}

/// Every code point (surrogates aside) with the named flag, in order: what the test compares.
#[pyfunction]
fn chars_with(name: &str) -> PyResult<String> {
    let (_, mask) = table::NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(name.to_string()))?;
    Ok((0..0x110000u32)
        .filter_map(char::from_u32)
        .filter(|&c| is(c, *mask))
        .collect())
}

#[pyfunction(name = "lower")]
fn py_lower(text: &str) -> String {
    lower(text)
}

#[pyfunction(name = "upper")]
fn py_upper(text: &str) -> String {
    upper(text)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(chars_with, m)?)?;
    m.add_function(wrap_pyfunction!(py_lower, m)?)?;
    m.add_function(wrap_pyfunction!(py_upper, m)?)?;
    m.add(
        "CHAR_FLAGS",
        table::NAMES.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
    )?;
    Ok(())
}
