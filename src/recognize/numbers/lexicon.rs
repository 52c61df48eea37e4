//! The numeric lexicons, read once from `rules/numbers/*.csv` and compiled
//! into hash tables on token keys. Multi-word entries (`في المائة`,
//! `كانون الثاني`, `ريال سعودي`) are split with the document tokenizer, so an
//! entry matches exactly the tokens a document produces.

#![allow(
    clippy::collapsible_if,
    clippy::collapsible_match,
    clippy::collapsible_else_if
)]

use std::collections::HashMap as StdMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast non-cryptographic hasher for short token keys (FxHash).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
        self.0 = h;
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map with the fast hasher.
pub type HashMap<K, V> = StdMap<K, V, BuildHasherDefault<FxHasher>>;
/// A hash set with the fast hasher.
pub type HashSet<K> = std::collections::HashSet<K, BuildHasherDefault<FxHasher>>;

use crate::error::Result;
use crate::mention::Modifier;
use crate::rules::{CsvRow, CsvTable, RuleFiles};
use crate::text::{scan, Analysis, TokenKind};

/// Token keys of a lexicon entry, as the tokenizer produces them.
pub fn entry_keys(entry: &str) -> Vec<String> {
    let a = scan(entry);
    (0..a.len()).map(|i| a.key(i).to_string()).collect()
}

/// A table of (possibly multi-token) phrases with a payload, matched at a
/// token position, longest first.
#[derive(Debug, Clone)]
pub struct PhraseTable<T> {
    by_first: HashMap<String, Vec<(Vec<String>, T)>>,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        PhraseTable {
            by_first: HashMap::default(),
        }
    }
}

/// A phrase match: payload, first token after the phrase, start offset.
pub struct PhraseMatch<'p, T> {
    pub value: &'p T,
    pub end_tok: usize,
    pub start: usize,
}

impl<T> PhraseTable<T> {
    /// Add an entry; returns false when it has no tokens.
    pub fn insert(&mut self, entry: &str, value: T) -> bool {
        let keys = entry_keys(entry);
        let Some(first) = keys.first().cloned() else {
            return false;
        };
        let rest = keys[1..].to_vec();
        let list = self.by_first.entry(first).or_default();
        list.push((rest, value));
        list.sort_by_key(|(r, _)| std::cmp::Reverse(r.len()));
        true
    }

    /// Whether some phrase starts with this key.
    pub fn starts(&self, key: &str) -> bool {
        self.by_first.contains_key(key)
    }

    /// First keys (for the fast starter set).
    pub fn first_keys(&self) -> impl Iterator<Item = &String> {
        self.by_first.keys()
    }

    /// Longest phrase whose first token key is `first` and whose remaining
    /// tokens follow token `i`.
    pub fn match_rest<'p>(
        &'p self,
        a: &Analysis<'_>,
        first: &str,
        i: usize,
        start: usize,
    ) -> Option<PhraseMatch<'p, T>> {
        let list = self.by_first.get(first)?;
        'entries: for (rest, value) in list {
            if i + rest.len() > a.len() {
                continue;
            }
            for (k, key) in rest.iter().enumerate() {
                if i + 1 + k >= a.len() || a.key(i + 1 + k) != key {
                    continue 'entries;
                }
            }
            return Some(PhraseMatch {
                value,
                end_tok: i + 1 + rest.len(),
                start,
            });
        }
        None
    }

    /// Longest phrase at token `i`, the token taken whole.
    pub fn at<'p>(&'p self, a: &Analysis<'_>, i: usize) -> Option<PhraseMatch<'p, T>> {
        if i >= a.len() {
            return None;
        }
        self.match_rest(a, a.key(i), i, a.tokens()[i].start)
    }

    /// Longest phrase at token `i`, the token taken whole or after its
    /// proclitics (the span then starts after them).
    pub fn at_clitic<'p>(&'p self, a: &Analysis<'_>, i: usize) -> Option<PhraseMatch<'p, T>> {
        if let Some(m) = self.at(a, i) {
            return Some(m);
        }
        if i >= a.len() || a.tokens()[i].kind != TokenKind::Word {
            return None;
        }
        for (chars, stem) in stems(a.key(i)) {
            if let Some(m) = self.match_rest(a, &stem, i, a.orig_offset(i, chars)) {
                return Some(m);
            }
        }
        None
    }
}

