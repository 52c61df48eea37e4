//! Runs of months inside a year and the same run in another year
//! (GUIDELINES N14): `الأشهر الخمسة الأولى من العام الجاري` =
//! `"2024-01/2024-05"`, `الشهرين الأولين من العام`, `الأشهر الثلاثة الأخيرة
//! من 2023`, and `الفترة نفسها من العام الماضي` / `بالفترة ذاتها من عام 2023`,
//! which take the months of the nearest run before them in the document
//! (`null` without one). The year is a year noun with a relative adjective,
//! the bare calendar year (the dateline's, decision 5) or four digits.

use chrono::Datelike;
use serde_json::Value;

use super::super::function_words::Role;
use super::super::lexicon::{stems, Relative};
use super::super::{key_at, Candidate, DocState, NumberRecognizer};
use crate::mention::Label;

/// How far back (in tokens) `الفترة نفسها` looks for the run it repeats.
const SAME_PERIOD_LOOKBACK: usize = 80;

/// A run of months: the first and last month and the token after the run's
/// words (before `من` and the year).
struct MonthRun {
    first: u32,
    last: u32,
    end_tok: usize,
}

impl NumberRecognizer {
    /// `الأشهر الخمسة الأولى` / `الشهرين الأولين` / `الأشهر الثلاثة الأخيرة`
    /// at `i`, followed by `من` and a year.
    pub(crate) fn months_of_year(
        &self,
        state: &DocState<'_, '_, '_>,
        i: usize,
    ) -> Option<Candidate> {
        let run = self.month_run(state, i)?;
        let a = state.a;
        let lexicon = &self.lexicon;
        if !lexicon.tok_is(a, run.end_tok, Role::Of) {
            return None;
        }
        let (year, end) = self.year_ref(state, run.end_tok + 1)?;
        let value = year.map_or(Value::Null, |y| {
            Value::String(format!("{y:04}-{:02}/{y:04}-{:02}", run.first, run.last))
        });
        Some(Candidate::new(
            a.tokens()[i].start,
            end,
            Label::Date,
            value,
            "date/months-of-year",
        ))
    }

    /// The run of months at `i`, without its year.
    fn month_run(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<MonthRun> {
        let a = state.a;
        let lexicon = &self.lexicon;
        let (count, adj_at) = if a.role_is(i, Role::MonthsNounDef) {
            // الأشهر الخمسة: a definite count word after the plural.
            let n = lexicon.number_def(a, i + 1)?;
            (n.value?, n.end_tok)
        } else if a.role_is(i, Role::MonthsDualDef) {
            (2.0, i + 1)
        } else {
            return None;
        };
        if count.fract() != 0.0 || !(1.0..=11.0).contains(&count) {
            return None;
        }
        let count = count as u32;
        let (first, last) = if a.role_is(adj_at, Role::FirstOfRun) {
            (1, count)
        } else if a.role_is(adj_at, Role::Last) {
            (13 - count, 12)
        } else {
            return None;
        };
        Some(MonthRun {
            first,
            last,
            end_tok: adj_at + 1,
        })
    }

    /// `الفترة نفسها من العام الماضي`, `بالفترة ذاتها من عام 2023`, `نفس
    /// الفترة من العام الماضي` at `i`: the months of the nearest run before
    /// it, in the year named.
    pub(crate) fn same_period(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<Candidate> {
        let a = state.a;
        let lexicon = &self.lexicon;
        let fw = &lexicon.fw;
        // The period noun, also after proclitics (بالفترة); `نفس` may come first.
        let (start, noun_at) = if a.role_is(i + 1, Role::PeriodNounDef)
            && fw.is_with_proclitics(key_at(a, i), Role::Same)
        {
            (self.start_after_proclitics(state, i, Role::Same), i + 1)
        } else if a.role_is(i + 1, Role::Same)
            && fw.is_with_proclitics(key_at(a, i), Role::PeriodNounDef)
        {
            (
                self.start_after_proclitics(state, i, Role::PeriodNounDef),
                i + 2,
            )
        } else {
            return None;
        };
        let of_at = if noun_at == i + 1 { i + 2 } else { noun_at };
        if !lexicon.tok_is(a, of_at, Role::Of) {
            return None;
        }
        let (year, end) = self.year_ref(state, of_at + 1)?;
        let run = (i.saturating_sub(SAME_PERIOD_LOOKBACK)..i)
            .rev()
            .find_map(|k| self.month_run(state, k));
        let value = match (year, run) {
            (Some(y), Some(r)) => {
                Value::String(format!("{y:04}-{:02}/{y:04}-{:02}", r.first, r.last))
            }
            _ => Value::Null,
        };
        Some(Candidate::new(
            start,
            end,
            Label::Date,
            value,
            "date/same-period",
        ))
    }

    /// Where the word at `i` starts once proclitics before `role`'s word are
    /// dropped (`ب[الفترة]`).
    fn start_after_proclitics(&self, state: &DocState<'_, '_, '_>, i: usize, role: Role) -> usize {
        let a = state.a;
        if a.role_is(i, role) {
            return a.tokens()[i].start;
        }
        stems(key_at(a, i))
            .find(|(_, s)| self.lexicon.fw.is(s, role))
            .map_or(a.tokens()[i].start, |(chars, _)| a.orig_offset(i, chars))
    }

    /// A year at `k`: `عام 2023` / `2023`, or the calendar year with an
    /// optional relative adjective (`العام`, `العام الجاري`, `العام الماضي`,
    /// `هذا العام`). The year (`None` when it needs a dateline and there is
    /// none) and the token after it.
    pub(crate) fn year_ref(
        &self,
        state: &DocState<'_, '_, '_>,
        k: usize,
    ) -> Option<(Option<i32>, usize)> {
        let a = state.a;
        let lexicon = &self.lexicon;
        if let Some((y, end, false)) = self.year_at(a, k, false) {
            return Some((Some(y), end));
        }
        let k2 = if lexicon.tok_is(a, k, Role::This) {
            k + 1
        } else {
            k
        };
        if !lexicon.tok_is(a, k2, Role::YearNounDef) {
            return None;
        }
        let mut off = 0;
        let mut end = k2 + 1;
        if let Some(m) = (end < a.len())
            .then(|| lexicon.relative.at(a, end))
            .flatten()
        {
            if let Relative::Adj(o) = m.value {
                off = *o;
                end = m.end_tok;
            }
        }
        Some((state.refd.map(|r| r.year() + off as i32), end))
    }
}
