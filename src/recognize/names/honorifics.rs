//! Honorifics written after a person's name belong to it: `[مكرم عبيد
//! باشا]`, `[محمد طلعت بك]`, `[علي افندي]` (decision 106). The words are
//! data (`rules/names/name_particles.csv`, role `honorific`); a person
//! mention right before one is extended over it, after propagation, so a
//! later bare mention (`[النحاس باشا]`) takes it too.

use super::*;

impl NameRecognizer {
    /// Add, for every person mention of `found` followed right away by an
    /// honorific, the longer mention that holds it.
    pub(super) fn extend_persons_over_honorifics(&self, d: &Doc<'_>, found: &mut Vec<Mention>) {
        if self.honorifics.is_empty() {
            return;
        }
        let a = d.a;
        let tokens = a.tokens();
        let mut added: Vec<Mention> = Vec::new();
        for m in found.iter().filter(|m| m.label == Label::Person) {
            // The token after the mention, which must end it exactly.
            let next = d.offsets().starting_before(m.end);
            if next == 0 || next >= tokens.len() || tokens[next - 1].end != m.end {
                continue;
            }
            if !d.is_word(next) || !self.honorifics.contains(a.key(next)) {
                continue;
            }
            // The honorific itself is no name to extend (`باشا باشا`).
            if self.honorifics.contains(a.key(next - 1)) {
                continue;
            }
            added.push(super::left_extension::longer_person(
                d,
                m,
                (m.start, tokens[next].end),
                "name/person-honorific",
                || {
                    format!(
                        "`{}` + the honorific `{}`",
                        a.slice(m.start, m.end),
                        a.surface(next)
                    )
                },
            ));
        }
        found.extend(added);
    }
}
