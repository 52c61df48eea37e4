//! Numbers: digits (Western, Arabic-Indic, Persian, with separators and
//! signs) and number words (the full grammar to 10^12 with gender and case
//! forms, fractions, decimals spoken as `و … من مئة`), as token spans with
//! a value. Every loop is bounded by [`MAX_TOKENS`].

#![allow(
    clippy::collapsible_if,
    clippy::collapsible_match,
    clippy::collapsible_else_if
)]

use std::borrow::Cow;

use super::function_words::Role;
use super::lexicon::{kind, stems, Doc, Lexicon, WordInfo};
use super::{key_at, light_at};
use crate::text::TokenKind;

/// Longest number-word run or mention, in tokens.
pub const MAX_TOKENS: usize = 64;

/// From here on an `f64` no longer holds every integer (2^53).
pub const EXACT_F64_LIMIT: f64 = 9_007_199_254_740_992.0;

/// A parsed number.
#[derive(Debug, Clone)]
pub struct Num {
    /// Original offset of the first character.
    pub start: usize,
    /// Token index of the first token.
    pub tok_start: usize,
    /// Token index one past the last token.
    pub end_tok: usize,
    /// The value; `None` for a vague amount (عشرات الآلاف).
    pub value: Option<f64>,
    /// The range of a vague amount: an Arabic plural (عشرات, آلاف) or
    /// بضع counts 3 to 9 of its unit (عشرات الآلاف = 30,000–90,000).
    pub range: Option<(f64, f64)>,
    /// The exact integer value of a digit number whose value is beyond
    /// the exact integers of an `f64` (2^53): `12345678901234567`.
    pub exact: Option<i128>,
    /// The scale word applied to the number (1 when none).
    pub scale: f64,
    /// A single digit token without scale or sign (`2015`).
    pub plain_digits: bool,
    /// A vague "few" word (بضعة, عدة) with nothing else: not a CARDINAL alone.
    pub few: bool,
    /// Written with number words.
    pub words: bool,
    /// The digit token whose light text is the number (see
    /// [`Num::digits_text`]).
    pub digits_tok: Option<usize>,
}

impl Num {
    /// The light text of the digit token, for a number in digits.
    pub fn digits_text<'x>(&self, a: &'x Doc<'_, '_>) -> Option<&'x str> {
        self.digits_tok.map(|j| a.light(j))
    }
}

/// Parse the light text of a number token (`1,250`, `28.6`, `4,5`,
/// `2023/2024`). `scale_follows`: a scale word comes next, so a comma is
/// a decimal comma (`4,5 مليار`).
pub fn digits_value(light: &str, scale_follows: bool) -> Option<f64> {
    // Plain ASCII digits (most numbers): their integer, the value the
    // parse below gives them (fifteen digits stay below 2^53, where every
    // integer is an `f64`).
    let bytes = light.as_bytes();
    if (1..=15).contains(&bytes.len()) && bytes.iter().all(u8::is_ascii_digit) {
        let n = bytes.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
        return Some(n as f64);
    }
    if light.contains(':') {
        return None;
    }
    if let Some((a, b)) = light.split_once('/') {
        if b.contains('/') {
            return None;
        }
        let x = digits_value(a, false)?;
        let y = digits_value(b, false)?;
        if y == 0.0 {
            return None;
        }
        return Some(x / y);
    }
    let commas = light.matches(',').count();
    let s: Cow<'_, str> = if commas == 0 {
        Cow::Borrowed(light)
    } else {
        let groups: Vec<&str> = light.split(',').collect();
        let thousands = groups[1..].iter().enumerate().all(|(k, g)| {
            let digits = g.split('.').next().unwrap_or("");
            digits.len() == 3 && (k + 1 == groups.len() - 1 || !g.contains('.'))
        }) && !(scale_follows && commas == 1 && !light.contains('.'));
        Cow::Owned(if thousands {
            light.replace(',', "")
        } else if commas == 1 && !light.contains('.') {
            light.replace(',', ".")
        } else {
            // 12,220,13 style: the last comma is the decimal one.
            let last = light.rfind(',')?;
            let (int, frac) = light.split_at(last);
            format!("{}.{}", int.replace([',', '.'], ""), &frac[1..])
        })
    };
    if s.matches('.').count() > 1 {
        return None;
    }
    let v: f64 = s.parse().ok()?;
    v.is_finite().then_some(v)
}

