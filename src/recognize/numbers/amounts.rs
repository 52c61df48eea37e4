//! Amounts and what follows them: a number with its suffix (percent sign,
//! currency, unit, time unit), the typed candidate it makes (CARDINAL,
//! PERCENT, MONEY, QUANTITY or a duration DATE), vague amounts, cents,
//! post-modifiers, fiscal years, and units written without a number
//! (`يومين`, `دولارين`).

#![allow(
    clippy::collapsible_if,
    clippy::collapsible_match,
    clippy::collapsible_else_if
)]

use serde_json::{json, Value};

use super::function_words::Role;
use super::lexicon::{self, adjective_stem, kind, Doc};
use super::parse::Num;
use super::*;
use crate::mention::{number_value, Label, Modifier};
use crate::text::TokenKind;

impl NumberRecognizer {
    /// The end offset of token `t - 1`.
    pub(super) fn end_off(a: &Doc<'_, '_>, end_tok: usize) -> usize {
        a.tokens()[end_tok - 1].end
    }

    /// A suffix (percent sign, currency, unit, time unit) at token `k`.
    pub(super) fn suffix(
        &self,
        state: &DocState<'_, '_, '_>,
        k: usize,
        definite: bool,
    ) -> Option<(Suffix, usize)> {
        let a = state.a;
        if k >= a.len() {
            return None;
        }
        let lexicon = &self.lexicon;
        if let Some(m) = lexicon.percent.at(a, k) {
            return Some((Suffix::Percent, m.end_tok));
        }
        let cur = lexicon.currencies.at(a, k).or_else(|| {
            if definite && a.key_is(k, kind::DEF_CURRENCY) {
                let key = key_at(a, k);
                lexicon
                    .fw
                    .strip_article(key)
                    .and_then(|s| lexicon.currencies.match_rest(a, s, k, a.tokens()[k].start))
            } else {
                None
            }
        });
        if let Some(m) = cur {
            let c = m.value;
            let mut end = m.end_tok;
            let mut code = None;
            let mut how = "";
            if end < a.len() && a.tokens()[end].kind == TokenKind::Word {
                let stem = adjective_stem(&self.lexicon.fw, key_at(a, end));
                if let Some(x) = lexicon
                    .currency_adj
                    .get(&(c.base.clone(), stem.to_string()))
                {
                    code = Some(x.clone());
                    end += 1;
                    how = "adjective";
                }
            }
            if code.is_none() {
                if let Some(x) = &c.code {
                    code = Some(x.clone());
                    how = "lexicon";
                }
            }
            if code.is_none() {
                if let Some(country) = &state.country {
                    if let Some(x) = lexicon
                        .currency_country
                        .get(&(c.base.clone(), country.clone()))
                    {
                        code = Some(x.clone());
                        how = "dateline";
                    }
                }
            }
            if code.is_none() {
                let named = state
                    .named_countries
                    .get_or_init(|| self.document_countries(state));
                if let Some(x) = named.iter().find_map(|country| {
                    lexicon
                        .currency_country
                        .get(&(c.base.clone(), country.clone()))
                }) {
                    code = Some(x.clone());
                    how = "country named in the document";
                }
            }
            if code.is_none() {
                if let Some(x) = lexicon.currency_default.get(&c.base) {
                    code = Some(x.clone());
                    how = "default";
                }
            }
            let code = code?;
            let ev = state.evidence(|| {
                let name = a.slice(a.tokens()[k].start, Self::end_off(a, end));
                format!("currency: {name} → {code} ({how})")
            });
            return Some((
                Suffix::Money {
                    ev,
                    code,
                    factor: c.factor,
                },
                end,
            ));
        }
        if let Some(m) = lexicon.units.at(a, k) {
            let u = m.value;
            let ev = state.evidence(|| {
                let name = a.slice(a.tokens()[k].start, Self::end_off(a, m.end_tok));
                format!("unit: {name} → {}", u.unit)
            });
            return Some((
                Suffix::Unit {
                    unit: u.unit.clone(),
                    dual: u.dual,
                    ev,
                },
                m.end_tok,
            ));
        }
        let tk = key_at(a, k);
        let tu = (a.key_is(k, kind::TIME_UNIT))
            .then(|| lexicon.time_units.get(tk))
            .flatten()
            .or_else(|| {
                if definite && a.key_is(k, kind::DEF_TIME_UNIT) {
                    lexicon
                        .fw
                        .strip_article(tk)
                        .and_then(|s| lexicon.time_units.get(s))
                } else {
                    None
                }
            });
        if let Some(t) = tu {
            return Some((
                Suffix::Time {
                    unit: t.unit.clone(),
                },
                k + 1,
            ));
        }
        None
    }

