//! Gold annotation: loading and validating `gold/<doc>.csv` (columns
//! `start,end,type,text,value`, code point offsets, end exclusive, `value` as
//! JSON text, empty for names), writing it back, and converting from and to
//! brat standoff (`.ann`, values as `AnnotatorNotes`) and CoNLL BIO (names
//! layer, whole whitespace tokens).
//!
//! Every problem is an [`Error::Gold`] naming the file, the 1-based line and
//! what is wrong.

use std::collections::HashMap;
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
    let index = CharIndex::new(&doc.text);
    let mut mentions = Vec::with_capacity(rows.len());
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
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
        lines.push(row.line);
        mentions.push(Mention {
            doc: doc.id.clone(),
            start: row.start,
            end: row.end,
            label: row.label,
            text: slice.to_string(),
            value: row.value,
            rule: GOLD_RULE.to_string(),
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
                    return Err(Error::gold(
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
    let mut sorted: Vec<Mention> = order.into_iter().map(|i| mentions[i].clone()).collect();
    sorted.sort_by_key(|m| (m.start, m.end, m.layer()));
    Ok(sorted)
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
    for record in reader.records() {
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
        rows.push(GoldRow {
            line,
            start,
            end,
            label,
            text: Some(record[3].to_string()),
            value,
            modifier: None,
        });
    }
    validate(file, doc, rows)
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

/// Write brat standoff: one `T` line per mention; for numeric mentions an
/// `AnnotatorNotes` line holding the value as JSON and, when the span has a
/// comparator, an attribute line `A1<TAB>Modifier T2 gt`. The `rule` of an
/// extracted mention is not written (brat has no place for it; JSONL and
/// CSV carry it); a line break inside a span's text is written as a space,
/// as brat does.
pub fn write_brat_ann(out: &mut impl Write, mentions: &[Mention]) -> Result<()> {
    let mut notes = 0;
    let mut attributes = 0;
    for (i, m) in mentions.iter().enumerate() {
        let text = m.text.replace(['\n', '\r'], " ");
        writeln!(
            out,
            "T{}\t{} {} {}\t{}",
            i + 1,
            m.label,
            m.start,
            m.end,
            text
        )?;
        if m.layer() == Layer::Numeric {
            notes += 1;
            writeln!(
                out,
                "#{notes}\tAnnotatorNotes T{}\t{}",
                i + 1,
                value_text(&m.value)
            )?;
        }
        if let Some(modifier) = m.modifier {
            attributes += 1;
            writeln!(
                out,
                "A{attributes}\tModifier T{} {}",
                i + 1,
                modifier.as_str()
            )?;
        }
    }
    Ok(())
}

/// Parse a brat `.ann` file for `doc`: `T` lines become mentions, an
/// `AnnotatorNotes` on a numeric mention is its value as JSON (`null` when
/// there is none). Relations, events and attributes are ignored;
/// discontinuous spans are an error.
pub fn parse_brat_ann(file: &str, ann: &str, doc: &Document) -> Result<Vec<Mention>> {
    let mut rows: Vec<GoldRow> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut notes: Vec<(usize, String, String)> = Vec::new();
    let mut modifiers: Vec<(usize, String, String)> = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let line_no = n + 1;
        let line = line.strip_prefix('\u{FEFF}').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let mut parts = line.splitn(3, '\t');
        let id = parts.next().unwrap_or("");
        let middle = parts.next().unwrap_or("");
        let rest = parts.next();
        if id.starts_with('T') {
            let mut fields = middle.split(' ');
            let label = fields.next().unwrap_or("");
            let offsets: Vec<&str> = fields.collect();
            if middle.contains(';') {
                return Err(Error::gold(
                    file,
                    line_no,
                    format!("{id}: discontinuous spans are not supported (`{middle}`)"),
                ));
            }
            if offsets.len() != 2 {
                return Err(Error::gold(
                    file,
                    line_no,
                    format!("{id}: expected `LABEL START END`, found `{middle}`"),
                ));
            }
            let parse = |s: &str| {
                s.parse::<usize>().map_err(|_| {
                    Error::gold(file, line_no, format!("{id}: `{s}` is not an offset"))
                })
            };
            let start = parse(offsets[0])?;
            let end = parse(offsets[1])?;
            let label = parse_label(file, line_no, label)?;
            by_id.insert(id.to_string(), rows.len());
            // brat writes newlines inside a span as spaces; compare the text
            // only when it has none.
            let text = rest.map(str::to_string);
            rows.push(GoldRow {
                line: line_no,
                start,
                end,
                label,
                text,
                value: Value::Null,
                modifier: None,
            });
        } else if id.starts_with('#') {
            let mut fields = middle.split(' ');
            if fields.next() == Some("AnnotatorNotes") {
                let target = fields.next().unwrap_or("").to_string();
                notes.push((line_no, target, rest.unwrap_or("").to_string()));
            }
        } else if id.starts_with('A') || id.starts_with('M') {
            // Attributes (`A1<TAB>Modifier T2 gt`; `M` is brat's old name).
            let fields: Vec<&str> = middle.split(' ').collect();
            if fields.first() == Some(&"Modifier") {
                if fields.len() != 3 {
                    return Err(Error::gold(
                        file,
                        line_no,
                        format!(
                            "{id}: expected `Modifier T<n> gt|lt|ge|le|approx`, found `{middle}`"
                        ),
                    ));
                }
                modifiers.push((line_no, fields[1].to_string(), fields[2].to_string()));
            }
        } else if !matches!(id.chars().next(), Some('R' | 'E' | 'N' | '*')) {
            return Err(Error::gold(
                file,
                line_no,
                format!("not a brat standoff line: `{}`", shown(line)),
            ));
        }
    }
    for (line_no, target, note) in notes {
        let Some(&i) = by_id.get(&target) else {
            return Err(Error::gold(
                file,
                line_no,
                format!("AnnotatorNotes for unknown annotation `{target}`"),
            ));
        };
        if rows[i].label.layer() == Layer::Numeric {
            rows[i].value = parse_value(file, line_no, rows[i].label, &note)?;
        }
    }
    for (line_no, target, value) in modifiers {
        let Some(&i) = by_id.get(&target) else {
            return Err(Error::gold(
                file,
                line_no,
                format!("Modifier for unknown annotation `{target}`"),
            ));
        };
        if rows[i].label.layer() != Layer::Numeric {
            return Err(Error::gold(
                file,
                line_no,
                format!(
                    "{target} is a {} (names layer) and takes no Modifier",
                    rows[i].label
                ),
            ));
        }
        rows[i].modifier = Some(
            value
                .parse::<Modifier>()
                .map_err(|e| Error::gold(file, line_no, e.to_string()))?,
        );
    }
    let index = CharIndex::new(&doc.text);
    for row in &mut rows {
        // brat replaces line breaks inside a span's text with spaces.
        if let (Some(text), Some(slice)) = (&row.text, index.slice(row.start, row.end)) {
            if slice.contains(['\n', '\r']) && *text == slice.replace(['\n', '\r'], " ") {
                row.text = None;
            }
        }
    }
    validate(file, doc, rows)
}

/// Parse CoNLL BIO (`token<TAB>tag` per line, the tag in the last column,
/// blank lines between sentences, `# …` comment lines and `-DOCSTART-`
/// skipped) for `doc`: tokens are aligned with the document text in order,
/// and each chunk becomes a names-layer mention over its whole tokens.
/// Tags are kashif's names labels (`PERS` is accepted for `PERSON`). A file
/// that stops before the document ends, or inside a line, is refused as
/// truncated, naming its last line.
pub fn parse_conll_bio(file: &str, conll: &str, doc: &Document) -> Result<Vec<Mention>> {
    let conll = conll.strip_prefix('\u{FEFF}').unwrap_or(conll);
    crate::eval::conll::check_line_end(file, conll)?;
    let chars: Vec<char> = doc.text.chars().collect();
    let mut cursor = 0usize;
    let mut rows: Vec<GoldRow> = Vec::new();
    let mut open: Option<(Label, usize, usize, usize)> = None; // label, start, end, line
    let close = |open: &mut Option<(Label, usize, usize, usize)>, rows: &mut Vec<GoldRow>| {
        if let Some((label, start, end, line)) = open.take() {
            rows.push(GoldRow {
                line,
                start,
                end,
                label,
                text: None,
                value: Value::Null,
                modifier: None,
            });
        }
    };
    for (n, line) in conll.lines().enumerate() {
        let line_no = n + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            close(&mut open, &mut rows);
            continue;
        }
        if trimmed.starts_with("# doc:") || trimmed.starts_with("-DOCSTART-") {
            continue;
        }
        let fields: Vec<&str> = trimmed
            .split(['\t', ' '])
            .filter(|f| !f.is_empty())
            .collect();
        if fields.len() < 2 {
            return Err(Error::gold(
                file,
                line_no,
                format!("expected `TOKEN TAG`, found `{}`", shown(trimmed)),
            ));
        }
        let token = fields[0];
        let tag = fields[fields.len() - 1];
        while cursor < chars.len() && chars[cursor].is_whitespace() {
            cursor += 1;
        }
        let token_chars: Vec<char> = token.chars().collect();
        let end = cursor + token_chars.len();
        if end > chars.len() || chars[cursor..end] != token_chars[..] {
            let found: String = chars[cursor..chars.len().min(end)].iter().collect();
            return Err(Error::gold(
                file,
                line_no,
                format!(
                    "token `{}` does not match the document `{}` at offset {cursor} (found `{}`)",
                    shown(token),
                    doc.id,
                    shown(&found)
                ),
            ));
        }
        let start = cursor;
        cursor = end;
        if tag == "O" {
            close(&mut open, &mut rows);
            continue;
        }
        let (prefix, name) = tag.split_once('-').ok_or_else(|| {
            Error::gold(
                file,
                line_no,
                format!("tag `{tag}` is not O, B-TYPE or I-TYPE"),
            )
        })?;
        let name = if name == "PERS" { "PERSON" } else { name };
        let label = parse_label(file, line_no, name)?;
        if label.layer() != Layer::Names {
            return Err(Error::gold(
                file,
                line_no,
                format!("{label} is a numeric label; CoNLL BIO carries the names layer only"),
            ));
        }
        match (prefix, &mut open) {
            ("I", Some((open_label, _, open_end, _))) if *open_label == label => {
                *open_end = end;
            }
            ("B" | "I", _) => {
                close(&mut open, &mut rows);
                open = Some((label, start, end, line_no));
            }
            _ => {
                return Err(Error::gold(
                    file,
                    line_no,
                    format!("tag `{tag}` is not O, B-TYPE or I-TYPE"),
                ))
            }
        }
    }
    close(&mut open, &mut rows);
    while cursor < chars.len() && chars[cursor].is_whitespace() {
        cursor += 1;
    }
    if cursor < chars.len() {
        let rest: String = chars[cursor..chars.len().min(cursor + 30)].iter().collect();
        return Err(Error::gold(
            file,
            conll.lines().count(),
            format!(
                "the file ends here but the document `{}` goes on at offset {cursor} (`{}`): \
                 the CoNLL file is truncated or tokens are missing",
                doc.id,
                shown(&rest)
            ),
        ));
    }
    validate(file, doc, rows)
}

/// Whitespace tokens split wherever a names-layer mention starts or ends
/// inside one (`وروسيا،` around `روسيا` gives `و`, `روسيا`, `،`), so every
/// mention covers whole tokens.
pub fn tokens_split_at_mentions(text: &str, mentions: &[Mention]) -> Vec<(usize, usize)> {
    let mut cuts: Vec<usize> = mentions
        .iter()
        .filter(|m| m.layer() == Layer::Names)
        .flat_map(|m| [m.start, m.end])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    for (s, e) in crate::io::whitespace_tokens(text) {
        let mut from = s;
        let first = cuts.partition_point(|&c| c <= s);
        for &c in cuts[first..].iter().take_while(|&&c| c < e) {
            out.push((from, c));
            from = c;
        }
        out.push((from, e));
    }
    out
}

/// Write the names layer of a document as CoNLL BIO: one token per line with
/// its tag, a blank line between sentences. Tokens are the whitespace tokens
/// split at mention boundaries ([`tokens_split_at_mentions`]): a proclitic or
/// punctuation glued to a name is a token of its own tagged `O`, so importing
/// the file back with [`parse_conll_bio`] gives exactly the same spans.
pub fn write_conll_bio(out: &mut impl Write, doc: &Document, mentions: &[Mention]) -> Result<()> {
    let tokens = tokens_split_at_mentions(&doc.text, mentions);
    let analysis = crate::text::Analysis::new(&doc.text);
    let kt = analysis.tokens();
    let mut j = 0;
    let mut last = 0;
    let sentence_of: Vec<usize> = tokens
        .iter()
        .map(|&(s, e)| {
            while j < kt.len() && kt[j].end <= s {
                j += 1;
            }
            if let Some(t) = kt.get(j) {
                if t.start < e {
                    last = t.sentence;
                }
            }
            last
        })
        .collect();
    crate::io::formats::write_conll(out, &doc.text, &tokens, &sentence_of, mentions)
}

/// Read predictions in kashif's JSONL contract (one object per line with
/// `doc start end type text value rule`, as written by `kashif extract`),
/// for scoring the output of another run or another system. Each mention is
/// checked against its document in `docs` (by id): the span must lie inside
/// it and `text`, when present, must equal the slice. Predictions may
/// overlap. Mentions of documents not in `docs` are returned in `unknown`.
pub fn parse_predictions_jsonl(
    file: &str,
    jsonl: &str,
    docs: &HashMap<String, &Document>,
) -> Result<(Vec<Mention>, Vec<String>)> {
    let mut out = Vec::new();
    let mut unknown = Vec::new();
    let mut indexes: HashMap<String, CharIndex<'_>> = HashMap::new();
    for (n, line) in jsonl.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line)
            .map_err(|e| Error::gold(file, line_no, format!("not a JSON object: {e}")))?;
        let field = |k: &str| {
            v.get(k)
                .ok_or_else(|| Error::gold(file, line_no, format!("missing `{k}`")))
        };
        let doc_id = field("doc")?
            .as_str()
            .ok_or_else(|| Error::gold(file, line_no, "`doc` is not a string"))?
            .to_string();
        let offset = |k: &str| -> Result<usize> {
            field(k)?
                .as_u64()
                .map(|x| x as usize)
                .ok_or_else(|| Error::gold(file, line_no, format!("`{k}` is not an offset")))
        };
        let (start, end) = (offset("start")?, offset("end")?);
        let label = parse_label(
            file,
            line_no,
            field("type")?
                .as_str()
                .ok_or_else(|| Error::gold(file, line_no, "`type` is not a string"))?,
        )?;
        let Some(doc) = docs.get(&doc_id) else {
            if !unknown.contains(&doc_id) {
                unknown.push(doc_id);
            }
            continue;
        };
        let index = indexes
            .entry(doc_id.clone())
            .or_insert_with(|| CharIndex::new(&doc.text));
        let slice = match index.slice(start, end) {
            Some(s) if start < end => s,
            _ => {
                return Err(Error::gold(
                    file,
                    line_no,
                    format!("span {start}..{end} is empty or outside the document `{doc_id}`"),
                ))
            }
        };
        if let Some(text) = v.get("text").and_then(Value::as_str) {
            if text != slice {
                return Err(Error::gold(
                    file,
                    line_no,
                    format!(
                        "text `{}` does not match the document at {start}..{end}, which reads `{}`",
                        shown(text),
                        shown(slice)
                    ),
                ));
            }
        }
        out.push(Mention {
            doc: doc.id.clone(),
            start,
            end,
            label,
            text: slice.to_string(),
            value: v.get("value").cloned().unwrap_or(Value::Null),
            rule: v
                .get("rule")
                .and_then(Value::as_str)
                .unwrap_or("-")
                .to_string(),
            modifier: None,
            evidence: String::new(),
            priority: 0,
        });
    }
    Ok((out, unknown))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        Document::new("d", "بكين 7 أبريل 2015 (شينخوا) وروسيا")
    }

    const HEADER: &str = "start,end,type,text,value\n";

    fn err(csv: &str) -> String {
        parse_gold_csv("g.csv", &format!("{HEADER}{csv}"), &doc())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn predictions_jsonl() {
        let d = doc();
        let docs: HashMap<String, &Document> = [("d".to_string(), &d)].into_iter().collect();
        let jsonl = "{\"doc\":\"d\",\"start\":0,\"end\":4,\"type\":\"GPE\",\"text\":\"بكين\",\"value\":null,\"rule\":\"gaz\"}\n\
                     {\"doc\":\"other\",\"start\":0,\"end\":4,\"type\":\"GPE\"}\n";
        let (m, unknown) = parse_predictions_jsonl("p.jsonl", jsonl, &docs).unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].rule, "gaz");
        assert_eq!(unknown, vec!["other".to_string()]);
        let bad = "{\"doc\":\"d\",\"start\":0,\"end\":4,\"type\":\"GPE\",\"text\":\"xxxx\"}\n";
        let e = parse_predictions_jsonl("p.jsonl", bad, &docs).unwrap_err();
        assert!(e.to_string().starts_with("p.jsonl:1:"), "{e}");
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
    fn csv_and_brat_round_trip() {
        let d = doc();
        let m = parse_gold_csv(
            "g.csv",
            &format!("{HEADER}0,4,GPE,بكين,\n5,17,DATE,7 أبريل 2015,\"\"\"2015-04-07\"\"\"\n28,33,GPE,روسيا,\n"),
            &d,
        )
        .unwrap();
        let mut ann = Vec::new();
        write_brat_ann(&mut ann, &m).unwrap();
        let ann = String::from_utf8(ann).unwrap();
        assert!(ann.contains("AnnotatorNotes T2\t\"2015-04-07\""), "{ann}");
        let back = parse_brat_ann("d.ann", &ann, &d).unwrap();
        assert_eq!(back, m);
        let mut csv = Vec::new();
        write_gold_csv(&mut csv, &m).unwrap();
        let again = parse_gold_csv("g.csv", std::str::from_utf8(&csv).unwrap(), &d).unwrap();
        assert_eq!(again, m);
    }

    #[test]
    fn conll_round_trip_is_lossless_and_truncation_is_located() {
        let d = doc();
        let m = parse_gold_csv(
            "g.csv",
            &format!("{HEADER}0,4,GPE,بكين,\n19,25,ORG,شينخوا,\n28,33,GPE,روسيا,\n"),
            &d,
        )
        .unwrap();
        let mut out = Vec::new();
        write_conll_bio(&mut out, &d, &m).unwrap();
        let conll = String::from_utf8(out).unwrap();
        assert!(conll.contains("و\tO\nروسيا\tB-GPE"), "{conll}");
        assert!(conll.contains("(\tO\nشينخوا\tB-ORG\n)\tO"), "{conll}");
        let back = parse_conll_bio("d.conll", &conll, &d).unwrap();
        assert_eq!(back, m);
        let e = parse_conll_bio("d.conll", "بكين\tB-GPE\nموسكو\tO\n", &d).unwrap_err();
        assert!(e.to_string().starts_with("d.conll:2:"), "{e}");
        // Cut mid-sentence, mid-entity, mid-token: each is located.
        let lines: Vec<&str> = conll.lines().collect();
        for keep in [3, lines.len() - 2] {
            let cut = lines[..keep].join("\n") + "\n";
            let e = parse_conll_bio("d.conll", &cut, &d)
                .unwrap_err()
                .to_string();
            assert!(
                e.starts_with(&format!("d.conll:{keep}:")) && e.contains("truncated"),
                "{e}"
            );
        }
        let mid_token = &conll[..conll.find("روسيا").unwrap() + "رو".len()];
        let e = parse_conll_bio("d.conll", mid_token, &d)
            .unwrap_err()
            .to_string();
        assert!(e.contains("truncated"), "{e}");
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
