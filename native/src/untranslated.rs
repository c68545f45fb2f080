//! The untranslated pack's word-by-word passes (cleanup/checks/untranslated.py).
//!
//! Every word of a document is read for a sign of another language: a lower-case word
//! the English dictionary does not know, or a capitalised title of another language. A
//! Python loop over every word was most of the pack's time; here a `Lexicon`, built once
//! per pack's lists, reads the text, remembers its verdict on each word it has seen, and
//! hands Python only the few words and clauses worth showing to lingua (which stays in
//! Python). Words and classes follow the Python patterns they replace, character by
//! character as `pychars` reads them:
//!
//! * a word is `[\p{L}\p{M}]+(?:[’'-][\p{L}\p{M}]+)*`;
//! * a lower-case word starts with `\p{Ll}`, a capitalised one with `\p{Lu}`, neither
//!   after a letter, mark, apostrophe or hyphen;
//! * a clause is words with only `regex`'s white space (`\s`) between them.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Mutex;

use pyo3::prelude::*;

use crate::pychars::{self, is, ISLOWER, ISUPPER, L, LATIN, LL, LT, LU, M, REGEX_SPACE};

/// The Fx hash (rustc's): the tables are keyed by short words, which SipHash, the
/// standard one, spends most of its time setting up for.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().unwrap());
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.write(&[byte]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxBuild = BuildHasherDefault<Fx>;
type Words = HashSet<String, FxBuild>;

/// Endings English words take, with what replaces them: a word is English if what is left is.
const SUFFIXES: &[(&str, &str)] = &[
    ("ies", "y"), ("ied", "y"), ("iest", "y"), ("ier", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
    ("ing", ""), ("ing", "e"), ("ers", ""), ("er", ""), ("er", "e"), ("ists", ""), ("ist", ""), ("ist", "y"),
    ("ism", ""), ("ly", ""), ("ness", ""), ("ment", ""), ("ments", ""), ("able", ""), ("ations", "ate"),
    ("ation", "ate"), ("ated", "ation"), ("ates", ""), ("ate", ""), ("ised", "ized"), ("ise", "ize"),
    ("ising", "izing"), ("isation", "ization"), ("ity", ""), ("al", ""), ("ic", "y"), ("ics", "y"),
    ("man", ""), ("men", ""), ("woman", ""), ("women", ""), ("ive", ""), ("ive", "e"), ("able", "ate"),
    ("ical", "y"), ("ical", "ic"), ("ization", "ize"), ("ize", ""),
];
/// Beginnings English words take.
const PREFIXES: &[&str] = &[
    "un", "re", "de", "dis", "non", "pre", "post", "anti", "over", "under", "mis", "co", "sub", "super",
    "inter", "multi", "self", "auto", "counter", "cross", "mid", "out", "semi", "micro", "mega", "giga", "tera",
    "kilo", "nano", "meta", "ultra", "hydro", "geo", "bio", "eco", "cyber", "tele", "trans", "exo", "quadri",
    "tri", "bi", "poly", "mono", "neo", "pseudo", "proto", "hyper", "hypo", "infra", "intra", "extra",
];
/// The shortest half of a compound word: parts of three letters would let cmudict's many
/// names and syllables through (menu + rut is not "menurut").
const MIN_PART: usize = 4;
/// Shorter unknown words are abbreviations (kph, dpa) more often than foreign.
const MIN_UNKNOWN: usize = 4;
/// A listed title this long also ends longer compounds (Oberbürgermeister).
const MIN_TITLE_STEM: usize = 6;
/// Characters: copy without spaces (Chinese, a URL) is one long word, not worth remembering.
const LONGEST_REMEMBERED: usize = 40;
/// Verdicts remembered per table (about 4 MB at most); a full table starts again.
const REMEMBERED: usize = 1 << 16;

/// Why a lower-case word is suspect, as Python names it.
const NO_CUE: u8 = 0;
const FUNCTION: u8 = 1; // a function word of another language (según, laut)
const LETTERS: u8 = 2; // letters English does not use
const UNKNOWN: u8 = 3; // not in the dictionary, nor built from its words

fn cue_name(cue: u8) -> &'static str {
    ["", "function", "letters", "unknown"][cue as usize]
}

#[inline]
fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        text[i..].chars().next().unwrap()
    }
}

#[inline]
fn joiner(c: char) -> bool {
    matches!(c, '’' | '\'' | '-')
}

