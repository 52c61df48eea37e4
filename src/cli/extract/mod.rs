//! `kashif extract`: run the recognizers over files, directories or stdin and
//! print mentions as JSONL, CSV, CoNLL or brat. Inputs are read in the order
//! given (`-` is stdin, at most once), as plain text or as JSONL documents
//! (`--input-format`); reading, extraction (`--threads N` workers) and
//! writing overlap in a bounded pipeline (`pipeline.rs`); output order is by
//! document, then offset, whatever N. A bad input costs that input (one line
//! on stderr, exit 1), never the run; a failed write ends the run with one
//! message (exit 1); a closed pipe ends it quietly (see `main.rs`).

use std::io::{BufRead, BufReader, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use kashif::io::formats::{self, Format};
use kashif::io::{self, DirScan, Document};
use kashif::text::Analysis;
use kashif::{ExtractOptions, Mention};

use super::RuleArgs;

mod pipeline;

/// How input files and stdin are read.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Each file (or stdin) is one document; its id is the file stem (`stdin`).
    Text,
    /// Each line is a document `{"id":…,"text":…}`; directories give their *.jsonl files.
    Jsonl,
}

/// Arguments of `kashif extract`.
#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    /// Files, directories (their *.txt files, any case; *.jsonl with
    /// `--input-format jsonl`) or `-` for stdin (the default), read in order.
    /// Without `--input-format`, a file named `*.jsonl` is read as JSONL.
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
    /// How files and stdin are read: `text` (one document each) or `jsonl`
    /// (`{"id":…,"text":…}` per line). Default: `jsonl` for a file named
    /// `*.jsonl` (any case), `text` for everything else.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Descend into subdirectories of the directories given.
    #[arg(short, long)]
    pub recursive: bool,
    /// Worker threads extracting in parallel (default: RAYON_NUM_THREADS if
    /// set, else one per core). Reading and writing run on two more threads;
    /// the writer compiles the rules first, while the workers parse the
    /// input read ahead. The output is the same for any N.
    #[arg(long, value_name = "N")]
    pub threads: Option<NonZeroUsize>,
    /// Extract a document longer than this many code points window by
    /// window (for tests; the default keeps memory flat on any document).
    #[arg(long, value_name = "CHARS", hide = true)]
    pub window_chars: Option<NonZeroUsize>,
    #[command(flatten)]
    pub rules: RuleArgs,
}

/// One unit of input as read: a worker decodes and parses it, so the
/// reading thread does no UTF-8 or JSON work (`pipeline.rs`).
pub enum Item {
    /// A whole text file: its name (for messages), document id and bytes.
    File {
        name: Arc<str>,
        id: Arc<str>,
        bytes: Vec<u8>,
    },
    /// A non-blank JSONL line: its input's name, line number and bytes.
    Line {
        source: Arc<str>,
        line_no: usize,
        bytes: Vec<u8>,
    },
    /// An input that could not be read: the message.
    Failed(String),
}

/// Where a document was read: a file, or a line of a JSONL input.
#[derive(Clone)]
pub struct Place {
    source: Arc<str>,
    line_no: Option<usize>,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line_no {
            Some(n) => write!(f, "{}:{n}", self.source),
            None => write!(f, "{}", self.source),
        }
    }
}

impl Item {
    /// Bytes of input the item holds (for chunking).
    fn len(&self) -> usize {
        match self {
            Item::File { bytes, .. } | Item::Line { bytes, .. } => bytes.len(),
            Item::Failed(_) => 0,
        }
    }

    /// The document, decoded and parsed, with where it was read; or the
    /// message that replaces it.
    fn parse(self) -> Result<(Document, Place), String> {
        match self {
            Item::File { name, id, bytes } => {
                io::check_id(&id).map_err(|e| format!("{name}: {e}"))?;
                let text = io::decode(Path::new(&*name), bytes).map_err(|e| e.to_string())?;
                let place = Place {
                    source: name,
                    line_no: None,
                };
                Ok((Document::new(id, text), place))
            }
            Item::Line {
                source,
                line_no,
                bytes,
            } => {
                let doc = io::parse_jsonl_document(&source, line_no, &bytes)?;
                let place = Place {
                    source,
                    line_no: Some(line_no),
                };
                Ok((doc, place))
            }
            Item::Failed(message) => Err(message),
        }
    }
}

