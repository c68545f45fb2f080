//! Sentences inside a paragraph, found well enough to compare them with each other (the
//! duplicate pack's repeats are sentences).
//!
//! Abbreviations and initials (Gen., Nov., U.S., R.L.) do not end a sentence; a period glued
//! to the next sentence ("reported.The") does, since feeds lose that space often. This is the
//! `regex` pattern cleanup used, read by hand, character class for character class as
//! `pychars` reads them: after a mark (`.`, `!`, `?`, `…`) and its closing quotes and
//! brackets, a sentence ends
//!
//! - where space follows that leads to a capital or a figure (perhaps behind an opening
//!   quote or bracket), unless the mark is the period of an abbreviation: one letter, or a
//!   capital and up to two small letters, or Sept, Corp, Prof, Capt, Cmdr, Dept, Univ, Bros,
//!   standing at the start of the text or after a space or an opening mark; or the second
//!   period of initials (".S.");
//! - or, with no space, where a capital and a small letter follow a sentence mark that ends
//!   two small letters ("said.It").
//!
//! Like the pattern (searched in the paragraph alone), it looks back past the paragraph's
//! start but not on past its end. The tests compare the two on random text.

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::pychars::{self, L, LL, LU, N, REGEX_SPACE};

const MARKS: [char; 4] = ['.', '!', '?', '…'];
const CLOSING: [char; 6] = ['”', '’', '"', '\'', ')', ']'];
const OPENING: [char; 6] = ['“', '‘', '"', '\'', '(', '['];
const BEFORE_ABBREVIATION: [char; 5] = ['(', '“', '"', '‘', '\''];
const ABBREVIATIONS: [&str; 8] = ["Sept", "Corp", "Prof", "Capt", "Cmdr", "Dept", "Univ", "Bros"];
/// The most characters an abbreviation's test looks back over ("(Sept.").
const LOOK_BACK: usize = 6;

/// A paragraph's characters, with up to `LOOK_BACK` before it, and where it starts among them.
struct Paragraph<'a> {
    chars: &'a [char],
    start: usize,
    at_text_start: bool, // chars[0] is the text's first character
}

impl Paragraph<'_> {
    fn is(&self, k: usize, mask: u32) -> bool {
        k < self.chars.len() && pychars::is(self.chars[k], mask)
    }

    /// Whether chars[..p] may stand before an abbreviation: the text's start, a space or an opening mark.
    fn boundary(&self, p: usize) -> bool {
        if p == 0 {
            return self.at_text_start;
        }
        let c = self.chars[p - 1];
        BEFORE_ABBREVIATION.contains(&c) || pychars::is(c, REGEX_SPACE)
    }

    /// The period just before `p` ends an abbreviation or initials, so no sentence.
    fn abbreviation(&self, p: usize) -> bool {
        if p < 2 || self.chars[p - 1] != '.' {
            return false;
        }
        let word_end = p - 1;
        let capitalised = (0..=2).any(|small| {
            word_end > small
                && self.is(word_end - 1 - small, LU)
                && (word_end - small..word_end).all(|k| self.is(k, LL))
                && self.boundary(word_end - 1 - small)
        });
        let listed = word_end >= 4 && {
            let word: String = self.chars[word_end - 4..word_end].iter().collect();
            ABBREVIATIONS.contains(&word.as_str()) && self.boundary(word_end - 4)
        };
        let letter = self.is(word_end - 1, L) && self.boundary(word_end - 1);
        let initials = p >= 3 && self.chars[p - 3] == '.' && self.is(p - 2, L);
        capitalised || listed || letter || initials
    }

    /// Where the sentence ending at the mark at `i` ends and the next one starts, if it ends there.
    fn boundary_after(&self, i: usize) -> Option<(usize, usize)> {
        let end = self.chars.len();
        let mut p = i + 1;
        while p < end && CLOSING.contains(&self.chars[p]) {
            p += 1;
        }
        if self.is(p, REGEX_SPACE) && !self.abbreviation(p) {
            let mut next = p;
            while self.is(next, REGEX_SPACE) {
                next += 1;
            }
            let lead = if next < end && OPENING.contains(&self.chars[next]) { next + 1 } else { next };
            if self.is(lead, LU | N) {
                return Some((p, next));
            }
        }
        let glued = self.is(p, LU) && self.is(p + 1, LL) && p >= 3
            && matches!(self.chars[p - 1], '.' | '!' | '?') && self.is(p - 2, LL) && self.is(p - 3, LL);
        glued.then_some((p, p))
    }

    /// Each sentence's start and end, as indices into `chars`, trimmed of surrounding space.
    fn sentences(&self, out: &mut impl FnMut(usize, usize)) {
        let mut start = self.start;
        let mut i = self.start;
        while i < self.chars.len() {
            if MARKS.contains(&self.chars[i]) {
                if let Some((end, next)) = self.boundary_after(i) {
                    if end > start {
                        out(start, end);
                    }
                    start = next;
                    i = next;
                    continue;
                }
            }
            i += 1;
        }
        let mut end = self.chars.len();
        while end > start && pychars::is(self.chars[end - 1], pychars::ISSPACE) {
            end -= 1;
        }
        if end > start {
            out(start, end);
        }
    }
}

/// The sentences of each paragraph (code-point spans, in text order): their starts, their
/// ends and their paragraphs' numbers, three arrays of native-endian 64-bit integers.
pub fn split(text: &str, paragraph_starts: &[i64], paragraph_ends: &[i64]) -> [Vec<i64>; 3] {
    let mut found: [Vec<i64>; 3] = Default::default();
    let mut chars: Vec<char> = Vec::new();
    // Walk the text once, paragraph after paragraph, keeping the code-point offset.
    let mut rest = text.chars();
    let mut at = 0usize; // code points consumed from `rest`
    let mut window: Vec<char> = Vec::with_capacity(LOOK_BACK); // the last characters consumed
    for (n, (&first, &last)) in paragraph_starts.iter().zip(paragraph_ends).enumerate() {
        let (first, last) = (first as usize, last as usize);
        while at < first {
            let c = rest.next().unwrap_or('\0');
            if window.len() == LOOK_BACK {
                window.remove(0);
            }
            window.push(c);
            at += 1;
        }
        chars.clear();
        chars.extend_from_slice(&window);
        let start = chars.len();
        chars.extend(rest.by_ref().take(last - first));
        window.clear();
        window.extend_from_slice(&chars[chars.len().saturating_sub(LOOK_BACK)..]);
        at = last;
        let base = first as i64 - start as i64;
        let paragraph = Paragraph { chars: &chars, start, at_text_start: first == start };
        paragraph.sentences(&mut |s, e| {
            found[0].push(base + s as i64);
            found[1].push(base + e as i64);
            found[2].push(n as i64);
        });
    }
    found
}

/// `split` for Python: three `bytes` an `array("q")` reads.
#[pyfunction]
fn split_sentences<'py>(py: Python<'py>, text: &str, paragraph_starts: Vec<i64>, paragraph_ends: Vec<i64>)
    -> (Bound<'py, PyBytes>, Bound<'py, PyBytes>, Bound<'py, PyBytes>) {
    let [starts, ends, numbers] = py.detach(|| split(text, &paragraph_starts, &paragraph_ends));
    let bytes = |v: Vec<i64>| PyBytes::new(py, &v.iter().flat_map(|n| n.to_ne_bytes()).collect::<Vec<u8>>());
    (bytes(starts), bytes(ends), bytes(numbers))
}

pub fn register(m: &Bound<PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(split_sentences, m)?)
}
