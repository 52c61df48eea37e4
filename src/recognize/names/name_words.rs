//! The token classes of a name run: whether a word can go on a person's
//! name after a title or a given name (`is_name_token`), whether a family
//! name ends one (`family_ends`), and whether a word is a bare proper name
//! (`is_bare_proper`). The person, title and chain rules all ask these.

use super::*;

impl NameRecognizer {
    /// A word that can be part of a person's name after a title or a given
    /// name; asked through the document's memo ([`Self::is_name_token`]).
    pub(super) fn name_token_answer(&self, d: &Doc<'_>, i: usize, prev_particle: bool) -> bool {
        // A Latin word does not continue an Arabic name (`[جورج بوش] George W. Bush`).
        if i > 0
            && latin_gloss::is_latin_word(d.a.surface(i))
                != latin_gloss::is_latin_word(d.a.surface(i - 1))
        {
            return false;
        }
        if self.joins_foreign_name(d, i) {
            return true;
        }
        // A compound regnal number after a given name (`لويس [الرابع] [عشر]`)
        // joins the name and ends it.
        let teen = |k: usize| d.any(k, flag::RANK) && d.is_word(k) && !d.has_article(k);
        if i > 0 && d.any(i, flag::RANK) {
            let compound_first = d.has_article(i)
                && teen(i + 1)
                && d.any(i - 1, flag::GIVEN)
                && !d.has_article(i - 1);
            // A rank after a given name is a regnal number, though most
            // ranks are ordinary words (`هنري [الثامن]`, `لويس [التاسع]`).
            let regnal = d.has_article(i)
                && d.key_in(&self.ordinals, i)
                && d.any(i - 1, flag::GIVEN)
                && !d.has_article(i - 1)
                && !d.any(i - 1, flag::RANK);
            if compound_first || regnal || (teen(i) && d.any(i - 1, flag::RANK)) {
                return true;
            }
        }
        if i > 0 && teen(i - 1) {
            return false;
        }
        // A given name the lexicons hold as a function word, written as
        // the name beside name words (`[محمد علي]`, `[علي جمعة]`).
        if self.homograph_given(d, i) {
            return true;
        }
        // A one-letter word (`ه` split off a word, `و`) is never a name part.
        if !d.is_word(i) || d.any(i, flag::LIGHT_STOP) || d.a.key(i).chars().nth(1).is_none() {
            return false;
        }
        if d.any(i, flag::GIVEN | flag::FAMILY | flag::PARTICLE) {
            return true;
        }
        // The second word of a compound after a bare name word (`فؤاد
        // [سراج الدين]`, `[محمد حسين فضل الله]`).
        if i > 0
            && d.is_word(i - 1)
            && !d.has_article(i - 1)
            && !d.any(i - 1, flag::PARTICLE | flag::STOP | flag::LIGHT_STOP)
            && d.key_in(&self.compound_tails, i)
        {
            return true;
        }
        // A tail after the compound particle written with the article, a
        // family name (`رانيا [العبد الله]`).
        if i > 0
            && d.key_in(&self.compound_tails, i)
            && d.has_article(i - 1)
            && !d.any(i - 1, flag::STOP | flag::LIGHT_STOP)
            && crate::text::clitics::active_table()
                .strip_article(d.a.key(i - 1))
                .is_some_and(|bare| self.particles.contains(bare))
        {
            return true;
        }
        // After a listed name word, an ordinary word that a compound tail
        // closes (`زياد [فضل] الله`; not `لحزب الله`).
        if i > 0
            && i + 1 < d.a.len()
            && d.any(i - 1, flag::GIVEN | flag::FAMILY)
            && d.key_in(&self.compound_tails, i + 1)
            && !d.has_article(i)
            && !d.a.key(i).starts_with('و')
            && !d.any(
                i,
                flag::STOP | flag::LIGHT_STOP | flag::TRIGGER | flag::NON_PERSON_WORD,
            )
        {
            return true;
        }
        if d.any(i, flag::COMMON | flag::TRIGGER | flag::NON_PERSON_WORD) {
            return false;
        }
        // An unlisted verb ends the name, even after a given name (`[طلعت زكريا] يتقمص`).
        if self.is_verb_shaped(d, i) {
            return false;
        }
        // `مرماه` ("his goal"): a common word + the attached pronoun `ه`.
        let light = d.a.light(i);
        if let Some(stem) = d.a.key(i).strip_suffix('ه') {
            if light.ends_with('ه')
                && stem.chars().nth(2).is_some()
                && self.vocab.own(stem) & flag::COMMON_PRONOUN_STEM != 0
            {
                return false;
            }
        }
        // `وكريستيانو`: a conjunction starts the next name, not this one.
        if d.a.key(i).starts_with('و')
            || d.any(
                i,
                flag::CLITIC_COMMON | flag::INFLECTED | flag::PRONOUN_SUFFIX,
            )
        {
            return false;
        }
        if d.has_article(i) {
            // `عبد الله`, a nisba surname (`البقالي`, `الحسيني`), or a family
            // name with the article right after a given name (`حسين الفردان`),
            // also a compound one (`عبد الله الحمود`, `أبو بكر البغدادي`).
            // A nasab link (`بن العوام`) is closed by the next rule instead.
            let after_compound = i > 1
                && d.any(i - 2, flag::PARTICLE)
                && !d.any(i - 2, flag::LIGHT_STOP)
                && !self.nasab.contains(d.a.key(i - 2));
            // A given name behind a proclitic counts too (`و[خليل الحميد]`).
            let after_given = i > 0
                && (d.any(i - 1, flag::GIVEN)
                    || self.homograph_given(d, i - 1)
                    || after_compound
                    || (d.a.key(i - 1).starts_with('و') && d.f.stem_any(i - 1, flag::GIVEN)));
            return prev_particle || ((d.a.key(i).ends_with('ي') || after_given) && !d.is_norp(i));
        }
        // An unlisted word that looks like an ordinary word (`[شيراك] شذ`)
        // ends a name, except right after a particle, a listed given name
        // (also after a proclitic: `وجورج`), or
        // an Arabic-looking family or unlisted name word (`رستم غزالة`):
        // Arabic family names are ordinary words too (`وليد اباظة`), while a
        // foreign surname ends the name (`[روبن فان بيرسي] كرة`).
        let after_given = i > 0
            && (prev_particle
                || d.any(i - 1, flag::GIVEN | flag::PARTICLE)
                || self.homograph_given(d, i - 1)
                || (d.a.key(i - 1).starts_with('و') && d.f.stem_any(i - 1, flag::GIVEN))
                || self.arabic_name_word(d, i - 1));
        after_given || !self.looks_ordinary(d, i)
    }

