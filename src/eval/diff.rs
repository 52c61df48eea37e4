//! Runs and run-to-run diffs, the rule author's loop: `kashif eval --save
//! RUN.json` stores a [`Run`] (every predicted mention with its rule id, and
//! the scores), and `kashif eval --baseline RUN.json` compares the current
//! predictions with it ([`diff`]): which mentions a change fixed, which it
//! broke, and how the scores moved per type and per document.
//!
//! Both sides are scored against the *current* gold, so a diff shows what
//! the rules changed, not what a gold edit changed. A mention is judged as a
//! whole: a gold mention is right when a prediction has its span, type and
//! (numeric layer) value; a prediction that matches no gold mention is
//! wrong. "Broken" is right → wrong, "fixed" is wrong → right, "changed" is
//! wrong in another way (another span, type, value or rule).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::report::side;
use super::score::{Scheme, ValueCounts};
use super::summary::{doc_scores, value_cell, DocScore};
use super::{evaluate, CorpusEval, ErrorItem, ErrorKind, ScoredDoc, Side};
use crate::error::{Error, Result};
use crate::mention::{Label, Layer, Mention, Modifier};

/// The `format` field of a run file.
pub const RUN_FORMAT: &str = "kashif-run/1";

/// One predicted mention of a run, as `kashif extract` writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunMention {
    /// Document id.
    pub doc: String,
    /// Start offset (code points).
    pub start: usize,
    /// End offset (code points, exclusive).
    pub end: usize,
    /// Label.
    #[serde(rename = "type")]
    pub label: String,
    /// The text of the span.
    pub text: String,
    /// Normalized value (`null` for names).
    pub value: Value,
    /// Rule id.
    pub rule: String,
    /// Comparator or approximator, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
}

/// A saved run: what was predicted on which documents, and how it scored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Run {
    /// Always [`RUN_FORMAT`].
    pub format: String,
    /// The kashif version that made the run.
    pub kashif_version: String,
    /// The subset scored (`dev`, `test`), if one was chosen.
    #[serde(default)]
    pub subset: Option<String>,
    /// The documents scored, in order.
    pub documents: Vec<String>,
    /// The scores of the run (the JSON report of `kashif eval`), for reading;
    /// a diff rescores the mentions against the current gold.
    pub scores: Value,
    /// Every predicted mention.
    pub mentions: Vec<RunMention>,
}

impl Run {
    /// A run of scored documents.
    pub fn new(docs: &[ScoredDoc], scores: Value, subset: Option<&str>) -> Self {
        Run {
            format: RUN_FORMAT.to_string(),
            kashif_version: env!("CARGO_PKG_VERSION").to_string(),
            subset: subset.map(str::to_string),
            documents: docs.iter().map(|d| d.doc.id.to_string()).collect(),
            scores,
            mentions: docs
                .iter()
                .flat_map(|d| &d.pred)
                .map(|m| RunMention {
                    doc: m.doc.to_string(),
                    start: m.start,
                    end: m.end,
                    label: m.label.as_str().to_string(),
                    text: m.text.clone(),
                    value: (*m.value).clone(),
                    rule: m.rule.to_string(),
                    modifier: m.modifier.map(|x| {
                        serde_json::to_value(x)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default()
                    }),
                })
                .collect(),
        }
    }

