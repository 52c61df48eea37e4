//! The numbers layer's lookups on the one phrase table
//! ([`crate::text::phrase_table`]): the longest phrase at a token, taken
//! whole or after its proclitics, and the proclitic stems (`وبالعام` →
//! `العام`) a token is also looked up under.

use std::borrow::Cow;

use super::Doc;
use crate::text::clitics::clitic_splits_iter;
pub use crate::text::phrase_table::PhraseTable;
use crate::text::TokenKind;

/// A phrase match: payload, first token after the phrase, start offset.
pub struct PhraseMatch<'p, T> {
    pub value: &'p T,
    pub end_tok: usize,
    pub start: usize,
}

/// The numbers layer's lookups on the one phrase table: the longest phrase
/// at a token, its first key checked against the lexicon's token index
/// first (the table's [`PhraseTable::index_kind`]).
impl<T> PhraseTable<T> {
    /// First keys with the table's kind bit, for the lexicon index.
    pub(super) fn index_keys(&self) -> Vec<(&str, u32)> {
        self.first_keys().map(|k| (k, self.index_kind())).collect()
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
        let (value, end_tok) = self.longest_from(a, i, first)?;
        Some(PhraseMatch {
            value,
            end_tok,
            start,
        })
    }

    /// Longest phrase at token `i`, the token taken whole. The bit test is
    /// inlined at every caller (most tokens asked start no phrase), the
    /// lookup is not.
    #[inline]
    pub fn at<'p>(&'p self, a: &Doc<'_, '_>, i: usize) -> Option<PhraseMatch<'p, T>> {
        if !a.key_is(i, self.index_kind()) {
            return None;
        }
        self.at_key(a, i)
    }

    /// [`Self::at`] at a token whose key may be a first key.
    #[inline(never)]
    fn at_key<'p>(&'p self, a: &Doc<'_, '_>, i: usize) -> Option<PhraseMatch<'p, T>> {
        if i >= a.len() {
            return None;
        }
        self.match_rest(a, a.key(i), i, a.tokens()[i].start)
    }

    /// Longest phrase at token `i`, the token taken whole or after its
    /// proclitics (the span then starts after them). Neither can match
    /// unless the key or a stem has the table's bit: that test is inlined
    /// at every caller, the lookups are not.
    #[inline]
    pub fn at_clitic<'p>(&'p self, a: &Doc<'_, '_>, i: usize) -> Option<PhraseMatch<'p, T>> {
        if !self.may_start_clitic(a, i) {
            return None;
        }
        self.at_clitic_lookup(a, i)
    }

    /// Whether [`Self::at_clitic`] may find a phrase at token `i` (false:
    /// it surely finds none): the table's bit on the key or a stem.
    #[inline]
    pub fn may_start_clitic(&self, a: &Doc<'_, '_>, i: usize) -> bool {
        let kind = self.index_kind();
        a.key_is(i, kind) || a.stem_is(i, kind)
    }

    /// [`Self::at_clitic`] at a token whose key or a stem may be a first key.
    #[inline(never)]
    fn at_clitic_lookup<'p>(&'p self, a: &Doc<'_, '_>, i: usize) -> Option<PhraseMatch<'p, T>> {
        if let Some(m) = self.at(a, i) {
            return Some(m);
        }
        if i >= a.len() || a.tokens()[i].kind != TokenKind::Word || !a.stem_is(i, self.index_kind())
        {
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
pub(super) fn for_each_stem(key: &str, f: impl FnMut(&str)) {
    crate::text::clitics::for_each_stem_key(key, f);
}
