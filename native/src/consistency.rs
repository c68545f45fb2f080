//! The consistency pack's names (CON001): every capitalised name of a document, and which
//! of them spell one name two ways.
//!
//! A document's names are few, but finding them means reading every character, and the
//! Python scan (a regular expression per stretch, then a loop per run of names) was most
//! of the pack's time. Here one pass reads the text once, as the pack's pattern would:
//!
//! ```text
//! (?<![\p{L}\p{M}\p{N}’'.-])(?:(?:al|el|ad|an|ar|as|ash|at|az|ul|d|l)[-’'])?   a particle
//! \p{Lu}[\p{L}\p{M}]*(?:[-’'][\p{L}\p{M}]+)*                                  a name
//! ```
//!
//! with names one space apart read as a run (Abdel al-Razek), whose neighbours make the
//! two-word forms. Forms are compared by a skeleton (`skeleton`), and long ones one edit
//! apart are paired too; only then, and only for the forms found inconsistent, is the text
//! read again for where each is written, so that an archive's every name is never held.
//! Characters are read through `pychars`, as Python and the `regex` module read them, in
//! the Python string's own storage (`pystr`): an index is a code-point offset.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

use pyo3::prelude::*;
use pyo3::types::PyString;
use rapidfuzz::distance::levenshtein;

use crate::pychars::{self, code_flags, is, ISALPHA, ISLOWER, L, LL, LU, M, N, REGEX_WORD};
use crate::pystr::{with_code_points, Ch};

#[path = "consistency_fold.rs"]
mod fold_table;

/// Shorter skeletons (Iran, Iraq, Mr) are never paired.
const MIN_SKELETON: usize = 4;
/// Skeletons at least this long may differ by one further edit...
const MIN_FUZZY: usize = 7;
/// ...and, this long, in the first letter (Chapovalov; never Kolomyia and Solomiya).
const MIN_FUZZY_FIRST: usize = 9;
/// Lower-case particles written before a name and joined to it (al-Assad, d’Estaing).
const PARTICLES: [&str; 12] = [
    "al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ul", "d", "l",
];
/// Spellings that transliterations swap freely, applied in this order.
const TRANSLIT: [(&str, &str); 8] = [
    ("ee", "i"),
    ("ou", "u"),
    ("oo", "u"),
    ("kh", "h"),
    ("tz", "ts"),
    ("ph", "f"),
    ("w", "v"),
    ("y", "i"),
];

/// The right single quotation mark, an apostrophe in copy (O’Brien, Erdoğan’s).
const APOSTROPHE: u32 = '’' as u32;
const SPACE: u32 = ' ' as u32;

/// A hyphen or apostrophe inside a name (Al-Khatib, O’Brien).
fn separator(c: u32) -> bool {
    c == b'-' as u32 || c == b'\'' as u32 || c == APOSTROPHE
}

thread_local! {
    /// The flags of characters beyond ASCII lately read, by their last six bits (a code
    /// point of 0, never looked up, marks a slot empty): copy repeats a few such characters
    /// (quotation marks, dashes, a language's letters), and `pychars` finds each by a
    /// binary search of its table.
    static SEEN: [std::cell::Cell<(u32, u32)>; 64] =
        const { [const { std::cell::Cell::new((0, 0)) }; 64] };
}

/// Whether a character beyond ASCII has any of the flags in `mask`, as `pychars` says.
#[inline]
fn beyond_ascii_is(c: u32, mask: u32) -> bool {
    SEEN.with(|seen| {
        let slot = &seen[(c & 63) as usize];
        let (known, flags) = slot.get();
        if known == c {
            return flags & mask != 0;
        }
        let flags = code_flags(c);
        slot.set((c, flags));
        flags & mask != 0
    })
}

/// What a name's letters are: `regex`'s \p{L} and \p{M}.
#[inline]
fn letter(c: u32) -> bool {
    if c < 0x80 {
        (c as u8).is_ascii_alphabetic()
    } else {
        beyond_ascii_is(c, L | M)
    }
}

/// A name's first letter: `regex`'s \p{Lu}.
#[inline]
fn capital(c: u32) -> bool {
    if c < 0x80 {
        (c as u8).is_ascii_uppercase()
    } else {
        beyond_ascii_is(c, LU)
    }
}

/// What may not stand before a name or its particle: a name never starts inside a word,
/// a number or an abbreviation.
fn joined(c: u32) -> bool {
    if c < 0x80 {
        let b = c as u8;
        b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'.' | b'-')
    } else {
        c == APOSTROPHE || beyond_ascii_is(c, L | M | N)
    }
}

/// Whether the text holds the ASCII `pattern` at `i`.
#[inline]
fn holds_at<T: Ch>(t: &[T], i: usize, pattern: &[u8]) -> bool {
    t.len() >= i + pattern.len()
        && pattern
            .iter()
            .zip(&t[i..])
            .all(|(&p, u)| u.code() == p as u32)
}