impl Lexicon {
    fn info(&self, a: &Doc<'_, '_>, j: usize) -> Option<&WordInfo> {
        if j < a.len() && a.tokens()[j].kind == TokenKind::Word && a.key_is(j, kind::WORD) {
            self.words.get(key_at(a, j))
        } else {
            None
        }
    }

    /// A number word at `j` after a conjunction: a separate `و` token, or
    /// `و` glued to the word. Returns (info, token of the word, had و).
    pub fn conj_word(&self, a: &Doc<'_, '_>, j: usize) -> Option<(&WordInfo, usize, bool)> {
        if j >= a.len() || a.tokens()[j].kind != TokenKind::Word {
            return None;
        }
        let k = key_at(a, j);
        if a.role_is(j, Role::And) {
            return self.info(a, j + 1).map(|w| (w, j + 1, true));
        }
        let whole_is_word = a.key_is(j, kind::WORD);
        if let Some(stem) = k.strip_prefix('و').filter(|_| a.key_is(j, kind::WA_WORD)) {
            if let Some(w) = self.words.get(stem) {
                let whole = self.words.get(k).filter(|_| whole_is_word);
                let stem_only_head = w.teen_head.is_some() && w.unit.is_none() && w.tens.is_none();
                // وأحد عشر: the teen head, not واحد, when عشر follows.
                let teen_follows = stem_only_head && self.info(a, j + 1).is_some_and(|x| x.ten);
                if !(stem_only_head && whole.is_some()) || teen_follows {
                    return Some((w, j, true));
                }
            }
        }
        if !whole_is_word {
            return None;
        }
        self.words.get(k).map(|w| (w, j, false))
    }

    fn is_group_start(w: &WordInfo) -> bool {
        w.zero
            || w.unit.is_some()
            || w.teen_head.is_some()
            || w.teen.is_some()
            || w.ten
            || w.tens.is_some()
            || w.hundred.is_some()
    }

    /// Below 100 at `j` (the word's info given).
    fn below100(&self, a: &Doc<'_, '_>, w: &WordInfo, j: usize) -> Option<(f64, usize)> {
        if w.zero {
            return Some((0.0, j + 1));
        }
        if let Some(u) = w.unit {
            if self.info(a, j + 1).is_some_and(|x| x.ten) {
                return Some((u + 10.0, j + 2));
            }
            if let Some((x, wj, true)) = self.conj_word(a, j + 1) {
                if let Some(t) = x.tens {
                    return Some((u + t, wj + 1));
                }
            }
            return Some((u, j + 1));
        }
        if let Some(h) = w.teen_head {
            if self.info(a, j + 1).is_some_and(|x| x.ten) {
                return Some((h + 10.0, j + 2));
            }
            return None;
        }
        if let Some(t) = w.teen {
            return Some((t, j + 1));
        }
        if w.ten {
            return Some((10.0, j + 1));
        }
        if let Some(t) = w.tens {
            return Some((t, j + 1));
        }
        None
    }

    /// A group below 1000 at `j`.
    fn group(&self, a: &Doc<'_, '_>, w: &WordInfo, j: usize) -> Option<(f64, usize)> {
        let mut hundreds = None;
        if let Some(h) = w.hundred {
            hundreds = Some((h, j + 1));
        } else if let Some(u) = w.unit {
            if (1.0..=9.0).contains(&u)
                && self.info(a, j + 1).and_then(|x| x.hundred) == Some(100.0)
            {
                hundreds = Some((u * 100.0, j + 2));
            }
        }
        if let Some((h, nj)) = hundreds {
            if let Some((x, wj, _)) = self.conj_word(a, nj) {
                if x.scale.is_none()
                    && x.hundred.is_none()
                    && x.fraction.is_none_or(|_| x.unit.is_some() || x.ten)
                {
                    if let Some((v, e)) = self.below100(a, x, wj) {
                        return Some((h + v, e));
                    }
                }
            }
            return Some((h, nj));
        }
        self.below100(a, w, j)
    }

