//! The duplicate pack's search for repeated sentences (rules DUP001 and DUP002).
//!
//! A wire archive can be tens of megabytes of sentences, most of them repeats; in Python
//! the search cost an interpreter step per word and a process-wide vocabulary to keep that
//! step small. Here each document's words are read once: a word is known by a 64-bit hash
//! of its text (as Python's search knew word pairs and sentences by theirs: two different
//! ones share a hash about once in 10^19), so reading needs no table of words and keeps
//! eight bytes a content word and eight a sentence.
//!
//! Words are what Python's `re` finds with `[^\W_]+` in the sentence lower-cased by
//! `str.lower` (characters read as `pychars` reads them), read in CPython's own storage of
//! the text; sentences are split as the document pass's scanner splits them, in the same
//! pass over a paragraph that reads their words.
//! Verbatim repeats are sentences with equal words; near repeats are sentences whose
//! content words (function words left out, stemmed) mostly occur in one earlier sentence
//! sharing a content-word pair with them, ranked by the pairs they share.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use pyo3::buffer::PyBuffer;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString, PyTuple};

use crate::document::sentences;
use crate::pychars;
use crate::pystr::{with_code_points, Ch};

pub fn register(m: &Bound<PyModule>) -> PyResult<()> {
    m.add_class::<RepeatSearch>()
}

/// A fast multiplicative hash (rustc's FxHash) for the tables keyed by hashes and sentence
/// numbers: SipHash would cost more than the rest of a word's reading.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(n as u64)
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n)
            .wrapping_mul(0xf135_7aea_2e62_a9c5)
            .rotate_left(26);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

// ---- Reading a document's words -----------------------------------------------------------

/// The high and low halves of a 128-bit product, folded: the mixing step of wyhash.
fn fold(a: u64, b: u64) -> u64 {
    let r = a as u128 * b as u128;
    r as u64 ^ (r >> 64) as u64
}

const SEEDS: [u64; 3] = [
    0xa076_1d64_78bd_642f,
    0xe703_7ed1_a0b4_28db,
    0x8ebc_6af0_9c88_c6e3,
];

/// A word's (or stem's) 64-bit hash, of its first `n` bytes in `buf`, which holds at least
/// eight: most words fit in eight bytes, read as one number (no letter or digit has a zero
/// byte in UTF-8, so the number alone tells the word) and mixed once; a longer one is read
/// eight bytes at a time, the last eight overlapping what came before, as wyhash reads them.
#[inline]
fn hash_text(buf: &[u8], n: usize) -> u64 {
    let word = |at: usize| u64::from_le_bytes(buf[at..at + 8].try_into().unwrap());
    if n <= 8 {
        return hash_short(word(0), n);
    }
    let mut h = fold(SEEDS[2] ^ n as u64, SEEDS[1]);
    let mut at = 0;
    while at + 8 < n {
        h = fold(h ^ word(at), SEEDS[2]);
        at += 8;
    }
    fold(h ^ word(n - 8), SEEDS[1])
}

/// The hash of a text of `n` bytes, at most eight, from its buffer's first eight bytes read
/// as one number: a short word and its stem are hashed from one read.
#[inline]
fn hash_short(first: u64, n: usize) -> u64 {
    let mask = ((1u128 << (8 * n)) - 1) as u64;
    fold(first & mask ^ SEEDS[0], SEEDS[1])
}

/// Letters and digits below 128 lowered, as `str.lower` lowers them; 0 for anything else,
/// which only separates words.
static ASCII_WORD: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut c = 0;
    while c < 128 {
        if (c as u8).is_ascii_alphanumeric() {
            table[c] = (c as u8).to_ascii_lowercase();
        }
        c += 1;
    }
    table
};

/// The word being read: its lower-cased UTF-8 is the first `len` bytes of a buffer kept
/// eight bytes longer (so that `hash_text` reads a short word as one number), `continuing`
/// of them continue a character (the rest each start one). Reading a letter only stores it,
/// and these two numbers, apart from the buffer, stay in registers meanwhile.
#[derive(Clone, Copy, Default)]
struct Word {
    len: usize,
    continuing: usize,
}

impl Word {
    /// An ASCII letter or digit, lowered.
    #[inline]
    fn push_ascii(&mut self, buf: &mut Vec<u8>, b: u8) {
        if self.len + 9 > buf.len() {
            buf.resize(2 * buf.len(), 0);
        }
        buf[self.len] = b;
        self.len += 1;
    }

