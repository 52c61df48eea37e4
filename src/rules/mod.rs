//! Rule data: loading the files under `rules/` (embedded defaults, optionally
//! overlaid by a user's `--rules DIR`) and parsing them with errors that name
//! the file and line. The recognizers compile what they read from here once,
//! at start-up.

pub mod csvfile;

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};

pub use csvfile::{CsvRow, CsvTable};

include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// The set of rule files, keyed by their path relative to the rules
/// directory (`names/triggers.csv`).
#[derive(Debug, Clone, Default)]
pub struct RuleFiles {
    files: BTreeMap<String, String>,
}

impl RuleFiles {
    /// The rule files embedded in the binary (the repository's `rules/`).
    pub fn embedded() -> Self {
        RuleFiles {
            files: EMBEDDED_RULES
                .iter()
                .map(|(name, text)| (name.to_string(), text.to_string()))
                .collect(),
        }
    }

    /// The embedded rules overlaid by the files in `dir`: a file with the same
    /// relative path replaces the embedded one, a new file is added
    /// (`names/gaz_mylist.csv`, `names/patterns_local.jsonl`).
    pub fn with_overlay(dir: &Path) -> Result<Self> {
        let mut rules = Self::embedded();
        if !dir.is_dir() {
            return Err(Error::Invalid(format!(
                "{}: rules directory does not exist",
                dir.display()
            )));
        }
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            let entries = std::fs::read_dir(&d).map_err(|source| Error::Read {
                path: d.clone(),
                source,
            })?;
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let ext = path.extension().and_then(|e| e.to_str());
                if !matches!(ext, Some("csv" | "jsonl" | "tsv")) {
                    continue;
                }
                let rel = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                let bytes = std::fs::read(&path).map_err(|source| Error::Read {
                    path: path.clone(),
                    source,
                })?;
                // A BOM (as some editors save CSV) is not part of the header.
                let text = crate::io::decode(&path, bytes)?;
                rules.files.insert(rel, text);
            }
        }
        Ok(rules)
    }

    /// Add or replace one file (tests, programmatic use).
    pub fn insert(&mut self, name: impl Into<String>, text: impl Into<String>) {
        self.files.insert(name.into(), text.into());
    }

    /// The text of a file, if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.files.get(name).map(String::as_str)
    }

    /// A required file: a clear error when it is missing.
    pub fn require(&self, name: &str) -> Result<&str> {
        self.get(name)
            .ok_or_else(|| Error::rule(name, 0, "required rule file is missing"))
    }

    /// Files whose relative path starts with `prefix` and ends with `suffix`,
    /// in name order (`names/gaz_`, `.csv`).
    pub fn matching<'a>(
        &'a self,
        prefix: &'a str,
        suffix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.files
            .iter()
            .filter(move |(k, _)| k.starts_with(prefix) && k.ends_with(suffix))
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Parse a required CSV rule file.
    pub fn csv(&self, name: &str) -> Result<CsvTable> {
        CsvTable::parse(name, self.require(name)?)
    }

    /// All file names.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }
}
