//! Inputs and measurements shared by the criterion benches (`benches/`),
//! `kashif bench`, the unit tests that run over the corpus, and the adversarial test: the corpus assembled to a target
//! size, the ANERcorp text rebuilt as documents, adversarial inputs, and the
//! process's peak resident memory.

use std::path::{Path, PathBuf};

use crate::io::{self, Document};

/// Where the shared ANERcorp training text lives, relative to the repository.
pub const ANERCORP_TRAIN: &str = "../shared/data/anercorp/train.txt";

/// Target size of one ANERcorp document rebuilt from sentences (bytes).
const ANERCORP_DOC_BYTES: usize = 4096;

/// The `*.txt` articles of a corpus directory, sorted by file name.
pub fn corpus_documents(dir: &Path) -> Vec<Document> {
    io::expand_paths(&[dir.to_path_buf()])
        .into_iter()
        .filter_map(|p| p.ok())
        .filter_map(|p| io::read_document(&p).ok())
        .collect()
}

/// The text of every document of the repository's own `corpus/` (the unit
/// tests that check a gate or a shortcut against every corpus article).
pub fn repo_corpus_texts() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    corpus_documents(&dir).into_iter().map(|d| d.text).collect()
}

/// The ANERcorp text (`token tag` per line, blank line between sentences)
/// rebuilt as documents of about 4 KB: a sentence per line, its tokens joined
/// by spaces. `None` when the file is absent or unreadable.
pub fn anercorp_documents(path: &Path) -> Option<Vec<Document>> {
    let raw = std::fs::read_to_string(path).ok()?;
    Some(anercorp_documents_from(&raw))
}

/// [`anercorp_documents`] on the file's contents.
pub fn anercorp_documents_from(raw: &str) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut text = String::new();
    let mut in_sentence = false;
    let flush = |text: &mut String, docs: &mut Vec<Document>| {
        if !text.trim().is_empty() {
            docs.push(Document::new(
                format!("anercorp-{:04}", docs.len()),
                std::mem::take(text),
            ));
        }
        text.clear();
    };
    for line in raw.lines() {
        match line.trim_end().rsplit_once(' ') {
            Some((token, _tag)) => {
                if in_sentence {
                    text.push(' ');
                }
                text.push_str(token);
                in_sentence = true;
            }
            None => {
                if in_sentence {
                    text.push('\n');
                    in_sentence = false;
                    if text.len() >= ANERCORP_DOC_BYTES {
                        flush(&mut text, &mut docs);
                    }
                }
            }
        }
    }
    flush(&mut text, &mut docs);
    docs
}

/// The inputs of a benchmark: the corpus articles under `repo/corpus` and,
/// when present and `with_anercorp`, the ANERcorp text beside the repository.
pub fn default_documents(repo: &Path, with_anercorp: bool) -> Vec<Document> {
    let mut docs = corpus_documents(&repo.join("corpus"));
    if with_anercorp {
        if let Some(more) = anercorp_documents(&repo.join(ANERCORP_TRAIN)) {
            docs.extend(more);
        }
    }
    docs
}

/// The ANERcorp path beside a repository, if the file exists.
pub fn anercorp_path(repo: &Path) -> Option<PathBuf> {
    let p = repo.join(ANERCORP_TRAIN);
    p.is_file().then_some(p)
}

/// Total text size of documents, in bytes.
pub fn total_bytes(docs: &[Document]) -> usize {
    docs.iter().map(|d| d.text.len()).sum()
}

/// A corpus of about `target_bytes`, made by repeating `unique` in order
/// (whole passes only, so every document appears equally often). Returns the
/// documents (ids suffixed `#k` for the k-th pass) and the number of passes.
pub fn assemble(unique: &[Document], target_bytes: usize) -> (Vec<Document>, usize) {
    let size = total_bytes(unique);
    if size == 0 {
        return (Vec::new(), 0);
    }
    let passes = ((target_bytes + size / 2) / size).max(1);
    let mut out = Vec::with_capacity(unique.len() * passes);
    for k in 0..passes {
        for d in unique {
            out.push(Document {
                id: format!("{}#{k}", d.id).into(),
                text: d.text.clone(),
            });
        }
    }
    (out, passes)
}

