//! The production scanner: one table-driven pass over the text that
//! classifies each character, writes the light arena of the whole text
//! (verbatim runs copied whole, each change once) and cuts the tokens by the
//! grammar of [`super`] (ISO dates, numbers, words, single characters),
//! keeping every token's original offsets. Plain Arabic letters, most of the
//! text, are skipped two bytes at a time by one table lookup.

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
/// light and key forms differ from the original.
#[derive(Clone, Copy, Debug)]
struct Entry {
    class: Class,
    light: char,
    /// The light form differs from the original character.
    changed: bool,
    /// The key form ([`key_char`] of the light one) differs from the light.
    keyed: bool,
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
            keyed: false,
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
    let keyed = key_char(light) != light;
    Entry {
        class,
        light,
        changed,
        keyed,
        plain: class == Class::Letter && !changed && !keyed,
    }
}

/// Precomputed entries for ASCII and the Arabic block U+0600–U+06FF (two
/// UTF-8 bytes led by D8–DB), where almost all characters of Arabic news are;
/// and, for the hot loop of words, whether the two bytes at a position (read
/// as one little-endian `u16`) are a plain Arabic letter.
struct Tables {
    ascii: [Entry; 128],
    arabic: [Entry; 256],
    plain_pair: Box<[bool; 1 << 16]>,
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let arabic: [Entry; 256] =
            std::array::from_fn(|i| entry(char::from_u32(0x0600 + i as u32).unwrap_or(' ')));
        let mut plain_pair: Box<[bool; 1 << 16]> = vec![false; 1 << 16]
            .into_boxed_slice()
            .try_into()
            .expect("65536 entries");
        for (i, e) in arabic.iter().enumerate() {
            let (lead, cont) = (0xD8 | (i >> 6), 0x80 | (i & 0x3F));
            plain_pair[lead | (cont << 8)] = e.plain;
        }
        Tables {
            ascii: std::array::from_fn(|i| entry(char::from(i as u8))),
            arabic,
            plain_pair,
        }
    })
}

impl Tables {
    /// The entry and UTF-8 length of the character at byte `i` of valid
    /// UTF-8 (`i` on a boundary, in bounds).
    #[inline(always)]
    fn at(&self, bytes: &[u8], i: usize) -> (Entry, usize) {
        let b = bytes[i];
        if b < 0x80 {
            (self.ascii[b as usize], 1)
        } else if b & 0xFC == 0xD8 {
            let lo = bytes[i + 1] & 0x3F;
            (self.arabic[(((b & 3) << 6) | lo) as usize], 2)
        } else {
            let (c, len) = decode(bytes, i);
            (entry(c), len)
        }
    }
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

/// A position in the original text: byte and code point offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct At {
    byte: usize,
    ch: usize,
}

/// One arena of the whole text: the original with dropped characters
/// removed and folded ones replaced. Verbatim runs are copied whole when a
/// change is met, so a document costs a copy per change, not per token.
/// Changes are noted in text order, each once.
struct Arena<'t> {
    text: &'t str,
    out: String,
    /// Start of the original bytes not yet copied to the arena.
    run: usize,
}

impl<'t> Arena<'t> {
    fn new(text: &'t str) -> Self {
        Arena {
            text,
            out: String::with_capacity(text.len()),
            run: 0,
        }
    }

    /// The original bytes `from..to` read as `with` (nothing: dropped).
    #[inline(always)]
    fn replace(&mut self, from: usize, to: usize, with: Option<char>) {
        self.out.push_str(&self.text[self.run..from]);
        if let Some(c) = with {
            self.out.push(c);
        }
        self.run = to;
    }

    fn finish(mut self) -> String {
        self.out.push_str(&self.text[self.run..]);
        self.out
    }
}