/// The code point at `i`, if the text goes that far.
#[inline]
fn at<T: Ch>(t: &[T], i: usize) -> Option<u32> {
    t.get(i).map(|u| u.code())
}

/// Where the first name of a run begins, given its capital at `capital`: there, or at a
/// particle joined to it; None when the capital stands inside a word.
fn behind<T: Ch>(t: &[T], capital: usize) -> Option<usize> {
    let Some(c) = capital.checked_sub(1).map(|i| t[i].code()) else {
        return Some(capital);
    };
    if !joined(c) {
        return Some(capital);
    }
    if !separator(c) {
        return None;
    }
    let end = capital - 1;
    PARTICLES
        .iter()
        .filter(|p| end >= p.len() && holds_at(t, end - p.len(), p.as_bytes()))
        .find_map(|p| {
            let start = end - p.len();
            (!start.checked_sub(1).is_some_and(|i| joined(t[i].code()))).then_some(start)
        })
}

/// The end of a name's letters from `i`: [\p{L}\p{M}]*(?:[-’'][\p{L}\p{M}]+)*
fn letters<T: Ch>(t: &[T], mut i: usize) -> usize {
    loop {
        while at(t, i).is_some_and(letter) {
            i += 1;
        }
        match (at(t, i), at(t, i + 1)) {
            (Some(s), Some(c)) if separator(s) && letter(c) => i += 1,
            _ => return i,
        }
    }
}

/// The end of a name begun at `i` (a capital then letters), or None.
fn name_from<T: Ch>(t: &[T], i: usize) -> Option<usize> {
    at(t, i).filter(|&c| capital(c)).map(|_| letters(t, i + 1))
}

/// The end of the run whose first capital is at `capital`: names one space apart, each
/// after an optional particle.
fn run_end<T: Ch>(t: &[T], capital: usize) -> usize {
    let mut end = name_from(t, capital).expect("a run starts at a capital");
    while at(t, end) == Some(SPACE) {
        let next = end + 1;
        // A capital next is most common; a particle begins with a lower-case ASCII letter.
        let particle = at(t, next)
            .is_some_and(|c| c.wrapping_sub(b'a' as u32) < 26)
            .then(|| {
                PARTICLES.iter().find_map(|p| {
                    let after = next + p.len();
                    (holds_at(t, next, p.as_bytes()) && at(t, after).is_some_and(separator))
                        .then_some(after + 1)
                })
            })
            .flatten();
        match particle
            .and_then(|k| name_from(t, k))
            .or_else(|| name_from(t, next))
        {
            Some(e) => end = e,
            None => break,
        }
    }
    end
}

/// Whether a code point may begin a name: an ASCII capital, or anything beyond ASCII.
#[inline]
fn may_begin_name(c: u32) -> bool {
    c.wrapping_sub(b'A' as u32) < 26 || c >= 0x80
}

/// Each run of names, as the span of code points it covers (its particle included).
fn runs<T: Ch>(t: &[T], mut each: impl FnMut(usize, usize)) {
    let mut i = 0;
    loop {
        // Most characters are ASCII and not capitals: passed over sixteen at a time, by a
        // test without branches that the compiler makes vector comparisons, whose mask
        // tells where the first that may begin a name stands.
        while let Some(chunk) = t.get(i..i + 16) {
            let mask = chunk.iter().enumerate().fold(0u32, |mask, (k, u)| {
                mask | u32::from(may_begin_name(u.code())) << k
            });
            if mask != 0 {
                i += mask.trailing_zeros() as usize;
                break;
            }
            i += 16;
        }
        while at(t, i).is_some_and(|c| !may_begin_name(c)) {
            i += 1;
        }
        let Some(c) = at(t, i) else { return };
        if capital(c) {
            if let Some(start) = behind(t, i) {
                let end = run_end(t, i);
                each(start, end);
                i = end;
                continue;
            }
        }
        i += 1;
    }
}

/// Python's islower() of a code point.
#[inline]
fn is_lower(c: u32) -> bool {
    if c < 0x80 {
        (c as u8).is_ascii_lowercase()
    } else {
        beyond_ascii_is(c, ISLOWER)
    }
}

/// The name in a token, without a possessive; None for acronyms and shouting (NATO, ANKARA).
fn name<T: Ch>(token: &[T]) -> Option<&[T]> {
    let possessive = token.len() >= 2
        && matches!(token[token.len() - 2].code(), c if c == APOSTROPHE || c == b'\'' as u32)
        && token[token.len() - 1].code() == b's' as u32;
    let bare = if possessive {
        &token[..token.len() - 2]
    } else {
        token
    };
    bare.iter().any(|u| is_lower(u.code())).then_some(bare)
}

