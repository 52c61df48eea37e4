//! Ordinary shell use that used to break kashif (issue #16): closed pipes,
//! full disks, stdin mixed with files, JSONL files, BOMs, directories with
//! `.TXT` files or subfolders, duplicate and multi-line document ids, and
//! impossible `bench` arguments. Each test failed before its fix.

mod common;
use common::*;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const SEED: &str = "corpus/xinhua-2015-04-07-china-kazakhstan.txt";

fn docs_of(out: &Output) -> Vec<String> {
    let mut docs: Vec<String> = Vec::new();
    for line in String::from_utf8(out.stdout.clone()).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let doc = v["doc"].as_str().unwrap().to_string();
        if docs.last() != Some(&doc) {
            docs.push(doc);
        }
    }
    docs
}

/// Run kashif with its stdout a pipe whose reading end is closed before the
/// program starts, so its first write meets the closed pipe (no race with a
/// small output that fits in the pipe buffer).
fn into_closed_pipe(args: &[&str]) -> (std::process::ExitStatus, String) {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let child = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args(args)
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kashif");
    let out = child.wait_with_output().unwrap();
    (out.status, stderr(&out))
}

#[test]
fn closed_pipe_ends_quietly_by_sigpipe() {
    // Large outputs so the write certainly happens after the pipe closed.
    for args in [
        &["explain", SEED][..],
        &["export-tokenizer"],
        &["extract", "corpus/"],
        &["extract", "--format", "conll", "corpus/"],
        &["bench", "--repeat", "1", SEED],
    ] {
        let (status, err) = into_closed_pipe(args);
        assert_eq!(
            status.signal(),
            Some(SIGPIPE),
            "{args:?}: {status:?}, stderr: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            err.trim().is_empty(),
            "{args:?}: a closed pipe is not an error: {err}"
        );
    }
}

/// The signal number of SIGPIPE on Linux and the BSDs.
const SIGPIPE: i32 = 13;

#[test]
fn full_device_gives_one_error_and_exit_1() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let report_dir = tempfile::tempdir().unwrap();
    let report_dir = report_dir.path().to_str().unwrap();
    for args in [
        &["explain", SEED][..],
        &["export-tokenizer"],
        &["rules", "check"],
        &["rules", "list"],
        &["report", "--out", report_dir],
        &["extract", "corpus/"],
        &["extract", "--format", "csv", "corpus/"],
        &["bench", "--repeat", "1", SEED],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_kashif"))
            .args(args)
            .stdout(full)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: one message: {err}");
        assert!(err.contains("No space left on device"), "{args:?}: {err}");
    }
}

#[test]
fn stdin_among_files_is_read_in_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "بكين 7 أبريل 2015").unwrap();
    std::fs::write(&b, "موسكو في 2016").unwrap();
    let out = kashif_stdin(
        &["extract", a.to_str().unwrap(), "-", b.to_str().unwrap()],
        "روسيا 5%".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(docs_of(&out), ["a", "stdin", "b"]);
    let twice = kashif_stdin(&["extract", "-", "-"], b"");
    assert_eq!(twice.status.code(), Some(2));
    assert!(stderr(&twice).contains("stdin"), "{}", stderr(&twice));
}

