//! The recognizers and the pipeline that runs them: text → analysis →
//! each recognizer emits candidate mentions → conflict resolution per layer
//! (longest span wins, then rule priority, then the earlier start) → mentions
//! sorted by offset.

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
            let local_core_start = window::count_chars(before_core);
            let core_chars = window::count_chars(core);
            let win = window::DocWindow {
                document: text,
                char_base: chars - local_core_start,
                line_base: lines - bytecount(before_core, b'\n'),
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
            lines += bytecount(core, b'\n');
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
        let mut candidates = Vec::new();
        self.numbers.recognize(&ctx, &mut candidates);
        self.names.recognize(&ctx, &mut candidates);
        let mut mentions = resolve_conflicts(candidates);
        join_adjacent_persons(analysis, &mut mentions);
        names::latin_gloss::add_person_glosses(&ctx, &mut mentions);
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

/// The spans kept so far in one layer, which never overlap: start → end in
/// a B-tree, so each test and insertion is logarithmic and a whole
/// resolution O(n log n) on any input (a sorted `Vec` with inserts was
/// quadratic when spans of mixed lengths alternate).
#[derive(Debug, Default)]
pub struct OccupiedSpans(std::collections::BTreeMap<usize, usize>);

impl OccupiedSpans {
    /// Take `start..end` if it overlaps no span taken yet; whether it was.
    pub fn take(&mut self, start: usize, end: usize) -> bool {
        // Only the last span starting before `end` can reach into this one.
        if self
            .0
            .range(..end)
            .next_back()
            .is_some_and(|(_, &e)| e > start)
        {
            return false;
        }
        self.0.insert(start, end);
        true
    }
}

/// Two person mentions with nothing but spaces between them are one name
/// whose parts different rules found (`[طاهر] [عبدالعزيز]`, a given name
/// then a `عبد` compound): they become one mention. A comma, a conjunction
/// (`إيفا وهيرمان`) or a line end keeps them apart.
pub fn join_adjacent_persons(analysis: &Analysis<'_>, mentions: &mut Vec<Mention>) {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    // The last names-layer mention kept, by index into `out`.
    let mut last_name: Option<usize> = None;
    for m in mentions.drain(..) {
        if m.layer() != Layer::Names {
            out.push(m);
            continue;
        }
        if let Some(k) = last_name {
            let prev = &out[k];
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
                let prev = &mut out[k];
                prev.end = m.end;
                prev.text.clear();
                prev.rule = "name/person-joined".into();
                if !m.evidence.is_empty() || !prev.evidence.is_empty() {
                    prev.evidence = format!("{}; then {}", prev.evidence, m.evidence);
                }
                continue;
            }
        }
        last_name = Some(out.len());
        out.push(m);
    }
    *mentions = out;
}

/// Whether a mention's text starts with a Latin letter.
fn starts_latin(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(names::latin_gloss::is_latin_letter)
}

/// Set each mention's `text` to its slice of the original document.
pub fn fill_text(analysis: &Analysis<'_>, mentions: &mut [Mention]) {
    for m in mentions {
        if m.text.is_empty() {
            m.text = analysis.slice(m.start, m.end).to_string();
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
    let mut order: Vec<(std::cmp::Reverse<usize>, i32, usize, Label, u32)> = candidates
        .iter()
        .enumerate()
        .filter(|(_, m)| m.end > m.start)
        .map(|(n, m)| {
            (
                std::cmp::Reverse(m.len()),
                m.priority,
                m.start,
                m.label,
                n as u32,
            )
        })
        .collect();
    order.sort_unstable();
    let mut occupied: [OccupiedSpans; 2] = Default::default();
    let mut keep = vec![false; candidates.len()];
    for &(_, _, _, _, n) in &order {
        let m = &candidates[n as usize];
        let layer = match m.layer() {
            Layer::Names => 0,
            Layer::Numeric => 1,
        };
        keep[n as usize] = occupied[layer].take(m.start, m.end);
    }
    let mut kept: Vec<Mention> = candidates
        .into_iter()
        .zip(keep)
        .filter_map(|(m, k)| k.then_some(m))
        .collect();
    kept.sort_by_key(|m| (m.start, m.end, m.layer()));
    kept
}

/// How many times a byte occurs in a text.
fn bytecount(text: &str, byte: u8) -> usize {
    text.bytes().filter(|&b| b == byte).count()
}
