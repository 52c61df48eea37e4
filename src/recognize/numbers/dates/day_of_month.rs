//! A day of a month named by its place relative to the reference date:
//! `الخامس عشر من الشهر الجاري`, `20 من الشهر المقبل`, `العاشر من هذا الشهر`,
//! `يوم 3 من الشهر الماضي` (rule `date/day-of-month`). The day is an ordinal
//! word or a number from 1 to 31; `من` and the relative month follow. A day
//! noun before a number belongs to the date, as a year noun does (annotation
//! rule 5; GUIDELINES decision 85). The value is the day in the month the
//! adjective names, against the dateline; `null` without one.

use chrono::NaiveDate;
use serde_json::Value;

use super::super::function_words::Role;
use super::super::lexicon::{kind, Doc, Relative};
use super::super::{key_at, Candidate, DocState, NumberRecognizer};
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
        // `يوم 20`, `اليوم الخامس عشر`: the day noun opens the date.
        let day_noun = lexicon.tok_is(a, i, Role::DayNoun)
            && a.tokens()
                .get(i + 1)
                .is_some_and(|t| t.kind == TokenKind::Number);
        let day_noun_def = lexicon.tok_is(a, i, Role::DayNounDef);
        let first = if day_noun || day_noun_def { i + 1 } else { i };
        let (day, end) = match plain_int(a, first) {
            Some(n) if !day_noun_def => (n, first + 1),
            Some(_) => return None,
            None if day_noun => return None,
            None => {
                // A feminine ordinal counts something else (`المرة الثانية`),
                // and one after another definite noun is its adjective
                // (`الجولة الثالثة`, `الأسبوع الثالث` is nth_week's).
                let after_noun = first == i
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
                (o.value.as_f64()? as u32, o.end_tok)
            }
        };
        if !(1..=31).contains(&day) || !lexicon.tok_is(a, end, Role::Of) {
            return None;
        }
        let (offset, month_end) = self.relative_month_at(state, end + 1)?;
        let value = state.refd.map_or(Value::Null, |r| {
            let (year, month) = add_months(r, offset);
            NaiveDate::from_ymd_opt(year, month, day).map_or(Value::Null, |d| {
                Value::String(d.format("%Y-%m-%d").to_string())
            })
        });
        let mut c = Candidate::new(a.tokens()[i].start, month_end, Label::Date, value, RULE);
        c.evidence = format!("day {day} of the month {offset:+} from the reference");
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
