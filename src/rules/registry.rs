//! The rule registry: every rule id kashif can put on a mention, with its
//! kind, where it is defined, a one-line description and examples.
//!
//! - **Data rules** carry their id and example in their own file
//!   (`names/patterns*.jsonl`: `"id"`, `"label"`, `"example": {"text", "match"}`,
//!   optional `"description"`). Their example must be found by the full
//!   extractor with the pattern's label (another rule may win the span).
//! - **Engine rules** are written in Rust and registered in one data table,
//!   [`ENGINE_RULES_FILE`] (`rules/engine_rules.csv`): one row per example,
//!   columns `id,layer,module,description,example,expect_text,expect_label,
//!   expect_value,reference_date,negative`. A positive example must produce a
//!   mention with this rule id, text and label (and value, when given); a
//!   negative one (`negative=yes`, a near miss) must produce no mention with
//!   this rule id (with `expect_text`: none with that text).
//!
//! `kashif rules list` prints the registry and `kashif rules check` runs
//! every example ([`Registry::check`]).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{Located, RuleFiles};
use crate::error::{Error, Result};
use crate::eval::score::values_equal;
use crate::mention::{Label, Mention};

/// The table of rules written in Rust, relative to the rules directory.
pub const ENGINE_RULES_FILE: &str = "engine_rules.csv";

/// Where a rule is defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RuleKind {
    /// Defined in a rule file (a token pattern).
    Data,
    /// Written in Rust, registered in [`ENGINE_RULES_FILE`].
    Engine,
}

impl RuleKind {
    /// `data` or `engine`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Data => "data",
            RuleKind::Engine => "engine",
        }
    }
}

/// One example of a rule.
#[derive(Debug, Clone)]
pub struct Example {
    /// `file:line` of the example.
    pub source: String,
    /// The sentence the extractor runs on.
    pub text: String,
    /// The mention's text (positive), or the text that must not be found (negative, optional).
    pub expect_text: Option<String>,
    /// The mention's label.
    pub expect_label: Option<Label>,
    /// The mention's value, when the example pins it.
    pub expect_value: Option<Value>,
    /// Resolve relative dates against this date.
    pub reference_date: Option<chrono::NaiveDate>,
    /// A near miss: the rule must not fire.
    pub negative: bool,
    /// Whether the mention must carry this rule's id (engine rules) or only
    /// the span and label (data rules: another rule may win the span).
    pub require_rule: bool,
}

/// One registered rule.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    /// The stable id (`money/amount-currency`).
    pub id: String,
    /// Data or engine.
    pub kind: RuleKind,
    /// `file:line` (data) or the Rust module (engine).
    pub location: String,
    /// One line saying what the rule finds.
    pub description: String,
    /// Its examples.
    pub examples: Vec<Example>,
}

/// Every registered rule, by id.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// The rules, in id order.
    pub rules: BTreeMap<String, RuleInfo>,
}

/// A row of [`ENGINE_RULES_FILE`].
#[derive(Debug, serde::Deserialize)]
struct EngineRow {
    id: String,
    layer: String,
    module: String,
    #[serde(default)]
    description: String,
    example: String,
    #[serde(default)]
    expect_text: String,
    #[serde(default)]
    expect_label: String,
    #[serde(default)]
    expect_value: String,
    #[serde(default)]
    reference_date: String,
    #[serde(default)]
    negative: String,
}

/// An example that did not behave as registered.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    /// The rule id.
    pub rule: String,
    /// `file:line` of the example.
    pub source: String,
    /// What was expected and what the extractor produced.
    pub message: String,
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

