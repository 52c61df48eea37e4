//! `kashif report --out DIR`: the HTML report of `kashif eval` written to
//! `DIR/report.html` (the same page as `kashif eval --html FILE`, without the
//! score table on stdout). Argument handling only; the page is built by
//! `kashif::eval::html`.

use std::path::PathBuf;

use kashif::eval::report::ReportFormat;
use kashif::eval::summary::Subset;

use super::eval::EvalArgs;
use super::RuleArgs;

/// The report's file name inside `--out`.
pub const REPORT_FILE: &str = "report.html";

/// Arguments of `kashif report`.
#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// Directory to write `report.html` into (created when missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Directory of documents (`<doc>.txt`).
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// Directory of gold files (`<doc>.csv`).
    #[arg(long, default_value = "gold")]
    pub gold: PathBuf,
    /// Only the documents of this half of the corpus (dev or test) per `<corpus>/split.csv`.
    #[arg(long, value_name = "dev|test")]
    pub subset: Option<Subset>,
    /// Show these predictions (JSONL as written by `kashif extract`) instead of running extraction.
    #[arg(long, value_name = "FILE")]
    pub pred: Option<PathBuf>,
    /// Resolve relative dates against this date (YYYY-MM-DD) instead of each dateline.
    #[arg(long, value_parser = super::parse_date)]
    pub reference_date: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub rules: RuleArgs,
}

/// Run the command; the exit codes are those of `kashif eval`.
pub fn run(args: ReportArgs) -> i32 {
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!(
            "kashif report: {}: cannot create the directory: {e}",
            args.out.display()
        );
        return 2;
    }
    let page = args.out.join(REPORT_FILE);
    let code = super::eval::run(EvalArgs {
        corpus: args.corpus,
        gold: args.gold,
        format: ReportFormat::Table,
        errors: false,
        rule_report: false,
        min_f1: None,
        conll: None,
        split: None,
        map: None,
        conll_out: None,
        pred: args.pred,
        by_doc: false,
        subset: args.subset,
        save: None,
        baseline: None,
        fail_on_regression: false,
        html: Some(page.clone()),
        reference_date: args.reference_date,
        rules: args.rules,
        quiet: true,
    });
    if code != 0 {
        return code;
    }
    super::print_all(
        "report",
        &format!("kashif report: wrote {}\n", page.display()),
    )
}
