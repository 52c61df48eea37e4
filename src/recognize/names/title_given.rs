//! The first word of a name after a title when that word alone reads as
//! something else: a given name that is also an ordinary word (`الرئيس
//! [علي عبدالله صالح]`, `الوزير [علي كرتي]`), or a foreign first name that
//! begins with `و` as a conjunction would (`المدافع الفرنسي [ويلي
//! سانيول]`). The title is the cue; the evidence is the next word, which
//! must itself be a name word: a listed given or family name, a nasab
//! particle, or an unlisted bare word whose letters do not look ordinary.
//! Never the word alone: `الرئيس علي` followed by an ordinary word is no name.

use super::*;

impl NameRecognizer {
    /// Whether token `first`, right after a title, starts a name because
    /// of the name word after it.
    pub(super) fn title_given_before_name(&self, d: &Doc<'_>, first: usize) -> bool {
        let next = first + 1;
        if next >= d.a.len() || !self.plain_first_word(d, first) {
            return false;
        }
        let listed_next = d.any(next, flag::GIVEN | flag::FAMILY | flag::PARTICLE)
            && !d.any(next, flag::COMMON | flag::STOP | flag::LIGHT_STOP);
        let unknown_next = self.is_bare_proper(d, next)
            && !d.any(next, flag::GAZ_WORD | flag::RANK)
            && !d.a.key(next).starts_with('\u{0648}')
            && !self.ambiguous.contains(d.a.key(next))
            && !self.is_verb_shaped(d, next)
            && !self.looks_ordinary(d, next);
        listed_next || unknown_next
    }

    /// A bare word that is no function word as written, trigger, place,
    /// verb, inflected or suffixed ordinary word or proclitic + a known
    /// word (`بأفغانستان`), and whose letters do not look ordinary. A word opening with
    /// `و` counts only when no lexicon knows it whole, no name, place or
    /// trigger follows the `و` (`ومحمد`, `ووزير`), and its letters look like
    /// a name's (`ويلي`, though `يلي` is a word).
    fn plain_first_word(&self, d: &Doc<'_>, i: usize) -> bool {
        let key = d.a.key(i);
        let conjunct_shaped = key.starts_with('\u{0648}');
        d.is_word(i)
            && !d.has_article(i)
            && key.chars().nth(2).is_some()
            && !d.any(
                i,
                flag::LIGHT_STOP
                    | flag::TRIGGER
                    | flag::NON_PERSON_WORD
                    | flag::PRONOUN_SUFFIX
                    | flag::INFLECTED
                    | flag::RANK
                    | flag::PARTICLE,
            )
            && !self.is_verb_shaped(d, i)
            && !self.looks_ordinary(d, i)
            && (if conjunct_shaped {
                self.vocab.own(key) & flag::OWN == 0
                    && !d.f.stem_any(
                        i,
                        flag::GIVEN | flag::FAMILY | flag::GAZ_WORD | flag::TRIGGER,
                    )
                    && self.looks_like_name(d, i)
            } else {
                !d.any(i, flag::CLITIC_COMMON)
            })
    }
}
