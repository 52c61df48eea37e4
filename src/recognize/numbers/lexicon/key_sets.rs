//! The bit sets in front of the lexicon index: a Bloom filter of its keys
//! ([`KeyFilter`]), and the two-character endings and beginnings of keys
//! ([`StemEndings`], [`KeyBeginnings`]), so that most words are turned
//! away with a bit test before any hash table probe.

/// A Bloom filter of the index keys: most token keys are in no table, and
/// two bit tests on a hash of the key's length, first and last eight bytes
/// reject them before any hash table probe (a false "maybe" only costs the
/// probe).
#[derive(Debug, Default)]
pub(crate) struct KeyFilter {
    bits: Vec<u64>,
}

impl KeyFilter {
    /// Bits in the filter: 2^16 (8 KiB).
    const SIZE_LOG2: u32 = 16;

    fn hash(key: &str) -> u64 {
        let b = key.as_bytes();
        let n = b.len();
        let u64_at = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default());
        let u32_at = |at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap_or_default());
        let (head, tail) = match n {
            8.. => (u64_at(0), u64_at(n - 8)),
            4..=7 => (u32_at(0) as u64, u32_at(n - 4) as u64),
            1..=3 => (
                b[0] as u64,
                (b[n - 1] as u64) << 8 | (b[n / 2] as u64) << 16,
            ),
            0 => (0, 0),
        };
        let x = head ^ tail.rotate_left(29) ^ ((n as u64) << 56);
        x.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }

    /// The two bit positions of a key.
    #[inline]
    fn positions(key: &str) -> [usize; 2] {
        let h = Self::hash(key);
        let mask = (1usize << Self::SIZE_LOG2) - 1;
        [(h >> 40) as usize & mask, (h >> 20) as usize & mask]
    }

    pub(crate) fn insert(&mut self, key: &str) {
        if self.bits.is_empty() {
            self.bits = vec![0; (1 << Self::SIZE_LOG2) / 64];
        }
        for p in Self::positions(key) {
            self.bits[p / 64] |= 1 << (p % 64);
        }
    }

    /// False when the key was surely not inserted.
    #[inline]
    pub(crate) fn may_contain(&self, key: &str) -> bool {
        !self.bits.is_empty()
            && Self::positions(key)
                .iter()
                .all(|&p| self.bits[p / 64] & (1 << (p % 64)) != 0)
    }
}

/// The two-character endings of the index keys that have kind bits. A
/// stem after proclitics is a suffix of its word (with the article put back
/// in front after ل), so a word whose last two characters end no such key
/// has no stem in the index, and its clitic splits need not be walked.
#[derive(Debug, Default)]
pub(crate) struct StemEndings {
    bits: Vec<u64>,
    /// A key of one character has kind bits: the filter cannot tell, every
    /// word is walked.
    short_key: bool,
}

impl StemEndings {
    /// Bits in the set: 2^12 (512 bytes).
    const SIZE_LOG2: u32 = 12;

    /// The last two characters of `key`, `None` when it has fewer.
    #[inline]
    fn ending(key: &str) -> Option<&str> {
        let mut back = key.char_indices().rev();
        back.next()?;
        let (at, _) = back.next()?;
        Some(&key[at..])
    }

    #[inline]
    fn position(ending: &str) -> usize {
        let h = ending.bytes().fold(ending.len() as u64, |h, b| {
            (h << 8 | b as u64).rotate_left(3)
        });
        (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Self::SIZE_LOG2)) as usize
    }

    pub(crate) fn insert(&mut self, key: &str) {
        if self.bits.is_empty() {
            self.bits = vec![0; (1 << Self::SIZE_LOG2) / 64];
        }
        match Self::ending(key) {
            Some(e) => {
                let p = Self::position(e);
                self.bits[p / 64] |= 1 << (p % 64);
            }
            // Only a stem as short as the key could be it.
            None => self.short_key |= crate::text::clitics::MIN_STEM_CHARS < 2,
        }
    }

    /// Insert a key that a suffix of a word may be, a key of one character
    /// included (it ends every word that ends with its letter, which the
    /// set cannot tell: then every word passes).
    pub(crate) fn insert_suffix_key(&mut self, key: &str) {
        if Self::ending(key).is_some() {
            self.insert(key);
        } else if !key.is_empty() {
            self.short_key = true;
        }
    }

    /// False when no stem of `word` (a suffix of it, or the article and a
    /// suffix) can be a key inserted.
    #[inline]
    pub(crate) fn may_have_stem(&self, word: &str) -> bool {
        if self.short_key {
            return true;
        }
        match Self::ending(word) {
            Some(e) => {
                let p = Self::position(e);
                self.bits
                    .get(p / 64)
                    .is_some_and(|w| w & (1 << (p % 64)) != 0)
            }
            // A stem is never longer than its word.
            None => false,
        }
    }
}

/// The two-character beginnings of a table's keys (the one-word month
/// names), in a bit set as [`StemEndings`] keeps endings: a word whose first
/// two characters begin no such key starts with none of them.
#[derive(Debug, Default)]
pub(crate) struct KeyBeginnings {
    bits: Vec<u64>,
}

impl KeyBeginnings {
    /// The first two characters of `key`, `None` when it has fewer.
    #[inline]
    fn beginning(key: &str) -> Option<&str> {
        let mut chars = key.chars();
        let first = chars.next()?;
        let second = chars.next()?;
        Some(&key[..first.len_utf8() + second.len_utf8()])
    }

    /// Insert the first two characters of a key; a key of one character is
    /// left out: only what starts as a key of two or more is asked.
    pub(crate) fn insert(&mut self, key: &str) {
        if self.bits.is_empty() {
            self.bits = vec![0; (1 << StemEndings::SIZE_LOG2) / 64];
        }
        if let Some(b) = Self::beginning(key) {
            let p = StemEndings::position(b);
            self.bits[p / 64] |= 1 << (p % 64);
        }
    }

    /// False when no key of two characters or more inserted starts as
    /// `word` does.
    #[inline]
    pub(crate) fn may_begin(&self, word: &str) -> bool {
        Self::beginning(word).is_some_and(|b| {
            let p = StemEndings::position(b);
            self.bits
                .get(p / 64)
                .is_some_and(|w| w & (1 << (p % 64)) != 0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::KeyBeginnings;

    #[test]
    fn key_beginnings_pass_every_word_that_starts_as_a_key() {
        let mut beginnings = KeyBeginnings::default();
        assert!(
            !beginnings.may_begin("يناير"),
            "an empty set passes nothing"
        );
        for key in ["يناير", "فبراير", "مارس", "ا"] {
            beginnings.insert(key);
        }
        for word in ["يناير", "ينايرفبراير", "فبرايرمارس", "مارس", "ما"]
        {
            assert!(beginnings.may_begin(word), "{word}");
        }
        // Shorter than two characters: no key of two or more begins so,
        // and the one-letter key was left out.
        assert!(!beginnings.may_begin("ا"));
        assert!(!beginnings.may_begin(""));
    }
}