/// A name's lower case, as Python gives it, into `out` (`chars` a buffer for names beyond
/// ASCII, whose capital sigma reads its neighbours).
fn lower_into<T: Ch>(word: &[T], chars: &mut String, out: &mut String) {
    out.clear();
    if word.iter().all(|u| u.code() < 0x80) {
        out.extend(
            word.iter()
                .map(|u| (u.code() as u8).to_ascii_lowercase() as char),
        );
        return;
    }
    chars.clear();
    // A name is letters, marks, hyphens and apostrophes: never half a character.
    chars.extend(
        word.iter()
            .map(|u| char::from_u32(u.code()).expect("a character")),
    );
    out.push_str(&pychars::lower(chars));
}

/// Buffers for a run's forms, kept from run to run.
#[derive(Default)]
struct Keys {
    chars: String,
    name: String,
    previous: String,
    pair: String,
}

/// The names of the run t[start..end], and its two-word names (Abdel Razek) where a name
/// follows one without a possessive: each form by its lower case, its code-point span,
/// and whether it is a two-word form.
///
/// A two-word form's lower case is its words' joined by a space: the space, neither cased
/// nor case-ignorable, ends what Python's lower() reads around a capital sigma.
fn occurrences<T: Ch>(
    t: &[T],
    (start, end): (usize, usize),
    keys: &mut Keys,
    each: &mut impl FnMut(&str, usize, usize, bool),
) {
    let mut before: Option<(usize, bool)> = None; // the previous token's start, and whether it is a name whole
    let mut from = start;
    for token in t[start..end].split(|u| u.code() == SPACE) {
        let found = name(token);
        if let Some(found) = found {
            let stop = from + found.len();
            lower_into(found, &mut keys.chars, &mut keys.name);
            each(&keys.name, from, stop, false);
            if let Some((first, true)) = before {
                keys.pair.clear();
                keys.pair.push_str(&keys.previous);
                keys.pair.push(' ');
                keys.pair.push_str(&keys.name);
                each(&keys.pair, first, stop, true);
            }
        }
        let whole = found.is_some_and(|found| found.len() == token.len());
        if whole {
            std::mem::swap(&mut keys.previous, &mut keys.name);
        }
        before = Some((from, whole));
        from += token.len() + 1;
    }
}

