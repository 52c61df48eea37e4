//! `--rules DIR` overlays (`src/rules/overlay.rs`): a same-named file adds
//! rows, a `remove` column drops embedded rows, `# replace` replaces the
//! file, a new file is accepted only in a family the recognizers read, and
//! every error names the overlay's file and line.

use std::path::Path;

use kashif::{ExtractOptions, Extractor, RuleFiles};

/// An overlay directory holding `files` (relative path, content).
fn overlay(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn extractor(dir: &Path) -> kashif::Result<Extractor> {
    Extractor::new(&RuleFiles::with_overlay(dir)?)
}

/// (text, label, rule) of every mention.
fn found(x: &Extractor, text: &str) -> Vec<(String, String, String)> {
    x.extract("t", text, &ExtractOptions::default())
        .into_iter()
        .map(|m| (m.text, m.label.to_string(), m.rule.to_string()))
        .collect()
}

fn has(x: &Extractor, text: &str, span: &str, label: &str) -> bool {
    found(x, text)
        .iter()
        .any(|(t, l, _)| t == span && l == label)
}

fn error(files: &[(&str, &str)]) -> String {
    let dir = overlay(files);
    match extractor(dir.path()) {
        Ok(_) => panic!("overlay {files:?} was accepted"),
        Err(e) => e
            .to_string()
            .replace(&dir.path().display().to_string(), "DIR"),
    }
}

const UKRAINE: &str = "زار الوزير أوكرانيا أمس";

#[test]
fn a_csv_overlay_adds_rows_and_keeps_the_embedded_ones() {
    let text = "سافر الوفد إلى زمبرا وبكين";
    let plain = Extractor::with_default_rules().unwrap();
    assert!(!has(&plain, text, "زمبرا", "GPE"));
    let dir = overlay(&[(
        "names/gaz_countries.csv",
        "# a place made up for the test\nentry,label,note\nزمبرا,GPE,test\n",
    )]);
    let x = extractor(dir.path()).unwrap();
    assert!(has(&x, text, "زمبرا", "GPE"), "{:?}", found(&x, text));
    assert!(has(&x, text, "بكين", "GPE"), "embedded rows stay");
    assert!(has(&x, UKRAINE, "أوكرانيا", "GPE"), "embedded rows stay");
}

#[test]
fn a_new_row_in_an_overlay_copy_of_a_numbers_csv_takes_effect() {
    // A unit (the league, فرسخ) and a currency spelling kashif does not know.
    let text = "قطع 5 فراسخ ودفع 20 بتكوين";
    let plain = Extractor::with_default_rules().unwrap();
    assert!(!has(&plain, text, "5 فراسخ", "QUANTITY"));
    assert!(!has(&plain, text, "20 بتكوين", "MONEY"));
    let dir = overlay(&[
        (
            "numbers/units.csv",
            "name,unit,dual,bare\nفراسخ,league,0,no\n",
        ),
        (
            "numbers/currencies.csv",
            "name,base,code,factor\nبتكوين,بيتكوين,XBT,1\n",
        ),
    ]);
    let x = extractor(dir.path()).unwrap();
    let got = found(&x, text);
    assert!(has(&x, text, "5 فراسخ", "QUANTITY"), "{got:?}");
    assert!(has(&x, text, "20 بتكوين", "MONEY"), "{got:?}");
    assert!(
        has(&x, "دفع 7 دولارات", "7 دولارات", "MONEY"),
        "embedded currencies stay"
    );
}

#[test]
fn remove_yes_drops_the_embedded_row() {
    let dir = overlay(&[(
        "names/gaz_countries.csv",
        "entry,label,note,remove\nأوكرانيا,GPE,,yes\nزمبرا,GPE,added in the same file,\n",
    )]);
    let x = extractor(dir.path()).unwrap();
    assert!(
        !has(&x, UKRAINE, "أوكرانيا", "GPE"),
        "{:?}",
        found(&x, UKRAINE)
    );
    assert!(has(&x, "إلى زمبرا", "زمبرا", "GPE"));
    assert!(has(&x, "إلى بكين", "بكين", "GPE"));
}

#[test]
fn removing_a_row_that_does_not_exist_or_a_bad_flag_is_an_error() {
    let msg = error(&[(
        "names/gaz_countries.csv",
        "entry,label,note,remove\nزمبرا,GPE,,yes\n",
    )]);
    assert!(
        msg.starts_with("DIR/names/gaz_countries.csv:2: removes `زمبرا`"),
        "{msg}"
    );
    let msg = error(&[(
        "names/gaz_countries.csv",
        "entry,label,note,remove\n# c\nأوكرانيا,GPE,,maybe\n",
    )]);
    assert!(
        msg.starts_with("DIR/names/gaz_countries.csv:3: column `remove`"),
        "{msg}"
    );
}

#[test]
fn a_replace_line_replaces_the_embedded_file() {
    let dir = overlay(&[(
        "names/gaz_countries.csv",
        "# replace\n# only this row\nentry,label,note\nزمبرا,GPE,\n",
    )]);
    let x = extractor(dir.path()).unwrap();
    assert!(has(&x, "إلى زمبرا", "زمبرا", "GPE"));
    assert!(!has(&x, UKRAINE, "أوكرانيا", "GPE"));
}

#[test]
fn a_jsonl_overlay_appends_patterns() {
    let pattern = r#"{"id": "name/pattern-test-lake", "label": "LOC", "pattern": [{"key": ["بحيرة"]}, {"shape": "bare", "in": "name"}], "example": {"text": "زرنا بحيرة زمبرا", "match": "بحيرة زمبرا"}}"#;
    let dir = overlay(&[
        ("names/patterns.jsonl", &format!("# test\n{pattern}\n")),
        ("names/gaz_countries.csv", "entry,label,note\nزمبرا,GPE,\n"),
    ]);
    let x = extractor(dir.path()).unwrap();
    let got = found(&x, "زرنا بحيرة زمبرا");
    assert!(
        got.iter()
            .any(|(t, l, r)| t == "بحيرة زمبرا" && l == "LOC" && r == "name/pattern-test-lake"),
        "{got:?}"
    );
    // An embedded pattern still fires.
    let got = found(&x, "استقبل الأمير حمد بن جاسم بن جبر آل ثاني الوفد");
    assert!(
        got.iter().any(|(_, _, r)| r == "name/pattern-nasab"),
        "{got:?}"
    );
}

#[test]
fn a_new_file_in_a_family_is_read_and_an_unknown_one_is_an_error() {
    let dir = overlay(&[("names/gaz_local.csv", "entry,label,note\nزمبرا,GPE,\n")]);
    let x = extractor(dir.path()).unwrap();
    assert!(has(&x, "إلى زمبرا", "زمبرا", "GPE"));

    let msg = error(&[("numbers/units_extra.csv", "name,unit,dual,bare\n")]);
    assert!(
        msg.starts_with("DIR/numbers/units_extra.csv: unknown rule file"),
        "{msg}"
    );
    assert!(
        msg.contains("names/gaz_*.csv"),
        "the message lists the families: {msg}"
    );
    let msg = error(&[("names/triggers.txt.bak", "x")]);
    assert!(
        msg.contains("names/triggers.txt.bak: not a rule file"),
        "{msg}"
    );
}

#[test]
fn errors_name_the_overlay_file_and_line() {
    let msg = error(&[("numbers/units.csv", "# c\nname,unit\nفراسخ,league\n")]);
    assert!(
        msg.starts_with("DIR/numbers/units.csv:2: header `name,unit` differs"),
        "{msg}"
    );
    // A bad value in an added row: the recognizer's error, moved to the overlay line.
    let msg = error(&[(
        "numbers/units.csv",
        "# c\nname,unit,dual,bare\nفراسخ,league,0,no\nفرسخ,league,zz,no\n",
    )]);
    assert!(msg.starts_with("DIR/numbers/units.csv:4:"), "{msg}");
    let msg = error(&[("names/gaz_local.csv", "entry,label,note\nزمبرا,COUNTRY,\n")]);
    assert!(msg.starts_with("DIR/names/gaz_local.csv:2:"), "{msg}");
}

#[test]
fn the_anercorp_profile_brings_back_anercorps_labels_and_the_core_follows_the_guidelines() {
    let text = "افتتح المشروع في القاهرة الجديدة قرب الكرنك وقرأ سورة البقرة";
    let core = Extractor::new(&RuleFiles::embedded()).unwrap();
    assert!(
        has(&core, text, "القاهرة الجديدة", "GPE"),
        "{:?}",
        found(&core, text)
    );
    assert!(
        has(&core, text, "الكرنك", "FAC"),
        "{:?}",
        found(&core, text)
    );
    assert!(!found(&core, text).iter().any(|(t, _, _)| t == "البقرة"));

    let mut files = RuleFiles::embedded();
    files.apply_profile("anercorp").unwrap();
    let anercorp = Extractor::new(&files).unwrap();
    for span in ["القاهرة الجديدة", "الكرنك", "البقرة"] {
        assert!(
            has(&anercorp, text, span, "MISC"),
            "{span}: {:?}",
            found(&anercorp, text)
        );
    }
}

#[test]
fn a_user_overlay_applies_on_top_of_a_profile() {
    let dir = overlay(&[(
        "names/gaz_anercorp.csv",
        "entry,label,priority,note,remove\nالكرنك,,,,yes\n",
    )]);
    let mut files = RuleFiles::embedded();
    files.apply_profile("anercorp").unwrap();
    let x = Extractor::new(&files.overlaid(dir.path()).unwrap()).unwrap();
    let text = "زار السياح الكرنك أمس";
    assert!(
        !found(&x, text).iter().any(|(t, _, _)| t == "الكرنك"),
        "{:?}",
        found(&x, text)
    );
}

#[test]
fn a_clitics_overlay_changes_the_splitter_of_its_extractor_only() {
    let text = "عقد الاجتماع ببغداد أمس";
    let dir = overlay(&[(
        "text/clitics.csv",
        "clitic,role,note,remove\nب,proclitic,,yes\n",
    )]);
    let without_b = extractor(dir.path()).unwrap();
    let plain = Extractor::with_default_rules().unwrap();
    // Interleaved: each extractor keeps its own table on the same thread.
    for _ in 0..2 {
        assert!(
            !has(&without_b, text, "بغداد", "GPE"),
            "{:?}",
            found(&without_b, text)
        );
        assert!(
            has(&plain, text, "بغداد", "GPE"),
            "{:?}",
            found(&plain, text)
        );
    }
    // The other proclitics still split.
    assert!(has(&without_b, "وصل إلى وبغداد", "بغداد", "GPE"));
    // And from another thread too (the table travels with the extractor).
    std::thread::scope(|s| {
        s.spawn(|| assert!(!has(&without_b, text, "بغداد", "GPE")));
    });
    let err = error(&[("text/clitics.csv", "clitic,role,note\nببب,proclitic,\n")]);
    assert!(
        err.contains("text/clitics.csv:2") && err.contains("DIR"),
        "{err}"
    );
}