    /// A listed family name followed by an unlisted word that is mostly an
    /// ordinary word in ANERcorp ends the name (`[باتشان] نجم`): the word
    /// after a surname is the next noun or verb. The word is looked up only
    /// inside a name run. A rank after a given name alone is a regnal number and continues it
    /// (`الملك [عبد الله الثاني]`, `[محمد الخامس]`).
    pub(super) fn family_ends(&self, d: &Doc<'_>, first: usize, last: usize) -> bool {
        // `علي` after a listed name is the given name, though the training
        // parts mostly see its key as the preposition `على`.
        if self.homograph_given(d, last + 1) {
            return false;
        }
        if self.ordinary_word_ends(d, first, last) {
            return true;
        }
        if !d.any(last, flag::FAMILY)
            || d.any(last + 1, flag::GIVEN | flag::FAMILY | flag::PARTICLE)
        {
            return false;
        }
        let regnal = d.any(last + 1, flag::RANK)
            && (first..=last).all(|k| d.any(k, flag::GIVEN | flag::PARTICLE));
        !regnal && last + 1 < d.a.len() && self.ambiguous.contains(d.a.key(last + 1))
    }

    /// A bare (no article) word that looks like a proper name: not a stop,
    /// common or trigger word.
    pub(super) fn is_bare_proper(&self, d: &Doc<'_>, i: usize) -> bool {
        if !d.is_word(i) {
            return false;
        }
        let key = d.a.key(i);
        key.chars().nth(1).is_some()
            && !d.any(
                i,
                flag::ARTICLE
                    | flag::PRONOUN_SUFFIX
                    | flag::STOP
                    | flag::COMMON
                    | flag::TRIGGER
                    | flag::CLITIC_COMMON
                    | flag::INFLECTED,
            )
            && !crate::text::clitics::is_proclitic(key)
    }
}
