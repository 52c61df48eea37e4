//! Output formats for mentions. JSONL is a contract other tools consume:
//! one object per line with keys `doc start end type text value rule` in
//! that order (plus `modifier` when a numeric span has one). CSV has the same
//! columns with `value` as JSON text and `modifier` always present (empty
//! when none). CoNLL prints whitespace tokens with BIO tags of the names
//! layer (no values, rules or numeric layer: the format has no place for
//! them). brat standoff `.ann` lines (numeric values as `AnnotatorNotes`,
//! modifiers as `Modifier` attributes; no rule) are written by
//! `eval::gold::write_brat_ann`. The mention's `evidence` and `priority`
//! are internal and written by no format (`kashif explain` shows evidence).

use std::io::Write;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::mention::{Label, Layer, Mention};

/// An output format of `kashif extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
    /// CoNLL BIO, names layer.
    Conll,
    /// brat standoff.
    Brat,
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "jsonl" => Ok(Format::Jsonl),
            "csv" => Ok(Format::Csv),
            "conll" => Ok(Format::Conll),
            "brat" => Ok(Format::Brat),
            _ => Err(Error::Invalid(format!(
                "unknown format `{s}` (expected jsonl, csv, conll or brat)"
            ))),
        }
    }
}

/// A CSV writer's error as kashif's: a failed write stays an I/O error (so
/// the command reports it as one), anything else is invalid data.
pub fn csv_error(e: csv::Error) -> Error {
    if e.is_io_error() {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::Io(io),
            other => Error::Invalid(format!("{other:?}")),
        }
    } else {
        Error::Invalid(e.to_string())
    }
}

/// Write mentions as JSON lines, byte for byte what `serde_json` writes for
/// a [`Mention`] (keys in field order, `modifier` only when set): the lines
/// of [`append_jsonl`], written with one call.
pub fn write_jsonl(out: &mut impl Write, mentions: &[Mention]) -> Result<()> {
    let mut lines = Vec::with_capacity(mentions.len() * JSONL_BYTES_PER_MENTION);
    append_jsonl(&mut lines, mentions)?;
    out.write_all(&lines)?;
    Ok(())
}

/// Append mentions as JSON lines to `out` (see [`write_jsonl`]), for a
/// caller that reuses one buffer. The document id is escaped once per run
/// of mentions of one document; labels and modifiers are written as they
/// are (ASCII letters); other strings with nothing to escape are copied
/// whole (the others go through `serde_json`); null, integer and string
/// values are written without `serde_json`.
pub fn append_jsonl(out: &mut Vec<u8>, mentions: &[Mention]) -> Result<()> {
    out.reserve(mentions.len() * JSONL_BYTES_PER_MENTION);
    // The document id of the run of mentions, and where its JSON is in `out`.
    let mut doc: Option<(&std::sync::Arc<str>, std::ops::Range<usize>)> = None;
    let mut number = itoa::Buffer::new();
    for m in mentions {
        out.extend_from_slice(b"{\"doc\":");
        match &doc {
            // Mentions of one document share its id's allocation.
            Some((id, json)) if std::sync::Arc::ptr_eq(id, &m.doc) || ***id == *m.doc => {
                out.extend_from_within(json.clone())
            }
            _ => {
                let at = out.len();
                push_json_str(out, &m.doc)?;
                doc = Some((&m.doc, at..out.len()));
            }
        }
        out.extend_from_slice(b",\"start\":");
        out.extend_from_slice(number.format(m.start).as_bytes());
        out.extend_from_slice(b",\"end\":");
        out.extend_from_slice(number.format(m.end).as_bytes());
        out.extend_from_slice(b",\"type\":\"");
        out.extend_from_slice(m.label.as_str().as_bytes());
        out.extend_from_slice(b"\",\"text\":");
        push_json_str(out, &m.text)?;
        out.extend_from_slice(b",\"value\":");
        push_json_value(out, &m.value, &mut number)?;
        out.extend_from_slice(b",\"rule\":");
        push_json_str(out, &m.rule)?;
        if let Some(modifier) = m.modifier {
            out.extend_from_slice(b",\"modifier\":\"");
            out.extend_from_slice(modifier.as_str().as_bytes());
            out.push(b'"');
        }
        out.extend_from_slice(b"}\n");
    }
    Ok(())
}

/// About the length of one mention's JSON line (a first guess for the buffer).
const JSONL_BYTES_PER_MENTION: usize = 160;

