//! Tokenization with original offsets: the analysis the scanners produce
//! (tokens, their light and key forms, sentences). The fast table-driven
//! scanner used in production is in `scanner.rs`; text with Arabic
//! presentation forms takes the one in `expanding.rs`. The reference
//! implementation built on the `tokenizers` crate lives in
//! [`super::reference`]; a differential test keeps the two equal.
//!
//! Token grammar, on the light-normalized view (dropped characters are
//! invisible: they neither split a token nor belong to its edges):
//! 1. an ISO date `[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}`;
//! 2. a number `[0-9]+([.,:/][0-9]+)*` (`28.6`, `1,250`, `2023/2024`, `10:30`,
//!    `03/05/2020`; Arabic-Indic and Persian digits and ٫ ٬ are folded first);
//! 3. a word: a run of alphabetic characters (letters and digits split, so
//!    `بـ15` is `ب` + `15` and `الـ21` is `ال` + `21`; see [`Token::glued`]);
//! 4. any other non-space character alone (punctuation, symbols, emoji).
//!
//! A sentence ends after `.` `!` `?` `؟` `…` and at a line break.

mod expanding;
mod scanner;

pub use expanding::scan_expanding;
pub use scanner::scan;

use super::normalize::{is_dropped, is_word_char, key_char, light_char, needs_nfkc};

/// What kind of token this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A run of letters.
    Word,
    /// A number in digits, possibly with separators (`28.6`, `2023/2024`).
    Number,
    /// Any other single character: punctuation, symbol, emoji.
    Punct,
}

/// One token with its original offsets and its matching views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Code point offset of the first character in the original text.
    pub start: usize,
    /// Code point offset one past the last character.
    pub end: usize,
    /// Byte offset of the first character in the original text.
    pub byte_start: usize,
    /// Byte offset one past the last character.
    pub byte_end: usize,
    /// Byte range of the token's light/key form in the analysis arenas.
    pub norm_start: usize,
    /// End of the byte range of the normalized form.
    pub norm_end: usize,
    /// The token kind.
    pub kind: TokenKind,
    /// Index of the sentence the token belongs to.
    pub sentence: usize,
    /// No whitespace between the previous token and this one (`بـ15`, `الصين،`).
    pub glued: bool,
}

/// The analysis of one document: tokens, sentences and matching views.
#[derive(Debug, Clone)]
pub struct Analysis<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    light: String,
    key: String,
    sentences: Vec<std::ops::Range<usize>>,
    /// For documents that went through NFKC: for each char of the light
    /// arena (by byte offset), the original code point offset.
    alignment: Option<Vec<(usize, usize)>>,
    /// The word ids of the tokens' keys, worked out once when a recognizer
    /// first asks (`recognize::interned`), shared by both layers.
    interned: std::sync::OnceLock<InternedKeys>,
}

/// The ids the per-thread key interner (`recognize::interned`) gave the
/// tokens of one analysis: valid while its generation is the interner's.
#[derive(Debug, Clone, Default)]
pub(crate) struct InternedKeys {
    /// The interner's generation when the ids were given.
    pub(crate) generation: u64,
    /// One id per token.
    pub(crate) ids: Vec<u32>,
}

impl<'t> Analysis<'t> {
    /// Analyze a document: the fast scanner, or, when the text has Arabic
    /// presentation forms, the expanding scanner that applies NFKC to them.
    pub fn new(text: &'t str) -> Self {
        if needs_nfkc(text) {
            scan_expanding(text)
        } else {
            scan(text)
        }
    }

    pub(crate) fn from_parts(
        text: &'t str,
        mut tokens: Vec<Token>,
        light: String,
        alignment: Option<Vec<(usize, usize)>>,
    ) -> Self {
        assign_sentences(text, &light, &mut tokens);
        let sentences = sentence_ranges(&tokens);
        Self::assemble(text, tokens, light, None, sentences, alignment)
    }

    /// Build the analysis from tokens whose sentence and glue are set, and
    /// their sentences' token ranges; the key arena, unless given, is
    /// derived from the light one.
    fn assemble(
        text: &'t str,
        tokens: Vec<Token>,
        light: String,
        key: Option<String>,
        sentences: Vec<std::ops::Range<usize>>,
        alignment: Option<Vec<(usize, usize)>>,
    ) -> Self {
        debug_assert_eq!(sentences, sentence_ranges(&tokens));
        let key = key.unwrap_or_else(|| key_arena(&light));
        debug_assert_eq!(key, key_arena(&light));
        Analysis {
            text,
            tokens,
            light,
            key,
            sentences,
            alignment,
            interned: std::sync::OnceLock::new(),
        }
    }

    /// The interned ids of the tokens' keys, worked out by `intern` the
    /// first time they are asked for.
    pub(crate) fn interned_keys(&self, intern: impl FnOnce() -> InternedKeys) -> &InternedKeys {
        self.interned.get_or_init(intern)
    }

    /// The original text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// All tokens in order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether the document has no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Token index ranges of the sentences.
    pub fn sentences(&self) -> &[std::ops::Range<usize>] {
        &self.sentences
    }

