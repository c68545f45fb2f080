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
//!
//! The text is read in place, in CPython's own storage (`pystr`), an index being the
//! code-point offset Python uses: the pack runs last, when a big file's findings are
//! alive, and a UTF-8 copy of a 50 MB document then put the run's peak memory over budget.

mod tables;
mod words;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;
use pyo3::types::{PyFrozenSet, PyString, PyTuple};

use crate::pychars::{
    self, is, COMMON, INHERITED, ISLOWER, ISUPPER, L, LATIN, LL, LU, M, REGEX_SPACE,
};
use crate::pystr::{with_code_points, Ch};
use tables::{FxBuild, Packing, Place, Recent, WordSet, Words};
use words::{
    block_starts, code_flags, has, joiner, letter_flags, py_isupper, screen_word_end, span, spell,
    starts_upper, words_of,
};

/// Endings English words take, with what replaces them: a word is English if what is left is.
#[rustfmt::skip]
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
#[rustfmt::skip]
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

/// Words the screen reads before it looks up their verdicts: the cache lines of a batch
/// are asked for together, so the processor waits for memory about once a batch, not once
/// a word (a document's words are scattered over the table of recent words).
const BATCH: usize = 32;

/// Why a lower-case word is suspect, as Python names it.
const NO_CUE: u8 = 0;
const FUNCTION: u8 = 1; // a function word of another language (según, laut)
const LETTERS: u8 = 2; // letters English does not use
const UNKNOWN: u8 = 3; // not in the dictionary, nor built from its words

fn cue_name(cue: u8) -> &'static str {
    ["", "function", "letters", "unknown"][cue as usize]
}

/// A verdict on a word (`Lexicon::verdict`): a cue in its low bits, and these.
const CUE: u8 = 0b11;
const ALLOWED: u8 = 1 << 2; // a word with a cue the allow list names
const TITLE: u8 = 1 << 3; // a capitalised title

/// The English dictionary: lower-case words, and the US spellings of British ones.
struct English {
    words: WordSet,
    /// The longest word, in characters: no compound has a longer part.
    longest: usize,
    /// US spellings of British ones (paediatric), since cmudict is American.
    american: HashMap<String, String, FxBuild>,
}

/// The English dictionary, built once and shared by every pack's `Lexicon`.
#[pyclass(frozen, module = "cleanup._native")]
pub struct Dictionary(Arc<English>);

#[pymethods]
impl Dictionary {
    #[new]
    fn new(
        words: &Bound<'_, PyFrozenSet>,
        american: HashMap<String, String, FxBuild>,
    ) -> PyResult<Self> {
        let strings: Vec<Bound<'_, PyString>> = words
            .iter()
            .map(|w| w.cast_into::<PyString>().map_err(PyErr::from))
            .collect::<PyResult<_>>()?;
        let texts: Vec<&str> = strings
            .iter()
            .map(|w| w.to_str())
            .collect::<PyResult<_>>()?;
        let words = WordSet::new(texts.len(), texts.iter().copied());
        let longest = words.words().map(|w| w.chars().count()).max().unwrap_or(0);
        Ok(Dictionary(Arc::new(English {
            words,
            longest,
            american,
        })))
    }
}

/// The English dictionary and one pack's lists, with what was found about each word seen.
#[pyclass(frozen, module = "cleanup._native")]
pub struct Lexicon {
    english: Arc<English>,
    function_words: Words,
    /// Allowed single words, lower case, with straight apostrophes.
    allowed: Words,
    /// Titles of other languages, lower case.
    titles: Words,
    longest_title: usize,
    recent: Mutex<Recent>,
}

