//! The splits of one word ([`CliticTable::splits`]): the iterator over
//! the proclitics a word starts with, each split's stem (with the article
//! given back after ل), and the same stems without allocating
//! ([`CliticTable::for_each_stem_key`]).

use std::borrow::Cow;

use super::{CliticTable, MIN_STEM_CHARS};

impl CliticTable {
    /// Candidate proclitic splits of a key-normalized word, shortest
    /// proclitic first (see [`super::clitic_splits_iter`]).
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

/// Whether a stem has at least [`MIN_STEM_CHARS`] characters, without
/// counting them all (for two: more bytes than its first character has).
#[inline]
pub(super) fn long_enough(stem: &str) -> bool {
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
pub(super) struct Proclitic {
    pub(super) text: &'static str,
    pub(super) meets_article: bool,
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
