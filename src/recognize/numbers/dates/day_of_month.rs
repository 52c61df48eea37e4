//! A day of a month named by its place relative to the reference date:
//! `الخامس عشر من الشهر الجاري`, `20 من الشهر المقبل`, `العاشر من هذا الشهر`,
//! `يوم 3 من الشهر الماضي`, `15 الجاري`, `الخميس 27 الجاري` (rule
//! `date/day-of-month`). The day is an ordinal word or a number from 1 to 31,
//! maybe after a weekday; `من` and the relative month follow, or, after
//! digits, the relative adjective alone (`الجاري`, `المقبل`). A day
//! noun before a number belongs to the date, as a year noun does (annotation
//! rule 5; GUIDELINES decision 85). The value is the day in the month the
//! adjective names, against the dateline; `null` without one.

use chrono::NaiveDate;
use serde_json::Value;

use super::super::function_words::Role;
use super::super::lexicon::{kind, Doc, Relative};
use super::super::ordinals::may_be_ordinal;
use super::super::{is_comma, key_at, light_at, Candidate, DocState, NumberRecognizer};
use super::gregorian::may_be_weekday;
use super::iso_day;
use super::{add_months, plain_int};
use crate::mention::Label;
use crate::text::TokenKind;

/// The rule id of a day of a relative month.
pub(crate) const RULE: &str = "date/day-of-month";

impl NumberRecognizer {
    /// `الخامس عشر من الشهر الجاري` starting at token `i` (at the day, or at
    /// a day noun before a number).
    pub(crate) fn day_of_relative_month(
        &self,
        state: &DocState<'_, '_, '_>,
        i: usize,
    ) -> Option<Candidate> {
        let a = state.a;
        let lexicon = &self.lexicon;
        if i >= a.len() {
            return None;
        }
        // A word starts the date only as a weekday, a day noun (`يوم`,
        // `اليوم`), or the day itself: an ordinal, or the article before
        // digits (it has the ordinal flag). Any other word is turned away
        // here by its bits, as every reading below would turn it away.
        if a.tokens()[i].kind == TokenKind::Word
            && !may_be_weekday(a, i)
            && !a.role_is(i, Role::DayNoun)
            && !a.role_is(i, Role::DayNounDef)
            && !may_be_ordinal(a, i)
        {
            return None;
        }
        let start = a.tokens()[i].start;
        // `الخميس 27 الجاري`, `يوم الأحد، الموافق 16 من الشهر الجاري`: a
        // weekday before the day opens the date (`يوم` outside: N7).
        let (start, i, weekday) = match self.weekday_at(a, i) {
            Some((_, weekday_start, mut e)) => {
                while e < a.len() && is_comma(light_at(a, e)) {
                    e += 1;
                }
                if lexicon.tok_is(a, e, Role::WeekdayLink) {
                    e += 1;
                }
                (weekday_start, e, true)
            }
            None => (start, i, false),
        };
        // `يوم 20`, `اليوم الخامس عشر`: the day noun opens the date.
        let day_noun = lexicon.tok_is(a, i, Role::DayNoun)
            && a.tokens()
                .get(i + 1)
                .is_some_and(|t| t.kind == TokenKind::Number);
        let day_noun_def = lexicon.tok_is(a, i, Role::DayNounDef);
        let first = if day_noun || day_noun_def { i + 1 } else { i };
        // `الـ15`: the article written before the digits belongs to the day.
        let article_digits =
            key_at(a, first) == lexicon.fw.article() && plain_int(a, first + 1).is_some();
        let digits_at = if article_digits { first + 1 } else { first };
        let (day, end, in_digits) = match plain_int(a, digits_at) {
            Some(n) if !day_noun_def => (n, digits_at + 1, true),
            Some(_) => return None,
            None if day_noun => return None,
            None => {
                // A feminine ordinal counts something else (`المرة الثانية`),
                // and one after another definite noun is its adjective
                // (`الجولة الثالثة`, `الأسبوع الثالث` is nth_week's).
                let after_noun = first == i
                    && !weekday
                    && i > 0
                    && a.tokens()[i - 1].kind == TokenKind::Word
                    && lexicon
                        .fw
                        .strip_article(key_at(a, i - 1))
                        .is_some_and(|noun| noun.chars().nth(1).is_some());
                if after_noun || key_at(a, first).ends_with('ه') {
                    return None;
                }
                let o = self.ordinal(state, first)?;
                if continues_a_number(a, first, &o) {
                    return None;
                }
                (o.value.as_f64()? as u32, o.end_tok, false)
            }
        };
        if !(1..=31).contains(&day) {
            return None;
        }
        // `15 الجاري`: the news idiom with the month left out.
        let month_after = if in_digits && !key_at(a, end).ends_with('ه') {
            match lexicon.relative.at(a, end).map(|m| (m.value, m.end_tok)) {
                Some((Relative::Adj(offset), adj_end)) => Some((*offset, adj_end)),
                _ => None,
            }
        } else {
            None
        };
        let (offset, month_end) = match month_after {
            Some(found) => found,
            None if lexicon.tok_is(a, end, Role::Of) => self.relative_month_at(state, end + 1)?,
            None => return None,
        };
        let value = state.refd.map_or(Value::Null, |r| {
            let (year, month) = add_months(r, offset);
            NaiveDate::from_ymd_opt(year, month, day)
                .map_or(Value::Null, |d| Value::String(iso_day(d)))
        });
        let mut c = Candidate::new(start, month_end, Label::Date, value, RULE);
        c.evidence =
            state.evidence(|| format!("day {day} of the month {offset:+} from the reference"));
        Some(c)
    }

    /// A month named relative to the reference at token `k`: `الشهر الجاري`
    /// (0), `الشهر المقبل` (+1), `الشهر الماضي` (-1), `هذا الشهر` (0); its
    /// offset and the token after it.
    fn relative_month_at(&self, state: &DocState<'_, '_, '_>, k: usize) -> Option<(i64, usize)> {
        let a = state.a;
        let lexicon = &self.lexicon;
        if lexicon.tok_is(a, k, Role::This) && lexicon.tok_is(a, k + 1, Role::MonthNounDef) {
            return Some((0, k + 2));
        }
        if !lexicon.tok_is(a, k, Role::MonthNounDef) {
            return None;
        }
        match lexicon.relative.at(a, k + 1) {
            Some(m) => match m.value {
                Relative::Adj(offset) => Some((*offset, m.end_tok)),
                _ => None,
            },
            None => None,
        }
    }
}

/// Whether an ordinal read at token `j` is the tens half of a compound
/// after `و` (`والعشرون` in `الثانية والعشرون`): the conjunction was
/// stripped, the value is a multiple of ten, and a number or ordinal word
/// comes before (`الخامس عشر والتاسع عشر` is a list of two days).
pub(crate) fn continues_a_number(a: &Doc<'_, '_>, j: usize, ordinal: &Candidate) -> bool {
    j > 0
        && ordinal.start > a.tokens()[j].start
        && ordinal.value.as_f64().is_some_and(|v| v % 10.0 == 0.0)
        && a.key_is(
            j - 1,
            kind::WORD | kind::DEF_WORD | kind::ORDINAL | kind::DEF_ORDINAL,
        )
}
