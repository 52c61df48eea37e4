//! A name of two or more words does not run on into an ordinary word:
//! after `[حسن نصرالله]` or `[عبدالله ناصر الجنيبي]`, a bare word that
//! ANERcorp's training part shows mostly outside names (seen three times
//! or more, `rules/names/common_words.csv`), or an inflected form of one
//! (`امينا`, `أمين` + the accusative `ا`, also after one word), is the
//! next phrase (`امينا عاما`, `أمين السر`), not a third name word. A listed name word, a
//! particle's complement (`أبي [طالب]`), a regnal number and the name
//! `علي` (written like the preposition `على`) go on as before.

use super::features::INFLECTIONS;
use super::*;

impl NameRecognizer {
    /// Whether the name `first..=last` ends before an ordinary word at
    /// `last + 1`: an inflected one always, a plain one after two words.
    pub(super) fn ordinary_word_ends(&self, d: &Doc<'_>, first: usize, last: usize) -> bool {
        let next = last + 1;
        next < d.a.len()
            && d.is_word(next)
            && !d.has_article(next)
            && !d.any(last, flag::PARTICLE)
            && !d.any(
                next,
                flag::GIVEN
                    | flag::FAMILY
                    | flag::PARTICLE
                    | flag::PERSON_WORD
                    | flag::RANK
                    | flag::LIGHT_STOP_VARIANT,
            )
            && ((last > first && self.ambiguous.contains(d.a.key(next)))
                || self.inflected_ordinary(d.a.key(next)))
    }

    /// A word seen three times or more in ANERcorp's training part and
    /// mostly outside names + an inflection (`امينا`): no name word even
    /// right after a given name.
    fn inflected_ordinary(&self, key: &str) -> bool {
        INFLECTIONS.iter().any(|suffix| {
            key.strip_suffix(suffix)
                .is_some_and(|stem| stem.chars().nth(1).is_some() && self.ambiguous.contains(stem))
        })
    }
}
