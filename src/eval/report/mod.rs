//! Reports of a [`CorpusEval`]: an aligned table for the terminal (fits in
//! 80 columns), JSON, CSV and Markdown; the error list with context and the
//! "what to fix" ordering; the rule report. The machine-readable formats
//! (JSON, CSV, Markdown) are in [`formats`].

mod formats;

pub use formats::{to_json, write_csv, write_json, write_markdown};

use std::collections::BTreeSet;
use std::io::Write;
use std::str::FromStr;

use serde_json::Value;

use super::score::{Evaluation, Scheme};
use super::{what_to_fix, CorpusEval, ErrorItem};
use crate::error::{Error, Result};
use crate::mention::Layer;
use crate::rules::{CsvTable, RuleFiles};

/// How the macro average is defined (printed with every report).
pub const MACRO_NOTE: &str =
    "macro = mean of per-type scores over the types present in gold or predictions";

/// How the schemes are defined (printed with every report).
pub const SCHEME_NOTE: &str = "schemes as SemEval-2013 task 9.1 / nervaluate 1.2.1: strict = span+type, exact = span, partial = overlap (half credit), type = overlap+type";

/// How value accuracy is defined.
pub const VALUE_NOTE: &str =
    "value accuracy: numeric gold mentions with a non-null value whose span was predicted exactly";

/// The notes under the terminal table, wrapped for an 80-column terminal.
const TABLE_NOTES: [&str; 6] = [
    "notes: scores in %. strict = same span and type; exact = same span; partial =",
    "  overlap, half credit for a boundary error; type = overlap with the right type",
    "  (SemEval-2013 task 9.1 as computed by nervaluate 1.2.1). macro = mean of the",
    "  per-type scores over the types present in gold or predictions. The names and",
    "  numeric layers are matched separately; `all` sums their counts. value acc =",
    "  numeric gold mentions with a non-null value whose span was predicted exactly.",
];

/// Report format of `kashif eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// Aligned plain-text table.
    Table,
    /// One JSON object.
    Json,
    /// CSV rows.
    Csv,
    /// Markdown tables.
    Markdown,
}

impl FromStr for ReportFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "table" => Ok(ReportFormat::Table),
            "json" => Ok(ReportFormat::Json),
            "csv" => Ok(ReportFormat::Csv),
            "markdown" | "md" => Ok(ReportFormat::Markdown),
            _ => Err(Error::Invalid(format!(
                "unknown format `{s}` (expected table, json, csv or markdown)"
            ))),
        }
    }
}

/// What to include besides the scores.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportOptions {
    /// List every error with context, and the "what to fix" ordering.
    pub errors: bool,
    /// The full per-rule report.
    pub rule_report: bool,
}

/// The rule ids the report can call "never fired": every id of the rule
/// registry (`crate::rules::registry`: the engine rules of
/// `engine_rules.csv` and the data rules), plus any id named in a rule file
/// (a CSV column `rule` or `rule_id`, a JSONL key `rule`, `rule_id` or `id`).
pub fn known_rule_ids(rules: &RuleFiles) -> BTreeSet<String> {
    let mut out = crate::rules::registry::Registry::load(rules)
        .map(|r| r.ids())
        .unwrap_or_default();
    for (name, text) in rules.iter() {
        if name.ends_with(".csv") {
            let Ok(table) = CsvTable::parse(name, text) else {
                continue;
            };
            for col in ["rule", "rule_id"] {
                if let Some(i) = table.optional_column(col) {
                    out.extend(
                        table
                            .rows
                            .iter()
                            .map(|r| r.get(i).to_string())
                            .filter(|s| !s.is_empty()),
                    );
                }
            }
        } else if name.ends_with(".jsonl") {
            for line in text.lines() {
                let Ok(Value::Object(obj)) = serde_json::from_str::<Value>(line) else {
                    continue;
                };
                for key in ["rule", "rule_id", "id"] {
                    if let Some(Value::String(s)) = obj.get(key) {
                        out.insert(s.clone());
                    }
                }
            }
        }
    }
    out
}

