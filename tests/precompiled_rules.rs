//! Rule tables precompiled by `build.rs` (`src/rules/static_table.rs`) are
//! used only when a rule file is the embedded one; any other text (an
//! overlay) is compiled at run time. Both paths must find the same mentions.

use kashif::{ExtractOptions, Extractor, RuleFiles};

/// The rule files whose default run reads a precompiled table.
const PRECOMPILED_FILES: &[&str] = &["names/name_likeness.csv"];

/// Every mention of every corpus article, as comparable text.
fn corpus_mentions(x: &Extractor) -> Vec<String> {
    // `expand_paths` gives a directory's `*.txt` files, sorted.
    let paths: Vec<_> = kashif::io::expand_paths(&["corpus".into()])
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert!(paths.len() >= 10, "corpus/ has {} articles", paths.len());
    let options = ExtractOptions::default();
    let mut out = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = path.display().to_string();
        for m in x.extract(&doc, &text, &options) {
            out.push(format!("{doc} {m:?}"));
        }
    }
    out
}

#[test]
fn precompiled_tables_and_runtime_compilation_find_the_same_mentions() {
    let default = Extractor::new(&RuleFiles::embedded()).unwrap();
    let mut rules = RuleFiles::embedded();
    for file in PRECOMPILED_FILES {
        // A trailing comment changes the text, not the rows: the file is
        // then compiled at run time.
        let text = format!("{}\n# compiled at run time\n", rules.get(file).unwrap());
        rules.insert(*file, text);
    }
    let runtime = Extractor::new(&rules).unwrap();
    let (a, b) = (corpus_mentions(&default), corpus_mentions(&runtime));
    assert!(a.len() > 1000, "only {} mentions on the corpus", a.len());
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
}
