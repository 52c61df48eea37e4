//! Dates, times, durations and the dateline: day-month-year in every
//! regional month set, numeric dates, year nouns, weekdays, relative dates
//! resolved against the reference date, periods (quarters, halves,
//! seasons), date modifiers, clock times and parts of the day.

#![allow(
    clippy::collapsible_if,
    clippy::collapsible_match,
    clippy::collapsible_else_if
)]

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::Value;

use super::function_words::Role;
use super::lexicon::{kind, stems, Doc, Relative};
use super::{is_comma, sk, sl, Cand, NumberRecognizer, St};
use crate::mention::Label;
use crate::text::TokenKind;

/// The dateline of a document.
#[derive(Debug, Clone)]
pub(crate) struct Dateline {
    pub date: Option<NaiveDate>,
    pub country: Option<String>,
    pub cand: Option<Cand>,
}

/// Parts of a calendar date found in the text.
#[derive(Debug, Clone)]
struct DateParts {
    start: usize,
    end_tok: usize,
    year: Option<i32>,
    month: u32,
    day: Option<u32>,
    day2: Option<u32>,
    hijri: bool,
    has_weekday: bool,
    adj: Option<i64>,
}

fn ymd(y: Option<i32>, m: u32, d: Option<u32>) -> String {
    let ys = y.map_or("XXXX".to_string(), |y| format!("{y:04}"));
    match d {
        Some(d) => format!("{ys}-{m:02}-{d:02}"),
        None => format!("{ys}-{m:02}"),
    }
}

fn add_months(d: NaiveDate, months: i64) -> (i32, u32) {
    let total = d.year() as i64 * 12 + d.month0() as i64 + months;
    (
        (total.div_euclid(12)) as i32,
        (total.rem_euclid(12) + 1) as u32,
    )
}

fn plain_int(a: &Doc<'_, '_>, j: usize) -> Option<u32> {
    if j >= a.len() || a.tokens()[j].kind != TokenKind::Number {
        return None;
    }
    let l = sl(a, j);
    if l.len() > 4 || !l.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    l.parse().ok()
}

impl NumberRecognizer {
    /// The dateline: a place then a full date in the first tokens of the
    /// first line (`بكين 7 أبريل 2015 (شينخوا)`).
    pub(crate) fn dateline(&self, a: &Doc<'_, '_>) -> Option<Dateline> {
        if a.is_empty() {
            return None;
        }
        // The first newline within the first 400 characters.
        let nl = a
            .text()
            .chars()
            .take(400)
            .position(|c| c == '\n')
            .unwrap_or(usize::MAX);
        let first_line_end = a
            .tokens()
            .iter()
            .take(12)
            .position(|t| t.start > nl)
            .unwrap_or(a.len());
        let limit = first_line_end.min(10);
        let st = St {
            a,
            refd: None,
            country: None,
        };
        for i in 1..limit {
            // The place before the date: words only; the date starts with digits
            // and is followed by the end of the line or the agency mark.
            if (0..i).any(|k| {
                a.tokens()[k].kind != TokenKind::Word
                    || a.key_is(k, kind::WORD) && self.lx.words.contains_key(a.key(k))
            }) {
                break;
            }
            if a.tokens()[i].kind != TokenKind::Number {
                continue;
            }
            if let Some(p) = self.date_parts(&st, i) {
                let after = p.end_tok;
                let closes = after >= first_line_end
                    || matches!(sl(a, after), "(" | "/" | "-" | "–" | "—" | ":")
                    || is_comma(sl(a, after));
                if !closes {
                    continue;
                }
                let (Some(y), Some(d)) = (p.year, p.day) else {
                    continue;
                };
                if p.hijri {
                    continue;
                }
                let date = NaiveDate::from_ymd_opt(y, p.month, d);
                let country = (0..i).find_map(|k| {
                    self.lx
                        .dateline_places
                        .at_clitic(a, k)
                        .map(|m| m.value.clone())
                });
                let mut c = Cand::new(
                    a.tokens()[i].start,
                    p.end_tok,
                    Label::Date,
                    date.map_or(Value::Null, |d| {
                        Value::String(d.format("%Y-%m-%d").to_string())
                    }),
                    "date/dateline",
                );
                c.evidence = format!(
                    "dateline date; country {}",
                    country.as_deref().unwrap_or("unknown")
                );
                c.priority = -2;
                return Some(Dateline {
                    date,
                    country,
                    cand: Some(c),
                });
            }
        }
        None
    }

    /// A month name at `j` (after an optional `شهر`, proclitics allowed),
    /// or `شهر` + a month number. Returns (month, hijri, bare, start, end).
    fn month_at(&self, a: &Doc<'_, '_>, j: usize) -> Option<(u32, bool, bool, usize, usize)> {
        if j >= a.len() {
            return None;
        }
        let lx = &self.lx;
        let mut start = a.tokens()[j].start;
        let mut k = j;
        let key = sk(a, j);
        let mut had_shahr = false;
        let whole_noun = a.key_is(j, kind::MONTH_NOUN) && lx.fw.is(key, Role::MonthNoun);
        let shahr = whole_noun
            || a.stem_is(j, kind::MONTH_NOUN)
                && stems(key).any(|(_, s)| lx.fw.is(&s, Role::MonthNoun));
        if shahr {
            if !whole_noun {
                start = a.orig_offset(j, 1);
            }
            had_shahr = true;
            k = j + 1;
            // شهر 3, شهر ثلاثة, الشهر الثامن
            if k < a.len() {
                if let Some(m) = plain_int(a, k) {
                    if (1..=12).contains(&m) {
                        return Some((m, false, true, start, k + 1));
                    }
                }
                if let Some(w) = lx.words.get(sk(a, k)) {
                    let v = w.unit.or(if w.ten { Some(10.0) } else { None });
                    if let Some(v) = v {
                        let mut m = v as u32;
                        let mut e = k + 1;
                        if m <= 2 && lx.words.get(sk(a, e)).is_some_and(|w| w.ten) {
                            m += 10;
                            e += 1;
                        }
                        if (1..=12).contains(&m) {
                            return Some((m, false, true, start, e));
                        }
                    }
                }
                if let Some(o) = self.ordinal(
                    &St {
                        a,
                        refd: None,
                        country: None,
                    },
                    k,
                ) {
                    if let Some(v) = o.value.as_f64() {
                        if lx.fw.is(key, Role::MonthNounDef) && (1.0..=12.0).contains(&v) {
                            return Some((v as u32, false, true, start, o.end_tok));
                        }
                    }
                }
            }
        }
        let m = if had_shahr {
            lx.months.at(a, k)?
        } else {
            lx.months.at_clitic(a, k)?
        };
        if !had_shahr {
            start = m.start;
        }
        let mo = *m.value;
        let mut end = m.end_tok;
        // Paired forms: أكتوبر/تشرين الأول, أكتوبر (تشرين الأول).
        if end + 1 < a.len() && matches!(sl(a, end), "/" | "(" | "-") {
            if let Some(m2) = lx.months.at(a, end + 1) {
                if m2.value.month == mo.month {
                    end = m2.end_tok;
                    if end < a.len() && sl(a, end) == ")" {
                        end += 1;
                    }
                }
            }
        }
        Some((mo.month, mo.hijri, mo.bare || had_shahr, start, end))
    }

