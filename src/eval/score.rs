//! The span scorer: the four schemes of SemEval-2013 task 9.1 exactly as the
//! Python package `nervaluate` 1.2.1 computes them (greedy matching over the
//! predictions in order, see `tests/fixtures/nervaluate/README.md`), counts
//! per scheme, micro aggregation over documents and per-type runs, and value
//! accuracy for numeric mentions.
//!
//! Spans use kashif's convention: code point offsets, end exclusive.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use crate::mention::{Label, Mention};

/// A labelled span of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The label.
    pub label: Label,
}

impl Span {
    /// A span from its parts.
    pub fn new(start: usize, end: usize, label: Label) -> Self {
        Span { start, end, label }
    }

    /// The span of a mention.
    pub fn of(m: &Mention) -> Self {
        Span::new(m.start, m.end, m.label)
    }

    /// The canonical order of spans within a document: `(start, end, label
    /// name)`. Matching is greedy, so the order of the lists matters; kashif
    /// always scores sorted lists.
    pub fn sort_key(&self) -> (usize, usize, &'static str) {
        (self.start, self.end, self.label.as_str())
    }
}

/// Sort spans into the canonical scoring order.
pub fn sort_spans(spans: &mut [Span]) {
    spans.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// nervaluate's overlap test: at least one shared code point, and the shared
/// part is at least 1 % of the **gold** span.
pub fn overlaps(pred: &Span, gold: &Span) -> bool {
    let lo = pred.start.max(gold.start);
    let hi = pred.end.min(gold.end);
    if hi <= lo || gold.end <= gold.start {
        return false;
    }
    let overlap = (hi - lo) as f64;
    let gold_len = (gold.end - gold.start) as f64;
    (overlap / gold_len) * 100.0 >= 1.0
}

fn boundary_distance(p: &Span, g: &Span) -> usize {
    p.start.abs_diff(g.start) + p.end.abs_diff(g.end)
}

/// The four schemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// Same span and same type.
    Strict,
    /// Same span, type ignored.
    Exact,
    /// Overlapping span, type ignored; a boundary error earns half credit.
    Partial,
    /// Overlapping span with the right type (nervaluate's `ent_type`).
    Type,
}

impl Scheme {
    /// All schemes in report order.
    pub const ALL: [Scheme; 4] = [Scheme::Strict, Scheme::Exact, Scheme::Partial, Scheme::Type];

    /// The scheme's name in reports (`strict`, `exact`, `partial`, `type`).
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Strict => "strict",
            Scheme::Exact => "exact",
            Scheme::Partial => "partial",
            Scheme::Type => "type",
        }
    }
}

/// What one prediction became under one scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Counts as a full match.
    Correct,
    /// Overlaps a gold span but fails the scheme's test (strict, exact, type).
    Incorrect,
    /// Overlaps a gold span with other boundaries (partial scheme only).
    Partial,
    /// Overlaps no available gold span.
    Spurious,
}

/// The result of matching one document's predictions against its gold under
/// one scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    /// For each prediction (in the order given): its outcome and the index of
    /// the gold span it consumed (none for a spurious prediction).
    pub pred: Vec<(Outcome, Option<usize>)>,
    /// For each gold span: the prediction that consumed it, if any
    /// (unconsumed gold is missed).
    pub gold: Vec<Option<usize>>,
}

impl Alignment {
    /// The counts of this alignment.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for (outcome, _) in &self.pred {
            match outcome {
                Outcome::Correct => c.correct += 1,
                Outcome::Incorrect => c.incorrect += 1,
                Outcome::Partial => c.partial += 1,
                Outcome::Spurious => c.spurious += 1,
            }
        }
        c.missed = self.gold.iter().filter(|g| g.is_none()).count();
        c
    }
}

