//! Dates relative to the reference date or to a calendar unit: weekdays of
//! a week, the n-th weekday or week of a month, the last day of a month,
//! deictic days and grains (`أمس`, `العام الماضي`), `قبل` + a duration,
//! quarters, halves and seasons (decades and centuries: decades.rs).

#![allow(
    clippy::collapsible_if,
    clippy::collapsible_match,
    clippy::collapsible_else_if
)]

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::Value;

use super::super::function_words::Role;
use super::super::lexicon::{kind, stems, Doc, Relative};
use super::super::{duration, duration_label, key_at, Candidate, DocState, NumberRecognizer};
use super::iso_day;
use super::{add_months, grain_value};
use crate::mention::Label;
use crate::text::TokenKind;

impl NumberRecognizer {
    /// A weekday tied to a week or a day of this month: `الأحد من الأسبوع
    /// الماضي`, `اثنين الأسبوع الحالي`, `هذا الاثنين`, `السبت السادس عشر`,
    /// `الثلاثاء التاسع عشر من هذا الشهر`.
    pub(crate) fn weekday_of(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<Candidate> {
        if i >= state.a.len() {
            return None;
        }
        let a = state.a;
        let lexicon = &self.lexicon;
        let mut j = i;
        if lexicon.tok_is(a, i, Role::This) {
            j += 1;
        }
        let (d, _, e) = match self.weekday_at(a, j) {
            Some(w) => w,
            None => {
                if !a.key_is(j, kind::WEEKDAY) {
                    return None;
                }
                let d = *lexicon.weekdays.get(key_at(a, j))?;
                (d, 0, j + 1)
            }
        };
        let start = a.tokens()[i].start;
        let bare_form =
            !key_at(a, j).starts_with(lexicon.fw.article()) && !lexicon.tok_is(a, j, Role::DayNoun);
        if j > i {
            if bare_form {
                return None;
            }
            return Some(Candidate::new(
                start,
                e,
                Label::Date,
                Value::String(format!("XXXX-WXX-{d}")),
                "date/weekday",
            ));
        }
        let r = state.refd?;
        let mut k = e;
        if lexicon.tok_is(a, k, Role::Of) {
            k += 1;
        }
        if let Some((o, end)) = self.week_at(a, k) {
            return Some(Candidate::new(
                start,
                end,
                Label::Date,
                day_of_week(r, o, d),
                "date/weekday",
            ));
        }
        if bare_form {
            return None;
        }
        // A day of this month: السبت السادس عشر. With `من` after it, the
        // month is named (`من هذا الشهر`, `من الشهر المقبل`: day_of_month.rs;
        // `من أبريل`: date_parts).
        let o = self.ordinal(state, e)?;
        let day = o.value.as_f64()? as u32;
        let end = o.end_tok;
        if lexicon.tok_is(a, end, Role::Of) {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(r.year(), r.month(), day)?;
        Some(Candidate::new(
            start,
            end,
            Label::Date,
            Value::String(iso_day(date)),
            "date/weekday",
        ))
    }

    /// A relative week at `k` (`الأسبوع الماضي`, `هذا الأسبوع`): its
    /// offset from the reference week and the token after it.
    fn week_at(&self, a: &Doc<'_, '_>, k: usize) -> Option<(i64, usize)> {
        let lexicon = &self.lexicon;
        let m = lexicon.relative.at(a, k)?;
        let m2 = lexicon.relative.at(a, m.end_tok)?;
        match (m.value, m2.value) {
            (Relative::Grain(g), Relative::Adj(o)) if g == "week" => Some((*o, m2.end_tok)),
            (Relative::This, Relative::Grain(g)) if g == "week" => Some((0, m2.end_tok)),
            _ => None,
        }
    }

    /// A relative week, then its weekday: `الأسبوع المقبل يوم الجمعة`,
    /// `الأسبوع الماضي الأحد` (the reverse of [`Self::weekday_of`]'s `الأحد
    /// من الأسبوع الماضي`), resolved against the reference date.
    pub(crate) fn week_then_weekday(
        &self,
        state: &DocState<'_, '_, '_>,
        i: usize,
    ) -> Option<Candidate> {
        let a = state.a;
        let r = state.refd?;
        let (o, k) = self.week_at(a, i)?;
        let (d, _, end) = self.weekday_at(a, k)?;
        Some(Candidate::new(
            a.tokens()[i].start,
            end,
            Label::Date,
            day_of_week(r, o, d),
            "date/weekday",
        ))
    }

    /// A weekday with an optional relative adjective (`الخميس`, `يوم
    /// الثلاثاء المقبل`, `الخميس الماضي`): resolved against the dateline when
    /// the adjective says which week.
    pub(crate) fn weekday_relative(
        &self,
        state: &DocState<'_, '_, '_>,
        i: usize,
    ) -> Option<Candidate> {
        let a = state.a;
        let lexicon = &self.lexicon;
        let (d, s, e) = self.weekday_at(a, i)?;
        let mut end = e;
        let mut value = Value::String(format!("XXXX-WXX-{d}"));
        if end < a.len() {
            if let Some(m) = lexicon.relative.at(a, end) {
                if let Relative::Adj(o) = m.value {
                    if *o != 0 {
                        if let Some(r) = state.refd {
                            let cur = r.weekday().number_from_monday() as i64;
                            let delta = if *o > 0 {
                                let x = (d as i64 - cur).rem_euclid(7);
                                if x == 0 {
                                    7
                                } else {
                                    x
                                }
                            } else {
                                let x = (cur - d as i64).rem_euclid(7);
                                -(if x == 0 { 7 } else { x })
                            };
                            let date = r + Duration::days(delta);
                            value = Value::String(iso_day(date));
                            end = m.end_tok;
                        }
                    }
                }
            }
        }
        Some(Candidate::new(s, end, Label::Date, value, "date/weekday"))
    }

    /// A definite dual unit with a relative adjective, a duration of two
    /// units: `الأسبوعين الماضيين` = P2W, `الشهرين المقبلين` = P2M (N14).
    pub(crate) fn dual_period(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<Candidate> {
        let a = state.a;
        let lexicon = &self.lexicon;
        if i + 1 >= a.len() || !a.key_is(i, kind::DEF_TIME_UNIT) {
            return None;
        }
        let bare = lexicon.fw.strip_article(key_at(a, i))?;
        let unit = lexicon.time_units.get(bare).filter(|u| u.count == 2)?;
        let adjective = lexicon.relative.at(a, i + 1)?;
        if !matches!(adjective.value, Relative::Adj(o) if *o != 0) {
            return None;
        }
        Some(Candidate::new(
            a.tokens()[i].start,
            adjective.end_tok,
            duration_label(&unit.unit),
            duration(Some(2.0), &unit.unit),
            "date/duration",
        ))
    }

    /// The day named right after a part of the day (`صباح [اليوم]`,
    /// `مساء [الأحد]`, with `parts` also `صباح [7 أبريل]`): the longest DATE
    /// among a relative day, a weekday and (optionally) a written date.
    pub(crate) fn day_after(
        &self,
        state: &DocState<'_, '_, '_>,
        k: usize,
        parts: bool,
    ) -> Option<Candidate> {
        let mut tmp = Vec::new();
        self.relative_at(state, k, &mut tmp);
        if parts {
            if let Some(p) = self.date_parts(state, k) {
                tmp.push(Candidate::new(
                    p.start,
                    p.end_tok,
                    Label::Date,
                    self.parts_value(state, &p),
                    "date",
                ));
            }
        }
        if let Some(c) = self.weekday_relative(state, k) {
            tmp.push(Candidate { start: 0, ..c });
        }
        tmp.into_iter()
            .filter(|c| c.label == Label::Date)
            .max_by_key(|c| c.end_tok)
    }

    /// The last day of a month: `آخر يوم من شهر عشرة سنة 2015`,
    /// `اليوم الأخير من شهر أكتوبر`.
    pub(crate) fn last_day(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<Candidate> {
        let a = state.a;
        let lexicon = &self.lexicon;
        let last_day = lexicon.tok_is(a, i, Role::Last) && lexicon.tok_is(a, i + 1, Role::DayNoun)
            || lexicon.tok_is(a, i, Role::DayNounDef) && lexicon.tok_is(a, i + 1, Role::Last);
        if !last_day {
            return None;
        }
        let k = i + 2;
        let (m, y, end) = self.gregorian_month_year(state, k)?;
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        let last = NaiveDate::from_ymd_opt(ny, nm, 1)? - Duration::days(1);
        Some(Candidate::new(
            a.tokens()[i].start,
            end,
            Label::Date,
            Value::String(iso_day(last)),
            "date/last-day",
        ))
    }

    /// The n-th (or last) week of a month, as an ISO week: weeks are counted
    /// from the first Monday of the month, the last one ends in the month
    /// (`أول أسبوع بشهر أكتوبر 2014`, `الأسبوع الأخير في الشهر التاسع`).
    pub(crate) fn nth_week(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<Candidate> {
        let a = state.a;
        let lexicon = &self.lexicon;
        let last_word = |k: usize| lexicon.tok_is(a, k, Role::Last);
        let (nth, k) = if lexicon.tok_is(a, i, Role::WeekNounDef) {
            if last_word(i + 1) {
                (-1, i + 2)
            } else {
                let o = self.ordinal(state, i + 1)?;
                (o.value.as_f64()? as i32, o.end_tok)
            }
        } else {
            let n = if last_word(i) {
                -1
            } else {
                if !a.key_is(i, kind::ORDINAL) {
                    return None;
                }
                let (v, any) = *lexicon.ordinals.get(key_at(a, i))?;
                if !any {
                    return None;
                }
                v as i32
            };
            if !lexicon.tok_is(a, i + 1, Role::WeekNoun) {
                return None;
            }
            (n, i + 2)
        };
        if nth == 0 || nth > 5 {
            return None;
        }
        let (m, y, end) = self.gregorian_month_year(state, k)?;
        let first = NaiveDate::from_ymd_opt(y, m, 1)?;
        let monday = if nth > 0 {
            let off = (7 - first.weekday().num_days_from_monday() as i64) % 7;
            first + Duration::days(off + 7 * (nth as i64 - 1))
        } else {
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            let last = NaiveDate::from_ymd_opt(ny, nm, 1)? - Duration::days(1);
            // The last week that ends in the month.
            let sunday =
                last - Duration::days((last.weekday().num_days_from_monday() as i64 + 1) % 7);
            sunday - Duration::days(6)
        };
        if monday.month() != m {
            return None;
        }
        let w = monday.iso_week();
        Some(Candidate::new(
            a.tokens()[i].start,
            end,
            Label::Date,
            Value::String(format!("{:04}-W{:02}", w.year(), w.week())),
            "date/nth-week",
        ))
    }

    /// The n-th (or last) weekday of a month: `ثالث ثلاثاء في أيلول 2014`,
    /// `آخر اثنين من شهر آذار`, `الثلاثاء الأخير من شهر مارس`.
    pub(crate) fn nth_weekday(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<Candidate> {
        if i >= state.a.len() {
            return None;
        }
        let a = state.a;
        let lexicon = &self.lexicon;
        let start = a.tokens()[i].start;
        let last_word = |k: usize| lexicon.tok_is(a, k, Role::Last);
        // Pattern A: ordinal / آخر, [يوم], weekday.
        let (nth, d, mut k, weekday_first) = if let Some((d, _, e)) = self.weekday_at(a, i) {
            // Pattern B: weekday, ordinal / الأخير.
            if last_word(e) {
                (-1, d, e + 1, true)
            } else {
                let o = self.ordinal(state, e)?;
                let n = o.value.as_f64()? as i32;
                (n, d, o.end_tok, true)
            }
        } else {
            let (n, mut e) = if last_word(i) {
                (-1, i + 1)
            } else {
                if !a.key_is(i, kind::ORDINAL) {
                    return None;
                }
                let key = key_at(a, i);
                let (v, any) = *lexicon.ordinals.get(key)?;
                if !any {
                    return None;
                }
                (v as i32, i + 1)
            };
            if lexicon.tok_is(a, e, Role::DayNoun) {
                e += 1;
            }
            let key = key_at(a, e);
            let d = *lexicon.weekdays.get(key).or_else(|| {
                lexicon
                    .weekdays
                    .get(lexicon.fw.strip_article(key).unwrap_or(""))
            })?;
            (n, d, e + 1, false)
        };
        if nth == 0 || nth > 5 {
            return None;
        }
        // The month: من/في/ب + month [year], or الشهر القادم.
        if lexicon.tok_is(a, k, Role::DateLink) {
            k += 1;
        }
        let (month, year, end) = if let Some((m, hijri, _, _, e)) = self.month_at(a, k) {
            if hijri {
                return None;
            }
            let mut end = e;
            let mut year = None;
            if let Some((y, ye, _)) = self.year_at(a, end, false) {
                year = Some(y);
                end = ye;
            } else if let Some(m2) = lexicon.relative.at(a, end) {
                if let Relative::Grain(g) = m2.value {
                    if g == "year" {
                        if let Some(m3) = lexicon.relative.at(a, m2.end_tok) {
                            if let Relative::Adj(o) = m3.value {
                                year = state.refd.map(|r| r.year() + *o as i32);
                                end = m3.end_tok;
                            }
                        }
                    }
                }
            }
            (m, year.or(state.refd.map(|r| r.year())), end)
        } else if let Some(m) = lexicon.relative.at(a, k) {
            let Relative::Grain(g) = m.value else {
                return None;
            };
            if g != "month" {
                return None;
            }
            let m2 = lexicon.relative.at(a, m.end_tok)?;
            let Relative::Adj(o) = m2.value else {
                return None;
            };
            let (y, mo) = add_months(state.refd?, *o);
            (mo, Some(y), m2.end_tok)
        } else {
            return None;
        };
        let year = year?;
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let date = if nth > 0 {
            let off = (d as i64 - first.weekday().number_from_monday() as i64).rem_euclid(7);
            first + Duration::days(off + 7 * (nth as i64 - 1))
        } else {
            let (ny, nm) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
            let last = NaiveDate::from_ymd_opt(ny, nm, 1)? - Duration::days(1);
            let off = (last.weekday().number_from_monday() as i64 - d as i64).rem_euclid(7);
            last - Duration::days(off)
        };
        if date.month() != month {
            return None;
        }
        // الثلاثاء الثالث من أيلول: the 3rd of September when it is a Tuesday.
        if weekday_first && nth > 0 {
            if let Some(dm) = NaiveDate::from_ymd_opt(year, month, nth as u32) {
                if dm.weekday().number_from_monday() == d {
                    return None;
                }
            }
        }
        let mut c = Candidate::new(
            start,
            end,
            Label::Date,
            Value::String(iso_day(date)),
            "date/nth-weekday",
        );
        c.priority = -1;
        Some(c)
    }

    /// Relative dates: اليوم, أمس, العام الماضي, هذا الأسبوع, السنوات
    /// الأخيرة, قبل أسبوع.
    pub(crate) fn relative_at(
        &self,
        state: &DocState<'_, '_, '_>,
        i: usize,
        out: &mut Vec<Candidate>,
    ) {
        if i >= state.a.len() {
            return;
        }
        let a = state.a;
        let lexicon = &self.lexicon;
        let Some(m) = lexicon.relative.at_clitic(a, i) else {
            // قبل + duration: a past date.
            if lexicon.tok_is(a, i, Role::Ago) {
                if let Some(c) = self.ago(state, i) {
                    out.push(c);
                }
            }
            return;
        };
        let start = m.start;
        let r = state.refd;
        match m.value {
            Relative::Day(o) => {
                let v = r.map_or(Value::Null, |r| {
                    Value::String(iso_day(r + Duration::days(*o)))
                });
                let time = self.time_after(state, m.end_tok, v.as_str());
                let mut c = Candidate::new(start, m.end_tok, Label::Date, v, "date/relative");
                c.evidence = state.evidence(|| format!("relative day {o:+}"));
                if let Some(t) = time {
                    out.push(Candidate { start, ..t });
                }
                out.push(c);
            }
            Relative::Grain(g) => {
                let e = m.end_tok;
                if e >= a.len() {
                    return;
                }
                if let Some(m2) = lexicon.relative.at(a, e) {
                    if let Relative::Adj(o) = m2.value {
                        let v = r.map_or(Value::Null, |r| grain_value(r, g, *o));
                        out.push(Candidate::new(
                            start,
                            m2.end_tok,
                            Label::Date,
                            v,
                            "date/relative",
                        ));
                    }
                }
            }
            Relative::This => {
                let e = m.end_tok;
                if let Some(m2) = lexicon.relative.at(a, e) {
                    if let Relative::Grain(g) = m2.value {
                        let v = r.map_or(Value::Null, |r| grain_value(r, g, 0));
                        out.push(Candidate::new(
                            start,
                            m2.end_tok,
                            Label::Date,
                            v,
                            "date/relative",
                        ));
                    }
                    if let Relative::Day(0) = m2.value {
                        let v = r.map_or(Value::Null, |r| Value::String(iso_day(r)));
                        out.push(Candidate::new(
                            start,
                            m2.end_tok,
                            Label::Date,
                            v,
                            "date/relative",
                        ));
                    }
                }
            }
            Relative::VagueGrain => {
                let mut e = m.end_tok;
                // السنوات الخمس الماضية
                if e < a.len() {
                    if let Some(w) = lexicon
                        .words
                        .get(lexicon.fw.strip_article(key_at(a, e)).unwrap_or(""))
                    {
                        if w.unit.is_some() || w.ten || w.tens.is_some() {
                            e += 1;
                        }
                    }
                }
                let mut k = e;
                let mut found = false;
                while k < a.len() && k < e + 2 {
                    match lexicon.relative.at(a, k) {
                        Some(m2) if matches!(m2.value, Relative::VagueAdj | Relative::Adj(_)) => {
                            k = m2.end_tok;
                            found = true;
                        }
                        _ => break,
                    }
                }
                if found {
                    out.push(Candidate::new(
                        start,
                        k,
                        Label::Date,
                        Value::Null,
                        "date/relative",
                    ));
                }
            }
            _ => {}
        }
    }

    /// `قبل أسبوع`, `قبل ثلاثة أيام`: a date before the reference.
    pub(crate) fn ago(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<Candidate> {
        if i >= state.a.len() {
            return None;
        }
        let a = state.a;
        let r = state.refd?;
        let j = i + 1;
        if j >= a.len() {
            return None;
        }
        let (n, e) = match self.lexicon.number(a, j) {
            Some(n) => (n.value?, n.end_tok),
            None => (1.0, j),
        };
        let t = self.lexicon.time_units.get(key_at(a, e))?;
        let n = if e == j { t.count.max(1) as f64 } else { n };
        if t.count == 0 && e == j {
            return None;
        }
        let n = n as i64;
        let v = match t.unit.as_str() {
            "D" => iso_day(r - Duration::days(n)),
            "W" => iso_day(r - Duration::days(7 * n)),
            "M" => {
                let (y, m) = add_months(r, -n);
                format!("{y:04}-{m:02}")
            }
            "Y" => format!("{}", r.year() as i64 - n),
            _ => return None,
        };
        Some(Candidate::new(
            a.tokens()[i].start,
            e + 1,
            Label::Date,
            Value::String(v),
            "date/relative",
        ))
    }

    /// Quarters, halves and seasons: الربع الأول من العام, النصف الثاني من
    /// عام 2026, صيف 2019.
    pub(crate) fn period_at(
        &self,
        state: &DocState<'_, '_, '_>,
        i: usize,
        out: &mut Vec<Candidate>,
    ) {
        if i >= state.a.len() {
            return;
        }
        let a = state.a;
        let lexicon = &self.lexicon;
        if !a.key_is(i, kind::PERIOD) {
            return;
        }
        let Some(p) = lexicon.periods.get(key_at(a, i)) else {
            return;
        };
        let start = a.tokens()[i].start;
        let (code, mut e) = if p.kind == "season" {
            (p.value.clone(), i + 1)
        } else {
            let max = if p.kind == "quarter" { 4 } else { 2 };
            let (n, end) = if lexicon.tok_is(a, i + 1, Role::Last) {
                (max, i + 2)
            } else {
                let Some(o) = self.ordinal(state, i + 1) else {
                    return;
                };
                (o.value.as_f64().unwrap_or(0.0) as u32, o.end_tok)
            };
            if n == 0 || n > max {
                return;
            }
            (format!("{}{n}", p.value), end)
        };
        // The year: من العام [الماضي], من عام 2015, 2019, العام الماضي.
        let mut year = None;
        let mut k = e;
        if lexicon.tok_is(a, k, Role::Of) {
            k += 1;
        }
        if let Some((y, ye, _)) = self.year_at(a, k, false) {
            year = Some(y);
            e = ye;
        } else if lexicon.tok_is(a, k, Role::YearNounDef) || lexicon.tok_is(a, k, Role::This) {
            let mut k2 = k;
            if lexicon.tok_is(a, k2, Role::This) {
                k2 += 1;
            }
            let mut off = 0;
            let mut end = k2 + 1;
            if end < a.len() {
                if let Some(m) = lexicon.relative.at(a, end) {
                    if let Relative::Adj(o) = m.value {
                        off = *o;
                        end = m.end_tok;
                    }
                }
            }
            if lexicon.tok_is(a, k2, Role::YearNounDef) {
                year = state.refd.map(|r| r.year() + off as i32);
                e = end;
            }
        } else if let Some((o, end)) = lexicon
            .relative
            .at(a, e)
            .filter(|_| p.kind == "season")
            .and_then(|m| match m.value {
                Relative::Adj(o) => Some((*o, m.end_tok)),
                _ => None,
            })
        {
            // A season with a relative adjective: الصيف المقبل, الشتاء
            // الماضي (the season of the reference year moved by it).
            year = state.refd.map(|r| r.year() + o as i32);
            e = end;
            if year.is_none() {
                return;
            }
        } else if p.kind == "season" {
            // A season alone after a preposition of time, not a name's head
            // (الربيع العربي): its year unknown (GUIDELINES decision 64).
            let prev = if i > 0 { key_at(a, i - 1) } else { "" };
            let after_cue =
                self.is_date_cue(prev) || stems(prev).any(|(_, s)| self.is_date_cue(&s));
            let next_is_name_part = e < a.len()
                && a.tokens()[e].kind == TokenKind::Word
                && key_at(a, e).starts_with(lexicon.fw.article());
            if !after_cue || next_is_name_part {
                return;
            }
            out.push(Candidate::new(
                start,
                e,
                Label::Date,
                Value::String(format!("XXXX-{code}")),
                "date/period",
            ));
            return;
        }
        let v = match year {
            Some(y) => Value::String(format!("{y:04}-{code}")),
            None => match state.refd {
                Some(r) => Value::String(format!("{:04}-{code}", r.year())),
                None => Value::String(format!("XXXX-{code}")),
            },
        };
        out.push(Candidate::new(start, e, Label::Date, v, "date/period"));
    }
}

/// Weekday `d` (Monday 1) of the ISO week `o` weeks from the reference
/// date's week.
fn day_of_week(r: NaiveDate, o: i64, d: u32) -> Value {
    let monday =
        r - Duration::days(r.weekday().num_days_from_monday() as i64) + Duration::days(7 * o);
    let date = monday + Duration::days(d as i64 - 1);
    Value::String(iso_day(date))
}
