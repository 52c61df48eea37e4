//! Evaluation: gold loading and validation ([`gold`]), the nervaluate-exact
//! span scorer ([`score`]), the ANERcorp / conlleval mode ([`conll`], and its
//! errors and rule report through [`conll_docs`]), the
//! reports ([`report`]), per-document scores and the corpus split
//! ([`summary`]), saved runs and their diffs ([`diff`]) and the HTML report
//! ([`html`]).
//!
//! [`evaluate`] scores documents layer by layer: the names layer and the
//! numeric layer are matched separately (a numeric span inside a name is not
//! an error against the name), and "all" is the sum of the two layers'
//! counts. Macro averages are the mean of the per-type scores over the types
//! present in gold or predictions.

pub mod conll;
pub mod conll_docs;
pub mod dataset;
pub mod diff;
pub mod gold;
pub mod html;
pub mod report;
pub mod score;
pub mod summary;
pub mod wikifane;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::io::Document;
use crate::mention::{Label, Layer, Mention};
use score::{align, sort_spans, values_equal, Evaluation, Outcome, Scheme, Span, ValueCounts};

/// One scored document: its text, gold and predicted mentions.
#[derive(Debug, Clone)]
pub struct ScoredDoc {
    /// The document.
    pub doc: Document,
    /// Gold mentions.
    pub gold: Vec<Mention>,
    /// Predicted mentions.
    pub pred: Vec<Mention>,
}

/// The kind of an error in the error list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A gold mention no prediction matched.
    Missed,
    /// A prediction that overlaps no gold mention of its layer.
    Spurious,
    /// Right type, wrong span.
    Boundary,
    /// Right span, wrong type.
    Type,
    /// Wrong span and wrong type.
    BoundaryAndType,
    /// Right span, wrong normalized value (numeric layer).
    Value,
}

impl ErrorKind {
    /// The kind's name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Missed => "missed",
            ErrorKind::Spurious => "spurious",
            ErrorKind::Boundary => "boundary",
            ErrorKind::Type => "type",
            ErrorKind::BoundaryAndType => "boundary+type",
            ErrorKind::Value => "value",
        }
    }
}

/// A mention as shown in an error.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// Start offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// Label.
    #[serde(rename = "type")]
    pub label: Label,
    /// Text.
    pub text: String,
    /// Value (`null` for names).
    pub value: serde_json::Value,
}

impl Side {
    /// The side of a mention.
    pub fn of(m: &Mention) -> Self {
        Side {
            start: m.start,
            end: m.end,
            label: m.label,
            text: m.text.clone(),
            value: (*m.value).clone(),
        }
    }
}

/// One error, with a few words of context on each side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorItem {
    /// Document id.
    pub doc: String,
    /// What went wrong.
    pub kind: ErrorKind,
    /// The layer.
    pub layer: Layer,
    /// The gold mention involved (none for spurious).
    pub gold: Option<Side>,
    /// The prediction involved (none for missed).
    pub pred: Option<Side>,
    /// The rule that produced the prediction (none for missed).
    pub rule: Option<String>,
    /// Words before the span.
    pub left: String,
    /// The text covered by gold and prediction together.
    pub span: String,
    /// Words after the span.
    pub right: String,
}

impl ErrorItem {
    /// The type an error is filed under: the gold type, or the predicted
    /// type for a spurious prediction.
    pub fn label(&self) -> Label {
        self.gold
            .as_ref()
            .or(self.pred.as_ref())
            .map(|s| s.label)
            .unwrap_or(Label::Misc)
    }
}

/// Per-rule counts: how the rule's predictions fared under strict matching.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RuleStats {
    /// The rule id.
    pub rule: String,
    /// Predictions the rule made.
    pub fired: usize,
    /// Strict matches.
    pub tp: usize,
    /// Everything else (`boundary + type + boundary_and_type + spurious`).
    pub fp: usize,
    /// Right type, wrong span.
    pub boundary: usize,
    /// Right span, wrong type.
    pub wrong_type: usize,
    /// Wrong span and type.
    pub boundary_and_type: usize,
    /// Matched nothing.
    pub spurious: usize,
    /// Strict matches with a wrong value (numeric, gold value not null).
    pub wrong_value: usize,
}

