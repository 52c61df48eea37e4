//! The machine-readable reports of a [`CorpusEval`]: one JSON object, CSV
//! rows and Markdown tables, from the same rows as the terminal table.

use std::io::Write;

use serde_json::{json, Map, Value};

use super::*;

fn scope_json(ev: &Evaluation) -> Value {
    let mut by_type = Map::new();
    for (label, c) in &ev.by_type {
        by_type.insert(label.as_str().to_string(), json!(c.metrics()));
    }
    let macro_avg: Map<String, Value> = Scheme::ALL
        .iter()
        .map(|&s| (s.as_str().to_string(), json!(ev.macro_avg(s))))
        .collect();
    json!({
        "micro": ev.overall.metrics(),
        "macro": macro_avg,
        "by_type": by_type,
    })
}

/// The whole report as one JSON value.
pub fn to_json(ev: &CorpusEval, opts: ReportOptions) -> Value {
    let mut layers = Map::new();
    for (layer, e) in &ev.layers {
        layers.insert(layer.as_str().to_string(), scope_json(e));
    }
    layers.insert("all".to_string(), scope_json(&ev.all));
    let value_by_type: Map<String, Value> = ev
        .values_by_type
        .iter()
        .map(|(l, v)| {
            (
                l.as_str().to_string(),
                json!({"compared": v.compared, "equal": v.equal, "accuracy": v.accuracy()}),
            )
        })
        .collect();
    let mut obj = json!({
        "documents": ev.documents,
        "notes": {"schemes": SCHEME_NOTE, "macro": MACRO_NOTE, "value_accuracy": VALUE_NOTE,
                  "layers": "names and numeric layers are matched separately; `all` sums their counts"},
        "layers": layers,
        "value_accuracy": {
            "compared": ev.values.compared,
            "equal": ev.values.equal,
            "accuracy": ev.values.accuracy(),
            "by_type": value_by_type,
        },
        "rules": {"fired": ev.rules, "never_fired": ev.never_fired},
        "per_document": ev.per_doc.iter().map(|(doc, c)| json!({
            "doc": doc,
            "scores": c.metrics(),
        })).collect::<Vec<_>>(),
    });
    if opts.errors {
        obj["errors"] = json!(ev.errors);
        obj["what_to_fix"] = json!(what_to_fix(&ev.errors));
    }
    obj
}

/// Write the JSON report (pretty-printed).
pub fn write_json(out: &mut impl Write, ev: &CorpusEval, opts: ReportOptions) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_json(ev, opts))
        .map_err(|e| Error::Invalid(e.to_string()))?;
    writeln!(out)?;
    Ok(())
}

/// The CSV header of the score rows.
pub const CSV_SCORE_HEADER: [&str; 14] = [
    "scope",
    "type",
    "scheme",
    "correct",
    "incorrect",
    "partial",
    "missed",
    "spurious",
    "possible",
    "actual",
    "precision",
    "recall",
    "f1",
    "value_accuracy",
];

/// Write CSV: score rows (`scope` = names/numeric/all, `type` = a label,
/// `micro` or `macro`), value accuracy rows (`scheme` = `value`); with
/// `--errors`, a blank line and the error rows with their own header.
pub fn write_csv(out: &mut impl Write, ev: &CorpusEval, opts: ReportOptions) -> Result<()> {
    let err = |e: csv::Error| Error::Invalid(e.to_string());
    {
        let mut w = csv::WriterBuilder::new().from_writer(&mut *out);
        w.write_record(CSV_SCORE_HEADER).map_err(err)?;
        let mut scopes: Vec<(&str, &Evaluation)> =
            ev.layers.iter().map(|(l, e)| (l.as_str(), e)).collect();
        scopes.push(("all", &ev.all));
        for (scope, e) in scopes {
            let mut groups: Vec<(String, &crate::eval::score::SchemeCounts)> = e
                .by_type
                .iter()
                .map(|(l, c)| (l.as_str().to_string(), c))
                .collect();
            groups.push(("micro".to_string(), &e.overall));
            for (name, c) in groups {
                for scheme in Scheme::ALL {
                    let m = c.get(scheme).metrics(scheme);
                    w.write_record([
                        scope,
                        &name,
                        scheme.as_str(),
                        &m.correct.to_string(),
                        &m.incorrect.to_string(),
                        &m.partial.to_string(),
                        &m.missed.to_string(),
                        &m.spurious.to_string(),
                        &m.possible.to_string(),
                        &m.actual.to_string(),
                        &m.precision.to_string(),
                        &m.recall.to_string(),
                        &m.f1.to_string(),
                        "",
                    ])
                    .map_err(err)?;
                }
            }
            for scheme in Scheme::ALL {
                let m = e.macro_avg(scheme);
                w.write_record([
                    scope,
                    "macro",
                    scheme.as_str(),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    &m.precision.to_string(),
                    &m.recall.to_string(),
                    &m.f1.to_string(),
                    "",
                ])
                .map_err(err)?;
            }
        }
        let mut values: Vec<(String, crate::eval::score::ValueCounts)> = ev
            .values_by_type
            .iter()
            .map(|(l, v)| (l.as_str().to_string(), *v))
            .collect();
        values.push(("micro".to_string(), ev.values));
        for (name, v) in values {
            w.write_record([
                "numeric",
                &name,
                "value",
                &v.equal.to_string(),
                "",
                "",
                "",
                "",
                &v.compared.to_string(),
                "",
                "",
                "",
                "",
                &v.accuracy().to_string(),
            ])
            .map_err(err)?;
        }
        w.flush()?;
    }
    if opts.errors {
        writeln!(out)?;
        let mut w = csv::WriterBuilder::new().from_writer(&mut *out);
        w.write_record([
            "doc",
            "kind",
            "layer",
            "gold_start",
            "gold_end",
            "gold_type",
            "gold_text",
            "gold_value",
            "pred_start",
            "pred_end",
            "pred_type",
            "pred_text",
            "pred_value",
            "rule",
            "left",
            "span",
            "right",
        ])
        .map_err(err)?;
        for e in &ev.errors {
            let s = |s: &Option<crate::eval::Side>| -> [String; 5] {
                match s {
                    None => Default::default(),
                    Some(s) => [
                        s.start.to_string(),
                        s.end.to_string(),
                        s.label.to_string(),
                        s.text.clone(),
                        if s.label.layer() == Layer::Names {
                            String::new()
                        } else {
                            s.value.to_string()
                        },
                    ],
                }
            };
            let mut rec = vec![
                e.doc.clone(),
                e.kind.as_str().to_string(),
                e.layer.as_str().to_string(),
            ];
            rec.extend(s(&e.gold));
            rec.extend(s(&e.pred));
            rec.extend([
                e.rule.clone().unwrap_or_default(),
                e.left.clone(),
                e.span.clone(),
                e.right.clone(),
            ]);
            w.write_record(&rec).map_err(err)?;
        }
        w.flush()?;
    }
    Ok(())
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('`', "'")
}

