//! Gold annotation: loading and validating `gold/<doc>.csv` (columns
//! `start,end,type,text,value`, code point offsets, end exclusive, `value` as
//! JSON text, empty for names), writing it back, and converting from and to
//! brat standoff (`.ann`, values as `AnnotatorNotes`) and CoNLL BIO (names
//! layer, whole whitespace tokens).
//!
//! Every problem is an [`Error::Gold`] naming the file, the 1-based line and
//! what is wrong. This module owns the CSV format and the checks every format
//! shares; the submodules `brat`, `conll_bio` and `predictions` own the others.

mod brat;
mod conll_bio;
mod predictions;

pub use brat::{parse_brat_ann, write_brat_ann};
pub use conll_bio::{parse_conll_bio, tokens_split_at_mentions, write_conll_bio};
pub use predictions::parse_predictions_jsonl;

use std::io::Write;
use std::path::Path;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::io::Document;
use crate::mention::{Label, Layer, Mention, Modifier};

/// The `rule` field of every gold mention.
pub const GOLD_RULE: &str = "gold";

/// The header of a gold CSV file.
pub const GOLD_HEADER: [&str; 5] = ["start", "end", "type", "text", "value"];

/// The code point → byte offset table of a text (one entry past the end).
pub struct CharIndex<'a> {
    text: &'a str,
    bytes: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    /// Index `text`.
    pub fn new(text: &'a str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharIndex { text, bytes }
    }

    /// Number of code points.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The slice of code points `start..end`, if in range.
    pub fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        if start > end || end > self.len() {
            return None;
        }
        Some(&self.text[self.bytes[start]..self.bytes[end]])
    }
}

/// A gold mention as read from a file, before validation.
#[derive(Debug, Clone)]
pub struct GoldRow {
    /// 1-based line in the source file.
    pub line: usize,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The label.
    pub label: Label,
    /// The text the file claims for the span (`None`: take it from the document).
    pub text: Option<String>,
    /// The value (`Null` for names).
    pub value: Value,
    /// The comparator of a numeric span (brat `Modifier` attribute).
    pub modifier: Option<Modifier>,
}

fn shown(s: &str) -> String {
    let s = s.replace('\n', "\\n");
    if s.chars().count() > 40 {
        let head: String = s.chars().take(40).collect();
        format!("{head}…")
    } else {
        s
    }
}

/// Validate rows against their document and turn them into mentions sorted
/// by `(start, end)`: spans non-empty and inside the document, the text
/// equals the document slice, no overlap within a layer.
pub fn validate(file: &str, doc: &Document, rows: Vec<GoldRow>) -> Result<Vec<Mention>> {
    validate_with(file, doc, rows, Vec::new())
}

/// [`validate`], adding its problems to `problems` (those found while the
/// rows were parsed): every bad row is reported, each naming its line, and
/// the file is refused when there is any.
pub(super) fn validate_with(
    file: &str,
    doc: &Document,
    rows: Vec<GoldRow>,
    mut problems: Vec<Error>,
) -> Result<Vec<Mention>> {
    let index = CharIndex::new(&doc.text);
    let mut mentions = Vec::with_capacity(rows.len());
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        if let Err(problem) = check_row(file, doc, &index, &row) {
            problems.push(problem);
            continue;
        }
        let slice = index.slice(row.start, row.end).unwrap_or_default();
        lines.push(row.line);
        mentions.push(Mention {
            doc: doc.id.clone(),
            start: row.start,
            end: row.end,
            label: row.label,
            text: slice.to_string(),
            value: row.value.into(),
            rule: GOLD_RULE.into(),
            modifier: row.modifier,
            evidence: String::new(),
            priority: 0,
        });
    }
    // Overlap within a layer.
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (mentions[i].start, mentions[i].end, lines[i]));
    for layer in [Layer::Names, Layer::Numeric] {
        let mut furthest: Option<usize> = None;
        for &i in order.iter().filter(|&&i| mentions[i].layer() == layer) {
            if let Some(j) = furthest {
                if mentions[j].end > mentions[i].start {
                    let (a, b) = if lines[i] >= lines[j] { (i, j) } else { (j, i) };
                    problems.push(Error::gold(
                        file,
                        lines[a],
                        format!(
                            "{} `{}` at {}..{} overlaps {} `{}` at {}..{} (line {}) in the {} layer",
                            mentions[a].label,
                            shown(&mentions[a].text),
                            mentions[a].start,
                            mentions[a].end,
                            mentions[b].label,
                            shown(&mentions[b].text),
                            mentions[b].start,
                            mentions[b].end,
                            lines[b],
                            layer.as_str()
                        ),
                    ));
                }
                if mentions[i].end > mentions[j].end {
                    furthest = Some(i);
                }
            } else {
                furthest = Some(i);
            }
        }
    }
    problems.sort_by_key(|p| match p {
        Error::Gold { line, .. } => *line,
        _ => 0,
    });
    if let Some(error) = Error::from_problems(problems) {
        return Err(error);
    }
    let mut sorted: Vec<Mention> = order.into_iter().map(|i| mentions[i].clone()).collect();
    sorted.sort_by_key(|m| (m.start, m.end, m.layer()));
    Ok(sorted)
}

