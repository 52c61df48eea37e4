//! Numeric expressions (CARDINAL ORDINAL PERCENT MONEY QUANTITY DATE TIME)
//! with their normalized values, as Arabic news writes them.
//!
//! The recognizer walks the tokens once. At each token that can start an
//! expression (a flag of the token key or its stem after proclitics, looked
//! up once per document with what the token is in every lexicon, see
//! `lexicon::Doc`), it tries the composite patterns — modifier + amount
//! (+ currency, unit, percent sign, time unit), ranges, ordinals, dates,
//! times — and emits every candidate it finds; the pipeline's conflict
//! resolution keeps the longest. All lexicons are data in `rules/numbers/`
//! (see its README for the value formats and decisions).

#![allow(
    clippy::collapsible_if,
    clippy::collapsible_match,
    clippy::collapsible_else_if
)]

pub(crate) mod dates;
pub(crate) mod function_words;
pub(crate) mod lexicon;
pub(crate) mod parse;

use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::error::Result;
use crate::mention::DocContext;
use crate::mention::{number_value, Label, Mention, Modifier};
use crate::rules::RuleFiles;
use crate::text::{Analysis, TokenKind};

use function_words::Role;
use lexicon::{adjective_stem, kind, Doc, Lexicon};
use parse::{Num, MAX_TOKENS};

/// The numeric recognizer.
pub struct NumberRecognizer {
    lx: Lexicon,
}

/// A candidate before it becomes a [`Mention`].
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub start: usize,
    pub end_tok: usize,
    pub label: Label,
    pub value: Value,
    pub rule: &'static str,
    pub evidence: String,
    pub modifier: Option<Modifier>,
    pub priority: i32,
}

impl Cand {
    fn new(start: usize, end_tok: usize, label: Label, value: Value, rule: &'static str) -> Self {
        Cand {
            start,
            end_tok,
            label,
            value,
            rule,
            evidence: String::new(),
            modifier: None,
            priority: 0,
        }
    }
}

/// What the recognizer knows about the document.
pub(crate) struct St<'a, 'b, 't> {
    pub a: &'a Doc<'b, 't>,
    pub refd: Option<NaiveDate>,
    pub country: Option<String>,
    /// The countries named in the document (places of
    /// `dateline_places.csv`), most named first; computed when an ambiguous
    /// currency needs them.
    pub named_countries: std::cell::OnceCell<Vec<String>>,
}

impl St<'_, '_, '_> {
    /// Whether token `i` has a token flag.
    pub fn has(&self, i: usize, flag: u8) -> bool {
        self.a.starts(i, flag)
    }
}

/// A suffix after an amount.
#[derive(Debug, Clone)]
enum Suffix {
    Percent,
    Money {
        code: String,
        factor: f64,
        ev: String,
    },
    Unit {
        unit: String,
        dual: bool,
        ev: String,
    },
    Time {
        unit: String,
    },
}

/// A number, with the currency written before it (`$10`) when there is one.
type Amount = (Num, Option<(Suffix, usize)>);

/// Format a number for a TIMEX duration (`3`, `0.5`).
pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A TIMEX3 duration for `n` units.
pub fn duration(n: Option<f64>, unit: &str) -> Value {
    let Some(n) = n else { return Value::Null };
    let s = match unit {
        "H" => format!("PT{}H", fmt_num(n)),
        "MIN" => format!("PT{}M", fmt_num(n)),
        "S" => format!("PT{}S", fmt_num(n)),
        "DE" => format!("P{}Y", fmt_num(n * 10.0)),
        "CE" => format!("P{}Y", fmt_num(n * 100.0)),
        u => format!("P{}{}", fmt_num(n), u),
    };
    Value::String(s)
}

impl NumberRecognizer {
    /// Compile from rule files.
    pub fn new(rules: &RuleFiles) -> Result<Self> {
        Ok(NumberRecognizer {
            lx: Lexicon::load(rules)?,
        })
    }

