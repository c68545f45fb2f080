//! Whole-document scans for the pack checks written in Python (style, numbers, readability,
//! attribution and quotes, boilerplate), and the search for every pack literal at once
//! (literalsearch.rs).
//!
//! Each scan replaces a `regex` pattern that a check ran over every document: the engine tried it at
//! every character, with a Python object for each match, while a walk over the text's code
//! points decides the same thing in one pass. Each function states the pattern it answers
//! for and gives the spans `finditer` gave, backtracking and non-overlapping semantics
//! included (the reasoning is beside each walk); the numbers' scan goes on to read each
//! number and the words around it as numbers.py did with its patterns and str methods.
//! tests/test_native_scans.py compares each with what it replaced.
//!
//! The text is read in CPython's own storage (one, two or four bytes per code point), so
//! offsets are code-point offsets with no conversion, and a lone surrogate, which a
//! Python string may hold, reads as a character of no class, as it does for `regex`.

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::pychars::{code_flags as flags, code_is as has};
use crate::pychars::{ISALNUM, ISDIGIT, ISSPACE, L, LU, M, N, ND, REGEX_SPACE, REGEX_WORD};
use crate::pystr::with_code_points;

#[path = "blocktests.rs"]
mod blocktests; // its own file: the block tests of metadata.py, not a pack's scan
#[path = "literalsearch.rs"]
mod literalsearch; // its own file: a data structure, where the rest are single walks

/// Code point `i` of `s`, as u32.
#[inline]
fn at<T: Copy + Into<u32>>(s: &[T], i: usize) -> u32 {
    s[i].into()
}

/// The first position from `i` whose code point is one a scan looks for: `ascii` decides
/// for ASCII code points, nearly all of a text, without the flag table. A block of 32 code
/// points none of which is non-ASCII or wanted is passed over whole, by a test without a
/// branch per code point that the compiler turns into vector instructions; a block with
/// one is read a code point at a time.
#[inline]
fn next_of<T: Copy + Into<u32>>(
    s: &[T],
    i: usize,
    ascii: impl Fn(u32) -> bool,
    mask: u32,
) -> usize {
    let wanted = |c: u32| if c < 128 { ascii(c) } else { has(c, mask) };
    let mut block = i;
    while block < s.len() {
        let end = (block + 32).min(s.len());
        let stop = s[block..end].iter().fold(false, |stop, &u| {
            let c: u32 = u.into();
            stop | (c >= 128) | ascii(c)
        });
        if stop {
            if let Some(k) = s[block..end].iter().position(|&u| wanted(u.into())) {
                return block + k;
            }
        }
        block = end;
    }
    s.len()
}

const APOSTROPHE: u32 = '’' as u32;

/// Spans of `(?<![\p{L}\p{M}\p{N}’'.-])(?:\p{Lu}\p{M}*){4,}(?![\p{L}\p{M}\p{N}’'-])`.
///
/// The look-behind refuses a start after a capital or a mark, so a match starts a maximal
/// run of capitals and marks, with a capital. The greedy run of capitals can only end where
/// the look-ahead holds: giving back a mark or a capital leaves a mark or a capital next,
/// which the look-ahead refuses; so each maximal run either is a match whole or holds none.
/// A run of four capitals is at least four code points long, so the walk looks at every
/// fourth code point until one is in a run, then finds the run's ends around it.
fn caps_runs<T: Copy + Into<u32>>(s: &[T]) -> Vec<(usize, usize)> {
    let before = |c: u32| has(c, L | M | N) || matches!(c, APOSTROPHE | 0x27 | 0x2e | 0x2d);
    let after = |c: u32| has(c, L | M | N) || matches!(c, APOSTROPHE | 0x27 | 0x2d);
    let in_run = |i: usize| {
        let c = at(s, i);
        if c < 128 {
            (0x41..=0x5a).contains(&c)
        } else {
            has(c, LU | M)
        }
    };
    let mut found = Vec::new();
    // Invariant: no run holds both `i - 1` and `i`.
    let mut i = 0;
    while i + 3 < s.len() {
        if !in_run(i + 3) {
            i += 4;
            continue;
        }
        let mut start = i + 3;
        while start > i && in_run(start - 1) {
            start -= 1;
        }
        let mut end = i + 4;
        while end < s.len() && in_run(end) {
            end += 1;
        }
        i = end;
        let capitals = (start..end).filter(|&k| has(at(s, k), LU)).count();
        if capitals >= 4
            && has(at(s, start), LU)
            && (start == 0 || !before(at(s, start - 1)))
            && (end == s.len() || !after(at(s, end)))
        {
            found.push((start, end));
        }
    }
    found
}