    /// The original text of token `i`.
    pub fn surface(&self, i: usize) -> &'t str {
        let t = &self.tokens[i];
        &self.text[t.byte_start..t.byte_end]
    }

    /// The light form of token `i` (marks dropped, alef and digits unified).
    pub fn light(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.light[t.norm_start..t.norm_end]
    }

    /// The light form of token `t` of this analysis as bytes: what
    /// [`Self::light`] gives, read off the token with no UTF-8 test.
    pub(crate) fn light_bytes(&self, t: &Token) -> &[u8] {
        &self.light.as_bytes()[t.norm_start..t.norm_end]
    }

    /// The lookup key of token `i` (light plus ى→ي, ة→ه).
    pub fn key(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.key[t.norm_start..t.norm_end]
    }

    /// The original code point offset of the `k`-th normalized character of
    /// token `i` (`k == len` gives the token end). Used for clitic splits.
    pub fn orig_offset(&self, i: usize, k: usize) -> usize {
        let t = &self.tokens[i];
        if let Some(alignment) = &self.alignment {
            let norm_byte = self.light[t.norm_start..t.norm_end]
                .char_indices()
                .nth(k)
                .map(|(b, _)| t.norm_start + b);
            return match norm_byte {
                None => t.end,
                Some(b) => match alignment.binary_search_by_key(&b, |&(nb, _)| nb) {
                    Ok(pos) => alignment[pos].1.clamp(t.start, t.end),
                    Err(_) => t.end,
                },
            };
        }
        let mut seen = 0;
        for (offset, c) in (t.start..).zip(self.text[t.byte_start..t.byte_end].chars()) {
            if !is_dropped(c) {
                if seen == k {
                    return offset;
                }
                seen += 1;
            }
        }
        t.end
    }

    /// The original text between token `i - 1` and token `i` (before the
    /// first token for `i == 0`): `slice(tokens[i - 1].end, tokens[i].start)`
    /// read off the tokens' byte offsets, with no search.
    pub fn gap_before(&self, i: usize) -> &'t str {
        let from = i.checked_sub(1).map_or(0, |j| self.tokens[j].byte_end);
        &self.text[from..self.tokens[i].byte_start.max(from)]
    }

    /// Code point offset → byte offset in the original text, for any
    /// offset that is a token boundary or inside a token.
    pub fn char_to_byte(&self, char_offset: usize) -> usize {
        // Find the token containing or following the offset, then walk.
        let idx = self.tokens.partition_point(|t| t.end <= char_offset);
        self.byte_from(idx, char_offset)
    }

    /// [`Self::char_to_byte`] with the token search starting at token
    /// `from` (going back by a binary search when the offset lies before
    /// it): the byte offset, and the index of the first token ending after
    /// the offset, to start the next search from. Offsets asked in
    /// increasing order cost a forward walk over the tokens in all.
    pub fn char_to_byte_from(&self, from: usize, char_offset: usize) -> (usize, usize) {
        let mut idx = from.min(self.tokens.len());
        if idx > 0 && self.tokens[idx - 1].end > char_offset {
            idx = self.tokens.partition_point(|t| t.end <= char_offset);
        }
        while idx < self.tokens.len() && self.tokens[idx].end <= char_offset {
            idx += 1;
        }
        (self.byte_from(idx, char_offset), idx)
    }

    /// [`Self::char_to_byte`] given `idx`, the first token ending after
    /// the offset (`tokens.len()` when none does).
    fn byte_from(&self, idx: usize, char_offset: usize) -> usize {
        let (mut byte, mut ch) = match idx.checked_sub(1).map(|j| &self.tokens[j]) {
            Some(prev) => (prev.byte_end, prev.end),
            None => (0, 0),
        };
        if let Some(t) = self.tokens.get(idx) {
            if t.start <= char_offset {
                byte = t.byte_start;
                ch = t.start;
            }
        }
        if ch == char_offset {
            // A token's start or end (most offsets asked): no walk.
            return byte;
        }
        for c in self.text[byte..].chars() {
            if ch == char_offset {
                break;
            }
            byte += c.len_utf8();
            ch += 1;
        }
        byte
    }

    /// The original text between two code point offsets.
    pub fn slice(&self, start: usize, end: usize) -> &'t str {
        let first = self.tokens.partition_point(|t| t.end <= start);
        let b0 = self.byte_from(first, start);
        // Tokens end in order, so the end's token is at or after the
        // start's: most slices are a mention of a few tokens, found by a
        // short walk; a longer one is searched for.
        const WALK: usize = 8;
        let tokens = &self.tokens[first..];
        let walked = tokens
            .iter()
            .take(WALK)
            .take_while(|t| t.end <= end)
            .count();
        let last = if end < start {
            self.tokens.partition_point(|t| t.end <= end)
        } else if walked < WALK {
            first + walked
        } else {
            first + tokens.partition_point(|t| t.end <= end)
        };
        let b1 = self.byte_from(last, end);
        &self.text[b0..b1.max(b0)]
    }
}

