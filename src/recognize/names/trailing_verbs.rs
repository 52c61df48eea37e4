//! A person's name never ends on a verb: whatever rule found it (a nasab
//! pattern, a title, a speech verb), a last word of a verb shape that no
//! lexicon lists and whose letters do not look like a name's is the
//! predicate after the name, and the span is cut before it
//! (`[هشام بن ثابت] تتواصل`, `[رفيق الحريري] سيحاكم`). The verb shapes are
//! learned data (`rules/names/verb_shapes.csv`); this pass only applies
//! them at the end of every person span.

use super::*;

impl NameRecognizer {
    /// Cut trailing verb-shaped words off every person mention of two or
    /// more words in `found`; a mention left with no word is dropped.
    pub(super) fn trim_trailing_verbs(&self, d: &Doc<'_>, found: &mut Vec<Mention>) {
        let a = d.a;
        let tokens = a.tokens();
        let offsets = d.offsets();
        found.retain_mut(|m| {
            if m.label != Label::Person {
                return true;
            }
            // The mention's tokens: it must end exactly at a token's end.
            let first = offsets.ending_by(m.start);
            let stop = offsets.starting_before(m.end);
            if stop == 0 || first >= stop || tokens[stop - 1].end != m.end {
                return true;
            }
            let mut last = stop - 1;
            while last > first && self.is_verb_shaped(d, last) {
                last -= 1;
            }
            if last == stop - 1 {
                return true;
            }
            // Whatever is left must still be a name word, not a particle (`بن`).
            if d.any(last, flag::PARTICLE) && last == first {
                return false;
            }
            while last > first && d.any(last, flag::PARTICLE) {
                last -= 1;
            }
            let mut cut = d.ctx.mention(
                m.start,
                tokens[last].end,
                Label::Person,
                serde_json::Value::Null,
                &m.rule,
            );
            cut.priority = m.priority;
            if d.ctx.explain {
                cut.evidence = format!(
                    "{}; cut before the verb `{}`",
                    m.evidence,
                    a.surface(last + 1)
                );
            }
            *m = cut;
            true
        });
    }
}
