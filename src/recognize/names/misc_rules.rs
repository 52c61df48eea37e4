//! MISC rules of their own: an event or work name runs on over the sector
//! words after it (`[مهرجان جرش للثقافة والفنون]`, `[مؤتمر الدوحة للتنمية
//! المستدامة]`), as an organization's name does (`org_rules.rs`; the words
//! are data, `rules/names/org_sectors.csv`).

use super::*;

impl NameRecognizer {
    /// Extend every MISC candidate that a sector word follows over that
    /// word, its nisba adjectives and one definite conjunct.
    pub(super) fn extend_misc_over_sectors(&self, d: &Doc<'_>, found: &mut [Mention]) {
        let tokens = d.a.tokens();
        for m in found.iter_mut().filter(|m| m.label == Label::Misc) {
            let next = tokens.partition_point(|t| t.start < m.end);
            if next >= tokens.len()
                || next == 0
                || tokens[next - 1].end != m.end
                || !d.is_word(next)
                || !self.org_sectors.contains(d.a.key(next))
            {
                continue;
            }
            let last = self.sector_tail(d, next);
            m.end = tokens[last].end;
            m.text.clear();
            if d.ctx.explain {
                m.evidence = format!("{}; runs on over `{}`", m.evidence, d.a.surface(next));
            }
        }
    }
}
