//! The tokenizer for text with Arabic presentation forms: the token grammar
//! of [`super::scan`], with each presentation form expanded by NFKC into the
//! ordinary letters it stands for, every one keeping the form's original
//! offset.

use unicode_normalization::UnicodeNormalization;

use super::*;

/// A kept character of the original text as the expanding scanner sees it.
#[derive(Clone, Copy)]
struct Cursor {
    byte: usize,
    ch: usize,
    c: char,
}

/// The scanner for text with Arabic presentation forms: the same token
/// grammar as [`scan`], with each presentation form expanded by NFKC into
/// several kept characters that share its original position (and an
/// alignment table for clitic offsets). Simpler and slower than [`scan`];
/// only documents that need NFKC take it.
pub fn scan_expanding(text: &str) -> Analysis<'_> {
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
