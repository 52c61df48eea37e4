//! The numeric lexicons, read once from `rules/numbers/*.csv` and compiled
//! into hash tables on token keys. Multi-word entries (`في المائة`,
//! `كانون الثاني`, `ريال سعودي`) are split with the document tokenizer, so an
//! entry matches exactly the tokens a document produces.
//!
//! Every key of every table is also in one index, key → kind bits (which
//! tables have it, which expressions it can start). A [`Doc`] looks each
//! token key and its stems up in that index once per document; the
//! recognizer then asks the token's bits before any table lookup, so the
//! many tokens that are in no table cost no hashing after the first pass.

#![allow(
    clippy::collapsible_if,
    clippy::collapsible_match,
    clippy::collapsible_else_if
)]

/// A hash map with a fast non-cryptographic hasher for short token keys.
pub type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;
/// A hash set with the same hasher.
pub type HashSet<K> = rustc_hash::FxHashSet<K>;

use std::borrow::Cow;

use super::function_words::{FunctionWords, Role};
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
    /// The kind bit of the table's first keys in the lexicon index (0: the
    /// table is not indexed and every lookup hashes).
    kind: u32,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        Self::indexed(0)
    }
}

/// A phrase match: payload, first token after the phrase, start offset.
pub struct PhraseMatch<'p, T> {
    pub value: &'p T,
    pub end_tok: usize,
    pub start: usize,
}

impl<T> PhraseTable<T> {
    /// An empty table whose first keys carry `kind` in the lexicon index.
    pub fn indexed(kind: u32) -> Self {
        PhraseTable {
            by_first: HashMap::default(),
            kind,
        }
    }

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

    /// First keys with the table's kind bit, for the lexicon index.
    fn index_keys(&self) -> Vec<(&str, u32)> {
        self.by_first
            .keys()
            .map(|k| (k.as_str(), self.kind))
            .collect()
    }

