//! The cheap tests metadata.py's `pieces` asks of every block before any recogniser, in one
//! pass over a document's blocks: most blocks are story paragraphs that every test rules
//! out, and a Python loop over thousands of blocks a document cost more than the tests.
//! Every test is derived from what Python gives: the legal notice's hints, the contributor
//! note's word, and the union of the recognisers that open a block, asked through a Python
//! callable (its answers kept per block head, as the Python table did).

use std::collections::HashMap;
use std::sync::Mutex;

use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::pychars::{code_is, ISALPHA};
use crate::pystr::with_code_points;

/// Lower-case hints looked for in a text whose ASCII letters are lowered, as the legal
/// notice's words are: lowering only ASCII letters gives the answer `str.lower` gives but
/// for `İ` (which metadata.py adds as a hint of its own), without lowering a copy.
struct FoldedHints {
    /// Each hint, with the pair of ASCII code points that leads it (see `pairs`), if any.
    hints: Vec<(Vec<u32>, Option<usize>)>,
    /// One bit per pair of ASCII code points, the first lowered, that starts a hint; a
    /// row more, never set, for a pair after a non-ASCII code point (`NONE`).
    pairs: Vec<u64>,
    /// Hints not led by two ASCII characters (a lone ©), with their first code point:
    /// tried where it stands.
    unpaired: Vec<(u32, usize)>,
    /// Per ASCII code point, lowered, whether an unpaired hint starts with it.
    leads: [bool; 128],
}

/// What stands for the code point before a pair when it is not ASCII: no hint's pair starts so.
const NONE: usize = 128;

#[inline]
fn fold(cp: u32) -> u32 {
    if (0x41..=0x5a).contains(&cp) {
        cp + 0x20
    } else {
        cp
    }
}

impl FoldedHints {
    fn new(hints: &[String]) -> Self {
        let hints: Vec<Vec<u32>> = hints
            .iter()
            .map(|h| h.chars().map(u32::from).collect())
            .collect();
        let pair = |h: &[u32]| {
            (h.len() >= 2 && h[0] < 128 && h[1] < 128).then(|| (h[0] << 7 | h[1]) as usize)
        };
        let mut pairs = vec![0u64; (NONE + 1) * 128 / 64];
        let mut leads = [false; 128];
        let mut unpaired = Vec::new();
        for (k, hint) in hints.iter().enumerate() {
            match pair(hint) {
                Some(p) => pairs[p >> 6] |= 1 << (p & 63),
                None => {
                    unpaired.push((hint[0], k));
                    if hint[0] < 128 {
                        leads[hint[0] as usize] = true;
                    }
                }
            }
        }
        FoldedHints {
            hints: hints
                .into_iter()
                .map(|h| {
                    let p = pair(&h);
                    (h, p)
                })
                .collect(),
            pairs,
            unpaired,
            leads,
        }
    }

    fn at<T: Copy + Into<u32>>(s: &[T], i: usize, hint: &[u32]) -> bool {
        s.len() - i >= hint.len() && hint.iter().zip(&s[i..]).all(|(&h, &u)| fold(u.into()) == h)
    }

    fn unpaired_at<T: Copy + Into<u32>>(&self, s: &[T], i: usize, c: u32) -> bool {
        self.unpaired
            .iter()
            .any(|&(first, k)| first == c && Self::at(s, i, &self.hints[k].0))
    }

    /// Each code point is folded once and read with the one before it as a pair, by one
    /// look in the pairs' bits: hints are rare, so nearly every code point costs that look.
    fn found<T: Copy + Into<u32>>(&self, s: &[T]) -> bool {
        let mut before = NONE;
        for (i, &u) in s.iter().enumerate() {
            let c = fold(u.into());
            if c >= 128 {
                if self.unpaired_at(s, i, c) {
                    return true;
                }
                before = NONE;
                continue;
            }
            let p = before << 7 | c as usize;
            if self.pairs[p >> 6] >> (p & 63) & 1 != 0
                && self
                    .hints
                    .iter()
                    .any(|(h, hp)| *hp == Some(p) && Self::at(s, i - 1, h))
            {
                return true;
            }
            if self.leads[c as usize] && self.unpaired_at(s, i, c) {
                return true;
            }
            before = c as usize;
        }
        false
    }
}

/// Whether `s` holds `word` as it is (a `str.__contains__`): each place its first code
/// point stands is compared.
fn contains<T: Copy + Into<u32>>(s: &[T], word: &[u32]) -> bool {
    let Some((&first, rest)) = word.split_first() else {
        return true;
    };
    s.len() >= word.len()
        && (0..=s.len() - word.len()).any(|i| {
            s[i].into() == first && rest.iter().zip(&s[i + 1..]).all(|(&w, &u)| u.into() == w)
        })
}

