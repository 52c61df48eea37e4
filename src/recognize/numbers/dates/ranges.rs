//! Ranges of dates and clock times after `من` or `بين`: two written
//! dates (`من 13 تموز الى 15 آب 2014`), two days (`من غدا إلى الجمعة`,
//! `بين الجمعة والاثنين`) and two clock times (`من الساعة 3 إلى الساعة
//! 4`, `من 15:00 إلى 17:30`), each one mention from the connector (decision
//! 9, N10).

#![allow(
    clippy::collapsible_if,
    clippy::collapsible_match,
    clippy::collapsible_else_if
)]

use serde_json::Value;

use super::super::function_words::Role;
use super::super::{key_at, light_at, Candidate, DocState, NumberRecognizer};
use crate::mention::Label;
use crate::text::TokenKind;

impl NumberRecognizer {
    /// Date and time ranges after `من` (at `j`, the token after it):
    /// `من 13 تموز الى 15 تموز`, `من الساعة 3 الى الساعة 4 بعد العصر`.
    pub(crate) fn ranges_after_min(
        &self,
        state: &DocState<'_, '_, '_>,
        start: usize,
        j: usize,
        between: bool,
        out: &mut Vec<Candidate>,
    ) {
        let a = state.a;
        if between {
            // بين عامي 2012 و2015: the period starts at بين (decision 9).
            let mut tmp = Vec::new();
            self.dates_plain(state, j, &mut tmp);
            if let Some(mut c) = tmp
                .into_iter()
                .filter(|c| {
                    c.label == Label::Date && c.value.as_str().is_some_and(|v| v.contains('/'))
                })
                .max_by_key(|c| c.end_tok)
            {
                c.start = start;
                out.push(c);
            }
        }
        if let Some(p) = self.date_parts(state, j) {
            if p.day2.is_some() && !between {
                let v = self.parts_value(state, &p);
                out.push(Candidate::new(
                    start,
                    p.end_tok,
                    Label::Date,
                    v,
                    "date/range",
                ));
            } else if p.day2.is_none() {
                // من 13 تموز إلى 15 آب 2014 / بين 13 تموز و15 آب
                let k = p.end_tok;
                let conn = if between {
                    self.lexicon.tok_is(a, k, Role::And)
                } else {
                    self.lexicon.tok_is(a, k, Role::RangeTo)
                };
                let k2 = if conn {
                    k + 1
                } else if between
                    && key_at(a, k).starts_with('و')
                    && a.tokens().get(k).is_some_and(|t| t.kind == TokenKind::Word)
                {
                    k
                } else {
                    usize::MAX
                };
                if let Some(q) = self.date_parts(state, k2) {
                    if p.day.is_some() == q.day.is_some() && !p.hijri && !q.hijri {
                        let mut p2 = p.clone();
                        if p2.year.is_none() {
                            p2.year = q.year;
                        }
                        let (Some(v1), Some(v2)) = (
                            self.parts_value(state, &p2).as_str().map(str::to_string),
                            self.parts_value(state, &q).as_str().map(str::to_string),
                        ) else {
                            return;
                        };
                        out.push(Candidate::new(
                            start,
                            q.end_tok,
                            Label::Date,
                            Value::String(format!("{v1}/{v2}")),
                            "date/range",
                        ));
                    }
                }
            }
        }
        // A day range starts with a day, a date or a time word (the
        // token's DATE flag; most `من` are followed by none).
        if state.has(j, super::super::lexicon::DATE) {
            if let Some(c) = self.day_range(state, start, j, between) {
                out.push(c);
            }
        }
        // Clock ranges: من الساعة 3 إلى الساعة 4, بين الساعة الثانية والرابعة
        // فجرا (N10).
        let k = if self.lexicon.tok_is(a, j, Role::HourNounDef) {
            j + 1
        } else {
            j
        };
        let Some(c1) = self.clock(state, k, k, None) else {
            return;
        };
        // A part of the day, a date, or minutes written with a colon
        // (`من 15:00 إلى 17:30`) make a bound a clock time.
        let clockish = |c: &Candidate, at: usize| {
            c.rule == "time/clock-daypart"
                || c.value.as_str().is_some_and(|v| v.len() > 6)
                || light_at(a, at).contains(':')
        };
        let mut m = c1.end_tok;
        let connector = if between { Role::And } else { Role::RangeTo };
        let glued_and = between
            && key_at(a, m).starts_with('و')
            && a.tokens().get(m).is_some_and(|t| t.kind == TokenKind::Word);
        if self.lexicon.tok_is(a, m, connector) {
            m += 1;
        } else if !glued_and {
            return;
        }
        if self
            .lexicon
            .fw
            .is_with_proclitics(key_at(a, m), Role::HourNounDef)
        {
            m += 1;
        }
        let Some(c2) = self.clock(state, m, m, None) else {
            return;
        };
        // Without الساعة, only a part of the day or minutes make it a time.
        if k == j && !clockish(&c1, k) && !clockish(&c2, m) {
            return;
        }
        let (Some(v1), Some(v2)) = (c1.value.as_str(), c2.value.as_str()) else {
            return;
        };
        let h = |v: &str| v.get(1..3).and_then(|x| x.parse::<u32>().ok());
        let (Some(h1), Some(h2)) = (h(v1), h(v2)) else {
            return;
        };
        let mut first = v1.to_string();
        if c1.rule == "time/clock"
            && c2.rule == "time/clock-daypart"
            && h2 >= 12
            && h1 < 12
            && h1 + 12 <= h2
        {
            first = format!("T{:02}{}", h1 + 12, &v1[3..]);
        }
        // The end inherits the afternoon of the start: من 1:30 بعد الظهر إلى 4.
        let mut second = v2.to_string();
        if c1.rule == "time/clock-daypart"
            && c2.rule == "time/clock"
            && (12..24).contains(&h1)
            && h2 < 12
            && h2 + 12 > h1
            && v2.starts_with('T')
        {
            second = format!("T{:02}{}", h2 + 12, &v2[3..]);
        }
        out.push(Candidate::new(
            start,
            c2.end_tok,
            Label::Time,
            Value::String(format!("{first}/{second}")),
            "time/range",
        ));
    }