/// Where the word whose first letter or mark stands at byte `start` ends (a byte), and its
/// length in characters; nothing at or past `limit` is read, as a Python `endpos`.
fn word_end(text: &str, start: usize, limit: usize) -> (usize, usize) {
    let (mut i, mut n) = (start, 0);
    loop {
        while i < limit {
            let c = char_at(text, i);
            if !is(c, L | M) {
                break;
            }
            i += c.len_utf8();
            n += 1;
        }
        if i < limit {
            let c = char_at(text, i);
            let next = i + c.len_utf8();
            if joiner(c) && next < limit && is(char_at(text, next), L | M) {
                i = next;
                n += 1;
                continue;
            }
        }
        return (i, n);
    }
}

/// A word of a block: its bytes and its code points, half-open.
struct Word {
    bytes: (usize, usize),
    at: (usize, usize),
}

/// The words of text[start..end] (bytes), `first` being the code point at `start`.
fn words_of(text: &str, start: usize, end: usize, first: usize) -> Vec<Word> {
    let (mut i, mut cp, mut found) = (start, first, Vec::new());
    while i < end {
        let c = char_at(text, i);
        if is(c, L | M) {
            let (e, n) = word_end(text, i, end);
            found.push(Word { bytes: (i, e), at: (cp, cp + n) });
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
struct Offsets<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    cp: usize,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str) -> Self {
        Offsets { text, ascii: text.is_ascii(), byte: 0, cp: 0 }
    }

    fn byte(&mut self, cp: usize) -> usize {
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
fn py_isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is(c, ISLOWER | LT) {
            return false;
        }
        cased |= is(c, ISUPPER);
    }
    cased
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(|c| is(c, ISUPPER))
}

/// The spans of a block's `Span` integers (start above 32 bits, end below).
fn span(packed: u64) -> (usize, usize) {
    ((packed >> 32) as usize, (packed & 0xffff_ffff) as usize)
}

/// Verdicts on words seen, by process: copy's words come back story after story.
#[derive(Default)]
struct Memo {
    cues: HashMap<String, u8, FxBuild>,
    titles: HashMap<String, bool, FxBuild>,
}

fn remember<V>(table: &mut HashMap<String, V, FxBuild>, word: &str, verdict: V) {
    if word.len() <= LONGEST_REMEMBERED || word.chars().count() <= LONGEST_REMEMBERED {
        if table.len() >= REMEMBERED {
            table.clear();
        }
        table.insert(word.to_owned(), verdict);
    }
}

/// The English dictionary and one pack's lists, with what was found about each word seen.
#[pyclass(frozen, module = "cleanup._native")]
pub struct Lexicon {
    english: Words,
    /// The longest English word, in characters: no compound has a longer part.
    longest_english: usize,
    /// US spellings of British ones (paediatric), since cmudict is American.
    american: HashMap<String, String, FxBuild>,
    function_words: Words,
    /// Allowed single words, lower case, with straight apostrophes.
    allowed: Words,
    /// Titles of other languages, lower case.
    titles: Words,
    longest_title: usize,
    memo: Mutex<Memo>,
}

impl Lexicon {
    /// Whether a lower-case word is English by the dictionary or by how it is built.
    fn english(&self, word: &str, depth: u32) -> bool {
        if word.contains('’') {
            return self.english(&word.replace('’', "'"), depth);
        }
        let words = &self.english;
        if words.contains(word)
            || word.strip_suffix("'s").is_some_and(|w| words.contains(w))
            || self.american.get(word).is_some_and(|w| words.contains(w))
        {
            return true;
        }
        if word.contains('-') {
            // Capitalised parts are names (de-Sinicization, counter-CCP).
            return word.split('-').filter(|p| !p.is_empty() && !starts_upper(p)).all(|p| self.english(p, depth));
        }
        if depth == 0 {
            return false;
        }
        for &(suffix, replacement) in SUFFIXES {
            if let Some(rest) = word.strip_suffix(suffix) {
                let stem = format!("{rest}{replacement}");
                if stem.chars().count() >= 3 && self.english(&stem, depth - 1) {
                    return true;
                }
            }
        }
        let length = word.chars().count();
        for &prefix in PREFIXES {
            if let Some(rest) = word.strip_prefix(prefix) {
                if length - prefix.len() >= 3 && self.english(rest, depth - 1) {
                    return true;
                }
            }
        }
        // Compounds of two words; only cuts leaving two parts no longer than the longest
        // English word are tried: a 100 KB run of letters costs no more than a word.
        let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).chain([word.len()]).collect();
        let low = MIN_PART.max(length.saturating_sub(self.longest_english));
        let high = (length as isize - MIN_PART as isize).min(self.longest_english as isize);
        (low as isize..=high).any(|i| {
            let cut = bounds[i as usize];
            words.contains(&word[..cut]) && words.contains(&word[cut..])
        })
    }

    /// Why a lower-case word is suspect (NO_CUE if it is not).
    fn cue(&self, word: &str) -> u8 {
        if !word.chars().all(|c| is(c, LATIN | M) || joiner(c)) || word.chars().any(|c| is(c, ISUPPER)) {
            return NO_CUE; // another script is the script rule's; µ is a symbol; eCommerce is a brand
        }
        if self.function_words.contains(word) {
            return FUNCTION;
        }
        if !word.chars().all(|c| c.is_ascii_lowercase() || joiner(c)) {
            return LETTERS;
        }
        if word.chars().count() >= MIN_UNKNOWN && !self.english(word, 2) {
            return UNKNOWN;
        }
        NO_CUE
    }

    fn remembered_cue(&self, word: &str, memo: &mut Memo) -> u8 {
        if let Some(&cue) = memo.cues.get(word) {
            return cue;
        }
        let cue = self.cue(word);
        remember(&mut memo.cues, word, cue);
        cue
    }

    /// A word with a cue, unless it is English or allowed; the dictionary is lower-case
    /// ASCII, so a word it holds has no cue but "function".
    fn worth_a_look(&self, word: &str, memo: &mut Memo) -> u8 {
        if self.english.contains(word) && !self.function_words.contains(word) {
            return NO_CUE;
        }
        self.remembered_cue(word, memo)
    }

    fn allows(&self, word: &str) -> bool {
        self.allowed.contains(&pychars::lower(word).replace('’', "'"))
    }

    /// A listed title, or a compound ending in one that English does not know.
    fn title_word(&self, word: &str) -> bool {
        if !starts_upper(word) {
            return false;
        }
        let lower = pychars::lower(word);
        if self.titles.contains(&lower) {
            return true;
        }
        let bounds: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
        let n = bounds.len();
        (MIN_TITLE_STEM..n.min(self.longest_title + 1)).any(|k| self.titles.contains(&lower[bounds[n - k]..]))
            && !self.english(&lower, 2)
    }

    fn remembered_title(&self, word: &str, memo: &mut Memo) -> bool {
        if let Some(&title) = memo.titles.get(word) {
            return title;
        }
        let title = self.title_word(word);
        remember(&mut memo.titles, word, title);
        title
    }

    /// A capitalised word that English does not know: part of a foreign name (Ağır Ceza Mahkemesi).
    fn foreign_capital(&self, word: &str) -> bool {
        starts_upper(word) && !py_isupper(word) && !self.english(&pychars::lower(word), 2)
    }
}