/// Words of four or more capitals standing alone (style.caps_words).
#[pyfunction]
fn caps_words(text: &Bound<'_, PyString>) -> PyResult<Vec<(usize, usize)>> {
    Ok(with_code_points!(text, s => caps_runs(s)))
}

/// The spaces that may group thousands.
fn group_space(c: u32) -> bool {
    matches!(c, 0x20 | 0xa0 | 0x202f | 0x2009)
}

/// Spans of the pattern numbers.py's candidates were searched with:
/// `(?<![\p{L}\p{N}_/@#.,:+])(?<![\p{L}\p{N}]-)\d+(?:(?:[.,]|[ \xa0\u202f\u2009](?=\d{3}(?!\d)))\d+)+`.
///
/// Every `\d+` is greedy and only a separator may follow it, so the match is the longest
/// chain of digit runs joined by separators (a space only before exactly three digits);
/// backtracking into a run leaves a digit next, which nothing accepts. A start inside a run
/// or after a separator fails its look-behind, so only the first digit of a run whose
/// look-behinds hold can start a match.
fn number_spans<T: Copy + Into<u32>>(s: &[T]) -> Vec<(usize, usize)> {
    let digit = |i: usize| i < s.len() && has(at(s, i), ND);
    let run_end = |mut i: usize| {
        while digit(i) {
            i += 1;
        }
        i
    };
    let mut found = Vec::new();
    let mut i = 0;
    loop {
        i = next_of(s, i, |c| (0x30..=0x39).contains(&c), ND);
        if i == s.len() {
            break;
        }
        let allowed = i == 0 || {
            let p = at(s, i - 1);
            !(has(p, L | N) || matches!(p, 0x5f | 0x2f | 0x40 | 0x23 | 0x2e | 0x2c | 0x3a | 0x2b))
                && !(p == 0x2d && i >= 2 && has(at(s, i - 2), L | N))
        };
        let start = i;
        i = run_end(i);
        if !allowed {
            continue;
        }
        let mut end = i;
        while end < s.len() {
            let sep = at(s, end);
            let next = if matches!(sep, 0x2e | 0x2c) && digit(end + 1) {
                run_end(end + 1)
            } else if group_space(sep) && run_end(end + 1) == end + 4 {
                end + 4
            } else {
                break;
            };
            end = next;
        }
        if end > i {
            found.push((start, end));
            i = end;
        }
    }
    found
}

/// What numbers.py makes of a number written the continental way: a decimal comma or
/// thousands grouped by dots or spaces, whether it can be nothing else, and whether its
/// fix is safe.
struct Reading {
    decimal: bool,
    certain: bool,
    safe: bool,
}

/// A narrow or no-break space: grouping with one is deliberate, so its fix is safe.
fn narrow_space(c: u32) -> bool {
    matches!(c, 0xa0 | 0x202f | 0x2009)
}

