//! Per-document scores and the corpus split: the by-document table of
//! `kashif eval` (names F1, numeric F1, value accuracy per document, worst
//! first) and the `corpus/split.csv` manifest that `--subset dev|test` reads.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::score::{Scheme, ValueCounts};
use super::{evaluate, ScoredDoc};
use crate::error::{Error, Result};
use crate::mention::Layer;
use crate::rules::CsvTable;

/// One layer of one document: gold and predicted counts and strict F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct LayerScore {
    /// Gold mentions.
    pub gold: usize,
    /// Predicted mentions.
    pub pred: usize,
    /// Strict matches.
    pub correct: usize,
    /// Strict F1 (0 when the layer has neither gold nor predictions).
    pub f1: f64,
}

impl LayerScore {
    /// Whether there is anything to score (gold or predictions).
    pub fn is_scored(&self) -> bool {
        self.gold + self.pred > 0
    }
}

/// The scores of one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocScore {
    /// Document id.
    pub doc: String,
    /// Its half of the corpus per the split manifest, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub split: Option<String>,
    /// The names layer.
    pub names: LayerScore,
    /// The numeric layer.
    pub numeric: LayerScore,
    /// Both layers together.
    pub all: LayerScore,
    /// Value accuracy of the document's numeric mentions.
    pub values: ValueCounts,
    /// Errors of every kind in the document.
    pub errors: usize,
}

/// Score each document on its own (in input order).
pub fn doc_scores(docs: &[ScoredDoc]) -> Vec<DocScore> {
    let none = BTreeSet::new();
    docs.iter()
        .map(|d| {
            let ev = evaluate(std::slice::from_ref(d), &none);
            let layer = |l: Layer| {
                ev.layers
                    .get(&l)
                    .map(|e| layer_score(&e.overall))
                    .unwrap_or_default()
            };
            DocScore {
                doc: d.doc.id.to_string(),
                split: None,
                names: layer(Layer::Names),
                numeric: layer(Layer::Numeric),
                all: layer_score(&ev.all.overall),
                values: ev.values,
                errors: ev.errors.len(),
            }
        })
        .collect()
}

/// The by-document table of a run: each document's scores with its split
/// from the manifest (when there is one), worst first.
pub fn doc_table(docs: &[ScoredDoc], manifest: Option<&SplitManifest>) -> Vec<DocScore> {
    let mut scores = doc_scores(docs);
    for s in &mut scores {
        s.split = manifest
            .and_then(|m| m.subset_of(&s.doc))
            .map(|x| x.as_str().to_string());
    }
    worst_first(&mut scores);
    scores
}

/// The report `kashif eval --format json` prints: the scores, the subset
/// scored (or `null`) and the by-document table.
pub fn json_report(
    ev: &super::CorpusEval,
    opts: super::report::ReportOptions,
    by_doc: &[DocScore],
    subset: Option<&str>,
) -> serde_json::Value {
    let mut v = super::report::to_json(ev, opts);
    v["subset"] = subset.map_or(serde_json::Value::Null, |s| s.into());
    v["by_doc"] = serde_json::to_value(by_doc).unwrap_or_default();
    v
}

fn layer_score(c: &super::score::SchemeCounts) -> LayerScore {
    let s = c.get(Scheme::Strict);
    LayerScore {
        gold: s.possible(),
        pred: s.actual(),
        correct: s.correct,
        f1: s.f1(Scheme::Strict),
    }
}

/// Sort worst first: lowest strict F1 over both layers, then most errors,
/// then document id.
pub fn worst_first(scores: &mut [DocScore]) {
    scores.sort_by(|a, b| {
        a.all
            .f1
            .total_cmp(&b.all.f1)
            .then(b.errors.cmp(&a.errors))
            .then(a.doc.cmp(&b.doc))
    });
}

fn f1_cell(s: &LayerScore) -> String {
    if s.is_scored() {
        format!("{:.1}", 100.0 * s.f1)
    } else {
        "-".to_string()
    }
}

/// `right/compared`, or `-` when nothing was compared.
pub(crate) fn value_cell(v: &ValueCounts) -> String {
    if v.compared == 0 {
        "-".to_string()
    } else {
        format!("{}/{}", v.equal, v.compared)
    }
}

/// Width of the table without the document column.
const FIXED_WIDTH: usize = 45;

/// Write the by-document table (scores in %, strict F1), worst first as
/// given. Lines fit in 80 columns: long document ids are shortened with `…`.
pub fn write_by_doc_table(out: &mut impl Write, scores: &[DocScore]) -> Result<()> {
    writeln!(
        out,
        "by document, worst first (strict F1 %; n = gold; value = right/compared):"
    )?;
    writeln!(
        out,
        "{:>6}{:>7}{:>5}{:>8}{:>5}{:>8}{:>4}  document",
        "all", "names", "n", "numeric", "n", "value", "err"
    )?;
    let width = 80 - FIXED_WIDTH;
    for s in scores {
        let mut doc = s.doc.clone();
        if doc.chars().count() > width {
            doc = doc.chars().take(width - 1).collect::<String>() + "…";
        }
        writeln!(
            out,
            "{:>6}{:>7}{:>5}{:>8}{:>5}{:>8}{:>4}  {doc}",
            f1_cell(&s.all),
            f1_cell(&s.names),
            s.names.gold,
            f1_cell(&s.numeric),
            s.numeric.gold,
            value_cell(&s.values),
            s.errors,
        )?;
    }
    Ok(())
}

/// A half of the corpus (`corpus/split.csv`): `dev` is where rule work looks
/// at errors; `test` is scored and reported, never mined for rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subset {
    /// Rule work may look at its errors.
    Dev,
    /// Scored and reported only.
    Test,
}

