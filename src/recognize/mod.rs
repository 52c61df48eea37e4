//! The recognizers and the pipeline that runs them: text → analysis →
//! each recognizer emits candidate mentions → conflict resolution per layer
//! (longest span wins, then rule priority, then the earlier start) → mentions
//! sorted by offset.

mod interned;
pub mod names;
pub mod numbers;
pub mod window;

use std::sync::Arc;

use chrono::NaiveDate;

use crate::error::Result;
pub use crate::mention::DocContext;
use crate::mention::{Label, Layer, Mention};
use crate::rules::RuleFiles;
use crate::text::clitics::{self, CliticTable};
use crate::text::Analysis;

/// Options for one extraction run.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Resolve relative dates against this date instead of the dateline.
    pub reference_date: Option<NaiveDate>,
    /// Keep only these labels (all when `None`).
    pub types: Option<Vec<Label>>,
    /// Fill each mention's `evidence` (why the rule fired), as
    /// `kashif explain` shows it; off by default, it costs a string per candidate.
    pub explain: bool,
    /// Propagate a name only to mentions at most this many lines after the
    /// line it was found on (`None`: the whole rest of the document). The
    /// CoNLL evaluation sets it: its documents are batches of sentences, one
    /// per line, that may join unrelated articles.
    pub propagation_window: Option<usize>,
    /// Extract a document longer than this many code points window by
    /// window (`None`: [`window::DEFAULT_WINDOW_CHARS`]); the output is the
    /// same, memory is bounded by the window (see [`Extractor::extract_windows`]).
    pub window_chars: Option<usize>,
}

/// The extraction pipeline with its compiled rules.
pub struct Extractor {
    numbers: numbers::NumberRecognizer,
    names: names::NameRecognizer,
    /// The clitic table of the rules (`text/clitics.csv`, overlays
    /// included), in force on the thread while this extractor works.
    clitics: &'static CliticTable,
}

impl Extractor {
    /// Compile the recognizers from a set of rule files.
    pub fn new(rules: &RuleFiles) -> Result<Self> {
        let compile = || -> Result<Self> {
            let clitics = CliticTable::compiled_for(rules)?;
            // The two recognizers share nothing: the numbers one compiles
            // on a second thread while this one compiles the names (most
            // of start-up). Errors are reported as a serial compilation
            // would (numbers first); a panic goes on in this thread.
            std::thread::scope(|scope| {
                let numbers = scope.spawn(|| {
                    clitics::with_table(clitics, || numbers::NumberRecognizer::new(rules))
                });
                let names = clitics::with_table(clitics, || names::NameRecognizer::new(rules));
                let numbers = numbers
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                Ok(Extractor {
                    numbers: numbers?,
                    names: names?,
                    clitics,
                })
            })
        };
        // An error in a row an overlay added names the overlay's file and
        // line; an overlay file no recognizer read is an error, not silence.
        let extractor = compile().map_err(|e| rules.locate(e))?;
        rules.check_overlay_files_read()?;
        Ok(extractor)
    }

    /// The recognizers compiled from the embedded default rules.
    pub fn with_default_rules() -> Result<Self> {
        Self::new(&RuleFiles::embedded())
    }

    /// Extract all mentions of one document, sorted by offset.
    pub fn extract(&self, doc: &str, text: &str, options: &ExtractOptions) -> Vec<Mention> {
        let mut mentions = Vec::new();
        self.extract_windows(doc, text, options, |part| {
            if mentions.is_empty() {
                mentions = part;
            } else {
                mentions.extend(part);
            }
        });
        mentions
    }