/// numbers.py's reading of a span that `number_spans` found (digit runs joined by single
/// separators), as the full matches of its three patterns decide it:
/// `(?P<int>\d{1,3}(?:[. spaces]\d{3})+|\d+),(?P<frac>\d+)` (English `1,500` aside: an
/// integer of `str.isdigit` digits only, not `0`, and three or more fraction digits),
/// `[1-9]\d{0,2}(?:\.\d{3})+` and `[1-9]\d{0,2}(?:[spaces]\d{3})+`; None for the rest.
/// (1,500 is English; 12,5000 is neither English nor a likely decimal; 0,125 can only be a
/// decimal.) Dot thousands are certain when there are several groups or they end in `.000`;
/// space thousands always, their fix safe only with a narrow or no-break space.
fn read<T: Copy + Into<u32>>(s: &[T], start: usize, end: usize) -> Option<Reading> {
    // The separators, each with the length of the digit run after it.
    let mut first = 0;
    let mut groups: Vec<(u32, usize)> = Vec::new();
    for i in start..end {
        let c = at(s, i);
        if has(c, ND) {
            match groups.last_mut() {
                Some(group) => group.1 += 1,
                None => first += 1,
            }
        } else {
            groups.push((c, 0));
        }
    }
    let commas = groups.iter().filter(|g| g.0 == 0x2c).count();
    let grouped = |rest: &[(u32, usize)], sep: &dyn Fn(u32) -> bool| {
        (1..=3).contains(&first) && rest.iter().all(|&(c, run)| sep(c) && run == 3)
    };
    if commas == 1 && groups.last().is_some_and(|g| g.0 == 0x2c) {
        let (fraction, integer) = groups.split_last().unwrap();
        if integer.is_empty() {
            // `str.isdigit`, not the pattern's \d: Python's Unicode may not know a newer digit.
            let isdigit = (start..start + first).all(|i| has(at(s, i), ISDIGIT));
            let zero = first == 1 && at(s, start) == 0x30;
            return (!isdigit || zero || fraction.1 < 3).then_some(Reading {
                decimal: true,
                certain: true,
                safe: true,
            });
        }
        return grouped(integer, &|c| c == 0x2e || group_space(c)).then_some(Reading {
            decimal: true,
            certain: true,
            safe: true,
        });
    }
    if !(0x31..=0x39).contains(&at(s, start)) {
        return None;
    }
    if grouped(&groups, &|c| c == 0x2e) {
        let zeros = (end - 3..end).all(|i| at(s, i) == 0x30);
        return Some(Reading {
            decimal: false,
            certain: groups.len() > 1 || zeros,
            safe: true,
        });
    }
    grouped(&groups, &group_space).then(|| Reading {
        decimal: false,
        certain: true,
        safe: groups.iter().any(|g| narrow_space(g.0)),
    })
}

/// Whether a digit (`str.isdigit`) follows `end`, past the group spaces among the next two
/// characters (`text[end:end + 2].strip(spaces)[:1].isdigit()`): more groups, a phone
/// number or a code.
fn more_digits<T: Copy + Into<u32>>(s: &[T], end: usize) -> bool {
    s[end..(end + 2).min(s.len())]
        .iter()
        .map(|&u| u.into())
        .find(|&c| !group_space(c))
        .is_some_and(|c| has(c, ISDIGIT))
}

/// Whether `text[end:end + 20]` starts with ` (?:and|or|to|&) \d+\b(?![.,]\d)`: a list
/// of integers (`3,5 and 7`), the window bounding digits, boundary and look-ahead alike.
fn list_goes_on<T: Copy + Into<u32>>(s: &[T], end: usize) -> bool {
    let w = &s[end..(end + 20).min(s.len())];
    let is = |i: usize, c: u8| i < w.len() && at(w, i) == c as u32;
    if !is(0, b' ') {
        return false;
    }
    const WORDS: [&[u8]; 4] = [b"and", b"or", b"to", b"&"];
    let Some(word) = WORDS
        .iter()
        .find(|word| word.iter().enumerate().all(|(k, &c)| is(1 + k, c)))
    else {
        return false;
    };
    let digits = 2 + word.len();
    if !is(digits - 1, b' ') {
        return false;
    }
    let mut i = digits;
    while i < w.len() && has(at(w, i), ND) {
        i += 1;
    }
    let digit_at = |i: usize| i < w.len() && has(at(w, i), ND);
    i > digits
        && (i == w.len() || !has(at(w, i), REGEX_WORD))
        && !((is(i, b'.') || is(i, b',')) && digit_at(i + 1))
}

/// The words around a number (numbers.py's `Context`): the word before it in the 40
/// characters before (`(?r)([\p{L}.]+)\s*$`), the word after it (`[ \xa0]?([\p{L}%°$€£]+)`)
/// and whether a currency sign is the last thing before it, as offsets and a flag.
fn context<T: Copy + Into<u32>>(
    s: &[T],
    start: usize,
    end: usize,
) -> (usize, usize, usize, usize, bool) {
    let window = start.saturating_sub(40);
    let mut p = start;
    while p > window && has(at(s, p - 1), REGEX_SPACE) {
        p -= 1;
    }
    let mut q = p;
    while q > window && (has(at(s, q - 1), L) || at(s, q - 1) == 0x2e) {
        q -= 1;
    }
    let mut sign = start;
    while sign > window && has(at(s, sign - 1), ISSPACE) {
        sign -= 1;
    }
    let sign_before = sign > window && "$€£¥₺₽₹₴₪".chars().any(|c| c as u32 == at(s, sign - 1));
    let next = |i: usize| {
        i < s.len() && (has(at(s, i), L) || "%°$€£".chars().any(|c| c as u32 == at(s, i)))
    };
    let mut j = end;
    if j < s.len() && matches!(at(s, j), 0x20 | 0xa0) && next(j + 1) {
        j += 1;
    }
    let mut k = j;
    while next(k) {
        k += 1;
    }
    (q, p, j, k, sign_before)
}

