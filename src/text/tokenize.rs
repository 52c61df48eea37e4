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
}

impl<'t> Analysis<'t> {
    /// Analyze a document: the fast scanner, or the `tokenizers` reference
    /// pipeline with NFKC when the text has presentation forms.
    pub fn new(text: &'t str) -> Self {
        if needs_nfkc(text) {
            if let Ok(analysis) = super::reference::analyze(text, true) {
                return analysis;
            }
        }
        scan(text)
    }

    pub(crate) fn from_parts(
        text: &'t str,
        mut tokens: Vec<Token>,
        light: String,
        alignment: Option<Vec<(usize, usize)>>,
    ) -> Self {
        assign_sentences(text, &light, &mut tokens);
        Self::assemble(text, tokens, light, alignment)
    }

    /// Build the analysis from tokens whose sentence and glue are set.
    fn assemble(
        text: &'t str,
        tokens: Vec<Token>,
        light: String,
        alignment: Option<Vec<(usize, usize)>>,
    ) -> Self {
        let key = key_arena(&light);
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
            let gap = &text[tokens[i - 1].byte_end..tokens[i].byte_start];
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

/// The key arena: the light arena with ى→ي and ة→ه ([`key_char`]), done on
/// bytes since both folds keep the UTF-8 length (ى D9 89 → ي D9 8A,
/// ة D8 A9 → ه D9 87; lead bytes D8/D9 never occur inside a character).
fn key_arena(light: &str) -> String {
    debug_assert_eq!(key_char('ى'), 'ي');
    debug_assert_eq!(key_char('ة'), 'ه');
    let mut bytes = light.as_bytes().to_vec();
    let mut i = 0;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (0xD9, 0x89) => bytes[i + 1] = 0x8A,
            (0xD8, 0xA9) => {
                bytes[i] = 0xD9;
                bytes[i + 1] = 0x87;
            }
            _ => {}
        }
        i += 1;
    }
    String::from_utf8(bytes).unwrap_or_else(|_| light.chars().map(key_char).collect())
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

/// A kept (not dropped) character of the original text as the scanner sees it.
#[derive(Clone, Copy)]
struct Kept {
    /// Byte offset in the original text.
    byte: usize,
    /// Code point offset in the original text.
    ch: usize,
    /// Byte offset one past the character.
    end: usize,
    /// The light form.
    c: char,
    /// Whether the light form differs from the original character.
    changed: bool,
}

/// A position in the original text; copied to look ahead and restored to
/// back off, so the scanner never buffers characters.
#[derive(Clone, Copy)]
struct Scanner<'a> {
    bytes: &'a [u8],
    byte: usize,
    ch: usize,
    /// Dropped characters skipped so far.
    dropped: usize,
}