/// The checks of one row against its document: a non-empty span inside
/// the document, edges a mention may have, and the text equal to the
/// document slice.
fn check_row(file: &str, doc: &Document, index: &CharIndex, row: &GoldRow) -> Result<()> {
    if row.start >= row.end {
        return Err(Error::gold(
            file,
            row.line,
            format!("empty or reversed span {}..{}", row.start, row.end),
        ));
    }
    let Some(slice) = index.slice(row.start, row.end) else {
        return Err(Error::gold(
            file,
            row.line,
            format!(
                "span {}..{} is outside the document `{}` ({} code points)",
                row.start,
                row.end,
                doc.id,
                index.len()
            ),
        ));
    };
    if let Some(problem) = edge_problem(row.label, slice) {
        return Err(Error::gold(
            file,
            row.line,
            format!(
                "{} span {}..{} `{}` {problem}",
                row.label,
                row.start,
                row.end,
                shown(slice)
            ),
        ));
    }
    if let Some(text) = &row.text {
        if text != slice {
            return Err(Error::gold(
                file,
                row.line,
                format!(
                    "text `{}` does not match the document at {}..{}, which reads `{}`",
                    shown(text),
                    row.start,
                    row.end,
                    shown(slice)
                ),
            ));
        }
    }
    Ok(())
}

/// Punctuation that the guidelines keep outside names (rule 4: quotes and
/// brackets around a name are outside; sentence punctuation never belongs
/// to a name).
const OUTSIDE_NAMES: &[char] = &[
    '.', ',', '\u{060C}', '\u{061B}', ';', ':', '!', '?', '\u{061F}', '"', '\'', '\u{AB}',
    '\u{BB}', '\u{201C}', '\u{201D}', '(', ')', '[', ']', '{', '}',
];

/// Why a span's text cannot be a gold mention, judged by its edges: no span
/// starts or ends with whitespace, and no names-layer span starts or ends
/// with the punctuation of [`OUTSIDE_NAMES`]. This is what catches a span
/// that grew to a whole token (`بكين،`) on its way through another format.
pub fn edge_problem(label: Label, text: &str) -> Option<String> {
    let (first, last) = (text.chars().next()?, text.chars().next_back()?);
    if first.is_whitespace() || last.is_whitespace() {
        return Some("starts or ends with whitespace".to_string());
    }
    if label.layer() == Layer::Names {
        for (edge, c) in [("starts", first), ("ends", last)] {
            if OUTSIDE_NAMES.contains(&c) {
                return Some(format!(
                    "{edge} with `{c}`: punctuation, quotes and brackets are outside names (gold/GUIDELINES.md, span rule 4)"
                ));
            }
        }
    }
    None
}

fn parse_label(file: &str, line: usize, s: &str) -> Result<Label> {
    s.parse::<Label>()
        .map_err(|e| Error::gold(file, line, e.to_string()))
}

fn parse_value(file: &str, line: usize, label: Label, cell: &str) -> Result<Value> {
    let cell = cell.trim();
    match label.layer() {
        Layer::Names => {
            if cell.is_empty() {
                Ok(Value::Null)
            } else {
                Err(Error::gold(
                    file,
                    line,
                    format!("{label} is a names-layer label and takes no value, found `{cell}`"),
                ))
            }
        }
        Layer::Numeric => {
            if cell.is_empty() {
                return Err(Error::gold(
                    file,
                    line,
                    format!("{label} needs a value (JSON text; `null` when none can be fixed)"),
                ));
            }
            serde_json::from_str(cell).map_err(|e| {
                Error::gold(
                    file,
                    line,
                    format!("value `{}` is not valid JSON: {e}", shown(cell)),
                )
            })
        }
    }
}

