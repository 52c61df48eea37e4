//! Normalized values: TIMEX3 durations (`P3Y`, `PT2H`), merged durations,
//! number formatting and rounding, and exact integers beyond 2^53.

use serde_json::Value;

use super::candidate::{Candidate, Suffix};
use crate::mention::Label;

/// Format a number for a TIMEX duration (`3`, `0.5`).
pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        itoa::Buffer::new().format(x as i64).to_string()
    } else {
        let s = format!("{x:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A TIMEX3 duration for `n` units.
pub fn duration(n: Option<f64>, unit: &str) -> Value {
    let Some(n) = n else { return Value::Null };
    let in_minutes = n * 60.0;
    let (prefix, count, designator) = match unit {
        // A third or a quarter of an hour is said in minutes (PT20M).
        "H" if (n * 10.0).fract() != 0.0 && (in_minutes - in_minutes.round()).abs() < 1e-6 => {
            ("PT", in_minutes.round(), "M")
        }
        "H" => ("PT", n, "H"),
        "MIN" => ("PT", n, "M"),
        "S" => ("PT", n, "S"),
        "DE" => ("P", n * 10.0, "Y"),
        "CE" => ("P", n * 100.0, "Y"),
        u => ("P", n, u),
    };
    // Written piece by piece, with no formatting machinery.
    let count = fmt_num(count);
    let mut s = String::with_capacity(prefix.len() + count.len() + designator.len());
    s.push_str(prefix);
    s.push_str(&count);
    s.push_str(designator);
    Value::String(s)
}

/// The label of a duration in `unit`: under a day it is a TIME, a day or
/// more a DATE (gold/GUIDELINES.md N11, OntoNotes).
pub fn duration_label(unit: &str) -> Label {
    match unit {
        "H" | "MIN" | "S" => Label::Time,
        _ => Label::Date,
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

/// Put an exact integer (beyond 2^53) in a CARDINAL's value or a MONEY or
/// QUANTITY amount: a JSON integer up to 2^64, a string of digits beyond.
pub(super) fn exact_value(c: &mut Candidate, exact: i128, sfx: Option<&Suffix>) {
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

/// The output form of a numeric value (GUIDELINES decision 84): a decimal
/// is an exact decimal string (`"28.6"`, `"0.125"`, never an exponent),
/// integers stay JSON integers; in a number, or in the `amount`, `min` and
/// `max` of an object. The recognizer computes with numbers and writes this
/// form once, on the mentions it emits.
pub(super) fn decimals_as_strings(v: &mut Value) {
    match v {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            if let Some(x) = n.as_f64() {
                *v = Value::String(format!("{x}"));
            }
        }
        Value::Object(o) => {
            // The few entries walked, rather than three hashed lookups:
            // each key is in the map once, and each value is changed alone.
            for (key, x) in o.iter_mut() {
                if matches!(key.as_str(), "amount" | "min" | "max") {
                    decimals_as_strings(x);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decimals_become_exact_strings_and_integers_stay_numbers() {
        let mut v = json!(28.6);
        decimals_as_strings(&mut v);
        assert_eq!(v, json!("28.6"));
        let mut v = json!({"amount": 0.125, "unit": "t"});
        decimals_as_strings(&mut v);
        assert_eq!(v, json!({"amount": "0.125", "unit": "t"}));
        let mut v = json!({"min": 3, "max": 3.5});
        decimals_as_strings(&mut v);
        assert_eq!(v, json!({"min": 3, "max": "3.5"}));
        let mut v = json!(0.0000001);
        decimals_as_strings(&mut v);
        assert_eq!(v, json!("0.0000001"));
        let mut v = json!(12345678901234567u64);
        decimals_as_strings(&mut v);
        assert_eq!(v, json!(12345678901234567u64));
        let mut v = json!("2015-04-07");
        decimals_as_strings(&mut v);
        assert_eq!(v, json!("2015-04-07"));
    }
}
