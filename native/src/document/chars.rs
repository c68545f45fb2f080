//! The character classes the document pass asks, answered as the Python it replaced answered:
//! pychars for the `regex` module's properties (`\p{Cf}` among them), its `\s` and
//! `str.isspace`. Code units are code points here; a lone
//! surrogate has none of these properties (it shows, as the `regex` module sees it).

use crate::pychars::{code_is as has, CF, ISSPACE, L, LL, LU, N, P, REGEX_SPACE};
use crate::pystr::Ch;

/// The first index from `from` on whose code point passes `hit`, else t.len().
///
/// Blocks of 32 code points are tested whole first, each in one pass without branches that
/// the compiler makes vector instructions of: most of a text holds no line break and no
/// quote mark, and is passed over a block at a time. `hit` should be comparisons joined
/// with `|`, not `||`, so that it has no branch either.
#[inline]
pub fn find<T: Ch>(t: &[T], from: usize, hit: impl Fn(u32) -> bool + Copy) -> usize {
    const BLOCK: usize = 32;
    let mut i = from;
    while i + BLOCK <= t.len()
        && !t[i..i + BLOCK]
            .iter()
            .fold(false, |any, c| any | hit(c.code()))
    {
        i += BLOCK;
    }
    t[i..]
        .iter()
        .position(|c| hit(c.code()))
        .map_or(t.len(), |at| i + at)
}

/// A line break, \n or \r.
#[inline]
pub fn line_break(c: u32) -> bool {
    (c == 0x0a) | (c == 0x0d)
}

/// `\s` of the `regex` module (Unicode White_Space).
#[inline]
pub fn space(c: u32) -> bool {
    has(c, REGEX_SPACE)
}

/// `str.isspace`: `\s` and the separators \x1c-\x1f.
#[inline]
pub fn py_space(c: u32) -> bool {
    has(c, ISSPACE)
}

/// `\p{L}`.
#[inline]
pub fn letter(c: u32) -> bool {
    has(c, L)
}

/// `\p{Lu}`.
#[inline]
pub fn upper(c: u32) -> bool {
    has(c, LU)
}

/// `\p{Ll}`.
#[inline]
pub fn lower(c: u32) -> bool {
    has(c, LL)
}

/// `[\p{L}\p{N}]`.
#[inline]
pub fn letter_or_number(c: u32) -> bool {
    has(c, L | N)
}

/// `\p{Lu}` or `\p{N}`.
#[inline]
pub fn upper_or_number(c: u32) -> bool {
    has(c, LU | N)
}

/// `\p{P}`.
#[inline]
pub fn punctuation(c: u32) -> bool {
    has(c, P)
}

/// What `[^\s\p{Cc}\p{Cf}]` matches: a character that shows.
#[inline]
pub fn visible(c: u32) -> bool {
    !(space(c) || c < 0x20 || (0x7f..=0x9f).contains(&c) || format(c))
}

fn format(c: u32) -> bool {
    c >= 0xad && has(c, CF)
}