    fn push(&mut self, buf: &mut Vec<u8>, c: char) {
        let mut bytes = [0; 4];
        let bytes = c.encode_utf8(&mut bytes).as_bytes();
        if self.len + bytes.len() + 8 > buf.len() {
            buf.resize(2 * buf.len(), 0);
        }
        buf[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
        self.continuing += bytes.len() - 1;
    }

    /// Whether its first `n` bytes are all digits (`str.isdigit`): a figure, which a near
    /// repeat must keep. Most words start with a letter, and are answered by it.
    fn figure(buf: &[u8], n: usize) -> bool {
        let root = &buf[..n];
        if root[0].is_ascii_alphabetic() {
            return false;
        }
        if root.is_ascii() {
            return root.iter().all(u8::is_ascii_digit); // the ASCII str.isdigit takes
        }
        std::str::from_utf8(root).is_ok_and(|s| s.chars().all(|c| pychars::is(c, pychars::ISDIGIT)))
    }

    /// How many bytes of the word its stem keeps: enough of it to match its other forms
    /// and spellings ("cancelled" and "canceled" give "cancel", "trains" gives "train"):
    /// endings and a doubled last letter go when at least four letters stay. Worked out
    /// without branching on the letters, which no predictor would guess.
    fn stem(self, buf: &[u8]) -> usize {
        let (n, chars) = (self.len, self.len - self.continuing);
        let back = |k: usize| if n >= k { buf[n - k] } else { 0 };
        let (last, second, third) = (back(1), back(2), back(3));
        let ing = (third == b'i') & (second == b'n') & (last == b'g') & (chars >= 7);
        let ed_es = (second == b'e') & ((last == b'd') | (last == b's')) & (chars >= 6);
        let s = (last == b's') & (chars >= 5) & !ed_es;
        let ending = 3 * ing as usize + 2 * ed_es as usize + s as usize;
        let (root, length) = (n - ending, chars - ending);
        // The last character's bytes: the same bytes just before them are the same character.
        let size = match buf[root - 1] {
            0..0x80 => 1,
            _ => {
                1 + buf[..root - 1]
                    .iter()
                    .rev()
                    .take_while(|&&b| b & 0xC0 == 0x80)
                    .count()
            }
        };
        let doubled = (length > 4)
            & match size {
                1 => buf[root.max(2) - 2] == buf[root - 1],
                _ => buf[..root - size].ends_with(&buf[root - size..root]),
            };
        root - size * doubled as usize
    }
}

/// The hashes of the function words, in an open-addressed table indexed by their top bits:
/// asked once a word, it must cost less than a general hash table.
struct FunctionWords {
    slots: Vec<u64>, // 0: empty
    shift: u32,
}

impl FunctionWords {
    fn new(hashes: impl Iterator<Item = u64>) -> Self {
        let hashes: Vec<u64> = hashes.collect();
        let bits = (8 * hashes.len() + 1)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let mut table = FunctionWords {
            slots: vec![0; 1 << bits],
            shift: 64 - bits,
        };
        for h in hashes {
            let mut k = (h >> table.shift) as usize;
            while table.slots[k] != 0 && table.slots[k] != h {
                k = (k + 1) & (table.slots.len() - 1);
            }
            table.slots[k] = h;
        }
        table
    }

    fn contains(&self, h: u64) -> bool {
        let mut k = (h >> self.shift) as usize;
        let first = self.slots[k];
        if (first == h) | (first == 0) {
            return first == h; // nearly always: the table is at most an eighth full
        }
        loop {
            match self.slots[k] {
                0 => return false,
                s if s == h => return true,
                _ => k = (k + 1) & (self.slots.len() - 1),
            }
        }
    }
}

/// What reading holds from one word and sentence to the next: the hash of the sentence's
/// words in order and their count, and the buffers a word is lowered into (`buf` holds the
/// word being read, at least 64 bytes). Content words go straight to the found sentences'.
struct Reading<'a> {
    function_words: &'a FunctionWords,
    key: u64,
    count: usize,
    buf: Vec<u8>,
    lowered: String,
    seen: [u32; 64],
}

