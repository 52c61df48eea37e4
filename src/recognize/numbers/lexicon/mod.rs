//! The numeric lexicons, read once from `rules/numbers/*.csv` and compiled
//! into hash tables on token keys. Multi-word entries (`في المائة`,
//! `كانون الثاني`, `ريال سعودي`) are split with the document tokenizer, so an
//! entry matches exactly the tokens a document produces.
//!
//! Every key of every table is also in one index, key → kind bits (which
//! tables have it, which expressions it can start). A [`Doc`] looks each
//! token key and its stems up in that index once per document (a word
//! form seen before in the thread's stream is read from the interner,
//! `recognize::interned`); the recognizer then asks the token's bits
//! before any table lookup, so the many tokens that are in no table cost
//! no hashing after the first pass.

#![allow(
    clippy::collapsible_if,
    clippy::collapsible_match,
    clippy::collapsible_else_if
)]

/// A hash map with a fast non-cryptographic hasher for short token keys.
pub type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;
/// A hash set with the same hasher.
pub type HashSet<K> = rustc_hash::FxHashSet<K>;

use super::function_words::{FunctionWords, Role};
use crate::error::Result;
use crate::mention::Modifier;
use crate::recognize::interned::{self, Memo};
use crate::rules::RuleFiles;
use crate::text::clitics::CliticTable;
use crate::text::{Analysis, TokenKind};

mod index;
mod key_sets;
mod load;
mod phrase_table;

pub(crate) use key_sets::{KeyBeginnings, KeyFilter, StemEndings};
use phrase_table::for_each_stem;
pub use phrase_table::{stems, PhraseTable};

/// Token keys of a lexicon entry, as the tokenizer produces them.
pub use crate::text::phrase_table::phrase_keys as entry_keys;

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
/// Token flag: the key is a whole modifier phrase of one word (pre or
/// post), so a modifier may start at a word with it on its key or a stem.
pub const MOD_ALONE: u8 = 64;
/// Token flag: the key is the second key of a modifier phrase of two or
/// more words. Asked of a word's own key only (the phrase table compares
/// the next token's whole key): a word's stems need not carry it.
pub const MOD_SECOND: u8 = 128;
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
    /// The first key of a dateline place (`dateline_places`, a table the
    /// recognizer reads only to count the countries a text names).
    pub const PLACE: u32 = 1 << 31;
}

/// What a token is in the lexicons, looked up once per document.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenInfo {
    /// The kind bits of the key (with [`kind::WA_WORD`]); in the low byte,
    /// the token flags of the token itself.
    pub key: u32,
    /// The union of the kind bits of the stems after proclitics.
    pub stems: u32,
    /// The function-word role bits of the key ([`FunctionWords`]), so that
    /// a role test on a token is a bit test, not a hash probe.
    pub roles: u64,
}

/// One key of the lexicon index: its kind bits (token flags in the low
/// byte) and its function-word role bits.
#[derive(Debug, Clone, Copy, Default)]
pub struct IndexEntry {
    /// Token flags and [`kind`] bits.
    pub kinds: u32,
    /// [`Role`] bits (`FunctionWords`).
    pub roles: u64,
}

/// A document's analysis with what each token is in the lexicons. Derefs
/// to the [`Analysis`].
pub struct Doc<'a, 't> {
    analysis: &'a Analysis<'t>,
    /// One per token.
    info: Vec<TokenInfo>,
    /// The union of the tokens' role bits: a pattern that needs a word of
    /// some role somewhere is skipped in a document that has none.
    roles_in_doc: u64,
    /// The union of the tokens' kind bits, of their keys and stems.
    kinds_in_doc: u32,
    /// The ordinals last read at a token: several readers ask the same
    /// token (`NumberRecognizer::ordinal`).
    pub(in crate::recognize::numbers) ordinal_memo: super::ordinals::OrdinalMemo,
}

impl<'t> std::ops::Deref for Doc<'_, 't> {
    type Target = Analysis<'t>;
    fn deref(&self) -> &Analysis<'t> {
        self.analysis
    }
}

impl<'a, 't> Doc<'a, 't> {
    /// Look every token up in the lexicon index; what a word's key says
    /// is read from this thread's interner when the word was seen before
    /// (`recognize::interned`), worked out and kept there when not.
    pub fn indexed(lexicon: &Lexicon, analysis: &'a Analysis<'t>) -> Self {
        let clitics = crate::text::clitics::active_table();
        let owner = interned::owner(lexicon.serial, clitics);
        let info: Vec<TokenInfo> = interned::with_memo(analysis, owner, |memo| {
            (0..analysis.len())
                .map(|i| lexicon.token_info(analysis, i, clitics, memo))
                .collect()
        });
        let roles_in_doc = info.iter().fold(0, |all, t| all | t.roles);
        let kinds_in_doc = info.iter().fold(0, |all, t| all | t.key | t.stems);
        Doc {
            analysis,
            info,
            roles_in_doc,
            kinds_in_doc,
            ordinal_memo: Default::default(),
        }
    }