    /// Write the run as pretty JSON.
    pub fn write(&self, path: &Path) -> Result<()> {
        let text = serde_json::to_string_pretty(self)
            .map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))?;
        std::fs::write(path, text + "\n")
            .map_err(|e| Error::Invalid(format!("{}: cannot write the run: {e}", path.display())))
    }

    /// Read a run file; a file that is not a kashif run is an error naming it.
    pub fn read(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let text = crate::io::decode(path, bytes)?;
        let run: Run = serde_json::from_str(&text).map_err(|e| {
            Error::Invalid(format!(
                "{}:{}: not a kashif run (`kashif eval --save` writes one): {e}",
                path.display(),
                e.line()
            ))
        })?;
        if run.format != RUN_FORMAT {
            return Err(Error::Invalid(format!(
                "{}: run format `{}` is not `{RUN_FORMAT}`",
                path.display(),
                run.format
            )));
        }
        Ok(run)
    }

    /// The run's predictions on `docs` (the documents it also scored), as
    /// scored documents with the current gold. Each mention is checked
    /// against its document: a span outside it or a text that differs from
    /// the slice means the document changed since the run, an error.
    pub fn predictions_on(&self, file: &str, docs: &[ScoredDoc]) -> Result<Vec<ScoredDoc>> {
        let wanted: HashMap<&str, usize> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (&*d.doc.id, i))
            .collect();
        let chars: Vec<Vec<char>> = docs.iter().map(|d| d.doc.text.chars().collect()).collect();
        let mut pred: Vec<Vec<Mention>> = vec![Vec::new(); docs.len()];
        for (n, m) in self.mentions.iter().enumerate() {
            let Some(&i) = wanted.get(m.doc.as_str()) else {
                continue;
            };
            let problem = |what: String| {
                Error::Invalid(format!(
                    "{file}: mention {} ({} {}..{}): {what}",
                    n + 1,
                    m.doc,
                    m.start,
                    m.end
                ))
            };
            let label: Label = m.label.parse().map_err(|e: Error| problem(e.to_string()))?;
            let text = &chars[i];
            if m.start >= m.end || m.end > text.len() {
                return Err(problem(format!(
                    "span outside the document ({} code points); it changed since the run: save a new baseline",
                    text.len()
                )));
            }
            let slice: String = text[m.start..m.end].iter().collect();
            if slice != m.text {
                return Err(problem(format!(
                    "the run has `{}` but the document reads `{slice}`; it changed since the run: save a new baseline",
                    m.text
                )));
            }
            let modifier = match &m.modifier {
                Some(s) => Some(s.parse::<Modifier>().map_err(|e| problem(e.to_string()))?),
                None => None,
            };
            pred[i].push(Mention {
                doc: Arc::clone(&docs[i].doc.id),
                start: m.start,
                end: m.end,
                label,
                text: m.text.clone(),
                value: m.value.clone().into(),
                rule: m.rule.clone().into(),
                modifier,
                evidence: String::new(),
                priority: 0,
            });
        }
        Ok(docs
            .iter()
            .zip(pred)
            .map(|(d, pred)| ScoredDoc {
                doc: d.doc.clone(),
                gold: d.gold.clone(),
                pred,
            })
            .collect())
    }
}

/// What was decided about one mention in one run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// `correct`, an error kind (`missed`, `spurious`, `boundary`, `type`,
    /// `boundary+type`, `value`) or `not predicted` (a prediction of the
    /// other run that this run does not make).
    pub status: String,
    /// The prediction involved.
    pub pred: Option<Side>,
    /// Its rule.
    pub rule: Option<String>,
}

impl Verdict {
    fn is_right(&self) -> bool {
        self.status == "correct" || self.status == NOT_PREDICTED
    }
}

const NOT_PREDICTED: &str = "not predicted";

/// One mention whose verdict differs between the baseline and now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Document id.
    pub doc: String,
    /// The gold mention (none for a prediction that matches no gold mention).
    pub gold: Option<Side>,
    /// The verdict in the baseline.
    pub before: Verdict,
    /// The verdict now.
    pub after: Verdict,
    /// Words before the span.
    pub left: String,
    /// The text covered.
    pub span: String,
    /// Words after the span.
    pub right: String,
}

impl Change {
    /// The first offset of the change (gold, else prediction).
    pub fn start(&self) -> usize {
        self.gold
            .as_ref()
            .or(self.after.pred.as_ref())
            .or(self.before.pred.as_ref())
            .map_or(0, |s| s.start)
    }
}

/// Strict scores of one scope (a type, a layer) before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreDelta {
    /// The type (`GPE`) or layer micro (`names`, `numeric`, `all`).
    pub scope: String,
    /// Gold mentions.
    pub gold: usize,
    /// Predictions in the baseline.
    pub pred_before: usize,
    /// Predictions now.
    pub pred_after: usize,
    /// Strict F1 in the baseline.
    pub f1_before: f64,
    /// Strict F1 now.
    pub f1_after: f64,
}

/// One document's scores before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocDelta {
    /// Baseline scores.
    pub before: DocScore,
    /// Current scores.
    pub after: DocScore,
}