    /// A range of two days after `من` or `بين` (at `j`, the token after
    /// it): a relative day, a weekday or a written date on each side, one
    /// DATE interval from the connector's start (decision 9, N10): `من
    /// غدا إلى الجمعة`, `بين الجمعة والاثنين`, `من اليوم حتى 22 أكتوبر`.
    fn day_range(
        &self,
        state: &DocState<'_, '_, '_>,
        start: usize,
        j: usize,
        between: bool,
    ) -> Option<Candidate> {
        let a = state.a;
        let lexicon = &self.lexicon;
        // A day's value: `2016-11-07` or a weekday `XXXX-WXX-5`.
        let day_value = |c: &Candidate| {
            c.value
                .as_str()
                .filter(|v| v.len() == 10 && !v.contains('/'))
                .map(str::to_string)
        };
        let c1 = self.day_after(state, j, true)?;
        let v1 = day_value(&c1)?;
        let k = c1.end_tok;
        let k2 = if between {
            if lexicon.tok_is(a, k, Role::And) {
                k + 1
            } else if key_at(a, k).starts_with('و')
                && a.tokens().get(k).is_some_and(|t| t.kind == TokenKind::Word)
            {
                k
            } else {
                return None;
            }
        } else if lexicon.tok_is(a, k, Role::RangeTo) && light_at(a, k) != "-" {
            k + 1
        } else {
            return None;
        };
        let c2 = self.day_after(state, k2, true)?;
        let v2 = day_value(&c2)?;
        let mut c = Candidate::new(
            start,
            c2.end_tok,
            Label::Date,
            Value::String(format!("{v1}/{v2}")),
            "date/day-range",
        );
        c.evidence = state.evidence(|| format!("days {v1} to {v2}"));
        Some(c)
    }
}