/// Run the command; returns the exit code.
pub fn run(args: ExtractArgs) -> i32 {
    let stdin_uses = args.paths.iter().filter(|p| *p == Path::new("-")).count();
    if stdin_uses > 1 {
        eprintln!("kashif extract: `-` (stdin) is given {stdin_uses} times; it can be read once");
        return 2;
    }
    // The rules compile on the pipeline's writer thread while the input is
    // read and parsed. The compiled rules live until the process ends:
    // freeing their many small allocations would cost about a tenth of a
    // short run's time.
    let rules = &args.rules;
    let compile = std::mem::ManuallyDrop::new(pipeline::Compile::new(|| rules.extractor()));
    let options = ExtractOptions {
        reference_date: args.reference_date,
        types: args.types.clone().map(|t| t.0),
        explain: false,
        window_chars: args.window_chars.map(NonZeroUsize::get),
        ..ExtractOptions::default()
    };
    let inputs = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let scan = DirScan {
        extension: match args.input_format {
            None | Some(InputFormat::Text) => "txt",
            Some(InputFormat::Jsonl) => "jsonl",
        },
        recursive: args.recursive,
    };
    // Expand each argument in place so stdin keeps its position (the
    // warnings are printed once the rules compiled).
    let mut sources: Vec<Result<PathBuf, String>> = Vec::new();
    let mut warnings = Vec::new();
    for input in &inputs {
        if input == Path::new("-") {
            sources.push(Ok(input.clone()));
            continue;
        }
        let expanded = io::expand_paths_with(std::slice::from_ref(input), scan);
        warnings.extend(expanded.warnings);
        sources.extend(
            expanded
                .files
                .into_iter()
                .map(|f| f.map_err(|e| e.to_string())),
        );
    }
    let total_bytes: Option<u64> = if stdin_uses == 0 {
        Some(
            sources
                .iter()
                .flatten()
                .filter_map(|p| std::fs::metadata(p).ok())
                .map(|m| m.len())
                .sum(),
        )
    } else {
        None
    };

    let threads = args.threads.map_or_else(default_threads, NonZeroUsize::get);
    let settings = pipeline::Settings {
        compile: &compile,
        warnings,
        options: &options,
        format: args.format,
        threads,
        total_bytes,
    };
    let outcome = pipeline::run(&settings, |feeder| {
        let mut reader = Reader { feeder };
        for source in sources {
            if reader.feeder.stopped() {
                break;
            }
            let path = match source {
                Ok(path) => path,
                Err(message) => {
                    reader.feeder.push(Item::Failed(message));
                    continue;
                }
            };
            let result = if path == Path::new("-") {
                let stdin = std::io::stdin();
                let lock = stdin.lock();
                let format = args.input_format.unwrap_or(InputFormat::Text);
                reader.read_input("stdin", "stdin", lock, format)
            } else {
                match std::fs::File::open(&path) {
                    Ok(file) => {
                        let name = path.display().to_string();
                        let id = io::doc_id(&path);
                        let format = args.input_format.unwrap_or_else(|| format_of(&path));
                        let file = BufReader::with_capacity(READ_BUFFER_BYTES, file);
                        reader.read_input(&name, &id, file, format)
                    }
                    Err(source) => Err(kashif::Error::Read { path, source }.to_string()),
                }
            };
            if let Err(message) = result {
                reader.feeder.push(Item::Failed(message));
            }
        }
    });
    if let Some(code) = compile.failed() {
        return code;
    }
    if let Some(e) = &outcome.write_error {
        eprintln!("kashif extract: cannot write the output: {e}");
        return 1;
    }
    i32::from(outcome.failed)
}

/// The read buffer of an input file: a JSONL line of an article is
/// several KB, and the default 8 KB buffer cost a read call per line and
/// regrew each line's bytes a few times as they came.
const READ_BUFFER_BYTES: usize = 256 * 1024;

/// The input format of a file when `--input-format` is not given: JSONL for
/// a `*.jsonl` file (any case), so such a file is never read as one text
/// document made of JSON; text for everything else.
fn format_of(path: &Path) -> InputFormat {
    let is_jsonl = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"));
    if is_jsonl {
        InputFormat::Jsonl
    } else {
        InputFormat::Text
    }
}

/// Worker threads without `--threads`: `RAYON_NUM_THREADS` when it is a
/// positive number (as rayon reads it), else one per core. The pipeline
/// runs its own threads, so no rayon pool is started just to ask.
fn default_threads() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|n| n.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, NonZeroUsize::get))
}

/// The reading side of one `extract` run: inputs become items pushed into
/// the pipeline, unparsed (duplicate ids are refused by the writer, which
/// sees documents in input order).
struct Reader<'f, 'p> {
    feeder: &'f mut pipeline::Feeder<'p>,
}

impl Reader<'_, '_> {
    /// Read one input: a whole text document (id `id`) or JSONL documents.
    fn read_input(
        &mut self,
        name: &str,
        id: &str,
        mut reader: impl BufRead,
        format: InputFormat,
    ) -> Result<(), String> {
        match format {
            InputFormat::Text => {
                let mut bytes = Vec::new();
                reader
                    .read_to_end(&mut bytes)
                    .map_err(|e| format!("{name}: cannot read: {e}"))?;
                self.feeder.push(Item::File {
                    name: name.into(),
                    id: id.into(),
                    bytes,
                });
                Ok(())
            }
            InputFormat::Jsonl => {
                let source: Arc<str> = name.into();
                io::read_jsonl_lines(name, reader, |line_no, bytes| {
                    self.feeder.push(Item::Line {
                        source: source.clone(),
                        line_no,
                        bytes,
                    });
                })
            }
        }
    }
}

/// A progress line on stderr (documents, bytes, MB/s), drawn only when
/// stderr is a terminal, so pipes and log files never see it.
struct Progress {
    bar: Option<ProgressBar>,
    docs: u64,
    started: Instant,
}

impl Progress {
    fn new(total_bytes: Option<u64>) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar =
                ProgressBar::with_draw_target(total_bytes, ProgressDrawTarget::stderr_with_hz(4));
            let template = if total_bytes.is_some() {
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg}"
            } else {
                "{spinner} [{elapsed_precise}] {bytes} {msg}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            docs: 0,
            started: Instant::now(),
        }
    }

    fn document(&mut self, bytes: usize) {
        self.docs += 1;
        if let Some(bar) = &self.bar {
            bar.inc(bytes as u64);
            let secs = self.started.elapsed().as_secs_f64().max(1e-9);
            bar.set_message(format!(
                "{} documents, {:.1} MB/s",
                self.docs,
                bar.position() as f64 / 1e6 / secs
            ));
        }
    }

    fn warn(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{message}")),
            None => eprintln!("{message}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Write one document's mentions in `format` (CSV rows without the header,
/// which the pipeline writes once before the first document's rows).
fn write(
    out: &mut Vec<u8>,
    format: Format,
    doc: &Document,
    mentions: &[Mention],
) -> kashif::Result<()> {
    match format {
        Format::Jsonl => formats::append_jsonl(out, mentions),
        Format::Csv => formats::write_csv(out, mentions, false),
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