fn pct(x: f64) -> String {
    format!("{:.1}", 100.0 * x)
}

/// One row of the score table.
struct Row {
    name: String,
    gold: Option<usize>,
    pred: Option<usize>,
    /// strict P R F1, exact F1, partial F1, type F1
    scores: [f64; 6],
    value: Option<String>,
}

fn rows_of(ev: &CorpusEval, scope: &str, evaluation: &Evaluation, types: bool) -> Vec<Row> {
    let mut rows = Vec::new();
    if types {
        for (label, c) in &evaluation.by_type {
            let s = c.get(Scheme::Strict);
            rows.push(Row {
                name: label.as_str().to_string(),
                gold: Some(s.possible()),
                pred: Some(s.actual()),
                scores: [
                    s.precision(Scheme::Strict),
                    s.recall(Scheme::Strict),
                    s.f1(Scheme::Strict),
                    c.get(Scheme::Exact).f1(Scheme::Exact),
                    c.get(Scheme::Partial).f1(Scheme::Partial),
                    c.get(Scheme::Type).f1(Scheme::Type),
                ],
                value: (label.layer() == Layer::Numeric).then(|| {
                    ev.values_by_type
                        .get(label)
                        .filter(|v| v.compared > 0)
                        .map_or("-".to_string(), |v| pct(v.accuracy()))
                }),
            });
        }
    }
    let o = &evaluation.overall;
    let s = o.get(Scheme::Strict);
    rows.push(Row {
        name: format!("{scope} micro"),
        gold: Some(s.possible()),
        pred: Some(s.actual()),
        scores: [
            s.precision(Scheme::Strict),
            s.recall(Scheme::Strict),
            s.f1(Scheme::Strict),
            o.get(Scheme::Exact).f1(Scheme::Exact),
            o.get(Scheme::Partial).f1(Scheme::Partial),
            o.get(Scheme::Type).f1(Scheme::Type),
        ],
        value: (scope != "names").then(|| {
            if ev.values.compared > 0 {
                pct(ev.values.accuracy())
            } else {
                "-".to_string()
            }
        }),
    });
    let m = |scheme| evaluation.macro_avg(scheme);
    let ms = m(Scheme::Strict);
    rows.push(Row {
        name: format!("{scope} macro"),
        gold: None,
        pred: None,
        scores: [
            ms.precision,
            ms.recall,
            ms.f1,
            m(Scheme::Exact).f1,
            m(Scheme::Partial).f1,
            m(Scheme::Type).f1,
        ],
        value: None,
    });
    rows
}

fn all_rows(ev: &CorpusEval) -> Vec<Vec<Row>> {
    let empty = Evaluation::default();
    let names = ev.layers.get(&Layer::Names).unwrap_or(&empty);
    let numeric = ev.layers.get(&Layer::Numeric).unwrap_or(&empty);
    vec![
        rows_of(ev, "names", names, true),
        rows_of(ev, "numeric", numeric, true),
        rows_of(ev, "all", &ev.all, false),
    ]
}

fn header_line(ev: &CorpusEval) -> String {
    let gold: usize = ev.all.overall.get(Scheme::Strict).possible();
    let pred: usize = ev.all.overall.get(Scheme::Strict).actual();
    format!(
        "kashif eval: {} document{}, {gold} gold mentions, {pred} predicted",
        ev.documents.len(),
        if ev.documents.len() == 1 { "" } else { "s" }
    )
}

