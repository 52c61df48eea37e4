//! `kashif rules list|check`: the rule registry (`kashif::rules::registry`)
//! as a table, and every rule's examples run through the real extractor.

use std::io::{BufWriter, Write};

use kashif::rules::profile::PROFILES_DIR;
use kashif::rules::registry::{ExampleFailure, Registry};
use kashif::{ExtractOptions, Extractor};

use super::RuleArgs;

/// Arguments of `kashif rules`.
#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    #[command(subcommand)]
    command: RulesCommand,
}

#[derive(clap::Subcommand, Debug)]
enum RulesCommand {
    /// Print every rule id with its kind (data/engine), file:line or module,
    /// number of examples and description (tab-separated).
    List(ListArgs),
    /// Run every rule's examples through the extractor; exit 1 on any failure.
    Check(CheckArgs),
}

#[derive(clap::Args, Debug)]
struct ListArgs {
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    #[command(flatten)]
    rules: RuleArgs,
}

/// The registry of the rule files (embedded, overlaid by `--rules DIR`).
fn load(args: &RuleArgs) -> Result<Registry, i32> {
    let files = args.files()?;
    match Registry::load(&files) {
        Ok(registry) => Ok(registry),
        Err(e) => {
            eprintln!("kashif rules: {}", files.locate(e));
            Err(2)
        }
    }
}

/// Run the command; returns the exit code (0 ok, 1 an example failed, 2 bad rules).
pub fn run(args: RulesArgs) -> i32 {
    match args.command {
        RulesCommand::List(a) => list(&a.rules),
        RulesCommand::Check(a) => check(&a.rules),
    }
}

fn list(args: &RuleArgs) -> i32 {
    let registry = match load(args) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut written = writeln!(out, "id\tkind\tdefined in\texamples\tdescription");
    for r in registry.rules.values() {
        if written.is_err() {
            break;
        }
        written = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            r.id,
            r.kind.as_str(),
            r.location,
            r.examples.len(),
            r.description
        );
    }
    match written.and_then(|()| out.flush()) {
        Ok(()) => 0,
        // `kashif rules list | head` is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => super::write_failed("rules list", &e),
    }
}

fn check(args: &RuleArgs) -> i32 {
    let registry = match load(args) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let extractor = match args.extractor() {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut failures = check_with(&registry, &extractor);
    let (mut rules, mut examples) = (registry.rules.len(), registry.example_count());
    // Without `--profile`, each profile's own rules (a pattern file under
    // `profiles/NAME/`) are checked with that profile applied, as
    // `kashif eval` runs them.
    if args.profile.is_none() {
        let profiles = match args.files() {
            Ok(files) => files.profile_names(),
            Err(code) => return code,
        };
        for name in profiles {
            let files = match args.files_with_profile(Some(&name)) {
                Ok(f) => f,
                Err(code) => return code,
            };
            let mut own = match Registry::load(&files) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("kashif rules: {}", files.locate(e));
                    return 2;
                }
            };
            own.retain_defined_under(&format!("{PROFILES_DIR}{name}/"));
            if own.rules.is_empty() {
                continue;
            }
            let profiled = match Extractor::new(&files) {
                Ok(x) => x,
                Err(e) => {
                    eprintln!("kashif: {e}");
                    return 2;
                }
            };
            failures.extend(check_with(&own, &profiled));
            rules += own.rules.len();
            examples += own.example_count();
        }
    }
    for f in &failures {
        eprintln!("{}: {}: {}", f.source, f.rule, f.message);
    }
    if failures.is_empty() {
        super::print_all(
            "rules check",
            &format!(
                "rules check: {rules} rules, {examples} examples, every example behaves as registered\n"
            ),
        )
    } else {
        eprintln!(
            "rules check: {rules} rules, {examples} examples, {} failure(s); fix the rule or its example (the line above names the file and line)",
            failures.len()
        );
        1
    }
}

/// Run a registry's examples through an extractor.
fn check_with(registry: &Registry, extractor: &Extractor) -> Vec<ExampleFailure> {
    registry.check(|text, reference_date| {
        let options = ExtractOptions {
            reference_date,
            ..ExtractOptions::default()
        };
        extractor.extract("example", text, &options)
    })
}
