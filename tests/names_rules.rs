//! Names rules as data: every token pattern's example fires, a pattern or
//! lexicon added in a user rules directory is picked up with `--rules DIR`,
//! and malformed rule files are errors naming the file and the line.

use std::process::Command;

use kashif::text::Analysis;
use kashif::{ExtractOptions, Extractor, Label, RuleFiles};

#[test]
fn every_pattern_example_fires() {
    let extractor = Extractor::with_default_rules().unwrap();
    let names = extractor.names();
    assert!(
        !names.patterns().is_empty(),
        "rules/names/patterns.jsonl has patterns"
    );
    let mut failures = Vec::new();
    for pattern in names.patterns() {
        let Some(example) = &pattern.example else {
            failures.push(format!(
                "{} ({}): carries no example",
                pattern.id, pattern.source
            ));
            continue;
        };
        let a = Analysis::new(&example.text);
        let found: Vec<String> = names
            .pattern_matches(pattern, &a)
            .into_iter()
            .map(|m| {
                example
                    .text
                    .chars()
                    .skip(m.start)
                    .take(m.end - m.start)
                    .collect()
            })
            .collect();
        if !found.contains(&example.expected) {
            failures.push(format!(
                "{} ({}): expected {:?} in {:?}, matched {:?}",
                pattern.id, pattern.source, example.expected, example.text, found
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "pattern examples failed:\n{}",
        failures.join("\n")
    );
}

#[test]
fn user_rules_directory_adds_a_pattern_and_a_lexicon_entry() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("names")).unwrap();
    std::fs::write(
        dir.path().join("names/patterns_local.jsonl"),
        r#"{"id": "name/local-stadium", "label": "FAC", "pattern": [{"key": "ملعب", "clitic": true}, {"shape": "bare", "in": "name", "op": "+"}], "example": {"text": "في ملعب زيدان", "match": "ملعب زيدان"}}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("names/gaz_local.csv"),
        "# local test list\nentry,label,note\nتيمبكتو,GPE,test\n3M,ORG,starts with a digit\n",
    )
    .unwrap();
    let doc = dir.path().join("doc.txt");
    std::fs::write(
        &doc,
        "أقيمت المباراة في ملعب زيدان بمدينة وتيمبكتو برعاية شركة 3M الأمريكية.",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args([
            "extract",
            doc.to_str().unwrap(),
            "--rules",
            dir.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(r#""text":"ملعب زيدان","value":null,"rule":"name/local-stadium""#),
        "the local pattern fires with its id: {stdout}"
    );
    assert!(
        stdout.contains(r#""type":"GPE","text":"تيمبكتو""#),
        "the local lexicon entry matches after و: {stdout}"
    );
    assert!(
        stdout.contains(r#""type":"ORG","text":"3M""#),
        "an entry starting with a digit matches: {stdout}"
    );
    // Without the directory neither fires.
    let plain = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args(["extract", doc.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!String::from_utf8(plain.stdout)
        .unwrap()
        .contains("name/local-stadium"));
}

fn compile_error(file: &str, text: &str) -> String {
    let mut rules = RuleFiles::embedded();
    rules.insert(file, text);
    match Extractor::new(&rules) {
        Ok(_) => panic!("{file} should not compile"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn malformed_rule_files_name_file_and_line() {
    let cases = [
        ("names/gaz_bad.csv", "# c\nentry,label\nبكين,GPE\nموسكو,CITY\n", "names/gaz_bad.csv:4:", "unknown label `CITY`"),
        ("names/gaz_bad.csv", "entry,label\nبكين,GPE,extra\n", "names/gaz_bad.csv:2:", "3 fields"),
        ("names/gaz_bad.csv", "entry,label\n7,DATE\n", "names/gaz_bad.csv:2:", "not a names-layer label"),
        ("names/gaz_bad.csv", "name,type\nبكين,GPE\n", "names/gaz_bad.csv:1:", "missing column `entry`"),
        ("names/gaz_bad.csv", "entry,label,priority\nبكين,GPE,learned\nتمبكتو,GPE,urgent\n", "names/gaz_bad.csv:3:", "priority `urgent`"),
        ("names/triggers.csv", "trigger,kind,note\nالرئيس,person_title,\nشركة,company,\n", "names/triggers.csv:3:", "unknown trigger kind `company`"),
        ("names/norp_nisba.csv", "stem,group,note\nصيني,China,\nروس,Russia,\n", "names/norp_nisba.csv:3:", "must end in ي"),
        ("names/patterns_bad.jsonl", "# c\n{\"id\":\"x\",\"label\":\"GPE\",\"pattern\":[{\"shape\":\"word\"}]}\n{\"id\":\"y\",\"label\":\"GPE\",\"pattern\":[{\"shape\":\"blob\"}]}\n", "names/patterns_bad.jsonl:3:", "unknown shape `blob`"),
        ("names/patterns_bad.jsonl", "{not json}\n", "names/patterns_bad.jsonl:1:", "bad pattern"),
        ("names/patterns_bad.jsonl", "{\"id\":\"x\",\"label\":\"GPE\",\"pattern\":[{\"in\":\"planets\"}]}\n", "names/patterns_bad.jsonl:1:", "unknown lexicon `planets`"),
    ];
    for (file, text, location, reason) in cases {
        let message = compile_error(file, text);
        assert!(
            message.starts_with(location),
            "expected {location} in {message:?}"
        );
        assert!(
            message.contains(reason),
            "expected {reason:?} in {message:?}"
        );
    }
}

#[test]
fn malformed_rules_directory_fails_the_cli_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("names")).unwrap();
    std::fs::write(
        dir.path().join("names/gaz_local.csv"),
        "entry,label\nتيمبكتو,TOWN\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args([
            "extract",
            "corpus/",
            "--rules",
            dir.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("names/gaz_local.csv:2:") && stderr.contains("TOWN"),
        "{stderr}"
    );
}

#[test]
fn whole_words_beat_clitic_splits_and_stems_lose_their_clitic() {
    let extractor = Extractor::with_default_rules().unwrap();
    let text = "زار وفد من بكين ولبنان وروسيا وبالصين للصين فرنسا";
    let got: Vec<(String, Label)> = extractor
        .extract("t", text, &ExtractOptions::default())
        .into_iter()
        .filter(|m| m.label.layer() == kashif::Layer::Names)
        .map(|m| (m.text, m.label))
        .collect();
    let expected: Vec<(String, Label)> = ["بكين", "لبنان", "روسيا", "الصين", "لصين", "فرنسا"]
        .iter()
        .map(|s| (s.to_string(), Label::Gpe))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn a_city_with_a_masculine_adjective_is_a_club() {
    let extractor = Extractor::with_default_rules().unwrap();
    let names = |text: &str| -> Vec<(String, Label)> {
        extractor
            .extract("t", text, &ExtractOptions::default())
            .into_iter()
            .filter(|m| m.label.layer() == kashif::Layer::Names)
            .map(|m| (m.text, m.label))
            .collect()
    };
    assert_eq!(
        names("حقق ليون الفرنسي فوزه الثاني"),
        vec![
            ("ليون".to_string(), Label::Org),
            ("الفرنسي".to_string(), Label::Norp)
        ]
    );
    assert_eq!(
        names("زار الوفد ليون الفرنسية"),
        vec![
            ("ليون".to_string(), Label::Gpe),
            ("الفرنسية".to_string(), Label::Norp)
        ]
    );
}

#[test]
fn a_learned_entry_loses_to_a_curated_one_of_the_same_span() {
    let mut rules = RuleFiles::embedded();
    rules.insert(
        "names/gaz_zz_test.csv",
        "entry,label,priority\nنهر زنبقستان,ORG,learned\n",
    );
    rules.insert("names/gaz_zz_test2.csv", "entry,label\nنهر زنبقستان,LOC\n");
    let x = Extractor::new(&rules).unwrap();
    let found: Vec<(Label, String)> = x
        .extract(
            "t",
            "عبرنا نهر زنبقستان ثم بحيرة زنبقستان",
            &ExtractOptions::default(),
        )
        .into_iter()
        .map(|m| (m.label, m.text))
        .collect();
    assert!(
        found.contains(&(Label::Loc, "نهر زنبقستان".into())),
        "{found:?}"
    );
}
