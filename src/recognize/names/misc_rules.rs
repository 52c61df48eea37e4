//! MISC rules of their own: an event or work name runs on over the sector
//! words after it (`[مهرجان جرش للثقافة والفنون]`, `[مؤتمر الدوحة للتنمية
//! المستدامة]`), as an organization's name does (`org_rules.rs`; the words
//! are data, `rules/names/org_sectors.csv`); a quoted title or model name
//! after a work or product head and its adjectives (`الصاروخ الأوروبي
//! الجديد "[آريان 6]"`, `برنامجا بعنوان «[…]»`; the heads are data,
//! `rules/names/triggers_works.csv`), or bracketed (`ديوانه الأول ( [رقصة
//! الهياج] )`), or unquoted after `بعنوان` (`بعنوان [منتصف الليل]`); and a year right after an event's name
//! belongs to it (`[كأس آسيا 2023]`, `[مونديال 2006]`), the year also a
//! DATE of the numeric layer (gold/GUIDELINES.md decisions 72 and 92).
//! An event head kept inside its name (`[مهرجان عمان السينمائي الدولي]`,
//! `[القمة العربية الإسلامية المشتركة غير العادية]`, decision 103; the
//! heads are data, `rules/names/triggers_events.csv`).

use super::*;

/// `ال`, the article, as keyed.
const AL: &str = "\u{0627}\u{0644}";
/// `لل`: `ل` merged with the article (`للاستثمار`).
const LIL: &str = "\u{0644}\u{0644}";
/// `غير` ("non-"), before an adjective (`غير العادية`).
const GHAYR: &str = "\u{063A}\u{064A}\u{0631}";

impl NameRecognizer {
    /// Extend every MISC candidate that a sector word follows over that
    /// word, its nisba adjectives and one definite conjunct.
    pub(super) fn extend_misc_over_sectors(&self, d: &Doc<'_>, found: &mut [Mention]) {
        let tokens = d.a.tokens();
        for m in found.iter_mut().filter(|m| m.label == Label::Misc) {
            let Some(next) = token_after(d, m) else {
                continue;
            };
            if !d.is_word(next)
                || !d.any(next, flag::ORG_SECTOR)
                || !self.org_sectors.contains(d.a.key(next))
            {
                continue;
            }
            let last = self.sector_tail(d, next);
            m.end = tokens[last].end;
            m.text.clear();
            if d.ctx.explain {
                m.evidence = format!("{}; runs on over `{}`", m.evidence, d.a.surface(next));
            }
        }
    }

    /// A quoted name after a MISC head, directly or after up to two words
    /// describing the head (`الصاروخ الأوروبي الجديد "[آريان 6]"`,
    /// `ببرنامج جديد «[حور الدنيا]»`). A stop word or verb between them
    /// ends the search (`الكتاب الذي "…"`).
    pub(super) fn quoted_after_described(&self, d: &Doc<'_>, after: usize) -> Option<Vec<Mention>> {
        const MAX_DESCRIBING_WORDS: usize = 2;
        let tokens = d.a.tokens();
        for skipped in 0..=MAX_DESCRIBING_WORDS {
            let open = after + skipped;
            // After a describing word the quotation mark must open, with a
            // space before it: `انتهت".` closes a quotation.
            let spaced =
                skipped == 0 || (open < tokens.len() && tokens[open - 1].end < tokens[open].start);
            if spaced {
                if let Some(found) = self
                    .quoted_after(d, open, Label::Misc, "name/misc-quoted")
                    .or_else(|| self.bracketed_title(d, open))
                {
                    return Some(found);
                }
            }
            if open >= d.a.len()
                || (d.is_stop(open) && !self.stop_adjectives.contains(d.a.key(open)))
                || d.any(open, flag::PRONOUN_SUFFIX)
                || self.is_verb_shaped(d, open)
            {
                return None;
            }
        }
        None
    }