/// Append `s` as a JSON string: quoted as it is when it has no quote,
/// backslash or control character, else escaped by `serde_json`.
fn push_json_str(out: &mut Vec<u8>, s: &str) -> Result<()> {
    if needs_escape(s.as_bytes()) {
        return serde_json::to_writer(out, s).map_err(|e| Error::Invalid(e.to_string()));
    }
    out.reserve(s.len() + 2);
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
    Ok(())
}

/// Whether JSON escapes a byte of `b`: a control character, a quote or a
/// backslash. Eight bytes at a time, the last eight overlapping the ones
/// before, and a short string in one word: most strings written are a
/// few words long, and a byte loop for the tail (what the compiler made
/// of a test of each byte) cost more than the rest.
#[inline]
fn needs_escape(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Some byte of `w` is below `n` (exact as a yes or no for n <= 0x80).
    let below = |w: u64, n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w & HIGH;
    let special = |w: u64| {
        below(w, 0x20)
            | below(w ^ (ONES * u64::from(b'"')), 1)
            | below(w ^ (ONES * u64::from(b'\\')), 1)
    };
    let u64_at = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default());
    let u32_at = |at: usize| {
        u64::from(u32::from_le_bytes(
            b[at..at + 4].try_into().unwrap_or_default(),
        ))
    };
    let n = b.len();
    let found = match n {
        0 => 0,
        // Each byte read at least once; the word's other bytes repeat them.
        1..=3 => special(
            (ONES * u64::from(b[0])) & !0xFF_FFFF
                | u64::from(b[0])
                | u64::from(b[n / 2]) << 8
                | u64::from(b[n - 1]) << 16,
        ),
        4..=7 => special(u32_at(0) | u32_at(n - 4) << 32),
        _ => {
            let mut found = special(u64_at(n - 8));
            let mut at = 0;
            while at + 8 < n {
                found |= special(u64_at(at));
                at += 8;
            }
            found
        }
    };
    found != 0
}

/// Append a JSON value as `serde_json` writes it: null, integers and
/// strings directly, anything else through `serde_json`.
fn push_json_value(
    out: &mut Vec<u8>,
    value: &serde_json::Value,
    number: &mut itoa::Buffer,
) -> Result<()> {
    use serde_json::Value;
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::String(s) => push_json_str(out, s)?,
        Value::Number(n) if n.is_u64() || n.is_i64() => match n.as_u64() {
            Some(u) => out.extend_from_slice(number.format(u).as_bytes()),
            None => {
                let i = n.as_i64().unwrap_or_default();
                out.extend_from_slice(number.format(i).as_bytes());
            }
        },
        other => {
            serde_json::to_writer(&mut *out, other).map_err(|e| Error::Invalid(e.to_string()))?
        }
    }
    Ok(())
}

/// The CSV header: the JSONL keys in the same order, `modifier` last (empty
/// when the span has none).
pub const CSV_HEADER: [&str; 8] = [
    "doc", "start", "end", "type", "text", "value", "rule", "modifier",
];

/// Write mentions as CSV rows (header written when `header` is true).
pub fn write_csv(out: &mut impl Write, mentions: &[Mention], header: bool) -> Result<()> {
    let mut w = csv::WriterBuilder::new().from_writer(out);
    let csv_err = csv_error;
    if header {
        w.write_record(CSV_HEADER).map_err(csv_err)?;
    }
    for m in mentions {
        w.write_record([
            m.doc.as_ref(),
            &m.start.to_string(),
            &m.end.to_string(),
            m.label.as_str(),
            &m.text,
            &m.value.to_string(),
            &m.rule,
            m.modifier.map_or("", |x| x.as_str()),
        ])
        .map_err(csv_err)?;
    }
    w.flush()?;
    Ok(())
}

/// BIO tag of each whitespace token from the names-layer mentions: a token
/// overlapping a mention is tagged with it (`B-` for the first token of the
/// mention, `I-` after), so a token keeps its clitics (`وروسيا B-GPE`).
pub fn bio_tags(tokens: &[(usize, usize)], mentions: &[Mention]) -> Vec<Option<(Label, bool)>> {
    let mut names: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.layer() == Layer::Names)
        .collect();
    names.sort_by_key(|m| (m.start, m.end));
    let mut tags = vec![None; tokens.len()];
    let mut j = 0;
    let mut last_mention: Option<usize> = None;
    for (i, &(s, e)) in tokens.iter().enumerate() {
        while j < names.len() && names[j].end <= s {
            j += 1;
        }
        if let Some(m) = names.get(j) {
            if m.start < e {
                let begin = last_mention != Some(j);
                tags[i] = Some((m.label, begin));
                last_mention = Some(j);
            }
        }
    }
    tags
}

