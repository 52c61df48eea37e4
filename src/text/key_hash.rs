//! The hash of a token key, for lexicons probed by a hash computed once per
//! token: the names layer works out each word's hash once, with its
//! lexicon flags (`recognize/names/features.rs`), and every later probe of
//! that word passes the integer instead of hashing the key again. A table
//! keyed by these hashes keeps the key itself and compares it on a hit: two
//! keys with the same hash are told apart, never confused.

use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

/// The hash of a key (a token's, a clitic stem's, a lexicon entry's): the
/// one the names layer keeps per token. It is the hash an `FxHashMap` keyed by strings takes (fast on short keys, its
/// high and low bits both mixed, as the maps' buckets and tags need).
#[inline]
pub fn key_hash(key: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(key)
}

/// A hasher for keys that are already [`key_hash`]es: it passes the
/// integer through.
#[derive(Debug, Default, Clone, Copy)]
pub struct KeyHashHasher(u64);

impl Hasher for KeyHashHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed with it; anything else is folded in.
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by [`key_hash`]es.
pub type KeyHashMap<V> = std::collections::HashMap<u64, V, BuildHasherDefault<KeyHashHasher>>;

/// A set of [`key_hash`]es.
pub type KeyHashSet = std::collections::HashSet<u64, BuildHasherDefault<KeyHashHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_differ_hash_apart() {
        assert_eq!(key_hash("الصين"), key_hash("الصين"));
        assert_ne!(key_hash("الصين"), key_hash("الصينى"));
        assert_ne!(key_hash("ab"), key_hash("ab\0"));
        assert_ne!(key_hash(""), key_hash("\0"));
    }

    #[test]
    fn hashes_pass_through_the_maps() {
        let mut map: KeyHashMap<u32> = KeyHashMap::default();
        map.insert(key_hash("روسيا"), 7);
        assert_eq!(map.get(&key_hash("روسيا")), Some(&7));
        assert_eq!(map.get(&key_hash("روسي")), None);
        let mut h = KeyHashHasher::default();
        h.write_u64(42);
        assert_eq!(h.finish(), 42);
    }
}
