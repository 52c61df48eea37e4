//! The year of the narrative (GUIDELINES decision 47): in a document with no
//! dateline (Wikipedia), a bare month or day (`"XXXX-08-22"`, `"XXXX-12"`)
//! takes the last year the text named before it (`في 18 اغسطس 2006 … في
//! [22 اغسطس]` = `"2006-08-22"`). Weekdays (`"XXXX-WXX-5"`) and seasons
//! keep their unknown year.

use serde_json::Value;

use crate::mention::{Label, Mention};

/// The rule of `اغسطس من العام نفسه` (dates/mod.rs).
const SAME_YEAR_RULE: &str = "date/same-year";

/// The full year a DATE value names, the first of an interval (a season
/// `"2006/2007"` → 2006: its December is 2006's): `"2006-08-18"` → 2006;
/// none for `"198X"`, a duration or an unknown year.
fn last_named_year(value: &Value) -> Option<&str> {
    let v = value.as_str()?;
    if v.starts_with('P') {
        return None;
    }
    v.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a DATE value is a month or a day of an unknown year
/// (`"XXXX-08"`, `"XXXX-08-22"`), not a weekday or a season.
fn needs_year(value: &Value) -> bool {
    value.as_str().is_some_and(|v| {
        v.strip_prefix("XXXX-").is_some_and(|rest| {
            rest.get(..2)
                .is_some_and(|m| m.bytes().all(|b| b.is_ascii_digit()))
        })
    })
}

/// Fill the unknown year of bare months and days from the last year named
/// before them, in text order: every one in a document without a reference
/// date (`no_dateline`), else only those that say `من العام نفسه`
/// (`date/same-year`), which take the reference year when the text named none.
/// `year` is the last year named before these mentions (an earlier window's,
/// in a long document) and becomes the last one named among them; only the
/// mentions `in_core` are read and filled (the others are a window's margins).
pub(crate) fn anchor_to_narrative_year(
    mentions: &mut [Mention],
    no_dateline: bool,
    reference_year: Option<i32>,
    year: &mut Option<String>,
    in_core: impl Fn(&Mention) -> bool,
) {
    let wants = |m: &Mention| {
        m.label == Label::Date && needs_year(&m.value) && (no_dateline || m.rule == SAME_YEAR_RULE)
    };
    let mut order: Vec<usize> = (0..mentions.len())
        .filter(|&k| mentions[k].label == Label::Date && in_core(&mentions[k]))
        .collect();
    order.sort_by_key(|&k| mentions[k].start);
    for k in order {
        let m = &mut mentions[k];
        if wants(m) {
            let y = year
                .clone()
                .or_else(|| reference_year.map(|y| format!("{y:04}")));
            if let (Some(y), Some(v)) = (y, m.value.as_str()) {
                m.value = Value::String(format!("{y}{}", &v[4..])).into();
            }
        } else if let Some(y) = last_named_year(&m.value) {
            *year = Some(y.to_string());
        }
    }
}
