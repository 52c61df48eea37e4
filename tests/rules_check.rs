//! The rule registry (`rules/engine_rules.csv` and the data rules' own
//! examples): `kashif rules check` passes, every rule id kashif emits on the
//! corpus and the case tables is registered, `kashif rules list` shows every
//! rule, and `eval --rule-report` accounts for every registered id.

use std::collections::BTreeSet;
use std::process::Command;

use kashif::rules::registry::Registry;
use kashif::{ExtractOptions, Extractor, RuleFiles};

fn kashif(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn rules_check_passes() {
    let out = kashif(&["rules", "check"]);
    assert!(
        out.status.success(),
        "kashif rules check failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("every example behaves as registered"),
        "{stdout}"
    );
}

/// Every rule id in kashif's output on corpus/*.txt and the case tables.
fn emitted_rule_ids() -> BTreeSet<String> {
    let extractor = Extractor::with_default_rules().unwrap();
    let mut texts: Vec<(String, Option<chrono::NaiveDate>)> = Vec::new();
    for entry in std::fs::read_dir("corpus").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push((kashif::io::read_document(&path).unwrap().text, None));
        }
    }
    for file in ["tests/names_cases.jsonl", "tests/numbers_cases.jsonl"] {
        for line in std::fs::read_to_string(file).unwrap().lines() {
            if line.trim().is_empty() {
                continue;
            }
            let case: serde_json::Value = serde_json::from_str(line).unwrap();
            let date = case["reference_date"].as_str().map(|d| d.parse().unwrap());
            texts.push((case["text"].as_str().unwrap().to_string(), date));
        }
    }
    let mut ids = BTreeSet::new();
    for (text, reference_date) in &texts {
        let options = ExtractOptions {
            reference_date: *reference_date,
            ..ExtractOptions::default()
        };
        ids.extend(
            extractor
                .extract("t", text, &options)
                .into_iter()
                .map(|m| m.rule.to_string()),
        );
    }
    ids
}

#[test]
fn every_emitted_rule_id_is_registered() {
    let registry = Registry::load(&RuleFiles::embedded()).unwrap();
    let emitted = emitted_rule_ids();
    assert!(
        emitted.len() > 40,
        "the corpus and cases exercise many rules"
    );
    let missing: Vec<&String> = emitted
        .iter()
        .filter(|id| !registry.rules.contains_key(*id))
        .collect();
    assert!(
        missing.is_empty(),
        "rule ids in kashif's output that are not registered: {missing:?}\n\
         register each in rules/engine_rules.csv (id, layer, module, description, an example \
         and, where a near miss exists, a negative one), or give a data rule an id and example"
    );
}

#[test]
fn rules_list_shows_every_rule_with_its_kind_place_and_examples() {
    let registry = Registry::load(&RuleFiles::embedded()).unwrap();
    let out = kashif(&["rules", "list"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Vec<&str>> = stdout
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(lines.len(), registry.rules.len(), "one line per rule");
    let kinds: BTreeSet<&str> = lines.iter().map(|l| l[1]).collect();
    assert_eq!(
        kinds,
        BTreeSet::from(["data", "engine"]),
        "both kinds listed"
    );
    for l in &lines {
        assert_eq!(l.len(), 5, "{l:?}");
        assert!(
            !l[2].is_empty() && !l[4].is_empty(),
            "place and description: {l:?}"
        );
        assert!(
            l[3].parse::<usize>().unwrap() >= 1,
            "every rule has an example: {l:?}"
        );
    }
    let money = lines
        .iter()
        .find(|l| l[0] == "money/amount-currency")
        .expect("an engine rule is listed");
    assert_eq!(money[1], "engine");
    let pattern = lines
        .iter()
        .find(|l| l[0] == "name/pattern-nasab")
        .expect("a data rule is listed");
    assert!(
        pattern[2].starts_with("names/patterns.jsonl:"),
        "{pattern:?}"
    );
}

#[test]
fn a_failing_example_makes_rules_check_fail_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("engine_rules.csv"),
        "id,layer,module,description,example,expect_text,expect_label,expect_value,reference_date,negative\n\
         number/digits,numeric,recognize::numbers,,قال إن 300 شخص أصيبوا.,300,CARDINAL,301,,\n\
         number/digits,numeric,recognize::numbers,,قال إن 300 شخص أصيبوا.,,,,,yes\n",
    )
    .unwrap();
    let out = kashif(&["rules", "check", "--rules", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let file = dir.path().join("engine_rules.csv").display().to_string();
    assert!(
        stderr.contains(&format!(
            "{file}:2: number/digits: in `قال إن 300 شخص أصيبوا.` expected CARDINAL `300` 301"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{file}:3: number/digits: near miss")),
        "{stderr}"
    );
    assert!(stderr.contains("2 failure(s)"), "{stderr}");
}

#[test]
fn the_rule_report_lists_every_registered_id() {
    let registry = Registry::load(&RuleFiles::embedded()).unwrap();
    let out = kashif(&["eval", "--rule-report", "--format", "json"]);
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut listed: BTreeSet<String> = report["rules"]["never_fired"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    listed.extend(
        report["rules"]["fired"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["rule"].as_str().unwrap().to_string()),
    );
    let missing: Vec<String> = registry.ids().difference(&listed).cloned().collect();
    assert!(missing.is_empty(), "not in the rule report: {missing:?}");
    assert!(
        !report["rules"]["never_fired"]
            .as_array()
            .unwrap()
            .is_empty(),
        "rules with zero hits are listed"
    );
}

/// A profile's own pattern (`rules/profiles/wikifane/names/patterns_teams.jsonl`)
/// is no core rule: it registers, and its example holds, with the profile applied.
#[test]
fn a_profile_pattern_is_checked_under_its_profile() {
    let core = Registry::load(&RuleFiles::embedded()).unwrap();
    assert!(
        core.rules
            .values()
            .all(|r| !r.location.starts_with("profiles/")),
        "the core registry holds no profile rule"
    );
    let mut files = RuleFiles::embedded();
    files.apply_profile("wikifane").unwrap();
    let mut own = Registry::load(&files).unwrap();
    own.retain_defined_under("profiles/wikifane/");
    assert!(own.rules.contains_key("name/pattern-national-team"));
    let extractor = Extractor::new(&files).unwrap();
    let failures = own.check(|text, reference_date| {
        let options = ExtractOptions {
            reference_date,
            ..ExtractOptions::default()
        };
        extractor.extract("example", text, &options)
    });
    assert!(
        failures.is_empty(),
        "{:?}",
        failures.first().map(|f| &f.message)
    );
}