#[test]
fn jsonl_files_are_read_as_jsonl_with_a_bom() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("docs.jsonl");
    let mut body = "\u{feff}".to_string();
    body.push_str(
        "{\"id\":\"one\",\"text\":\"بكين 2015\"}\r\n\n{\"id\":\"two\",\"text\":\"موسكو\"}\n",
    );
    std::fs::write(&file, body).unwrap();
    let out = kashif(&["extract", "--input-format", "jsonl", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(docs_of(&out), ["one", "two"]);
    // A directory gives its *.jsonl files in this mode.
    let out = kashif(&[
        "extract",
        "--input-format",
        "jsonl",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(docs_of(&out), ["one", "two"]);
    // The same BOM on stdin.
    let out = kashif_stdin(
        &["extract", "--input-format", "jsonl", "-"],
        "\u{feff}{\"id\":\"s\",\"text\":\"بكين\"}\n".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(docs_of(&out), ["s"]);
}

#[test]
fn a_named_jsonl_file_is_read_as_jsonl_unless_the_format_says_text() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("Docs.JSONL");
    std::fs::write(&jsonl, "{\"id\":\"one\",\"text\":\"بكين 2015\"}\n").unwrap();
    let text = dir.path().join("plain.txt");
    std::fs::write(&text, "موسكو").unwrap();
    let (jsonl, text) = (jsonl.to_str().unwrap(), text.to_str().unwrap());
    // Without --input-format each file is read by its own extension.
    let out = kashif(&["extract", jsonl, text]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(docs_of(&out), ["one", "plain"]);
    // An explicit format wins: the same file as one text document.
    let out = kashif(&["extract", "--input-format", "text", jsonl]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(docs_of(&out), ["Docs"]);
    // stdin stays text by default.
    let out = kashif_stdin(
        &["extract", "-"],
        "{\"id\":\"s\",\"text\":\"بكين\"}".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(docs_of(&out), ["stdin"]);
}

#[test]
fn directories_match_any_case_recurse_on_request_and_warn_when_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("UPPER.TXT"), "بكين").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub").join("inner.txt"), "موسكو").unwrap();
    let root = dir.path().to_str().unwrap();
    let out = kashif(&["extract", root]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(docs_of(&out), ["UPPER"]);
    let out = kashif(&["extract", "--recursive", root]);
    assert_eq!(docs_of(&out), ["UPPER", "inner"]);

    let empty = tempfile::tempdir().unwrap();
    std::fs::create_dir(empty.path().join("nested")).unwrap();
    std::fs::write(empty.path().join("nested").join("a.txt"), "بكين").unwrap();
    std::fs::write(empty.path().join("notes.md"), "x").unwrap();
    let out = kashif(&["extract", empty.path().to_str().unwrap()]);
    let err = stderr(&out);
    assert!(out.stdout.is_empty());
    assert!(
        err.contains("warning") && err.contains("gave no documents") && err.contains("--recursive"),
        "{err}"
    );
}

#[test]
fn duplicate_and_multiline_ids_are_refused_with_file_and_line() {
    let out = kashif_stdin(
        &["extract", "--input-format", "jsonl", "-"],
        "{\"id\":\"x\",\"text\":\"بكين\"}\n{\"id\":\"x\",\"text\":\"موسكو\"}\n{\"id\":\"a\\nb\",\"text\":\"روسيا\"}\n{\"id\":\"t\\tab\",\"text\":\"روسيا\"}\n"
            .as_bytes(),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(docs_of(&out), ["x"], "the first `x` is kept");
    assert!(
        err.contains("stdin:2: duplicate document id `x` (first read from stdin:1)"),
        "{err}"
    );
    assert!(err.contains("stdin:3:") && err.contains("U+000A"), "{err}");
    assert!(err.contains("stdin:4:") && err.contains("U+0009"), "{err}");

    // The same file stem in two directories is one id twice.
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("same.txt"), "بكين").unwrap();
    }
    let out = kashif(&["extract", "--recursive", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("duplicate document id `same`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bench_rejects_impossible_values() {
    for args in [
        ["--repeat", "0"],
        ["--size-mb", "0"],
        ["--size-mb=-3", ""],
        ["--size-mb", "NaN"],
        ["--threads", "0"],
    ] {
        let mut argv = vec!["bench"];
        argv.extend(args.iter().filter(|a| !a.is_empty()));
        argv.push(SEED);
        let out = kashif(&argv);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let flag = args[0].split('=').next().unwrap();
        assert!(stderr(&out).contains(flag), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn progress_never_reaches_a_pipe() {
    // stderr is a pipe here: the progress bar must stay off it.
    let out = kashif(&["extract", "corpus/"]);
    assert!(out.status.success());
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn csv_and_brat_carry_the_modifier() {
    let text = "قال إن أكثر من 30 شخصا وصلوا";
    let csv = kashif_stdin(&["extract", "--format", "csv", "-"], text.as_bytes());
    let csv = String::from_utf8(csv.stdout).unwrap();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    let at = header
        .iter()
        .position(|h| h == "modifier")
        .expect("a modifier column");
    let row = rows.records().next().unwrap().unwrap();
    assert_eq!(&row[4], "أكثر من 30");
    assert_eq!(&row[at], "gt", "{csv}");
    let brat = kashif_stdin(&["extract", "--format", "brat", "-"], text.as_bytes());
    let brat = String::from_utf8(brat.stdout).unwrap();
    assert!(brat.contains("A1\tModifier T1 gt"), "{brat}");
}

#[test]
fn bench_reads_jsonl_with_a_bom_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("docs.JSONL");
    std::fs::write(&file, "\u{feff}{\"id\":\"a\",\"text\":\"بكين 2015\"}\r\n").unwrap();
    let out = kashif(&["bench", "--repeat", "1", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("in 1 documents"));
}

#[test]
fn progress_shows_documents_and_speed_on_a_terminal() {
    // `script` runs kashif with a pseudo-terminal as stderr (util-linux).
    if Command::new("script").arg("--version").output().is_err() {
        return;
    }
    let command = format!(
        "{} extract corpus/ > /dev/null",
        env!("CARGO_BIN_EXE_kashif")
    );
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .output()
        .unwrap();
    let terminal = String::from_utf8_lossy(&out.stdout);
    assert!(
        terminal.contains(" documents, ") && terminal.contains(" MB/s"),
        "{terminal:?}"
    );
}

#[test]
fn explain_reads_stdin_for_a_dash_and_names_bad_bytes() {
    let out = common::kashif_stdin(
        &["explain", "-"],
        "التقى الرئيس الصيني في بكين\n".as_bytes(),
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("بكين") && text.contains("rule: name/"),
        "{text}"
    );

    let bad = common::kashif_stdin(&["explain", "-"], b"\xff\xfe bad");
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        common::stderr(&bad).contains("stdin"),
        "{}",
        common::stderr(&bad)
    );
}