/// A clause worth lingua's look: its span, its words, and its suspects as
/// (place among the words, start, end, word, cue).
type Clause = (usize, usize, Vec<String>, Vec<(usize, usize, usize, String, &'static str)>);

#[pymethods]
impl Lexicon {
    #[new]
    fn new(english: Words, american: HashMap<String, String, FxBuild>, function_words: Words, allowed: Words,
           titles: Words) -> Self {
        let longest = |words: &Words| words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        Lexicon {
            longest_english: longest(&english),
            longest_title: longest(&titles),
            english,
            american,
            function_words,
            allowed,
            titles,
            memo: Mutex::new(Memo::default()),
        }
    }

    /// The suspect lower-case words of a text, the indexes of the blocks holding them
    /// (blocks starting at `starts`), and whether a capitalised word is a listed title.
    fn screen(&self, text: &str, starts: Vec<i64>) -> (Vec<String>, Vec<usize>, bool) {
        let mut memo = self.memo.lock().unwrap();
        let mut suspects: HashSet<&str, FxBuild> = HashSet::default();
        let mut holding: Vec<usize> = Vec::new();
        let mut titled = false;
        let (mut i, mut cp, mut after_word) = (0, 0, false);
        while i < text.len() {
            let c = char_at(text, i);
            if is(c, LL | LU) && !after_word {
                let (end, n) = word_end(text, i, text.len());
                let word = &text[i..end];
                if is(c, LL) {
                    if self.worth_a_look(word, &mut memo) != NO_CUE && !self.allows(word) {
                        suspects.insert(word);
                        let block = starts.partition_point(|&s| s <= cp as i64).saturating_sub(1);
                        if holding.last() != Some(&block) {
                            holding.push(block);
                        }
                    }
                } else if !titled {
                    titled = self.remembered_title(word, &mut memo);
                }
                (i, cp, after_word) = (end, cp + n, true);
                continue;
            }
            after_word = is(c, L | M) || joiner(c);
            i += c.len_utf8();
            cp += 1;
        }
        (suspects.into_iter().map(str::to_owned).collect(), holding, titled)
    }

    /// The clauses of the blocks (`Span` integers, in text order) holding a word with a cue
    /// other than "function" that is not allowed, with those words: function words alone
    /// are particles of names (de la Cruz).
    fn clauses(&self, text: &str, blocks: Vec<u64>) -> Vec<Clause> {
        let mut memo = self.memo.lock().unwrap();
        let mut offsets = Offsets::new(text);
        let mut found = Vec::new();
        for block in blocks {
            let (start, end) = span(block);
            let (first, last) = (offsets.byte(start), offsets.byte(end));
            let words = words_of(text, first, last, start);
            let mut maybe: HashMap<&str, u8, FxBuild> = HashMap::default();
            for w in &words {
                let word = &text[w.bytes.0..w.bytes.1];
                if !maybe.contains_key(word) && is(char_at(word, 0), ISLOWER) {
                    let cue = self.worth_a_look(word, &mut memo);
                    if cue != NO_CUE {
                        maybe.insert(word, cue);
                    }
                }
            }
            if maybe.values().all(|&cue| cue == FUNCTION) {
                continue;
            }
            let mut k = 0;
            while k < words.len() {
                let mut j = k + 1; // the clause is words[k..j]
                while j < words.len()
                    && text[words[j - 1].bytes.1..words[j].bytes.0].chars().all(|c| is(c, REGEX_SPACE))
                {
                    j += 1;
                }
                let clause = &words[k..j];
                let word = |w: &Word| &text[w.bytes.0..w.bytes.1];
                let suspects: Vec<_> = clause
                    .iter()
                    .enumerate()
                    .filter_map(|(i, w)| {
                        let cue = *maybe.get(word(w))?;
                        (!self.allows(word(w))).then(|| (i, w.at.0, w.at.1, word(w).to_owned(), cue_name(cue)))
                    })
                    .collect();
                if !suspects.is_empty() {
                    let texts = clause.iter().map(|w| word(w).to_owned()).collect();
                    found.push((clause[0].at.0, clause[clause.len() - 1].at.1, texts, suspects));
                }
                k = j;
            }
        }
        found
    }

    /// The spans of foreign titles and the names they stand in, in the blocks given
    /// (`Span` integers, in text order): a title word, the capitalised words before it that
    /// English does not know (Ağır Ceza Mahkemesi), and title words after it (Belediye
    /// Başkanı), each joined to the next by one space.
    fn names(&self, text: &str, blocks: Vec<u64>) -> Vec<(usize, usize)> {
        let mut memo = self.memo.lock().unwrap();
        let mut offsets = Offsets::new(text);
        let mut found = Vec::new();
        for block in blocks {
            let (start, end) = span(block);
            let (first, last) = (offsets.byte(start), offsets.byte(end));
            let words = words_of(text, first, last, start);
            let texts: Vec<&str> = words.iter().map(|w| &text[w.bytes.0..w.bytes.1]).collect();
            let joined = |a: usize, b: usize| &text[words[a].bytes.1..words[b].bytes.0] == " ";
            let titled: Vec<usize> =
                (0..words.len()).filter(|&i| self.remembered_title(texts[i], &mut memo)).collect();
            let mut last: isize = -1;
            for i in titled {
                if i as isize <= last {
                    continue; // already part of the name before
                }
                let (mut a, mut b) = (i, i);
                while a > 0 && joined(a - 1, a) && self.foreign_capital(texts[a - 1]) {
                    a -= 1;
                }
                while b + 1 < words.len() && joined(b, b + 1) && self.remembered_title(texts[b + 1], &mut memo) {
                    b += 1;
                }
                last = b as isize;
                found.push((words[a].at.0, words[b].at.1));
            }
        }
        found
    }

    /// Whether a lower-case word is English by the dictionary or by how it is built.
    #[pyo3(name = "english")]
    fn py_english(&self, word: &str) -> bool {
        self.english(word, 2)
    }

    /// Why a lower-case word is suspect: "", "function", "letters" or "unknown".
    #[pyo3(name = "cue")]
    fn py_cue(&self, word: &str) -> &'static str {
        cue_name(self.cue(word))
    }

    /// Whether a word is a listed title, or a compound ending in one that English does not know.
    #[pyo3(name = "title_word")]
    fn py_title_word(&self, word: &str) -> bool {
        self.title_word(word)
    }

    /// The words whose verdicts are remembered: what the process keeps.
    fn remembered(&self) -> Vec<String> {
        let memo = self.memo.lock().unwrap();
        memo.cues.keys().chain(memo.titles.keys()).cloned().collect()
    }
}

/// Where the first character beyond Latin stands (a code point offset): every letter of
/// another script lies beyond Latin, its diacritics and extensions, and general punctuation,
/// so copy without one needs no closer look for another script.
#[pyfunction]
fn beyond_latin(text: &str) -> Option<usize> {
    text.chars().position(|c| !matches!(c as u32, 0..=0x36f | 0x1e00..=0x1eff | 0x2000..=0x20cf))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Lexicon>()?;
    m.add_function(wrap_pyfunction!(beyond_latin, m)?)?;
    Ok(())
}
