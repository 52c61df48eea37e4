//! The rule author's loop end to end, on the fixture corpus of
//! `tests/fixtures/loop/` (three small documents; `loop-errors` has gold made
//! to produce every error kind): `eval --save` / `--baseline` /
//! `--fail-on-regression`, a rule changed through a `--rules` overlay, the
//! by-document table, `--subset` and the split manifest's errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/loop")
}

/// `kashif eval --corpus C --gold G ARGS…` on the fixture corpus (or `dir`).
fn eval(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kashif"))
        .arg("eval")
        .arg("--corpus")
        .arg(dir.join("corpus"))
        .arg("--gold")
        .arg(dir.join("gold"))
        .args(args)
        .output()
        .expect("run kashif")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A copy of the fixture corpus that a test may edit.
fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["corpus", "gold"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        for e in std::fs::read_dir(fixture().join(sub)).unwrap().flatten() {
            std::fs::copy(e.path(), dir.path().join(sub).join(e.file_name())).unwrap();
        }
    }
    dir
}

fn save_baseline(dir: &Path, out: &Path) -> Value {
    let o = eval(dir, &["--save", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

#[test]
fn a_saved_run_holds_every_mention_and_the_scores() {
    let tmp = tempfile::tempdir().unwrap();
    let run_path = tmp.path().join("run.json");
    let run = save_baseline(&fixture(), &run_path);
    assert_eq!(run["format"], "kashif-run/1");
    assert_eq!(
        run["documents"],
        serde_json::json!(["loop-clean", "loop-errors", "loop-script"])
    );
    let mentions = run["mentions"].as_array().unwrap();
    let predicted = run["scores"]["layers"]["all"]["micro"]["strict"]["actual"]
        .as_u64()
        .unwrap();
    assert_eq!(mentions.len() as u64, predicted);
    let money = mentions
        .iter()
        .find(|m| m["type"] == "MONEY")
        .expect("the MONEY mention of loop-errors");
    assert_eq!(
        (
            &money["doc"],
            &money["start"],
            &money["end"],
            &money["text"],
            &money["rule"]
        ),
        (
            &Value::from("loop-errors"),
            &Value::from(125),
            &Value::from(139),
            &Value::from("40 مليار دولار"),
            &Value::from("money/amount-currency")
        )
    );
    assert_eq!(money["value"]["amount"], 40000000000u64);
    assert_eq!(run["scores"]["by_doc"][0]["doc"], "loop-errors");

    // The same rules against the saved run: nothing changed, exit 0 even
    // with --fail-on-regression.
    let o = eval(
        &fixture(),
        &[
            "--baseline",
            run_path.to_str().unwrap(),
            "--fail-on-regression",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("3 documents compared"), "{out}");
    assert!(out.contains("broken: 0   fixed: 0   changed: 0"), "{out}");
    assert!(
        out.contains("by document: no document's scores changed"),
        "{out}"
    );
}

/// The overlay `tests/fixtures/loop/overlay/names/gaz_local.csv` adds the
/// person `زيدون قرطبي` (missed in loop-errors, found by another rule in
/// loop-clean) and the word `الحفل` as an organization (spurious).
#[test]
fn an_overlay_rule_lists_exactly_what_it_fixed_and_broke() {
    let tmp = tempfile::tempdir().unwrap();
    let run_path = tmp.path().join("run.json");
    save_baseline(&fixture(), &run_path);
    let overlay = fixture().join("overlay");
    let args = [
        "--rules",
        overlay.to_str().unwrap(),
        "--baseline",
        run_path.to_str().unwrap(),
    ];
    let o = eval(&fixture(), &[&args[..], &["--format", "json"]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let d: Value = serde_json::from_slice(&o.stdout).unwrap();
    let summary = |c: &Value| {
        let pred = &c["after"]["pred"];
        let side = if c["gold"].is_null() {
            pred
        } else {
            &c["gold"]
        };
        format!(
            "{} {}..{} {} `{}`: {} -> {} ({})",
            c["doc"].as_str().unwrap(),
            side["start"],
            side["end"],
            side["type"].as_str().unwrap(),
            side["text"].as_str().unwrap(),
            c["before"]["status"].as_str().unwrap(),
            c["after"]["status"].as_str().unwrap(),
            c["after"]["rule"].as_str().unwrap_or("-"),
        )
    };
    let list =
        |key: &str| -> Vec<String> { d[key].as_array().unwrap().iter().map(summary).collect() };
    assert_eq!(
        list("fixed"),
        vec![
            "loop-errors 270..281 PERSON `زيدون قرطبي`: missed -> correct (name/gazetteer-person)"
        ]
    );
    assert_eq!(
        list("broken"),
        vec!["loop-errors 264..269 ORG `الحفل`: not predicted -> spurious (name/gazetteer-org)"]
    );
    assert_eq!(list("changed"), Vec::<String>::new());
    let person = d["scores"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["scope"] == "PERSON")
        .unwrap();
    assert_eq!(
        (&person["pred_before"], &person["pred_after"]),
        (&Value::from(3), &Value::from(4))
    );
    assert_eq!(person["f1_after"], 1.0);
    let moved: Vec<&str> = d["by_doc"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["before"] != x["after"])
        .map(|x| x["after"]["doc"].as_str().unwrap())
        .collect();
    assert_eq!(moved, vec!["loop-errors"]);

    // The table says the same, with context; --fail-on-regression exits 1.
    let o = eval(&fixture(), &[&args[..], &["--fail-on-regression"]].concat());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("broken: 1   fixed: 1   changed: 0"), "{out}");
    assert!(
        out.contains("… شخصا زار مدينة سمرقند. وحضر [الحفل] زيدون قرطبي ونخبة من فرقة …"),
        "{out}"
    );
    assert!(
        out.contains("PERSON         4       3       4      85.7   100.0   +14.3"),
        "{out}"
    );
    assert!(
        stderr(&o).contains("1 mention(s) right in") && stderr(&o).contains("--fail-on-regression"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_baseline_must_be_a_run_of_the_same_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, "{\"format\": \"kashif-run/1\"}").unwrap();
    let o = eval(&fixture(), &["--baseline", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.json:1: not a kashif run"),
        "{}",
        stderr(&o)
    );

    // A document edited after the run: its mentions no longer match.
    let copy = fixture_copy();
    let run_path = tmp.path().join("run.json");
    save_baseline(copy.path(), &run_path);
    // `3 سنوات` is a spurious prediction (no gold), so the gold still holds.
    let doc = copy.path().join("corpus/loop-errors.txt");
    let text = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(&doc, text.replace("3 سنوات", "4 سنوات")).unwrap();
    let o = eval(copy.path(), &["--baseline", run_path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "(loop-errors 211..218): the run has `3 سنوات` but the document reads `4 سنوات`"
        ),
        "{err}"
    );
    assert!(err.contains("changed since the run"), "{err}");

    // --fail-on-regression needs a baseline.
    let o = eval(&fixture(), &["--fail-on-regression"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--baseline"), "{}", stderr(&o));
}

#[test]
fn the_by_document_table_is_worst_first() {
    let o = eval(&fixture(), &["--by-doc"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert!(lines[0].starts_with("by document, worst first"), "{out}");
    assert_eq!(
        lines[2],
        "  81.2   76.2   11    90.9    5     3/5   6  loop-errors"
    );
    assert!(
        lines[3].ends_with("loop-clean") && lines[4].ends_with("loop-script"),
        "{out}"
    );
    assert!(
        !out.contains("names micro"),
        "--by-doc prints only the table"
    );

    // The plain eval prints the per-type table and then the same rows.
    let o = eval(&fixture(), &[]);
    let out = stdout(&o);
    let types = out.find("names micro").expect("per-type table");
    let by_doc = out.find("by document, worst first").expect("by-doc table");
    assert!(types < by_doc, "{out}");
    assert!(out.contains(lines[2]), "{out}");

    // JSON carries the same rows.
    let o = eval(&fixture(), &["--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let row = &v["by_doc"][0];
    assert_eq!(row["doc"], "loop-errors");
    assert_eq!(row["split"], "dev");
    assert_eq!(
        (&row["values"]["equal"], &row["values"]["compared"]),
        (&Value::from(3), &Value::from(5))
    );
    assert_eq!(row["errors"], 6);
}

#[test]
fn subsets_follow_the_split_manifest() {
    let o = eval(&fixture(), &["--subset", "test", "--by-doc"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("subset: test (1 document of "), "{out}");
    assert!(
        out.contains("loop-clean") && !out.contains("loop-errors"),
        "{out}"
    );
    let o = eval(&fixture(), &["--subset", "dev", "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["subset"], "dev");
    assert_eq!(
        v["documents"],
        serde_json::json!(["loop-errors", "loop-script"])
    );

    // A document with gold but no row, a row without gold, no manifest.
    let copy = fixture_copy();
    let split = copy.path().join("corpus/split.csv");
    std::fs::write(
        &split,
        "doc,split\nloop-errors,dev\nloop-script,dev\nloop-gone,test\n",
    )
    .unwrap();
    let o = eval(copy.path(), &["--subset", "dev"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("document `loop-clean` has gold but no row"),
        "{err}"
    );
    assert!(
        err.contains("split.csv:4: document `loop-gone` has no gold file"),
        "{err}"
    );
    std::fs::write(&split, "doc,split\nloop-errors,train\n").unwrap();
    let o = eval(copy.path(), &["--subset", "dev"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("split.csv:2: unknown subset `train`"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_file(&split).unwrap();
    let o = eval(copy.path(), &["--subset", "dev"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no split manifest"), "{}", stderr(&o));
    let o = eval(copy.path(), &["--subset", "train"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_html_report_is_one_escaped_page() {
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("report.html");
    let o = eval(&fixture(), &["--html", page.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Self-contained: nothing is fetched.
    for needle in ["src=", "href=\"http", "@import", "url("] {
        assert!(!html.contains(needle), "report loads `{needle}`");
    }
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the report's own script"
    );
    assert!(html.contains("&lt;script&gt;document.title=&#39;pwned&#39;"));
    assert!(html.contains("&amp; &lt;b&gt;"));
    for kind in ["missed", "spurious", "boundary", "type", "value"] {
        assert!(
            html.contains(&format!("data-status=\"{kind}\" ")),
            "no `{kind}` mark"
        );
    }
    assert!(html.contains(r##"<a href="#doc-loop-errors">loop-errors</a>"##));
    assert!(html.contains(r#"<details class="doc" id="doc-loop-errors""#));
}

/// `eval --conll` honours `--errors` and `--rule-report`, and its scores are
/// the same with them.
#[test]
fn conll_mode_lists_errors_and_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("small.conll");
    std::fs::write(
        &file,
        "زار O\nبوتين B-PERS\nبكين B-LOC\n. O\n\nوحضر O\nالحفل O\nزيدون B-PERS\nقرطبي I-PERS\n. O\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_kashif"))
            .args(["eval", "--conll", file.to_str().unwrap()])
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        o
    };
    let plain: Value = serde_json::from_slice(&run(&["--format", "json"]).stdout).unwrap();
    let full: Value =
        serde_json::from_slice(&run(&["--format", "json", "--errors", "--rule-report"]).stdout)
            .unwrap();
    assert_eq!(plain["micro"], full["micro"]);
    assert!(plain.get("errors").is_none());
    let errors: Vec<(String, String)> = full["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_string(),
                e["gold"]["text"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        vec![("missed".to_string(), "زيدون قرطبي".to_string())]
    );
    let fired = full["rules"]["fired"].as_array().unwrap();
    let gpe = fired
        .iter()
        .find(|r| r["rule"] == "name/gazetteer-gpe")
        .expect("the rule that found بكين");
    assert_eq!(
        (&gpe["fired"], &gpe["tp"]),
        (&Value::from(1), &Value::from(1))
    );

    let out = stdout(&run(&["--errors", "--rule-report"]));
    assert!(out.contains("rule report (strict matching):"), "{out}");
    assert!(out.contains("errors (1):"), "{out}");
    assert!(
        out.contains("missed         sentences 1-2  rule: -"),
        "{out}"
    );
    assert!(out.contains("وحضر الحفل [زيدون قرطبي] . …"), "{out}");

    // Runs and diffs work on the sentence batches too.
    let run_path = tmp.path().join("run.json");
    run(&["--save", run_path.to_str().unwrap()]);
    let overlay = fixture().join("overlay");
    let o = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args(["eval", "--conll", file.to_str().unwrap(), "--rules"])
        .arg(&overlay)
        .args([
            "--baseline",
            run_path.to_str().unwrap(),
            "--fail-on-regression",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("broken: 1   fixed: 1   changed: 0"), "{out}");
    assert!(
        out.contains("missed → correct         sentences 1-2  PERSON 28..39 `زيدون قرطبي`"),
        "{out}"
    );
    assert!(
        out.contains("now:    spurious       ORG 22..27 `الحفل`  rule: name/gazetteer-org"),
        "{out}"
    );
}

#[test]
fn the_report_command_writes_report_html_into_its_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("new/report");
    let fixture = fixture();
    let o = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .arg("report")
        .arg("--out")
        .arg(&out_dir)
        .arg("--corpus")
        .arg(fixture.join("corpus"))
        .arg("--gold")
        .arg(fixture.join("gold"))
        .args(["--subset", "test"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let page = out_dir.join("report.html");
    assert_eq!(
        stdout(&o),
        format!("kashif report: wrote {}\n", page.display())
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("1 document (subset test)"),
        "the subset is named"
    );
    assert!(html.contains(r#"data-doc="loop-clean""#));
    assert!(!html.contains(r#"data-doc="loop-errors""#));

    let o = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .arg("report")
        .arg("--out")
        .arg(&out_dir)
        .arg("--gold")
        .arg(tmp.path().join("no-gold"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read gold directory"),
        "{}",
        stderr(&o)
    );
}