/// Candidate (prefix chars, stem key) splits of a word after proclitics,
/// shortest proclitic first, with the article restored after ل (`للعام` →
/// `العام`). Cheap: allocates only for the restored article.
pub fn stems(key: &str) -> Stems<'_> {
    let mut out = Stems {
        items: [None, None, None, None],
        pos: 0,
    };
    let mut n = 0;
    let mut rest = key;
    let mut chars = 0;
    for _ in 0..2 {
        let Some(c) = rest.chars().next() else { break };
        if !matches!(c, 'و' | 'ف' | 'ب' | 'ك' | 'ل') {
            break;
        }
        // A second proclitic only after و or ف.
        if chars == 1 && !key.starts_with(['و', 'ف']) {
            break;
        }
        rest = &rest[c.len_utf8()..];
        chars += 1;
        if rest.chars().nth(1).is_none() {
            break;
        }
        out.items[n] = Some((chars, std::borrow::Cow::Borrowed(rest)));
        n += 1;
        if c == 'ل' && rest.starts_with('ل') {
            out.items[n] = Some((chars, std::borrow::Cow::Owned(format!("ا{rest}"))));
            n += 1;
        }
    }
    out
}

/// The stems of a word (see [`stems`]), without heap allocation.
pub struct Stems<'a> {
    items: [Option<(usize, std::borrow::Cow<'a, str>)>; 4],
    pos: usize,
}

impl<'a> Iterator for Stems<'a> {
    type Item = (usize, std::borrow::Cow<'a, str>);
    fn next(&mut self) -> Option<Self::Item> {
        while self.pos < 4 {
            let x = self.items[self.pos].take();
            self.pos += 1;
            if x.is_some() {
                return x;
            }
        }
        None
    }
}

/// What a single number word can be (a word can be several things: خمس is
/// five and a fifth; ملايين is a scale and a vague amount).
#[derive(Debug, Clone, Default)]
pub struct WordInfo {
    pub zero: bool,
    pub unit: Option<f64>,
    pub teen_head: Option<f64>,
    pub ten: bool,
    pub teen: Option<f64>,
    pub tens: Option<f64>,
    pub hundred: Option<f64>,
    pub scale: Option<f64>,
    pub scale_dual: Option<f64>,
    pub vague: bool,
    pub few: bool,
    pub fraction: Option<f64>,
    pub fraction_dual: Option<f64>,
    pub fraction_plural: Option<f64>,
    pub point: bool,
}

/// Bitmap index of a key's first two characters (low bytes of the code
/// points; collisions only cost a hash lookup).
#[inline]
fn prefix_index(c1: char, c2: Option<char>) -> usize {
    let b1 = (c1 as u32 & 0xFF) as usize;
    let b2 = c2.map_or(0, |c| (c as u32 & 0xFF) as usize);
    b1 * 256 + b2
}

/// Token flag: the token can start some numeric expression.
pub const START: u8 = 1;
/// Token flag: the token can start an amount.
pub const NUM: u8 = 2;
/// Token flag: the token can start a date or a time.
pub const DATE: u8 = 4;
/// Token flag: the token can be a unit, time unit or currency word.
pub const UNIT: u8 = 8;
/// Token flag: the token can start an ordinal.
pub const ORD: u8 = 16;
/// Token flag: the token can start a modifier phrase.
pub const MOD: u8 = 32;

/// A currency lexicon entry.
#[derive(Debug, Clone)]
pub struct Currency {
    pub base: String,
    pub code: Option<String>,
    pub factor: f64,
}

/// A unit lexicon entry.
#[derive(Debug, Clone)]
pub struct Unit {
    pub unit: String,
    pub dual: bool,
    pub bare: bool,
}

/// A month name.
#[derive(Debug, Clone, Copy)]
pub struct Month {
    pub month: u32,
    pub hijri: bool,
    pub bare: bool,
}

/// A time unit (duration designator).
#[derive(Debug, Clone)]
pub struct TimeUnit {
    pub unit: String,
    pub count: u32,
    pub bare: bool,
}

/// A relative-date word.
#[derive(Debug, Clone)]
pub enum Relative {
    Day(i64),
    Grain(String),
    Adj(i64),
    This,
    VagueGrain,
    VagueAdj,
}

/// A part of the day.
#[derive(Debug, Clone)]
pub struct DayPart {
    pub part: String,
    pub shift: String,
}

/// A period word (season, quarter, half).
#[derive(Debug, Clone)]
pub struct Period {
    pub kind: String,
    pub value: String,
}

/// A span modifier.
#[derive(Debug, Clone, Copy)]
pub struct ModEntry {
    pub modifier: Modifier,
    pub post: bool,
}

/// All numeric lexicons.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub words: HashMap<String, WordInfo>,
    /// Ordinal words: key → (value, usable alone).
    pub ordinals: HashMap<String, (f64, bool)>,
    pub modifiers: PhraseTable<ModEntry>,
    pub currencies: PhraseTable<Currency>,
    /// (base, adjective stem) → code.
    pub currency_adj: HashMap<(String, String), String>,
    /// (base, country) → code.
    pub currency_country: HashMap<(String, String), String>,
    /// base → default code.
    pub currency_default: HashMap<String, String>,
    pub dateline_places: PhraseTable<String>,
    pub units: PhraseTable<Unit>,
    pub months: PhraseTable<Month>,
    pub weekdays: HashMap<String, u32>,
    pub time_units: HashMap<String, TimeUnit>,
    pub relative: PhraseTable<Relative>,
    pub dayparts: PhraseTable<DayPart>,
    pub date_mods: HashMap<String, String>,
    pub periods: HashMap<String, Period>,
    /// Holidays: name → fixed (month, day), or `None` for movable ones.
    pub holidays: PhraseTable<Option<(u32, u32)>>,
    /// Keys that can start a numeric expression (fast skip).
    pub starters: HashSet<String>,
    /// Keys that can start an amount (number words, sign words).
    pub num_starters: HashSet<String>,
    /// Keys that can start a date or a time.
    pub date_starters: HashSet<String>,
    /// Every key of the three sets above with its bits (START NUM DATE).
    pub flags: HashMap<String, u8>,
    /// Bitmap of the first two letters of every key in `flags`.
    pub prefixes: Vec<u64>,
}

fn parse_f64(t: &CsvTable, row: &CsvRow, s: &str, what: &str) -> Result<f64> {
    s.parse::<f64>()
        .map_err(|_| t.error(row, format!("{what} `{s}` is not a number")))
}

fn nonempty<'r>(t: &CsvTable, row: &'r CsvRow, col: usize, what: &str) -> Result<&'r str> {
    let v = row.get(col);
    if v.is_empty() {
        return Err(t.error(row, format!("empty {what}")));
    }
    Ok(v)
}

