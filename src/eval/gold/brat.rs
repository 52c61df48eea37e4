//! brat standoff (`.ann`) for gold and predictions: one `T` line per
//! mention, a numeric value as an `AnnotatorNotes` JSON note, a comparator
//! as a `Modifier` attribute.

use std::collections::HashMap;
use std::io::Write;

use serde_json::Value;

use super::{parse_label, parse_value, shown, validate_with, value_text, CharIndex, GoldRow};
use crate::error::{Error, Result};
use crate::io::Document;
use crate::mention::{Layer, Mention, Modifier};

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
/// discontinuous spans are an error. Every bad line is reported, each naming
/// its line, and the file is refused when there is any.
pub fn parse_brat_ann(file: &str, ann: &str, doc: &Document) -> Result<Vec<Mention>> {
    let mut rows: Vec<GoldRow> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut notes: Vec<(usize, String, String)> = Vec::new();
    let mut modifiers: Vec<(usize, String, String)> = Vec::new();
    let mut problems: Vec<Error> = Vec::new();
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
                problems.push(Error::gold(
                    file,
                    line_no,
                    format!("{id}: discontinuous spans are not supported (`{middle}`)"),
                ));
                continue;
            }
            if offsets.len() != 2 {
                problems.push(Error::gold(
                    file,
                    line_no,
                    format!("{id}: expected `LABEL START END`, found `{middle}`"),
                ));
                continue;
            }
            let parse = |s: &str| {
                s.parse::<usize>().map_err(|_| {
                    Error::gold(file, line_no, format!("{id}: `{s}` is not an offset"))
                })
            };
            let parsed = parse(offsets[0]).and_then(|start| {
                let end = parse(offsets[1])?;
                Ok((start, end, parse_label(file, line_no, label)?))
            });
            let (start, end, label) = match parsed {
                Ok(row) => row,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
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
                    problems.push(Error::gold(
                        file,
                        line_no,
                        format!(
                            "{id}: expected `Modifier T<n> gt|lt|ge|le|approx`, found `{middle}`"
                        ),
                    ));
                    continue;
                }
                modifiers.push((line_no, fields[1].to_string(), fields[2].to_string()));
            }
        } else if !matches!(id.chars().next(), Some('R' | 'E' | 'N' | '*')) {
            problems.push(Error::gold(
                file,
                line_no,
                format!("not a brat standoff line: `{}`", shown(line)),
            ));
            continue;
        }
    }
    for (line_no, target, note) in notes {
        let Some(&i) = by_id.get(&target) else {
            problems.push(Error::gold(
                file,
                line_no,
                format!("AnnotatorNotes for unknown annotation `{target}`"),
            ));
            continue;
        };
        if rows[i].label.layer() == Layer::Numeric {
            match parse_value(file, line_no, rows[i].label, &note) {
                Ok(value) => rows[i].value = value,
                Err(problem) => problems.push(problem),
            }
        }
    }
    for (line_no, target, value) in modifiers {
        let Some(&i) = by_id.get(&target) else {
            problems.push(Error::gold(
                file,
                line_no,
                format!("Modifier for unknown annotation `{target}`"),
            ));
            continue;
        };
        if rows[i].label.layer() != Layer::Numeric {
            problems.push(Error::gold(
                file,
                line_no,
                format!(
                    "{target} is a {} (names layer) and takes no Modifier",
                    rows[i].label
                ),
            ));
            continue;
        }
        match value.parse::<Modifier>() {
            Ok(modifier) => rows[i].modifier = Some(modifier),
            Err(e) => problems.push(Error::gold(file, line_no, e.to_string())),
        }
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
    validate_with(file, doc, rows, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::gold::tests::{doc, HEADER};
    use crate::eval::gold::{parse_gold_csv, write_gold_csv};

    #[test]
    fn every_bad_line_of_an_ann_file_is_reported() {
        let ann = "T1\tGPE 0 4\tبكين\nnot brat\nT2\tCITY 0 4\tبكين\nT3\tGPE 9 5\tx\n#1\tAnnotatorNotes T9\t1\n";
        let e = parse_brat_ann("d.ann", ann, &doc()).unwrap_err();
        let messages = e.messages();
        assert_eq!(messages.len(), 4, "{messages:#?}");
        for (message, line) in messages
            .iter()
            .zip(["d.ann:2:", "d.ann:3:", "d.ann:4:", "d.ann:5:"])
        {
            assert!(message.starts_with(line), "{messages:#?}");
        }
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
}