    /// Label, value and rule for an amount with a suffix.
    pub(super) fn typed(
        &self,
        v: Option<f64>,
        sfx: &Suffix,
    ) -> (Label, Value, &'static str, String) {
        match sfx {
            Suffix::Percent => (
                Label::Percent,
                v.map_or(Value::Null, number_value),
                "percent/amount-sign",
                String::new(),
            ),
            Suffix::Money { code, factor, ev } => (
                Label::Money,
                json!({"amount": v.map_or(Value::Null, |x| number_value(round(x * factor))), "currency": code}),
                "money/amount-currency",
                ev.clone(),
            ),
            Suffix::Unit { unit, ev, .. } => (
                Label::Quantity,
                json!({"amount": v.map_or(Value::Null, number_value), "unit": unit}),
                "quantity/amount-unit",
                ev.clone(),
            ),
            Suffix::Time { unit, .. } => (
                duration_label(unit),
                duration(v, unit),
                "date/duration",
                String::new(),
            ),
        }
    }

    /// An amount at `j`: a number, or a currency symbol and a number (`$10`).
    pub(super) fn amount(&self, state: &DocState<'_, '_, '_>, j: usize) -> Option<Amount> {
        let a = state.a;
        if j >= a.len() {
            return None;
        }
        if matches!(a.tokens()[j].kind, TokenKind::Punct) || light_at(a, j).is_ascii() {
            if let Some(m) = self.lexicon.currencies.at(a, j) {
                if a.tokens()[j].kind != TokenKind::Number && m.end_tok < a.len() {
                    if let Some(mut n) = self.lexicon.number(a, m.end_tok) {
                        if let Some((s, _)) = self.suffix(state, j, false) {
                            n.start = a.tokens()[j].start;
                            n.tok_start = j;
                            // `$20 43`: dollars and cents.
                            return Some((n, Some((s, 0))));
                        }
                    }
                }
            }
        }
        let n = self.lexicon.number(a, j)?;
        Some((n, None))
    }

    /// A single amount with its suffix (and cents, post modifiers,
    /// `تحت الصفر`), or a range when one follows and `range` allows.
    pub(super) fn expr(
        &self,
        state: &DocState<'_, '_, '_>,
        j: usize,
        _between: bool,
    ) -> Option<Candidate> {
        if !state.has(j, lexicon::NUM) {
            return None;
        }
        // The amount and its suffix are parsed once for both readings.
        let amount = self.amount(state, j)?;
        let first = self.first_suffix(state, &amount);
        if let Some(c) = self.range_from(state, &amount, first.as_ref(), false) {
            return Some(c);
        }
        self.single_from(state, amount, first)
    }

    /// The suffix right after an amount with a value and no currency before
    /// it (`suffix(…, false)`), as [`Self::range_from`] and
    /// [`Self::single_from`] expect it.
    pub(super) fn first_suffix(
        &self,
        state: &DocState<'_, '_, '_>,
        (n, pre): &Amount,
    ) -> Option<(Suffix, usize)> {
        if pre.is_some() || n.value.is_none() {
            return None;
        }
        self.suffix(state, n.end_tok, false)
    }