/// Parse and validate the text of a gold CSV file for `doc`.
pub fn parse_gold_csv(file: &str, csv_text: &str, doc: &Document) -> Result<Vec<Mention>> {
    let csv_text = csv_text.strip_prefix('\u{FEFF}').unwrap_or(csv_text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| Error::gold(file, 1, format!("bad header: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if header != GOLD_HEADER {
        return Err(Error::gold(
            file,
            1,
            format!(
                "header must be `{}`, found `{}`",
                GOLD_HEADER.join(","),
                header.join(",")
            ),
        ));
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        match parse_gold_record(file, record) {
            Ok(row) => rows.push(row),
            Err(problem) => problems.push(problem),
        }
    }
    validate_with(file, doc, rows, problems)
}

/// One row of a gold CSV file (`start,end,type,text,value`), not yet checked
/// against its document.
fn parse_gold_record(
    file: &str,
    record: std::result::Result<csv::StringRecord, csv::Error>,
) -> Result<GoldRow> {
    let record = record.map_err(|e| {
        let line = e.position().map_or(0, |p| p.line() as usize);
        Error::gold(file, line, format!("unreadable row: {e}"))
    })?;
    let line = record.position().map_or(0, |p| p.line() as usize);
    if record.len() != 5 {
        return Err(Error::gold(
            file,
            line,
            format!(
                "row has {} fields, expected 5 (start,end,type,text,value)",
                record.len()
            ),
        ));
    }
    let offset = |i: usize, name: &str| -> Result<usize> {
        record[i].trim().parse::<usize>().map_err(|_| {
            Error::gold(
                file,
                line,
                format!("{name} `{}` is not a code point offset", &record[i]),
            )
        })
    };
    let start = offset(0, "start")?;
    let end = offset(1, "end")?;
    let label = parse_label(file, line, &record[2])?;
    let value = parse_value(file, line, label, &record[4])?;
    Ok(GoldRow {
        line,
        start,
        end,
        label,
        text: Some(record[3].to_string()),
        value,
        modifier: None,
    })
}

/// Read and validate `gold/<doc>.csv` for a document.
pub fn load_gold_csv(path: &Path, doc: &Document) -> Result<Vec<Mention>> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = crate::io::decode(path, bytes)?;
    parse_gold_csv(&path.display().to_string(), &text, doc)
}

/// A value as JSON text in the style of the hand-made gold (Python's
/// `json.dumps`: `", "` and `": "` separators), with the keys of the
/// standard first in their documented order (`amount currency unit min
/// max`), then any others alphabetically.
pub fn value_text(v: &Value) -> String {
    const ORDER: [&str; 5] = ["amount", "currency", "unit", "min", "max"];
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by_key(|k| {
                (
                    ORDER.iter().position(|o| o == k).unwrap_or(ORDER.len()),
                    k.as_str(),
                )
            });
            let parts: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{}: {}", Value::from(k.as_str()), value_text(&map[k])))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(value_text).collect();
            format!("[{}]", parts.join(", "))
        }
        other => other.to_string(),
    }
}

/// Write mentions as a gold CSV file (header, rows sorted by start, end).
pub fn write_gold_csv(out: &mut impl Write, mentions: &[Mention]) -> Result<()> {
    let mut sorted: Vec<&Mention> = mentions.iter().collect();
    sorted.sort_by_key(|m| (m.start, m.end, m.layer()));
    let mut w = csv::WriterBuilder::new().from_writer(out);
    let err = crate::io::formats::csv_error;
    w.write_record(GOLD_HEADER).map_err(err)?;
    for m in sorted {
        let value = match m.layer() {
            Layer::Names => String::new(),
            Layer::Numeric => value_text(&m.value),
        };
        w.write_record([
            m.start.to_string().as_str(),
            &m.end.to_string(),
            m.label.as_str(),
            &m.text,
            &value,
        ])
        .map_err(err)?;
    }
    w.flush()?;
    Ok(())
}
#[cfg(test)]
mod tests {
    use super::*;

    /// The document every format's tests read (shared by the submodules).
    pub(super) fn doc() -> Document {
        Document::new("d", "بكين 7 أبريل 2015 (شينخوا) وروسيا")
    }

