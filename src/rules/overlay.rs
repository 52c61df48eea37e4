//! Overlays: a user's `--rules DIR` laid out like `rules/`, merged into the
//! embedded rule files.
//!
//! - A file with the same relative path as an embedded one **adds** its rows:
//!   a CSV overlay needs the embedded file's header (a different header is an
//!   error naming the overlay's header line); a JSONL overlay's lines are
//!   appended.
//! - A CSV overlay may have an extra `remove` column: a row with `remove=yes`
//!   drops every embedded row whose first column equals its first cell (and
//!   is not added itself). Removing a row that does not exist is an error.
//! - A `# replace` comment line makes the overlay file replace the embedded
//!   one whole.
//! - A new file name is accepted only where kashif reads a family of files
//!   (`names/gaz_*.csv`, `names/patterns*.jsonl`): the families are the ones
//!   the recognizers ask for, so [`RuleFiles::check_overlay_files_read`] after
//!   compiling rejects a file nothing read, naming it.
//!
//! Errors in merged rows are reported at the overlay's own file and line
//! ([`RuleFiles::locate`]).

use std::collections::BTreeSet;
use std::path::Path;

use super::{CsvTable, RuleFiles};
use crate::error::{Error, Result};

/// The comment line that makes an overlay file replace the embedded one.
pub const REPLACE_DIRECTIVE: &str = "# replace";

/// The optional CSV column that removes embedded rows.
pub const REMOVE_COLUMN: &str = "remove";

/// Where the text of a rule file touched by an overlay came from.
#[derive(Debug, Clone)]
pub(super) enum Origin {
    /// The whole file is the overlay file at this path (new or replaced).
    Whole(String),
    /// The embedded file with rows appended from the overlay at `path`:
    /// `rows` maps the first merged line of each appended row to its line
    /// in the overlay, in order.
    Merged {
        path: String,
        rows: Vec<(usize, usize)>,
    },
}

fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Read {
        path: path.to_path_buf(),
        source,
    }
}

/// The rule files under `dir`, sorted: (relative name, path).
fn overlay_files(dir: &Path) -> Result<Vec<(String, std::path::PathBuf)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| io_error(&d, e))?;
        for entry in entries {
            let path = entry.map_err(|e| io_error(&d, e))?.path();
            let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let file_name = file_name.unwrap_or_default();
            if file_name.starts_with('.') {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            match path.extension().and_then(|e| e.to_str()) {
                Some("csv" | "jsonl") => {}
                // Notes beside the rules (README.md) are not rules.
                Some("md" | "txt") => continue,
                _ => {
                    return Err(Error::Invalid(format!(
                        "{}: not a rule file (a rules directory holds .csv and .jsonl files laid out like rules/)",
                        path.display()
                    )))
                }
            }
            let rel = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, path));
        }
    }
    out.sort();
    Ok(out)
}

fn has_replace_directive(text: &str) -> bool {
    text.lines().any(|l| l.trim() == REPLACE_DIRECTIVE)
}

impl RuleFiles {
    /// The embedded rules overlaid by the files in `dir` (see the module
    /// documentation): same-named files add rows (or remove them with a
    /// `remove` column, or replace the file with a `# replace` line), new
    /// files join a family the recognizers read.
    pub fn with_overlay(dir: &Path) -> Result<Self> {
        Self::embedded().overlaid(dir)
    }

    /// These rules overlaid by the files in `dir` (see
    /// [`RuleFiles::with_overlay`]): a profile first, then a user's overlay.
    pub fn overlaid(mut self, dir: &Path) -> Result<Self> {
        if !dir.is_dir() {
            return Err(Error::Invalid(format!(
                "{}: rules directory does not exist",
                dir.display()
            )));
        }
        for (rel, path) in overlay_files(dir)? {
            let bytes = std::fs::read(&path).map_err(|e| io_error(&path, e))?;
            // A BOM (as some editors save CSV) is not part of the header.
            let text = crate::io::decode(&path, bytes)?;
            self.overlay_file(&rel, &path.display().to_string(), &text)?;
        }
        Ok(self)
    }

    /// Overlay one file: `rel` is its path relative to the rules directory,
    /// `shown` the name errors use for it (the overlay's path).
    pub fn overlay_file(&mut self, rel: &str, shown: &str, text: &str) -> Result<()> {
        let Some(embedded) = self.files.get(rel).cloned() else {
            self.files.insert(rel.to_string(), text.to_string().into());
            self.origins
                .insert(rel.to_string(), Origin::Whole(shown.to_string()));
            self.new_files.insert(rel.to_string());
            return Ok(());
        };
        if has_replace_directive(text) {
            self.files.insert(rel.to_string(), text.to_string().into());
            self.origins
                .insert(rel.to_string(), Origin::Whole(shown.to_string()));
            return Ok(());
        }
        let (merged, rows) = if rel.ends_with(".csv") {
            merge_csv(rel, &embedded, shown, text)?
        } else {
            append_lines(&embedded, text)
        };
        self.files.insert(rel.to_string(), merged.into());
        self.origins.insert(
            rel.to_string(),
            Origin::Merged {
                path: shown.to_string(),
                rows,
            },
        );
        Ok(())
    }

    /// Where line `line` of rule file `file` came from: the overlay file
    /// and its line for rows an overlay wrote, else the file itself.
    pub fn origin_of(&self, file: &str, line: usize) -> (String, usize) {
        match self.origins.get(file) {
            Some(Origin::Whole(path)) => (path.clone(), line),
            Some(Origin::Merged { path, rows }) if line > 0 => {
                match rows.iter().rev().find(|(merged, _)| *merged <= line) {
                    Some((merged, overlay)) => (path.clone(), overlay + (line - merged)),
                    None => (file.to_string(), line),
                }
            }
            _ => (file.to_string(), line),
        }
    }