    /// Longest phrase whose first token key is `first` and whose remaining
    /// tokens follow token `i`.
    pub fn match_rest<'p>(
        &'p self,
        a: &Doc<'_, '_>,
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
    pub fn at<'p>(&'p self, a: &Doc<'_, '_>, i: usize) -> Option<PhraseMatch<'p, T>> {
        if i >= a.len() || !a.key_is(i, self.kind) {
            return None;
        }
        self.match_rest(a, a.key(i), i, a.tokens()[i].start)
    }

    /// Longest phrase at token `i`, the token taken whole or after its
    /// proclitics (the span then starts after them).
    pub fn at_clitic<'p>(&'p self, a: &Doc<'_, '_>, i: usize) -> Option<PhraseMatch<'p, T>> {
        if let Some(m) = self.at(a, i) {
            return Some(m);
        }
        if i >= a.len() || a.tokens()[i].kind != TokenKind::Word || !a.stem_is(i, self.kind) {
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

/// The proclitic splits of a word: (prefix chars, rest, whether the
/// article is restored after ل as `ا` + rest), shortest proclitic first.
/// At most a و or ف then one of و ف ب ك ل, and a rest of two characters or
/// more.
fn proclitic_splits(key: &str) -> [Option<(usize, &str, bool)>; 2] {
    let mut out = [None, None];
    let mut rest = key;
    let mut chars = 0;
    for slot in &mut out {
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
        *slot = Some((chars, rest, c == 'ل' && rest.starts_with('ل')));
    }
    out
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
    for (chars, rest, restore) in proclitic_splits(key).into_iter().flatten() {
        out.items[n] = Some((chars, Cow::Borrowed(rest)));
        n += 1;
        if restore {
            out.items[n] = Some((chars, Cow::Owned(format!("ا{rest}"))));
            n += 1;
        }
    }
    out
}

/// Call `f` on every stem of [`stems`], without allocating.
fn for_each_stem(key: &str, mut f: impl FnMut(&str)) {
    for (_, rest, restore) in proclitic_splits(key).into_iter().flatten() {
        f(rest);
        if restore {
            with_restored_article(rest, &mut f);
        }
    }
}

/// Call `f` on `ا` + `rest` (the article restored after ل), from a buffer
/// on the stack.
#[cold]
#[inline(never)]
fn with_restored_article(rest: &str, f: &mut impl FnMut(&str)) {
    let mut buf = [0u8; 64];
    let alef = 'ا'.len_utf8();
    if alef + rest.len() <= buf.len() {
        'ا'.encode_utf8(&mut buf);
        buf[alef..alef + rest.len()].copy_from_slice(rest.as_bytes());
        // Both parts are whole UTF-8 strings.
        f(std::str::from_utf8(&buf[..alef + rest.len()]).unwrap_or_default());
    } else {
        f(&format!("ا{rest}"));
    }
}

/// The stems of a word (see [`stems`]), without heap allocation.
pub struct Stems<'a> {
    items: [Option<(usize, Cow<'a, str>)>; 4],
    pos: usize,
}

impl<'a> Iterator for Stems<'a> {
    type Item = (usize, Cow<'a, str>);
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
    /// The amount a vague plural counts in (عشرات 10, مئات 100, آلاف 1000).
    pub vague_unit: Option<f64>,
    pub few: bool,
    pub fraction: Option<f64>,
    pub fraction_dual: Option<f64>,
    pub fraction_plural: Option<f64>,
    pub point: bool,
}

/// A Bloom filter of the index keys: most token keys are in no table, and
/// two bit tests on a hash of the key's length, first and last eight bytes
/// reject them before any hash table probe (a false "maybe" only costs the
/// probe).
#[derive(Debug, Default)]
struct KeyFilter {
    bits: Vec<u64>,
}

impl KeyFilter {
    /// Bits in the filter: 2^16 (8 KiB).
    const SIZE_LOG2: u32 = 16;

    fn hash(key: &str) -> u64 {
        let b = key.as_bytes();
        let n = b.len();
        let u64_at = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default());
        let u32_at = |at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap_or_default());
        let (head, tail) = match n {
            8.. => (u64_at(0), u64_at(n - 8)),
            4..=7 => (u32_at(0) as u64, u32_at(n - 4) as u64),
            1..=3 => (
                b[0] as u64,
                (b[n - 1] as u64) << 8 | (b[n / 2] as u64) << 16,
            ),
            0 => (0, 0),
        };
        let x = head ^ tail.rotate_left(29) ^ ((n as u64) << 56);
        x.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }

    /// The two bit positions of a key.
    #[inline]
    fn positions(key: &str) -> [usize; 2] {
        let h = Self::hash(key);
        let mask = (1usize << Self::SIZE_LOG2) - 1;
        [(h >> 40) as usize & mask, (h >> 20) as usize & mask]
    }

    fn insert(&mut self, key: &str) {
        if self.bits.is_empty() {
            self.bits = vec![0; (1 << Self::SIZE_LOG2) / 64];
        }
        for p in Self::positions(key) {
            self.bits[p / 64] |= 1 << (p % 64);
        }
    }

    /// False when the key was surely not inserted.
    #[inline]
    fn may_contain(&self, key: &str) -> bool {
        !self.bits.is_empty()
            && Self::positions(key)
                .iter()
                .all(|&p| self.bits[p / 64] & (1 << (p % 64)) != 0)
    }
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
/// The token flags in a kind word (its low byte).
const START_FLAGS: u32 = 0xFF;

/// Kind bits of a key in the lexicon index, above the token flags: the
/// key is in this table (for phrase tables: is the first key of a phrase).
pub mod kind {
    /// A number word.
    pub const WORD: u32 = 1 << 8;
    /// `ال` + a number word.
    pub const DEF_WORD: u32 = 1 << 9;
    /// An ordinal word.
    pub const ORDINAL: u32 = 1 << 10;
    /// `ال` + an ordinal word.
    pub const DEF_ORDINAL: u32 = 1 << 11;
    /// A span modifier.
    pub const MODIFIER: u32 = 1 << 12;
    /// A currency name or symbol.
    pub const CURRENCY: u32 = 1 << 13;
    /// `ال` + a currency name.
    pub const DEF_CURRENCY: u32 = 1 << 14;
    /// A unit name.
    pub const UNIT_NAME: u32 = 1 << 15;
    /// A month name.
    pub const MONTH: u32 = 1 << 16;
    /// A weekday name.
    pub const WEEKDAY: u32 = 1 << 17;
    /// A time unit.
    pub const TIME_UNIT: u32 = 1 << 18;
    /// `ال` + a time unit.
    pub const DEF_TIME_UNIT: u32 = 1 << 19;
    /// A relative-date word.
    pub const RELATIVE: u32 = 1 << 20;
    /// A part of the day.
    pub const DAYPART: u32 = 1 << 21;
    /// A date modifier.
    pub const DATE_MOD: u32 = 1 << 22;
    /// A period word.
    pub const PERIOD: u32 = 1 << 23;
    /// A holiday name.
    pub const HOLIDAY: u32 = 1 << 24;
    /// A percent word or sign.
    pub const PERCENT: u32 = 1 << 25;
    /// `يوم`.
    pub const DAY_NOUN: u32 = 1 << 26;
    /// `شهر` or `الشهر`.
    pub const MONTH_NOUN: u32 = 1 << 27;
    /// `الساعه`.
    pub const HOUR_NOUN: u32 = 1 << 28;
    /// A year noun (`عام`, `السنه`, `عامي` …).
    pub const YEAR_NOUN: u32 = 1 << 29;
    /// Not in the index: set on a token whose key is `و` + a number word.
    pub const WA_WORD: u32 = 1 << 30;
}

/// What a token is in the lexicons, looked up once per document.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenInfo {
    /// The kind bits of the key (with [`kind::WA_WORD`]); in the low byte,
    /// the token flags of the token itself.
    pub key: u32,
    /// The union of the kind bits of the stems after proclitics.
    pub stems: u32,
}

/// A document's analysis with what each token is in the lexicons. Derefs
/// to the [`Analysis`].
pub struct Doc<'a, 't> {
    analysis: &'a Analysis<'t>,
    /// One per token.
    info: Vec<TokenInfo>,
}

impl<'t> std::ops::Deref for Doc<'_, 't> {
    type Target = Analysis<'t>;
    fn deref(&self) -> &Analysis<'t> {
        self.analysis
    }
}

