//! Name lexicons compiled for matching: the phrase table (the one of
//! [`crate::text::phrase_table`]), a cheap ending filter in front of it, and
//! word sets, some read from the tables `build.rs` precompiled.

use rustc_hash::FxHashSet as HashSet;

use crate::rules::static_table::StaticTable;
use crate::rules::RuleFiles;
use crate::text::key_hash::{key_hash, KeyHashSet};

pub use crate::text::phrase_table::{phrase_keys, Matches, PhraseMatch, PhraseTable};

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

    /// The filter of a set of single-word keys (cue words).
    pub fn of_words<'w>(words: impl IntoIterator<Item = &'w str>) -> Self {
        let mut filter = EndingFilter {
            bits: [0; 64],
            everything: false,
        };
        for word in words {
            match ending_hash(word) {
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
#[inline]
fn ending_hash(key: &str) -> Option<usize> {
    let mix =
        |last: usize, before: usize| (last.wrapping_mul(31) ^ before.wrapping_mul(131)) % 4096;
    // Two 2-byte characters at the end (Arabic letters): decoded off the
    // bytes. A lead byte 110x_xxxx two bytes from the end starts the last
    // character, and one four bytes from the end the one before.
    let b = key.as_bytes();
    if let [.., b0, b1, b2, b3] = *b {
        if b0 & 0xE0 == 0xC0 && b2 & 0xE0 == 0xC0 {
            let before = ((b0 as usize & 0x1F) << 6) | (b1 as usize & 0x3F);
            let last = ((b2 as usize & 0x1F) << 6) | (b3 as usize & 0x3F);
            return Some(mix(last, before));
        }
    }
    let mut chars = key.chars().rev();
    let last = chars.next()? as usize;
    let before = chars.next()? as usize;
    Some(mix(last, before))
}

/// A word set `build.rs` precompiled (`write_word_sets`): the keys of one
/// column of the rule files `files` (the given names, the family names, the
/// stop words), as [`WordSet::insert`] of each cell would add them.
#[derive(Debug, Clone, Copy)]
pub(super) struct PrecompiledWordSet {
    files: &'static [&'static str],
    words: StaticTable,
}

// `PRECOMPILED_GIVEN`, `PRECOMPILED_FAMILY`, `PRECOMPILED_STOP`: the sets of
// the embedded files, or `None` when `build.rs` left them to run time.
include!(concat!(env!("OUT_DIR"), "/word_sets.rs"));

/// A set of single-word keys: those inserted at run time, and possibly a
/// table `build.rs` precompiled from an embedded rule file.
#[derive(Debug, Default)]
pub struct WordSet {
    words: HashSet<String>,
    /// The [`key_hash`] of each word inserted at run time: a token is
    /// probed by the hash the names layer keeps for it
    /// ([`WordSet::contains_hashed`]), and most hashes are none of these.
    hashes: KeyHashSet,
    precompiled: Option<StaticTable>,
}

impl WordSet {
    /// Add a word (normalized to its key).
    pub fn insert(&mut self, word: &str) {
        let k = crate::text::key(word);
        if !k.is_empty() && !self.in_precompiled(&k) {
            self.hashes.insert(key_hash(&k));
            self.words.insert(k);
        }
    }

    /// Add a word that is already a key (a token or phrase key), without
    /// normalizing it again: [`crate::text::key`] leaves a key as it is.
    pub fn insert_key(&mut self, key: &str) {
        debug_assert_eq!(crate::text::key(key), key);
        if !key.is_empty() && !self.contains(key) {
            self.hashes.insert(key_hash(key));
            self.words.insert(key.to_string());
        }
    }

    /// Add the keys of a precompiled table (distinct, non-empty keys, as
    /// [`crate::text::key`] gives them): an empty set reads the table where
    /// it lies, any other copies its keys in.
    pub fn add_precompiled(&mut self, table: StaticTable) {
        if self.words.is_empty() && self.precompiled.is_none() {
            self.precompiled = Some(table);
        } else {
            for index in 0..table.len() {
                self.insert_key(table.key(index));
            }
        }
    }

    #[inline]
    fn in_precompiled(&self, key: &str) -> bool {
        self.precompiled.is_some_and(|t| t.get(key).is_some())
    }

    /// Make this empty set the precompiled one, `precompiled`, when the
    /// files the loader reads for it (`read`, in its order: names and
    /// texts) are the ones it was compiled from, each the embedded text, and
    /// `rules` allow it; false (the set untouched) when not, and the files
    /// are to be read.
    pub(super) fn fill_precompiled<'r>(
        &mut self,
        precompiled: Option<PrecompiledWordSet>,
        rules: &RuleFiles,
        mut read: impl Iterator<Item = (&'r str, &'r str)>,
    ) -> bool {
        let Some(p) = precompiled else {
            return false;
        };
        if !rules.may_use_precompiled() || !self.is_empty() {
            return false;
        }
        let mut files = p.files.iter();
        let same = read.all(|(name, text)| {
            files.next() == Some(&name) && RuleFiles::is_embedded_text(name, text)
        }) && files.next().is_none();
        if same {
            self.precompiled = Some(p.words);
        }
        same
    }

    /// Whether the set reads a precompiled table.
    #[cfg(test)]
    pub(super) fn is_precompiled(&self) -> bool {
        self.precompiled.is_some()
    }

    /// Whether the key is in the set.
    #[inline]
    pub fn contains(&self, key: &str) -> bool {
        self.in_precompiled(key) || (!self.words.is_empty() && self.words.contains(key))
    }

    /// [`WordSet::contains`] of a key whose [`key_hash`] is `hash` (a
    /// token's, computed once with its flags): a hash no word inserted at
    /// run time has answers without hashing the key; an equal one is
    /// confirmed by the key itself.
    #[inline]
    pub fn contains_hashed(&self, hash: u64, key: &str) -> bool {
        debug_assert_eq!(hash, key_hash(key));
        if self.precompiled.is_some() {
            return self.contains(key);
        }
        self.hashes.contains(&hash) && self.words.contains(key)
    }

    /// The words' keys.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let table = self
            .precompiled
            .iter()
            .flat_map(|t| (0..t.len()).map(|index| t.key(index)));
        table.chain(self.words.iter().map(String::as_str))
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.precompiled.map_or(0, |t| t.len()) + self.words.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::ending_hash;
    use proptest::prelude::*;

    /// The hash by decoding the last two characters, with no byte shortcut.
    fn by_chars(key: &str) -> Option<usize> {
        let mut chars = key.chars().rev();
        let last = chars.next()? as usize;
        let before = chars.next()? as usize;
        Some((last.wrapping_mul(31) ^ before.wrapping_mul(131)) % 4096)
    }

    #[test]
    fn the_byte_shortcut_hashes_as_the_characters_do() {
        for key in [
            "",
            "ا",
            "ab",
            "بوتين",
            "aب",
            "بa",
            "€ب",
            "ب€",
            "ي𝄞",
            "ßب",
            "ßß",
            "x€ß",
        ] {
            assert_eq!(ending_hash(key), by_chars(key), "{key}");
        }
    }

    /// A set probed by a key's hash answers as probed by the key, for the
    /// words inserted (normalized or already keys) and for others.
    #[test]
    fn probing_by_hash_answers_as_probing_by_key() {
        use crate::text::key_hash::key_hash;
        let mut set = super::WordSet::default();
        set.insert("آل");
        set.insert_key("باشا");
        for key in ["ال", "باشا", "بك", "", "a", crate::text::key("آل").as_str()] {
            assert_eq!(
                set.contains_hashed(key_hash(key), key),
                set.contains(key),
                "{key}"
            );
        }
        assert!(set.contains_hashed(key_hash("باشا"), "باشا"));
        assert!(!set.contains_hashed(key_hash("بك"), "بك"));
    }

    proptest! {
        #[test]
        fn any_text_hashes_as_its_characters(key in "\\PC{0,6}") {
            prop_assert_eq!(ending_hash(&key), by_chars(&key));
        }
    }
}