    /// A single amount (parsed at the start) with its suffix; `first` is
    /// its [`Self::first_suffix`].
    pub(super) fn single_from(
        &self,
        state: &DocState<'_, '_, '_>,
        (n, pre): Amount,
        first: Option<(Suffix, usize)>,
    ) -> Option<Candidate> {
        let a = state.a;
        let mut end = n.end_tok;
        let sfx = match pre {
            Some((s, _)) => Some(s),
            None => {
                // Below one (or vague), a definite suffix counts too.
                let definite = n.value.is_none_or(|v| v < 1.0);
                let found = if definite {
                    self.suffix(state, end, true)
                } else {
                    first
                };
                // عشرات الملايين من الدولارات: a vague amount of a currency
                // or unit after من.
                let found = found.or_else(|| {
                    let vague = n.value.is_none() && n.range.is_some();
                    if !vague || !self.lexicon.tok_is(a, end, Role::Of) {
                        return None;
                    }
                    self.suffix(state, end + 1, true)
                        .filter(|(s, _)| matches!(s, Suffix::Money { .. } | Suffix::Unit { .. }))
                });
                match found {
                    Some((s, e)) => {
                        end = e;
                        Some(s)
                    }
                    None => None,
                }
            }
        };
        let mut value = n.value;
        if let Some(Suffix::Unit { dual: true, .. }) = &sfx {
            if n.value.is_none() {
                value = Some(2.0);
            }
        }
        let mut c = match &sfx {
            Some(s) => {
                // Dollars and cents: 20 دولار و43 سنت.
                if let Suffix::Money { code, factor, .. } = s {
                    if *factor == 1.0 {
                        if let Some((cents, e)) = self.cents(state, end, code) {
                            value = value.map(|v| v + cents);
                            end = e;
                        }
                    }
                }
                // A counted unit and a fraction: خمسة أشهر ونصف = P5.5M.
                if matches!(s, Suffix::Time { .. } | Suffix::Unit { .. }) {
                    if let Some((x, wj, true)) = self.lexicon.conj_word(a, end) {
                        if let Some(f) = x.fraction.filter(|_| x.unit.is_none()) {
                            if let Some(v) = value {
                                value = Some(v + f);
                                end = wj + 1;
                            }
                        }
                    }
                }
                // A bare unit and a fraction: لتر ونصف.
                let (l, v, r, ev) = self.typed(value, s);
                let mut c = Candidate::new(n.start, end, l, v, r);
                c.evidence = ev;
                c
            }
            None => {
                if n.few {
                    return None;
                }
                // 2 تحت الصفر: a temperature.
                if self.below_zero(a, end) {
                    let mut c = Candidate::new(
                        n.start,
                        end + 2,
                        Label::Quantity,
                        json!({"amount": value.map_or(Value::Null, |v| number_value(-v)), "unit": "deg"}),
                        "quantity/amount-unit",
                    );
                    c.evidence = state.evidence(|| {
                        format!("unit: {} {} → deg", a.surface(end), a.surface(end + 1))
                    });
                    return Some(c);
                }
                if n.plain_digits {
                    if let Some(c) = self.fiscal_year(state, &n) {
                        return Some(c);
                    }
                }
                let mut c = Candidate::new(
                    n.start,
                    end,
                    Label::Cardinal,
                    value.map_or(Value::Null, number_value),
                    if n.words {
                        "number/words"
                    } else {
                        "number/digits"
                    },
                );
                if n.value.is_none() {
                    c.rule = "number/vague";
                }
                c.priority = 2;
                c
            }
        };
        // Temperatures below zero.
        if c.label == Label::Quantity && self.below_zero(a, end) {
            if let Some(v) = value {
                c.value["amount"] = number_value(-v);
            }
            end += 2;
            c.end_tok = end;
        }
        // Duration with كامل.
        if c.label == Label::Date && self.one_whole(a, end) {
            end += 1;
            c.end_tok = end;
        }
        if let (None, Some(range)) = (value, n.range) {
            self.vague_range(&mut c, range, sfx.as_ref());
        }
        if let Some(exact) = n.exact {
            exact_value(&mut c, exact, sfx.as_ref());
        }
        self.extend_duration(state, &mut c);
        self.post_modifier(state, &mut c);
        Some(c)
    }

    /// The value of a vague amount (عشرات الآلاف): its range, with the
    /// currency or unit, and the approximate modifier.
    pub(super) fn vague_range(
        &self,
        c: &mut Candidate,
        (lo, hi): (f64, f64),
        sfx: Option<&Suffix>,
    ) {
        c.value = match (c.label, sfx) {
            (Label::Cardinal, _) => json!({"min": number_value(lo), "max": number_value(hi)}),
            (Label::Money, Some(Suffix::Money { code, factor, .. })) => json!({
                "min": number_value(round(lo * factor)),
                "max": number_value(round(hi * factor)),
                "currency": code,
            }),
            (Label::Quantity, Some(Suffix::Unit { unit, .. })) => {
                json!({"min": number_value(lo), "max": number_value(hi), "unit": unit})
            }
            _ => return,
        };
        c.modifier.get_or_insert(Modifier::Approx);
    }

    /// Compound durations: عام واحد و شهر و21 يوما → P1Y1M21D.
    pub(super) fn extend_duration(&self, state: &DocState<'_, '_, '_>, c: &mut Candidate) {
        let a = state.a;
        let is_duration = matches!(c.label, Label::Date | Label::Time);
        if is_duration && c.value.as_str().is_some_and(|v| v.starts_with('P')) {
            for _ in 0..4 {
                let k = c.end_tok;
                let j2 = if self.lexicon.tok_is(a, k, Role::And) {
                    k + 1
                } else if key_at(a, k).starts_with('و')
                    && a.tokens().get(k).is_some_and(|t| t.kind == TokenKind::Word)
                {
                    k
                } else {
                    break;
                };
                let Some((v2, e2)) = self.simple_duration(state, j2) else {
                    break;
                };
                let Some(merged) = c.value.as_str().and_then(|v1| merge_durations(v1, &v2)) else {
                    break;
                };
                // A day or more in the sum makes it a DATE (N11).
                c.label = if merged.starts_with("PT") {
                    Label::Time
                } else {
                    Label::Date
                };
                c.value = Value::String(merged);
                c.end_tok = e2;
            }
        }
    }