impl<'a, 't> Doc<'a, 't> {
    /// Look every token up in the lexicon index.
    pub fn indexed(lx: &Lexicon, analysis: &'a Analysis<'t>) -> Self {
        let info = (0..analysis.len())
            .map(|i| lx.token_info(analysis, i))
            .collect();
        Doc { analysis, info }
    }

    /// Whether token `i` has one of the token flags (`START`, `NUM` …) on
    /// its key or a stem.
    #[inline]
    pub fn starts(&self, i: usize, flag: u8) -> bool {
        self.info
            .get(i)
            .is_some_and(|t| (t.key | t.stems) & flag as u32 != 0)
    }

    /// Whether the key of token `i` may have one of the `kind` bits: false
    /// only when it surely has none (past the end: false). A `kind` of 0
    /// means "not indexed": always true.
    #[inline]
    pub fn key_is(&self, i: usize, kind: u32) -> bool {
        if kind == 0 {
            return true;
        }
        self.info.get(i).is_some_and(|t| t.key & kind != 0)
    }

    /// Whether a stem of token `i` after proclitics may have one of the
    /// `kind` bits (see [`Doc::key_is`]).
    #[inline]
    pub fn stem_is(&self, i: usize, kind: u32) -> bool {
        if kind == 0 {
            return true;
        }
        self.info.get(i).is_some_and(|t| t.stems & kind != 0)
    }
}

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
    /// Percent words and signs after an amount.
    pub percent: PhraseTable<()>,
    /// Keys that can start a numeric expression (fast skip).
    pub starters: HashSet<String>,
    /// Keys that can start an amount (number words, sign words).
    pub num_starters: HashSet<String>,
    /// Keys that can start a date or a time.
    pub date_starters: HashSet<String>,
    /// The lexicon index: every key of the tables and sets above with its
    /// token flags (low byte) and [`kind`] bits.
    pub kinds: HashMap<String, u32>,
    /// The keys of `kinds`, to reject the others without hashing.
    filter: KeyFilter,
    /// Country (ISO 3166, or `*`) → order of an ambiguous numeric date
    /// (`dmy` or `mdy`).
    pub date_orders: HashMap<String, String>,
    /// The function words (range connectors, year nouns, era markers …).
    pub fw: FunctionWords,
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
pub fn adjective_stem<'k>(fw: &FunctionWords, key: &'k str) -> &'k str {
    let k = fw.strip_article(key).unwrap_or(key);
    let k = k.strip_suffix('ا').unwrap_or(k);
    let k = k.strip_suffix('ه').unwrap_or(k);
    k
}

