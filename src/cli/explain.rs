//! `kashif explain FILE`: every mention with the rule that produced it and
//! the evidence (lexicon entry, trigger, pattern id), so a rule author sees why.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use kashif::ExtractOptions;

use super::RuleArgs;

/// Arguments of `kashif explain`.
#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// The document to explain (`-`: stdin, document id `stdin`).
    pub file: PathBuf,
    /// Resolve relative dates against this date (YYYY-MM-DD).
    #[arg(long, value_parser = super::parse_date)]
    pub reference_date: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub rules: RuleArgs,
}

/// Run the command; returns the exit code.
pub fn run(args: ExplainArgs) -> i32 {
    let extractor = match args.rules.extractor() {
        Ok(x) => x,
        Err(code) => return code,
    };
    let doc = match read_explained(&args.file) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("kashif explain: {e}");
            return 1;
        }
    };
    let options = ExtractOptions {
        reference_date: args.reference_date,
        types: None,
        explain: true,
        ..ExtractOptions::default()
    };
    let mentions = extractor.extract(&doc.id, &doc.text, &options);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match write_explanation(&mut out, &doc.id, &mentions).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) => super::write_failed("explain", &e),
    }
}

/// The document to explain: a file, or stdin for `-` (as `kashif extract`).
fn read_explained(path: &std::path::Path) -> kashif::Result<kashif::io::Document> {
    if path != std::path::Path::new("-") {
        return kashif::io::read_document(path);
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map_err(|source| {
        kashif::Error::Read {
            path: path.to_path_buf(),
            source,
        }
    })?;
    let text = kashif::io::decode(std::path::Path::new("stdin"), bytes)?;
    Ok(kashif::io::Document::new("stdin", text))
}

/// Each mention with its rule and evidence, then a count line.
fn write_explanation(
    out: &mut impl Write,
    doc: &str,
    mentions: &[kashif::Mention],
) -> std::io::Result<()> {
    for m in mentions {
        let value = if m.value.is_null() {
            String::new()
        } else {
            format!(" = {}", m.value)
        };
        writeln!(
            out,
            "{:>6}-{:<6} {:<9} {}{}\n              rule: {}{}",
            m.start,
            m.end,
            m.label.as_str(),
            m.text,
            value,
            m.rule,
            if m.evidence.is_empty() {
                String::new()
            } else {
                format!("\n              why:  {}", m.evidence)
            }
        )?;
    }
    writeln!(out, "{} mentions in {doc}", mentions.len())
}