/// Every form written in the text, in order, as `occurrences` gives them.
fn every_occurrence<T: Ch>(
    t: &[T],
    keys: &mut Keys,
    mut each: impl FnMut(&str, usize, usize, bool),
) {
    runs(t, |start, end| {
        occurrences(t, (start, end), keys, &mut each)
    });
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
struct Hashed(u64);

impl Hasher for Hashed {
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 hashes are hashed")
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Rustc's Fx hash of a string, begun from a random key: forms are a few bytes, which
/// SipHash spends most of its time setting up for, and the random start keeps a crafted
/// text from making its names share a hash (and the look-ups a walk of them all).
#[derive(Clone, Copy)]
struct Keyed(u64);

impl Keyed {
    fn new() -> Self {
        Keyed(RandomState::new().hash_one(0u64))
    }

    fn hash(self, s: &str) -> u64 {
        let step = |h: u64, word: u64| {
            (h ^ word)
                .wrapping_mul(0xf135_7aea_2e62_a9c5)
                .rotate_left(26)
        };
        let bytes = s.as_bytes();
        let mut chunks = bytes.chunks_exact(8);
        let h = (&mut chunks).fold(self.0 ^ bytes.len() as u64, |h, c| {
            step(h, u64::from_le_bytes(c.try_into().expect("eight bytes")))
        });
        // The last bytes read as two overlapping halves, or three bytes that cover a short
        // rest, never copied out one by one: with the length hashed, every string differs.
        let rest = chunks.remainder();
        let n = rest.len();
        let last = match n {
            0 => 0,
            1..=3 => {
                u64::from(rest[0]) | u64::from(rest[n / 2]) << 8 | u64::from(rest[n - 1]) << 16
            }
            _ => {
                let half = |i: usize| {
                    u64::from(u32::from_le_bytes(
                        rest[i..i + 4].try_into().expect("four bytes"),
                    ))
                };
                half(0) | half(n - 4) << 32
            }
        };
        step(h, last)
    }
}

/// Distinct strings in the order first given, each held once: a document's forms are
/// mostly new, and a set beside a list would hash and copy each twice.
struct Distinct {
    key: Keyed,
    items: Strings,
    /// The last item with each hash, and before each item the previous one with its hash.
    last: HashMap<u64, usize, BuildHasherDefault<Hashed>>,
    before: Vec<usize>,
}

impl Default for Distinct {
    fn default() -> Self {
        Distinct {
            key: Keyed::new(),
            items: Strings::default(),
            last: HashMap::default(),
            before: Vec::new(),
        }
    }
}

impl Distinct {
    /// Emptied for the next document, its buffers kept.
    fn clear(&mut self) {
        self.items.text.clear();
        self.items.ends.clear();
        self.last.clear();
        self.before.clear();
    }

    /// The index of `key`, if held, and its hash.
    fn find(&self, key: &str) -> (Option<usize>, u64) {
        let hash = self.key.hash(key);
        let mut at = self.last.get(&hash).copied().unwrap_or(usize::MAX);
        while at != usize::MAX {
            if self.items.get(at) == key {
                return (Some(at), hash);
            }
            at = self.before[at];
        }
        (None, hash)
    }

    /// The index of `key`, added if new, and whether it was new.
    fn add(&mut self, key: &str) -> (usize, bool) {
        let (found, hash) = self.find(key);
        if let Some(at) = found {
            return (at, false);
        }
        let head = self.last.get(&hash).copied().unwrap_or(usize::MAX);
        let added = self.items.push(key);
        self.before.push(head);
        self.last.insert(hash, added);
        (added, true)
    }
}

/// Strings kept end to end in one buffer, a document's forms or skeletons: one
/// allocation for them all, not one each.
#[derive(Default)]
struct Strings {
    text: String,
    ends: Vec<usize>,
}

impl Strings {
    fn push(&mut self, s: &str) -> usize {
        self.text.push_str(s);
        self.ends.push(self.text.len());
        self.ends.len() - 1
    }

    #[inline]
    fn get(&self, i: usize) -> &str {
        &self.text[if i == 0 { 0 } else { self.ends[i - 1] }..self.ends[i]]
    }
}

/// Buffers one document's judging fills, kept for the next document the thread judges: a
/// story's forms and skeletons would otherwise take some eighty small allocations, a good
/// part of the judging once the other checks have filled the allocator's lists.
#[derive(Default)]
struct Scratch {
    keys: Keys,
    /// The distinct forms by lower case: on a 50 MB archive a list of every name would
    /// hold more than the text.
    forms: Distinct,
    /// Whether each distinct form is a two-word one.
    pair_of: Vec<bool>,
    /// The forms' indices, one-word forms first, each kind in the order first written.
    order: Vec<usize>,
    skeletons: Distinct,
    /// The first form (by `order`) with each distinct skeleton, and each form's skeleton.
    first_with: Vec<usize>,
    skeleton_of: Vec<usize>,
    folded: Vec<u8>,
    candidates: Vec<(usize, usize)>,
    long: Vec<usize>,
    close: Close,
    parent: Vec<usize>,
    size: Vec<usize>,
    group_of: Vec<usize>,
    slot: Vec<usize>,
}

/// Texts longer than this (in code points) leave no buffers behind: an archive's would
/// hold megabytes for the stories after it.
const KEPT_SCRATCH: usize = 1 << 20;

thread_local! {
    static SCRATCH: std::cell::Cell<Option<Box<Scratch>>> = const { std::cell::Cell::new(None) };
}

impl Scratch {
    /// Runs `f`, for a text of `length` code points, with the thread's buffers: taken out
    /// meanwhile, so that a call made inside this one (the dictionary is a Python set)
    /// gets new ones rather than these.
    fn with<R>(length: usize, f: impl FnOnce(&mut Scratch) -> R) -> R {
        let mut scratch = SCRATCH.take().unwrap_or_default();
        let result = f(&mut scratch);
        if length <= KEPT_SCRATCH {
            SCRATCH.set(Some(scratch));
        }
        result
    }

    /// Reads every form of the text into `forms`, `pair_of` and `order`; returns how many
    /// are one-word forms.
    fn read_forms<T: Ch>(&mut self, t: &[T]) -> usize {
        let (forms, pair_of) = (&mut self.forms, &mut self.pair_of);
        forms.clear();
        pair_of.clear();
        every_occurrence(t, &mut self.keys, |key, _, _, pair| {
            if forms.add(key).1 {
                pair_of.push(pair);
            }
        });
        self.order.clear();
        self.order
            .extend((0..pair_of.len()).filter(|&i| !pair_of[i]));
        let singles = self.order.len();
        self.order
            .extend((0..pair_of.len()).filter(|&i| pair_of[i]));
        singles
    }

    /// The skeleton of the form `i` in `order`.
    fn skeleton(&self, i: usize) -> &str {
        self.skeletons.items.get(self.skeleton_of[i])
    }

    /// Each form's skeleton into `skeletons` and `skeleton_of`, and as candidates each form
    /// with the first form of the same skeleton.
    fn read_skeletons(&mut self) {
        self.skeletons.clear();
        self.first_with.clear();
        self.skeleton_of.clear();
        self.candidates.clear();
        for i in 0..self.order.len() {
            let form = self.forms.items.get(self.order[i]);
            skeleton_into(form, &mut self.folded);
            let made = std::str::from_utf8(&self.folded).expect("characters");
            let (k, new) = self.skeletons.add(made);
            if new {
                self.first_with.push(i);
            } else {
                self.candidates.push((self.first_with[k], i));
            }
            self.skeleton_of.push(k);
        }
    }

    /// As candidates too, one-word forms of long skeletons one edit apart.
    fn read_close(&mut self, singles: usize) {
        self.long.clear();
        for i in 0..singles {
            if self.skeleton(i).chars().count() >= MIN_FUZZY - 1 {
                self.long.push(i);
            }
        }
        let (skeletons, skeleton_of, long) = (&self.skeletons, &self.skeleton_of, &self.long);
        let pairs = self
            .close
            .find(long.len(), |k| skeletons.items.get(skeleton_of[long[k]]));
        self.candidates
            .extend(pairs.iter().map(|&(a, b)| (long[a], long[b])));
    }
}

/// Where every form (by lower case) is written, possessive ending excluded, in order: the
/// scan as the test compares it with the exact name pattern.
#[pyfunction]
fn name_spans(text: &Bound<'_, PyString>) -> PyResult<HashMap<String, Vec<(usize, usize)>>> {
    Ok(with_code_points!(text, t => spans_in(t)))
}

fn spans_in<T: Ch>(t: &[T]) -> HashMap<String, Vec<(usize, usize)>> {
    let mut found: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    every_occurrence(t, &mut Keys::default(), |key, start, end, _| {
        match found.get_mut(key) {
            Some(spans) => spans.push((start, end)),
            None => {
                found.insert(key.to_string(), vec![(start, end)]);
            }
        }
    });
    found
}

/// What one character of a lower-cased word becomes: Python's NFKD, letters kept, marks
/// dropped (native/gen_fold.py), Hangul syllables decomposed by arithmetic.
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        if c.is_ascii_alphabetic() {
            out.push(c);
        }
        return;
    }
    let cp = c as u32;
    if (0xAC00..=0xD7A3).contains(&cp) {
        let s = cp - 0xAC00;
        let jamo = [0x1100 + s / 588, 0x1161 + (s % 588) / 28, 0x11A7 + s % 28];
        let keep = if jamo[2] == 0x11A7 { 2 } else { 3 };
        out.extend(jamo[..keep].iter().filter_map(|&j| char::from_u32(j)));
        return;
    }
    match fold_table::FOLD.binary_search_by_key(&cp, |&(k, _)| k) {
        Ok(i) => out.push_str(fold_table::FOLD[i].1),
        Err(_) if is(c, ISALPHA) => out.push(c),
        Err(_) => {}
    }
}