/// Write CoNLL: one whitespace token per line with its names-layer BIO tag,
/// a blank line between sentences (`sentence_of` gives each token's sentence).
pub fn write_conll(
    out: &mut impl Write,
    text: &str,
    tokens: &[(usize, usize)],
    sentence_of: &[usize],
    mentions: &[Mention],
) -> Result<()> {
    let tags = bio_tags(tokens, mentions);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |c: usize| chars.get(c).map_or(text.len(), |&(b, _)| b);
    for (i, &(s, e)) in tokens.iter().enumerate() {
        if i > 0 && sentence_of[i] != sentence_of[i - 1] {
            writeln!(out)?;
        }
        let tag = match tags[i] {
            None => "O".to_string(),
            Some((label, true)) => format!("B-{label}"),
            Some((label, false)) => format!("I-{label}"),
        };
        writeln!(out, "{}\t{}", &text[byte_at(s)..byte_at(e)], tag)?;
    }
    if !tokens.is_empty() {
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use serde_json::json;

    use super::*;
    use crate::mention::Modifier;

    fn mention(doc: &str, text: &str, value: serde_json::Value, rule: &str) -> Mention {
        Mention {
            doc: Arc::from(doc),
            start: 7,
            end: 1_234_567,
            label: Label::Money,
            text: text.to_string(),
            value: value.into(),
            rule: rule.to_string().into(),
            modifier: None,
            evidence: "not written".to_string(),
            priority: 3,
        }
    }

    #[test]
    fn the_escape_test_finds_every_special_byte_at_every_place() {
        let special = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
        for n in 0..40 {
            // ASCII next to the special bytes, and UTF-8 bytes of Arabic.
            let plain: Vec<u8> = (0..n).map(|i| b"a~ \x7f!#[]\xd9\x85"[i % 10]).collect();
            assert!(!needs_escape(&plain), "{n}");
            for at in 0..n {
                for b in 0..=255u8 {
                    let mut s = plain.clone();
                    s[at] = b;
                    assert_eq!(needs_escape(&s), special(b), "{n} {at} {b}");
                }
            }
        }
    }

    #[test]
    fn jsonl_lines_are_what_serde_json_writes() {
        let mut with_modifier = mention("d\"1", "نحو 5%", json!(5), "percent/x");
        with_modifier.modifier = Some(Modifier::Approx);
        let mentions = vec![
            mention(
                "news-1",
                "3 ملايين دولار",
                json!({"amount": 3e6, "unit": "USD"}),
                "money/amount",
            ),
            mention("news-1", "قال \"عنان\"", serde_json::Value::Null, "name/x"),
            mention("news-1", "a\\b\tc\u{1}\u{7f}\u{2028}", json!(28.6), "r"),
            mention(
                "news-2",
                "",
                json!({"min": 1, "max": [1, "2"]}),
                "date/range",
            ),
            with_modifier,
            mention("", "x", json!("2015-05-05"), ""),
            mention("", "x", json!(-3), "r\"1"),
            mention("", "x", json!(u64::MAX), "r"),
            mention("", "x", json!(i64::MIN), "r"),
            mention("", "x", json!(1.5e300), "r"),
            mention("", "x", json!(true), "r"),
            mention("", "x", json!("a\"b\n"), "r"),
            mention("", "x", json!([]), "r"),
        ];
        let mut written = Vec::new();
        write_jsonl(&mut written, &mentions).unwrap();
        let expected: String = mentions
            .iter()
            .map(|m| serde_json::to_string(m).unwrap() + "\n")
            .collect();
        assert_eq!(String::from_utf8(written).unwrap(), expected);
        let mut empty = Vec::new();
        write_jsonl(&mut empty, &[]).unwrap();
        assert!(empty.is_empty());
        // Appending to a buffer in use keeps what it holds.
        let mut reused = b"kept\n".to_vec();
        append_jsonl(&mut reused, &mentions).unwrap();
        append_jsonl(&mut reused, &mentions[..1]).unwrap();
        let mut again = String::from("kept\n") + &expected;
        again.push_str(&serde_json::to_string(&mentions[0]).unwrap());
        again.push('\n');
        assert_eq!(String::from_utf8(reused).unwrap(), again);
    }
}
