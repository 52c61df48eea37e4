//! Spelling variants of gazetteer entries, added to the one phrase table at
//! load time so every lookup stays a plain key match:
//! - **the article**: a multi-word place, organization or other non-person
//!   entry whose first word is written with the article (`الأسوشيتد برس`)
//!   also matches without it, and the reverse (`أسوشيتد برس` →
//!   `الأسوشيتد برس`), but only when the first word is no ordinary word with
//!   or without the article (common, stop, ambiguous or trigger word), so
//!   `ال` + a common word never becomes a name;
//! - **spacing**: a two-word entry of name-like words (`جورج تاون`) also
//!   matches glued (`جورجتاون`), and a one-word entry that splits into two
//!   words known from the names lexicons (`نيويورك` → `نيو يورك`) matches
//!   spaced.
//!
//! A variant never replaces a listed entry: one whose keys already are an
//! entry of the table is not added. Variants carry the listed entry's
//! payload, so `explain` names the row they come from. Letter variants
//! (hamza, alef, ya, ta marbuta) need nothing here: the key normalizer folds
//! them for entries and text alike.

use rustc_hash::FxHashSet;

use super::*;

/// Shortest word (in letters) a variant is built from.
const MIN_PART_LETTERS: usize = 3;

/// The definite article of the clitic table in force (`rules/text/clitics.csv`,
/// key form `ال`). A key alone cannot tell `ال` from a folded `أل`
/// (`ألمانيا`), so the entry as written decides where it can.
fn article() -> &'static str {
    crate::text::clitics::active_table().article()
}

impl NameRecognizer {
    /// Add the article and spacing variants of every gazetteer entry (see
    /// the module docs). Runs after every word list and table is loaded.
    pub(super) fn add_gazetteer_variants(&mut self) {
        // The words of multi-word entries, borrowed from the table.
        let mut name_words: FxHashSet<&str> = FxHashSet::default();
        self.gazetteer.for_each_entry(|keys, payload| {
            if keys.len() >= 2 && !matches!(payload.label, Label::Norp | Label::Person) {
                name_words.extend(keys.iter().copied());
            }
        });
        let mut variants: Vec<(Vec<String>, GazEntry)> = Vec::new();
        self.gazetteer.for_each_entry(|keys, payload| {
            // A person entry of three words or more has no variant.
            if payload.label == Label::Norp
                || (payload.label == Label::Person && keys.len() >= 3)
                || !is_plain_arabic(&payload.source.entry)
            {
                return;
            }
            // Arabic letters, marks and spaces: its words lie between spaces.
            let mut written = payload.source.entry.split_ascii_whitespace();
            let Some(first_written) = written.next() else {
                return;
            };
            if 1 + written.count() != keys.len() {
                return;
            }
            let mut add = |v: Vec<String>| variants.push((v, payload.clone()));
            if keys.len() >= 2
                && payload.label != Label::Person
                && !keys[1..].iter().any(|k| key_has_article(k))
            {
                if let Some(v) = self.article_variant(keys, first_written) {
                    add(v);
                }
            }
            if keys.len() == 2 {
                if let Some(v) = self.glued_variant(keys) {
                    add(v);
                }
            }
            if keys.len() == 1 && !has_written_article(first_written) {
                for v in self.spaced_variants(keys[0], &name_words) {
                    add(v);
                }
            }
        });
        drop(name_words);
        for (keys, payload) in variants {
            if !self.gazetteer.contains_keys(&keys) {
                self.gazetteer.insert_keys(keys, payload);
            }
        }
    }

    /// The entry with the article added to or dropped from its first word,
    /// when that word is no ordinary word in either form.
    fn article_variant(&self, keys: &[&str], first_written: &str) -> Option<Vec<String>> {
        let first = keys[0];
        let (bare, with_article) = if has_written_article(first_written) {
            let bare = first.strip_prefix(article())?.to_string();
            (bare, first.to_string())
        } else if article().is_empty() {
            return None;
        } else {
            (first.to_string(), [article(), first].concat())
        };
        if bare.chars().count() < MIN_PART_LETTERS
            || !self.name_like_word(&bare)
            || !self.name_like_word(&with_article)
        {
            return None;
        }
        let mut v: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        v[0] = if has_written_article(first_written) {
            bare
        } else {
            with_article
        };
        Some(v)
    }

