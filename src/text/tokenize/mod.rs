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

mod expanding;

pub use expanding::scan_expanding;

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
        let key = key_arena(&light);
        Self::assemble(text, tokens, light, key, alignment)
    }

    /// Build the analysis from tokens whose sentence and glue are set.
    fn assemble(
        text: &'t str,
        tokens: Vec<Token>,
        light: String,
        key: String,
        alignment: Option<Vec<(usize, usize)>>,
    ) -> Self {
        debug_assert_eq!(light.len(), key.len());
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

/// What a character is to the scanner, after light normalization.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    /// Invisible: dropped from the matching view ([`is_dropped`]).
    Dropped,
    /// White space: separates tokens.
    Space,
    /// An ASCII digit (after folding Arabic-Indic and Persian digits).
    Digit,
    /// A letter: continues a word ([`is_word_char`], not a digit).
    Letter,
    /// Anything else: a token of its own.
    Other,
}

/// The scanner's view of one character: class, light form, and whether the
/// light and key forms differ from the original.
#[derive(Clone, Copy, Debug)]
struct Entry {
    class: Class,
    light: char,
    /// The light form differs from the original character.
    changed: bool,
    /// The key form differs from the light form (ى ة).
    key_fold: bool,
    /// A letter whose light and key forms are itself (the common case).
    plain: bool,
}

/// The entry of a character, from the definitions in [`super::normalize`].
fn entry(c: char) -> Entry {
    if is_dropped(c) {
        return Entry {
            class: Class::Dropped,
            light: c,
            changed: true,
            key_fold: false,
            plain: false,
        };
    }
    let light = light_char(c);
    let class = if light.is_whitespace() {
        Class::Space
    } else if light.is_ascii_digit() {
        Class::Digit
    } else if is_word_char(light) {
        Class::Letter
    } else {
        Class::Other
    };
    let changed = light != c;
    let key_fold = key_char(light) != light;
    Entry {
        class,
        light,
        changed,
        key_fold,
        plain: class == Class::Letter && !changed && !key_fold,
    }
}

/// Precomputed entries for ASCII and the Arabic block U+0600–U+06FF (two
/// UTF-8 bytes led by D8–DB), where almost all characters of Arabic news are.
struct Tables {
    ascii: [Entry; 128],
    arabic: [Entry; 256],
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| Tables {
        ascii: std::array::from_fn(|i| entry(char::from(i as u8))),
        arabic: std::array::from_fn(|i| entry(char::from_u32(0x0600 + i as u32).unwrap_or(' '))),
    })
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
    /// Class and light form.
    e: Entry,
}

/// A position in the original text; copied to look ahead and restored to
/// back off, so the scanner never buffers characters.
#[derive(Clone, Copy)]
struct Scanner<'a> {
    bytes: &'a [u8],
    tables: &'static Tables,
    byte: usize,
    ch: usize,
}

