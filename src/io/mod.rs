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
    let id = doc_id(path);
    check_id(&id).map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))?;
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = decode(path, bytes)?;
    Ok(Document::new(id, text))
}

/// The document id of a path: its file stem.
pub fn doc_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// What a directory on the command line expands to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirScan<'a> {
    /// The file extension taken from a directory (`txt`), compared without
    /// regard to case (`.TXT` counts).
    pub extension: &'a str,
    /// Descend into subdirectories.
    pub recursive: bool,
}

impl Default for DirScan<'_> {
    fn default() -> Self {
        DirScan {
            extension: "txt",
            recursive: false,
        }
    }
}

/// Command-line paths expanded into files, with warnings for directories
/// that gave nothing.
#[derive(Debug, Default)]
pub struct Expanded {
    /// The files in order; a path that does not exist or cannot be listed is
    /// an error in place, so the caller reports it and goes on.
    pub files: Vec<Result<PathBuf>>,
    /// One line per directory that yielded no file (with the reason).
    pub warnings: Vec<String>,
}

/// Whether `path` has extension `ext`, in any case (`a.TXT` is a `txt` file).
pub fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// Expand command-line paths: a directory becomes its `*.txt` files (sorted,
/// not recursive), a file stays itself. See [`expand_paths_with`].
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf>> {
    expand_paths_with(paths, DirScan::default()).files
}

/// Expand command-line paths: a directory becomes its files with
/// `scan.extension` (any case), sorted, descending into subdirectories when
/// `scan.recursive`; a file stays itself whatever its name. A directory that
/// yields nothing gets a warning saying what it holds instead.
pub fn expand_paths_with(paths: &[PathBuf], scan: DirScan<'_>) -> Expanded {
    let mut out = Expanded::default();
    for path in paths {
        if path.is_dir() {
            let before = out.files.len();
            let mut skipped_dirs = 0usize;
            let mut other_files = 0usize;
            scan_dir(
                path,
                scan,
                &mut out.files,
                &mut skipped_dirs,
                &mut other_files,
            );
            if out.files.len() == before {
                let mut why = format!("no *.{} files", scan.extension);
                if other_files > 0 {
                    why.push_str(&format!(" ({other_files} other files)"));
                }
                if skipped_dirs > 0 {
                    why.push_str(&format!(
                        "; {skipped_dirs} subdirectories not searched (pass --recursive)"
                    ));
                }
                out.warnings.push(format!(
                    "{}: directory gave no documents: {why}",
                    path.display()
                ));
            }
        } else if path.exists() {
            out.files.push(Ok(path.clone()));
        } else {
            out.files.push(Err(Error::Read {
                path: path.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            }));
        }
    }
    out
}

fn scan_dir(
    dir: &Path,
    scan: DirScan<'_>,
    out: &mut Vec<Result<PathBuf>>,
    skipped_dirs: &mut usize,
    other_files: &mut usize,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            out.push(Err(Error::Read {
                path: dir.to_path_buf(),
                source,
            }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            if scan.recursive {
                scan_dir(&p, scan, out, skipped_dirs, other_files);
            } else {
                *skipped_dirs += 1;
            }
        } else if p.is_file() && has_extension(&p, scan.extension) {
            out.push(Ok(p));
        } else {
            *other_files += 1;
        }
    }
}

/// Check a document id: ids are written on one line of CoNLL and brat output
/// (`# doc: ID`), so an empty id or one with a line break, tab or other
/// control character is refused rather than allowed to break those formats.
pub fn check_id(id: &str) -> std::result::Result<(), String> {
    if id.is_empty() {
        return Err("document id is empty".to_string());
    }
    if let Some(c) = id.chars().find(|c| c.is_control()) {
        return Err(format!(
            "document id {id:?} contains the control character U+{:04X} (ids must be one line without tabs)",
            u32::from(c)
        ));
    }
    Ok(())
}