    /// An integer in words starting at `j` with the word's info `w`.
    /// Returns (value, next token, last scale).
    pub fn int_words(&self, a: &Doc<'_, '_>, w: &WordInfo, j: usize) -> Option<(f64, usize, f64)> {
        let mut total = 0.0;
        let mut last_scale = f64::INFINITY;
        let mut cur = j;
        let mut w = w;
        let mut any = false;
        for _ in 0..16 {
            let next;
            if let Some(d) = w.scale_dual {
                if d >= last_scale * 2.0 {
                    break;
                }
                // ألفا / مليونا (construct duals) need their noun after them.
                if cur == j && key_at(a, cur).ends_with('ا') {
                    let next = a.tokens().get(cur + 1).map(|t| t.kind);
                    if next != Some(TokenKind::Word)
                        && !matches!(light_at(a, cur + 1), "$" | "€" | "£")
                    {
                        return None;
                    }
                }
                total += d;
                last_scale = d / 2.0;
                next = cur + 1;
            } else if w.scale.is_some() && !w.vague && !Self::is_group_start(w) {
                let s = w.scale.unwrap_or(1.0);
                if s >= last_scale {
                    break;
                }
                total += s;
                last_scale = s;
                next = cur + 1;
            } else if Self::is_group_start(w) {
                let Some((g, nj)) = self.group(a, w, cur) else {
                    break;
                };
                match self.info(a, nj).and_then(|x| x.scale) {
                    Some(s) if s < last_scale => {
                        total += g * s;
                        last_scale = s;
                        next = nj + 1;
                    }
                    // ثلاثة آلاف وخمسمائة مليون: a larger scale after و
                    // multiplies everything before it (3500 × 10^6).
                    Some(s) if total > 0.0 && s > total + g => {
                        total = (total + g) * s;
                        last_scale = s;
                        next = nj + 1;
                    }
                    _ => {
                        total += g;
                        any = true;
                        cur = nj;
                        break;
                    }
                }
            } else {
                break;
            }
            any = true;
            cur = next;
            if cur - j > MAX_TOKENS {
                break;
            }
            match self.conj_word(a, cur) {
                Some((x, wj, true))
                    if (Self::is_group_start(x) && x.fraction.is_none_or(|_| x.unit.is_some()))
                        || (x.scale.is_some() && !x.vague)
                        || x.scale_dual.is_some_and(|d| d / 2.0 < last_scale) =>
                {
                    // Only continue when the continuation is a smaller amount.
                    let probe = if Self::is_group_start(x) {
                        self.group(a, x, wj).map(|(_, e)| e)
                    } else {
                        Some(wj)
                    };
                    let Some(pe) = probe else { break };
                    let nscale = if Self::is_group_start(x) {
                        self.info(a, pe).and_then(|y| y.scale)
                    } else {
                        x.scale
                    };
                    let probe_value = if Self::is_group_start(x) {
                        self.group(a, x, wj).map_or(0.0, |(g, _)| g)
                    } else {
                        0.0
                    };
                    match nscale {
                        Some(s) if s < last_scale => {}
                        Some(s) if Self::is_group_start(x) && s > total + probe_value => {}
                        None if last_scale > 1.0 && last_scale.is_finite() => {}
                        _ => break,
                    }
                    cur = wj;
                    w = x;
                }
                _ => break,
            }
        }
        if !any {
            return None;
        }
        let ls = if last_scale.is_finite() {
            last_scale
        } else {
            1.0
        };
        Some((total, cur, ls))
    }

