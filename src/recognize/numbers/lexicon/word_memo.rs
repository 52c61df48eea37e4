//! A per-thread memo of what a word that starts with a proclitic letter is
//! in the lexicon index ([`TokenInfo`]): its own bits and those of its stems
//! after proclitics. Working them out walks the word's clitic splits and
//! probes the index once per stem; the same word forms recur throughout a
//! stream of news (two thirds of such words in 125 k tokens of ANERcorp
//! were seen before), so each form is worked out once per thread.
//!
//! The answer depends only on the word's key, the lexicon and the clitic
//! table in force: the memo is tied to both (a lexicon by the serial number
//! it got when loaded, a clitic table by its address; tables live for the
//! whole process) and is emptied when either changes, or when it is full.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{HashMap, TokenInfo};
use crate::text::clitics::CliticTable;

/// Words kept at most; then the memo starts again empty (the table and
/// its keys then take about 6 MB).
const CAPACITY: usize = 1 << 16;

/// A serial number for each lexicon loaded in the process (0: none).
pub(super) fn next_lexicon_serial() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The memo of one thread.
#[derive(Default)]
pub(super) struct WordMemo {
    /// The lexicon's serial number and the clitic table's address.
    owner: (u64, usize),
    words: HashMap<Box<str>, TokenInfo>,
}

impl WordMemo {
    /// The info of `key`, worked out by `compute` unless known.
    #[inline]
    pub(super) fn get_or(&mut self, key: &str, compute: impl FnOnce() -> TokenInfo) -> TokenInfo {
        if let Some(info) = self.words.get(key) {
            return *info;
        }
        let info = compute();
        if self.words.len() >= CAPACITY {
            self.words.clear();
        }
        self.words.insert(key.into(), info);
        info
    }
}

thread_local! {
    static MEMO: RefCell<WordMemo> = RefCell::new(WordMemo::default());
}

/// Run `work` with this thread's memo for the lexicon of serial number
/// `lexicon` under the clitic table `clitics`.
pub(super) fn with_memo<R>(
    lexicon: u64,
    clitics: &'static CliticTable,
    work: impl FnOnce(&mut WordMemo) -> R,
) -> R {
    let owner = (lexicon, clitics as *const CliticTable as usize);
    MEMO.with(|memo| match memo.try_borrow_mut() {
        Ok(mut memo) => {
            if memo.owner != owner {
                memo.words.clear();
                memo.owner = owner;
                // The first documents of a stream bring mostly new words:
                // room for them at once, not a table grown step by step.
                memo.words.reserve(CAPACITY / 4);
            }
            work(&mut memo)
        }
        // Never nested today; should it be, a fresh memo keeps it correct.
        Err(_) => work(&mut WordMemo {
            owner,
            ..WordMemo::default()
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(key: u32) -> TokenInfo {
        TokenInfo {
            key,
            ..TokenInfo::default()
        }
    }

    #[test]
    fn a_word_is_remembered_for_its_lexicon_and_clitic_table_only() {
        let shared = crate::text::clitics::shared_table();
        let (first, second) = (u64::MAX - 1, u64::MAX - 2);
        let key_of = |lexicon, table, computed| {
            with_memo(lexicon, table, |memo| {
                memo.get_or("word", || info(computed)).key
            })
        };
        assert_eq!(key_of(first, shared, 1), 1);
        // Remembered: not computed again.
        assert_eq!(key_of(first, shared, 2), 1);
        // Another lexicon, then another clitic table: computed again.
        assert_eq!(key_of(second, shared, 3), 3);
        let other: &'static CliticTable = Box::leak(Box::default());
        assert_eq!(key_of(second, other, 4), 4);
        assert_eq!(key_of(second, other, 5), 4);
    }

    #[test]
    fn a_full_memo_starts_again_empty() {
        let mut memo = WordMemo::default();
        for n in 0..CAPACITY {
            memo.get_or(&n.to_string(), || info(1));
        }
        assert_eq!(memo.words.len(), CAPACITY);
        assert_eq!(memo.get_or("0", || info(2)).key, 1);
        assert_eq!(memo.get_or("new", || info(3)).key, 3);
        assert_eq!(memo.words.len(), 1);
        assert_eq!(memo.get_or("0", || info(4)).key, 4);
    }
}