impl Reading<'_> {
    /// The code point as a char if it is a letter or digit (`str.isalnum`): asked of those
    /// beyond ASCII and of what letters lower to. Copy repeats a few such characters
    /// (quotation marks, dashes, a language's letters), and `pychars` finds each by a binary
    /// search of its table: the answers lately given are kept by the code point's last six
    /// bits, each as the code point and the answer in its lowest bit (an empty slot, 0,
    /// answers for U+0000, no letter either).
    #[inline]
    fn alnum(&mut self, code: u32) -> Option<char> {
        let slot = &mut self.seen[code as usize & 63];
        if *slot >> 1 != code {
            let yes = char::from_u32(code).is_some_and(|c| pychars::is(c, pychars::ISALNUM));
            *slot = code << 1 | yes as u32;
        }
        let yes = *slot & 1 != 0;
        char::from_u32(code).filter(|_| yes)
    }

    /// Takes the word read so far, if any (most characters that end one end none), and clears it.
    #[inline]
    fn word(&mut self, word: &mut Word, content: &mut Vec<u64>) {
        if word.len > 0 {
            self.take(*word, content);
            *word = Word::default();
        }
    }

    /// A content word is kept as its stem's hash, the lowest bit set for a figure, which a
    /// near repeat must keep. Every word is stemmed and pushed, and a function word popped
    /// again: cheaper than a branch on which it is, which no predictor would guess either.
    #[inline]
    fn take(&mut self, word: Word, content: &mut Vec<u64>) {
        let buf = &self.buf;
        let root = word.stem(buf);
        let (h, hash) = if word.len <= 8 {
            // Most words: the word and its stem hashed from one read, without asking
            // whether the stem is shorter.
            let first = u64::from_le_bytes(buf[..8].try_into().unwrap());
            (hash_short(first, word.len), hash_short(first, root))
        } else {
            let h = hash_text(buf, word.len);
            (
                h,
                if root == word.len {
                    h
                } else {
                    hash_text(buf, root)
                },
            )
        };
        self.key = fold(self.key ^ h, SEEDS[2]);
        self.count += 1;
        content.push(hash & !1 | Word::figure(buf, root) as u64);
        let kept = content.len() - self.function_words.contains(h) as usize;
        content.truncate(kept);
    }

    /// A letter or digit beyond ASCII, lowered as `str.lower` lowers it alone: what it lowers
    /// to that is no letter or digit ends the word (İ lowers to i and a combining dot).
    fn letter(&mut self, c: char, word: &mut Word, content: &mut Vec<u64>) {
        let mut lowered = std::mem::take(&mut self.lowered);
        lowered.clear();
        pychars::lower_char(c, &mut lowered);
        for c in lowered.chars() {
            if self.alnum(c as u32).is_some() {
                word.push(&mut self.buf, c);
            } else {
                self.word(word, content);
            }
        }
        self.lowered = lowered;
    }

    /// The words of a sentence holding a capital sigma, which lowers by its neighbours: the
    /// sentence lower-cased whole, as `str.lower` lowers it.
    fn with_sigma<T: Ch>(&mut self, sentence: &[T], content: &mut Vec<u64>) {
        // A lone surrogate has no case and is no letter: U+FFFD stands in for it as well.
        let text: String = sentence
            .iter()
            .map(|c| char::from_u32(c.code()).unwrap_or('\u{FFFD}'))
            .collect();
        let mut word = Word::default();
        for c in pychars::lower(&text).chars() {
            if pychars::is(c, pychars::ISALNUM) {
                word.push(&mut self.buf, c);
            } else {
                self.word(&mut word, content);
            }
        }
        self.word(&mut word, content);
    }
}

// ---- The search ---------------------------------------------------------------------------

/// The search with one pack's function words and limits, made once and used for every document.
#[pyclass(frozen, module = "cleanup._native")]
struct RepeatSearch {
    function_words: FunctionWords,
    min_words: usize,
    min_content: usize,
    near: f64,
    shorter: f64,
    max_candidates: usize,
    recent: usize,
    whole: f64,
}

/// The numbers of an array (`array("q")`, `array("B")`), read through its buffer (an empty
/// one may not be aligned).
fn numbers<T: pyo3::buffer::Element + Copy>(array: &Bound<PyAny>) -> PyResult<Vec<T>> {
    if array.len()? == 0 {
        return Ok(Vec::new());
    }
    PyBuffer::<T>::get(array)?.to_vec(array.py())
}

