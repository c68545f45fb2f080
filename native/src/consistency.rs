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
//! Characters are read through `pychars`, as Python and the `regex` module read them.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

use pyo3::prelude::*;
use pyo3::types::PyString;
use rapidfuzz::distance::levenshtein;

use crate::pychars::{self, is, ISALPHA, ISLOWER, L, LL, LU, M, N, REGEX_WORD};
use crate::pystr::with_utf8;

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

/// A hyphen or apostrophe inside a name (Al-Khatib, O’Brien).
fn separator(c: char) -> bool {
    matches!(c, '-' | '’' | '\'')
}

/// What a name's letters are: `regex`'s \p{L} and \p{M}.
#[inline]
fn letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        is(c, L | M)
    }
}

/// A name's first letter: `regex`'s \p{Lu}.
#[inline]
fn capital(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        is(c, LU)
    }
}

/// What may not stand before a name or its particle: a name never starts inside a word,
/// a number or an abbreviation.
fn joined(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '\'' | '.' | '-')
    } else {
        c == '’' || is(c, L | M | N)
    }
}

/// Whether `bytes` holds `pattern` at `i`, compared byte by byte: the patterns here are a
/// few bytes, for which a call to memcmp costs more than the comparison.
#[inline]
fn holds_at(bytes: &[u8], i: usize, pattern: &[u8]) -> bool {
    bytes.len() >= i + pattern.len() && pattern.iter().zip(&bytes[i..]).all(|(a, b)| a == b)
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// Where the first name of a run begins, given its capital at byte `at`: there, or at a
/// particle joined to it; None when the capital stands inside a word.
fn behind(text: &str, at: usize) -> Option<usize> {
    let head = &text[..at];
    let Some(c) = head.chars().next_back() else {
        return Some(at);
    };
    if !joined(c) {
        return Some(at);
    }
    if !separator(c) {
        return None;
    }
    let head = &head[..at - c.len_utf8()];
    PARTICLES
        .iter()
        .filter(|p| head.ends_with(*p))
        .find_map(|p| {
            let start = head.len() - p.len();
            (!head[..start].chars().next_back().is_some_and(joined)).then_some(start)
        })
}

/// The end of a name's letters from byte `i`: [\p{L}\p{M}]*(?:[-’'][\p{L}\p{M}]+)*
fn letters(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        loop {
            match bytes.get(i) {
                Some(b) if b.is_ascii_alphabetic() => i += 1,
                Some(&b) if b >= 0x80 => match char_at(text, i).filter(|&c| letter(c)) {
                    Some(c) => i += c.len_utf8(),
                    None => break,
                },
                _ => break,
            }
        }
        let mut next = text[i..].chars();
        match (next.next(), next.next()) {
            (Some(s), Some(c)) if separator(s) && letter(c) => i += s.len_utf8(),
            _ => return i,
        }
    }
}

/// The end of a name begun at byte `i` (a capital then letters), or None.
fn name_from(text: &str, i: usize) -> Option<usize> {
    char_at(text, i)
        .filter(|&c| capital(c))
        .map(|c| letters(text, i + c.len_utf8()))
}

/// The end of the run whose first capital is at byte `at`: names one space apart, each
/// after an optional particle.
fn run_end(text: &str, at: usize) -> usize {
    let mut end = name_from(text, at).expect("a run starts at a capital");
    while text[end..].starts_with(' ') {
        let next = end + 1;
        // A capital next is most common; a particle begins with a lower-case ASCII letter.
        let particle = text
            .as_bytes()
            .get(next)
            .is_some_and(u8::is_ascii_lowercase)
            .then(|| {
                PARTICLES.iter().find_map(|p| {
                    let after = next + p.len();
                    (holds_at(text.as_bytes(), next, p.as_bytes())
                        && char_at(text, after).is_some_and(separator))
                    .then(|| after + char_at(text, after).map_or(0, char::len_utf8))
                })
            })
            .flatten();
        match particle
            .and_then(|k| name_from(text, k))
            .or_else(|| name_from(text, next))
        {
            Some(e) => end = e,
            None => break,
        }
    }
    end
}

/// Whether any of eight bytes is an ASCII capital or part of a character beyond ASCII.
#[inline]
fn may_begin_name(bytes: u64) -> bool {
    const EACH: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low = bytes & !HIGH; // no sum below carries into the next byte
    let from_a = low + EACH * (0x80 - b'A' as u64); // high bit set where a byte is 'A' or above
    let past_z = low + EACH * (0x80 - b'Z' as u64 - 1); // ... where it is above 'Z'
    ((from_a & !past_z) | bytes) & HIGH != 0
}