    /// An event named with its head (decision 103): an indefinite head
    /// before a listed GPE (`[مهرجان عمان السينمائي الدولي]`, `[معرض
    /// الرياض الدولي للكتاب]`), or a definite head before a nationality
    /// adjective (`[القمة العربية الإسلامية المشتركة غير العادية]`) or
    /// before adjectives and a purpose complement (`[المؤتمر الدولي
    /// للاستثمار السياحي]`). The name runs on over definite adjectives
    /// (any adjective shape after the first: `المشتركة`, `الطارئة`), `غير` +
    /// an adjective, and one
    /// `لل` complement with its adjectives and `و`+ال conjuncts (`للطاقة
    /// المتجددة`, `للثقافة والفنون`).
    /// A definite head with adjectives alone describes (`المؤتمر الصحفي`).
    pub(super) fn event_with_head(
        &self,
        d: &Doc<'_>,
        head: usize,
        start: usize,
        after: usize,
    ) -> Option<Vec<Mention>> {
        const MAX_ADJECTIVES: usize = 5;
        const MAX_COMPLEMENT_WORDS: usize = 3;
        let a = d.a;
        if after >= a.len() || after == 0 {
            return None;
        }
        let definite = d.has_article(after - 1) || a.key(head).starts_with(LIL);
        let (mut j, mut last, mut named) = if definite {
            (after, after - 1, false)
        } else {
            // `مؤتمر روما`, not `قمة جبل …` (a summit of a mountain: LOC).
            let place_end = self
                .gaz_matches(d, after, false)
                .into_iter()
                .filter(|m| m.payload.label == Label::Gpe)
                .map(|m| m.end)
                .max()?;
            (place_end, place_end - 1, true)
        };
        let definite_adjective = |k: usize, first: bool| {
            let key = a.key(k);
            key.starts_with(AL)
                && d.has_article(k)
                && !d.is_stop(k)
                && (d.is_norp(k)
                    || super::context_rules::is_nisba_shaped(key)
                    || (!first && super::org_heads::adjective_like(key)))
        };
        let mut adjectives = 0;
        while j < a.len() && adjectives < MAX_ADJECTIVES {
            if a.key(j) == GHAYR && j + 1 < a.len() && definite_adjective(j + 1, false) {
                last = j + 1;
                j += 2;
            } else if definite_adjective(j, adjectives == 0) {
                if definite && adjectives == 0 && d.is_norp(j) {
                    named = true;
                }
                last = j;
                j += 1;
            } else {
                break;
            }
            adjectives += 1;
        }
        let key = |k: usize| a.key(k);
        if j < a.len()
            && (adjectives > 0 || !definite)
            && key(j).starts_with(LIL)
            && key(j).chars().count() > 4
            && !d.is_stop(j)
            && !self.is_verb_shaped(d, j)
            // `للمرة الأولى`, `للعام الثاني`: a count of times, no remit.
            && !(j + 1 < a.len() && d.any(j + 1, flag::RANK))
        {
            named = true;
            last = j;
            j += 1;
            for _ in 0..MAX_COMPLEMENT_WORDS {
                let more = j < a.len()
                    && !d.is_stop(j)
                    && (definite_adjective(j, false)
                        || (super::org_rules::is_definite_conjunct(key(j))
                            && self.vocab.own(&key(j)['و'.len_utf8()..]) & flag::STOP == 0));
                if !more {
                    break;
                }
                last = j;
                j += 1;
            }
        }
        if !named || (definite && adjectives == 0) {
            return None;
        }
        let end = a.tokens()[last].end;
        let mut m = self.trigger_mention(d, start, end, Label::Misc, "name/event-head");
        if d.ctx.explain {
            m.evidence = format!("an event head `{}` kept with its name", a.surface(head));
        }
        Some(vec![m])
    }

