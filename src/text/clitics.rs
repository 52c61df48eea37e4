//! Clitic analysis: candidate splits of a word into proclitics
//! (و ف ب ك ل and their combinations) and a stem, each stem with its own
//! original offset. These are *candidates*: `بكين` yields `ب`+`كين` too, and the
//! recognizers choose with lexicon evidence (the whole word `بكين` is in the
//! gazetteer, `كين` is not). When `ل` meets the article (`للصين`) the stem is
//! `لصين` in the text and is looked up as `الصين` (annotation rule 1).

//!
//! The clitics themselves are data: `rules/text/clitics.csv` (embedded,
//! and overlayable with `--rules DIR` like every rules file), compiled into a
//! [`CliticTable`]; an extractor installs its table for the thread it runs on
//! ([`with_table`]).

use std::cell::Cell;
use std::sync::{Mutex, OnceLock};

use super::tokenize::Analysis;
use crate::error::{Error, Result};
use crate::rules::RuleFiles;

mod splits;

use splits::Proclitic;
pub use splits::{CliticSplit, Splits};

/// The rule file the clitic table is read from.
pub const CLITICS_FILE: &str = "text/clitics.csv";

/// Minimum stem length (in characters) for a split to be offered.
pub const MIN_STEM_CHARS: usize = 2;

const _: () = assert!(MIN_STEM_CHARS >= 1);

/// One row of `rules/text/clitics.csv`.
#[derive(Debug, serde::Deserialize)]
struct CliticRow {
    clitic: String,
    role: String,
    #[allow(dead_code)]
    #[serde(default)]
    note: String,
}

/// The compiled clitic table: which one- and two-letter proclitics a word
/// may start with, and the article restored after ل.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CliticTable {
    /// Every proclitic sequence (key form), as written in the file.
    proclitics: Vec<String>,
    /// One-letter proclitics: the letter and its text.
    singles: Vec<(char, String)>,
    /// Two-letter proclitics: both letters and their text.
    pairs: Vec<((char, char), String)>,
    /// The article's first letter and the letter it shares with a proclitic
    /// (`ا`, `ل` for `ال`), when the file has an article row.
    article: Option<(char, char)>,
    /// The article as written (key form).
    article_text: String,
    /// For each character of the Arabic block U+0600–U+06FF (by its low
    /// eight bits): one plus the index in `singles` of the proclitic it is,
    /// 0 for none. Empty when a one-letter proclitic lies outside the block
    /// (then `singles` is searched).
    arabic_singles: Vec<u8>,
    /// For each one-letter proclitic (by its index in `singles`) and each
    /// character of the Arabic block (by its low eight bits), at
    /// `256 * index + low`: one plus the index in `pairs` of the two-letter
    /// proclitic they make, 0 for none. Empty when `arabic_singles` is, or
    /// when the second letter of a pair lies outside the block (then
    /// `pairs` is searched).
    arabic_pairs: Vec<u8>,
    /// Whether each one-letter proclitic (as `singles`) ends in the letter
    /// the article shares with it (`ل`): a stem starting with that letter
    /// is also offered with the article restored.
    single_meets_article: Vec<bool>,
    /// The same for each two-letter proclitic (as `pairs`).
    pair_meets_article: Vec<bool>,
}

