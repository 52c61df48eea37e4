//! Static lookup tables precompiled by `build.rs` from the embedded rule
//! files, so the default run reads them where they lie in the binary instead
//! of parsing and hashing them at start-up. A table is a set of byte-string
//! keys, each with an index, in open addressing over byte blobs
//! (little-endian `u32`s): the keys one after another, where each ends, and
//! the slots (key index + 1, 0 for an empty slot).
//!
//! This file is also compiled into `build.rs` (by `#[path]`), so the builder
//! and the reader cannot disagree on the hash or the layout; it uses nothing
//! from the crate.

/// The hash of a key (FxHash-style over 8-byte words). Fixed here, not
/// taken from a crate, because the build script and the binary must agree.
pub fn hash(key: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = key.len() as u64;
    let mut chunks = key.chunks_exact(8);
    for chunk in chunks.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

/// The slots of a table of these keys: a power of two at least twice the
/// key count, each holding a key index + 1 or 0 (linear probing).
pub fn build_slots<'k>(keys: impl Iterator<Item = &'k [u8]>) -> Vec<u32> {
    let keys: Vec<&[u8]> = keys.collect();
    let size = (keys.len() * 2).next_power_of_two().max(8);
    let mask = size - 1;
    let mut slots = vec![0u32; size];
    for (index, key) in keys.iter().enumerate() {
        let mut at = hash(key) as usize & mask;
        while slots[at] != 0 {
            at = (at + 1) & mask;
        }
        slots[at] = index as u32 + 1;
    }
    slots
}

/// The little-endian bytes of a list of `u32`s (a blob of the table).
pub fn u32_blob(values: impl Iterator<Item = u32>) -> Vec<u8> {
    values.flat_map(u32::to_le_bytes).collect()
}

/// A table read from its blobs (see the module docs).
#[derive(Debug, Clone, Copy)]
pub struct StaticTable {
    /// The keys, one after another.
    pub keys: &'static [u8],
    /// Where each key ends in `keys` (`u32` little-endian each).
    pub ends: &'static [u8],
    /// The slots (`u32` little-endian each, a power of two of them).
    pub slots: &'static [u8],
}

/// The `n`th little-endian `u32` of a blob.
#[inline]
pub fn u32_at(blob: &[u8], n: usize) -> u32 {
    let mut word = [0u8; 4];
    word.copy_from_slice(&blob[n * 4..n * 4 + 4]);
    u32::from_le_bytes(word)
}

impl StaticTable {
    /// Number of keys.
    pub fn len(&self) -> usize {
        self.ends.len() / 4
    }

    /// Whether the table has no key.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Key number `index`.
    pub fn key(&self, index: usize) -> &'static [u8] {
        let start = if index == 0 {
            0
        } else {
            u32_at(self.ends, index - 1) as usize
        };
        &self.keys[start..u32_at(self.ends, index) as usize]
    }

    /// The index of a key, if the table has it.
    #[inline]
    pub fn get(&self, key: &[u8]) -> Option<usize> {
        let size = self.slots.len() / 4;
        if size == 0 {
            return None;
        }
        let mask = size - 1;
        let mut at = hash(key) as usize & mask;
        loop {
            let slot = u32_at(self.slots, at);
            if slot == 0 {
                return None;
            }
            let index = slot as usize - 1;
            if self.key(index) == key {
                return Some(index);
            }
            at = (at + 1) & mask;
        }
    }
}
