//! The one phrase table of the recognizers: (possibly multi-token) phrases
//! with a payload, stored by the token keys the scanner gives them and
//! matched at a token position, longest first, the first token taken whole
//! or after its proclitics. The names layer asks for every match at a
//! position ([`PhraseTable::matches_at`]); the numbers layer for the longest
//! one and tags each table with a kind bit of its own token index (its
//! lookups live beside that index, in `recognize/numbers/lexicon`).

use rustc_hash::FxHashMap as HashMap;

use crate::text::clitics::stem_start;
use crate::text::{scan, Analysis, TokenKind};

/// A phrase table: token-key sequences with a payload, indexed by the first
/// key and, for longer phrases, by the second, so a frequent first word
/// (`مجلس`, `جامعة`) does not make every lookup scan all its phrases.
/// The keys after the second live in one buffer for the whole table: a
/// phrase costs no allocation of its own (tables are built at start-up,
/// and one per document for propagated names).
#[derive(Debug)]
pub struct PhraseTable<T> {
    by_first: HashMap<Box<str>, FirstKey>,
    entries: Vec<Entry<T>>,
    /// The third and later keys of every entry, one after another.
    rest_text: String,
    /// Where each key of `rest_text` ends.
    rest_ends: Vec<u32>,
    /// A kind bit the table's first keys carry in a token index built over
    /// it (the numbers lexicon's); 0 when no index knows the table.
    index_kind: u32,
    /// The most tokens of any entry.
    max_tokens: u32,
}

/// One phrase: its length in tokens, where its third key is in
/// `rest_ends`, and its payload.
#[derive(Debug)]
struct Entry<T> {
    len: u32,
    rest_from: u32,
    payload: T,
}

/// The phrases that start with one key.
#[derive(Debug, Default)]
struct FirstKey {
    /// One-token phrases.
    singles: Ids,
    /// Longer phrases by their second key.
    by_second: HashMap<Box<str>, Ids>,
}

/// Entry numbers: most keys and key pairs start one or two phrases, kept
/// inline (no allocation of their own when the table is built).
type Ids = smallvec::SmallVec<[u32; 2]>;

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        Self::indexed(0)
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

/// The matches at one token: most tokens have one or two, kept inline
/// (no heap allocation per lookup).
pub type Matches<'a, T> = smallvec::SmallVec<[PhraseMatch<'a, T>; 4]>;

/// Whether a phrase is only Arabic letters (no tatweel) and spaces: its
/// token keys are then its key split on spaces. Read off the bytes (every
/// lexicon entry is checked at start-up): U+0621–U+063F are `D8 A1`–`D8 BF`
/// and U+0641–U+064A `D9 81`–`D9 8A` in UTF-8.
fn is_plain(phrase: &str) -> bool {
    let bytes = phrase.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match (bytes[at], bytes.get(at + 1)) {
            (b' ', _) => at += 1,
            (0xD8, Some(0xA1..=0xBF)) | (0xD9, Some(0x81..=0x8A)) => at += 2,
            _ => return false,
        }
    }
    true
}

/// The pieces of `text` between its spaces, as `text.split(' ')` gives
/// them, cut on the bytes (a space is ASCII: every cut falls between two
/// characters).
#[inline]
pub fn split_spaces(text: &str) -> SplitAscii<'_> {
    split_ascii(text, b' ')
}

/// The pieces of `text` between the ASCII byte `at`, as
/// `text.split(at as char)` gives them, cut on the bytes.
#[inline]
pub fn split_ascii(text: &str, at: u8) -> SplitAscii<'_> {
    debug_assert!(at.is_ascii());
    SplitAscii {
        text,
        from: Some(0),
        at,
    }
}

/// The iterator of [`split_ascii`] (its `next` inlined where the pieces
/// are read: one call a key would cost more than the cut).
#[derive(Debug, Clone)]
pub struct SplitAscii<'t> {
    text: &'t str,
    /// Where the next piece starts (`None` after the last).
    from: Option<usize>,
    at: u8,
}

impl<'t> Iterator for SplitAscii<'t> {
    type Item = &'t str;

    #[inline]
    fn next(&mut self) -> Option<&'t str> {
        let start = self.from?;
        let rest = &self.text.as_bytes()[start..];
        match memchr::memchr(self.at, rest) {
            Some(n) => {
                self.from = Some(start + n + 1);
                Some(&self.text[start..start + n])
            }
            None => {
                self.from = None;
                Some(&self.text[start..])
            }
        }
    }
}

