//! `kashif bench [PATHS…]`: end-to-end throughput of extraction (MB/s,
//! documents/s, mentions/s), start-up time (loading and compiling the rules)
//! and peak memory, on the corpus or any documents, repeated to a size.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use kashif::io::{self, Document};
use kashif::{perf, ExtractOptions, Extractor, RuleFiles};

use super::RuleArgs;

/// Arguments of `kashif bench`.
#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// Files, directories (their *.txt files) or JSONL files (`{"id":…,"text":…}`
    /// per line). Default: corpus/.
    pub paths: Vec<PathBuf>,
    /// Add the ANERcorp text (default ../shared/data/anercorp/train.txt), one
    /// document per ~4 KB of sentences.
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    pub anercorp: Option<Option<PathBuf>>,
    /// Repeat the inputs to about this many megabytes (10^6 bytes).
    #[arg(long, value_name = "N", value_parser = super::parse_positive_size)]
    pub size_mb: Option<f64>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N", value_parser = super::parse_positive_count)]
    pub threads: Option<usize>,
    /// Timed runs over the input; the table shows each and the best.
    #[arg(long, value_name = "K", default_value_t = 3, value_parser = super::parse_positive_count)]
    pub repeat: usize,
    #[command(flatten)]
    pub rules: RuleArgs,
}

/// Run the command; returns the exit code.
pub fn run(args: BenchArgs) -> i32 {
    match bench(&args) {
        Ok(report) => super::print_all("bench", &report),
        Err(message) => {
            eprintln!("kashif bench: {message}");
            1
        }
    }
}

/// How many times the rules are compiled to measure start-up.
const STARTUP_SAMPLES: usize = 5;

/// One timed pass over the input.
struct Run {
    wall: Duration,
    mentions: usize,
}

