//! The scorer of the numeric layer against the public Arabic test suites of
//! Duckling, Recognizers-Text, NeMo and puckling
//! (`../shared/data/numbers/external.jsonl`).
//!
//! The adapter maps kashif's labels and value formats (the annotation
//! guidelines') to each suite's: labels to dims, ISO 4217 codes to the
//! suites' currency units, unit symbols to their unit names and scales,
//! TIMEX3 durations to (amount, unit) or seconds, TIMEX3 dates and times to
//! the instants Duckling reports (resolved against the record's `ref_time`
//! with Duckling's conventions: a bare weekday is the next one, a clock
//! hour without a part of the day is the next occurrence), and span
//! modifiers to range bounds (a quarter `2016-Q3` is its three months, a
//! decade `202X` its ten years, a clock range `T13:30/T16:00` is compared
//! with Recognizers-Text's `startTime`/`endTime` by its first and last
//! minute; a puckling range marked `to_semantics` ends at the start of
//! its last bound; a Recognizers-Text value without `future`/`past`
//! readings, a season `2016-SU`, is compared as its TIMEX3 string).
//! Decisions documented in the adapter:
//! - Recognizers-Text `ordinal.relative` spans (التالي, الأخير) are an
//!   extended type that is not an ORDINAL in the guidelines; kashif runs as
//!   RT's `SuppressExtendedTypes` option does, so those expected spans are
//!   skipped (counted and printed), and the suite's own suppressed variants
//!   of the same sentences are scored.
//! - Duckling quantities with a `product` (`3 اكواب من السكر`) are compared
//!   without the `من <product>` tail, which the guidelines keep outside the
//!   QUANTITY span.
//! - kashif's spans include comparators (guidelines rule 7); a number the
//!   suite expects without its comparator matches a kashif mention with a
//!   modifier that ends at the same place.
//! - The guidelines keep `يوم` before a weekday (N7, as Recognizers-Text
//!   does) and `ما` before `بين` (N13) outside the span; a suite span that
//!   starts with `يوم ال…` or `ما بين` (Duckling's convention) matches a
//!   kashif mention that starts after that word and ends at the same place.
//!
//! No individual test string is special-cased.

// Used by two test crates, each needing part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use kashif::{ExtractOptions, Extractor, Label, Layer, Mention, Modifier};
use serde_json::Value;

/// The shared suites, relative to the repository root.
pub const PATH: &str = "../shared/data/numbers/external.jsonl";

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

/// A number in a value: a JSON number, or kashif's decimal string
/// (`"28.6"`, GUIDELINES decision 84).
fn num(v: &Value) -> Option<f64> {
    v.as_f64().or_else(|| {
        v.as_str()
            .filter(|s| s.contains('.') && !s.starts_with('P'))
            .and_then(|s| s.parse().ok())
    })
}

fn labels_for(dim: &str) -> &'static [Label] {
    match dim {
        "number" | "number_range" => &[Label::Cardinal],
        "ordinal" => &[Label::Ordinal],
        "percent" => &[Label::Percent],
        "money" => &[Label::Money],
        "quantity" | "volume" | "distance" | "temperature" => &[Label::Quantity],
        // A duration under a day is a TIME in kashif (gold/GUIDELINES.md N11),
        // which the filter on extracted mentions checks against the value.
        "duration" => &[Label::Date, Label::Time],
        "time" => &[Label::Date, Label::Time],
        _ => &[],
    }
}

/// kashif unit symbol → (suite unit name, factor to that unit).
fn unit_map(unit: &str) -> Option<(&'static str, f64)> {
    Some(match unit {
        "g" => ("gram", 1.0),
        "kg" => ("gram", 1000.0),
        "mg" => ("gram", 0.001),
        "oz" => ("ounce", 1.0),
        "cup" => ("cup", 1.0),
        "ml" => ("millilitre", 1.0),
        "l" => ("litre", 1.0),
        "gal" => ("gallon", 1.0),
        "hl" => ("hectolitre", 1.0),
        "Cel" => ("celsius", 1.0),
        "degF" => ("fahrenheit", 1.0),
        "deg" => ("degree", 1.0),
        "km" => ("kilometre", 1.0),
        "m" => ("metre", 1.0),
        "cm" => ("centimetre", 1.0),
        "mm" => ("millimetre", 1.0),
        "mi" => ("mile", 1.0),
        "ft" => ("foot", 1.0),
        "in" => ("inch", 1.0),
        "yd" => ("yard", 1.0),
        "lb" => ("pound", 1.0),
        "t" => ("tonne", 1.0),
        _ => return None,
    })
}