impl CliticTable {
    /// Compile the table from the text of a clitics CSV (`file` names it in
    /// errors).
    pub fn parse(file: &str, text: &str) -> Result<Self> {
        let rows = crate::rules::CsvTable::parse(file, text)?.rows::<CliticRow>()?;
        let mut table = CliticTable::default();
        for row in rows {
            let key = super::key(&row.value.clitic);
            let letters: Vec<char> = key.chars().collect();
            let bad = |why: &str| Error::rule(file, row.line, why);
            match (row.value.role.as_str(), letters.as_slice()) {
                ("proclitic", [one]) => {
                    table.singles.push((*one, key.clone()));
                    table.proclitics.push(key);
                }
                ("proclitic", [first, second]) => {
                    table.pairs.push(((*first, *second), key.clone()));
                    table.proclitics.push(key);
                }
                ("proclitic", _) => {
                    return Err(bad("a proclitic is one letter or a sequence of two"))
                }
                ("article", [first, .., last]) if table.article.is_none() => {
                    table.article = Some((*first, *last));
                    table.article_text = key;
                }
                ("article", _) => {
                    return Err(bad("the article is written once, with two letters or more"))
                }
                (role, _) => {
                    return Err(bad(&format!(
                        "unknown role `{role}` (expected proclitic or article)"
                    )))
                }
            }
        }
        let in_block = |c: char| ('\u{0600}'..='\u{06FF}').contains(&c);
        if table.singles.iter().all(|(c, _)| in_block(*c)) && table.singles.len() < 255 {
            table.arabic_singles = vec![0; 256];
            // The first row of a letter wins, as the search finds it.
            for (index, (c, _)) in table.singles.iter().enumerate().rev() {
                table.arabic_singles[(*c as usize) & 0xFF] = index as u8 + 1;
            }
        }
        for ((first, _), text) in &table.pairs {
            if !table.singles.iter().any(|(c, _)| c == first) {
                return Err(Error::rule(
                    file,
                    0,
                    format!("the pair `{text}` starts with a letter that is not a proclitic"),
                ));
            }
        }
        table.index_pairs();
        let lam = table.article.map(|(_, lam)| lam);
        let meets = |text: &str| lam.is_some_and(|lam| text.ends_with(lam));
        table.single_meets_article = table.singles.iter().map(|(_, t)| meets(t)).collect();
        table.pair_meets_article = table.pairs.iter().map(|(_, t)| meets(t)).collect();
        Ok(table)
    }

    /// Fill `arabic_pairs` when every letter of every proclitic lies in the
    /// Arabic block (the first pair of two letters wins, as the search
    /// finds it).
    fn index_pairs(&mut self) {
        let in_block = |c: char| ('\u{0600}'..='\u{06FF}').contains(&c);
        let all_in_block = self.pairs.iter().all(|((_, second), _)| in_block(*second));
        if self.arabic_singles.is_empty() || !all_in_block || self.pairs.len() >= 255 {
            return;
        }
        self.arabic_pairs = vec![0; 256 * self.singles.len()];
        for (index, ((first, second), _)) in self.pairs.iter().enumerate().rev() {
            // The row of the first letter that `first_single` finds.
            let single = self.arabic_singles[(*first as usize) & 0xFF] as usize - 1;
            self.arabic_pairs[256 * single + ((*second as usize) & 0xFF)] = index as u8 + 1;
        }
    }

    /// The table compiled from the rule files `rules` holds (with overlays).
    pub fn from_rules(rules: &RuleFiles) -> Result<Self> {
        Self::parse(CLITICS_FILE, rules.require(CLITICS_FILE)?)
    }

