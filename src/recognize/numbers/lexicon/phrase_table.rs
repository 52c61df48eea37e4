//! Phrase tables: (possibly multi-token) phrases with a payload, matched at
//! a token position longest first, and the proclitic stems (`وبالعام` →
//! `العام`) a token is also looked up under.

use std::borrow::Cow;

use super::Doc;
use super::{entry_keys, HashMap};
use crate::text::clitics::clitic_splits_iter;
use crate::text::TokenKind;

/// A table of (possibly multi-token) phrases with a payload, matched at a
/// token position, longest first.
#[derive(Debug, Clone)]
pub struct PhraseTable<T> {
    pub(super) by_first: HashMap<String, Vec<(Vec<String>, T)>>,
    /// The kind bit of the table's first keys in the lexicon index (0: the
    /// table is not indexed and every lookup hashes).
    kind: u32,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        Self::indexed(0)
    }
}

/// A phrase match: payload, first token after the phrase, start offset.
pub struct PhraseMatch<'p, T> {
    pub value: &'p T,
    pub end_tok: usize,
    pub start: usize,
}

impl<T> PhraseTable<T> {
    /// An empty table whose first keys carry `kind` in the lexicon index.
    pub fn indexed(kind: u32) -> Self {
        PhraseTable {
            by_first: HashMap::default(),
            kind,
        }
    }

    /// Add an entry; returns false when it has no tokens.
    pub fn insert(&mut self, entry: &str, value: T) -> bool {
        let keys = entry_keys(entry);
        let Some(first) = keys.first().cloned() else {
            return false;
        };
        let rest = keys[1..].to_vec();
        let list = self.by_first.entry(first).or_default();
        list.push((rest, value));
        list.sort_by_key(|(r, _)| std::cmp::Reverse(r.len()));
        true
    }

    /// Whether some phrase starts with this key.
    pub fn starts(&self, key: &str) -> bool {
        self.by_first.contains_key(key)
    }

    /// First keys (for the fast starter set).
    pub fn first_keys(&self) -> impl Iterator<Item = &String> {
        self.by_first.keys()
    }

    /// First keys with the table's kind bit, for the lexicon index.
    pub(super) fn index_keys(&self) -> Vec<(&str, u32)> {
        self.by_first
            .keys()
            .map(|k| (k.as_str(), self.kind))
            .collect()
    }

    /// Longest phrase whose first token key is `first` and whose remaining
    /// tokens follow token `i`.
    pub fn match_rest<'p>(
        &'p self,
        a: &Doc<'_, '_>,
        first: &str,
        i: usize,
        start: usize,
    ) -> Option<PhraseMatch<'p, T>> {
        let list = self.by_first.get(first)?;
        'entries: for (rest, value) in list {
            if i + rest.len() > a.len() {
                continue;
            }
            for (k, key) in rest.iter().enumerate() {
                if i + 1 + k >= a.len() || a.key(i + 1 + k) != key {
                    continue 'entries;
                }
            }
            return Some(PhraseMatch {
                value,
                end_tok: i + 1 + rest.len(),
                start,
            });
        }
        None
    }

    /// Longest phrase at token `i`, the token taken whole.
    pub fn at<'p>(&'p self, a: &Doc<'_, '_>, i: usize) -> Option<PhraseMatch<'p, T>> {
        if i >= a.len() || !a.key_is(i, self.kind) {
            return None;
        }
        self.match_rest(a, a.key(i), i, a.tokens()[i].start)
    }

    /// Longest phrase at token `i`, the token taken whole or after its
    /// proclitics (the span then starts after them).
    pub fn at_clitic<'p>(&'p self, a: &Doc<'_, '_>, i: usize) -> Option<PhraseMatch<'p, T>> {
        if let Some(m) = self.at(a, i) {
            return Some(m);
        }
        if i >= a.len() || a.tokens()[i].kind != TokenKind::Word || !a.stem_is(i, self.kind) {
            return None;
        }
        for (chars, stem) in stems(a.key(i)) {
            if let Some(m) = self.match_rest(a, &stem, i, a.orig_offset(i, chars)) {
                return Some(m);
            }
        }
        None
    }
}

/// Candidate (prefix chars, stem key) splits of a word after proclitics,
/// shortest proclitic first, with the article restored after ل (`للعام` →
/// `العام`): the one clitic splitter of the text layer
/// ([`crate::text::clitics`], `rules/text/clitics.csv`).
pub fn stems(key: &str) -> impl Iterator<Item = (usize, Cow<'_, str>)> + '_ {
    clitic_splits_iter(key).map(|split| (split.prefix_chars, split.stem_key))
}

/// Call `f` on every stem of [`stems`].
pub(super) fn for_each_stem(key: &str, mut f: impl FnMut(&str)) {
    for split in clitic_splits_iter(key) {
        f(&split.stem_key);
    }
}
