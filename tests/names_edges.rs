//! Every word a names rule starts from, at the edges of a document: each
//! trigger, rank word and lexicon entry alone, followed by one word, after a
//! proclitic, before a quote or a bracket. The rules look ahead of the word
//! that fired them, so the end of the text is where an index runs past the
//! last token; here no input may panic and every mention must be the slice
//! of the text it claims. (A fuzz run found `لسد شي` this way.)

use kashif::rules::{CsvTable, RuleFiles};
use kashif::{ExtractOptions, Extractor};

/// The first words of every entry in a names rule file's `column`.
fn first_words(rules: &RuleFiles, file: &str, column: &str) -> Vec<String> {
    let text = rules
        .get(file)
        .unwrap_or_else(|| panic!("{file} is embedded"));
    let table = CsvTable::parse(file, text).unwrap();
    let col = table.column(column).unwrap();
    table
        .rows
        .iter()
        .filter_map(|row| row.get(col).split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn rule_words_at_the_end_of_a_document_are_safe() {
    let rules = RuleFiles::embedded();
    let extractor = Extractor::new(&rules).unwrap();
    let mut words = first_words(&rules, "names/triggers.csv", "trigger");
    words.extend(first_words(&rules, "names/rank_words.csv", "word"));
    words.extend(first_words(&rules, "names/person_given.csv", "name"));
    for (file, _) in rules.matching("names/gaz_", ".csv") {
        words.extend(first_words(&rules, file, "entry"));
    }
    words.sort();
    words.dedup();
    assert!(words.len() > 1000, "{} rule words", words.len());
    let options = ExtractOptions::default();
    let mut mentions = 0;
    for w in &words {
        let docs = [
            w.clone(),
            format!("{w} شي"),
            format!("ل{w} شي"),
            format!("و{w} الثاني"),
            format!("{w} مالي"),
            format!("{w} \""),
            format!("{w} ("),
            format!("قال {w}"),
        ];
        for text in &docs {
            for m in extractor.extract("edge", text, &options) {
                let slice: String = text.chars().skip(m.start).take(m.end - m.start).collect();
                assert_eq!(slice, m.text, "{text:?}: {m:?}");
                assert!(m.start < m.end, "{text:?}: {m:?}");
                mentions += 1;
            }
        }
    }
    assert!(mentions > 0, "the rule words are found");
}
