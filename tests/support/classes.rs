//! The table runner shared by the numeric class tests: a row is a sentence,
//! the span text, and the expected label and JSON value, or a negative row
//! (`None` as label) whose span must not carry the label given as value.
//! A table fails with every row that went wrong, not only the first.

#![allow(dead_code)]

use kashif::{ExtractOptions, Extractor, Label, Layer, Mention};
use serde_json::Value;

/// A row: the sentence, the span text, and the expected label and JSON value
/// (`None` as label: no numeric mention may cover exactly this span with
/// the label given in `value`, e.g. `("…آل ثاني…", "ثاني", None, "ORDINAL")`).
pub type Row<'a> = (&'a str, &'a str, Option<&'a str>, &'a str);

fn extractor() -> &'static Extractor {
    static E: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    E.get_or_init(|| Extractor::with_default_rules().expect("default rules"))
}

fn extract(text: &str) -> Vec<Mention> {
    extractor()
        .extract("case", text, &ExtractOptions::default())
        .into_iter()
        .filter(|m| m.layer() == Layer::Numeric)
        .collect()
}

/// Numbers compare by value (`3.0` = `3`); objects key by key.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_value(v, w)))
        }
        _ => a == b,
    }
}

/// `check` for rows whose sentences are built with `format!` (a dateline
/// constant before the sentence).
pub fn check_formatted(class: &str, rows: &[(String, &str, Option<&str>, &str)]) {
    let rows: Vec<Row<'_>> = rows
        .iter()
        .map(|(t, s, l, v)| (t.as_str(), *s, *l, *v))
        .collect();
    check(class, &rows);
}

pub fn check(class: &str, rows: &[Row<'_>]) {
    assert!(
        rows.len() >= 15,
        "{class}: {} rows, want at least 15",
        rows.len()
    );
    let mut failures = Vec::new();
    for (text, span, label, value) in rows {
        let byte = text
            .find(span)
            .unwrap_or_else(|| panic!("{class}: `{span}` not in `{text}`"));
        let start = text[..byte].chars().count();
        let end = start + span.chars().count();
        let got = extract(text);
        let shown = || {
            got.iter()
                .map(|m| {
                    format!(
                        "{}..{} {} `{}` {}",
                        m.start, m.end, m.label, m.text, m.value
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        match label {
            Some(label) => {
                let label: Label = label.parse().expect("label");
                let want: Value = serde_json::from_str(value).expect("value is JSON");
                let ok = got.iter().any(|m| {
                    m.start == start
                        && m.end == end
                        && m.label == label
                        && same_value(&m.value, &want)
                });
                if !ok {
                    failures.push(format!(
                        "`{text}`: want {label} `{span}` {want}, got [{}]",
                        shown()
                    ));
                }
            }
            None => {
                let label: Label = value.parse().expect("label");
                if got
                    .iter()
                    .any(|m| m.start == start && m.end == end && m.label == label)
                {
                    failures.push(format!(
                        "`{text}`: `{span}` must not be {label}, got [{}]",
                        shown()
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{class}: {} of {} rows fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}
