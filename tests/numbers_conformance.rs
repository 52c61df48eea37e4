//! Conformance of the numeric layer with the public Arabic test suites of
//! Duckling, Recognizers-Text, NeMo and puckling
//! (`../shared/data/numbers/external.jsonl`; the scorer and its adapter
//! decisions are in `tests/support/conformance.rs`).
//!
//! Every pass count per (source, dim, confidence) and every failing record
//! with kashif's output is kept in `tests/snapshots/numbers_conformance.txt`:
//! a fix and a regression both change that file (accept a reviewed change
//! with `KASHIF_BLESS=1`). The per-suite headline rates are pinned in
//! `tests/scores.rs`. Missing shared data fails the test.

#[path = "support/conformance.rs"]
mod conformance;
#[path = "support/snapshot.rs"]
mod snapshot;

#[test]
fn external_suites_conformance() {
    let result = conformance::measure();
    let mut table = String::from("# source dim confidence: pass/total (skipped)\n");
    for ((s, d, c), t) in &result.tallies {
        table.push_str(&format!(
            "{s} {d} {c}: {}/{} ({})\n",
            t.pass, t.total, t.skipped
        ));
    }
    println!("{table}");
    for source in ["duckling", "nemo-text-processing", "recognizers-text"] {
        let (p, t) = result.sum(source, &conformance::CORE_DIMS, "high");
        println!("{source}: {p}/{t} on high-confidence core dims");
    }
    let (p, t) = result.sum("duckling", &["time"], "high");
    println!("duckling time: {p}/{t} high-confidence");
    let mut text = table;
    text.push_str("\n# failing records: source dim confidence id: input, expected spans and value, kashif's output\n");
    for f in &result.failures {
        text.push_str(f);
        text.push('\n');
    }
    snapshot::check("numbers_conformance.txt", "numbers_conformance", &text);
}