    /// The word without the definite article (`دولار` for `الدولار`), when
    /// it starts with it and more follows.
    pub fn strip_article<'k>(&self, key: &'k str) -> Option<&'k str> {
        if self.article_text.is_empty() {
            return None;
        }
        key.strip_prefix(self.article_text.as_str())
            .filter(|rest| !rest.is_empty())
    }

    /// The definite article (key form, `ال`), empty when the file has no
    /// article row.
    pub fn article(&self) -> &str {
        &self.article_text
    }

    /// Every proclitic sequence (key form), in file order.
    pub fn proclitics(&self) -> &[String] {
        &self.proclitics
    }

    /// Whether a key-normalized word is only proclitics (`و`, `ب`, `وب`, `ل`),
    /// as before a glued number (`بـ15`, `و2015`).
    pub fn is_proclitic(&self, key: &str) -> bool {
        self.proclitics.iter().any(|p| p == key)
    }

    /// Whether a key-normalized word starts with a proclitic letter (a
    /// cheap gate before looking for splits).
    #[inline]
    pub fn starts_with_proclitic(&self, key: &str) -> bool {
        self.first_single_index(key).is_some()
    }

    /// The proclitics a word starts with, shortest first: at most one
    /// letter and one pair, read off its first two characters; each with
    /// whether it ends in the letter the article shares with it.
    /// Most words start with no proclitic letter: that test is inlined at
    /// every caller, the rest is not.
    #[inline]
    fn proclitics_of(&'static self, key: &str) -> [Option<Proclitic>; 2] {
        match self.first_single_index(key) {
            None => [None, None],
            Some(index) => self.proclitics_after(index, key),
        }
    }

    /// [`CliticTable::proclitics_of`] of a word starting with the one-letter
    /// proclitic `singles[index]`.
    #[inline(never)]
    fn proclitics_after(&'static self, index: usize, key: &str) -> [Option<Proclitic>; 2] {
        let (first, text) = &self.singles[index];
        let single = Some(Proclitic {
            text,
            meets_article: self.single_meets_article[index],
        });
        if self.pairs.is_empty() {
            return [single, None];
        }
        let rest = &key.as_bytes()[first.len_utf8()..];
        let pair = match *rest {
            // Every pair's second letter is in the Arabic block: read off
            // the table, no search.
            [lead @ 0xD8..=0xDB, cont, ..] if !self.arabic_pairs.is_empty() => {
                match self.arabic_pairs[256 * index + arabic_low(lead, cont)] {
                    0 => None,
                    k => Some(k as usize - 1),
                }
            }
            _ if !self.arabic_pairs.is_empty() => None,
            _ => key[first.len_utf8()..].chars().next().and_then(|second| {
                self.pairs
                    .iter()
                    .position(|(letters, _)| *letters == (*first, second))
            }),
        };
        let pair = pair.map(|k| Proclitic {
            text: &self.pairs[k].1,
            meets_article: self.pair_meets_article[k],
        });
        [single, pair]
    }

    /// The one-letter proclitic a word starts with: its letter and text
    /// (the tests compare it with a search of the table).
    #[cfg(test)]
    fn first_single(&self, key: &str) -> Option<(char, &str)> {
        let (c, text) = &self.singles[self.first_single_index(key)?];
        Some((*c, text.as_str()))
    }

    /// The index in `singles` of the one-letter proclitic a word starts with.
    #[inline]
    fn first_single_index(&self, key: &str) -> Option<usize> {
        match *key.as_bytes() {
            // A letter of the Arabic block (two bytes led by D8–DB): its
            // proclitic read off the table, no search.
            [lead @ 0xD8..=0xDB, cont, ..] if !self.arabic_singles.is_empty() => {
                match self.arabic_singles[arabic_low(lead, cont)] {
                    0 => None,
                    k => Some(k as usize - 1),
                }
            }
            // Every one-letter proclitic is in the block: nothing else is one.
            _ if !self.arabic_singles.is_empty() => None,
            _ => {
                let first = key.chars().next()?;
                self.singles.iter().position(|(c, _)| *c == first)
            }
        }
    }
}

/// Every stem key of [`clitic_splits_iter`], in order, without allocating
/// (see [`CliticTable::for_each_stem_key`]).
pub fn for_each_stem_key(key: &str, f: impl FnMut(&str)) {
    active_table().for_each_stem_key(key, f)
}

/// The low eight bits of the code point of a character of the Arabic block
/// U+0600–U+06FF, from its two UTF-8 bytes (led by D8–DB).
#[inline]
fn arabic_low(lead: u8, cont: u8) -> usize {
    (((lead & 3) as usize) << 6) | (cont & 0x3F) as usize
}

/// The table compiled from the embedded `rules/text/clitics.csv`, once per
/// process. `tests` checks that the embedded file compiles; should it not,
/// the table is empty (no splits) rather than a panic, and
/// [`CliticTable::compiled_for`] reports the error when an extractor is built.
pub fn shared_table() -> &'static CliticTable {
    static TABLE: OnceLock<CliticTable> = OnceLock::new();
    TABLE.get_or_init(|| CliticTable::from_rules(&RuleFiles::embedded()).unwrap_or_default())
}

