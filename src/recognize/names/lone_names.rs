//! A person-name word standing alone that is mostly an ordinary word
//! (`حسن` "good", `جميل`, `رجب` the month, `الله` in `رحمه الله`) is no
//! person on a lexicon's word alone: a one-word person mention of the person
//! lists or the lexicons made of such a word is dropped before propagation.
//! A title, a cue or a longer name (`حسن نصر الله`) still finds it. The
//! words are learned data (`rules/names/person_lone_ordinary.csv`, generated
//! by `scripts/learn_lone_names.py` from the training parts of ANERcorp and
//! WikiFANE).

use super::*;

/// The word file.
pub(super) const LONE_ORDINARY_FILE: &str = "names/person_lone_ordinary.csv";

/// The rules whose one-word person mentions rest on a lexicon alone.
const LEXICON_PERSON_RULES: &[&str] = &[
    "name/person-list",
    "name/learned-person",
    "name/gazetteer-person",
];

impl NameRecognizer {
    /// Drop the one-word person mentions of the lexicon rules whose word
    /// is mostly ordinary when it stands alone.
    pub(super) fn drop_lone_ordinary_persons(&self, d: &Doc<'_>, found: &mut Vec<Mention>) {
        if self.lone_ordinary.is_empty() {
            return;
        }
        found.retain(|m| {
            if m.label != Label::Person || !LEXICON_PERSON_RULES.contains(&m.rule.as_str()) {
                return true;
            }
            let text = d.a.slice(m.start, m.end);
            text.contains(' ') || !self.lone_ordinary.contains(&crate::text::key(text))
        });
    }
}
