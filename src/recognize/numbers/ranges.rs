//! Ranges of amounts: `X إلى Y`, `X-Y`, `بين X وY`, `من X إلى Y`, with a
//! suffix after either bound.

#![allow(
    clippy::collapsible_if,
    clippy::collapsible_match,
    clippy::collapsible_else_if
)]

use serde_json::{json, Value};

use super::function_words::Role;
use super::lexicon;
use super::parse::MAX_TOKENS;
use super::*;
use crate::mention::{number_value, Label};
use crate::text::TokenKind;

impl NumberRecognizer {
    /// A range `X إلى Y`, `X-Y`, `بين X وY`, with a suffix after either side.
    pub(super) fn expr_range(
        &self,
        state: &DocState<'_, '_, '_>,
        j: usize,
        between: bool,
    ) -> Option<Candidate> {
        if !state.has(j, lexicon::NUM) {
            return None;
        }
        let amount = self.amount(state, j)?;
        let first = self.first_suffix(state, &amount);
        self.range_from(state, &amount, first.as_ref(), between)
    }

    /// A range whose first bound is the amount parsed at its start; `first`
    /// is the amount's [`Self::first_suffix`].
    pub(super) fn range_from(
        &self,
        state: &DocState<'_, '_, '_>,
        (n, pre): &Amount,
        first: Option<&(Suffix, usize)>,
        between: bool,
    ) -> Option<Candidate> {
        let a = state.a;
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
        let key = key_at(a, k);
        let m = if between {
            if a.role_is(k, Role::And) {
                self.amount(state, k + 1)
            } else if key.starts_with('و') && a.tokens()[k].kind == TokenKind::Word {
                self.amount(state, k)
            } else {
                None
            }
        } else {
            match key {
                _ if a.role_is(k, Role::RangeTo) && key != "-" => self.amount(state, k + 1),
                "-" | "–" => {
                    if n.words || self.after_score_noun(state, n.tok_start) {
                        return None;
                    }
                    let r = self.amount(state, k + 1)?;
                    // 2-1 counts down: a match score, two numbers (N17).
                    if r.0.value.zip(n.value).is_some_and(|(y, x)| x >= y) {
                        return None;
                    }
                    let txt = r.0.digits_text(a).unwrap_or_default();
                    if txt.starts_with('0') && txt.len() > 1 {
                        return None;
                    }
                    Some(r)
                }
                _ if key.starts_with('ل') && a.tokens()[k].kind == TokenKind::Word && n.words => {
                    self.amount(state, k)
                }
                _ => None,
            }
        };
        let (m, pre2) = m?;
        let dashed = matches!(light_at(a, m.tok_start.saturating_sub(1)), "-" | "\u{2013}");
        let y = m.value?;
        let mut x = n.value?;
        // بين 10 و20 مليون: the scale of the second bound applies to both.
        if n.scale <= 1.0 && m.scale > 1.0 && x < y / m.scale {
            x *= m.scale;
        }
        let mut end = m.end_tok;
        let mut sfx2 = pre2.map(|(s, _)| s);
        if sfx2.is_none() {
            if let Some((s, e)) = self.suffix(state, end, false) {
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
        // The value's bounds are ordered (GUIDELINES 91): `بين صفر و-4` =
        // {"min": -4, "max": 0}.
        let (lo, hi) = if x <= y { (x, y) } else { (y, x) };
        let mut c = match sfx {
            None => {
                let years = n.plain_digits
                    && m.plain_digits
                    && (1000.0..=2100.0).contains(&x)
                    && (1000.0..=2100.0).contains(&y)
                    && y > x
                    && n.digits_text(a).is_some_and(|t| t.len() == 4)
                    && m.digits_text(a).is_some_and(|t| t.len() == 4)
                    // After a dash, a counted noun makes a count range
                    // (1500-2000 شخص); `من 2010 إلى 2015` stays years.
                    && (!dashed || self.ends_a_year(a, end));
                if years {
                    Candidate::new(
                        start,
                        end,
                        Label::Date,
                        Value::String(format!("{}/{}", x as i64, y as i64)),
                        "date/range",
                    )
                } else {
                    // A range of days before a month is a date range (dates.rs).
                    if end < a.len() && self.lexicon.months.at(a, end).is_some() {
                        return None;
                    }
                    let mut c = Candidate::new(
                        start,
                        end,
                        Label::Cardinal,
                        json!({"min": number_value(lo), "max": number_value(hi)}),
                        "number/range",
                    );
                    c.priority = 1;
                    c
                }
            }
            Some(Suffix::Time { .. }) => return None,
            Some(s) => {
                let (l, v, _, ev) = self.typed(Some(lo), &s);
                let (_, v2, _, _) = self.typed(Some(hi), &s);
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
                let mut c = Candidate::new(start, end, l, value, rule);
                c.evidence = ev;
                c
            }
        };
        let _ = MAX_TOKENS;
        self.post_modifier(state, &mut c);
        Some(c)
    }

    /// Whether the word before token `i` names a score (`بنتيجة 1-2`):
    /// a dashed pair after it is two numbers, not a range (N17).
    fn after_score_noun(&self, state: &DocState<'_, '_, '_>, i: usize) -> bool {
        let a = state.a;
        let fw = &self.lexicon.fw;
        i > 0
            && a.tokens()[i - 1].kind == TokenKind::Word
            && fw.is_with_proclitics(a.key(i - 1), Role::ScoreNoun)
    }
}