    /// A duration without compounding: `3 أيام`, `شهر واحد`, `وشهر`.
    pub(super) fn simple_duration(
        &self,
        state: &DocState<'_, '_, '_>,
        j: usize,
    ) -> Option<(String, usize)> {
        let a = state.a;
        if let Some((n, None)) = self.amount(state, j) {
            if let Some((Suffix::Time { unit }, e)) = self.suffix(state, n.end_tok, false) {
                let v = duration(n.value, &unit);
                let e = if self.one_whole(a, e) { e + 1 } else { e };
                return v.as_str().map(|x| (x.to_string(), e));
            }
            return None;
        }
        let c = self.bare_unit(state, j, true)?;
        let v = c.value.as_str()?;
        v.starts_with('P').then(|| (v.to_string(), c.end_tok))
    }

    /// `و43 سنت` after a money amount: the cents.
    pub(super) fn cents(
        &self,
        state: &DocState<'_, '_, '_>,
        k: usize,
        code: &str,
    ) -> Option<(f64, usize)> {
        let a = state.a;
        if k >= a.len() {
            return None;
        }
        let j = if self.lexicon.tok_is(a, k, Role::And) {
            k + 1
        } else {
            k
        };
        let n = self.lexicon.number(a, j)?;
        let (s, e) = self.suffix(state, n.end_tok, false)?;
        match s {
            Suffix::Money {
                code: c2, factor, ..
            } if factor < 1.0 && c2 == code => Some((n.value? * factor, e)),
            _ => None,
        }
    }

    /// A postposed modifier (`على الأقل`) extends the span.
    pub(super) fn post_modifier(&self, state: &DocState<'_, '_, '_>, c: &mut Candidate) {
        if let Some(m) = self.lexicon.modifiers.at(state.a, c.end_tok) {
            if m.value.post && c.modifier.is_none() {
                c.modifier = Some(m.value.modifier);
                c.end_tok = m.end_tok;
            }
        }
    }

    /// A fiscal year or academic year `2023/2024` → DATE "2023/2024".
    pub(super) fn fiscal_year(&self, state: &DocState<'_, '_, '_>, n: &Num) -> Option<Candidate> {
        let t = n.digits_text(state.a)?;
        let (x, y) = t.split_once('/')?;
        let xi: u32 = x.parse().ok()?;
        let yi: u32 = y.parse().ok()?;
        let ok = (x.len() == 4 && y.len() == 4 && yi == xi + 1)
            || (x.len() == 4 && y.len() == 2 && yi == (xi + 1) % 100);
        if !ok || !(1000..=2999).contains(&xi) {
            return None;
        }
        let full = if y.len() == 2 { xi + 1 } else { yi };
        Some(Candidate::new(
            n.start,
            n.end_tok,
            Label::Date,
            Value::String(format!("{xi}/{full}")),
            "date/fiscal-year",
        ))
    }

