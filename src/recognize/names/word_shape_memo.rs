//! Per-document memo of the letter tests on a token's key: its name-likeness
//! score ([`NameLikeness::score`]) and whether it fits a verb shape
//! ([`VerbShapes::matches`]). Both depend on the key alone, and the passes
//! ask them again and again of the same tokens (`is_name_token`,
//! `is_verb_shaped`, `looks_ordinary`, trailing verbs): each token's answer
//! is computed once, when first asked, and then read back.

use std::cell::{Cell, OnceCell};

use super::likeness::NameLikeness;
use super::verbs::VerbShapes;

/// A verb-shape answer not yet computed.
const UNKNOWN: u8 = 2;

/// The answers for one document's tokens, sized when first asked.
#[derive(Default)]
pub(super) struct WordShapeMemo {
    /// The likeness score of each token's key (`None` until asked).
    scores: OnceCell<Vec<Cell<Option<f32>>>>,
    /// Whether each token's key fits a verb shape: 0, 1, or [`UNKNOWN`].
    verb_shapes: OnceCell<Vec<Cell<u8>>>,
}

impl WordShapeMemo {
    /// `likeness.score(key)` for token `i` of `tokens` tokens.
    #[inline]
    pub(super) fn score(&self, likeness: &NameLikeness, tokens: usize, i: usize, key: &str) -> f32 {
        let slots = self.scores.get_or_init(|| vec![Cell::new(None); tokens]);
        match slots.get(i) {
            Some(slot) => match slot.get() {
                Some(score) => score,
                None => {
                    let score = likeness.score(key);
                    slot.set(Some(score));
                    score
                }
            },
            None => likeness.score(key),
        }
    }

    /// `shapes.matches(key)` for token `i` of `tokens` tokens.
    #[inline]
    pub(super) fn verb_shaped(
        &self,
        shapes: &VerbShapes,
        tokens: usize,
        i: usize,
        key: &str,
    ) -> bool {
        let slots = self
            .verb_shapes
            .get_or_init(|| vec![Cell::new(UNKNOWN); tokens]);
        match slots.get(i) {
            Some(slot) => match slot.get() {
                UNKNOWN => {
                    let fits = shapes.matches(key);
                    slot.set(u8::from(fits));
                    fits
                }
                known => known == 1,
            },
            None => shapes.matches(key),
        }
    }
}

impl super::NameRecognizer {
    /// The likeness score of token `i`'s key, computed once per document.
    #[inline]
    pub(super) fn token_likeness(&self, d: &super::Doc<'_>, i: usize) -> f32 {
        d.shapes.score(&self.likeness, d.a.len(), i, d.a.key(i))
    }

    /// Whether token `i`'s key fits a verb shape, computed once per document.
    #[inline]
    pub(super) fn token_fits_verb_shape(&self, d: &super::Doc<'_>, i: usize) -> bool {
        d.shapes
            .verb_shaped(&self.verb_shapes, d.a.len(), i, d.a.key(i))
    }
}