    /// Emit candidate numeric mentions.
    pub fn recognize(&self, ctx: &DocContext<'_>, out: &mut Vec<Mention>) {
        let doc = Doc::indexed(&self.lx, ctx.analysis);
        let a = &doc;
        let dl = self.dateline(a);
        let st = St {
            a,
            refd: ctx
                .reference_date
                .or_else(|| dl.as_ref().and_then(|d| d.date)),
            country: dl.as_ref().and_then(|d| d.country.clone()),
            named_countries: Default::default(),
        };
        let mut cands = Vec::new();
        if let Some(d) = &dl {
            if let Some(c) = &d.cand {
                cands.push(c.clone());
            }
        }
        let urls = url_ranges(a.text());
        let mut u = 0;
        for i in 0..a.len() {
            if !urls.is_empty() {
                let s = a.tokens()[i].start;
                while u < urls.len() && urls[u].1 <= s {
                    u += 1;
                }
                if u < urls.len() && urls[u].0 <= s {
                    continue;
                }
            }
            if !a.starts(i, lexicon::START) {
                continue;
            }
            self.at(&st, i, &mut cands);
        }
        // Resolve the numeric layer here (the pipeline's rule: longest, then
        // lower priority, then earlier start) so only survivors become
        // mentions. The sort moves small span records, not candidates.
        struct Span {
            start: usize,
            end: usize,
            priority: i32,
            label: Label,
            cand: usize,
        }
        let mut spans: Vec<Span> = cands
            .iter()
            .enumerate()
            .filter(|(_, c)| c.end_tok > 0 && c.end_tok <= a.len())
            .map(|(k, c)| {
                let mut end = a.tokens()[c.end_tok - 1].end;
                // The Hijri mark هـ keeps its tatweel.
                if self.lx.fw.is(a.key(c.end_tok - 1), Role::EraHijri) {
                    while a.slice(end, end + 1) == "\u{0640}" {
                        end += 1;
                    }
                }
                Span {
                    start: c.start,
                    end,
                    priority: c.priority,
                    label: c.label,
                    cand: k,
                }
            })
            .filter(|s| s.end > s.start)
            .collect();
        spans.sort_by(|x, y| {
            (y.end - y.start, x.priority, x.start, x.label).cmp(&(
                x.end - x.start,
                y.priority,
                y.start,
                y.label,
            ))
        });
        let mut taken = crate::recognize::OccupiedSpans::default();
        for Span {
            start, end, cand, ..
        } in spans
        {
            if !taken.take(start, end) {
                continue;
            }
            // Each candidate has one span: its fields can be taken.
            let c = &mut cands[cand];
            let mut m = ctx.mention(start, end, c.label, std::mem::take(&mut c.value), c.rule);
            m.modifier = c.modifier;
            m.evidence = std::mem::take(&mut c.evidence);
            m.priority = c.priority;
            out.push(m);
        }
    }

    /// All candidates starting at token `i`.
    fn at(&self, st: &St<'_, '_, '_>, i: usize, out: &mut Vec<Cand>) {
        let a = st.a;
        let lx = &self.lx;
        // Modifier + expression.
        let modifier_here = if st.has(i, lexicon::MOD) {
            lx.modifiers.at_clitic(a, i)
        } else {
            None
        };
        if let Some(m) = modifier_here {
            if !m.value.post {
                let modifier = m.value.modifier;
                let start = m.start;
                let j = m.end_tok;
                let c = self
                    .expr(st, j, false)
                    .or_else(|| self.expr_def(st, j))
                    .or_else(|| self.bare_unit(st, j, true));
                if let Some(mut c) = c {
                    c.start = start;
                    c.modifier = Some(modifier);
                    if let Some(r) = self.second_bound(st, &c) {
                        out.push(r);
                    }
                    out.push(c);
                }
                // A modifier before a date or time (حوالي الساعة 3).
                let mut tmp = Vec::new();
                self.dates_at(st, j, &mut tmp);
                for mut c in tmp {
                    if c.label == Label::Time || c.label == Label::Date {
                        c.start = start;
                        c.modifier = Some(modifier);
                        out.push(c);
                    }
                }
            }
        }
        // Ranges introduced by بين / ما بين / من.
        let k = sk(a, i);
        let fw = &self.lx.fw;
        // The connector, also after a glued و or ف (وبين, ومن).
        let bare = k
            .strip_prefix(['و', 'ف'])
            .filter(|rest| fw.is(rest, Role::RangeBetween) || fw.is(rest, Role::RangeFrom))
            .unwrap_or(k);
        let (between_at, is_between) = if fw.is(bare, Role::RangeBetween) {
            (Some(i + 1), true)
        } else if fw.is(k, Role::RangeWhat) && self.lx.tok_is(a, i + 1, Role::RangeBetween) {
            (Some(i + 2), true)
        } else if fw.is(bare, Role::RangeFrom) && !k.starts_with('ف') {
            (Some(i + 1), false)
        } else {
            (None, false)
        };
        if let Some(j) = between_at {
            let start = if k.starts_with('و') || k.starts_with('ف') {
                a.orig_offset(i, 1)
            } else {
                a.tokens()[i].start
            };
            if let Some(mut c) = self.expr_range(st, j, is_between) {
                c.start = start;
                out.push(c);
            }
            self.ranges_after_min(st, start, j, is_between, out);
        }
        if let Some(c) = self.expr(st, i, false) {
            out.push(c);
        }
        if st.has(i, lexicon::UNIT) {
            if let Some(mut c) = self.bare_unit(st, i, false) {
                self.extend_duration(st, &mut c);
                out.push(c);
            }
        }
        if st.has(i, lexicon::ORD) {
            if let Some(c) = self.ordinal(st, i) {
                out.push(c);
            }
        }
        self.dates_at(st, i, out);
    }

    /// The countries named in a document, most often named first (ties: the
    /// first named first).
    fn named_countries(&self, a: &Doc<'_, '_>) -> Vec<String> {
        let mut counts: Vec<(String, usize, usize)> = Vec::new();
        let mut i = 0;
        while i < a.len() {
            match self.lx.dateline_places.at_clitic(a, i) {
                Some(m) => {
                    match counts.iter_mut().find(|(c, _, _)| c == m.value) {
                        Some(entry) => entry.1 += 1,
                        None => counts.push((m.value.clone(), 1, i)),
                    }
                    i = m.end_tok.max(i + 1);
                }
                None => i += 1,
            }
        }
        counts.sort_by(|x, y| y.1.cmp(&x.1).then(x.2.cmp(&y.2)));
        counts.into_iter().map(|(c, _, _)| c).collect()
    }

