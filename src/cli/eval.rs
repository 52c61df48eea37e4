//! `kashif eval`: score the recognizers against the hand-made gold in
//! `gold/` (one CSV per document of `corpus/`), or against a CoNLL file
//! (`--conll`, the ANERcorp mode). Output and exit codes only; the work is
//! in `kashif::eval`.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use kashif::eval::dataset::{self, load_corpus, GoldDoc};
use kashif::eval::diff::{self, Run};
use kashif::eval::report::{self, ReportFormat, ReportOptions};
use kashif::eval::summary::{self, SplitManifest, Subset};
use kashif::eval::{conll, conll_docs, wikifane, CorpusEval, ScoredDoc};
use kashif::{ExtractOptions, RuleFiles};

use super::RuleArgs;

/// Arguments of `kashif eval`.
#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// Directory of documents (`<doc>.txt`).
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// Directory of gold files (`<doc>.csv`); every document with gold is scored.
    #[arg(long, default_value = "gold")]
    pub gold: PathBuf,
    /// Output format: table, json, csv or markdown.
    #[arg(long, default_value = "table")]
    pub format: ReportFormat,
    /// List every error (missed, spurious, boundary, type, value) with
    /// context and the rule that fired, and a "what to fix" ordering.
    #[arg(long)]
    pub errors: bool,
    /// Print the full rule report (true/false positives per rule, rules that never fired).
    #[arg(long)]
    pub rule_report: bool,
    /// Exit with code 1 when strict micro-F1 (all layers; with --conll the
    /// conlleval micro-F1) is below this fraction (0..1).
    #[arg(long, value_name = "X", value_parser = parse_fraction)]
    pub min_f1: Option<f64>,
    /// ANERcorp mode: score on the tokens of this CoNLL file instead of the gold directory.
    #[arg(long, value_name = "FILE")]
    pub conll: Option<PathBuf>,
    /// With --conll: score only sentences A..B (fractions of the sentence count, e.g. 0.8..1.0).
    #[arg(long, value_name = "A..B", value_parser = conll::parse_split, requires = "conll")]
    pub split: Option<(f64, f64)>,
    /// With --conll: the file's tag set. `wikifane` maps WikiFANE's fine
    /// classes through rules/profiles/wikifane_map.csv and joins its split
    /// clitics back; without it the file is read as ANERcorp.
    #[arg(long, value_name = "NAME", value_parser = ["wikifane"], requires = "conll")]
    pub map: Option<String>,
    /// With --conll: also write `TOKEN GOLD PRED` lines (conlleval's input) to this file.
    #[arg(long, value_name = "FILE", requires = "conll")]
    pub conll_out: Option<PathBuf>,
    /// Score these predictions (JSONL as written by `kashif extract`, e.g.
    /// from another run or another system) instead of running extraction.
    #[arg(long, value_name = "FILE", conflicts_with = "conll")]
    pub pred: Option<PathBuf>,
    /// Print only the by-document table (names F1, numeric F1, value
    /// accuracy per document, worst first); the default table ends with it.
    #[arg(long, conflicts_with = "conll")]
    pub by_doc: bool,
    /// Score only the documents of this half of the corpus (dev or test) per
    /// `<corpus>/split.csv`.
    #[arg(long, value_name = "dev|test", conflicts_with = "conll")]
    pub subset: Option<Subset>,
    /// Save this run (every predicted mention with its rule id, and the
    /// scores) as JSON, to compare later runs with `--baseline`.
    #[arg(long, value_name = "RUN.json")]
    pub save: Option<PathBuf>,
    /// Compare this run with a saved one: print the mentions fixed and
    /// broken and the score deltas per type and per document.
    #[arg(long, value_name = "RUN.json")]
    pub baseline: Option<PathBuf>,
    /// With --baseline: exit 1 when a mention that was right in the baseline
    /// is wrong now.
    #[arg(long, requires = "baseline")]
    pub fail_on_regression: bool,
    /// Write a self-contained HTML report (scores, then every document with
    /// gold and predicted mentions and the errors marked) to this file.
    #[arg(long, value_name = "FILE", conflicts_with = "conll")]
    pub html: Option<PathBuf>,
    /// Resolve relative dates against this date (YYYY-MM-DD) instead of each dateline.
    #[arg(long, value_parser = super::parse_date)]
    pub reference_date: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Print nothing on stdout (`kashif report` writes only the HTML file).
    #[arg(skip)]
    pub quiet: bool,
}