/// Which text the rules look at, as `Document.scope_at` tells its scope: that of the segment
/// holding it (flat segments, in text order, each with a scope's number), body between them.
struct Scopes {
    starts: Vec<i64>,
    ends: Vec<i64>,
    numbers: Vec<u8>,
    kept: Vec<u8>, // for each scope's number, whether it is looked at; last, body between segments
}

impl Scopes {
    fn keep(&self, at: usize) -> bool {
        let at = at as i64;
        let i = self.starts.partition_point(|&start| start <= at);
        let scope = match i.checked_sub(1) {
            Some(i) if at < self.ends[i] => self.numbers[i] as usize,
            _ => self.kept.len().wrapping_sub(1), // none kept: no scope is looked at
        };
        self.kept.get(scope).is_some_and(|&kept| kept != 0)
    }
}

const EXACT: i64 = 1;
const NONE: u32 = u32::MAX; // no sentence, no place
const PARAGRAPH: i64 = 2;

#[pymethods]
impl RepeatSearch {
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        function_words: HashSet<String>,
        min_words: usize,
        min_content: usize,
        near: f64,
        shorter: f64,
        max_candidates: usize,
        recent: usize,
        whole: f64,
    ) -> Self {
        let function_words = FunctionWords::new(function_words.iter().map(|w| {
            let mut buf = w.as_bytes().to_vec();
            buf.resize(w.len() + 8, 0);
            hash_text(&buf, w.len())
        }));
        RepeatSearch {
            function_words,
            min_words,
            min_content,
            near,
            shorter,
            max_candidates,
            recent,
            whole,
        }
    }

    /// Five numbers a repeat, as native-endian 64-bit integers: the repeat's start and end,
    /// the earlier text's start and end, and flags (1 verbatim, 2 a whole paragraph).
    ///
    /// The sentences are those of the body's paragraphs (the document's `Block`s whose scope
    /// is "body") that start in text the rules look at: `kept` holds a byte for each scope's
    /// number, nonzero for a scope looked at, and one more for body between segments (the
    /// document's segments: their starts, ends and scopes' numbers, flat and in text order).
    #[allow(clippy::too_many_arguments)]
    fn rows<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyString>,
        blocks: &Bound<'py, PyTuple>,
        segment_starts: &Bound<'py, PyAny>,
        segment_ends: &Bound<'py, PyAny>,
        segment_scopes: &Bound<'py, PyAny>,
        kept: Vec<u8>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let mut scratch = SCRATCH.take().unwrap_or_default();
        let Scratch {
            sentences,
            index,
            paragraph_starts,
            paragraph_ends,
        } = &mut *scratch;
        paragraph_starts.clear();
        paragraph_ends.clear();
        for block in blocks.iter() {
            if block.get_item(1)?.cast::<PyString>()?.to_str()? == "body" {
                let span = block.get_item(0)?.extract::<u64>()?;
                paragraph_starts.push((span >> 32) as i64);
                paragraph_ends.push((span & 0xffff_ffff) as i64);
            }
        }
        let scopes = Scopes {
            starts: numbers(segment_starts)?,
            ends: numbers(segment_ends)?,
            numbers: numbers(segment_scopes)?,
            kept,
        };
        let (starts, ends, words) = (&*paragraph_starts, &*paragraph_ends, &self.function_words);
        let (min_words, keep) = (self.min_words, |start: usize| scopes.keep(start));
        // Read in CPython's own storage of the text (code units are code points), while the
        // caller holds the string: no UTF-8 copy of a 50 MB text. The slices cross `detach`
        // (the GIL released) safely: a str never changes, and the caller's reference keeps it.
        let (length, rows) = with_code_points!(text, t => {
            py.detach(|| {
                sentences.read(t, starts, ends, keep, words, min_words);
                self.first_copies(sentences, index);
                let rows = self.fold(sentences, starts, ends, &index.copy_of, &index.verbatim);
                (t.len(), rows)
            })
        });
        // A big text's buffers go before the rows are copied out, not after.
        if length <= KEPT_SCRATCH {
            SCRATCH.set(Some(scratch));
        } else {
            drop(scratch);
        }
        PyBytes::new_with(py, 8 * rows.len(), |out| {
            for (bytes, n) in out.chunks_exact_mut(8).zip(&rows) {
                bytes.copy_from_slice(&n.to_ne_bytes());
            }
            Ok(())
        })
    }
}