impl Lexicon {
    /// Load every numeric rule file.
    pub fn load(rules: &RuleFiles) -> Result<Self> {
        let fw = FunctionWords::load(rules)?;
        let mut lx = Lexicon {
            modifiers: PhraseTable::indexed(kind::MODIFIER),
            currencies: PhraseTable::indexed(kind::CURRENCY),
            units: PhraseTable::indexed(kind::UNIT_NAME),
            months: PhraseTable::indexed(kind::MONTH),
            relative: PhraseTable::indexed(kind::RELATIVE),
            dayparts: PhraseTable::indexed(kind::DAYPART),
            holidays: PhraseTable::indexed(kind::HOLIDAY),
            percent: PhraseTable::indexed(kind::PERCENT),
            ..Lexicon::default()
        };

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
                    info.vague = true;
                    if !row.get(cv).is_empty() {
                        info.vague_unit = Some(value()?);
                    }
                }
                "few" => info.few = true,
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
                lx.currency_adj.insert(
                    (base.clone(), adjective_stem(&fw, &k).to_string()),
                    code.clone(),
                );
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

        let t = rules.csv("numbers/date_orders.csv")?;
        let (cc, co) = (t.column("country")?, t.column("order")?);
        for row in &t.rows {
            let country = nonempty(&t, row, cc, "country")?;
            let order = row.get(co);
            if !matches!(order, "dmy" | "mdy") {
                return Err(t.error(row, format!("order must be dmy or mdy, not `{order}`")));
            }
            lx.date_orders
                .insert(country.to_string(), order.to_string());
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
            let bare = fw.strip_article(&k).unwrap_or(&k).to_string();
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

        let t = rules.csv("numbers/percent.csv")?;
        let c = t.column("phrase")?;
        for row in &t.rows {
            if !lx.percent.insert(row.get(c), ()) {
                return Err(t.error(row, "empty phrase"));
            }
        }

        // Keys that can start an expression.
        let mut starters: HashSet<String> = HashSet::default();
        starters.extend(lx.words.keys().cloned());
        starters.extend(lx.ordinals.keys().cloned());
        for k in lx.ordinals.keys() {
            starters.insert(fw.with_article(k));
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
        starters.extend(fw.words(Role::Start).map(str::to_string));
        for k in lx.words.keys() {
            starters.insert(fw.with_article(k));
        }
        lx.starters = starters;
        let mut ns: HashSet<String> = lx.words.keys().cloned().collect();
        ns.extend(fw.words(Role::Negative).map(str::to_string));
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
            ds.insert(fw.with_article(k));
        }
        ds.extend(fw.words(Role::DateStart).map(str::to_string));
        // Decades: الثمانينيات, الثمانينات.
        let decades: Vec<String> = lx
            .words
            .iter()
            .filter(|(_, w)| w.tens.is_some())
            .flat_map(|(k, _)| {
                fw.words(Role::DecadeSuffix)
                    .flat_map(|suffix| {
                        let plural = format!("{k}{suffix}");
                        [fw.with_article(&plural), plural]
                    })
                    .collect::<Vec<_>>()
            })
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
        ord_keys.insert(fw.article().to_string());
        for k in lx.ordinals.keys() {
            ord_keys.insert(k.clone());
            ord_keys.insert(fw.with_article(k));
        }
        for k in lx.words.keys() {
            ord_keys.insert(fw.with_article(k));
        }
        let mod_keys: HashSet<String> = lx
            .modifiers
            .by_first
            .iter()
            .filter(|(_, list)| list.iter().any(|(_, m)| !m.post))
            .map(|(k, _)| k.clone())
            .collect();
        let mut kinds: HashMap<String, u32> = HashMap::default();
        let mut add = |k: &str, bits: u32| *kinds.entry(k.to_string()).or_default() |= bits;
        for (set, flag) in [
            (&lx.starters, START),
            (&lx.num_starters, NUM),
            (&lx.date_starters, DATE),
            (&unit_keys, UNIT),
            (&ord_keys, ORD),
            (&mod_keys, MOD),
        ] {
            for k in set {
                add(k, flag as u32);
            }
        }
        for k in lx.words.keys() {
            add(k, kind::WORD);
            add(&fw.with_article(k), kind::DEF_WORD);
        }
        for k in lx.ordinals.keys() {
            add(k, kind::ORDINAL);
            add(&fw.with_article(k), kind::DEF_ORDINAL);
        }
        for k in lx.time_units.keys() {
            add(k, kind::TIME_UNIT);
            add(&fw.with_article(k), kind::DEF_TIME_UNIT);
        }
        for k in lx.currencies.first_keys() {
            add(&fw.with_article(k), kind::DEF_CURRENCY);
        }
        for k in lx.weekdays.keys() {
            add(k, kind::WEEKDAY);
        }
        for k in lx.date_mods.keys() {
            add(k, kind::DATE_MOD);
        }
        for k in lx.periods.keys() {
            add(k, kind::PERIOD);
        }
        for table in [
            lx.modifiers.index_keys(),
            lx.currencies.index_keys(),
            lx.units.index_keys(),
            lx.months.index_keys(),
            lx.relative.index_keys(),
            lx.dayparts.index_keys(),
            lx.holidays.index_keys(),
            lx.percent.index_keys(),
        ] {
            for (k, bits) in table {
                add(k, bits);
            }
        }
        for (role, bits) in [
            (Role::DayNoun, kind::DAY_NOUN),
            (Role::MonthNoun, kind::MONTH_NOUN),
            (Role::HourNounDef, kind::HOUR_NOUN),
            (Role::YearNoun, kind::YEAR_NOUN),
        ] {
            for k in fw.words(role) {
                add(k, bits);
            }
        }
        for k in kinds.keys() {
            lx.filter.insert(k);
        }
        lx.kinds = kinds;
        lx.fw = fw;
        Ok(lx)
    }