impl Registry {
    /// Read the registry from a rule set: the engine table and every JSONL
    /// rule file's objects with an `id`.
    pub fn load(files: &RuleFiles) -> Result<Self> {
        let mut registry = Registry::default();
        if let Some(text) = files.get(ENGINE_RULES_FILE) {
            let table = super::CsvTable::parse(ENGINE_RULES_FILE, text)?;
            let rows: Vec<Located<EngineRow>> = table.rows()?;
            for row in rows {
                let (file, line) = files.origin_of(ENGINE_RULES_FILE, row.line);
                registry.add_engine_row(row, &format!("{file}:{line}"))?;
            }
            if let Some(rule) = registry.rules.values().find(|r| r.description.is_empty()) {
                return Err(Error::rule(
                    ENGINE_RULES_FILE,
                    0,
                    format!("rule `{}` has no description on any row", rule.id),
                ));
            }
        }
        // A profile's own files register under their overlay name once the
        // profile is applied (`--profile NAME`); the core set leaves them out.
        for (name, text) in files.iter() {
            if name.ends_with(".jsonl") && !name.starts_with(super::profile::PROFILES_DIR) {
                registry.add_data_file(files, name, text)?;
            }
        }
        Ok(registry)
    }

    fn add_engine_row(&mut self, row: Located<EngineRow>, source: &str) -> Result<()> {
        let line = row.line;
        let r = row.value;
        let at = |message: String| Error::rule(ENGINE_RULES_FILE, line, message);
        if r.id.is_empty() || !r.id.contains('/') {
            return Err(at(format!(
                "column `id`: `{}` is not a rule id (layer/name)",
                r.id
            )));
        }
        let negative = match r.negative.as_str() {
            "yes" => true,
            "" | "no" => false,
            other => return Err(at(format!("column `negative`: `{other}` is not yes or no"))),
        };
        let expect_label = match r.expect_label.as_str() {
            "" => None,
            l => Some(
                l.parse::<Label>()
                    .map_err(|e| at(format!("column `expect_label`: {e}")))?,
            ),
        };
        let expect_value = match r.expect_value.as_str() {
            "" => None,
            v => Some(
                serde_json::from_str(v)
                    .map_err(|e| at(format!("column `expect_value`: not JSON: {e}")))?,
            ),
        };
        let reference_date = match r.reference_date.as_str() {
            "" => None,
            d => Some(
                chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|e| at(format!("column `reference_date`: `{d}`: {e}")))?,
            ),
        };
        if !negative && (r.expect_text.is_empty() || expect_label.is_none()) {
            return Err(at(
                "a positive example needs `expect_text` and `expect_label`".to_string(),
            ));
        }
        if r.example.is_empty() {
            return Err(at("column `example`: empty".to_string()));
        }
        let example = Example {
            source: source.to_string(),
            text: r.example,
            expect_text: non_empty(&r.expect_text),
            expect_label,
            expect_value,
            reference_date,
            negative,
            require_rule: true,
        };
        let location = format!("{} ({})", r.module, r.layer);
        let rule = self.rules.entry(r.id.clone()).or_insert_with(|| RuleInfo {
            id: r.id.clone(),
            kind: RuleKind::Engine,
            location: location.clone(),
            description: String::new(),
            examples: Vec::new(),
        });
        if rule.location != location {
            return Err(at(format!(
                "rule `{}` is registered as {} on an earlier row, here as {location}",
                r.id, rule.location
            )));
        }
        if rule.description.is_empty() {
            rule.description = r.description;
        }
        rule.examples.push(example);
        Ok(())
    }

    fn add_data_file(&mut self, files: &RuleFiles, name: &str, text: &str) -> Result<()> {
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("//") {
                continue;
            }
            // Malformed lines are the recognizer's to report.
            let Ok(Value::Object(obj)) = serde_json::from_str::<Value>(trimmed) else {
                continue;
            };
            let Some(id) = obj.get("id").and_then(Value::as_str) else {
                continue;
            };
            let (file, line) = files.origin_of(name, n + 1);
            let source = format!("{file}:{line}");
            let label = obj
                .get("label")
                .and_then(Value::as_str)
                .and_then(|l| l.parse::<Label>().ok());
            let description = obj
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| {
                    format!("token pattern → {}", label.map_or("?", |l| l.as_str()))
                });
            let examples: Vec<&Value> = match obj.get("example") {
                Some(Value::Array(list)) => list.iter().collect(),
                Some(one) => vec![one],
                None => Vec::new(),
            };
            let examples = examples
                .into_iter()
                .map(|e| Example {
                    source: source.clone(),
                    text: e["text"].as_str().unwrap_or("").to_string(),
                    expect_text: e["match"].as_str().map(str::to_string),
                    expect_label: label,
                    expect_value: None,
                    reference_date: None,
                    negative: false,
                    require_rule: false,
                })
                .collect();
            if let Some(engine) = self.rules.get(id) {
                return Err(Error::rule(
                    name,
                    n + 1,
                    format!(
                        "rule id `{id}` is also registered as an engine rule ({})",
                        engine.location
                    ),
                ));
            }
            self.rules.insert(
                id.to_string(),
                RuleInfo {
                    id: id.to_string(),
                    kind: RuleKind::Data,
                    location: source,
                    description,
                    examples,
                },
            );
        }
        Ok(())
    }

    /// Every registered id.
    pub fn ids(&self) -> BTreeSet<String> {
        self.rules.keys().cloned().collect()
    }

    /// Keep only the rules defined in files under `prefix` (a profile's
    /// folder, `profiles/NAME/`): what a profile adds to the core.
    pub fn retain_defined_under(&mut self, prefix: &str) {
        self.rules.retain(|_, r| r.location.starts_with(prefix));
    }

    /// Number of examples over all rules.
    pub fn example_count(&self) -> usize {
        self.rules.values().map(|r| r.examples.len()).sum()
    }

    /// Run every example through `extract` (text, reference date → mentions)
    /// and return those that fail, plus one failure per rule without a
    /// positive example.
    pub fn check(
        &self,
        extract: impl Fn(&str, Option<chrono::NaiveDate>) -> Vec<Mention>,
    ) -> Vec<ExampleFailure> {
        let mut failures = Vec::new();
        for rule in self.rules.values() {
            if !rule.examples.iter().any(|e| !e.negative) {
                failures.push(ExampleFailure {
                    rule: rule.id.clone(),
                    source: rule.location.clone(),
                    message: "no positive example: add one (a sentence and the mention it yields)"
                        .to_string(),
                });
            }
            for example in &rule.examples {
                let mentions = extract(&example.text, example.reference_date);
                if let Some(message) = example_failure(&rule.id, example, &mentions) {
                    failures.push(ExampleFailure {
                        rule: rule.id.clone(),
                        source: example.source.clone(),
                        message,
                    });
                }
            }
        }
        failures
    }
}