/// The light and key arenas of the whole text, written in the same pass; a
/// token's forms are the arenas between the offsets of its start and end.
/// The key folds keep UTF-8 lengths, so the two arenas share offsets.
struct Arenas<'t> {
    light: Arena<'t>,
    key: Arena<'t>,
}

impl Arenas<'_> {
    /// The arena offset of original byte `byte` (at or after every change
    /// noted so far).
    #[inline(always)]
    fn offset(&self, byte: usize) -> usize {
        self.light.out.len() + byte - self.light.run
    }

    /// The original bytes `from..to`, all dropped characters.
    #[inline(always)]
    fn drop(&mut self, from: usize, to: usize) {
        self.light.replace(from, to, None);
        self.key.replace(from, to, None);
    }

    /// The kept character at `from..to`, with entry `e`, is folded in the
    /// light form (`e.changed`) or in the key form (`e.keyed`).
    #[inline(always)]
    fn fold(&mut self, from: usize, to: usize, e: Entry) {
        if e.changed {
            self.light.replace(from, to, Some(e.light));
        }
        self.key.replace(from, to, Some(key_char(e.light)));
    }

    /// Note the changes of the characters in `from..to` (none noted yet).
    fn note_changes(&mut self, tables: &Tables, from: usize, to: usize) {
        let bytes = self.light.text.as_bytes();
        let mut i = from;
        while i < to {
            let (e, len) = tables.at(bytes, i);
            if e.class == Class::Dropped {
                self.drop(i, i + len);
            } else if e.changed || e.keyed {
                self.fold(i, i + len, e);
            }
            i += len;
        }
    }
}

/// Reads the original text: the character classes, the hot loop of words,
/// and the lookahead of numbers.
struct Reader<'a> {
    bytes: &'a [u8],
    tables: &'static Tables,
}

