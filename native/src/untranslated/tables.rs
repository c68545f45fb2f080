//! Tables of words the untranslated pack looks words up in, laid out for the processor's caches.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use crate::pystr::Ch;

/// The Fx hash (rustc's): the tables are keyed by short words, which SipHash, the
/// standard one, spends most of its time setting up for.
#[derive(Default, Clone, Copy)]
pub(super) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.write_u64(u64::from_le_bytes(chunk.try_into().unwrap()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.write_u64(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.write_u64(byte as u64);
    }

    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(super) type FxBuild = BuildHasherDefault<Fx>;
pub(super) type Words = HashSet<String, FxBuild>;

/// Verdicts on recent words, by process (copy's words come back story after story), kept
/// with the words themselves: a table of strings, like the dictionary, misses the
/// processor's caches twice a lookup (slot, then string). Most words of copy are short
/// and ASCII: they are kept packed in eight bytes, eight to a cache line, so the table
/// of a whole run's common words stays in the caches; the others are kept with their
/// UTF-8, two to a cache line.
pub(super) struct Recent {
    short: Box<[Line]>,
    long: Box<[[[u64; 4]; 2]]>,
}

impl Recent {
    pub(super) fn new() -> Self {
        Recent {
            short: vec![Line([0; 8]); SHORT_LINES].into_boxed_slice(),
            long: vec![[[0; 4]; 2]; LONG_PAIRS].into_boxed_slice(),
        }
    }

    /// Where the verdict on `word` (packed as `packing`) is kept, its cache line asked for now.
    #[inline]
    pub(super) fn place<T: Ch>(&self, word: &[T], packing: Packing) -> Place {
        if let Some(key) = packing.key() {
            prefetch(&self.short[Line::of(key)]);
            Place::Short(key)
        } else if let Some(key) = long_key(word) {
            prefetch(&self.long[long_pair(&key)]);
            Place::Long(key)
        } else {
            Place::Unkept
        }
    }

    /// The verdict kept at `place`, or else found by `judge` and kept.
    #[inline]
    pub(super) fn verdict(&mut self, place: &Place, judge: impl FnOnce() -> u8) -> u8 {
        match *place {
            Place::Short(key) => {
                let line = &mut self.short[Line::of(key)].0;
                // Every slot is compared, without a branch: a word is kept once, and which
                // slot holds it cannot be foreseen.
                let kept = line.iter().fold(0, |kept, &slot| {
                    kept | if slot & SHORT_KEY == key { slot } else { 0 }
                });
                if kept != 0 {
                    return (kept >> SHORT_KEY.count_ones()) as u8;
                }
                let verdict = judge();
                debug_assert!(verdict >> (64 - SHORT_KEY.count_ones()) == 0);
                line.copy_within(..7, 1); // the oldest word goes
                line[0] = key | (verdict as u64) << SHORT_KEY.count_ones();
                verdict
            }
            Place::Long(key) => {
                let pair = &mut self.long[long_pair(&key)];
                let same = |slot: &[u64; 4]| slot[..3] == key[..3] && slot[3] << 8 == key[3] << 8;
                if let Some(slot) = pair.iter().find(|slot| same(slot)) {
                    return (slot[3] >> 56) as u8 & !KEPT;
                }
                let verdict = judge();
                pair[1] = pair[0]; // kept first in its pair, the word kept there before moving second
                pair[0] = key;
                pair[0][3] |= ((verdict | KEPT) as u64) << 56;
                verdict
            }
            Place::Unkept => judge(),
        }
    }

    /// The words kept.
    pub(super) fn words(&self) -> Vec<String> {
        let short = self
            .short
            .iter()
            .flat_map(|line| line.0)
            .filter(|&slot| slot != 0);
        let long = self.long.iter().flatten().filter(|slot| slot[3] >> 63 != 0);
        short
            .map(|slot| {
                (0..SHORT_LETTERS)
                    .map(|k| (slot >> (6 * k)) as u8 & 0x3f)
                    .take_while(|&s| s != 0)
                    .map(|s| SHORT_ALPHABET[s as usize - 1])
                    .collect()
            })
            .chain(long.map(|slot| {
                let bytes: Vec<u8> = slot
                    .iter()
                    .flat_map(|k| k.to_le_bytes())
                    .take_while(|&b| b != 0)
                    .collect();
                String::from_utf8_lossy(&bytes).into_owned()
            }))
            .collect()
    }
}

/// Where a word's verdict is kept: by its packed letters, by its UTF-8, or (a word too
/// long) not at all.
pub(super) enum Place {
    Short(u64),
    Long([u64; 4]),
    Unkept,
}

/// Asks for the cache line holding `what`, without waiting for it.
#[inline(always)]
fn prefetch<W>(what: &W) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing; SSE, which has it, is part of x86_64.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((what as *const W).cast());
    }
}