/// Lower case without diacritics, hyphens, apostrophes or spaces (Sarıkaya: sarikaya).
#[pyfunction]
pub fn fold(word: &str) -> String {
    let mut out = Vec::new();
    fold_into(word, &mut out);
    String::from_utf8(out).expect("characters")
}

fn fold_into(word: &str, out: &mut Vec<u8>) {
    out.clear();
    if word.is_ascii() {
        out.extend(
            word.bytes()
                .filter(u8::is_ascii_alphabetic)
                .map(|b| b.to_ascii_lowercase()),
        );
        return;
    }
    let mut folded = String::new();
    pychars::lower(word)
        .chars()
        .for_each(|c| fold_char(c, &mut folded));
    out.extend_from_slice(folded.as_bytes());
}

/// For each byte, the TRANSLIT spellings (by bit) that begin with it.
const BEGINS: [u32; 256] = {
    let mut begins = [0; 256];
    let mut k = 0;
    while k < TRANSLIT.len() {
        begins[TRANSLIT[k].0.as_bytes()[0] as usize] |= 1 << k;
        k += 1;
    }
    begins
};

/// The TRANSLIT spellings (by bit) whose replacement may make a later one where it was
/// not (kh made h after a p makes ph): a letter of the replacement is in a later spelling.
const MAKES_LATER: u32 = {
    let mut makes = 0;
    let mut k = 0;
    while k < TRANSLIT.len() {
        let new = TRANSLIT[k].1.as_bytes();
        let mut j = k + 1;
        while j < TRANSLIT.len() {
            let old = TRANSLIT[j].0.as_bytes();
            let (mut a, mut b) = (0, 0);
            while a < new.len() {
                while b < old.len() {
                    if new[a] == old[b] {
                        makes |= 1 << k;
                    }
                    b += 1;
                }
                a += 1;
                b = 0;
            }
            j += 1;
        }
        k += 1;
    }
    makes
};

/// For each byte, the two-letter TRANSLIT spellings (by bit) that end with it, and the
/// one-letter ones, which need no second.
const ENDS: [u32; 256] = {
    let mut ends = [0; 256];
    let mut k = 0;
    while k < TRANSLIT.len() {
        let old = TRANSLIT[k].0.as_bytes();
        if old.len() == 2 {
            ends[old[1] as usize] |= 1 << k;
        }
        k += 1;
    }
    ends
};
const SINGLE: u32 = {
    let mut single = 0;
    let mut k = 0;
    while k < TRANSLIT.len() {
        if TRANSLIT[k].0.len() == 1 {
            single |= 1 << k;
        }
        k += 1;
    }
    single
};

/// Which of TRANSLIT's spellings (by bit) a folded name holds: a spelling stands at a byte
/// that begins it, before a byte that ends it or none needed. Read without branches, as
/// letters that begin a spelling (e, o, t) are most of a name.
fn spellings(s: &[u8]) -> u32 {
    let next = s.iter().skip(1).chain([&0]);
    s.iter().zip(next).fold(0, |present, (&b, &n)| {
        present | BEGINS[b as usize] & (SINGLE | ENDS[n as usize])
    })
}