impl Reader<'_> {
    /// The next kept character at or after `at`, skipping dropped ones: its
    /// position, entry, and the position after it.
    #[inline(always)]
    fn next_kept(&self, mut at: At) -> Option<(At, Entry, At)> {
        while at.byte < self.bytes.len() {
            let (e, len) = self.tables.at(self.bytes, at.byte);
            let next = At {
                byte: at.byte + len,
                ch: at.ch + 1,
            };
            if e.class != Class::Dropped {
                return Some((at, e, next));
            }
            at = next;
        }
        None
    }

    /// The hot loop of words: skip plain Arabic letters (two bytes each).
    #[inline(always)]
    fn plain_letters(&self, at: At) -> At {
        let taken = self.bytes[at.byte..]
            .chunks_exact(2)
            .take_while(|p| self.tables.plain_pair[u16::from_le_bytes([p[0], p[1]]) as usize])
            .count();
        At {
            byte: at.byte + 2 * taken,
            ch: at.ch + taken,
        }
    }

    /// The rest of a word from `at`, after a letter and any plain letters
    /// that follow it: letters, with dropped characters between them.
    /// Folded letters and dropped runs inside the word are noted in the
    /// arenas. Returns the word's end.
    #[inline(always)]
    fn word_rest(&self, mut at: At, arenas: &mut Arenas<'_>) -> At {
        let bytes = self.bytes;
        loop {
            let Some(&b) = bytes.get(at.byte) else {
                return at;
            };
            if b < 0x80 {
                // ASCII is never dropped nor folded.
                if self.tables.ascii[b as usize].class != Class::Letter {
                    return at;
                }
                at.byte += 1;
                at.ch += 1;
                at = self.plain_letters(at);
                continue;
            }
            // The common fold: ة or ى, often last in a word (key only).
            let folded = match bytes.get(at.byte + 1) {
                Some(0xA9) if b == 0xD8 => Some(key_char('ة')),
                Some(0x89) if b == 0xD9 => Some(key_char('ى')),
                _ => None,
            };
            if let Some(folded) = folded {
                arenas.key.replace(at.byte, at.byte + 2, Some(folded));
                at.byte += 2;
                at.ch += 1;
                at = self.plain_letters(at);
                continue;
            }
            let (e, len) = self.tables.at(bytes, at.byte);
            match e.class {
                Class::Letter => {
                    if e.changed || e.keyed {
                        arenas.fold(at.byte, at.byte + len, e);
                    }
                    at.byte += len;
                    at.ch += 1;
                    at = self.plain_letters(at);
                }
                Class::Dropped => {
                    // Inside the word only when a letter follows.
                    match self.next_kept(at) {
                        Some((next, e, _)) if e.class == Class::Letter => {
                            arenas.drop(at.byte, next.byte);
                            at = next;
                        }
                        _ => return at,
                    }
                }
                _ => return at,
            }
        }
    }

    /// The digit at `at` (after dropped characters), and the position after it.
    #[inline(always)]
    fn digit(&self, at: At) -> Option<At> {
        self.next_kept(at)
            .and_then(|(_, e, next)| (e.class == Class::Digit).then_some(next))
    }

    /// At most `max` digits from `at`: how many, and the end of the last.
    fn digits(&self, mut at: At, max: usize) -> (usize, At) {
        let mut n = 0;
        while n < max {
            match self.digit(at) {
                Some(next) => {
                    at = next;
                    n += 1;
                }
                None => break,
            }
        }
        (n, at)
    }

    /// The kept character at `at` if its light form is one of `chars`: the
    /// position after it.
    fn sign(&self, at: At, chars: &[char]) -> Option<At> {
        self.next_kept(at)
            .and_then(|(_, e, next)| chars.contains(&e.light).then_some(next))
    }

    /// The end of a number token whose first digit ends at `at`: an ISO
    /// date `[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}` as the reference regex matches
    /// it, else `[0-9]+([.,:/][0-9]+)*`.
    fn number_rest(&self, at: At) -> At {
        if let Some(end) = self.iso_date_rest(at) {
            return end;
        }
        let (_, mut end) = self.digits(at, usize::MAX);
        // a separator belongs to the number only when a digit follows it
        while let Some(sep) = self.sign(end, &['.', ',', ':', '/']) {
            let (n, after) = self.digits(sep, usize::MAX);
            if n == 0 {
                break;
            }
            end = after;
        }
        end
    }

    /// The ISO date after its first digit: its end when it matches.
    fn iso_date_rest(&self, at: At) -> Option<At> {
        let (n, at) = self.digits(at, 3);
        if n != 3 {
            return None;
        }
        let at = self.sign(at, &['-'])?;
        let (month, at) = self.digits(at, 2);
        if month == 0 {
            return None;
        }
        let at = self.sign(at, &['-'])?;
        let (day, end) = self.digits(at, 2);
        (day > 0).then_some(end)
    }
}

