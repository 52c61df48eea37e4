//! A person's name ends on a family name with the article that no list
//! knows (`محمد الصالح [البسام]`, `[محمد الحمد العسافي]`): Gulf and Levant
//! family names are often ordinary definite words, and after two name words
//! the name runs had no evidence to take them. Keyed on context, never on
//! a list of the names: a person mention found by a name rule, then one or
//! two definite words that no lexicon reads as anything else (no place,
//! title, nationality, rank, stop or verb-shaped word, no inflected or
//! pronoun-suffixed form), and then the name plainly ends (punctuation, a
//! stop word, a conjunct or a verb follows, or the text ends).

use super::*;

/// The rules whose person mentions may run on over a definite surname.
const NAME_SOURCES: &[&str] = &[
    "name/person-list",
    "name/title-person",
    "name/learned-person",
    "name/pattern-abd",
    "name/nasab-chain",
    "name/pattern-nasab",
    "name/speaker",
    "name/person-joined",
];

/// At most this many definite surname words are added to a name.
const MAX_TAIL: usize = 2;

impl NameRecognizer {
    /// Extend every person mention of [`NAME_SOURCES`] in `found` over the
    /// definite surname words right after it.
    pub(super) fn extend_persons_over_surnames(&self, d: &Doc<'_>, found: &mut [Mention]) {
        let tokens = d.a.tokens();
        for m in found.iter_mut() {
            if m.label != Label::Person || !NAME_SOURCES.contains(&m.rule.as_str()) {
                continue;
            }
            let stop = d.offsets().starting_before(m.end);
            if stop == 0 || tokens[stop - 1].end != m.end || d.any(stop - 1, flag::PARTICLE) {
                continue;
            }
            let first = d.offsets().ending_by(m.start);
            if first >= stop {
                continue;
            }
            let conjunct = m.start > tokens[first].start && d.a.key(first).starts_with('\u{0648}');
            if !self.surname_may_follow(d, first, stop - 1, conjunct) {
                continue;
            }
            // In running text a name is often the subject of a verb before
            // it, and an ordinary definite word after it is the verb's
            // object (`انتقد المدرب [X] التحكيم`): an ordinary word is a
            // surname only for a name that is an item of a list (after
            // punctuation or the conjunction `و`, or first in the text).
            let ordinary_allowed =
                first == 0 || !d.is_word(first - 1) || conjunct || d.a.key(first - 1) == "\u{0648}";
            let mut last = stop - 1;
            let mut tail = None;
            while last + 1 < d.a.len() && last + 2 - stop <= MAX_TAIL {
                if !self.definite_surname(d, last + 1, ordinary_allowed) {
                    break;
                }
                last += 1;
                if self.name_ends_after(d, last) {
                    tail = Some(last);
                }
            }
            let Some(last) = tail else {
                continue;
            };
            if d.ctx.explain {
                m.evidence = format!(
                    "{}; the definite surname `{}` before the name's end",
                    m.evidence,
                    d.a.surface(last)
                );
            }
            m.end = tokens[last].end;
            m.rule = "name/person-surname".into();
        }
    }

    /// The name `first..=last` may run on over a surname: two words or
    /// more, or a listed given name alone (`[محمد السند]`), not a chain
    /// link after `بن` or a name behind a proclitic other than the
    /// conjunction (`لأبي …`; `و[سعاد]` is fine: `conjunct`).
    fn surname_may_follow(&self, d: &Doc<'_>, first: usize, last: usize, conjunct: bool) -> bool {
        let given = d.any(first, flag::GIVEN) || (conjunct && d.f.stem_any(first, flag::GIVEN));
        let listed_start = d.any(first, flag::GIVEN | flag::FAMILY | flag::PARTICLE);
        let behind_proclitic = !listed_start && !conjunct && d.f.get(first).stems & flag::OWN != 0;
        let nasab_start = self.nasab.contains(d.a.key(first));
        (last > first || given) && !behind_proclitic && !nasab_start
    }

    /// Token `k` is a definite word that may be a family name: no lexicon
    /// reads it as anything but a name (an ordinary word of the common list
    /// only when that list is all that knows it), not verb-shaped.
    fn definite_surname(&self, d: &Doc<'_>, k: usize, ordinary_allowed: bool) -> bool {
        let key = d.a.key(k);
        // A feminine or plural adjective (`الاقتصادية`, `المدفون`) is no
        // surname (`ين` is: `البوعينين`). Asked after the flag tests,
        // which refuse most words without reading the key.
        let adjective = || {
            ["\u{0647}", "\u{0648}\u{0646}", "\u{0627}\u{062A}"]
                .iter()
                .any(|suffix| key.ends_with(suffix))
        };
        d.is_word(k)
            && d.has_article(k)
            && !d.is_norp(k)
            && !d.any(
                k,
                flag::STOP
                    | flag::LIGHT_STOP
                    | flag::TRIGGER
                    | flag::NON_PERSON_WORD
                    | flag::RANK
                    | flag::PRONOUN_SUFFIX
                    | flag::INFLECTED
                    | flag::CLITIC_COMMON
                    | flag::NAME_SUFFIX
                    | flag::NORP_WORD,
            )
            && !adjective()
            && !is_verbal_noun(key)
            && key.chars().nth(4).is_some()
            && (!d.any(k, flag::COMMON) || (ordinary_allowed && !self.ambiguous.contains(key)))
            && !self.is_verb_shaped(d, k)
    }
}

/// A definite verbal noun of the forms II and X (`التنقيب`, `الاستغناء`):
/// `الت` + two root letters + `ي` + one, or `الاست` + four letters or more.
/// Such words name acts, never families.
fn is_verbal_noun(key: &str) -> bool {
    let Some(stem) = key.strip_prefix("\u{0627}\u{0644}") else {
        return false;
    };
    let mut letters = stem.chars();
    let form_two = stem.chars().count() == 5
        && letters.next() == Some('\u{062A}')
        && letters.nth(2) == Some('\u{064A}');
    let form_ten = stem.chars().nth(5).is_some() && stem.starts_with("\u{0627}\u{0633}\u{062A}");
    form_two || form_ten
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbal_nouns_of_forms_two_and_ten_are_told_from_family_names() {
        for key in ["التنقيب", "التعليم", "الاستغناء", "الاستقلال"]
        {
            assert!(is_verbal_noun(&crate::text::key(key)), "{key}");
        }
        for key in ["البسام", "العسافي", "التميمي", "الاسد", "تنقيب"]
        {
            assert!(!is_verbal_noun(&crate::text::key(key)), "{key}");
        }
    }
}
