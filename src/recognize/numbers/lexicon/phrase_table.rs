//! Phrase tables: (possibly multi-token) phrases with a payload, matched at
//! a token position longest first, and the proclitic stems (`وبالعام` →
//! `العام`) a token is also looked up under.

use std::borrow::Cow;

use super::Doc;
use super::{entry_keys, HashMap};
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

/// The proclitic splits of a word: (prefix chars, rest, whether the
/// article is restored after ل as `ا` + rest), shortest proclitic first.
/// At most a و or ف then one of و ف ب ك ل, and a rest of two characters or
/// more.
fn proclitic_splits(key: &str) -> [Option<(usize, &str, bool)>; 2] {
    let mut out = [None, None];
    let mut rest = key;
    let mut chars = 0;
    for slot in &mut out {
        let Some(c) = rest.chars().next() else { break };
        if !matches!(c, 'و' | 'ف' | 'ب' | 'ك' | 'ل') {
            break;
        }
        // A second proclitic only after و or ف.
        if chars == 1 && !key.starts_with(['و', 'ف']) {
            break;
        }
        rest = &rest[c.len_utf8()..];
        chars += 1;
        if rest.chars().nth(1).is_none() {
            break;
        }
        *slot = Some((chars, rest, c == 'ل' && rest.starts_with('ل')));
    }
    out
}

/// Candidate (prefix chars, stem key) splits of a word after proclitics,
/// shortest proclitic first, with the article restored after ل (`للعام` →
/// `العام`). Cheap: allocates only for the restored article.
pub fn stems(key: &str) -> Stems<'_> {
    let mut out = Stems {
        items: [None, None, None, None],
        pos: 0,
    };
    let mut n = 0;
    for (chars, rest, restore) in proclitic_splits(key).into_iter().flatten() {
        out.items[n] = Some((chars, Cow::Borrowed(rest)));
        n += 1;
        if restore {
            out.items[n] = Some((chars, Cow::Owned(format!("ا{rest}"))));
            n += 1;
        }
    }
    out
}

/// Call `f` on every stem of [`stems`], without allocating.
pub(super) fn for_each_stem(key: &str, mut f: impl FnMut(&str)) {
    for (_, rest, restore) in proclitic_splits(key).into_iter().flatten() {
        f(rest);
        if restore {
            with_restored_article(rest, &mut f);
        }
    }
}

/// Call `f` on `ا` + `rest` (the article restored after ل), from a buffer
/// on the stack.
#[cold]
#[inline(never)]
fn with_restored_article(rest: &str, f: &mut impl FnMut(&str)) {
    let mut buf = [0u8; 64];
    let alef = 'ا'.len_utf8();
    if alef + rest.len() <= buf.len() {
        'ا'.encode_utf8(&mut buf);
        buf[alef..alef + rest.len()].copy_from_slice(rest.as_bytes());
        // Both parts are whole UTF-8 strings.
        f(std::str::from_utf8(&buf[..alef + rest.len()]).unwrap_or_default());
    } else {
        f(&format!("ا{rest}"));
    }
}

/// The stems of a word (see [`stems`]), without heap allocation.
pub struct Stems<'a> {
    items: [Option<(usize, Cow<'a, str>)>; 4],
    pos: usize,
}

impl<'a> Iterator for Stems<'a> {
    type Item = (usize, Cow<'a, str>);
    fn next(&mut self) -> Option<Self::Item> {
        while self.pos < 4 {
            let x = self.items[self.pos].take();
            self.pos += 1;
            if x.is_some() {
                return x;
            }
        }
        None
    }
}
