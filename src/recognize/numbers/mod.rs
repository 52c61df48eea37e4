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

mod amounts;
mod candidate;
pub(crate) mod dates;
pub(crate) mod function_words;
pub(crate) mod lexicon;
mod ordinals;
pub(crate) mod parse;
mod ranges;
mod values;

use serde_json::{json, Value};

use crate::error::Result;
use crate::mention::DocContext;
use crate::mention::{number_value, Label, Mention, Modifier};
use crate::recognize::window::{self, DocWindow};
use crate::rules::RuleFiles;
use crate::text::TokenKind;

use function_words::Role;
use lexicon::{kind, Doc, Lexicon};

use candidate::url_ranges;
pub(crate) use candidate::{is_comma, key_at, light_at, Amount, Candidate, DocState, Suffix};
use values::exact_value;
pub use values::{duration, duration_label, fmt_num, merge_durations, round};

/// What the numeric recognizer carries from window to window of a long
/// document (`recognize/window.rs`).
#[derive(Default)]
pub struct NumbersCarry {
    /// The date and country of the document's dateline (read in the first window).
    dateline: (Option<chrono::NaiveDate>, Option<String>),
    /// The last year the text named so far (`dates::anchor_to_narrative_year`).
    narrative_year: Option<String>,
    /// The countries the whole document names, once counted.
    named_countries: Option<Vec<String>>,
}

/// The countries named in the document, counted when an ambiguous currency
/// first needs them; with the window of a long document, over all of it.
#[derive(Default)]
pub(crate) struct NamedCountries<'w> {
    cell: std::cell::OnceCell<Vec<String>>,
    window: Option<&'w DocWindow<'w>>,
}

impl<'w> std::ops::Deref for NamedCountries<'w> {
    type Target = std::cell::OnceCell<Vec<String>>;
    fn deref(&self) -> &Self::Target {
        &self.cell
    }
}

/// Countries by times named, most first; ties: the first named first.
fn most_named_first(mut counts: Vec<(String, usize, usize)>) -> Vec<String> {
    counts.sort_by(|x, y| y.1.cmp(&x.1).then(x.2.cmp(&y.2)));
    counts.into_iter().map(|(c, _, _)| c).collect()
}

/// The numeric recognizer.
pub struct NumberRecognizer {
    lexicon: Lexicon,
}

impl NumberRecognizer {
    /// Compile from rule files.
    pub fn new(rules: &RuleFiles) -> Result<Self> {
        Ok(NumberRecognizer {
            lexicon: Lexicon::load(rules)?,
        })
    }

    /// Emit candidate numeric mentions.
    pub fn recognize(&self, ctx: &DocContext<'_>, out: &mut Vec<Mention>) {
        let doc = Doc::indexed(&self.lexicon, ctx.analysis);
        let a = &doc;
        // The dateline is read where the document starts; a later window
        // of a long document gets its date and country from the first.
        let dl = if ctx.window.is_none_or(|w| w.first) {
            self.dateline(a)
        } else {
            None
        };
        let (dateline_date, dateline_country) = match ctx.window {
            Some(w) if !w.first => w.carry.numbers.borrow().dateline.clone(),
            _ => (
                dl.as_ref().and_then(|d| d.date),
                dl.as_ref().and_then(|d| d.country.clone()),
            ),
        };
        if let Some(w) = ctx.window.filter(|w| w.first) {
            w.carry.numbers.borrow_mut().dateline = (dateline_date, dateline_country.clone());
        }
        let state = DocState {
            a,
            refd: ctx.reference_date.or(dateline_date),
            country: dateline_country,
            named_countries: NamedCountries {
                window: ctx.window,
                ..Default::default()
            },
            explain: ctx.explain,
        };
        let first_mention = out.len();
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
            self.at(&state, i, &mut cands);
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
                if a.role_is(c.end_tok - 1, Role::EraHijri) {
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
            let mut value = std::mem::take(&mut c.value);
            values::decimals_as_strings(&mut value);
            let mut m = ctx.mention(start, end, c.label, value, c.rule);
            m.modifier = c.modifier;
            m.evidence = std::mem::take(&mut c.evidence);
            m.priority = c.priority;
            out.push(m);
        }
        let mut carried = ctx.window.map(|w| w.carry.numbers.borrow_mut());
        let mut year = None;
        dates::anchor_to_narrative_year(
            &mut out[first_mention..],
            state.refd.is_none(),
            state.refd.map(|r| chrono::Datelike::year(&r)),
            carried
                .as_mut()
                .map_or(&mut year, |c| &mut c.narrative_year),
            |m| ctx.in_core(m.start),
        );
        drop(carried);
        dates::date_times_by_sentence(a, &mut out[first_mention..]);
    }