/// Each run of names, with the code-point offset where it starts (its particle included).
fn runs(text: &str, mut each: impl FnMut(&str, usize)) {
    let bytes = text.as_bytes();
    let (mut at, mut index) = (0, 0); // a byte offset and the same offset in code points
    loop {
        // Most characters are ASCII and not capitals: passed over eight bytes at a time.
        let from = at;
        while let Some(eight) = bytes.get(at..at + 8) {
            if may_begin_name(u64::from_le_bytes(eight.try_into().expect("eight bytes"))) {
                break;
            }
            at += 8;
        }
        while at < bytes.len() && bytes[at] < 0x80 && !bytes[at].is_ascii_uppercase() {
            at += 1;
        }
        index += at - from;
        let Some(c) = char_at(text, at) else { return };
        if capital(c) {
            if let Some(start) = behind(text, at) {
                let end = run_end(text, at);
                each(&text[start..end], index - text[start..at].chars().count());
                index += text[at..end].chars().count();
                at = end;
                continue;
            }
        }
        at += c.len_utf8();
        index += 1;
    }
}

/// The name in a token, without a possessive; None for acronyms and shouting (NATO, ANKARA).
fn name(token: &str) -> Option<&str> {
    let bare = token
        .strip_suffix("’s")
        .or_else(|| token.strip_suffix("'s"))
        .unwrap_or(token);
    bare.chars().any(|c| is(c, ISLOWER)).then_some(bare)
}

/// `text` in lower case, as Python gives it, into `out`.
fn lower_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.extend(text.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        out.push_str(&pychars::lower(text));
    }
}

/// Buffers for a run's forms, kept from run to run.
#[derive(Default)]
struct Keys {
    name: String,
    previous: String,
    pair: String,
}

/// The names of a run starting at code point `start`, and its two-word names (Abdel Razek)
/// where a name follows one without a possessive: each form by its lower case, its
/// code-point span, and whether it is a two-word form.
///
/// A two-word form's lower case is its words' joined by a space: the space, neither cased
/// nor case-ignorable, ends what Python's lower() reads around a capital sigma.
fn occurrences(
    run: &str,
    start: usize,
    keys: &mut Keys,
    each: &mut impl FnMut(&str, usize, usize, bool),
) {
    let mut before: Option<(usize, bool)> = None; // the previous token's start, and whether it is a name whole
    let mut at = start;
    for token in run.split(' ') {
        let length = token.chars().count();
        let found = name(token);
        if let Some(found) = found {
            let end = at + found.chars().count();
            lower_into(found, &mut keys.name);
            each(&keys.name, at, end, false);
            if let Some((first, true)) = before {
                keys.pair.clear();
                keys.pair.push_str(&keys.previous);
                keys.pair.push(' ');
                keys.pair.push_str(&keys.name);
                each(&keys.pair, first, end, true);
            }
        }
        let whole = found.is_some_and(|found| found.len() == token.len());
        if whole {
            std::mem::swap(&mut keys.previous, &mut keys.name);
        }
        before = Some((at, whole));
        at += length + 1;
    }
}

/// Every form written in the text, in order, as `occurrences` gives them.
fn every_occurrence(text: &str, mut each: impl FnMut(&str, usize, usize, bool)) {
    let mut keys = Keys::default();
    runs(text, |run, start| {
        occurrences(run, start, &mut keys, &mut each)
    });
}

/// A hasher for keys that are already hashes (SipHash, with the process's random keys).
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

/// Distinct strings in the order first given, each held once: a document's forms are
/// mostly new, and a set beside a list would hash and copy each twice.
struct Distinct {
    state: RandomState,
    items: Strings,
    /// The last item with each hash, and before each item the previous one with its hash.
    last: HashMap<u64, usize, BuildHasherDefault<Hashed>>,
    before: Vec<usize>,
}

impl Distinct {
    fn new() -> Self {
        let capacity = 64; // a story's forms, most often
        Distinct {
            state: RandomState::new(),
            items: Strings::default(),
            last: HashMap::with_capacity_and_hasher(capacity, Default::default()),
            before: Vec::with_capacity(capacity),
        }
    }

