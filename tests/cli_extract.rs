//! End-to-end runs of `kashif extract`: every output format on the corpus,
//! bad input among good input, empty files, BOM, CRLF and stdin.

mod common;
use common::*;

const SEED: &str = "corpus/xinhua-2015-04-07-china-kazakhstan.txt";

fn chars_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// Parse JSONL output and check the offset invariant against the documents.
fn check_jsonl(stdout: &[u8], docs: &[(&str, &str)]) -> Vec<serde_json::Value> {
    let text = String::from_utf8(stdout.to_vec()).expect("utf-8 output");
    let mut rows = Vec::new();
    for line in text.lines() {
        let row: serde_json::Value = serde_json::from_str(line).expect("valid JSON line");
        let keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert!(
            keys.starts_with(&["doc", "start", "end", "type", "text", "value", "rule"]),
            "JSONL key order is a contract: {keys:?}"
        );
        let doc = row["doc"].as_str().unwrap();
        let (_, body) = docs.iter().find(|(id, _)| *id == doc).expect("known doc");
        let (s, e) = (
            row["start"].as_u64().unwrap() as usize,
            row["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            row["text"].as_str().unwrap(),
            chars_slice(body, s, e),
            "offset invariant: {row}"
        );
        rows.push(row);
    }
    rows
}

/// Every document of `corpus/`, by id (file stem), sorted.
fn corpus_documents() -> Vec<(String, String)> {
    let mut docs: Vec<(String, String)> = std::fs::read_dir("corpus")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    docs.sort();
    docs
}

#[test]
fn jsonl_on_corpus_satisfies_offset_invariant_and_is_sorted() {
    let docs = corpus_documents();
    assert!(docs.iter().any(|(id, _)| SEED.contains(id.as_str())));
    let out = kashif(&["extract", "corpus/"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc_refs: Vec<(&str, &str)> = docs
        .iter()
        .map(|(id, text)| (id.as_str(), text.as_str()))
        .collect();
    let rows = check_jsonl(&out.stdout, &doc_refs);
    let seen: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["doc"].as_str().unwrap()).collect();
    assert_eq!(seen.len(), docs.len(), "every corpus document has mentions");
    let keys: Vec<(String, u64, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["doc"].as_str().unwrap().to_string(),
                r["start"].as_u64().unwrap(),
                r["end"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "output is ordered by document, then offset");
}

#[test]
fn csv_brat_and_conll_formats() {
    let csv_out = kashif(&["extract", SEED, "--format", "csv"]);
    assert!(csv_out.status.success());
    let csv_text = String::from_utf8(csv_out.stdout).unwrap();
    assert_eq!(
        csv_text.lines().next(),
        Some("doc,start,end,type,text,value,rule,modifier")
    );

    let brat = kashif(&["extract", SEED, "--format", "brat"]);
    assert!(brat.status.success());
    let brat_text = String::from_utf8(brat.stdout).unwrap();
    assert_eq!(
        brat_text.lines().next(),
        Some("# xinhua-2015-04-07-china-kazakhstan")
    );
    let mut notes = 0;
    for line in brat_text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols[0].starts_with('A') {
            // a comparator: `A1<TAB>Modifier T4 gt`
            assert!(
                cols.len() == 2 && cols[1].starts_with("Modifier T"),
                "{line}"
            );
            continue;
        }
        assert_eq!(cols.len(), 3, "brat line {line:?}");
        if cols[0].starts_with('#') {
            // a numeric value: `#1<TAB>AnnotatorNotes T3<TAB>"2015-04-07"`
            assert!(cols[1].starts_with("AnnotatorNotes T"), "{line}");
            notes += 1;
        } else {
            assert!(cols[0].starts_with('T'), "{line}");
            assert_eq!(cols[1].split(' ').count(), 3);
        }
    }
    assert!(notes > 0, "numeric values are written as AnnotatorNotes");

    let conll = kashif(&["extract", SEED, "--format", "conll"]);
    assert!(conll.status.success());
    let conll_text = String::from_utf8(conll.stdout).unwrap();
    let seed = std::fs::read_to_string(SEED).unwrap();
    let token_lines: Vec<&str> = conll_text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("# "))
        .collect();
    assert_eq!(
        token_lines.len(),
        seed.split_whitespace().count(),
        "one line per whitespace token"
    );
    assert!(token_lines[0].starts_with("بكين\t"));
    assert!(conll_text.contains("\n\n"), "blank line between sentences");
    for line in &token_lines {
        let tag = line.rsplit('\t').next().unwrap();
        assert!(
            tag == "O" || tag.starts_with("B-") || tag.starts_with("I-"),
            "{line}"
        );
    }
}

#[test]
fn invalid_utf8_is_reported_and_other_files_still_processed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-good.txt"), "بكين 7 أبريل 2015").unwrap();
    std::fs::write(dir.path().join("b-bad.txt"), b"\xd8\xa8\xff\xfe broken").unwrap();
    std::fs::write(dir.path().join("c-good.txt"), "موسكو 3 مايو 2016").unwrap();
    std::fs::write(dir.path().join("d-empty.txt"), "").unwrap();
    let out = kashif(&["extract", dir.path().to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "non-zero exit when a file fails"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line per bad file: {stderr}");
    assert!(
        stderr.contains("b-bad.txt") && stderr.contains("not valid UTF-8"),
        "{stderr}"
    );
    check_jsonl(
        &out.stdout,
        &[
            ("a-good", "بكين 7 أبريل 2015"),
            ("c-good", "موسكو 3 مايو 2016"),
        ],
    );
    let missing = kashif(&["extract", "no/such/file.txt", SEED]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/file.txt"));
}

#[test]
fn empty_file_gives_no_mentions_and_success() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.txt");
    std::fs::write(&path, "").unwrap();
    let out = kashif(&["extract", path.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
}

#[test]
fn bom_and_crlf_do_not_shift_offsets() {
    let seed = std::fs::read_to_string(SEED).unwrap();
    let plain = kashif(&["extract", SEED]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xinhua-2015-04-07-china-kazakhstan.txt");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(seed.as_bytes());
    std::fs::write(&path, &bytes).unwrap();
    let with_bom = kashif(&["extract", path.to_str().unwrap()]);
    assert_eq!(
        plain.stdout, with_bom.stdout,
        "a BOM is not part of the text"
    );

    let crlf = seed.replace('\n', "\r\n");
    let out = kashif_stdin(&["extract", "-"], crlf.as_bytes());
    assert!(out.status.success());
    check_jsonl(&out.stdout, &[("stdin", &crlf)]);
}

#[test]
fn stdin_text_and_jsonl_streams() {
    let out = kashif_stdin(&["extract"], "بكين 7 أبريل 2015 (شينخوا)".as_bytes());
    assert!(out.status.success());
    check_jsonl(&out.stdout, &[("stdin", "بكين 7 أبريل 2015 (شينخوا)")]);

    let input =
        "{\"id\":\"d1\",\"text\":\"موسكو 3 مايو\"}\nnot json\n{\"id\":\"d2\",\"text\":\"بكين\"}\n";
    let out = kashif_stdin(
        &["extract", "--input-format", "jsonl", "-"],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1), "the bad line fails the run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("stdin:2"), "{stderr}");
    check_jsonl(&out.stdout, &[("d1", "موسكو 3 مايو"), ("d2", "بكين")]);

    // A JSONL line that is not UTF-8 names its line and the first bad
    // byte, and the other lines still come out.
    let mut lines = b"{\"id\":\"d1\",\"text\":\"\xd9\x85\xff\"}\n".to_vec();
    lines.extend_from_slice("{\"id\":\"d2\",\"text\":\"بكين\"}\n".as_bytes());
    let out = kashif_stdin(&["extract", "--input-format", "jsonl", "-"], &lines);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("stdin:1: not valid UTF-8 (byte 21)"),
        "{stderr}"
    );
    check_jsonl(&out.stdout, &[("d2", "بكين")]);

    let bad = kashif_stdin(&["extract"], b"\xff\xfe");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not valid UTF-8"));
}

#[test]
fn unknown_type_and_format_are_rejected() {
    let out = kashif(&["extract", SEED, "--types", "PERS"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown label `PERS`"));
    let out = kashif(&["extract", SEED, "--format", "xml"]);
    assert!(!out.status.success());
}

#[test]
fn export_tokenizer_writes_loadable_json() {
    let out = kashif(&["export-tokenizer"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["pre_tokenizer"]["type"], "Split");
    assert_eq!(json["normalizer"]["type"], "Sequence");
}

/// The value contract of the JSONL output (GUIDELINES decision 84): integers
/// are JSON integers (digit strings past 2^64), decimals exact decimal
/// strings, in plain values and in amounts and range bounds alike.
#[test]
fn numeric_values_are_exact_integers_and_decimal_strings() {
    let text = "بلغ الناتج 28.6 مليار دولار، وارتفع المؤشر 3.75 في المائة، \
                وأنتج المصنع 0.125 طن، وتراوح التضخم بين 3 و3.5 بالمئة.";
    let out = kashif_stdin(
        &["extract", "--types", "MONEY,PERCENT,QUANTITY"],
        text.as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = check_jsonl(&out.stdout, &[("stdin", text)]);
    let value_of = |t: &str| {
        rows.iter()
            .find(|r| r["text"] == t)
            .unwrap_or_else(|| panic!("no mention `{t}` in {rows:?}"))["value"]
            .clone()
    };
    assert_eq!(
        value_of("28.6 مليار دولار"),
        serde_json::json!({"amount": 28600000000u64, "currency": "USD"})
    );
    assert_eq!(value_of("3.75 في المائة"), serde_json::json!("3.75"));
    assert_eq!(
        value_of("0.125 طن"),
        serde_json::json!({"amount": "0.125", "unit": "t"})
    );
    assert_eq!(
        value_of("بين 3 و3.5 بالمئة"),
        serde_json::json!({"min": 3, "max": "3.5"})
    );
}

/// The pipelined `extract` (reader, `--threads N` workers, ordered writer)
/// prints exactly what a serial loop over the library prints, for any N:
/// corpus articles repeated, small adversarial inputs, a document larger
/// than a chunk, and refused lines (bad JSON, a duplicate id) in between,
/// whose messages keep their input order on stderr.
#[test]
fn pipelined_extract_equals_a_serial_run_for_any_thread_count() {
    use kashif::io::formats::write_jsonl;
    use kashif::{ExtractOptions, Extractor, RuleFiles};

    let corpus = corpus_documents();
    let mut docs: Vec<(String, String)> = Vec::new();
    for pass in 0..3 {
        for (id, text) in &corpus {
            docs.push((format!("{id}#{pass}"), text.clone()));
        }
        for (kind, text) in kashif::perf::adversarial_inputs(0.002) {
            docs.push((format!("{kind}#{pass}"), text));
        }
    }
    let big: String = corpus
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n")
        .repeat(3);
    assert!(
        big.len() > 100_000,
        "the big document is larger than a chunk"
    );
    docs.insert(7, ("big".to_string(), big));

    let mut input = String::new();
    for (n, (id, text)) in docs.iter().enumerate() {
        input.push_str(&serde_json::json!({"id": id, "text": text}).to_string());
        input.push('\n');
        if n == 20 {
            input.push_str("not json\n");
        }
        if n == 40 {
            input.push_str(&serde_json::json!({"id": docs[3].0, "text": "x"}).to_string());
            input.push('\n');
        }
    }

    let extractor = Extractor::new(&RuleFiles::embedded()).unwrap();
    let mut expected = Vec::new();
    for (id, text) in &docs {
        let mentions = extractor.extract(id, text, &ExtractOptions::default());
        write_jsonl(&mut expected, &mentions).unwrap();
    }
    assert!(expected.len() > 100_000, "a real amount of output");

    let mut first_stderr: Option<String> = None;
    for threads in ["1", "2", "3"] {
        let out = kashif_stdin(
            &[
                "extract",
                "--input-format",
                "jsonl",
                "--threads",
                threads,
                "-",
            ],
            input.as_bytes(),
        );
        assert_eq!(out.status.code(), Some(1), "two refused lines");
        assert!(
            out.stdout == expected,
            "--threads {threads}: output differs from the serial run"
        );
        let err = stderr(&out);
        let bad = err.find("stdin:22:").expect("the bad JSON line is named");
        let dup = err
            .find("duplicate document id")
            .expect("the duplicate is named");
        assert!(bad < dup, "messages keep input order: {err}");
        match &first_stderr {
            None => first_stderr = Some(err),
            Some(first) => assert_eq!(first, &err, "--threads {threads}: stderr differs"),
        }
    }
}