    /// A title without quotes right after a word that introduces one
    /// (`بعنوان [فرصتنا الاخيرة والافضل] يتحدث`, decision 57): the words up
    /// to a punctuation mark, a number, a stop word, a verb or the end of
    /// the line, at most six; the first is no stop word or verb.
    pub(super) fn unquoted_title(&self, d: &Doc<'_>, first: usize) -> Option<Vec<Mention>> {
        const MAX_TITLE_WORDS: usize = 6;
        let a = d.a;
        // A stop word behind a proclitic ends it too (`ونشر`), and so
        // does the word before a year (`عام 2005`; a year right after the
        // title joins it later, as after any MISC: `[رؤية 2030]`).
        let ends = |k: usize| {
            k >= a.len()
                || ((d.is_stop(k) || d.any_or_stem(k, flag::STOP))
                    && !self.stop_adjectives.contains(a.key(k)))
                || self.is_verb_shaped(d, k)
                || a.gap_before(k).contains('\n')
                || (k > first && k + 1 < a.len() && super::patterns::is_year(a.surface(k + 1)))
        };
        if ends(first) {
            return None;
        }
        let end = (first + 1..first + MAX_TITLE_WORDS)
            .find(|&k| ends(k))
            .unwrap_or(first + MAX_TITLE_WORDS);
        // A longer run that no stop closes is a sentence, no title.
        if !ends(end) {
            return None;
        }
        Some(vec![self.span(
            d,
            first,
            end - 1,
            Label::Misc,
            "name/title-unquoted",
        )])
    }

    /// A title in brackets after a work or product head (`ديوانه الأول
    /// ( [رقصة الهياج] )`, decision 57 with rule 4: the brackets are
    /// outside). The bracket holds one to eight tokens, no full stop, and
    /// starts with a word that is no stop word (`( 1980 )` is a year,
    /// `( الذي … )` a clause) or an organization (a credited source:
    /// `( رويترز )`); one ordinary, listed or adjective word alone is a
    /// genre or a gloss (`( وثائقي )`).
    fn bracketed_title(&self, d: &Doc<'_>, open: usize) -> Option<Vec<Mention>> {
        const MAX_TITLE_TOKENS: usize = 8;
        let a = d.a;
        if open + 2 >= a.len() || a.light(open) != "(" {
            return None;
        }
        let first = open + 1;
        // A news source credited in brackets (`مؤتمر صحفي ( رويترز )`) is
        // no title.
        if d.is_stop(first) || d.any(first, flag::ORG_WORD) {
            return None;
        }
        let close = (first..a.len().min(first + MAX_TITLE_TOKENS + 1))
            .take_while(|&k| a.light(k) != ".")
            .find(|&k| a.light(k) == ")")?;
        // One ordinary word or adjective alone is a gloss or a genre.
        let gloss = close == first + 1
            && (d.any(first, flag::COMMON | flag::GAZ_WORD)
                || super::context_rules::is_nisba_shaped(a.key(first)));
        (close > first && !gloss)
            .then(|| vec![self.span(d, first, close - 1, Label::Misc, "name/misc-bracketed")])
    }

    /// Extend every MISC candidate that a year follows directly over that
    /// year (`[كأس العالم 2026]`); a year in brackets or after a comma is
    /// another mention (`([2006])`).
    pub(super) fn extend_misc_over_year(&self, d: &Doc<'_>, found: &mut [Mention]) {
        let tokens = d.a.tokens();
        for m in found.iter_mut().filter(|m| m.label == Label::Misc) {
            let Some(next) = token_after(d, m) else {
                continue;
            };
            if tokens[next].start == m.end
                || !super::patterns::is_year(d.a.surface(next))
                || opens_period(d, next)
            {
                continue;
            }
            m.end = tokens[next].end;
            m.text.clear();
            if d.ctx.explain {
                m.evidence = format!(
                    "{}; runs on over the year `{}`",
                    m.evidence,
                    d.a.surface(next)
                );
            }
        }
    }
}

/// Whether the year at `i` opens a period that another year closes
/// (`1914 1918`, `1914 - 1918`): the period is a DATE of its own
/// (decision 62), no part of the event's name.
fn opens_period(d: &Doc<'_>, i: usize) -> bool {
    let a = d.a;
    let year_at = |k: usize| k < a.len() && super::patterns::is_year(a.surface(k));
    year_at(i + 1) || (i + 1 < a.len() && matches!(a.light(i + 1), "-" | "–") && year_at(i + 2))
}

/// The token after a mention that ends on a token boundary.
fn token_after(d: &Doc<'_>, m: &Mention) -> Option<usize> {
    let tokens = d.a.tokens();
    let next = d.offsets().starting_before(m.end);
    (next < tokens.len() && next > 0 && tokens[next - 1].end == m.end).then_some(next)
}