fn parse_fraction(s: &str) -> Result<f64, String> {
    let x: f64 = s
        .parse()
        .map_err(|_| format!("`{s}` is not a number between 0 and 1"))?;
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!(
            "`{s}` is not between 0 and 1 (F1 is a fraction: 0.85, not 85)"
        ))
    }
}

/// A progress bar on stderr that only appears once the work has taken more
/// than a second.
pub struct LazyProgress {
    bar: ProgressBar,
    started: Instant,
    shown: std::sync::atomic::AtomicBool,
    /// Bytes of document text done, for the MB/s in the message.
    bytes: std::sync::atomic::AtomicU64,
}

impl LazyProgress {
    /// A hidden bar for `len` steps.
    pub fn new(len: u64, what: &str) -> Self {
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template(&format!(
            "{what} {{bar:40}} {{pos}}/{{len}} {{elapsed}} {{msg}}"
        )) {
            bar.set_style(style);
        }
        LazyProgress {
            bar,
            started: Instant::now(),
            shown: std::sync::atomic::AtomicBool::new(false),
            bytes: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// One document of `bytes` bytes done: the message shows MB/s.
    pub fn inc_document(&self, bytes: usize) {
        use std::sync::atomic::Ordering;
        let done = self.bytes.fetch_add(bytes as u64, Ordering::Relaxed) + bytes as u64;
        let secs = self.started.elapsed().as_secs_f64().max(1e-9);
        self.bar
            .set_message(format!("documents, {:.1} MB/s", done as f64 / 1e6 / secs));
        self.inc();
    }

    /// One step done.
    pub fn inc(&self) {
        use std::sync::atomic::Ordering;
        if !self.shown.load(Ordering::Relaxed) && self.started.elapsed() > Duration::from_secs(1) {
            self.shown.store(true, Ordering::Relaxed);
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        self.bar.inc(1);
    }

    /// Remove the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Run the command; returns the exit code (0 ok, 1 below --min-f1 or a
/// regression under --fail-on-regression, 2 bad input).
pub fn run(args: EvalArgs) -> i32 {
    let files = match &args.rules.rules {
        Some(dir) => RuleFiles::with_overlay(dir),
        None => Ok(RuleFiles::embedded()),
    };
    let files = match files {
        Ok(f) => f,
        Err(e) => {
            eprintln!("kashif eval: {e}");
            return 2;
        }
    };
    let options = ExtractOptions {
        reference_date: args.reference_date,
        types: None,
        // The HTML report shows why each rule fired.
        explain: args.html.is_some(),
        ..ExtractOptions::default()
    };
    if let Some(path) = &args.conll {
        return run_conll(&args, path, &options);
    }
    // Gold is loaded and validated before the rules are compiled, so a bad
    // row is reported at once.
    let docs = match load_corpus(&args.corpus, &args.gold) {
        Ok(d) => d,
        Err(messages) => {
            for m in messages {
                eprintln!("kashif eval: {m}");
            }
            return 2;
        }
    };
    let manifest = match SplitManifest::read(&args.corpus) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("kashif eval: {e}");
            return 2;
        }
    };
    let docs = match select_subset(docs, args.subset, manifest.as_ref(), &args) {
        Ok(d) => d,
        Err(messages) => {
            for m in messages {
                eprintln!("kashif eval: {m}");
            }
            return 2;
        }
    };
    let scored: Vec<ScoredDoc> = match &args.pred {
        Some(path) => match with_predictions(docs, path) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("kashif eval: {e}");
                return 2;
            }
        },
        None => {
            let extractor = match args.rules.extractor() {
                Ok(x) => x,
                Err(code) => return code,
            };
            let progress = LazyProgress::new(docs.len() as u64, "scoring");
            let scored = docs
                .into_par_iter()
                .map(|(doc, gold)| {
                    let pred = extractor.extract(&doc.id, &doc.text, &options);
                    progress.inc_document(doc.text.len());
                    ScoredDoc { doc, gold, pred }
                })
                .collect();
            progress.finish();
            scored
        }
    };
    let known = report::known_rule_ids(&files);
    let ev = kashif::eval::evaluate(&scored, &known);
    let opts = ReportOptions {
        errors: args.errors,
        rule_report: args.rule_report,
    };
    let by_doc = summary::doc_table(&scored, manifest.as_ref());
    let subset = args.subset.map(Subset::as_str);
    let mut code = 0;
    let printed = match &args.baseline {
        Some(path) => print_diff(&args, path, &scored).map(|regressions| {
            code = regression_code(&args, path, regressions);
        }),
        None if args.quiet => Ok(()),
        None => print_report(&args, &ev, opts, &by_doc, subset),
    };
    if let Err(e) = printed {
        eprintln!("kashif eval: {e}");
        return 2;
    }
    if let Some(path) = &args.html {
        let page = kashif::eval::html::render(&scored, &ev, &by_doc, subset);
        if let Err(e) = std::fs::write(path, page) {
            eprintln!(
                "kashif eval: {}: cannot write the report: {e}",
                path.display()
            );
            return 2;
        }
    }
    if let Some(path) = &args.save {
        let mut scores = report::to_json(&ev, ReportOptions::default());
        scores["by_doc"] = serde_json::to_value(&by_doc).unwrap_or_default();
        if let Err(e) = Run::new(&scored, scores, subset).write(path) {
            eprintln!("kashif eval: {e}");
            return 2;
        }
    }
    let f1 = ev
        .all
        .overall
        .get(kashif::eval::score::Scheme::Strict)
        .f1(kashif::eval::score::Scheme::Strict);
    code.max(check_min_f1(args.min_f1, f1, "strict micro-F1"))
}