/// Cache lines of the table of short words (256 KB in all, eight words a line): at half
/// the size, the 5,000 short words of the benchmark's copy overflowed a few lines, whose
/// words then pushed each other out on every pass.
const SHORT_LINES: usize = 1 << 12;
/// The characters of a short word, each packed as its place here (1 on; 0 ends a word).
const SHORT_ALPHABET: [char; 55] = [
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's',
    't', 'u', 'v', 'w', 'x', 'y', 'z', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L',
    'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', '\'', '-', '’',
];
/// A short word has at most this many characters, six bits each.
const SHORT_LETTERS: usize = 10;
/// The bits of a short word's slot holding the word; the verdict is above them.
const SHORT_KEY: u64 = (1 << (6 * SHORT_LETTERS)) - 1;

#[repr(align(64))]
#[derive(Clone, Copy)]
struct Line([u64; 8]);

impl Line {
    fn of(key: u64) -> usize {
        (key.wrapping_mul(0x51_7c_c1_b7_27_22_0a_95) >> (64 - SHORT_LINES.trailing_zeros()))
            as usize
    }
}

/// The symbol of each ASCII character of SHORT_ALPHABET (its place, from 1), 0 for the others.
static ASCII_SYMBOLS: [u8; 128] = {
    let mut symbols = [0u8; 128];
    let mut i = 0;
    while i < SHORT_ALPHABET.len() {
        if (SHORT_ALPHABET[i] as u32) < 128 {
            symbols[SHORT_ALPHABET[i] as usize] = i as u8 + 1;
        }
        i += 1;
    }
    symbols
};
/// The symbol of ’, the one character of SHORT_ALPHABET beyond ASCII.
const CURLY: u64 = SHORT_ALPHABET.len() as u64;
const _: () = assert!(SHORT_ALPHABET[SHORT_ALPHABET.len() - 1] == '’');

/// A word packed for the table of short words a character at a time, as it is read
/// (`word_end`): the screen reads each word once. A character's symbol is looked up, not
/// decided by a branch per kind of character (a capital or an apostrophe cannot be foreseen).
#[derive(Default, Clone, Copy)]
pub(super) struct Packing {
    key: u64,
    length: u32,
    foreign: bool,
}

impl Packing {
    #[inline(always)]
    pub(super) fn push(&mut self, c: u32) {
        let symbol = match ASCII_SYMBOLS.get(c as usize) {
            Some(&symbol) => symbol as u64,
            None => CURLY * (c == 0x2019) as u64,
        };
        self.foreign |= symbol == 0;
        self.key |= symbol.checked_shl(6 * self.length).unwrap_or(0);
        self.length += 1;
    }

    /// The packing of the `n` ASCII letters that begin `window` (of SHORT_LETTERS
    /// characters or more), as `push` gives it: the first SHORT_LETTERS characters are
    /// packed, then those past the word masked off, without a branch on `n`.
    #[inline(always)]
    pub(super) fn ascii_letters<T: Ch>(window: &[T], n: usize) -> Self {
        let key = window[..SHORT_LETTERS]
            .iter()
            .enumerate()
            .fold(0u64, |key, (k, c)| {
                key | (ASCII_SYMBOLS[(c.code() & 0x7f) as usize] as u64) << (6 * k)
            });
        Packing {
            key: key & ((1u64 << (6 * n.min(SHORT_LETTERS))) - 1),
            length: n as u32,
            foreign: false,
        }
    }

    /// The packing of a whole word.
    pub(super) fn of<T: Ch>(word: &[T]) -> Self {
        let mut packing = Packing::default();
        word.iter().for_each(|c| packing.push(c.code()));
        packing
    }

