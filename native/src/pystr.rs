//! Python strings as the native passes read them.
//!
//! In place, in CPython's own storage (one, two or four bytes a code point), an index is
//! the code-point offset Python uses and nothing is copied. Passes written over `&str`
//! get UTF-8 for the length of one call: the UTF-8 that a `&str` argument borrows is kept
//! inside the Python string for as long as it lives, a second copy of a 50 MB document.

use pyo3::prelude::*;
use pyo3::types::PyString;

/// A code unit of CPython's string storage, as a code point.
pub(crate) trait Ch: Copy {
    fn code(self) -> u32;
}

impl<T: Copy + Into<u32>> Ch for T {
    #[inline]
    fn code(self) -> u32 {
        self.into()
    }
}

/// Runs `$body` with `$t` bound to the string's code points, a slice of u8, u16 or u32.
macro_rules! with_code_points {
    ($s:expr, $t:ident => $body:expr) => {{
        // SAFETY: `data` reads CPython's string layout (its kind bits, then its buffer), which
        // pyo3 decodes for the CPython it is built against (not under the limited API). The
        // slice borrows the storage of a str, immutable once made, which the caller's
        // reference keeps alive throughout; it is only read.
        match unsafe { $s.data()? } {
            pyo3::types::PyStringData::Ucs1($t) => $body,
            pyo3::types::PyStringData::Ucs2($t) => $body,
            pyo3::types::PyStringData::Ucs4($t) => $body,
        }
    }};
}
pub(crate) use with_code_points;

/// Runs `f` on the text as UTF-8: ASCII text is its own, other text is encoded for this
/// call only.
pub(crate) fn with_utf8<R>(text: &Bound<'_, PyString>, f: impl FnOnce(&str) -> R) -> PyResult<R> {
    // SAFETY: `text` is a str object; the macro only reads its ASCII flag.
    if unsafe { pyo3::ffi::PyUnicode_IS_ASCII(text.as_ptr()) } != 0 {
        return Ok(f(text.to_str()?)); // CPython's cached UTF-8 of ASCII is the string itself
    }
    let bytes = text.encode_utf8()?;
    // SAFETY: CPython has just encoded these bytes as UTF-8.
    Ok(f(unsafe {
        std::str::from_utf8_unchecked(bytes.as_bytes())
    }))
}
