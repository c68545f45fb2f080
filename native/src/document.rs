//! Building a document: paragraphs and their scopes, quote-mark pairing, the flat segments,
//! and the sentences of a paragraph (cleanup/document.py, quotemarks.py; sentences for duplicate.rs).
//!
//! These passes look at every character of every document before any rule runs; as
//! Python loops and patterns they cost as much as a whole rule pack. The text is read in
//! CPython's own storage (one, two or four bytes a code point), so an index into it is
//! the code-point offset Python uses, with no copy and no UTF-8 conversion.

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString, PyTuple};

mod blocks;
pub mod chars;
mod dateline;
mod quotemarks;
pub mod sentences; // for passes that read sentences natively

use crate::pystr::{with_code_points, Ch};

/// A span as model.Span's integer value: start above 32 bits, end below them. Spans cross
/// as such integers (Python makes a Span of one with `int.__new__`, no constructor call).
fn pack(start: usize, end: usize) -> u64 {
    (start as u64) << 32 | end as u64
}

/// (start, end) of each span, kept inside a text of `len` code points.
fn unpack(spans: &[u64], len: usize) -> Vec<(usize, usize)> {
    spans
        .iter()
        .map(|&span| {
            let end = ((span & 0xffff_ffff) as usize).min(len);
            (((span >> 32) as usize).min(end), end)
        })
        .collect()
}

/// One code-point run's glyphs or roles, as a Python string.
fn glyphs<T: Ch>(t: &[T], (start, end): (usize, usize)) -> String {
    t[start..end]
        .iter()
        .filter_map(|c| char::from_u32(c.code()))
        .collect()
}

/// A one-mark run's glyph or role (nearly every run is one mark): an interned string, not a new one.
fn one_mark<'py>(py: Python<'py>, text: &str) -> Bound<'py, PyString> {
    match text {
        "“" => intern!(py, "“"),
        "”" => intern!(py, "”"),
        "\"" => intern!(py, "\""),
        "„" => intern!(py, "„"),
        "«" => intern!(py, "«"),
        "»" => intern!(py, "»"),
        "o" => intern!(py, "o"),
        "c" => intern!(py, "c"),
        _ => return PyString::new(py, text),
    }
    .clone()
}

/// Everything document.build makes of a text, in one call: each pass reads what the one
/// before found without a Python object between them, and a document crosses once.
///
/// `spans` are a format's paragraphs (those without a visible character are dropped) and
/// `scopes` their indices into document.SCOPES; without them the text's own paragraphs and
/// scopes are found. Returns (paragraphs as span values, their scopes as bytes, the
/// dateline's span value or None, the quote pairing, the segments). The pairing is its run
/// starts, run glyphs, run roles, quotations as span values, anomalies as flat (kind,
/// offset, opens, count) rows, and for each paragraph where the quotations opening in it
/// begin and end in theirs (machine i64 bytes); the segments are their starts, ends and
/// scopes as the bytes of document.Segments' arrays.
#[pyfunction]
#[pyo3(signature = (text, spans=None, scopes=None))]
fn build<'py>(
    text: &Bound<'py, PyString>,
    spans: Option<Vec<u64>>,
    scopes: Option<&[u8]>,
) -> PyResult<Bound<'py, PyTuple>> {
    let py = text.py();
    let (bounds, kinds, dateline, pairing, marks) = with_code_points!(text, t => {
        let (bounds, kinds) = match spans {
            None => {
                let bounds = blocks::split(t);
                let kinds = blocks::classify(t, &bounds);
                (bounds, kinds)
            }
            Some(given) => {
                let given = unpack(&given, t.len());
                let kept: Vec<usize> = (0..given.len())
                    .filter(|&i| blocks::visible(t, given[i].0, given[i].1))
                    .collect();
                let bounds: Vec<(usize, usize)> = kept.iter().map(|&i| given[i]).collect();
                let kinds = match scopes {
                    Some(scopes) => kept.iter().map(|&i| scopes[i]).collect(),
                    None => blocks::classify(t, &bounds),
                };
                (bounds, kinds)
            }
        };
        // A format may name the dateline; else one of the first three body paragraphs opens with it.
        let dateline = match kinds.iter().position(|&k| k == blocks::DATELINE) {
            Some(i) => Some(bounds[i]),
            None => bounds
                .iter()
                .zip(&kinds)
                .filter(|&(_, &k)| k == blocks::BODY)
                .take(3)
                .find_map(|(&(start, end), _)| dateline::find(t, start, end).map(|stop| (start, stop))),
        };
        let pairing = quotemarks::analyse(t, &bounds);
        let marks: Vec<String> = pairing.runs.iter().map(|&run| glyphs(t, run)).collect();
        (bounds, kinds, dateline, pairing, marks)
    });
    let rows = blocks::segments(&bounds, &kinds, dateline, &pairing.quotes);
    let column = |at: usize| -> Vec<u8> {
        rows.chunks_exact(3)
            .flat_map(|row| (row[at] as i64).to_ne_bytes())
            .collect()
    };
    let segment_kinds: Vec<u8> = rows.chunks_exact(3).map(|row| row[2] as u8).collect();
    let values =
        |spans: &[(usize, usize)]| -> Vec<u64> { spans.iter().map(|&(s, e)| pack(s, e)).collect() };
    // Quotations are in order of their starts: those opening in a paragraph lie between the
    // first starting at or after its start and the first starting at or after its end.
    let cuts = |edge: fn(&(usize, usize)) -> usize| -> Vec<u8> {
        bounds
            .iter()
            .flat_map(|b| (pairing.quotes.partition_point(|q| q.0 < edge(b)) as i64).to_ne_bytes())
            .collect()
    };
    let quotes = (
        PyTuple::new(py, pairing.runs.iter().map(|r| r.0))?,
        PyTuple::new(py, marks.iter().map(|g| one_mark(py, g)))?,
        PyTuple::new(py, pairing.roles.iter().map(|r| one_mark(py, r)))?,
        values(&pairing.quotes),
        &pairing.anomalies,
        PyBytes::new(py, &cuts(|b| b.0)),
        PyBytes::new(py, &cuts(|b| b.1)),
    );
    let segments = (
        PyBytes::new(py, &column(0)),
        PyBytes::new(py, &column(1)),
        PyBytes::new(py, &segment_kinds),
    );
    (
        values(&bounds),
        PyBytes::new(py, &kinds),
        dateline.map(|(s, e)| pack(s, e)),
        quotes,
        segments,
    )
        .into_pyobject(py)
}

/// Sentences of the paragraph text[start:end] as (start, end) pairs: the splitter duplicate.rs
/// uses, for the tests that compare it with the pattern it replaced.
#[pyfunction]
#[pyo3(name = "sentences")]
fn split_sentences(
    text: &Bound<'_, PyString>,
    start: usize,
    end: usize,
) -> PyResult<Vec<(usize, usize)>> {
    Ok(with_code_points!(text, t => sentences::split(t, start, end.min(t.len()))))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(build, m)?)?;
    m.add_function(wrap_pyfunction!(split_sentences, m)?)?;
    Ok(())
}
