//! Scoring inputs on disk: a gold directory paired with its corpus
//! (`gold/<doc>.csv` with `corpus/<doc>.txt`, loaded and validated), and
//! predictions in the JSONL contract paired with those documents. Shared by
//! `kashif eval` and the Python binding's `kashif.evaluate`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{gold, ScoredDoc};
use crate::error::Result;
use crate::io::{self, Document};
use crate::mention::Mention;

/// A document and its gold mentions.
pub type GoldDoc = (Document, Vec<Mention>);

/// Every `<gold_dir>/<doc>.csv` with its document `<corpus>/<doc>.txt`, loaded
/// and validated, in file name order. All problems are collected, each a
/// message naming its file (and line), not just the first.
pub fn load_corpus(corpus: &Path, gold_dir: &Path) -> Result<Vec<GoldDoc>, Vec<String>> {
    let entries = std::fs::read_dir(gold_dir).map_err(|e| {
        vec![format!(
            "{}: cannot read gold directory: {e}",
            gold_dir.display()
        )]
    })?;
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "csv"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(vec![format!(
            "{}: no gold files (<doc>.csv) to score",
            gold_dir.display()
        )]);
    }
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match load_gold_file(corpus, &path) {
            Ok(pair) => docs.push(pair),
            Err(messages) => errors.extend(messages),
        }
    }
    if errors.is_empty() {
        Ok(docs)
    } else {
        Err(errors)
    }
}

/// One gold file `<doc>.csv` with its document `<corpus>/<doc>.txt`,
/// loaded and validated; on failure, every problem of the file, each message
/// naming the file (and line).
pub fn load_gold_file(corpus: &Path, path: &Path) -> Result<GoldDoc, Vec<String>> {
    let stem = io::doc_id(path);
    let doc_path = corpus.join(format!("{stem}.txt"));
    if !doc_path.is_file() {
        return Err(vec![format!(
            "{}: no document {} for this gold file",
            path.display(),
            doc_path.display()
        )]);
    }
    io::read_document(&doc_path)
        .and_then(|doc| gold::load_gold_csv(path, &doc).map(|g| (doc, g)))
        .map_err(|e| e.messages())
}

/// Pair gold documents with predictions given as JSONL text (`file` names
/// the source in error messages). Returns the scored documents and the ids
/// of predicted documents that have no gold (not scored).
pub fn with_predictions(
    docs: Vec<GoldDoc>,
    file: &str,
    jsonl: &str,
) -> Result<(Vec<ScoredDoc>, Vec<String>)> {
    let by_id: HashMap<String, &Document> =
        docs.iter().map(|(d, _)| (d.id.to_string(), d)).collect();
    let (pred, unknown) = gold::parse_predictions_jsonl(file, jsonl, &by_id)?;
    let mut by_doc: HashMap<String, Vec<Mention>> = HashMap::new();
    for m in pred {
        by_doc.entry(m.doc.to_string()).or_default().push(m);
    }
    let scored = docs
        .into_iter()
        .map(|(doc, gold)| {
            let pred = by_doc.remove(doc.id.as_ref()).unwrap_or_default();
            ScoredDoc { doc, gold, pred }
        })
        .collect();
    Ok((scored, unknown))
}
