//! `kashif export-tokenizer`: kashif's reference normalizer and pre-tokenizer
//! as a Hugging Face `tokenizer.json`, loadable with Python's
//! `tokenizers.Tokenizer.from_file` to get the same token offsets.

use std::path::PathBuf;

/// Arguments of `kashif export-tokenizer`.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// Output file (stdout when absent).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Include NFKC (for text with Arabic presentation forms).
    #[arg(long)]
    pub nfkc: bool,
}

/// Run the command; returns the exit code.
pub fn run(args: ExportArgs) -> i32 {
    let json = match kashif::text::reference::tokenizer_json(args.nfkc) {
        Ok(json) => json,
        Err(e) => {
            eprintln!("kashif export-tokenizer: {e}");
            return 1;
        }
    };
    match &args.output {
        Some(path) => match std::fs::write(path, json) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!(
                    "kashif export-tokenizer: {}: cannot write: {e}",
                    path.display()
                );
                1
            }
        },
        None => super::print_all("export-tokenizer", &format!("{json}\n")),
    }
}
