//! `kashif eval`: score the recognizers against the hand-made gold in
//! `gold/` (one CSV per document of `corpus/`), or against a CoNLL file
//! (`--conll`, the ANERcorp mode). Output and exit codes only; the work is
//! in `kashif::eval`.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use kashif::eval::report::{self, ReportFormat, ReportOptions};
use kashif::eval::{conll, gold, wikifane, ScoredDoc};
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
    /// Resolve relative dates against this date (YYYY-MM-DD) instead of each dateline.
    #[arg(long, value_parser = super::parse_date)]
    pub reference_date: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub rules: RuleArgs,
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
}

impl LazyProgress {
    /// A hidden bar for `len` steps.
    pub fn new(len: u64, what: &str) -> Self {
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template(&format!("{what} {{bar:40}} {{pos}}/{{len}} {{elapsed}}"))
        {
            bar.set_style(style);
        }
        LazyProgress {
            bar,
            started: Instant::now(),
            shown: std::sync::atomic::AtomicBool::new(false),
        }
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

/// Run the command; returns the exit code (0 ok, 1 below --min-f1, 2 bad input).
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
        explain: false,
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
                    progress.inc();
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
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if let Err(e) = report::write_report(&mut out, &ev, args.format, opts).and_then(|()| {
        out.flush()?;
        Ok(())
    }) {
        eprintln!("kashif eval: {e}");
        return 2;
    }
    let f1 = ev
        .all
        .overall
        .get(kashif::eval::score::Scheme::Strict)
        .f1(kashif::eval::score::Scheme::Strict);
    check_min_f1(args.min_f1, f1, "strict micro-F1")
}

/// Pair the gold documents with predictions read from a JSONL file.
fn with_predictions(docs: Vec<GoldDoc>, path: &Path) -> kashif::Result<Vec<ScoredDoc>> {
    let bytes = std::fs::read(path).map_err(|source| kashif::Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = kashif::io::decode(path, bytes)?;
    let by_id: std::collections::HashMap<String, &kashif::Document> =
        docs.iter().map(|(d, _)| (d.id.to_string(), d)).collect();
    let (pred, unknown) =
        gold::parse_predictions_jsonl(&path.display().to_string(), &text, &by_id)?;
    if !unknown.is_empty() {
        eprintln!(
            "kashif eval: {}: ignoring predictions for {} document(s) without gold: {}",
            path.display(),
            unknown.len(),
            unknown.join(", ")
        );
    }
    Ok(docs
        .into_iter()
        .map(|(doc, gold)| {
            let pred = pred.iter().filter(|m| m.doc == doc.id).cloned().collect();
            ScoredDoc { doc, gold, pred }
        })
        .collect())
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

type GoldDoc = (kashif::Document, Vec<kashif::Mention>);

/// Every `<gold>/<doc>.csv` with its document `<corpus>/<doc>.txt`, loaded
/// and validated; all problems are collected, not just the first.
fn load_corpus(corpus: &Path, gold_dir: &Path) -> Result<Vec<GoldDoc>, Vec<String>> {
    let entries = std::fs::read_dir(gold_dir).map_err(|e| {
        vec![format!(
            "{}: cannot read gold directory: {e}",
            gold_dir.display()
        )]
    })?;
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "csv"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(vec![format!(
            "{}: no gold files (<doc>.csv) to score",
            gold_dir.display()
        )]);
    }
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let stem = kashif::io::doc_id(&path);
        let doc_path = corpus.join(format!("{stem}.txt"));
        if !doc_path.is_file() {
            errors.push(format!(
                "{}: no document {} for this gold file",
                path.display(),
                doc_path.display()
            ));
            continue;
        }
        let loaded = kashif::io::read_document(&doc_path)
            .and_then(|doc| gold::load_gold_csv(&path, &doc).map(|g| (doc, g)));
        match loaded {
            Ok(pair) => docs.push(pair),
            Err(e) => errors.push(e.to_string()),
        }
    }
    if errors.is_empty() {
        Ok(docs)
    } else {
        Err(errors)
    }
}

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
    let extractor = match args.rules.extractor() {
        Ok(x) => x,
        Err(code) => return code,
    };
    let extractor = &extractor;
    let conventions = match args.rules.files().and_then(|f| {
        if wikifane {
            return Ok(conll::AnercorpConventions::default());
        }
        conll::AnercorpConventions::from_rules(&f).map_err(|e| {
            eprintln!("kashif eval: {e}");
            2
        })
    }) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let (a, b) = args.split.unwrap_or((0.0, 1.0));
    let sentences = corpus.split(a, b);
    let batches = sentences.len().div_ceil(conll::SENTENCES_PER_DOC) as u64;
    let progress = LazyProgress::new(batches, "scoring");
    let result = conll::evaluate_conll_laid_out(
        extractor,
        &conventions,
        &layout,
        sentences,
        options,
        &|| progress.inc(),
    );
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
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let written = conll::write_conll_report(
        &mut out,
        &result,
        args.format,
        &path.display().to_string(),
        (a, b),
    )
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
