//! Year pairs and named years: two years written side by side
//! (`1914 1918`, `1914-1918`, a season `2003 4` or `2003-04`), a range of
//! such pairs (`من 2002 2003 الى 2005 2006`), and a year or pair after a
//! season noun or a fiscal-year phrase (`موسم 2003 4`, `العام المالي 2000`),
//! whose noun is inside the span. Values are TIMEX intervals `"1914/1918"`.

use serde_json::Value;

use super::super::function_words::Role;
use super::super::{light_at, Candidate, DocState, NumberRecognizer};
use super::plain_int;
use crate::mention::Label;
use crate::text::TokenKind;

/// The years a year pair may span at most (`1939 1945`, not `2014 5566`).
const MAX_PAIR_YEARS: i32 = 100;

impl NumberRecognizer {
    /// A year pair, or a year or pair named by a season or fiscal-year noun,
    /// whose first year is the four digits at `i`.
    pub(crate) fn year_pair(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<Candidate> {
        let a = state.a;
        let lexicon = &self.lexicon;
        let first = Self::four_digit_year(state, i)?;
        let named_from = self.season_or_fiscal_noun(state, i);
        let pair = Self::second_year(state, first, i + 1);
        let (mut last, mut end) = match (pair, named_from) {
            (Some(p), _) => p,
            (None, Some(_)) => (first, i + 1),
            (None, None) => return None,
        };
        let mut start = named_from.unwrap_or(a.tokens()[i].start);
        // من 2002 2003 الى 2005 2006: a range of pairs is one interval.
        if pair.is_some() && lexicon.tok_is(a, end, Role::RangeTo) {
            if let Some(second_first) = Self::four_digit_year(state, end + 1) {
                if let Some((y, e)) = Self::second_year(state, second_first, end + 2) {
                    if second_first >= last {
                        last = y;
                        end = e;
                        if named_from.is_none()
                            && i > 0
                            && lexicon.tok_is(a, i - 1, Role::RangeFrom)
                        {
                            start = a.tokens()[i - 1].start;
                        }
                    }
                }
            }
        }
        // Two full years side by side (`1939 1945`) are no count; a dashed
        // or short pair without a season noun needs what follows to show it
        // is no count range (`1500-2000 شخص`).
        let side_by_side = light_at(a, i + 1).len() == 4;
        if named_from.is_none() && !side_by_side && !self.ends_a_year(a, end) {
            return None;
        }
        let value = if last == first {
            format!("{first:04}")
        } else {
            format!("{first:04}/{last:04}")
        };
        let rule = if named_from.is_some() {
            "date/season-year"
        } else {
            "date/year-pair"
        };
        let mut c = Candidate::new(start, end, Label::Date, Value::String(value), rule);
        c.priority = -1;
        Some(c)
    }

    /// Four plain digits at `i` read as a year of 1000–2100.
    fn four_digit_year(state: &DocState<'_, '_, '_>, i: usize) -> Option<i32> {
        if light_at(state.a, i).len() != 4 {
            return None;
        }
        let y = plain_int(state.a, i)? as i32;
        (1000..=2100).contains(&y).then_some(y)
    }

    /// The second year of a pair at `j` (after a space or a dash): four
    /// digits up to a century later, or the short form of the next year
    /// (`2003 4`, `2003-04`). Returns the year and the token after it.
    fn second_year(state: &DocState<'_, '_, '_>, first: i32, j: usize) -> Option<(i32, usize)> {
        let a = state.a;
        let mut k = j;
        if matches!(light_at(a, k), "-" | "\u{2013}" | "\u{2014}") {
            k += 1;
        }
        if k >= a.len() || a.tokens()[k].kind != TokenKind::Number {
            return None;
        }
        let digits = light_at(a, k).len() as u32;
        let n = plain_int(a, k)? as i32;
        let second = match digits {
            4 if n > first && n <= first + MAX_PAIR_YEARS => n,
            1 | 2 if n == (first + 1) % 10_i32.pow(digits) => first + 1,
            _ => return None,
        };
        // Not inside a longer run of digits (a phone number).
        if a.tokens()
            .get(k + 1)
            .is_some_and(|t| t.kind == TokenKind::Number)
        {
            return None;
        }
        Some((second, k + 1))
    }

    /// The start offset of a season noun (`موسم`) or a fiscal-year phrase
    /// (`العام المالي`) right before token `i`.
    fn season_or_fiscal_noun(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<usize> {
        let a = state.a;
        if i >= 1 && self.lexicon.tok_is(a, i - 1, Role::SeasonNoun) {
            return Some(a.tokens()[i - 1].start);
        }
        if i >= 2
            && self.lexicon.tok_is(a, i - 1, Role::FiscalAdjective)
            && a.role_is(i - 2, Role::YearNoun)
        {
            return Some(a.tokens()[i - 2].start);
        }
        None
    }
}