    /// `تحت الصفر` at token `k`: below zero.
    fn below_zero(&self, a: &Doc<'_, '_>, k: usize) -> bool {
        self.lx.tok_is(a, k, Role::Below) && self.lx.tok_is(a, k + 1, Role::Zero)
    }

    /// `كامل` or `واحد` at token `k`: the noun before it counts one.
    fn one_whole(&self, a: &Doc<'_, '_>, k: usize) -> bool {
        self.lx.tok_is(a, k, Role::Whole) || self.lx.tok_is(a, k, Role::Single)
    }

    /// A definite number word as a CARDINAL (after a modifier).
    fn expr_def(&self, st: &St<'_, '_, '_>, j: usize) -> Option<Cand> {
        let n = self.lx.number_def(st.a, j)?;
        let mut c = Cand::new(
            n.start,
            n.end_tok,
            Label::Cardinal,
            n.value.map_or(Value::Null, number_value),
            "number/words",
        );
        c.priority = 2;
        Some(c)
    }

    /// Two bounds joined by و / أو: `فوق الربع وتحت النصف` → a range.
    fn second_bound(&self, st: &St<'_, '_, '_>, c: &Cand) -> Option<Cand> {
        let a = st.a;
        let first = c.modifier?;
        if c.label != Label::Cardinal {
            return None;
        }
        let v1 = c.value.as_f64()?;
        let mut k = c.end_tok;
        while is_comma(sl(a, k)) {
            k += 1;
        }
        if self.lx.tok_is(a, k, Role::Or) || self.lx.tok_is(a, k, Role::And) {
            k += 1;
        }
        let m = self.lx.modifiers.at_clitic(a, k)?;
        if m.value.post {
            return None;
        }
        let second = m.value.modifier;
        let c2 = self
            .expr(st, m.end_tok, false)
            .or_else(|| self.expr_def(st, m.end_tok))?;
        let v2 = c2.value.as_f64()?;
        let lower = |x: Modifier| matches!(x, Modifier::Gt | Modifier::Ge);
        let upper = |x: Modifier| matches!(x, Modifier::Lt | Modifier::Le);
        let (min, max) = if lower(first) && upper(second) {
            (v1, v2)
        } else if upper(first) && lower(second) {
            (v2, v1)
        } else {
            return None;
        };
        let mut r = Cand::new(
            c.start,
            c2.end_tok,
            Label::Cardinal,
            json!({"min": number_value(min), "max": number_value(max)}),
            "number/bounds",
        );
        r.priority = 1;
        Some(r)
    }

    /// The end offset of token `t - 1`.
    fn end_off(a: &Doc<'_, '_>, end_tok: usize) -> usize {
        a.tokens()[end_tok - 1].end
    }

