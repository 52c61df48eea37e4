//! `kashif bench` runs on the corpus, on JSONL input and repeated to a
//! size, and prints its table. Only the shape of the output is checked:
//! timings are not asserted anywhere in the tests.

use std::process::Command;

fn bench(args: &[&str]) -> (String, String, bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .arg("bench")
        .args(args)
        .output()
        .expect("run kashif bench");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

#[test]
fn bench_prints_throughput_startup_and_memory() {
    let (stdout, stderr, ok) = bench(&["--repeat", "2", "--threads", "1"]);
    assert!(ok, "{stderr}");
    // The default input is every document of `corpus/`.
    let documents = std::fs::read_dir("corpus")
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .count();
    assert!(
        stdout.contains(&format!(" in {documents} documents")),
        "not the {documents} corpus documents in:\n{stdout}"
    );
    for needle in [
        "input",
        "start-up",
        "MB/s",
        "docs/s",
        "mentions/s",
        "peak RSS",
        "best",
    ] {
        assert!(stdout.contains(needle), "no `{needle}` in:\n{stdout}");
    }
}

#[test]
fn bench_repeats_jsonl_input_to_a_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("docs.jsonl");
    std::fs::write(
        &path,
        "{\"id\":\"a\",\"text\":\"بكين 7 أبريل 2015 (شينخوا)\"}\n\n{\"id\":\"b\",\"text\":\"قال الرئيس\"}\n",
    )
    .unwrap();
    let (stdout, stderr, ok) =
        bench(&[path.to_str().unwrap(), "--size-mb", "0.01", "--repeat", "1"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("2 distinct"), "{stdout}");
}

#[test]
fn bench_reports_missing_input() {
    let (_, stderr, ok) = bench(&["/nonexistent/kashif-bench-input"]);
    assert!(!ok);
    assert!(stderr.contains("kashif bench"), "{stderr}");
}
