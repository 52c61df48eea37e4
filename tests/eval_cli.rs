//! `kashif eval` and `kashif gold` end to end: the built binary on the
//! corpus and on small corpora made up in temporary directories.

use std::path::Path;
use std::process::{Command, Output};

fn kashif(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kashif"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run kashif")
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn gold_rows() -> usize {
    std::fs::read_dir(root().join("gold"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "csv"))
        .map(|e| csv::Reader::from_path(e.path()).unwrap().records().count())
        .sum()
}

/// A corpus with one document and the given gold rows (header added).
fn temp_corpus(text: &str, rows: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("corpus")).unwrap();
    std::fs::create_dir(dir.path().join("gold")).unwrap();
    std::fs::write(dir.path().join("corpus/doc.txt"), text).unwrap();
    std::fs::write(
        dir.path().join("gold/doc.csv"),
        format!("start,end,type,text,value\n{rows}"),
    )
    .unwrap();
    dir
}

const TEXT: &str = "xyz قال qqq في 7 ابريل";

#[test]
fn eval_prints_table_on_the_corpus() {
    let o = kashif(root(), &["eval"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for needle in [
        "strict",
        "exact",
        "partial",
        "type",
        "names micro",
        "names macro",
        "numeric micro",
        "numeric macro",
        "all micro",
        "all macro",
        "GPE",
        "DATE",
        "value accuracy",
        "macro = mean",
    ] {
        assert!(out.contains(needle), "missing `{needle}` in\n{out}");
    }
    assert!(
        out.contains(&format!("{} gold mentions", gold_rows())),
        "{out}"
    );
    for line in out.lines() {
        assert!(
            line.chars().count() <= 80,
            "line too wide for 80 columns: {line}"
        );
    }
}

#[test]
fn eval_json_csv_markdown() {
    let o = kashif(
        root(),
        &["eval", "--format", "json", "--errors", "--rule-report"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON output parses");
    let all = &v["layers"]["all"];
    assert_eq!(all["micro"]["strict"]["possible"], gold_rows());
    for scheme in ["strict", "exact", "partial", "type"] {
        assert!(all["micro"][scheme]["f1"].is_number(), "{scheme}");
        assert!(all["macro"][scheme]["f1"].is_number(), "{scheme}");
        assert!(v["layers"]["names"]["by_type"]["GPE"][scheme]["recall"].is_number());
    }
    assert!(v["value_accuracy"]["accuracy"].is_number());
    assert!(v["errors"].is_array());
    assert!(v["what_to_fix"].is_array());
    assert!(v["rules"]["never_fired"].is_array());

    let o = kashif(root(), &["eval", "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("scope,type,scheme,correct"), "{out}");
    assert!(out.contains("all,micro,strict,"), "{out}");

    let o = kashif(root(), &["eval", "--format", "markdown"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("| type | gold | pred |"));
}

#[test]
fn errors_are_listed_with_context() {
    let dir = temp_corpus(TEXT, "0,3,PERSON,xyz,\n8,11,ORG,qqq,\n");
    let o = kashif(dir.path(), &["eval", "--errors"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("what to fix"), "{out}");
    assert!(out.contains("missed"), "{out}");
    assert!(out.contains("[qqq]"), "{out}");
    assert!(
        out.contains("قال [qqq] في"),
        "context words on both sides:\n{out}"
    );
}

#[test]
fn bad_gold_rows_name_file_and_line() {
    let cases = [
        ("0,3,PERSON,xyz,\n4,7,GPE,قاك,\n", "text"),
        ("0,3,PERSON,xyz,\n4,7,CITY,قال,\n", "unknown label"),
        ("0,3,PERSON,xyz,\n1,7,GPE,yz قال,\n", "overlaps"),
        (
            "0,3,PERSON,xyz,\n15,16,CARDINAL,7,seven\n",
            "not valid JSON",
        ),
    ];
    for (rows, what) in cases {
        let dir = temp_corpus(TEXT, rows);
        let o = kashif(dir.path(), &["eval"]);
        assert_eq!(o.status.code(), Some(2), "{what}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("doc.csv:3:"),
            "{what}: names file and line: {err}"
        );
        assert!(err.contains(what), "{what}: {err}");
    }
}

#[test]
fn min_f1_sets_the_exit_code() {
    let dir = temp_corpus(TEXT, "0,3,PERSON,xyz,\n8,11,ORG,qqq,\n");
    let o = kashif(dir.path(), &["eval", "--min-f1", "0.9"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("below --min-f1"), "{}", stderr(&o));
    let o = kashif(dir.path(), &["eval", "--min-f1", "0"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = kashif(dir.path(), &["eval", "--min-f1", "85"]);
    assert_eq!(o.status.code(), Some(2), "F1 is a fraction");
}

#[test]
fn conll_mode_scores_chunks_and_splits() {
    let dir = tempfile::tempdir().unwrap();
    let conll =
        "قال O\nxyz B-PERS\nqqq I-PERS\n\nفي O\nbbb B-LOC\n\nabc B-ORG\n. O\n\nو O\nccc B-MISC\n";
    std::fs::write(dir.path().join("a.conll"), conll).unwrap();
    let o = kashif(dir.path(), &["eval", "--conll", "a.conll"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("micro"), "{}", stdout(&o));
    let o = kashif(
        dir.path(),
        &[
            "eval", "--conll", "a.conll", "--split", "0.5..1.0", "--format", "json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["sentences"], 2);
    assert_eq!(v["micro"]["gold"], 2);
    let o = kashif(
        dir.path(),
        &["eval", "--conll", "a.conll", "--split", "0.9..0.1"],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = kashif(
        dir.path(),
        &["eval", "--conll", "a.conll", "--min-f1", "1.0"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn gold_export_import_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let corpus = root().join("corpus");
    let gold = root().join("gold");
    let (c, g) = (corpus.to_str().unwrap(), gold.to_str().unwrap());
    let o = kashif(
        d,
        &[
            "gold", "export", "--to", "brat", "--out", "brat", "--corpus", c, "--gold", g,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let anns: Vec<String> = std::fs::read_dir(d.join("brat"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert!(!anns.is_empty());
    let mut args = vec![
        "gold", "import", "--from", "brat", "--corpus", c, "--out", "back",
    ];
    args.extend(anns.iter().map(String::as_str));
    let o = kashif(d, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    for entry in std::fs::read_dir(&gold).unwrap().flatten() {
        let p = entry.path();
        if p.extension().is_some_and(|x| x == "csv") {
            let back = d.join("back").join(p.file_name().unwrap());
            assert_eq!(
                std::fs::read_to_string(&back).unwrap(),
                std::fs::read_to_string(&p).unwrap(),
                "brat round trip of {}",
                p.display()
            );
        }
    }
    // Importing over an existing file needs --force.
    let o = kashif(d, &args);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"));

    let o = kashif(
        d,
        &[
            "gold", "export", "--to", "conll", "--out", "conll", "--corpus", c, "--gold", g,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

/// The corpus gold as mentions, with rule ids by layer.
fn corpus_gold() -> Vec<kashif::Mention> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(root().join("gold")).unwrap().flatten() {
        let p = entry.path();
        if p.extension().is_some_and(|x| x == "csv") {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            let doc = kashif::io::read_document(&root().join("corpus").join(format!("{stem}.txt")))
                .unwrap();
            all.extend(kashif::eval::gold::load_gold_csv(&p, &doc).unwrap());
        }
    }
    for m in &mut all {
        m.rule = format!("test/{}", m.label.as_str().to_lowercase()).into();
    }
    all
}

fn write_pred(dir: &Path, mentions: &[kashif::Mention]) -> String {
    let path = dir.join("pred.jsonl");
    let mut out = Vec::new();
    kashif::io::formats::write_jsonl(&mut out, mentions).unwrap();
    std::fs::write(&path, out).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn gold_as_predictions_scores_perfectly() {
    let dir = tempfile::tempdir().unwrap();
    let pred = write_pred(dir.path(), &corpus_gold());
    let o = kashif(
        root(),
        &[
            "eval", "--pred", &pred, "--format", "json", "--min-f1", "1.0",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for scheme in ["strict", "exact", "partial", "type"] {
        assert_eq!(v["layers"]["all"]["micro"][scheme]["f1"], 1.0, "{scheme}");
        assert_eq!(v["layers"]["all"]["macro"][scheme]["f1"], 1.0, "{scheme}");
    }
    assert_eq!(v["value_accuracy"]["accuracy"], 1.0);
    let compared = v["value_accuracy"]["compared"].as_u64().unwrap();
    let non_null = corpus_gold()
        .iter()
        .filter(|m| m.layer() == kashif::Layer::Numeric && !m.value.is_null())
        .count() as u64;
    assert_eq!(compared, non_null);
}

#[test]
fn every_error_kind_is_reported_with_its_rule() {
    use kashif::Label;
    let gold = corpus_gold();
    let mut pred = Vec::new();
    let (mut missed, mut typed, mut bounded, mut valued) = (false, false, false, false);
    for m in &gold {
        let mut p = m.clone();
        if !missed && m.label == Label::Person {
            missed = true;
            continue;
        }
        if !typed && m.label == Label::Org {
            typed = true;
            p.label = Label::Person;
            p.rule = "test/typo".into();
        } else if !bounded && m.label == Label::Gpe && m.text == "روسيا" {
            // The ANERcorp-style error: the clitic `و` taken into the span.
            bounded = true;
            p.start -= 1;
            p.text = format!("و{}", p.text);
            p.rule = "test/wide".into();
        } else if !valued && m.label == Label::Money {
            valued = true;
            p.value = serde_json::json!({"amount": 1, "currency": "EUR"}).into();
        }
        pred.push(p);
    }
    // A spurious prediction far from any numeric gold.
    let mut spurious = gold.iter().find(|m| m.label == Label::Gpe).unwrap().clone();
    spurious.label = Label::Percent;
    spurious.rule = "test/spurious".into();
    pred.push(spurious);
    assert!(missed && typed && bounded && valued);
    let dir = tempfile::tempdir().unwrap();
    let path = write_pred(dir.path(), &pred);
    let o = kashif(
        root(),
        &[
            "eval",
            "--pred",
            &path,
            "--format",
            "json",
            "--errors",
            "--rule-report",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let kinds: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    for kind in ["missed", "type", "boundary", "value", "spurious"] {
        assert_eq!(
            kinds.iter().filter(|k| **k == kind).count(),
            1,
            "{kind}: {kinds:?}"
        );
    }
    let strict = &v["layers"]["all"]["micro"]["strict"];
    let n = gold.len() as u64;
    assert_eq!(strict["correct"], n - 3);
    assert_eq!(strict["incorrect"], 2);
    assert_eq!(strict["missed"], 1);
    assert_eq!(strict["spurious"], 1);
    assert_eq!(
        v["value_accuracy"]["equal"].as_u64().unwrap() + 1,
        v["value_accuracy"]["compared"].as_u64().unwrap()
    );
    let rules = v["rules"]["fired"].as_array().unwrap();
    let rule = |id: &str| rules.iter().find(|r| r["rule"] == id).unwrap().clone();
    assert_eq!(rule("test/typo")["wrong_type"], 1);
    assert_eq!(rule("test/wide")["boundary"], 1);
    assert_eq!(rule("test/spurious")["spurious"], 1);
    assert_eq!(rule("test/money")["wrong_value"], 1);
    assert_eq!(rule("test/money")["fp"], 0);

    // The table version lists them too, with the what-to-fix ordering.
    let o = kashif(
        root(),
        &["eval", "--pred", &path, "--errors", "--rule-report"],
    );
    let out = stdout(&o);
    for needle in [
        "what to fix",
        "rule report",
        "test/typo",
        "test/wide",
        "boundary",
        "spurious",
        "value",
    ] {
        assert!(out.contains(needle), "missing `{needle}`:\n{out}");
    }
}