impl CliticTable {
    /// The table of a set of rule files (an overlay may add or remove
    /// clitics), compiled once per distinct table in the process: the
    /// embedded table is [`shared_table`], and each other table is kept for
    /// the life of the process (the splits borrow its proclitic texts), so
    /// building many extractors from the same overlay stores it once.
    pub fn compiled_for(rules: &RuleFiles) -> Result<&'static CliticTable> {
        let table = Self::from_rules(rules)?;
        if &table == shared_table() {
            return Ok(shared_table());
        }
        static OVERLAID: Mutex<Vec<&'static CliticTable>> = Mutex::new(Vec::new());
        let mut overlaid = OVERLAID
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(known) = overlaid.iter().find(|known| ***known == table) {
            return Ok(known);
        }
        let leaked: &'static CliticTable = Box::leak(Box::new(table));
        overlaid.push(leaked);
        Ok(leaked)
    }
}

thread_local! {
    /// The table the splitting functions below use on this thread while an
    /// extractor runs ([`with_table`]); `None`: the shared table.
    static ACTIVE_TABLE: Cell<Option<&'static CliticTable>> = const { Cell::new(None) };
}

/// The clitic table in force on this thread: the one an extractor installed
/// with [`with_table`] for the duration of its work, else the embedded one.
pub fn active_table() -> &'static CliticTable {
    ACTIVE_TABLE.with(Cell::get).unwrap_or_else(shared_table)
}

/// Run `work` with `table` as this thread's clitic table (the extractor
/// does, around compiling its rules and around each document), restoring
/// the previous table afterwards, also when `work` unwinds. The recognizers
/// reach the splitter through free functions, so the table an overlay
/// compiled reaches every one of them without being passed down.
pub fn with_table<R>(table: &'static CliticTable, work: impl FnOnce() -> R) -> R {
    struct Restore(Option<&'static CliticTable>);
    impl Drop for Restore {
        fn drop(&mut self) {
            ACTIVE_TABLE.with(|active| active.set(self.0));
        }
    }
    let _restore = Restore(ACTIVE_TABLE.with(|active| active.replace(Some(table))));
    work()
}

/// Candidate proclitic splits of a key-normalized word, shortest proclitic
/// first. The whole word itself is not included.
pub fn clitic_splits(key: &str) -> Vec<CliticSplit<'_>> {
    clitic_splits_iter(key).collect()
}

/// [`clitic_splits`] without the `Vec`: for hot loops that only look at the
/// splits (`any`, `find`), no allocation unless the `ل`+`ل` article is
/// restored.
pub fn clitic_splits_iter(key: &str) -> impl Iterator<Item = CliticSplit<'_>> + '_ {
    active_table().splits(key)
}

/// Whether a key-normalized word starts with a proclitic letter of the
/// table in force (see [`CliticTable::starts_with_proclitic`]).
pub fn starts_with_proclitic(key: &str) -> bool {
    active_table().starts_with_proclitic(key)
}

/// Whether a key-normalized word is only proclitics (`و`, `ب`, `وب`, `ل`),
/// as before a glued number (`بـ15`, `و2015`).
pub fn is_proclitic(key: &str) -> bool {
    active_table().is_proclitic(key)
}

/// The original code point offset where the stem of token `i` starts
/// under `split`; `None` when the split falls inside one original character
/// (a ligature expanded by NFKC), where no clitic boundary exists.
pub fn stem_start(analysis: &Analysis<'_>, i: usize, split: &CliticSplit<'_>) -> Option<usize> {
    let token = analysis.tokens()[i];
    let start = analysis.orig_offset(i, split.prefix_chars);
    (token.start < start && start < token.end).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::splits::long_enough;
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
        for stem in ["", "ص", "a", "€", "𝄞", "صي", "ab", "a€", "€a", "𝄞𝄞", "صين"]
        {
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
}
