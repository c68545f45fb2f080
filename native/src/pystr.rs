//! Python strings as the native passes read them.
//!
//! In place, in CPython's own storage (one, two or four bytes a code point), an index is
//! the code-point offset Python uses and nothing is copied: a `&str` argument would borrow
//! UTF-8 that CPython then keeps inside the string for as long as it lives, a second copy
//! of a 50 MB document.

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
