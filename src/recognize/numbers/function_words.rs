//! The numeric function words (`rules/numbers/function_words.csv`): range
//! connectors, year and date prepositions, era markers, year/day/month
//! nouns, clock words, sign words and the engine's start gates. This module
//! owns the [`Role`] names and the key → roles table; the grammar asks
//! `is(key, Role::…)` instead of naming Arabic words in Rust.

use rustc_hash::FxHashMap as HashMap;

use crate::error::{Error, Result};
use crate::rules::{Located, RuleFiles};

/// One row of `function_words.csv`.
#[derive(serde::Deserialize)]
struct FunctionWordRow {
    word: String,
    role: String,
    /// Why the word has this role (documentation only).
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
}

/// What a function word does for the numeric grammar (the `role` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The definite article (stripped before lexicon lookups).
    Article,
    /// `بين` opening a range.
    RangeBetween,
    /// `ما` before `بين`.
    RangeWhat,
    /// `من` opening a range.
    RangeFrom,
    /// A connector between two bounds (`إلى`, `حتى`, `-`).
    RangeTo,
    /// The conjunction `و` as a token.
    And,
    /// `أو`.
    Or,
    /// A year noun before a year (`عام`, `السنة`, dual `عامي`).
    YearNoun,
    /// The calendar year (`العام`, `السنة`).
    YearNounDef,
    /// A preposition of time before a bare year or a month name.
    DatePrep,
    /// `من`/`في` before a year noun or a month.
    DateLink,
    /// `من` in `الرابع من أبريل`.
    Of,
    /// A word between a weekday and its date (`الموافق`).
    WeekdayLink,
    /// A Gregorian era marker (`م`, `ميلادي`).
    EraGregorian,
    /// A Hijri era marker (`هـ`, `هجري`, `هجرية`).
    EraHijri,
    /// `يوم`.
    DayNoun,
    /// `اليوم` before an ordinal day.
    DayNounDef,
    /// The dual `يومي`.
    DaysNoun,
    /// `شهر`, `الشهر`.
    MonthNoun,
    /// `الشهر` (this month).
    MonthNounDef,
    /// `أسبوع`.
    WeekNoun,
    /// `الأسبوع`.
    WeekNounDef,
    /// A demonstrative (`هذا`, `هذه`).
    This,
    /// `آخر`, `الأخير`.
    Last,
    /// `القرن`.
    CenturyNoun,
    /// `العقد`.
    DecadeNoun,
    /// A plural suffix that makes a tens word a decade (`ثمانين` + `يات`).
    DecadeSuffix,
    /// `الساعة`.
    HourNounDef,
    /// `الليلة`.
    NightNounDef,
    /// `قبل` + a duration: a past date.
    Ago,
    /// `دقيقة`, `دقائق`.
    Minute,
    /// `إلا` in a clock time.
    Except,
    /// `ربع` in a clock time.
    QuarterHour,
    /// A sign word before an amount (`سالب`, `ناقص`).
    Negative,
    /// `تحت` in `تحت الصفر`.
    Below,
    /// `الصفر` in `تحت الصفر`.
    Zero,
    /// `كامل`: the time unit alone is one unit.
    Whole,
    /// `واحد`: the time unit alone is one unit.
    Single,
    /// `مدة` (a duration follows).
    DurationNoun,
    /// A word before a bare time unit that makes it a duration.
    DurationCue,
    /// `من`/`على` between two numbers of a fraction.
    OutOf,
    /// `على` between two numbers: always a fraction.
    Over,
    /// `ثمن`: an eighth or a price.
    PriceOrEighth,
    /// `حادي`: starts a compound ordinal without the article.
    ElevenHead,
    /// A family-name prefix (`آل ثاني`, `آل خليفة`): the word after it is a
    /// name, not an ordinal. Matched on the surface form, because its key
    /// is the article's.
    FamilyPrefix,
    /// A noun before an identifier number (`رقم`, `القرار`, `المادة`): the
    /// number after it is no year.
    IdNoun,
    /// A word that starts a new phrase (a preposition, a relative pronoun):
    /// after four digits it shows that no counted noun follows.
    PhraseStart,
    /// A dual suffix (`ين`, `ان`): a currency word in the dual counts two.
    DualSuffix,
    /// A season or campaign noun before a year or a year pair, inside the
    /// span (`موسم 2003 4`, `الموسم 2007 2008`).
    SeasonNoun,
    /// A noun that names a match score (`نتيجة`): a dashed pair after it
    /// is two numbers, not a range (`بنتيجة 1-2`).
    ScoreNoun,
    /// `نهائي` after a fraction word: a round of a competition (`ربع
    /// النهائي`, quarter-final), so the fraction is no amount.
    FinalNoun,
    /// A word a title follows (`بعنوان`): a point of the day after it
    /// names the work (`بعنوان منتصف الليل`), no time.
    TitleHead,
    /// A chemistry noun after an ordinal (`ثاني أكسيد الكربون`, dioxide):
    /// the ordinal is part of a compound's name.
    ChemicalNoun,
    /// The adjective of a fiscal year after a year noun (`العام المالي
    /// 2000`): the noun and adjective join the year's span.
    FiscalAdjective,
    /// A definite plural of the month (`الأشهر`): with a count and
    /// `الأولى`/`الأخيرة` it is a run of months of a year (N14).
    MonthsNounDef,
    /// A definite dual of the month (`الشهرين`): two months of a year with
    /// `الأولين`/`الأخيرين`.
    MonthsDualDef,
    /// `الأولى`, `الأولين` after a run of months: the run starts the year.
    FirstOfRun,
    /// `نفسها`, `ذاتها`, `نفس`: the same period (`الفترة نفسها`).
    Same,
    /// `الفترة`: a period noun repeated by `نفسها` in another year.
    PeriodNounDef,
    /// A noun of age before an ordinal (`سن الثامنة عشرة`): an age in
    /// years, a DATE duration (`"P18Y"`).
    AgeNoun,
    /// `عمره`, `العمر` after `من`: the number before is an age (`16 من
    /// عمره` = `"P16Y"`).
    AgeOf,
    /// A noun after which an ordinal is an idiom, no rank (`في المقام
    /// الأول`, "primarily"; GUIDELINES decision 62).
    IdiomNoun,
    /// An engine gate: the recognizer tries a match at this word.
    Start,
    /// An engine gate: the recognizer tries a date or a time at this word.
    DateStart,
}