    /// The word packed, if it has at most SHORT_LETTERS characters, all of SHORT_ALPHABET (never 0).
    fn key(self) -> Option<u64> {
        (self.length as usize <= SHORT_LETTERS && !self.foreign).then_some(self.key)
    }
}

/// Words of at most LONG_BYTES bytes of UTF-8 that are not short have their verdict kept
/// with their UTF-8: copy without spaces (Chinese, a URL) is one long word, not worth keeping.
const LONG_BYTES: usize = 30;
/// Pairs of slots of the table of long words (of 32 bytes each, 1 MB in all).
const LONG_PAIRS: usize = 1 << 14;
/// A long word's slot holds its verdict in its last byte, past every word's, with this
/// bit to tell a verdict of nothing from an empty slot.
const KEPT: u8 = 1 << 7;

/// A word of at most LONG_BYTES bytes of UTF-8 as 32 bytes: its UTF-8, then zeros (no
/// word holds a zero byte). The bytes are gathered eight at a time in a register: a word
/// written byte by byte and read back in eights would stall the processor.
fn long_key<T: Ch>(word: &[T]) -> Option<[u64; 4]> {
    if word.len() > LONG_BYTES {
        return None; // every character takes a byte or more
    }
    let (mut key, mut eight, mut n) = ([0u64; 4], 0u64, 0usize);
    for &c in word {
        let mut utf8 = [0u8; 4];
        let bytes: &[u8] = match c.code() {
            c @ 0..=0x7f => {
                utf8[0] = c as u8;
                &utf8[..1]
            }
            c => char::from_u32(c)?.encode_utf8(&mut utf8).as_bytes(),
        };
        if n + bytes.len() > LONG_BYTES {
            return None;
        }
        for &b in bytes {
            eight |= (b as u64) << (8 * (n % 8));
            n += 1;
            if n % 8 == 0 {
                key[n / 8 - 1] = std::mem::take(&mut eight);
            }
        }
    }
    if n % 8 != 0 {
        key[n / 8] = eight;
    }
    Some(key)
}

fn long_pair(key: &[u64; 4]) -> usize {
    let mut hasher = Fx::default();
    key.iter().for_each(|&k| hasher.write_u64(k));
    (hasher.finish() >> (64 - LONG_PAIRS.trailing_zeros())) as usize
}

/// A large set of words, kept in one string and found by a table of their places in it:
/// a hundred thousand words take two allocations (a set of strings makes one each, and
/// takes twice as long to build), and a lookup reads eight bytes of the table, then the word.
pub(super) struct WordSet {
    text: String,
    /// (start, end) of a word in `text`, or (0, 0) for none; at most half the slots are taken.
    slots: Vec<(u32, u32)>,
}

impl WordSet {
    /// `count` words or fewer, each kept once; the empty word is not among them.
    pub(super) fn new<'a>(count: usize, words: impl Iterator<Item = &'a str>) -> Self {
        let mut set = WordSet {
            text: String::with_capacity(8 * count),
            slots: vec![(0, 0); (2 * count).next_power_of_two()],
        };
        for word in words.filter(|w| !w.is_empty()) {
            if let Err(slot) = set.find(word) {
                let start = set.text.len() as u32;
                set.text.push_str(word);
                set.slots[slot] = (start, set.text.len() as u32);
            }
        }
        set
    }

    /// The slot holding `word`, or the empty one where it would go.
    fn find(&self, word: &str) -> Result<usize, usize> {
        let mut hasher = Fx::default();
        hasher.write(word.as_bytes());
        let mask = self.slots.len() - 1;
        let mut slot = (hasher.finish() >> 32) as usize & mask;
        loop {
            match self.slots[slot] {
                (0, 0) => return Err(slot),
                (start, end) if &self.text[start as usize..end as usize] == word => {
                    return Ok(slot)
                }
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    pub(super) fn contains(&self, word: &str) -> bool {
        !word.is_empty() && self.find(word).is_ok()
    }

    pub(super) fn words(&self) -> impl Iterator<Item = &str> {
        self.slots
            .iter()
            .filter(|&&(_, end)| end > 0)
            .map(|&(start, end)| &self.text[start as usize..end as usize])
    }
}