    /// A year at `j`: `2015`, `عام 2015`, `من عام 2015`, `سنة 1436 هـ`.
    /// Returns (year, end, hijri marker).
    fn year_at(&self, a: &Doc<'_, '_>, j: usize, need_noun: bool) -> Option<(i32, usize, bool)> {
        if j >= a.len() {
            return None;
        }
        let mut k = j;
        let mut noun = false;
        let fw = &self.lx.fw;
        if self.lx.tok_is(a, k, Role::DateLink) && self.lx.tok_is(a, k + 1, Role::YearNoun) {
            k += 1;
        }
        if fw.is(sk(a, k), Role::YearNoun)
            || a.stem_is(k, kind::YEAR_NOUN)
                && stems(sk(a, k)).any(|(_, st)| fw.is(&st, Role::YearNoun))
        {
            noun = true;
            k += 1;
        }
        if need_noun && !noun {
            return None;
        }
        // يناير، 2001
        if is_comma(sl(a, k)) && !noun && sl(a, k + 1).len() == 4 {
            k += 1;
        }
        let y = plain_int(a, k)?;
        let len = sl(a, k).len();
        if len != 4 || y == 0 {
            return None;
        }
        let mut end = k + 1;
        let mut hijri = false;
        if self.lx.tok_is(a, end, Role::EraHijri) {
            hijri = true;
            end += 1;
        } else if self.lx.tok_is(a, end, Role::EraGregorian) {
            end += 1;
        }
        Some((y as i32, end, hijri))
    }

    /// Day-month-year forms at `i`.
    fn date_parts(&self, st: &St<'_, '_, '_>, i: usize) -> Option<DateParts> {
        if i >= st.a.len() {
            return None;
        }
        let a = st.a;
        let lx = &self.lx;
        let mut j = i;
        let mut start = a.tokens()[i].start;
        let mut has_weekday = false;
        // [يوم] weekday [،] [الموافق]
        if let Some((_, s, e)) = self.weekday_at(a, j) {
            start = s;
            has_weekday = true;
            j = e;
            while j < a.len() && is_comma(sl(a, j)) {
                j += 1;
            }
            if lx.tok_is(a, j, Role::WeekdayLink) {
                j += 1;
            }
        }
        // A leading day: 7, 1-8, 13 الى 15, 14 و15, الأول من, الرابع من.
        let mut day = None;
        let mut day2 = None;
        if lx.tok_is(a, j, Role::DaysNoun) {
            if !has_weekday {
                start = a.tokens()[j].start;
            }
            j += 1;
        }
        let day_start = j;
        if let Some(d) = plain_int(a, j).filter(|d| (1..=31).contains(d)) {
            if sl(a, j).len() <= 2 {
                day = Some(d);
                j += 1;
                // Range of days.
                if j + 1 < a.len() {
                    if lx.tok_is(a, j, Role::RangeTo) || lx.tok_is(a, j, Role::And) {
                        if let Some(d2) =
                            plain_int(a, j + 1).filter(|d2| (1..=31).contains(d2) && *d2 > d)
                        {
                            day2 = Some(d2);
                            j += 2;
                        }
                    }
                }
                if lx.tok_is(a, j, Role::Of) {
                    j += 1;
                }
            }
        } else if let Some(o) = self.ordinal(st, j) {
            // الأول من شهر شباط, الرابع من ابريل, اليوم الثالث من
            let v = o.value.as_f64().unwrap_or(0.0);
            // ثالث يوم من شهر عشرة
            let after = if lx.tok_is(a, o.end_tok, Role::DayNoun) {
                o.end_tok + 1
            } else {
                o.end_tok
            };
            if (1.0..=31.0).contains(&v)
                && after < a.len()
                && lx.tok_is(a, after, Role::Of)
                && !sk(a, j).ends_with('ه')
            {
                day = Some(v as u32);
                if !has_weekday {
                    start = o.start;
                }
                j = after + 1;
            }
        } else if lx.tok_is(a, j, Role::DayNounDef) {
            if let Some(o) = self.ordinal(st, j + 1) {
                let v = o.value.as_f64().unwrap_or(0.0);
                if (1.0..=31.0).contains(&v) && lx.tok_is(a, o.end_tok, Role::Of) {
                    day = Some(v as u32);
                    j = o.end_tok + 1;
                }
            }
        }
        if day.is_some() && !has_weekday && day_start == i {
            start = a.tokens()[i].start.max(start);
        }
        let (month, hijri, bare, mstart, mut end) = self.month_at(a, j)?;
        if day.is_none() && !has_weekday {
            start = mstart;
        }
        // Month first: يوليو 13-15, اغسطس 27 الى 29.
        if day.is_none() {
            if let Some(d) = plain_int(a, end).filter(|d| (1..=31).contains(d)) {
                if sl(a, end).len() <= 2 {
                    let mut e = end + 1;
                    let mut d2 = None;
                    if e + 1 < a.len() && lx.tok_is(a, e, Role::RangeTo) {
                        if let Some(x) =
                            plain_int(a, e + 1).filter(|x| (1..=31).contains(x) && *x > d)
                        {
                            d2 = Some(x);
                            e += 2;
                        }
                    }
                    if d2.is_some() || has_weekday {
                        day = Some(d);
                        day2 = d2;
                        end = e;
                    }
                }
            }
        }
        // من 13 تموز الى 15 تموز
        if day.is_some() && day2.is_none() && end + 2 < a.len() && lx.tok_is(a, end, Role::RangeTo)
        {
            if let Some(d2) = plain_int(a, end + 1) {
                if let Some((m2, _, _, _, e2)) = self.month_at(a, end + 2) {
                    if m2 == month && (1..=31).contains(&d2) {
                        day2 = Some(d2);
                        end = e2;
                    }
                }
            }
        }
        let mut year = None;
        let mut hij = hijri;
        if let Some((y, e, h)) = self.year_at(a, end, false) {
            year = Some(y);
            end = e;
            hij |= h;
        }
        let mut adj = None;
        if year.is_none() && end < a.len() {
            if let Some(m) = lx.relative.at(a, end) {
                if let Relative::Adj(o) = m.value {
                    adj = Some(*o);
                    end = m.end_tok;
                }
            }
        }
        // A month name that is also a common word (مارس, آب) stands alone
        // after a preposition of time or a date modifier: في مارس.
        let cue = i > 0 && {
            let pk = sk(a, i - 1);
            self.is_date_cue(pk) || lx.fw.is(pk, Role::MonthNoun) || lx.fw.is(pk, Role::This)
        };
        if day.is_none() && year.is_none() && adj.is_none() && !bare && !has_weekday && !cue {
            return None;
        }
        Some(DateParts {
            start,
            end_tok: end,
            year,
            month,
            day,
            day2,
            hijri: hij,
            has_weekday,
            adj,
        })
    }