    /// The header of a gold CSV, with its line end.
    pub(super) const HEADER: &str = "start,end,type,text,value\n";

    fn err(csv: &str) -> String {
        parse_gold_csv("g.csv", &format!("{HEADER}{csv}"), &doc())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn every_bad_row_of_a_file_is_reported_in_line_order() {
        // Line 2 is good; 3 has an unknown label (a parse problem), 4 a
        // reversed span, 5 a text that is not the document's, 6 overlaps 2.
        let e = parse_gold_csv(
            "g.csv",
            &format!(
                "{HEADER}0,4,GPE,بكين,\n0,4,CITY,بكين,\n9,5,GPE,x,\n27,33,GPE,موسكو,\n2,4,GPE,ين,\n"
            ),
            &doc(),
        )
        .unwrap_err();
        let messages = e.messages();
        let lines: Vec<&str> = messages
            .iter()
            .map(|m| m.split(':').nth(1).unwrap())
            .collect();
        assert_eq!(lines, ["3", "4", "5", "6"], "{messages:#?}");
        assert!(
            messages[0].contains("unknown label `CITY`"),
            "{messages:#?}"
        );
        assert!(messages[1].contains("reversed span 9..5"), "{messages:#?}");
        assert!(messages[2].contains("does not match"), "{messages:#?}");
        assert!(messages[3].contains("overlaps"), "{messages:#?}");
        // One problem stays one plain error.
        assert_eq!(err("9,5,GPE,x,\n"), "g.csv:2: empty or reversed span 9..5");
    }

    #[test]
    fn loads_valid_rows() {
        let m = parse_gold_csv(
            "g.csv",
            &format!("{HEADER}0,4,GPE,بكين,\n5,17,DATE,7 أبريل 2015,\"\"\"2015-04-07\"\"\"\n"),
            &doc(),
        )
        .unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].value, Value::from("2015-04-07"));
        assert_eq!(m[0].rule, GOLD_RULE);
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let e = err("0,4,GPE,بكين,\n5,6,CARDINAL,8,8\n");
        assert!(
            e.starts_with("g.csv:3:") && e.contains("does not match"),
            "{e}"
        );
        let e = err("0,4,CITY,بكين,\n");
        assert!(
            e.starts_with("g.csv:2:") && e.contains("unknown label"),
            "{e}"
        );
        let e = err("0,4,GPE,بكين,\n2,4,LOC,ين,\n");
        assert!(e.starts_with("g.csv:3:") && e.contains("overlaps"), "{e}");
        let e = err("5,17,DATE,7 أبريل 2015,2015-04-07x\n");
        assert!(
            e.starts_with("g.csv:2:") && e.contains("not valid JSON"),
            "{e}"
        );
        let e = err("5,17,DATE,7 أبريل 2015,\n");
        assert!(e.contains("needs a value"), "{e}");
        let e = err("0,4,GPE,بكين,1\n");
        assert!(e.contains("takes no value"), "{e}");
        let e = err("0,400,GPE,بكين,\n");
        assert!(e.contains("outside the document"), "{e}");
        let e = err("4,4,GPE,,\n");
        assert!(e.contains("empty"), "{e}");
        let e = parse_gold_csv("g.csv", "start,end,label,text,value\n", &doc()).unwrap_err();
        assert!(e.to_string().starts_with("g.csv:1:"), "{e}");
    }

    #[test]
    fn overlap_across_layers_is_fine() {
        let m = parse_gold_csv(
            "g.csv",
            &format!("{HEADER}0,17,MISC,بكين 7 أبريل 2015,\n5,6,CARDINAL,7,7\n"),
            &doc(),
        )
        .unwrap();
        assert_eq!(m.len(), 2);
    }

    #[test]
    fn span_edges_are_checked() {
        let e = err("0,5,GPE,بكين ,\n");
        assert!(e.contains("whitespace"), "{e}");
        let d = Document::new("d", "قال: بكين، وروسيا");
        let e = parse_gold_csv("g.csv", &format!("{HEADER}5,10,GPE,بكين،,\n"), &d)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("g.csv:2:") && e.contains("rule 4"), "{e}");
        // Whole-token CoNLL (the ANERcorp way) drags the comma in: refused.
        let e = parse_conll_bio("d.conll", "قال:\tO\nبكين،\tB-GPE\nوروسيا\tO\n", &d)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("d.conll:2:") && e.contains("`،`"), "{e}");
    }
}
