//! Building a document: paragraphs and their scopes, the dateline, quote-mark pairing, the
//! flat segments, and the sentences of a paragraph (cleanup/document.py, quotemarks.py;
//! sentences for duplicate.rs).
//!
//! These passes look at every character of every document before any rule runs; as
//! Python loops and patterns they cost as much as a whole rule pack. The text is read in
//! CPython's own storage (one, two or four bytes a code point), so an index into it is
//! the code-point offset Python uses, with no copy and no UTF-8 conversion.

use pyo3::ffi;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString, PyTuple, PyType};

mod blocks;
pub mod chars;
mod dateline;
mod quotemarks;
pub mod sentences; // for passes that read sentences natively

use crate::pystr::{with_code_points, Ch};

/// A span as model.Span's integer value: start above 32 bits, end below them (a format's
/// paragraphs come as such, and Spans are made of them).
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

/// The objects document.build hands the rules, made as Python makes them but without a
/// Python-level call each: a document's paragraphs and quotations are a tenth of its build.
struct Objects<'py> {
    /// model.Span, a subclass of int.
    span: Bound<'py, PyType>,
    /// document.Block, a named tuple (a subclass of tuple) of a span and a scope name.
    block: Bound<'py, PyType>,
    /// document.SCOPES, the scope names by index.
    scopes: Bound<'py, PyTuple>,
}

impl<'py> Objects<'py> {
    /// `int.__new__(Span, value)`: int's own constructor, called for its subclass with the
    /// one argument the Python call would pass, without the wrapper that checks the call.
    fn span(&self, (start, end): (usize, usize)) -> PyResult<Bound<'py, PyAny>> {
        let py = self.span.py();
        let args = PyTuple::new(py, [pack(start, end)])?;
        // SAFETY: int's tp_new, given a subtype of int (model.Span: `__slots__ = ()`, no
        // `__new__` of its own reaches here) and a tuple of one int, is what `int.__new__`
        // calls; it returns a new reference or NULL with an exception set.
        unsafe {
            let new = (*std::ptr::addr_of!(ffi::PyLong_Type))
                .tp_new
                .expect("int has a constructor");
            Bound::from_owned_ptr_or_err(
                py,
                new(self.span.as_type_ptr(), args.as_ptr(), std::ptr::null_mut()),
            )
        }
    }

    /// `tuple.__new__(Block, (span, scope))`, as the named tuple's own `__new__` makes it.
    fn block(&self, bounds: (usize, usize), scope: u8) -> PyResult<Bound<'py, PyAny>> {
        let py = self.span.py();
        let span = self.span(bounds)?;
        let name = self.scopes.get_item(scope as usize)?;
        // SAFETY: this is CPython's tuple_subtype_new for two items: the type's own tp_alloc
        // (document.Block is a tuple subclass with `__slots__ = ()`, so its instances are
        // tuples in layout) gives a tuple of two empty slots, each filled once with a new
        // reference before anything else sees it.
        unsafe {
            let tp = self.block.as_type_ptr();
            let alloc = (*tp).tp_alloc.expect("a type allocates");
            let made = alloc(tp, 2);
            if made.is_null() {
                return Err(PyErr::fetch(py));
            }
            ffi::PyTuple_SET_ITEM(made, 0, span.into_ptr());
            ffi::PyTuple_SET_ITEM(made, 1, name.into_ptr());
            Ok(Bound::from_owned_ptr(py, made))
        }
    }
}

/// Everything document.build makes of a text, in one call: each pass reads what the one
/// before found without a Python object between them, and a document crosses once.
///
/// `spans` are a format's paragraphs (those without a visible character are dropped) and
/// `scopes` their indices into document.SCOPES; without them the text's own paragraphs and
/// scopes are found; `span_type`, `block_type` and `scope_names` are model.Span,
/// document.Block and document.SCOPES. Returns (the blocks, the dateline's span or None, the
/// quote pairing, the segments). The pairing is its run starts, run glyphs, run roles,
/// quotations as spans, anomalies as flat (kind,
/// offset, opens, count) rows, and for each paragraph where the quotations opening in it
/// begin and end in theirs (machine i64 bytes); the segments are their starts, ends and
/// scopes as the bytes of document.Segments' arrays.
#[pyfunction]
fn build<'py>(
    text: &Bound<'py, PyString>,
    spans: Option<Vec<u64>>,
    scopes: Option<&[u8]>,
    span_type: Bound<'py, PyType>,
    block_type: Bound<'py, PyType>,
    scope_names: Bound<'py, PyTuple>,
) -> PyResult<Bound<'py, PyTuple>> {
    let py = text.py();
    let made = Objects {
        span: span_type,
        block: block_type,
        scopes: scope_names,
    };
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
        PyTuple::new(
            py,
            pairing
                .quotes
                .iter()
                .map(|&q| made.span(q))
                .collect::<PyResult<Vec<_>>>()?,
        )?,
        &pairing.anomalies,
        PyBytes::new(py, &cuts(|b| b.0)),
        PyBytes::new(py, &cuts(|b| b.1)),
    );
    let segments = (
        PyBytes::new(py, &column(0)),
        PyBytes::new(py, &column(1)),
        PyBytes::new(py, &segment_kinds),
    );
    let blocks: Vec<Bound<'py, PyAny>> = bounds
        .iter()
        .zip(&kinds)
        .map(|(&b, &k)| made.block(b, k))
        .collect::<PyResult<_>>()?;
    (
        PyTuple::new(py, blocks)?,
        dateline.map(|d| made.span(d)).transpose()?,
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
