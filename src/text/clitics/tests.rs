//! Tests of the clitic table (`super`): compiled from `rules/text/clitics.csv`
//! or an overlay, with its bad rows named by file and line; its letter and
//! pair lookups and its splits against a plain search of the table; and the
//! stems of words written for the test.

#![cfg(test)]

use super::*;

fn stems(word: &str) -> Vec<String> {
    clitic_splits(&crate::text::key(word))
        .into_iter()
        .map(|s| format!("{}+{}", s.proclitic, s.stem_key))
        .collect()
}

#[test]
fn the_iterator_stops_early_and_matches_the_vec() {
    let key = crate::text::key("وللصين");
    let all: Vec<String> = clitic_splits_iter(&key)
        .map(|s| format!("{}+{}", s.proclitic, s.stem_key))
        .collect();
    assert_eq!(all, stems("وللصين"));
    assert!(clitic_splits_iter(&key).any(|s| s.stem_key == "الصين"));
    assert_eq!(clitic_splits_iter("الصين").count(), 0);
}

#[test]
fn stem_keys_without_allocation_equal_the_iterator() {
    let long = format!("لل{}", "ص".repeat(80));
    for word in [
        "وللصين",
        "للعام",
        "بالرقم",
        "والصين",
        "ولل",
        "الصين",
        long.as_str(),
    ] {
        let key = crate::text::key(word);
        let mut seen = Vec::new();
        for_each_stem_key(&key, |s| seen.push(s.to_string()));
        let expected: Vec<String> = clitic_splits_iter(&key)
            .map(|s| s.stem_key.into_owned())
            .collect();
        assert_eq!(seen, expected, "{word}");
    }
    // the restored article is among them, also past the stack buffer
    let mut seen = Vec::new();
    for_each_stem_key(&long, |s| seen.push(s.to_string()));
    assert!(seen.contains(&format!("ال{}", "ص".repeat(80))), "{seen:?}");
}

#[test]
fn the_first_letters_give_the_proclitics_in_table_order() {
    // Every proclitic of the table the word starts with, shortest first.
    let letters = ["و", "ف", "ب", "ك", "ل", "ا", "م"];
    let mut words = vec![String::new()];
    for _ in 0..3 {
        let longer: Vec<String> = words
            .iter()
            .flat_map(|w| letters.iter().map(move |l| format!("{w}{l}")))
            .collect();
        words.extend(longer);
    }
    for prefix in words {
        let word = format!("{prefix}صين");
        let mut table: Vec<&str> = shared_table()
            .proclitics
            .iter()
            .map(String::as_str)
            .filter(|p| word.starts_with(p))
            .collect();
        table.sort_by_key(|p| p.len());
        let fast: Vec<&str> = shared_table()
            .proclitics_of(&word)
            .into_iter()
            .flatten()
            .map(|p| p.text)
            .collect();
        assert_eq!(fast, table, "{word}");
        for p in shared_table().proclitics_of(&word).into_iter().flatten() {
            assert_eq!(p.meets_article, p.text.ends_with('ل'), "{}", p.text);
        }
    }
}

#[test]
fn the_pair_table_finds_what_the_search_finds() {
    let embedded = shared_table();
    assert!(!embedded.arabic_pairs.is_empty());
    // A pair whose second letter lies outside the block: no table.
    let text = "clitic,role,note\nو,proclitic,\nب,proclitic,\nوx,proclitic,\nوب,proclitic,\n";
    let outside = Box::leak(Box::new(CliticTable::parse(CLITICS_FILE, text).unwrap()));
    assert!(outside.arabic_pairs.is_empty());
    for table in [embedded, &*outside] {
        let firsts = table.singles.iter().map(|(c, _)| *c);
        let seconds = ('\u{0600}'..='\u{06FF}').chain(['x', 'a', '€']);
        for first in firsts {
            for second in seconds.clone() {
                let word = format!("{first}{second}صين");
                let searched = table
                    .pairs
                    .iter()
                    .find(|(letters, _)| *letters == (first, second))
                    .map(|(_, text)| text.as_str());
                let fast = table.proclitics_of(&word)[1].map(|p| p.text);
                assert_eq!(fast, searched, "{word}");
            }
            assert!(table.proclitics_of(&first.to_string())[1].is_none());
        }
    }
}

#[test]
fn a_stem_is_long_enough_from_two_characters() {
    for stem in ["", "ص", "a", "€", "𝄞", "صي", "ab", "a€", "€a", "𝄞𝄞", "صين"] {
        assert_eq!(
            long_enough(stem),
            stem.chars().count() >= MIN_STEM_CHARS,
            "{stem}"
        );
    }
}

#[test]
fn the_letter_table_finds_what_the_search_finds() {
    let table = shared_table();
    assert!(!table.arabic_singles.is_empty());
    let others = ['a', 'ß', '€', '𝄞', '\u{05FF}', '\u{0700}'];
    for c in ('\u{0600}'..='\u{06FF}').chain(others) {
        let word = format!("{c}صين");
        let searched = table
            .singles
            .iter()
            .find(|(s, _)| *s == c)
            .map(|(s, text)| (*s, text.as_str()));
        assert_eq!(table.first_single(&word), searched, "{c:?}");
    }
    assert_eq!(table.first_single(""), None);
    // A proclitic outside the block: the table is not built, the search runs.
    let text = "clitic,role,note\nو,proclitic,\nx,proclitic,\n";
    let latin = CliticTable::parse("text/clitics.csv", text).unwrap();
    assert!(latin.arabic_singles.is_empty());
    assert_eq!(latin.first_single("xy"), Some(('x', "x")));
    assert_eq!(latin.first_single("وصين"), Some(('و', "و")));
}