    /// Extract one document, handing its mentions to `emit` in parts, in
    /// offset order. A document longer than the window
    /// ([`ExtractOptions::window_chars`]) is analysed window by window
    /// (`window.rs`), one part per window, so memory stays that of a window
    /// plus the text; a shorter one is one part. Either way the mentions
    /// are those of the whole document, with its offsets.
    pub fn extract_windows(
        &self,
        doc: &str,
        text: &str,
        options: &ExtractOptions,
        mut emit: impl FnMut(Vec<Mention>),
    ) {
        let window_chars = options.window_chars.unwrap_or(window::DEFAULT_WINDOW_CHARS);
        let spans = window::plan(text, window_chars);
        if spans.len() == 1 {
            emit(self.extract_analyzed(doc, &Analysis::new(text), options));
            return;
        }
        let doc: Arc<str> = Arc::from(doc);
        let carry = window::DocCarry::default();
        // Code points and line breaks before the current core.
        let (mut chars, mut lines) = (0, 0);
        for (k, span) in spans.iter().enumerate() {
            let before_core = &text[span.context.start..span.core.start];
            let core = &text[span.core.clone()];
            let local_core_start = before_core.chars().count();
            let core_chars = core.chars().count();
            let win = window::DocWindow {
                document: text,
                char_base: chars - local_core_start,
                line_base: lines - line_breaks(before_core),
                core: local_core_start..local_core_start + core_chars,
                first: k == 0,
                carry: &carry,
            };
            let analysis = Analysis::new(&text[span.context.clone()]);
            let mut mentions = clitics::with_table(self.clitics, || {
                self.extract_with_clitics(doc.clone(), &analysis, options, Some(&win))
            });
            drop(analysis);
            for m in &mut mentions {
                m.start += win.char_base;
                m.end += win.char_base;
            }
            emit(mentions);
            chars += core_chars;
            lines += line_breaks(core);
        }
    }

    /// Extract from an already analyzed document.
    pub fn extract_analyzed(
        &self,
        doc: &str,
        analysis: &Analysis<'_>,
        options: &ExtractOptions,
    ) -> Vec<Mention> {
        clitics::with_table(self.clitics, || {
            self.extract_with_clitics(Arc::from(doc), analysis, options, None)
        })
    }

    /// [`Self::extract_analyzed`] once this extractor's clitic table is in
    /// force; with a window, only the mentions that start in its core.
    fn extract_with_clitics(
        &self,
        doc: Arc<str>,
        analysis: &Analysis<'_>,
        options: &ExtractOptions,
        window: Option<&window::DocWindow<'_>>,
    ) -> Vec<Mention> {
        let ctx = DocContext {
            doc,
            analysis,
            reference_date: options.reference_date,
            explain: options.explain,
            propagation_window: options.propagation_window,
            window,
        };
        // The names layer first: into an empty vector it moves its own
        // candidates (sized for both layers) instead of copying them, and
        // the numbers layer appends its few survivors. Resolution keeps
        // the same mentions in either order: the layers never compete, and
        // within a layer the candidates keep their order.
        let mut candidates = Vec::new();
        self.names.recognize(&ctx, &mut candidates);
        self.numbers.recognize(&ctx, &mut candidates);
        let mut mentions = resolve_conflicts(candidates);
        join_adjacent_persons(analysis, &mut mentions);
        names::latin_gloss::add_person_glosses(&ctx, &mut mentions);
        names::latin_gloss::add_org_glosses(&ctx, &mut mentions);
        if window.is_some() {
            mentions.retain(|m| ctx.in_core(m.start));
        }
        if let Some(types) = &options.types {
            mentions.retain(|m| types.contains(&m.label));
        }
        fill_text(analysis, &mut mentions);
        mentions
    }

    /// The names recognizer (for `explain` and tests).
    pub fn names(&self) -> &names::NameRecognizer {
        &self.names
    }

    /// The numeric recognizer.
    pub fn numbers(&self) -> &numbers::NumberRecognizer {
        &self.numbers
    }
}

/// The code points taken so far by the spans kept in one layer, which never
/// overlap: one bit per code point, so testing and taking a span costs its
/// length over 64 whatever the number of spans kept (a sorted `Vec` with
/// inserts was quadratic when spans of mixed lengths alternate; a B-tree
/// cost a logarithmic walk and a node allocation per span).
#[derive(Debug, Default)]
pub struct OccupiedSpans(Vec<u64>);

