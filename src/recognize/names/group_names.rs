//! A name right after a noun of a tribe or clan (`بني [تميم]`, `بنو
//! [هاشم]`, `قبيلة [شمر]`) names the group, not a person: a person mention
//! starting right after one, whole or behind a proclitic (`لبني`), is
//! dropped, before propagation and again after it. The nouns are data
//! (`rules/names/group_heads.csv`).

use super::*;

/// The noun file.
pub(super) const GROUP_HEADS_FILE: &str = "names/group_heads.csv";

/// The group nouns by key.
#[derive(Debug, Default)]
pub(super) struct GroupHeads(rustc_hash::FxHashSet<String>);

impl GroupHeads {
    /// Read the `word` column ([`super::subject_cues::load_word_keys`]).
    pub(super) fn load(&mut self, file: &str, text: &str) -> Result<()> {
        super::subject_cues::load_word_keys(file, text, &mut self.0)
    }

    /// The group nouns' keys (flagged [`flag::GROUP_HEAD`] in the
    /// vocabulary: a token is a group noun, whole or after a proclitic,
    /// when it or one of its stems has the flag).
    pub(super) fn words(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

impl NameRecognizer {
    /// Drop the person mentions that start a token right after a group noun.
    pub(super) fn drop_group_persons(&self, d: &Doc<'_>, found: &mut Vec<Mention>) {
        if self.group_heads.0.is_empty() {
            return;
        }
        let tokens = d.a.tokens();
        found.retain(|m| {
            if m.label != Label::Person {
                return true;
            }
            let first = tokens.partition_point(|t| t.end <= m.start);
            first == 0
                || first >= tokens.len()
                || tokens[first].start != m.start
                || !d.any_or_stem(first - 1, flag::GROUP_HEAD)
        });
    }
}
