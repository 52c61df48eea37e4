//! Facility heads that a descriptive adjective follows: `الكنيسة القديمة`,
//! `المطار الرئيسي الوحيد`, `جسر حديدي`, `مركز متقدم`. An adjective of age,
//! rank among places, material or look (`rules/names/facility_adjectives.csv`)
//! agreeing with the head in definiteness describes the head: no FAC starts
//! there (decision 109). Keyed on the adjective list, never on names.

use super::*;

/// The adjectives file.
pub(super) const FACILITY_ADJECTIVES_FILE: &str = "names/facility_adjectives.csv";

impl NameRecognizer {
    /// Whether the word at `after` is a descriptive adjective agreeing
    /// with the facility head before it: with the article after a head
    /// with the article (`الكنيسة القديمة`), without it after a head
    /// without it (`جسر حديدي`).
    pub(super) fn described_facility(
        &self,
        d: &Doc<'_>,
        after: usize,
        indefinite_head: bool,
    ) -> bool {
        let words = &self.facility_adjectives;
        if after >= d.a.len() || !d.is_word(after) {
            return false;
        }
        let key = d.a.key(after);
        let definite = d.has_article(after);
        if definite == indefinite_head {
            return false;
        }
        let bare = if definite {
            crate::text::clitics::active_table()
                .strip_article(key)
                .unwrap_or(key)
        } else {
            key
        };
        words.contains(bare)
    }
}
