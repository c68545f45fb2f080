//! Finding every literal of the packs' literal sets in a document at once (literals.py).
//!
//! A document is searched for some 3,600 literals (rule triggers, phrase tables, spelling
//! lists) and holds a handful of them. An Aho–Corasick automaton takes one transition per
//! character, each a look-up in tables too large to stay in cache between documents. Here
//! almost every position is ruled out by a few bits, small tables that stay in cache: the
//! hash of the four code points that start there against the hashes of the literals' first
//! four, and for the few shorter literals the same with their first two code points or
//! their one; where the four pass, the first eight of the long literals are sieved too (a
//! common start of long literals, `in the `, would otherwise walk the trie a level a cache
//! line). Only positions that pass walk a trie of the literals, which finds every literal
//! starting there; so every occurrence is found, overlaps included, in order.

use std::collections::BTreeMap;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyFrozenSet, PyList, PyString};

use crate::pystr::{with_code_points, Ch};

#[derive(Default)]
struct Node {
    /// (code point, child), sorted by code point.
    children: Vec<(u32, u32)>,
    /// The literal that ends here, by index.
    literal: Option<u32>,
}

/// A trie node as searched: its children are `edges[first..first + count]`. Nodes are
/// numbered breadth first and their edges laid out in that order, so a walk reads a few
/// neighbouring cache lines where nodes with child lists of their own scattered the reads
/// over the heap (the search runs between other rules, which push the trie out of cache).
#[derive(Clone, Copy)]
struct Flat {
    first: u32,
    count: u32,
    /// The literal that ends here, or `NONE`.
    literal: u32,
}

const NONE: u32 = u32::MAX;
/// More than one literal of one code point shares a low byte (see `Literals::singles`).
const MANY: u32 = u32::MAX - 1;

/// The trie built node by node, laid out breadth first; `renumber[old]` is a node's new number.
fn flatten(nodes: &[Node]) -> (Vec<Flat>, Vec<(u32, u32)>, Vec<u32>) {
    let mut order = vec![0u32];
    let mut renumber = vec![0u32; nodes.len()];
    let mut k = 0;
    while k < order.len() {
        let old = order[k] as usize;
        renumber[old] = k as u32;
        order.extend(nodes[old].children.iter().map(|&(_, child)| child));
        k += 1;
    }
    let (mut flat, mut edges) = (Vec::with_capacity(nodes.len()), Vec::new());
    for &old in &order {
        let node = &nodes[old as usize];
        flat.push(Flat {
            first: edges.len() as u32,
            count: node.children.len() as u32,
            literal: node.literal.unwrap_or(NONE),
        });
        edges.extend(
            node.children
                .iter()
                .map(|&(cp, child)| (cp, renumber[child as usize])),
        );
    }
    (flat, edges, renumber)
}

/// Prefixes with the nodes they lead to, in the breadth-first numbering.
fn renumbered(prefixes: Vec<([u32; 4], u32)>, renumber: &[u32]) -> Vec<([u32; 4], u32)> {
    prefixes
        .into_iter()
        .map(|(prefix, node)| (prefix, renumber[node as usize]))
        .collect()
}

/// A hash of a prefix: its code points spread over 64 bits, then one multiplication
/// (the code points are folded independently, so the hash costs a few cycles a position).
#[inline]
fn hash<const K: usize>(prefix: &[u32; K], bits: u32) -> usize {
    let mut key = 0u64;
    for (k, &cp) in prefix.iter().enumerate() {
        key ^= (cp as u64) << (k * 64 / K);
    }
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
}

/// One bit per hash of the first `K` code points of some literals: where none of them can start.
struct Sieve<const K: usize> {
    log_bits: u32,
    bits: Vec<u64>,
}

impl<const K: usize> Sieve<K> {
    fn new<'a>(prefixes: impl Iterator<Item = &'a [u32; K]>, log_bits: u32) -> Self {
        let mut bits = vec![0u64; 1 << (log_bits - 6)];
        for prefix in prefixes {
            let h = hash(prefix, log_bits);
            bits[h >> 6] |= 1 << (h & 63);
        }
        Sieve { log_bits, bits }
    }

    /// Whether one of the literals may start at `s[i..]`.
    #[inline]
    fn holds<T: Copy + Into<u32>>(&self, s: &[T], i: usize) -> bool {
        if i + K > s.len() {
            return false;
        }
        let prefix: [u32; K] = std::array::from_fn(|k| s[i + k].into());
        let h = hash(&prefix, self.log_bits);
        self.bits[h >> 6] >> (h & 63) & 1 != 0
    }
}

/// Where the literals of one length class may start: a sieve of their first `K` code
/// points, and the trie node those `K` lead to.
struct Gate<const K: usize> {
    /// 2^16 bits (8 KB) against the packs' hundreds of four-code-point prefixes: small
    /// enough to stay in cache and large enough to let few other positions through.
    sieve: Sieve<K>,
    /// Open addressing by the prefix's hash; node 0 (the root) marks an empty slot.
    nodes: Vec<([u32; K], u32)>,
}

