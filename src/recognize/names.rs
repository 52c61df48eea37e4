//! Named entities (PERSON NORP ORG GPE LOC FAC MISC). Placeholder.

use super::DocContext;
use crate::error::Result;
use crate::mention::Mention;
use crate::rules::RuleFiles;

/// The names recognizer.
pub struct NameRecognizer {}

impl NameRecognizer {
    /// Compile from rule files.
    pub fn new(_rules: &RuleFiles) -> Result<Self> {
        Ok(NameRecognizer {})
    }

    /// Emit candidate name mentions.
    pub fn recognize(&self, _ctx: &DocContext<'_>, _out: &mut Vec<Mention>) {}
}
