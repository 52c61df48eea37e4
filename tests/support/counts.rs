//! Precision, recall and F1 from counts, shared by the tests that score case tables.

/// (precision, recall, F1) of `correct` matches among `predicted` and `gold` items.
pub fn prf(correct: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let p = correct as f64 / predicted.max(1) as f64;
    let r = correct as f64 / gold.max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f1)
}

/// The names-layer mentions kashif finds in `text`, as (start, end, label).
pub fn names_spans(
    extractor: &kashif::Extractor,
    id: &str,
    text: &str,
) -> std::collections::BTreeSet<(usize, usize, String)> {
    extractor
        .extract(id, text, &kashif::ExtractOptions::default())
        .into_iter()
        .filter(|m| m.layer() == kashif::Layer::Names)
        .map(|m| (m.start, m.end, m.label.as_str().to_string()))
        .collect()
}