/// Write the aligned terminal table (and the optional sections).
pub fn write_table(out: &mut impl Write, ev: &CorpusEval, opts: ReportOptions) -> Result<()> {
    writeln!(out, "{}", header_line(ev))?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<14}{:>6}{:>6}  {:^20}  {:^22}  {:>6}",
        "", "", "", "------ strict ------", "--------- F1 ---------", "value"
    )?;
    writeln!(
        out,
        "{:<14}{:>6}{:>6}  {:>6}{:>7}{:>7}  {:>6}{:>8}{:>8}  {:>6}",
        "type", "gold", "pred", "P", "R", "F1", "exact", "partial", "type", "acc"
    )?;
    let rule = "-".repeat(80);
    for block in all_rows(ev) {
        writeln!(out, "{rule}")?;
        for r in block {
            let opt = |x: Option<usize>| x.map_or(String::new(), |x| x.to_string());
            let line = format!(
                "{:<14}{:>6}{:>6}  {:>6}{:>7}{:>7}  {:>6}{:>8}{:>8}  {:>6}",
                r.name,
                opt(r.gold),
                opt(r.pred),
                pct(r.scores[0]),
                pct(r.scores[1]),
                pct(r.scores[2]),
                pct(r.scores[3]),
                pct(r.scores[4]),
                pct(r.scores[5]),
                r.value.unwrap_or_default()
            );
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    writeln!(out, "{rule}")?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<12}{:>6}{:>6}{:>6}{:>6}{:>6}{:>6}{:>6}  {:>6}{:>7}{:>7}",
        "all, micro", "cor", "inc", "par", "mis", "spu", "pos", "act", "P", "R", "F1"
    )?;
    for scheme in Scheme::ALL {
        let c = ev.all.overall.get(scheme);
        writeln!(
            out,
            "{:<12}{:>6}{:>6}{:>6}{:>6}{:>6}{:>6}{:>6}  {:>6}{:>7}{:>7}",
            scheme.as_str(),
            c.correct,
            c.incorrect,
            c.partial,
            c.missed,
            c.spurious,
            c.possible(),
            c.actual(),
            pct(c.precision(scheme)),
            pct(c.recall(scheme)),
            pct(c.f1(scheme))
        )?;
    }
    writeln!(out)?;
    if ev.values.compared == 0 {
        writeln!(
            out,
            "value accuracy: n/a (no numeric gold value whose span was predicted)"
        )?;
    } else {
        writeln!(
            out,
            "value accuracy: {}/{} = {}%",
            ev.values.equal,
            ev.values.compared,
            pct(ev.values.accuracy())
        )?;
    }
    writeln!(
        out,
        "rules: {} fired, {} never fired{}",
        ev.rules.len(),
        ev.never_fired.len(),
        if opts.rule_report {
            ""
        } else {
            " (--rule-report for details)"
        }
    )?;
    writeln!(out)?;
    for line in TABLE_NOTES {
        writeln!(out, "{line}")?;
    }
    if opts.rule_report {
        writeln!(out)?;
        write_rule_report(out, ev)?;
    }
    if opts.errors {
        writeln!(out)?;
        write_what_to_fix(out, &ev.errors)?;
        writeln!(out)?;
        write_errors(out, &ev.errors)?;
    }
    Ok(())
}

/// A mention in an error line: `GPE 109..114 `روسيا``, with ` = value` on
/// numeric mentions; `-` for none.
pub(crate) fn side(s: &Option<super::Side>) -> String {
    match s {
        None => "-".to_string(),
        Some(s) => {
            let value = if s.value.is_null() {
                String::new()
            } else {
                format!(" = {}", s.value)
            };
            format!("{} {}..{} `{}`{value}", s.label, s.start, s.end, s.text)
        }
    }
}

/// Write the error list: one block per error with its context.
pub fn write_errors(out: &mut impl Write, errors: &[ErrorItem]) -> Result<()> {
    writeln!(out, "errors ({}):", errors.len())?;
    for e in errors {
        writeln!(
            out,
            "{:<14} {}  rule: {}",
            e.kind.as_str(),
            e.doc,
            e.rule.as_deref().unwrap_or("-")
        )?;
        writeln!(out, "    gold: {}", side(&e.gold))?;
        writeln!(out, "    pred: {}", side(&e.pred))?;
        writeln!(out, "    … {}[{}]{} …", e.left, e.span, e.right)?;
    }
    Ok(())
}