/// Match predictions against gold spans of **one** document under a scheme,
/// greedily in list order (nervaluate 1.2.1). Pass the lists sorted with
/// [`sort_spans`] for deterministic results.
pub fn align(gold: &[Span], pred: &[Span], scheme: Scheme) -> Alignment {
    let mut consumed: Vec<Option<usize>> = vec![None; gold.len()];
    let mut out = Vec::with_capacity(pred.len());
    for (pi, p) in pred.iter().enumerate() {
        let result = match scheme {
            Scheme::Strict | Scheme::Exact | Scheme::Partial => {
                let mut first_overlap = None;
                let mut exact = None;
                for (gi, g) in gold.iter().enumerate() {
                    if consumed[gi].is_some() {
                        continue;
                    }
                    let same_span = g.start == p.start && g.end == p.end;
                    let hit = match scheme {
                        Scheme::Strict => same_span && g.label == p.label,
                        _ => same_span,
                    };
                    if hit {
                        exact = Some(gi);
                        break;
                    }
                    if first_overlap.is_none() && overlaps(p, g) {
                        first_overlap = Some(gi);
                    }
                }
                match (exact, first_overlap) {
                    (Some(gi), _) => (Outcome::Correct, Some(gi)),
                    (None, Some(gi)) if scheme == Scheme::Partial => (Outcome::Partial, Some(gi)),
                    (None, Some(gi)) => (Outcome::Incorrect, Some(gi)),
                    (None, None) => (Outcome::Spurious, None),
                }
            }
            Scheme::Type => {
                let mut best: Option<(usize, usize)> = None;
                let mut other_label = None;
                for (gi, g) in gold.iter().enumerate() {
                    if consumed[gi].is_some() || !overlaps(p, g) {
                        continue;
                    }
                    if g.label == p.label {
                        let d = boundary_distance(p, g);
                        if best.is_none_or(|(_, bd)| d < bd) {
                            best = Some((gi, d));
                        }
                    } else if other_label.is_none() {
                        other_label = Some(gi);
                    }
                }
                match (best, other_label) {
                    (Some((gi, _)), _) => (Outcome::Correct, Some(gi)),
                    (None, Some(gi)) => (Outcome::Incorrect, Some(gi)),
                    (None, None) => (Outcome::Spurious, None),
                }
            }
        };
        if let (_, Some(gi)) = result {
            consumed[gi] = Some(pi);
        }
        out.push(result);
    }
    Alignment {
        pred: out,
        gold: consumed,
    }
}

/// Counts of one scheme, and the metrics computed from them exactly as
/// nervaluate does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Full matches.
    pub correct: usize,
    /// Matches that fail the scheme's test.
    pub incorrect: usize,
    /// Boundary matches (partial scheme only).
    pub partial: usize,
    /// Gold spans no prediction consumed.
    pub missed: usize,
    /// Predictions that consumed no gold span.
    pub spurious: usize,
}

impl Counts {
    /// `correct + incorrect + partial + missed`: the gold side.
    pub fn possible(&self) -> usize {
        self.correct + self.incorrect + self.partial + self.missed
    }

    /// `correct + incorrect + partial + spurious`: the prediction side.
    pub fn actual(&self) -> usize {
        self.correct + self.incorrect + self.partial + self.spurious
    }

    fn credit(&self, scheme: Scheme) -> f64 {
        match scheme {
            Scheme::Strict | Scheme::Exact => self.correct as f64,
            Scheme::Partial | Scheme::Type => self.correct as f64 + 0.5 * self.partial as f64,
        }
    }

    /// Precision under `scheme` (0 when nothing was predicted).
    pub fn precision(&self, scheme: Scheme) -> f64 {
        let actual = self.actual();
        if actual == 0 {
            0.0
        } else {
            self.credit(scheme) / actual as f64
        }
    }

    /// Recall under `scheme` (0 when there is no gold).
    pub fn recall(&self, scheme: Scheme) -> f64 {
        let possible = self.possible();
        if possible == 0 {
            0.0
        } else {
            self.credit(scheme) / possible as f64
        }
    }

