//! The HTML report of `kashif eval --html FILE`: one self-contained page (inline
//! CSS and a few lines of inline JavaScript, nothing fetched) with the scores
//! per type and per document, then one collapsed section per document. Each
//! section shows the text right to left for each layer (names, numbers), gold
//! beside the predictions, with mentions highlighted per label the way
//! displaCy's entity view does (a colour per label, the label tag after the
//! span) and the errors of the evaluation marked on them.
//!
//! Every mention element is a `<mark class="ent">` carrying `data-doc`,
//! `data-side` (`gold`/`pred`), `data-layer`, `data-label`, `data-start`,
//! `data-end` (code point offsets), `data-status` (`correct`, `missed`,
//! `spurious`, `boundary`, `type`, `boundary+type`, `value`), and for
//! predictions `data-rule`; its first child `<span class="t">` holds exactly
//! the mention's text. The hover title gives rule, value and evidence. All
//! document text is escaped.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::score::Scheme;
use super::summary::DocScore;
use super::{CorpusEval, ErrorKind, ScoredDoc};
use crate::mention::{Label, Layer, Mention};

/// Escape text for HTML element content and double-quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The background colour of a label (displaCy's palette where it has one).
fn colour(label: Label) -> &'static str {
    match label {
        Label::Person => "#aa9cfc",
        Label::Norp => "#c887fb",
        Label::Org => "#7aecec",
        Label::Gpe => "#feca74",
        Label::Loc => "#ff9561",
        Label::Fac => "#9cc9cc",
        Label::Misc => "#bfeeb7",
        Label::Cardinal => "#e4e7d2",
        Label::Ordinal => "#d9e3a8",
        Label::Percent => "#f5d0e6",
        Label::Money => "#c6e8a0",
        Label::Quantity => "#f4e3b5",
        Label::Date => "#bfe1d9",
        Label::Time => "#a8d8f0",
    }
}

