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

/// Paragraphs of a text without structure of its own, as span values.
#[pyfunction]
fn split_blocks(text: &Bound<'_, PyString>) -> PyResult<Vec<u64>> {
    Ok(
        with_code_points!(text, t => blocks::split(t).into_iter().map(|(s, e)| pack(s, e)).collect()),
    )
}

/// Indices of the spans that hold a visible character.
#[pyfunction]
fn visible_blocks(text: &Bound<'_, PyString>, spans: Vec<u64>) -> PyResult<Vec<usize>> {
    Ok(with_code_points!(text, t => unpack(&spans, t.len())
        .into_iter()
        .enumerate()
        .filter(|&(_, (start, end))| blocks::visible(t, start, end))
        .map(|(i, _)| i)
        .collect()))
}

/// The scope of each paragraph (spans), as indices into document.SCOPES, one byte each.
#[pyfunction]
fn classify<'py>(text: &Bound<'py, PyString>, spans: Vec<u64>) -> PyResult<Bound<'py, PyBytes>> {
    let scopes = with_code_points!(text, t => blocks::classify(t, &unpack(&spans, t.len())));
    Ok(PyBytes::new(text.py(), &scopes))
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

/// Quote-mark pairing over the paragraphs (spans): (run starts, run glyphs, run roles,
/// quotations as span values, anomalies as flat (kind, offset, opens, count) rows).
#[pyfunction]
fn pair_quotes<'py>(text: &Bound<'py, PyString>, spans: Vec<u64>) -> PyResult<Bound<'py, PyTuple>> {
    let py = text.py();
    let (pairing, glyphs) = with_code_points!(text, t => {
        let pairing = quotemarks::analyse(t, &unpack(&spans, t.len()));
        let glyphs: Vec<String> = pairing
            .runs
            .iter()
            .map(|&(start, end)| t[start..end].iter().filter_map(|c| char::from_u32(c.code())).collect())
            .collect();
        (pairing, glyphs)
    });
    let starts: Vec<usize> = pairing.runs.iter().map(|r| r.0).collect();
    let glyphs = glyphs.iter().map(|g| one_mark(py, g));
    let roles = pairing.roles.iter().map(|r| one_mark(py, r));
    let quotes: Vec<u64> = pairing.quotes.iter().map(|&(s, e)| pack(s, e)).collect();
    (
        PyTuple::new(py, starts)?,
        PyTuple::new(py, glyphs)?,
        PyTuple::new(py, roles)?,
        quotes,
        pairing.anomalies,
    )
        .into_pyobject(py)
}

/// The document's segments from its paragraphs (spans), their scopes (indices into
/// document.SCOPES), the dateline's span and the quotations': starts, ends and scopes as the
/// bytes of document.Segments' arrays (machine i64, i64 and u8).
#[pyfunction]
fn segments<'py>(
    py: Python<'py>,
    spans: Vec<u64>,
    scopes: &[u8],
    dateline: Option<u64>,
    quotations: Vec<u64>,
) -> PyResult<Bound<'py, PyTuple>> {
    let dateline = dateline.map(|span| unpack(&[span], usize::MAX)[0]);
    let rows = blocks::segments(
        &unpack(&spans, usize::MAX),
        scopes,
        dateline,
        &unpack(&quotations, usize::MAX),
    );
    let column = |at: usize| -> Vec<u8> {
        rows.chunks_exact(3)
            .flat_map(|row| (row[at] as i64).to_ne_bytes())
            .collect()
    };
    let kinds: Vec<u8> = rows.chunks_exact(3).map(|row| row[2] as u8).collect();
    (
        PyBytes::new(py, &column(0)),
        PyBytes::new(py, &column(1)),
        PyBytes::new(py, &kinds),
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
    m.add_function(wrap_pyfunction!(split_blocks, m)?)?;
    m.add_function(wrap_pyfunction!(visible_blocks, m)?)?;
    m.add_function(wrap_pyfunction!(classify, m)?)?;
    m.add_function(wrap_pyfunction!(pair_quotes, m)?)?;
    m.add_function(wrap_pyfunction!(segments, m)?)?;
    m.add_function(wrap_pyfunction!(split_sentences, m)?)?;
    Ok(())
}
