//! `kashif extract`: run the recognizers over files, directories or stdin and
//! print mentions as JSONL, CSV, CoNLL or brat. Documents are read in bounded
//! batches and extracted in parallel; output order is by document, then offset.

use std::io::{BufRead, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use kashif::io::formats::{self, Format};
use kashif::io::{self, Document};
use kashif::text::Analysis;
use kashif::{ExtractOptions, Mention};

use super::RuleArgs;

/// Documents read and extracted together; memory stays bounded by one batch.
pub const BATCH_DOCS: usize = 64;

/// Arguments of `kashif extract`.
#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    /// Files, directories (their *.txt files) or `-` for stdin (the default).
    pub paths: Vec<PathBuf>,
    /// Output format: jsonl, csv, conll or brat.
    #[arg(long, default_value = "jsonl")]
    pub format: Format,
    /// Keep only these labels (comma-separated, e.g. PERSON,GPE,MONEY).
    #[arg(long, value_parser = super::parse_types)]
    pub types: Option<super::LabelList>,
    /// Resolve relative dates against this date (YYYY-MM-DD) instead of the dateline.
    #[arg(long, value_parser = super::parse_date)]
    pub reference_date: Option<chrono::NaiveDate>,
    /// How stdin is read: `text` (one document) or `jsonl` (`{"id":…,"text":…}` per line).
    #[arg(long, default_value = "text")]
    pub input_format: String,
    #[command(flatten)]
    pub rules: RuleArgs,
}

/// One unit of input: a document or the error that replaced it.
type Item = Result<Document, String>;

/// Run the command; returns the exit code.
pub fn run(args: ExtractArgs) -> i32 {
    let extractor = match args.rules.extractor() {
        Ok(x) => x,
        Err(code) => return code,
    };
    let options = ExtractOptions {
        reference_date: args.reference_date,
        types: args.types.clone().map(|t| t.0),
        explain: false,
        ..ExtractOptions::default()
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut first_batch = true;
    let mut emit = |batch: Vec<Item>, out: &mut BufWriter<std::io::StdoutLock<'_>>| -> bool {
        let results: Vec<Result<(Document, Vec<Mention>), String>> = batch
            .into_par_iter()
            .map(|item| {
                item.and_then(|doc| {
                    // A bug in a rule must cost one document, not the run:
                    // the panic message is printed above this line's error.
                    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        extractor.extract(&doc.id, &doc.text, &options)
                    }));
                    match run {
                        Ok(mentions) => Ok((doc, mentions)),
                        Err(_) => Err(format!(
                            "{}: internal error while extracting (a bug, please report it); document skipped",
                            doc.id
                        )),
                    }
                })
            })
            .collect();
        let mut ok = true;
        for result in results {
            match result {
                Ok((doc, mentions)) => {
                    if let Err(e) = write(out, args.format, &doc, &mentions, first_batch) {
                        eprintln!("kashif extract: {e}");
                        ok = false;
                    }
                    first_batch = false;
                }
                Err(message) => {
                    eprintln!("kashif extract: {message}");
                    ok = false;
                }
            }
        }
        ok
    };

    let stdin_only = args.paths.is_empty() || args.paths.iter().all(|p| p == Path::new("-"));
    if stdin_only {
        match read_stdin(&args.input_format, |batch| {
            failed |= !emit(batch, &mut out);
        }) {
            Ok(()) => {}
            Err(message) => {
                eprintln!("kashif extract: {message}");
                failed = true;
            }
        }
    } else {
        let paths: Vec<PathBuf> = args
            .paths
            .iter()
            .filter(|p| *p != Path::new("-"))
            .cloned()
            .collect();
        let expanded = io::expand_paths(&paths);
        for chunk in expanded.chunks(BATCH_DOCS) {
            let batch: Vec<Item> = chunk
                .iter()
                .map(|p| match p {
                    Ok(path) => io::read_document(path).map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                })
                .collect();
            failed |= !emit(batch, &mut out);
        }
    }
    if let Err(e) = out.flush() {
        eprintln!("kashif extract: {e}");
        failed = true;
    }
    i32::from(failed)
}

/// Read stdin as one text document (id `stdin`) or as JSONL documents,
/// handing over bounded batches.
fn read_stdin(input_format: &str, mut handle: impl FnMut(Vec<Item>)) -> Result<(), String> {
    let stdin = std::io::stdin();
    match input_format {
        "text" => {
            let mut bytes = Vec::new();
            stdin
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("stdin: cannot read: {e}"))?;
            let item = io::decode(Path::new("stdin"), bytes)
                .map(|text| Document::new("stdin", text))
                .map_err(|e| e.to_string());
            handle(vec![item]);
            Ok(())
        }
        "jsonl" => {
            let mut batch = Vec::with_capacity(BATCH_DOCS);
            for (n, line) in stdin.lock().split(b'\n').enumerate() {
                let line = line.map_err(|e| format!("stdin: cannot read: {e}"))?;
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                batch.push(parse_jsonl_doc(n + 1, &line));
                if batch.len() == BATCH_DOCS {
                    handle(std::mem::take(&mut batch));
                }
            }
            if !batch.is_empty() {
                handle(batch);
            }
            Ok(())
        }
        other => Err(format!(
            "unknown --input-format `{other}` (expected text or jsonl)"
        )),
    }
}

fn parse_jsonl_doc(line_no: usize, line: &[u8]) -> Item {
    #[derive(serde::Deserialize)]
    struct Input {
        id: String,
        text: String,
    }
    let text = std::str::from_utf8(line).map_err(|e| {
        format!(
            "stdin:{line_no}: not valid UTF-8 (byte {})",
            e.valid_up_to()
        )
    })?;
    let input: Input = serde_json::from_str(text)
        .map_err(|e| format!("stdin:{line_no}: expected {{\"id\":…,\"text\":…}}: {e}"))?;
    Ok(Document::new(input.id, input.text))
}

fn write(
    out: &mut impl Write,
    format: Format,
    doc: &Document,
    mentions: &[Mention],
    first: bool,
) -> kashif::Result<()> {
    match format {
        Format::Jsonl => formats::write_jsonl(out, mentions),
        Format::Csv => formats::write_csv(out, mentions, first),
        Format::Brat => {
            writeln!(out, "# {}", doc.id)?;
            kashif::eval::gold::write_brat_ann(out, mentions)
        }
        Format::Conll => {
            let analysis = Analysis::new(&doc.text);
            let ws = io::whitespace_tokens(&doc.text);
            let sentence_of = whitespace_sentences(&analysis, &ws);
            writeln!(out, "# doc: {}", doc.id)?;
            formats::write_conll(out, &doc.text, &ws, &sentence_of, mentions)
        }
    }
}

/// The sentence of each whitespace token: that of the first kashif token
/// inside it.
pub fn whitespace_sentences(analysis: &Analysis<'_>, ws: &[(usize, usize)]) -> Vec<usize> {
    let tokens = analysis.tokens();
    let mut j = 0;
    let mut last = 0;
    ws.iter()
        .map(|&(s, e)| {
            while j < tokens.len() && tokens[j].end <= s {
                j += 1;
            }
            if let Some(t) = tokens.get(j) {
                if t.start < e {
                    last = t.sentence;
                }
            }
            last
        })
        .collect()
}