    /// A two-word entry glued into one word, when both words are name-like
    /// and neither carries the article.
    fn glued_variant(&self, keys: &[&str]) -> Option<Vec<String>> {
        let ok = keys.iter().all(|k| {
            k.chars().count() >= MIN_PART_LETTERS
                && !key_has_article(k)
                && k.chars().all(is_arabic_letter)
                && self.name_like_word(k)
        });
        if !ok {
            return None;
        }
        let glued = keys.concat();
        (self.name_like_word(&glued)).then(|| vec![glued])
    }

    /// A one-word entry split in two where both halves are words of the
    /// names lexicons (a given name or a word of a multi-word entry) and
    /// name-like (`نيويورك` → `نيو يورك`).
    fn spaced_variants(&self, key: &str, name_words: &FxHashSet<&str>) -> Vec<Vec<String>> {
        if !key.chars().all(is_arabic_letter) {
            return Vec::new();
        }
        let known =
            |w: &str| name_words.contains(w) && self.name_like_word(w) && !self.is_nisba_word(w);
        // Byte offsets of the cuts that leave both parts MIN_PART_LETTERS letters.
        let letters = key.chars().count();
        let mut out = Vec::new();
        for (cut, (at, _)) in key.char_indices().enumerate() {
            if cut < MIN_PART_LETTERS || cut > letters.saturating_sub(MIN_PART_LETTERS) {
                continue;
            }
            let (left, right) = key.split_at(at);
            if known(left) && known(right) {
                out.push(vec![left.to_string(), right.to_string()]);
            }
        }
        out
    }

    fn is_nisba_word(&self, key: &str) -> bool {
        self.gazetteer
            .word_payloads(key)
            .any(|p| p.label == Label::Norp)
    }

    /// A word (key) that is no stop, common, ambiguous or trigger word.
    fn name_like_word(&self, key: &str) -> bool {
        !(self.stop.contains(key)
            || self.common.contains(key)
            || self.ambiguous.contains(key)
            || self.trigger_words.contains(key))
    }
}

/// Whether a word as written starts with the article (a bare alef, then lam,
/// then at least two letters).
fn has_written_article(word: &str) -> bool {
    // The article's letters, then two more, over the letters as written
    // (marks skipped), without building the string.
    let mut letters = word
        .chars()
        .filter(|&c| !crate::text::normalize::is_dropped(c));
    let article = article();
    !article.is_empty()
        && article.chars().all(|a| letters.next() == Some(a))
        && letters.nth(1).is_some()
}

/// Whether a key starts like the article (and two more letters). Keys fold
/// `أل` to `ال`, so this is the cautious reading: used only to refuse a
/// variant.
fn key_has_article(key: &str) -> bool {
    article_then_two_letters(key)
}

/// Whether `word` is the article and at least two more letters.
fn article_then_two_letters(word: &str) -> bool {
    !article().is_empty()
        && word
            .strip_prefix(article())
            .is_some_and(|rest| rest.chars().nth(1).is_some())
}

/// A letter of the basic Arabic block (no digit, Latin or punctuation).
fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c) && c != '\u{0640}'
}

/// An entry written in Arabic letters and spaces only (marks allowed).
fn is_plain_arabic(entry: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_arabic_is_read_off_the_bytes_as_off_the_characters() {
        for entry in [
            "",
            " ",
            "بكين",
            "أبو ظبي",
            "الأُمَم المتحدة",
            "ـــ",
            "3M",
            "بي بي سي 2",
            "é",
            "ب\u{200F}",
            "ب\u{00AD}ب",
            "ب€",
            "ٱ",
        ] {
            let slow = entry
                .chars()
                .all(|c| c == ' ' || is_arabic_letter(c) || crate::text::normalize::is_dropped(c));
            assert_eq!(is_plain_arabic(entry), slow, "{entry:?}");
        }
    }

    #[test]
    fn article_is_read_from_the_written_word_not_the_key() {
        assert!(has_written_article("الأسوشيتد"));
        // `ألمانيا` keys to `المانيا`, but its alef carries a hamza: no article.
        assert!(!has_written_article("ألمانيا"));
        assert!(!has_written_article("ال"));
        assert!(key_has_article(&crate::text::key("ألمانيا")));
    }
}
