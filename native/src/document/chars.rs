//! The character classes the document pass asks, answered as the Python it replaced answered:
//! the `regex` module's properties (generated tables in `props`), its `\s`, and `str.isspace`.

use super::props;

fn in_table(table: &[(u32, u32)], c: u32) -> bool {
    table
        .binary_search_by(|&(low, high)| {
            if high < c {
                std::cmp::Ordering::Less
            } else if low > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `\s` of the `regex` module (Unicode White_Space), the `_SPACE` of document.py.
#[inline]
pub fn space(c: u32) -> bool {
    matches!(c, 0x09..=0x0d | 0x20 | 0x85 | 0xa0 | 0x1680 | 0x2000..=0x200a | 0x2028 | 0x2029 | 0x202f | 0x205f | 0x3000)
}

/// `str.isspace`: `\s` and the separators \x1c-\x1f.
#[inline]
pub fn py_space(c: u32) -> bool {
    space(c) || (0x1c..=0x1f).contains(&c)
}

/// `\p{L}`.
#[inline]
pub fn letter(c: u32) -> bool {
    if c < 0x80 {
        (c | 0x20).wrapping_sub(b'a' as u32) < 26
    } else {
        in_table(&props::LETTER, c)
    }
}

/// `\p{Lu}`.
#[inline]
pub fn upper(c: u32) -> bool {
    if c < 0x80 {
        c.wrapping_sub(b'A' as u32) < 26
    } else {
        in_table(&props::UPPER, c)
    }
}

/// `\p{Ll}`.
#[inline]
pub fn lower(c: u32) -> bool {
    if c < 0x80 {
        c.wrapping_sub(b'a' as u32) < 26
    } else {
        in_table(&props::LOWER, c)
    }
}

/// `\p{N}`.
#[inline]
pub fn number(c: u32) -> bool {
    if c < 0x80 {
        c.wrapping_sub(b'0' as u32) < 10
    } else {
        in_table(&props::NUMBER, c)
    }
}

/// `\p{P}`.
#[inline]
pub fn punctuation(c: u32) -> bool {
    in_table(&props::PUNCTUATION, c)
}

/// What `[^\s\p{Cc}\p{Cf}]` matches: a character that shows.
#[inline]
pub fn visible(c: u32) -> bool {
    !(space(c) || c < 0x20 || (0x7f..=0x9f).contains(&c) || in_table(&props::FORMAT, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_fast_paths_match_the_tables() {
        for c in 0..0x80u32 {
            assert_eq!(letter(c), in_table(&props::LETTER, c), "{c}");
            assert_eq!(upper(c), in_table(&props::UPPER, c), "{c}");
            assert_eq!(lower(c), in_table(&props::LOWER, c), "{c}");
            assert_eq!(number(c), in_table(&props::NUMBER, c), "{c}");
        }
    }
}
