//! Per-document memo of answers the passes ask of the same token again and
//! again: its name-likeness score (`NameLikeness::score`), whether its key
//! fits a verb shape (`VerbShapes::matches`), and whether it can go on a
//! person's name ([`NameRecognizer::is_name_token`]). Each depends on the
//! document alone (its tokens and their features, never on the mentions
//! found so far), so a token's answer is computed once, when first asked,
//! and then read back.

use std::cell::{Cell, OnceCell};

use super::{Doc, NameRecognizer};

/// The answers for one document's tokens, each table sized when first asked.
#[derive(Default)]
pub(super) struct TokenMemo {
    /// The likeness score of each token's key (`None` until asked).
    scores: OnceCell<Vec<Cell<Option<f32>>>>,
    /// Whether each token's key fits a verb shape.
    verb_shapes: OnceCell<Vec<Cell<Option<bool>>>>,
    /// Whether each token is a name token, after no particle and after one.
    name_tokens: OnceCell<Vec<[Cell<Option<bool>>; 2]>>,
}

/// The answer in `slot` (computed by `answer` and kept when it was not yet).
#[inline]
fn kept<T: Copy>(slot: &Cell<Option<T>>, answer: impl FnOnce() -> T) -> T {
    match slot.get() {
        Some(known) => known,
        None => {
            let known = answer();
            slot.set(Some(known));
            known
        }
    }
}

/// Token `i`'s answer in `table` (one slot per token of `d`, made when first
/// asked); a token past the end is answered each time.
#[inline]
fn per_token<T: Copy>(
    table: &OnceCell<Vec<Cell<Option<T>>>>,
    d: &Doc<'_>,
    i: usize,
    answer: impl FnOnce() -> T,
) -> T {
    let slots = table.get_or_init(|| vec![Cell::new(None); d.a.len()]);
    match slots.get(i) {
        Some(slot) => kept(slot, answer),
        None => answer(),
    }
}

impl NameRecognizer {
    /// The likeness score of token `i`'s key, computed once per document.
    #[inline]
    pub(super) fn token_likeness(&self, d: &Doc<'_>, i: usize) -> f32 {
        per_token(&d.memo.scores, d, i, || self.likeness.score(d.a.key(i)))
    }

    /// Whether token `i`'s key fits a verb shape, computed once per document.
    #[inline]
    pub(super) fn token_fits_verb_shape(&self, d: &Doc<'_>, i: usize) -> bool {
        per_token(&d.memo.verb_shapes, d, i, || {
            self.verb_shapes.matches(d.a.key(i))
        })
    }

    /// A word that can be part of a person's name after a title or a given
    /// name ([`Self::name_token_answer`]), computed once per document.
    pub(super) fn is_name_token(&self, d: &Doc<'_>, i: usize, prev_particle: bool) -> bool {
        let answer = || self.name_token_answer(d, i, prev_particle);
        let slots = d
            .memo
            .name_tokens
            .get_or_init(|| (0..d.a.len()).map(|_| Default::default()).collect());
        slots.get(i).map_or_else(answer, |pair| {
            kept(&pair[usize::from(prev_particle)], answer)
        })
    }
}
