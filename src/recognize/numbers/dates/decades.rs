//! Decades and centuries (GUIDELINES decision 81): `الثمانينيات` =
//! `"198X"`, `ثمانينيات القرن الماضي`, `القرن التاسع عشر` = `"18XX"`,
//! `العقد الماضي` (the previous calendar decade of the reference date).

#![allow(
    clippy::collapsible_if,
    clippy::collapsible_match,
    clippy::collapsible_else_if
)]

use chrono::Datelike;
use serde_json::Value;

use super::super::function_words::Role;
use super::super::lexicon::{stems, Relative};
use super::super::{key_at, Candidate, DocState, NumberRecognizer};
use super::t_start;
use crate::mention::Label;

impl NumberRecognizer {
    /// A decade (`الثمانينيات` = `"198X"`, `التسعينات من القرن الماضي`,
    /// `ثمانينيات القرن الماضي`): the twentieth century unless a century
    /// follows; without the article, only with the century after it.
    pub(crate) fn decade(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<Candidate> {
        let a = state.a;
        let lexicon = &self.lexicon;
        let key = key_at(a, i);
        // The word ends with a decade suffix, so with its last letter.
        if let Some(ends) = &lexicon.decade_suffix_ends {
            if !key.chars().next_back().is_some_and(|c| ends.contains(&c)) {
                return None;
            }
        }
        let (plural, definite) = match lexicon.fw.strip_article(key) {
            Some(p) => (p, true),
            None => (key, false),
        };
        let stem = lexicon
            .fw
            .words(Role::DecadeSuffix)
            .find_map(|suffix| plural.strip_suffix(suffix).filter(|s| !s.is_empty()))?;
        let stem = stem
            .strip_suffix('ي')
            .filter(|x| lexicon.words.contains_key(*x))
            .unwrap_or(stem);
        let tens = lexicon.words.get(stem).and_then(|w| w.tens)?;
        let mut end = i + 1;
        let mut hundreds = 19;
        let century = if definite && lexicon.tok_is(a, end, Role::Of) {
            self.century_at(state, end + 1)
        } else if !definite {
            Some(self.century_at(state, end)?)
        } else {
            None
        };
        if let Some((h, e)) = century {
            hundreds = h;
            end = e;
        }
        let v = Value::String(format!("{hundreds}{}X", tens as u32 / 10));
        Some(Candidate::new(
            t_start(a, i),
            end,
            Label::Date,
            v,
            "date/decade",
        ))
    }

    /// A century used as a time (`في القرن التاسع عشر` = `"18XX"`,
    /// `بالقرن الماضي`, `منذ القرن الـ15`): after a preposition of time or
    /// a date modifier, or with `ب` glued to it. Elsewhere (`طريق الحرير
    /// للقرن الـ21`) only the ordinal inside is annotated (decision 13).
    pub(crate) fn century(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<Candidate> {
        let a = state.a;
        let lexicon = &self.lexicon;
        let key = key_at(a, i);
        let (start, k) = if a.role_is(i, Role::CenturyNoun) {
            let prev = if i > 0 { key_at(a, i - 1) } else { "" };
            let cue =
                self.is_date_cue(prev) || i > 0 && stems(prev).any(|(_, s)| self.is_date_cue(&s));
            if !cue {
                return None;
            }
            (t_start(a, i), i)
        } else {
            let rest = key.strip_prefix('ب')?;
            if !lexicon.fw.is(rest, Role::CenturyNoun) {
                return None;
            }
            (a.orig_offset(i, 1), i)
        };
        let (hundreds, end) = self.century_noun_at(state, k, true)?;
        let v = Value::String(format!("{hundreds:02}XX"));
        Some(Candidate::new(start, end, Label::Date, v, "date/century"))
    }

    /// A decade relative to the reference date (`العقد الماضي` in 2015 =
    /// `"200X"`, `العقد الحالي` = `"201X"`); `null` without a reference date.
    pub(crate) fn relative_decade(
        &self,
        state: &DocState<'_, '_, '_>,
        i: usize,
    ) -> Option<Candidate> {
        let a = state.a;
        let lexicon = &self.lexicon;
        if !lexicon.tok_is(a, i, Role::DecadeNoun) {
            return None;
        }
        let m = lexicon.relative.at(a, i + 1)?;
        let Relative::Adj(off) = m.value else {
            return None;
        };
        let v = state.refd.map_or(Value::Null, |r| {
            let decade = r.year().div_euclid(10) + *off as i32;
            Value::String(format!("{decade}X"))
        });
        Some(Candidate::new(
            t_start(a, i),
            m.end_tok,
            Label::Date,
            v,
            "date/decade",
        ))
    }

    /// `القرن` + an ordinal (`القرن التاسع عشر`, `القرن الحادي والعشرين`) or
    /// a relative adjective (`القرن الماضي`) at `k`: the century's first
    /// two digits (19 for the twentieth) and the end token.
    pub(crate) fn century_at(
        &self,
        state: &DocState<'_, '_, '_>,
        k: usize,
    ) -> Option<(i32, usize)> {
        self.century_noun_at(state, k, false)
    }

    /// [`Self::century_at`]; with `glued`, the noun at `k` may carry `ب`.
    fn century_noun_at(
        &self,
        state: &DocState<'_, '_, '_>,
        k: usize,
        glued: bool,
    ) -> Option<(i32, usize)> {
        let a = state.a;
        let lexicon = &self.lexicon;
        let key = key_at(a, k);
        let noun = a.role_is(k, Role::CenturyNoun)
            || glued
                && key
                    .strip_prefix('ب')
                    .is_some_and(|r| lexicon.fw.is(r, Role::CenturyNoun));
        if !noun {
            return None;
        }
        if let Some(m) = lexicon.relative.at(a, k + 1) {
            if let Relative::Adj(off) = m.value {
                // Without a reference date, the present is the 21st century.
                let now = state.refd.map_or(20, |r| r.year() / 100);
                return Some((now + *off as i32, m.end_tok));
            }
        }
        let o = self.ordinal(state, k + 1)?;
        let n = o.value.as_f64()?;
        (n.fract() == 0.0 && (1.0..=30.0).contains(&n)).then_some((n as i32 - 1, o.end_tok))
    }
}