/// One line of JSONL input (`{"id":…,"text":…}`) as a document; `source`
/// names the input in errors (`docs.jsonl:12: …`, `stdin:3: …`). A BOM
/// before the first line is accepted; the id must pass [`check_id`].
pub fn parse_jsonl_document(source: &str, line_no: usize, line: &[u8]) -> Result<Document, String> {
    #[derive(serde::Deserialize)]
    struct Input {
        id: String,
        text: String,
    }
    let line = if line_no == 1 {
        line.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(line)
    } else {
        line
    };
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    // The fast check says only valid or not; std's finds where a line
    // goes wrong, for the message.
    let text = simdutf8::basic::from_utf8(line).map_err(|_| {
        let valid_up_to = std::str::from_utf8(line).map_or_else(|e| e.valid_up_to(), |s| s.len());
        format!("{source}:{line_no}: not valid UTF-8 (byte {valid_up_to})")
    })?;
    let input: Input = serde_json::from_str(text)
        .map_err(|e| format!("{source}:{line_no}: expected {{\"id\":…,\"text\":…}}: {e}"))?;
    check_id(&input.id).map_err(|e| format!("{source}:{line_no}: {e}"))?;
    Ok(Document::new(input.id, input.text))
}

/// Read JSONL documents from `reader`, one per non-blank line, handing each
/// with its 1-based line number (or the error naming `source` and the line
/// that replaced it) to `handle`.
/// Only a read failure of the input itself stops the reading.
pub fn read_jsonl_documents(
    source: &str,
    reader: impl std::io::BufRead,
    mut handle: impl FnMut(usize, Result<Document, String>),
) -> Result<(), String> {
    read_jsonl_lines(source, reader, |line_no, line| {
        handle(line_no, parse_jsonl_document(source, line_no, &line))
    })
}

/// Read the non-blank lines of a JSONL input, unparsed (for
/// [`parse_jsonl_document`] on another thread), with their 1-based line
/// numbers. Only a read failure of the input itself stops the reading.
///
/// The lines are what `BufRead::split(b'\n')` gives (no final empty
/// line), found in the reader's buffer with `memchr` and copied out once
/// each at their size (`split` grew each line's vector step by step and
/// searched a byte at a time).
pub fn read_jsonl_lines(
    source: &str,
    mut reader: impl std::io::BufRead,
    mut handle: impl FnMut(usize, Vec<u8>),
) -> Result<(), String> {
    let mut line_no = 0;
    let mut emit = |line: Vec<u8>| {
        line_no += 1;
        let content = if line_no == 1 {
            line.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&line)
        } else {
            &line
        };
        if !content.iter().all(u8::is_ascii_whitespace) {
            handle(line_no, line);
        }
    };
    // The start of a line the reader's buffer ended inside.
    let mut partial: Vec<u8> = Vec::new();
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("{source}: cannot read: {e}")),
        };
        if buffer.is_empty() {
            break;
        }
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', buffer) {
            let line = if partial.is_empty() {
                buffer[start..end].to_vec()
            } else {
                partial.extend_from_slice(&buffer[start..end]);
                std::mem::take(&mut partial)
            };
            emit(line);
            start = end + 1;
        }
        partial.extend_from_slice(&buffer[start..]);
        let read = buffer.len();
        reader.consume(read);
    }
    if !partial.is_empty() {
        emit(partial);
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader};

    use super::*;

    /// The lines `read_jsonl_lines` hands on, read through a buffer of
    /// `capacity` bytes.
    fn lines(input: &[u8], capacity: usize) -> Vec<(usize, Vec<u8>)> {
        let mut out = Vec::new();
        let reader = BufReader::with_capacity(capacity, input);
        read_jsonl_lines("t", reader, |n, line| out.push((n, line))).unwrap();
        out
    }

    #[test]
    fn jsonl_lines_are_the_non_blank_lines_split_at_line_ends() {
        let inputs: [&[u8]; 8] = [
            b"",
            b"\n",
            b"{\"a\":1}",
            b"{\"a\":1}\n",
            b"\xEF\xBB\xBF  \n{\"a\":1}\r\n \t\n\n{\"b\":2}",
            b"\xEF\xBB\xBF{}\n\n\nxyz\n  \n",
            b"one\ntwo\nthree\n\nfour five six seven\n",
            b"\n\n\nlast line without an end",
        ];
        for input in inputs {
            // What `BufRead::split` gives, numbered, blank lines left out.
            let expected: Vec<(usize, Vec<u8>)> = BufReader::new(input)
                .split(b'\n')
                .map(Result::unwrap)
                .enumerate()
                .map(|(n, line)| (n + 1, line))
                .filter(|(n, line)| {
                    let content = if *n == 1 {
                        line.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(line)
                    } else {
                        line
                    };
                    !content.iter().all(u8::is_ascii_whitespace)
                })
                .collect();
            // Lines inside one buffer, and across many refills.
            for capacity in [1, 2, 3, 5, 8, 1 << 16] {
                assert_eq!(lines(input, capacity), expected, "{input:?} {capacity}");
            }
        }
    }
}