/// Why an example fails, or None when it behaves as registered.
fn example_failure(id: &str, e: &Example, mentions: &[Mention]) -> Option<String> {
    let got = || {
        let list: Vec<String> = mentions
            .iter()
            .map(|m| format!("{} `{}` {} [{}]", m.label, m.text, m.value, m.rule))
            .collect();
        if list.is_empty() {
            "nothing".to_string()
        } else {
            list.join(", ")
        }
    };
    if e.negative {
        let hit = mentions
            .iter()
            .find(|m| m.rule == id && e.expect_text.as_ref().is_none_or(|t| &m.text == t))?;
        return Some(format!(
            "near miss `{}`: the rule must not fire, but found {} `{}`",
            e.text, hit.label, hit.text
        ));
    }
    let expect_text = e.expect_text.as_deref().unwrap_or("");
    let found = mentions.iter().any(|m| {
        m.text == expect_text
            && e.expect_label.is_none_or(|l| m.label == l)
            && (!e.require_rule || m.rule == id)
            && e.expect_value
                .as_ref()
                .is_none_or(|v| values_equal(v, &m.value))
    });
    if found {
        return None;
    }
    let label = e.expect_label.map_or("?", |l| l.as_str());
    let value = e
        .expect_value
        .as_ref()
        .map(|v| format!(" {v}"))
        .unwrap_or_default();
    Some(format!(
        "in `{}` expected {label} `{expect_text}`{value}{}, got {}",
        e.text,
        if e.require_rule {
            format!(" from {id}")
        } else {
            String::new()
        },
        got()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry(engine: &str, patterns: &str) -> Result<Registry> {
        let mut files = RuleFiles::default();
        files.insert(ENGINE_RULES_FILE, engine);
        files.insert("names/patterns.jsonl", patterns);
        Registry::load(&files)
    }

    const HEADER: &str = "id,layer,module,description,example,expect_text,expect_label,expect_value,reference_date,negative\n";

    #[test]
    fn engine_rows_and_data_patterns_are_registered() {
        let r = registry(
            &format!("{HEADER}number/digits,numeric,numbers,digits,قال 5,5,CARDINAL,5,,\nnumber/digits,numeric,numbers,,كوفيد,,,,,yes\n"),
            "# c\n{\"id\": \"name/p\", \"label\": \"LOC\", \"pattern\": [], \"example\": {\"text\": \"t\", \"match\": \"m\"}}\n",
        )
        .unwrap();
        assert_eq!(
            r.ids().into_iter().collect::<Vec<_>>(),
            ["name/p", "number/digits"]
        );
        let digits = &r.rules["number/digits"];
        assert_eq!(digits.kind, RuleKind::Engine);
        assert_eq!(digits.examples.len(), 2);
        assert!(digits.examples[1].negative);
        assert_eq!(digits.examples[0].source, "engine_rules.csv:2");
        let p = &r.rules["name/p"];
        assert_eq!(
            (p.kind, p.location.as_str()),
            (RuleKind::Data, "names/patterns.jsonl:2")
        );
        assert_eq!(p.description, "token pattern → LOC");
    }

    #[test]
    fn bad_rows_name_file_line_and_column() {
        let err = registry(
            &format!("{HEADER}number/digits,numeric,numbers,d,قال 5,5,NUMBER,,,\n"),
            "",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("engine_rules.csv:2: column `expect_label`"),
            "{err}"
        );
        let err = registry(
            &format!("{HEADER}number/digits,numeric,numbers,d,قال 5,,,,,\n"),
            "",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("needs `expect_text` and `expect_label`"),
            "{err}"
        );
        let err = registry(
            &format!("{HEADER}number/digits,numeric,numbers,,قال 5,5,CARDINAL,,,\n"),
            "",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("no description"), "{err}");
    }

    fn mention(text: &str, label: Label, value: Value, rule: &str) -> Mention {
        Mention {
            doc: "t".into(),
            start: 0,
            end: text.chars().count(),
            label,
            text: text.into(),
            value: value.into(),
            rule: rule.to_string().into(),
            modifier: None,
            evidence: String::new(),
            priority: 0,
        }
    }

    #[test]
    fn check_compares_rule_text_label_and_value() {
        let r = registry(
            &format!("{HEADER}number/digits,numeric,numbers,d,قال 5,5,CARDINAL,5,,\nnumber/digits,numeric,numbers,,كوفيد 19,19,,,,yes\n"),
            "",
        )
        .unwrap();
        let ok = r.check(|text, _| {
            if text == "قال 5" {
                vec![mention(
                    "5",
                    Label::Cardinal,
                    serde_json::json!(5.0),
                    "number/digits",
                )]
            } else {
                Vec::new()
            }
        });
        assert!(ok.is_empty(), "{ok:?}");
        let wrong_value = r.check(|_, _| {
            vec![mention(
                "5",
                Label::Cardinal,
                serde_json::json!(6),
                "number/digits",
            )]
        });
        assert_eq!(wrong_value.len(), 1, "{wrong_value:?}");
        assert!(
            wrong_value[0].message.contains("got CARDINAL `5` 6"),
            "{wrong_value:?}"
        );
        let near_miss = r.check(|_, _| {
            vec![
                mention("5", Label::Cardinal, serde_json::json!(5), "number/digits"),
                mention(
                    "19",
                    Label::Cardinal,
                    serde_json::json!(19),
                    "number/digits",
                ),
            ]
        });
        assert_eq!(near_miss.len(), 1, "{near_miss:?}");
        assert_eq!(near_miss[0].source, "engine_rules.csv:3");
    }
}
