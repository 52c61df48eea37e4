//! The HTML report in a real browser: `kashif eval --html` on the seed
//! article plus the fixture documents of `tests/fixtures/loop/` (one with an
//! error of every kind, one with `<script>` in its text), opened in headless
//! Chromium; the DOM it dumps after running the page's scripts must show
//! every gold mention's text at its gold offsets, the document text exactly
//! (so `<script>` stayed text), and the error marks where the evaluation
//! puts them.
//!
//! Chromium comes from Debian (`scripts/setup-test-deps.sh`); without it this
//! test fails and says so.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const CHROMIUM: &str = "/usr/bin/chromium";
const SEED: &str = "xinhua-2015-04-07-china-kazakhstan";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A corpus of the seed article and the loop fixtures.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["corpus", "gold"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
    }
    let copy = |from: PathBuf, to: &str| {
        std::fs::copy(&from, dir.path().join(to)).unwrap_or_else(|e| panic!("{from:?}: {e}"));
    };
    copy(
        root().join(format!("corpus/{SEED}.txt")),
        &format!("corpus/{SEED}.txt"),
    );
    copy(
        root().join(format!("gold/{SEED}.csv")),
        &format!("gold/{SEED}.csv"),
    );
    let fixture = root().join("tests/fixtures/loop");
    for doc in ["loop-errors", "loop-script"] {
        copy(
            fixture.join(format!("corpus/{doc}.txt")),
            &format!("corpus/{doc}.txt"),
        );
        copy(
            fixture.join(format!("gold/{doc}.csv")),
            &format!("gold/{doc}.csv"),
        );
    }
    dir
}

fn kashif_eval(dir: &Path, args: &[&str]) -> Vec<u8> {
    let o = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .current_dir(dir)
        .arg("eval")
        .args(args)
        .output()
        .expect("run kashif");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o.stdout
}