/// Everything `kashif eval` reports about a corpus.
#[derive(Debug, Clone, Default)]
pub struct CorpusEval {
    /// Ids of the scored documents.
    pub documents: Vec<String>,
    /// Per layer.
    pub layers: BTreeMap<Layer, Evaluation>,
    /// Both layers (counts summed).
    pub all: Evaluation,
    /// Value accuracy over all numeric types.
    pub values: ValueCounts,
    /// Value accuracy per gold type.
    pub values_by_type: BTreeMap<Label, ValueCounts>,
    /// Errors in document order.
    pub errors: Vec<ErrorItem>,
    /// Per rule id that fired, sorted by id.
    pub rules: Vec<RuleStats>,
    /// Known rule ids that never fired.
    pub never_fired: Vec<String>,
    /// Per document (in input order): its counts, both layers summed.
    pub per_doc: Vec<(String, score::SchemeCounts)>,
}

/// Words of context shown on each side of an error.
pub const CONTEXT_WORDS: usize = 5;

fn context(chars: &[char], start: usize, end: usize) -> (String, String, String) {
    let end = end.min(chars.len());
    let start = start.min(end);
    let clean = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut l = start;
    let mut words = 0;
    while l > 0 {
        if chars[l - 1].is_whitespace() && l < start && !chars[l].is_whitespace() {
            words += 1;
            if words == CONTEXT_WORDS {
                break;
            }
        }
        l -= 1;
    }
    let mut r = end;
    let mut words = 0;
    while r < chars.len() {
        if chars[r].is_whitespace() && r > end && !chars[r - 1].is_whitespace() {
            words += 1;
            if words == CONTEXT_WORDS {
                break;
            }
        }
        r += 1;
    }
    let left: String = chars[l..start].iter().collect();
    let span: String = chars[start..end].iter().collect();
    let right: String = chars[end..r].iter().collect();
    let left_clean = clean(left.clone());
    let right_clean = clean(right.clone());
    let left_out = if left.ends_with(char::is_whitespace) && !left_clean.is_empty() {
        format!("{left_clean} ")
    } else {
        left_clean
    };
    let right_out = if right.starts_with(char::is_whitespace) && !right_clean.is_empty() {
        format!(" {right_clean}")
    } else {
        right_clean
    };
    (left_out, clean(span), right_out)
}

fn sort_mentions(v: &mut [Mention]) {
    v.sort_by(|a, b| Span::of(a).sort_key().cmp(&Span::of(b).sort_key()));
}

