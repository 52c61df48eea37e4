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

use std::borrow::Cow;
use std::cell::Cell;
use std::sync::{Mutex, OnceLock};

use super::tokenize::Analysis;
use crate::error::{Error, Result};
use crate::rules::RuleFiles;

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

    /// Candidate proclitic splits of a key-normalized word, shortest
    /// proclitic first (see [`clitic_splits_iter`]).
    #[inline]
    pub fn splits<'k>(&'static self, key: &'k str) -> Splits<'k> {
        let proclitics = self.proclitics_of(key);
        // Past the last filled slot nothing is left to try.
        let end = proclitics
            .iter()
            .rposition(Option::is_some)
            .map_or(0, |last| last as u8 + 1);
        Splits {
            key,
            proclitics,
            next: 0,
            end,
            restore: false,
            table: self,
        }
    }
}

impl CliticTable {
    /// Call `f` with the stem key of every split of [`CliticTable::splits`],
    /// in the same order, without allocating: a stem whose article is
    /// restored after ل is written into a buffer on the stack (a stem too
    /// long for it is allocated).
    pub fn for_each_stem_key(&'static self, key: &str, mut f: impl FnMut(&str)) {
        let mut splits = self.splits(key);
        loop {
            if splits.restore {
                splits.restore = false;
                let (_, stem) = splits.last_split();
                let alef = self.article.map_or('\0', |(alef, _)| alef);
                let mut buf = [0u8; 128];
                let head = alef.encode_utf8(&mut buf).len();
                match buf.get_mut(head..head + stem.len()) {
                    Some(tail) => {
                        tail.copy_from_slice(stem.as_bytes());
                        // a char and a str: always UTF-8
                        f(std::str::from_utf8(&buf[..head + stem.len()]).unwrap_or_default());
                    }
                    None => f(&format!("{alef}{stem}")),
                }
                continue;
            }
            match splits.next() {
                Some(split) => f(&split.stem_key),
                None => break,
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

/// Whether a stem has at least [`MIN_STEM_CHARS`] characters, without
/// counting them all (for two: more bytes than its first character has).
#[inline]
fn long_enough(stem: &str) -> bool {
    if MIN_STEM_CHARS != 2 {
        return stem.chars().nth(MIN_STEM_CHARS - 1).is_some();
    }
    let first = match stem.as_bytes().first() {
        None => return false,
        Some(&b) if b < 0x80 => 1,
        Some(&b) if b < 0xE0 => 2,
        Some(&b) if b < 0xF0 => 3,
        Some(_) => 4,
    };
    stem.len() > first
}

/// A proclitic a word starts with (key form), and whether it ends in the
/// letter the article shares with it (`ل`).
#[derive(Clone, Copy)]
struct Proclitic {
    text: &'static str,
    meets_article: bool,
}

/// The iterator of [`CliticTable::splits`]: a plain state machine (no
/// adapter chain) that allocates only for a stem whose article is restored
/// after ل, and only when the caller asks for that split. Kept small and
/// its end tested inline: most words start with no proclitic, and the
/// callers' loops then ask once and get `None` without a call.
pub struct Splits<'k> {
    key: &'k str,
    /// The proclitics the word starts with, shortest first (a pair only
    /// after its first letter's slot).
    proclitics: [Option<Proclitic>; 2],
    /// The index in `proclitics` to try next.
    next: u8,
    /// One past the last filled slot of `proclitics`.
    end: u8,
    /// The split just returned (the proclitic at `next - 1`) is offered
    /// again with the article given back to its stem (`لل` + `صين` →
    /// `الصين`).
    restore: bool,
    table: &'static CliticTable,
}

impl<'k> Splits<'k> {
    /// The proclitic of the split just returned and its stem.
    #[inline]
    fn last_split(&self) -> (&'static str, &'k str) {
        let text = self.proclitics[usize::from(self.next) - 1].map_or("", |p| p.text);
        (text, &self.key[text.len()..])
    }

    /// [`Iterator::next`] past its inlined test that splits are left.
    #[inline(never)]
    fn next_split(&mut self) -> Option<CliticSplit<'k>> {
        if self.restore {
            self.restore = false;
            return Some(self.restored_split());
        }
        while self.next < self.end {
            let slot = self.proclitics[usize::from(self.next)];
            self.next += 1;
            let Some(Proclitic {
                text: p,
                meets_article,
            }) = slot
            else {
                continue;
            };
            // The slots hold a one-letter and a two-letter proclitic, read
            // off the word's own first letters: the word starts with it.
            let Some(stem) = self.key.get(p.len()..) else {
                continue;
            };
            if !long_enough(stem) {
                continue;
            }
            // `meets_article` is set only when the table has an article.
            if meets_article
                && self
                    .table
                    .article
                    .is_some_and(|(_, lam)| stem.starts_with(lam))
            {
                self.restore = true;
            }
            return Some(CliticSplit {
                proclitic: p,
                prefix_chars: usize::from(self.next),
                stem_key: Cow::Borrowed(stem),
            });
        }
        None
    }

    /// The split just returned with the article given back to its stem.
    #[cold]
    #[inline(never)]
    fn restored_split(&self) -> CliticSplit<'k> {
        let (proclitic, stem) = self.last_split();
        let alef = self.table.article.map_or('\0', |(alef, _)| alef);
        let mut restored = String::with_capacity(alef.len_utf8() + stem.len());
        restored.push(alef);
        restored.push_str(stem);
        CliticSplit {
            proclitic,
            prefix_chars: usize::from(self.next),
            stem_key: Cow::Owned(restored),
        }
    }
}

impl<'k> Iterator for Splits<'k> {
    type Item = CliticSplit<'k>;

    #[inline]
    fn next(&mut self) -> Option<CliticSplit<'k>> {
        // No proclitic left and no article to give back: done, no call.
        if self.next >= self.end && !self.restore {
            return None;
        }
        self.next_split()
    }
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

/// One candidate split of a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliticSplit<'a> {
    /// The proclitic letters removed (key form), e.g. `و`, `وب`.
    pub proclitic: &'static str,
    /// How many normalized characters the proclitic covers.
    pub prefix_chars: usize,
    /// The stem's lookup key (`الصين` for `للصين`).
    pub stem_key: Cow<'a, str>,
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
mod tests;