/// Code points in a block head, the key under which `opens`' answer is kept.
const HEAD: usize = 4;

/// metadata.py's per-block tests; see `marks`. Frozen, its table behind a lock held only
/// for a look or an insert: the server checks in worker threads, and `opens`, Python code,
/// may let another thread run `marks` meanwhile.
#[pyclass(module = "cleanup._native", frozen)]
struct BlockTests {
    legal: FoldedHints,
    note: Vec<u32>,
    /// Whether a recogniser can open a block that starts with a head (a partial match).
    opens: Py<PyAny>,
    /// `opens`' answers by head (its length and code points): copy repeats its paragraph
    /// openings. Emptied when it reaches `limit`.
    known: Mutex<HashMap<u128, bool>>,
    limit: usize,
}

impl BlockTests {
    fn may_open<T: Copy + Into<u32>>(
        &self,
        text: &Bound<'_, PyString>,
        s: &[T],
        start: usize,
        end: usize,
    ) -> PyResult<bool> {
        let key = s[start..end]
            .iter()
            .fold(u128::from((end - start) as u8), |k, &u| {
                k << 21 | u128::from(u.into())
            });
        if let Some(&known) = self.table().get(&key) {
            return Ok(known);
        }
        // SAFETY: `text` is a str and 0 <= start <= end <= its length.
        let head = unsafe {
            Bound::from_owned_ptr_or_err(
                text.py(),
                pyo3::ffi::PyUnicode_Substring(text.as_ptr(), start as isize, end as isize),
            )?
        };
        let answer = self.opens.bind(text.py()).call1((head,))?.is_truthy()?;
        let mut known = self.table();
        if known.len() >= self.limit {
            known.clear();
        }
        known.insert(key, answer);
        Ok(answer)
    }

    /// The table, whole even if a thread panicked holding it (a look or an insert leaves it whole).
    fn table(&self) -> std::sync::MutexGuard<'_, HashMap<u128, bool>> {
        self.known
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn walk<T: Copy + Into<u32>>(
        &self,
        text: &Bound<'_, PyString>,
        s: &[T],
        spans: &[(usize, usize)],
        notes: bool,
    ) -> PyResult<Vec<(usize, bool, bool, bool, bool)>> {
        let mut marked = Vec::new();
        // Most copy holds no legal notice's words: one look over the whole text spares every
        // block its own.
        let notices = self.legal.found(s);
        for (index, &(start, end)) in spans.iter().enumerate() {
            // `text[end - 1]`, as Python indexes it.
            let last = s[if end > 0 { end - 1 } else { s.len() - 1 }].into();
            let credit = last == u32::from(')') || last == u32::from('/') || code_is(last, ISALPHA);
            let block = &s[start..end];
            let opens = self.may_open(text, s, start, end.min(start + HEAD))?;
            let legal = notices && self.legal.found(block);
            let note = notes && contains(block, &self.note);
            if opens || legal || credit || note {
                marked.push((index, opens, legal, credit, note));
            }
        }
        Ok(marked)
    }
}

#[pymethods]
impl BlockTests {
    #[new]
    fn new(hints: Vec<String>, note: &str, opens: Py<PyAny>, limit: usize) -> Self {
        BlockTests {
            legal: FoldedHints::new(&hints),
            note: note.chars().map(u32::from).collect(),
            opens,
            known: Mutex::new(HashMap::new()),
            limit,
        }
    }

    /// `(index, may open, legal, credit, note)` for each of `blocks` (Document.blocks: the
    /// first item of each a span, `start << 32 | end`) that passes a test: a head `opens`
    /// allows, one of the hints in any ASCII case, a last character that is `)`, `/` or
    /// alphabetic, the note's word (looked for only if `notes`, the text holds it).
    fn marks(
        &self,
        text: &Bound<'_, PyString>,
        blocks: &Bound<'_, PyTuple>,
        notes: bool,
    ) -> PyResult<Vec<(usize, bool, bool, bool, bool)>> {
        let length = text.len()?;
        let mut spans = Vec::with_capacity(blocks.len());
        for block in blocks.iter() {
            let span: u64 = block.cast::<PyTuple>()?.get_item(0)?.extract()?;
            let (start, end) = ((span >> 32) as usize, (span & 0xffff_ffff) as usize);
            if start > end || end > length || length == 0 {
                return Err(pyo3::exceptions::PyIndexError::new_err(
                    "block outside the text",
                ));
            }
            spans.push((start, end));
        }
        with_code_points!(text, s => self.walk(text, s, &spans, notes))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<BlockTests>()
}
