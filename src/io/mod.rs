//! Reading documents (UTF-8 validation, BOM, directories, stdin) and
//! writing mentions in the output formats (JSONL, CSV, CoNLL, brat).

pub mod formats;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result};

/// A document: its id (the file stem) and its text.
///
/// Offsets convention: a UTF-8 byte order mark at the start of a file is not
/// part of the text; offset 0 is the first character after it, exactly as
/// Python's `utf-8-sig` codec and brat read such a file.
#[derive(Debug, Clone)]
pub struct Document {
    /// Document id: the file stem (`xinhua-2015-04-07-china-kazakhstan`).
    pub id: Arc<str>,
    /// The text, without a leading BOM.
    pub text: String,
}

impl Document {
    /// A document from an id and text (a leading BOM is removed).
    pub fn new(id: impl Into<Arc<str>>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{FEFF}') {
            text.drain(..'\u{FEFF}'.len_utf8());
        }
        Document {
            id: id.into(),
            text,
        }
    }
}

/// Decode a file's bytes: BOM removed, invalid UTF-8 reported with its offset.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Read one document file; the id is the file stem.
pub fn read_document(path: &Path) -> Result<Document> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = decode(path, bytes)?;
    Ok(Document::new(doc_id(path), text))
}

/// The document id of a path: its file stem.
pub fn doc_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Expand command-line paths: a directory becomes its `*.txt` files (sorted,
/// not recursive), a file stays itself. A path that does not exist is
/// returned as an error in place, so the caller reports it and goes on.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            match std::fs::read_dir(path) {
                Ok(entries) => {
                    let mut files: Vec<PathBuf> = entries
                        .flatten()
                        .map(|e| e.path())
                        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt"))
                        .collect();
                    files.sort();
                    out.extend(files.into_iter().map(Ok));
                }
                Err(source) => out.push(Err(Error::Read {
                    path: path.clone(),
                    source,
                })),
            }
        } else if path.exists() {
            out.push(Ok(path.clone()));
        } else {
            out.push(Err(Error::Read {
                path: path.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            }));
        }
    }
    out
}

/// Whitespace-separated tokens of a text with their code point spans
/// (the unit of CoNLL output and of ANERcorp scoring).
pub fn whitespace_tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut n = 0;
    for (i, c) in text.chars().enumerate() {
        n = i + 1;
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, n));
    }
    out
}
