//! Reading `rules/numbers/*.csv` into the [`Lexicon`]'s tables: one typed
//! row struct per file, read by the generic loader
//! ([`CsvTable::rows`](crate::rules::CsvTable::rows)), then checked (ISO
//! codes, month and day ranges, known units) with errors that name the file
//! and line. Building the token index over the filled tables is
//! [`super::index`]'s job.

use serde::{Deserialize, Deserializer};

use super::super::function_words::FunctionWords;
use super::{
    adjective_stem, entry_keys, Currency, DayPart, HashSet, Lexicon, ModEntry, Month, Period,
    Relative, TimeUnit, Unit,
};
use crate::error::{Error, Result};
use crate::mention::Modifier;
use crate::rules::{CsvTable, Located, RuleFiles};

/// A yes/no cell (`yes`, `no`, `1`, `0`, `true`, `false`; empty is no).
fn yes_no<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    let s = String::deserialize(d)?;
    match s.trim() {
        "yes" | "1" | "true" => Ok(true),
        "no" | "0" | "false" | "" => Ok(false),
        other => Err(serde::de::Error::custom(format!(
            "must be yes or no, not `{other}`"
        ))),
    }
}

/// The rows of one numbers file, read by the typed loader.
fn rows<'r, T: serde::de::DeserializeOwned>(
    rules: &'r RuleFiles,
    file: &str,
) -> Result<(CsvTable<'r>, Vec<Located<T>>)> {
    let table = rules.csv(file)?;
    let rows = table.rows()?;
    Ok((table, rows))
}

/// An error at a row of a table.
fn at(table: &CsvTable, line: usize, message: impl Into<String>) -> Error {
    Error::rule(&table.file, line, message)
}

/// A required cell that must not be empty.
fn nonempty<'v>(table: &CsvTable, line: usize, value: &'v str, what: &str) -> Result<&'v str> {
    if value.is_empty() {
        return Err(at(table, line, format!("empty {what}")));
    }
    Ok(value)
}

/// A value column that this row's kind needs.
fn needed(table: &CsvTable, line: usize, value: Option<f64>, what: &str) -> Result<f64> {
    value.ok_or_else(|| at(table, line, format!("empty {what}")))
}

/// Whether `code` looks like an ISO 4217 code (three capital letters).
fn is_iso_4217(code: &str) -> bool {
    code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase())
}

/// `number_words.csv`: a number word and what it is.
#[derive(Deserialize)]
struct NumberWordRow {
    word: String,
    #[serde(default)]
    value: Option<f64>,
    kind: NumberWordKind,
}

/// The `kind` column of `number_words.csv`.
#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum NumberWordKind {
    Zero,
    Unit,
    TeenHead,
    Ten,
    Teen,
    Tens,
    Hundred,
    Scale,
    ScaleDual,
    Vague,
    Few,
    Fraction,
    FractionDual,
    FractionPlural,
    Point,
}

/// `ordinals.csv`: an ordinal word, its value, and whether it stands alone.
#[derive(Deserialize)]
struct OrdinalRow {
    word: String,
    value: f64,
    #[serde(rename = "use")]
    usage: OrdinalUse,
}

/// The `use` column of `ordinals.csv`.
#[derive(Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum OrdinalUse {
    Any,
    Compound,
}

/// `modifiers.csv`: a span modifier phrase (`نحو`, `أكثر من`, `فقط`).
#[derive(Deserialize)]
struct ModifierRow {
    phrase: String,
    modifier: String,
    position: Position,
}

/// Where a modifier stands: before or after the amount.
#[derive(Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Position {
    Pre,
    Post,
}

/// `currencies.csv`: a currency name, its base word, ISO code and factor.
#[derive(Deserialize)]
struct CurrencyRow {
    name: String,
    base: String,
    #[serde(default)]
    code: String,
    factor: f64,
}

/// `currency_countries.csv`: the code of an ambiguous base word by
/// adjective or by country.
#[derive(Deserialize)]
struct CurrencyCountryRow {
    base: String,
    #[serde(default)]
    adjective: String,
    #[serde(default)]
    country: String,
    code: String,
}

/// `dateline_places.csv`: a dateline place and its country.
#[derive(Deserialize)]
struct DatelinePlaceRow {
    place: String,
    country: String,
}

/// `date_orders.csv`: the order of an ambiguous numeric date by country.
#[derive(Deserialize)]
struct DateOrderRow {
    country: String,
    order: String,
}

/// `units.csv`: a unit name.
#[derive(Deserialize)]
struct UnitRow {
    name: String,
    unit: String,
    #[serde(deserialize_with = "yes_no")]
    dual: bool,
    #[serde(deserialize_with = "yes_no")]
    bare: bool,
}

