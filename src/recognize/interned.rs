//! The per-thread interner of word forms, shared by both layers: each word
//! token's light form (its key is a function of it) gets a `u32` id once
//! per analysis (one hash and one probe), and the id's slot keeps what each
//! layer's lexicons say of the word (the names layer's [`NameWord`], the
//! numbers layer's [`TokenInfo`]), so a word form seen before in the stream
//! costs each layer a slot read, not a hash, a probe and a string
//! comparison. Most forms recur: two thirds of the words of 125 k tokens of
//! ANERcorp were seen before.
//!
//! The ids depend on the forms only; they are kept in the [`Analysis`]
//! (`Analysis::interned_keys`) with the interner's generation, which
//! changes whenever the interner is emptied (when full), so stale ids are
//! never read. What a slot says depends on the rules: each layer's part of
//! a slot is tied to its owner (the serial number of the lexicon or
//! vocabulary, given when loaded, and the address of the clitic table in
//! force; tables live for the whole process), and a part written for other
//! rules is never read (an epoch per part, bumped when the owner changes).

use std::cell::RefCell;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, Ordering};

use hashbrown::HashTable;

use super::names::features::NameWord;
use super::names::word_bytes::same_bytes;
use super::numbers::lexicon::TokenInfo;
use crate::text::clitics::CliticTable;
use crate::text::tokenize::InternedKeys;
use crate::text::{Analysis, TokenKind};

/// The id of a token that is no word (numbers and punctuation are not
/// interned: their lexicon bits depend on more than the key).
const NO_ID: u32 = u32::MAX;

/// Words kept at most; a document that would pass it empties the interner
/// first (the slots, forms and table then take about 6 MB).
const CAPACITY: usize = 1 << 16;

/// A serial number for each lexicon or vocabulary loaded in the process
/// (0: none, not memoized).
pub(crate) fn next_rules_serial() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A generation of the interners of all threads: ids given by one are
/// read only while it lasts.
fn next_generation() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The rules a layer's part of the slots was worked out for: a lexicon's
/// serial number and the clitic table's address.
pub(crate) type Owner = (u64, usize);

/// The owner of a layer under the clitic table in force.
pub(crate) fn owner(serial: u64, clitics: &'static CliticTable) -> Owner {
    (serial, clitics as *const CliticTable as usize)
}

/// One interned light form and what each layer said of it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Slot {
    /// The form's hash ([`form_hash`]).
    hash: u64,
    /// The form's byte range in [`Interner::forms`].
    form_start: u32,
    form_len: u32,
    names: Kept<NameWord>,
    numbers: Kept<TokenInfo>,
}

/// A layer's part of a slot and the epoch it was written in (0: never).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Kept<P> {
    epoch: u32,
    value: P,
}

/// A layer's part of the slots.
pub(crate) trait Part: Copy {
    /// The part of `slot`.
    fn kept(slot: &mut Slot) -> &mut Kept<Self>;
    /// The interner's record of the part's owner.
    fn record(interner: &mut Interner) -> &mut PartRecord;
}

/// [`Part`] for the type of a field of [`Slot`] and of [`Interner`].
macro_rules! part {
    ($part:ty, $field:ident) => {
        impl Part for $part {
            #[inline]
            fn kept(slot: &mut Slot) -> &mut Kept<Self> {
                &mut slot.$field
            }
            fn record(interner: &mut Interner) -> &mut PartRecord {
                &mut interner.$field
            }
        }
    };
}

part!(NameWord, names);
part!(TokenInfo, numbers);

/// Whose a part of the slots is, and the epoch it is written in now.
#[derive(Debug, Default)]
pub(crate) struct PartRecord {
    owner: Owner,
    epoch: u32,
}

/// The interner of one thread.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    /// Ids by their forms' hashes.
    table: HashTable<u32>,
    /// The forms, one after the other.
    forms: Vec<u8>,
    /// One per id.
    slots: Vec<Slot>,
    /// This interner's generation (0: nothing given yet).
    generation: u64,
    names: PartRecord,
    numbers: PartRecord,
}

impl Interner {
    /// Empty the interner: ids given so far are stale.
    fn clear(&mut self) {
        self.table.clear();
        self.forms.clear();
        self.slots.clear();
        if self.generation == 0 {
            // Room for a full interner at once, not a table grown (and
            // rehashed) step by step.
            self.table.reserve(CAPACITY, |_| 0);
            self.slots.reserve(CAPACITY);
            self.forms.reserve(CAPACITY * 12);
        }
        self.generation = next_generation();
    }

    /// Give each word token of `a` the id of its light form.
    fn intern_doc(&mut self, a: &Analysis<'_>) -> InternedKeys {
        if self.generation == 0 || (!self.slots.is_empty() && self.slots.len() + a.len() > CAPACITY)
        {
            self.clear();
        }
        let ids = self.intern_tokens(a);
        InternedKeys {
            generation: self.generation,
            ids,
        }
    }

