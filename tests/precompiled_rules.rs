//! Rule tables precompiled by `build.rs` (`src/rules/static_table.rs`) are
//! used only when a rule file is the embedded one; any other text (an
//! overlay) is compiled at run time. So are the gazetteer variants, which
//! come from many files (`RuleFiles::compiled_at_run_time` works them out
//! at run time whatever the files). Both paths must find the same mentions.

use kashif::{ExtractOptions, Extractor, RuleFiles};

/// The rule files whose default run reads a precompiled table or rows.
fn precompiled_files() -> Vec<String> {
    let mut files = vec![
        "names/name_likeness.csv".to_string(),
        "names/common_words.csv".to_string(),
    ];
    let rules = RuleFiles::embedded();
    let gazetteers: Vec<String> = rules
        .matching("names/gaz_", ".csv")
        .map(|(name, _)| name.to_string())
        .collect();
    assert!(gazetteers.len() >= 5, "{gazetteers:?}");
    files.extend(gazetteers);
    files
}

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
    for file in precompiled_files() {
        // A trailing comment changes the text, not the rows: the file is
        // then compiled at run time.
        let text = format!("{}\n# compiled at run time\n", rules.get(&file).unwrap());
        rules.insert(file, text);
    }
    let runtime = Extractor::new(&rules.compiled_at_run_time()).unwrap();
    let (a, b) = (corpus_mentions(&default), corpus_mentions(&runtime));
    assert!(a.len() > 1000, "only {} mentions on the corpus", a.len());
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
}

/// Whether the corpus mentions differ with these rules
/// from the default ones.
fn mentions_differ(rules: &RuleFiles) -> bool {
    let default = Extractor::new(&RuleFiles::embedded()).unwrap();
    corpus_mentions(&default) != corpus_mentions(&Extractor::new(rules).unwrap())
}

/// The comparison above can fail: each precompiled file's rows matter to
/// the corpus mentions, so a table that lost them would show. (Without its
/// rows, an overlay file keeps only its header and is compiled at run time.)
#[test]
fn each_precompiled_file_changes_the_corpus_mentions() {
    let files = precompiled_files();
    let (likeness_and_common, gazetteers) = files.split_at(2);
    // Each table alone; the gazetteers together (a small one may name
    // nothing in the corpus).
    let mut groups: Vec<Vec<String>> = likeness_and_common
        .iter()
        .map(|f| vec![f.clone()])
        .collect();
    groups.push(gazetteers.to_vec());
    for group in groups {
        let mut rules = RuleFiles::embedded();
        for file in &group {
            let text = rules.get(file).unwrap().to_string();
            let header = text
                .lines()
                .find(|line| !line.starts_with('#'))
                .unwrap()
                .to_string();
            rules.insert(file.clone(), format!("{header}\n"));
        }
        assert!(
            mentions_differ(&rules),
            "{group:?} without rows: same mentions"
        );
    }
}