impl<const K: usize> Gate<K> {
    fn new(mut prefixes: Vec<([u32; K], u32)>, log_bits: u32) -> Self {
        prefixes.sort_unstable();
        prefixes.dedup(); // a prefix that several literals share is entered once
        let slots = (prefixes.len() * 2).next_power_of_two().max(2);
        let mut gate = Gate {
            sieve: Sieve::new(prefixes.iter().map(|(prefix, _)| prefix), log_bits),
            nodes: vec![([0; K], 0); slots],
        };
        for &(prefix, node) in &prefixes {
            let slot = gate.slot(&prefix);
            gate.nodes[slot] = (prefix, node);
        }
        gate
    }

    /// The slot of `prefix`: where it is, or the empty slot it would take.
    fn slot(&self, prefix: &[u32; K]) -> usize {
        let mask = self.nodes.len() - 1;
        let mut slot = hash(prefix, 64) & mask;
        while self.nodes[slot].1 != 0 && self.nodes[slot].0 != *prefix {
            slot = (slot + 1) & mask;
        }
        slot
    }

    /// The trie node that the `K` code points at `s[i..]` lead to, if a gated literal starts so.
    fn node_at<T: Copy + Into<u32>>(&self, s: &[T], i: usize) -> Option<u32> {
        let prefix: [u32; K] = std::array::from_fn(|k| s[i + k].into());
        let (found, node) = self.nodes[self.slot(&prefix)];
        (node != 0 && found == prefix).then_some(node)
    }
}

/// The literals as a trie, with the gates that decide where to walk it: literals of one
/// to three code points are walked from the root where their first two (or their one)
/// stand, longer ones from the node of their first four.
#[pyclass(module = "cleanup._native", frozen)]
pub struct Literals {
    nodes: Vec<Flat>,
    edges: Vec<(u32, u32)>,
    /// Each literal as the Python string the caller gave, the key of its hits.
    keys: Vec<Py<PyString>>,
    /// The literal of one code point whose low byte is the index, `NONE` if there is none,
    /// `MANY` if several share it. Exact, not a flag per byte: a check's triggers include
    /// control characters and the Latin-1 range, whose low bytes the curly quotes and dashes
    /// of ordinary copy share (’ is U+2019), and each such position would walk the trie.
    singles: [u32; 256],
    /// The first two code points of the literals of two or three (the walk from the root
    /// that a pass starts tells which).
    pairs: Sieve<2>,
    /// The first four code points of the literals of four or more.
    quads: Gate<4>,
    /// Where the sieve of four lets a position through, it is walked only if a literal of
    /// four to seven may start there, or one of eight or more by its first eight: a common
    /// start of long literals (`in the ` of `in the framework of`) stops here, where a walk
    /// down the trie would read a cache line a level (the search runs between other rules,
    /// which push the trie out of cache).
    short_quads: Sieve<4>,
    eights: Sieve<8>,
}

type Hits = BTreeMap<u32, Vec<i64>>;

impl Literals {
    fn child(&self, node: u32, cp: u32) -> Option<u32> {
        let Flat { first, count, .. } = self.nodes[node as usize];
        let children = &self.edges[first as usize..(first + count) as usize];
        children
            .binary_search_by_key(&cp, |&(c, _)| c)
            .ok()
            .map(|i| children[i].1)
    }

    fn record(&self, node: u32, start: usize, hits: &mut Hits) {
        let literal = self.nodes[node as usize].literal;
        if literal != NONE {
            hits.entry(literal).or_default().push(start as i64);
        }
    }

    /// Walks down from `node` along `rest`, recording every literal passed as starting at `start`.
    fn walk<T: Copy + Into<u32>>(&self, mut node: u32, rest: &[T], start: usize, hits: &mut Hits) {
        for &u in rest {
            match self.child(node, u.into()) {
                Some(next) => node = next,
                None => return,
            }
            self.record(node, start, hits);
        }
    }

    fn search<T: Copy + Into<u32>>(&self, s: &[T]) -> Hits {
        let mut hits = Hits::new();
        let n = s.len();
        for i in 0..n {
            let c0: u32 = s[i].into();
            let single = self.singles[(c0 & 0xff) as usize];
            if single == c0 || single == MANY || self.pairs.holds(s, i) {
                self.walk(0, &s[i..n.min(i + 3)], i, &mut hits);
            }
            if self.quads.sieve.holds(s, i) {
                self.past_four_sieve(s, i, &mut hits);
            }
        }
        hits
    }

    /// Records the literals of four or more that start at `i`, a position the sieve of four
    /// let through: out of line, so that the loop over every position stays small.
    #[inline(never)]
    fn past_four_sieve<T: Copy + Into<u32>>(&self, s: &[T], i: usize, hits: &mut Hits) {
        if !self.short_quads.holds(s, i) && !self.eights.holds(s, i) {
            return;
        }
        if let Some(node) = self.quads.node_at(s, i) {
            self.record(node, i, hits);
            self.walk(node, &s[i + 4..], i, hits);
        }
    }
}