fn yes_no(t: &CsvTable, row: &CsvRow, s: &str, what: &str) -> Result<bool> {
    match s {
        "yes" | "1" | "true" => Ok(true),
        "no" | "0" | "false" | "" => Ok(false),
        _ => Err(t.error(row, format!("{what} must be yes or no, not `{s}`"))),
    }
}

/// Adjective stem for currency lookups: key without the article and a final ه.
pub fn adjective_stem(key: &str) -> &str {
    let k = key.strip_prefix("ال").unwrap_or(key);
    let k = k.strip_suffix('ا').unwrap_or(k);
    let k = k.strip_suffix('ه').unwrap_or(k);
    k
}

impl Lexicon {
    /// Load every numeric rule file.
    pub fn load(rules: &RuleFiles) -> Result<Self> {
        let mut lx = Lexicon::default();

        let t = rules.csv("numbers/number_words.csv")?;
        let (cw, cv, ck) = (t.column("word")?, t.column("value")?, t.column("kind")?);
        for row in &t.rows {
            let word = nonempty(&t, row, cw, "word")?;
            let keys = entry_keys(word);
            if keys.len() != 1 {
                return Err(t.error(row, format!("`{word}` must be one word")));
            }
            let kind = row.get(ck);
            let value = || parse_f64(&t, row, row.get(cv), "value");
            let info = lx.words.entry(keys[0].clone()).or_default();
            match kind {
                "zero" => info.zero = true,
                "unit" => info.unit = Some(value()?),
                "teen_head" => info.teen_head = Some(value()?),
                "ten" => info.ten = true,
                "teen" => info.teen = Some(value()?),
                "tens" => info.tens = Some(value()?),
                "hundred" => info.hundred = Some(value()?),
                "scale" => info.scale = Some(value()?),
                "scale_dual" => info.scale_dual = Some(value()?),
                "vague" => {
                    if matches!(keys[0].as_str(), "بضع" | "بضعه" | "عده" | "نيف") {
                        info.few = true;
                    } else {
                        info.vague = true;
                    }
                }
                "fraction" => info.fraction = Some(value()?),
                "fraction_dual" => info.fraction_dual = Some(value()?),
                "fraction_plural" => info.fraction_plural = Some(value()?),
                "point" => info.point = true,
                other => return Err(t.error(row, format!("unknown kind `{other}`"))),
            }
        }

        let t = rules.csv("numbers/ordinals.csv")?;
        let (cw, cv, cu) = (t.column("word")?, t.column("value")?, t.column("use")?);
        for row in &t.rows {
            let word = nonempty(&t, row, cw, "word")?;
            let v = parse_f64(&t, row, row.get(cv), "value")?;
            let any = match row.get(cu) {
                "any" => true,
                "compound" => false,
                o => return Err(t.error(row, format!("use must be any or compound, not `{o}`"))),
            };
            lx.ordinals.insert(crate::text::key(word), (v, any));
        }

        let t = rules.csv("numbers/modifiers.csv")?;
        let (cp, cm, cpos) = (
            t.column("phrase")?,
            t.column("modifier")?,
            t.column("position")?,
        );
        for row in &t.rows {
            let phrase = nonempty(&t, row, cp, "phrase")?;
            let modifier: Modifier = row
                .get(cm)
                .parse()
                .map_err(|e| t.error(row, format!("{e}")))?;
            let post = match row.get(cpos) {
                "pre" => false,
                "post" => true,
                o => return Err(t.error(row, format!("position must be pre or post, not `{o}`"))),
            };
            lx.modifiers.insert(phrase, ModEntry { modifier, post });
        }

        let t = rules.csv("numbers/currencies.csv")?;
        let (cn, cb, cc, cf) = (
            t.column("name")?,
            t.column("base")?,
            t.column("code")?,
            t.column("factor")?,
        );
        let mut codes = HashSet::default();
        for row in &t.rows {
            let name = nonempty(&t, row, cn, "name")?;
            let base = crate::text::key(nonempty(&t, row, cb, "base")?);
            let code = row.get(cc);
            if !(code.is_empty() || code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()))
            {
                return Err(t.error(row, format!("`{code}` is not an ISO 4217 code")));
            }
            let factor = parse_f64(&t, row, row.get(cf), "factor")?;
            let code = (!code.is_empty()).then(|| code.to_string());
            if let Some(c) = &code {
                codes.insert(c.clone());
            }
            lx.currencies.insert(name, Currency { base, code, factor });
        }

