//! `kashif gold import|export`: move gold annotation between kashif's CSV
//! files and brat standoff (`.ann`, values as `AnnotatorNotes`) or CoNLL BIO
//! (names layer), so annotators can work in brat or INCEpTION.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use kashif::eval::gold;
use kashif::io::{doc_id, read_document};
use kashif::{Document, Layer, Mention};

/// Arguments of `kashif gold`.
#[derive(clap::Args, Debug)]
pub struct GoldArgs {
    #[command(subcommand)]
    pub command: GoldCommand,
}

/// An interchange format for gold annotation.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoldFormat {
    /// brat standoff: `<doc>.ann` next to `<doc>.txt`; numeric values in AnnotatorNotes.
    Brat,
    /// CoNLL BIO over whitespace tokens, names layer only.
    Conll,
}

/// The `gold` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum GoldCommand {
    /// Write gold CSV files as brat standoff or CoNLL BIO.
    Export {
        /// Target format.
        #[arg(long, value_enum)]
        to: GoldFormat,
        /// Output directory (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Directory of documents.
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        /// Directory of gold CSV files.
        #[arg(long, default_value = "gold")]
        gold: PathBuf,
        /// Only these document ids (default: every gold file).
        docs: Vec<String>,
    },
    /// Read brat `.ann` or CoNLL files back into validated gold CSV files.
    Import {
        /// Source format.
        #[arg(long, value_enum)]
        from: GoldFormat,
        /// `.ann` or `.conll` files; the document id is the file stem.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Directory of documents (offsets are checked against `<corpus>/<doc>.txt`).
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        /// Directory the CSV files are written to.
        #[arg(long, default_value = "gold")]
        out: PathBuf,
        /// Overwrite existing gold files.
        #[arg(long)]
        force: bool,
        /// Write to stdout instead of files.
        #[arg(long)]
        stdout: bool,
    },
}

/// Run the command; returns the exit code.
pub fn run(args: GoldArgs) -> i32 {
    let result = match args.command {
        GoldCommand::Export {
            to,
            out,
            corpus,
            gold,
            docs,
        } => export(to, &out, &corpus, &gold, &docs),
        GoldCommand::Import {
            from,
            files,
            corpus,
            out,
            force,
            stdout,
        } => import(from, &files, &corpus, &out, force, stdout),
    };
    match result {
        Ok(()) => 0,
        Err(messages) => {
            // A file's message lists every bad row, one per line.
            for line in messages.iter().flat_map(|m| m.lines()) {
                eprintln!("kashif gold: {line}");
            }
            2
        }
    }
}

fn create(path: &Path) -> Result<BufWriter<std::fs::File>, String> {
    std::fs::File::create(path)
        .map(BufWriter::new)
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

fn export(
    to: GoldFormat,
    out: &Path,
    corpus: &Path,
    gold_dir: &Path,
    docs: &[String],
) -> Result<(), Vec<String>> {
    let ids: Vec<String> = if docs.is_empty() {
        let entries = std::fs::read_dir(gold_dir)
            .map_err(|e| vec![format!("{}: cannot read: {e}", gold_dir.display())])?;
        let mut ids: Vec<String> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "csv"))
            .map(|p| doc_id(&p))
            .collect();
        ids.sort();
        ids
    } else {
        docs.to_vec()
    };
    std::fs::create_dir_all(out).map_err(|e| vec![format!("{}: {e}", out.display())])?;
    let mut errors = Vec::new();
    for id in ids {
        let result = (|| -> Result<String, String> {
            let doc =
                read_document(&corpus.join(format!("{id}.txt"))).map_err(|e| e.to_string())?;
            let mentions = gold::load_gold_csv(&gold_dir.join(format!("{id}.csv")), &doc)
                .map_err(|e| e.to_string())?;
            let write_err = |e: kashif::Error| e.to_string();
            match to {
                GoldFormat::Brat => {
                    let txt = out.join(format!("{id}.txt"));
                    std::fs::write(&txt, &doc.text)
                        .map_err(|e| format!("{}: cannot write: {e}", txt.display()))?;
                    let ann = out.join(format!("{id}.ann"));
                    let mut w = create(&ann)?;
                    gold::write_brat_ann(&mut w, &mentions).map_err(write_err)?;
                    w.flush().map_err(|e| e.to_string())?;
                    Ok(format!(
                        "wrote {} and {} ({} mentions)",
                        txt.display(),
                        ann.display(),
                        mentions.len()
                    ))
                }
                GoldFormat::Conll => {
                    let path = out.join(format!("{id}.conll"));
                    let mut w = create(&path)?;
                    gold::write_conll_bio(&mut w, &doc, &mentions).map_err(write_err)?;
                    w.flush().map_err(|e| e.to_string())?;
                    let names = mentions
                        .iter()
                        .filter(|m| m.layer() == Layer::Names)
                        .count();
                    Ok(format!(
                        "wrote {} ({names} names-layer mentions; CoNLL carries no numeric layer)",
                        path.display()
                    ))
                }
            }
        })();
        match result {
            Ok(msg) => eprintln!("kashif gold: {msg}"),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn import(
    from: GoldFormat,
    files: &[PathBuf],
    corpus: &Path,
    out: &Path,
    force: bool,
    stdout: bool,
) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    for file in files {
        let result = (|| -> Result<(), String> {
            let id = doc_id(file);
            let mut doc_path = corpus.join(format!("{id}.txt"));
            if !doc_path.is_file() {
                // A brat collection keeps the text next to the annotation.
                let sibling = file.with_extension("txt");
                if sibling.is_file() {
                    doc_path = sibling;
                }
            }
            let doc: Document = read_document(&doc_path).map_err(|e| e.to_string())?;
            let bytes =
                std::fs::read(file).map_err(|e| format!("{}: cannot read: {e}", file.display()))?;
            let text = kashif::io::decode(file, bytes).map_err(|e| e.to_string())?;
            let name = file.display().to_string();
            let target = out.join(format!("{id}.csv"));
            let mut mentions: Vec<Mention> = match from {
                GoldFormat::Brat => gold::parse_brat_ann(&name, &text, &doc),
                GoldFormat::Conll => gold::parse_conll_bio(&name, &text, &doc),
            }
            .map_err(|e| e.to_string())?;
            if from == GoldFormat::Conll && target.is_file() {
                // CoNLL carries the names layer only: keep the numeric layer
                // of the existing gold file.
                let existing = gold::load_gold_csv(&target, &doc).map_err(|e| e.to_string())?;
                mentions.extend(existing.into_iter().filter(|m| m.layer() == Layer::Numeric));
            }
            if stdout {
                let out = std::io::stdout();
                let mut lock = out.lock();
                return gold::write_gold_csv(&mut lock, &mentions).map_err(|e| e.to_string());
            }
            if target.exists() && !force {
                return Err(format!(
                    "{}: exists; pass --force to overwrite it (or --stdout to look first)",
                    target.display()
                ));
            }
            std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
            let mut buf = Vec::new();
            gold::write_gold_csv(&mut buf, &mentions).map_err(|e| e.to_string())?;
            // Validate what we are about to write, exactly as eval will load it.
            let check = String::from_utf8_lossy(&buf).into_owned();
            gold::parse_gold_csv(&target.display().to_string(), &check, &doc)
                .map_err(|e| e.to_string())?;
            std::fs::write(&target, &buf)
                .map_err(|e| format!("{}: cannot write: {e}", target.display()))?;
            eprintln!(
                "kashif gold: wrote {} ({} mentions)",
                target.display(),
                mentions.len()
            );
            Ok(())
        })();
        if let Err(e) = result {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
