//! One module per subcommand, plus the options they share.

pub mod bench;
pub mod eval;
pub mod explain;
pub mod export;
pub mod extract;
pub mod gold;
pub mod normalize;
pub mod report;
pub mod rules;

use std::path::PathBuf;

use kashif::{Extractor, RuleFiles};

/// Options shared by the commands that run the recognizers.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct RuleArgs {
    /// A rules directory laid out like rules/, overlaid on the embedded rules:
    /// a file with an embedded file's path adds its rows (a `remove=yes` row
    /// drops one, a `# replace` line replaces the file); a new file must
    /// belong to a family kashif reads (names/gaz_*.csv, names/patterns*.jsonl).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// A corpus's own labelling conventions, applied before `--rules DIR`
    /// (rules/profiles/NAME/; `anercorp`: ANERcorp tags currency names and
    /// some works and places MISC; `wikifane`: no named events). `eval --conll`
    /// applies `anercorp` to ANERcorp and `wikifane` with `--map wikifane`.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
}

impl RuleArgs {
    /// The rule files: embedded, overlaid by `--rules DIR`; or print why not.
    pub fn files(&self) -> Result<RuleFiles, i32> {
        self.files_with_profile(self.profile.as_deref())
    }

    /// The rule files with `profile` (instead of `--profile`) applied
    /// before `--rules DIR`.
    pub fn files_with_profile(&self, profile: Option<&str>) -> Result<RuleFiles, i32> {
        let files = (|| {
            let mut files = RuleFiles::embedded();
            if let Some(name) = profile {
                files.apply_profile(name)?;
            }
            match &self.rules {
                Some(dir) => files.overlaid(dir),
                None => Ok(files),
            }
        })();
        files.map_err(|e| {
            eprintln!("kashif: {e}");
            2
        })
    }

    /// Load the rule files and compile the extractor, or print why not.
    pub fn extractor(&self) -> Result<Extractor, i32> {
        match Extractor::new(&self.files()?) {
            Ok(x) => Ok(x),
            Err(e) => {
                eprintln!("kashif: {e}");
                Err(2)
            }
        }
    }
}

/// Report a failed write of a command's output (a full disk, a closed
/// file) once, and return exit status 1. A closed pipe never gets here on
/// Unix: SIGPIPE ends the process first (`main.rs`).
pub fn write_failed(command: &str, e: &std::io::Error) -> i32 {
    eprintln!("kashif {command}: cannot write the output: {e}");
    1
}

/// Write `text` to stdout and flush it; a failure is reported once (exit 1).
pub fn print_all(command: &str, text: &str) -> i32 {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) => write_failed(command, &e),
    }
}

/// Parse a count that must be at least 1 (`--repeat`, `--threads`).
pub fn parse_positive_count(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{s}` is not a whole number")),
    }
}

/// Parse a size that must be a finite number above 0 (`--size-mb`).
pub fn parse_positive_size(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        Ok(_) => Err(format!("`{s}` must be a number above 0")),
        Err(_) => Err(format!("`{s}` is not a number")),
    }
}

/// Parse `--reference-date YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("`{s}` is not a date YYYY-MM-DD: {e}"))
}

/// A comma-separated label list (`--types PERSON,GPE,MONEY`).
#[derive(Debug, Clone)]
pub struct LabelList(pub Vec<kashif::Label>);

/// Parse `--types PERSON,GPE,MONEY`.
pub fn parse_types(s: &str) -> Result<LabelList, String> {
    s.split(',')
        .filter(|t| !t.trim().is_empty())
        .map(|t| t.trim().parse::<kashif::Label>().map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()
        .map(LabelList)
}