const STYLE: &str = r#"
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;background:#fff}
h1{margin:.2em 0}h2{margin-top:1.2em}
table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:.15em .5em;text-align:right;font-variant-numeric:tabular-nums}
th{background:#f3f3f3}td.doc,th.doc{text-align:left}
.controls label{margin-right:1em}
.legend{line-height:2.6}.legend mark{margin:0 .3em;background:#eee}
details.doc{border:1px solid #ddd;border-radius:6px;margin:.6em 0;padding:.3em .8em}
details.doc>summary{cursor:pointer;font-weight:600}
details.doc>summary .sc{font-weight:400;color:#555;margin-left:1em}
.layer h3{margin:.6em 0 .2em;font-size:1em;color:#444}
.cols{display:flex;gap:1.2em;align-items:flex-start}
.col{flex:1;min-width:0}
.col h4{margin:.2em 0;font-size:.85em;color:#666;text-align:right}
.text{white-space:pre-wrap;line-height:2.5;font-size:1.1em;border-top:1px solid #eee;padding-top:.3em}
mark.ent{padding:.25em .4em;margin:0 .15em;border-radius:.35em;line-height:1;box-decoration-break:clone;-webkit-box-decoration-break:clone;color:#111}
mark.ent .tag{font-size:.6em;font-weight:700;vertical-align:middle;margin-inline-start:.4em;font-family:system-ui,sans-serif;direction:ltr;unicode-bidi:isolate}
mark.ent .err{font-size:.55em;font-weight:700;margin-inline-start:.3em;padding:0 .25em;border-radius:.3em;background:#c0392b;color:#fff;direction:ltr;unicode-bidi:isolate}
mark.ent[data-status="missed"]{outline:2px dashed #c0392b;background:transparent !important}
mark.ent[data-status="spurious"]{outline:2px solid #c0392b;text-decoration:line-through #c0392b}
mark.ent[data-status="type"]{outline:2px solid #e67e22}
mark.ent[data-status="type"] .err{background:#e67e22}
mark.ent[data-status="boundary"],mark.ent[data-status="boundary+type"]{outline:2px dotted #8e44ad}
mark.ent[data-status="boundary"] .err,mark.ent[data-status="boundary+type"] .err{background:#8e44ad}
mark.ent[data-status="value"]{outline:2px solid #2471a3}
mark.ent[data-status="value"] .err{background:#2471a3}
.overlaps{font-size:.85em;color:#555}
body:has(#show-names:not(:checked)) .layer.names{display:none}
body:has(#show-numeric:not(:checked)) .layer.numeric{display:none}
body:has(#show-gold:not(:checked)) .col.gold{display:none}
body:has(#show-pred:not(:checked)) .col.pred{display:none}
"#;

const SCRIPT: &str = r#"
function openHash(){var id=decodeURIComponent(location.hash.slice(1));var e=id&&document.getElementById(id);if(e&&e.tagName==='DETAILS'){e.open=true;}}
window.addEventListener('hashchange',openHash);openHash();
function setAll(open){document.querySelectorAll('details.doc').forEach(function(d){d.open=open;});}
"#;

fn pct(x: f64) -> String {
    format!("{:.1}", 100.0 * x)
}

/// The error status of the gold and predicted mentions of a document that
/// the evaluation's error list names; every other mention is correct.
struct Statuses {
    gold: HashMap<(usize, usize, Label), &'static str>,
    pred: HashMap<(usize, usize, Label), &'static str>,
}

fn statuses(doc: &ScoredDoc, ev: &CorpusEval) -> Statuses {
    let mut s = Statuses {
        gold: HashMap::new(),
        pred: HashMap::new(),
    };
    let exact = |start: usize, end: usize, label: Label| {
        doc.pred
            .iter()
            .any(|p| p.start == start && p.end == end && p.label == label)
    };
    // Value errors first: they win over every other mark.
    let errors: Vec<_> = ev.errors.iter().filter(|e| *e.doc == *doc.doc.id).collect();
    for pass in [true, false] {
        for e in errors
            .iter()
            .filter(|e| (e.kind == ErrorKind::Value) == pass)
        {
            let kind = e.kind.as_str();
            if let Some(g) = &e.gold {
                let key = (g.start, g.end, g.label);
                if pass || !exact(g.start, g.end, g.label) {
                    s.gold.entry(key).or_insert(kind);
                }
            }
            if let Some(p) = &e.pred {
                s.pred.entry((p.start, p.end, p.label)).or_insert(kind);
            }
        }
    }
    s
}

fn title_of(m: &Mention, side: &str, status: &str) -> String {
    let mut t = format!("{side} {} {}..{}", m.label, m.start, m.end);
    if status != "correct" {
        let _ = write!(t, " · error: {status}");
    }
    if side == "predicted" {
        let _ = write!(t, " · rule: {}", m.rule);
    }
    if !m.value.is_null() {
        let _ = write!(t, " · value: {}", m.value);
    }
    if !m.evidence.is_empty() {
        let _ = write!(t, " · evidence: {}", m.evidence);
    }
    t
}

fn mark(out: &mut String, doc: &str, m: &Mention, side: &str, status: &str) {
    let long = if side == "gold" { "gold" } else { "predicted" };
    let _ = write!(
        out,
        r#"<mark class="ent" style="background:{}" data-doc="{}" data-side="{side}" data-layer="{}" data-label="{}" data-start="{}" data-end="{}" data-status="{}""#,
        colour(m.label),
        escape(doc),
        m.layer().as_str(),
        m.label,
        m.start,
        m.end,
        escape(status),
    );
    if side == "pred" {
        let _ = write!(out, r#" data-rule="{}""#, escape(&m.rule));
    }
    if !m.value.is_null() {
        let _ = write!(out, r#" data-value="{}""#, escape(&m.value.to_string()));
    }
    let _ = write!(
        out,
        r#" title="{}"><span class="t">{}</span><span class="tag">{}</span>"#,
        escape(&title_of(m, long, status)),
        escape(&m.text),
        m.label
    );
    if status != "correct" {
        let _ = write!(out, r#"<span class="err">{}</span>"#, escape(status));
    }
    out.push_str("</mark>");
}

/// A mention's status: its error, or `correct`.
fn status_of(status: &HashMap<(usize, usize, Label), &'static str>, m: &Mention) -> &'static str {
    status
        .get(&(m.start, m.end, m.label))
        .copied()
        .unwrap_or("correct")
}

/// The document text with `mentions` (one side, one layer) marked. A
/// mention that overlaps an earlier one (possible only in predictions read
/// from a file) is listed under the text instead.
fn render_text(
    out: &mut String,
    doc: &ScoredDoc,
    chars: &[char],
    mentions: &[&Mention],
    side: &str,
    status: &HashMap<(usize, usize, Label), &'static str>,
) {
    let mut sorted: Vec<&Mention> = mentions.to_vec();
    sorted.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    out.push_str(r#"<div class="text" dir="rtl">"#);
    let mut at = 0;
    let mut overlapping = Vec::new();
    for m in sorted {
        if m.start < at || m.end > chars.len() {
            overlapping.push(m);
            continue;
        }
        out.push_str(&escape(&chars[at..m.start].iter().collect::<String>()));
        let st = status_of(status, m);
        mark(out, &doc.doc.id, m, side, st);
        at = m.end;
    }
    out.push_str(&escape(
        &chars[at.min(chars.len())..].iter().collect::<String>(),
    ));
    out.push_str("</div>");
    if !overlapping.is_empty() {
        out.push_str(r#"<div class="overlaps" dir="rtl">overlapping, not shown inline: "#);
        for m in overlapping {
            let st = status_of(status, m);
            mark(out, &doc.doc.id, m, side, st);
            out.push(' ');
        }
        out.push_str("</div>");
    }
}

fn doc_anchor(doc: &str) -> String {
    format!("doc-{doc}")
}

fn write_type_table(out: &mut String, ev: &CorpusEval) {
    out.push_str(r#"<table id="scores-by-type"><thead><tr><th class="doc">type</th><th>gold</th><th>pred</th><th>P</th><th>R</th><th>F1</th><th>F1 exact</th><th>F1 partial</th><th>F1 type</th><th>value acc</th></tr></thead><tbody>"#);
    let row = |out: &mut String, name: &str, c: &super::score::SchemeCounts, value: String| {
        let s = c.get(Scheme::Strict);
        let _ = write!(
            out,
            r#"<tr><td class="doc">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            escape(name),
            s.possible(),
            s.actual(),
            pct(s.precision(Scheme::Strict)),
            pct(s.recall(Scheme::Strict)),
            pct(s.f1(Scheme::Strict)),
            pct(c.get(Scheme::Exact).f1(Scheme::Exact)),
            pct(c.get(Scheme::Partial).f1(Scheme::Partial)),
            pct(c.get(Scheme::Type).f1(Scheme::Type)),
            value
        );
    };
    for layer in [Layer::Names, Layer::Numeric] {
        let Some(e) = ev.layers.get(&layer) else {
            continue;
        };
        for (label, c) in &e.by_type {
            let value = match ev.values_by_type.get(label) {
                Some(v) if v.compared > 0 => format!("{}/{}", v.equal, v.compared),
                _ => String::new(),
            };
            row(out, label.as_str(), c, value);
        }
        row(
            out,
            &format!("{} micro", layer.as_str()),
            &e.overall,
            String::new(),
        );
    }
    let value = if ev.values.compared > 0 {
        format!("{}/{}", ev.values.equal, ev.values.compared)
    } else {
        String::new()
    };
    row(out, "all micro", &ev.all.overall, value);
    out.push_str("</tbody></table>");
}

fn f1_cell(s: &super::summary::LayerScore) -> String {
    if s.is_scored() {
        pct(s.f1)
    } else {
        "-".to_string()
    }
}

fn write_doc_table(out: &mut String, by_doc: &[DocScore]) {
    out.push_str(r#"<table id="scores-by-doc"><thead><tr><th class="doc">document</th><th>split</th><th>all F1</th><th>names F1</th><th>names gold</th><th>numeric F1</th><th>numeric gold</th><th>value</th><th>errors</th></tr></thead><tbody>"#);
    for s in by_doc {
        let value = if s.values.compared > 0 {
            format!("{}/{}", s.values.equal, s.values.compared)
        } else {
            "-".to_string()
        };
        let _ = write!(
            out,
            r##"<tr><td class="doc"><a href="#{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"##,
            escape(&doc_anchor(&s.doc)),
            escape(&s.doc),
            escape(s.split.as_deref().unwrap_or("")),
            f1_cell(&s.all),
            f1_cell(&s.names),
            s.names.gold,
            f1_cell(&s.numeric),
            s.numeric.gold,
            value,
            s.errors
        );
    }
    out.push_str("</tbody></table>");
}

fn write_legend(out: &mut String) {
    out.push_str(r#"<p class="legend">labels: "#);
    for &label in Label::ALL {
        let _ = write!(
            out,
            r#"<mark class="ent" style="background:{}"><span class="tag">{label}</span></mark>"#,
            colour(label)
        );
    }
    out.push_str(r#"<br>errors: <mark class="ent" data-status="missed">missed</mark> (gold, not predicted) <mark class="ent" data-status="spurious">spurious</mark> (predicted, no gold) <mark class="ent" data-status="type">type</mark> (right span, wrong type) <mark class="ent" data-status="boundary">boundary</mark> (overlapping span) <mark class="ent" data-status="value">value</mark> (right span, wrong value). Hover a mention for its rule, value and evidence.</p>"#);
}

fn write_document(
    out: &mut String,
    doc: &ScoredDoc,
    score: Option<&DocScore>,
    ev: &CorpusEval,
    open: bool,
) {
    let chars: Vec<char> = doc.doc.text.chars().collect();
    let st = statuses(doc, ev);
    let id = &*doc.doc.id;
    let _ = write!(
        out,
        r#"<details class="doc" id="{}" data-doc="{}"{}><summary>{}"#,
        escape(&doc_anchor(id)),
        escape(id),
        if open { " open" } else { "" },
        escape(id)
    );
    if let Some(s) = score {
        let _ = write!(
            out,
            r#"<span class="sc">names F1 {} · numeric F1 {} · errors {}</span>"#,
            f1_cell(&s.names),
            f1_cell(&s.numeric),
            s.errors
        );
    }
    out.push_str("</summary>");
    for layer in [Layer::Names, Layer::Numeric] {
        let _ = write!(
            out,
            r#"<section class="layer {0}" data-layer="{0}"><h3>{0}</h3><div class="cols" dir="rtl">"#,
            layer.as_str()
        );
        for (side, heading, mentions, status) in [
            ("gold", "gold", &doc.gold, &st.gold),
            ("pred", "predicted", &doc.pred, &st.pred),
        ] {
            let of_layer: Vec<&Mention> = mentions.iter().filter(|m| m.layer() == layer).collect();
            let _ = write!(
                out,
                r#"<div class="col {side}" data-side="{side}"><h4>{heading} ({})</h4>"#,
                of_layer.len()
            );
            render_text(out, doc, &chars, &of_layer, side, status);
            out.push_str("</div>");
        }
        out.push_str("</div></section>");
    }
    out.push_str("</details>");
}

/// The whole report page. Documents appear in the order of `by_doc` (worst
/// first), then any document it does not list; a single document is shown
/// open, more are collapsed.
pub fn render(
    docs: &[ScoredDoc],
    ev: &CorpusEval,
    by_doc: &[DocScore],
    subset: Option<&str>,
) -> String {
    let mut out = String::new();
    out.push_str(r#"<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>kashif report</title><style>"#);
    out.push_str(STYLE);
    out.push_str(r#"</style></head><body><header dir="ltr"><h1>kashif report</h1>"#);
    let gold = ev.all.overall.get(Scheme::Strict).possible();
    let pred = ev.all.overall.get(Scheme::Strict).actual();
    let _ = write!(
        out,
        r#"<p id="summary">{} document{}{}, {gold} gold mentions, {pred} predicted; kashif {}</p>"#,
        docs.len(),
        if docs.len() == 1 { "" } else { "s" },
        subset.map_or(String::new(), |s| format!(" (subset {})", escape(s))),
        env!("CARGO_PKG_VERSION")
    );
    out.push_str(r#"<p class="controls">show: <label><input type="checkbox" id="show-names" checked> names</label><label><input type="checkbox" id="show-numeric" checked> numbers</label><label><input type="checkbox" id="show-gold" checked> gold</label><label><input type="checkbox" id="show-pred" checked> predicted</label><button type="button" onclick="setAll(true)">open all</button> <button type="button" onclick="setAll(false)">close all</button></p>"#);
    write_legend(&mut out);
    out.push_str("<h2>Scores per type (strict, %)</h2>");
    write_type_table(&mut out, ev);
    out.push_str("<h2>Scores per document (worst first)</h2>");
    write_doc_table(&mut out, by_doc);
    out.push_str("</header><main><h2>Documents</h2>");
    let index: HashMap<&str, &ScoredDoc> = docs.iter().map(|d| (&*d.doc.id, d)).collect();
    let score_of: HashMap<&str, &DocScore> = by_doc.iter().map(|s| (s.doc.as_str(), s)).collect();
    let open = docs.len() == 1;
    let mut shown = std::collections::HashSet::new();
    for s in by_doc {
        if let Some(d) = index.get(s.doc.as_str()) {
            if shown.insert(s.doc.as_str()) {
                write_document(&mut out, d, Some(s), ev, open);
            }
        }
    }
    for d in docs {
        if shown.insert(&d.doc.id) {
            write_document(&mut out, d, score_of.get(&*d.doc.id).copied(), ev, open);
        }
    }
    out.push_str("</main><script>");
    out.push_str(SCRIPT);
    out.push_str("</script></body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Document;
    use serde_json::json;

    fn m(doc: &Document, start: usize, end: usize, label: Label, rule: &str) -> Mention {
        Mention {
            doc: doc.id.clone(),
            start,
            end,
            label,
            text: doc.text.chars().skip(start).take(end - start).collect(),
            value: json!(null).into(),
            rule: rule.to_string().into(),
            modifier: None,
            evidence: "why".to_string(),
            priority: 0,
        }
    }

    #[test]
    fn text_is_escaped_and_errors_marked() {
        let doc = Document::new("d<1>", "<script>alert(1)</script> بكين وموسكو");
        let gold = vec![
            m(&doc, 27, 31, Label::Gpe, "gold"),
            m(&doc, 33, 38, Label::Gpe, "gold"),
        ];
        let pred = vec![
            m(&doc, 0, 8, Label::Org, "r/x"),
            m(&doc, 27, 31, Label::Gpe, "r/gaz"),
        ];
        let docs = vec![ScoredDoc { doc, gold, pred }];
        let ev = super::super::evaluate(&docs, &Default::default());
        let page = render(&docs, &ev, &[], None);
        assert!(!page.contains("<script>alert"), "unescaped document text");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains(r#"data-doc="d&lt;1&gt;""#));
        assert!(page.contains(r#"data-side="pred" data-layer="names" data-label="ORG" data-start="0" data-end="8" data-status="spurious" data-rule="r/x""#), "{page}");
        assert!(page.contains(r#"data-side="gold" data-layer="names" data-label="GPE" data-start="33" data-end="38" data-status="missed""#));
        assert!(page.contains(r#"data-label="GPE" data-start="27" data-end="31" data-status="correct" data-rule="r/gaz""#));
        assert!(page.contains("evidence: why"));
        // Exactly one script element: the report's own.
        assert_eq!(page.matches("<script>").count(), 1);
    }
}