impl OccupiedSpans {
    /// Take `start..end` if it overlaps no span taken yet; whether it was.
    /// An empty span is always taken and occupies nothing. Marked inline
    /// for the numbers layer's resolution loop, which calls it once per
    /// candidate (forcing it into `resolve_conflicts` too gained nothing).
    #[inline]
    pub fn take(&mut self, start: usize, end: usize) -> bool {
        if end <= start {
            return true;
        }
        let (first, last) = (start / 64, (end - 1) / 64);
        if self.0.len() <= last {
            self.0.resize(last + 1, 0);
        }
        if first == last {
            // Most spans lie within one word of 64 code points.
            let bits = (!0u64 >> (63 - (end - 1 - start))) << (start % 64);
            let word = &mut self.0[first];
            if *word & bits != 0 {
                return false;
            }
            *word |= bits;
            return true;
        }
        // The bits of word `w` that lie in `start..end`.
        let mask = |w: usize| {
            let low = if w == first {
                !0u64 << (start % 64)
            } else {
                !0
            };
            let high = if w == last {
                !0u64 >> (63 - (end - 1) % 64)
            } else {
                !0
            };
            low & high
        };
        if (first..=last).any(|w| self.0[w] & mask(w) != 0) {
            return false;
        }
        for w in first..=last {
            self.0[w] |= mask(w);
        }
        true
    }
}

/// Two person mentions with nothing but spaces between them are one name
/// whose parts different rules found (`[طاهر] [عبدالعزيز]`, a given name
/// then a `عبد` compound): they become one mention. A comma, a conjunction
/// (`إيفا وهيرمان`) or a line end keeps them apart.
pub fn join_adjacent_persons(analysis: &Analysis<'_>, mentions: &mut Vec<Mention>) {
    // Compacted in place: mentions[..kept] are the output so far, and a
    // document with nothing to join moves no mention.
    let mut kept = 0;
    // The last names-layer mention kept, by index into mentions[..kept].
    let mut last_name: Option<usize> = None;
    for r in 0..mentions.len() {
        if mentions[r].layer() == Layer::Names {
            if let Some(k) = last_name {
                let (out, rest) = mentions.split_at_mut(r);
                let (prev, m) = (&mut out[k], &rest[0]);
                let joinable = prev.label == Label::Person
                    && m.label == Label::Person
                    && prev.end < m.start
                    && analysis
                        .slice(prev.end, m.start)
                        .chars()
                        .all(|c| c == ' ' || c == '\u{00A0}')
                    // An Arabic name and its Latin spelling stay two mentions.
                    && starts_latin(analysis.slice(prev.start, prev.end))
                        == starts_latin(analysis.slice(m.start, m.end));
                if joinable {
                    prev.end = m.end;
                    prev.text.clear();
                    prev.rule = "name/person-joined".into();
                    if !m.evidence.is_empty() || !prev.evidence.is_empty() {
                        prev.evidence = format!("{}; then {}", prev.evidence, m.evidence);
                    }
                    continue;
                }
            }
            last_name = Some(kept);
        }
        // Most documents join nothing: a mention already in place is not
        // swapped with itself (three copies of it).
        if kept != r {
            mentions.swap(kept, r);
        }
        kept += 1;
    }
    mentions.truncate(kept);
}

/// Whether a mention's text starts with a Latin letter.
fn starts_latin(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(names::latin_gloss::is_latin_letter)
}

/// Set each mention's `text` to its slice of the original document
/// ([`Analysis::slice`]). Mentions sorted by start (as the pipeline has
/// them) are found with one forward walk over the tokens; any order gives
/// the same texts. A span's end takes the vowel marks written after its
/// last letter (`مساءً`, `غداً`, `محمدٌ`): the scanner leaves them out of the
/// token's end, but they belong to the letter, in every layer.
pub fn fill_text(analysis: &Analysis<'_>, mentions: &mut [Mention]) {
    let mut cursor = 0;
    for m in mentions {
        if m.text.is_empty() {
            let (b0, at) = analysis.char_to_byte_from(cursor, m.start);
            let (mut b1, _) = analysis.char_to_byte_from(at, m.end);
            for c in analysis.text()[b1..]
                .chars()
                .take_while(|c| matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}'))
            {
                b1 += c.len_utf8();
                m.end += 1;
            }
            m.text = analysis.text()[b0..b1.max(b0)].to_string();
            cursor = at;
        }
    }
}

