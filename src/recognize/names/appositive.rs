//! An unknown person named by the title that follows the name in apposition
//! (`[فايزة أبوالنجا] وزيرة التعاون الدولي`, `[هاشمي سماري] موفد الرئيس`):
//! one to three name-like words right before an indefinite person title
//! in the construct state. Keyed on the title, not on any list of names;
//! the name words must be no ordinary word (common, stop, trigger,
//! inflected, conjunct), so `قال وزير` or `وفد رئيس` do not fire.

use super::*;

/// At most this many words before the title make the name.
const MAX_NAME_WORDS: usize = 3;

impl NameRecognizer {
    /// At a person title `title` (the whole token, as [`Self::triggers_at`]
    /// matched it) without the article, the name words right before it.
    pub(super) fn appositive_person_at(&self, d: &Doc<'_>, title: usize, out: &mut Vec<Mention>) {
        if title == 0 || d.has_article(title) {
            return;
        }
        let name_word = |k: usize| {
            self.is_name_token(d, k, false)
                && !d.has_article(k)
                && !d.any(k, flag::COMMON | flag::STOP | flag::TRIGGER)
        };
        let last = title - 1;
        if !name_word(last) {
            // A family name with the article right after a speech verb
            // (`وقال [البدري] مدير الكرة`).
            if self.definite_family_after_speech_verb(d, last) {
                let mut m = self.span(d, last, last, Label::Person, "name/appositive-person");
                m.priority = priority::PERSON_LIST;
                out.push(m);
            }
            return;
        }
        let mut first = last;
        while first > 0 && last + 1 - first < MAX_NAME_WORDS && name_word(first - 1) {
            first -= 1;
        }
        // Two words at least, or one that a gazetteer or list knows as a
        // name part: a single unknown word before a title is too often a
        // verb or a noun (`يرأس وزير`).
        if first == last && !d.any(last, flag::GIVEN | flag::FAMILY) {
            return;
        }
        let mut m = self.span(d, first, last, Label::Person, "name/appositive-person");
        m.priority = priority::PERSON_LIST;
        out.push(m);
    }

    /// A definite word shaped like a nisba family name (`البدري`), no
    /// ordinary or nationality word, right after a speech verb.
    fn definite_family_after_speech_verb(&self, d: &Doc<'_>, k: usize) -> bool {
        k > 0
            && d.has_article(k)
            && d.a.key(k).ends_with('ي')
            && !d.is_norp(k)
            && !d.any(
                k,
                flag::COMMON | flag::STOP | flag::TRIGGER | flag::NON_PERSON_WORD,
            )
            && self
                .trigger_matches(d, k - 1, true)
                .first()
                .is_some_and(|m| m.payload.has(TriggerKind::SpeechVerb))
    }
}
