//! Name lexicons compiled for matching: the phrase table (the one of
//! [`crate::text::phrase_table`]), a cheap ending filter in front of it, and
//! word sets.

use rustc_hash::FxHashSet as HashSet;

pub use crate::text::phrase_table::{phrase_keys, PhraseMatch, PhraseTable};

/// A cheap test before a clitic-aware [`PhraseTable::may_start`] on a small
/// table: a word, and every clitic stem of it, ends in the word's last two
/// letters, so only words ending like one of the table's first words can
/// start a phrase. Bits are a hash of those two letters.
#[derive(Debug)]
pub struct EndingFilter {
    bits: [u64; 64],
    /// A first word of one letter: the filter lets every word through.
    everything: bool,
}

impl EndingFilter {
    /// The filter of a table's first words.
    pub fn of<T>(table: &PhraseTable<T>) -> Self {
        let mut filter = EndingFilter {
            bits: [0; 64],
            everything: false,
        };
        for (first, _) in table.first_words() {
            match ending_hash(first) {
                Some(h) => filter.bits[h / 64] |= 1 << (h % 64),
                None => filter.everything = true,
            }
        }
        filter
    }

    /// Whether a word with this key may start a phrase of the table.
    #[inline]
    pub fn may_pass(&self, key: &str) -> bool {
        self.everything
            || ending_hash(key).is_some_and(|h| self.bits[h / 64] & (1 << (h % 64)) != 0)
    }
}

/// A hash in `0..4096` of a word's last two characters (`None` for fewer).
fn ending_hash(key: &str) -> Option<usize> {
    let mut chars = key.chars().rev();
    let last = chars.next()? as usize;
    let before = chars.next()? as usize;
    Some((last.wrapping_mul(31) ^ before.wrapping_mul(131)) % 4096)
}

/// A set of single-word keys.
#[derive(Debug, Default)]
pub struct WordSet(HashSet<String>);

impl WordSet {
    /// Add a word (normalized to its key).
    pub fn insert(&mut self, word: &str) {
        let k = crate::text::key(word);
        if !k.is_empty() {
            self.0.insert(k);
        }
    }

    /// Add a word that is already a key (a token or phrase key), without
    /// normalizing it again: [`crate::text::key`] leaves a key as it is.
    pub fn insert_key(&mut self, key: &str) {
        debug_assert_eq!(crate::text::key(key), key);
        if !key.is_empty() && !self.0.contains(key) {
            self.0.insert(key.to_string());
        }
    }

    /// Whether the key is in the set.
    pub fn contains(&self, key: &str) -> bool {
        self.0.contains(key)
    }

    /// The words' keys.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