    /// F1 under `scheme` (0 when precision and recall are both 0).
    pub fn f1(&self, scheme: Scheme) -> f64 {
        f1(self.precision(scheme), self.recall(scheme))
    }

    /// Add another set of counts.
    pub fn add(&mut self, other: &Counts) {
        self.correct += other.correct;
        self.incorrect += other.incorrect;
        self.partial += other.partial;
        self.missed += other.missed;
        self.spurious += other.spurious;
    }

    /// The counts and metrics as a serializable record.
    pub fn metrics(&self, scheme: Scheme) -> Metrics {
        Metrics {
            correct: self.correct,
            incorrect: self.incorrect,
            partial: self.partial,
            missed: self.missed,
            spurious: self.spurious,
            possible: self.possible(),
            actual: self.actual(),
            precision: self.precision(scheme),
            recall: self.recall(scheme),
            f1: self.f1(scheme),
        }
    }
}

/// `2PR / (P + R)`, evaluated in nervaluate's order; 0 when `P + R = 0`.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * (p * r) / (p + r)
    } else {
        0.0
    }
}

/// Counts plus metrics, as written in JSON reports (nervaluate's field names).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Metrics {
    /// Full matches.
    pub correct: usize,
    /// Matches that fail the scheme's test.
    pub incorrect: usize,
    /// Boundary matches (partial scheme only).
    pub partial: usize,
    /// Gold spans not matched.
    pub missed: usize,
    /// Predictions not matched.
    pub spurious: usize,
    /// Gold side total.
    pub possible: usize,
    /// Prediction side total.
    pub actual: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

/// Counts for all four schemes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SchemeCounts {
    counts: [Counts; 4],
}

impl SchemeCounts {
    /// The counts of one scheme.
    pub fn get(&self, scheme: Scheme) -> &Counts {
        &self.counts[scheme as usize]
    }

    /// Mutable counts of one scheme.
    pub fn get_mut(&mut self, scheme: Scheme) -> &mut Counts {
        &mut self.counts[scheme as usize]
    }

    /// Add another set of counts, scheme by scheme.
    pub fn add(&mut self, other: &SchemeCounts) {
        for s in Scheme::ALL {
            self.get_mut(s).add(other.get(s));
        }
    }

    /// Score one document under every scheme.
    pub fn of_document(gold: &[Span], pred: &[Span]) -> Self {
        let mut out = SchemeCounts::default();
        for s in Scheme::ALL {
            *out.get_mut(s) = align(gold, pred, s).counts();
        }
        out
    }

    /// Metrics of every scheme, keyed by scheme name.
    pub fn metrics(&self) -> BTreeMap<&'static str, Metrics> {
        Scheme::ALL
            .iter()
            .map(|&s| (s.as_str(), self.get(s).metrics(s)))
            .collect()
    }
}

/// The nervaluate evaluation of a set of documents: micro-aggregated
/// `overall` counts and per-type counts, where each type is scored on its
/// own (only the gold and predicted spans of that type), so a type error is a
/// miss for the gold type and a spurious span for the predicted type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evaluation {
    /// All spans scored together, summed over documents.
    pub overall: SchemeCounts,
    /// Per type: the type's spans only, summed over documents. A type is
    /// present iff it occurs on a gold or predicted span.
    pub by_type: BTreeMap<Label, SchemeCounts>,
}

impl Evaluation {
    /// Evaluate documents given as `(gold, predicted)` span lists. Each list
    /// is sorted into canonical order first.
    pub fn new(docs: &[(Vec<Span>, Vec<Span>)]) -> Self {
        let mut ev = Evaluation::default();
        for (gold, pred) in docs {
            ev.add_document(gold, pred);
        }
        ev
    }