impl Role {
    /// Every role with its name in the CSV.
    const NAMES: [(&'static str, Role); 64] = [
        ("article", Role::Article),
        ("range_between", Role::RangeBetween),
        ("range_what", Role::RangeWhat),
        ("range_from", Role::RangeFrom),
        ("range_to", Role::RangeTo),
        ("and", Role::And),
        ("or", Role::Or),
        ("year_noun", Role::YearNoun),
        ("year_noun_def", Role::YearNounDef),
        ("date_prep", Role::DatePrep),
        ("date_link", Role::DateLink),
        ("of", Role::Of),
        ("weekday_link", Role::WeekdayLink),
        ("era_gregorian", Role::EraGregorian),
        ("era_hijri", Role::EraHijri),
        ("day_noun", Role::DayNoun),
        ("day_noun_def", Role::DayNounDef),
        ("days_noun", Role::DaysNoun),
        ("month_noun", Role::MonthNoun),
        ("month_noun_def", Role::MonthNounDef),
        ("week_noun", Role::WeekNoun),
        ("week_noun_def", Role::WeekNounDef),
        ("this", Role::This),
        ("last", Role::Last),
        ("century_noun", Role::CenturyNoun),
        ("decade_noun", Role::DecadeNoun),
        ("decade_suffix", Role::DecadeSuffix),
        ("hour_noun_def", Role::HourNounDef),
        ("night_noun_def", Role::NightNounDef),
        ("ago", Role::Ago),
        ("minute", Role::Minute),
        ("except", Role::Except),
        ("quarter_hour", Role::QuarterHour),
        ("negative", Role::Negative),
        ("below", Role::Below),
        ("zero", Role::Zero),
        ("whole", Role::Whole),
        ("single", Role::Single),
        ("duration_noun", Role::DurationNoun),
        ("duration_cue", Role::DurationCue),
        ("out_of", Role::OutOf),
        ("over", Role::Over),
        ("price_or_eighth", Role::PriceOrEighth),
        ("eleven_head", Role::ElevenHead),
        ("dual_suffix", Role::DualSuffix),
        ("id_noun", Role::IdNoun),
        ("phrase_start", Role::PhraseStart),
        ("season_noun", Role::SeasonNoun),
        ("fiscal_adjective", Role::FiscalAdjective),
        ("score_noun", Role::ScoreNoun),
        ("final_noun", Role::FinalNoun),
        ("title_head", Role::TitleHead),
        ("months_noun_def", Role::MonthsNounDef),
        ("months_dual_def", Role::MonthsDualDef),
        ("first_of_run", Role::FirstOfRun),
        ("same", Role::Same),
        ("period_noun_def", Role::PeriodNounDef),
        ("age_noun", Role::AgeNoun),
        ("idiom_noun", Role::IdiomNoun),
        ("age_of", Role::AgeOf),
        ("chemical_noun", Role::ChemicalNoun),
        ("family_prefix", Role::FamilyPrefix),
        ("start", Role::Start),
        ("date_start", Role::DateStart),
    ];

    pub(crate) fn bit(self) -> u64 {
        1 << (self as u8)
    }

    fn from_name(name: &str) -> Option<Role> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, r)| *r)
    }
}