/// Run the benchmark; the report to print, or why it could not run.
fn bench(args: &BenchArgs) -> Result<String, String> {
    use std::fmt::Write as _;
    let mut report = String::new();
    // Start-up: loading and compiling every rule, as `extract` does it.
    let t0 = Instant::now();
    let files = match &args.rules.rules {
        Some(dir) => RuleFiles::with_overlay(dir),
        None => Ok(RuleFiles::embedded()),
    }
    .map_err(|e| e.to_string())?;
    let extractor = Extractor::new(&files).map_err(|e| e.to_string())?;
    let first_startup = t0.elapsed();
    // The first compilation also pays for paging the binary and fresh
    // memory in, which on a shared or just-woken machine swings widely;
    // the median of a few more is the steady cost.
    let mut startups = vec![first_startup];
    for _ in 1..STARTUP_SAMPLES {
        let t = Instant::now();
        drop(Extractor::new(&files).map_err(|e| e.to_string())?);
        startups.push(t.elapsed());
    }
    startups.sort();
    let startup = startups[startups.len() / 2];

    let unique = load(args)?;
    if unique.is_empty() {
        return Err("no documents to run on".to_string());
    }
    let unique_bytes = perf::total_bytes(&unique);
    // Repeat by index so memory holds only the distinct documents.
    let passes = match args.size_mb {
        Some(mb) if mb > 0.0 => ((mb * 1e6 / unique_bytes as f64).round() as usize).max(1),
        _ => 1,
    };
    let n_docs = unique.len() * passes;
    let bytes = unique_bytes * passes;

    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| e.to_string())?;
    let repeat = args.repeat.max(1);

    let progress = ProgressBar::with_draw_target(
        Some((bytes * repeat) as u64),
        ProgressDrawTarget::stderr_with_hz(4),
    );
    progress.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} \
             ({binary_bytes_per_sec}, eta {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );

    let options = ExtractOptions::default();
    let mut runs = Vec::with_capacity(repeat);
    for _ in 0..repeat {
        let start = Instant::now();
        let mentions: usize = pool.install(|| {
            (0..n_docs)
                .into_par_iter()
                .map(|i| {
                    let doc = &unique[i % unique.len()];
                    let n = extractor.extract(&doc.id, &doc.text, &options).len();
                    progress.inc(doc.text.len() as u64);
                    n
                })
                .sum()
        });
        runs.push(Run {
            wall: start.elapsed(),
            mentions,
        });
    }
    progress.finish_and_clear();

    let mb = bytes as f64 / 1e6;
    let _ = writeln!(
        report,
        "input       {mb:.2} MB in {n_docs} documents ({} distinct, {passes} pass{})",
        unique.len(),
        if passes == 1 { "" } else { "es" }
    );
    let _ = writeln!(
        report,
        "threads     {threads} (of {} cores)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let _ = writeln!(
        report,
        "start-up    {:.2} ms (loading and compiling all rules; median of {STARTUP_SAMPLES}, the first took {:.2} ms)",
        startup.as_secs_f64() * 1e3,
        first_startup.as_secs_f64() * 1e3
    );
    let _ = writeln!(report);
    let _ = writeln!(
        report,
        "{:<6} {:>10} {:>9} {:>11} {:>12} {:>10}",
        "run", "wall s", "MB/s", "docs/s", "mentions/s", "mentions"
    );
    let row = |report: &mut String, name: &str, r: &Run| {
        let s = r.wall.as_secs_f64().max(1e-9);
        let _ = writeln!(
            report,
            "{:<6} {:>10.3} {:>9.1} {:>11.0} {:>12.0} {:>10}",
            name,
            s,
            mb / s,
            n_docs as f64 / s,
            r.mentions as f64 / s,
            r.mentions
        );
    };
    for (k, r) in runs.iter().enumerate() {
        row(&mut report, &(k + 1).to_string(), r);
    }
    if let Some(best) = runs.iter().min_by_key(|r| r.wall) {
        if runs.len() > 1 {
            row(&mut report, "best", best);
        }
    }
    let _ = writeln!(report);
    let _ = match perf::peak_rss_bytes() {
        Some(b) => writeln!(report, "peak RSS    {:.1} MB", b as f64 / 1e6),
        None => writeln!(report, "peak RSS    n/a"),
    };
    if runs.windows(2).any(|w| w[0].mentions != w[1].mentions) {
        return Err("runs disagree on the mention count".to_string());
    }
    Ok(report)
}

/// The distinct documents: the paths (default `corpus/`) and ANERcorp.
fn load(args: &BenchArgs) -> Result<Vec<Document>, String> {
    let mut paths = args.paths.clone();
    if paths.is_empty() {
        paths.push(PathBuf::from("corpus"));
    }
    let mut docs = Vec::new();
    for path in io::expand_paths(&paths) {
        let path = path.map_err(|e| e.to_string())?;
        if io::has_extension(&path, "jsonl") {
            docs.extend(read_jsonl(&path)?);
        } else {
            docs.push(io::read_document(&path).map_err(|e| e.to_string())?);
        }
    }
    if let Some(file) = &args.anercorp {
        let file = file
            .clone()
            .unwrap_or_else(|| PathBuf::from(perf::ANERCORP_TRAIN));
        let more = perf::anercorp_documents(&file)
            .ok_or_else(|| format!("{}: cannot read the ANERcorp text", file.display()))?;
        docs.extend(more);
    }
    Ok(docs)
}

/// The documents of a JSONL file (`{"id":…,"text":…}` per line, BOM and CRLF
/// accepted); the first bad line is the error.
fn read_jsonl(path: &Path) -> Result<Vec<Document>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut docs = Vec::new();
    let mut first_error = None;
    io::read_jsonl_documents(
        &path.display().to_string(),
        std::io::BufReader::new(file),
        |_, item| match item {
            Ok(doc) => docs.push(doc),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        },
    )?;
    match first_error {
        Some(e) => Err(e),
        None => Ok(docs),
    }
}
