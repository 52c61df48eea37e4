//! The gazetteer's (first key, second key) pairs as a bit set over the
//! keys' hashes. A token that some phrase starts with, before a token that
//! is some phrase's second word, mostly starts no phrase with that second
//! word: one bit read says so, where the phrase table would look up the
//! first key and then the second.

/// A bit set over the mixed [`crate::text::key_hash::key_hash`]es of key
/// pairs: a pair added is always held, a pair not added mostly is not.
#[derive(Debug, Default)]
pub(super) struct PairFilter {
    /// Empty: no pair was counted in, every pair may be held.
    bits: Box<[u64]>,
    /// 64 minus the number of bits a position takes.
    shift: u32,
}

/// Bits per pair: about one pair in eight not added reads as held.
const BITS_PER_PAIR: usize = 8;

impl PairFilter {
    /// A filter sized for `pairs` pairs.
    pub(super) fn with_capacity(pairs: usize) -> Self {
        let bits = (pairs.max(1) * BITS_PER_PAIR).next_power_of_two().max(64);
        PairFilter {
            bits: vec![0; bits / 64].into_boxed_slice(),
            shift: 64 - bits.trailing_zeros(),
        }
    }

    /// The bit of a pair.
    #[inline]
    fn position(&self, first: u64, second: u64) -> usize {
        ((first.rotate_left(26) ^ second).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift)
            as usize
    }

    /// Add the pair of keys with these hashes.
    pub(super) fn insert(&mut self, first: u64, second: u64) {
        let at = self.position(first, second);
        self.bits[at / 64] |= 1 << (at % 64);
    }

    /// Whether the pair of keys with these hashes may have been added
    /// (always, for a filter that never counted pairs in).
    #[inline]
    pub(super) fn may_hold(&self, first: u64, second: u64) -> bool {
        if self.bits.is_empty() {
            return true;
        }
        let at = self.position(first, second);
        self.bits[at / 64] & (1 << (at % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::key_hash::key_hash;

    #[test]
    fn every_pair_added_is_held_and_most_others_are_not() {
        let words: Vec<String> = (0..400).map(|n| format!("word{n}")).collect();
        let mut filter = PairFilter::with_capacity(200);
        for pair in words.chunks(2) {
            filter.insert(key_hash(&pair[0]), key_hash(&pair[1]));
        }
        for pair in words.chunks(2) {
            assert!(filter.may_hold(key_hash(&pair[0]), key_hash(&pair[1])));
        }
        let held = words
            .windows(2)
            .skip(1)
            .step_by(2)
            .filter(|w| filter.may_hold(key_hash(&w[0]), key_hash(&w[1])))
            .count();
        assert!(held < 60, "{held} of 199 pairs never added read as held");
        assert!(
            PairFilter::default().may_hold(1, 2),
            "an empty filter holds all"
        );
    }
}