/// A document's sentences: for each, its span and paragraph, the hash of its words (0 when
/// too short to be a verbatim repeat) and its content words, all sentences' one after another.
#[derive(Default)]
struct Sentences {
    starts: Vec<i64>,
    ends: Vec<i64>,
    paragraphs: Vec<usize>,
    keys: Vec<u64>,
    content: Vec<u64>,
    bounds: Vec<usize>, // sentence i's content words are content[bounds[i]..bounds[i + 1]]
}

impl Sentences {
    /// The sentences of the paragraphs, split as `sentences::split` splits them, that start in
    /// text the rules look at (`keep`), read in one pass over each paragraph with their words.
    ///
    /// The words are `[^\W_]+` in the sentence lower-cased, as Python's `str.lower` gives it.
    /// Lower-casing looks at neighbours only for a capital sigma; without one, each letter or
    /// digit is lowered alone, and everything else only separates words (no other character
    /// lowers to a letter or digit: tests/test_duplicate_search.py checks every one). A mark
    /// that may end a sentence separates words too, so a sentence's last word is read before
    /// its end is known.
    fn read<T: Ch>(
        &mut self,
        text: &[T],
        paragraph_starts: &[i64],
        paragraph_ends: &[i64],
        keep: impl Fn(usize) -> bool,
        function_words: &FunctionWords,
        min_words: usize,
    ) {
        let found = self;
        found.starts.clear();
        found.ends.clear();
        found.paragraphs.clear();
        found.keys.clear();
        found.content.clear();
        found.bounds.clear();
        found.bounds.push(0);
        let mut reading = Reading {
            function_words,
            key: SEEDS[0],
            count: 0,
            buf: vec![0; 64],
            lowered: String::new(),
            seen: [0; 64],
        };
        for (paragraph, (&first, &last)) in paragraph_starts.iter().zip(paragraph_ends).enumerate()
        {
            let end = (last as usize).min(text.len());
            let mut start = (first as usize).min(end);
            let (mut word, mut sigma) = (Word::default(), false);
            let mut j = start;
            while j < end {
                let c = text[j].code();
                if c < 0x80 {
                    let b = ASCII_WORD[c as usize];
                    if b != 0 {
                        word.push_ascii(&mut reading.buf, b);
                        j += 1;
                        continue;
                    }
                } else if let Some(c) = reading.alnum(c) {
                    sigma |= c == '\u{3A3}';
                    reading.letter(c, &mut word, &mut found.content);
                    j += 1;
                    continue;
                }
                reading.word(&mut word, &mut found.content);
                if sentences::mark(c) {
                    if let Some((p, next)) = sentences::boundary(text, j, end) {
                        found.close(
                            &mut reading,
                            text,
                            (start, p),
                            paragraph,
                            sigma,
                            &keep,
                            min_words,
                        );
                        (start, j, sigma) = (next, next, false);
                        continue;
                    }
                }
                j += 1;
            }
            reading.word(&mut word, &mut found.content);
            let end = sentences::last_end(text, start, end);
            if end > start {
                found.close(
                    &mut reading,
                    text,
                    (start, end),
                    paragraph,
                    sigma,
                    &keep,
                    min_words,
                );
            }
        }
    }

    /// Ends the sentence whose words were just read: kept if it starts in text looked at,
    /// its words read again if it holds a capital sigma.
    #[allow(clippy::too_many_arguments)]
    fn close<T: Ch>(
        &mut self,
        reading: &mut Reading,
        text: &[T],
        (start, end): (usize, usize),
        paragraph: usize,
        sigma: bool,
        keep: impl Fn(usize) -> bool,
        min_words: usize,
    ) {
        let from = self.bounds[self.bounds.len() - 1];
        if sigma || !keep(start) {
            self.content.truncate(from);
            (reading.key, reading.count) = (SEEDS[0], 0);
            if !keep(start) {
                return;
            }
            reading.with_sigma(&text[start..end], &mut self.content);
        }
        self.keys.push(if reading.count >= min_words {
            reading.key | 1
        } else {
            0
        });
        (reading.key, reading.count) = (SEEDS[0], 0);
        self.bounds.push(self.content.len());
        self.starts.push(start as i64);
        self.ends.push(end as i64);
        self.paragraphs.push(paragraph);
    }

    fn len(&self) -> usize {
        self.keys.len()
    }