/// The token keys of a plain phrase's key: its words between single
/// spaces (none at its ends, no other white space).
fn plain_key_words(key: &str) -> impl Iterator<Item = &str> {
    split_spaces(key).filter(|k| !k.is_empty())
}

/// The token keys of a phrase, tokenized like running text. A phrase of
/// Arabic letters and spaces (most lexicon entries) is split on its spaces,
/// which is what the scanner does with it; anything else is scanned.
pub fn phrase_keys(phrase: &str) -> Vec<String> {
    if is_plain(phrase) {
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
    /// An empty table whose first keys carry `index_kind` in a token index.
    pub fn indexed(index_kind: u32) -> Self {
        PhraseTable {
            by_first: HashMap::default(),
            entries: Vec::new(),
            rest_text: String::new(),
            rest_ends: Vec::new(),
            index_kind,
            max_tokens: 0,
        }
    }

    /// The most tokens any entry has (0 for an empty table).
    pub fn max_tokens(&self) -> usize {
        self.max_tokens as usize
    }

    /// The kind bit of the table's first keys in a token index (0: none).
    pub fn index_kind(&self) -> u32 {
        self.index_kind
    }

    /// Add a phrase; returns false when it has no tokens.
    pub fn insert(&mut self, phrase: &str, payload: T) -> bool {
        if is_plain(phrase) {
            let key = crate::text::key(phrase);
            return self.insert_iter(plain_key_words(&key), payload);
        }
        let a = scan(phrase);
        self.insert_iter((0..a.len()).map(|i| a.key(i)), payload)
    }

    /// [`PhraseTable::insert`] of a phrase whose [`crate::text::key`] the
    /// caller has already computed (`key`), so it is not worked out twice.
    pub fn insert_with_key(&mut self, phrase: &str, key: &str, payload: T) -> bool {
        debug_assert_eq!(crate::text::key(phrase), key);
        if is_plain(phrase) {
            return self.insert_iter(plain_key_words(key), payload);
        }
        let a = scan(phrase);
        self.insert_iter((0..a.len()).map(|i| a.key(i)), payload)
    }

    /// Add a phrase by its token keys (as [`phrase_keys`] gives them:
    /// owned or borrowed); returns false when there are none.
    pub fn insert_keys<K: AsRef<str>>(
        &mut self,
        keys: impl IntoIterator<Item = K>,
        payload: T,
    ) -> bool {
        self.insert_iter(keys.into_iter(), payload)
    }

    /// Add a phrase by its token keys; returns false when there are none.
    fn insert_iter<K: AsRef<str>>(
        &mut self,
        mut keys: impl Iterator<Item = K>,
        payload: T,
    ) -> bool {
        let Some(first_key) = keys.next() else {
            return false;
        };
        let first_key = first_key.as_ref();
        let id = self.entries.len() as u32;
        let rest_from = self.rest_ends.len() as u32;
        let mut len = 1u32;
        let second_key = keys.next();
        if second_key.is_some() {
            len += 1;
            for key in keys {
                self.rest_text.push_str(key.as_ref());
                self.rest_ends.push(self.rest_text.len() as u32);
                len += 1;
            }
        }
        let add = |first: &mut FirstKey| match second_key {
            None => first.singles.push(id),
            Some(second) => match first.by_second.get_mut(second.as_ref()) {
                Some(ids) => ids.push(id),
                None => {
                    first
                        .by_second
                        .insert(second.as_ref().into(), smallvec::smallvec![id]);
                }
            },
        };
        // One probe for a first key the table has, two for a new one (the
        // keys are added in the same order as by a lookup and an insert).
        match self.by_first.get_mut(first_key) {
            Some(first) => add(first),
            None => {
                let mut first = FirstKey::default();
                add(&mut first);
                self.by_first.insert(first_key.into(), first);
            }
        }
        self.max_tokens = self.max_tokens.max(len);
        self.entries.push(Entry {
            len,
            rest_from,
            payload,
        });
        true
    }

    /// The third and later keys of entry `id`.
    fn rest_keys(&self, id: u32) -> impl Iterator<Item = &str> {
        let entry = &self.entries[id as usize];
        let from = entry.rest_from as usize;
        (2..entry.len as usize).map(move |k| {
            let n = from + k - 2;
            let start = if n == 0 {
                0
            } else {
                self.rest_ends[n - 1] as usize
            };
            &self.rest_text[start..self.rest_ends[n] as usize]
        })
    }

    /// Call `visit` with every entry's token keys and payload, in insertion
    /// order (for load-time passes over a table: one keys buffer serves
    /// every entry).
    pub fn for_each_entry<'a>(&'a self, mut visit: impl FnMut(&[&'a str], &'a T)) {
        let mut heads: Vec<(&str, Option<&str>)> = vec![("", None); self.entries.len()];
        for (first, f) in &self.by_first {
            for &id in &f.singles {
                heads[id as usize] = (first, None);
            }
            for (second, ids) in &f.by_second {
                for &id in ids {
                    heads[id as usize] = (first, Some(second));
                }
            }
        }
        let mut keys: Vec<&'a str> = Vec::new();
        for (id, (first, second)) in heads.into_iter().enumerate() {
            keys.clear();
            keys.push(first);
            keys.extend(second);
            keys.extend(self.rest_keys(id as u32));
            visit(&keys, &self.entries[id].payload);
        }
    }

    /// Whether an entry has exactly these token keys.
    pub fn contains_keys(&self, keys: &[String]) -> bool {
        let Some(first) = keys.first().and_then(|k| self.by_first.get(k.as_str())) else {
            return false;
        };
        let ids = match keys.get(1) {
            None => &first.singles[..],
            Some(second) => match first.by_second.get(second.as_str()) {
                Some(ids) => ids,
                None => return false,
            },
        };
        ids.iter().any(|&id| {
            self.entries[id as usize].len as usize == keys.len()
                && self
                    .rest_keys(id)
                    .eq(keys.iter().skip(2).map(String::as_str))
        })
    }

    /// Whether entry `id`'s third and later keys are the keys of the
    /// tokens from `i + 2` on (the caller checked that they exist).
    fn rest_matches(&self, id: u32, a: &Analysis<'_>, i: usize) -> bool {
        self.rest_keys(id)
            .enumerate()
            .all(|(n, key)| a.key(i + 2 + n) == key)
    }

    /// Room for `additional` more phrases (most with a first key of their
    /// own), sized once instead of grown.
    pub fn reserve(&mut self, additional: usize) {
        self.entries.reserve(additional);
        self.by_first.reserve(additional);
    }

    /// Empty the table, keeping its buffers' room for the next filling (a
    /// per-document table reused from document to document).
    pub fn clear(&mut self) {
        self.by_first.clear();
        self.entries.clear();
        self.rest_text.clear();
        self.rest_ends.clear();
        self.max_tokens = 0;
    }

    /// Room for `additional` more phrases, their first keys left to grow
    /// (when many share one).
    pub fn reserve_entries(&mut self, additional: usize) {
        self.entries.reserve(additional);
    }

    /// The payload of entry `id` (entries are numbered in insertion order,
    /// as [`PhraseTable::for_each_entry`] visits them).
    pub fn payload(&self, id: u32) -> &T {
        &self.entries[id as usize].payload
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
                &**k,
                f.singles
                    .iter()
                    .map(|&id| &self.entries[id as usize].payload),
            )
        })
    }

    /// Each first word, the payloads of the one-word entries equal to it,
    /// and the second keys of the longer phrases starting with it.
    pub fn first_words_with_seconds(
        &self,
    ) -> impl Iterator<Item = (&str, impl Iterator<Item = &T>, impl Iterator<Item = &str>)> {
        self.by_first.iter().map(|(k, f)| {
            (
                &**k,
                f.singles
                    .iter()
                    .map(|&id| &self.entries[id as usize].payload),
                f.by_second.keys().map(|k| &**k),
            )
        })
    }

    /// Whether some phrase starts with this key.
    pub fn starts(&self, key: &str) -> bool {
        self.by_first.contains_key(key)
    }

    /// The first keys of the phrases.
    pub fn first_keys(&self) -> impl Iterator<Item = &str> {
        self.by_first.keys().map(|k| &**k)
    }

    /// Each first key with the payloads of every phrase starting with it.
    pub fn payloads_by_first_key(&self) -> impl Iterator<Item = (&str, Vec<&T>)> {
        self.by_first.iter().map(|(k, f)| {
            let ids = f.singles.iter().chain(f.by_second.values().flatten());
            (
                &**k,
                ids.map(|&id| &self.entries[id as usize].payload).collect(),
            )
        })
    }

    /// The longest phrase whose first key is `first_key` (token `i` itself
    /// or a stem of it) and whose other keys follow token `i`: its payload
    /// and the token after it. Among phrases of one length the first added
    /// wins.
    pub fn longest_from<'a>(
        &'a self,
        a: &Analysis<'_>,
        i: usize,
        first_key: &str,
    ) -> Option<(&'a T, usize)> {
        let first = self.by_first.get(first_key)?;
        let mut best: Option<(u32, usize)> = first.singles.first().map(|&id| (id, i + 1));
        if i + 1 < a.len() {
            if let Some(ids) = first.by_second.get(a.key(i + 1)) {
                for &id in ids {
                    let end = i + self.entries[id as usize].len as usize;
                    let longer = best.is_none_or(|(_, best_end)| end > best_end);
                    if longer && end <= a.len() && self.rest_matches(id, a, i) {
                        best = Some((id, end));
                    }
                }
            }
        }
        best.map(|(id, end)| (&self.entries[id as usize].payload, end))
    }

    /// Payloads of the one-word entries equal to `key`.
    pub fn word_payloads<'a>(&'a self, key: &str) -> impl Iterator<Item = &'a T> + 'a {
        self.by_first
            .get(key)
            .into_iter()
            .flat_map(|f| f.singles.iter())
            .map(|&id| &self.entries[id as usize].payload)
    }

    /// All matches starting at token `i`, the whole first token and (when
    /// `clitics`) its clitic stems; longest first.
    pub fn matches_at<'a>(&'a self, a: &Analysis<'_>, i: usize, clitics: bool) -> Matches<'a, T> {
        self.matches_at_gated(a, i, true, clitics, true, true)
    }

    /// [`PhraseTable::matches_at`] for a caller that knows from its own
    /// flags where no phrase can start: `whole` is false when the token's
    /// own key is no first key (only its stems are looked up), `longer`
    /// false when no phrase starting with the token's key has the next
    /// token's key second (only one-token phrases are read),
    /// `stems_longer` the same for phrases starting with a stem.
    pub fn matches_at_gated<'a>(
        &'a self,
        a: &Analysis<'_>,
        i: usize,
        whole: bool,
        clitics: bool,
        longer: bool,
        stems_longer: bool,
    ) -> Matches<'a, T> {
        let mut out = Matches::new();
        let token = a.tokens()[i];
        // Each key (the token's, a stem's) is looked up once: its phrases
        // are read off the entry found.
        if let Some(first) = whole.then(|| self.by_first.get(a.key(i))).flatten() {
            self.extend_matches(a, i, first, token.start, false, longer, &mut out);
        }
        if clitics && token.kind == TokenKind::Word {
            for split in crate::text::clitics::clitic_splits_iter(a.key(i)) {
                // The stem's offset is only worked out for a stem the table has.
                let Some(first) = self.by_first.get(split.stem_key.as_ref()) else {
                    continue;
                };
                if let Some(start) = stem_start(a, i, &split) {
                    self.extend_matches(a, i, first, start, true, stems_longer, &mut out);
                }
            }
        }
        if out.len() > 1 {
            out.sort_by_key(|m| (std::cmp::Reverse(m.end), m.clitic));
        }
        out
    }

    /// The matches of the phrases under `first` (the entry of token `i`'s
    /// key or of a stem of it, starting at code point `start`); the longer
    /// phrases only when `longer`.
    #[allow(clippy::too_many_arguments)]
    fn extend_matches<'a>(
        &'a self,
        a: &Analysis<'_>,
        i: usize,
        first: &'a FirstKey,
        start: usize,
        clitic: bool,
        longer: bool,
        out: &mut Matches<'a, T>,
    ) {
        let mut push = |id: u32, end: usize| {
            out.push(PhraseMatch {
                first: i,
                end,
                start,
                clitic,
                payload: &self.entries[id as usize].payload,
            })
        };
        for &id in &first.singles {
            push(id, i + 1);
        }
        if !longer || first.by_second.is_empty() || i + 1 >= a.len() {
            return;
        }
        let Some(ids) = first.by_second.get(a.key(i + 1)) else {
            return;
        };
        for &id in ids {
            let end = i + self.entries[id as usize].len as usize;
            if end <= a.len() && self.rest_matches(id, a, i) {
                push(id, end);
            }
        }
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

    fn analysis_keys(text: &str) -> Analysis<'_> {
        scan(text)
    }

    #[test]
    fn the_longest_phrase_wins_and_the_first_added_among_equals() {
        let mut table = PhraseTable::default();
        table.insert("مجلس", 1);
        table.insert("مجلس الأمن", 2);
        table.insert("مجلس الأمن الدولي", 3);
        table.insert("مجلس الأمن القومي", 4);
        table.insert("مجلس الامن الدولي", 5);
        let a = analysis_keys("قرر مجلس الأمن الدولي اليوم");
        assert_eq!(table.longest_from(&a, 1, a.key(1)), Some((&3, 4)));
        let a = analysis_keys("مجلس الأمن يجتمع");
        assert_eq!(table.longest_from(&a, 0, a.key(0)), Some((&2, 2)));
        let a = analysis_keys("مجلس");
        assert_eq!(table.longest_from(&a, 0, a.key(0)), Some((&1, 1)));
        assert_eq!(table.longest_from(&a, 0, "برلمان"), None);
        let all: Vec<i32> = table
            .matches_at(&analysis_keys("مجلس الأمن الدولي"), 0, false)
            .iter()
            .map(|m| *m.payload)
            .collect();
        assert_eq!(all, vec![3, 5, 2, 1]);
    }

    /// The payloads of a list of matches, in order.
    fn payloads_of(found: &Matches<'_, i32>) -> Vec<i32> {
        found.iter().map(|m| *m.payload).collect()
    }

    #[test]
    fn gated_lookups_leave_out_only_what_the_gates_say() {
        let mut table = PhraseTable::default();
        for (phrase, payload) in [("مجلس", 1), ("مجلس الأمن", 2), ("الأمن", 3)] {
            table.insert(phrase, payload);
        }
        let a = analysis_keys("ومجلس الأمن");
        let gated = |whole, longer| {
            payloads_of(&table.matches_at_gated(&a, 0, whole, true, longer, longer))
        };
        assert_eq!(payloads_of(&table.matches_at(&a, 0, true)), vec![2, 1]);
        assert_eq!(gated(true, true), vec![2, 1]);
        // The stem `مجلس` after `و` is found without the whole word's lookup.
        assert_eq!(gated(false, true), vec![2, 1]);
        assert_eq!(gated(false, false), vec![1]);
        let a = analysis_keys("مجلس الأمن");
        assert_eq!(
            payloads_of(&table.matches_at_gated(&a, 0, true, false, false, false)),
            vec![1]
        );
    }

    #[test]
    fn long_phrases_compare_every_later_key() {
        let mut table = PhraseTable::default();
        table.insert("جامعة الدول العربية في القاهرة", 1);
        table.insert_keys(phrase_keys("جامعة الدول العربية"), 2);
        table.insert("جامعة الدول الأفريقية في القاهرة", 3);
        table.insert("جامعة (الدول) العربية", 4);
        let a = analysis_keys("مقر جامعة الدول العربية في القاهرة");
        let all: Vec<(i32, usize)> = table
            .matches_at(&a, 1, false)
            .iter()
            .map(|m| (*m.payload, m.end))
            .collect();
        assert_eq!(all, vec![(1, 6), (2, 4)]);
        let a = analysis_keys("جامعة الدول الأفريقية في الخرطوم");
        assert_eq!(table.longest_from(&a, 0, a.key(0)), None);
        let a = analysis_keys("جامعة (الدول) العربية");
        assert_eq!(table.longest_from(&a, 0, a.key(0)), Some((&4, a.len())));
        assert!(!table.insert("", 5) && !table.insert_keys(Vec::<String>::new(), 5));
        assert_eq!(table.len(), 4);
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

        /// The byte tests answer as the character ones: the plain test
        /// (Arabic letters U+0621–U+064A but tatweel, and spaces) and the
        /// split on spaces.
        #[test]
        fn byte_tests_answer_as_the_character_ones(
            phrase in "[ \u{0600}-\u{0660}ابـa\t\u{00A0}\u{0780}]{0,12}"
        ) {
            let by_chars = phrase
                .chars()
                .all(|c| c == ' ' || (('\u{0621}'..='\u{064A}').contains(&c) && c != '\u{0640}'));
            prop_assert_eq!(is_plain(&phrase), by_chars);
            prop_assert!(split_spaces(&phrase).eq(phrase.split(' ')));
            prop_assert!(split_ascii(&phrase, b'a').eq(phrase.split('a')));
        }
    }
}