    /// The id of each token of `a` ([`NO_ID`] for one that is no word).
    #[inline(never)]
    fn intern_tokens(&mut self, a: &Analysis<'_>) -> Vec<u32> {
        a.tokens()
            .iter()
            .map(|t| match t.kind {
                TokenKind::Word => self.intern(a.light_bytes(t)),
                _ => NO_ID,
            })
            .collect()
    }

    /// The id of `form`, given now if it has none.
    #[inline]
    fn intern(&mut self, form: &[u8]) -> u32 {
        let hash = form_hash(form);
        let (forms, slots) = (&self.forms, &self.slots);
        let same = |&id: &u32| {
            let s = &slots[id as usize];
            let start = s.form_start as usize;
            same_bytes(&forms[start..start + s.form_len as usize], form)
        };
        if let Some(&id) = self.table.find(hash, same) {
            return id;
        }
        self.insert(hash, form)
    }

    /// Give `form`, of hash `hash`, a new id.
    #[inline(never)]
    fn insert(&mut self, hash: u64, form: &[u8]) -> u32 {
        let id = self.slots.len() as u32;
        self.slots.push(Slot {
            hash,
            form_start: self.forms.len() as u32,
            form_len: form.len() as u32,
            ..Slot::default()
        });
        self.forms.extend_from_slice(form);
        let slots = &self.slots;
        self.table
            .insert_unique(hash, id, |&id| slots[id as usize].hash);
        id
    }

    /// The epoch of part `P` for `owner`: a new one when the part was
    /// written for other rules.
    fn epoch<P: Part>(&mut self, owner: Owner) -> u32 {
        let record = P::record(self);
        if record.owner != owner || record.epoch == 0 {
            record.owner = owner;
            record.epoch = record.epoch.wrapping_add(1);
            if record.epoch == 0 {
                // Every epoch was used: no slot may keep one.
                record.epoch = 1;
                self.clear();
            }
        }
        P::record(self).epoch
    }
}

/// The hash of a form in the interner's table, from its length and its
/// first, middle and last eight bytes (the first and last four of a
/// shorter one): a few loads and a multiply. Forms that differ only
/// elsewhere share it and are told apart by comparing them.
#[inline]
fn form_hash(b: &[u8]) -> u64 {
    let n = b.len();
    let u64_at = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default());
    let u32_at = |at: usize| {
        u64::from(u32::from_le_bytes(
            b[at..at + 4].try_into().unwrap_or_default(),
        ))
    };
    let (head, tail) = match n {
        17.. => (u64_at(0) ^ u64_at(n / 2 - 4).rotate_left(17), u64_at(n - 8)),
        8..=16 => (u64_at(0), u64_at(n - 8)),
        4..=7 => (u32_at(0), u32_at(n - 4)),
        1..=3 => (
            u64::from(b[0]),
            u64::from(b[n - 1]) << 8 | u64::from(b[n / 2]) << 16,
        ),
        0 => (0, 0),
    };
    let x = (head ^ tail.rotate_left(29) ^ (n as u64) << 56).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    // The table takes its position from the low bits and its tag from
    // the high ones: both mixed.
    x ^ (x >> 32)
}

thread_local! {
    static INTERNER: RefCell<Interner> = RefCell::new(Interner::default());
}

/// A layer's view of the slots of one analysis's tokens.
pub(crate) struct Memo<'m, P: Part> {
    /// One id per token (empty: nothing is remembered).
    ids: &'m [u32],
    slots: &'m mut [Slot],
    epoch: u32,
    part: PhantomData<P>,
}

impl<P: Part> Memo<'_, P> {
    /// A memo that remembers nothing.
    fn disabled() -> Memo<'static, P> {
        Memo {
            ids: &[],
            slots: &mut [],
            epoch: 0,
            part: PhantomData,
        }
    }

    /// The part of word token `i`'s form, worked out by `compute` unless
    /// known. `None` when the token has no id (no word, or nothing
    /// remembered): the caller works it out.
    #[inline]
    pub(crate) fn get_or(&mut self, i: usize, compute: impl FnOnce() -> P) -> Option<P> {
        let id = *self.ids.get(i)?;
        let kept = P::kept(self.slots.get_mut(id as usize)?);
        if kept.epoch != self.epoch {
            kept.value = compute();
            kept.epoch = self.epoch;
        }
        Some(kept.value)
    }
}