/// `months.csv`: a month name.
#[derive(Deserialize)]
struct MonthRow {
    name: String,
    month: u32,
    calendar: Calendar,
    #[serde(deserialize_with = "yes_no")]
    bare: bool,
}

/// The `calendar` column of `months.csv`.
#[derive(Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Calendar {
    Gregorian,
    Hijri,
}

/// `weekdays.csv`: a weekday name and its ISO day number.
#[derive(Deserialize)]
struct WeekdayRow {
    name: String,
    day: u32,
}

/// `time_units.csv`: a duration word.
#[derive(Deserialize)]
struct TimeUnitRow {
    name: String,
    unit: String,
    count: u32,
    #[serde(deserialize_with = "yes_no")]
    bare: bool,
}

/// `relative.csv`: a relative-date phrase.
#[derive(Deserialize)]
struct RelativeRow {
    phrase: String,
    kind: String,
    #[serde(default)]
    value: String,
}

/// `dayparts.csv`: a part of the day.
#[derive(Deserialize)]
struct DayPartRow {
    name: String,
    part: String,
    shift: String,
}

/// `date_modifiers.csv`: a word that narrows a date (`أوائل`, `منتصف`).
#[derive(Deserialize)]
struct DateModifierRow {
    word: String,
    position: String,
}

/// `periods.csv`: a season, quarter or half.
#[derive(Deserialize)]
struct PeriodRow {
    word: String,
    kind: String,
    #[serde(default)]
    value: String,
}

/// `holidays.csv`: a holiday, with its fixed month and day when it has one.
#[derive(Deserialize)]
struct HolidayRow {
    name: String,
    #[serde(default)]
    month: Option<u32>,
    #[serde(default)]
    day: Option<u32>,
}

/// `percent.csv`: a percent word or sign after an amount.
#[derive(Deserialize)]
struct PercentRow {
    phrase: String,
}

impl Lexicon {
    /// Read every numeric table; the token index is built after.
    pub(super) fn load_tables(&mut self, rules: &RuleFiles, fw: &FunctionWords) -> Result<()> {
        self.load_number_words(rules)?;
        self.load_ordinals(rules)?;
        self.load_modifiers(rules)?;
        self.load_currencies(rules, fw)?;
        self.load_places(rules)?;
        self.load_units(rules)?;
        self.load_calendar_words(rules, fw)?;
        self.load_periods(rules)?;
        let (t, percent) = rows::<PercentRow>(rules, "numbers/percent.csv")?;
        for r in percent {
            if !self.percent.insert(&r.value.phrase, ()) {
                return Err(at(&t, r.line, "empty phrase"));
            }
        }
        Ok(())
    }

    fn load_number_words(&mut self, rules: &RuleFiles) -> Result<()> {
        let (t, words) = rows::<NumberWordRow>(rules, "numbers/number_words.csv")?;
        for Located { line, value: r } in words {
            let word = nonempty(&t, line, &r.word, "word")?;
            let keys = entry_keys(word);
            if keys.len() != 1 {
                return Err(at(&t, line, format!("`{word}` must be one word")));
            }
            let value = || needed(&t, line, r.value, "value");
            let info = self.words.entry(keys[0].clone()).or_default();
            match r.kind {
                NumberWordKind::Zero => info.zero = true,
                NumberWordKind::Unit => info.unit = Some(value()?),
                NumberWordKind::TeenHead => info.teen_head = Some(value()?),
                NumberWordKind::Ten => info.ten = true,
                NumberWordKind::Teen => info.teen = Some(value()?),
                NumberWordKind::Tens => info.tens = Some(value()?),
                NumberWordKind::Hundred => info.hundred = Some(value()?),
                NumberWordKind::Scale => info.scale = Some(value()?),
                NumberWordKind::ScaleDual => info.scale_dual = Some(value()?),
                NumberWordKind::Vague => {
                    info.vague = true;
                    info.vague_unit = r.value;
                }
                NumberWordKind::Few => info.few = true,
                NumberWordKind::Fraction => info.fraction = Some(value()?),
                NumberWordKind::FractionDual => info.fraction_dual = Some(value()?),
                NumberWordKind::FractionPlural => info.fraction_plural = Some(value()?),
                NumberWordKind::Point => info.point = true,
            }
        }
        Ok(())
    }

    fn load_ordinals(&mut self, rules: &RuleFiles) -> Result<()> {
        let (t, ordinals) = rows::<OrdinalRow>(rules, "numbers/ordinals.csv")?;
        for Located { line, value: r } in ordinals {
            let word = nonempty(&t, line, &r.word, "word")?;
            self.ordinals.insert(
                crate::text::key(word),
                (r.value, r.usage == OrdinalUse::Any),
            );
        }
        Ok(())
    }