/// Write Markdown: the score table, the per-scheme table, value accuracy and
/// (optionally) the rule report and errors.
pub fn write_markdown(out: &mut impl Write, ev: &CorpusEval, opts: ReportOptions) -> Result<()> {
    writeln!(out, "**{}**", header_line(ev))?;
    writeln!(out)?;
    writeln!(
        out,
        "| type | gold | pred | strict P | strict R | strict F1 | exact F1 | partial F1 | type F1 | value acc |"
    )?;
    writeln!(out, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")?;
    for block in all_rows(ev) {
        for r in block {
            let opt = |x: Option<usize>| x.map_or(String::new(), |x| x.to_string());
            let name = if r.name.contains(' ') {
                format!("**{}**", r.name)
            } else {
                r.name.clone()
            };
            writeln!(
                out,
                "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                opt(r.gold),
                opt(r.pred),
                pct(r.scores[0]),
                pct(r.scores[1]),
                pct(r.scores[2]),
                pct(r.scores[3]),
                pct(r.scores[4]),
                pct(r.scores[5]),
                r.value.unwrap_or_default()
            )?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "| all, micro | correct | incorrect | partial | missed | spurious | P | R | F1 |"
    )?;
    writeln!(out, "|---|--:|--:|--:|--:|--:|--:|--:|--:|")?;
    for scheme in Scheme::ALL {
        let c = ev.all.overall.get(scheme);
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            scheme.as_str(),
            c.correct,
            c.incorrect,
            c.partial,
            c.missed,
            c.spurious,
            pct(c.precision(scheme)),
            pct(c.recall(scheme)),
            pct(c.f1(scheme))
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Value accuracy: {}/{} = {}%. Scores in %. {SCHEME_NOTE}; {MACRO_NOTE}; {VALUE_NOTE}.",
        ev.values.equal,
        ev.values.compared,
        pct(ev.values.accuracy())
    )?;
    if opts.rule_report {
        writeln!(out)?;
        writeln!(
            out,
            "| rule | fired | TP | FP | boundary | type | boundary+type | spurious | wrong value |"
        )?;
        writeln!(out, "|---|--:|--:|--:|--:|--:|--:|--:|--:|")?;
        for r in &ev.rules {
            writeln!(
                out,
                "| `{}` | {} | {} | {} | {} | {} | {} | {} | {} |",
                r.rule,
                r.fired,
                r.tp,
                r.fp,
                r.boundary,
                r.wrong_type,
                r.boundary_and_type,
                r.spurious,
                r.wrong_value
            )?;
        }
        writeln!(out)?;
        let never: Vec<String> = ev.never_fired.iter().map(|r| format!("`{r}`")).collect();
        writeln!(
            out,
            "Never fired: {}",
            if never.is_empty() {
                "none".to_string()
            } else {
                never.join(", ")
            }
        )?;
    }
    if opts.errors {
        writeln!(out)?;
        writeln!(out, "| count | error | type | rule |")?;
        writeln!(out, "|--:|---|---|---|")?;
        for item in what_to_fix(&ev.errors) {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                item.count,
                item.kind.as_str(),
                item.label,
                item.rule
                    .as_deref()
                    .map_or("-".to_string(), |r| format!("`{r}`"))
            )?;
        }
        writeln!(out)?;
        writeln!(out, "| doc | error | gold | pred | rule | context |")?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for e in &ev.errors {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | … {}**{}**{} … |",
                e.doc,
                e.kind.as_str(),
                md_escape(&side(&e.gold)),
                md_escape(&side(&e.pred)),
                e.rule.as_deref().unwrap_or("-"),
                md_escape(&e.left),
                md_escape(&e.span),
                md_escape(&e.right)
            )?;
        }
    }
    Ok(())
}