#[pymethods]
impl Literals {
    #[new]
    fn new(literals: Vec<Bound<'_, PyString>>) -> PyResult<Self> {
        let mut nodes = vec![Node::default()];
        let mut singles = [NONE; 256];
        let (mut pairs, mut quads) = (Vec::new(), Vec::new());
        let (mut short_quads, mut eights) = (Vec::new(), Vec::new());
        let mut keys = Vec::with_capacity(literals.len());
        for (index, literal) in literals.iter().enumerate() {
            // Code points as stored, a lone surrogate included.
            let cps: Vec<u32> =
                with_code_points!(literal, s => s.iter().map(|&u| u.code()).collect());
            let mut path = vec![0u32];
            for &cp in &cps {
                let node = *path.last().unwrap();
                let children = &nodes[node as usize].children;
                let next = match children.binary_search_by_key(&cp, |&(c, _)| c) {
                    Ok(i) => children[i].1,
                    Err(i) => {
                        let next = nodes.len() as u32;
                        nodes[node as usize].children.insert(i, (cp, next));
                        nodes.push(Node::default());
                        next
                    }
                };
                path.push(next);
            }
            let Some(&end) = path.last().filter(|_| !cps.is_empty()) else {
                return Err(pyo3::exceptions::PyValueError::new_err("an empty literal"));
            };
            nodes[end as usize].literal = Some(index as u32);
            match cps.len() {
                1 => {
                    let single = &mut singles[(cps[0] & 0xff) as usize];
                    *single = if *single == NONE || *single == cps[0] {
                        cps[0]
                    } else {
                        MANY
                    };
                }
                2 | 3 => pairs.push([cps[0], cps[1]]),
                len => {
                    let quad = [cps[0], cps[1], cps[2], cps[3]];
                    quads.push((quad, path[4]));
                    if len < 8 {
                        short_quads.push(quad);
                    } else {
                        eights.push(std::array::from_fn::<u32, 8, _>(|k| cps[k]));
                    }
                }
            }
            keys.push(literal.clone().unbind());
        }
        let (nodes, edges, renumber) = flatten(&nodes);
        Ok(Literals {
            nodes,
            edges,
            keys,
            singles,
            pairs: Sieve::new(pairs.iter(), 12),
            quads: Gate::new(renumbered(quads, &renumber), 16),
            short_quads: Sieve::new(short_quads.iter(), 13),
            eights: Sieve::new(eights.iter(), 16),
        })
    }

    /// Each literal found in `text`, mapped to its start offsets in order (overlaps
    /// included) as the bytes of an `array('q')`.
    fn find<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyString>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let hits = with_code_points!(text, s => self.search(s));
        let found = PyDict::new(py);
        for (literal, starts) in hits {
            let raw: Vec<u8> = starts.iter().flat_map(|s| s.to_ne_bytes()).collect();
            found.set_item(self.keys[literal as usize].bind(py), PyBytes::new(py, &raw))?;
        }
        Ok(found)
    }
}

/// Every start of the literals of `wanted` among a document's `hits` (as `Literals.find`
/// gives them), each with its literal, in order of start and, at one start, shorter first
/// (the literals found at one start are prefixes of each other, so this is the order of
/// `(start, literal)` tuples). Rules anchored at their triggers ask this of every document
/// that holds one: in Python the intersection, a cast of each literal's offsets and a sort
/// of tuples cost a microsecond a call.
#[pyfunction]
fn literal_starts<'py>(
    py: Python<'py>,
    hits: &Bound<'py, PyDict>,
    wanted: &Bound<'py, PyFrozenSet>,
) -> PyResult<Bound<'py, PyList>> {
    let mut found: Vec<(i64, usize, Bound<'py, PyAny>)> = Vec::new(); // (start, length, literal)
    let mut add = |literal: Bound<'py, PyAny>, raw: Bound<'py, PyAny>| -> PyResult<()> {
        let length = literal.len()?; // code points, a lone surrogate included
        for chunk in raw.cast::<PyBytes>()?.as_bytes().chunks_exact(8) {
            let start = i64::from_ne_bytes(chunk.try_into().expect("8 bytes"));
            found.push((start, length, literal.clone()));
        }
        Ok(())
    };
    // The smaller side is walked: a document finds a handful of literals, a set may hold thousands.
    if wanted.len() < hits.len() {
        for literal in wanted.iter() {
            if let Some(raw) = hits.get_item(&literal)? {
                add(literal, raw)?;
            }
        }
    } else {
        for (literal, raw) in hits.iter() {
            if wanted.contains(&literal)? {
                add(literal, raw)?;
            }
        }
    }
    found.sort_unstable_by_key(|&(start, length, _)| (start, length));
    PyList::new(
        py,
        found
            .into_iter()
            .map(|(start, _, literal)| (start, literal)),
    )
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Literals>()?;
    m.add_function(wrap_pyfunction!(literal_starts, m)?)
}