/// The DOM of `page` after its scripts ran, as Chromium serializes it.
fn dump_dom(page: &Path) -> String {
    assert!(
        Path::new(CHROMIUM).is_file(),
        "{CHROMIUM} not found: run scripts/setup-test-deps.sh (installs Debian's chromium)"
    );
    let profile = tempfile::tempdir().unwrap();
    let out_path = profile.path().join("dom.html");
    let out = std::fs::File::create(&out_path).unwrap();
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let started = Instant::now();
    loop {
        match child.try_wait().expect("wait for chromium") {
            Some(status) => {
                assert!(status.success(), "chromium exited with {status}");
                break;
            }
            None if started.elapsed() > Duration::from_secs(180) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium did not finish dumping the DOM in 180 s");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    std::fs::read_to_string(&out_path).unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// Parse the attributes of a start tag (`s` starts after the tag name);
/// returns them and the length up to and including the closing `>`.
fn attributes(s: &str) -> (BTreeMap<String, String>, usize) {
    let mut attrs = BTreeMap::new();
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        while b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b[i] == b'>' {
            return (attrs, i + 1);
        }
        let name_end = i + s[i..].find(['=', ' ', '>']).unwrap();
        let name = s[i..name_end].to_string();
        i = name_end;
        if b[i] == b'=' {
            let quote = b[i + 1];
            assert!(quote == b'"' || quote == b'\'', "unquoted attribute {name}");
            let end = i + 2 + s[i + 2..].find(quote as char).unwrap();
            attrs.insert(name, unescape(&s[i + 2..end]));
            i = end + 1;
        } else {
            attrs.insert(name, String::new());
        }
    }
}

/// One mention element found in a text block, with where its text starts in
/// the text rebuilt from the DOM.
#[derive(Debug)]
struct Mark {
    attrs: BTreeMap<String, String>,
    text: String,
    at: usize,
}

/// Rebuild the text of a `<div class="text">` block from the DOM (dropping
/// the label tags and error badges) and collect its marks.
fn read_block(html: &str) -> (String, Vec<Mark>) {
    let mut text = String::new();
    let mut marks = Vec::new();
    let mut chars = 0;
    let mut rest = html;
    let mut in_mark: Option<Mark> = None;
    while !rest.is_empty() {
        if let Some(tail) = rest.strip_prefix("<mark") {
            let (attrs, len) = attributes(tail);
            in_mark = Some(Mark {
                attrs,
                text: String::new(),
                at: chars,
            });
            rest = &tail[len..];
        } else if let Some(tail) = rest.strip_prefix("</mark>") {
            marks.push(in_mark.take().expect("</mark> without <mark>"));
            rest = tail;
        } else if rest.starts_with("<span class=\"tag\">")
            || rest.starts_with("<span class=\"err\">")
        {
            let end = rest.find("</span>").unwrap();
            rest = &rest[end + "</span>".len()..];
        } else if rest.starts_with('<') {
            let end = rest.find('>').unwrap();
            rest = &rest[end + 1..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            let piece = unescape(&rest[..end]);
            chars += piece.chars().count();
            if let Some(m) = in_mark.as_mut() {
                m.text.push_str(&piece);
            }
            text.push_str(&piece);
            rest = &rest[end..];
        }
    }
    assert!(in_mark.is_none(), "unclosed <mark>");
    (text, marks)
}

/// Every `<div class="text">` block of the DOM, with its document id (the
/// `data-doc` of the enclosing section).
fn text_blocks(dom: &str) -> Vec<(String, String, Vec<Mark>)> {
    let mut out = Vec::new();
    let mut doc = String::new();
    let mut rest = dom;
    loop {
        let next_doc = rest.find("<details class=\"doc\"");
        let next_block = rest.find("<div class=\"text\"");
        match (next_doc, next_block) {
            (Some(d), Some(b)) if d < b => {
                let (attrs, len) = attributes(&rest[d + "<details".len()..]);
                doc = attrs["data-doc"].clone();
                rest = &rest[d + "<details".len() + len..];
            }
            (_, Some(b)) => {
                let start = b + rest[b..].find('>').unwrap() + 1;
                let end = start + rest[start..].find("</div>").unwrap();
                let (text, marks) = read_block(&rest[start..end]);
                out.push((doc.clone(), text, marks));
                rest = &rest[end..];
            }
            _ => return out,
        }
    }
}

fn gold_rows(path: &Path) -> Vec<(usize, usize, String, String)> {
    let mut rows = Vec::new();
    for r in csv::Reader::from_path(path).unwrap().records() {
        let r = r.unwrap();
        rows.push((
            r[0].parse().unwrap(),
            r[1].parse().unwrap(),
            r[2].to_string(),
            r[3].to_string(),
        ));
    }
    rows
}

type MarkKey = (String, String, usize, usize, String);

#[test]
fn the_report_shows_gold_and_errors_where_the_eval_puts_them() {
    let dir = corpus();
    let page = dir.path().join("report.html");
    kashif_eval(dir.path(), &["--html", page.to_str().unwrap()]);
    let eval: Value =
        serde_json::from_slice(&kashif_eval(dir.path(), &["--format", "json", "--errors"]))
            .unwrap();
    let dom = dump_dom(&page);
    assert!(
        dom.contains("<title>kashif report</title>"),
        "the page's own title"
    );
    let blocks = text_blocks(&dom);
    // Three documents × two layers × gold and predicted.
    assert_eq!(blocks.len(), 12, "text blocks in the DOM");

    let mut marks: BTreeMap<MarkKey, (String, String)> = BTreeMap::new();
    for (doc, text, block_marks) in &blocks {
        let source = std::fs::read_to_string(dir.path().join(format!("corpus/{doc}.txt"))).unwrap();
        assert_eq!(
            text, &source,
            "{doc}: the text shown is the document, as text"
        );
        let chars: Vec<char> = source.chars().collect();
        for m in block_marks {
            let a = &m.attrs;
            let (start, end): (usize, usize) = (
                a["data-start"].parse().unwrap(),
                a["data-end"].parse().unwrap(),
            );
            assert_eq!(a["data-doc"], *doc);
            assert_eq!(
                m.at, start,
                "{doc}: a mark of {start}..{end} sits at {}",
                m.at
            );
            let slice: String = chars[start..end].iter().collect();
            assert_eq!(m.text, slice, "{doc} {start}..{end}");
            let key = (
                doc.clone(),
                a["data-side"].clone(),
                start,
                end,
                a["data-label"].clone(),
            );
            let old = marks.insert(key, (a["data-status"].clone(), m.text.clone()));
            assert!(old.is_none(), "{doc} {start}..{end} marked twice");
        }
    }

    // Every gold mention, at its gold offsets with its gold text.
    let mut gold_count = 0;
    for doc in [SEED, "loop-errors", "loop-script"] {
        for (start, end, label, text) in gold_rows(&dir.path().join(format!("gold/{doc}.csv"))) {
            let key = (
                doc.to_string(),
                "gold".to_string(),
                start,
                end,
                label.clone(),
            );
            let (_, shown) = marks
                .get(&key)
                .unwrap_or_else(|| panic!("gold {doc} {label} {start}..{end} `{text}` not shown"));
            assert_eq!(*shown, text);
            gold_count += 1;
        }
    }
    let gold_marks = marks.keys().filter(|k| k.1 == "gold").count();
    assert_eq!(
        gold_marks, gold_count,
        "a gold mark that is not in the gold"
    );

    // The error marks: exactly where the evaluation's error list puts them.
    let pred_spans: Vec<(String, usize, usize, String)> = marks
        .keys()
        .filter(|k| k.1 == "pred")
        .map(|k| (k.0.clone(), k.2, k.3, k.4.clone()))
        .collect();
    let mut expected: BTreeMap<MarkKey, String> = BTreeMap::new();
    let errors = eval["errors"].as_array().unwrap();
    for value_pass in [true, false] {
        for e in errors
            .iter()
            .filter(|e| (e["kind"] == "value") == value_pass)
        {
            let doc = e["doc"].as_str().unwrap().to_string();
            let kind = e["kind"]
                .as_str()
                .unwrap()
                .replace("boundary_and_type", "boundary+type");
            let key = |side: &str, s: &Value| {
                (
                    doc.clone(),
                    side.to_string(),
                    s["start"].as_u64().unwrap() as usize,
                    s["end"].as_u64().unwrap() as usize,
                    s["type"].as_str().unwrap().to_string(),
                )
            };
            if !e["pred"].is_null() {
                expected
                    .entry(key("pred", &e["pred"]))
                    .or_insert(kind.clone());
            }
            if !e["gold"].is_null() {
                let k = key("gold", &e["gold"]);
                let exact = pred_spans.contains(&(k.0.clone(), k.2, k.3, k.4.clone()));
                if value_pass || !exact {
                    expected.entry(k).or_insert(kind);
                }
            }
        }
    }
    let shown: BTreeMap<MarkKey, String> = marks
        .iter()
        .filter(|(_, (status, _))| status != "correct")
        .map(|(k, (status, _))| (k.clone(), status.clone()))
        .collect();
    assert_eq!(shown, expected);
    let kinds: std::collections::BTreeSet<&str> = shown.values().map(String::as_str).collect();
    for kind in ["missed", "spurious", "boundary", "type", "value"] {
        assert!(kinds.contains(kind), "no `{kind}` mark in the DOM");
    }
}