/// The function words: key → role bits.
#[derive(Debug, Default)]
pub struct FunctionWords {
    roles: HashMap<String, u64>,
    /// A Bloom filter of the keys of `roles`: most words asked about are
    /// no function word and cost no hash probe.
    filter: super::lexicon::KeyFilter,
    /// The keys of each role (indexed by the role's number), in the
    /// iteration order of `roles`, so that [`FunctionWords::words`] walks a
    /// short list instead of the whole table.
    by_role: Vec<Vec<String>>,
    article: String,
    /// Surface forms of the family prefixes.
    family_prefixes: Vec<String>,
}

impl FunctionWords {
    /// Load `numbers/function_words.csv`.
    pub fn load(rules: &RuleFiles) -> Result<Self> {
        let table = rules.csv("numbers/function_words.csv")?;
        let mut fw = FunctionWords::default();
        for Located { line, value: row } in table.rows::<FunctionWordRow>()? {
            let at = |message: String| Error::rule(&table.file, line, message);
            if row.word.is_empty() {
                return Err(at("empty word".into()));
            }
            let role = Role::from_name(&row.role)
                .ok_or_else(|| at(format!("unknown role `{}`", row.role)))?;
            let key = crate::text::key(&row.word);
            if key.is_empty() || key.contains(' ') {
                return Err(at(format!("`{}` must be one word", row.word)));
            }
            if role == Role::Article {
                fw.article = key.clone();
            }
            if role == Role::FamilyPrefix {
                fw.family_prefixes.push(row.word);
                continue;
            }
            *fw.roles.entry(key).or_default() |= role.bit();
        }
        for key in fw.roles.keys() {
            fw.filter.insert(key);
        }
        fw.by_role = (0..Role::NAMES.len())
            .map(|bit| {
                fw.roles
                    .iter()
                    .filter(|(_, b)| *b & (1 << bit) != 0)
                    .map(|(k, _)| k.clone())
                    .collect()
            })
            .collect();
        if fw.article.is_empty() {
            return Err(Error::rule(
                "numbers/function_words.csv",
                1,
                "no row with role article",
            ));
        }
        Ok(fw)
    }

    /// Whether `key` has `role`.
    #[inline]
    pub fn is(&self, key: &str, role: Role) -> bool {
        self.roles_of(key) & role.bit() != 0
    }

    /// The role bits of `key` (0: none), to test several roles with one
    /// lookup.
    #[inline]
    pub fn roles_of(&self, key: &str) -> u64 {
        if !self.filter.may_contain(key) {
            return 0;
        }
        self.roles.get(key).copied().unwrap_or(0)
    }

    /// Whether `key` has `role`, taken whole or after its proclitics
    /// (`بالرقم` → `الرقم`, `بنتيجة` → `نتيجة`).
    pub fn is_with_proclitics(&self, key: &str, role: Role) -> bool {
        self.is(key, role) || super::lexicon::stems(key).any(|(_, stem)| self.is(&stem, role))
    }

    /// Every key with its role bits.
    pub fn entries(&self) -> impl Iterator<Item = (&str, u64)> {
        self.roles.iter().map(|(k, b)| (k.as_str(), *b))
    }

    /// Whether `key` has any role but the engine gates and identifier nouns.
    pub fn any_role(&self, key: &str) -> bool {
        let gates = Role::Start.bit() | Role::DateStart.bit() | Role::IdNoun.bit();
        self.filter.may_contain(key) && self.roles.get(key).is_some_and(|b| b & !gates != 0)
    }

    /// Every key with `role`.
    pub fn words(&self, role: Role) -> impl Iterator<Item = &str> {
        self.by_role
            .get(role as usize)
            .into_iter()
            .flatten()
            .map(String::as_str)
    }

    /// Whether a token's surface is a family-name prefix (`آل`).
    pub fn is_family_prefix(&self, surface: &str) -> bool {
        self.family_prefixes.iter().any(|p| p == surface)
    }

    /// The key of the definite article.
    pub fn article(&self) -> &str {
        &self.article
    }

    /// `key` without the definite article, if it has one.
    pub fn strip_article<'k>(&self, key: &'k str) -> Option<&'k str> {
        key.strip_prefix(self.article.as_str())
    }

    /// `key` with the definite article.
    pub fn with_article(&self, key: &str) -> String {
        format!("{}{key}", self.article)
    }
}