    /// Add one document.
    pub fn add_document(&mut self, gold: &[Span], pred: &[Span]) {
        let mut gold = gold.to_vec();
        let mut pred = pred.to_vec();
        sort_spans(&mut gold);
        sort_spans(&mut pred);
        self.overall.add(&SchemeCounts::of_document(&gold, &pred));
        let labels: BTreeSet<Label> = gold.iter().chain(&pred).map(|s| s.label).collect();
        for label in labels {
            let g: Vec<Span> = gold.iter().filter(|s| s.label == label).copied().collect();
            let p: Vec<Span> = pred.iter().filter(|s| s.label == label).copied().collect();
            self.by_type
                .entry(label)
                .or_default()
                .add(&SchemeCounts::of_document(&g, &p));
        }
    }

    /// Merge another evaluation (e.g. another layer) into this one.
    pub fn merge(&mut self, other: &Evaluation) {
        self.overall.add(&other.overall);
        for (label, counts) in &other.by_type {
            self.by_type.entry(*label).or_default().add(counts);
        }
    }

    /// Macro average under `scheme`: the mean of the per-type precision,
    /// recall and F1 over the types present in gold or predictions
    /// (0 when there are none).
    pub fn macro_avg(&self, scheme: Scheme) -> MacroAvg {
        let n = self.by_type.len();
        if n == 0 {
            return MacroAvg::default();
        }
        let mut m = MacroAvg::default();
        for c in self.by_type.values() {
            let c = c.get(scheme);
            m.precision += c.precision(scheme);
            m.recall += c.recall(scheme);
            m.f1 += c.f1(scheme);
        }
        m.precision /= n as f64;
        m.recall /= n as f64;
        m.f1 /= n as f64;
        m
    }
}

/// A macro average: the unweighted mean over types.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct MacroAvg {
    /// Mean per-type precision.
    pub precision: f64,
    /// Mean per-type recall.
    pub recall: f64,
    /// Mean per-type F1.
    pub f1: f64,
}

/// A decimal written as a string (`"28.6"`, `"-0.15"`: how kashif writes
/// decimals, GUIDELINES decision 84) as a number; dates and other strings
/// are none.
fn decimal_string(s: &str) -> Option<f64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.')?;
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    (all_digits(int) && all_digits(frac)).then(|| s.parse().ok())?
}

/// Whether two normalized values are the same, compared semantically:
/// numbers by value (`28600000000` equals `2.86e10`, with a relative
/// tolerance of 1e-9; a decimal string `"28.6"` equals the number `28.6`),
/// objects regardless of key order, arrays element by element, everything
/// else by equality.
pub fn values_equal(a: &Value, b: &Value) -> bool {
    let as_number = |v: &Value| match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => decimal_string(s),
        _ => None,
    };
    let close = |x: f64, y: f64| x == y || (x - y).abs() <= 1e-9 * x.abs().max(y.abs());
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => close(x, y),
            _ => x == y,
        },
        (Value::String(_), Value::Number(_)) | (Value::Number(_), Value::String(_)) => {
            matches!((as_number(a), as_number(b)), (Some(x), Some(y)) if close(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| values_equal(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| values_equal(v, w))
        }
        _ => a == b,
    }
}

/// Value accuracy: among numeric gold mentions with a non-null value whose
/// span a prediction matched exactly, how many predicted the same value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ValueCounts {
    /// Pairs compared.
    pub compared: usize,
    /// Pairs with equal values.
    pub equal: usize,
}

impl ValueCounts {
    /// `equal / compared` (0 when nothing was compared).
    pub fn accuracy(&self) -> f64 {
        if self.compared == 0 {
            0.0
        } else {
            self.equal as f64 / self.compared as f64
        }
    }