/// The exit code for `regressions` broken mentions: 1 under
/// --fail-on-regression when there are any (said on stderr), else 0.
fn regression_code(args: &EvalArgs, baseline: &Path, regressions: usize) -> i32 {
    if args.fail_on_regression && regressions > 0 {
        eprintln!(
            "kashif eval: {regressions} mention(s) right in {} are wrong now (--fail-on-regression)",
            baseline.display()
        );
        1
    } else {
        0
    }
}

/// Keep the documents of the chosen subset. With a subset, the manifest must
/// exist and agree with the gold directory (every document with gold listed,
/// every row with gold).
fn select_subset(
    docs: Vec<GoldDoc>,
    subset: Option<Subset>,
    manifest: Option<&SplitManifest>,
    args: &EvalArgs,
) -> Result<Vec<GoldDoc>, Vec<String>> {
    let Some(subset) = subset else {
        return Ok(docs);
    };
    let Some(manifest) = manifest else {
        return Err(vec![format!(
            "{}: no split manifest; --subset needs one (`doc,split` rows, split = dev|test)",
            args.corpus.join(summary::SPLIT_FILE).display()
        )]);
    };
    let ids: Vec<&str> = docs.iter().map(|(d, _)| &*d.id).collect();
    let problems = manifest.check(&ids, &args.gold);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(docs
        .into_iter()
        .filter(|(d, _)| manifest.subset_of(&d.id) == Some(subset))
        .collect())
}