    /// `[يوم] الخميس` at `j`: (day, start, end).
    fn weekday_at(&self, a: &Doc<'_, '_>, j: usize) -> Option<(u32, usize, usize)> {
        if j >= a.len() || a.tokens()[j].kind != TokenKind::Word {
            return None;
        }
        let lx = &self.lx;
        let key = sk(a, j);
        let whole_noun = a.key_is(j, kind::DAY_NOUN) && lx.fw.is(key, Role::DayNoun);
        if whole_noun
            || a.stem_is(j, kind::DAY_NOUN) && stems(key).any(|(_, s)| lx.fw.is(&s, Role::DayNoun))
        {
            let start = if whole_noun {
                a.tokens()[j].start
            } else {
                a.orig_offset(j, 1)
            };
            if j + 1 < a.len() && sk(a, j + 1).starts_with(lx.fw.article()) {
                if let Some(&d) = lx.weekdays.get(sk(a, j + 1)) {
                    return Some((d, start, j + 2));
                }
            }
            return None;
        }
        if key.starts_with(lx.fw.article()) && a.key_is(j, kind::WEEKDAY) {
            if let Some(&d) = lx.weekdays.get(key) {
                return Some((d, a.tokens()[j].start, j + 1));
            }
        }
        if !a.stem_is(j, kind::WEEKDAY) {
            return None;
        }
        for (chars, s) in stems(key) {
            if s.starts_with(lx.fw.article()) {
                if let Some(&d) = lx.weekdays.get(s.as_ref()) {
                    return Some((d, a.orig_offset(j, chars), j + 1));
                }
            }
        }
        None
    }

    fn parts_value(&self, st: &St<'_, '_, '_>, p: &DateParts) -> Value {
        if p.hijri {
            return Value::Null;
        }
        let year = p.year.or_else(|| {
            let r = st.refd?;
            Some(match p.adj {
                Some(o) if o < 0 => {
                    if p.month < r.month() {
                        r.year()
                    } else {
                        r.year() - 1
                    }
                }
                Some(o) if o > 0 => {
                    if p.month > r.month() {
                        r.year()
                    } else {
                        r.year() + 1
                    }
                }
                _ => r.year(),
            })
        });
        if let (Some(y), Some(d)) = (year, p.day) {
            if NaiveDate::from_ymd_opt(y, p.month, d).is_none() {
                return Value::Null;
            }
        }
        match p.day2 {
            Some(d2) => Value::String(format!(
                "{}/{}",
                ymd(year, p.month, p.day),
                ymd(year, p.month, Some(d2))
            )),
            None => Value::String(ymd(year, p.month, p.day)),
        }
    }

    /// Every date and time candidate starting at token `i`.
    pub(super) fn dates_at(&self, st: &St<'_, '_, '_>, i: usize, out: &mut Vec<Cand>) {
        let a = st.a;
        let lx = &self.lx;
        if i >= a.len() {
            return;
        }
        if !st.has(i, super::lexicon::DATE) {
            return;
        }
        // Date modifiers: نهاية عام 2014, منتصف مارس.
        let key = sk(a, i);
        let mod_start = if a.key_is(i, kind::DATE_MOD) && lx.date_mods.contains_key(key) {
            Some(a.tokens()[i].start)
        } else if !a.stem_is(i, kind::DATE_MOD) {
            None
        } else {
            stems(key)
                .find(|(_, s)| lx.date_mods.contains_key(s.as_ref()))
                .map(|(c, _)| a.orig_offset(i, c))
        };
        if let Some(ms) = mod_start {
            let mut tmp = Vec::new();
            self.dates_plain(st, i + 1, &mut tmp);
            if let Some(best) = tmp
                .into_iter()
                .filter(|c| c.label == Label::Date && !c.rule.starts_with("date/duration"))
                .max_by_key(|c| c.end_tok)
            {
                let mut c = best;
                c.start = ms;
                c.priority += 1;
                c.evidence = format!("date modifier {}", a.surface(i));
                out.push(c);
            }
        }
        self.dates_plain(st, i, out);
    }

