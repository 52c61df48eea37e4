//! Name lexicons compiled for matching: phrase tables keyed by the first
//! token's key (multi-token entries are matched token by token, the first
//! token also through its clitic stems), and word sets.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::text::clitics::stem_start;
use crate::text::{scan, Analysis, TokenKind};

/// A phrase table: token-key sequences with a payload, indexed by the first
/// key and, for longer phrases, by the second, so a frequent first word
/// (`مجلس`, `جامعة`) does not make every lookup scan all its phrases.
#[derive(Debug)]
pub struct PhraseTable<T> {
    by_first: HashMap<String, FirstKey>,
    entries: Vec<(Vec<String>, T)>,
}

/// The phrases that start with one key.
#[derive(Debug, Default)]
struct FirstKey {
    /// One-token phrases.
    singles: Vec<u32>,
    /// Longer phrases by their second key.
    by_second: HashMap<String, Vec<u32>>,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        PhraseTable {
            by_first: HashMap::default(),
            entries: Vec::new(),
        }
    }
}

/// A phrase match: tokens `first..end` (exclusive), starting at code point
/// `start` (after a proclitic when `clitic` is set).
#[derive(Debug, Clone, Copy)]
pub struct PhraseMatch<'a, T> {
    /// First token index.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// Code point where the match starts (the stem start after a clitic).
    pub start: usize,
    /// Whether a proclitic was stripped from the first token.
    pub clitic: bool,
    /// The entry's payload.
    pub payload: &'a T,
}

/// The token keys of a phrase, tokenized like running text. A phrase of
/// Arabic letters and spaces (most lexicon entries) is split on its spaces,
/// which is what the scanner does with it; anything else is scanned.
pub fn phrase_keys(phrase: &str) -> Vec<String> {
    let plain = phrase
        .chars()
        .all(|c| c == ' ' || (('\u{0621}'..='\u{064A}').contains(&c) && c != '\u{0640}'));
    if plain {
        return crate::text::key(phrase)
            .split(' ')
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect();
    }
    let a = scan(phrase);
    (0..a.len()).map(|i| a.key(i).to_string()).collect()
}

impl<T> PhraseTable<T> {
    /// Add a phrase; returns false when it has no tokens.
    pub fn insert(&mut self, phrase: &str, payload: T) -> bool {
        self.insert_keys(phrase_keys(phrase), payload)
    }

    /// Add a phrase by its token keys (as [`phrase_keys`] gives them);
    /// returns false when there are none.
    pub fn insert_keys(&mut self, keys: Vec<String>, payload: T) -> bool {
        if keys.is_empty() {
            return false;
        }
        let id = self.entries.len() as u32;
        let first = self.by_first.entry(keys[0].clone()).or_default();
        match keys.get(1) {
            None => first.singles.push(id),
            Some(second) => first.by_second.entry(second.clone()).or_default().push(id),
        }
        self.entries.push((keys, payload));
        true
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether a single key is an entry by itself.
    pub fn contains_word(&self, key: &str) -> bool {
        self.by_first
            .get(key)
            .is_some_and(|f| !f.singles.is_empty())
    }

    /// Whether some phrase starts with this key, or (with `clitics`) with
    /// the stem of it after a proclitic: a cheap test before a full lookup.
    pub fn may_start(&self, key: &str, clitics: bool) -> bool {
        self.by_first.contains_key(key)
            || (clitics
                && crate::text::clitics::clitic_splits_iter(key)
                    .any(|s| self.by_first.contains_key(s.stem_key.as_ref())))
    }

    /// Each first word with the payloads of the one-word entries equal to it.
    pub fn first_words(&self) -> impl Iterator<Item = (&str, impl Iterator<Item = &T>)> {
        self.by_first.iter().map(|(k, f)| {
            (
                k.as_str(),
                f.singles.iter().map(|&id| &self.entries[id as usize].1),
            )
        })
    }

    /// Payloads of the one-word entries equal to `key`.
    pub fn word_payloads<'a>(&'a self, key: &str) -> impl Iterator<Item = &'a T> + 'a {
        self.by_first
            .get(key)
            .into_iter()
            .flat_map(|f| f.singles.iter())
            .map(|&id| &self.entries[id as usize].1)
    }

    /// All matches starting at token `i`, the whole first token and (when
    /// `clitics`) its clitic stems; longest first.
    pub fn matches_at<'a>(
        &'a self,
        a: &Analysis<'_>,
        i: usize,
        clitics: bool,
    ) -> Vec<PhraseMatch<'a, T>> {
        let mut out = Vec::new();
        let token = a.tokens()[i];
        self.extend_matches(a, i, a.key(i), token.start, false, &mut out);
        if clitics && token.kind == TokenKind::Word {
            for split in crate::text::clitics::clitic_splits_iter(a.key(i)) {
                // The stem's offset is only worked out for a stem the table has.
                if !self.by_first.contains_key(split.stem_key.as_ref()) {
                    continue;
                }
                if let Some(start) = stem_start(a, i, &split) {
                    self.extend_matches(a, i, &split.stem_key, start, true, &mut out);
                }
            }
        }
        out.sort_by_key(|m| (std::cmp::Reverse(m.end), m.clitic));
        out
    }

    fn extend_matches<'a>(
        &'a self,
        a: &Analysis<'_>,
        i: usize,
        first_key: &str,
        start: usize,
        clitic: bool,
        out: &mut Vec<PhraseMatch<'a, T>>,
    ) {
        let Some(first) = self.by_first.get(first_key) else {
            return;
        };
        let mut push = |id: u32, end: usize| {
            out.push(PhraseMatch {
                first: i,
                end,
                start,
                clitic,
                payload: &self.entries[id as usize].1,
            })
        };
        for &id in &first.singles {
            push(id, i + 1);
        }
        if first.by_second.is_empty() || i + 1 >= a.len() {
            return;
        }
        let Some(ids) = first.by_second.get(a.key(i + 1)) else {
            return;
        };
        for &id in ids {
            let keys = &self.entries[id as usize].0;
            let end = i + keys.len();
            if end <= a.len() && (2..keys.len()).all(|k| a.key(i + k) == keys[k]) {
                push(id, end);
            }
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The keys as the scanner gives them, with no shortcut.
    fn scanned_keys(phrase: &str) -> Vec<String> {
        let a = scan(phrase);
        (0..a.len()).map(|i| a.key(i).to_string()).collect()
    }

    #[test]
    fn plain_phrases_split_like_the_scanner() {
        for phrase in [
            "روسيا",
            "  شي  جين بينغ ",
            "مكة المكرمة",
            "أبو ظبي",
            "القاهرة",
            "",
        ] {
            assert_eq!(phrase_keys(phrase), scanned_keys(phrase), "{phrase:?}");
        }
    }

    proptest! {
        #[test]
        fn phrase_keys_equal_the_scanned_keys(
            phrase in "[ ابتةىأإآءيـًُ٣,.()a-z0-9\u{200F}]{0,24}"
        ) {
            prop_assert_eq!(phrase_keys(&phrase), scanned_keys(&phrase));
        }
    }
}