fn unit_eq(expected: &str, ours: &str) -> bool {
    expected == ours
        || (expected == "degree" && matches!(ours, "celsius" | "fahrenheit"))
        || (expected == "kilometre" && ours == "kilometre")
        || (expected.trim_end_matches('s') == ours)
        || (expected == "meter" && ours == "metre")
        || (expected == "kilometer" && ours == "kilometre")
}

/// A currency as a suite writes it vs kashif's ISO code and amount.
fn money_eq(exp_unit: &str, exp_amount: f64, code: &str, amount: f64) -> bool {
    match exp_unit {
        "$" | "USD" => code == "USD" && close(amount, exp_amount),
        "cent" => code == "USD" && close(amount * 100.0, exp_amount),
        "£" => matches!(code, "GBP" | "EGP") && close(amount, exp_amount),
        "€" => code == "EUR" && close(amount, exp_amount),
        u => code == u && close(amount, exp_amount),
    }
}

fn money_value_eq(exp: &Value, m: &Mention) -> bool {
    let v = &m.value;
    let unit = exp["unit"].as_str().unwrap_or("");
    let code = v["currency"].as_str().unwrap_or("");
    if let Some(a) = exp.get("amount").and_then(num) {
        return v
            .get("amount")
            .and_then(num)
            .is_some_and(|x| money_eq(unit, a, code, x))
            && m.modifier.is_none();
    }
    let emin = exp.get("min").and_then(num);
    let emax = exp.get("max").and_then(num);
    match exp.get("bound").and_then(Value::as_str) {
        Some("above") => {
            matches!(m.modifier, Some(Modifier::Gt | Modifier::Ge))
                && v.get("amount")
                    .and_then(num)
                    .is_some_and(|x| money_eq(unit, emin.unwrap_or(f64::NAN), code, x))
        }
        Some("under") => {
            matches!(m.modifier, Some(Modifier::Lt | Modifier::Le))
                && v.get("amount")
                    .and_then(num)
                    .is_some_and(|x| money_eq(unit, emax.unwrap_or(f64::NAN), code, x))
        }
        _ => {
            let (Some(a), Some(b)) = (emin, emax) else {
                return false;
            };
            v.get("min")
                .and_then(num)
                .is_some_and(|x| money_eq(unit, a, code, x))
                && v.get("max")
                    .and_then(num)
                    .is_some_and(|x| money_eq(unit, b, code, x))
        }
    }
}

fn quantity_value_eq(exp: &Value, m: &Mention) -> bool {
    let v = &m.value;
    let Some(unit) = v["unit"].as_str() else {
        return false;
    };
    let Some((name, factor)) = unit_map(unit) else {
        return false;
    };
    let eu = exp["unit"].as_str().unwrap_or("");
    let ev = exp.get("value").and_then(num);
    let ours = v.get("amount").and_then(num);
    if eu == "gram" && name == "gram" {
        return matches!((ev, ours), (Some(e), Some(o)) if close(o * factor, e));
    }
    unit_eq(eu, name) && matches!((ev, ours), (Some(e), Some(o)) if close(o * factor, e))
}

/// TIMEX duration `P3D`, `PT0.5H` → (amount, unit name).
fn parse_duration(s: &str) -> Option<(f64, &'static str)> {
    let rest = s.strip_prefix('P')?;
    let (time, rest) = match rest.strip_prefix('T') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let u = rest.chars().last()?;
    let n: f64 = rest[..rest.len() - u.len_utf8()].parse().ok()?;
    let unit = match (time, u) {
        (true, 'H') => "hour",
        (true, 'M') => "minute",
        (true, 'S') => "second",
        (false, 'Y') => "year",
        (false, 'M') => "month",
        (false, 'W') => "week",
        (false, 'D') => "day",
        _ => return None,
    };
    Some((n, unit))
}

