//! Table-driven names-layer cases (`tests/names_cases.jsonl`): news
//! sentences written for kashif with every names-layer mention by hand.
//! Each case must produce exactly its mentions (span and type), except the
//! reviewed known failures in `tests/names_known_failures.txt`, each with the
//! reason; a known failure that starts passing must be removed from the list.
//! What each failing case gets wrong (missed and spurious mentions) is kept
//! in `tests/snapshots/names_cases.txt`, so a change in a known failure shows
//! as a diff too. The per-kind scores are printed; micro-F1 is pinned in
//! `tests/scores.rs`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use kashif::Extractor;

#[path = "support/counts.rs"]
mod counts;
#[path = "support/snapshot.rs"]
mod snapshot;

#[derive(serde::Deserialize)]
struct Case {
    id: String,
    kind: String,
    text: String,
    mentions: Vec<Expected>,
}

#[derive(serde::Deserialize)]
struct Expected {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    label: String,
    text: String,
}

fn known_failures() -> HashMap<String, String> {
    std::fs::read_to_string("tests/names_known_failures.txt")
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(' ') {
            Some((id, reason)) => (id.to_string(), reason.trim().to_string()),
            None => (l.trim().to_string(), String::new()),
        })
        .collect()
}

#[test]
fn names_cases() {
    let extractor = Extractor::with_default_rules().unwrap();
    let known = known_failures();
    let text = std::fs::read_to_string("tests/names_cases.jsonl").unwrap();
    let mut per_kind: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut unexpected = Vec::new();
    let mut fixed = Vec::new();
    let mut wrong_output = String::from(
        "# names cases kashif gets wrong: id, then what it misses and what it adds (label:text)\n",
    );
    let mut ids = BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        let case: Case =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
        assert!(ids.insert(case.id.clone()), "duplicate id {}", case.id);
        let gold: BTreeSet<(usize, usize, String)> = case
            .mentions
            .iter()
            .map(|m| {
                let slice: String = case
                    .text
                    .chars()
                    .skip(m.start)
                    .take(m.end - m.start)
                    .collect();
                assert_eq!(slice, m.text, "{}: bad offsets for {}", case.id, m.text);
                (m.start, m.end, m.label.clone())
            })
            .collect();
        let predicted: BTreeSet<(usize, usize, String)> =
            counts::names_spans(&extractor, &case.id, &case.text);
        let tp = gold.intersection(&predicted).count();
        let entry = per_kind.entry(case.kind.clone()).or_default();
        entry.0 += tp;
        entry.1 += predicted.len();
        entry.2 += gold.len();
        let ok = gold == predicted;
        let render = |set: &BTreeSet<(usize, usize, String)>| {
            set.iter()
                .map(|(s, e, l)| {
                    let t: String = case.text.chars().skip(*s).take(e - s).collect();
                    format!("{l}:{t}")
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let missed = render(&gold.difference(&predicted).cloned().collect());
        let spurious = render(&predicted.difference(&gold).cloned().collect());
        if !ok {
            wrong_output.push_str(&format!(
                "{} missed: {missed} | spurious: {spurious}\n",
                case.id
            ));
        }
        match (ok, known.contains_key(&case.id)) {
            (false, false) => {
                unexpected.push(format!(
                    "{} [{}] {}\n    missed:   {missed}\n    spurious: {spurious}",
                    case.id, case.kind, case.text,
                ));
            }
            (true, true) => fixed.push(case.id.clone()),
            _ => {}
        }
    }
    let (mut tp, mut pred, mut gold) = (0, 0, 0);
    println!("{:<16} {:>6} {:>6} {:>6}", "kind", "P", "R", "F1");
    for (kind, (t, p, g)) in &per_kind {
        let (pr, rc, f1) = counts::prf(*t, *p, *g);
        println!("{kind:<16} {pr:>6.3} {rc:>6.3} {f1:>6.3}");
        tp += t;
        pred += p;
        gold += g;
    }
    let (pr, rc, micro) = counts::prf(tp, pred, gold);
    println!("{:<16} {pr:>6.3} {rc:>6.3} {micro:>6.3}", "micro");
    assert!(
        unexpected.is_empty(),
        "{} names cases fail that are not in tests/names_known_failures.txt (fix the rules, or add the id with a reason):\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
    assert!(
        fixed.is_empty(),
        "these known failures now pass; remove them from tests/names_known_failures.txt: {fixed:?}"
    );
    snapshot::check("names_cases.txt", "names_cases", &wrong_output);
}