    /// The sentence's content words, in order.
    fn content(&self, i: usize) -> &[u64] {
        &self.content[self.bounds[i]..self.bounds[i + 1]]
    }

    /// Its pairs of neighbouring content words, each as one hash.
    fn pairs(&self, i: usize) -> impl Iterator<Item = u64> + '_ {
        self.content(i)
            .windows(2)
            .map(|w| fold(w[0] ^ SEEDS[1], w[1] ^ SEEDS[2]))
    }

    /// Its distinct content words, sorted, in `set`.
    fn content_set(&self, i: usize, set: &mut Vec<u64>) {
        set.clear();
        set.extend_from_slice(self.content(i));
        set.sort_unstable();
        set.dedup();
    }
}

/// The search's buffers but the sentences: its results (for each sentence, the number of
/// its first copy, -1 when it repeats nothing, and whether verbatim) and what finding them
/// takes.
#[derive(Default)]
struct Index {
    copy_of: Vec<i64>,
    verbatim: Vec<bool>,
    first: FxMap<u64, usize>,
    all: Vec<u64>,
    from: Vec<usize>,
    seen: Vec<u8>,
    latest: FxMap<u64, u32>,
    holders: Vec<(u32, u32)>,
    pairs: Vec<u64>,
    met: Vec<u32>, // one pair's recent holders, latest first
    // Earlier sentences by the pairs they share (in order met), and where each stands in it.
    ranked: Vec<(u32, u32)>,
    rank_of: Vec<u32>,
    later: Vec<u64>,
    earlier: Vec<u64>,
}

/// A search's buffers, kept per thread from one document to the next: some twenty
/// allocations a story otherwise, grown again as it is read.
#[derive(Default)]
struct Scratch {
    sentences: Sentences,
    index: Index,
    paragraph_starts: Vec<i64>,
    paragraph_ends: Vec<i64>,
}

/// Texts longer than this (in code points) leave no buffers behind: an archive's would
/// hold tens of megabytes for the stories after it.
const KEPT_SCRATCH: usize = 1 << 20;

thread_local! {
    static SCRATCH: std::cell::Cell<Option<Box<Scratch>>> = const { std::cell::Cell::new(None) };
}

impl RepeatSearch {
    /// For each sentence, the number of its first copy (-1 when it repeats nothing), and
    /// whether verbatim, into `index.copy_of` and `index.verbatim`.
    fn first_copies(&self, found: &Sentences, index: &mut Index) {
        let n = found.len();
        let Index {
            copy_of,
            verbatim,
            first,
            all,
            from,
            seen,
            latest,
            holders,
            pairs,
            met,
            ranked,
            rank_of,
            later,
            earlier,
        } = index;
        copy_of.clear();
        copy_of.resize(n, -1);
        verbatim.clear();
        verbatim.resize(n, false);
        // Verbatim: the first earlier sentence with the same words.
        first.clear();
        first.reserve(n);
        for (i, &key) in found.keys.iter().enumerate() {
            if key != 0 {
                match first.entry(key) {
                    Entry::Occupied(e) => (copy_of[i], verbatim[i]) = (*e.get() as i64, true),
                    Entry::Vacant(e) => {
                        e.insert(i);
                    }
                }
            }
        }
        // Every sentence's pairs, one after another: sentence i's are all[from[i]..from[i + 1]].
        all.clear();
        all.reserve(found.content.len()); // no more pairs than content words: no room to spare
        from.clear();
        from.reserve(n + 1);
        from.push(0);
        for i in 0..n {
            all.extend(found.pairs(i));
            from.push(all.len());
        }
        // Only a pair two sentences share can link them, so only pairs met twice are indexed:
        // they are counted first in a filter of a byte per slot, eight slots a pair (a pair
        // that shares a slot with another only costs index space, never a repeat). A pair's
        // slot is its hash scaled to the filter's size (a multiplication, not a division).
        let size = (8 * all.len()).max(64);
        let slot = |pair: u64| ((pair as u128 * size as u128) >> 64) as usize;
        seen.clear();
        seen.resize(size, 0);
        // A slot counted twice is one pair or more met twice: about as many as the index holds.
        let mut twice = 0;
        for &pair in all.iter() {
            let count = &mut seen[slot(pair)];
            twice += (*count == 1) as usize;
            *count = (*count + 1).min(2);
        }
        // The index: for each pair, where its latest holder stands in `holders`, a chain
        // of (sentence, where the holder before it stands) from the latest back.
        latest.clear();
        latest.reserve(twice);
        holders.clear();
        rank_of.clear();
        rank_of.resize(n, NONE);
        for i in 0..n {
            pairs.clear();
            pairs.extend(
                all[from[i]..from[i + 1]]
                    .iter()
                    .copied()
                    .filter(|&p| seen[slot(p)] == 2),
            );
            if pairs.is_empty() {
                continue;
            }
            if !verbatim[i] && pairs.iter().any(|p| latest.contains_key(p)) {
                found.content_set(i, later);
                if later.len() >= self.min_content {
                    ranked.clear();
                    for pair in pairs.iter() {
                        let Some(&head) = latest.get(pair) else {
                            continue;
                        };
                        met.clear();
                        let mut at = head;
                        while at != NONE && met.len() < self.recent {
                            let (j, before) = holders[at as usize];
                            met.push(j);
                            at = before;
                        }
                        for &j in met.iter().rev() {
                            let k = &mut rank_of[j as usize];
                            if *k == NONE {
                                *k = ranked.len() as u32;
                                ranked.push((j, 0));
                            }
                            ranked[*k as usize].1 += 1;
                        }
                    }
                    for &(j, _) in ranked.iter() {
                        rank_of[j as usize] = NONE;
                    }
                    // Most shared pairs first, ties in the order met (a stable sort).
                    ranked.sort_by_key(|&(_, shared)| std::cmp::Reverse(shared));
                    for &(j, _) in ranked.iter().take(self.max_candidates) {
                        found.content_set(j as usize, earlier);
                        if self.near(later, earlier) {
                            copy_of[i] = j as i64;
                            break;
                        }
                    }
                }
            }
            pairs.sort_unstable();
            pairs.dedup();
            for &pair in pairs.iter() {
                let place = holders.len() as u32;
                let before = latest.insert(pair, place).unwrap_or(NONE);
                holders.push((i as u32, before));
            }
        }
    }

