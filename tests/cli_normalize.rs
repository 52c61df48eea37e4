//! `kashif normalize` prints exactly the library's normalizer output, so the
//! Python scripts that call it cannot drift from the Rust matcher.

use std::io::Write;
use std::process::{Command, Stdio};

fn normalize_stdin(form: &str, input: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args(["normalize", "--form", form])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn seed_words() -> Vec<String> {
    let text = std::fs::read_to_string("corpus/xinhua-2015-04-07-china-kazakhstan.txt").unwrap();
    let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    assert!(words.len() > 300, "the seed article has its words");
    words
}

#[test]
fn key_form_equals_the_library_key_on_every_seed_word() {
    let words = seed_words();
    let printed = normalize_stdin("key", &(words.join("\n") + "\n"));
    let printed: Vec<&str> = printed.lines().collect();
    assert_eq!(printed.len(), words.len(), "one output line per input line");
    for (word, got) in words.iter().zip(printed) {
        assert_eq!(got, kashif::text::key(word), "key of {word:?}");
    }
}

#[test]
fn light_form_equals_the_library_light_on_every_seed_word() {
    let words = seed_words();
    let printed = normalize_stdin("light", &(words.join("\n") + "\n"));
    let printed: Vec<&str> = printed.lines().collect();
    assert_eq!(printed.len(), words.len());
    for (word, got) in words.iter().zip(printed) {
        assert_eq!(got, kashif::text::light(word), "light of {word:?}");
    }
}

#[test]
fn arguments_crlf_and_the_default_form() {
    // A CRLF line end is not part of the line; the default form is the key.
    assert_eq!(normalize_stdin("key", "مصرى\r\nأحمدُ\n"), "مصري\nاحمد\n");
    let out = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args(["normalize", "مدرسةٌ", "  إلى   الأمام "])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "مدرسه\nالي الامام\n");
}