    /// Add another set of counts.
    pub fn add(&mut self, other: &ValueCounts) {
        self.compared += other.compared;
        self.equal += other.equal;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Label::*;

    fn s(start: usize, end: usize, label: Label) -> Span {
        Span::new(start, end, label)
    }

    fn counts(gold: &[Span], pred: &[Span], scheme: Scheme) -> (usize, usize, usize, usize, usize) {
        let c = align(gold, pred, scheme).counts();
        (c.correct, c.incorrect, c.partial, c.missed, c.spurious)
    }

    #[test]
    fn perfect_match_all_schemes() {
        let g = [s(0, 5, Person), s(10, 16, Org)];
        for scheme in Scheme::ALL {
            assert_eq!(counts(&g, &g, scheme), (2, 0, 0, 0, 0));
            let c = align(&g, &g, scheme).counts();
            assert_eq!(c.f1(scheme), 1.0);
        }
    }

    #[test]
    fn boundary_error() {
        let g = [s(0, 10, Person)];
        let p = [s(0, 6, Person)];
        assert_eq!(counts(&g, &p, Scheme::Strict), (0, 1, 0, 0, 0));
        assert_eq!(counts(&g, &p, Scheme::Exact), (0, 1, 0, 0, 0));
        assert_eq!(counts(&g, &p, Scheme::Partial), (0, 0, 1, 0, 0));
        assert_eq!(counts(&g, &p, Scheme::Type), (1, 0, 0, 0, 0));
        let c = align(&g, &p, Scheme::Partial).counts();
        assert_eq!(c.precision(Scheme::Partial), 0.5);
        assert_eq!(c.recall(Scheme::Partial), 0.5);
    }

    #[test]
    fn type_error() {
        let g = [s(0, 6, Person)];
        let p = [s(0, 6, Org)];
        assert_eq!(counts(&g, &p, Scheme::Strict), (0, 1, 0, 0, 0));
        assert_eq!(counts(&g, &p, Scheme::Exact), (1, 0, 0, 0, 0));
        assert_eq!(counts(&g, &p, Scheme::Partial), (1, 0, 0, 0, 0));
        assert_eq!(counts(&g, &p, Scheme::Type), (0, 1, 0, 0, 0));
        // Per type, a type error is a miss for PERSON and spurious for ORG.
        let ev = Evaluation::new(&[(g.to_vec(), p.to_vec())]);
        let person = ev.by_type[&Person].get(Scheme::Strict);
        let org = ev.by_type[&Org].get(Scheme::Strict);
        assert_eq!((person.missed, person.spurious), (1, 0));
        assert_eq!((org.missed, org.spurious), (0, 1));
    }

    #[test]
    fn duplicate_prediction_is_spurious() {
        let g = [s(0, 5, Gpe)];
        let p = [s(0, 5, Gpe), s(0, 5, Gpe)];
        for scheme in Scheme::ALL {
            assert_eq!(counts(&g, &p, scheme), (1, 0, 0, 0, 1), "{scheme:?}");
        }
    }

    #[test]
    fn empty_prediction_set() {
        let g = [s(0, 5, Gpe), s(7, 9, Date)];
        for scheme in Scheme::ALL {
            assert_eq!(counts(&g, &[], scheme), (0, 0, 0, 2, 0));
            let c = align(&g, &[], scheme).counts();
            assert_eq!(
                (c.precision(scheme), c.recall(scheme), c.f1(scheme)),
                (0.0, 0.0, 0.0)
            );
        }
    }

    #[test]
    fn empty_gold_set() {
        let p = [s(0, 5, Gpe)];
        for scheme in Scheme::ALL {
            assert_eq!(counts(&[], &p, scheme), (0, 0, 0, 0, 1));
            let c = align(&[], &p, scheme).counts();
            assert_eq!(c.f1(scheme), 0.0);
        }
        let ev = Evaluation::new(&[(vec![], vec![])]);
        assert!(ev.by_type.is_empty());
        assert_eq!(ev.macro_avg(Scheme::Strict), MacroAvg::default());
    }

    #[test]
    fn touching_spans_do_not_overlap() {
        assert!(!overlaps(&s(4, 8, Gpe), &s(0, 4, Gpe)));
        assert!(overlaps(&s(3, 8, Gpe), &s(0, 4, Gpe)));
        // 2 of 250 code points is below nervaluate's 1 % threshold.
        assert!(!overlaps(&s(248, 300, Gpe), &s(0, 250, Gpe)));
    }

    #[test]
    fn type_scheme_prefers_closest_same_label() {
        let g = [s(0, 4, Org), s(5, 12, Person)];
        let p = [s(0, 12, Person)];
        let a = align(&g, &p, Scheme::Type);
        assert_eq!(a.pred[0], (Outcome::Correct, Some(1)));
        let a = align(&g, &p, Scheme::Strict);
        assert_eq!(a.pred[0], (Outcome::Incorrect, Some(0)));
    }

    #[test]
    fn macro_average_over_present_types() {
        let g = vec![s(0, 5, Gpe), s(10, 15, Person)];
        let p = vec![s(0, 5, Gpe)];
        let ev = Evaluation::new(&[(g, p)]);
        let m = ev.macro_avg(Scheme::Strict);
        assert_eq!(m.f1, 0.5);
        assert_eq!(m.precision, 0.5);
    }

    fn arb_spans() -> impl proptest::strategy::Strategy<Value = Vec<Span>> {
        use proptest::prelude::*;
        let labels = [Person, Org, Gpe, Date];
        proptest::collection::vec((0usize..60, 1usize..12, 0usize..4), 0..12).prop_map(move |v| {
            let mut spans: Vec<Span> = v
                .into_iter()
                .map(|(s, l, k)| Span::new(s, s + l, labels[k]))
                .collect();
            sort_spans(&mut spans);
            spans
        })
    }

    proptest::proptest! {
        #[test]
        fn alignment_invariants(gold in arb_spans(), pred in arb_spans()) {
            for scheme in Scheme::ALL {
                let a = align(&gold, &pred, scheme);
                let c = a.counts();
                proptest::prop_assert_eq!(c.actual(), pred.len());
                proptest::prop_assert_eq!(c.possible(), gold.len());
                let mut used: Vec<usize> = a.pred.iter().filter_map(|(_, g)| *g).collect();
                let n = used.len();
                used.sort();
                used.dedup();
                proptest::prop_assert_eq!(used.len(), n, "a gold span consumed twice");
                for (o, g) in &a.pred {
                    proptest::prop_assert_eq!(*o == Outcome::Spurious, g.is_none());
                }
                let p = c.precision(scheme);
                let r = c.recall(scheme);
                proptest::prop_assert!((0.0..=1.0).contains(&p) && (0.0..=1.0).contains(&r));
            }
            let exact = align(&gold, &pred, Scheme::Exact).counts();
            let partial = align(&gold, &pred, Scheme::Partial).counts();
            let strict = align(&gold, &pred, Scheme::Strict).counts();
            proptest::prop_assert_eq!(partial.correct, exact.correct);
            proptest::prop_assert_eq!(partial.partial, exact.incorrect);
            proptest::prop_assert!(strict.correct <= exact.correct);
        }
    }

    #[test]
    fn values_compare_semantically() {
        use serde_json::json;
        assert!(values_equal(&json!(28600000000u64), &json!(2.86e10)));
        assert!(values_equal(
            &json!({"amount": 40000000000u64, "currency": "USD"}),
            &serde_json::from_str::<Value>(r#"{"currency":"USD","amount":4e10}"#).unwrap()
        ));
        assert!(!values_equal(
            &json!({"amount": 1}),
            &json!({"amount": 1, "unit": "t"})
        ));
        assert!(!values_equal(&json!("2015-04"), &json!("2015-04-07")));
        assert!(values_equal(&json!(null), &json!(null)));
        assert!(!values_equal(&json!(1), &json!("1")));
        // Decimal strings (decision 84) equal the numbers gold may hold.
        assert!(values_equal(&json!("28.6"), &json!(28.6)));
        assert!(values_equal(
            &json!({"amount": "0.125", "unit": "t"}),
            &json!({"amount": 0.125, "unit": "t"})
        ));
        assert!(!values_equal(&json!("28.6"), &json!(28.7)));
        assert!(!values_equal(&json!("1936"), &json!(1936)));
    }
}
