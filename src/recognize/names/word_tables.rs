//! The word tables of the names rules' data files: a set of keys read from
//! a `word` column ([`WordKeys`]: cue words, group heads, facility
//! adjectives …), a `word,COLUMN` table of keys and values
//! ([`load_keyed_words`]: sports, media and publishing cues, sectors), and
//! the lookup of a key whole or behind a proclitic
//! ([`role_with_clitics`]). One reader for every such file, so each names
//! its file and line on a bad row the same way.

use crate::error::Result;
use crate::text::key_hash::key_hash;

/// The keys of the `word` column of a rule file of words (the cue words,
/// `group_heads.csv`, `person_lone_ordinary.csv`, `facility_adjectives.csv`).
#[derive(Debug, Default)]
pub(super) struct WordKeys {
    keys: rustc_hash::FxHashSet<String>,
    /// The [`key_hash`] of each key, sorted ([`WordKeys::contains_hashed`]):
    /// the tables asked by hash hold a few words, found by a binary search
    /// in a few comparisons, where a hash set probe cost several times more.
    hashes: Vec<u64>,
}

impl WordKeys {
    /// Read the `word` column; an empty word is an error naming its line.
    pub(super) fn load(&mut self, file: &str, text: &str) -> Result<()> {
        let table = crate::rules::CsvTable::parse(file, text)?;
        let word_col = table.column("word")?;
        for row in &table.rows {
            let key = crate::text::key(row.get(word_col));
            if key.is_empty() {
                return Err(table.error(row, "empty `word`".to_string()));
            }
            let hash = key_hash(&key);
            if let Err(at) = self.hashes.binary_search(&hash) {
                self.hashes.insert(at, hash);
            }
            self.keys.insert(key);
        }
        Ok(())
    }

    /// The keys (the cue words and group nouns are flagged in the
    /// vocabulary, [`super::features::flag::PERSON_CUE`] and
    /// [`super::features::flag::GROUP_HEAD`]: a token
    /// has one, whole or after a proclitic (`وتوفي`, `لبني`), when it or
    /// one of its stems has the flag).
    pub(super) fn words(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(String::as_str)
    }

    /// Whether a key is one of the words.
    pub(super) fn contains(&self, key: &str) -> bool {
        self.keys.contains(key)
    }

    /// [`WordKeys::contains`] of a key whose [`key_hash`] is `hash` (a
    /// token's, computed once): most hashes are no word's, and answer
    /// without hashing the key.
    #[inline]
    pub(super) fn contains_hashed(&self, hash: u64, key: &str) -> bool {
        debug_assert_eq!(hash, key_hash(key));
        self.hashes.binary_search(&hash).is_ok() && self.keys.contains(key)
    }

    /// Whether the file had no word.
    pub(super) fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// Read a `word,COLUMN` table into keys and values: `parse` turns a cell of
/// `column` into a value, or the row is an error naming the line and
/// `expected` (the values allowed). An empty word is an error too.
pub(super) fn load_keyed_words<T>(
    file: &str,
    text: &str,
    column: &str,
    expected: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<rustc_hash::FxHashMap<String, T>> {
    let table = crate::rules::CsvTable::parse(file, text)?;
    let (word_col, value_col) = (table.column("word")?, table.column(column)?);
    let mut out = rustc_hash::FxHashMap::default();
    for row in &table.rows {
        let cell = row.get(value_col);
        let value = parse(cell).ok_or_else(|| {
            table.error(row, format!("`{column}` is `{cell}` (expected {expected})"))
        })?;
        let key = crate::text::key(row.get(word_col));
        if key.is_empty() {
            return Err(table.error(row, "empty `word`".to_string()));
        }
        out.insert(key, value);
    }
    Ok(out)
}

/// The value of a key in a word table, whole or after a proclitic.
pub(super) fn role_with_clitics<T: Copy>(
    table: &rustc_hash::FxHashMap<String, T>,
    key: &str,
) -> Option<T> {
    if table.is_empty() {
        return None;
    }
    table.get(key).copied().or_else(|| {
        crate::text::clitics::clitic_splits_iter(key)
            .find_map(|s| table.get(s.stem_key.as_ref()).copied())
    })
}
