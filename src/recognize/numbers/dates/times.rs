//! Clock times and parts of the day: `الساعة 10:30`, ordinal hours with a
//! part of the day (`الثالثة فجرا`), minutes (`وربع`, `إلا ربعا`), a part
//! of a named day (`صباح اليوم`), a time right after a date.

#![allow(
    clippy::collapsible_if,
    clippy::collapsible_match,
    clippy::collapsible_else_if
)]

use serde_json::Value;

use super::super::function_words::Role;
use super::super::lexicon::{kind, stems, Doc};
use super::super::ordinals::may_be_ordinal;
use super::super::{key_at, light_at, Candidate, DocState, NumberRecognizer};
use super::plain_int;
use crate::mention::{Label, Mention};
use crate::text::TokenKind;

impl NumberRecognizer {
    /// Hour (and minutes) after `الساعة`, or an ordinal hour with a part
    /// of the day; `10:30`.
    pub(crate) fn time_at(&self, state: &DocState<'_, '_, '_>, i: usize, out: &mut Vec<Candidate>) {
        if i >= state.a.len() {
            return;
        }
        let a = state.a;
        let lexicon = &self.lexicon;
        let key = key_at(a, i);
        let whole_noun = a.key_is(i, kind::HOUR_NOUN) && a.role_is(i, Role::HourNounDef);
        let is_sa = whole_noun
            || a.stem_is(i, kind::HOUR_NOUN)
                && stems(key).any(|(_, s)| lexicon.fw.is(&s, Role::HourNounDef));
        if is_sa {
            let start = if whole_noun {
                a.tokens()[i].start
            } else {
                a.orig_offset(i, 1)
            };
            if let Some(mut c) = self.clock(state, i + 1, i + 1, None) {
                c.start = start;
                out.push(c);
            }
            return;
        }
        // An ordinal hour needs a part of the day after it (الثالثة فجرا),
        // or minutes in words (الثامنة والنصف, السابعة إلا ربعا): a
        // feminine definite ordinal with a fraction of the hour is a clock.
        if key.starts_with(lexicon.fw.article()) {
            if let Some(c) = self.clock_with_daypart(state, i) {
                out.push(c);
            } else if let Some(c) = key
                .ends_with('ه')
                .then(|| self.clock(state, i, i, None))
                .flatten()
                .filter(|c| {
                    self.minutes_in_words(
                        state,
                        self.ordinal(state, i).map_or(i + 1, |o| o.end_tok),
                        c.end_tok,
                    ) && !lexicon.tok_is(a, c.end_tok, Role::FinalNoun)
                })
            {
                out.push(c);
            }
        }
        // Part of a named day: صباح اليوم, مساء الأحد, هذه الليلة.
        let mut j = i;
        let mut start = a.tokens()[i].start;
        if a.role_is(i, Role::This) {
            j = i + 1;
        }
        if let Some(m) = lexicon.dayparts.at_clitic(a, j) {
            if j == i {
                start = m.start;
            }
            // A point of the day (منتصف الليل) is a clock time, a part of
            // the day (صباح) a TIMEX3 part.
            let part = match point_of_day(&m.value.shift) {
                Some(clock) => clock.to_string(),
                None => m.value.part.clone(),
            };
            let point = point_of_day(&m.value.shift).is_some();
            // بعنوان منتصف الليل: the title of a work.
            if point && i > 0 && a.role_is(i - 1, Role::TitleHead) {
                return;
            }
            let e = m.end_tok;
            // A part of the day before a clock time: بعد الظهر 7:00,
            // مساء الساعة السابعة (digits with a colon or `الساعة`).
            if j == i && !point {
                if let Some(c) = self.clock_after_daypart(state, e, &m.value.shift) {
                    out.push(Candidate { start, ..c });
                }
            }
            // The day after it.
            let day = if e < a.len() {
                self.day_after(state, e, true)
            } else {
                None
            };
            if let Some(best) = day {
                let v = match best.value.as_str() {
                    Some(d) => Value::String(format!("{d}T{part}")),
                    None => Value::Null,
                };
                out.push(Candidate::new(
                    start,
                    best.end_tok,
                    Label::Time,
                    v,
                    "time/day-part",
                ));
            } else if lexicon.tok_is(a, m.end_tok - 1, Role::NightNounDef) || j > i || point {
                // هذه الليلة is the dateline's night; a point of the day
                // names no day (N9).
                let v = match state.refd.filter(|_| !point) {
                    Some(r) => Value::String(format!("{}T{part}", super::iso_day(r))),
                    None => Value::String(format!("T{part}")),
                };
                out.push(Candidate::new(
                    start,
                    m.end_tok,
                    Label::Time,
                    v,
                    "time/day-part",
                ));
            }
        }
    }