/// The report of a run without a baseline: the chosen format, with the
/// by-document table (`--by-doc` alone prints only that table).
fn print_report(
    args: &EvalArgs,
    ev: &CorpusEval,
    opts: ReportOptions,
    by_doc: &[summary::DocScore],
    subset: Option<&str>,
) -> kashif::Result<()> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let subset_line = subset.map(|s| {
        format!(
            "subset: {s} ({} document{} of {})",
            by_doc.len(),
            if by_doc.len() == 1 { "" } else { "s" },
            args.corpus.join(summary::SPLIT_FILE).display()
        )
    });
    match args.format {
        ReportFormat::Json => {
            let v = summary::json_report(ev, opts, by_doc, subset);
            serde_json::to_writer_pretty(&mut out, &v)
                .map_err(|e| kashif::Error::Invalid(e.to_string()))?;
            writeln!(out)?;
        }
        ReportFormat::Table => {
            if let Some(line) = &subset_line {
                writeln!(out, "{line}")?;
            }
            if !args.by_doc {
                report::write_report(&mut out, ev, args.format, opts)?;
                writeln!(out)?;
            }
            summary::write_by_doc_table(&mut out, by_doc)?;
        }
        _ => {
            if args.by_doc {
                summary::write_by_doc_table(&mut out, by_doc)?;
            } else {
                report::write_report(&mut out, ev, args.format, opts)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// Print the diff against a baseline run; returns the number of mentions
/// that were right and are wrong now.
fn print_diff(args: &EvalArgs, path: &Path, scored: &[ScoredDoc]) -> kashif::Result<usize> {
    let baseline = Run::read(path)?;
    let name = path.display().to_string();
    let d = diff::diff(&baseline, &name, scored)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &d)
                .map_err(|e| kashif::Error::Invalid(e.to_string()))?;
            writeln!(out)?;
        }
        _ => diff::write_diff_table(&mut out, &d, &name)?,
    }
    out.flush()?;
    Ok(d.broken.len())
}