fn seconds(n: f64, unit: &str) -> f64 {
    n * match unit {
        "second" => 1.0,
        "minute" => 60.0,
        "hour" => 3600.0,
        "day" => 86400.0,
        "week" => 604800.0,
        "month" => 2592000.0,
        "year" => 31536000.0,
        _ => f64::NAN,
    }
}

fn duration_value_eq(exp: &Value, m: &Mention) -> bool {
    let Some(s) = m.value.as_str() else {
        return false;
    };
    let Some((n, unit)) = parse_duration(s) else {
        return false;
    };
    if let Some(t) = exp.get("timex").and_then(Value::as_str) {
        if let Some((en, eu)) = parse_duration(t) {
            return close(seconds(n, unit), seconds(en, eu));
        }
        return false;
    }
    let eu = exp["unit"].as_str().unwrap_or("");
    let ev = exp.get("value").and_then(num).unwrap_or(f64::NAN);
    (eu == unit && close(n, ev)) || close(seconds(n, unit), seconds(ev, eu))
}

fn range_value_eq(exp: &Value, m: &Mention) -> bool {
    let emin = exp.get("min").and_then(num);
    let emax = exp.get("max").and_then(num);
    let v = &m.value;
    let (omin, omax) = if v.is_object() {
        (v.get("min").and_then(num), v.get("max").and_then(num))
    } else {
        let x = num(v);
        match m.modifier {
            Some(Modifier::Gt | Modifier::Ge) => (x, None),
            Some(Modifier::Lt | Modifier::Le) => (None, x),
            _ => return false,
        }
    };
    let eq = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => close(a, b),
        _ => false,
    };
    eq(emin, omin) && eq(emax, omax)
}

fn parse_iso(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s.get(..19)?, "%Y-%m-%dT%H:%M:%S").ok()
}

/// A TIMEX3 value → (start, end exclusive) against the reference time.
fn timex_interval(s: &str, r: NaiveDateTime, rule: &str) -> Option<(NaiveDateTime, NaiveDateTime)> {
    if let Some((a, b)) = s.split_once('/') {
        let (a0, _) = timex_interval(a, r, rule)?;
        let (_, b1) = timex_interval(b, r, rule)?;
        return Some((a0, b1));
    }
    let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0);
    if let Some(wd) = s.strip_prefix("XXXX-WXX-") {
        let (d, part) = match wd.split_once('T') {
            Some((d, p)) => (d, Some(p)),
            None => (wd, None),
        };
        let d: i64 = d.parse().ok()?;
        let cur = r.date().weekday().number_from_monday() as i64;
        let mut delta = (d - cur).rem_euclid(7);
        if delta == 0 {
            delta = 7;
        }
        let day = r.date() + Duration::days(delta);
        return match part {
            Some(p) => part_interval(day, p),
            None => Some((midnight(day)?, midnight(day + Duration::days(1))?)),
        };
    }
    if let Some(t) = s.strip_prefix('T') {
        return clock_interval(r.date(), t, r, rule);
    }
    if let Some((d, t)) = s.split_once('T') {
        let day = NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?;
        return clock_interval(day, t, r, "").or_else(|| part_interval(day, t));
    }
    if let Some((y, w)) = s.split_once("-W") {
        let y: i32 = y.parse().ok()?;
        let w: u32 = w.parse().ok()?;
        let d = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)?;
        return Some((midnight(d)?, midnight(d + Duration::days(7))?));
    }
    let parts: Vec<&str> = s.split('-').collect();
    match parts.len() {
        3 => {
            let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
            Some((midnight(d)?, midnight(d + Duration::days(1))?))
        }
        2 => {
            let y: i32 = parts[0].parse().ok()?;
            if let Some(q) = parts[1].strip_prefix('Q') {
                let q: u32 = q.parse().ok()?;
                let d = NaiveDate::from_ymd_opt(y, 3 * q - 2, 1)?;
                let e = if q == 4 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(y, 3 * q + 1, 1)?
                };
                return Some((midnight(d)?, midnight(e)?));
            }
            let m: u32 = parts[1].parse().ok()?;
            let d = NaiveDate::from_ymd_opt(y, m, 1)?;
            let e = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)?
            };
            Some((midnight(d)?, midnight(e)?))
        }
        // A decade or century with unfixed digits: `198X`, `18XX`.
        1 if s.len() == 4 && s.ends_with('X') => {
            let fixed = s.trim_end_matches('X');
            let span = 10i32.pow((4 - fixed.len()) as u32);
            let y0 = fixed.parse::<i32>().ok()? * span;
            Some((
                midnight(NaiveDate::from_ymd_opt(y0, 1, 1)?)?,
                midnight(NaiveDate::from_ymd_opt(y0 + span, 1, 1)?)?,
            ))
        }
        1 => {
            let y: i32 = s.parse().ok()?;
            Some((
                midnight(NaiveDate::from_ymd_opt(y, 1, 1)?)?,
                midnight(NaiveDate::from_ymd_opt(y + 1, 1, 1)?)?,
            ))
        }
        _ => None,
    }
}

