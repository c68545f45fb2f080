//! cleanup's native core, imported as `cleanup._native`.
//!
//! Each module holds one pass that walks a document word by word, the work a Python loop
//! makes slow. Offsets crossing into Python are code-point offsets into the document's text,
//! as everywhere in cleanup.

use pyo3::prelude::*;

mod candidates;
pub mod consistency;
mod document;
mod duplicate;
mod encoding;
mod packscan;
pub mod pychars;
mod pystr;
pub mod untranslated;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    pychars::register(m)?;
    document::register(m)?;
    candidates::register(m)?;
    consistency::register(m)?;
    duplicate::register(m)?;
    encoding::register(m)?;
    packscan::register(m)?;
    untranslated::register(m)?;
    Ok(())
}