    fn dates_plain(&self, st: &St<'_, '_, '_>, i: usize, out: &mut Vec<Cand>) {
        let a = st.a;
        let lx = &self.lx;
        if i >= a.len() || !st.has(i, super::lexicon::DATE) {
            return;
        }
        // A punctuation token could only start a date as a month name.
        if a.tokens()[i].kind == TokenKind::Punct && !a.key_is(i, kind::MONTH) {
            return;
        }
        // Day-month-year.
        if let Some(p) = self.date_parts(st, i) {
            let v = self.parts_value(st, &p);
            let rule = if p.day2.is_some() {
                "date/range"
            } else if p.day.is_some() {
                "date/day-month-year"
            } else if p.year.is_some() {
                "date/month-year"
            } else {
                "date/month"
            };
            let mut c = Cand::new(p.start, p.end_tok, Label::Date, v, rule);
            if p.has_weekday && p.day.is_none() {
                c.rule = "date/weekday";
            }
            if let Some(t) = self.time_after(st, p.end_tok, c.value.as_str().map(str::to_string)) {
                out.push(Cand {
                    start: c.start,
                    ..t
                });
            }
            out.push(c);
        }
        let t = a.tokens()[i];
        // Numeric dates.
        if t.kind == TokenKind::Number {
            let l = sl(a, i);
            if l.contains('-') {
                let parts: Vec<&str> = l.split('-').collect();
                if parts.len() == 3 {
                    if let (Ok(y), Ok(m), Ok(d)) =
                        (parts[0].parse(), parts[1].parse(), parts[2].parse())
                    {
                        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                            out.push(Cand::new(
                                t.start,
                                i + 1,
                                Label::Date,
                                Value::String(date.format("%Y-%m-%d").to_string()),
                                "date/numeric",
                            ));
                        }
                    }
                }
            } else if l.matches('/').count() == 2 {
                let parts: Vec<&str> = l.split('/').collect();
                let (d, m, y) = (
                    parts[0].parse::<u32>(),
                    parts[1].parse::<u32>(),
                    parts[2].parse::<i32>(),
                );
                if let (Ok(d), Ok(m), Ok(y)) = (d, m, y) {
                    let y = if parts[2].len() == 2 { 2000 + y } else { y };
                    let date = NaiveDate::from_ymd_opt(y, m, d).or_else(|| {
                        if parts[0].len() == 4 {
                            NaiveDate::from_ymd_opt(
                                parts[0].parse().unwrap_or(0),
                                m,
                                parts[2].parse().unwrap_or(0),
                            )
                        } else {
                            None
                        }
                    });
                    if let Some(date) = date {
                        out.push(Cand::new(
                            t.start,
                            i + 1,
                            Label::Date,
                            Value::String(date.format("%Y-%m-%d").to_string()),
                            "date/numeric",
                        ));
                    }
                }
            } else if let Some((x, y)) = l.split_once('/') {
                // 2/2013: month/year.
                if let (Ok(m), Ok(yy)) = (x.parse::<u32>(), y.parse::<i32>()) {
                    if y.len() == 4
                        && (1..=12).contains(&m)
                        && (1000..=2999).contains(&yy)
                        && x.len() <= 2
                    {
                        out.push(Cand::new(
                            t.start,
                            i + 1,
                            Label::Date,
                            Value::String(format!("{yy:04}-{m:02}")),
                            "date/numeric",
                        ));
                    }
                }
                // 21/09 after a weekday or يوم: day/month (handled by weekday).
            } else if l.contains(':') {
                if let Some(c) = self.clock(st, i, i, None) {
                    out.push(c);
                }
            } else if l.len() == 4 && i > 0 {
                // A bare year after a preposition: في 2015.
                if let Some(y) = plain_int(a, i) {
                    if (1900..=2099).contains(&y) && self.is_date_cue(sk(a, i - 1)) {
                        let mut c = Cand::new(
                            t.start,
                            i + 1,
                            Label::Date,
                            Value::String(format!("{y}")),
                            "date/year",
                        );
                        c.priority = 1;
                        out.push(c);
                    }
                }
            }
        }
        // Year noun: عام 2013, لعام 2014, العام 2014.
        if t.kind == TokenKind::Word {
            let key = sk(a, i);
            let (ys, ok) = if lx.fw.is(key, Role::YearNoun) {
                (t.start, true)
            } else if !a.stem_is(i, kind::YEAR_NOUN) {
                (0, false)
            } else {
                match stems(key).find(|(_, s)| lx.fw.is(s, Role::YearNoun)) {
                    Some((c, _)) => (a.orig_offset(i, c), true),
                    None => (0, false),
                }
            };
            if ok {
                if let Some(y) = plain_int(a, i + 1) {
                    let len = sl(a, i + 1).len();
                    if len == 4 {
                        let mut end = i + 2;
                        let mut hijri = false;
                        if lx.tok_is(a, end, Role::EraHijri) {
                            hijri = true;
                            end += 1;
                        } else if lx.tok_is(a, end, Role::EraGregorian) {
                            end += 1;
                        }
                        // عامي 2012 و2013 / عام 2012 إلى 2015.
                        let mut value = if hijri {
                            Value::Null
                        } else {
                            Value::String(format!("{y:04}"))
                        };
                        let mut rule = "date/year-noun";
                        if end + 1 < a.len()
                            && (lx.tok_is(a, end, Role::RangeTo) || lx.tok_is(a, end, Role::And))
                        {
                            if let Some(y2) = plain_int(a, end + 1) {
                                if y2 > y && sl(a, end + 1).len() == 4 && key.ends_with('ي') {
                                    value = Value::String(format!("{y:04}/{y2:04}"));
                                    end += 2;
                                    rule = "date/range";
                                }
                            }
                        }
                        out.push(Cand::new(ys, end, Label::Date, value, rule));
                    }
                }
            }
            if let Some(c) = self.weekday_of(st, i) {
                out.push(c);
            }
            if let Some(c) = self.nth_weekday(st, i) {
                out.push(c);
            }
            if let Some(c) = self.last_day(st, i) {
                out.push(c);
            }
            if let Some(c) = self.nth_week(st, i) {
                out.push(c);
            }
            // Weekdays with an optional relative adjective.
            if let Some((d, s, e)) = self.weekday_at(a, i) {
                let mut end = e;
                let mut value = Value::String(format!("XXXX-WXX-{d}"));
                if end < a.len() {
                    if let Some(m) = lx.relative.at(a, end) {
                        if let Relative::Adj(o) = m.value {
                            if *o != 0 {
                                if let Some(r) = st.refd {
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
                                    value = Value::String(date.format("%Y-%m-%d").to_string());
                                    end = m.end_tok;
                                }
                            }
                        }
                    }
                }
                let c = Cand::new(s, end, Label::Date, value, "date/weekday");
                if let Some(t) = self.time_after(st, end, c.value.as_str().map(str::to_string)) {
                    out.push(Cand { start: s, ..t });
                }
                out.push(c);
            }
            self.relative_at(st, i, out);
            self.period_at(st, i, out);
            // Holidays: عيد الميلاد 2020, عيد الفطر.
            if let Some(m) = lx.holidays.at_clitic(a, i) {
                let mut end = m.end_tok;
                let mut year = st.refd.map(|r| r.year());
                if let Some((y, ye, false)) = self.year_at(a, end, false) {
                    year = Some(y);
                    end = ye;
                }
                let v = match (m.value, year) {
                    (Some((mo, d)), Some(y)) => Value::String(ymd(Some(y), *mo, Some(*d))),
                    (Some((mo, d)), None) => Value::String(ymd(None, *mo, Some(*d))),
                    (None, _) => Value::Null,
                };
                out.push(Cand::new(m.start, end, Label::Date, v, "date/holiday"));
            }
            if let Some(c) = self.decade(st, i) {
                out.push(c);
            }
            self.time_at(st, i, out);
        }
    }

    /// A weekday tied to a week or a day of this month: `الأحد من الأسبوع
    /// الماضي`, `اثنين الأسبوع الحالي`, `هذا الاثنين`, `السبت السادس عشر`,
    /// `الثلاثاء التاسع عشر من هذا الشهر`.
    fn weekday_of(&self, st: &St<'_, '_, '_>, i: usize) -> Option<Cand> {
        if i >= st.a.len() {
            return None;
        }
        let a = st.a;
        let lx = &self.lx;
        let mut j = i;
        if lx.tok_is(a, i, Role::This) {
            j += 1;
        }
        let (d, _, e) = match self.weekday_at(a, j) {
            Some(w) => w,
            None => {
                if !a.key_is(j, kind::WEEKDAY) {
                    return None;
                }
                let d = *lx.weekdays.get(sk(a, j))?;
                (d, 0, j + 1)
            }
        };
        let start = a.tokens()[i].start;
        let bare_form = !sk(a, j).starts_with(lx.fw.article()) && !lx.tok_is(a, j, Role::DayNoun);
        if j > i {
            if bare_form {
                return None;
            }
            return Some(Cand::new(
                start,
                e,
                Label::Date,
                Value::String(format!("XXXX-WXX-{d}")),
                "date/weekday",
            ));
        }
        let r = st.refd?;
        let mut k = e;
        if lx.tok_is(a, k, Role::Of) {
            k += 1;
        }
        // A week: الأسبوع الماضي, هذا الأسبوع.
        let mut week_off = None;
        if let Some(m) = lx.relative.at(a, k) {
            match m.value {
                Relative::Grain(g) if g == "week" => {
                    if let Some(m2) = lx.relative.at(a, m.end_tok) {
                        if let Relative::Adj(o) = m2.value {
                            week_off = Some((*o, m2.end_tok));
                        }
                    }
                }
                Relative::This => {
                    if let Some(m2) = lx.relative.at(a, m.end_tok) {
                        if matches!(m2.value, Relative::Grain(g) if g == "week") {
                            week_off = Some((0, m2.end_tok));
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some((o, end)) = week_off {
            let monday = r - Duration::days(r.weekday().num_days_from_monday() as i64)
                + Duration::days(7 * o);
            let date = monday + Duration::days(d as i64 - 1);
            return Some(Cand::new(
                start,
                end,
                Label::Date,
                Value::String(date.format("%Y-%m-%d").to_string()),
                "date/weekday",
            ));
        }
        if bare_form {
            return None;
        }
        // A day of this month: السبت السادس عشر [من هذا الشهر].
        let o = self.ordinal(st, e)?;
        let day = o.value.as_f64()? as u32;
        let mut end = o.end_tok;
        if lx.tok_is(a, end, Role::Of) {
            let k2 = end + 1;
            let this_month =
                lx.tok_is(a, k2, Role::This) && lx.tok_is(a, k2 + 1, Role::MonthNounDef);
            let current = lx.tok_is(a, k2, Role::MonthNounDef)
                && matches!(
                    lx.relative.at(a, k2 + 1).map(|m| m.value),
                    Some(Relative::Adj(0))
                );
            if this_month || current {
                end = k2 + 2;
            } else {
                return None;
            }
        }
        let date = NaiveDate::from_ymd_opt(r.year(), r.month(), day)?;
        Some(Cand::new(
            start,
            end,
            Label::Date,
            Value::String(date.format("%Y-%m-%d").to_string()),
            "date/weekday",
        ))
    }

    /// The day named right after a part of the day (`صباح [اليوم]`,
    /// `مساء [الأحد]`, with `parts` also `صباح [7 أبريل]`): the longest DATE
    /// among a relative day, a weekday and (optionally) a written date.
    fn day_after(&self, st: &St<'_, '_, '_>, k: usize, parts: bool) -> Option<Cand> {
        let a = st.a;
        let mut tmp = Vec::new();
        self.relative_at(st, k, &mut tmp);
        if parts {
            if let Some(p) = self.date_parts(st, k) {
                tmp.push(Cand::new(
                    p.start,
                    p.end_tok,
                    Label::Date,
                    self.parts_value(st, &p),
                    "date",
                ));
            }
        }
        if let Some((d, _, we)) = self.weekday_at(a, k) {
            tmp.push(Cand::new(
                0,
                we,
                Label::Date,
                Value::String(format!("XXXX-WXX-{d}")),
                "date",
            ));
        }
        tmp.into_iter()
            .filter(|c| c.label == Label::Date)
            .max_by_key(|c| c.end_tok)
    }

    /// `(من|في)? <Gregorian month> <year>?` at token `k`: the month, the year
    /// (the reference date's when none is written) and the end token.
    fn gregorian_month_year(&self, st: &St<'_, '_, '_>, k: usize) -> Option<(u32, i32, usize)> {
        let a = st.a;
        let k = if self.lx.tok_is(a, k, Role::DateLink) {
            k + 1
        } else {
            k
        };
        let (m, hijri, _, _, mut end) = self.month_at(a, k)?;
        if hijri {
            return None;
        }
        let mut year = st.refd.map(|r| r.year());
        if let Some((y, ye, _)) = self.year_at(a, end, false) {
            year = Some(y);
            end = ye;
        }
        Some((m, year?, end))
    }

    /// The last day of a month: `آخر يوم من شهر عشرة سنة 2015`,
    /// `اليوم الأخير من شهر أكتوبر`.
    fn last_day(&self, st: &St<'_, '_, '_>, i: usize) -> Option<Cand> {
        let a = st.a;
        let lx = &self.lx;
        let last_day = lx.tok_is(a, i, Role::Last) && lx.tok_is(a, i + 1, Role::DayNoun)
            || lx.tok_is(a, i, Role::DayNounDef) && lx.tok_is(a, i + 1, Role::Last);
        if !last_day {
            return None;
        }
        let k = i + 2;
        let (m, y, end) = self.gregorian_month_year(st, k)?;
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        let last = NaiveDate::from_ymd_opt(ny, nm, 1)? - Duration::days(1);
        Some(Cand::new(
            a.tokens()[i].start,
            end,
            Label::Date,
            Value::String(last.format("%Y-%m-%d").to_string()),
            "date/last-day",
        ))
    }

    /// The n-th (or last) week of a month, as an ISO week: weeks are counted
    /// from the first Monday of the month, the last one ends in the month
    /// (`أول أسبوع بشهر أكتوبر 2014`, `الأسبوع الأخير في الشهر التاسع`).
    fn nth_week(&self, st: &St<'_, '_, '_>, i: usize) -> Option<Cand> {
        let a = st.a;
        let lx = &self.lx;
        let last_word = |k: usize| lx.tok_is(a, k, Role::Last);
        let (nth, k) = if lx.tok_is(a, i, Role::WeekNounDef) {
            if last_word(i + 1) {
                (-1, i + 2)
            } else {
                let o = self.ordinal(st, i + 1)?;
                (o.value.as_f64()? as i32, o.end_tok)
            }
        } else {
            let n = if last_word(i) {
                -1
            } else {
                if !a.key_is(i, kind::ORDINAL) {
                    return None;
                }
                let (v, any) = *lx.ordinals.get(sk(a, i))?;
                if !any {
                    return None;
                }
                v as i32
            };
            if !lx.tok_is(a, i + 1, Role::WeekNoun) {
                return None;
            }
            (n, i + 2)
        };
        if nth == 0 || nth > 5 {
            return None;
        }
        let (m, y, end) = self.gregorian_month_year(st, k)?;
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
        Some(Cand::new(
            a.tokens()[i].start,
            end,
            Label::Date,
            Value::String(format!("{:04}-W{:02}", w.year(), w.week())),
            "date/nth-week",
        ))
    }

    /// The n-th (or last) weekday of a month: `ثالث ثلاثاء في أيلول 2014`,
    /// `آخر اثنين من شهر آذار`, `الثلاثاء الأخير من شهر مارس`.
    fn nth_weekday(&self, st: &St<'_, '_, '_>, i: usize) -> Option<Cand> {
        if i >= st.a.len() {
            return None;
        }
        let a = st.a;
        let lx = &self.lx;
        let start = a.tokens()[i].start;
        let last_word = |k: usize| lx.tok_is(a, k, Role::Last);
        // Pattern A: ordinal / آخر, [يوم], weekday.
        let (nth, d, mut k, weekday_first) = if let Some((d, _, e)) = self.weekday_at(a, i) {
            // Pattern B: weekday, ordinal / الأخير.
            if last_word(e) {
                (-1, d, e + 1, true)
            } else {
                let o = self.ordinal(st, e)?;
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
                let key = sk(a, i);
                let (v, any) = *lx.ordinals.get(key)?;
                if !any {
                    return None;
                }
                (v as i32, i + 1)
            };
            if lx.tok_is(a, e, Role::DayNoun) {
                e += 1;
            }
            let key = sk(a, e);
            let d = *lx
                .weekdays
                .get(key)
                .or_else(|| lx.weekdays.get(lx.fw.strip_article(key).unwrap_or("")))?;
            (n, d, e + 1, false)
        };
        if nth == 0 || nth > 5 {
            return None;
        }
        // The month: من/في/ب + month [year], or الشهر القادم.
        if lx.tok_is(a, k, Role::DateLink) {
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
            } else if let Some(m2) = lx.relative.at(a, end) {
                if let Relative::Grain(g) = m2.value {
                    if g == "year" {
                        if let Some(m3) = lx.relative.at(a, m2.end_tok) {
                            if let Relative::Adj(o) = m3.value {
                                year = st.refd.map(|r| r.year() + *o as i32);
                                end = m3.end_tok;
                            }
                        }
                    }
                }
            }
            (m, year.or(st.refd.map(|r| r.year())), end)
        } else if let Some(m) = lx.relative.at(a, k) {
            let Relative::Grain(g) = m.value else {
                return None;
            };
            if g != "month" {
                return None;
            }
            let m2 = lx.relative.at(a, m.end_tok)?;
            let Relative::Adj(o) = m2.value else {
                return None;
            };
            let (y, mo) = add_months(st.refd?, *o);
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
        let mut c = Cand::new(
            start,
            end,
            Label::Date,
            Value::String(date.format("%Y-%m-%d").to_string()),
            "date/nth-weekday",
        );
        c.priority = -1;
        Some(c)
    }

    /// Date and time ranges after `من` (at `j`, the token after it):
    /// `من 13 تموز الى 15 تموز`, `من الساعة 3 الى الساعة 4 بعد العصر`.
    pub(super) fn ranges_after_min(
        &self,
        st: &St<'_, '_, '_>,
        start: usize,
        j: usize,
        between: bool,
        out: &mut Vec<Cand>,
    ) {
        let a = st.a;
        if between {
            // بين عامي 2012 و2015: the period starts at بين (decision 9).
            let mut tmp = Vec::new();
            self.dates_plain(st, j, &mut tmp);
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
        if let Some(p) = self.date_parts(st, j) {
            if p.day2.is_some() && !between {
                let v = self.parts_value(st, &p);
                out.push(Cand::new(start, p.end_tok, Label::Date, v, "date/range"));
            } else if p.day2.is_none() {
                // من 13 تموز إلى 15 آب 2014 / بين 13 تموز و15 آب
                let k = p.end_tok;
                let conn = if between {
                    self.lx.tok_is(a, k, Role::And)
                } else {
                    self.lx.tok_is(a, k, Role::RangeTo)
                };
                let k2 = if conn {
                    k + 1
                } else if between
                    && sk(a, k).starts_with('و')
                    && a.tokens().get(k).is_some_and(|t| t.kind == TokenKind::Word)
                {
                    k
                } else {
                    usize::MAX
                };
                if let Some(q) = self.date_parts(st, k2) {
                    if p.day.is_some() == q.day.is_some() && !p.hijri && !q.hijri {
                        let mut p2 = p.clone();
                        if p2.year.is_none() {
                            p2.year = q.year;
                        }
                        let (Some(v1), Some(v2)) = (
                            self.parts_value(st, &p2).as_str().map(str::to_string),
                            self.parts_value(st, &q).as_str().map(str::to_string),
                        ) else {
                            return;
                        };
                        out.push(Cand::new(
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
        if between {
            return;
        }
        // Clock ranges.
        let k = if self.lx.tok_is(a, j, Role::HourNounDef) {
            j + 1
        } else {
            j
        };
        let Some(c1) = self.clock(st, k, k, None) else {
            return;
        };
        let clockish = |c: &Cand| {
            c.rule == "time/clock-daypart" || c.value.as_str().is_some_and(|v| v.len() > 6)
        };
        let mut m = c1.end_tok;
        if !self.lx.tok_is(a, m, Role::RangeTo) {
            return;
        }
        m += 1;
        if self.lx.tok_is(a, m, Role::HourNounDef) {
            m += 1;
        }
        let Some(c2) = self.clock(st, m, m, None) else {
            return;
        };
        // Without الساعة, only a part of the day or minutes make it a time.
        if k == j && !clockish(&c1) && !clockish(&c2) {
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
        out.push(Cand::new(
            start,
            c2.end_tok,
            Label::Time,
            Value::String(format!("{first}/{v2}")),
            "time/range",
        ));
    }

    /// Relative dates: اليوم, أمس, العام الماضي, هذا الأسبوع, السنوات
    /// الأخيرة, قبل أسبوع.
    fn relative_at(&self, st: &St<'_, '_, '_>, i: usize, out: &mut Vec<Cand>) {
        if i >= st.a.len() {
            return;
        }
        let a = st.a;
        let lx = &self.lx;
        let Some(m) = lx.relative.at_clitic(a, i) else {
            // قبل + duration: a past date.
            if lx.tok_is(a, i, Role::Ago) {
                if let Some(c) = self.ago(st, i) {
                    out.push(c);
                }
            }
            return;
        };
        let start = m.start;
        let r = st.refd;
        match m.value {
            Relative::Day(o) => {
                let v = r.map_or(Value::Null, |r| {
                    Value::String((r + Duration::days(*o)).format("%Y-%m-%d").to_string())
                });
                let mut c = Cand::new(start, m.end_tok, Label::Date, v.clone(), "date/relative");
                c.evidence = format!("relative day {o:+}");
                if let Some(t) = self.time_after(st, m.end_tok, v.as_str().map(str::to_string)) {
                    out.push(Cand { start, ..t });
                }
                out.push(c);
            }
            Relative::Grain(g) => {
                let e = m.end_tok;
                if e >= a.len() {
                    return;
                }
                if let Some(m2) = lx.relative.at(a, e) {
                    if let Relative::Adj(o) = m2.value {
                        let v = r.map_or(Value::Null, |r| grain_value(r, g, *o));
                        out.push(Cand::new(
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
                if let Some(m2) = lx.relative.at(a, e) {
                    if let Relative::Grain(g) = m2.value {
                        let v = r.map_or(Value::Null, |r| grain_value(r, g, 0));
                        out.push(Cand::new(
                            start,
                            m2.end_tok,
                            Label::Date,
                            v,
                            "date/relative",
                        ));
                    }
                    if let Relative::Day(0) = m2.value {
                        let v = r.map_or(Value::Null, |r| {
                            Value::String(r.format("%Y-%m-%d").to_string())
                        });
                        out.push(Cand::new(
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
                    if let Some(w) = lx.words.get(lx.fw.strip_article(sk(a, e)).unwrap_or("")) {
                        if w.unit.is_some() || w.ten || w.tens.is_some() {
                            e += 1;
                        }
                    }
                }
                let mut k = e;
                let mut found = false;
                while k < a.len() && k < e + 2 {
                    match lx.relative.at(a, k) {
                        Some(m2) if matches!(m2.value, Relative::VagueAdj | Relative::Adj(_)) => {
                            k = m2.end_tok;
                            found = true;
                        }
                        _ => break,
                    }
                }
                if found {
                    out.push(Cand::new(
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
    fn ago(&self, st: &St<'_, '_, '_>, i: usize) -> Option<Cand> {
        if i >= st.a.len() {
            return None;
        }
        let a = st.a;
        let r = st.refd?;
        let j = i + 1;
        if j >= a.len() {
            return None;
        }
        let (n, e) = match self.lx.number(a, j) {
            Some(n) => (n.value?, n.end_tok),
            None => (1.0, j),
        };
        let t = self.lx.time_units.get(sk(a, e))?;
        let n = if e == j { t.count.max(1) as f64 } else { n };
        if t.count == 0 && e == j {
            return None;
        }
        let n = n as i64;
        let v = match t.unit.as_str() {
            "D" => (r - Duration::days(n)).format("%Y-%m-%d").to_string(),
            "W" => (r - Duration::days(7 * n)).format("%Y-%m-%d").to_string(),
            "M" => {
                let (y, m) = add_months(r, -n);
                format!("{y:04}-{m:02}")
            }
            "Y" => format!("{}", r.year() as i64 - n),
            _ => return None,
        };
        Some(Cand::new(
            a.tokens()[i].start,
            e + 1,
            Label::Date,
            Value::String(v),
            "date/relative",
        ))
    }

    /// Quarters, halves and seasons: الربع الأول من العام, النصف الثاني من
    /// عام 2026, صيف 2019.
    fn period_at(&self, st: &St<'_, '_, '_>, i: usize, out: &mut Vec<Cand>) {
        if i >= st.a.len() {
            return;
        }
        let a = st.a;
        let lx = &self.lx;
        if !a.key_is(i, kind::PERIOD) {
            return;
        }
        let Some(p) = lx.periods.get(sk(a, i)) else {
            return;
        };
        let start = a.tokens()[i].start;
        let (code, mut e) = if p.kind == "season" {
            (p.value.clone(), i + 1)
        } else {
            let max = if p.kind == "quarter" { 4 } else { 2 };
            let (n, end) = if lx.tok_is(a, i + 1, Role::Last) {
                (max, i + 2)
            } else {
                let Some(o) = self.ordinal(st, i + 1) else {
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
        if lx.tok_is(a, k, Role::Of) {
            k += 1;
        }
        if let Some((y, ye, _)) = self.year_at(a, k, false) {
            year = Some(y);
            e = ye;
        } else if lx.tok_is(a, k, Role::YearNounDef) || lx.tok_is(a, k, Role::This) {
            let mut k2 = k;
            if lx.tok_is(a, k2, Role::This) {
                k2 += 1;
            }
            let mut off = 0;
            let mut end = k2 + 1;
            if end < a.len() {
                if let Some(m) = lx.relative.at(a, end) {
                    if let Relative::Adj(o) = m.value {
                        off = *o;
                        end = m.end_tok;
                    }
                }
            }
            if lx.tok_is(a, k2, Role::YearNounDef) {
                year = st.refd.map(|r| r.year() + off as i32);
                e = end;
            }
        } else if p.kind == "season" {
            return;
        }
        let v = match year {
            Some(y) => Value::String(format!("{y:04}-{code}")),
            None => match st.refd {
                Some(r) => Value::String(format!("{:04}-{code}", r.year())),
                None => Value::String(format!("XXXX-{code}")),
            },
        };
        out.push(Cand::new(start, e, Label::Date, v, "date/period"));
    }

    /// Hour (and minutes) after `الساعة`, or an ordinal hour with a part
    /// of the day; `10:30`.
    fn time_at(&self, st: &St<'_, '_, '_>, i: usize, out: &mut Vec<Cand>) {
        if i >= st.a.len() {
            return;
        }
        let a = st.a;
        let lx = &self.lx;
        let key = sk(a, i);
        let whole_noun = a.key_is(i, kind::HOUR_NOUN) && lx.fw.is(key, Role::HourNounDef);
        let is_sa = whole_noun
            || a.stem_is(i, kind::HOUR_NOUN)
                && stems(key).any(|(_, s)| lx.fw.is(&s, Role::HourNounDef));
        if is_sa {
            let start = if whole_noun {
                a.tokens()[i].start
            } else {
                a.orig_offset(i, 1)
            };
            if let Some(mut c) = self.clock(st, i + 1, i + 1, None) {
                c.start = start;
                out.push(c);
            }
            return;
        }
        // An ordinal hour needs a part of the day after it: الثالثة فجرا.
        if key.starts_with(lx.fw.article()) {
            if let Some(c) = self.clock_with_daypart(st, i) {
                out.push(c);
            }
        }
        // Part of a named day: صباح اليوم, مساء الأحد, هذه الليلة.
        let mut j = i;
        let mut start = a.tokens()[i].start;
        if lx.fw.is(key, Role::This) {
            j = i + 1;
        }
        if let Some(m) = lx.dayparts.at_clitic(a, j) {
            if j == i {
                start = m.start;
            }
            let part = m.value.part.clone();
            let e = m.end_tok;
            // The day after it.
            let day = if e < a.len() {
                self.day_after(st, e, true)
            } else {
                None
            };
            if let Some(best) = day {
                let v = match best.value.as_str() {
                    Some(d) => Value::String(format!("{d}T{part}")),
                    None => Value::Null,
                };
                out.push(Cand::new(
                    start,
                    best.end_tok,
                    Label::Time,
                    v,
                    "time/day-part",
                ));
            } else if lx.tok_is(a, m.end_tok - 1, Role::NightNounDef) || j > i {
                let v = st.refd.map_or(Value::String(format!("T{part}")), |r| {
                    Value::String(format!("{}T{part}", r.format("%Y-%m-%d")))
                });
                out.push(Cand::new(start, m.end_tok, Label::Time, v, "time/day-part"));
            }
        }
    }

    /// A time right after a date (`الخميس الساعة 8`), with the date.
    fn time_after(&self, st: &St<'_, '_, '_>, k: usize, date: Option<String>) -> Option<Cand> {
        let a = st.a;
        if k >= a.len() {
            return None;
        }
        let key = sk(a, k);
        let lx = &self.lx;
        let at_hour = lx.fw.is(key, Role::HourNounDef);
        let in_hour = lx.fw.is(key, Role::DatePrep) && lx.tok_is(a, k + 1, Role::HourNounDef);
        let j = if at_hour || in_hour {
            if in_hour {
                k + 2
            } else {
                k + 1
            }
        } else if a.tokens()[k].kind == TokenKind::Number && sl(a, k).contains(':') {
            k
        } else {
            return None;
        };
        let c = self.clock(st, j, j, date)?;
        Some(c)
    }

    /// A clock time at `j`: digits (`10:30`, `3`), an ordinal or cardinal
    /// hour word, then minutes (`و18 دقيقة`, `وربع`, `إلا ثلث`), then a part
    /// of the day. `date` is the day it belongs to, when known.
    fn clock(
        &self,
        st: &St<'_, '_, '_>,
        j: usize,
        start_tok: usize,
        date: Option<String>,
    ) -> Option<Cand> {
        self.clock_with(st, j, start_tok, date, false)
    }

    /// A [`Self::clock`] time with a part of the day (`time/clock-daypart`)
    /// at `j`, or none.
    fn clock_with_daypart(&self, st: &St<'_, '_, '_>, j: usize) -> Option<Cand> {
        self.clock_with(st, j, j, None, true)
    }

    /// [`Self::clock`]; with `daypart_only`, none without a part of the day
    /// (before the value is formatted).
    fn clock_with(
        &self,
        st: &St<'_, '_, '_>,
        j: usize,
        start_tok: usize,
        date: Option<String>,
        daypart_only: bool,
    ) -> Option<Cand> {
        let a = st.a;
        let lx = &self.lx;
        if j >= a.len() {
            return None;
        }
        let t = a.tokens()[j];
        let mut hour: i64;
        let mut minute: i64 = 0;
        let mut second: Option<i64> = None;
        let mut e;
        let mut explicit_min = false;
        if t.kind == TokenKind::Number {
            let l = sl(a, j);
            if l.contains(':') {
                let parts: Vec<&str> = l.split(':').collect();
                if parts.len() > 3 || parts[1..].iter().any(|p| p.len() != 2) || parts[0].len() > 2
                {
                    return None;
                }
                hour = parts[0].parse().ok()?;
                minute = parts[1].parse().ok()?;
                if parts.len() == 3 {
                    second = Some(parts[2].parse().ok()?);
                }
                explicit_min = true;
            } else {
                hour = plain_int(a, j)? as i64;
            }
            e = j + 1;
        } else {
            // An ordinal (الثالثة, الحادية عشرة, الواحدة) or a cardinal word.
            let key = sk(a, j);
            let bare = lx.fw.strip_article(key).unwrap_or(key);
            if let Some(o) = self.ordinal(st, j) {
                hour = o.value.as_f64()? as i64;
                e = o.end_tok;
            } else if let Some((v, _)) = lx
                .ordinals
                .get(bare)
                .copied()
                .filter(|_| key.starts_with(lx.fw.article()) && a.key_is(j, kind::DEF_ORDINAL))
            {
                hour = v as i64;
                e = j + 1;
            } else if let Some((v, ne, _)) = lx
                .words
                .get(key)
                .filter(|_| a.key_is(j, kind::WORD))
                .and_then(|w| lx.int_words(a, w, j))
            {
                if v.fract() != 0.0 {
                    return None;
                }
                hour = v as i64;
                e = ne;
            } else {
                return None;
            }
        }
        if !(0..=24).contains(&hour) || !(0..60).contains(&minute) {
            return None;
        }
        // Minutes.
        if !explicit_min && e < a.len() {
            let k = sk(a, e);
            let (joined, w) = if lx.fw.is(k, Role::And) {
                (true, e + 1)
            } else if k.starts_with('و') && a.tokens()[e].kind == TokenKind::Word {
                (true, e)
            } else {
                (false, e)
            };
            if joined {
                if let Some(n) = lx.number(a, w) {
                    if let Some(v) = n.value {
                        let mut ne = n.end_tok;
                        let is_min = lx.tok_is(a, ne, Role::Minute);
                        if is_min {
                            ne += 1;
                        }
                        let frac = n.words && v < 1.0;
                        if frac {
                            minute = (v * 60.0).round() as i64;
                            e = ne;
                        } else if v.fract() == 0.0 && (1.0..60.0).contains(&v) {
                            minute = v as i64;
                            e = ne;
                        }
                    }
                }
            } else if lx.fw.is(k, Role::Except) {
                if let Some(n) = lx.number(a, e + 1) {
                    if let Some(v) = n.value {
                        let mut ne = n.end_tok;
                        if lx.tok_is(a, ne, Role::Minute) {
                            ne += 1;
                        }
                        let m = if v < 1.0 {
                            (v * 60.0).round() as i64
                        } else {
                            v as i64
                        };
                        if (1..60).contains(&m) {
                            hour = (hour - 1).rem_euclid(24);
                            minute = 60 - m;
                            e = ne;
                        }
                    }
                } else if lx.tok_is(a, e + 1, Role::QuarterHour) {
                    hour = (hour - 1).rem_euclid(24);
                    minute = 45;
                    e += 2;
                }
            }
        }
        // Part of the day.
        let mut shift = None;
        let mut k = e;
        // الثامنة من صباح اليوم: the part of a named day.
        let mut day_date = None;
        if lx.tok_is(a, k, Role::Of) {
            if let Some(m) = lx.dayparts.at(a, k + 1) {
                if let Some(best) = self.day_after(st, m.end_tok, false) {
                    shift = Some(m.value.shift.clone());
                    day_date = best.value.as_str().map(str::to_string);
                    e = best.end_tok;
                    k = e;
                }
            }
        }
        if lx.tok_is(a, k, Role::This) {
            k += 1;
        }
        if shift.is_some() {
            // from the named day above
        } else if let Some(m) = lx.dayparts.at(a, k) {
            shift = Some(m.value.shift.clone());
            e = m.end_tok;
            // الساعة العاشرة صباح اليوم: the day after the part of the day.
            if let Some(best) = self.day_after(st, e, false) {
                if let Some(d) = best.value.as_str() {
                    day_date = Some(d.to_string());
                    e = best.end_tok;
                }
            }
        } else if lx.tok_is(a, k, Role::NightNounDef) {
            shift = Some("night".to_string());
            e = k + 1;
        }
        if daypart_only && shift.is_none() {
            return None;
        }
        match shift.as_deref() {
            Some("am") => {
                if hour == 12 {
                    hour = 0
                }
            }
            Some("pm") => {
                if hour < 12 {
                    hour += 12
                }
            }
            Some("noon") => {
                if hour <= 5 {
                    hour += 12
                }
            }
            Some("night") => {
                if (5..12).contains(&hour) {
                    hour += 12
                }
            }
            _ => {}
        }
        if hour > 24 {
            return None;
        }
        let mut tm = format!("T{hour:02}:{minute:02}");
        if let Some(s) = second {
            tm = format!("{tm}:{s:02}");
        }
        let date = date.or(day_date);
        let v = match date {
            Some(d) if !d.contains('/') => format!("{d}{tm}"),
            _ => tm,
        };
        let rule = if shift.is_some() {
            "time/clock-daypart"
        } else {
            "time/clock"
        };
        let _ = explicit_min;
        Some(Cand::new(
            a.tokens()[start_tok].start,
            e,
            Label::Time,
            Value::String(v),
            rule,
        ))
    }
}

impl NumberRecognizer {
    /// A preposition of time or a date modifier before a bare year or a
    /// month name (`في 2015`, `مطلع 2015`, `منذ مارس`).
    pub(crate) fn is_date_cue(&self, key: &str) -> bool {
        self.lx.fw.is(key, Role::DatePrep) || self.lx.date_mods.contains_key(key)
    }

    /// A decade (`الثمانينيات`, `التسعينات من القرن الماضي`): the
    /// twentieth century unless a century follows.
    fn decade(&self, st: &St<'_, '_, '_>, i: usize) -> Option<Cand> {
        let a = st.a;
        let lx = &self.lx;
        let plural = lx.fw.strip_article(sk(a, i))?;
        let stem = lx
            .fw
            .words(Role::DecadeSuffix)
            .find_map(|suffix| plural.strip_suffix(suffix).filter(|s| !s.is_empty()))?;
        let stem = stem
            .strip_suffix('ي')
            .filter(|x| lx.words.contains_key(*x))
            .unwrap_or(stem);
        let tens = lx.words.get(stem).and_then(|w| w.tens)?;
        let mut end = i + 1;
        let mut hundreds = 19;
        if lx.tok_is(a, end, Role::Of) {
            if let Some((h, e)) = self.century_at(st, end + 1) {
                hundreds = h;
                end = e;
            }
        }
        let v = Value::String(format!("{hundreds}{}", tens as u32 / 10));
        Some(Cand::new(t_start(a, i), end, Label::Date, v, "date/decade"))
    }

    /// `القرن` + an ordinal (`القرن التاسع عشر`, `القرن الحادي والعشرين`) or
    /// a relative adjective (`القرن الماضي`) at `k`: the century's first
    /// two digits (19 for the twentieth) and the end token.
    pub(crate) fn century_at(&self, st: &St<'_, '_, '_>, k: usize) -> Option<(i32, usize)> {
        let a = st.a;
        let lx = &self.lx;
        if !lx.tok_is(a, k, Role::CenturyNoun) {
            return None;
        }
        if let Some(m) = lx.relative.at(a, k + 1) {
            if let Relative::Adj(off) = m.value {
                // Without a reference date, the present is the 21st century.
                let now = st.refd.map_or(20, |r| r.year() / 100);
                return Some((now + *off as i32, m.end_tok));
            }
        }
        let o = self.ordinal(st, k + 1)?;
        let n = o.value.as_f64()?;
        (n.fract() == 0.0 && (1.0..=30.0).contains(&n)).then_some((n as i32 - 1, o.end_tok))
    }
}

fn t_start(a: &Doc<'_, '_>, i: usize) -> usize {
    a.tokens()[i].start
}

fn grain_value(r: NaiveDate, grain: &str, off: i64) -> Value {
    Value::String(match grain {
        "day" => (r + Duration::days(off)).format("%Y-%m-%d").to_string(),
        "week" => {
            let d = r + Duration::days(7 * off);
            let w = d.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        "month" => {
            let (y, m) = add_months(r, off);
            format!("{y:04}-{m:02}")
        }
        _ => format!("{:04}", r.year() as i64 + off),
    })
}
