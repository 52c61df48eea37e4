//! The production scanner: one table-driven pass over the text that
//! classifies each character, writes the light and key arenas and cuts the
//! tokens by the grammar of [`super`] (ISO dates, numbers, words, single
//! characters), keeping every token's original offsets.

use super::*;

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
/// light form differs from the original (the key form is derived from the
/// light arena afterwards, see [`key_arena`]).
#[derive(Clone, Copy, Debug)]
struct Entry {
    class: Class,
    light: char,
    /// The light form differs from the original character.
    changed: bool,
    /// A letter whose light form is itself (the common case).
    plain: bool,
}

/// The entry of a character, from the definitions in [`super::normalize`].
fn entry(c: char) -> Entry {
    if is_dropped(c) {
        return Entry {
            class: Class::Dropped,
            light: c,
            changed: true,
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
    Entry {
        class,
        light,
        changed,
        plain: class == Class::Letter && !changed,
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

    /// Skip a run of plain letters (ASCII or Arabic block, no light fold, no
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

/// Writes the light arena. Verbatim runs of the original are copied whole;
/// only folded characters are written one by one.
struct Arenas<'t> {
    text: &'t str,
    light: String,
    /// Start of the original bytes not yet copied to the arena.
    light_run: usize,
}

impl Arenas<'_> {
    #[inline(always)]
    fn begin(&mut self, byte: usize) {
        self.light_run = byte;
    }

    /// Dropped characters lie between `from` and `to`: skip them.
    #[inline(always)]
    fn skip(&mut self, from: usize, to: usize) {
        self.light.push_str(&self.text[self.light_run..from]);
        self.light_run = to;
    }

    /// Character `k` is taken into the token.
    #[inline(always)]
    fn take(&mut self, k: &Kept) {
        if k.e.changed {
            self.light.push_str(&self.text[self.light_run..k.byte]);
            self.light.push(k.e.light);
            self.light_run = k.end;
        }
    }

    #[inline(always)]
    fn end(&mut self, end: usize) {
        self.light.push_str(&self.text[self.light_run..end]);
    }
}

/// The fast scanner: one pass over the original text with a class table for
/// ASCII and the Arabic block, no regex, no per-character buffer, no
/// allocation per token beyond the arenas; the sentences' token ranges are
/// collected on the way, and the key arena is the light one with two folds.
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
        light_run: 0,
    };
    let mut sentences = Vec::new();
    let mut sentence_begin = 0;
    let mut sentence = 0;
    let mut pending = false;
    let mut gap_space = false;
    let mut gap_newline = false;
    loop {
        // The common gap: ASCII spaces, skipped without a table lookup.
        while s.bytes.get(s.byte) == Some(&b' ') {
            s.byte += 1;
            s.ch += 1;
            gap_space = true;
        }
        let Some(first) = s.next_kept() else {
            break;
        };
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
                    // The common end of a word: an ASCII space or sign
                    // (never dropped), seen without a lookahead.
                    if s.bytes.get(s.byte).is_none_or(|&b| {
                        b < 0x80 && s.tables.ascii[b as usize].class != Class::Letter
                    }) {
                        break;
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
                    out.light
                        .extend(slice.chars().filter(|&c| !is_dropped(c)).map(light_char));
                }
            }
            TokenKind::Punct => out.end(last.end),
        }
        let glued = !tokens.is_empty() && !gap_space;
        if !tokens.is_empty() && (pending || gap_newline) {
            sentence += 1;
            sentences.push(sentence_begin..tokens.len());
            sentence_begin = tokens.len();
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
    if sentence_begin < tokens.len() {
        sentences.push(sentence_begin..tokens.len());
    }
    Analysis::assemble(text, tokens, out.light, sentences, None)
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
        assert!(entry('ة').plain);
        let light = "مدرسة على ى ة xة 28.6 ةى";
        assert_eq!(key_arena(light), "مدرسه علي ي ه xه 28.6 هي");
        assert!(!entry('أ').plain);
        assert_eq!(entry('أ').light, 'ا');
        assert_eq!(entry('\u{0651}').class, Class::Dropped);
    }
}