    /// Decimal and fraction extensions after an integer ending at `k`:
    /// `ونصف`, `وربع مليون`, `و ثلاثة أخماس`, `وثمانية وثمانون من مئة`,
    /// `فاصلة 5`. Returns (value, next token).
    fn fraction_ext(&self, a: &Doc<'_, '_>, value: f64, last_scale: f64, k: usize) -> (f64, usize) {
        if let Some(w) = self.info(a, k) {
            if w.point {
                if k + 1 < a.len() && a.tokens()[k + 1].kind == TokenKind::Number {
                    let l = light_at(a, k + 1);
                    if l.chars().all(|c| c.is_ascii_digit()) {
                        if let Some(f) = digits_value(&format!("0.{l}"), false) {
                            return (value + f, k + 2);
                        }
                    }
                }
                if let Some(x) = self.info(a, k + 1) {
                    if let Some((f, e, _)) = self.int_words(a, x, k + 1) {
                        let digits = format!("{f}").len() as i32;
                        return (value + f / 10f64.powi(digits), e);
                    }
                }
            }
        }
        let Some((x, wj, true)) = self.conj_word(a, k) else {
            return (value, k);
        };
        let mult = if last_scale > 1.0 { last_scale } else { 1.0 };
        if let Some(f) = x.fraction.filter(|_| x.unit.is_none() && !x.ten) {
            if let Some(s) = self
                .info(a, wj + 1)
                .and_then(|y| y.scale.filter(|_| !y.vague))
            {
                return (value + f * s, wj + 2);
            }
            // مليون ونصف المليون
            if let Some(s) = self
                .fw
                .strip_article(key_at(a, wj + 1))
                .and_then(|k| self.words.get(k))
                .and_then(|y| y.scale)
            {
                if s == mult {
                    return (value + f * s, wj + 2);
                }
            }
            return (value + f * mult, wj + 1);
        }
        if let Some(f) = x.fraction_dual {
            return (value + f * mult, wj + 1);
        }
        if Self::is_group_start(x) {
            if let Some((g, e, _)) = self.int_words(a, x, wj) {
                if let Some(p) = self.info(a, e).and_then(|y| y.fraction_plural) {
                    return (value + g * p, e + 1);
                }
                if self.tok_is(a, e, Role::OutOf) {
                    if let Some(y) = self.info(a, e + 1) {
                        if let Some((d, de, _)) = self.int_words(a, y, e + 1) {
                            let pow10 = d >= 10.0 && (d.log10().fract()).abs() < 1e-9;
                            if d > 0.0 && (self.tok_is(a, e, Role::Over) || pow10) {
                                return (value + g / d, de);
                            }
                        }
                    }
                }
            }
        }
        (value, k)
    }

    /// Whether the ambiguous word at `j` (خمس: five or a fifth) is read as
    /// a fraction: before a definite noun, or alone at the end.
    fn reads_as_fraction(&self, a: &Doc<'_, '_>, j: usize) -> bool {
        let n = j + 1;
        if n >= a.len() {
            return true;
        }
        let t = a.tokens()[n];
        if t.kind == TokenKind::Punct {
            return !(self.percent.starts(key_at(a, n)) || self.currencies.starts(key_at(a, n)));
        }
        if t.kind != TokenKind::Word {
            return false;
        }
        let k = key_at(a, n);
        k.starts_with(self.fw.article())
            && !self.words.contains_key(k)
            && k != self.fw.article()
            && !self.time_units.contains_key(k)
    }