    /// An error at a line of a merged file, moved to the overlay file and
    /// line it came from; other errors are returned as they are.
    pub fn locate(&self, error: Error) -> Error {
        match error {
            Error::Rule {
                file,
                line,
                message,
            } => {
                let (file, line) = self.origin_of(&file, line);
                Error::Rule {
                    file,
                    line,
                    message,
                }
            }
            other => other,
        }
    }

    /// After the recognizers are compiled: every new overlay file must have
    /// been read, by its name or as a member of a family the recognizers
    /// asked for; otherwise it would be ignored in silence.
    pub fn check_overlay_files_read(&self) -> Result<()> {
        let requests = self.requests.lock().map_err(|_| {
            Error::Invalid("rule file bookkeeping was poisoned by a panic".to_string())
        })?;
        for rel in &self.new_files {
            let read = requests.names.contains(rel)
                || requests
                    .families
                    .iter()
                    .any(|(prefix, suffix)| rel.starts_with(prefix) && rel.ends_with(suffix));
            if !read {
                let shown = match self.origins.get(rel) {
                    Some(Origin::Whole(path)) => path.as_str(),
                    _ => rel.as_str(),
                };
                let families: Vec<String> = requests
                    .families
                    .iter()
                    .map(|(p, s)| format!("{p}*{s}"))
                    .collect();
                return Err(Error::Invalid(format!(
                    "{shown}: unknown rule file `{rel}`: no embedded rule file has this name, and new files are read only as {}; to add rows to an embedded file, give the overlay its name (e.g. names/triggers.csv)",
                    families.join(", ")
                )));
            }
        }
        Ok(())
    }
}

/// The embedded CSV with the overlay's rows: removals blank their rows
/// (line numbers of the embedded part stay those of the embedded file),
/// additions are appended one record per row.
fn merge_csv(
    rel: &str,
    embedded: &str,
    shown: &str,
    overlay: &str,
) -> Result<(String, Vec<(usize, usize)>)> {
    let base = CsvTable::parse(rel, embedded)?;
    let table = CsvTable::parse(shown, overlay)?;
    let remove_col = table.optional_column(REMOVE_COLUMN);
    let data_columns: Vec<usize> = (0..table.header.len())
        .filter(|&i| Some(i) != remove_col)
        .collect();
    let header: Vec<&str> = data_columns
        .iter()
        .map(|&i| table.header[i].as_str())
        .collect();
    if header != base.header.iter().map(String::as_str).collect::<Vec<_>>() {
        return Err(Error::rule(
            shown,
            table.header_line,
            format!(
                "header `{}` differs from the embedded {rel} (`{}`): an overlay adds rows and needs the same columns, optionally with a `{REMOVE_COLUMN}` column; a `{REPLACE_DIRECTIVE}` line makes it replace the file instead",
                table.header.join(","),
                base.header.join(",")
            ),
        ));
    }
    let mut removed = BTreeSet::new();
    let mut added = Vec::new();
    for row in &table.rows {
        let flag = remove_col.map_or("", |c| row.get(c));
        match flag {
            "yes" => {
                let key = row.get(0);
                if !base.rows.iter().any(|r| r.get(0) == key) {
                    return Err(table.error(
                        row,
                        format!(
                            "removes `{key}`, but no row of the embedded {rel} has it in column `{}`",
                            base.header[0]
                        ),
                    ));
                }
                removed.insert(key.to_string());
            }
            "" | "no" => added.push(row),
            other => {
                return Err(table.error(
                    row,
                    format!("column `{REMOVE_COLUMN}`: `{other}` is not yes or no"),
                ))
            }
        }
    }
    // Lines of removed rows: from the row's line to the line before the next row.
    let mut blank = BTreeSet::new();
    for (k, row) in base.rows.iter().enumerate() {
        if removed.contains(row.get(0)) {
            let end = base.rows.get(k + 1).map_or(usize::MAX, |next| next.line);
            blank.insert((row.line, end));
        }
    }
    let mut merged = String::with_capacity(embedded.len() + overlay.len());
    for (n, line) in embedded.split_inclusive('\n').enumerate() {
        let line_no = n + 1;
        if blank.iter().any(|&(s, e)| line_no >= s && line_no < e) {
            if line.ends_with('\n') {
                merged.push('\n');
            }
        } else {
            merged.push_str(line);
        }
    }
    if !merged.is_empty() && !merged.ends_with('\n') {
        merged.push('\n');
    }
    let mut next_line = merged.matches('\n').count() + 1;
    let mut rows = Vec::new();
    for row in added {
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        writer
            .write_record(data_columns.iter().map(|&i| row.get(i)))
            .map_err(|e| table.error(row, e.to_string()))?;
        let bytes = writer
            .into_inner()
            .map_err(|e| table.error(row, e.to_string()))?;
        let record = String::from_utf8_lossy(&bytes).into_owned();
        rows.push((next_line, row.line));
        next_line += record.matches('\n').count();
        merged.push_str(&record);
    }
    Ok((merged, rows))
}

/// The embedded JSONL with the overlay's lines appended.
fn append_lines(embedded: &str, overlay: &str) -> (String, Vec<(usize, usize)>) {
    let mut merged = embedded.to_string();
    if !merged.is_empty() && !merged.ends_with('\n') {
        merged.push('\n');
    }
    let first = merged.matches('\n').count() + 1;
    merged.push_str(overlay);
    (merged, vec![(first, 1)])
}
