//! Predictions in kashif's JSONL contract (`doc start end type text value
//! rule`), read back for scoring another run or another system.

use std::collections::HashMap;

use serde_json::Value;

use super::{parse_label, shown, CharIndex};
use crate::error::{Error, Result};
use crate::io::Document;
use crate::mention::Mention;

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
            value: v.get("value").cloned().unwrap_or(Value::Null).into(),
            rule: v
                .get("rule")
                .and_then(Value::as_str)
                .unwrap_or("-")
                .to_string()
                .into(),
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
    use crate::eval::gold::tests::doc;

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
}