    /// A number starting at token `j`. `conj`: the first word may carry a
    /// conjunction و (second member of a range).
    pub fn number(&self, a: &Doc<'_, '_>, j: usize) -> Option<Num> {
        if j >= a.len() {
            return None;
        }
        let t = a.tokens()[j];
        match t.kind {
            TokenKind::Number => self.digits_number(a, j, t.start, 1.0),
            TokenKind::Punct => {
                let l = light_at(a, j);
                let next_glued = j + 1 < a.len()
                    && a.tokens()[j + 1].glued
                    && a.tokens()[j + 1].kind == TokenKind::Number;
                // A dash glued to the word or number before it joins them
                // (`كوفيد-19`, `10-15`), except after the conjunction
                // `و`, where it is a minus sign (`بين صفر و-4`).
                let prev_number = j > 0
                    && a.tokens()[j].glued
                    && matches!(a.tokens()[j - 1].kind, TokenKind::Number | TokenKind::Word)
                    && !(a.tokens()[j - 1].kind == TokenKind::Word && a.role_is(j - 1, Role::And));
                if prev_number {
                    return None;
                }
                match l {
                    "-" | "−" => {
                        // A spaced dash between two numbers, digits or words
                        // (`3 - 2`, a score `صفر - 2`), separates them. After a
                        // sign word (`سالب - 15`) it is no second sign either;
                        // reading that word would read this dash again.
                        let after_sign_word = j > 0
                            && a.tokens()[j - 1].kind == TokenKind::Word
                            && a.role_is(j - 1, Role::Negative);
                        let spaced = j + 1 < a.len()
                            && a.tokens()[j + 1].kind == TokenKind::Number
                            && !after_sign_word
                            && (j == 0
                                || (a.tokens()[j - 1].kind != TokenKind::Number
                                    && (a.tokens()[j - 1].kind != TokenKind::Word
                                        || self.number(a, j - 1).is_none())));
                        if next_glued || spaced {
                            self.digits_number(a, j + 1, t.start, -1.0)
                        } else {
                            None
                        }
                    }
                    "+" if next_glued => self.digits_number(a, j + 1, t.start, 1.0),
                    "." if next_glued => {
                        let l2 = light_at(a, j + 1);
                        if !l2.chars().all(|c| c.is_ascii_digit()) {
                            return None;
                        }
                        let v = digits_value(&format!("0.{l2}"), false)?;
                        Some(Num {
                            start: t.start,
                            tok_start: j,
                            end_tok: j + 2,
                            value: Some(v),
                            scale: 1.0,
                            plain_digits: false,
                            few: false,
                            words: false,
                            digits_tok: None,
                            range: None,
                            exact: None,
                        })
                    }
                    _ => None,
                }
            }
            TokenKind::Word => {
                // Letters glued to a digit before them (١مليون) are not a number.
                if t.glued && j > 0 && a.tokens()[j - 1].kind == TokenKind::Number {
                    return None;
                }
                let k = key_at(a, j);
                if let Some(w) = self.words.get(k).filter(|_| a.key_is(j, kind::WORD)) {
                    return self.words_number(a, w, j, t.start);
                }
                if a.role_is(j, Role::Negative) {
                    let mut n = self.number(a, j + 1)?;
                    n.value = n.value.map(|v| -v);
                    n.start = t.start;
                    n.tok_start = j;
                    n.plain_digits = false;
                    return Some(n);
                }
                if !a.stem_is(j, kind::WORD) {
                    return None;
                }
                for (chars, stem) in stems(k) {
                    if let Some(w) = self.words.get(stem.as_ref()) {
                        return self.words_number(a, w, j, a.orig_offset(j, chars));
                    }
                }
                None
            }
        }
    }

    /// A definite number word after a modifier (فوق الثلاثين, تحت النصف).
    pub fn number_def(&self, a: &Doc<'_, '_>, j: usize) -> Option<Num> {
        if !a.key_is(j, kind::DEF_WORD) {
            return None;
        }
        let k = self.fw.strip_article(key_at(a, j))?;
        let w = self.words.get(k)?;
        if w.vague || w.few {
            return None;
        }
        self.words_number(a, w, j, a.tokens()[j].start)
    }