/// Sentence ids and glue flags: a sentence ends after `.` `!` `?` `؟` `…`
/// and at a line break in the gap between two tokens.
fn assign_sentences(text: &str, light: &str, tokens: &mut [Token]) {
    let mut sentence = 0;
    let mut pending = false;
    for i in 0..tokens.len() {
        if i > 0 {
            // Under NFKC one original character can become several tokens
            // (`…` → `.` `.` `.`), which then share its span: no gap.
            let gap = text
                .get(tokens[i - 1].byte_end..tokens[i].byte_start)
                .unwrap_or("");
            tokens[i].glued = gap.chars().all(is_dropped);
            if pending || gap.contains('\n') {
                sentence += 1;
            }
        } else {
            tokens[i].glued = false;
        }
        tokens[i].sentence = sentence;
        let t = tokens[i];
        pending = t.kind == TokenKind::Punct && ends_sentence(&light[t.norm_start..t.norm_end]);
    }
}

/// The key arena: the light arena with ى→ي and ة→ه ([`key_char`]); both
/// folds keep the UTF-8 length (ى D9 89 → ي D9 8A, ة D8 A9 → ه D9 87), so
/// offsets into the two arenas agree. The folds are found by a `memchr`
/// search for their second bytes (lead bytes D8/D9 never occur inside a
/// character) and the runs between them are copied whole.
fn key_arena(light: &str) -> String {
    let bytes = light.as_bytes();
    let mut key = String::with_capacity(light.len());
    let mut run = 0;
    for i in memchr::memchr2_iter(0x89, 0xA9, bytes) {
        let folded = match (i.checked_sub(1).map(|p| bytes[p]), bytes[i]) {
            (Some(0xD9), 0x89) => 'ى',
            (Some(0xD8), 0xA9) => 'ة',
            _ => continue,
        };
        key.push_str(&light[run..i - 1]);
        key.push(key_char(folded));
        run = i + 1;
    }
    key.push_str(&light[run..]);
    debug_assert_eq!(key, light.chars().map(key_char).collect::<String>());
    key
}

fn sentence_ranges(tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut begin = 0;
    for i in 1..=tokens.len() {
        if i == tokens.len() || tokens[i].sentence != tokens[i - 1].sentence {
            if begin < i {
                ranges.push(begin..i);
            }
            begin = i;
        }
    }
    ranges
}

/// Whether a light-normalized single-character token ends a sentence.
pub(crate) fn ends_sentence(light: &str) -> bool {
    matches!(light, "." | "!" | "?" | "؟" | "…")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts for the offset helpers: both scanners (presentation forms
    /// take the expanding one), gaps with line breaks, dropped marks and
    /// tatweel, sentence ends, glued digits.
    const OFFSET_TEXTS: [&str; 3] = [
        "  قال.ثم\nجاء ! هل ؟ نعم? لا\r\nبعد … ذلك 28.6 . الرئيسُ\n\nـالصين، 2015-04-07 بـ15 x",
        "\u{FEFB}.\u{FE8D}\nمصر ؟ \u{FEFB}\u{0640}!ها \u{FE8D}\u{FEDF}\nمصر … . ! \u{FEFB}",
        "و ب ك ل ي ن م ع ف ق ث ص ض ط ظ\nآخر",
    ];

    #[test]
    fn a_line_break_or_a_full_stop_before_a_token_starts_a_sentence() {
        // Rules test a sentence start by the sentence ids first, so a line
        // break in the gap or one of `. ! ? ؟` before a token must start a
        // new sentence in both scanners.
        for text in OFFSET_TEXTS {
            let a = Analysis::new(text);
            // The ranges the scanner collects are the runs of sentence ids.
            assert_eq!(a.sentences(), sentence_ranges(a.tokens()), "{text}");
            for i in 1..a.len() {
                let starts = a.gap_before(i).contains('\n')
                    || matches!(a.light(i - 1), "." | "!" | "?" | "؟");
                let new_sentence = a.tokens()[i].sentence != a.tokens()[i - 1].sentence;
                assert!(!starts || new_sentence, "{text} {i}");
            }
        }
    }

    #[test]
    fn slices_and_gaps_are_the_text_between_the_bytes_of_their_offsets() {
        for text in OFFSET_TEXTS {
            let a = Analysis::new(text);
            assert!(a.len() > 4, "{text}");
            let chars = text.chars().count();
            for start in 0..=chars {
                for end in 0..=chars {
                    let (b0, b1) = (a.char_to_byte(start), a.char_to_byte(end));
                    assert_eq!(a.slice(start, end), &text[b0..b1.max(b0)], "{start}..{end}");
                }
            }
            // From any token, in any order: what char_to_byte says.
            for from in 0..=a.len() {
                for offset in 0..=chars {
                    let (byte, next) = a.char_to_byte_from(from, offset);
                    assert_eq!(byte, a.char_to_byte(offset), "{from} {offset}");
                    assert_eq!(next, a.tokens().partition_point(|t| t.end <= offset));
                }
            }
            for i in 0..a.len() {
                let from = i.checked_sub(1).map_or(0, |j| a.tokens()[j].end);
                let gap = a.slice(from, a.tokens()[i].start);
                assert_eq!(a.gap_before(i), gap, "{text} {i}");
            }
        }
    }
}