/// Keep a non-overlapping set of mentions per layer: the longest span wins,
/// then the lower `priority`, then the earlier start, then the label, then
/// the candidate that came first. Drops empty spans and exact duplicates.
/// Returns the survivors sorted by (start, end, layer).
pub fn resolve_conflicts(candidates: Vec<Mention>) -> Vec<Mention> {
    // Sort small keys, not the mentions themselves; the candidate's index
    // makes the order total, as a stable sort of the mentions would.
    let order = resolution_order(&candidates);
    // Sized once for the furthest end, not grown span by span.
    let words = candidates.iter().map(|m| m.end).max().unwrap_or(0) / 64 + 1;
    let mut occupied = [(); 2].map(|()| OccupiedSpans(vec![0; words]));
    let mut keep = vec![false; candidates.len()];
    for n in order {
        let m = &candidates[n];
        let layer = match m.layer() {
            Layer::Names => 0,
            Layer::Numeric => 1,
        };
        keep[n] = occupied[layer].take(m.start, m.end);
    }
    // The survivors' order by small keys, so each survivor moves once. Spans
    // of one layer never overlap: no two survivors share (start, end, layer).
    let survivors = survivor_order(&candidates, &keep);
    let mut slots: Vec<Option<Mention>> = candidates.into_iter().map(Some).collect();
    // Collected from an exact-size iterator, so filled in place at its
    // final size (a filtered collect regrew it, moving the mentions at
    // each step; a filtered extend checked the room at each push). Each
    // survivor's index occurs once, so every slot taken is full.
    survivors
        .iter()
        .map(|&n| slots[n].take().expect("each survivor is taken once"))
        .collect()
}

/// The indexes of the kept candidates by (start, end, layer): packed into
/// one integer each, a `u64` when the fields' ranges fit (they do but for
/// huge documents), else a `u128` (a tuple sort when a field is too large
/// for its bits).
fn survivor_order(candidates: &[Mention], keep: &[bool]) -> Vec<usize> {
    const INDEX_BITS: u32 = 31;
    let kept = || {
        keep.iter()
            .enumerate()
            .filter(|(_, &k)| k)
            .map(|(n, _)| (n, &candidates[n]))
    };
    let (max_start, max_end, count) = kept().fold((0, 0, 0), |(s, e, n), (_, m)| {
        (s.max(m.start), e.max(m.end), n + 1)
    });
    let index_bits = bits_for(candidates.len().saturating_sub(1));
    let (start_bits, end_bits) = (bits_for(max_start), bits_for(max_end));
    if start_bits + end_bits + 1 + index_bits < u64::BITS {
        // Sized first: a filtered collect grows step by step.
        let mut keys: Vec<u64> = Vec::with_capacity(count);
        keys.extend(kept().map(|(n, m)| {
            (m.start as u64) << (end_bits + 1 + index_bits)
                | (m.end as u64) << (1 + index_bits)
                | (m.layer() as u64) << index_bits
                | n as u64
        }));
        return sorted_narrow_indexes(keys, index_bits);
    }
    let packable = candidates.len() < 1 << INDEX_BITS
        && max_start <= u32::MAX as usize
        && max_end <= u32::MAX as usize;
    if packable {
        let keys: Vec<u128> = kept()
            .map(|(n, m)| {
                (m.start as u128) << 96
                    | (m.end as u128) << 64
                    | (m.layer() as u128) << INDEX_BITS
                    | n as u128
            })
            .collect();
        return sorted_indexes(keys, INDEX_BITS);
    }
    let mut survivors: Vec<(usize, usize, Layer, usize)> = kept()
        .map(|(n, m)| (m.start, m.end, m.layer(), n))
        .collect();
    survivors.sort_unstable();
    survivors.into_iter().map(|(_, _, _, n)| n).collect()
}

/// How many bits hold every number up to `max`.
fn bits_for(max: usize) -> u32 {
    usize::BITS - max.leading_zeros()
}

