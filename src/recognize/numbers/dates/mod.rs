//! Dates, times, durations and the dateline. This module owns the entry
//! point at a token (`dates_at`: date modifiers, numeric dates, bare and
//! noun-led years, then the submodules), the dateline, date and clock
//! ranges, and the shared helpers. Written calendar dates are in
//! `gregorian`, Hijri conversion in `hijri`, relative dates, periods,
//! decades and centuries in `relative`, clock times in `times`.

#![allow(
    clippy::collapsible_if,
    clippy::collapsible_match,
    clippy::collapsible_else_if
)]

mod day_of_month;
mod decades;
mod gregorian;
pub(crate) mod hijri;
pub(crate) use narrative_year::anchor_to_narrative_year;
mod months_of_year;
mod narrative_year;
mod ranges;
mod relative;
mod times;
mod year_pairs;

pub(crate) use times::date_times_by_sentence;

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::Value;

use super::function_words::Role;
use super::lexicon::{kind, stems, Doc};
use super::{is_comma, key_at, light_at, Candidate, DocState, NumberRecognizer};
use crate::mention::Label;
use crate::text::TokenKind;
use gregorian::may_be_weekday;

/// The dateline of a document.
#[derive(Debug, Clone)]
pub(crate) struct Dateline {
    pub date: Option<NaiveDate>,
    pub country: Option<String>,
    pub cand: Option<Candidate>,
}

/// Parts of a calendar date found in the text.
#[derive(Debug, Clone)]
pub(crate) struct DateParts {
    pub(crate) start: usize,
    pub(crate) end_tok: usize,
    pub(crate) year: Option<i32>,
    pub(crate) month: u32,
    pub(crate) day: Option<u32>,
    pub(crate) day2: Option<u32>,
    pub(crate) hijri: bool,
    /// The month is a Hijri month (the year may still be unmarked).
    pub(crate) hijri_month: bool,
    pub(crate) has_weekday: bool,
    pub(crate) adj: Option<i64>,
}

pub(crate) fn ymd(y: Option<i32>, m: u32, d: Option<u32>) -> String {
    let mut s = String::with_capacity(10);
    match y {
        Some(y) => push_year(&mut s, y),
        None => s.push_str("XXXX"),
    }
    s.push('-');
    push_2_digits(&mut s, m);
    if let Some(d) = d {
        s.push('-');
        push_2_digits(&mut s, d);
    }
    s
}

/// A year as `format!("{y:04}")` writes it, with no formatting machinery
/// for the years a text names (0 to 9999).
pub(crate) fn year4(y: i32) -> String {
    let mut s = String::with_capacity(4);
    push_year(&mut s, y);
    s
}