    /// Most of the later sentence's words, and all its figures, are in the earlier one, which
    /// is not much longer (a subhead inside a paragraph is not a repeat of the paragraph).
    fn near(&self, later: &[u64], earlier: &[u64]) -> bool {
        let shared = later
            .iter()
            .filter(|w| earlier.binary_search(w).is_ok())
            .count();
        later.len() as f64 >= self.shorter * earlier.len() as f64
            && shared as f64 >= self.near * later.len() as f64
            && later
                .iter()
                .all(|&w| w & 1 == 0 || earlier.binary_search(&w).is_ok())
    }

    /// The repeats as rows, a paragraph made only of repeats (covering most of it) once, whole.
    fn fold(
        &self,
        sentences: &Sentences,
        paragraph_starts: &[i64],
        paragraph_ends: &[i64],
        copy_of: &[i64],
        verbatim: &[bool],
    ) -> Vec<i64> {
        let (starts, ends, paragraphs) =
            (&sentences.starts, &sentences.ends, &sentences.paragraphs);
        let mut rows = Vec::new();
        let mut k = 0;
        while k < starts.len() {
            // The sentences of one paragraph: members[k..end].
            let paragraph = paragraphs[k];
            let end = k + paragraphs[k..]
                .iter()
                .take_while(|&&p| p == paragraph)
                .count();
            let members = k..end;
            k = end;
            let repeated: Vec<usize> = members.clone().filter(|&m| copy_of[m] >= 0).collect();
            if repeated.is_empty() {
                continue;
            }
            let (whole_start, whole_end) = (paragraph_starts[paragraph], paragraph_ends[paragraph]);
            let covered: i64 = members.clone().map(|m| ends[m] - starts[m]).sum();
            if repeated.len() == members.len()
                && covered as f64 >= self.whole * (whole_end - whole_start) as f64
            {
                let j = copy_of[members.start] as usize;
                let exact = if members.clone().all(|m| verbatim[m]) {
                    EXACT
                } else {
                    0
                };
                rows.extend([
                    whole_start,
                    whole_end,
                    starts[j],
                    ends[j],
                    PARAGRAPH | exact,
                ]);
            } else {
                for m in repeated {
                    let j = copy_of[m] as usize;
                    rows.extend([starts[m], ends[m], starts[j], ends[j], verbatim[m] as i64]);
                }
            }
        }
        rows
    }
}