/// The kinds of adversarial input: each is a worst case for one part of the
/// pipeline (long tokens, long runs of recognizer material).
pub const ADVERSARIAL_KINDS: &[&str] = &[
    "digits",
    "digit-groups",
    "number-words",
    "long-word",
    "clitic-letters",
    "triggers",
    "ministries",
    "mixed-names",
    "dates",
    "punctuation",
];

/// The repeated units of the adversarial inputs (`benches/adversarial_units.tsv`:
/// `kind<TAB>unit`, `#` comment lines).
const ADVERSARIAL_UNITS: &str = include_str!("../benches/adversarial_units.tsv");

/// The unit that adversarial input `kind` repeats. Panics when the table has
/// no row for it (a bench-input bug, caught by tests/adversarial.rs).
fn adversarial_unit(kind: &str) -> &'static str {
    ADVERSARIAL_UNITS
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .find(|(k, _)| *k == kind)
        .map(|(_, unit)| unit)
        .unwrap_or_else(|| panic!("benches/adversarial_units.tsv has no unit for `{kind}`"))
}

/// An adversarial input of about `n` units of its kind (digits, words,
/// letters…). Panics on an unknown kind.
pub fn adversarial(kind: &str, n: usize) -> String {
    fn repeat(unit: &str, n: usize) -> String {
        unit.repeat(n)
    }
    match kind {
        // One number token of n digits.
        "digits" => (0..n).map(|i| char::from(b'0' + (i % 10) as u8)).collect(),
        // One number token `1,234,567,…` of n groups.
        "digit-groups" => {
            let mut s = String::from("1");
            for _ in 0..n {
                s.push_str(",234");
            }
            s
        }
        // One word of n proclitic letters.
        "clitic-letters" => adversarial_unit(kind).chars().cycle().take(n).collect(),
        // n copies of the kind's unit: spelled-out numbers, a one-letter word,
        // title triggers, organization heads, names of mixed lengths (the
        // worst case of conflict resolution), dates in digits and month names.
        "number-words" | "long-word" | "triggers" | "ministries" | "mixed-names" | "dates" => {
            repeat(adversarial_unit(kind), n)
        }
        // n punctuation characters glued together.
        "punctuation" => repeat("،.(«»)%؟", n.div_ceil(8)),
        other => panic!("unknown adversarial kind `{other}`"),
    }
}

/// The adversarial inputs at the sizes the issue names (100k digits, 10k
/// number words, a 1 MB word, 50k clitic letters, 5k triggers…), scaled by
/// `scale` (1.0 = those sizes).
pub fn adversarial_inputs(scale: f64) -> Vec<(&'static str, String)> {
    let n = |base: usize| ((base as f64 * scale) as usize).max(1);
    ADVERSARIAL_KINDS
        .iter()
        .map(|&kind| {
            let size = match kind {
                "digits" => n(100_000),
                "digit-groups" => n(25_000),
                "number-words" => n(10_000),
                "long-word" => n(500_000),
                "clitic-letters" => n(50_000),
                "triggers" | "ministries" | "mixed-names" => n(5_000),
                "dates" => n(5_000),
                _ => n(50_000),
            };
            (kind, adversarial(kind, size))
        })
        .collect()
}

/// Peak resident memory of this process in bytes (`VmHWM` of
/// `/proc/self/status`), where the platform reports it.
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anercorp_is_rebuilt_as_sentences_per_line() {
        let raw = "فرانكفورت B-LOC\n(د O\nب O\n\nأعلن O\nاتحاد B-ORG\n\n";
        let docs = anercorp_documents_from(raw);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "فرانكفورت (د ب\nأعلن اتحاد\n");
    }

    #[test]
    fn assemble_repeats_whole_passes() {
        let unique = vec![Document::new("a", "12345"), Document::new("b", "678")];
        let (docs, passes) = assemble(&unique, 20);
        assert_eq!(passes, 3);
        assert_eq!(docs.len(), 6);
        assert_eq!(&*docs[2].id, "a#1");
        assert_eq!(total_bytes(&docs), 24);
        assert_eq!(assemble(&[], 10).0.len(), 0);
    }

    #[test]
    fn adversarial_inputs_have_their_sizes() {
        assert_eq!(adversarial("digits", 1000).len(), 1000);
        assert_eq!(adversarial("long-word", 10).chars().count(), 10);
        assert_eq!(adversarial("clitic-letters", 7), "وبلكفوب");
        for (kind, text) in adversarial_inputs(0.01) {
            assert!(!text.is_empty(), "{kind}");
        }
    }
}
