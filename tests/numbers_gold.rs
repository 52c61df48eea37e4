//! Every numeric mention of the hand-made gold of the seed article must be
//! found by `kashif` with the right span, label and value.

use kashif::{ExtractOptions, Extractor, Layer};

const NUMERIC: &[&str] = &[
    "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "DATE", "TIME",
];

#[test]
fn seed_gold_numeric_mentions_are_all_found() {
    let doc = "xinhua-2015-04-07-china-kazakhstan";
    let text = std::fs::read_to_string(format!("corpus/{doc}.txt")).expect("seed article");
    let extractor = Extractor::with_default_rules().expect("default rules");
    let mentions = extractor.extract(doc, &text, &ExtractOptions::default());
    let mut reader = csv::Reader::from_path(format!("gold/{doc}.csv")).expect("seed gold");
    let mut missing = Vec::new();
    let mut total = 0;
    for (row, record) in reader.records().enumerate() {
        let record = record.expect("gold row");
        let label = &record[2];
        if !NUMERIC.contains(&label) {
            continue;
        }
        total += 1;
        let start: usize = record[0].parse().unwrap();
        let end: usize = record[1].parse().unwrap();
        let value: serde_json::Value =
            serde_json::from_str(&record[4]).expect("gold value is JSON");
        let found = mentions.iter().find(|m| m.start == start && m.end == end);
        match found {
            Some(m) if m.label.as_str() == label && m.value == value => {}
            Some(m) => missing.push(format!(
                "gold row {} `{}` {label}={value}: got {} {} (rule {})",
                row + 2,
                &record[3],
                m.label,
                m.value,
                m.rule
            )),
            None => missing.push(format!(
                "gold row {} `{}` {label}={value}: not found",
                row + 2,
                &record[3]
            )),
        }
    }
    let extra: Vec<String> = mentions
        .iter()
        .filter(|m| m.layer() == Layer::Numeric)
        .map(|m| format!("{}-{} {} {} {}", m.start, m.end, m.label, m.text, m.value))
        .collect();
    println!(
        "seed gold: {} numeric mentions, {} missing; kashif numeric output: {}",
        total,
        missing.len(),
        extra.len()
    );
    assert!(total >= 30, "the seed gold has its numeric rows");
    assert!(
        missing.is_empty(),
        "seed gold numeric mentions not found:\n{}",
        missing.join("\n")
    );
}