/// Decode the UTF-8 character at byte `i` of valid UTF-8 (`i` on a boundary,
/// not ASCII).
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
            let byte = self.byte;
            let (e, len) = if b < 0x80 {
                (self.tables.ascii[b as usize], 1)
            } else if b & 0xFC == 0xD8 {
                let lo = self.bytes[byte + 1] & 0x3F;
                (self.tables.arabic[(((b & 3) << 6) | lo) as usize], 2)
            } else {
                let (c, len) = decode(self.bytes, byte);
                (entry(c), len)
            };
            self.byte += len;
            self.ch += 1;
            if e.class == Class::Dropped {
                continue;
            }
            return Some(Kept {
                byte,
                ch: self.ch - 1,
                end: byte + len,
                e,
            });
        }
    }

    /// Take the next kept character if `accept` says so; otherwise stay.
    #[inline(always)]
    fn take_if(&mut self, accept: impl Fn(Entry) -> bool) -> Option<Kept> {
        let save = *self;
        match self.next_kept() {
            Some(k) if accept(k.e) => Some(k),
            _ => {
                *self = save;
                None
            }
        }
    }

    /// Skip a run of plain letters (ASCII or Arabic block, no fold, no
    /// dropped character between): the hot loop of the scanner. Returns the
    /// end byte and code point offset of the last one, if any was taken.
    #[inline(always)]
    fn plain_letters(&mut self) -> Option<(usize, usize)> {
        let start = self.byte;
        let mut byte = self.byte;
        let mut ch = self.ch;
        let bytes = self.bytes;
        while let Some(&b) = bytes.get(byte) {
            if b & 0xFC == 0xD8 {
                let Some(&b1) = bytes.get(byte + 1) else {
                    break;
                };
                if !self.tables.arabic[(((b & 3) << 6) | (b1 & 0x3F)) as usize].plain {
                    break;
                }
                byte += 2;
            } else if b < 0x80 && self.tables.ascii[b as usize].plain {
                byte += 1;
            } else {
                break;
            }
            ch += 1;
        }
        self.byte = byte;
        self.ch = ch;
        (byte != start).then_some((byte, ch - 1))
    }

    /// Take a run of at most `max` digits; how many, and the last one.
    #[inline(always)]
    fn digits(&mut self, max: usize) -> (usize, Option<Kept>) {
        let mut n = 0;
        let mut last = None;
        while n < max {
            match self.take_if(|e| e.class == Class::Digit) {
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

/// Writes the light and key arenas. Verbatim runs of the original are
/// copied whole; only folded characters are written one by one.
struct Arenas<'t> {
    text: &'t str,
    light: String,
    key: String,
    /// Start of the original bytes not yet copied to each arena.
    light_run: usize,
    key_run: usize,
}

impl Arenas<'_> {
    #[inline(always)]
    fn begin(&mut self, byte: usize) {
        self.light_run = byte;
        self.key_run = byte;
    }

    /// Dropped characters lie between `from` and `to`: skip them.
    #[inline(always)]
    fn skip(&mut self, from: usize, to: usize) {
        self.light.push_str(&self.text[self.light_run..from]);
        self.key.push_str(&self.text[self.key_run..from]);
        self.light_run = to;
        self.key_run = to;
    }

    /// Character `k` is taken into the token.
    #[inline(always)]
    fn take(&mut self, k: &Kept) {
        if k.e.changed {
            self.light.push_str(&self.text[self.light_run..k.byte]);
            self.light.push(k.e.light);
            self.light_run = k.end;
        }
        if k.e.changed || k.e.key_fold {
            self.key.push_str(&self.text[self.key_run..k.byte]);
            self.key.push(key_char(k.e.light));
            self.key_run = k.end;
        }
    }

    #[inline(always)]
    fn end(&mut self, end: usize) {
        self.light.push_str(&self.text[self.light_run..end]);
        self.key.push_str(&self.text[self.key_run..end]);
    }
}

/// The fast scanner: one pass over the original text with a class table for
/// ASCII and the Arabic block, no regex, no per-character buffer, no
/// allocation per token beyond the arenas.
pub fn scan(text: &str) -> Analysis<'_> {
    let mut s = Scanner {
        bytes: text.as_bytes(),
        tables: tables(),
        byte: 0,
        ch: 0,
    };
    let mut tokens = Vec::with_capacity(text.len() / 8 + 1);
    let mut out = Arenas {
        text,
        light: String::with_capacity(text.len()),
        key: String::with_capacity(text.len()),
        light_run: 0,
        key_run: 0,
    };
    let mut sentence = 0;
    let mut pending = false;
    let mut gap_space = false;
    let mut gap_newline = false;
    while let Some(first) = s.next_kept() {
        let kind = match first.e.class {
            Class::Space => {
                gap_space = true;
                gap_newline |= first.e.light == '\n';
                continue;
            }
            Class::Digit => TokenKind::Number,
            Class::Letter => TokenKind::Word,
            _ => TokenKind::Punct,
        };
        let norm_start = out.light.len();
        out.begin(first.byte);
        out.take(&first);
        let mut last = first;
        match kind {
            TokenKind::Word => {
                loop {
                    if let Some((end, ch)) = s.plain_letters() {
                        last.end = end;
                        last.ch = ch;
                    }
                    let Some(k) = s.take_if(|e| e.class == Class::Letter) else {
                        break;
                    };
                    if k.byte != last.end {
                        out.skip(last.end, k.byte);
                    }
                    out.take(&k);
                    last = k;
                }
                out.end(last.end);
            }
            TokenKind::Number => {
                if let Some(k) = number(&mut s) {
                    last = k;
                }
                // rare: folded digits or separators, or marks inside
                let slice = &text[first.byte..last.end];
                if slice.is_ascii() {
                    out.end(last.end);
                } else {
                    out.light.truncate(norm_start);
                    out.key.truncate(norm_start);
                    for c in slice.chars().filter(|&c| !is_dropped(c)) {
                        out.light.push(light_char(c));
                        out.key.push(key_char(light_char(c)));
                    }
                }
            }
            TokenKind::Punct => out.end(last.end),
        }
        let glued = !tokens.is_empty() && !gap_space;
        if !tokens.is_empty() && (pending || gap_newline) {
            sentence += 1;
        }
        pending = kind == TokenKind::Punct && matches!(first.e.light, '.' | '!' | '?' | '؟' | '…');
        gap_space = false;
        gap_newline = false;
        tokens.push(Token {
            start: first.ch,
            end: last.ch + 1,
            byte_start: first.byte,
            byte_end: last.end,
            norm_start,
            norm_end: out.light.len(),
            kind,
            sentence,
            glued,
        });
    }
    Analysis::assemble(text, tokens, out.light, out.key, None)
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
        let sep = s.take_if(|e| matches!(e.light, '.' | ',' | ':' | '/'));
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
    s.take_if(|e| e.light == '-')?;
    if s.digits(2).0 == 0 {
        return None;
    }
    s.take_if(|e| e.light == '-')?;
    let (day, last) = s.digits(2);
    (day > 0).then_some(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_agree_with_the_definitions() {
        let t = tables();
        for i in 0..128u8 {
            assert_eq!(
                format!("{:?}", t.ascii[i as usize]),
                format!("{:?}", entry(char::from(i)))
            );
        }
        for cp in 0x0600u32..0x0700 {
            let c = char::from_u32(cp).unwrap();
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(bytes.len(), 2);
            assert_eq!(bytes[0] & 0xFC, 0xD8);
            let idx = (((bytes[0] & 3) << 6) | (bytes[1] & 0x3F)) as usize;
            assert_eq!(format!("{:?}", t.arabic[idx]), format!("{:?}", entry(c)));
        }
        assert!(entry('ة').key_fold);
        assert_eq!(entry('أ').light, 'ا');
        assert_eq!(entry('\u{0651}').class, Class::Dropped);
    }

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
