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

/// Words of at most this many bytes have their verdict kept in the `Recent` cache: copy
/// without spaces (Chinese, a URL) is one long word, not worth keeping.
const RECENT_BYTES: usize = 30;
/// Pairs of slots of the `Recent` cache (of 32 bytes each, 1 MB in all): copy's common words.
const RECENT_PAIRS: usize = 1 << 14;

/// A word of at most RECENT_BYTES bytes of UTF-8 as 32 bytes: its UTF-8, then zeros (no
/// word holds a zero byte). The bytes are gathered eight at a time in a register: a word
/// written byte by byte and read back in eights would stall the processor.
pub(super) fn recent_key<T: Ch>(word: &[T]) -> Option<[u64; 4]> {
    if word.len() > RECENT_BYTES {
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
        if n + bytes.len() > RECENT_BYTES {
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

/// Verdicts on recent words, by process (copy's words come back story after story), kept
/// with the words' own bytes, two slots for each hash: a table of strings, like the
/// dictionary, misses the processor's caches twice a lookup (slot, then string), and
/// most words of copy are found here in one. A slot's last byte, past every word's, holds
/// the verdict, and one more bit to tell a verdict of nothing from an empty slot.
pub(super) struct Recent(Box<[[[u64; 4]; 2]]>);

const KEPT: u8 = 1 << 7;

impl Recent {
    pub(super) fn new() -> Self {
        Recent(vec![[[0; 4]; 2]; RECENT_PAIRS].into_boxed_slice())
    }

    pub(super) fn pair(key: &[u64; 4]) -> usize {
        let mut hasher = Fx::default();
        key.iter().for_each(|&k| hasher.write_u64(k));
        (hasher.finish() >> (64 - RECENT_PAIRS.trailing_zeros())) as usize
    }

    pub(super) fn get(&self, key: &[u64; 4], pair: usize) -> Option<u8> {
        let word = |slot: &[u64; 4]| slot[..3] == key[..3] && slot[3] << 8 == key[3] << 8;
        self.0[pair]
            .iter()
            .find(|slot| word(slot))
            .map(|slot| (slot[3] >> 56) as u8 & !KEPT)
    }

    /// Kept first in its pair, the word kept there before moving second.
    pub(super) fn put(&mut self, key: &[u64; 4], pair: usize, verdict: u8) {
        let slots = &mut self.0[pair];
        slots[1] = slots[0];
        slots[0] = *key;
        slots[0][3] |= ((verdict | KEPT) as u64) << 56;
    }

    /// The words kept.
    pub(super) fn words(&self) -> Vec<String> {
        let kept = self.0.iter().flatten().filter(|slot| slot[3] >> 63 != 0);
        kept.map(|slot| {
            let bytes: Vec<u8> = slot
                .iter()
                .flat_map(|k| k.to_le_bytes())
                .take_while(|&b| b != 0)
                .collect();
            String::from_utf8_lossy(&bytes).into_owned()
        })
        .collect()
    }
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