fn part_interval(day: NaiveDate, p: &str) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let (a, b) = match p {
        "MO" => (4, 12),
        "AF" => (12, 19),
        "EV" => (18, 24),
        "NI" => (18, 24),
        _ => return None,
    };
    let start = day.and_hms_opt(a, 0, 0)?;
    Some((start, start + Duration::hours(b - a as i64)))
}

fn clock_interval(
    day: NaiveDate,
    t: &str,
    r: NaiveDateTime,
    rule: &str,
) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let time = NaiveTime::parse_from_str(t, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M"))
        .ok()?;
    let mut dt = day.and_time(time);
    // A 12-hour clock time without a part of the day: the next occurrence
    // after the reference (Duckling's convention).
    if rule == "time/clock" && time.format("%H").to_string().parse::<u32>().ok()? <= 12 && dt < r {
        dt += Duration::hours(12);
    }
    Some((dt, dt + Duration::minutes(1)))
}

fn time_value_eq(exp: &Value, m: &Mention, r: NaiveDateTime) -> bool {
    let Some(s) = m.value.as_str() else {
        return false;
    };
    // Recognizers-Text: a value without `future`/`past` readings (`{}`, a
    // season) is compared as its TIMEX3 string.
    if let Some(t) = exp.get("timex").and_then(Value::as_str) {
        let unresolved = ["future", "past"]
            .iter()
            .all(|k| exp[*k].as_object().is_some_and(|o| o.is_empty()));
        if unresolved {
            return s == t;
        }
    }
    let Some((a, b)) = timex_interval(s, r, &m.rule) else {
        return false;
    };
    // Recognizers-Text: a resolution with `future`/`past` readings.
    if exp.get("timex").is_some() {
        return ["future", "past"].iter().any(|k| {
            let res = &exp[*k];
            let text = |f: &str| res.get(f).and_then(Value::as_str);
            if let Some(d) = text("date") {
                return a.date().format("%Y-%m-%d").to_string() == d;
            }
            if let Some(t) = text("time") {
                return a.time().format("%H:%M:%S").to_string() == t;
            }
            if let Some(dt) = text("datetime") {
                return a.format("%Y-%m-%d %H:%M:%S").to_string() == dt;
            }
            // A clock range: its last minute is the end time.
            if let (Some(s0), Some(e0)) = (text("startTime"), text("endTime")) {
                return a.time().format("%H:%M:%S").to_string() == s0
                    && (b - Duration::minutes(1))
                        .time()
                        .format("%H:%M:%S")
                        .to_string()
                        == e0;
            }
            if let (Some(s0), Some(e0)) = (text("startDate"), text("endDate")) {
                return a.date().format("%Y-%m-%d").to_string() == s0
                    && b.date().format("%Y-%m-%d").to_string() == e0;
            }
            false
        });
    }
    if let Some(iso) = exp.get("iso").and_then(Value::as_str) {
        return parse_iso(iso) == Some(a);
    }
    let from = exp.get("from").and_then(Value::as_str).and_then(parse_iso);
    let to = exp.get("to").and_then(Value::as_str).and_then(parse_iso);
    // puckling's ranges (`to_semantics`) end at the start of their last
    // bound: `من غدا إلى الجمعة` is to Friday 00:00.
    let last_bound_start = || {
        exp.get("to_semantics")?;
        let (_, last) = s.split_once('/')?;
        timex_interval(last, r, &m.rule).map(|(start, _)| start)
    };
    from == Some(a)
        && to.is_none_or(|t| {
            t == b
                || (m.label == Label::Time && t == b - Duration::minutes(1) + Duration::hours(1))
                || Some(t) == last_bound_start()
        })
}