/// A number numbers.py reads as continental: span, decimal comma (or thousands), certain,
/// safe fix, the word before and after it (as spans), and a currency sign before it.
type Continental = (
    usize,
    usize,
    bool,
    bool,
    bool,
    usize,
    usize,
    usize,
    usize,
    bool,
);

fn continental_in<T: Copy + Into<u32>>(s: &[T]) -> Vec<Continental> {
    let mut found = Vec::new();
    for (start, end) in number_spans(s) {
        let Some(reading) = read(s, start, end) else {
            continue;
        };
        if more_digits(s, end) || (reading.decimal && list_goes_on(s, end)) {
            continue;
        }
        let (q, p, j, k, sign) = context(s, start, end);
        found.push((
            start,
            end,
            reading.decimal,
            reading.certain,
            reading.safe,
            q,
            p,
            j,
            k,
            sign,
        ));
    }
    found
}

/// The numbers written the continental way, with what numbers.py needs to judge them: found,
/// read, freed of phone numbers, codes and lists, and put in context in one pass.
#[pyfunction]
fn continental_numbers(text: &Bound<'_, PyString>) -> PyResult<Vec<Continental>> {
    Ok(with_code_points!(text, s => continental_in(s)))
}

/// The ends of readability.py's sentence boundaries inside `s[start..end]`: the matches of
/// `[.!?][”’"')]*\K\s+(?=[“‘"'(]?[\p{Lu}\p{N}])` searched with `endpos = end`, as
/// (start, end) of the whitespace. Closing marks and whitespace are greedy and giving any
/// back leaves a mark or a space where the next part needs something else, so each mark
/// either starts the longest match or none.
fn boundaries<T: Copy + Into<u32>>(
    s: &[T],
    start: usize,
    end: usize,
    out: &mut Vec<(usize, usize)>,
) {
    let s = &s[..end];
    let mut i = start;
    loop {
        i = next_of(s, i, |c| matches!(c, 0x2e | 0x21 | 0x3f), 0);
        if i == end {
            break;
        }
        let mut j = i + 1;
        while j < end && matches!(at(s, j), 0x201d | 0x2019 | 0x22 | 0x27 | 0x29) {
            j += 1;
        }
        let space = j;
        while j < end && has(at(s, j), REGEX_SPACE) {
            j += 1;
        }
        let mut k = j;
        if k < end && matches!(at(s, k), 0x201c | 0x2018 | 0x22 | 0x27 | 0x28) {
            k += 1;
        }
        if j > space && k < end && has(at(s, k), LU | N) {
            out.push((space, j));
            i = j;
        } else {
            i += 1;
        }
    }
}

/// Words as readability.py's `word_count` counts them: `str.split()` tokens with a
/// character that `str.isalnum` accepts.
fn word_count<T: Copy + Into<u32>>(s: &[T], start: usize, end: usize) -> usize {
    let mut words = 0;
    let mut in_token = false;
    let mut counted = false;
    for &u in &s[start..end] {
        let f = flags(u.into());
        if f & ISSPACE != 0 {
            in_token = false;
            continue;
        }
        if !in_token {
            in_token = true;
            counted = false;
        }
        if !counted && f & ISALNUM != 0 {
            counted = true;
            words += 1;
        }
    }
    words
}

/// Whether `s[start..end]` has at least `limit` spaces and line breaks: fewer gaps cannot
/// hold more words, which spares the sentence split (readability.py's `_may_exceed`).
fn may_exceed<T: Copy + Into<u32>>(s: &[T], start: usize, end: usize, limit: usize) -> bool {
    s[start..end]
        .iter()
        .filter(|&&u| matches!(u.into(), 0x20 | 0x0a))
        .count()
        >= limit
}