/// What is left of a name once transliteration choices are evened out: folded, the
/// swapped spellings made one, doubled letters single (Zelenskyy and Zelensky: zelenski).
#[pyfunction]
pub fn skeleton(word: &str) -> String {
    let mut s = Vec::new();
    skeleton_into(word, &mut s);
    String::from_utf8(s).expect("characters")
}

/// `skeleton`, made in `s` as UTF-8.
fn skeleton_into(word: &str, s: &mut Vec<u8>) {
    fold_into(word, s);
    // The spellings are ASCII, whose bytes never stand inside another character's: they are
    // replaced in the bytes, each left to right as str.replace does. Which are present is
    // read in one pass, and again only after a replacement that may make a later one. A
    // spelling a replacement took away leaves a pass that replaces nothing.
    let mut present = spellings(s);
    for (k, (old, new)) in TRANSLIT.iter().enumerate() {
        let (old, new) = (old.as_bytes(), new.as_bytes());
        if present & (1 << k) == 0 {
            continue;
        }
        let (mut read, mut write) = (0, 0);
        while read < s.len() {
            if holds_at(s, read, old) {
                s[write..write + new.len()].copy_from_slice(new);
                (read, write) = (read + old.len(), write + new.len());
            } else {
                s[write] = s[read];
                (read, write) = (read + 1, write + 1);
            }
        }
        s.truncate(write);
        if MAKES_LATER & (1 << k) != 0 {
            present = spellings(s);
        }
    }
    // Doubled letters made single: by bytes in ASCII, by characters beyond it.
    if s.is_ascii() {
        s.dedup();
        return;
    }
    let mut last = None;
    let single: String = std::str::from_utf8(s)
        .expect("ASCII replaced by ASCII")
        .chars()
        .filter(|&c| last.replace(c) != Some(c))
        .collect();
    s.clear();
    s.extend_from_slice(single.as_bytes());
}

/// Whether two words are at most one edit (Levenshtein: insert, delete or substitute one
/// code point) apart, by rapidfuzz's bounded distance.
fn within_one_edit(a: &str, b: &str) -> bool {
    levenshtein::distance_with_args(
        a.chars(),
        b.chars(),
        &levenshtein::Args::default().score_cutoff(1),
    )
    .is_some()
}

/// A word's first three letters (`first`) or last three, as one number (21 bits a letter).
fn three(word: &str, first: bool) -> u64 {
    let pack = |key: u64, c: char| key << 21 | c as u64;
    if first {
        word.chars().take(3).fold(0, pack)
    } else {
        word.chars().rev().take(3).fold(0, pack)
    }
}

/// A group of forms, as where each is written.
type Groups = Vec<Vec<(usize, usize)>>;

/// Buffers for finding words one edit apart, kept from document to document.
#[derive(Default)]
struct Close {
    lengths: Vec<usize>,
    by_part: Vec<(u64, usize)>,
    pairs: Vec<(usize, usize)>,
}

impl Close {
    /// Index pairs (i < j), in order, of the `n` words (`word(i)`), of six letters or more,
    /// at most one edit apart.
    ///
    /// One edit leaves the first half or the last half of both words as it was, and half
    /// of six letters is three: only words that begin or end with the same three letters
    /// are compared, where comparing every pair grows with the square of a document's
    /// names. Words whose lengths differ by two or more are never one edit apart, and are
    /// not compared.
    fn find<'w>(&mut self, n: usize, word: impl Fn(usize) -> &'w str) -> &[(usize, usize)] {
        self.lengths.clear();
        self.lengths.extend((0..n).map(|i| word(i).chars().count()));
        self.pairs.clear();
        for first in [true, false] {
            self.by_part.clear();
            self.by_part
                .extend((0..n).map(|i| (three(word(i), first), i)));
            self.by_part.sort_unstable();
            for same in self.by_part.chunk_by(|x, y| x.0 == y.0) {
                for (k, &(_, i)) in same.iter().enumerate() {
                    let close = same[k + 1..].iter().filter(|&&(_, j)| {
                        self.lengths[i].abs_diff(self.lengths[j]) < 2
                            && within_one_edit(word(i), word(j))
                    });
                    self.pairs.extend(close.map(|&(_, j)| (i.min(j), i.max(j))));
                }
            }
        }
        self.pairs.sort_unstable();
        self.pairs.dedup();
        &self.pairs
    }
}

/// `Close::find`, for the test that checks it against rapidfuzz's edit distance.
#[pyfunction]
fn one_edit_apart(words: Vec<String>) -> Vec<(usize, usize)> {
    Close::default().find(words.len(), |i| &words[i]).to_vec()
}

