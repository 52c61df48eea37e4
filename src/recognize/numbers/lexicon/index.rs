//! The lexicon index: after the tables are read, every key of every table
//! goes into one map, key → kind bits (which tables have it) and token
//! flags (which expressions it can start), with a Bloom filter in front
//! so that most tokens cost no hashing. See [`super::kind`].

use super::super::function_words::{FunctionWords, Role};
use super::{
    kind, HashMap, HashSet, IndexEntry, Lexicon, DATE, MOD, MOD_ALONE, MOD_SECOND, NUM, ORD, START,
    UNIT,
};

impl Lexicon {
    /// Build the start sets and the key index over the filled tables.
    pub(super) fn build_index(&mut self, fw: &FunctionWords) {
        // Keys that can start an expression.
        let mut starters: HashSet<String> = HashSet::default();
        starters.extend(self.words.keys().cloned());
        starters.extend(self.ordinals.keys().cloned());
        for k in self.ordinals.keys() {
            starters.insert(fw.with_article(k));
        }
        for (k, modifiers) in self.modifiers.payloads_by_first_key() {
            if modifiers.iter().any(|m| !m.post) {
                starters.insert(k.to_string());
            }
        }
        starters.extend(self.currencies.first_keys().map(str::to_string));
        starters.extend(self.units.first_keys().map(str::to_string));
        starters.extend(self.months.first_keys().map(str::to_string));
        starters.extend(self.weekdays.keys().cloned());
        starters.extend(self.time_units.keys().cloned());
        // A definite dual unit starts a period (الأسبوعين الماضيين).
        for (k, unit) in &self.time_units {
            if unit.count == 2 {
                starters.insert(fw.with_article(k));
            }
        }
        starters.extend(self.relative.first_keys().map(str::to_string));
        starters.extend(self.dayparts.first_keys().map(str::to_string));
        starters.extend(self.date_mods.keys().cloned());
        starters.extend(self.periods.keys().cloned());
        starters.extend(self.holidays.first_keys().map(str::to_string));
        starters.extend(fw.words(Role::Start).map(str::to_string));
        for k in self.words.keys() {
            starters.insert(fw.with_article(k));
        }
        self.starters = starters;
        let mut ns: HashSet<String> = self.words.keys().cloned().collect();
        ns.extend(fw.words(Role::Negative).map(str::to_string));
        self.num_starters = ns;
        let mut ds: HashSet<String> = HashSet::default();
        ds.extend(self.months.first_keys().map(str::to_string));
        ds.extend(self.weekdays.keys().cloned());
        ds.extend(self.relative.first_keys().map(str::to_string));
        ds.extend(self.dayparts.first_keys().map(str::to_string));
        ds.extend(self.date_mods.keys().cloned());
        ds.extend(self.periods.keys().cloned());
        ds.extend(self.holidays.first_keys().map(str::to_string));
        for k in self.ordinals.keys() {
            ds.insert(k.clone());
            ds.insert(fw.with_article(k));
        }
        // A day past the teens is named by its tens word with the article:
        // العشرين من أبريل, الثلاثين من الشهر الجاري.
        for (k, _) in self.words.iter().filter(|(_, w)| w.tens.is_some()) {
            ds.insert(fw.with_article(k));
        }
        // The article written apart before digits: الـ15 من الشهر الجاري.
        ds.insert(fw.article().to_string());
        ds.extend(fw.words(Role::DateStart).map(str::to_string));
        // Decades: الثمانينيات, الثمانينات.
        let decades: Vec<String> = self
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
            self.starters.insert(d);
        }
        self.date_starters = ds;
        let mut unit_keys: HashSet<String> = HashSet::default();
        unit_keys.extend(self.time_units.keys().cloned());
        unit_keys.extend(self.units.first_keys().map(str::to_string));
        unit_keys.extend(self.currencies.first_keys().map(str::to_string));
        let mut ord_keys: HashSet<String> = HashSet::default();
        ord_keys.insert(fw.article().to_string());
        for k in self.ordinals.keys() {
            ord_keys.insert(k.clone());
            ord_keys.insert(fw.with_article(k));
        }
        for k in self.words.keys() {
            ord_keys.insert(fw.with_article(k));
        }
        let mod_keys: HashSet<String> = self
            .modifiers
            .payloads_by_first_key()
            .filter(|(_, modifiers)| modifiers.iter().any(|m| !m.post))
            .map(|(k, _)| k.to_string())
            .collect();
        let mut kinds: HashMap<String, IndexEntry> = HashMap::default();
        let mut add = |k: &str, bits: u32| kinds.entry(k.to_string()).or_default().kinds |= bits;
        for (set, flag) in [
            (&self.starters, START),
            (&self.num_starters, NUM),
            (&self.date_starters, DATE),
            (&unit_keys, UNIT),
            (&ord_keys, ORD),
            (&mod_keys, MOD),
        ] {
            for k in set {
                add(k, flag as u32);
            }
        }
        let (alone, seconds) = std::mem::take(&mut self.modifier_shapes);
        for k in &alone {
            add(k, MOD_ALONE as u32);
        }
        for k in &seconds {
            add(k, MOD_SECOND as u32);
        }
        for k in self.words.keys() {
            add(k, kind::WORD);
            add(&fw.with_article(k), kind::DEF_WORD);
        }
        for k in self.ordinals.keys() {
            add(k, kind::ORDINAL);
            add(&fw.with_article(k), kind::DEF_ORDINAL);
        }
        for k in self.time_units.keys() {
            add(k, kind::TIME_UNIT);
            add(&fw.with_article(k), kind::DEF_TIME_UNIT);
        }
        for k in self.currencies.first_keys() {
            add(&fw.with_article(k), kind::DEF_CURRENCY);
        }
        for k in self.weekdays.keys() {
            add(k, kind::WEEKDAY);
        }
        for k in self.dateline_places.first_keys() {
            add(k, kind::PLACE);
        }
        for k in self.date_mods.keys() {
            add(k, kind::DATE_MOD);
        }
        for k in self.periods.keys() {
            add(k, kind::PERIOD);
        }
        for table in [
            self.modifiers.index_keys(),
            self.currencies.index_keys(),
            self.units.index_keys(),
            self.months.index_keys(),
            self.relative.index_keys(),
            self.dayparts.index_keys(),
            self.holidays.index_keys(),
            self.percent.index_keys(),
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
        // Every function word with its roles, so that a document's token
        // index carries them too (`Doc::role_is`).
        for (k, roles) in fw.entries() {
            kinds.entry(k.to_string()).or_default().roles |= roles;
        }
        for (k, entry) in &kinds {
            self.filter.insert(k);
            // A second key of a modifier phrase is asked of a whole key
            // only (`MOD_SECOND`): alone it makes no stem worth finding.
            if entry.kinds & !(MOD_SECOND as u32) != 0 {
                self.stem_endings.insert(k);
            }
        }
        self.kinds = kinds;
    }
}