/// Run `work` with this thread's slots for the tokens of `a`, part `P`
/// worked out for `owner` (a serial number of 0: nothing remembered).
pub(crate) fn with_memo<P: Part, R>(
    a: &Analysis<'_>,
    owner: Owner,
    work: impl FnOnce(&mut Memo<'_, P>) -> R,
) -> R {
    if owner.0 == 0 {
        return work(&mut Memo::disabled());
    }
    INTERNER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut interner) => {
            let interner = &mut *interner;
            let kept = a.interned_keys(|| interner.intern_doc(a));
            // Ids of an earlier generation (the interner was emptied since
            // they were given) are given again, for this use only.
            let fresh;
            let ids = if kept.generation == interner.generation {
                &kept.ids
            } else {
                fresh = interner.intern_doc(a);
                &fresh.ids
            };
            let epoch = interner.epoch::<P>(owner);
            work(&mut Memo {
                ids,
                slots: &mut interner.slots,
                epoch,
                part: PhantomData,
            })
        }
        // Never nested today; should it be, working everything out keeps
        // it correct.
        Err(_) => work(&mut Memo::disabled()),
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

    /// The numbers part of each token of `a` for `owner`, `computed` for
    /// the words not known.
    fn parts(a: &Analysis<'_>, owner: Owner, computed: u32) -> Vec<Option<u32>> {
        with_memo::<TokenInfo, _>(a, owner, |memo| {
            (0..a.len())
                .map(|i| memo.get_or(i, || info(computed)).map(|t| t.key))
                .collect()
        })
    }

    #[test]
    fn a_word_is_remembered_for_its_rules_only() {
        let shared = crate::text::clitics::shared_table();
        let (first, second) = (u64::MAX - 1, u64::MAX - 2);
        let a = crate::text::scan("قال محمد 2015 .");
        let b = crate::text::scan("محمد قال");
        let words = |v: Vec<Option<u32>>| v.into_iter().flatten().collect::<Vec<_>>();
        assert_eq!(
            parts(&a, owner(first, shared), 1),
            [Some(1), Some(1), None, None]
        );
        // Remembered, in another analysis too.
        assert_eq!(words(parts(&b, owner(first, shared), 2)), [1, 1]);
        // Other rules, then another clitic table: worked out again.
        assert_eq!(words(parts(&b, owner(second, shared), 3)), [3, 3]);
        let other: &'static CliticTable = Box::leak(Box::default());
        assert_eq!(words(parts(&a, owner(second, other), 4)), [4, 4]);
        assert_eq!(words(parts(&b, owner(second, other), 5)), [4, 4]);
        // Back to the first rules: worked out again, not read as theirs.
        assert_eq!(words(parts(&a, owner(first, shared), 6)), [6, 6]);
        // Serial 0: nothing remembered.
        assert_eq!(parts(&a, owner(0, shared), 7), [None; 4]);
    }

    #[test]
    fn each_layer_keeps_its_own_part() {
        let shared = crate::text::clitics::shared_table();
        let a = crate::text::scan("ذهب محمد");
        let word = |key_hash| NameWord {
            key_hash,
            ..NameWord::default()
        };
        let owner = owner(u64::MAX - 3, shared);
        let names = |computed| {
            with_memo::<NameWord, _>(&a, owner, |memo| memo.get_or(1, || word(computed)))
                .map(|w| w.key_hash)
        };
        let numbers = |computed| {
            with_memo::<TokenInfo, _>(&a, owner, |memo| memo.get_or(1, || info(computed)))
                .map(|t| t.key)
        };
        assert_eq!(names(5), Some(5));
        assert_eq!(numbers(8), Some(8));
        assert_eq!(names(6), Some(5), "remembered");
        assert_eq!(numbers(9), Some(8), "remembered");
    }

    #[test]
    fn forms_that_differ_in_the_light_form_only_are_two_words() {
        let mut interner = Interner::default();
        let ids = interner.intern_doc(&crate::text::scan("على علي على")).ids;
        assert_eq!(ids[0], ids[2]);
        assert_ne!(ids[0], ids[1]);
    }

    #[test]
    fn a_full_interner_starts_again_and_stale_ids_are_given_again() {
        let mut interner = Interner::default();
        let a = crate::text::scan("قال محمد قال");
        let first = interner.intern_doc(&a);
        assert_eq!(first.ids[0], first.ids[2]);
        assert_ne!(first.ids[0], first.ids[1]);
        for n in 0..CAPACITY {
            interner.intern(format!("w{n}").as_bytes());
        }
        assert_eq!(interner.slots.len(), CAPACITY + 2);
        let again = interner.intern_doc(&a);
        assert_ne!(again.generation, first.generation, "emptied when full");
        assert_eq!(interner.slots.len(), 2);
        assert_eq!(again.ids, [0, 1, 0]);
    }

    #[test]
    fn an_analysis_interned_before_the_interner_was_emptied_reads_no_other_word() {
        let shared = crate::text::clitics::shared_table();
        let serial = u64::MAX - 4;
        let a = crate::text::scan("كتب زيد");
        let by_key = |a: &Analysis<'_>| {
            with_memo::<TokenInfo, _>(a, owner(serial, shared), |memo| {
                (0..a.len())
                    .map(|i| {
                        memo.get_or(i, || info(a.key(i).len() as u32))
                            .map(|t| t.key)
                    })
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(by_key(&a), [Some(6), Some(6)]);
        // Fill the interner past its capacity with other words.
        let letters = |mut n: usize| {
            let mut w = String::from("w");
            while n > 0 {
                w.push(char::from(b'a' + (n % 26) as u8));
                n /= 26;
            }
            w
        };
        let long: String = (0..CAPACITY).map(|n| letters(n) + " ").collect();
        let b = crate::text::scan(&long);
        by_key(&b);
        let c = crate::text::scan("محمدون و");
        assert_eq!(by_key(&c), [Some(12), Some(2)]);
        assert_eq!(by_key(&a), [Some(6), Some(6)]);
    }
}