impl Lexicon {
    /// Whether a lower-case word is English by the dictionary or by how it is built.
    fn english(&self, word: &str, depth: u32) -> bool {
        if word.contains('’') {
            return self.english(&word.replace('’', "'"), depth);
        }
        let words = &self.english.words;
        if words.contains(word)
            || word.strip_suffix("'s").is_some_and(|w| words.contains(w))
            || self
                .english
                .american
                .get(word)
                .is_some_and(|w| words.contains(w))
        {
            return true;
        }
        if word.contains('-') {
            // Capitalised parts are names (de-Sinicization, counter-CCP).
            return word
                .split('-')
                .filter(|p| !p.is_empty() && !starts_upper(p))
                .all(|p| self.english(p, depth));
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
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain([word.len()])
            .collect();
        let longest = self.english.longest;
        let low = MIN_PART.max(length.saturating_sub(longest));
        let high = (length as isize - MIN_PART as isize).min(longest as isize);
        (low as isize..=high).any(|i| {
            let cut = bounds[i as usize];
            words.contains(&word[..cut]) && words.contains(&word[cut..])
        })
    }

    /// Why a lower-case word is suspect (NO_CUE if it is not).
    fn cue(&self, word: &str) -> u8 {
        if !word.chars().all(|c| is(c, LATIN | M) || joiner(c as u32))
            || word.chars().any(|c| is(c, ISUPPER))
        {
            return NO_CUE; // another script is the script rule's; µ is a symbol; eCommerce is a brand
        }
        if self.function_words.contains(word) {
            return FUNCTION;
        }
        if !word
            .chars()
            .all(|c| c.is_ascii_lowercase() || joiner(c as u32))
        {
            return LETTERS;
        }
        if word.chars().count() >= MIN_UNKNOWN && !self.english(word, 2) {
            return UNKNOWN;
        }
        NO_CUE
    }

    /// What a word is: a title if it starts with a capital (\p{Lu}), else its cue unless
    /// English, and whether the allow list names it; the dictionary is lower-case ASCII,
    /// so a word it holds has no cue but "function".
    fn verdict(&self, word: &str) -> u8 {
        if word.chars().next().is_some_and(|c| is(c, LU)) {
            return if self.title_word(word) { TITLE } else { 0 };
        }
        if self.english.words.contains(word) && !self.function_words.contains(word) {
            return NO_CUE;
        }
        let cue = self.cue(word);
        if cue != NO_CUE && self.allows(word) {
            cue | ALLOWED
        } else {
            cue
        }
    }

    /// The verdict on a word, from the cache of recent words if it is there; `buffer`
    /// spells it for the lookups of a word not there.
    #[inline]
    fn recent_verdict<T: Ch>(&self, recent: &mut Recent, word: &[T], buffer: &mut String) -> u8 {
        let place = recent.place(word, Packing::of(word));
        recent.verdict(&place, || self.verdict(spell(word, buffer)))
    }

    fn allows(&self, word: &str) -> bool {
        self.allowed
            .contains(&pychars::lower(word).replace('’', "'"))
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
        (MIN_TITLE_STEM..n.min(self.longest_title + 1))
            .any(|k| self.titles.contains(&lower[bounds[n - k]..]))
            && !self.english(&lower, 2)
    }

    /// A capitalised word that English does not know: part of a foreign name (Ağır Ceza Mahkemesi).
    fn foreign_capital(&self, word: &str) -> bool {
        starts_upper(word) && !py_isupper(word) && !self.english(&pychars::lower(word), 2)
    }
}

/// The passes of `Lexicon`'s methods over a text's code points.
impl Lexicon {
    /// The suspect words, where each stands, and whether a title was seen.
    fn screen_in<T: Ch>(&self, t: &[T]) -> (HashSet<String, FxBuild>, Vec<usize>, bool) {
        let mut suspects: HashSet<String, FxBuild> = HashSet::default();
        let mut places: Vec<usize> = Vec::new();
        let mut titled = false;
        let mut buffer = String::new();
        // Python is not called while the cache is held.
        let mut recent = self.recent.lock().unwrap();
        let mut batch: Vec<(usize, usize, Place)> = Vec::with_capacity(BATCH);
        let (mut i, mut after_word) = (0, false);
        while i < t.len() {
            while i < t.len() && batch.len() < BATCH {
                let c = t[i].code();
                let flags = letter_flags(c);
                if flags & (LL | LU) != 0 && !after_word {
                    let (end, packing) = screen_word_end(t, i);
                    if flags & LL != 0 || !titled {
                        batch.push((i, end, recent.place(&t[i..end], packing)));
                    }
                    (i, after_word) = (end, true);
                    continue;
                }
                after_word = flags & (L | M) != 0 || joiner(c);
                i += 1;
            }
            for (start, end, place) in batch.drain(..) {
                let word = &t[start..end];
                if titled && letter_flags(word[0].code()) & LU != 0 {
                    continue; // a title was seen: capitals tell nothing more
                }
                let verdict = recent.verdict(&place, || self.verdict(spell(word, &mut buffer)));
                if verdict & CUE != NO_CUE && verdict & ALLOWED == 0 {
                    let word = spell(word, &mut buffer);
                    if !suspects.contains(word) {
                        suspects.insert(word.to_owned());
                    }
                    places.push(start);
                }
                titled |= verdict & TITLE != 0;
            }
        }
        (suspects, places, titled)
    }