/// Score documents: per layer and overall under the four schemes, value
/// accuracy, errors with context, and the rule report (`known_rules` are the
/// rule ids that could fire; those that did not are listed as never fired).
pub fn evaluate(docs: &[ScoredDoc], known_rules: &BTreeSet<String>) -> CorpusEval {
    let mut out = CorpusEval::default();
    let mut rules: BTreeMap<String, RuleStats> = BTreeMap::new();
    for d in docs {
        out.documents.push(d.doc.id.to_string());
        let mut doc_counts = score::SchemeCounts::default();
        let chars: Vec<char> = d.doc.text.chars().collect();
        for layer in [Layer::Names, Layer::Numeric] {
            let mut gold: Vec<Mention> = d
                .gold
                .iter()
                .filter(|m| m.layer() == layer)
                .cloned()
                .collect();
            let mut pred: Vec<Mention> = d
                .pred
                .iter()
                .filter(|m| m.layer() == layer)
                .cloned()
                .collect();
            sort_mentions(&mut gold);
            sort_mentions(&mut pred);
            let gs: Vec<Span> = gold.iter().map(Span::of).collect();
            let ps: Vec<Span> = pred.iter().map(Span::of).collect();
            debug_assert!({
                let mut g2 = gs.clone();
                sort_spans(&mut g2);
                g2 == gs
            });
            out.layers.entry(layer).or_default().add_document(&gs, &ps);
            doc_counts.add(&score::SchemeCounts::of_document(&gs, &ps));

            // Values: gold value not null, span matched exactly.
            let exact = align(&gs, &ps, Scheme::Exact);
            let mut wrong_value = vec![false; pred.len()];
            for (pi, (outcome, gi)) in exact.pred.iter().enumerate() {
                let (Outcome::Correct, Some(gi)) = (outcome, gi) else {
                    continue;
                };
                let (g, p) = (&gold[*gi], &pred[pi]);
                if g.layer() != Layer::Numeric || g.value.is_null() {
                    continue;
                }
                let equal = values_equal(&g.value, &p.value);
                let vc = ValueCounts {
                    compared: 1,
                    equal: usize::from(equal),
                };
                out.values.add(&vc);
                out.values_by_type.entry(g.label).or_default().add(&vc);
                if !equal {
                    wrong_value[pi] = true;
                    let (left, span, right) = context(&chars, g.start, g.end);
                    out.errors.push(ErrorItem {
                        doc: d.doc.id.to_string(),
                        kind: ErrorKind::Value,
                        layer,
                        gold: Some(Side::of(g)),
                        pred: Some(Side::of(p)),
                        rule: Some(p.rule.to_string()),
                        left,
                        span,
                        right,
                    });
                }
            }

            // Errors and rule stats from the strict alignment.
            let strict = align(&gs, &ps, Scheme::Strict);
            for (pi, (outcome, gi)) in strict.pred.iter().enumerate() {
                let p = &pred[pi];
                let stats = rules
                    .entry(p.rule.to_string())
                    .or_insert_with(|| RuleStats {
                        rule: p.rule.to_string(),
                        ..RuleStats::default()
                    });
                stats.fired += 1;
                if wrong_value[pi] {
                    stats.wrong_value += 1;
                }
                let kind = match (outcome, gi) {
                    (Outcome::Correct, _) => {
                        stats.tp += 1;
                        continue;
                    }
                    (_, Some(gi)) => {
                        let g = &gold[*gi];
                        let same_span = g.start == p.start && g.end == p.end;
                        match (same_span, g.label == p.label) {
                            (true, _) => {
                                stats.wrong_type += 1;
                                ErrorKind::Type
                            }
                            (false, true) => {
                                stats.boundary += 1;
                                ErrorKind::Boundary
                            }
                            (false, false) => {
                                stats.boundary_and_type += 1;
                                ErrorKind::BoundaryAndType
                            }
                        }
                    }
                    (_, None) => {
                        stats.spurious += 1;
                        ErrorKind::Spurious
                    }
                };
                stats.fp += 1;
                let g = gi.map(|gi| &gold[gi]);
                let start = g.map_or(p.start, |g| g.start.min(p.start));
                let end = g.map_or(p.end, |g| g.end.max(p.end));
                let (left, span, right) = context(&chars, start, end);
                out.errors.push(ErrorItem {
                    doc: d.doc.id.to_string(),
                    kind,
                    layer,
                    gold: g.map(Side::of),
                    pred: Some(Side::of(p)),
                    rule: Some(p.rule.to_string()),
                    left,
                    span,
                    right,
                });
            }
            for (gi, consumed) in strict.gold.iter().enumerate() {
                if consumed.is_some() {
                    continue;
                }
                let g = &gold[gi];
                let (left, span, right) = context(&chars, g.start, g.end);
                out.errors.push(ErrorItem {
                    doc: d.doc.id.to_string(),
                    kind: ErrorKind::Missed,
                    layer,
                    gold: Some(Side::of(g)),
                    pred: None,
                    rule: None,
                    left,
                    span,
                    right,
                });
            }
        }
        out.per_doc.push((d.doc.id.to_string(), doc_counts));
    }
    for ev in out.layers.values() {
        out.all.merge(ev);
    }
    // Make sure both layers are always present.
    for layer in [Layer::Names, Layer::Numeric] {
        out.layers.entry(layer).or_default();
    }
    out.errors.sort_by(|a, b| {
        let key = |e: &ErrorItem| {
            let s = e.gold.as_ref().or(e.pred.as_ref()).map_or(0, |s| s.start);
            (e.doc.clone(), s)
        };
        key(a).cmp(&key(b))
    });
    out.never_fired = known_rules
        .iter()
        .filter(|r| !rules.contains_key(*r))
        .cloned()
        .collect();
    out.rules = rules.into_values().collect();
    out
}