/// The comparison of the current run with a baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunDiff {
    /// Documents scored in both runs (only these are compared).
    pub compared: Vec<String>,
    /// Documents with gold now that the baseline did not score.
    pub only_now: Vec<String>,
    /// Documents of the baseline that are not scored now.
    pub only_baseline: Vec<String>,
    /// Mentions that were wrong and are right now.
    pub fixed: Vec<Change>,
    /// Mentions that were right and are wrong now.
    pub broken: Vec<Change>,
    /// Mentions that were wrong and are wrong in another way now.
    pub changed: Vec<Change>,
    /// Per type, then `names`, `numeric` and `all` micro.
    pub scores: Vec<ScoreDelta>,
    /// Value accuracy in the baseline.
    pub values_before: ValueCounts,
    /// Value accuracy now.
    pub values_after: ValueCounts,
    /// Per document, in document order.
    pub by_doc: Vec<DocDelta>,
}

/// Who a verdict is about: a gold mention, or a prediction that is not
/// judged through a gold mention (spurious, or a second prediction on a gold
/// mention that another prediction got right).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Gold(usize, usize, usize, Label),
    Pred(usize, usize, usize, Label),
}

type Context = (String, String, String);

fn judge(docs: &[ScoredDoc], ev: &CorpusEval) -> BTreeMap<Key, (Verdict, Option<Context>)> {
    let index: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (&*d.doc.id, i))
        .collect();
    let mut out: BTreeMap<Key, (Verdict, Option<Context>)> = BTreeMap::new();
    let context = |e: &ErrorItem| Some((e.left.clone(), e.span.clone(), e.right.clone()));
    // Value errors first: a gold mention with the right span and type but a
    // wrong value is wrong.
    for e in ev.errors.iter().filter(|e| e.kind == ErrorKind::Value) {
        let (Some(g), Some(&d)) = (&e.gold, index.get(e.doc.as_str())) else {
            continue;
        };
        out.entry(Key::Gold(d, g.start, g.end, g.label))
            .or_insert_with(|| {
                (
                    Verdict {
                        status: e.kind.as_str().to_string(),
                        pred: e.pred.clone(),
                        rule: e.rule.clone(),
                    },
                    context(e),
                )
            });
    }
    // Gold mentions with an exact prediction of the right type are right
    // unless their value is wrong.
    let mut exact: BTreeSet<Key> = BTreeSet::new();
    for (d, doc) in docs.iter().enumerate() {
        for g in &doc.gold {
            let key = Key::Gold(d, g.start, g.end, g.label);
            let hit = doc
                .pred
                .iter()
                .find(|p| p.start == g.start && p.end == g.end && p.label == g.label);
            if let Some(p) = hit {
                exact.insert(key.clone());
                out.entry(key).or_insert_with(|| {
                    (
                        Verdict {
                            status: "correct".to_string(),
                            pred: Some(Side::of(p)),
                            rule: Some(p.rule.to_string()),
                        },
                        None,
                    )
                });
            }
        }
    }
    for e in ev.errors.iter().filter(|e| e.kind != ErrorKind::Value) {
        let Some(&d) = index.get(e.doc.as_str()) else {
            continue;
        };
        let verdict = Verdict {
            status: e.kind.as_str().to_string(),
            pred: e.pred.clone(),
            rule: e.rule.clone(),
        };
        let gold_key = e
            .gold
            .as_ref()
            .map(|g| Key::Gold(d, g.start, g.end, g.label))
            .filter(|k| !exact.contains(k) && !out.contains_key(k));
        let key = match (gold_key, &e.pred) {
            (Some(k), _) => k,
            (None, Some(p)) => Key::Pred(d, p.start, p.end, p.label),
            (None, None) => continue,
        };
        out.entry(key).or_insert_with(|| (verdict, context(e)));
    }
    out
}

fn gold_side(docs: &[ScoredDoc], key: &Key) -> Option<Side> {
    let Key::Gold(d, start, end, label) = *key else {
        return None;
    };
    docs[d]
        .gold
        .iter()
        .find(|g| g.start == start && g.end == end && g.label == label)
        .map(Side::of)
}

fn not_predicted() -> Verdict {
    Verdict {
        status: NOT_PREDICTED.to_string(),
        pred: None,
        rule: None,
    }
}

