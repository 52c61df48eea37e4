//! Cross-check: kashif's scorer must reproduce nervaluate 1.2.1's numbers in
//! `tests/fixtures/nervaluate/expected.json` for every case, overall and by
//! type, every scheme and every field.

use std::collections::BTreeMap;

use kashif::eval::score::{Evaluation, Metrics, Scheme, SchemeCounts, Span};
use kashif::Label;
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/nervaluate/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    // serde_json's default float parser is not correctly rounded; keep the
    // metric floats as strings and parse them with `str::parse::<f64>`.
    let quoted = regex::Regex::new(r#"("(?:precision|recall|f1)"): ([-0-9.eE+]+)"#)
        .unwrap()
        .replace_all(&text, r#"$1: "$2""#);
    serde_json::from_str(&quoted).unwrap()
}

fn spans(docs: &Value) -> Vec<Vec<Span>> {
    docs.as_array()
        .unwrap()
        .iter()
        .map(|doc| {
            doc.as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    Span::new(
                        s["start"].as_u64().unwrap() as usize,
                        s["end"].as_u64().unwrap() as usize,
                        s["label"].as_str().unwrap().parse::<Label>().unwrap(),
                    )
                })
                .collect()
        })
        .collect()
}

fn check(
    case: &str,
    scope: &str,
    ours: &SchemeCounts,
    expected: &Value,
    failures: &mut Vec<String>,
) {
    let ours: BTreeMap<&str, Metrics> = ours.metrics();
    for scheme in Scheme::ALL {
        let m = serde_json::to_value(ours[scheme.as_str()]).unwrap();
        let e = &expected[scheme.as_str()];
        for field in [
            "correct",
            "incorrect",
            "partial",
            "missed",
            "spurious",
            "possible",
            "actual",
        ] {
            if m[field].as_u64() != e[field].as_u64() {
                failures.push(format!(
                    "{case} {scope} {} {field}: ours {} expected {}",
                    scheme.as_str(),
                    m[field],
                    e[field]
                ));
            }
        }
        for field in ["precision", "recall", "f1"] {
            let a = m[field].as_f64().unwrap();
            let b: f64 = e[field].as_str().unwrap().parse().unwrap();
            if a.to_bits() != b.to_bits() {
                failures.push(format!(
                    "{case} {scope} {} {field}: ours {a:?} expected {b:?}",
                    scheme.as_str()
                ));
            }
        }
    }
}

#[test]
fn every_case_matches_nervaluate_exactly() {
    let cases = load("cases.json");
    let expected = load("expected.json");
    assert_eq!(expected["nervaluate_version"], "1.2.1");
    let mut failures = Vec::new();
    let mut n = 0;
    for case in cases["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let gold = spans(&case["true"]);
        let pred = spans(&case["pred"]);
        assert_eq!(gold.len(), pred.len(), "{name}: document count");
        let docs: Vec<(Vec<Span>, Vec<Span>)> = gold.into_iter().zip(pred).collect();
        let ev = Evaluation::new(&docs);
        let exp = &expected["cases"][name];
        assert!(exp.is_object(), "{name}: missing from expected.json");
        check(name, "overall", &ev.overall, &exp["overall"], &mut failures);
        let exp_types = exp["by_type"].as_object().unwrap();
        let ours_types: Vec<&str> = ev.by_type.keys().map(|l| l.as_str()).collect();
        let mut exp_names: Vec<&str> = exp_types.keys().map(String::as_str).collect();
        let mut ours_sorted = ours_types.clone();
        ours_sorted.sort();
        exp_names.sort();
        if ours_sorted != exp_names {
            failures.push(format!(
                "{name}: types {ours_sorted:?} expected {exp_names:?}"
            ));
        }
        for (label, counts) in &ev.by_type {
            if let Some(e) = exp_types.get(label.as_str()) {
                check(name, label.as_str(), counts, e, &mut failures);
            }
        }
        n += 1;
    }
    assert_eq!(n, 36, "all fixture cases were checked");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
