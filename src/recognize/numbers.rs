//! Numeric expressions (CARDINAL ORDINAL PERCENT MONEY QUANTITY DATE TIME).
//! Placeholder until the numeric layer lands.

use chrono::NaiveDate;

use super::DocContext;
use crate::error::Result;
use crate::mention::Mention;
use crate::rules::RuleFiles;
use crate::text::Analysis;

/// The numeric recognizer.
pub struct NumberRecognizer {}

impl NumberRecognizer {
    /// Compile from rule files.
    pub fn new(_rules: &RuleFiles) -> Result<Self> {
        Ok(NumberRecognizer {})
    }

    /// The date of the document's dateline (first line: city, date, agency).
    pub fn dateline_date(&self, _analysis: &Analysis<'_>) -> Option<NaiveDate> {
        None
    }

    /// Emit candidate numeric mentions.
    pub fn recognize(&self, _ctx: &DocContext<'_>, _out: &mut Vec<Mention>) {}
}