    fn digits_number(&self, a: &Doc<'_, '_>, j: usize, start: usize, sign: f64) -> Option<Num> {
        if j >= a.len() || a.tokens()[j].kind != TokenKind::Number {
            return None;
        }
        let light = light_at(a, j);
        // No dash or colon, at most one slash (one pass over the bytes:
        // the three are ASCII).
        let mut slashes = 0;
        for b in light.bytes() {
            match b {
                b'-' | b':' => return None,
                b'/' => slashes += 1,
                _ => {}
            }
        }
        if slashes > 1 {
            return None;
        }
        let mut end = j + 1;
        let mut text = Cow::Borrowed(light);
        // 12،220,13 and ١،٢٣٤،٥٦٧: an Arabic comma as a thousands separator.
        while end + 1 < a.len()
            && end < j + 12
            && light_at(a, end) == "\u{060C}"
            && a.tokens()[end].glued
            && a.tokens()[end + 1].glued
            && a.tokens()[end + 1].kind == TokenKind::Number
            && light_at(a, end + 1).len() >= 3
            && light_at(a, end + 1)[..3]
                .chars()
                .all(|c| c.is_ascii_digit())
            && light_at(a, end + 1)
                .chars()
                .nth(3)
                .is_none_or(|c| c == ',' || c == '.')
        {
            text = Cow::Owned(format!("{text}{}", light_at(a, end + 1)));
            end += 2;
        }
        // A number glued to letters after it is not one (٢٩ك, ٤من, ١مليون),
        // unless the letters are a unit, currency, percent or time word (250مل)
        // or the era marker (2015م, 1436هـ).
        if end < a.len() && a.tokens()[end].glued && a.tokens()[end].kind == TokenKind::Word {
            let k = key_at(a, end);
            let ok = a.role_is(end, Role::EraGregorian)
                || a.role_is(end, Role::EraHijri)
                || self.units.starts(k)
                || self.currencies.starts(k)
                || self.time_units.contains_key(k);
            if !ok {
                return None;
            }
        }
        // After digits, a dual form is the accusative singular: 18 ألفا.
        let scale = self
            .info(a, end)
            .and_then(|x| x.scale.or(x.scale_dual.map(|d| d / 2.0)));
        let mut v = digits_value(&text, scale.is_some())? * sign;
        let mut last_scale = 1.0;
        let plain = scale.is_none() && sign > 0.0 && end == j + 1;
        if let Some(s) = scale {
            v *= s;
            last_scale = s;
            end += 1;
            // 3 ملايين و500 ألف, 18 ألفا و800: a smaller amount after و.
            if let Some((r, e)) = self.digits_after_and(a, end, s) {
                v += r;
                end = e;
            }
        }
        let (v, end2) = self.fraction_ext(a, v, last_scale, end);
        // Integers past 2^53 keep their digits exactly.
        let exact =
            (v.abs() >= EXACT_F64_LIMIT && end2 == end && end == j + 1 + scale.is_some() as usize)
                .then(|| {
                    let digits: String = text.chars().filter(|c| *c != ',').collect();
                    let n: i128 = digits.parse().ok()?;
                    let s = scale.unwrap_or(1.0);
                    (s.fract() == 0.0 && s < 1e18)
                        .then(|| n.checked_mul(s as i128))
                        .flatten()
                })
                .flatten()
                .map(|n| if sign < 0.0 { -n } else { n });
        Some(Num {
            start,
            tok_start: if sign < 0.0 { j - 1 } else { j },
            end_tok: end2,
            value: Some(v),
            scale: last_scale,
            plain_digits: plain && end2 == end,
            few: false,
            words: false,
            digits_tok: Some(j),
            range: None,
            exact,
        })
    }

    /// A smaller amount in digits after `و` at `k`, below `scale`, with a
    /// scale word of its own or ending a compound whose scale is above a
    /// thousand: `و500 ألف` after `3 ملايين`, `و438 ألفا و954` after
    /// `مليونين` (GUIDELINES N18). Its value and the token after it.
    fn digits_after_and(&self, a: &Doc<'_, '_>, k: usize, scale: f64) -> Option<(f64, usize)> {
        if !self.tok_is(a, k, Role::And)
            || !a
                .tokens()
                .get(k + 1)
                .is_some_and(|t| t.kind == TokenKind::Number)
        {
            return None;
        }
        let rest = self.digits_number(a, k + 1, 0, 1.0)?;
        let r = rest.value?;
        let own_scale = rest.end_tok > k + 2;
        (r < scale && (own_scale || scale >= 1000.0)).then_some((r, rest.end_tok))
    }

