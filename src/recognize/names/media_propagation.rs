//! Media names at their later mentions: a listed media name that a cue
//! vouched for (`مراسل [الجزيرة]`, `قناة [الجزيرة]`; decision 95) is the
//! same organization at its later bare mentions in the document (`مكتب
//! [الجزيرة]`, `التابعة [للجزيرة]`), never before its source. A name
//! found alone in quotation marks (no cue word) is no source. The names are
//! ordinary words (`الحياة`, `الجزيرة`), so a definite word right after a
//! later mention makes it an ordinary phrase there (`الحياة اليومية`,
//! "daily life"), which stays untagged, and so does a name that is an
//! organization head (`الاتحاد`, "the union"); a longer listed name over it (`شبه
//! الجزيرة`, `الجزيرة العربية`) outranks the propagated mention.

use super::*;

use crate::text::clitics::{clitic_splits_iter, stem_start};

/// The rule id of a propagated media name.
const RULE: &str = "name/media-propagated";

impl NameRecognizer {
    /// Whether a media cue word stands right before the mention starting at
    /// `start` (`مراسل [الجزيرة]`, `قال [للجزيرة]`), or before the quotation
    /// mark that opens it (`قناة " [الجزيرة] "`).
    fn media_cue_before(&self, d: &Doc<'_>, start: usize) -> bool {
        let i = d.a.tokens().partition_point(|t| t.end <= start);
        (i >= 1 && self.media.cue(d, i - 1).is_some())
            || (i >= 2
                && super::media_rules::opens_quote(d.a.light(i - 1))
                && self.media.cue(d, i - 2).is_some())
    }

    /// Tag the later mentions of the cued media names of `found`.
    pub(super) fn propagate_media_names(&self, d: &Doc<'_>, found: &mut Vec<Mention>) {
        let a = d.a;
        let mut sources: Vec<(usize, Vec<String>)> = found
            .iter()
            .filter(|m| {
                m.rule == super::media_rules::RULE
                    && m.label == Label::Org
                    && d.ctx.in_core(m.start)
                    && self.media_cue_before(d, m.start)
            })
            .map(|m| {
                let keys = crate::text::key(a.slice(m.start, m.end))
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
                (m.start, keys)
            })
            .collect();
        if sources.is_empty() {
            return;
        }
        // The earliest source of each name is the one that counts.
        sources.sort();
        let mut seen: Vec<Vec<String>> = Vec::new();
        sources.retain(|(_, keys)| {
            let new = !keys.is_empty() && !seen.contains(keys);
            if new {
                seen.push(keys.clone());
            }
            new
        });
        let mut added = Vec::new();
        for i in 0..a.len() {
            // An organization head (`الاتحاد`, "the union") names its own
            // kind of body when it stands alone: no media name there.
            if !d.is_word(i) || d.any_or_stem(i, flag::TRIGGER) {
                continue;
            }
            let token_start = a.tokens()[i].start;
            for (source_start, keys) in &sources {
                if token_start <= *source_start || i + keys.len() > a.len() {
                    continue;
                }
                let start = if a.key(i) == keys[0] {
                    Some(token_start)
                } else {
                    clitic_splits_iter(a.key(i))
                        .find(|s| s.stem_key.as_ref() as &str == keys[0].as_str())
                        .and_then(|s| stem_start(a, i, &s))
                };
                let Some(start) = start else {
                    continue;
                };
                if !keys[1..]
                    .iter()
                    .enumerate()
                    .all(|(k, w)| a.key(i + 1 + k) == w)
                {
                    continue;
                }
                let after = i + keys.len();
                if after < a.len() && d.is_word(after) && d.has_article(after) {
                    continue;
                }
                let mut m = d.ctx.mention(
                    start,
                    a.tokens()[after - 1].end,
                    Label::Org,
                    serde_json::Value::Null,
                    RULE,
                );
                m.priority = priority::PROPAGATED;
                if d.ctx.explain {
                    m.evidence = "a media name a cue vouched for earlier in the document".into();
                }
                added.push(m);
                break;
            }
        }
        found.extend(added);
    }
}