    /// What token `i` is in the lexicons: its kind bits and token flags.
    #[inline]
    fn token_info(&self, a: &Analysis<'_>, i: usize) -> TokenInfo {
        let k = a.key(i);
        let whole = self.kind_of(k);
        let tables = whole & !START_FLAGS;
        let mut stems = 0;
        let key = match a.tokens()[i].kind {
            TokenKind::Number => tables | (START | NUM | DATE | UNIT | ORD | MOD) as u32,
            TokenKind::Punct if self.may_start(a, i) => tables | (START | NUM | DATE) as u32,
            TokenKind::Punct => tables | (NUM | DATE) as u32,
            TokenKind::Word => {
                let mut key = whole;
                // Stems only when the word starts with a proclitic letter.
                if k.starts_with(['و', 'ف', 'ب', 'ك', 'ل']) {
                    let after_wa = k.strip_prefix('و');
                    let mut wa = 0;
                    for_each_stem(k, |s| {
                        let bits = self.kind_of(s);
                        stems |= bits;
                        if after_wa.is_some_and(|r| std::ptr::eq(r, s)) {
                            wa = bits;
                        }
                    });
                    // و + one letter has no stem: look it up alone.
                    if let Some(rest) = after_wa.filter(|r| r.chars().nth(1).is_none()) {
                        wa = self.kind_of(rest);
                    }
                    if wa & kind::WORD != 0 {
                        key |= kind::WA_WORD;
                    }
                }
                key
            }
        };
        TokenInfo { key, stems }
    }

    /// The index bits of one key, with the Bloom filter before the hash.
    #[inline]
    fn kind_of(&self, k: &str) -> u32 {
        if !self.filter.may_contain(k) {
            return 0;
        }
        self.kinds.get(k).copied().unwrap_or(0)
    }

    /// Whether the key of token `i` has a function-word role (false past
    /// the end).
    #[inline]
    pub fn tok_is(&self, a: &Analysis<'_>, i: usize, role: Role) -> bool {
        i < a.len() && self.fw.is(a.key(i), role)
    }

    /// An era word at token `i` after a year (`1436 هـ`, `2015 م`): the token
    /// after it, and whether the era is Hijri. No era word: `(i, false)`.
    pub fn after_era(&self, a: &Analysis<'_>, i: usize) -> (usize, bool) {
        if self.tok_is(a, i, Role::EraHijri) {
            (i + 1, true)
        } else if self.tok_is(a, i, Role::EraGregorian) {
            (i + 1, false)
        } else {
            (i, false)
        }
    }

    /// Whether token `i` can start a numeric expression.
    pub fn may_start(&self, a: &Analysis<'_>, i: usize) -> bool {
        let t = a.tokens()[i];
        match t.kind {
            TokenKind::Number => true,
            TokenKind::Punct => {
                let mut cs = a.light(i).chars();
                matches!(
                    (cs.next(), cs.next()),
                    (
                        Some('-' | '+' | '.' | '−' | '$' | '€' | '£' | '¥' | '¢' | '₹' | '₽' | '₺'),
                        None
                    )
                )
            }
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
