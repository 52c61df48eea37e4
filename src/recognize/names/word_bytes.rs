//! Byte-level tests of a word as written or keyed, for the names layer's
//! token features: an attached pronoun, the definite article as written,
//! a key with no Arabic letter, and the inlined comparison of two keys
//! (also the interner's). Each refuses most words at a byte test before
//! any walk over characters.

/// A word ending in an attached pronoun (`روايتها`, `التزامهم`): an
/// ordinary noun or verb, not part of a name.
#[inline]
pub fn has_pronoun_suffix(word: &str) -> bool {
    // Each suffix ends in `ا` (D8 A7), `م` (D9 85) or `ن` (D9 86): one byte
    // test, inlined at every word's features, refuses most words.
    matches!(word.as_bytes().last(), Some(0xA7 | 0x85 | 0x86)) && ends_in_pronoun(word)
}

/// [`has_pronoun_suffix`] past its byte test.
#[inline(never)]
fn ends_in_pronoun(word: &str) -> bool {
    ["ها", "هم", "هما", "هن"].iter().any(|s| word.ends_with(s)) && word.chars().count() > 4
}

/// Whether a key has no Arabic letter (`ء` to `ي`): `derive` finds nothing
/// in it but that it is no ordinary word.
#[inline]
pub(super) fn no_arabic_letter(key: &str) -> bool {
    !key.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

/// Whether a token starts with the definite article as written: a bare
/// alef and lam (`الاتفاق`), not `آلاف` or `أل…`, with two letters after.
#[inline]
pub(super) fn has_article(surface: &str) -> bool {
    // Most are written `ال` with no mark between: only the letters after
    // it are counted.
    if let Some(rest) = surface.strip_prefix("\u{0627}\u{0644}") {
        // Most go on with two letters of the Arabic block that are no
        // mark: two byte tests, no walk.
        if let [a, b, c, d, ..] = *rest.as_bytes() {
            if kept_arabic(a, b) && kept_arabic(c, d) {
                return true;
            }
        }
        return rest
            .chars()
            .filter(|&c| !crate::text::normalize::is_dropped(c))
            .nth(1)
            .is_some();
    }
    let mut letters = surface
        .chars()
        .filter(|&c| !crate::text::normalize::is_dropped(c));
    letters.next() == Some('ا') && letters.next() == Some('ل') && letters.nth(1).is_some()
}

/// Whether the two bytes `lead`, `cont` start a character of the Arabic
/// block U+0600–U+06FF that normalization keeps (no vowel mark, tatweel or
/// superscript alef: see `normalize::is_dropped`). False for anything else.
#[inline]
fn kept_arabic(lead: u8, cont: u8) -> bool {
    match lead {
        0xD8 | 0xDA | 0xDB => true,
        // U+0640 tatweel, U+064B–U+065F marks, U+0670 superscript alef
        0xD9 => !matches!(cont, 0x80 | 0x8B..=0x9F | 0xB0),
        _ => false,
    }
}

/// Whether two keys are equal, compared inline: a vocabulary hit (most
/// tokens) compares a key of a few bytes, cheaper in two or four loads
/// than through a call to `memcmp`.
#[inline]
pub(super) fn same_key(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

/// [`same_key`] of two keys' bytes.
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let u32_at = |s: &[u8], at: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&s[at..at + 4]);
        u32::from_le_bytes(w)
    };
    match n {
        0 => true,
        // Every byte of a form of up to three (one Arabic letter and a
        // half): the first, the middle and the last.
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        // The first and the last four bytes (overlapping below 8).
        4..=7 => u32_at(a, 0) == u32_at(b, 0) && u32_at(a, n - 4) == u32_at(b, n - 4),
        // The first and the last eight bytes (overlapping below 16).
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        17..=32 => {
            word(a, 0) == word(b, 0)
                && word(a, 8) == word(b, 8)
                && word(a, n - 16) == word(b, n - 16)
                && word(a, n - 8) == word(b, n - 8)
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_compare_as_strings() {
        let keys = [
            "",
            "ا",
            "ab",
            "abcdefg",
            "abcdefgh",
            "abcdefgi",
            "bbcdefgh",
            "محمد",
            "محمن",
            "الاتفاقية",
            "الاتفاقيه",
            "ابتثجحخدذرزسشصضطظعغفقكلمن",
            "ابتثجحخدذرزسشصضطظعغفقكلمو",
            "ببتثجحخدذرزسشصضطظعغفقكلمن",
            "abcdefghijklmnopq",
            "abcdefghijklmnopr",
            "bbcdefghijklmnopq",
            "abcdefghXjklmnopq",
            "abcdefghijklmnopqrstuvwxyz0123456789",
        ];
        for a in keys {
            for b in keys {
                assert_eq!(same_key(a, b), a == b, "{a} {b}");
            }
        }
    }

    /// Every length up to 40: equal bytes compare equal, and a change of
    /// any one byte or of the length is seen.
    #[test]
    fn bytes_compare_as_slices_at_every_length() {
        for n in 0..40usize {
            let a: Vec<u8> = (0..n).map(|i| (i * 7 % 251) as u8).collect();
            assert!(same_bytes(&a, &a.clone()));
            assert_eq!(same_bytes(&a, &a[..n.saturating_sub(1)]), n == 0);
            for at in 0..n {
                let mut b = a.clone();
                b[at] ^= 0x10;
                assert!(!same_bytes(&a, &b), "{n} {at}");
            }
        }
    }

    #[test]
    fn pronoun_suffix_needs_more_than_four_letters() {
        assert!(has_pronoun_suffix("روايتها"));
        assert!(!has_pronoun_suffix("طها"));
    }

    #[test]
    fn article_as_written() {
        // The definition, with no shortcut for a bare `ال`.
        let by_letters = |surface: &str| {
            let mut letters = surface
                .chars()
                .filter(|&c| !crate::text::normalize::is_dropped(c));
            letters.next() == Some('ا') && letters.next() == Some('ل') && letters.nth(1).is_some()
        };
        for surface in [
            "الاتفاق",
            "ال",
            "الب",
            "البـ",
            "البـي",
            "اَلكتاب",
            "الَب",
            "الًبِت",
            "أل",
            "ا",
            "",
        ] {
            assert_eq!(has_article(surface), by_letters(surface), "{surface}");
        }
        // Every character of the Arabic block, and a few outside it, in
        // each of the two places the byte test reads.
        let others = ['a', '\u{00AD}', '\u{200C}', '\u{FEFF}', '€'];
        for c in ('\u{0600}'..='\u{06FF}').chain(others) {
            for surface in [format!("ال{c}ب"), format!("الب{c}"), format!("ال{c}{c}ب")] {
                assert_eq!(has_article(&surface), by_letters(&surface), "{surface}");
            }
            let mut utf8 = [0u8; 4];
            if let [lead, cont] = *c.encode_utf8(&mut utf8).as_bytes() {
                let kept = ('\u{0600}'..='\u{06FF}').contains(&c)
                    && !crate::text::normalize::is_dropped(c);
                assert_eq!(kept_arabic(lead, cont), kept, "{c:?}");
            }
        }
        assert!(has_article("الاتفاق"));
        assert!(!has_article("آلاف"));
        assert!(!has_article("أل"));
        assert!(!has_article("الى"));
    }
}