fn strict(c: &super::score::SchemeCounts) -> (usize, usize, f64) {
    let s = c.get(Scheme::Strict);
    (s.possible(), s.actual(), s.f1(Scheme::Strict))
}

fn score_deltas(before: &CorpusEval, after: &CorpusEval) -> Vec<ScoreDelta> {
    let mut out = Vec::new();
    for layer in [Layer::Names, Layer::Numeric] {
        let (b, a) = (&before.layers[&layer], &after.layers[&layer]);
        let labels: BTreeSet<Label> = b.by_type.keys().chain(a.by_type.keys()).copied().collect();
        for label in labels {
            let zero = super::score::SchemeCounts::default();
            let (gold, pred_before, f1_before) = strict(b.by_type.get(&label).unwrap_or(&zero));
            let (_, pred_after, f1_after) = strict(a.by_type.get(&label).unwrap_or(&zero));
            out.push(ScoreDelta {
                scope: label.as_str().to_string(),
                gold,
                pred_before,
                pred_after,
                f1_before,
                f1_after,
            });
        }
    }
    let scopes = [
        (
            "names",
            &before.layers[&Layer::Names],
            &after.layers[&Layer::Names],
        ),
        (
            "numeric",
            &before.layers[&Layer::Numeric],
            &after.layers[&Layer::Numeric],
        ),
        ("all", &before.all, &after.all),
    ];
    for (scope, b, a) in scopes {
        let (gold, pred_before, f1_before) = strict(&b.overall);
        let (_, pred_after, f1_after) = strict(&a.overall);
        out.push(ScoreDelta {
            scope: scope.to_string(),
            gold,
            pred_before,
            pred_after,
            f1_before,
            f1_after,
        });
    }
    out
}

/// Compare the current scored documents with a baseline run. `file` names
/// the run in messages.
pub fn diff(baseline: &Run, file: &str, now: &[ScoredDoc]) -> Result<RunDiff> {
    let in_baseline: BTreeSet<&str> = baseline.documents.iter().map(String::as_str).collect();
    let now_ids: BTreeSet<&str> = now.iter().map(|d| &*d.doc.id).collect();
    let after_docs: Vec<ScoredDoc> = now
        .iter()
        .filter(|d| in_baseline.contains(&*d.doc.id))
        .cloned()
        .collect();
    let before_docs = baseline.predictions_on(file, &after_docs)?;
    let none = BTreeSet::new();
    let before = evaluate(&before_docs, &none);
    let after = evaluate(&after_docs, &none);
    let jb = judge(&before_docs, &before);
    let ja = judge(&after_docs, &after);
    let keys: BTreeSet<&Key> = jb.keys().chain(ja.keys()).collect();
    let (mut fixed, mut broken, mut changed) = (Vec::new(), Vec::new(), Vec::new());
    for key in keys {
        let (b, bc) = jb.get(key).cloned().unwrap_or((not_predicted(), None));
        let (a, ac) = ja.get(key).cloned().unwrap_or((not_predicted(), None));
        if b == a {
            continue;
        }
        let d = match key {
            Key::Gold(d, ..) | Key::Pred(d, ..) => *d,
        };
        let (left, span, right) = ac.or(bc).unwrap_or_default();
        let change = Change {
            doc: after_docs[d].doc.id.to_string(),
            gold: gold_side(&after_docs, key),
            before: b.clone(),
            after: a.clone(),
            left,
            span,
            right,
        };
        match (b.is_right(), a.is_right()) {
            (true, false) => broken.push(change),
            (false, true) => fixed.push(change),
            (false, false) => changed.push(change),
            // Right both times (e.g. the rule id of a correct mention changed).
            (true, true) => {}
        }
    }
    let by_doc = doc_scores(&before_docs)
        .into_iter()
        .zip(doc_scores(&after_docs))
        .map(|(before, after)| DocDelta { before, after })
        .collect();
    Ok(RunDiff {
        compared: after_docs.iter().map(|d| d.doc.id.to_string()).collect(),
        only_now: now_ids
            .iter()
            .filter(|d| !in_baseline.contains(*d))
            .map(|d| d.to_string())
            .collect(),
        only_baseline: baseline
            .documents
            .iter()
            .filter(|d| !now_ids.contains(d.as_str()))
            .cloned()
            .collect(),
        fixed,
        broken,
        changed,
        scores: score_deltas(&before, &after),
        values_before: before.values,
        values_after: after.values,
        by_doc,
    })
}

