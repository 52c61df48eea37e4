//! A name right after a noun of a tribe or clan (`بني [تميم]`, `بنو
//! [هاشم]`, `قبيلة [شمر]`) names the group, not a person: a person mention
//! starting right after one, whole or behind a proclitic (`لبني`), is
//! dropped, before propagation and again after it. The nouns are data
//! (`rules/names/group_heads.csv`).

use super::*;

/// The noun file.
pub(super) const GROUP_HEADS_FILE: &str = "names/group_heads.csv";

impl NameRecognizer {
    /// Drop the person mentions that start a token right after a group noun.
    pub(super) fn drop_group_persons(&self, d: &Doc<'_>, found: &mut Vec<Mention>) {
        // No token of the document is a group noun: nothing to drop.
        if self.group_heads.is_empty() || !d.f.anywhere(flag::GROUP_HEAD) {
            return;
        }
        let tokens = d.a.tokens();
        found.retain(|m| {
            if m.label != Label::Person {
                return true;
            }
            let first = d.offsets().ending_by(m.start);
            first == 0
                || first >= tokens.len()
                || tokens[first].start != m.start
                || !d.any_or_stem(first - 1, flag::GROUP_HEAD)
        });
    }
}
