//! Place heads a corpus keeps inside the place after them: WikiFANE writes
//! `[جمهورية كازاخستان]`, `[حي الجمالية]` where the core drops the head
//! (decision 19: `جمهورية [تتارستان]`). Only a profile's `place_head_kept`
//! row (`rules/profiles/wikifane/names/triggers.csv`, measured by
//! `scripts/build_wikifane_profile.py`) turns it on; the core has none.

use super::*;

impl NameRecognizer {
    /// The place after a place head (`name/place-head`); when the profile
    /// keeps the head, the head is inside it, also before a listed place
    /// (the longer span then outranks the lexicon's).
    pub(super) fn place_after_head_kept(
        &self,
        d: &Doc<'_>,
        m: &PhraseMatch<'_, Trigger>,
        kept: bool,
    ) -> Option<Vec<Mention>> {
        let after = m.end;
        let found = self.place_after_head(d, after);
        if !kept {
            return found;
        }
        if let Some(mut found) = found {
            if let Some(place) = found.first_mut() {
                place.start = m.start;
            }
            return Some(found);
        }
        if after >= d.a.len() {
            return None;
        }
        let listed = self
            .gaz_matches(d, after, false)
            .into_iter()
            .filter(|g| matches!(g.payload.label, Label::Gpe | Label::Loc))
            .max_by_key(|g| g.end)?;
        let end = d.a.tokens()[listed.end - 1].end;
        Some(vec![self.trigger_mention(
            d,
            m.start,
            end,
            listed.payload.label,
            "name/place-head",
        )])
    }
}