        let t = rules.csv("numbers/currency_countries.csv")?;
        let (cb, ca, cco, cc) = (
            t.column("base")?,
            t.column("adjective")?,
            t.column("country")?,
            t.column("code")?,
        );
        for row in &t.rows {
            let base = crate::text::key(nonempty(&t, row, cb, "base")?);
            let code = nonempty(&t, row, cc, "code")?.to_string();
            if !(code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase())) {
                return Err(t.error(row, format!("`{code}` is not an ISO 4217 code")));
            }
            codes.insert(code.clone());
            let adj = row.get(ca);
            if !adj.is_empty() {
                let k = crate::text::key(adj);
                lx.currency_adj
                    .insert((base.clone(), adjective_stem(&k).to_string()), code.clone());
            }
            match row.get(cco) {
                "*" => {
                    if adj.is_empty() {
                        lx.currency_default.insert(base.clone(), code.clone());
                    }
                }
                "" => return Err(t.error(row, "empty country (use * for the default)")),
                c => {
                    lx.currency_country
                        .entry((base.clone(), c.to_string()))
                        .or_insert(code.clone());
                }
            }
        }
        for code in codes {
            lx.currencies.insert(
                &code,
                Currency {
                    base: code.clone(),
                    code: Some(code.clone()),
                    factor: 1.0,
                },
            );
        }

        let t = rules.csv("numbers/dateline_places.csv")?;
        let (cp, cc) = (t.column("place")?, t.column("country")?);
        for row in &t.rows {
            let place = nonempty(&t, row, cp, "place")?;
            let c = nonempty(&t, row, cc, "country")?;
            lx.dateline_places.insert(place, c.to_string());
        }

        let t = rules.csv("numbers/units.csv")?;
        let (cn, cu, cd, cbare) = (
            t.column("name")?,
            t.column("unit")?,
            t.column("dual")?,
            t.column("bare")?,
        );
        for row in &t.rows {
            let name = nonempty(&t, row, cn, "name")?;
            let unit = nonempty(&t, row, cu, "unit")?.to_string();
            let dual = yes_no(&t, row, row.get(cd), "dual")?;
            let bare = yes_no(&t, row, row.get(cbare), "bare")?;
            lx.units.insert(name, Unit { unit, dual, bare });
        }

        let t = rules.csv("numbers/months.csv")?;
        let (cn, cm, cc, cbare) = (
            t.column("name")?,
            t.column("month")?,
            t.column("calendar")?,
            t.column("bare")?,
        );
        for row in &t.rows {
            let name = nonempty(&t, row, cn, "name")?;
            let month = parse_f64(&t, row, row.get(cm), "month")?;
            if !(1.0..=12.0).contains(&month) || month.fract() != 0.0 {
                return Err(t.error(row, "month must be 1..12"));
            }
            let hijri = match row.get(cc) {
                "gregorian" => false,
                "hijri" => true,
                o => {
                    return Err(t.error(
                        row,
                        format!("calendar must be gregorian or hijri, not `{o}`"),
                    ))
                }
            };
            let bare = yes_no(&t, row, row.get(cbare), "bare")?;
            lx.months.insert(
                name,
                Month {
                    month: month as u32,
                    hijri,
                    bare,
                },
            );
        }

        let t = rules.csv("numbers/weekdays.csv")?;
        let (cn, cd) = (t.column("name")?, t.column("day")?);
        for row in &t.rows {
            let name = nonempty(&t, row, cn, "name")?;
            let d = parse_f64(&t, row, row.get(cd), "day")?;
            if !(1.0..=7.0).contains(&d) {
                return Err(t.error(row, "day must be 1..7"));
            }
            let k = crate::text::key(name);
            let bare = k.strip_prefix("ال").unwrap_or(&k).to_string();
            lx.weekdays.insert(k, d as u32);
            lx.weekdays.entry(bare).or_insert(d as u32);
        }

        let t = rules.csv("numbers/time_units.csv")?;
        let (cn, cu, cc, cbare) = (
            t.column("name")?,
            t.column("unit")?,
            t.column("count")?,
            t.column("bare")?,
        );
        for row in &t.rows {
            let name = nonempty(&t, row, cn, "name")?;
            let unit = nonempty(&t, row, cu, "unit")?.to_string();
            if !matches!(
                unit.as_str(),
                "Y" | "M" | "W" | "D" | "H" | "MIN" | "S" | "DE" | "CE"
            ) {
                return Err(t.error(row, format!("unknown time unit `{unit}`")));
            }
            let count = parse_f64(&t, row, row.get(cc), "count")? as u32;
            let bare = yes_no(&t, row, row.get(cbare), "bare")?;
            lx.time_units
                .insert(crate::text::key(name), TimeUnit { unit, count, bare });
        }

        let t = rules.csv("numbers/relative.csv")?;
        let (cp, ck, cv) = (t.column("phrase")?, t.column("kind")?, t.column("value")?);
        for row in &t.rows {
            let phrase = nonempty(&t, row, cp, "phrase")?;
            let v = row.get(cv);
            let int = || {
                v.parse::<i64>()
                    .map_err(|_| t.error(row, format!("value `{v}` is not an integer")))
            };
            let rel = match row.get(ck) {
                "day" => Relative::Day(int()?),
                "grain" => {
                    if !matches!(v, "day" | "week" | "month" | "year") {
                        return Err(t.error(row, format!("unknown grain `{v}`")));
                    }
                    Relative::Grain(v.to_string())
                }
                "adj" => Relative::Adj(int()?),
                "this" => Relative::This,
                "vague_grain" => Relative::VagueGrain,
                "vague_adj" => Relative::VagueAdj,
                o => return Err(t.error(row, format!("unknown kind `{o}`"))),
            };
            lx.relative.insert(phrase, rel);
        }

        let t = rules.csv("numbers/dayparts.csv")?;
        let (cn, cp, cs) = (t.column("name")?, t.column("part")?, t.column("shift")?);
        for row in &t.rows {
            let name = nonempty(&t, row, cn, "name")?;
            let part = nonempty(&t, row, cp, "part")?.to_string();
            let shift = row.get(cs).to_string();
            if !matches!(shift.as_str(), "am" | "pm" | "noon" | "night") {
                return Err(t.error(row, format!("unknown shift `{shift}`")));
            }
            lx.dayparts.insert(name, DayPart { part, shift });
        }

        let t = rules.csv("numbers/date_modifiers.csv")?;
        let (cw, cp) = (t.column("word")?, t.column("position")?);
        for row in &t.rows {
            let w = nonempty(&t, row, cw, "word")?;
            lx.date_mods
                .insert(crate::text::key(w), row.get(cp).to_string());
        }

        let t = rules.csv("numbers/periods.csv")?;
        let (cw, ck, cv) = (t.column("word")?, t.column("kind")?, t.column("value")?);
        for row in &t.rows {
            let w = nonempty(&t, row, cw, "word")?;
            let kind = row.get(ck).to_string();
            if !matches!(kind.as_str(), "season" | "quarter" | "half") {
                return Err(t.error(row, format!("unknown kind `{kind}`")));
            }
            lx.periods.insert(
                crate::text::key(w),
                Period {
                    kind,
                    value: row.get(cv).to_string(),
                },
            );
        }

        let t = rules.csv("numbers/holidays.csv")?;
        let (cn, cm, cd) = (t.column("name")?, t.column("month")?, t.column("day")?);
        for row in &t.rows {
            let name = nonempty(&t, row, cn, "name")?;
            let fixed = match (row.get(cm), row.get(cd)) {
                ("", "") => None,
                (m, d) => {
                    let m: u32 = m
                        .parse()
                        .map_err(|_| t.error(row, format!("month `{m}` is not 1..12")))?;
                    let d: u32 = d
                        .parse()
                        .map_err(|_| t.error(row, format!("day `{d}` is not 1..31")))?;
                    if chrono::NaiveDate::from_ymd_opt(2000, m, d).is_none() {
                        return Err(t.error(row, format!("{m}/{d} is not a date")));
                    }
                    Some((m, d))
                }
            };
            lx.holidays.insert(name, fixed);
        }

        // Keys that can start an expression.
        let mut starters: HashSet<String> = HashSet::default();
        starters.extend(lx.words.keys().cloned());
        starters.extend(lx.ordinals.keys().cloned());
        for k in lx.ordinals.keys() {
            starters.insert(format!("ال{k}"));
        }
        for (k, list) in &lx.modifiers.by_first {
            if list.iter().any(|(_, m)| !m.post) {
                starters.insert(k.clone());
            }
        }
        starters.extend(lx.currencies.first_keys().cloned());
        starters.extend(lx.units.first_keys().cloned());
        starters.extend(lx.months.first_keys().cloned());
        starters.extend(lx.weekdays.keys().cloned());
        starters.extend(lx.time_units.keys().cloned());
        starters.extend(lx.relative.first_keys().cloned());
        starters.extend(lx.dayparts.first_keys().cloned());
        starters.extend(lx.date_mods.keys().cloned());
        starters.extend(lx.periods.keys().cloned());
        starters.extend(lx.holidays.first_keys().cloned());
        for w in [
            "ال",
            "عام",
            "العام",
            "سنه",
            "السنه",
            "بين",
            "ما",
            "من",
            "الساعه",
            "ساعه",
            "سالب",
            "ناقص",
            "شهر",
            "الشهر",
            "يوم",
            "اليوم",
            "يومي",
            "عامي",
            "قبل",
            "الربع",
            "النصف",
            "عند",
            "في",
            "منذ",
            "حتي",
        ] {
            starters.insert(w.to_string());
        }
        for k in lx.words.keys() {
            starters.insert(format!("ال{k}"));
        }
        lx.starters = starters;
        let mut ns: HashSet<String> = lx.words.keys().cloned().collect();
        for w in ["سالب", "ناقص"] {
            ns.insert(w.to_string());
        }
        lx.num_starters = ns;
        let mut ds: HashSet<String> = HashSet::default();
        ds.extend(lx.months.first_keys().cloned());
        ds.extend(lx.weekdays.keys().cloned());
        ds.extend(lx.relative.first_keys().cloned());
        ds.extend(lx.dayparts.first_keys().cloned());
        ds.extend(lx.date_mods.keys().cloned());
        ds.extend(lx.periods.keys().cloned());
        ds.extend(lx.holidays.first_keys().cloned());
        for k in lx.ordinals.keys() {
            ds.insert(k.clone());
            ds.insert(format!("ال{k}"));
        }
        for w in [
            "شهر",
            "الشهر",
            "يوم",
            "يومي",
            "هذا",
            "هذه",
            "الساعه",
            "عام",
            "العام",
            "سنه",
            "السنه",
            "عامي",
            "سنتي",
            "اخر",
            "الاخير",
            "الاخيره",
            "قبل",
        ] {
            ds.insert(w.to_string());
        }
        // Decades: الثمانينيات, الثمانينات.
        let decades: Vec<String> = lx
            .words
            .iter()
            .filter(|(_, w)| w.tens.is_some())
            .flat_map(|(k, _)| [format!("ال{k}يات"), format!("ال{k}ات")])
            .collect();
        for d in decades {
            ds.insert(d.clone());
            lx.starters.insert(d);
        }
        lx.date_starters = ds;
        let mut unit_keys: HashSet<String> = HashSet::default();
        unit_keys.extend(lx.time_units.keys().cloned());
        unit_keys.extend(lx.units.first_keys().cloned());
        unit_keys.extend(lx.currencies.first_keys().cloned());
        let mut ord_keys: HashSet<String> = HashSet::default();
        ord_keys.insert("ال".to_string());
        for k in lx.ordinals.keys() {
            ord_keys.insert(k.clone());
            ord_keys.insert(format!("ال{k}"));
        }
        for k in lx.words.keys() {
            ord_keys.insert(format!("ال{k}"));
        }
        let mod_keys: HashSet<String> = lx
            .modifiers
            .by_first
            .iter()
            .filter(|(_, list)| list.iter().any(|(_, m)| !m.post))
            .map(|(k, _)| k.clone())
            .collect();
        let mut flags: HashMap<String, u8> = HashMap::default();
        for (set, bit) in [
            (&lx.starters, START),
            (&lx.num_starters, NUM),
            (&lx.date_starters, DATE),
            (&unit_keys, UNIT),
            (&ord_keys, ORD),
            (&mod_keys, MOD),
        ] {
            for k in set {
                *flags.entry(k.clone()).or_default() |= bit;
            }
        }
        let mut prefixes = vec![0u64; 1024];
        for k in flags.keys() {
            let mut cs = k.chars();
            if let Some(c1) = cs.next() {
                let idx = prefix_index(c1, cs.next());
                prefixes[idx / 64] |= 1u64 << (idx % 64);
            }
        }
        lx.prefixes = prefixes;
        lx.flags = flags;
        Ok(lx)
    }

    /// The start bits of every token of a document, computed once.
    pub fn token_flags(&self, a: &Analysis<'_>) -> Vec<u8> {
        (0..a.len())
            .map(|i| match a.tokens()[i].kind {
                TokenKind::Number => START | NUM | DATE | UNIT | ORD | MOD,
                TokenKind::Punct => {
                    if self.may_start(a, i) {
                        START | NUM | DATE
                    } else {
                        NUM | DATE
                    }
                }
                TokenKind::Word => {
                    let k = a.key(i);
                    let mut f = self.flag_of(k);
                    // Stems only when the word starts with a proclitic letter.
                    if k.starts_with(['و', 'ف', 'ب', 'ك', 'ل']) {
                        for (_, s) in stems(k) {
                            f |= self.flag_of(&s);
                        }
                    }
                    f
                }
            })
            .collect()
    }

    /// The flags of one key, with a two-letter prefilter before the hash.
    #[inline]
    fn flag_of(&self, k: &str) -> u8 {
        let mut cs = k.chars();
        let (Some(c1), c2) = (cs.next(), cs.next()) else {
            return 0;
        };
        let idx = prefix_index(c1, c2);
        if self.prefixes[idx / 64] & (1u64 << (idx % 64)) == 0 {
            return 0;
        }
        self.flags.get(k).copied().unwrap_or(0)
    }

    /// Whether token `i` can start a numeric expression.
    pub fn may_start(&self, a: &Analysis<'_>, i: usize) -> bool {
        let t = a.tokens()[i];
        match t.kind {
            TokenKind::Number => true,
            TokenKind::Punct => matches!(
                a.light(i),
                "-" | "+" | "." | "−" | "$" | "€" | "£" | "¥" | "¢" | "₹" | "₽" | "₺"
            ),
            TokenKind::Word => {
                let k = a.key(i);
                if self.starters.contains(k) {
                    return true;
                }
                stems(k).any(|(_, s)| self.starters.contains(s.as_ref()))
            }
        }
    }
}