/// One line of the "what to fix" list: an error kind, a type and a rule,
/// with how often that combination occurred.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FixItem {
    /// The error kind.
    pub kind: ErrorKind,
    /// The type (gold type; predicted type for spurious).
    #[serde(rename = "type")]
    pub label: Label,
    /// The rule (none for missed mentions).
    pub rule: Option<String>,
    /// Number of errors.
    pub count: usize,
}

/// Group the errors by (kind, type, rule), most frequent first.
pub fn what_to_fix(errors: &[ErrorItem]) -> Vec<FixItem> {
    let mut groups: BTreeMap<(ErrorKind, Label, Option<String>), usize> = BTreeMap::new();
    for e in errors {
        *groups
            .entry((e.kind, e.label(), e.rule.clone()))
            .or_default() += 1;
    }
    let mut items: Vec<FixItem> = groups
        .into_iter()
        .map(|((kind, label, rule), count)| FixItem {
            kind,
            label,
            rule,
            count,
        })
        .collect();
    items.sort_by_key(|i| std::cmp::Reverse(i.count));
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn m(
        doc: &Document,
        start: usize,
        end: usize,
        label: Label,
        value: serde_json::Value,
        rule: &str,
    ) -> Mention {
        Mention {
            doc: doc.id.clone(),
            start,
            end,
            label,
            text: doc.text.chars().skip(start).take(end - start).collect(),
            value: value.into(),
            rule: rule.to_string().into(),
            modifier: None,
            evidence: String::new(),
            priority: 0,
        }
    }

    #[test]
    fn errors_values_and_rules() {
        let doc = Document::new("d", "بكين 7 أبريل 2015 (شينخوا) وروسيا 40 مليار دولار");
        let gold = vec![
            m(&doc, 0, 4, Label::Gpe, json!(null), "gold"),
            m(&doc, 5, 17, Label::Date, json!("2015-04-07"), "gold"),
            m(&doc, 19, 25, Label::Org, json!(null), "gold"),
            m(&doc, 28, 33, Label::Gpe, json!(null), "gold"),
            m(
                &doc,
                34,
                48,
                Label::Money,
                json!({"amount": 40000000000u64, "currency": "USD"}),
                "gold",
            ),
        ];
        let pred = vec![
            m(&doc, 0, 4, Label::Gpe, json!(null), "gaz"),
            m(&doc, 5, 17, Label::Date, json!("2015-04"), "date/full"),
            m(&doc, 19, 25, Label::Person, json!(null), "gaz"),
            m(&doc, 27, 33, Label::Gpe, json!(null), "gaz"),
            m(
                &doc,
                34,
                48,
                Label::Money,
                json!({"currency": "USD", "amount": 4e10}),
                "money",
            ),
        ];
        let known: BTreeSet<String> = ["gaz", "never"].iter().map(|s| s.to_string()).collect();
        let ev = evaluate(
            &[ScoredDoc {
                doc: doc.clone(),
                gold,
                pred,
            }],
            &known,
        );
        assert_eq!(
            ev.values,
            ValueCounts {
                compared: 2,
                equal: 1
            }
        );
        let kinds: Vec<ErrorKind> = ev.errors.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            vec![ErrorKind::Value, ErrorKind::Type, ErrorKind::Boundary]
        );
        let b = &ev.errors[2];
        assert_eq!(
            (b.left.as_str(), b.span.as_str()),
            ("بكين 7 أبريل 2015 (شينخوا) ", "وروسيا")
        );
        assert_eq!(b.right, " 40 مليار دولار");
        let gaz = ev.rules.iter().find(|r| r.rule == "gaz").unwrap();
        assert_eq!(
            (gaz.fired, gaz.tp, gaz.fp, gaz.boundary, gaz.wrong_type),
            (3, 1, 2, 1, 1)
        );
        assert_eq!(ev.never_fired, vec!["never".to_string()]);
        let names = ev.layers[&Layer::Names].overall.get(Scheme::Strict);
        assert_eq!((names.correct, names.incorrect), (1, 2));
        let all = ev.all.overall.get(Scheme::Strict);
        assert_eq!(all.correct, 3);
        let fix = what_to_fix(&ev.errors);
        assert_eq!(fix.len(), 3);
    }
}
