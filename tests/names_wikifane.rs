//! `eval --conll FILE --map wikifane` on a small file written in WikiFANE's
//! format (BOM, CRLF, U+200E before tokens, split clitics, fine classes):
//! the classes are mapped onto the coarse view (Group → NORP → not scored)
//! and an unknown class is an error naming the file and line. The sentences
//! are written for this test.

use std::process::Command;

fn eval(file: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args([
            "eval", "--conll", file, "--map", "wikifane", "--format", "json",
        ])
        .output()
        .unwrap()
}

#[test]
fn wikifane_classes_are_scored_in_the_coarse_view() {
    let out = eval("tests/fixtures/wikifane_sample.txt");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // PERS فرنسوا ميتران, LOC دمشق, LOC النيل, LOC افريقيا; العرب (Group) is not scored.
    assert_eq!(v["micro"]["gold"], 4, "{v}");
    assert_eq!(v["by_type"]["PERS"]["gold"], 1, "{v}");
    assert_eq!(v["by_type"]["LOC"]["gold"], 3, "{v}");
    assert!(v["by_type"].get("NORP").is_none(), "{v}");
    // The places kashif knows are found through the rejoined clitics.
    assert!(v["by_type"]["LOC"]["correct"].as_u64().unwrap() >= 2, "{v}");
}

#[test]
fn an_unknown_class_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.txt");
    std::fs::write(
        &path,
        "\u{200e}دمشق\tB-Population-Center\n\u{200e}زحل\tB-Spaceship\n",
    )
    .unwrap();
    let out = eval(path.to_str().unwrap());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.txt:2") && err.contains("Spaceship"),
        "{err}"
    );
}
