//! The spelling-variant rules of gazetteer entries as a pure function of
//! the entries, the article and a name-like word test (see `variants.rs`
//! for what the variants are). It owns no table: the recognizer feeds it the
//! gazetteer at start-up, and `build.rs` (which compiles this file by
//! `#[path]`, so the two cannot disagree) feeds it the gazetteer it rebuilds
//! from the embedded rule files, to precompile the variants. It uses only
//! `crate::text::normalize`, which `build.rs` compiles at the same path.

use std::collections::{HashMap, HashSet};

/// Shortest word (in letters) a variant is built from.
const MIN_PART_LETTERS: usize = 3;

/// What the variant rules need of an entry's label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A person name.
    Person,
    /// A nationality or group (no variant; its one-word entries are nisba
    /// words).
    Norp,
    /// Any other names label.
    Other,
}

/// The gazetteer as the rules see it, and the word tests they use.
pub struct VariantInputs<'k, 'a, E, L, N>
where
    E: Fn(&mut dyn FnMut(&[&'k str], EntryKind, &'k str)),
    L: Fn(&str) -> bool,
    N: Fn(&str) -> bool,
{
    /// Calls its argument with every entry (token keys, kind, entry as
    /// written), in the table's order; called twice.
    for_each_entry: E,
    /// The definite article (key form; empty when the clitic table has
    /// none).
    article: &'a str,
    /// A word (key) that is no stop, common, ambiguous or trigger word.
    name_like_word: L,
    /// A word (key) that is a one-word NORP entry.
    is_nisba_word: N,
    /// The ordinal words an entry's ordinal is read from.
    ordinals: &'a OrdinalWords,
    entries: std::marker::PhantomData<&'k str>,
}

impl<'k, 'a, E, L, N> VariantInputs<'k, 'a, E, L, N>
where
    E: Fn(&mut dyn FnMut(&[&'k str], EntryKind, &'k str)),
    L: Fn(&str) -> bool,
    N: Fn(&str) -> bool,
{
    /// The inputs: `for_each_entry` calls its argument with every entry
    /// (token keys, kind, entry as written) in the table's order (it is
    /// called twice); `article` is the definite article (key form, empty
    /// when the clitic table has none); `name_like_word` tells a word (key)
    /// that is no stop, common, ambiguous or trigger word; `is_nisba_word`
    /// a word that is a one-word NORP entry; `ordinals` the ordinal words
    /// (empty: no ordinal variants).
    pub fn new(
        for_each_entry: E,
        article: &'a str,
        name_like_word: L,
        is_nisba_word: N,
        ordinals: &'a OrdinalWords,
    ) -> Self {
        VariantInputs {
            for_each_entry,
            article,
            name_like_word,
            is_nisba_word,
            ordinals,
            entries: std::marker::PhantomData,
        }
    }
}

/// The ordinal words of the numbers rules, by key, as the ordinal variants
/// read them: the ordinals of `rules/numbers/ordinals.csv` (1 to 10, some
/// only as the first part of a compound: `حادي`), the tens of
/// `rules/numbers/number_words.csv` (`عشرين`, which end a compound after the
/// conjunction of `rules/numbers/function_words.csv` and the article:
/// `الحادي والعشرين`, or stand alone: `العشرين`) and its `ten` words (`عشر`:
/// `الحادي عشر`).
#[derive(Debug, Default, Clone)]
pub struct OrdinalWords {
    /// Ordinal word (key, no article) → (value, only as a compound's first part).
    units: HashMap<String, (u32, bool)>,
    /// Tens word (key) → value.
    tens: HashMap<String, u32>,
    /// The conjunction (key) glued before the tens of a compound.
    and: String,
    /// The words that make a teen of the ordinal before them.
    teens: HashSet<String>,
}

impl OrdinalWords {
    /// An ordinals.csv row: its word's key, integer value and `use`
    /// (`compound`: only before a ten or tens word). Others are ignored.
    pub fn add_ordinal(&mut self, key: &str, value: &str, usage: &str) {
        if let Ok(v @ 1..=10) = value.parse::<u32>() {
            self.units
                .entry(key.to_string())
                .or_insert((v, usage == "compound"));
        }
    }

    /// No ordinal words yet; `and` is the conjunction's key (empty: no
    /// compound with tens is read).
    pub fn new(and: &str) -> Self {
        OrdinalWords {
            and: and.to_string(),
            ..Default::default()
        }
    }

    /// A number_words.csv row: its word's key, value and kind. Only `tens`
    /// and `ten` rows count.
    pub fn add_number_word(&mut self, key: &str, value: &str, kind: &str) {
        match (kind, value.parse::<u32>()) {
            ("tens", Ok(v)) => {
                self.tens.insert(key.to_string(), v);
            }
            ("ten", Ok(10)) => {
                self.teens.insert(key.to_string());
            }
            _ => {}
        }
    }

    /// The ordinal written in words at the start of `keys` with the article
    /// (`الحادي والعشرين`, `الحادي عشر`, `الثانية`, `العشرين`): its word count
    /// and value.
    fn read(&self, keys: &[&str], article: &str) -> Option<(usize, u32)> {
        let first = keys
            .first()?
            .strip_prefix(article)
            .filter(|_| !article.is_empty())?;
        if let Some(&(unit, compound_only)) = self.units.get(first) {
            let next = keys.get(1).copied().unwrap_or_default();
            if unit < 10 && self.teens.contains(next) {
                return Some((2, unit + 10));
            }
            // The conjunction and the article glued before the tens: `والعشرين`.
            let tens = next
                .strip_prefix(self.and.as_str())
                .filter(|_| !self.and.is_empty())
                .and_then(|rest| rest.strip_prefix(article))
                .and_then(|rest| self.tens.get(rest));
            if let Some(tens) = tens.filter(|_| unit < 10) {
                return Some((2, unit + tens));
            }
            return (!compound_only).then_some((1, unit));
        }
        self.tens.get(first).map(|&tens| (1, tens))
    }
}

/// Call `add` with each variant (the number of the entry it comes from, in
/// the order of `for_each_entry`, and its token keys), in the order the
/// recognizer adds them. A variant whose keys are already an entry (or an
/// earlier variant) is the caller's to skip.
pub fn gazetteer_variants<'k, E, L, N>(
    inputs: &VariantInputs<'k, '_, E, L, N>,
    mut add: impl FnMut(u32, Vec<String>),
) where
    E: Fn(&mut dyn FnMut(&[&'k str], EntryKind, &'k str)),
    L: Fn(&str) -> bool,
    N: Fn(&str) -> bool,
{
    let article = inputs.article;
    // The words of multi-word entries.
    let mut name_words: HashSet<&'k str> = HashSet::new();
    (inputs.for_each_entry)(&mut |keys, kind, _| {
        if keys.len() >= 2 && kind == EntryKind::Other {
            name_words.extend(keys.iter().copied());
        }
    });
    let mut id = 0u32;
    (inputs.for_each_entry)(&mut |keys, kind, written| {
        let entry = id;
        id += 1;
        // A person entry of three words or more has no variant.
        if kind == EntryKind::Norp
            || (kind == EntryKind::Person && keys.len() >= 3)
            || !is_plain_arabic(written)
        {
            return;
        }
        // Arabic letters, marks and spaces: its words lie between spaces.
        let mut words = written.split_ascii_whitespace();
        let Some(first_written) = words.next() else {
            return;
        };
        if 1 + words.count() != keys.len() {
            return;
        }
        if keys.len() >= 2
            && kind != EntryKind::Person
            && !keys[1..]
                .iter()
                .any(|k| article_then_two_letters(k, article))
        {
            if let Some(v) = article_variant(inputs, keys, first_written) {
                add(entry, v);
            }
        }
        if keys.len() == 2 {
            if let Some(v) = glued_variant(inputs, keys) {
                add(entry, v);
            }
        }
        if keys.len() == 1 && !has_written_article(first_written, article) {
            spaced_variants(inputs, keys[0], &name_words, |v| add(entry, v));
        }
        if kind == EntryKind::Other && keys.len() >= 2 {
            ordinal_digit_variants(inputs, keys, |v| add(entry, v));
        }
    });
}

/// A name with an ordinal written in words (`طريق الحرير البحري للقرن الحادي
/// والعشرين`, `أحداث الحادي عشر من سبتمبر`) written with the ordinal in
/// digits instead, from 11 on: after the article (`الـ21`, `ال21`, `الـ 21`
/// scan to the article and the digits), and bare for a compound ordinal
/// (`للقرن 21`, `أحداث 11 من سبتمبر`). The first ordinal only.
fn ordinal_digit_variants<'k, E, L, N>(
    inputs: &VariantInputs<'k, '_, E, L, N>,
    keys: &[&str],
    mut add: impl FnMut(Vec<String>),
) where
    E: Fn(&mut dyn FnMut(&[&'k str], EntryKind, &'k str)),
    L: Fn(&str) -> bool,
    N: Fn(&str) -> bool,
{
    let article = inputs.article;
    let Some((at, (len, value))) =
        (0..keys.len()).find_map(|i| Some((i, inputs.ordinals.read(&keys[i..], article)?)))
    else {
        return;
    };
    // A one-digit ordinal is written in words in a name; in digits
    // (`اليوم الـ7`) it is a count of days, floors, chapters.
    if value < 11 {
        return;
    }
    let digits = value.to_string();
    // Bare digits only for a compound: `مجموعة 20` is a group of twenty.
    let bare = (len == 2).then_some(None);
    for lead in std::iter::once(Some(article)).chain(bare) {
        let mut v: Vec<String> = keys[..at].iter().map(|k| k.to_string()).collect();
        v.extend(lead.map(str::to_string));
        v.push(digits.clone());
        v.extend(keys[at + len..].iter().map(|k| k.to_string()));
        add(v);
    }
}

/// The entry with the article added to or dropped from its first word,
/// when that word is no ordinary word in either form.
fn article_variant<'k, E, L, N>(
    inputs: &VariantInputs<'k, '_, E, L, N>,
    keys: &[&str],
    first_written: &str,
) -> Option<Vec<String>>
where
    E: Fn(&mut dyn FnMut(&[&'k str], EntryKind, &'k str)),
    L: Fn(&str) -> bool,
    N: Fn(&str) -> bool,
{
    let article = inputs.article;
    let first = keys[0];
    let written_article = has_written_article(first_written, article);
    let (bare, with_article) = if written_article {
        (first.strip_prefix(article)?.to_string(), first.to_string())
    } else if article.is_empty() {
        return None;
    } else {
        (first.to_string(), [article, first].concat())
    };
    if bare.chars().count() < MIN_PART_LETTERS
        || !(inputs.name_like_word)(&bare)
        || !(inputs.name_like_word)(&with_article)
    {
        return None;
    }
    let mut v: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    v[0] = if written_article { bare } else { with_article };
    Some(v)
}

/// A two-word entry glued into one word, when both words are name-like
/// and neither carries the article.
fn glued_variant<'k, E, L, N>(
    inputs: &VariantInputs<'k, '_, E, L, N>,
    keys: &[&str],
) -> Option<Vec<String>>
where
    E: Fn(&mut dyn FnMut(&[&'k str], EntryKind, &'k str)),
    L: Fn(&str) -> bool,
    N: Fn(&str) -> bool,
{
    let ok = keys.iter().all(|k| {
        k.chars().count() >= MIN_PART_LETTERS
            && !article_then_two_letters(k, inputs.article)
            && k.chars().all(is_arabic_letter)
            && (inputs.name_like_word)(k)
    });
    if !ok {
        return None;
    }
    let glued = keys.concat();
    (inputs.name_like_word)(&glued).then(|| vec![glued])
}

/// A one-word entry split in two where both halves are words of the
/// names lexicons (a word of a multi-word entry) and name-like
/// (`نيويورك` → `نيو يورك`).
fn spaced_variants<'k, E, L, N>(
    inputs: &VariantInputs<'k, '_, E, L, N>,
    key: &str,
    name_words: &HashSet<&str>,
    mut add: impl FnMut(Vec<String>),
) where
    E: Fn(&mut dyn FnMut(&[&'k str], EntryKind, &'k str)),
    L: Fn(&str) -> bool,
    N: Fn(&str) -> bool,
{
    if !key.chars().all(is_arabic_letter) {
        return;
    }
    let known = |w: &str| {
        name_words.contains(w) && (inputs.name_like_word)(w) && !(inputs.is_nisba_word)(w)
    };
    // Byte offsets of the cuts that leave both parts MIN_PART_LETTERS letters.
    let letters = key.chars().count();
    for (cut, (at, _)) in key.char_indices().enumerate() {
        if cut < MIN_PART_LETTERS || cut > letters.saturating_sub(MIN_PART_LETTERS) {
            continue;
        }
        let (left, right) = key.split_at(at);
        if known(left) && known(right) {
            add(vec![left.to_string(), right.to_string()]);
        }
    }
}

/// Whether a word as written starts with the article (a bare alef, then lam,
/// then at least two letters).
pub fn has_written_article(word: &str, article: &str) -> bool {
    // The article's letters, then two more, over the letters as written
    // (marks skipped), without building the string.
    let mut letters = word
        .chars()
        .filter(|&c| !crate::text::normalize::is_dropped(c));
    !article.is_empty()
        && article.chars().all(|a| letters.next() == Some(a))
        && letters.nth(1).is_some()
}

/// Whether `word` (a key) is the article and at least two more letters.
/// Keys fold `أل` to `ال`, so this is the cautious reading: used only to
/// refuse a variant.
pub fn article_then_two_letters(word: &str, article: &str) -> bool {
    !article.is_empty()
        && word
            .strip_prefix(article)
            .is_some_and(|rest| rest.chars().nth(1).is_some())
}

/// A letter of the basic Arabic block (no digit, Latin or punctuation).
fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c) && c != '\u{0640}'
}

/// An entry written in Arabic letters and spaces only (marks allowed).
pub fn is_plain_arabic(entry: &str) -> bool {
    let plain = |c: char| c == ' ' || is_arabic_letter(c) || crate::text::normalize::is_dropped(c);
    // Two-byte characters (the Arabic block: letters and marks) are read
    // off their bytes; anything else is decoded (every entry is checked at
    // start-up).
    let bytes = entry.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let lead = bytes[at];
        if lead == b' ' {
            at += 1;
        } else if (0xC0..0xE0).contains(&lead) && at + 1 < bytes.len() {
            let c = (((lead & 0x1F) as u32) << 6) | (bytes[at + 1] & 0x3F) as u32;
            if !char::from_u32(c).is_some_and(plain) {
                return false;
            }
            at += 2;
        } else {
            return entry[at..].chars().all(plain);
        }
    }
    true
}
