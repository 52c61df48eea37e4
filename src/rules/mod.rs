//! Rule data: loading the files under `rules/` (embedded defaults, optionally
//! overlaid by a user's `--rules DIR`, see [`overlay`]) and parsing them with
//! errors that name the file and line ([`csvfile`], typed rows in [`typed`]). The recognizers compile what they read from here once,
//! at start-up.

pub mod csvfile;
pub mod overlay;
pub mod profile;
pub mod registry;
pub mod static_table;
pub mod typed;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use crate::error::{Error, Result};

pub use csvfile::{CsvRow, CsvTable};
pub use typed::Located;

include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// The set of rule files, keyed by their path relative to the rules
/// directory (`names/triggers.csv`).
#[derive(Debug, Clone, Default)]
pub struct RuleFiles {
    /// An embedded file's text is borrowed from the binary, not copied.
    files: BTreeMap<String, Cow<'static, str>>,
    /// Files an overlay wrote or extended, and where their lines came from.
    origins: BTreeMap<String, overlay::Origin>,
    /// Overlay files whose names are not embedded.
    new_files: BTreeSet<String>,
    /// What the recognizers asked for (shared by clones).
    requests: Arc<Mutex<Requests>>,
    /// Work out at run time what `build.rs` precompiled from several files
    /// (the gazetteer variants), even when the inputs are the embedded ones.
    compile_at_run_time: bool,
}

/// The file names and families (prefix, suffix) read so far.
#[derive(Debug, Default)]
struct Requests {
    names: BTreeSet<String>,
    families: BTreeSet<(String, String)>,
}

impl RuleFiles {
    /// The rule files embedded in the binary (the repository's `rules/`).
    pub fn embedded() -> Self {
        RuleFiles {
            files: EMBEDDED_RULES
                .iter()
                .map(|(name, text)| (name.to_string(), Cow::Borrowed(*text)))
                .collect(),
            ..RuleFiles::default()
        }
    }

    fn note(&self, name: Option<&str>, family: Option<(&str, &str)>) {
        if let Ok(mut requests) = self.requests.lock() {
            if let Some(name) = name {
                requests.names.insert(name.to_string());
            }
            if let Some((p, s)) = family {
                requests.families.insert((p.to_string(), s.to_string()));
            }
        }
    }

    /// These files, with the tables `build.rs` precompiled from several
    /// files at once (the gazetteer variants) worked out at run time even
    /// when their inputs are the embedded ones: the slow path a test
    /// compares with the default one.
    pub fn compiled_at_run_time(mut self) -> Self {
        self.compile_at_run_time = true;
        self
    }

    /// Whether tables precompiled from several files may stand for their
    /// inputs (see [`RuleFiles::compiled_at_run_time`]).
    pub fn may_use_precompiled(&self) -> bool {
        !self.compile_at_run_time
    }

    /// Add or replace one file (tests, programmatic use).
    pub fn insert(&mut self, name: impl Into<String>, text: impl Into<String>) {
        self.files.insert(name.into(), Cow::Owned(text.into()));
    }

    /// The embedded (default) text of a rule file, whatever the overlay.
    pub fn embedded_text(name: &str) -> Option<&'static str> {
        EMBEDDED_RULES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| *text)
    }

    /// Whether `text` is the embedded text of rule file `name` (so a table
    /// `build.rs` precompiled from that file may stand for it). The text of
    /// an embedded file that no overlay changed is the embedded text itself.
    pub fn is_embedded_text(name: &str, text: &str) -> bool {
        Self::embedded_text(name)
            .is_some_and(|embedded| std::ptr::eq(embedded, text) || embedded == text)
    }

    /// The text of a file, if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.note(Some(name), None);
        self.files.get(name).map(|text| text.as_ref())
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
        self.note(None, Some((prefix, suffix)));
        self.files
            .iter()
            .filter(move |(k, _)| k.starts_with(prefix) && k.ends_with(suffix))
            .map(|(k, v)| (k.as_str(), v.as_ref()))
    }

    /// Parse a required CSV rule file.
    pub fn csv(&self, name: &str) -> Result<CsvTable<'_>> {
        CsvTable::parse(name, self.require(name)?)
    }

    /// The rows of a required CSV rule file, typed (see [`typed`]).
    pub fn rows<T: serde::de::DeserializeOwned>(&self, name: &str) -> Result<Vec<Located<T>>> {
        self.csv(name)?.rows()
    }

    /// All file names.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Every file with its text, in name order (not counted as read by
    /// [`RuleFiles::check_overlay_files_read`]: for reports, not recognizers).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(k, v)| (k.as_str(), v.as_ref()))
    }
}