    /// Whether tokens `from..to` after an hour word name its minutes as
    /// minutes: a fraction of the hour (`والنصف`, `وربع`), `دقيقة` or
    /// `إلا`. A bare tens word is no minutes there (`التاسعة والأربعون` is
    /// the 49th).
    fn minutes_in_words(&self, state: &DocState<'_, '_, '_>, from: usize, to: usize) -> bool {
        let a = state.a;
        let lexicon = &self.lexicon;
        (from..to.min(a.len())).any(|k| {
            let key = key_at(a, k);
            // A fraction joined by و: والنصف, وربع, و الربع.
            let joined = key
                .strip_prefix('و')
                .filter(|_| key.len() > 'و'.len_utf8())
                .or_else(|| (k > from && a.role_is(k - 1, Role::And)).then_some(key));
            let fraction = joined.is_some_and(|key| {
                let bare = lexicon.fw.strip_article(key).unwrap_or(key);
                lexicon
                    .words
                    .get(bare)
                    .is_some_and(|w| w.fraction.is_some())
            });
            lexicon.tok_is(a, k, Role::Minute) || a.role_is(k, Role::Except) || fraction
        })
    }

    /// The clock time at `k` after a part of the day with `shift`: digits
    /// with a colon (`7:00`) or `الساعة` and an hour; the shift applies
    /// when the clock has no part of the day of its own.
    fn clock_after_daypart(
        &self,
        state: &DocState<'_, '_, '_>,
        k: usize,
        shift: &str,
    ) -> Option<Candidate> {
        let a = state.a;
        let j = if a.role_is(k, Role::HourNounDef) {
            k + 1
        } else if a.tokens().get(k)?.kind == TokenKind::Number && light_at(a, k).contains(':') {
            k
        } else {
            return None;
        };
        let mut c = self.clock(state, j, j, None)?;
        if c.rule == "time/clock" {
            let v = c.value.as_str()?;
            let hour: i64 = v.get(1..3)?.parse().ok()?;
            let shifted = shifted_hour(hour, shift);
            c.value = Value::String(format!("T{shifted:02}{}", v.get(3..)?));
            c.rule = "time/clock-daypart";
        }
        Some(c)
    }

    /// A time right after a date (`الخميس الساعة 8`), with the date.
    pub(crate) fn time_after(
        &self,
        state: &DocState<'_, '_, '_>,
        k: usize,
        date: Option<&str>,
    ) -> Option<Candidate> {
        let a = state.a;
        if k >= a.len() {
            return None;
        }
        let lexicon = &self.lexicon;
        let at_hour = a.role_is(k, Role::HourNounDef);
        let in_hour = a.role_is(k, Role::DatePrep) && lexicon.tok_is(a, k + 1, Role::HourNounDef);
        let j = if at_hour || in_hour {
            if in_hour {
                k + 2
            } else {
                k + 1
            }
        } else if a.tokens()[k].kind == TokenKind::Number && light_at(a, k).contains(':') {
            k
        } else {
            return None;
        };
        // The date is copied only where a clock time may follow it.
        self.clock(state, j, j, date.map(str::to_string))
    }

