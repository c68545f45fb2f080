//! The dateline opening a body paragraph: `ANKARA (AA) — `, `NEW YORK, Nov. 3 -- `.
//!
//! The pattern it replaced, anchored at the paragraph's start and ending at its end:
//!
//! ```text
//! (?:\p{Lu}{2,24}\.?(?:[ -]\p{Lu}{2,24}\.?){0,5}|\p{Lu}{2}\. \p{Lu}{3,24})
//! (?:, [\p{L}\p{N}][^—–\n()]{1,39}?)?
//! (?: ?\([^()\n]{1,30}\))?
//!  ?(?:—|–|--|-) ?
//! ```
//!
//! Each step below tries its choices in the order the `regex` module's backtracking does
//! (greedy counts from the most down, the lazy one from the least up, an optional group
//! before its absence), so the first way through is the match the pattern gave
//! (tests/test_native_document.py compares the two on generated paragraphs). Counts are
//! bounded (capitals 24 to a word, six words): a paragraph of shouted words stays linear.

use super::chars::{letter_or_number, upper};
use crate::pystr::Ch;

struct Matcher<'a, T> {
    t: &'a [T],
    end: usize,
}

impl<T: Ch> Matcher<'_, T> {
    fn at(&self, i: usize) -> Option<u32> {
        (i < self.end).then(|| self.t[i].code())
    }

    fn is(&self, i: usize, c: char) -> bool {
        self.at(i) == Some(c as u32)
    }

    /// How many of at most `most` characters from `i` on pass `test`.
    fn run(&self, i: usize, most: usize, test: impl Fn(u32) -> bool) -> usize {
        (i..self.end.min(i + most))
            .take_while(|&j| test(self.t[j].code()))
            .count()
    }

    fn capitals(&self, i: usize, most: usize) -> usize {
        self.run(i, most, upper)
    }

    /// `\p{Lu}{least,24}\.?` from `i`, then `then` where each way ends.
    fn word(
        &self,
        i: usize,
        least: usize,
        then: &impl Fn(usize) -> Option<usize>,
    ) -> Option<usize> {
        (least..=self.capitals(i, 24)).rev().find_map(|n| {
            let after = i + n;
            if self.is(after, '.') {
                then(after + 1).or_else(|| then(after))
            } else {
                then(after)
            }
        })
    }

    /// `(?:[ -]\p{Lu}{2,24}\.?){0,5}` from `i`, `done` of them already, then the rest.
    fn more_words(&self, i: usize, done: usize) -> Option<usize> {
        if done < 5 && (self.is(i, ' ') || self.is(i, '-')) {
            if let Some(end) = self.word(i + 1, 2, &|j| self.more_words(j, done + 1)) {
                return Some(end);
            }
        }
        self.place(i)
    }

    /// `(?:, [\p{L}\p{N}][^—–\n()]{1,39}?)?` from `i`, then the rest.
    fn place(&self, i: usize) -> Option<usize> {
        if self.is(i, ',') && self.is(i + 1, ' ') && self.at(i + 2).is_some_and(letter_or_number) {
            let free = self.run(i + 3, 39, |c| {
                !matches!(c, 0x2014 | 0x2013 | 0x0a | 0x28 | 0x29)
            });
            if let Some(end) = (1..=free).find_map(|n| self.credit(i + 3 + n)) {
                return Some(end);
            }
        }
        self.credit(i)
    }

    /// `(?: ?\([^()\n]{1,30}\))?` from `i`, then the dash.
    fn credit(&self, i: usize) -> Option<usize> {
        let space = usize::from(self.is(i, ' '));
        for &open in &[i + space, i][..1 + space] {
            if self.is(open, '(') {
                let inside = self.run(open + 1, 30, |c| !matches!(c, 0x28 | 0x29 | 0x0a));
                for n in (1..=inside).rev() {
                    if self.is(open + 1 + n, ')') {
                        if let Some(end) = self.dash(open + 2 + n) {
                            return Some(end);
                        }
                    }
                }
            }
        }
        self.dash(i)
    }

    /// ` ?(?:—|–|--|-) ?` from `i`: whatever follows a dash, the match ends.
    fn dash(&self, i: usize) -> Option<usize> {
        let space = usize::from(self.is(i, ' '));
        [i + space, i][..1 + space].iter().find_map(|&at| {
            let after = if self.is(at, '—') || self.is(at, '–') {
                at + 1
            } else if self.is(at, '-') {
                at + if self.is(at + 1, '-') { 2 } else { 1 }
            } else {
                return None;
            };
            Some(if self.is(after, ' ') {
                after + 1
            } else {
                after
            })
        })
    }
}

/// Where a dateline opening t[start..end] ends, if one does.
pub fn find<T: Ch>(t: &[T], start: usize, end: usize) -> Option<usize> {
    let m = Matcher { t, end };
    if m.capitals(start, 2) < 2 {
        return None; // both forms open with two capitals: most paragraphs stop here
    }
    m.word(start, 2, &|j| m.more_words(j, 0)).or_else(|| {
        // `\p{Lu}{2}\. \p{Lu}{3,24}`: ST. LOUIS
        if m.is(start + 2, '.') && m.is(start + 3, ' ') {
            (3..=m.capitals(start + 4, 24))
                .rev()
                .find_map(|n| m.place(start + 4 + n))
        } else {
            None
        }
    })
}