/// Write the "what to fix" list: errors grouped by kind, type and rule,
/// most frequent first.
pub fn write_what_to_fix(out: &mut impl Write, errors: &[ErrorItem]) -> Result<()> {
    writeln!(out, "what to fix (most frequent first):")?;
    writeln!(out, "{:>6}  {:<14} {:<10} rule", "count", "error", "type")?;
    for item in what_to_fix(errors) {
        writeln!(
            out,
            "{:>6}  {:<14} {:<10} {}",
            item.count,
            item.kind.as_str(),
            item.label.as_str(),
            item.rule.as_deref().unwrap_or("-")
        )?;
    }
    Ok(())
}

/// Write the rule report: per rule that fired, its strict true and false
/// positives (by kind), worst first; then the rules that never fired.
pub fn write_rule_report(out: &mut impl Write, ev: &CorpusEval) -> Result<()> {
    let mut rules: Vec<&super::RuleStats> = ev.rules.iter().collect();
    rules.sort_by(|a, b| b.fp.cmp(&a.fp).then(a.rule.cmp(&b.rule)));
    writeln!(out, "rule report (strict matching):")?;
    writeln!(
        out,
        "{:<32}{:>6}{:>5}{:>5}{:>6}{:>6}{:>6}{:>6}{:>6}{:>7}",
        "rule", "fired", "TP", "FP", "bound", "type", "b+t", "spur", "value", "prec"
    )?;
    for r in rules {
        let prec = if r.fired == 0 {
            0.0
        } else {
            r.tp as f64 / r.fired as f64
        };
        writeln!(
            out,
            "{:<32}{:>6}{:>5}{:>5}{:>6}{:>6}{:>6}{:>6}{:>6}{:>7}",
            r.rule,
            r.fired,
            r.tp,
            r.fp,
            r.boundary,
            r.wrong_type,
            r.boundary_and_type,
            r.spurious,
            r.wrong_value,
            pct(prec)
        )?;
    }
    if ev.never_fired.is_empty() {
        writeln!(out, "never fired: none")?;
    } else {
        writeln!(out, "never fired ({}):", ev.never_fired.len())?;
        for r in &ev.never_fired {
            writeln!(out, "  {r}")?;
        }
    }
    Ok(())
}

/// Write the report in the chosen format.
pub fn write_report(
    out: &mut impl Write,
    ev: &CorpusEval,
    format: ReportFormat,
    opts: ReportOptions,
) -> Result<()> {
    match format {
        ReportFormat::Table => write_table(out, ev, opts),
        ReportFormat::Json => write_json(out, ev, opts),
        ReportFormat::Csv => write_csv(out, ev, opts),
        ReportFormat::Markdown => write_markdown(out, ev, opts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_handles_an_empty_evaluation() {
        let ev = CorpusEval::default();
        let opts = ReportOptions {
            errors: true,
            rule_report: true,
        };
        for format in [
            ReportFormat::Table,
            ReportFormat::Json,
            ReportFormat::Csv,
            ReportFormat::Markdown,
        ] {
            let mut out = Vec::new();
            write_report(&mut out, &ev, format, opts).unwrap();
            assert!(!out.is_empty(), "{format:?}");
        }
        let v = to_json(&ev, opts);
        assert_eq!(v["layers"]["all"]["micro"]["strict"]["f1"], 0.0);
    }

    #[test]
    fn known_rule_ids_from_csv_and_jsonl() {
        let mut rules = RuleFiles::default();
        rules.insert("a/x.csv", "# c\nentry,rule\nفي,a/one\nمن,\n");
        rules.insert(
            "a/p.jsonl",
            "{\"id\": \"a/two\", \"pattern\": \"x\"}\nnot json\n",
        );
        rules.insert("a/y.csv", "entry,label\nبكين,GPE\n");
        let ids: Vec<String> = known_rule_ids(&rules).into_iter().collect();
        assert_eq!(ids, vec!["a/one".to_string(), "a/two".to_string()]);
    }
}