    /// A clock time at `j`: digits (`10:30`, `3`), an ordinal or cardinal
    /// hour word, then minutes (`و18 دقيقة`, `وربع`, `إلا ثلث`), then a part
    /// of the day. `date` is the day it belongs to, when known.
    pub(crate) fn clock(
        &self,
        state: &DocState<'_, '_, '_>,
        j: usize,
        start_tok: usize,
        date: Option<String>,
    ) -> Option<Candidate> {
        self.clock_with(state, j, start_tok, date, false)
    }

    /// A [`Self::clock`] time with a part of the day (`time/clock-daypart`)
    /// at `j`, or none.
    pub(crate) fn clock_with_daypart(
        &self,
        state: &DocState<'_, '_, '_>,
        j: usize,
    ) -> Option<Candidate> {
        self.clock_with(state, j, j, None, true)
    }

    /// [`Self::clock`]; with `daypart_only`, none without a part of the day
    /// (before the value is formatted).
    pub(crate) fn clock_with(
        &self,
        state: &DocState<'_, '_, '_>,
        j: usize,
        start_tok: usize,
        date: Option<String>,
        daypart_only: bool,
    ) -> Option<Candidate> {
        let a = state.a;
        let lexicon = &self.lexicon;
        if j >= a.len() {
            return None;
        }
        // The part of the day is a key with the day-part bit or the night
        // noun (`shift` below): a document with neither has no clock time
        // with a part of the day.
        if daypart_only
            && !a.has_kind_anywhere(kind::DAYPART)
            && !a.has_role_anywhere(Role::NightNounDef)
        {
            return None;
        }
        let t = a.tokens()[j];
        let mut hour: i64;
        let mut minute: i64 = 0;
        let mut second: Option<i64> = None;
        let mut e;
        let mut explicit_min = false;
        if t.kind == TokenKind::Number {
            let l = light_at(a, j);
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
            // An ordinal (الثالثة, الحادية عشرة, الواحدة) or a cardinal word:
            // each reading below needs its bits on the token (the ordinal's,
            // a definite ordinal's, a number word's), tested before the key.
            if !may_be_ordinal(a, j) && !a.key_is(j, kind::DEF_ORDINAL | kind::WORD) {
                return None;
            }
            let key = key_at(a, j);
            let bare = lexicon.fw.strip_article(key).unwrap_or(key);
            if let Some(o) = self.ordinal(state, j) {
                hour = o.value.as_f64()? as i64;
                e = o.end_tok;
            } else if let Some((v, _)) = (key.starts_with(lexicon.fw.article())
                && a.key_is(j, kind::DEF_ORDINAL))
            .then(|| lexicon.ordinals.get(bare).copied())
            .flatten()
            {
                hour = v as i64;
                e = j + 1;
            } else if let Some((v, ne, _)) = a
                .key_is(j, kind::WORD)
                .then(|| lexicon.words.get(key))
                .flatten()
                .and_then(|w| lexicon.int_words(a, w, j))
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
            let k = key_at(a, e);
            let (joined, w) = if a.role_is(e, Role::And) {
                (true, e + 1)
            } else if k.starts_with('و') && a.tokens()[e].kind == TokenKind::Word {
                (true, e)
            } else {
                (false, e)
            };
            // والربع, والنصف: a definite fraction of the hour.
            let definite_fraction = || {
                let k = key_at(a, w);
                let k = k.strip_prefix('و').filter(|_| w == e).unwrap_or(k);
                let bare = lexicon.fw.strip_article(k)?;
                lexicon.words.get(bare)?.fraction.filter(|f| *f < 1.0)
            };
            if joined && lexicon.number(a, w).is_none() {
                if let Some(f) = definite_fraction() {
                    minute = (f * 60.0).round() as i64;
                    e = w + 1;
                }
            } else if joined {
                if let Some(n) = lexicon.number(a, w) {
                    if let Some(v) = n.value {
                        let mut ne = n.end_tok;
                        let is_min = lexicon.tok_is(a, ne, Role::Minute);
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
            } else if a.role_is(e, Role::Except) {
                if let Some(n) = lexicon.number(a, e + 1) {
                    if let Some(v) = n.value {
                        let mut ne = n.end_tok;
                        if lexicon.tok_is(a, ne, Role::Minute) {
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
                } else if lexicon.tok_is(a, e + 1, Role::QuarterHour) {
                    hour = (hour - 1).rem_euclid(24);
                    minute = 45;
                    e += 2;
                }
            }
        }
        // Part of the day: every reading below needs a day-part key or the
        // night noun within the three tokens from `e`.
        if daypart_only
            && !(e..e + 3).any(|p| a.key_is(p, kind::DAYPART) || a.role_is(p, Role::NightNounDef))
        {
            return None;
        }
        let mut shift = None;
        let mut k = e;
        // الثامنة من صباح اليوم: the part of a named day.
        let mut day_date = None;
        if lexicon.tok_is(a, k, Role::Of) {
            if let Some(m) = lexicon.dayparts.at(a, k + 1) {
                if let Some(best) = self.day_after(state, m.end_tok, false) {
                    shift = Some(m.value.shift.clone());
                    day_date = best.value.as_str().map(str::to_string);
                    e = best.end_tok;
                    k = e;
                }
            }
        }
        if lexicon.tok_is(a, k, Role::This) {
            k += 1;
        }
        if shift.is_some() {
            // from the named day above
        } else if let Some(m) = lexicon.dayparts.at(a, k) {
            shift = Some(m.value.shift.clone());
            e = m.end_tok;
            // الساعة العاشرة صباح اليوم: the day after the part of the day.
            if let Some(best) = self.day_after(state, e, false) {
                if let Some(d) = best.value.as_str() {
                    day_date = Some(d.to_string());
                    e = best.end_tok;
                }
            }
        } else if lexicon.tok_is(a, k, Role::NightNounDef) {
            shift = Some("night".to_string());
            e = k + 1;
        } else if let Some(m) = lexicon
            .dayparts
            .at(a, k + 1)
            .filter(|_| lexicon.tok_is(a, k, Role::DatePrep))
            .filter(|_| {
                if t.kind == TokenKind::Number {
                    explicit_min
                } else {
                    key_at(a, j).ends_with('ه')
                }
            })
            .filter(|_| key_at(a, k + 1).starts_with(lexicon.fw.article()))
            .filter(|_| !lexicon.tok_is(a, k + 1, Role::NightNounDef))
        {
            // السابعة في المساء, 7:56 في الصباح: a definite part of the day
            // after `في`, not after a bare number (قتل 5 في الليل).
            shift = Some(m.value.shift.clone());
            e = m.end_tok;
        }
        if daypart_only && shift.is_none() {
            return None;
        }
        if let Some(s) = shift.as_deref() {
            hour = shifted_hour(hour, s);
        }
        if hour > 24 {
            return None;
        }
        // The day (not a range of days), then `T` and the clock.
        let date = date.or(day_date);
        let mut v = String::with_capacity(24);
        if let Some(d) = date.as_deref().filter(|d| !d.contains('/')) {
            v.push_str(d);
        }
        v.push('T');
        super::push_2_digits(&mut v, hour);
        v.push(':');
        super::push_2_digits(&mut v, minute);
        if let Some(s) = second {
            v.push(':');
            super::push_2_digits(&mut v, s);
        }
        let rule = if shift.is_some() {
            "time/clock-daypart"
        } else {
            "time/clock"
        };
        Some(Candidate::new(
            a.tokens()[start_tok].start,
            e,
            Label::Time,
            Value::String(v),
            rule,
        ))
    }
}

/// An hour of the clock after a part of the day's shift (`dayparts.csv`):
/// am (12 is 0), pm (before 12 is p.m.), noon and midday (1 to 5 are
/// p.m.), midnight (12 is 0), night (5 to 11 are p.m.).
fn shifted_hour(hour: i64, shift: &str) -> i64 {
    match shift {
        "am" | "midnight" if hour == 12 => 0,
        "pm" if hour < 12 => hour + 12,
        "noon" | "midday" if hour <= 5 => hour + 12,
        "night" if (5..12).contains(&hour) => hour + 12,
        _ => hour,
    }
}

/// The clock time of a point of the day (`dayparts.csv` shifts `midnight`,
/// `midday`): `منتصف الليل` is 00:00, `منتصف النهار` 12:00.
fn point_of_day(shift: &str) -> Option<&'static str> {
    match shift {
        "midnight" => Some("00:00"),
        "midday" => Some("12:00"),
        _ => None,
    }
}

/// The day a DATE or dated TIME mention fixes: `2024-02-20` from
/// `"2024-02-20"`, `"2024-02-20TEV"` or a Hijri value's Gregorian date.
fn fixed_day(m: &Mention) -> Option<&str> {
    let v = match &*m.value {
        Value::String(s) => s.as_str(),
        Value::Object(o) => o.get("gregorian")?.as_str()?,
        _ => return None,
    };
    let day = v.get(..10)?;
    let b = day.as_bytes();
    let shaped = b.iter().enumerate().all(|(k, c)| match k {
        4 | 7 => *c == b'-',
        _ => c.is_ascii_digit(),
    });
    (shaped && (v.len() == 10 || v.as_bytes()[10] == b'T')).then_some(day)
}

/// A clock time or part of the day with no date (`"T17:45"`, `"TEV"`) takes
/// the day that its sentence fixes (gold/GUIDELINES.md N9): the nearest
/// DATE or dated TIME of the same sentence, before it first, else after it.
/// The dateline's own date fixes no sentence's day, and a time whose
/// sentence names no day keeps its bare clock value.
pub(crate) fn date_times_by_sentence(a: &Doc<'_, '_>, mentions: &mut [Mention]) {
    let undated = |m: &Mention| {
        m.label == Label::Time && m.value.as_str().is_some_and(|v| v.starts_with('T'))
    };
    if !mentions.iter().any(undated) {
        return;
    }
    let days: Vec<(usize, usize, String)> = mentions
        .iter()
        .filter(|m| matches!(m.label, Label::Date | Label::Time) && m.rule != "date/dateline")
        .filter_map(|m| fixed_day(m).map(|d| (m.start, m.end, d.to_string())))
        .collect();
    // Two offsets are in one sentence when no character between them ends
    // one: the text between them is searched, from the first, and the
    // search stops at the first such character, so a test costs at most
    // the sentence it starts in (no list of every break of the text).
    let same_sentence = |x: usize, y: usize| {
        let (from, to) = (x.min(y), x.max(y));
        !a.slice(from, to)
            .contains(['.', '!', '?', '\u{061F}', '\n', '\u{2026}'])
    };
    // Each test is monotone: if a day ending at `e` is in the time's
    // sentence, so is any day ending between `e` and the time. So only the
    // nearest day on each side needs the test: the latest end before the
    // time (the last such day in document order among equals, as
    // `max_by_key` chose) and the earliest start after it (the first).
    let mut by_end: Vec<(usize, usize)> = days.iter().enumerate().map(|(n, d)| (d.1, n)).collect();
    by_end.sort_unstable();
    let mut by_start: Vec<(usize, usize)> =
        days.iter().enumerate().map(|(n, d)| (d.0, n)).collect();
    by_start.sort_unstable();
    for m in mentions.iter_mut().filter(|m| undated(m)) {
        let before = by_end[..by_end.partition_point(|&(end, _)| end <= m.start)]
            .last()
            .filter(|&&(end, _)| same_sentence(end, m.start))
            .map(|&(_, n)| &days[n]);
        let after = || {
            by_start
                .get(by_start.partition_point(|&(start, _)| start < m.end))
                .filter(|&&(start, _)| same_sentence(m.end, start))
                .map(|&(_, n)| &days[n])
        };
        if let Some((_, _, day)) = before.or_else(after) {
            let clock = m.value.as_str().unwrap_or_default();
            m.value = Value::String(format!("{day}{clock}")).into();
        }
    }
}
