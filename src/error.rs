//! The library's one error type. Every variant says which file, line or rule
//! the problem is in, so a user can fix the input without reading Rust.

use std::path::PathBuf;

/// Everything that can go wrong in kashif, with the context needed to fix it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read (missing, permissions, a directory…).
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file that failed.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A document is not valid UTF-8.
    #[error("{path}: not valid UTF-8 (first bad byte at byte offset {offset})")]
    InvalidUtf8 {
        /// The file that failed.
        path: PathBuf,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A rule or lexicon file is malformed.
    #[error("{file}:{line}: {message}")]
    Rule {
        /// The rule file, relative to the rules directory (`names/triggers.csv`).
        file: String,
        /// 1-based line number (0 when the whole file is at fault).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A gold annotation file is malformed or inconsistent with its document.
    #[error("{file}:{line}: {message}")]
    Gold {
        /// The gold file.
        file: String,
        /// 1-based line number (0 when the whole file is at fault).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Several problems in one input (every bad row of a gold file), one
    /// line each, so a user fixes them all in one pass.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Several(Vec<Error>),
    /// A label that is not in the annotation standard.
    #[error("unknown label `{0}` (expected one of PERSON NORP ORG GPE LOC FAC MISC CARDINAL ORDINAL PERCENT MONEY QUANTITY DATE TIME)")]
    UnknownLabel(String),
    /// The `tokenizers` crate reported an error (reference normalizer).
    #[error("tokenizers: {0}")]
    Tokenizers(String),
    /// Invalid command-line or API input.
    #[error("{0}")]
    Invalid(String),
    /// Writing output failed.
    #[error("write failed: {0}")]
    Io(#[from] std::io::Error),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A rule-file error at a given line.
    pub fn rule(file: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Error::Rule {
            file: file.into(),
            line,
            message: message.into(),
        }
    }

    /// One error for a list of problems: the problem itself when there is
    /// one, [`Error::Several`] when there are more. `None` when the list is
    /// empty.
    pub fn from_problems(mut problems: Vec<Error>) -> Option<Self> {
        match problems.len() {
            0 => None,
            1 => problems.pop(),
            _ => Some(Error::Several(problems)),
        }
    }

    /// Each problem's message, one per line of input at fault (a
    /// [`Error::Several`] gives all of its own).
    pub fn messages(&self) -> Vec<String> {
        match self {
            Error::Several(all) => all.iter().flat_map(Error::messages).collect(),
            other => vec![other.to_string()],
        }
    }

    /// A gold-file error at a given line.
    pub fn gold(file: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Error::Gold {
            file: file.into(),
            line,
            message: message.into(),
        }
    }
}
