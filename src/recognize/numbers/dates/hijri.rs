//! Hijri dates: the value of a date written in the Hijri calendar
//! (`15 رمضان 1436 هـ`, `سنة 1436 هـ`) and its Gregorian equivalent.
//!
//! The value is an object `{"hijri": "1436-09-15", "gregorian": "2015-07-02"}`
//! (see `rules/numbers/README.md`, decision 18): the Hijri date as written,
//! with the Gregorian day, interval of days (a month) or of years (a year)
//! that it covers. The Gregorian side uses the arithmetic (tabular) Islamic
//! calendar with the civil epoch (1 Muharram 1 AH = 16 July 622 Julian);
//! a date fixed by moon sighting or Umm al-Qura may differ by a day or two.

use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};

/// Days from the Common Era of 1 Muharram 1 AH minus one (the epoch of the
/// arithmetic calendar, 16 July 622 Julian = 19 July 622 proleptic
/// Gregorian).
const EPOCH_DAYS_FROM_CE: i64 = 227_014;

/// The Gregorian date of a Hijri date by the arithmetic calendar.
pub(crate) fn to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if year < 1 || !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    let (y, m, d) = (year as i64, month as i64, day as i64);
    // Days before this year (30-year cycle with 11 leap years), before this
    // month (months alternate 30 and 29 days), then the day.
    let days = (y - 1) * 354 + (3 + 11 * y) / 30 + (295 * (m - 1) + 9) / 10 + d;
    NaiveDate::from_num_days_from_ce_opt((EPOCH_DAYS_FROM_CE + days) as i32)
}

/// The last day of a Hijri month (the day before the next month's first).
fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    to_gregorian(ny, nm, 1)?.pred_opt()
}

/// The value of a Hijri date: a day, a month (`day` none) or a year
/// (`month` none).
pub(crate) fn value(year: i32, month: Option<u32>, day: Option<u32>) -> Value {
    let fmt = super::iso_day;
    match (month, day) {
        (Some(m), Some(d)) => match to_gregorian(year, m, d) {
            Some(g) => json!({"hijri": format!("{year:04}-{m:02}-{d:02}"), "gregorian": fmt(g)}),
            None => Value::Null,
        },
        (Some(m), None) => match (to_gregorian(year, m, 1), month_end(year, m)) {
            (Some(a), Some(b)) => json!({
                "hijri": format!("{year:04}-{m:02}"),
                "gregorian": format!("{}/{}", fmt(a), fmt(b)),
            }),
            _ => Value::Null,
        },
        _ => match (to_gregorian(year, 1, 1), month_end(year, 12)) {
            (Some(a), Some(b)) => {
                let g = if a.year() == b.year() {
                    super::year4(a.year())
                } else {
                    format!("{:04}/{:04}", a.year(), b.year())
                };
                json!({"hijri": format!("{year:04}"), "gregorian": g})
            }
            _ => Value::Null,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_calendar_matches_known_dates() {
        // 1 Muharram 1 AH = 19 July 622 (proleptic Gregorian).
        assert_eq!(to_gregorian(1, 1, 1), NaiveDate::from_ymd_opt(622, 7, 19));
        // 1 Ramadan 1436 = 18 June 2015; 1 Muharram 1437 = 15 October 2015.
        assert_eq!(
            to_gregorian(1436, 9, 1),
            NaiveDate::from_ymd_opt(2015, 6, 18)
        );
        assert_eq!(
            to_gregorian(1437, 1, 1),
            NaiveDate::from_ymd_opt(2015, 10, 15)
        );
        // 1 Shawwal 1445 = 10 April 2024; Ramadan has 30 days in this calendar.
        assert_eq!(
            to_gregorian(1445, 10, 1),
            NaiveDate::from_ymd_opt(2024, 4, 10)
        );
        assert_eq!(to_gregorian(1436, 13, 1), None);
        // Pairs printed side by side in the corpus datelines (SPA, WAM, KUNA).
        for ((y, m, d), (gy, gm, gd)) in [
            ((1446, 5, 9), (2024, 11, 11)),
            ((1445, 9, 15), (2024, 3, 25)),
            ((1445, 10, 19), (2024, 4, 28)),
        ] {
            assert_eq!(
                to_gregorian(y, m, d),
                NaiveDate::from_ymd_opt(gy, gm, gd),
                "{y}-{m}-{d}"
            );
        }
    }

    #[test]
    fn values_of_a_day_a_month_and_a_year() {
        assert_eq!(
            value(1436, Some(9), Some(15)),
            json!({"hijri": "1436-09-15", "gregorian": "2015-07-02"})
        );
        assert_eq!(
            value(1436, Some(9), None),
            json!({"hijri": "1436-09", "gregorian": "2015-06-18/2015-07-17"})
        );
        assert_eq!(
            value(1436, None, None),
            json!({"hijri": "1436", "gregorian": "2014/2015"})
        );
    }
}