    /// A unit or time unit without a number: a dual (`يومين`, `لتران`,
    /// `دولارين`) anywhere; a bare singular (`شهر`, `لتر`) after a duration
    /// preposition, a modifier, or alone.
    pub(super) fn bare_unit(
        &self,
        state: &DocState<'_, '_, '_>,
        i: usize,
        after_modifier: bool,
    ) -> Option<Candidate> {
        let a = state.a;
        if i >= a.len() || a.tokens()[i].kind != TokenKind::Word {
            return None;
        }
        let lexicon = &self.lexicon;
        // The word itself or its stem after a proclitic.
        let key = key_at(a, i);
        // Only the stems can be time units: skip them when none is.
        let stem_forms = a
            .stem_is(i, kind::TIME_UNIT)
            .then(|| lexicon::stems(key))
            .into_iter()
            .flatten();
        let forms = std::iter::once((0, std::borrow::Cow::Borrowed(key))).chain(stem_forms);
        for (chars, k) in forms {
            let start = a.orig_offset(i, chars);
            // The word itself is looked up only with the time-unit bit.
            let time_unit = if chars == 0 {
                a.key_is(i, kind::TIME_UNIT)
            } else {
                true
            };
            if let Some(t) = time_unit
                .then(|| lexicon.time_units.get(k.as_ref()))
                .flatten()
            {
                let one_after = lexicon.tok_is(a, i + 1, Role::Single);
                // A lone unit of one, asked only of such units, its tests
                // cheapest first (each is a pure test of the tokens).
                let counts_one = || {
                    // Not before a number, a weekday or a month name.
                    let next_ok = i + 1 >= a.len()
                        || (a.tokens()[i + 1].kind != TokenKind::Number
                            && !(a.key_is(i + 1, kind::WEEKDAY)
                                && lexicon.weekdays.contains_key(key_at(a, i + 1)))
                            && !(a.key_is(i + 1, kind::MONTH)
                                && lexicon.months.starts(key_at(a, i + 1))));
                    if !next_ok {
                        return false;
                    }
                    let cued = chars > 0
                        || after_modifier
                        || (i > 0
                            && lexicon
                                .fw
                                .is_with_proclitics(key_at(a, i - 1), Role::DurationCue));
                    let full = lexicon.tok_is(a, i + 1, Role::Whole);
                    let conj = lexicon.conj_word(a, i + 1);
                    // A unit noun heading a construct is no duration: `يوم
                    // [الجلوس]`, `"لحظة ولادة"` (a definite word after it, or
                    // any word when nothing before it asks for a duration).
                    let next_word = a
                        .tokens()
                        .get(i + 1)
                        .is_some_and(|t| t.kind == TokenKind::Word);
                    let heads_construct = next_word
                        && !full
                        && !one_after
                        && conj.is_none()
                        && (key_at(a, i + 1).starts_with(lexicon.fw.article()) || !cued);
                    if heads_construct {
                        return false;
                    }
                    let opens_phrase = i == 0
                        || (a.tokens()[i - 1].kind == TokenKind::Punct
                            && light_at(a, i - 1) != "/");
                    let prev_ok = cued
                        || opens_phrase
                        || full
                        || (i > 0
                            && lexicon
                                .fw
                                .words(Role::DurationNoun)
                                .any(|w| key_at(a, i - 1).ends_with(w)));
                    // ساعة ونصف: a fraction after the unit makes it an amount.
                    let fraction_follows = conj.is_some_and(|(x, _, conj)| {
                        conj && x.fraction.is_some() && x.unit.is_none()
                    });
                    prev_ok || fraction_follows
                };
                let n = match t.count {
                    2 => Some(2.0),
                    1 if t.bare && counts_one() => Some(1.0),
                    _ if one_after => Some(1.0),
                    _ => None,
                };
                if let Some(n) = n {
                    let mut c = Candidate::new(
                        start,
                        i + 1,
                        duration_label(&t.unit),
                        duration(Some(n), &t.unit),
                        "date/duration",
                    );
                    c.priority = -1;
                    let mut end = i + 1;
                    // ساعة ونصف.
                    if let Some((x, wj, true)) = lexicon.conj_word(a, end) {
                        if let Some(f) = x.fraction.filter(|_| x.unit.is_none()) {
                            c.value = duration(Some(n + f), &t.unit);
                            end = wj + 1;
                        }
                    }
                    if self.one_whole(a, end) {
                        end += 1;
                    }
                    c.end_tok = end;
                    return Some(c);
                }
            }
            if chars > 0 {
                continue;
            }
            if let Some(m) = lexicon.units.at(a, i) {
                let u = m.value;
                let n = if u.dual {
                    Some(2.0)
                } else if u.bare {
                    Some(1.0)
                } else {
                    None
                };
                if let Some(mut n) = n {
                    let mut end = m.end_tok;
                    if let Some((x, wj, true)) = lexicon.conj_word(a, end) {
                        if let Some(f) = x.fraction.filter(|_| x.unit.is_none()) {
                            n += f;
                            end = wj + 1;
                        }
                    }
                    if self.below_zero(a, end) {
                        n = -n;
                        end += 2;
                    }
                    let mut c = Candidate::new(
                        start,
                        end,
                        Label::Quantity,
                        json!({"amount": number_value(n), "unit": u.unit}),
                        "quantity/unit-alone",
                    );
                    c.evidence = state.evidence(|| format!("unit: {} → {}", a.surface(i), u.unit));
                    return Some(c);
                }
            }
            if let Some(m) = lexicon.currencies.at(a, i) {
                if let Some((s @ Suffix::Money { .. }, e)) = self.suffix(state, i, false) {
                    let dual = lexicon.fw.words(Role::DualSuffix).any(|x| key.ends_with(x))
                        && m.end_tok == i + 1;
                    if dual {
                        let (l, v, r, ev) = self.typed(Some(2.0), &s);
                        let mut c = Candidate::new(start, e, l, v, r);
                        c.evidence = ev;
                        return Some(c);
                    }
                }
            }
        }
        None
    }
}
