//! Institutions named by their field: an indefinite school, college or
//! institute head (`org_head_named`) before a definite noun naming what it
//! teaches is one ORG with the head (`[كلية الطب]`, `[مدرسة الحقوق]`,
//! `[كلية الشريعة والدراسات الإسلامية]`, decision 107). The bare-name case
//! (`[كلية بيمبروك]`) is `institution_with_name` in `org_heads.rs`.

use super::context_rules::is_nisba_shaped;
use super::org_rules::is_definite_conjunct;
use super::*;

/// Words after the field noun: adjectives and `و`+ال conjuncts.
const MAX_FIELD_WORDS: usize = 4;

impl NameRecognizer {
    /// `head` is the trigger token, `start` where the mention begins (after a
    /// proclitic), `after` the token after the head. None when the head is
    /// definite (`المدرسة القديمة`, a description), when a profile keeps the
    /// head outside its organizations (ANERcorp's `مدرسة`, `كلية`), when a
    /// quotation mark opens before it (a work's title), or when the noun
    /// after it is no plain definite word (`مدرسة للبنات`, a purpose: a
    /// description; a listed name, read by its own rules).
    pub(super) fn institution_with_field(
        &self,
        d: &Doc<'_>,
        head: usize,
        start: usize,
        after: usize,
    ) -> Option<Vec<Mention>> {
        let a = d.a;
        let outside = self
            .trigger_matches(d, head, true)
            .iter()
            .any(|t| t.payload.has(TriggerKind::OrgHeadOutside));
        let quoted = head > 0 && matches!(a.light(head - 1), "\"" | "«" | "“");
        if outside || quoted || d.has_article(head) || !self.field_noun(d, after) {
            return None;
        }
        let mut last = after;
        let mut j = after + 1;
        while j < a.len() && j - after <= MAX_FIELD_WORDS && d.is_word(j) && !d.is_stop(j) {
            let key = a.key(j);
            let adjective = d.has_article(j) && (d.is_norp(j) || is_nisba_shaped(key));
            let conjunct = is_definite_conjunct(key) && self.field_noun_stem(d, j);
            if !(adjective || conjunct) || d.any(j, flag::PRONOUN_SUFFIX) {
                break;
            }
            last = j;
            j += 1;
        }
        let m = self.trigger_mention(
            d,
            start,
            a.tokens()[last].end,
            Label::Org,
            "name/org-institution-field",
        );
        Some(vec![m])
    }

    /// A definite noun that may name a field: a word with the article, no
    /// stop word, head, nationality or pronoun suffix, and no listed name.
    fn field_noun(&self, d: &Doc<'_>, j: usize) -> bool {
        j < d.a.len()
            && d.is_word(j)
            && d.has_article(j)
            && !d.is_stop(j)
            && !d.is_norp(j)
            && !d.is_descriptor(j)
            && !d.any(j, flag::PRONOUN_SUFFIX | flag::TRIGGER | flag::RANK)
            && self.gaz_matches(d, j, false).is_empty()
    }

    /// `و` + a field noun (`والدراسات`): no listed name after the `و`.
    fn field_noun_stem(&self, d: &Doc<'_>, j: usize) -> bool {
        let stem = &d.a.key(j)['\u{0648}'.len_utf8()..];
        self.vocab.own(stem) & (flag::TRIGGER | flag::STOP) == 0
            && self.gaz_matches(d, j, true).is_empty()
    }
}
