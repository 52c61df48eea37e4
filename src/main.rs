//! The `kashif` command line: argument parsing and output only; the work is
//! done by the library and the per-command modules under `src/cli/`.

mod cli;

use clap::{Parser, Subcommand};

/// mimalloc: rule loading and extraction make many small, short-lived
/// allocations; it starts kashif about a third faster than the system
/// allocator and extracts ~5 % faster (`benches/README.md`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// kashif (كاشف): rule-based extraction of entities and numbers from Arabic news.
#[derive(Parser)]
#[command(name = "kashif", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract mentions from documents (files, directories of *.txt, or - for stdin).
    Extract(cli::extract::ExtractArgs),
    /// Show each mention with the rule and the evidence that produced it.
    Explain(cli::explain::ExplainArgs),
    /// Score the recognizer against gold annotation.
    Eval(cli::eval::EvalArgs),
    /// Write the HTML report of the evaluation (scores, then every document
    /// with gold and predicted mentions and the errors marked) to DIR/report.html.
    Report(cli::report::ReportArgs),
    /// Import or export gold annotation (brat standoff, CoNLL BIO).
    Gold(cli::gold::GoldArgs),
    /// Measure extraction throughput.
    Bench(cli::bench::BenchArgs),
    /// Write kashif's normalizer and pre-tokenizer as a Hugging Face tokenizer.json.
    ExportTokenizer(cli::export::ExportArgs),
    /// Print kashif's matching form (lexicon key or light form) of each input line.
    Normalize(cli::normalize::NormalizeArgs),
    /// List the registered rules, or check every rule's examples.
    Rules(cli::rules::RulesArgs),
}

/// Writing to a closed pipe ends kashif the way it ends `cat` or `grep`: the
/// process is terminated by SIGPIPE, silently, and the shell reports status
/// 141 (`kashif explain F | head -1`). Rust ignores SIGPIPE by default, which
/// turns every `println!` into a panic and every write into an error
/// message; restoring the default disposition is the conventional fix.
/// Other write failures (a full disk: `> /dev/full`) are still reported once,
/// with exit status 1. See docs/reliability.md.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread is spawned;
    // `signal` with SIG_DFL only changes this process's disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() {
    restore_sigpipe();
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Extract(args) => cli::extract::run(args),
        Command::Explain(args) => cli::explain::run(args),
        Command::Eval(args) => cli::eval::run(args),
        Command::Report(args) => cli::report::run(args),
        Command::Gold(args) => cli::gold::run(args),
        Command::Bench(args) => cli::bench::run(args),
        Command::ExportTokenizer(args) => cli::export::run(args),
        Command::Normalize(args) => cli::normalize::run(args),
        Command::Rules(args) => cli::rules::run(args),
    };
    std::process::exit(code);
}
