//! One table-driven test over the error classes of issue #13
//! (`tests/names_error_classes.jsonl`): propagation, truncated spans,
//! overrun, spurious names, MISC, organizations, type confusion, unknown
//! persons and spelling variants (hamza, alef, ya, ta marbuta, article,
//! spacing, tatweel and diacritics). Each case lists mentions that must be found (`expect`, label and
//! exact text) and mentions that must not (`absent`: negatives). The
//! sentences were written for this file, none taken from ANERcorp or
//! WikiFANE. Cases kashif fails today are listed with a reason in
//! `tests/names_error_classes_known.txt`; a listed case that starts passing
//! fails the test too, so the list is kept honest.

use std::collections::{BTreeMap, BTreeSet};

use kashif::{ExtractOptions, Extractor};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    id: String,
    class: String,
    text: String,
    expect: Vec<(String, String)>,
    absent: Vec<(String, String)>,
}

#[test]
fn error_classes() {
    let x = Extractor::with_default_rules().unwrap();
    let known: BTreeSet<String> = include_str!("names_error_classes_known.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
        .collect();
    let mut failed: BTreeMap<String, String> = BTreeMap::new();
    let mut per_class: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for line in include_str!("names_error_classes.jsonl").lines() {
        let case: Case = serde_json::from_str(line).expect("valid case");
        let found: BTreeSet<(String, String)> = x
            .extract(&case.id, &case.text, &ExtractOptions::default())
            .into_iter()
            .map(|m| (m.label.to_string(), m.text))
            .collect();
        let missed: Vec<_> = case.expect.iter().filter(|e| !found.contains(*e)).collect();
        let wrong: Vec<_> = case.absent.iter().filter(|a| found.contains(*a)).collect();
        let entry = per_class.entry(case.class.clone()).or_default();
        entry.0 += 1;
        if missed.is_empty() && wrong.is_empty() {
            entry.1 += 1;
        } else {
            failed.insert(
                case.id.clone(),
                format!(
                    "{} [{}] {}\n    missed {missed:?}\n    found anyway {wrong:?}\n    all {found:?}",
                    case.id, case.class, case.text
                ),
            );
        }
    }
    for (class, (n, ok)) in &per_class {
        println!("{class:<16} {ok}/{n}");
    }
    let unexpected: Vec<&String> = failed
        .iter()
        .filter(|(id, _)| !known.contains(*id))
        .map(|(_, m)| m)
        .collect();
    let fixed: Vec<&String> = known
        .iter()
        .filter(|id| !failed.contains_key(*id))
        .collect();
    assert!(
        unexpected.is_empty() && fixed.is_empty(),
        "cases failing that are not in names_error_classes_known.txt:\n{}\n\nknown failures that now pass (remove them from the list): {fixed:?}",
        unexpected.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
    );
}
