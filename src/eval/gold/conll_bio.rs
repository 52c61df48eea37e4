//! CoNLL BIO for the names layer of gold files: whole whitespace tokens,
//! split at mention boundaries on export so an import gives the same spans.

use std::io::Write;

use serde_json::Value;

use super::{parse_label, shown, validate, GoldRow};
use crate::error::{Error, Result};
use crate::io::Document;
use crate::mention::{Label, Layer, Mention};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::gold::parse_gold_csv;
    use crate::eval::gold::tests::{doc, HEADER};

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
}
