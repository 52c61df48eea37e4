//! Tokenization with original offsets: the fast table-driven scanner used in
//! production, and the analysis it produces (tokens, their light and key
//! forms, sentences). The reference implementation built on the `tokenizers`
//! crate lives in [`super::reference`]; a differential test keeps the two equal.
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

use unicode_normalization::UnicodeNormalization;

use super::normalize::{is_dropped, is_word_char, key_char, light_char};

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
}

impl<'t> Analysis<'t> {
    /// Analyze a document with the fast scanner (presentation forms are
    /// expanded by NFKC character by character; see [`scan`]).
    pub fn new(text: &'t str) -> Self {
        scan(text)
    }

    pub(crate) fn from_parts(
        text: &'t str,
        mut tokens: Vec<Token>,
        light: String,
        alignment: Option<Vec<(usize, usize)>>,
    ) -> Self {
        let key: String = light.chars().map(key_char).collect();
        assign_sentences(text, &light, &mut tokens);
        let sentences = sentence_ranges(&tokens);
        Analysis {
            text,
            tokens,
            light,
            key,
            sentences,
            alignment,
        }
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

    /// Code point offset → byte offset in the original text, for any
    /// offset that is a token boundary or inside a token.
    pub fn char_to_byte(&self, char_offset: usize) -> usize {
        // Find the token containing or following the offset, then walk.
        let idx = self.tokens.partition_point(|t| t.end <= char_offset);
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
        let b0 = self.char_to_byte(start);
        let b1 = self.char_to_byte(end);
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
            // Tokens from one expanded character (NFKC of a ligature) share
            // their original bytes: no gap between them.
            let (b0, b1) = (tokens[i - 1].byte_end, tokens[i].byte_start);
            let gap = if b0 <= b1 { &text[b0..b1] } else { "" };
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

/// A character of the original text as the scanner sees it.
#[derive(Clone, Copy)]
struct Cursor {
    byte: usize,
    ch: usize,
    c: char,
}

/// The fast scanner: one pass over the original text, no regex, no
/// allocation per token beyond the two arenas.
pub fn scan(text: &str) -> Analysis<'_> {
    // Kept characters (not dropped), with their original positions and light
    // form. An Arabic presentation form is expanded by NFKC into several kept
    // characters that share its original position.
    let mut kept: Vec<Cursor> = Vec::with_capacity(text.len() / 2);
    let mut expanded = false;
    for (ch, (byte, c)) in text.char_indices().enumerate() {
        if is_dropped(c) {
            continue;
        }
        if is_presentation_form(c) {
            expanded = true;
            let mut parts = String::new();
            unicode_normalization::char::decompose_compatible(c, |d| parts.push(d));
            for d in parts.nfc() {
                if !is_dropped(d) {
                    kept.push(Cursor {
                        byte,
                        ch,
                        c: light_char(d),
                    });
                }
            }
            continue;
        }
        kept.push(Cursor {
            byte,
            ch,
            c: light_char(c),
        });
    }
    let mut tokens = Vec::with_capacity(kept.len() / 4);
    let mut light = String::with_capacity(text.len());
    let mut alignment = expanded.then(Vec::new);
    let n = kept.len();
    let mut i = 0;
    while i < n {
        let c = kept[i].c;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let j = i + token_len(&kept, i);
        let kind = if c.is_ascii_digit() {
            TokenKind::Number
        } else if is_word_char(c) {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        let norm_start = light.len();
        for k in &kept[i..j] {
            if let Some(alignment) = alignment.as_mut() {
                alignment.push((light.len(), k.ch));
            }
            light.push(k.c);
        }
        let last = kept[j - 1];
        let last_len = text[last.byte..].chars().next().map_or(1, char::len_utf8);
        tokens.push(Token {
            start: kept[i].ch,
            end: last.ch + 1,
            byte_start: kept[i].byte,
            byte_end: last.byte + last_len,
            norm_start,
            norm_end: light.len(),
            kind,
            sentence: 0,
            glued: false,
        });
        i = j;
    }
    Analysis::from_parts(text, tokens, light, alignment)
}

/// Arabic presentation forms A and B (ligatures, contextual forms), which
/// NFKC maps to ordinary letters.
fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// Length (in kept characters) of the token starting at `i`.
fn token_len(kept: &[Cursor], i: usize) -> usize {
    let at = |k: usize| kept.get(k).map(|x| x.c);
    let digit = |k: usize| at(k).is_some_and(|c| c.is_ascii_digit());
    let c = kept[i].c;
    if c.is_ascii_digit() {
        if let Some(len) = iso_date_len(kept, i) {
            return len;
        }
        let mut j = i;
        while digit(j) {
            j += 1;
        }
        while matches!(at(j), Some('.' | ',' | ':' | '/')) && digit(j + 1) {
            j += 1;
            while digit(j) {
                j += 1;
            }
        }
        j - i
    } else if is_word_char(c) {
        let mut j = i + 1;
        while at(j).is_some_and(|c| is_word_char(c) && !c.is_ascii_digit()) {
            j += 1;
        }
        j - i
    } else {
        1
    }
}

/// `[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}` at `i`, as the reference regex matches it.
fn iso_date_len(kept: &[Cursor], i: usize) -> Option<usize> {
    let digit = |k: usize| kept.get(k).is_some_and(|x| x.c.is_ascii_digit());
    let is = |k: usize, ch: char| kept.get(k).is_some_and(|x| x.c == ch);
    if !(0..4).all(|d| digit(i + d)) || !is(i + 4, '-') {
        return None;
    }
    let mut j = i + 5;
    let month = (0..2).take_while(|&d| digit(j + d)).count();
    if month == 0 || !is(j + month, '-') {
        return None;
    }
    j += month + 1;
    let day = (0..2).take_while(|&d| digit(j + d)).count();
    if day == 0 {
        return None;
    }
    Some(j + day - i)
}
