//! Bad rule files of every kind, given with `--rules DIR`, stop kashif with
//! `PATH:LINE: what is wrong` and exit status 2 (issue #16); a BOM at the
//! start of a rule file is accepted.

mod common;
use common::*;

/// Run `kashif extract --rules DIR -` with one rule file replaced or added.
fn with_rule_file(name: &str, content: &str) -> (Option<i32>, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, content).unwrap();
    let out = kashif_stdin(
        &["extract", "--rules", dir.path().to_str().unwrap(), "-"],
        "قال الرئيس إن أكثر من 30 شخصا وصلوا إلى بكين".as_bytes(),
    );
    (out.status.code(), stderr(&out), dir)
}

#[test]
fn every_kind_of_bad_rule_file_is_located() {
    let pattern = |body: &str| format!("# a comment line\n{body}\n");
    let cases: Vec<(&str, String, usize, &str)> = vec![
        (
            "names/gaz_x.csv",
            "entry,label,note\nبكين,GPE,x\nموسكو,GPE\n".into(),
            3,
            "fields",
        ),
        (
            "names/gaz_x.csv",
            "entry,label,note\nبكين,CITY,x\n".into(),
            2,
            "unknown label `CITY`",
        ),
        (
            "names/gaz_x.csv",
            "entry,label,note\n,GPE,x\n".into(),
            2,
            "empty entry",
        ),
        (
            "numbers/currencies.csv",
            "a,b\n1,2\n".into(),
            1,
            "differs from the embedded",
        ),
        (
            "numbers/currencies.csv",
            "# replace\na,b\n1,2\n".into(),
            2,
            "unknown column `a`",
        ),
        (
            "numbers/modifiers.csv",
            "phrase,modifier,position\nأكثر من,zz,pre\n".into(),
            2,
            "unknown modifier",
        ),
        (
            "numbers/modifiers.csv",
            "phrase,modifier,position\n,gt,pre\n".into(),
            2,
            "empty phrase",
        ),
        (
            "names/patterns_x.jsonl",
            pattern(r#"{"id": "x", "label": "PERSON", "pattern": []}"#),
            2,
            "empty pattern",
        ),
        (
            "names/patterns_x.jsonl",
            pattern(r#"{"id": "x", "label": "PERSON", "pattern": [{"key": "x"}]"#),
            2,
            "bad pattern",
        ),
        (
            "names/patterns_x.jsonl",
            pattern(r#"{"id": "x", "label": "PERSON", "pattern": [{"key": "x", "op": "%"}]}"#),
            2,
            "unknown op",
        ),
        (
            "names/patterns_x.jsonl",
            pattern(r#"{"id": "x", "label": "CITY", "pattern": [{"key": "x"}]}"#),
            2,
            "unknown label",
        ),
    ];
    for (name, content, line, needle) in cases {
        let (code, err, dir) = with_rule_file(name, &content);
        let at = format!("{}:{line}:", dir.path().join(name).display());
        assert_eq!(code, Some(2), "{name}: {err}");
        assert!(
            err.contains(&at) && err.contains(needle),
            "{name}: expected `{at}` and `{needle}`: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn rule_files_with_a_bom_load() {
    let (code, err, _dir) = with_rule_file(
        "names/gaz_local.csv",
        "\u{feff}entry,label,note\nقرية النخيل,GPE,a local place\n",
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, err, _dir) = with_rule_file(
        "names/patterns_local.jsonl",
        "\u{feff}{\"id\": \"name/local\", \"label\": \"PERSON\", \"priority\": 30, \"pattern\": [{\"key\": \"الرئيس\"}, {\"shape\": \"bare\"}]}\n",
    );
    assert_eq!(code, Some(0), "{err}");
}