    /// A suffix (percent sign, currency, unit, time unit) at token `k`.
    fn suffix(&self, st: &St<'_, '_, '_>, k: usize, definite: bool) -> Option<(Suffix, usize)> {
        let a = st.a;
        if k >= a.len() {
            return None;
        }
        let lx = &self.lx;
        if let Some(m) = lx.percent.at(a, k) {
            return Some((Suffix::Percent, m.end_tok));
        }
        let cur = lx.currencies.at(a, k).or_else(|| {
            if definite && a.key_is(k, kind::DEF_CURRENCY) {
                let key = sk(a, k);
                lx.fw
                    .strip_article(key)
                    .and_then(|s| lx.currencies.match_rest(a, s, k, a.tokens()[k].start))
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
                let stem = adjective_stem(&self.lx.fw, sk(a, end));
                if let Some(x) = lx.currency_adj.get(&(c.base.clone(), stem.to_string())) {
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
                if let Some(country) = &st.country {
                    if let Some(x) = lx.currency_country.get(&(c.base.clone(), country.clone())) {
                        code = Some(x.clone());
                        how = "dateline";
                    }
                }
            }
            if code.is_none() {
                let named = st.named_countries.get_or_init(|| self.named_countries(a));
                if let Some(x) = named
                    .iter()
                    .find_map(|country| lx.currency_country.get(&(c.base.clone(), country.clone())))
                {
                    code = Some(x.clone());
                    how = "country named in the document";
                }
            }
            if code.is_none() {
                if let Some(x) = lx.currency_default.get(&c.base) {
                    code = Some(x.clone());
                    how = "default";
                }
            }
            let code = code?;
            let name = a.slice(a.tokens()[k].start, Self::end_off(a, end));
            return Some((
                Suffix::Money {
                    ev: format!("currency: {name} → {code} ({how})"),
                    code,
                    factor: c.factor,
                },
                end,
            ));
        }
        if let Some(m) = lx.units.at(a, k) {
            let u = m.value;
            let name = a.slice(a.tokens()[k].start, Self::end_off(a, m.end_tok));
            return Some((
                Suffix::Unit {
                    unit: u.unit.clone(),
                    dual: u.dual,
                    ev: format!("unit: {name} → {}", u.unit),
                },
                m.end_tok,
            ));
        }
        let tk = sk(a, k);
        let tu = (a.key_is(k, kind::TIME_UNIT))
            .then(|| lx.time_units.get(tk))
            .flatten()
            .or_else(|| {
                if definite && a.key_is(k, kind::DEF_TIME_UNIT) {
                    lx.fw.strip_article(tk).and_then(|s| lx.time_units.get(s))
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
    fn typed(&self, v: Option<f64>, sfx: &Suffix) -> (Label, Value, &'static str, String) {
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
                Label::Date,
                duration(v, unit),
                "date/duration",
                String::new(),
            ),
        }
    }

    /// An amount at `j`: a number, or a currency symbol and a number (`$10`).
    fn amount(&self, st: &St<'_, '_, '_>, j: usize) -> Option<Amount> {
        let a = st.a;
        if j >= a.len() {
            return None;
        }
        if matches!(a.tokens()[j].kind, TokenKind::Punct) || sl(a, j).is_ascii() {
            if let Some(m) = self.lx.currencies.at(a, j) {
                if a.tokens()[j].kind != TokenKind::Number && m.end_tok < a.len() {
                    if let Some(mut n) = self.lx.number(a, m.end_tok) {
                        if let Some((s, _)) = self.suffix(st, j, false) {
                            n.start = a.tokens()[j].start;
                            n.tok_start = j;
                            // `$20 43`: dollars and cents.
                            return Some((n, Some((s, 0))));
                        }
                    }
                }
            }
        }
        let n = self.lx.number(a, j)?;
        Some((n, None))
    }

    /// A single amount with its suffix (and cents, post modifiers,
    /// `تحت الصفر`), or a range when one follows and `range` allows.
    fn expr(&self, st: &St<'_, '_, '_>, j: usize, _between: bool) -> Option<Cand> {
        if !st.has(j, lexicon::NUM) {
            return None;
        }
        // The amount and its suffix are parsed once for both readings.
        let amount = self.amount(st, j)?;
        let first = self.first_suffix(st, &amount);
        if let Some(c) = self.range_from(st, &amount, first.as_ref(), false) {
            return Some(c);
        }
        self.single_from(st, amount, first)
    }

    /// The suffix right after an amount with a value and no currency before
    /// it (`suffix(…, false)`), as [`Self::range_from`] and
    /// [`Self::single_from`] expect it.
    fn first_suffix(&self, st: &St<'_, '_, '_>, (n, pre): &Amount) -> Option<(Suffix, usize)> {
        if pre.is_some() || n.value.is_none() {
            return None;
        }
        self.suffix(st, n.end_tok, false)
    }

    /// A single amount (parsed at the start) with its suffix; `first` is
    /// its [`Self::first_suffix`].
    fn single_from(
        &self,
        st: &St<'_, '_, '_>,
        (n, pre): Amount,
        first: Option<(Suffix, usize)>,
    ) -> Option<Cand> {
        let a = st.a;
        let mut end = n.end_tok;
        let sfx = match pre {
            Some((s, _)) => Some(s),
            None => {
                // Below one (or vague), a definite suffix counts too.
                let definite = n.value.is_none_or(|v| v < 1.0);
                let found = if definite {
                    self.suffix(st, end, true)
                } else {
                    first
                };
                // عشرات الملايين من الدولارات: a vague amount of a currency
                // or unit after من.
                let found = found.or_else(|| {
                    let vague = n.value.is_none() && n.range.is_some();
                    if !vague || !self.lx.tok_is(a, end, Role::Of) {
                        return None;
                    }
                    self.suffix(st, end + 1, true)
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
                        if let Some((cents, e)) = self.cents(st, end, code) {
                            value = value.map(|v| v + cents);
                            end = e;
                        }
                    }
                }
                // A bare unit and a fraction: لتر ونصف.
                let (l, v, r, ev) = self.typed(value, s);
                let mut c = Cand::new(n.start, end, l, v, r);
                c.evidence = ev;
                c
            }
            None => {
                if n.few {
                    return None;
                }
                // 2 تحت الصفر: a temperature.
                if self.below_zero(a, end) {
                    let mut c = Cand::new(
                        n.start,
                        end + 2,
                        Label::Quantity,
                        json!({"amount": value.map_or(Value::Null, |v| number_value(-v)), "unit": "deg"}),
                        "quantity/amount-unit",
                    );
                    c.evidence = format!("unit: {} {} → deg", a.surface(end), a.surface(end + 1));
                    return Some(c);
                }
                if n.plain_digits {
                    if let Some(c) = self.fiscal_year(st, &n) {
                        return Some(c);
                    }
                }
                let mut c = Cand::new(
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
        self.extend_duration(st, &mut c);
        self.post_modifier(st, &mut c);
        Some(c)
    }

    /// The value of a vague amount (عشرات الآلاف): its range, with the
    /// currency or unit, and the approximate modifier.
    fn vague_range(&self, c: &mut Cand, (lo, hi): (f64, f64), sfx: Option<&Suffix>) {
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
    fn extend_duration(&self, st: &St<'_, '_, '_>, c: &mut Cand) {
        let a = st.a;
        if c.label == Label::Date && c.value.as_str().is_some_and(|v| v.starts_with('P')) {
            for _ in 0..4 {
                let k = c.end_tok;
                let j2 = if self.lx.tok_is(a, k, Role::And) {
                    k + 1
                } else if sk(a, k).starts_with('و')
                    && a.tokens().get(k).is_some_and(|t| t.kind == TokenKind::Word)
                {
                    k
                } else {
                    break;
                };
                let Some((v2, e2)) = self.simple_duration(st, j2) else {
                    break;
                };
                let Some(merged) = c.value.as_str().and_then(|v1| merge_durations(v1, &v2)) else {
                    break;
                };
                c.value = Value::String(merged);
                c.end_tok = e2;
            }
        }
    }

    /// A duration without compounding: `3 أيام`, `شهر واحد`, `وشهر`.
    fn simple_duration(&self, st: &St<'_, '_, '_>, j: usize) -> Option<(String, usize)> {
        let a = st.a;
        if let Some((n, None)) = self.amount(st, j) {
            if let Some((Suffix::Time { unit }, e)) = self.suffix(st, n.end_tok, false) {
                let v = duration(n.value, &unit);
                let e = if self.one_whole(a, e) { e + 1 } else { e };
                return v.as_str().map(|x| (x.to_string(), e));
            }
            return None;
        }
        let c = self.bare_unit(st, j, true)?;
        let v = c.value.as_str()?;
        v.starts_with('P').then(|| (v.to_string(), c.end_tok))
    }

    /// `و43 سنت` after a money amount: the cents.
    fn cents(&self, st: &St<'_, '_, '_>, k: usize, code: &str) -> Option<(f64, usize)> {
        let a = st.a;
        if k >= a.len() {
            return None;
        }
        let j = if self.lx.tok_is(a, k, Role::And) {
            k + 1
        } else {
            k
        };
        let n = self.lx.number(a, j)?;
        let (s, e) = self.suffix(st, n.end_tok, false)?;
        match s {
            Suffix::Money {
                code: c2, factor, ..
            } if factor < 1.0 && c2 == code => Some((n.value? * factor, e)),
            _ => None,
        }
    }

    /// A postposed modifier (`على الأقل`) extends the span.
    fn post_modifier(&self, st: &St<'_, '_, '_>, c: &mut Cand) {
        if let Some(m) = self.lx.modifiers.at(st.a, c.end_tok) {
            if m.value.post && c.modifier.is_none() {
                c.modifier = Some(m.value.modifier);
                c.end_tok = m.end_tok;
            }
        }
    }

    /// A fiscal year or academic year `2023/2024` → DATE "2023/2024".
    fn fiscal_year(&self, st: &St<'_, '_, '_>, n: &Num) -> Option<Cand> {
        let t = n.digits_text(st.a)?;
        let (x, y) = t.split_once('/')?;
        let xi: u32 = x.parse().ok()?;
        let yi: u32 = y.parse().ok()?;
        let ok = (x.len() == 4 && y.len() == 4 && yi == xi + 1)
            || (x.len() == 4 && y.len() == 2 && yi == (xi + 1) % 100);
        if !ok || !(1000..=2999).contains(&xi) {
            return None;
        }
        let full = if y.len() == 2 { xi + 1 } else { yi };
        Some(Cand::new(
            n.start,
            n.end_tok,
            Label::Date,
            Value::String(format!("{xi}/{full}")),
            "date/fiscal-year",
        ))
    }

    /// A range `X إلى Y`, `X-Y`, `بين X وY`, with a suffix after either side.
    fn expr_range(&self, st: &St<'_, '_, '_>, j: usize, between: bool) -> Option<Cand> {
        if !st.has(j, lexicon::NUM) {
            return None;
        }
        let amount = self.amount(st, j)?;
        let first = self.first_suffix(st, &amount);
        self.range_from(st, &amount, first.as_ref(), between)
    }

    /// A range whose first bound is the amount parsed at its start; `first`
    /// is the amount's [`Self::first_suffix`].
    fn range_from(
        &self,
        st: &St<'_, '_, '_>,
        (n, pre): &Amount,
        first: Option<&(Suffix, usize)>,
        between: bool,
    ) -> Option<Cand> {
        let a = st.a;
        n.value?;
        let mut k = n.end_tok;
        let mut sfx1 = pre.as_ref().map(|(s, _)| s);
        if sfx1.is_none() {
            if let Some((s, e)) = first {
                sfx1 = Some(s);
                k = *e;
            }
        }
        if k >= a.len() {
            return None;
        }
        let key = sk(a, k);
        let m = if between {
            if self.lx.fw.is(key, Role::And) {
                self.amount(st, k + 1)
            } else if key.starts_with('و') && a.tokens()[k].kind == TokenKind::Word {
                self.amount(st, k)
            } else {
                None
            }
        } else {
            match key {
                _ if self.lx.fw.is(key, Role::RangeTo) && key != "-" => self.amount(st, k + 1),
                "-" | "–" => {
                    if n.words {
                        return None;
                    }
                    let r = self.amount(st, k + 1)?;
                    let txt = r.0.digits_text(a).unwrap_or_default();
                    if txt.starts_with('0') && txt.len() > 1 {
                        return None;
                    }
                    Some(r)
                }
                _ if key.starts_with('ل') && a.tokens()[k].kind == TokenKind::Word && n.words => {
                    self.amount(st, k)
                }
                _ => None,
            }
        };
        let (m, pre2) = m?;
        let y = m.value?;
        let mut x = n.value?;
        // بين 10 و20 مليون: the scale of the second bound applies to both.
        if n.scale <= 1.0 && m.scale > 1.0 && x < y / m.scale {
            x *= m.scale;
        }
        let mut end = m.end_tok;
        let mut sfx2 = pre2.map(|(s, _)| s);
        if sfx2.is_none() {
            if let Some((s, e)) = self.suffix(st, end, false) {
                sfx2 = Some(s);
                end = e;
            }
        }
        let sfx = match (sfx1, sfx2.as_ref()) {
            (Some(s1), Some(s2)) => {
                if std::mem::discriminant(s1) != std::mem::discriminant(s2) {
                    return None;
                }
                Some(s2.clone())
            }
            (Some(s), None) | (None, Some(s)) => Some(s.clone()),
            (None, None) => None,
        };
        let start = n.start;
        let mut c = match sfx {
            None => {
                let years = n.plain_digits
                    && m.plain_digits
                    && (1000.0..=2100.0).contains(&x)
                    && (1000.0..=2100.0).contains(&y)
                    && y > x
                    && n.digits_text(a).is_some_and(|t| t.len() == 4)
                    && m.digits_text(a).is_some_and(|t| t.len() == 4);
                if years {
                    Cand::new(
                        start,
                        end,
                        Label::Date,
                        Value::String(format!("{}/{}", x as i64, y as i64)),
                        "date/range",
                    )
                } else {
                    // A range of days before a month is a date range (dates.rs).
                    if end < a.len() && self.lx.months.at(a, end).is_some() {
                        return None;
                    }
                    let mut c = Cand::new(
                        start,
                        end,
                        Label::Cardinal,
                        json!({"min": number_value(x), "max": number_value(y)}),
                        "number/range",
                    );
                    c.priority = 1;
                    c
                }
            }
            Some(Suffix::Time { .. }) => return None,
            Some(s) => {
                let (l, v, _, ev) = self.typed(Some(x), &s);
                let (_, v2, _, _) = self.typed(Some(y), &s);
                let value = match l {
                    Label::Money => {
                        json!({"min": v["amount"], "max": v2["amount"], "currency": v["currency"]})
                    }
                    Label::Quantity => {
                        json!({"min": v["amount"], "max": v2["amount"], "unit": v["unit"]})
                    }
                    _ => json!({"min": v, "max": v2}),
                };
                let rule = match l {
                    Label::Money => "money/range",
                    Label::Percent => "percent/range",
                    _ => "quantity/range",
                };
                let mut c = Cand::new(start, end, l, value, rule);
                c.evidence = ev;
                c
            }
        };
        let _ = MAX_TOKENS;
        self.post_modifier(st, &mut c);
        Some(c)
    }

    /// A unit or time unit without a number: a dual (`يومين`, `لتران`,
    /// `دولارين`) anywhere; a bare singular (`شهر`, `لتر`) after a duration
    /// preposition, a modifier, or alone.
    fn bare_unit(&self, st: &St<'_, '_, '_>, i: usize, after_modifier: bool) -> Option<Cand> {
        let a = st.a;
        if i >= a.len() || a.tokens()[i].kind != TokenKind::Word {
            return None;
        }
        let lx = &self.lx;
        // The word itself or its stem after a proclitic.
        let key = sk(a, i);
        // Only the stems can be time units: skip them when none is.
        let stem_forms = a
            .stem_is(i, kind::TIME_UNIT)
            .then(|| lexicon::stems(key))
            .into_iter()
            .flatten();
        let forms = std::iter::once((0, std::borrow::Cow::Borrowed(key))).chain(stem_forms);
        for (chars, k) in forms {
            let start = a.orig_offset(i, chars);
            let time_unit = if chars == 0 {
                a.key_is(i, kind::TIME_UNIT)
            } else {
                true
            };
            if let Some(t) = lx.time_units.get(k.as_ref()).filter(|_| time_unit) {
                let prev_ok = chars > 0
                    || after_modifier
                    || i == 0
                    || (a.tokens()[i - 1].kind == TokenKind::Punct && sl(a, i - 1) != "/")
                    || lx.tok_is(a, i - 1, Role::DurationCue);
                let full = lx.tok_is(a, i + 1, Role::Whole);
                let prev_ok = prev_ok
                    || full
                    || (i > 0
                        && lx
                            .fw
                            .words(Role::DurationNoun)
                            .any(|w| sk(a, i - 1).ends_with(w)));
                let next_ok = i + 1 >= a.len()
                    || (a.tokens()[i + 1].kind != TokenKind::Number
                        && !lx.weekdays.contains_key(sk(a, i + 1))
                        && !lx.months.starts(sk(a, i + 1)));
                let one_after = lx.tok_is(a, i + 1, Role::Single);
                let n = match t.count {
                    2 => Some(2.0),
                    1 if t.bare && prev_ok && next_ok => Some(1.0),
                    _ if one_after => Some(1.0),
                    _ => None,
                };
                if let Some(n) = n {
                    let mut c = Cand::new(
                        start,
                        i + 1,
                        Label::Date,
                        duration(Some(n), &t.unit),
                        "date/duration",
                    );
                    c.priority = -1;
                    let mut end = i + 1;
                    // ساعة ونصف.
                    if let Some((x, wj, true)) = lx.conj_word(a, end) {
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
            if let Some(m) = lx.units.at(a, i) {
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
                    if let Some((x, wj, true)) = lx.conj_word(a, end) {
                        if let Some(f) = x.fraction.filter(|_| x.unit.is_none()) {
                            n += f;
                            end = wj + 1;
                        }
                    }
                    if self.below_zero(a, end) {
                        n = -n;
                        end += 2;
                    }
                    let mut c = Cand::new(
                        start,
                        end,
                        Label::Quantity,
                        json!({"amount": number_value(n), "unit": u.unit}),
                        "quantity/unit-alone",
                    );
                    c.evidence = format!("unit: {} → {}", a.surface(i), u.unit);
                    return Some(c);
                }
            }
            if let Some(m) = lx.currencies.at(a, i) {
                if let Some((s @ Suffix::Money { .. }, e)) = self.suffix(st, i, false) {
                    let dual = lx.fw.words(Role::DualSuffix).any(|x| key.ends_with(x))
                        && m.end_tok == i + 1;
                    if dual {
                        let (l, v, r, ev) = self.typed(Some(2.0), &s);
                        let mut c = Cand::new(start, e, l, v, r);
                        c.evidence = ev;
                        return Some(c);
                    }
                }
            }
        }
        None
    }

    /// Ordinals: `الأول`, `أولى`, `ثالث`, `الحادي عشر`, `الحادي والعشرون`,
    /// `العشرون`, `الـ21`.
    fn ordinal(&self, st: &St<'_, '_, '_>, i: usize) -> Option<Cand> {
        let a = st.a;
        let lx = &self.lx;
        if i >= a.len() {
            return None;
        }
        let t = a.tokens()[i];
        if t.kind != TokenKind::Word {
            return None;
        }
        let key = sk(a, i);
        // A family name: آل ثاني, آل خليفة.
        if i > 0 && lx.fw.is_family_prefix(a.surface(i - 1)) {
            return None;
        }
        // الـ21 / الـ 21
        if key == lx.fw.article() && i + 1 < a.len() && a.tokens()[i + 1].kind == TokenKind::Number
        {
            let l = sl(a, i + 1);
            if l.chars().all(|c| c.is_ascii_digit()) && l.len() <= 4 {
                let v: f64 = l.parse().ok()?;
                let mut c = Cand::new(
                    t.start,
                    i + 2,
                    Label::Ordinal,
                    number_value(v),
                    "ordinal/article-digits",
                );
                c.priority = 1;
                return Some(c);
            }
        }
        // A form is an ordinal word, or ال + an ordinal or a number word.
        const ORDINAL_FORM: u32 = kind::ORDINAL | kind::DEF_ORDINAL | kind::DEF_WORD;
        let whole_form = a
            .key_is(i, ORDINAL_FORM)
            .then_some((0, std::borrow::Cow::Borrowed(key)));
        let stem_forms = a
            .stem_is(i, ORDINAL_FORM)
            .then(|| lexicon::stems(key))
            .into_iter()
            .flatten();
        for (chars, k) in whole_form.into_iter().chain(stem_forms) {
            let start = a.orig_offset(i, chars);
            let (bare, def) = match lx.fw.strip_article(&k) {
                Some(s) => (s, true),
                None => (k.as_ref(), false),
            };
            let ord = lx
                .ordinals
                .get(k.as_ref())
                .or_else(|| lx.ordinals.get(bare))
                .copied();
            let mut value = None;
            let mut end = i + 1;
            let mut standalone = false;
            if let Some((v, any)) = ord {
                if !any && !def && !lx.fw.is(bare, Role::ElevenHead) {
                    continue;
                }
                value = Some(v);
                standalone = any;
            } else if def {
                // ال + a cardinal form: العشرون, الأحد عشر, الواحد والعشرون.
                if let Some(w) = lx.words.get(bare) {
                    if let Some(tv) = w.tens {
                        value = Some(tv);
                        standalone = true;
                    } else if let Some(u) = w.unit.or(w.teen_head) {
                        if (1.0..=9.0).contains(&u) {
                            value = Some(u);
                        }
                    }
                }
            }
            let Some(mut v) = value else { continue };
            // الأولي (ي, "primary") is an adjective, not الأولى.
            if v == 1.0 && a.light(i).ends_with('ي') && !lx.fw.is(bare, Role::ElevenHead) {
                continue;
            }
            // Teens: الحادي عشر, الثالثة عشرة.
            if v < 10.0 && lx.words.get(sk(a, end)).is_some_and(|w| w.ten) {
                v += 10.0;
                end += 1;
                standalone = true;
            } else if v < 10.0 {
                // Compound: الحادي والعشرون.
                if end < a.len() {
                    let nk = sk(a, end);
                    let (cand, next) = if lx.fw.is(nk, Role::And) && end + 1 < a.len() {
                        (sk(a, end + 1), end + 2)
                    } else if let Some(s) = nk.strip_prefix('و') {
                        (s, end + 1)
                    } else {
                        ("", end)
                    };
                    // The tens agree with the unit in definiteness.
                    let cb = if def {
                        lx.fw.strip_article(cand).unwrap_or("")
                    } else {
                        cand
                    };
                    if let Some(tv) = lx.words.get(cb).and_then(|w| w.tens) {
                        v += tv;
                        end = next;
                        standalone = true;
                    }
                }
            }
            if !standalone {
                continue;
            }
            let mut c = Cand::new(start, end, Label::Ordinal, number_value(v), "ordinal/word");
            c.priority = 1;
            return Some(c);
        }
        None
    }
}

/// Merge two TIMEX3 durations (`P1Y` + `P2M` = `P1Y2M`); `None` when a
/// component repeats or a value is not a simple duration.
pub fn merge_durations(a: &str, b: &str) -> Option<String> {
    fn parts(v: &str) -> Option<Vec<(char, bool, String)>> {
        let mut out = Vec::new();
        let mut time = false;
        let mut num = String::new();
        for c in v.strip_prefix('P')?.chars() {
            match c {
                'T' => time = true,
                '0'..='9' | '.' => num.push(c),
                'Y' | 'M' | 'W' | 'D' | 'H' | 'S' => {
                    if num.is_empty() {
                        return None;
                    }
                    out.push((c, time, std::mem::take(&mut num)));
                }
                _ => return None,
            }
        }
        num.is_empty().then_some(out)
    }
    let mut all = parts(a)?;
    for p in parts(b)? {
        if all.iter().any(|q| q.0 == p.0 && q.1 == p.1) {
            return None;
        }
        all.push(p);
    }
    let order = |p: &(char, bool, String)| match (p.1, p.0) {
        (false, 'Y') => 0,
        (false, 'M') => 1,
        (false, 'W') => 2,
        (false, 'D') => 3,
        (true, 'H') => 4,
        (true, 'M') => 5,
        _ => 6,
    };
    all.sort_by_key(order);
    let mut out = String::from("P");
    let mut in_time = false;
    for (c, t, n) in all {
        if t && !in_time {
            out.push('T');
            in_time = true;
        }
        out.push_str(&n);
        out.push(c);
    }
    Some(out)
}

/// Round away floating noise from scaled amounts (28.6 × 10^9).
pub fn round(x: f64) -> f64 {
    // Integers need no rounding (and past 10^9 the scaling below is noise).
    if x.fract() == 0.0 {
        return x;
    }
    if x.abs() >= 1e9 {
        let r = x.round();
        return if (r - x).abs() < 1e-4 { r } else { x };
    }
    if x.abs() >= 1.0 {
        let r = (x * 1e6).round() / 1e6;
        if (r - x).abs() < 1e-6 * x.abs().max(1.0) {
            return r;
        }
    }
    x
}

/// Code point ranges of URLs (`http://…`, `www.…`): no numbers inside.
fn url_ranges(text: &str) -> Vec<(usize, usize)> {
    if !(text.contains("http") || text.contains("www.")) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut chars = 0;
    let mut last = 0;
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        let next = ["http://", "https://", "www."]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let Some(off) = next else { break };
        let b0 = pos + off;
        let b1 = text[b0..]
            .find(char::is_whitespace)
            .map_or(text.len(), |x| b0 + x);
        chars += text[last..b0].chars().count();
        let c0 = chars;
        chars += text[b0..b1].chars().count();
        out.push((c0, chars));
        last = b1;
        pos = b1.max(b0 + 1);
    }
    out
}

/// Put an exact integer (beyond 2^53) in a CARDINAL's value or a MONEY or
/// QUANTITY amount: a JSON integer up to 2^64, a string of digits beyond.
fn exact_value(c: &mut Cand, exact: i128, sfx: Option<&Suffix>) {
    let v = i64::try_from(exact)
        .map(Value::from)
        .or_else(|_| u64::try_from(exact).map(Value::from))
        .unwrap_or_else(|_| Value::String(exact.to_string()));
    match (c.label, sfx) {
        (Label::Cardinal, _) if c.value.is_number() => c.value = v,
        (Label::Money, Some(Suffix::Money { factor, .. })) if *factor == 1.0 => {
            if c.value.get("amount").is_some_and(Value::is_number) {
                c.value["amount"] = v;
            }
        }
        (Label::Quantity, _) => {
            if c.value.get("amount").is_some_and(Value::is_number) {
                c.value["amount"] = v;
            }
        }
        _ => {}
    }
}

/// Whether a light form is a comma (Arabic or Latin).
pub(crate) fn is_comma(light: &str) -> bool {
    matches!(light, "\u{060C}" | ",")
}

/// The key of token `i`, or "" past the end.
pub(crate) fn sk<'x>(a: &'x Analysis<'_>, i: usize) -> &'x str {
    if i < a.len() {
        a.key(i)
    } else {
        ""
    }
}

/// The light form of token `i`, or "" past the end.
pub(crate) fn sl<'x>(a: &'x Analysis<'_>, i: usize) -> &'x str {
    if i < a.len() {
        a.light(i)
    } else {
        ""
    }
}
