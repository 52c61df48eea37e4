//! The lead of a biography: an article about a person opens with the
//! person's name, its Latin spelling in brackets, and a bracket of birth
//! (`[البيرتو اكويلاني] (Alberto Aquilani)، (روما، 7 يوليو 1984) لاعب`,
//! `[لوول دينغ] (ولد في 16 ابريل 1985)`). A run of name words at the start
//! of a sentence followed by such a bracket is a PERSON; the Latin
//! spelling becomes its gloss (`latin_gloss.rs`) and its words propagate to
//! the later bare mentions (`ويامل [اكويلاني]`). The birth bracket is the
//! evidence: a birth word (`rules/names/biography_leads.csv`), a date
//! written as day, month and year, or the two years of a life (`[فيليب
//! بيتان] ( 1856 1951 )`, `[البحتري] ( 820 م 897 م )`). Events and institutions open the same
//! way with a date, but their heads are ordinary words (`معركة`, `جامعة`),
//! which no run of name words holds.

use super::*;

/// The birth words file.
pub(super) const BIRTH_WORDS_FILE: &str = "names/biography_leads.csv";

/// Name words a lead has at most.
const MAX_LEAD_WORDS: usize = 5;

/// Tokens of a birth bracket that are read (a place, dates of birth and
/// death).
const MAX_BRACKET_TOKENS: usize = 16;

impl NameRecognizer {
    /// A word of a lead's name: no stop, ordinary or title word (a listed
    /// name word may be ordinary too: `جمال`), no number.
    fn lead_word(&self, d: &Doc<'_>, i: usize) -> bool {
        d.is_word(i)
            && d.a.tokens()[i].kind == crate::text::TokenKind::Word
            && !super::latin_gloss::is_latin_word(d.a.surface(i))
            && d.a.key(i).chars().nth(1).is_some()
            && !d.any(i, flag::LIGHT_STOP | flag::STOP | flag::TRIGGER)
            && !d.f.stem_any(i, flag::TRIGGER)
            && (!d.any(i, flag::COMMON | flag::CLITIC_COMMON | flag::INFLECTED)
                || d.any(i, flag::GIVEN | flag::FAMILY))
            && !self.is_verb_shaped(d, i)
    }

    /// The token after a bracketed Latin gloss at `open` (`( Alberto
    /// Aquilani )`), or None.
    fn after_latin_bracket(d: &Doc<'_>, open: usize) -> Option<usize> {
        let a = d.a;
        if open >= a.len() || a.light(open) != "(" {
            return None;
        }
        let mut k = open + 1;
        while k < a.len() && super::latin_gloss::is_latin_word(a.surface(k)) {
            k += 1;
        }
        (k > open + 1 && k < a.len() && a.light(k) == ")").then_some(k + 1)
    }

    /// Whether the bracket opening at `open` tells a birth: a birth word,
    /// a day, a month word and a year (`7 يوليو 1984`), or two years.
    fn birth_bracket(&self, d: &Doc<'_>, open: usize) -> bool {
        let a = d.a;
        if open >= a.len() || a.light(open) != "(" {
            return false;
        }
        let end =
            (open + 1..(open + 1 + MAX_BRACKET_TOKENS).min(a.len())).find(|&k| a.light(k) == ")");
        let Some(end) = end else {
            return false;
        };
        let number = |k: usize, digits: std::ops::RangeInclusive<usize>| {
            a.tokens()[k].kind == crate::text::TokenKind::Number
                && a.surface(k).chars().all(|c| c.is_ascii_digit())
                && digits.contains(&a.surface(k).len())
        };
        let told = (open + 1..end).any(|k| {
            (d.is_word(k) && self.birth_words.contains(a.key(k)))
                || (k + 2 < end && number(k, 1..=2) && d.is_word(k + 1) && number(k + 2, 4..=4))
        });
        // The years of a life (`( 1856 1951 )`, `( 820 م 897 م )`): two
        // years of three or four digits.
        told || (open + 1..end)
            .filter(|&k| number(k, 3..=4))
            .nth(1)
            .is_some()
    }

    /// At a sentence start `i` (the caller asks
    /// [`super::place_definitions::starts_sentence`]), the lead name before
    /// a birth bracket.
    pub(super) fn biography_lead_at(&self, d: &Doc<'_>, i: usize, out: &mut Vec<Mention>) {
        debug_assert!(super::place_definitions::starts_sentence(d, i));
        if self.birth_words.is_empty() {
            return;
        }
        let a = d.a;
        let mut end = i;
        while end < a.len() && end - i < MAX_LEAD_WORDS && self.lead_word(d, end) {
            end += 1;
        }
        if end == i || end >= a.len() {
            return;
        }
        let mut next = end;
        let glossed = Self::after_latin_bracket(d, next);
        if let Some(after) = glossed {
            next = after;
            while next < a.len() && matches!(a.light(next), "،" | "," | "؛") {
                next += 1;
            }
        }
        if !self.birth_bracket(d, next) {
            return;
        }
        let mut m = d.ctx.mention(
            a.tokens()[i].start,
            a.tokens()[end - 1].end,
            Label::Person,
            serde_json::Value::Null,
            "name/biography-lead",
        );
        m.priority = priority::TRIGGER;
        if d.ctx.explain {
            m.evidence = format!(
                "name words at a sentence start{} before a birth bracket",
                if glossed.is_some() {
                    " with a Latin gloss"
                } else {
                    ""
                }
            );
        }
        out.push(m);
    }
}