/// The pack's settings and the dictionary, for judging which forms spell one name.
#[pyclass(frozen)]
struct NameJudge {
    /// English words (a Python set): two of them are never variants (Austria, Australia).
    words: Py<PyAny>,
    /// Endings that make a different word of a name (Petrov, Petrova).
    suffixes: HashSet<String>,
    /// Pairs of names never paired (Shanxi, Shaanxi), each in order: a handful, compared
    /// in place rather than copied into a key.
    distinct: Vec<(String, String)>,
}

impl NameJudge {
    /// Whether two forms (by lower case), with skeletons sa and sb, spell one name.
    fn variants(&self, py: Python<'_>, a: &str, b: &str, sa: &str, sb: &str) -> PyResult<bool> {
        let ordered = if a <= b { (a, b) } else { (b, a) };
        if self
            .distinct
            .iter()
            .any(|(x, y)| (x.as_str(), y.as_str()) == ordered)
        {
            return Ok(false);
        }
        if a.contains(' ') || b.contains(' ') {
            // Two words against one is a spacing variant only (Abdel Razek, Abdelrazek): John
            // Smith and Joan Smith are two people.
            return Ok(a.contains(' ') != b.contains(' ') && sa == sb);
        }
        let (la, lb) = (sa.chars().count(), sb.chars().count());
        if la.min(lb) < MIN_SKELETON {
            return Ok(false);
        }
        let words = self.words.bind(py);
        if words.contains(a)? && words.contains(b)? {
            return Ok(false); // two real words: Austria and Australia, Philip and Phillip
        }
        let (short, long) = if lb < la { (sb, sa) } else { (sa, sb) };
        if long.starts_with(short) && self.suffixes.contains(&long[short.len()..]) {
            return Ok(false); // Petrov and Petrova, Serb and Serbs
        }
        if sa == sb {
            return Ok(true);
        }
        let longest = la.max(lb);
        if longest < MIN_FUZZY
            || (sa.chars().next() != sb.chars().next() && longest < MIN_FUZZY_FIRST)
        {
            return Ok(false);
        }
        Ok(within_one_edit(sa, sb))
    }

    /// `clusters` on the text's code points, with the thread's buffers.
    fn clusters_in<T: Ch>(
        &self,
        py: Python<'_>,
        t: &[T],
        scratch: &mut Scratch,
    ) -> PyResult<Vec<Groups>> {
        let singles = scratch.read_forms(t);
        scratch.read_skeletons();
        scratch.read_close(singles);
        if scratch.candidates.is_empty() {
            return Ok(Vec::new());
        }
        let n = scratch.order.len();
        let s = &mut *scratch;
        s.parent.clear();
        s.parent.extend(0..n);
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        for k in 0..s.candidates.len() {
            let (i, j) = s.candidates[k];
            let (ri, rj) = (root(&mut s.parent, i), root(&mut s.parent, j));
            if ri != rj {
                let (a, b) = (s.forms.items.get(s.order[i]), s.forms.items.get(s.order[j]));
                let (sa, sb) = (
                    s.skeletons.items.get(s.skeleton_of[i]),
                    s.skeletons.items.get(s.skeleton_of[j]),
                );
                if self.variants(py, a, b, sa, sb)? {
                    s.parent[ri] = rj;
                }
            }
        }
        // Groups by their first form: a root's group is made when its first member comes,
        // and only for roots of more than one form.
        for i in 0..n {
            let r = root(&mut s.parent, i);
            s.parent[i] = r;
        }
        s.size.clear();
        s.size.resize(n, 0);
        s.parent.iter().for_each(|&r| s.size[r] += 1);
        s.group_of.clear();
        s.group_of.resize(n, usize::MAX);
        // Each grouped form's place among the spans, by its index in `forms`.
        s.slot.clear();
        s.slot.resize(n, usize::MAX);
        let mut members: Vec<Vec<usize>> = Vec::new();
        let mut spans: Vec<Vec<(usize, usize)>> = Vec::new();
        for i in 0..n {
            let r = s.parent[i];
            if s.size[r] < 2 {
                continue;
            }
            if s.group_of[r] == usize::MAX {
                s.group_of[r] = members.len();
                members.push(Vec::with_capacity(s.size[r]));
            }
            members[s.group_of[r]].push(spans.len());
            s.slot[s.order[i]] = spans.len();
            spans.push(Vec::new());
        }
        // Where the grouped forms are written: the text read again, for these few, so that
        // an archive's every name is never held. A form's lower case begins as its first
        // word does: runs none of whose words begins with a grouped form's first letter
        // (ASCII, either case) are passed over unread.
        let firsts =
            (0..n)
                .filter(|&i| s.slot[s.order[i]] != usize::MAX)
                .fold(0u32, |firsts, i| {
                    match s.forms.items.get(s.order[i]).as_bytes()[0] {
                        c if c.is_ascii_lowercase() => firsts | 1 << (c - b'a'),
                        _ => u32::MAX, // beyond ASCII: every run is read
                    }
                });
        let (forms, slot, keys) = (&s.forms, &s.slot, &mut s.keys);
        let mut each = |key: &str, start, end, _| {
            if let (Some(f), _) = forms.find(key) {
                if let Some(spans) = spans.get_mut(slot[f]) {
                    spans.push((start, end));
                }
            }
        };
        runs(t, |start, end| {
            let begins = |word: &[T]| match word.first().map(|u| u.code()) {
                Some(c) if c < 0x80 && (c as u8).is_ascii_alphabetic() => {
                    firsts & 1 << ((c as u8).to_ascii_lowercase() - b'a') != 0
                }
                _ => true,
            };
            if t[start..end].split(|u| u.code() == SPACE).any(begins) {
                occurrences(t, (start, end), keys, &mut each);
            }
        });
        Ok(members
            .into_iter()
            .map(|group| {
                let mut group: Vec<Vec<(usize, usize)>> = group
                    .into_iter()
                    .map(|k| std::mem::take(&mut spans[k]))
                    .collect();
                group.sort_by_key(|spans| (std::cmp::Reverse(spans.len()), spans[0].0));
                group
            })
            .collect())
    }
}