/// [`sorted_indexes`] for keys packed into a `u64`: sorting them costs
/// less than twice as wide ones.
fn sorted_narrow_indexes(mut keys: Vec<u64>, index_bits: u32) -> Vec<usize> {
    keys.sort_unstable();
    keys.into_iter()
        .map(|k| (k & ((1 << index_bits) - 1)) as usize)
        .collect()
}

/// Sort packed keys whose low `index_bits` bits are a candidate's index:
/// the indexes in key order.
fn sorted_indexes(mut keys: Vec<u128>, index_bits: u32) -> Vec<usize> {
    keys.sort_unstable();
    keys.into_iter()
        .map(|k| (k as usize) & ((1 << index_bits) - 1))
        .collect()
}

/// The indexes of the non-empty candidates in the order conflict
/// resolution tries them: longest first, then the lower priority, the
/// earlier start, the label, and the candidate that came first. The keys
/// are packed into one integer each: a `u64` with each field as wide as
/// its range in this document needs (almost always), else a `u128` (a
/// tuple sort when a field is too large for its bits).
fn resolution_order(candidates: &[Mention]) -> Vec<usize> {
    const LABEL_BITS: u32 = 4;
    const INDEX_BITS: u32 = 28;
    const _: () = assert!(Label::ALL.len() <= 1 << LABEL_BITS);
    let spans = || {
        candidates
            .iter()
            .enumerate()
            .filter(|(_, m)| m.end > m.start)
    };
    // The ranges of the fields, for the narrow key.
    let (mut max_len, mut max_start, mut count) = (0, 0, 0);
    let (mut min_priority, mut max_priority) = (i32::MAX, i32::MIN);
    for (_, m) in spans() {
        count += 1;
        max_len = max_len.max(m.len());
        max_start = max_start.max(m.start);
        min_priority = min_priority.min(m.priority);
        max_priority = max_priority.max(m.priority);
    }
    let index_bits = bits_for(candidates.len().saturating_sub(1));
    let (len_bits, start_bits) = (bits_for(max_len), bits_for(max_start));
    let priority_bits = if max_len == 0 {
        0
    } else {
        bits_for((max_priority as i64 - min_priority as i64) as usize)
    };
    if len_bits + priority_bits + start_bits + LABEL_BITS + index_bits < u64::BITS {
        // Sized first: a filtered collect grows step by step.
        let mut keys: Vec<u64> = Vec::with_capacity(count);
        keys.extend(spans().map(|(n, m)| {
            let longest_first = (max_len - m.len()) as u64;
            let priority = (m.priority as i64 - min_priority as i64) as u64;
            let mut key = longest_first;
            key = key << priority_bits | priority;
            key = key << start_bits | m.start as u64;
            key = key << LABEL_BITS | m.label as u64;
            key << index_bits | n as u64
        }));
        return sorted_narrow_indexes(keys, index_bits);
    }
    let packable = candidates.len() < 1 << INDEX_BITS
        && candidates
            .iter()
            .all(|m| m.end <= u32::MAX as usize && m.start <= m.end);
    if packable {
        let keys: Vec<u128> = spans()
            .map(|(n, m)| {
                let longest_first = u32::MAX - m.len() as u32;
                // Order-preserving map of i32 onto u32.
                let priority = (m.priority as u32) ^ (1 << 31);
                (longest_first as u128) << 96
                    | (priority as u128) << 64
                    | (m.start as u128) << 32
                    | (m.label as u128) << INDEX_BITS
                    | n as u128
            })
            .collect();
        return sorted_indexes(keys, INDEX_BITS);
    }
    let mut order: Vec<(std::cmp::Reverse<usize>, i32, usize, Label, usize)> = spans()
        .map(|(n, m)| (std::cmp::Reverse(m.len()), m.priority, m.start, m.label, n))
        .collect();
    order.sort_unstable();
    order.into_iter().map(|(_, _, _, _, n)| n).collect()
}