    /// Whether some token of the document may have one of the `kind` bits,
    /// on its key or a stem (see [`Doc::key_is`]).
    #[inline]
    pub fn has_kind_anywhere(&self, kind: u32) -> bool {
        self.kinds_in_doc & kind != 0
    }

    /// Whether some token of the document has `role` (its key, not a stem).
    #[inline]
    pub fn has_role_anywhere(&self, role: Role) -> bool {
        self.roles_in_doc & role.bit() != 0
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

    /// Whether the key of token `i` has a function-word role (false past
    /// the end): the bit looked up with the token's other index bits.
    #[inline]
    pub fn role_is(&self, i: usize, role: Role) -> bool {
        self.info.get(i).is_some_and(|t| t.roles & role.bit() != 0)
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
    /// token flags (low byte) and [`kind`] bits, and every function word
    /// with its role bits.
    pub kinds: HashMap<String, IndexEntry>,
    /// The keys of `kinds`, to reject the others without hashing.
    filter: KeyFilter,
    /// The endings of the keys of `kinds` with kind bits, to skip the
    /// stems of a word that ends no such key.
    stem_endings: StemEndings,
    /// The endings of the one-word month names (first keys of `months`),
    /// to skip the words no month name ends (`glued_month_pair`).
    pub(crate) month_endings: StemEndings,
    /// The beginnings of the month names (first keys of `months`), to skip
    /// the words no month name starts (`glued_month_pair`).
    pub(crate) month_beginnings: KeyBeginnings,
    /// Twice the bytes of the shortest first key of `months`: no shorter
    /// word is two month names glued (`glued_month_pair`).
    pub(crate) month_pair_min_bytes: usize,
    /// The last letters of the decade suffixes (`decade`: a word that ends
    /// with none of them is no decade); `None` when a suffix is empty.
    pub(crate) decade_suffix_ends: Option<Vec<char>>,
    /// Country (ISO 3166, or `*`) → order of an ambiguous numeric date
    /// (`dmy` or `mdy`).
    pub date_orders: HashMap<String, String>,
    /// The function words (range connectors, year nouns, era markers …).
    pub fw: FunctionWords,
    /// The keys of the one-word modifier phrases and the second keys of
    /// the longer ones, as `load` read them, for the index's flags.
    modifier_shapes: (Vec<String>, Vec<String>),
    /// This lexicon's serial number in the process (0: not loaded), which
    /// ties what the interner keeps per word form to it
    /// (`recognize::interned`).
    serial: u64,
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
        let mut lexicon = Lexicon {
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
        lexicon.load_tables(rules, &fw)?;
        lexicon.build_index(&fw);
        for k in lexicon.months.first_keys() {
            lexicon.month_endings.insert_suffix_key(k);
            lexicon.month_beginnings.insert(k);
        }
        lexicon.month_pair_min_bytes = lexicon
            .months
            .first_keys()
            .map(str::len)
            .min()
            .map_or(usize::MAX, |shortest| 2 * shortest);
        lexicon.decade_suffix_ends = fw
            .words(Role::DecadeSuffix)
            .map(|suffix| suffix.chars().next_back())
            .collect();
        lexicon.fw = fw;
        lexicon.serial = interned::next_rules_serial();
        Ok(lexicon)
    }

    /// What token `i` is in the lexicons: its kind bits and token flags.
    #[inline]
    fn token_info(
        &self,
        a: &Analysis<'_>,
        i: usize,
        clitics: &CliticTable,
        memo: &mut Memo<'_, TokenInfo>,
    ) -> TokenInfo {
        if a.tokens()[i].kind == TokenKind::Word {
            let of_key = || self.word_info(a.key(i), clitics);
            return memo.get_or(i, of_key).unwrap_or_else(of_key);
        }
        let k = a.key(i);
        let entry = self.entry_of(k);
        let tables = entry.kinds & !START_FLAGS;
        let key = match a.tokens()[i].kind {
            TokenKind::Punct if self.may_start(a, i) && Self::punct_starts(a, i, entry) => {
                tables | (START | NUM | DATE) as u32
            }
            TokenKind::Punct => tables | (NUM | DATE) as u32,
            _ => tables | (START | NUM | DATE | UNIT | ORD | MOD) as u32,
        };
        TokenInfo {
            key,
            stems: 0,
            roles: entry.roles,
        }
    }

    /// [`Lexicon::token_info`] of a word token, which its key alone gives.
    /// Out of line: the loop over the tokens mostly reads it in the
    /// interner.
    #[inline(never)]
    fn word_info(&self, k: &str, clitics: &CliticTable) -> TokenInfo {
        // A word with a proclitic letter: its stems too.
        if clitics.starts_with_proclitic(k) {
            return self.proclitic_word_info(k);
        }
        // Without a proclitic letter: no stems.
        let entry = self.entry_of(k);
        TokenInfo {
            key: entry.kinds,
            stems: 0,
            roles: entry.roles,
        }
    }

    /// [`Lexicon::token_info`] of a word that starts with a proclitic
    /// letter: its key's bits and roles, and its stems' bits.
    fn proclitic_word_info(&self, k: &str) -> TokenInfo {
        let entry = self.entry_of(k);
        let mut key = entry.kinds;
        let mut stems = 0;
        let after_wa = k.strip_prefix('و');
        let mut wa = 0;
        // A word that ends no key with kind bits has no stem
        // with any (all its stems end as it does).
        if self.stem_endings.may_have_stem(k) {
            for_each_stem(k, |s| {
                let bits = self.kind_of(s);
                stems |= bits;
                if after_wa.is_some_and(|r| std::ptr::eq(r, s)) {
                    wa = bits;
                }
            });
        }
        // و + one letter has no stem: look it up alone.
        if let Some(rest) = after_wa.filter(|r| r.chars().nth(1).is_none()) {
            wa = self.kind_of(rest);
        }
        if wa & kind::WORD != 0 {
            key |= kind::WA_WORD;
        }
        TokenInfo {
            key,
            stems,
            roles: entry.roles,
        }
    }

    /// Whether punctuation that [`Lexicon::may_start`] lets through can
    /// start an expression where it stands. A decimal point or a plus sign
    /// is read only before digits glued to it (`.5`, `+3`): elsewhere (the
    /// full stop ending most sentences) nothing starts there unless the
    /// sign is in a table or has a function-word role.
    fn punct_starts(a: &Analysis<'_>, i: usize, entry: IndexEntry) -> bool {
        if entry.kinds & !START_FLAGS != 0 || entry.roles != 0 {
            return true;
        }
        if !matches!(a.light(i), "." | "+") {
            return true;
        }
        a.tokens()
            .get(i + 1)
            .is_some_and(|t| t.glued && t.kind == TokenKind::Number)
    }

    /// Whether a place of `dateline_places` may start at token `i`, taken
    /// whole or after its proclitics (false: `dateline_places.at_clitic`
    /// surely finds none there): the place bit of its key or a stem.
    #[inline]
    pub fn may_start_place(&self, a: &Doc<'_, '_>, i: usize) -> bool {
        a.key_is(i, kind::PLACE) || a.stem_is(i, kind::PLACE)
    }

    /// The index entry of one key, with the Bloom filter before the hash.
    #[inline]
    fn entry_of(&self, k: &str) -> IndexEntry {
        if !self.filter.may_contain(k) {
            return IndexEntry::default();
        }
        self.kinds.get(k).copied().unwrap_or_default()
    }

    /// The index bits of one key (see [`Lexicon::entry_of`]).
    #[inline]
    fn kind_of(&self, k: &str) -> u32 {
        self.entry_of(k).kinds
    }

    /// Whether `key` may be two one-word month names glued (`يوليوتموز`,
    /// false: surely not). Head and tail are both first keys of `months`:
    /// the word is at least twice as long as the shortest (a byte count,
    /// before any hash), starts as a month name does and ends as one does.
    #[inline]
    pub(crate) fn may_glue_two_months(&self, key: &str) -> bool {
        key.len() >= self.month_pair_min_bytes
            && self.month_beginnings.may_begin(key)
            && self.month_endings.may_have_stem(key)
    }

    /// Whether a modifier phrase may start at token `i`, taken whole or
    /// after its proclitics (false: `modifiers.at_clitic` surely finds
    /// none there). A phrase of one word is the key or a stem of the word
    /// at `i` (its `MOD_ALONE` flag), a longer one has its second key at
    /// `i + 1` (a word's key with `MOD_SECOND`); a token that is no word,
    /// or one before no word, is let through.
    #[inline]
    pub fn may_start_modifier(&self, a: &Doc<'_, '_>, i: usize) -> bool {
        let word = |k: usize| a.tokens().get(k).is_some_and(|t| t.kind == TokenKind::Word);
        let alone = MOD_ALONE as u32;
        !word(i)
            || a.key_is(i, alone)
            || a.stem_is(i, alone)
            || !word(i + 1)
            || a.key_is(i + 1, MOD_SECOND as u32)
    }

    /// Whether `key` (any string, not only a token's) has one of the `kind`
    /// bits in the index (the Bloom filter first, then one probe).
    #[inline]
    pub fn key_has(&self, key: &str, kind: u32) -> bool {
        self.kind_of(key) & kind != 0
    }

    /// Whether the key of token `i` has a function-word role (false past
    /// the end).
    #[inline]
    pub fn tok_is(&self, a: &Doc<'_, '_>, i: usize, role: Role) -> bool {
        a.role_is(i, role)
    }

    /// An era word at token `i` after a year (`1436 هـ`, `2015 م`): the token
    /// after it, and whether the era is Hijri. No era word: `(i, false)`.
    pub fn after_era(&self, a: &Doc<'_, '_>, i: usize) -> (usize, bool) {
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