/// The fast scanner: one pass over the original text with class tables for
/// ASCII and the Arabic block, no regex, no per-character buffer, no
/// allocation per token; the light arena is the whole text with its
/// changes (see [`Arenas`]), the sentences' token ranges are collected
/// on the way, and the key arena is the light one with two folds.
pub fn scan(text: &str) -> Analysis<'_> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let r = Reader {
        bytes,
        tables: tables(),
    };
    let mut tokens: Vec<Token> = Vec::with_capacity(n / 8 + 1);
    let mut arenas = Arenas {
        light: Arena::new(text),
        key: Arena::new(text),
    };
    // News text ends a sentence about every 140 bytes: room for twice as
    // many, so the list is not regrown from empty in each document.
    let mut sentences = Vec::with_capacity(n / 64 + 1);
    let mut sentence_begin = 0;
    let mut sentence = 0;
    // A sentence ends before the next token (after `.` `!` `?` `؟` `…`, or
    // at a line break in the gap); whitespace in the gap (none before the
    // first token counts as a gap: it is not glued).
    let mut sentence_ends = false;
    let mut gap_space = true;
    let mut at = At { byte: 0, ch: 0 };
    while at.byte < n {
        // The common gap: ASCII spaces, skipped without a table lookup.
        if bytes[at.byte] == b' ' {
            at.byte += 1;
            at.ch += 1;
            gap_space = true;
            continue;
        }
        let start = at;
        let norm_start = arenas.offset(start.byte);
        let mut ends_sentence = false;
        let plain = r.plain_letters(at);
        let kind = if plain != at {
            // The common token: a word from a plain Arabic letter.
            at = r.word_rest(plain, &mut arenas);
            TokenKind::Word
        } else {
            let (e, len) = r.tables.at(bytes, at.byte);
            at.byte += len;
            at.ch += 1;
            match e.class {
                Class::Space => {
                    gap_space = true;
                    sentence_ends |= e.light == '\n';
                    continue;
                }
                Class::Dropped => {
                    arenas.drop(start.byte, at.byte);
                    continue;
                }
                Class::Letter => {
                    if e.changed || e.keyed {
                        arenas.fold(start.byte, at.byte, e);
                    }
                    at = r.word_rest(r.plain_letters(at), &mut arenas);
                    TokenKind::Word
                }
                Class::Digit => {
                    let ascii = len == 1;
                    let run = bytes[at.byte..]
                        .iter()
                        .take_while(|b| b.is_ascii_digit())
                        .count();
                    let simple = ascii
                        && bytes.get(at.byte + run).is_none_or(|&b| {
                            b < 0x80 && !matches!(b, b'.' | b',' | b':' | b'/' | b'-')
                        });
                    if simple {
                        // The common number: ASCII digits and then no
                        // separator, dash or other script.
                        at.byte += run;
                        at.ch += run;
                    } else {
                        // rare: folded digits or separators, or marks inside
                        at = r.number_rest(at);
                        if !text[start.byte..at.byte].is_ascii() {
                            arenas.note_changes(r.tables, start.byte, at.byte);
                        }
                    }
                    TokenKind::Number
                }
                Class::Other => {
                    if e.changed || e.keyed {
                        arenas.fold(start.byte, at.byte, e);
                    }
                    ends_sentence = matches!(e.light, '.' | '!' | '?' | '؟' | '…');
                    TokenKind::Punct
                }
            }
        };
        let glued = !gap_space;
        if sentence_ends && !tokens.is_empty() {
            sentence += 1;
            sentences.push(sentence_begin..tokens.len());
            sentence_begin = tokens.len();
        }
        sentence_ends = ends_sentence;
        gap_space = false;
        tokens.push(Token {
            start: start.ch,
            end: at.ch,
            byte_start: start.byte,
            byte_end: at.byte,
            norm_start,
            norm_end: arenas.offset(at.byte),
            kind,
            sentence,
            glued,
        });
    }
    if sentence_begin < tokens.len() {
        sentences.push(sentence_begin..tokens.len());
    }
    let (light, key) = (arenas.light.finish(), arenas.key.finish());
    Analysis::assemble(text, tokens, light, Some(key), sentences, None)
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
            let pair = u16::from_le_bytes([bytes[0], bytes[1]]) as usize;
            assert_eq!(t.plain_pair[pair], entry(c).plain, "{c:?}");
        }
        // Only the plain letters of the Arabic block are plain pairs.
        let pairs = t.plain_pair.iter().filter(|&&p| p).count();
        let plain = t.arabic.iter().filter(|e| e.plain).count();
        assert_eq!(pairs, plain);
        assert!(!entry('ة').plain && entry('ة').keyed && !entry('ة').changed);
        let light = "مدرسة على ى ة xة 28.6 ةى";
        assert_eq!(key_arena(light), "مدرسه علي ي ه xه 28.6 هي");
        assert!(!entry('أ').plain);
        assert_eq!(entry('أ').light, 'ا');
        assert_eq!(entry('\u{0651}').class, Class::Dropped);
    }
}