/// How many line breaks (`\n`) a text has: `memchr` finds them a vector
/// at a time (a byte filter cost some four instructions a byte).
fn line_breaks(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A span's end takes the vowel marks after its last letter, in both
    /// layers (the scanner's token ends before them).
    #[test]
    fn spans_end_after_their_last_letters_marks() {
        let text = "يصل الوفد إلى القاهرةِ غداً.";
        let extractor = Extractor::with_default_rules().unwrap();
        let mentions = extractor.extract("t", text, &ExtractOptions::default());
        let texts: Vec<(Label, &str)> = mentions
            .iter()
            .map(|m| (m.label, m.text.as_str()))
            .collect();
        assert!(texts.contains(&(Label::Gpe, "القاهرةِ")), "{texts:?}");
        assert!(
            texts.iter().any(|(l, t)| *l == Label::Date && *t == "غداً"),
            "{texts:?}"
        );
        let chars: Vec<char> = text.chars().collect();
        for m in &mentions {
            assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
        }
    }

    fn candidate(start: usize, end: usize, label: Label, priority: i32) -> Mention {
        Mention {
            doc: Arc::from("d"),
            start,
            end,
            label,
            text: String::new(),
            value: Default::default(),
            rule: "r".into(),
            modifier: None,
            evidence: String::new(),
            priority,
        }
    }

    proptest! {
        /// Taking spans in any order takes exactly those that overlap no
        /// span taken before, as a pairwise test says.
        #[test]
        fn occupied_spans_take_what_overlaps_nothing(
            spans in prop::collection::vec((0usize..300, 0usize..80), 0..60)
        ) {
            let mut occupied = OccupiedSpans::default();
            let mut taken: Vec<(usize, usize)> = Vec::new();
            for (start, len) in spans {
                let end = start + len;
                let free = len == 0 || taken.iter().all(|&(s, e)| e <= start || end <= s);
                prop_assert_eq!(occupied.take(start, end), free);
                if free && len > 0 {
                    taken.push((start, end));
                }
            }
        }

        /// The kept candidates come out by (start, end, layer), as a sort
        /// of the tuples says.
        #[test]
        fn survivor_order_is_the_tuple_order(
            spans in prop::collection::vec((prop_oneof![0usize..50, Just(1 << 40)], 0usize..6, 0usize..14, any::<bool>()), 0..40)
        ) {
            let candidates: Vec<Mention> = spans
                .iter()
                .map(|&(start, len, label, _)| candidate(start, start + len, Label::ALL[label], 0))
                .collect();
            let keep: Vec<bool> = spans.iter().map(|s| s.3).collect();
            let mut expected: Vec<(usize, usize, Layer, usize)> = (0..candidates.len())
                .filter(|&n| keep[n])
                .map(|n| (candidates[n].start, candidates[n].end, candidates[n].layer(), n))
                .collect();
            expected.sort_unstable();
            let expected: Vec<usize> = expected.into_iter().map(|t| t.3).collect();
            prop_assert_eq!(survivor_order(&candidates, &keep), expected);
        }

        /// The packed keys order candidates as the tuple of their fields.
        #[test]
        fn resolution_order_is_the_tuple_order(
            spans in prop::collection::vec((prop_oneof![0usize..50, Just(1 << 40)], 0usize..6, prop_oneof![-3i32..3, Just(i32::MIN), Just(i32::MAX)], 0usize..14), 0..40)
        ) {
            let candidates: Vec<Mention> = spans
                .iter()
                .map(|&(start, len, priority, label)| {
                    candidate(start, start + len, Label::ALL[label], priority)
                })
                .collect();
            let mut expected: Vec<usize> = (0..candidates.len())
                .filter(|&n| candidates[n].end > candidates[n].start)
                .collect();
            expected.sort_by(|&x, &y| {
                let (p, q) = (&candidates[x], &candidates[y]);
                q.len()
                    .cmp(&p.len())
                    .then(p.priority.cmp(&q.priority))
                    .then(p.start.cmp(&q.start))
                    .then(p.label.cmp(&q.label))
                    .then(x.cmp(&y))
            });
            prop_assert_eq!(resolution_order(&candidates), expected);
        }
    }
}