    fn clauses_in<T: Ch>(&self, t: &[T], blocks: &[u64]) -> Vec<Clause> {
        let mut recent = self.recent.lock().unwrap();
        let mut buffer = String::new();
        let mut found = Vec::new();
        for &block in blocks {
            let (start, end) = span(block, t.len());
            let words = words_of(t, start, end);
            // The verdict of each word that starts in lower case (str.islower), 0 for the others.
            let verdicts: Vec<u8> = words
                .iter()
                .map(|&(s, e)| match has(t[s].code(), ISLOWER) {
                    true => {
                        self.recent_verdict(&mut recent, &t[s..e], &mut buffer) & (CUE | ALLOWED)
                    }
                    false => 0,
                })
                .collect();
            if verdicts
                .iter()
                .all(|&v| v & CUE == NO_CUE || v & CUE == FUNCTION)
            {
                continue;
            }
            let mut k = 0;
            while k < words.len() {
                let mut j = k + 1; // the clause is words[k..j]
                while j < words.len()
                    && t[words[j - 1].1..words[j].0]
                        .iter()
                        .all(|c| has(c.code(), REGEX_SPACE))
                {
                    j += 1;
                }
                let suspects: Vec<_> = (k..j)
                    .filter(|&i| verdicts[i] & CUE != NO_CUE && verdicts[i] & ALLOWED == 0)
                    .map(|i| {
                        let (s, e) = words[i];
                        let word = spell(&t[s..e], &mut buffer).to_owned();
                        (i - k, s, e, word, cue_name(verdicts[i] & CUE))
                    })
                    .collect();
                if !suspects.is_empty() {
                    found.push((words[k].0, words[j - 1].1, suspects));
                }
                k = j;
            }
        }
        found
    }

