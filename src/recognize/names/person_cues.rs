//! A person named right after a nationality adjective
//! (`الإسباني [فابريغاس]`, `والبرتغالي [تياغو]`): sports and world news
//! name a foreigner by nationality alone. The cue is the definite singular
//! nationality word; the evidence is the first name word itself, an
//! unlisted word whose letters look like a name (the learned
//! [`super::likeness`] score). Listed names after the adjective are found
//! by the person lists already. Found names propagate to later mentions.

use super::*;

impl NameRecognizer {
    /// At a definite singular nationality word `i`, the person named right
    /// after it.
    pub(super) fn norp_person_at(&self, d: &Doc<'_>, i: usize, out: &mut Vec<Mention>) {
        let first = i + 1;
        if !d.is_norp(i) || !d.has_article(i) || first >= d.a.len() {
            return;
        }
        let unlisted = !d.any(
            first,
            flag::GIVEN | flag::FAMILY | flag::PARTICLE | flag::GAZ_WORD | flag::COMMON,
        );
        if !unlisted
            || d.has_article(first)
            || !self.is_name_token(d, first, false)
            || !self.looks_like_name(d, first)
        {
            return;
        }
        let Some(mentions) = self.title_person(d, first) else {
            return;
        };
        for mut m in mentions {
            m.rule = "name/norp-person".into();
            m.priority = priority::PERSON_LIST;
            if d.ctx.explain {
                m.evidence = format!(
                    "nationality `{}` + a name-like word `{}`",
                    d.a.surface(i),
                    d.a.surface(first)
                );
            }
            out.push(m);
        }
    }
}