    /// The index of `key`, added if new, and whether it was new.
    fn add(&mut self, key: &str) -> (usize, bool) {
        let hash = self.state.hash_one(key);
        let head = self.last.get(&hash).copied().unwrap_or(usize::MAX);
        let mut at = head;
        while at != usize::MAX {
            if self.items.get(at) == key {
                return (at, false);
            }
            at = self.before[at];
        }
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

    fn get(&self, i: usize) -> &str {
        &self.text[if i == 0 { 0 } else { self.ends[i - 1] }..self.ends[i]]
    }
}

/// Every form by its lower case, one-word forms first, each in the order first written,
/// and how many are one-word forms. Only the distinct forms are kept: on a 50 MB archive a
/// list of every name would hold more than the text.
fn forms(text: &str) -> (Strings, Vec<usize>, usize) {
    let (mut seen, mut pair_of) = (Distinct::new(), Vec::new());
    every_occurrence(text, |key, _, _, pair| {
        if seen.add(key).1 {
            pair_of.push(pair);
        }
    });
    let mut order: Vec<usize> = (0..pair_of.len()).collect();
    order.sort_by_key(|&i| pair_of[i]); // stable: each kind stays in the order first written
    let singles = pair_of.iter().filter(|&&pair| !pair).count();
    (seen.items, order, singles)
}

/// Where each wanted form (by lower case; every form if None) is written, possessive
/// ending excluded, in order.
#[pyfunction]
#[pyo3(signature = (text, wanted=None))]
fn name_spans(
    text: &Bound<'_, PyString>,
    wanted: Option<HashSet<String>>,
) -> PyResult<HashMap<String, Vec<(usize, usize)>>> {
    with_utf8(text, |text| {
        let mut found: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        every_occurrence(text, |key, start, end, _| {
            if wanted.as_ref().is_none_or(|w| w.contains(key)) {
                match found.get_mut(key) {
                    Some(spans) => spans.push((start, end)),
                    None => {
                        found.insert(key.to_string(), vec![(start, end)]);
                    }
                }
            }
        });
        found
    })
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

/// Which of TRANSLIT's spellings (by bit) a folded name holds.
fn spellings(s: &[u8]) -> u32 {
    let mut present = 0;
    for (i, &b) in s.iter().enumerate() {
        let mut begun = BEGINS[b as usize];
        while begun != 0 {
            let k = begun.trailing_zeros();
            begun &= begun - 1;
            let old = TRANSLIT[k as usize].0.as_bytes();
            if old.len() == 1 || s.get(i + 1) == Some(&old[1]) {
                present |= 1 << k;
            }
        }
    }
    present
}

/// What is left of a name once transliteration choices are evened out: folded, the
/// swapped spellings made one, doubled letters single (Zelenskyy and Zelensky: zelenski).
#[pyfunction]
pub fn skeleton(word: &str) -> String {
    let mut skeletons = Strings::default();
    skeleton_into(word, &mut Vec::new(), &mut skeletons);
    skeletons.text
}

/// `skeleton`, made in `scratch` and kept in `skeletons`.
fn skeleton_into(word: &str, scratch: &mut Vec<u8>, skeletons: &mut Strings) {
    fold_into(word, scratch);
    let s = scratch;
    // The spellings are ASCII, whose bytes never stand inside another character's: they are
    // replaced in the bytes, each left to right as str.replace does. Which are present is
    // read in one pass, again after a replacement (kh made h can make ph).
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
        present = spellings(s);
    }
    // Doubled letters made single: by bytes in ASCII, by characters beyond it.
    if s.is_ascii() {
        s.dedup();
    }
    let s = std::str::from_utf8(s).expect("ASCII replaced by ASCII");
    if s.is_ascii() {
        skeletons.push(s);
        return;
    }
    let mut last = None;
    skeletons.push(
        &s.chars()
            .filter(|&c| last.replace(c) != Some(c))
            .collect::<String>(),
    );
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

/// A word's first three letters (`first`) or last three.
fn three(word: &str, first: bool) -> &str {
    if first {
        word.char_indices().nth(3).map_or(word, |(i, _)| &word[..i])
    } else {
        word.char_indices()
            .rev()
            .nth(2)
            .map_or(word, |(i, _)| &word[i..])
    }
}

/// Index pairs (i < j), in order, of words of six letters or more at most one edit apart.
///
/// One edit leaves the first half or the last half of both words as it was, and half of
/// six letters is three: only words that begin or end with the same three letters are
/// compared, where comparing every pair grows with the square of a document's names.
fn close_pairs(words: &[&str]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for first in [true, false] {
        let mut by_part: Vec<(&str, usize)> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (three(w, first), i))
            .collect();
        by_part.sort_unstable();
        for same in by_part.chunk_by(|x, y| x.0 == y.0) {
            for (k, &(_, i)) in same.iter().enumerate() {
                let close = same[k + 1..]
                    .iter()
                    .filter(|&&(_, j)| within_one_edit(words[i], words[j]));
                pairs.extend(close.map(|&(_, j)| (i.min(j), i.max(j))));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// `close_pairs`, for the test that checks it against rapidfuzz's edit distance.
#[pyfunction]
fn one_edit_apart(words: Vec<String>) -> Vec<(usize, usize)> {
    close_pairs(&words.iter().map(String::as_str).collect::<Vec<_>>())
}

/// The pack's settings and the dictionary, for judging which forms spell one name.
#[pyclass(frozen)]
struct NameJudge {
    /// English words (a Python set): two of them are never variants (Austria, Australia).
    words: Py<PyAny>,
    /// Endings that make a different word of a name (Petrov, Petrova).
    suffixes: HashSet<String>,
    /// Pairs of names never paired (Shanxi, Shaanxi), each in order.
    distinct: HashSet<(String, String)>,
}

impl NameJudge {
    /// Whether two forms (by lower case), with skeletons sa and sb, spell one name.
    fn variants(&self, py: Python<'_>, a: &str, b: &str, sa: &str, sb: &str) -> PyResult<bool> {
        let ordered = if a <= b { (a, b) } else { (b, a) };
        if self
            .distinct
            .contains(&(ordered.0.to_string(), ordered.1.to_string()))
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

    /// Groups of the text's forms (by lower case) that spell one name, each in the order
    /// first written (one-word forms before two-word ones), in the order of their first form.
    ///
    /// Only pairs worth judging are judged: equal skeletons, and long one-word ones one
    /// edit apart (of two names one edit apart, only the longer needs MIN_FUZZY letters:
    /// Karhan, Karahan).
    fn clusters(&self, py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<Vec<Vec<String>>> {
        with_utf8(text, |text| {
            let (found, order, singles) = forms(text);
            let forms: Vec<&str> = order.iter().map(|&i| found.get(i)).collect();
            let (mut scratch, mut made) = (Vec::new(), Strings::default());
            forms
                .iter()
                .for_each(|form| skeleton_into(form, &mut scratch, &mut made));
            let skeletons: Vec<&str> = (0..forms.len()).map(|i| made.get(i)).collect();
            let mut first: HashMap<&str, usize> = HashMap::with_capacity(skeletons.len());
            let mut candidates: Vec<(usize, usize)> = Vec::new();
            for (i, s) in skeletons.iter().enumerate() {
                let known = *first.entry(s).or_insert(i);
                if known != i {
                    candidates.push((known, i));
                }
            }
            let long: Vec<usize> = (0..singles)
                .filter(|&i| skeletons[i].chars().count() >= MIN_FUZZY - 1)
                .collect();
            let words: Vec<&str> = long.iter().map(|&i| skeletons[i]).collect();
            candidates.extend(
                close_pairs(&words)
                    .into_iter()
                    .map(|(a, b)| (long[a], long[b])),
            );
            if candidates.is_empty() {
                return Ok(Vec::new());
            }
            let mut parent: Vec<usize> = (0..forms.len()).collect();
            fn root(parent: &mut [usize], mut i: usize) -> usize {
                while parent[i] != i {
                    parent[i] = parent[parent[i]];
                    i = parent[i];
                }
                i
            }
            for (i, j) in candidates {
                let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                if ri != rj && self.variants(py, forms[i], forms[j], skeletons[i], skeletons[j])? {
                    parent[ri] = rj;
                }
            }
            // Groups by their first form: a root's group is made when its first member comes.
            let mut groups: Vec<Vec<String>> = Vec::new();
            let mut group_of: HashMap<usize, usize> = HashMap::new();
            for (i, form) in forms.iter().enumerate() {
                let r = root(&mut parent, i);
                let g = *group_of.entry(r).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                groups[g].push(form.to_string());
            }
            groups.retain(|g| g.len() > 1);
            Ok(groups)
        })?
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
fn lower_words(text: &Bound<'_, PyString>, hits: Vec<(usize, String)>) -> PyResult<Vec<usize>> {
    with_utf8(text, |text| {
        let mut kept = Vec::new();
        let (mut at, mut index) = (0, 0); // a byte offset and the same offset in code points
        for (k, (start, word)) in hits.iter().enumerate() {
            while index < *start {
                let Some(c) = char_at(text, at) else {
                    return kept;
                };
                (at, index) = (at + c.len_utf8(), index + 1);
            }
            let elided = |c: char| c == '’' || c == '\'';
            if text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| letter(c) || elided(c))
            {
                continue;
            }
            let mut after = text[at..].chars().peekable();
            let mut length = 0;
            while after.next_if(|&c| is(c, LL)).is_some() {
                length += 1;
            }
            if length == 0 || length != word.chars().count() {
                continue;
            }
            let whole = match (after.next(), after.next(), after.next()) {
                (Some(c), _, _) if letter(c) => false,
                (Some(c), Some('s'), next) if elided(c) => !next.is_some_and(|n| is(n, REGEX_WORD)),
                (Some(c), Some(next), _) if elided(c) => !letter(next),
                _ => true,
            };
            if whole {
                kept.push(k);
            }
        }
        kept
    })
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