fn value_eq(dim: &str, exp: &Value, m: &Mention, r: Option<NaiveDateTime>) -> bool {
    if exp.is_null() {
        return true;
    }
    match dim {
        "number" | "ordinal" | "percent" => match (num(exp), num(&m.value)) {
            (Some(e), Some(o)) => close(o, e),
            _ => false,
        },
        "number_range" => range_value_eq(exp, m),
        "money" => money_value_eq(exp, m),
        "quantity" | "volume" | "distance" | "temperature" => quantity_value_eq(exp, m),
        "duration" => duration_value_eq(exp, m),
        // Recognizers-Text's specs default to 2016-11-07 without a reference.
        "time" => time_value_eq(
            exp,
            m,
            r.unwrap_or_else(|| {
                NaiveDate::from_ymd_opt(2016, 11, 7)
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .unwrap()
            }),
        ),
        _ => false,
    }
}

/// Pass counts of one (source, dim, confidence) cell.
#[derive(Default, Debug, Clone, Copy)]
pub struct Tally {
    /// Cases kashif gets right.
    pub pass: usize,
    /// Cases scored.
    pub total: usize,
    /// Cases not scored (a dim kashif has no label for, or only extended spans).
    pub skipped: usize,
}

/// Key of a tally: (source, dim, confidence).
pub type CellKey = (String, String, String);

/// The result of running every suite record through kashif.
pub struct Conformance {
    /// Pass counts per (source, dim, confidence).
    pub tallies: BTreeMap<CellKey, Tally>,
    /// Every failing record, `source dim confidence id: input expected … got …`, in file order.
    pub failures: Vec<String>,
}

impl Conformance {
    /// Pass and total over the given dims of one source at one confidence.
    pub fn sum(&self, source: &str, dims: &[&str], confidence: &str) -> (usize, usize) {
        dims.iter()
            .filter_map(|d| {
                self.tallies
                    .get(&(source.to_string(), d.to_string(), confidence.to_string()))
            })
            .fold((0, 0), |(p, t), x| (p + x.pass, t + x.total))
    }
}

/// The dims the numeric layer is expected to cover well (the headline figure per suite).
pub const CORE_DIMS: [&str; 10] = [
    "number",
    "ordinal",
    "percent",
    "money",
    "quantity",
    "volume",
    "distance",
    "temperature",
    "duration",
    "number_range",
];

/// Run every record of the shared suites; a missing file is a failure that
/// says where the data is expected (CI always has `../shared`).
/// Where a span starting at `s` starts once a leading word the guidelines
/// keep outside is dropped: `يوم` before a definite word (a weekday, N7),
/// `ما` before `بين` (N13).
fn after_outside_lead(chars: &[char], s: usize) -> Option<usize> {
    let rest: String = chars.get(s..)?.iter().take(8).collect();
    [("يوم ", "ال"), ("ما ", "بين")]
        .iter()
        .find(|(lead, then)| rest.starts_with(&format!("{lead}{then}")))
        .map(|(lead, _)| s + lead.chars().count())
}