    fn words_number(&self, a: &Doc<'_, '_>, w: &WordInfo, j: usize, start: usize) -> Option<Num> {
        let mk = |value: Option<f64>, end: usize, ls: f64, few: bool| Num {
            start,
            tok_start: j,
            end_tok: end,
            value,
            scale: ls,
            plain_digits: false,
            few,
            words: true,
            digits_tok: None,
            range: None,
            exact: None,
        };
        // Vague amounts: عشرات الآلاف, مئات; بضعة آلاف; بضعة alone.
        if w.vague || w.few {
            let mut end = j + 1;
            let mut few = w.few;
            // The unit counted: عشرات 10, بضعة 1, then × a scale after it.
            let mut unit = w.vague_unit.or(w.few.then_some(1.0));
            if w.few {
                if let Some(x) = self.info(a, end) {
                    if x.scale.is_some() || x.vague {
                        end += 1;
                        few = false;
                        unit = unit.zip(x.scale.or(x.vague_unit)).map(|(u, s)| u * s);
                    }
                }
            }
            if end < a.len() {
                if let Some(x) = a
                    .key(end)
                    .strip_prefix(self.fw.article())
                    .and_then(|s| self.words.get(s))
                {
                    if x.vague || x.scale.is_some() {
                        end += 1;
                        unit = unit.zip(x.scale.or(x.vague_unit)).map(|(u, s)| u * s);
                    }
                }
            }
            let mut n = mk(None, end, 1.0, few);
            if !few {
                n.range = unit.map(|u| (3.0 * u, 9.0 * u));
            }
            return Some(n);
        }
        // Fractions first when the word is one only, or reads as one.
        let ambiguous = w.fraction.is_some() && (w.unit.is_some() || w.ten);
        if let Some(f) = w.fraction {
            // A word that is also "price" (ثمن) is the fraction only where it
            // reads as one: alone or before a definite noun (`ثمن الوزن`),
            // never before an indefinite one (`ثمن حجرة`, `ثمن باهظ`).
            if self.tok_is(a, j, Role::PriceOrEighth) && !self.reads_as_fraction(a, j) {
                return None;
            }
            let cardinal_follows = self.info(a, j + 1).is_some_and(|x| {
                x.ten || x.hundred.is_some() || x.scale.is_some() || x.fraction_plural.is_some()
            }) || self
                .conj_word(a, j + 1)
                .is_some_and(|(x, _, c)| c && x.tens.is_some());
            if !ambiguous || (!cardinal_follows && self.reads_as_fraction(a, j)) {
                let mut v = f;
                let mut end = j + 1;
                let mut ls = 1.0;
                if let Some(s) = self.info(a, end).and_then(|x| x.scale.filter(|_| !x.vague)) {
                    v *= s;
                    ls = s;
                    end += 1;
                }
                return Some(mk(Some(v), end, ls, false));
            }
        }
        if let Some(f) = w.fraction_dual {
            return Some(mk(Some(f), j + 1, 1.0, false));
        }
        if w.point || w.fraction_plural.is_some() {
            return None;
        }
        let (v, e, ls) = self.int_words(a, w, j)?;
        // Count + plural fraction: خمسة أثمان.
        if let Some(p) = self.info(a, e).and_then(|x| x.fraction_plural) {
            return Some(mk(Some(v * p), e + 1, 1.0, false));
        }
        // X من Y / X على Y with words on both sides: a fraction; with a
        // power of ten after an integer, the last و-joined group is the
        // numerator (ستة اَلاف وتسعون من مئة = 6000.9).
        if e + 1 < a.len() && self.tok_is(a, e, Role::OutOf) {
            if let Some(y) = self.info(a, e + 1) {
                if Self::is_group_start(y) || y.scale.is_some_and(|_| !y.vague) {
                    if let Some((d, de, _)) = self.int_words(a, y, e + 1) {
                        if d > 0.0 {
                            let mut split = None;
                            if v >= d {
                                for p in (j + 1)..e {
                                    if let Some((x, wj, true)) = self.conj_word(a, p) {
                                        if Self::is_group_start(x) {
                                            if let Some((v2, e2, _)) = self.int_words(a, x, wj) {
                                                if e2 == e && v2 < d {
                                                    split = Some((v - v2, v2));
                                                    break;
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                            let frac = match split {
                                Some((int, numer)) => Some(int + numer / d),
                                None if ls <= 1.0 => Some(v / d),
                                None => None,
                            };
                            if let Some(f) = frac {
                                let (v2, e2) = self.fraction_ext(a, f, 1.0, de);
                                return Some(mk(Some(v2), e2, 1.0, false));
                            }
                        }
                    }
                }
            }
        }
        // مليونين و438 ألفا و954: digits after a word scale.
        let (v, e) = match self.digits_after_and(a, e, ls).filter(|_| ls >= 1000.0) {
            Some((r, re)) => (v + r, re),
            None => (v, e),
        };
        let (v, e2) = self.fraction_ext(a, v, ls, e);
        Some(mk(Some(v), e2, ls, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_literals() {
        assert_eq!(digits_value("1,250", false), Some(1250.0));
        assert_eq!(digits_value("4,5", true), Some(4.5));
        assert_eq!(digits_value("28.6", false), Some(28.6));
        assert_eq!(digits_value("100,000.0", false), Some(100000.0));
        assert_eq!(digits_value("25799,52", false), Some(25799.52));
        assert_eq!(digits_value("77/100", false), Some(0.77));
        assert_eq!(digits_value("1,000,000", false), Some(1e6));
    }
}