/// Decode the UTF-8 character at byte `i` of valid UTF-8 (`i` on a boundary).
#[inline(always)]
fn decode(bytes: &[u8], i: usize) -> (char, usize) {
    let b0 = bytes[i] as u32;
    let cont = |k: usize| (bytes[i + k] & 0x3F) as u32;
    let (cp, len) = if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | cont(1), 2)
    } else if b0 < 0xF0 {
        (((b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (
            ((b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        )
    };
    (
        char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER),
        len,
    )
}

impl Scanner<'_> {
    /// The next kept character, skipping dropped ones.
    #[inline(always)]
    fn next_kept(&mut self) -> Option<Kept> {
        loop {
            let b = *self.bytes.get(self.byte)?;
            let (byte, ch) = (self.byte, self.ch);
            self.ch += 1;
            if b < 0x80 {
                self.byte += 1;
                return Some(Kept {
                    byte,
                    ch,
                    end: byte + 1,
                    c: char::from(b),
                    changed: false,
                });
            }
            let (c, len) = decode(self.bytes, byte);
            self.byte += len;
            if is_dropped(c) {
                self.dropped += 1;
                continue;
            }
            let l = light_char(c);
            return Some(Kept {
                byte,
                ch,
                end: byte + len,
                c: l,
                changed: l != c,
            });
        }
    }

    /// Take the next kept character if `accept` says so; otherwise stay.
    #[inline(always)]
    fn take_if(&mut self, accept: impl Fn(char) -> bool) -> Option<Kept> {
        let save = *self;
        match self.next_kept() {
            Some(k) if accept(k.c) => Some(k),
            _ => {
                *self = save;
                None
            }
        }
    }

    /// Take a run of ASCII digits (light form); the last one taken, if any.
    #[inline(always)]
    fn digits(&mut self, max: usize) -> (usize, Option<Kept>) {
        let mut n = 0;
        let mut last = None;
        while n < max {
            match self.take_if(|c| c.is_ascii_digit()) {
                Some(k) => {
                    last = Some(k);
                    n += 1;
                }
                None => break,
            }
        }
        (n, last)
    }
}

/// The fast scanner: one pass over the original text, no regex, no
/// per-character buffer, no allocation per token beyond the two arenas.
/// Tokens without dropped or folded characters are copied to the light arena
/// as whole byte slices.
pub fn scan(text: &str) -> Analysis<'_> {
    let mut s = Scanner {
        bytes: text.as_bytes(),
        byte: 0,
        ch: 0,
        dropped: 0,
    };
    let mut tokens = Vec::with_capacity(text.len() / 6 + 1);
    let mut light = String::with_capacity(text.len());
    let mut sentence = 0;
    let mut pending = false;
    let mut gap_space = false;
    let mut gap_newline = false;
    while let Some(first) = s.next_kept() {
        let c = first.c;
        if c.is_whitespace() {
            gap_space = true;
            gap_newline |= c == '\n';
            continue;
        }
        let dropped_before = s.dropped;
        let mut last = first;
        let mut changed = first.changed;
        let kind = if c.is_ascii_digit() {
            if let Some(k) = number(&mut s) {
                last = k;
            }
            // folded digits or separators (٣ ٫ ۵) are the only non-ASCII
            changed = !text.as_bytes()[first.byte..last.end].is_ascii();
            TokenKind::Number
        } else if is_word_char(c) {
            while let Some(k) = s.take_if(|c| is_word_char(c) && !c.is_ascii_digit()) {
                changed |= k.changed;
                last = k;
            }
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        let norm_start = light.len();
        if changed || s.dropped != dropped_before {
            light.extend(
                text[first.byte..last.end]
                    .chars()
                    .filter(|&c| !is_dropped(c))
                    .map(light_char),
            );
        } else {
            light.push_str(&text[first.byte..last.end]);
        }
        let glued = !tokens.is_empty() && !gap_space;
        if !tokens.is_empty() && (pending || gap_newline) {
            sentence += 1;
        }
        pending = kind == TokenKind::Punct && matches!(c, '.' | '!' | '?' | '؟' | '…');
        gap_space = false;
        gap_newline = false;
        tokens.push(Token {
            start: first.ch,
            end: last.ch + 1,
            byte_start: first.byte,
            byte_end: last.end,
            norm_start,
            norm_end: light.len(),
            kind,
            sentence,
            glued,
        });
    }
    Analysis::assemble(text, tokens, light, None)
}

/// The rest of a number token whose first digit was just taken: an ISO date
/// `[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}` as the reference regex matches it, else
/// `[0-9]+([.,:/][0-9]+)*`. Returns the last character taken, if any.
fn number(s: &mut Scanner<'_>) -> Option<Kept> {
    let start = *s;
    if let Some(last) = iso_date(s) {
        return last;
    }
    *s = start;
    let (_, mut last) = s.digits(usize::MAX);
    loop {
        // a separator belongs to the number only when a digit follows it
        let save = *s;
        let sep = s.take_if(|c| matches!(c, '.' | ',' | ':' | '/'));
        let (n, l) = if sep.is_some() {
            s.digits(usize::MAX)
        } else {
            (0, None)
        };
        if n == 0 {
            *s = save;
            return last;
        }
        last = l;
    }
}

/// The ISO date after its first digit: `Some(last)` when it matches.
fn iso_date(s: &mut Scanner<'_>) -> Option<Option<Kept>> {
    if s.digits(3).0 != 3 {
        return None;
    }
    s.take_if(|c| c == '-')?;
    if s.digits(2).0 == 0 {
        return None;
    }
    s.take_if(|c| c == '-')?;
    let (day, last) = s.digits(2);
    (day > 0).then_some(last)
}