impl Subset {
    /// The name used in the manifest and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Subset::Dev => "dev",
            Subset::Test => "test",
        }
    }
}

impl std::str::FromStr for Subset {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "dev" => Ok(Subset::Dev),
            "test" => Ok(Subset::Test),
            other => Err(Error::Invalid(format!(
                "unknown subset `{other}` (expected dev or test)"
            ))),
        }
    }
}

/// The split manifest: each document's half, with the line that says so.
#[derive(Debug, Clone, Default)]
pub struct SplitManifest {
    /// The file read, for messages.
    pub file: String,
    /// Document id → (subset, 1-based line).
    pub docs: BTreeMap<String, (Subset, usize)>,
}

/// The manifest's file name inside the corpus directory.
pub const SPLIT_FILE: &str = "split.csv";

impl SplitManifest {
    /// Parse a manifest: `#` comment lines, a header `doc,split`, then one
    /// row per document. A bad split name or a document listed twice is an
    /// error naming the file and line.
    pub fn parse(file: &str, text: &str) -> Result<Self> {
        let table = CsvTable::parse(file, text)?;
        let doc_col = table.column("doc")?;
        let split_col = table.column("split")?;
        let mut docs = BTreeMap::new();
        for row in &table.rows {
            let doc = row.get(doc_col).to_string();
            let subset: Subset = row
                .get(split_col)
                .parse()
                .map_err(|e: Error| Error::gold(file, row.line, e.to_string()))?;
            if doc.is_empty() {
                return Err(Error::gold(file, row.line, "empty document id"));
            }
            if let Some((_, first)) = docs.insert(doc.clone(), (subset, row.line)) {
                return Err(Error::gold(
                    file,
                    row.line,
                    format!("document `{doc}` is listed twice (first on line {first})"),
                ));
            }
        }
        Ok(SplitManifest {
            file: file.to_string(),
            docs,
        })
    }

    /// Read `<corpus>/split.csv`; `Ok(None)` when the corpus has none.
    pub fn read(corpus: &Path) -> Result<Option<Self>> {
        let path = corpus.join(SPLIT_FILE);
        if !path.is_file() {
            return Ok(None);
        }
        let bytes = std::fs::read(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        let text = crate::io::decode(&path, bytes)?;
        Self::parse(&path.display().to_string(), &text).map(Some)
    }

    /// The subset of a document, if listed.
    pub fn subset_of(&self, doc: &str) -> Option<Subset> {
        self.docs.get(doc).map(|(s, _)| *s)
    }

    /// Check the manifest against the documents that have gold: every one
    /// must be listed and every row must have gold. Returns one message per
    /// problem (empty when they agree).
    pub fn check(&self, with_gold: &[&str], gold_dir: &Path) -> Vec<String> {
        let have: BTreeSet<&str> = with_gold.iter().copied().collect();
        let mut problems = Vec::new();
        for doc in with_gold {
            if !self.docs.contains_key(*doc) {
                problems.push(format!(
                    "{}: document `{doc}` has gold but no row here (add `{doc},dev` or `{doc},test`)",
                    self.file
                ));
            }
        }
        for (doc, (_, line)) in &self.docs {
            if !have.contains(doc.as_str()) {
                problems.push(format!(
                    "{}:{line}: document `{doc}` has no gold file {}",
                    self.file,
                    gold_dir.join(format!("{doc}.csv")).display()
                ));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_rows_and_errors_name_the_line() {
        let m = SplitManifest::parse("split.csv", "# c\ndoc,split\na,dev\nb,test\n").unwrap();
        assert_eq!(m.subset_of("a"), Some(Subset::Dev));
        assert_eq!(m.subset_of("b"), Some(Subset::Test));
        assert_eq!(m.subset_of("c"), None);
        let e = SplitManifest::parse("split.csv", "doc,split\na,dev\nb,train\n").unwrap_err();
        assert!(e.to_string().contains("split.csv:3"), "{e}");
        assert!(e.to_string().contains("`train`"), "{e}");
        let e = SplitManifest::parse("split.csv", "doc,split\na,dev\na,test\n").unwrap_err();
        assert!(
            e.to_string().contains("listed twice (first on line 2)"),
            "{e}"
        );
        let problems = m.check(&["a", "z"], Path::new("gold"));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("`z` has gold but no row"));
        assert!(problems[1].starts_with("split.csv:4: document `b` has no gold file"));
    }

    #[test]
    fn by_doc_table_is_worst_first_and_fits_80_columns() {
        let mk = |doc: &str, f1: f64, errors: usize| DocScore {
            doc: doc.to_string(),
            split: None,
            names: LayerScore {
                gold: 2,
                pred: 2,
                correct: 1,
                f1,
            },
            numeric: LayerScore::default(),
            all: LayerScore {
                gold: 2,
                pred: 2,
                correct: 1,
                f1,
            },
            values: ValueCounts::default(),
            errors,
        };
        let mut scores = vec![
            mk("good", 1.0, 0),
            mk(&"x".repeat(60), 0.5, 2),
            mk("bad", 0.5, 3),
        ];
        worst_first(&mut scores);
        let order: Vec<&str> = scores.iter().map(|s| &s.doc[..1]).collect();
        assert_eq!(order, vec!["b", "x", "g"]);
        let mut out = Vec::new();
        write_by_doc_table(&mut out, &scores).unwrap();
        let text = String::from_utf8(out).unwrap();
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "too wide: {line}");
        }
        assert!(
            text.contains("  50.0   50.0    2       -    0       -   3  bad"),
            "{text}"
        );
        assert!(text.contains("xxx…"), "{text}");
    }
}
