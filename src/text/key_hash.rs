//! One 64-bit hash per token key, computed once when a document is analysed
//! ([`super::Analysis::key_hash`]), so a lexicon keyed by these hashes is
//! probed with an integer instead of hashing the key again at every probe.
//! A table keyed by hash keeps the key itself and compares it on a hit: two
//! keys with the same hash are told apart, never confused.

use std::hash::{BuildHasherDefault, Hasher};

/// The hash of a key (a token's, a clitic stem's, a lexicon entry's): the
/// one [`super::Analysis::key_hash`] gives for a token with that key. Eight
/// bytes are folded in at a time (most keys take two steps), then the high
/// bits are mixed into the low ones, which pick a map's bucket.
#[inline]
pub fn key_hash(key: &str) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let bytes = key.as_bytes();
    // The length starts the fold: keys that differ by trailing zero
    // bytes of the last step do not collide.
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    h ^= h >> 32;
    h = h.wrapping_mul(K);
    h ^ (h >> 29)
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
    fn a_token_hash_is_the_hash_of_its_key() {
        let a = crate::text::scan("وقال الرئيس بوتين، في 2015 للصين");
        for i in 0..a.len() {
            assert_eq!(a.key_hash(i), key_hash(a.key(i)), "{}", a.key(i));
        }
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