    fn load_modifiers(&mut self, rules: &RuleFiles) -> Result<()> {
        let (t, modifiers) = rows::<ModifierRow>(rules, "numbers/modifiers.csv")?;
        for Located { line, value: r } in modifiers {
            let phrase = nonempty(&t, line, &r.phrase, "phrase")?;
            let modifier: Modifier = r
                .modifier
                .parse()
                .map_err(|e| at(&t, line, format!("{e}")))?;
            let post = r.position == Position::Post;
            if self.modifiers.insert(phrase, ModEntry { modifier, post }) {
                // Its shape, for the index's modifier flags.
                let mut keys = entry_keys(phrase).into_iter();
                match (keys.next(), keys.next()) {
                    (Some(only), None) => self.modifier_shapes.0.push(only),
                    (Some(_), Some(second)) => self.modifier_shapes.1.push(second),
                    _ => {}
                }
            }
        }
        Ok(())
    }

    fn load_currencies(&mut self, rules: &RuleFiles, fw: &FunctionWords) -> Result<()> {
        let (t, currencies) = rows::<CurrencyRow>(rules, "numbers/currencies.csv")?;
        let mut codes = HashSet::default();
        for Located { line, value: r } in currencies {
            let name = nonempty(&t, line, &r.name, "name")?;
            let base = crate::text::key(nonempty(&t, line, &r.base, "base")?);
            if !(r.code.is_empty() || is_iso_4217(&r.code)) {
                return Err(at(
                    &t,
                    line,
                    format!("`{}` is not an ISO 4217 code", r.code),
                ));
            }
            let code = (!r.code.is_empty()).then(|| r.code.clone());
            if let Some(c) = &code {
                codes.insert(c.clone());
            }
            let factor = r.factor;
            self.currencies
                .insert(name, Currency { base, code, factor });
        }

        let (t, by_country) = rows::<CurrencyCountryRow>(rules, "numbers/currency_countries.csv")?;
        for Located { line, value: r } in by_country {
            let base = crate::text::key(nonempty(&t, line, &r.base, "base")?);
            let code = nonempty(&t, line, &r.code, "code")?.to_string();
            if !is_iso_4217(&code) {
                return Err(at(&t, line, format!("`{code}` is not an ISO 4217 code")));
            }
            codes.insert(code.clone());
            if !r.adjective.is_empty() {
                let k = crate::text::key(&r.adjective);
                self.currency_adj.insert(
                    (base.clone(), adjective_stem(fw, &k).to_string()),
                    code.clone(),
                );
            }
            match r.country.as_str() {
                "*" => {
                    if r.adjective.is_empty() {
                        self.currency_default.insert(base.clone(), code.clone());
                    }
                }
                "" => return Err(at(&t, line, "empty country (use * for the default)")),
                c => {
                    self.currency_country
                        .entry((base.clone(), c.to_string()))
                        .or_insert(code.clone());
                }
            }
        }
        for code in codes {
            self.currencies.insert(
                &code,
                Currency {
                    base: code.clone(),
                    code: Some(code.clone()),
                    factor: 1.0,
                },
            );
        }
        Ok(())
    }

    fn load_places(&mut self, rules: &RuleFiles) -> Result<()> {
        let (t, places) = rows::<DatelinePlaceRow>(rules, "numbers/dateline_places.csv")?;
        for Located { line, value: r } in places {
            let place = nonempty(&t, line, &r.place, "place")?;
            let country = nonempty(&t, line, &r.country, "country")?;
            self.dateline_places.insert(place, country.to_string());
        }
        let (t, orders) = rows::<DateOrderRow>(rules, "numbers/date_orders.csv")?;
        for Located { line, value: r } in orders {
            let country = nonempty(&t, line, &r.country, "country")?;
            if !matches!(r.order.as_str(), "dmy" | "mdy") {
                let why = format!("order must be dmy or mdy, not `{}`", r.order);
                return Err(at(&t, line, why));
            }
            self.date_orders.insert(country.to_string(), r.order);
        }
        Ok(())
    }

    fn load_units(&mut self, rules: &RuleFiles) -> Result<()> {
        let (t, units) = rows::<UnitRow>(rules, "numbers/units.csv")?;
        for Located { line, value: r } in units {
            let name = nonempty(&t, line, &r.name, "name")?;
            let unit = nonempty(&t, line, &r.unit, "unit")?.to_string();
            let (dual, bare) = (r.dual, r.bare);
            self.units.insert(name, Unit { unit, dual, bare });
        }
        let (t, time_units) = rows::<TimeUnitRow>(rules, "numbers/time_units.csv")?;
        for Located { line, value: r } in time_units {
            let name = nonempty(&t, line, &r.name, "name")?;
            let unit = nonempty(&t, line, &r.unit, "unit")?.to_string();
            if !matches!(
                unit.as_str(),
                "Y" | "M" | "W" | "D" | "H" | "MIN" | "S" | "DE" | "CE"
            ) {
                return Err(at(&t, line, format!("unknown time unit `{unit}`")));
            }
            let (count, bare) = (r.count, r.bare);
            self.time_units
                .insert(crate::text::key(name), TimeUnit { unit, count, bare });
        }
        Ok(())
    }