pub fn measure() -> Conformance {
    let text = std::fs::read_to_string(PATH).unwrap_or_else(|e| {
        panic!(
            "{PATH}: cannot read the shared number suites ({e}); the shared data must sit beside the repository (../shared), as in CI"
        )
    });
    let extractor = Extractor::with_default_rules().expect("default rules");
    let mut tallies: BTreeMap<(String, String, String), Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let rec: Value = serde_json::from_str(line).expect("valid JSONL");
        let source = rec["source"].as_str().unwrap_or("").to_string();
        let dim = rec["dim"].as_str().unwrap_or("").to_string();
        let conf = rec["confidence"].as_str().unwrap_or("").to_string();
        let id = rec["id"].as_str().unwrap_or("").to_string();
        let input = rec["text"].as_str().unwrap_or("");
        let tally = tallies
            .entry((source.clone(), dim.clone(), conf.clone()))
            .or_default();
        let labels = labels_for(&dim);
        if labels.is_empty() {
            tally.skipped += 1;
            continue;
        }
        let r = rec
            .get("ref_time")
            .and_then(Value::as_str)
            .and_then(parse_iso);
        let options = ExtractOptions {
            reference_date: r.map(|r| r.date()).or_else(|| {
                (source == "recognizers-text" && dim == "time")
                    .then(|| NaiveDate::from_ymd_opt(2016, 11, 7).unwrap())
            }),
            types: None,
            explain: false,
            ..ExtractOptions::default()
        };
        let mentions: Vec<Mention> = extractor
            .extract(&id, input, &options)
            .into_iter()
            .filter(|m| m.layer() == Layer::Numeric && labels.contains(&m.label))
            .filter(|m| dim != "duration" || m.value.as_str().is_none_or(|v| v.starts_with('P')))
            // N11: a duration is a TIME exactly when it is under a day (`PT…`).
            .filter(|m| {
                dim != "duration"
                    || m.value
                        .as_str()
                        .is_none_or(|v| v.starts_with("PT") == (m.label == Label::Time))
            })
            // A number range is a range or a bounded number.
            .filter(|m| dim != "number_range" || m.value.is_object() || m.modifier.is_some())
            .collect();
        let chars: Vec<char> = input.chars().collect();
        // Expected spans.
        let mut expected: Vec<(usize, usize, Value)> = Vec::new();
        let match_kind = rec["match"].as_str().unwrap_or("");
        let mut skipped_spans = 0;
        match match_kind {
            "full_input" => {
                let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
                let trail = chars.iter().rev().take_while(|c| c.is_whitespace()).count();
                let mut end = chars.len() - trail;
                if let Some(p) = rec["value"].get("product").and_then(Value::as_str) {
                    let tail: Vec<char> = format!(" من {p}").chars().collect();
                    if chars[..end].ends_with(&tail) {
                        end -= tail.len();
                    }
                }
                expected.push((lead, end, rec["value"].clone()));
            }
            "all_spans_in_input" => {
                for s in rec["spans"].as_array().into_iter().flatten() {
                    if s["type"].as_str().is_some_and(|t| t.ends_with(".relative")) {
                        skipped_spans += 1;
                        continue;
                    }
                    let value =
                        if rec.get("rt_ignore_resolution").and_then(Value::as_bool) == Some(true) {
                            Value::Null
                        } else {
                            s["value"].clone()
                        };
                    expected.push((
                        s["start"].as_u64().unwrap_or(0) as usize,
                        s["end"].as_u64().unwrap_or(0) as usize,
                        value,
                    ));
                }
            }
            _ => {}
        }
        if skipped_spans > 0 && expected.is_empty() {
            tally.skipped += 1;
            continue;
        }
        let ok = if expected.is_empty() {
            mentions.is_empty()
        } else {
            expected.iter().all(|(s, e, v)| {
                mentions.iter().any(|m| {
                    let start_ok = m.start == *s || Some(m.start) == after_outside_lead(&chars, *s);
                    let span_ok = (start_ok && m.end == *e)
                        || (dim == "number" && m.modifier.is_some() && m.end == *e && m.start < *s);
                    span_ok && value_eq(&dim, v, m, r)
                })
            })
        };
        tally.total += 1;
        if ok {
            tally.pass += 1;
        } else {
            let got: Vec<String> = mentions
                .iter()
                .map(|m| {
                    format!(
                        "[{}..{} {} `{}` {} {}]",
                        m.start, m.end, m.label, m.text, m.value, m.rule
                    )
                })
                .collect();
            failures.push(format!(
                "{source} {dim} {conf} {id}: `{input}` expected {:?} {} got {}",
                expected.iter().map(|(s, e, _)| (s, e)).collect::<Vec<_>>(),
                rec["value"],
                if got.is_empty() {
                    "nothing".to_string()
                } else {
                    got.join(" ")
                }
            ));
        }
    }
    Conformance { tallies, failures }
}
