//! Calendar dates written out: month names of every regional set (and
//! `شهر` + a number), years with their year noun and era marker, day-month-
//! year with weekdays and day ranges, and the value of such a date.

#![allow(
    clippy::collapsible_if,
    clippy::collapsible_match,
    clippy::collapsible_else_if
)]

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

use super::super::function_words::Role;
use super::super::lexicon::{kind, stems, Doc, Relative};
use super::super::ordinals::may_be_ordinal;
use super::super::Candidate;
use super::super::{is_comma, key_at, light_at, DocState, NumberRecognizer};
use super::day_of_month::continues_a_number;
use super::iso_day;
use super::{plain_int, ymd, DateParts};
use crate::mention::Label;
use crate::text::TokenKind;

impl NumberRecognizer {
    /// A month name at `j` (after an optional `شهر`, proclitics allowed),
    /// or `شهر` + a month number. Returns (month, hijri, bare, start, end).
    pub(crate) fn month_at(
        &self,
        a: &Doc<'_, '_>,
        j: usize,
    ) -> Option<(u32, bool, bool, usize, usize)> {
        if j >= a.len() {
            return None;
        }
        // A month noun or a month name is a token key or stem with its bit
        // (phrase tables index their first keys); any other word can only
        // be two month names glued into one (`glued_month_pair`).
        const MONTH_BITS: u32 = kind::MONTH | kind::MONTH_NOUN;
        if !a.key_is(j, MONTH_BITS) && !a.stem_is(j, MONTH_BITS) {
            let (month, end) = self.glued_month_pair(a, j)?;
            return Some((month, false, true, a.tokens()[j].start, end));
        }
        let lexicon = &self.lexicon;
        let mut start = a.tokens()[j].start;
        let mut k = j;
        let key = key_at(a, j);
        let mut had_shahr = false;
        let whole_noun = a.key_is(j, kind::MONTH_NOUN) && a.role_is(j, Role::MonthNoun);
        let shahr = whole_noun
            || a.stem_is(j, kind::MONTH_NOUN)
                && stems(key).any(|(_, s)| lexicon.fw.is(&s, Role::MonthNoun));
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
                if let Some(w) = lexicon.words.get(key_at(a, k)) {
                    let v = w.unit.or(if w.ten { Some(10.0) } else { None });
                    if let Some(v) = v {
                        let mut m = v as u32;
                        let mut e = k + 1;
                        if m <= 2 && lexicon.words.get(key_at(a, e)).is_some_and(|w| w.ten) {
                            m += 10;
                            e += 1;
                        }
                        if (1..=12).contains(&m) {
                            return Some((m, false, true, start, e));
                        }
                    }
                }
                if let Some(o) = self.ordinal(
                    &DocState {
                        a,
                        refd: None,
                        country: None,
                        named_countries: Default::default(),
                        explain: false,
                    },
                    k,
                ) {
                    if let Some(v) = o.value.as_f64() {
                        if lexicon.fw.is(key, Role::MonthNounDef) && (1.0..=12.0).contains(&v) {
                            return Some((v as u32, false, true, start, o.end_tok));
                        }
                    }
                }
            }
        }
        let found = if had_shahr {
            lexicon.months.at(a, k)
        } else {
            lexicon.months.at_clitic(a, k)
        };
        let Some(m) = found else {
            let (month, end) = self.glued_month_pair(a, k)?;
            let start = if had_shahr {
                start
            } else {
                a.tokens()[k].start
            };
            return Some((month, false, true, start, end));
        };
        if !had_shahr {
            start = m.start;
        }
        let mo = *m.value;
        let mut end = m.end_tok;
        // Paired forms: أكتوبر/تشرين الأول, أكتوبر (تشرين الأول).
        if end + 1 < a.len() && matches!(light_at(a, end), "/" | "(" | "-") {
            if let Some(m2) = lexicon.months.at(a, end + 1) {
                if m2.value.month == mo.month {
                    end = m2.end_tok;
                    if end < a.len() && light_at(a, end) == ")" {
                        end += 1;
                    }
                }
            }
        }
        // The same month in the other naming side by side: تموز يوليو,
        // كانون الثاني يناير (Levantine and Egyptian names, one month).
        if end == m.end_tok && !mo.hijri {
            if let Some(m2) = lexicon.months.at(a, end) {
                if m2.value.month == mo.month && !m2.value.hijri {
                    end = m2.end_tok;
                }
            }
        }
        Some((mo.month, mo.hijri, mo.bare || had_shahr, start, end))
    }

    /// A Gregorian month written in both namings with the slash lost
    /// (GUIDELINES decision 59, WikiFANE text): `يوليوتموز` (two one-word
    /// names of one month glued) or `تشرين الثانينوفمبر` (a two-word name
    /// whose last word is glued to the other name). The month and the token
    /// after it.
    fn glued_month_pair(&self, a: &Doc<'_, '_>, k: usize) -> Option<(u32, usize)> {
        if k >= a.len() || a.tokens()[k].kind != TokenKind::Word {
            return None;
        }
        let lexicon = &self.lexicon;
        let months = &lexicon.months;
        // A month name of one word; the index's Bloom filter and kind bits
        // answer "no" for most strings without a probe of the table.
        let one_word = |w: &str| {
            if !lexicon.key_has(w, kind::MONTH) {
                return None;
            }
            months.word_payloads(w).find(|m| !m.hijri).map(|m| m.month)
        };
        // The splits of a key into a head of 2+ letters and a month name.
        fn splits(key: &str) -> impl Iterator<Item = (&str, &str)> {
            key.char_indices()
                .skip(2)
                .map(move |(p, _)| (&key[..p], &key[p..]))
        }
        // A tail is a suffix of its word: none is a month name when no
        // month name ends as the word does.
        let may_end_in_month = |w: &str| lexicon.month_endings.may_have_stem(w);
        let key = key_at(a, k);
        // The head too is a month name.
        if lexicon.may_glue_two_months(key) {
            for (head, tail) in splits(key) {
                if let Some(m2) = one_word(tail) {
                    if one_word(head) == Some(m2) {
                        return Some((m2, k + 1));
                    }
                }
            }
        }
        // A first key of a month name has the month bit: the bit test
        // before the probe.
        if k + 1 < a.len()
            && a.key_is(k, kind::MONTH)
            && may_end_in_month(key_at(a, k + 1))
            && months.starts(key)
            && one_word(key).is_none()
        {
            for (_, tail) in splits(key_at(a, k + 1)) {
                if let Some(m) = one_word(tail) {
                    return Some((m, k + 2));
                }
            }
        }
        None
    }

    /// A year at `j`: `2015`, `عام 2015`, `من عام 2015`, `سنة 1436 هـ`.
    /// Returns (year, end, hijri marker).
    pub(crate) fn year_at(
        &self,
        a: &Doc<'_, '_>,
        j: usize,
        need_noun: bool,
    ) -> Option<(i32, usize, bool)> {
        if j >= a.len() {
            return None;
        }
        let mut k = j;
        let mut noun = false;
        let fw = &self.lexicon.fw;
        // 8 تموز يوليو، عام 1889: a comma before the year noun.
        if is_comma(light_at(a, k)) && self.lexicon.tok_is(a, k + 1, Role::YearNoun) {
            k += 1;
        }
        if self.lexicon.tok_is(a, k, Role::DateLink)
            && self.lexicon.tok_is(a, k + 1, Role::YearNoun)
        {
            k += 1;
        }
        if a.role_is(k, Role::YearNoun)
            || a.stem_is(k, kind::YEAR_NOUN)
                && stems(key_at(a, k)).any(|(_, state)| fw.is(&state, Role::YearNoun))
        {
            noun = true;
            k += 1;
        }
        if need_noun && !noun {
            return None;
        }
        // يناير، 2001 / شعبان / 1428
        if (is_comma(light_at(a, k)) || light_at(a, k) == "/")
            && !noun
            && light_at(a, k + 1).len() == 4
        {
            k += 1;
        }
        let y = plain_int(a, k)?;
        let len = light_at(a, k).len();
        if len != 4 || y == 0 {
            return None;
        }
        let (end, hijri) = self.lexicon.after_era(a, k + 1);
        Some((y as i32, end, hijri))
    }

    /// A year written as four digits without a year noun, at `i`: after a
    /// preposition of time or a date modifier (`في 2015`, `منذ 1948`,
    /// `مطلع 2015م`), or right after a content noun when no counted noun
    /// follows (`حرب 1967`, `انتخابات 2014 في`). Not after an identifier
    /// noun (`القرار 2254`, `رقم 1967`), not inside a longer digit run (a
    /// phone number), not before a unit, currency or scale. An era word
    /// after the year is inside the span; a Hijri one gives a Hijri value.
    pub(crate) fn bare_year(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<Candidate> {
        let a = state.a;
        let lexicon = &self.lexicon;
        let digits = light_at(a, i).len();
        if i == 0 || !(3..=4).contains(&digits) {
            return None;
        }
        let y = plain_int(a, i)? as i32;
        let (end, hijri) = lexicon.after_era(a, i + 1);
        let marked = end > i + 1;
        // Three digits only with an era word (570م).
        if digits == 3 && !marked {
            return None;
        }
        let prev = key_at(a, i - 1);
        let after_cue = self.is_date_cue_at(a, i - 1)
            || a.tokens()[i - 1].kind == TokenKind::Word
                && stems(prev).any(|(_, s)| self.is_date_cue(&s));
        // A year alone in brackets: قصائد الرصيف (1980).
        let bracketed = light_at(a, i - 1) == "("
            && light_at(a, end) == ")"
            && !(i >= 2 && self.is_id_noun(key_at(a, i - 2)));
        // A year after a place and a comma (a publisher's imprint, a
        // dateline: دار رياض الريس، بيروت، 2005; GUIDELINES decision 59).
        let after_place_comma = i >= 2
            && is_comma(light_at(a, i - 1))
            && a.tokens()[i - 2].kind == TokenKind::Word
            && !a.key_is(i - 2, kind::WORD | kind::UNIT_NAME | kind::CURRENCY)
            && self.ends_a_year(a, end);
        let in_range = if hijri {
            (1..=1500).contains(&y)
        } else if (bracketed || after_place_comma) && !after_cue {
            (1800..=2100).contains(&y)
        } else if marked {
            (1..=2100).contains(&y)
        } else if after_cue {
            (1000..=2100).contains(&y)
        } else {
            (1900..=2100).contains(&y)
        };
        if !in_range {
            return None;
        }
        let after_noun = !after_cue && self.year_after_noun(a, i, end);
        if !(marked || after_cue || after_noun || bracketed || after_place_comma) {
            return None;
        }
        let value = if hijri {
            super::hijri::value(y, None, None)
        } else {
            Value::String(super::year4(y))
        };
        let mut c = Candidate::new(a.tokens()[i].start, end, Label::Date, value, "date/year");
        c.priority = 1;
        Some(c)
    }

    /// Whether `key` (or its stem after proclitics) is an identifier noun
    /// (`المادة`, `بالرقم`): the number after it is no year.
    fn is_id_noun(&self, key: &str) -> bool {
        self.lexicon.fw.is_with_proclitics(key, Role::IdNoun)
    }

    /// Whether the four digits at `i` (ending before `end`) read as a year
    /// after the noun before them: a content word before (not a function
    /// word, number word, modifier, unit, currency or identifier noun), and
    /// after them the end, punctuation or a word that starts a new phrase,
    /// never another number or a counted noun.
    fn year_after_noun(&self, a: &Doc<'_, '_>, i: usize, end: usize) -> bool {
        let lexicon = &self.lexicon;
        let p = i - 1;
        let pt = a.tokens()[p];
        if pt.kind != TokenKind::Word || t_glued(a, i) {
            return false;
        }
        let pk = key_at(a, p);
        if lexicon.fw.any_role(pk)
            || lexicon.fw.is_with_proclitics(pk, Role::IdNoun)
            || a.key_is(
                p,
                kind::WORD | kind::MODIFIER | kind::CURRENCY | kind::UNIT_NAME,
            )
            || lexicon.words.contains_key(pk)
        {
            return false;
        }
        self.ends_a_year(a, end)
    }

    /// Whether what follows four digits (token `end`) lets them be a year:
    /// the end, punctuation or a word that starts a new phrase, never
    /// another number, a unit, a currency or a counted noun.
    pub(crate) fn ends_a_year(&self, a: &Doc<'_, '_>, end: usize) -> bool {
        let lexicon = &self.lexicon;
        if end >= a.len() {
            return true;
        }
        match a.tokens()[end].kind {
            TokenKind::Number => false,
            TokenKind::Punct => {
                let l = light_at(a, end);
                let joins_digits = matches!(l, "/" | "-" | ":" | "." | "," | "+")
                    && a.tokens()
                        .get(end + 1)
                        .is_some_and(|t| t.kind == TokenKind::Number);
                !joins_digits && !lexicon.percent.starts(l) && !lexicon.currencies.starts(l)
            }
            TokenKind::Word => {
                let nk = key_at(a, end);
                // A counted noun after a number is indefinite and bare
                // (2000 شخص): a definite word (أزمة 2008 المالية) or one
                // with a preposition glued (حرب 1973 لاستعادة) is not one.
                let definite = nk.starts_with(lexicon.fw.article()) && !lexicon.percent.starts(nk);
                let glued_preposition = nk.starts_with(['ل', 'ب'])
                    && nk.chars().count() > 3
                    && !a.key_is(end, kind::UNIT_NAME | kind::CURRENCY);
                a.role_is(end, Role::PhraseStart)
                    || self.is_date_cue(nk)
                    || definite
                    || glued_preposition
                    || nk.starts_with('و')
                        && nk.chars().count() > 2
                        && !lexicon.words.contains_key(nk)
            }
        }
    }

    /// Day-month-year forms at `i`. The bit test of
    /// [`Self::may_start_date_parts`] is inlined at every caller, the
    /// reading is not.
    #[inline]
    pub(crate) fn date_parts(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<DateParts> {
        if !self.may_start_date_parts(state.a, i) {
            return None;
        }
        self.date_parts_reading(state, i)
    }

    /// Whether [`Self::date_parts`] may find a date at token `i` (false:
    /// it surely finds none). Its readings start with a weekday or `يوم`,
    /// a day noun (`أيام`, `اليوم`), a number, an ordinal, or else the
    /// month itself at `i` ([`Self::month_at`]: a month noun or name on the
    /// key or a stem, or two month names glued, [`Self::glued_month_pair`]).
    #[inline]
    fn may_start_date_parts(&self, a: &Doc<'_, '_>, i: usize) -> bool {
        const MONTH_BITS: u32 = kind::MONTH | kind::MONTH_NOUN;
        let Some(t) = a.tokens().get(i) else {
            return false;
        };
        t.kind == TokenKind::Number
            || a.key_is(i, MONTH_BITS)
            || a.stem_is(i, MONTH_BITS)
            || a.role_is(i, Role::DaysNoun)
            || a.role_is(i, Role::DayNounDef)
            || t.kind == TokenKind::Word
                && (may_be_weekday(a, i)
                    || may_be_ordinal(a, i)
                    || self.lexicon.may_glue_two_months(a.key(i)))
    }

    /// [`Self::date_parts`] at a token where a date may start.
    #[inline(never)]
    fn date_parts_reading(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<DateParts> {
        if i >= state.a.len() {
            return None;
        }
        let a = state.a;
        let lexicon = &self.lexicon;
        let mut j = i;
        let mut start = a.tokens()[i].start;
        let mut has_weekday = false;
        // [يوم] weekday [،] [الموافق]
        if let Some((_, s, e)) = self.weekday_at(a, j) {
            start = s;
            has_weekday = true;
            j = e;
            while j < a.len() && is_comma(light_at(a, j)) {
                j += 1;
            }
            if lexicon.tok_is(a, j, Role::WeekdayLink) {
                j += 1;
            }
        }
        // A leading day: 7, 1-8, 13 الى 15, 14 و15, الأول من, الرابع من.
        let mut day = None;
        let mut day2 = None;
        if lexicon.tok_is(a, j, Role::DaysNoun) {
            if !has_weekday {
                start = a.tokens()[j].start;
            }
            j += 1;
        }
        let day_start = j;
        if let Some(d) = plain_int(a, j).filter(|d| (1..=31).contains(d)) {
            if light_at(a, j).len() <= 2 {
                day = Some(d);
                j += 1;
                // Range of days.
                if j + 1 < a.len() {
                    if lexicon.tok_is(a, j, Role::RangeTo) || lexicon.tok_is(a, j, Role::And) {
                        if let Some(d2) =
                            plain_int(a, j + 1).filter(|d2| (1..=31).contains(d2) && *d2 > d)
                        {
                            day2 = Some(d2);
                            j += 2;
                        }
                    }
                }
                if lexicon.tok_is(a, j, Role::Of) {
                    j += 1;
                }
            }
        } else if let Some(o) = self
            .ordinal(state, j)
            .filter(|o| !continues_a_number(a, j, o))
        {
            // الأول من شهر شباط, الرابع من ابريل, اليوم الثالث من
            let v = o.value.as_f64().unwrap_or(0.0);
            // ثالث يوم من شهر عشرة
            let after = if lexicon.tok_is(a, o.end_tok, Role::DayNoun) {
                o.end_tok + 1
            } else {
                o.end_tok
            };
            if (1.0..=31.0).contains(&v)
                && after < a.len()
                && lexicon.tok_is(a, after, Role::Of)
                && !key_at(a, j).ends_with('ه')
            {
                day = Some(v as u32);
                if !has_weekday {
                    start = o.start;
                }
                j = after + 1;
            }
        } else if lexicon.tok_is(a, j, Role::DayNounDef) {
            if let Some(o) = self.ordinal(state, j + 1) {
                let v = o.value.as_f64().unwrap_or(0.0);
                if (1.0..=31.0).contains(&v) && lexicon.tok_is(a, o.end_tok, Role::Of) {
                    day = Some(v as u32);
                    j = o.end_tok + 1;
                }
            }
        }
        if day.is_some() && !has_weekday && day_start == i {
            start = a.tokens()[i].start.max(start);
        }
        // 20 / شعبان / 1428: slashes around a month name.
        if day.is_some() && light_at(a, j) == "/" && self.month_at(a, j + 1).is_some() {
            j += 1;
        }
        let (month, hijri, bare, mstart, mut end) = self.month_at(a, j)?;
        if day.is_none() && !has_weekday {
            start = mstart;
        }
        // Month first: يوليو 13-15, اغسطس 27 الى 29.
        if day.is_none() {
            if let Some(d) = plain_int(a, end).filter(|d| (1..=31).contains(d)) {
                if light_at(a, end).len() <= 2 {
                    let mut e = end + 1;
                    let mut d2 = None;
                    if e + 1 < a.len() && lexicon.tok_is(a, e, Role::RangeTo) {
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
        if day.is_some()
            && day2.is_none()
            && end + 2 < a.len()
            && lexicon.tok_is(a, end, Role::RangeTo)
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
            if let Some(m) = lexicon.relative.at(a, end) {
                if let Relative::Adj(o) = m.value {
                    adj = Some(*o);
                    end = m.end_tok;
                }
            }
        }
        // A month name that is also a common word (مارس, آب) stands alone
        // after a preposition of time or a date modifier (في مارس, وفي
        // مارس), or before `من العام نفسه`.
        let cue = i > 0 && {
            let pk = key_at(a, i - 1);
            self.is_date_cue_at(a, i - 1)
                || stems(pk).any(|(_, s)| self.is_date_cue(&s))
                || a.role_is(i - 1, Role::MonthNoun)
                || a.role_is(i - 1, Role::This)
        } || lexicon.tok_is(a, end, Role::Of)
            && lexicon.tok_is(a, end + 1, Role::YearNounDef)
            && lexicon.tok_is(a, end + 2, Role::Same);
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
            hijri_month: hijri,
            has_weekday,
            adj,
        })
    }

    /// `[يوم] الخميس` at `j`: (day, start of the weekday word, end); `يوم`
    /// stays outside the span (GUIDELINES N7). The bit test is inlined at
    /// every caller, the reading is not.
    #[inline]
    pub(crate) fn weekday_at(&self, a: &Doc<'_, '_>, j: usize) -> Option<(u32, usize, usize)> {
        if !may_be_weekday(a, j) {
            return None;
        }
        self.weekday_reading(a, j)
    }

    /// [`Self::weekday_at`] at a word that may be a weekday.
    #[inline(never)]
    fn weekday_reading(&self, a: &Doc<'_, '_>, j: usize) -> Option<(u32, usize, usize)> {
        let lexicon = &self.lexicon;
        let key = key_at(a, j);
        let whole_noun = a.key_is(j, kind::DAY_NOUN) && a.role_is(j, Role::DayNoun);
        if whole_noun
            || a.stem_is(j, kind::DAY_NOUN)
                && stems(key).any(|(_, s)| lexicon.fw.is(&s, Role::DayNoun))
        {
            // `يوم` before the weekday stays outside the span (GUIDELINES N7,
            // as Recognizers-Text marks it): يوم [الجمعة].
            if j + 1 < a.len() && key_at(a, j + 1).starts_with(lexicon.fw.article()) {
                if let Some(&d) = lexicon.weekdays.get(key_at(a, j + 1)) {
                    return Some((d, a.tokens()[j + 1].start, j + 2));
                }
            }
            return None;
        }
        if key.starts_with(lexicon.fw.article()) && a.key_is(j, kind::WEEKDAY) {
            if let Some(&d) = lexicon.weekdays.get(key) {
                return Some((d, a.tokens()[j].start, j + 1));
            }
        }
        if !a.stem_is(j, kind::WEEKDAY) {
            return None;
        }
        for (chars, s) in stems(key) {
            if s.starts_with(lexicon.fw.article()) {
                if let Some(&d) = lexicon.weekdays.get(s.as_ref()) {
                    return Some((d, a.orig_offset(j, chars), j + 1));
                }
            }
        }
        None
    }

    pub(crate) fn parts_value(&self, state: &DocState<'_, '_, '_>, p: &DateParts) -> Value {
        if p.hijri {
            // A Hijri month with its year; a Gregorian month with a Hijri
            // year mark, or no year, has no fixed value.
            return match p.year {
                // رمضان 2019: a Gregorian year after a Hijri month (Hijri
                // years are below 1600 until 2174) has no Hijri value.
                Some(y) if p.hijri_month && p.day2.is_none() && y < 1600 => {
                    super::hijri::value(y, Some(p.month), p.day)
                }
                _ => Value::Null,
            };
        }
        let year = p.year.or_else(|| {
            let r = state.refd?;
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

    /// `(من|في)? <Gregorian month> <year>?` at token `k`: the month, the year
    /// (the reference date's when none is written) and the end token.
    pub(crate) fn gregorian_month_year(
        &self,
        state: &DocState<'_, '_, '_>,
        k: usize,
    ) -> Option<(u32, i32, usize)> {
        let a = state.a;
        let k = if self.lexicon.tok_is(a, k, Role::DateLink) {
            k + 1
        } else {
            k
        };
        let (m, hijri, _, _, mut end) = self.month_at(a, k)?;
        if hijri {
            return None;
        }
        let mut year = state.refd.map(|r| r.year());
        if let Some((y, ye, _)) = self.year_at(a, end, false) {
            year = Some(y);
            end = ye;
        }
        Some((m, year?, end))
    }
}

/// Whether [`NumberRecognizer::weekday_at`] may find a weekday at token `j`
/// (false: it surely finds none). Every weekday found is a token key or
/// stem with the weekday bit, and each reading needs the day noun or the
/// weekday bit on the token key or a stem: the bit test before the key.
#[inline]
pub(crate) fn may_be_weekday(a: &Doc<'_, '_>, j: usize) -> bool {
    const DAY_BITS: u32 = kind::DAY_NOUN | kind::WEEKDAY;
    a.tokens().get(j).is_some_and(|t| t.kind == TokenKind::Word)
        && a.has_kind_anywhere(kind::WEEKDAY)
        && (a.key_is(j, DAY_BITS) || a.stem_is(j, DAY_BITS))
}

/// Whether token `i` is glued to the token before it.
fn t_glued(a: &Doc<'_, '_>, i: usize) -> bool {
    a.tokens()[i].glued
}

impl NumberRecognizer {
    /// A numeric day-month-year with dashes or dots, glued tokens from `i`
    /// (`21-04-2016`, `15.01.1990`, `٢١-٠٤-٢٠١٦`): the only valid reading,
    /// else the dateline country's order (decision 83).
    pub(crate) fn numeric_dmy(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<Candidate> {
        let a = state.a;
        // The glued tokens from `i` whose text is `d-m-yyyy` (the scanner
        // may cut it anywhere: `21` `-` `04-2016`).
        let shaped = |joined: &str| {
            let sep = joined.chars().find(|c| matches!(c, '-' | '.'))?;
            let parts: Vec<&str> = joined.split(sep).collect();
            (parts.len() == 3
                && parts[..2].iter().all(|p| (1..=2).contains(&p.len()))
                && parts[2].len() == 4
                && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())))
            .then(|| [0, 1, 2].map(|k| parts[k].to_string()))
        };
        let mut joined = String::new();
        let mut found = None;
        let mut k = i;
        while k < a.len() && k < i + 5 && (k == i || a.tokens()[k].glued) {
            joined.push_str(light_at(a, k));
            k += 1;
            if let Some(parts) = shaped(&joined) {
                found = Some((parts, k));
            }
        }
        let (parts, end) = found?;
        // Not a longer run of numbers (21-04-2016-17).
        if a.tokens()
            .get(end)
            .is_some_and(|t| t.glued && t.kind == TokenKind::Number)
        {
            return None;
        }
        let (first, second, y): (u32, u32, i32) = (
            parts[0].parse().ok()?,
            parts[1].parse().ok()?,
            parts[2].parse().ok()?,
        );
        let day_first = NaiveDate::from_ymd_opt(y, second, first);
        let month_first = NaiveDate::from_ymd_opt(y, first, second);
        let date = match (day_first, month_first) {
            (Some(dm), Some(md)) => {
                if self.month_first(state) {
                    md
                } else {
                    dm
                }
            }
            (dm, md) => dm.or(md)?,
        };
        Some(Candidate::new(
            a.tokens()[i].start,
            end,
            Label::Date,
            Value::String(iso_day(date)),
            "date/numeric",
        ))
    }
}