    /// All candidates starting at token `i`.
    fn at(&self, state: &DocState<'_, '_, '_>, i: usize, out: &mut Vec<Candidate>) {
        let a = state.a;
        let lexicon = &self.lexicon;
        // Most tokens here start little: `في` and `من`, the most frequent,
        // carry `START` and `MOD` (first words of modifier phrases) and no
        // other flag. The readers called out of line are asked only when
        // the token has the flag their first test needs, so that the rest
        // return at one bit test with no call (the same output: each
        // skipped reader surely finds nothing):
        // - `in_hyphenated_name` needs a number token (a number has every
        //   flag), `expr` needs `NUM`, `dates_at` needs `DATE`;
        // - `count_after_definite_noun` needs the `DEF_WORD` kind on the
        //   key, and every such key is an `ORD` key (`build_index`: `ال` +
        //   a number word can start an ordinal; a word token keeps its
        //   key's flags, and no punctuation token spells such a word);
        // - `age_of` reads an ordinal at `i` (an ordinal form on the key or
        //   a stem brings its `ORD` flag with it) or a number (a number word
        //   on the key or a stem, or a negative sign word: `NUM` keys).
        // The modifier, `bare_unit` and `ordinal` test their own flag here
        // already; the connector ranges, `dual_period` and `age` have
        // cheap first tests of their own, inlined.
        if state.has(i, lexicon::ORD) {
            if self.in_hyphenated_name(a, i) {
                return;
            }
            if let Some(c) = self.count_after_definite_noun(state, i) {
                out.push(c);
            }
        }
        // Modifier + expression.
        let modifier_here = if state.has(i, lexicon::MOD) && lexicon.may_start_modifier(a, i) {
            lexicon.modifiers.at_clitic(a, i)
        } else {
            None
        };
        if let Some(m) = modifier_here {
            if !m.value.post {
                let modifier = m.value.modifier;
                let start = m.start;
                let j = m.end_tok;
                let c = self
                    .expr(state, j, false)
                    .or_else(|| self.expr_def(state, j))
                    .or_else(|| self.bare_unit(state, j, true));
                if let Some(mut c) = c {
                    c.start = start;
                    c.modifier = Some(modifier);
                    if let Some(r) = self.second_bound(state, &c) {
                        out.push(r);
                    }
                    out.push(c);
                }
                // A modifier before a date or time (حوالي الساعة 3).
                let mut tmp = Vec::new();
                self.dates_at(state, j, &mut tmp);
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
        let k = key_at(a, i);
        let fw = &self.lexicon.fw;
        // The connector, also after a glued و or ف (وبين, ومن): the roles
        // of the word after the letter, looked up once.
        let glued_roles = k
            .strip_prefix(['و', 'ف'])
            .map_or(0, |rest| fw.roles_of(rest));
        let glued = glued_roles & (Role::RangeBetween.bit() | Role::RangeFrom.bit()) != 0;
        // The roles of the connector: the glued one's, else the token's own
        // (its role bits, no lookup).
        let bare_is = |role: Role| {
            if glued {
                glued_roles & role.bit() != 0
            } else {
                a.role_is(i, role)
            }
        };
        let (between_at, is_between) = if bare_is(Role::RangeBetween) {
            (Some(i + 1), true)
        } else if a.role_is(i, Role::RangeWhat) && self.lexicon.tok_is(a, i + 1, Role::RangeBetween)
        {
            (Some(i + 2), true)
        } else if bare_is(Role::RangeFrom) && !k.starts_with('ف') {
            (Some(i + 1), false)
        } else {
            (None, false)
        };
        if let Some(j) = between_at {
            // `ما` before `بين` stays outside the span (GUIDELINES N13).
            let start = if j == i + 2 {
                a.tokens()[i + 1].start
            } else if k.starts_with('و') || k.starts_with('ف') {
                a.orig_offset(i, 1)
            } else {
                a.tokens()[i].start
            };
            if let Some(mut c) = self.expr_range(state, j, is_between) {
                c.start = start;
                self.era_range_as_years(a, &mut c);
                self.era_after_year_range(a, &mut c);
                out.push(c);
            }
            let first_range = out.len();
            self.ranges_after_min(state, start, j, is_between, out);
            for c in &mut out[first_range..] {
                self.era_after_year_range(a, c);
            }
        }
        if state.has(i, lexicon::NUM) {
            if let Some(c) = self.expr(state, i, false) {
                if !self.names_a_round(state, i, &c) && !self.identifier_number(a, i, &c) {
                    out.push(c);
                }
            }
        }
        if let Some(c) = self.dual_period(state, i) {
            out.push(c);
        }
        if state.has(i, lexicon::UNIT) {
            if let Some(mut c) = self.bare_unit(state, i, false) {
                self.extend_duration(state, &mut c);
                out.push(c);
            }
        }
        if state.has(i, lexicon::ORD) {
            if let Some(c) = self.ordinal(state, i) {
                out.push(c);
            }
        }
        if let Some(c) = self.age(state, i) {
            out.push(c);
        }
        if state.has(i, lexicon::NUM | lexicon::ORD) {
            if let Some(c) = self.age_of(state, i) {
                out.push(c);
            }
        }
        if state.has(i, lexicon::DATE) {
            self.dates_at(state, i, out);
        }
    }

    /// The countries named in the document, most often named first (ties:
    /// the first named first). In a window of a long document they are
    /// counted over the whole document once, window by window, and kept.
    fn document_countries(&self, state: &DocState<'_, '_, '_>) -> Vec<String> {
        let mut counts = Vec::new();
        match state.named_countries.window {
            Some(w) if w.document.len() != state.a.text().len() => {
                if let Some(known) = &w.carry.numbers.borrow().named_countries {
                    return known.clone();
                }
                let mut base = 0;
                for span in window::plan(w.document, window::DEFAULT_WINDOW_CHARS) {
                    let analysis = crate::text::Analysis::new(&w.document[span.core]);
                    let doc = Doc::indexed(&self.lexicon, &analysis);
                    self.count_countries(&doc, base, &mut counts);
                    base += doc.len();
                }
                let countries = most_named_first(counts);
                w.carry.numbers.borrow_mut().named_countries = Some(countries.clone());
                countries
            }
            _ => {
                self.count_countries(state.a, 0, &mut counts);
                most_named_first(counts)
            }
        }
    }

    /// Count the countries a text names (places of `dateline_places.csv`):
    /// (country, times named, token of its first mention + `base`).
    fn count_countries(
        &self,
        a: &Doc<'_, '_>,
        base: usize,
        counts: &mut Vec<(String, usize, usize)>,
    ) {
        let mut i = 0;
        while i < a.len() {
            if !self.lexicon.may_start_place(a, i) {
                i += 1;
                continue;
            }
            match self.lexicon.dateline_places.at_clitic(a, i) {
                Some(m) => {
                    match counts.iter_mut().find(|(c, _, _)| c == m.value) {
                        Some(entry) => entry.1 += 1,
                        None => counts.push((m.value.clone(), 1, base + i)),
                    }
                    i = m.end_tok.max(i + 1);
                }
                None => i += 1,
            }
        }
    }

    /// `تحت الصفر` at token `k`: below zero.
    fn below_zero(&self, a: &Doc<'_, '_>, k: usize) -> bool {
        self.lexicon.tok_is(a, k, Role::Below) && self.lexicon.tok_is(a, k + 1, Role::Zero)
    }

    /// `كامل` or `واحد` at token `k`: the noun before it counts one.
    fn one_whole(&self, a: &Doc<'_, '_>, k: usize) -> bool {
        self.lexicon.tok_is(a, k, Role::Whole) || self.lexicon.tok_is(a, k, Role::Single)
    }

    /// Whether the number at `i` ends a hyphenated name (`كوفيد-19`,
    /// `إف-16`, `سو-35`): a word, a dash and the digits with no space
    /// between them are an identifier, no amount (GUIDELINES N16). The
    /// conjunction `و` before the dash is no name: `و-4` is "and minus 4".
    fn in_hyphenated_name(&self, a: &Doc<'_, '_>, i: usize) -> bool {
        let tokens = a.tokens();
        i >= 2
            && tokens[i].kind == TokenKind::Number
            && tokens[i].glued
            && tokens[i - 1].glued
            && matches!(light_at(a, i - 1), "-" | "\u{2013}")
            && tokens[i - 2].kind == TokenKind::Word
            && !self.lexicon.tok_is(a, i - 2, Role::And)
    }

    /// Whether the plain number `c` at `i` is part of an identifier, no
    /// amount (GUIDELINES N16): a code of up to four digits after an
    /// identifier noun (`القرار 1701`, `رقم 6`, `الخط الساخن 105`), glued to Latin letters (`G42`), or ending
    /// a short quoted name below 1000 (`"آريان 6"`, `"فالكون 9"`; a year in a
    /// quoted name stays a DATE, N15).
    fn identifier_number(&self, a: &Doc<'_, '_>, i: usize, c: &Candidate) -> bool {
        let tokens = a.tokens();
        if c.label != Label::Cardinal
            || c.end_tok != i + 1
            || c.modifier.is_some()
            || i == 0
            || tokens[i].kind != TokenKind::Number
        {
            return false;
        }
        let before = light_at(a, i - 1);
        // A code of up to four digits; a longer string of digits after
        // `رقم الهاتف` stays the number the suites count.
        let short_code = light_at(a, i).chars().count() <= 4;
        if short_code
            && tokens[i - 1].kind == TokenKind::Word
            && self
                .lexicon
                .fw
                .is_with_proclitics(key_at(a, i - 1), Role::IdNoun)
        {
            return true;
        }
        if tokens[i].glued && before.chars().all(|ch| ch.is_ascii_alphabetic()) {
            return true;
        }
        let is_quote = |k: usize| {
            k < a.len()
                && matches!(
                    light_at(a, k),
                    "\"" | "\u{201d}" | "\u{201c}" | "\u{bb}" | "\u{ab}"
                )
        };
        let small = c.value.as_f64().is_some_and(|v| v < 1000.0);
        if !small || !is_quote(i + 1) || tokens[i - 1].kind != TokenKind::Word {
            return false;
        }
        // The opening quote one to three words before the number.
        (1..=3).any(|n| {
            i > n
                && is_quote(i - 1 - n)
                && (i - n..i).all(|k| {
                    tokens[k].kind == TokenKind::Word && !a.key_is(k, kind::WORD | kind::UNIT_NAME)
                })
        })
    }

    /// A range of two whole numbers followed by an era word is a period of
    /// years (`بين 688 و692 للميلاد` = `"0688/0692"`, GUIDELINES decision
    /// 66): the era word joins the span. A Hijri era gives no value.
    fn era_range_as_years(&self, a: &Doc<'_, '_>, c: &mut Candidate) {
        let (end, hijri) = self.lexicon.after_era(a, c.end_tok);
        if c.label != Label::Cardinal || end == c.end_tok {
            return;
        }
        let year = |k: &str| {
            c.value
                .get(k)
                .and_then(Value::as_f64)
                .filter(|v| v.fract() == 0.0 && (1.0..=2100.0).contains(v))
        };
        let (Some(from), Some(to)) = (year("min"), year("max")) else {
            return;
        };
        c.label = Label::Date;
        c.value = if hijri {
            Value::Null
        } else {
            Value::String(format!("{:04}/{:04}", from as i64, to as i64))
        };
        c.end_tok = end;
        c.rule = "date/range-era";
    }

    /// An era word after a period of years (`بين 1501 و1524 ميلادية`) joins
    /// its span; a Hijri one leaves the Gregorian value unknown (null).
    fn era_after_year_range(&self, a: &Doc<'_, '_>, c: &mut Candidate) {
        let is_year_pair = c.value.as_str().is_some_and(|v| {
            v.len() == 9
                && v.as_bytes()[4] == b'/'
                && v.bytes().filter(u8::is_ascii_digit).count() == 8
        });
        if c.label != Label::Date || !is_year_pair {
            return;
        }
        let (end, hijri) = self.lexicon.after_era(a, c.end_tok);
        if end > c.end_tok {
            c.end_tok = end;
            if hijri {
                c.value = Value::Null;
            }
        }
    }

    /// Whether a lone fraction word at `i` names a round of a competition
    /// (`ربع النهائي`, `نصف نهائي`: quarter- and semi-final), no amount.
    fn names_a_round(&self, state: &DocState<'_, '_, '_>, i: usize, c: &Candidate) -> bool {
        let a = state.a;
        let lexicon = &self.lexicon;
        let is_fraction = |k: &str| lexicon.words.get(k).is_some_and(|w| w.fraction.is_some());
        c.label == Label::Cardinal
            && c.end_tok == i + 1
            && lexicon.tok_is(a, i + 1, Role::FinalNoun)
            && (is_fraction(key_at(a, i))
                || lexicon::stems(key_at(a, i)).any(|(_, s)| is_fraction(&s)))
    }

    /// A definite number word from three to ten after a definite noun, as
    /// its count: `الوزارات [الثلاثة]`, `الأهداف [الثلاثة]` (a CARDINAL,
    /// GUIDELINES decision 72). Not a weekday (`اليوم الاثنين`), and not
    /// after a number word or an ordinal.
    fn count_after_definite_noun(
        &self,
        state: &DocState<'_, '_, '_>,
        i: usize,
    ) -> Option<Candidate> {
        let a = state.a;
        let lexicon = &self.lexicon;
        if i == 0
            || !a.key_is(i, kind::DEF_WORD)
            || a.key_is(i, kind::WEEKDAY)
            || a.tokens()[i - 1].kind != TokenKind::Word
        {
            return None;
        }
        let before = key_at(a, i - 1);
        let definite_noun = before.starts_with(lexicon.fw.article())
            && !a.key_is(i - 1, kind::DEF_WORD | kind::DEF_ORDINAL | kind::WEEKDAY)
            && !lexicon.fw.any_role(before);
        if !definite_noun {
            return None;
        }
        // After a definite plural the word is a count, not a fraction of
        // the same letters (المحافظات السبع: seven, not a seventh).
        let unit = lexicon
            .fw
            .strip_article(key_at(a, i))
            .and_then(|k| lexicon.words.get(k))
            .and_then(|w| w.unit.filter(|_| w.fraction.is_some()));
        if let Some(u) = unit.filter(|u| (3.0..=10.0).contains(u)) {
            let mut c = Candidate::new(
                a.tokens()[i].start,
                i + 1,
                Label::Cardinal,
                number_value(u),
                "number/words",
            );
            c.priority = 2;
            return Some(c);
        }
        let c = self.expr_def(state, i)?;
        let value = c.value.as_f64()?;
        ((3.0..=10.0).contains(&value) && c.end_tok == i + 1).then_some(c)
    }

    /// A definite number word as a CARDINAL (after a modifier).
    fn expr_def(&self, state: &DocState<'_, '_, '_>, j: usize) -> Option<Candidate> {
        let n = self.lexicon.number_def(state.a, j)?;
        let mut c = Candidate::new(
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
    fn second_bound(&self, state: &DocState<'_, '_, '_>, c: &Candidate) -> Option<Candidate> {
        let a = state.a;
        let first = c.modifier?;
        if c.label != Label::Cardinal {
            return None;
        }
        let v1 = c.value.as_f64()?;
        let mut k = c.end_tok;
        while is_comma(light_at(a, k)) {
            k += 1;
        }
        if self.lexicon.tok_is(a, k, Role::Or) || self.lexicon.tok_is(a, k, Role::And) {
            k += 1;
        }
        if !self.lexicon.may_start_modifier(a, k) {
            return None;
        }
        let m = self.lexicon.modifiers.at_clitic(a, k)?;
        if m.value.post {
            return None;
        }
        let second = m.value.modifier;
        let c2 = self
            .expr(state, m.end_tok, false)
            .or_else(|| self.expr_def(state, m.end_tok))?;
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
        let mut r = Candidate::new(
            c.start,
            c2.end_tok,
            Label::Cardinal,
            json!({"min": number_value(min), "max": number_value(max)}),
            "number/bounds",
        );
        r.priority = 1;
        Some(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Analysis;

    /// Call `f` with the path and the indexed analysis of every corpus
    /// article, for the gate tests below.
    fn for_each_corpus_doc(
        r: &NumberRecognizer,
        mut f: impl FnMut(&std::path::Path, &Doc<'_, '_>),
    ) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let analysis = Analysis::new(&text);
            f(&path, &Doc::indexed(&r.lexicon, &analysis));
        }
    }

    /// The gate before the place lookup of `count_countries` lets through
    /// every token where the table finds a place (taken whole or after
    /// proclitics), and turns most other tokens away.
    #[test]
    fn place_gate_keeps_every_place() {
        let r = NumberRecognizer::new(&RuleFiles::embedded()).unwrap();
        let (mut places, mut tokens, mut let_through) = (0, 0, 0);
        for_each_corpus_doc(&r, |path, doc| {
            for i in 0..doc.len() {
                let gate = r.lexicon.may_start_place(doc, i);
                tokens += 1;
                let_through += usize::from(gate);
                if r.lexicon.dateline_places.at_clitic(doc, i).is_some() {
                    places += 1;
                    assert!(gate, "{}: token {i} starts a place", path.display());
                }
            }
        });
        assert!(places > 50, "{places} places in the corpus");
        assert!(
            let_through * 4 < tokens,
            "{let_through} of {tokens} let through"
        );
    }

    /// The gate before the modifier lookup (`may_start_modifier`) lets
    /// through every token where the table finds a phrase (taken whole or
    /// after proclitics), and turns away most of the tokens that start a
    /// modifier's first word (`في`, `ما`, `لا`).
    #[test]
    fn modifier_gate_keeps_every_modifier() {
        let r = NumberRecognizer::new(&RuleFiles::embedded()).unwrap();
        let (mut found, mut first_words, mut let_through) = (0, 0, 0);
        for_each_corpus_doc(&r, |path, doc| {
            for i in 0..doc.len() {
                let gate = r.lexicon.may_start_modifier(doc, i);
                if doc.key_is(i, kind::MODIFIER) || doc.stem_is(i, kind::MODIFIER) {
                    first_words += 1;
                    let_through += usize::from(gate);
                }
                if r.lexicon.modifiers.at_clitic(doc, i).is_some() {
                    found += 1;
                    assert!(gate, "{}: token {i} starts a modifier", path.display());
                }
            }
        });
        assert!(found > 30, "{found} modifiers in the corpus");
        assert!(
            let_through * 2 < first_words,
            "{let_through} of {first_words} first words let through"
        );
    }
}
