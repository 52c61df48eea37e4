//! Gold interchange without loss (issue #16): for every gold file present,
//! `kashif gold export --to conll` and `kashif gold import --from conll` give
//! back exactly the names layer (and the numeric layer is kept from the
//! CSV), brat carries every mention field, and truncated CoNLL or a span that
//! grew to a whole token is refused with its file and line.

mod common;
use common::*;

use std::path::Path;

use kashif::eval::gold;
use kashif::io::read_document;
use kashif::Layer;

fn gold_ids() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir("gold")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    assert!(!ids.is_empty());
    ids
}

/// `kashif gold export --to conll` of every gold file, into a fresh directory.
fn export_conll() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = kashif(&[
        "gold",
        "export",
        "--to",
        "conll",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

/// `kashif gold import --from conll --stdout FILE` against the documents of `corpus`.
fn import_conll(file: &Path, corpus: &str) -> std::process::Output {
    kashif(&[
        "gold",
        "import",
        "--from",
        "conll",
        "--corpus",
        corpus,
        "--stdout",
        file.to_str().unwrap(),
    ])
}

#[test]
fn conll_round_trip_is_lossless_for_every_gold_document() {
    let dir = export_conll();
    for id in gold_ids() {
        let doc = read_document(Path::new(&format!("corpus/{id}.txt"))).unwrap();
        let original = gold::load_gold_csv(Path::new(&format!("gold/{id}.csv")), &doc).unwrap();
        let conll = dir.path().join(format!("{id}.conll"));
        // Importing writes nothing with --stdout; the numeric layer comes
        // from the existing gold file.
        let out = import_conll(&conll, "corpus");
        assert!(out.status.success(), "{id}: {}", stderr(&out));
        let back = gold::parse_gold_csv("stdout", std::str::from_utf8(&out.stdout).unwrap(), &doc)
            .unwrap();
        let names = |m: &[kashif::Mention]| -> Vec<(usize, usize, kashif::Label)> {
            m.iter()
                .filter(|m| m.layer() == Layer::Names)
                .map(|m| (m.start, m.end, m.label))
                .collect()
        };
        assert_eq!(
            names(&back),
            names(&original),
            "{id}: names layer after the round trip"
        );
        assert_eq!(back, original, "{id}: the whole gold after the round trip");
    }
}

#[test]
fn brat_round_trip_keeps_every_field_of_extracted_mentions() {
    // Extracted mentions carry `rule` and `modifier` beyond gold's fields;
    // brat keeps the label, span, text, value and modifier.
    let x = kashif::Extractor::with_default_rules().unwrap();
    let text = "قال إن أكثر من 30 شخصا وصلوا إلى بكين وإن نحو 5% غادروا.";
    let doc = kashif::Document::new("d", text);
    let mentions = x.extract("d", text, &kashif::ExtractOptions::default());
    assert!(
        mentions.iter().any(|m| m.modifier.is_some()),
        "{mentions:?}"
    );
    let mut ann = Vec::new();
    gold::write_brat_ann(&mut ann, &mentions).unwrap();
    let ann = String::from_utf8(ann).unwrap();
    let back = gold::parse_brat_ann("d.ann", &ann, &doc).unwrap();
    let key = |m: &kashif::Mention| (m.start, m.end, m.label, m.value.clone(), m.modifier);
    let mut want: Vec<_> = mentions.iter().map(key).collect();
    want.sort_by_key(|k| (k.0, k.1));
    let got: Vec<_> = back.iter().map(key).collect();
    assert_eq!(got, want, "{ann}");
}

#[test]
fn truncated_conll_is_refused_with_its_line() {
    let dir = export_conll();
    let id = &gold_ids()[0];
    let full = std::fs::read_to_string(dir.path().join(format!("{id}.conll"))).unwrap();
    let lines: Vec<&str> = full.lines().collect();
    // Cut in the middle of an entity (after a B- line whose entity goes on),
    // at a sentence boundary, and inside a line.
    let mid_entity = lines
        .windows(2)
        .position(|w| w[0].ends_with("B-ORG") && w[1].contains("\tI-"))
        .map(|i| i + 1)
        .expect("a multi-token entity");
    let sentence = lines.iter().position(|l| l.is_empty()).unwrap();
    for (what, cut) in [
        ("mid-entity", lines[..mid_entity].join("\n") + "\n"),
        ("mid-document", lines[..sentence].join("\n") + "\n"),
        ("mid-line", full[..full.len() - 3].to_string()),
    ] {
        let cut_dir = tempfile::tempdir().unwrap();
        let file = cut_dir.path().join(format!("{id}.conll"));
        std::fs::write(&file, &cut).unwrap();
        let out = import_conll(&file, "corpus");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{what}: {err}");
        let line = cut.lines().count();
        assert!(
            err.contains(&format!("{}:{line}:", file.display())) && err.contains("truncated"),
            "{what}: {err}"
        );
    }
    // The ANERcorp reader (`eval --conll`) refuses a file cut inside a line.
    let file = dir.path().join("cut.txt");
    std::fs::write(&file, "في O\nبكين B-LO").unwrap();
    let e = kashif::eval::conll::read_conll_file(&file)
        .unwrap_err()
        .to_string();
    assert!(e.contains("cut.txt:2:") && e.contains("truncated"), "{e}");
}

#[test]
fn a_span_grown_to_its_whole_token_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let doc = "وصل الوفد إلى بكين، ثم غادر.";
    std::fs::write(dir.path().join("d.txt"), doc).unwrap();
    let conll = "وصل\tO\nالوفد\tO\nإلى\tO\nبكين،\tB-GPE\nثم\tO\nغادر.\tO\n";
    let file = dir.path().join("d.conll");
    std::fs::write(&file, conll).unwrap();
    let out = import_conll(&file, dir.path().to_str().unwrap());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("d.conll:4:") && err.contains("`،`"), "{err}");
}