#[test]
fn the_embedded_table_compiles_with_its_article() {
    let table = CliticTable::from_rules(&RuleFiles::embedded()).unwrap();
    assert_eq!(&table, shared_table());
    assert_eq!(table.proclitics.len(), 11);
    assert!(table.article.is_some());
    assert_eq!(
        table.strip_article(&crate::text::key("الدولار")),
        Some("دولار")
    );
    assert_eq!(table.strip_article(&crate::text::key("ال")), None);
    assert_eq!(table.strip_article("دولار"), None);
    assert!(is_proclitic("وب") && !is_proclitic("في"));
}

#[test]
fn bad_rows_name_the_file_and_line() {
    let head = "clitic,role,note\n";
    let err = |body: &str| {
        CliticTable::parse("text/clitics.csv", &format!("{head}{body}"))
            .unwrap_err()
            .to_string()
    };
    assert!(err("وبل,proclitic,\n").starts_with("text/clitics.csv:2"));
    assert!(err("و,suffix,\n").contains("unknown role `suffix`"));
    assert!(err("و,proclitic,\nفب,proclitic,\n").contains("`فب`"));
}

#[test]
fn an_overlay_table_is_compiled_once_and_used_only_inside_with_table() {
    let mut rules = RuleFiles::embedded();
    assert!(std::ptr::eq(
        CliticTable::compiled_for(&rules).unwrap(),
        shared_table()
    ));
    // A table without `ب`: `بكين` no longer splits while it is in force.
    let text = rules.get(CLITICS_FILE).unwrap().replace("\nب,", "\n#ب,");
    rules.insert(CLITICS_FILE, text);
    let overlaid = CliticTable::compiled_for(&rules).unwrap();
    assert!(!std::ptr::eq(overlaid, shared_table()));
    assert!(std::ptr::eq(
        overlaid,
        CliticTable::compiled_for(&rules).unwrap()
    ));
    assert_eq!(stems("بكين"), vec!["ب+كين"]);
    with_table(overlaid, || {
        assert!(stems("بكين").is_empty());
        assert_eq!(stems("وروسيا"), vec!["و+روسيا"]);
        assert!(!is_proclitic("ب") && is_proclitic("و"));
    });
    assert_eq!(stems("بكين"), vec!["ب+كين"]);
    let unwound = std::panic::catch_unwind(|| with_table(overlaid, || panic!("rule bug")));
    assert!(unwound.is_err());
    assert!(std::ptr::eq(active_table(), shared_table()));
}

/// The splits of `key` read off the table's proclitic list by a plain
/// search (the first one-letter and two-letter rows the word starts
/// with, each followed by its article-restored stem after `ل`).
fn searched_splits(table: &CliticTable, key: &str) -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    for letters in 1..=2 {
        let found = table
            .proclitics()
            .iter()
            .find(|p| p.chars().count() == letters && key.starts_with(p.as_str()));
        let Some(p) = found else { continue };
        let stem = &key[p.len()..];
        if stem.chars().count() < MIN_STEM_CHARS {
            continue;
        }
        out.push((p.clone(), letters, stem.to_string()));
        if p.ends_with('ل') && stem.starts_with('ل') {
            out.push((p.clone(), letters, format!("ا{stem}")));
        }
    }
    out
}

#[test]
fn the_splits_are_what_a_search_of_the_table_finds() {
    let table = shared_table();
    let mut words = 0;
    for first in ["", "و", "ف", "ب", "ك", "ل", "م", "ا"] {
        for second in ["", "و", "ب", "ل", "ك", "ال"] {
            for stem in ["", "ص", "صين", "لصين", "الصين", "لل", "2015"] {
                let key = format!("{first}{second}{stem}");
                let mut splits = table.splits(&key);
                let got: Vec<(String, usize, String)> = splits
                    .by_ref()
                    .map(|s| (s.proclitic.to_string(), s.prefix_chars, s.stem_key.into()))
                    .collect();
                assert_eq!(got, searched_splits(table, &key), "{key}");
                // Done stays done.
                assert!(splits.next().is_none(), "{key}");
                words += 1;
            }
        }
    }
    assert_eq!(words, 8 * 6 * 7);
}

#[test]
fn splits_are_candidates_with_restored_article() {
    assert_eq!(stems("وروسيا"), vec!["و+روسيا"]);
    assert!(stems("للصين").contains(&"ل+الصين".to_string()));
    assert!(stems("للصين").contains(&"ل+لصين".to_string()));
    assert_eq!(stems("بكين"), vec!["ب+كين"]);
    assert!(stems("وبالصين").contains(&"وب+الصين".to_string()));
    assert!(stems("ولل").is_empty() || stems("ولل").iter().all(|s| s.len() > 2));
    assert!(stems("في").is_empty());
    assert!(stems("الصين").is_empty());
    assert!(stems("").is_empty());
}