fn verdict(v: &Verdict) -> String {
    match (&v.pred, &v.rule) {
        (Some(_), Some(rule)) => format!("{:<14} {}  rule: {rule}", v.status, side(&v.pred)),
        _ => v.status.clone(),
    }
}

fn write_changes(out: &mut impl Write, title: &str, changes: &[Change]) -> Result<()> {
    writeln!(out, "{title} ({}):", changes.len())?;
    for c in changes {
        let what = format!("{} → {}", c.before.status, c.after.status);
        writeln!(out, "{what:<24} {}  {}", c.doc, side(&c.gold))?;
        writeln!(out, "    before: {}", verdict(&c.before))?;
        writeln!(out, "    now:    {}", verdict(&c.after))?;
        writeln!(out, "    … {}[{}]{} …", c.left, c.span, c.right)?;
    }
    Ok(())
}

fn pct(x: f64) -> String {
    format!("{:.1}", 100.0 * x)
}

fn delta(before: f64, after: f64) -> String {
    let d = 100.0 * (after - before);
    if d.abs() < 0.05 {
        String::new()
    } else {
        format!("{d:+.1}")
    }
}

/// Write the diff for the terminal: broken first, then fixed and changed,
/// then the score deltas per type and the documents whose scores moved.
pub fn write_diff_table(out: &mut impl Write, d: &RunDiff, baseline: &str) -> Result<()> {
    writeln!(
        out,
        "kashif eval --baseline {baseline}: {} document{} compared",
        d.compared.len(),
        if d.compared.len() == 1 { "" } else { "s" }
    )?;
    if !d.only_now.is_empty() {
        writeln!(
            out,
            "not in the baseline (not compared): {}",
            d.only_now.join(", ")
        )?;
    }
    if !d.only_baseline.is_empty() {
        writeln!(
            out,
            "in the baseline but not scored now: {}",
            d.only_baseline.join(", ")
        )?;
    }
    writeln!(
        out,
        "broken: {}   fixed: {}   changed: {}",
        d.broken.len(),
        d.fixed.len(),
        d.changed.len()
    )?;
    for (title, changes) in [
        ("broken (right before, wrong now)", &d.broken),
        ("fixed (wrong before, right now)", &d.fixed),
        (
            "changed (wrong before, wrong in another way now)",
            &d.changed,
        ),
    ] {
        if !changes.is_empty() {
            writeln!(out)?;
            write_changes(out, title, changes)?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<10}{:>6}{:>8}{:>8}  {:>8}{:>8}",
        "strict", "gold", "pred", "pred", "F1", "F1"
    )?;
    writeln!(
        out,
        "{:<10}{:>6}{:>8}{:>8}  {:>8}{:>8}{:>8}",
        "type", "", "before", "now", "before", "now", "delta"
    )?;
    for s in &d.scores {
        let line = format!(
            "{:<10}{:>6}{:>8}{:>8}  {:>8}{:>8}{:>8}",
            s.scope,
            s.gold,
            s.pred_before,
            s.pred_after,
            pct(s.f1_before),
            pct(s.f1_after),
            delta(s.f1_before, s.f1_after)
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    writeln!(
        out,
        "value accuracy: {} before, {} now",
        value_cell(&d.values_before),
        value_cell(&d.values_after)
    )?;
    let moved: Vec<&DocDelta> = d.by_doc.iter().filter(|x| x.before != x.after).collect();
    writeln!(out)?;
    if moved.is_empty() {
        writeln!(out, "by document: no document's scores changed")?;
    } else {
        writeln!(
            out,
            "by document (scores that moved; strict F1 %, before → now):"
        )?;
        for x in moved {
            let (b, a) = (&x.before, &x.after);
            writeln!(
                out,
                "{}  names {} → {}  numeric {} → {}  value {} → {}",
                b.doc,
                pct(b.names.f1),
                pct(a.names.f1),
                pct(b.numeric.f1),
                pct(a.numeric.f1),
                value_cell(&b.values),
                value_cell(&a.values)
            )?;
        }
    }
    Ok(())
}
