//! The tokens of a mention by its code point offsets, for the passes that
//! read the tokens under the candidates found so far: one table per
//! document, built the first time a pass asks, instead of two binary
//! searches over the tokens for every mention.

use crate::text::Token;

/// Code points per bucket of [`TokenOffsets`]: a few tokens.
const BUCKET_BITS: u32 = 4;

/// The tokens of a document by code point: for every sixteenth offset, how
/// many tokens end at or before it, so that an offset is found by a short
/// walk from its bucket (one entry per bucket: built in a pass over the
/// tokens, where an entry per code point cost more to fill than the
/// searches it saved).
#[derive(Debug)]
pub(super) struct TokenOffsets<'t> {
    tokens: &'t [Token],
    /// `ending_by(b << BUCKET_BITS)` for each bucket `b`.
    buckets: Vec<u32>,
}

impl<'t> TokenOffsets<'t> {
    /// The table of a document's tokens (in text order).
    pub(super) fn new(tokens: &'t [Token]) -> Self {
        let last_end = tokens.last().map_or(0, |t| t.end);
        let mut buckets = Vec::with_capacity((last_end >> BUCKET_BITS) + 1);
        let mut k = 0;
        for b in 0..=(last_end >> BUCKET_BITS) {
            let c = b << BUCKET_BITS;
            while k < tokens.len() && tokens[k].end <= c {
                k += 1;
            }
            buckets.push(k as u32);
        }
        TokenOffsets { tokens, buckets }
    }

    /// How many tokens end at or before code point `c`
    /// (`tokens.partition_point(|t| t.end <= c)`): the index of the first
    /// token that ends after it (the one `c` is in, or the next).
    #[inline]
    pub(super) fn ending_by(&self, c: usize) -> usize {
        let Some(&from) = self.buckets.get(c >> BUCKET_BITS) else {
            return self.tokens.len();
        };
        let mut k = from as usize;
        while k < self.tokens.len() && self.tokens[k].end <= c {
            k += 1;
        }
        k
    }

    /// How many tokens end before code point `c`
    /// (`tokens.partition_point(|t| t.end < c)`): the index of the first
    /// token that reaches `c` (the last token of a span ending at `c`).
    #[inline]
    pub(super) fn ending_before(&self, c: usize) -> usize {
        c.checked_sub(1).map_or(0, |before| self.ending_by(before))
    }

    /// How many tokens start before code point `c`
    /// (`tokens.partition_point(|t| t.start < c)`): the tokens ending by
    /// `c`, and the next one when `c` falls inside it (tokens do not
    /// overlap, so only that one can).
    #[inline]
    pub(super) fn starting_before(&self, c: usize) -> usize {
        let k = self.ending_by(c);
        k + usize::from(self.tokens.get(k).is_some_and(|t| t.start < c))
    }

    /// The tokens `first..stop` of the span `start..end` when it begins at
    /// a token's start and ends at a token's end (most mentions); `None`
    /// for any other span (one starting after a proclitic).
    #[inline]
    pub(super) fn aligned(&self, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
        let first = self.ending_by(start);
        let stop = self.starting_before(end);
        (first < stop && self.tokens[first].start == start && self.tokens[stop - 1].end == end)
            .then_some(first..stop)
    }
}

/// The text of the tokens `tokens` of an analysis and what lies between
/// them: [`crate::text::Analysis::slice`] of their span, read off their
/// bytes.
#[inline]
pub(super) fn tokens_text<'a>(
    a: &'a crate::text::Analysis<'_>,
    tokens: std::ops::Range<usize>,
) -> &'a str {
    let all = a.tokens();
    &a.text()[all[tokens.start].byte_start..all[tokens.end - 1].byte_end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Analysis;

    #[test]
    fn offsets_find_the_tokens_binary_search_finds() {
        let mut texts = crate::perf::repo_corpus_texts();
        texts.truncate(40);
        texts.extend([
            "".into(),
            " ".into(),
            "قال".into(),
            "  بـ15 ، الصين،  ".into(),
        ]);
        for text in &texts {
            let a = Analysis::new(text);
            let tokens = a.tokens();
            let offsets = TokenOffsets::new(tokens);
            let chars = text.chars().count();
            for c in 0..=chars + 2 {
                assert_eq!(
                    offsets.ending_by(c),
                    tokens.partition_point(|t| t.end <= c),
                    "{c} in {text:?}"
                );
                assert_eq!(
                    offsets.ending_before(c),
                    tokens.partition_point(|t| t.end < c),
                    "{c} in {text:?}"
                );
                assert_eq!(
                    offsets.starting_before(c),
                    tokens.partition_point(|t| t.start < c),
                    "{c} in {text:?}"
                );
            }
            // Every span from a token's start to a token's end, and no other.
            let bounds: Vec<usize> = tokens.iter().flat_map(|t| [t.start, t.end]).collect();
            for &start in bounds.iter().take(80) {
                for &end in bounds.iter().take(80).filter(|&&end| end > start) {
                    let first = tokens.iter().position(|t| t.start == start);
                    let last = tokens.iter().position(|t| t.end == end);
                    let want = match (first, last) {
                        (Some(f), Some(l)) if f <= l => Some(f..l + 1),
                        _ => None,
                    };
                    let got = offsets.aligned(start, end);
                    assert_eq!(got, want, "{start}..{end} in {text:?}");
                    if let Some(r) = got {
                        assert_eq!(tokens_text(&a, r), a.slice(start, end));
                    }
                }
            }
        }
    }
}