/// readability.py's check over its blocks, given as model.Span integers (start above 32
/// bits, end below them): each block split into sentences and each sentence's words
/// counted, the cheap bound first for both.
fn long_in<T: Copy + Into<u32>>(
    s: &[T],
    blocks: &[u64],
    limit: usize,
) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
    let mut cuts = Vec::new();
    for &span in blocks {
        let block_start = (span >> 32) as usize;
        let block_end = ((span & 0xffff_ffff) as usize).min(s.len());
        if block_start >= block_end || !may_exceed(s, block_start, block_end, limit) {
            continue;
        }
        cuts.clear();
        boundaries(s, block_start, block_end, &mut cuts);
        let mut cursor = block_start;
        let mut sentences: Vec<(usize, usize)> = cuts
            .iter()
            .map(|&(cut_start, cut_end)| {
                let sentence = (cursor, cut_start);
                cursor = cut_end;
                sentence
            })
            .collect();
        if cursor < block_end {
            sentences.push((cursor, block_end));
        }
        for (start, end) in sentences {
            if !may_exceed(s, start, end, limit) {
                continue;
            }
            let words = word_count(s, start, end);
            if words > limit {
                found.push((start, end, words));
            }
        }
    }
    found
}

/// Sentences of more than `limit` words in the given blocks (their `Span`s, which cross
/// as the integers they are: no pair made per paragraph), as (start, end, words).
#[pyfunction]
fn long_sentences(
    text: &Bound<'_, PyString>,
    blocks: Vec<u64>,
    limit: usize,
) -> PyResult<Vec<(usize, usize, usize)>> {
    Ok(with_code_points!(text, s => long_in(s, &blocks, limit)))
}

/// A code point as the `regex` module's IGNORECASE compares it with an ASCII letter: the
/// ASCII capitals, and the three others that match one (`İ` an `i`, long `ſ` an `s`,
/// the Kelvin sign `K` a `k`); any other code point matches no ASCII letter.
#[inline]
fn ascii_folded(cp: u32) -> Option<u8> {
    match cp {
        0x41..=0x5a => Some(cp as u8 + 0x20),
        0..=0x7f => Some(cp as u8),
        0x130 => Some(b'i'),
        0x17f => Some(b's'),
        0x212a => Some(b'k'),
        _ => None,
    }
}

/// Lower-case ASCII words found whole and in any case, as a `regex` pattern
/// `(?i)\b(?:word|…)\b` finds them (speech.py's verbs of speaking): since every word is
/// made of word characters, a match is a whole run of them, so the text is read run by run
/// and each run no longer than the longest word is folded and looked up.
#[pyclass(module = "cleanup._native", frozen)]
struct WordSet {
    words: std::collections::HashSet<Vec<u8>>,
    longest: usize,
}

impl WordSet {
    fn found<T: Copy + Into<u32>>(&self, s: &[T]) -> bool {
        let mut folded = Vec::with_capacity(self.longest);
        let mut i = 0;
        while i < s.len() {
            if !has(at(s, i), REGEX_WORD) {
                i += 1;
                continue;
            }
            let start = i;
            while i < s.len() && has(at(s, i), REGEX_WORD) {
                i += 1;
            }
            if i - start > self.longest {
                continue;
            }
            folded.clear();
            folded.extend(s[start..i].iter().map_while(|&u| ascii_folded(u.into())));
            if folded.len() == i - start && self.words.contains(&folded) {
                return true;
            }
        }
        false
    }
}

#[pymethods]
impl WordSet {
    #[new]
    fn new(words: Vec<String>) -> PyResult<Self> {
        let ok = |w: &String| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii() && has(c as u32, REGEX_WORD) && !c.is_ascii_uppercase())
        };
        if !words.iter().all(ok) {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "words are lower-case ASCII word characters",
            ));
        }
        let longest = words.iter().map(String::len).max().unwrap_or(0);
        Ok(WordSet {
            words: words.into_iter().map(String::into_bytes).collect(),
            longest,
        })
    }

    /// Whether `text` holds one of the words.
    fn found_in(&self, text: &Bound<'_, PyString>) -> PyResult<bool> {
        Ok(with_code_points!(text, s => self.found(s)))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(caps_words, m)?)?;
    m.add_function(wrap_pyfunction!(continental_numbers, m)?)?;
    m.add_function(wrap_pyfunction!(long_sentences, m)?)?;
    m.add_class::<WordSet>()?;
    blocktests::register(m)?;
    literalsearch::register(m)
}