    fn names_in<T: Ch>(&self, t: &[T], blocks: &[u64]) -> Vec<(usize, usize)> {
        let mut recent = self.recent.lock().unwrap();
        let mut buffer = String::new();
        let mut found = Vec::new();
        for &block in blocks {
            let (start, end) = span(block, t.len());
            let words = words_of(t, start, end);
            let joined = |a: usize, b: usize| {
                let (gap, next) = (words[a].1, words[b].0);
                next == gap + 1 && t[gap].code() == u32::from(b' ')
            };
            // Only a word starting with a capital (str.isupper) may be a title; the verdict
            // is the title's if it starts with \p{Lu}.
            let title: Vec<bool> = words
                .iter()
                .map(|&(s, e)| {
                    let first = t[s].code();
                    if letter_flags(first) & LU != 0 {
                        self.recent_verdict(&mut recent, &t[s..e], &mut buffer) & TITLE != 0
                    } else {
                        has(first, ISUPPER) && self.title_word(spell(&t[s..e], &mut buffer))
                    }
                })
                .collect();
            let mut last: isize = -1;
            for i in (0..words.len()).filter(|&i| title[i]) {
                if i as isize <= last {
                    continue; // already part of the name before
                }
                let (mut a, mut b) = (i, i);
                while a > 0 && joined(a - 1, a) && {
                    let (s, e) = words[a - 1];
                    self.foreign_capital(spell(&t[s..e], &mut buffer))
                } {
                    a -= 1;
                }
                while b + 1 < words.len() && joined(b, b + 1) && title[b + 1] {
                    b += 1;
                }
                last = b as isize;
                found.push((words[a].0, words[b].1));
            }
        }
        found
    }
}

/// A clause worth lingua's look: its span, and its suspects as (place among its words,
/// start, end, word, cue). Its words are spelled only for the few clauses shown to lingua
/// (`clause_words`).
type Clause = (
    usize,
    usize,
    Vec<(usize, usize, usize, String, &'static str)>,
);

#[pymethods]
impl Lexicon {
    #[new]
    fn new(english: &Dictionary, function_words: Words, allowed: Words, titles: Words) -> Self {
        Lexicon {
            english: english.0.clone(),
            longest_title: titles.iter().map(|w| w.chars().count()).max().unwrap_or(0),
            function_words,
            allowed,
            titles,
            recent: Mutex::new(Recent::new()),
        }
    }

    /// The suspect lower-case words of a text, the indexes of the `blocks` holding them
    /// (a document's `Block`s), and whether a capitalised word is a listed title.
    fn screen(
        &self,
        text: &Bound<'_, PyString>,
        blocks: &Bound<'_, PyTuple>,
    ) -> PyResult<(Vec<String>, Vec<usize>, bool)> {
        let (suspects, places, titled) = with_code_points!(text, t => self.screen_in(t));
        let mut holding: Vec<usize> = Vec::new();
        if !places.is_empty() {
            // Document.block_index: the block starting last at or before the place, or the first.
            let starts = block_starts(blocks)?;
            for at in places {
                let block = starts.partition_point(|&s| s <= at).saturating_sub(1);
                if holding.last() != Some(&block) {
                    holding.push(block);
                }
            }
        }
        Ok((suspects.into_iter().collect(), holding, titled))
    }

    /// The clauses of the blocks (`Span` integers, in text order) holding a word with a cue
    /// that is not allowed, with those words, unless all of a block's words with a cue are
    /// function words: they are particles of names (de la Cruz).
    fn clauses(&self, text: &Bound<'_, PyString>, blocks: Vec<u64>) -> PyResult<Vec<Clause>> {
        Ok(with_code_points!(text, t => self.clauses_in(t, &blocks)))
    }

    /// The spans of foreign titles and the names they stand in, in the blocks given
    /// (`Span` integers, in text order): a title word, the capitalised words before it that
    /// English does not know (Ağır Ceza Mahkemesi), and title words after it (Belediye
    /// Başkanı), each joined to the next by one space.
    fn names(&self, text: &Bound<'_, PyString>, blocks: Vec<u64>) -> PyResult<Vec<(usize, usize)>> {
        Ok(with_code_points!(text, t => self.names_in(t, &blocks)))
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
        self.recent.lock().unwrap().words()
    }
}

/// The words of `text[start:end]` (a clause's span), as `Lexicon.clauses` reads them.
#[pyfunction]
fn clause_words(text: &Bound<'_, PyString>, start: usize, end: usize) -> PyResult<Vec<String>> {
    let mut buffer = String::new();
    Ok(with_code_points!(text, t => {
        let (start, end) = (start.min(t.len()), end.min(t.len()));
        words_of(t, start.min(end), end)
            .into_iter()
            .map(|(s, e)| spell(&t[s..e], &mut buffer).to_owned())
            .collect()
    }))
}

/// A letter of a script of its own: neither Latin nor shared by scripts (µ).
#[inline]
fn own_script(c: u32) -> bool {
    c > 0x7f && code_flags(c) & (L | LATIN | COMMON | INHERITED) == L
}

/// What may stand between two letters of a run of another script: `regex`'s white space
/// and punctuation (Arabic's too).
#[inline]
fn within_run(c: u32) -> bool {
    matches!(
        char::from_u32(c),
        Some('-' | '’' | '\'' | '.' | ',' | '،' | '؛')
    ) || has(c, REGEX_SPACE)
}

/// The runs of letters of scripts of their own, with their marks and what stands between
/// their words, as code-point spans: the letters of another script are found where
/// `[\p{L}--[\p{Latin}\p{Common}\p{Inherited}]]` starts a run, which goes on over such
/// letters, marks (\p{M}), and white space or punctuation followed by such a letter.
#[pyfunction]
fn other_scripts(text: &Bound<'_, PyString>) -> PyResult<Vec<(usize, usize)>> {
    Ok(with_code_points!(text, t => script_runs(t)))
}

fn script_runs<T: Ch>(t: &[T]) -> Vec<(usize, usize)> {
    let own = |i: usize| i < t.len() && own_script(t[i].code());
    let Some(mut i) = t.iter().position(|c| own_script(c.code())) else {
        return Vec::new(); // most copy: one look at each character
    };
    let mut runs = Vec::new();
    while i < t.len() {
        i += 1;
        if !own(i - 1) {
            continue;
        }
        let start = i - 1;
        loop {
            while own(i) || (i < t.len() && has(t[i].code(), M)) {
                i += 1;
            }
            let gap = t[i..].iter().take_while(|c| within_run(c.code())).count();
            if gap == 0 || !own(i + gap) {
                break;
            }
            i += gap + 1;
        }
        runs.push((start, i));
    }
    runs
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Dictionary>()?;
    m.add_class::<Lexicon>()?;
    m.add_function(wrap_pyfunction!(other_scripts, m)?)?;
    m.add_function(wrap_pyfunction!(clause_words, m)?)?;
    Ok(())
}