#[pymethods]
impl NameJudge {
    #[new]
    fn new(words: Py<PyAny>, suffixes: HashSet<String>, distinct: Vec<(String, String)>) -> Self {
        let distinct = distinct
            .into_iter()
            .map(|(a, b)| if a <= b { (a, b) } else { (b, a) })
            .collect();
        NameJudge {
            words,
            suffixes,
            distinct,
        }
    }

    /// Groups of the text's forms that spell one name, in the order of their first form (by
    /// first written, one-word forms before two-word ones): for each form, where it is
    /// written (code-point spans in order, possessive excluded), the form written most
    /// often first (of two as often, the one written first).
    ///
    /// Only pairs worth judging are judged: equal skeletons, and long one-word ones one
    /// edit apart (of two names one edit apart, only the longer needs MIN_FUZZY letters:
    /// Karhan, Karahan).
    fn clusters(&self, py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<Vec<Groups>> {
        let length = text.len()?;
        Scratch::with(
            length,
            |scratch| with_code_points!(text, t => self.clusters_in(py, t, scratch)),
        )
    }
}

/// Which hits of the US/UK word list (code-point start, word), in order, stand in the text as
/// whole lower-case words (CON002): as `regex` matches
///
/// ```text
/// (?<![\p{L}\p{M}’'])\p{Ll}+(?![\p{L}\p{M}]|[’'](?!s\b)\p{L})
/// ```
///
/// at the hit's start, ending where the word ends: not inside a word, capitalised or
/// elided, though a possessive ’s may follow. The indices of those hits.
#[pyfunction]
fn lower_words(
    text: &Bound<'_, PyString>,
    hits: Vec<(usize, Bound<'_, PyString>)>,
) -> PyResult<Vec<usize>> {
    // Only each word's length is read: the words are not copied.
    let hits = hits
        .iter()
        .map(|(start, word)| Ok((*start, word.len()?)))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(with_code_points!(text, t => whole_lower_words(t, &hits)))
}

/// `lower_words` on the text's code points, for hits as (start, length).
fn whole_lower_words<T: Ch>(t: &[T], hits: &[(usize, usize)]) -> Vec<usize> {
    let elided = |c: u32| c == APOSTROPHE || c == b'\'' as u32;
    let small = |c: u32| {
        if c < 0x80 {
            (c as u8).is_ascii_lowercase()
        } else {
            beyond_ascii_is(c, LL)
        }
    };
    let mut kept = Vec::new();
    for (k, &(start, length)) in hits.iter().enumerate() {
        if start >= t.len() {
            break;
        }
        if start.checked_sub(1).is_some_and(|i| {
            let c = t[i].code();
            letter(c) || elided(c)
        }) {
            continue;
        }
        let end = start + t[start..].iter().take_while(|u| small(u.code())).count();
        if end == start || end - start != length {
            continue;
        }
        let whole = match (at(t, end), at(t, end + 1), at(t, end + 2)) {
            (Some(c), _, _) if letter(c) => false,
            (Some(c), Some(s), next) if elided(c) && s == b's' as u32 => {
                next.is_none_or(|n| code_flags(n) & REGEX_WORD == 0)
            }
            // After an apostrophe a letter (\p{L}, not a mark) makes an elision.
            (Some(c), Some(next), _) if elided(c) => {
                !(next < 0x80 && (next as u8).is_ascii_alphabetic()
                    || next >= 0x80 && beyond_ascii_is(next, L))
            }
            _ => true,
        };
        if whole {
            kept.push(k);
        }
    }
    kept
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(name_spans, m)?)?;
    m.add_function(wrap_pyfunction!(fold, m)?)?;
    m.add_function(wrap_pyfunction!(skeleton, m)?)?;
    m.add_function(wrap_pyfunction!(one_edit_apart, m)?)?;
    m.add_function(wrap_pyfunction!(lower_words, m)?)?;
    m.add_class::<NameJudge>()?;
    Ok(())
}
