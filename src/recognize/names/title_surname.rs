//! A family name that is also an ordinary word, after a title and a listed
//! given name: `اللواء [يحيى رسول]،`, `السادة [محمد خميس] و…`. Arabic
//! family names are often ordinary nouns (`رسول`, `خميس`, `صديق`), which
//! the common-word list (learned from ANERcorp) keeps out of a name run;
//! after a title and a given name the word is the surname when the name
//! plainly ends right after it (punctuation, a conjunct, a stop word or a
//! verb follows). One such word only (with the article too: `[نضال
//! الاشقر]`, but no nationality adjective), never a verb shape, an
//! imperfect (`يدعى`), an accusative (`شيئا`) or letters that look
//! ordinary. Without a title the same holds after a listed given name that
//! names nothing else (`[بلال فضل]،`, not the city `ليون صفر`).

use super::*;

impl NameRecognizer {
    /// Token `k` is an ordinary word closing the name `first..k` that a
    /// title announced: `first` is a listed given name right before it.
    pub(super) fn common_surname_after_title(&self, d: &Doc<'_>, first: usize, k: usize) -> bool {
        if k != first + 1 || !d.any(first, flag::GIVEN) || d.any(first, flag::COMMON) {
            return false;
        }
        let key = d.a.key(k);
        let stem = key.strip_prefix("\u{0627}\u{0644}").unwrap_or(key);
        let plain_word = d.is_word(k)
            && !stem.starts_with('\u{064A}')
            && !stem.ends_with('\u{0627}')
            && (!d.has_article(k) || !d.is_norp(k))
            && key.chars().nth(2).is_some()
            && d.any(k, flag::COMMON)
            && !d.any(
                k,
                flag::STOP
                    | flag::LIGHT_STOP
                    | flag::TRIGGER
                    | flag::NON_PERSON_WORD
                    | flag::GAZ_WORD
                    | flag::RANK
                    | flag::PRONOUN_SUFFIX
                    | flag::CLITIC_COMMON
                    | flag::INFLECTED
                    | flag::NORP_WORD,
            )
            && !key.starts_with('و')
            && !self.is_verb_shaped(d, k)
            && !self.looks_ordinary(d, k);
        plain_word && self.name_ends_after(d, k)
    }

    /// The same without a title, after a listed given name at `first` that
    /// names nothing else (`[بلال فضل]،`, not `ليون صفر`), the word no
    /// dual or plural noun (`محمد صلاح هدفين`).
    pub(super) fn common_surname_after_given(&self, d: &Doc<'_>, first: usize) -> bool {
        let k = first + 1;
        // A dual or plural noun (`هدفين`) is the verb's object.
        let plural = ["\u{064A}\u{0646}", "\u{0648}\u{0646}", "\u{0627}\u{062A}"];
        if k >= d.a.len()
            || d.any(first, flag::NON_PERSON_WORD)
            || plural.iter().any(|suffix| d.a.key(k).ends_with(suffix))
        {
            return false;
        }
        self.common_surname_after_title(d, first, k)
    }

    /// The name plainly ends after token `k`: nothing follows, or no word,
    /// a stop word, a conjunct (`وعباس`) or a verb-shaped word does.
    pub(super) fn name_ends_after(&self, d: &Doc<'_>, k: usize) -> bool {
        let next = k + 1;
        next >= d.a.len()
            || !d.is_word(next)
            || d.any(next, flag::LIGHT_STOP)
            || d.a.key(next).starts_with('و')
            || self.is_verb_shaped(d, next)
    }
}