/// Pair the gold documents with predictions read from a JSONL file.
fn with_predictions(docs: Vec<GoldDoc>, path: &Path) -> kashif::Result<Vec<ScoredDoc>> {
    let bytes = std::fs::read(path).map_err(|source| kashif::Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = kashif::io::decode(path, bytes)?;
    let (scored, unknown) = dataset::with_predictions(docs, &path.display().to_string(), &text)?;
    if !unknown.is_empty() {
        eprintln!(
            "kashif eval: {}: ignoring predictions for {} document(s) without gold: {}",
            path.display(),
            unknown.len(),
            unknown.join(", ")
        );
    }
    Ok(scored)
}

fn check_min_f1(min: Option<f64>, f1: f64, what: &str) -> i32 {
    match min {
        Some(min) if f1 < min => {
            eprintln!("kashif eval: {what} {f1:.4} is below --min-f1 {min}");
            1
        }
        _ => 0,
    }
}

/// What the error list and rule report mean in the ANERcorp mode.
const CONLL_ERRORS_NOTE: &str =
    "errors and rules: gold and predicted chunks (the projected tags above)
  matched strictly, per batch of sentences; PERS is shown as PERSON";

fn run_conll(args: &EvalArgs, path: &Path, options: &ExtractOptions) -> i32 {
    let wikifane = args.map.as_deref() == Some("wikifane");
    let mapping = if wikifane {
        args.rules.files().and_then(|f| {
            let read = || -> kashif::Result<_> {
                let classes = wikifane::ClassMap::from_rules(&f)?;
                let clitics = wikifane::Clitics::from_rules(&f)?;
                Ok((classes, wikifane::TextLayout::RejoinClitics(clitics)))
            };
            read().map_err(|e| {
                eprintln!("kashif eval: {e}");
                2
            })
        })
    } else {
        Ok((wikifane::ClassMap::default(), wikifane::TextLayout::Spaced))
    };
    let (classes, layout) = match mapping {
        Ok(m) => m,
        Err(code) => return code,
    };
    let corpus = match conll::read_conll_file_mapped(path, wikifane.then_some(&classes)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("kashif eval: {e}");
            return 2;
        }
    };
    // ANERcorp and WikiFANE are scored with their own conventions
    // (rules/profiles/anercorp/, rules/profiles/wikifane/) unless the command
    // names another profile.
    let profile = match (&args.rules.profile, wikifane) {
        (Some(name), _) => Some(name.as_str()),
        (None, false) => Some(kashif::rules::profile::ANERCORP),
        (None, true) => Some(kashif::rules::profile::WIKIFANE),
    };
    let rule_files = match args.rules.files_with_profile(profile) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let extractor = match kashif::Extractor::new(&rule_files) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("kashif: {e}");
            return 2;
        }
    };
    let extractor = &extractor;
    let (a, b) = args.split.unwrap_or((0.0, 1.0));
    let sentences = corpus.split(a, b);
    let batches = sentences.len().div_ceil(conll::SENTENCES_PER_DOC) as u64;
    let progress = LazyProgress::new(batches, "scoring");
    // --errors, --rule-report and runs need the chunks as mentions with
    // their rules; the tags, and so the scores, are the same either way.
    let need_chunks =
        args.errors || args.rule_report || args.save.is_some() || args.baseline.is_some();
    let (result, chunk_eval, chunk_docs) = if need_chunks {
        let first = conll::split_range(corpus.sentences.len(), a, b).0;
        let docs = conll_docs::conll_scored_docs_laid_out(
            extractor,
            &layout,
            sentences,
            first,
            options,
            &|| progress.inc(),
        );
        let gold: Vec<Vec<String>> = sentences.iter().map(|s| s.tags.clone()).collect();
        let mut result = conll::score_tags(&gold, &docs.predicted);
        result.predicted = docs.predicted;
        let ev = kashif::eval::evaluate(&docs.docs, &Default::default());
        (result, Some(ev), docs.docs)
    } else {
        let result =
            conll::evaluate_conll_laid_out(extractor, &layout, sentences, options, &|| {
                progress.inc()
            });
        (result, None, Vec::new())
    };
    progress.finish();
    if let Some(out_path) = &args.conll_out {
        let written = std::fs::File::create(out_path)
            .map_err(kashif::Error::from)
            .and_then(|f| {
                let mut w = BufWriter::new(f);
                conll::write_conlleval_input(&mut w, sentences, &result.predicted)?;
                w.flush()?;
                Ok(())
            });
        if let Err(e) = written {
            eprintln!("kashif eval: {}: {e}", out_path.display());
            return 2;
        }
    }
    if let Some(run_path) = &args.save {
        let scores = chunk_eval
            .as_ref()
            .map(|ev| report::to_json(ev, ReportOptions::default()))
            .unwrap_or_default();
        if let Err(e) = Run::new(&chunk_docs, scores, None).write(run_path) {
            eprintln!("kashif eval: {e}");
            return 2;
        }
    }
    if let Some(base) = &args.baseline {
        return match print_diff(args, base, &chunk_docs) {
            Ok(regressions) => regression_code(args, base, regressions),
            Err(e) => {
                eprintln!("kashif eval: {e}");
                2
            }
        };
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let file = path.display().to_string();
    let written = match (&chunk_eval, args.format) {
        (None, format) => conll::write_conll_report(&mut out, &result, format, &file, (a, b)),
        (Some(ev), ReportFormat::Json) => {
            let mut buf = Vec::new();
            conll::write_conll_report(&mut buf, &result, ReportFormat::Json, &file, (a, b))
                .and_then(|()| {
                    let mut v: serde_json::Value = serde_json::from_slice(&buf)
                        .map_err(|e| kashif::Error::Invalid(e.to_string()))?;
                    let full = report::to_json(
                        ev,
                        ReportOptions {
                            errors: args.errors,
                            rule_report: args.rule_report,
                        },
                    );
                    if args.errors {
                        v["errors"] = full["errors"].clone();
                        v["what_to_fix"] = full["what_to_fix"].clone();
                    }
                    if args.rule_report {
                        v["rules"] = full["rules"].clone();
                    }
                    serde_json::to_writer_pretty(&mut out, &v)
                        .map_err(|e| kashif::Error::Invalid(e.to_string()))?;
                    writeln!(out)?;
                    Ok(())
                })
        }
        (Some(ev), format) => conll::write_conll_report(&mut out, &result, format, &file, (a, b))
            .and_then(|()| {
                writeln!(out)?;
                writeln!(out, "{CONLL_ERRORS_NOTE}")?;
                if args.rule_report {
                    writeln!(out)?;
                    report::write_rule_report(&mut out, ev)?;
                }
                if args.errors {
                    writeln!(out)?;
                    report::write_what_to_fix(&mut out, &ev.errors)?;
                    writeln!(out)?;
                    report::write_errors(&mut out, &ev.errors)?;
                }
                Ok(())
            }),
    }
    .and_then(|()| {
        out.flush()?;
        Ok(())
    });
    if let Err(e) = written {
        eprintln!("kashif eval: {e}");
        return 2;
    }
    check_min_f1(args.min_f1, result.micro.f1(), "conlleval micro-F1")
}
