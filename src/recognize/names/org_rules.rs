//! Organization boundaries settled after the candidate rules ran: a
//! masculine nationality adjective after a proper name is no part of the
//! organization (`[برشلونة]ORG [الإسباني]NORP`, `[حزب الله]ORG
//! [اللبناني]NORP`; gold/GUIDELINES.md decision 37), while a name made only
//! of ordinary words keeps it (`[البنك المركزي المصري]`, `[الحزب الشيوعي
//! الصيني]`: the adjective is what makes those a name).

use super::*;

impl NameRecognizer {
    /// Trim a final masculine nationality adjective off every ORG candidate
    /// whose other words include a proper name (no common or trigger word).
    /// The adjective keeps its own NORP candidate.
    pub(super) fn trim_org_nationality(&self, d: &Doc<'_>, found: &mut [Mention]) {
        let tokens = d.a.tokens();
        for m in found.iter_mut().filter(|m| m.label == Label::Org) {
            let first = tokens.partition_point(|t| t.end <= m.start);
            let stop = tokens.partition_point(|t| t.start < m.end);
            if stop < first + 2 || tokens[stop - 1].end != m.end {
                continue;
            }
            self.trim_nationality(d, m, first, stop - 1);
        }
    }

    /// Trim the final adjective of the ORG `m` (tokens `first..=last`) when
    /// it is a masculine nationality adjective after a proper name.
    fn trim_nationality(&self, d: &Doc<'_>, m: &mut Mention, first: usize, last: usize) {
        let tokens = d.a.tokens();
        if !(d.is_norp(last) && d.has_article(last) && is_masculine_singular(d.a.light(last))) {
            return;
        }
        let proper_before = (first..last).any(|k| {
            d.is_word(k)
                && !d.any(k, flag::COMMON | flag::TRIGGER | flag::STOP)
                && !d.is_norp(k)
                && d.a.key(k).chars().nth(1).is_some()
        });
        if !proper_before {
            return;
        }
        m.end = tokens[last - 1].end;
        m.text.clear();
        // The adjective vouched for the organization: it outranks a place of
        // the same span (`برشلونة` the city).
        m.priority = m.priority.min(priority::CONTEXT);
        if d.ctx.explain {
            m.evidence = format!(
                "{}; the nationality adjective `{}` left out",
                m.evidence,
                d.a.surface(last)
            );
        }
    }
}

/// A masculine singular adjective: no feminine (`ة`, `ه`) or plural ending.
/// (`الإسباني`, not `الفرنسية`, `المصريون`, `العربيات`.)
pub(super) fn is_masculine_singular(adjective: &str) -> bool {
    !adjective.ends_with('ة')
        && !adjective.ends_with('ه')
        && !["ون", "ين", "ات"].iter().any(|p| adjective.ends_with(p))
}