    /// Months, weekdays, relative dates, parts of the day, date modifiers
    /// and holidays.
    fn load_calendar_words(&mut self, rules: &RuleFiles, fw: &FunctionWords) -> Result<()> {
        let (t, months) = rows::<MonthRow>(rules, "numbers/months.csv")?;
        for Located { line, value: r } in months {
            let name = nonempty(&t, line, &r.name, "name")?;
            if !(1..=12).contains(&r.month) {
                return Err(at(&t, line, "month must be 1..12"));
            }
            let hijri = r.calendar == Calendar::Hijri;
            let (month, bare) = (r.month, r.bare);
            self.months.insert(name, Month { month, hijri, bare });
        }

        let (t, weekdays) = rows::<WeekdayRow>(rules, "numbers/weekdays.csv")?;
        for Located { line, value: r } in weekdays {
            let name = nonempty(&t, line, &r.name, "name")?;
            if !(1..=7).contains(&r.day) {
                return Err(at(&t, line, "day must be 1..7"));
            }
            let k = crate::text::key(name);
            let bare = fw.strip_article(&k).unwrap_or(&k).to_string();
            self.weekdays.insert(k, r.day);
            self.weekdays.entry(bare).or_insert(r.day);
        }

        let (t, relative) = rows::<RelativeRow>(rules, "numbers/relative.csv")?;
        for Located { line, value: r } in relative {
            let phrase = nonempty(&t, line, &r.phrase, "phrase")?;
            let v = r.value.as_str();
            let int = || {
                v.parse::<i64>()
                    .map_err(|_| at(&t, line, format!("value `{v}` is not an integer")))
            };
            let rel = match r.kind.as_str() {
                "day" => Relative::Day(int()?),
                "grain" => {
                    if !matches!(v, "day" | "week" | "month" | "year") {
                        return Err(at(&t, line, format!("unknown grain `{v}`")));
                    }
                    Relative::Grain(v.to_string())
                }
                "adj" => Relative::Adj(int()?),
                "this" => Relative::This,
                "vague_grain" => Relative::VagueGrain,
                "vague_adj" => Relative::VagueAdj,
                o => return Err(at(&t, line, format!("unknown kind `{o}`"))),
            };
            self.relative.insert(phrase, rel);
        }

        let (t, dayparts) = rows::<DayPartRow>(rules, "numbers/dayparts.csv")?;
        for Located { line, value: r } in dayparts {
            let name = nonempty(&t, line, &r.name, "name")?;
            let part = nonempty(&t, line, &r.part, "part")?.to_string();
            if !matches!(
                r.shift.as_str(),
                "am" | "pm" | "noon" | "night" | "midnight" | "midday"
            ) {
                return Err(at(&t, line, format!("unknown shift `{}`", r.shift)));
            }
            let shift = r.shift;
            self.dayparts.insert(name, DayPart { part, shift });
        }

        let (t, date_mods) = rows::<DateModifierRow>(rules, "numbers/date_modifiers.csv")?;
        for Located { line, value: r } in date_mods {
            let word = nonempty(&t, line, &r.word, "word")?;
            self.date_mods.insert(crate::text::key(word), r.position);
        }

        let (t, holidays) = rows::<HolidayRow>(rules, "numbers/holidays.csv")?;
        for Located { line, value: r } in holidays {
            let name = nonempty(&t, line, &r.name, "name")?;
            let fixed = match (r.month, r.day) {
                (None, None) => None,
                (Some(m), Some(d)) if chrono::NaiveDate::from_ymd_opt(2000, m, d).is_some() => {
                    Some((m, d))
                }
                (m, d) => {
                    let why = format!("month {m:?} and day {d:?} are not a date");
                    return Err(at(&t, line, why));
                }
            };
            self.holidays.insert(name, fixed);
        }
        Ok(())
    }

    fn load_periods(&mut self, rules: &RuleFiles) -> Result<()> {
        let (t, periods) = rows::<PeriodRow>(rules, "numbers/periods.csv")?;
        for Located { line, value: r } in periods {
            let word = nonempty(&t, line, &r.word, "word")?;
            if !matches!(r.kind.as_str(), "season" | "quarter" | "half") {
                return Err(at(&t, line, format!("unknown kind `{}`", r.kind)));
            }
            let (kind, value) = (r.kind, r.value);
            self.periods
                .insert(crate::text::key(word), Period { kind, value });
        }
        Ok(())
    }
}
