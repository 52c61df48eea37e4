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

    /// Whether a key is a group noun, whole or after a proclitic.
    fn is_head(&self, key: &str) -> bool {
        self.0.contains(key)
            || crate::text::clitics::clitic_splits_iter(key)
                .any(|s| self.0.contains(s.stem_key.as_ref()))
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
                || !self.group_heads.is_head(d.a.key(first - 1))
        });
    }
}
