//! Character-level normalization for matching. Nothing here changes the
//! original text: it defines the *matching view* of each character, and the
//! tokenizer keeps every token's original offsets.
//!
//! Two views are produced for every token:
//! - **light**: tashkeel (U+064B–U+065F, U+0670), tatweel (U+0640) and invisible
//!   format characters (ZWSP/ZWNJ/ZWJ, LRM/RLM, bidi embeddings and isolates,
//!   BOM, soft hyphen) are dropped; alef forms أ إ آ ٱ become ا; Persian
//!   ک/ی become ك/ي; Arabic-Indic (٠–٩) and Persian (۰–۹) digits become ASCII and
//!   the Arabic decimal and thousands separators ٫ ٬ become `.` `,`.
//!   Why: writers vary in hamza and vowel marking and in digit script; none of
//!   that changes which name or number is meant.
//! - **key**: light, plus ى→ي and ة→ه. Lexicon lookups use the key, so
//!   `مصرى`/`مصري` and `روسية`/`روسيه` match. The cost: `على` (preposition)
//!   and `علي` (the name) share a key, as do ة/ه pairs; recognizers that must
//!   tell them apart read the light form or the original text.
//!
//! The two folds are one-to-one and byte-length preserving, so the light and
//! key arenas of a document share byte offsets.

/// Whether a character is removed from the matching view.
#[inline]
pub fn is_dropped(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' | '\u{00AD}')
}

/// The light-normalized form of a kept character (see module docs).
#[inline]
pub fn light_char(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ک' => 'ك',
        'ی' => 'ي',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{066B}' => '.',
        '\u{066C}' => ',',
        _ => c,
    }
}

/// Every character [`light_char`] folds to another one (alef forms, Persian
/// letters, Arabic-Indic and Persian digits, the Arabic separators), in
/// code point order: the reference pipeline builds its replace steps from
/// this list, so the two cannot disagree.
pub fn light_folded_chars() -> impl Iterator<Item = char> {
    ('\u{0600}'..='\u{06FF}').filter(|&c| light_char(c) != c)
}

/// The key form of a light-normalized character: ى→ي, ة→ه.
#[inline]
pub fn key_char(c: char) -> char {
    match c {
        'ى' => 'ي',
        'ة' => 'ه',
        _ => c,
    }
}

/// Whether the text has characters that need NFKC (Arabic presentation
/// forms A and B). Only then is NFKC applied: it dominates the cost otherwise.
pub fn needs_nfkc(text: &str) -> bool {
    // Both blocks encode as three bytes led by 0xEF: most texts have none,
    // which `memchr` tells with vector loads (std's `contains` read a word
    // at a time, about one instruction a byte of every document).
    if memchr::memchr(0xEF, text.as_bytes()).is_none() {
        return false;
    }
    text.chars()
        .any(|c| matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}'))
}

/// The light form of a whole string (for building lexicon keys at load time).
pub fn light(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_dropped(c))
        .map(light_char)
        .collect()
}

/// The key form of a whole string: light, then ى→ي and ة→ه, with runs of
/// whitespace collapsed to one space and trimmed (for multi-word entries).
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let bytes = s.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let lead = bytes[at];
        // Arabic letters U+0621–U+064A (most of every lexicon) are two
        // bytes led by D8 or D9: folded here without decoding the string
        // (rule loading keys every lexicon entry at start-up).
        if (lead == 0xD8 || lead == 0xD9) && at + 1 < bytes.len() {
            let c = (((lead & 0x1F) as u32) << 6) | (bytes[at + 1] & 0x3F) as u32;
            if (0x0621..=0x064A).contains(&c) && c != 0x0640 {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                let folded = match c {
                    0x0622 | 0x0623 | 0x0625 => 'ا',
                    0x0649 => 'ي',
                    0x0629 => 'ه',
                    _ => {
                        // Unchanged: the two bytes as they are.
                        out.push_str(&s[at..at + 2]);
                        at += 2;
                        continue;
                    }
                };
                out.push(folded);
                at += 2;
                continue;
            }
        }
        let c = match s[at..].chars().next() {
            Some(c) => c,
            None => break,
        };
        at += c.len_utf8();
        if is_dropped(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(key_char(light_char(c)));
    }
    out
}

/// Whether a character starts or continues a word token.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{0621}'..='\u{064A}').contains(&c) {
        true
    } else {
        c.is_alphabetic()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// `key` with its shortcut for Arabic letters equals the definition:
        /// drop marks, collapse and trim whitespace, fold each character.
        #[test]
        fn key_equals_the_per_character_definition(
            s in "[ \t\nابتةىأإآٱءيـًُٰ٣۵٫٬کیa-zA-Z0-9\u{200F}\u{FEFF}\u{00AD}]{0,24}"
        ) {
            let words: Vec<String> = s
                .split(char::is_whitespace)
                .map(|w| w.chars().filter(|&c| !is_dropped(c)).map(|c| key_char(light_char(c))).collect::<String>())
                .filter(|w| !w.is_empty())
                .collect();
            prop_assert_eq!(key(&s), words.join(" "));
        }
    }

    #[test]
    fn key_folds_marks_alef_digits_and_final_forms() {
        assert_eq!(key("أَبْرِيلَ"), "ابريل");
        assert_eq!(key("الإمارات"), "الامارات");
        assert_eq!(key("مدرسة"), "مدرسه");
        assert_eq!(key("على"), "علي");
        assert_eq!(key("٢٠١٥"), "2015");
        assert_eq!(key("۱۲۳"), "123");
        assert_eq!(key("٣٫٥"), "3.5");
        assert_eq!(key("ـــالصين"), "الصين");
        assert_eq!(key("  بنك   الصين "), "بنك الصين");
        assert_eq!(light("مدرسة على"), "مدرسة على");
    }

    #[test]
    fn presentation_forms_are_detected() {
        assert!(needs_nfkc("\u{FEFB}"));
        assert!(!needs_nfkc("لا"));
        assert!(!needs_nfkc("\u{FEFF}"));
    }
}