/// A day as `d.format("%Y-%m-%d")` writes it, with no formatting
/// machinery for the years 0 to 9999 (chrono writes a sign past them).
pub(crate) fn iso_day(d: NaiveDate) -> String {
    if (0..=9999).contains(&d.year()) {
        ymd(Some(d.year()), d.month(), Some(d.day()))
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

/// Append `y` as `{y:04}` formats it.
fn push_year(s: &mut String, y: i32) {
    match u32::try_from(y) {
        Ok(y) if y <= 9999 => {
            push_2_digits(s, y / 100);
            push_2_digits(s, y % 100);
        }
        _ => s.push_str(&format!("{y:04}")),
    }
}

/// Append `n` as `{n:02}` formats it.
pub(crate) fn push_2_digits(s: &mut String, n: impl Into<i64>) {
    let n: i64 = n.into();
    if (0..100).contains(&n) {
        s.push(char::from(b'0' + (n / 10) as u8));
        s.push(char::from(b'0' + (n % 10) as u8));
    } else {
        s.push_str(&format!("{n:02}"));
    }
}

pub(crate) fn add_months(d: NaiveDate, months: i64) -> (i32, u32) {
    let total = d.year() as i64 * 12 + d.month0() as i64 + months;
    (
        (total.div_euclid(12)) as i32,
        (total.rem_euclid(12) + 1) as u32,
    )
}

pub(crate) fn plain_int(a: &Doc<'_, '_>, j: usize) -> Option<u32> {
    if j >= a.len() || a.tokens()[j].kind != TokenKind::Number {
        return None;
    }
    // One to four ASCII digits, read as they are checked.
    let l = light_at(a, j).as_bytes();
    if l.is_empty() || l.len() > 4 {
        return None;
    }
    l.iter().try_fold(0, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

impl NumberRecognizer {
    /// The dateline: a place then a full date in the first tokens of the
    /// first line (`بكين 7 أبريل 2015 (شينخوا)`).
    pub(crate) fn dateline(&self, a: &Doc<'_, '_>) -> Option<Dateline> {
        if a.is_empty() {
            return None;
        }
        // The first newline within the first 400 characters.
        // The code point offset of the first line break among the first
        // 400 characters (which take at most 1600 bytes).
        const FIRST_CHARS: usize = 400;
        let text = a.text();
        let head = &text.as_bytes()[..text.len().min(4 * FIRST_CHARS)];
        let nl = memchr::memchr(b'\n', head)
            .map(|b| text[..b].chars().count())
            .filter(|&chars| chars < FIRST_CHARS)
            .unwrap_or(usize::MAX);
        let first_line_end = a
            .tokens()
            .iter()
            .take(12)
            .position(|t| t.start > nl)
            .unwrap_or(a.len());
        let limit = first_line_end.min(10);
        let state = DocState {
            a,
            refd: None,
            country: None,
            named_countries: Default::default(),
            explain: false,
        };
        for i in 1..limit {
            // The place before the date: words only; the date starts with digits
            // and is followed by the end of the line or the agency mark.
            if (0..i).any(|k| {
                a.tokens()[k].kind != TokenKind::Word
                    || a.key_is(k, kind::WORD) && self.lexicon.words.contains_key(a.key(k))
            }) {
                break;
            }
            if a.tokens()[i].kind != TokenKind::Number {
                continue;
            }
            if let Some(mut p) = self.date_parts(&state, i) {
                let mut i = i;
                // A Hijri-first dateline: `9 جمادى الأولى 1446 هـ الموافق 11
                // نوفمبر 2024`; the Gregorian date after the link is the date.
                if p.hijri && self.lexicon.tok_is(a, p.end_tok, Role::WeekdayLink) {
                    let next = p.end_tok + 1;
                    match (next < a.len())
                        .then(|| self.date_parts(&state, next))
                        .flatten()
                    {
                        Some(gregorian) if !gregorian.hijri => {
                            (i, p) = (next, gregorian);
                        }
                        _ => continue,
                    }
                }
                let after = p.end_tok;
                let closes = after >= first_line_end
                    || matches!(light_at(a, after), "(" | "/" | "-" | "–" | "—" | ":")
                    || is_comma(light_at(a, after));
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
                    self.lexicon
                        .dateline_places
                        .at_clitic(a, k)
                        .map(|m| m.value.clone())
                });
                let mut c = Candidate::new(
                    a.tokens()[i].start,
                    p.end_tok,
                    Label::Date,
                    date.map_or(Value::Null, |d| Value::String(iso_day(d))),
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

    /// Every date and time candidate starting at token `i`.
    pub(super) fn dates_at(
        &self,
        state: &DocState<'_, '_, '_>,
        i: usize,
        out: &mut Vec<Candidate>,
    ) {
        let a = state.a;
        let lexicon = &self.lexicon;
        if i >= a.len() {
            return;
        }
        if !state.has(i, super::lexicon::DATE) {
            return;
        }
        // Date modifiers: نهاية عام 2014, منتصف مارس.
        let key = key_at(a, i);
        let mod_start = if a.key_is(i, kind::DATE_MOD) && lexicon.date_mods.contains_key(key) {
            Some(a.tokens()[i].start)
        } else if !a.stem_is(i, kind::DATE_MOD) {
            None
        } else {
            stems(key)
                .find(|(_, s)| lexicon.date_mods.contains_key(s.as_ref()))
                .map(|(c, _)| a.orig_offset(i, c))
        };
        if let Some(ms) = mod_start {
            let mut tmp = Vec::new();
            self.dates_plain(state, i + 1, &mut tmp);
            if let Some(best) = tmp
                .into_iter()
                .filter(|c| c.label == Label::Date && !c.rule.starts_with("date/duration"))
                .max_by_key(|c| c.end_tok)
            {
                let mut c = best;
                c.start = ms;
                c.priority += 1;
                c.evidence = state.evidence(|| format!("date modifier {}", a.surface(i)));
                out.push(c);
            } else if let Some(c) = self.modified_current_period(state, i, ms) {
                out.push(c);
            }
        }
        self.dates_plain(state, i, out);
    }

    /// A date modifier before the bare calendar year or month (`مطلع العام`,
    /// `نهاية الشهر`): the year or month of the dateline (GUIDELINES
    /// decision 5, N14); `null` without a dateline. Not before a number
    /// (`نهاية العام 2014` is read as a year).
    fn modified_current_period(
        &self,
        state: &DocState<'_, '_, '_>,
        i: usize,
        start: usize,
    ) -> Option<Candidate> {
        let a = state.a;
        let lexicon = &self.lexicon;
        let k = i + 1;
        let format = if lexicon.tok_is(a, k, Role::YearNounDef) {
            "%Y"
        } else if lexicon.tok_is(a, k, Role::MonthNounDef) {
            "%Y-%m"
        } else {
            return None;
        };
        if a.tokens()
            .get(k + 1)
            .is_some_and(|t| t.kind == TokenKind::Number)
        {
            return None;
        }
        let value = state
            .refd
            .map_or(Value::Null, |r| Value::String(r.format(format).to_string()));
        let mut c = Candidate::new(start, k + 1, Label::Date, value, "date/relative");
        c.evidence = state.evidence(|| format!("date modifier {}", a.surface(i)));
        Some(c)
    }

    fn dates_plain(&self, state: &DocState<'_, '_, '_>, i: usize, out: &mut Vec<Candidate>) {
        let a = state.a;
        let lexicon = &self.lexicon;
        if i >= a.len() || !state.has(i, super::lexicon::DATE) {
            return;
        }
        // A punctuation token could only start a date as a month name.
        if a.tokens()[i].kind == TokenKind::Punct && !a.key_is(i, kind::MONTH) {
            return;
        }
        // هذا يناير: the demonstrative names the month of this year and
        // belongs to the span like `هذا الشهر` (annotation rule 7).
        if a.role_is(i, Role::This) {
            if let Some(p) = self.date_parts(state, i + 1).filter(|p| {
                p.day.is_none() && p.year.is_none() && p.adj.is_none() && !p.has_weekday
            }) {
                let v = self.parts_value(state, &p);
                let mut c = Candidate::new(t_start(a, i), p.end_tok, Label::Date, v, "date/month");
                c.evidence = state.evidence(|| "this + month".to_string());
                out.push(c);
            }
        }
        // Day-month-year.
        if let Some(p) = self.date_parts(state, i) {
            let v = self.parts_value(state, &p);
            let rule = if p.day2.is_some() {
                "date/range"
            } else if p.day.is_some() {
                "date/day-month-year"
            } else if p.year.is_some() {
                "date/month-year"
            } else {
                "date/month"
            };
            let mut c = Candidate::new(p.start, p.end_tok, Label::Date, v, rule);
            if p.has_weekday && p.day.is_none() {
                c.rule = "date/weekday";
            }
            // اغسطس من العام نفسه, 9 يونيو من نفس العام: the year the text
            // named last (narrative_year.rs).
            if let Some(end) = self.same_year_after(state, &p) {
                out.push(Candidate::new(
                    p.start,
                    end,
                    Label::Date,
                    Value::String(ymd(None, p.month, p.day)),
                    "date/same-year",
                ));
            }
            if let Some(t) = self.time_after(state, p.end_tok, c.value.as_str()) {
                out.push(Candidate {
                    start: c.start,
                    ..t
                });
            }
            out.push(c);
        }
        let t = a.tokens()[i];
        // Numeric dates.
        if t.kind == TokenKind::Number {
            let l = light_at(a, i);
            // The separators of the number, found in one pass over its bytes.
            let (mut dash, mut dot, mut colon, mut slashes) = (false, false, false, 0);
            for b in l.bytes() {
                match b {
                    b'-' => dash = true,
                    b'.' => dot = true,
                    b':' => colon = true,
                    b'/' => slashes += 1,
                    _ => {}
                }
            }
            // A d-m-yyyy date has its separator in this token or runs on
            // into the next, glued one.
            if l.len() <= 10 && (dash || dot || a.tokens().get(i + 1).is_some_and(|t| t.glued)) {
                out.extend(self.numeric_dmy(state, i));
            }
            if dash {
                let parts: Vec<&str> = l.split('-').collect();
                if parts.len() == 3 {
                    if let (Ok(y), Ok(m), Ok(d)) =
                        (parts[0].parse(), parts[1].parse(), parts[2].parse())
                    {
                        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                            out.push(Candidate::new(
                                t.start,
                                i + 1,
                                Label::Date,
                                Value::String(iso_day(date)),
                                "date/numeric",
                            ));
                        }
                    }
                }
            } else if slashes == 2 {
                let parts: Vec<&str> = l.split('/').collect();
                let (d, m, y) = (
                    parts[0].parse::<u32>(),
                    parts[1].parse::<u32>(),
                    parts[2].parse::<i32>(),
                );
                if let (Ok(first), Ok(second), Ok(y)) = (d, m, y) {
                    let y = if parts[2].len() == 2 { 2000 + y } else { y };
                    // Day first or month first: the only valid reading, else
                    // the order of the dateline's country (date_orders.csv).
                    let day_first = NaiveDate::from_ymd_opt(y, second, first);
                    let month_first = NaiveDate::from_ymd_opt(y, first, second);
                    let date = match (day_first, month_first) {
                        (Some(dm), Some(md)) => Some(if self.month_first(state) { md } else { dm }),
                        (dm, md) => dm.or(md),
                    }
                    .or_else(|| {
                        if parts[0].len() == 4 {
                            NaiveDate::from_ymd_opt(
                                parts[0].parse().unwrap_or(0),
                                second,
                                parts[2].parse().unwrap_or(0),
                            )
                        } else {
                            None
                        }
                    });
                    if let Some(date) = date {
                        out.push(Candidate::new(
                            t.start,
                            i + 1,
                            Label::Date,
                            Value::String(iso_day(date)),
                            "date/numeric",
                        ));
                    }
                }
            } else if let Some((x, y)) = (slashes > 0).then(|| l.split_once('/')).flatten() {
                // 2/2013: month/year.
                if let (Ok(m), Ok(yy)) = (x.parse::<u32>(), y.parse::<i32>()) {
                    if y.len() == 4
                        && (1..=12).contains(&m)
                        && (1000..=2999).contains(&yy)
                        && x.len() <= 2
                    {
                        out.push(Candidate::new(
                            t.start,
                            i + 1,
                            Label::Date,
                            Value::String(format!("{yy:04}-{m:02}")),
                            "date/numeric",
                        ));
                    }
                }
                // 21/09 after a weekday or يوم: day/month (handled by weekday).
            } else if colon {
                if let Some(c) = self.clock(state, i, i, None) {
                    out.push(c);
                }
            } else if l.len() <= 2 && plain_int(a, i).is_some_and(|h| (1..=12).contains(&h)) {
                // A bare hour with a part of the day: 5 صباحا, 10 ليلا.
                if let Some(c) = self.clock_with_daypart(state, i) {
                    out.push(c);
                }
            } else if (3..=4).contains(&l.len()) {
                if let Some(c) = self.year_pair(state, i) {
                    out.push(c);
                }
                if let Some(c) = self.bare_year(state, i) {
                    out.push(c);
                }
            }
        }
        if let Some(c) = self.day_of_relative_month(state, i) {
            out.push(c);
        }
        // Year noun: عام 2013, لعام 2014, العام 2014.
        if t.kind == TokenKind::Word {
            let key = key_at(a, i);
            let (ys, ok) = if a.role_is(i, Role::YearNoun) {
                (t.start, true)
            } else if !a.stem_is(i, kind::YEAR_NOUN) {
                (0, false)
            } else {
                match stems(key).find(|(_, s)| lexicon.fw.is(s, Role::YearNoun)) {
                    Some((c, _)) => (a.orig_offset(i, c), true),
                    None => (0, false),
                }
            };
            // عام (1948): the year in brackets.
            let bracketed = light_at(a, i + 1) == "(" && light_at(a, i + 3) == ")";
            let yi = if bracketed { i + 2 } else { i + 1 };
            if ok {
                if let Some(y) = plain_int(a, yi) {
                    let len = light_at(a, yi).len();
                    if len == 4 {
                        let (mut end, hijri) =
                            lexicon.after_era(a, if bracketed { i + 4 } else { i + 2 });
                        // عامي 2012 و2013 / عام 2012 إلى 2015.
                        let mut value = if hijri {
                            hijri::value(y as i32, None, None)
                        } else {
                            Value::String(year4(y as i32))
                        };
                        let mut rule = "date/year-noun";
                        if !bracketed
                            && end + 1 < a.len()
                            && (lexicon.tok_is(a, end, Role::RangeTo)
                                || lexicon.tok_is(a, end, Role::And))
                        {
                            if let Some(y2) = plain_int(a, end + 1) {
                                if y2 > y && light_at(a, end + 1).len() == 4 && key.ends_with('ي')
                                {
                                    value = Value::String(format!("{y:04}/{y2:04}"));
                                    end += 2;
                                    rule = "date/range";
                                }
                            }
                        }
                        out.push(Candidate::new(ys, end, Label::Date, value, rule));
                    }
                }
            }
            if let Some(c) = self.weekday_of(state, i) {
                out.push(c);
            }
            if let Some(c) = self.week_then_weekday(state, i) {
                out.push(c);
            }

            if let Some(c) = self.nth_weekday(state, i) {
                out.push(c);
            }
            if let Some(c) = self.last_day(state, i) {
                out.push(c);
            }
            if let Some(c) = self.nth_week(state, i) {
                out.push(c);
            }
            // Weekdays with an optional relative adjective: asked only of a
            // word that may be a weekday (its first reading, `weekday_at`,
            // finds none elsewhere), with no call for the others.
            if let Some(c) = may_be_weekday(a, i)
                .then(|| self.weekday_relative(state, i))
                .flatten()
            {
                let (s, end) = (c.start, c.end_tok);
                if let Some(t) = self.time_after(state, end, c.value.as_str()) {
                    out.push(Candidate { start: s, ..t });
                }
                out.push(c);
            }
            // Relative dates: a phrase of the relative table (the gate of
            // `relative.at_clitic`, its first reading) or `قبل` and a
            // duration (its role); no call for the other words.
            if lexicon.relative.may_start_clitic(a, i) || a.role_is(i, Role::Ago) {
                self.relative_at(state, i, out);
            }
            self.period_at(state, i, out);
            out.extend(self.months_of_year(state, i));
            out.extend(self.same_period(state, i));
            // Holidays: عيد الميلاد 2020, عيد الفطر.
            if let Some(m) = lexicon.holidays.at_clitic(a, i) {
                let mut end = m.end_tok;
                let mut year = state.refd.map(|r| r.year());
                if let Some((y, ye, false)) = self.year_at(a, end, false) {
                    year = Some(y);
                    end = ye;
                }
                let v = match (m.value, year) {
                    (Some((mo, d)), Some(y)) => Value::String(ymd(Some(y), *mo, Some(*d))),
                    (Some((mo, d)), None) => Value::String(ymd(None, *mo, Some(*d))),
                    (None, _) => Value::Null,
                };
                out.push(Candidate::new(m.start, end, Label::Date, v, "date/holiday"));
            }
            // One at a time, not an array of three candidates to copy.
            if let Some(c) = self.decade(state, i) {
                out.push(c);
            }
            if let Some(c) = self.century(state, i) {
                out.push(c);
            }
            if let Some(c) = self.relative_decade(state, i) {
                out.push(c);
            }
            self.time_at(state, i, out);
        }
    }

    /// `من العام نفسه`, `من نفس العام`, `من السنة ذاتها` after a month or a
    /// day without a year: the token after it.
    fn same_year_after(&self, state: &DocState<'_, '_, '_>, p: &DateParts) -> Option<usize> {
        let a = state.a;
        let lexicon = &self.lexicon;
        if p.year.is_some()
            || p.hijri_month
            || p.day2.is_some()
            || !lexicon.tok_is(a, p.end_tok, Role::Of)
        {
            return None;
        }
        let k = p.end_tok + 1;
        let same_then_year =
            lexicon.tok_is(a, k, Role::Same) && lexicon.tok_is(a, k + 1, Role::YearNounDef);
        let year_then_same =
            lexicon.tok_is(a, k, Role::YearNounDef) && lexicon.tok_is(a, k + 1, Role::Same);
        (same_then_year || year_then_same).then_some(k + 2)
    }
}

impl NumberRecognizer {
    /// Whether an ambiguous numeric date (`03/05/2020`) is month first: by
    /// the dateline's country in `date_orders.csv`, else its `*` row.
    pub(crate) fn month_first(&self, state: &DocState<'_, '_, '_>) -> bool {
        let lexicon = &self.lexicon;
        state
            .country
            .as_deref()
            .and_then(|c| lexicon.date_orders.get(c))
            .or_else(|| lexicon.date_orders.get("*"))
            .is_some_and(|o| o == "mdy")
    }

    /// A preposition of time or a date modifier before a bare year or a
    /// month name (`في 2015`, `مطلع 2015`, `منذ مارس`).
    pub(crate) fn is_date_cue(&self, key: &str) -> bool {
        self.lexicon.fw.is(key, Role::DatePrep) || self.lexicon.date_mods.contains_key(key)
    }

    /// [`Self::is_date_cue`] of the key of token `k`, read in its index
    /// bits first (its role bits are the key's function-word roles; every
    /// date modifier key has the date-modifier bit).
    pub(crate) fn is_date_cue_at(&self, a: &Doc<'_, '_>, k: usize) -> bool {
        a.role_is(k, Role::DatePrep)
            || a.key_is(k, kind::DATE_MOD) && self.lexicon.date_mods.contains_key(key_at(a, k))
    }
}

pub(crate) fn t_start(a: &Doc<'_, '_>, i: usize) -> usize {
    a.tokens()[i].start
}

pub(crate) fn grain_value(r: NaiveDate, grain: &str, off: i64) -> Value {
    Value::String(match grain {
        "day" => iso_day(r + Duration::days(off)),
        "week" => {
            let d = r + Duration::days(7 * off);
            let w = d.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        "month" => {
            let (y, m) = add_months(r, off);
            format!("{y:04}-{m:02}")
        }
        _ => match i32::try_from(r.year() as i64 + off) {
            Ok(y) => year4(y),
            Err(_) => format!("{:04}", r.year() as i64 + off),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written value writers say what `format!` and chrono's
    /// `format` say, inside their fast ranges and outside them.
    #[test]
    fn value_writers_write_what_format_writes() {
        for n in [-12_i64, -1, 0, 1, 9, 10, 42, 99, 100, 123, 1000] {
            let mut s = String::new();
            push_2_digits(&mut s, n);
            assert_eq!(s, format!("{n:02}"), "{n}");
        }
        for y in [-44, -1, 0, 7, 99, 632, 1999, 2015, 9999, 10000, 12345] {
            let mut s = String::new();
            push_year(&mut s, y);
            assert_eq!(s, format!("{y:04}"), "{y}");
            assert_eq!(ymd(Some(y), 3, Some(7)), format!("{y:04}-03-07"));
            assert_eq!(ymd(Some(y), 12, None), format!("{y:04}-12"));
            if let Some(d) = NaiveDate::from_ymd_opt(y, 2, 28) {
                assert_eq!(iso_day(d), d.format("%Y-%m-%d").to_string(), "{y}");
            }
        }
        assert_eq!(ymd(None, 5, Some(1)), "XXXX-05-01");
    }
}
