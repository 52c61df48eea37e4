//! Named entities (PERSON NORP ORG GPE LOC FAC MISC) by rules that are data:
//! gazetteers (`rules/names/gaz_*.csv`), nisba stems generating NORP forms
//! (`norp_nisba.csv`), person name lists (`person_given.csv`,
//! `person_family.csv`), trigger words (`triggers.csv`), stop and common
//! words, and declarative token patterns (`patterns*.jsonl`). Matching is
//! clitic-aware (`و[روسيا]`, `ل[لصين]`) and a whole word is preferred to a
//! split. After the first pass, full person names and organization aliases
//! found in a document are propagated to their later bare mentions.

pub mod lexicon;
pub mod patterns;

use std::collections::HashMap;

use lexicon::{PhraseTable, WordSet};
use patterns::Pattern;

use super::DocContext;
use crate::error::{Error, Result};
use crate::mention::{Label, Layer, Mention};
use crate::rules::RuleFiles;
use crate::text::{Analysis, TokenKind};

/// Conflict priorities (lower wins among equally long candidates).
mod priority {
    /// A head that states the type beats the lexicon (`فريق [برشلونة]` is the club).
    pub const CONTEXT: i32 = 3;
    pub const PATTERN: i32 = 5;
    pub const CURATED: i32 = 10;
    pub const TRIGGER: i32 = 20;
    pub const LEARNED: i32 = 30;
    pub const PERSON_LIST: i32 = 40;
    pub const PROPAGATED: i32 = 50;
}

/// A gazetteer entry's payload.
#[derive(Debug, Clone)]
pub struct GazEntry {
    /// The label.
    pub label: Label,
    /// The rule id (`name/gazetteer-gpe`, `name/nisba`, `name/learned-org`).
    pub rule: String,
    /// Where it comes from (`names/gaz_countries.csv:12 روسيا`).
    pub source: String,
    /// Conflict priority.
    pub priority: i32,
}

/// What a trigger word announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TriggerKind {
    /// A person's title: a PERSON name follows, the title stays outside.
    PersonTitle,
    /// The first word of an organization's name, kept inside when the name
    /// has evidence (a known place or nationality, an uncommon word, an alias).
    OrgHead,
    /// The indefinite head of an official name (`وزارة`, `منظمة`): any
    /// construct chain after it is the name.
    OrgHeadStrong,
    /// A word that may close a facility or organization name (`الدولي`).
    NameSuffix,
    /// A speech verb: a speaker's name may follow (`وقال [عنان]`).
    SpeechVerb,
    /// A head dropped before a MISC name that stands alone
    /// (`بطولة [كأس العالم]`, `مبادرة "[الحزام والطريق]"`).
    MiscDescriptor,
    /// A generic descriptor dropped before a bare name (`شركة [هواوي]`).
    OrgDescriptor,
    /// A descriptor before a GPE, dropped (`مقاطعة [شانشي]`).
    PlaceHead,
    /// A facility head, kept (`[ميناء جوادر]`).
    FacilityHead,
    /// A head before a quoted MISC name (`مبادرة "[الحزام والطريق]"`).
    MiscHead,
}

impl TriggerKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "person_title" => TriggerKind::PersonTitle,
            "org_head" => TriggerKind::OrgHead,
            "org_head_strong" => TriggerKind::OrgHeadStrong,
            "name_suffix" => TriggerKind::NameSuffix,
            "speech_verb" => TriggerKind::SpeechVerb,
            "misc_descriptor" => TriggerKind::MiscDescriptor,
            "org_descriptor" => TriggerKind::OrgDescriptor,
            "place_head" => TriggerKind::PlaceHead,
            "facility_head" => TriggerKind::FacilityHead,
            "misc_head" => TriggerKind::MiscHead,
            _ => return None,
        })
    }
}

/// A trigger entry's payload.
#[derive(Debug, Clone)]
pub struct Trigger {
    kinds: Vec<TriggerKind>,
    source: String,
}

/// How much an organization head vouches for the words after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadStrength {
    /// `وزارة`, `منظمة`: the chain after it is the name.
    Strong,
    /// `مجلس`, `حركة`: the chain needs evidence.
    Weak,
    /// `شركة`, `شبكة`: a descriptor; as a head it needs evidence too.
    Descriptor,
}

/// The compiled names recognizer.
pub struct NameRecognizer {
    gazetteer: PhraseTable<GazEntry>,
    triggers: PhraseTable<Trigger>,
    trigger_words: WordSet,
    given: WordSet,
    family: WordSet,
    particles: WordSet,
    stop: WordSet,
    stop_light: rustc_hash::FxHashSet<String>,
    common: WordSet,
    ambiguous: WordSet,
    patterns: Vec<Pattern>,
    /// Patterns by their fixed first word, whole or (for `clitic`) as a stem.
    pattern_index: rustc_hash::FxHashMap<String, Vec<usize>>,
    pattern_index_clitic: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// Patterns whose first element is no fixed word: tried everywhere.
    unkeyed_patterns: Vec<usize>,
    skipped_ambiguous: usize,
}

/// Highest ANERcorp entity share of a word that still counts as common.
const COMMON_MAX_SHARE: f64 = 0.05;

/// Occurrences needed before a mostly-untagged word makes a one-word
/// lexicon entry ambiguous (one untagged sighting is not enough evidence).
const AMBIGUOUS_MIN_COUNT: usize = 3;

/// Name particles that join parts of a person's name (`عبد الله`, `أبو مازن`).
const PARTICLES: &[&str] = &[
    "بن", "ابن", "بنت", "أبو", "أبي", "أبا", "أم", "آل", "عبد", "ولد", "دي", "فان", "فون",
];

fn label_rule(label: Label) -> String {
    label.as_str().to_ascii_lowercase()
}

impl NameRecognizer {
    /// Compile the names rules. Every file is optional; a malformed row is
    /// an error naming the file and line.
    pub fn new(rules: &RuleFiles) -> Result<Self> {
        let mut r = NameRecognizer {
            gazetteer: PhraseTable::default(),
            triggers: PhraseTable::default(),
            trigger_words: WordSet::default(),
            given: WordSet::default(),
            family: WordSet::default(),
            particles: WordSet::default(),
            stop: WordSet::default(),
            stop_light: Default::default(),
            common: WordSet::default(),
            ambiguous: WordSet::default(),
            patterns: Vec::new(),
            pattern_index: Default::default(),
            pattern_index_clitic: Default::default(),
            unkeyed_patterns: Vec::new(),
            skipped_ambiguous: 0,
        };
        for p in PARTICLES {
            r.particles.insert(p);
        }
        // Word lists first: the gazetteer filter below consults them.
        for (file, set) in [
            ("names/person_given.csv", &mut r.given),
            ("names/person_family.csv", &mut r.family),
        ] {
            if let Some(text) = rules.get(file) {
                load_words(file, text, "name", set)?;
            }
        }
        if let Some(text) = rules.get("names/stopwords.csv") {
            load_words("names/stopwords.csv", text, "word", &mut r.stop)?;
            let table = crate::rules::CsvTable::parse("names/stopwords.csv", text)?;
            let col = table.column("word")?;
            r.stop_light.extend(
                table
                    .rows
                    .iter()
                    .map(|row| crate::text::light(row.get(col))),
            );
        }
        if let Some(text) = rules.get("names/common_words.csv") {
            r.load_common_words("names/common_words.csv", text)?;
        }
        let gaz_files: Vec<(String, String)> = rules
            .matching("names/gaz_", ".csv")
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        for (name, text) in &gaz_files {
            r.load_gazetteer(name, text)?;
        }
        if let Some(text) = rules.get("names/norp_nisba.csv") {
            r.load_nisba("names/norp_nisba.csv", text)?;
        }
        if let Some(text) = rules.get("names/org_acronyms.csv") {
            r.load_acronyms("names/org_acronyms.csv", text)?;
        }
        if let Some(text) = rules.get("names/triggers.csv") {
            r.load_triggers("names/triggers.csv", text)?;
        }
        for (name, text) in rules.matching("names/patterns", ".jsonl") {
            r.patterns.extend(patterns::parse_file(name, text)?);
        }
        for (n, pattern) in r.patterns.iter().enumerate() {
            match pattern.first_keys() {
                Some(keys) => {
                    for k in keys {
                        r.pattern_index.entry(k.to_string()).or_default().push(n);
                        if pattern.first_clitic() {
                            r.pattern_index_clitic
                                .entry(k.to_string())
                                .or_default()
                                .push(n);
                        }
                    }
                }
                None => r.unkeyed_patterns.push(n),
            }
        }
        Ok(r)
    }

    fn load_gazetteer(&mut self, file: &str, text: &str) -> Result<()> {
        let table = crate::rules::CsvTable::parse(file, text)?;
        let entry_col = table.column("entry")?;
        let label_col = table.column("label")?;
        let learned = file.contains("anercorp");
        for row in &table.rows {
            let entry = row.get(entry_col);
            let label: Label = row
                .get(label_col)
                .parse()
                .map_err(|e: Error| table.error(row, e.to_string()))?;
            if label.layer() != Layer::Names {
                return Err(table.error(row, format!("{label} is not a names-layer label")));
            }
            let (rule, priority) = if learned {
                (
                    format!("name/learned-{}", label_rule(label)),
                    priority::LEARNED,
                )
            } else {
                (
                    format!("name/gazetteer-{}", label_rule(label)),
                    priority::CURATED,
                )
            };
            if entry.trim().is_empty() {
                return Err(table.error(row, "empty entry"));
            }
            if self.ambiguous_single_word(entry, label) {
                self.skipped_ambiguous += 1;
                continue;
            }
            let payload = GazEntry {
                label,
                rule,
                source: format!("{file}:{} {entry}", row.line),
                priority,
            };
            self.gazetteer.insert(entry, payload);
        }
        Ok(())
    }

    /// NORP forms from nisba stems: S, Sة, الS, الSة, Sون, Sين, Sات and their
    /// ال forms (`صيني` → `الصينية`, `الصينيون`, `صينيات`…).
    /// `word,count,entity_share`: share <= 5 % is a common word (stops name
    /// runs); seen 3+ times with share < 50 % is ambiguous (one-word lexicon
    /// entries equal to it are left out).
    fn load_common_words(&mut self, file: &str, text: &str) -> Result<()> {
        let table = crate::rules::CsvTable::parse(file, text)?;
        let word_col = table.column("word")?;
        let share_col = table.optional_column("entity_share");
        let count_col = table.optional_column("count");
        for row in &table.rows {
            let count: usize = match count_col {
                Some(c) => row.get(c).parse().map_err(|_| {
                    table.error(row, format!("count `{}` is not a whole number", row.get(c)))
                })?,
                None => AMBIGUOUS_MIN_COUNT,
            };
            let share: f64 = match share_col {
                Some(c) => row.get(c).parse().map_err(|_| {
                    table.error(
                        row,
                        format!("entity_share `{}` is not a number", row.get(c)),
                    )
                })?,
                None => 0.0,
            };
            if count >= AMBIGUOUS_MIN_COUNT {
                self.ambiguous.insert(row.get(word_col));
            }
            if share <= COMMON_MAX_SHARE {
                self.common.insert(row.get(word_col));
            }
        }
        Ok(())
    }

    /// A one-word entry that is a common word (almost never a name in
    /// ANERcorp, `names/common_words.csv`) would fire on ordinary text
    /// (`فتح` "opening" for Fatah): it is left out. NORP is exempt because
    /// ANERcorp does not annotate nationality adjectives.
    fn ambiguous_single_word(&self, entry: &str, label: Label) -> bool {
        let k = crate::text::key(entry);
        label != Label::Norp
            && !k.contains(' ')
            && (self.ambiguous.contains(&k) || self.stop.contains(&k))
    }

    fn load_nisba(&mut self, file: &str, text: &str) -> Result<()> {
        let table = crate::rules::CsvTable::parse(file, text)?;
        let stem_col = table.column("stem")?;
        for row in &table.rows {
            let stem = row.get(stem_col);
            if !stem.ends_with('ي') {
                return Err(table.error(row, format!("nisba stem `{stem}` must end in ي")));
            }
            for suffix in ["", "ة", "ون", "ين", "ات"] {
                for article in ["", "ال"] {
                    let form = format!("{article}{stem}{suffix}");
                    self.gazetteer.insert(
                        &form,
                        GazEntry {
                            label: Label::Norp,
                            rule: "name/nisba".into(),
                            source: format!("{file}:{} {stem}", row.line),
                            priority: priority::CURATED,
                        },
                    );
                }
            }
        }
        Ok(())
    }

    fn load_acronyms(&mut self, file: &str, text: &str) -> Result<()> {
        let table = crate::rules::CsvTable::parse(file, text)?;
        let col = table.column("acronym")?;
        for row in &table.rows {
            let acronym = row.get(col);
            if self.ambiguous_single_word(acronym, Label::Org) {
                self.skipped_ambiguous += 1;
                continue;
            }
            self.gazetteer.insert(
                acronym,
                GazEntry {
                    label: Label::Org,
                    rule: "name/acronym-org".into(),
                    source: format!("{file}:{} {acronym}", row.line),
                    priority: priority::CURATED,
                },
            );
        }
        Ok(())
    }

    fn load_triggers(&mut self, file: &str, text: &str) -> Result<()> {
        let table = crate::rules::CsvTable::parse(file, text)?;
        let trigger_col = table.column("trigger")?;
        let kind_col = table.column("kind")?;
        let mut merged: HashMap<String, (Vec<TriggerKind>, String)> = HashMap::new();
        let mut order = Vec::new();
        for row in &table.rows {
            let trigger = row.get(trigger_col);
            let kind = TriggerKind::parse(row.get(kind_col)).ok_or_else(|| {
                table.error(
                    row,
                    format!(
                        "unknown trigger kind `{}` (expected person_title, org_head, org_head_strong, name_suffix, speech_verb, org_descriptor, place_head, facility_head, misc_head or misc_descriptor)",
                        row.get(kind_col)
                    ),
                )
            })?;
            let key = crate::text::key(trigger);
            if key.is_empty() {
                return Err(table.error(row, "empty trigger"));
            }
            let slot = merged.entry(key.clone()).or_insert_with(|| {
                order.push((key.clone(), trigger.to_string()));
                (Vec::new(), format!("{file}:{} {trigger}", row.line))
            });
            if !slot.0.contains(&kind) {
                slot.0.push(kind);
            }
        }
        for (key, trigger) in order {
            let (kinds, source) = merged.remove(&key).unwrap_or_default();
            if !key.contains(' ') {
                self.trigger_words.insert(&key);
            }
            self.triggers.insert(&trigger, Trigger { kinds, source });
        }
        Ok(())
    }

    /// The compiled token patterns.
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// How many lexicon entries, triggers and patterns were compiled.
    pub fn stats(&self) -> String {
        format!(
            "{} gazetteer phrases ({} ambiguous one-word entries left out), {} triggers, {} given and {} family names, {} stop and {} common words, {} patterns",
            self.gazetteer.len(),
            self.skipped_ambiguous,
            self.triggers.len(),
            self.given.len(),
            self.family.len(),
            self.stop.len(),
            self.common.len(),
            self.patterns.len()
        )
    }

    // ---- token classes -------------------------------------------------

    fn is_word(a: &Analysis<'_>, i: usize) -> bool {
        a.tokens().get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }

    /// Whether token `i` starts with the definite article as written: a
    /// bare alef and lam (`الاتفاق`), not `آلاف` or `أل…`, with two letters after.
    fn token_has_article(a: &Analysis<'_>, i: usize) -> bool {
        if !Self::is_word(a, i) {
            return false;
        }
        let mut letters = a
            .surface(i)
            .chars()
            .filter(|&c| !crate::text::normalize::is_dropped(c));
        letters.next() == Some('ا') && letters.next() == Some('ل') && letters.count() >= 2
    }

    /// A word that can be part of a person's name after a title or a given name.
    fn is_name_token(&self, a: &Analysis<'_>, i: usize, prev_particle: bool) -> bool {
        if !Self::is_word(a, i) || self.stop_light.contains(a.light(i)) {
            return false;
        }
        let key = a.key(i);
        if self.given.contains(key) || self.family.contains(key) || self.particles.contains(key) {
            return true;
        }
        if self.common.contains(key)
            || self.trigger_words.contains(key)
            || self
                .gazetteer
                .word_payloads(key)
                .any(|p| p.label != Label::Person)
        {
            return false;
        }
        // `وكريستيانو`: a conjunction starts the next name, not this one.
        if key.starts_with('و')
            || self.looks_like_clitic_common(key)
            || self.inflected_common(key)
            || has_pronoun_suffix(a.light(i))
        {
            return false;
        }
        if Self::token_has_article(a, i) {
            // `عبد الله`, a nisba surname (`البقالي`, `الحسيني`), or a family
            // name with the article right after a given name (`حسين الفردان`).
            let after_given = i > 0 && self.given.contains(a.key(i - 1));
            return prev_particle || ((key.ends_with('ي') || after_given) && !self.norp_at(a, i));
        }
        true
    }

    /// A bare (no article) word that looks like a proper name: not a stop,
    /// common or trigger word.
    fn is_bare_proper(&self, a: &Analysis<'_>, i: usize) -> bool {
        if !Self::is_word(a, i) {
            return false;
        }
        let key = a.key(i);
        key.chars().count() >= 2
            && !Self::token_has_article(a, i)
            && !has_pronoun_suffix(a.light(i))
            && !self.stop.contains(key)
            && !self.common.contains(key)
            && !self.trigger_words.contains(key)
            && !crate::text::clitics::is_proclitic(key)
            && !self.looks_like_clitic_common(key)
            && !self.inflected_common(key)
    }

    /// An inflected form of a common word (`رقما` ← `رقم`, `مهندسون` ←
    /// `مهندس`, `اتفاقات` ← `اتفاقه`): not a name.
    fn inflected_common(&self, key: &str) -> bool {
        INFLECTIONS.iter().any(|suffix| {
            key.strip_suffix(suffix).is_some_and(|stem| {
                stem.chars().count() >= 2
                    && (self.common.contains(stem) || self.common.contains(&format!("{stem}ه")))
            })
        })
    }

    /// A word that reads as proclitic + an ordinary, definite or known word
    /// (`للتجارة`, `بغرب`, `كمحطة`, `وشركة`, `وروسيا`): not a bare proper
    /// name itself.
    fn looks_like_clitic_common(&self, key: &str) -> bool {
        crate::text::clitic_splits(key).iter().any(|split| {
            let stem = split.stem_key.as_ref();
            stem.starts_with("ال")
                || self.common.contains(stem)
                || self.stop.contains(stem)
                || self.trigger_words.contains(stem)
                || self.gazetteer.contains_word(stem)
        })
    }

    /// Not a word, or a stop word. Whole tokens are checked in their light
    /// form, so `على` stops a name and the name `علي` does not.
    fn is_stop(&self, a: &Analysis<'_>, i: usize) -> bool {
        !Self::is_word(a, i) || self.stop_light.contains(a.light(i))
    }

    fn is_suffix(&self, a: &Analysis<'_>, i: usize) -> bool {
        i < a.len()
            && self
                .triggers
                .word_payloads(a.key(i))
                .any(|t| t.kinds.contains(&TriggerKind::NameSuffix))
    }

    fn norp_at(&self, a: &Analysis<'_>, i: usize) -> bool {
        Self::is_word(a, i)
            && self
                .gazetteer
                .word_payloads(a.key(i))
                .any(|p| p.label == Label::Norp)
    }

    // ---- recognition ---------------------------------------------------

    /// Emit candidate name mentions.
    pub fn recognize(&self, ctx: &DocContext<'_>, out: &mut Vec<Mention>) {
        let a = ctx.analysis;
        let mut found: Vec<Mention> = Vec::new();
        // Pattern indices to try at a token; one buffer for the whole document.
        let mut candidates: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < a.len() {
            if Self::is_word(a, i) {
                // Cheap gates first: most words start no phrase of any table.
                let key = a.key(i);
                if self.gazetteer.may_start(key, true) {
                    self.gazetteer_at(ctx, i, &mut found);
                }
                if self.triggers.may_start(key, true) {
                    self.triggers_at(ctx, i, &mut found);
                }
                if self.may_start_person(key) {
                    self.person_list_at(ctx, i, &mut found);
                }
                self.club_city_at(ctx, i, &mut found);
            }
            let key = a.key(i);
            let keyed = self.pattern_index.get(key).into_iter().flatten().chain(
                crate::text::clitics::clitic_splits_iter(key)
                    .filter_map(|s| self.pattern_index_clitic.get(s.stem_key.as_ref()))
                    .flatten(),
            );
            candidates.clear();
            candidates.extend(keyed.copied().chain(self.unkeyed_patterns.iter().copied()));
            candidates.sort_unstable();
            candidates.dedup();
            for pattern in candidates.iter().map(|&p| &self.patterns[p]) {
                if let Some(m) = pattern.match_at(self, a, i) {
                    let mut mention = ctx.mention(
                        m.start,
                        m.end,
                        pattern.label,
                        serde_json::Value::Null,
                        &pattern.id,
                    );
                    mention.priority = pattern.priority.unwrap_or(priority::PATTERN);
                    mention.evidence = format!("pattern {} ({})", pattern.id, pattern.source);
                    found.push(mention);
                }
            }
            i += 1;
        }
        self.propagate(ctx, &mut found);
        out.extend(found);
    }

    fn gazetteer_at(&self, ctx: &DocContext<'_>, i: usize, out: &mut Vec<Mention>) {
        let a = ctx.analysis;
        let matches = self.gazetteer.matches_at(a, i, true);
        // Prefer the whole word: a clitic split only when no whole-word
        // match of the same first token exists.
        let whole = matches.iter().any(|m| !m.clitic);
        let mut kept: Vec<_> = matches.iter().filter(|m| !(whole && m.clitic)).collect();
        // The same span as a country and as a nisba form (`السعودية`): the
        // adjective reading after a definite noun (`السوق السعودية`), the
        // place otherwise (`للسعودية`, `بين السعودية والبحرين`).
        let after_definite = i > 0
            && Self::is_word(a, i - 1)
            && Self::token_has_article(a, i - 1)
            && !self.is_stop(a, i - 1);
        let spans_with = |label: Label, m: &&lexicon::PhraseMatch<'_, GazEntry>| {
            kept.iter()
                .any(|o| o.start == m.start && o.end == m.end && o.payload.label == label)
        };
        let drop: Vec<bool> = kept
            .iter()
            .map(|m| match m.payload.label {
                Label::Norp => spans_with(Label::Gpe, m) && !after_definite,
                Label::Gpe => spans_with(Label::Norp, m) && after_definite,
                _ => false,
            })
            .collect();
        let mut d = drop.into_iter();
        kept.retain(|_| !d.next().unwrap_or(false));
        for m in kept {
            let mut first = m.first;
            let mut start = m.start;
            // A descriptor heading an entry whose remainder is itself an entry
            // of the same label is dropped (`سلطنة [عمان]`, `وكالة [رويترز]`).
            if m.end - m.first >= 2 && self.is_descriptor(a.key(m.first)) {
                let rest = self
                    .gazetteer
                    .matches_at(a, m.first + 1, false)
                    .into_iter()
                    .any(|r| r.end == m.end && r.payload.label == m.payload.label);
                if rest {
                    first = m.first + 1;
                    start = a.tokens()[first].start;
                }
            }
            let _ = first;
            let end = a.tokens()[m.end - 1].end;
            let mut mention = ctx.mention(
                start,
                end,
                m.payload.label,
                serde_json::Value::Null,
                &m.payload.rule,
            );
            mention.priority = m.payload.priority;
            mention.evidence = format!("lexicon {}", m.payload.source);
            out.push(mention);
        }
    }

    /// A head noun that is dropped before a name standing alone: a place
    /// head, an organization descriptor or head, a MISC descriptor (also
    /// after a proclitic: `وسلطنة`). Other MISC heads stay (`جائزة نوبل` is
    /// the award's name).
    fn is_descriptor(&self, key: &str) -> bool {
        let is_head = |k: &str| {
            self.triggers.word_payloads(k).any(|t| {
                t.kinds.iter().any(|k| {
                    matches!(
                        k,
                        TriggerKind::PlaceHead
                            | TriggerKind::OrgDescriptor
                            | TriggerKind::OrgHead
                            | TriggerKind::OrgHeadStrong
                            | TriggerKind::MiscDescriptor
                    )
                })
            })
        };
        is_head(key)
            || crate::text::clitic_splits(key)
                .iter()
                .any(|s| is_head(&s.stem_key))
    }

    /// Trigger rules: titles, organization heads and descriptors, place
    /// heads, facility heads, MISC heads before a quoted name.
    fn triggers_at(&self, ctx: &DocContext<'_>, i: usize, out: &mut Vec<Mention>) {
        let a = ctx.analysis;
        let Some(m) = self.triggers.matches_at(a, i, true).into_iter().next() else {
            return;
        };
        let after = m.end;
        // A descriptor before a bare name (`شركة [توتال]`) is no head of that name.
        let described = m.payload.kinds.contains(&TriggerKind::OrgDescriptor)
            && self.org_after_descriptor(ctx, after).is_some();
        for &kind in &m.payload.kinds {
            if described && matches!(kind, TriggerKind::OrgHead | TriggerKind::OrgHeadStrong) {
                continue;
            }
            let evidence = format!("trigger {}", m.payload.source);
            let emitted = match kind {
                TriggerKind::PersonTitle => self.title_person(ctx, after),
                TriggerKind::OrgHeadStrong => {
                    self.org_with_head(ctx, m.start, after, HeadStrength::Strong)
                }
                TriggerKind::OrgHead => self.org_with_head(ctx, m.start, after, HeadStrength::Weak),
                TriggerKind::NameSuffix => None,
                TriggerKind::SpeechVerb => self.speaker(ctx, after),
                TriggerKind::OrgDescriptor => self
                    .org_after_descriptor(ctx, after)
                    .or_else(|| self.org_with_head(ctx, m.start, after, HeadStrength::Descriptor)),
                TriggerKind::PlaceHead => self.place_after_head(ctx, after),
                TriggerKind::FacilityHead => self.facility_with_head(ctx, m.start, after),
                TriggerKind::MiscHead | TriggerKind::MiscDescriptor => {
                    self.quoted_after(ctx, after, Label::Misc, "name/misc-quoted")
                }
            };
            for mut mention in emitted.into_iter().flatten() {
                mention.evidence = if mention.evidence.is_empty() {
                    evidence.clone()
                } else {
                    format!("{evidence}; {}", mention.evidence)
                };
                out.push(mention);
            }
        }
    }

    fn span(
        &self,
        ctx: &DocContext<'_>,
        first: usize,
        last: usize,
        label: Label,
        rule: &str,
    ) -> Mention {
        let a = ctx.analysis;
        let mut m = ctx.mention(
            a.tokens()[first].start,
            a.tokens()[last].end,
            label,
            serde_json::Value::Null,
            rule,
        );
        m.priority = priority::TRIGGER;
        m
    }

    /// Title (+ NORP adjectives and ال-descriptors) + 1–4 name tokens.
    fn title_person(&self, ctx: &DocContext<'_>, mut j: usize) -> Option<Vec<Mention>> {
        let a = ctx.analysis;
        let mut skipped = 0;
        while j < a.len() && skipped < 3 {
            let key = a.key(j);
            let skippable = self.norp_at(a, j)
                || (Self::token_has_article(a, j)
                    && self.common.contains(key)
                    && !self.given.contains(key));
            if !skippable {
                break;
            }
            j += 1;
            skipped += 1;
        }
        let first = j;
        if first >= a.len()
            || !self.is_name_token(a, first, false)
            || Self::token_has_article(a, first)
        {
            return None;
        }
        let mut last = first;
        while last + 1 < a.len() && last + 1 - first < 4 {
            let prev_particle = self.particles.contains(a.key(last));
            if !self.is_name_token(a, last + 1, prev_particle) {
                break;
            }
            last += 1;
        }
        // A name does not end on a particle.
        while last > first && self.particles.contains(a.key(last)) {
            last -= 1;
        }
        Some(vec![self.span(
            ctx,
            first,
            last,
            Label::Person,
            "name/title-person",
        )])
    }

    /// The speaker after a speech verb (`وقال [فيرجسون]`): a name whose
    /// first word is no ordinary word (ANERcorp-common, stop, listed place…).
    fn speaker(&self, ctx: &DocContext<'_>, first: usize) -> Option<Vec<Mention>> {
        let a = ctx.analysis;
        if first >= a.len()
            || !self.is_name_token(a, first, false)
            || Self::token_has_article(a, first)
            || self.common.contains(a.key(first))
        {
            return None;
        }
        let mut mentions = self.title_person(ctx, first)?;
        for m in &mut mentions {
            m.rule = "name/speaker".into();
            m.priority = priority::PERSON_LIST;
        }
        Some(mentions)
    }

    /// A city followed by a masculine nationality adjective is a sports
    /// club: a city takes a feminine adjective (`باريس الفرنسية`), a club the
    /// masculine of the implied `النادي` (`ليون الفرنسي`, `هامبورغ الألماني`).
    /// The city alone becomes ORG; the adjective stays NORP.
    fn club_city_at(&self, ctx: &DocContext<'_>, i: usize, out: &mut Vec<Mention>) {
        let a = ctx.analysis;
        if i + 1 >= a.len() || !self.norp_at(a, i + 1) || !Self::token_has_article(a, i + 1) {
            return;
        }
        let adjective = a.light(i + 1);
        let masculine_singular = !adjective.ends_with('ة')
            && !adjective.ends_with('ه')
            && !["ون", "ين", "ات"].iter().any(|p| adjective.ends_with(p));
        if !masculine_singular {
            return;
        }
        let Some(city) = self.gazetteer.matches_at(a, i, true).into_iter().find(|m| {
            m.end == i + 1
                && m.payload.label == Label::Gpe
                && m.payload.source.starts_with("names/gaz_cities")
        }) else {
            return;
        };
        let mut m = ctx.mention(
            city.start,
            a.tokens()[i].end,
            Label::Org,
            serde_json::Value::Null,
            "name/club-city",
        );
        m.priority = priority::CONTEXT;
        m.evidence = format!("city + masculine adjective `{}`: a club", a.surface(i + 1));
        out.push(m);
    }

    /// Whether a word (or its stem after a proclitic) is a listed given or
    /// family name or a particle: the gate of [`Self::person_list_at`].
    fn may_start_person(&self, key: &str) -> bool {
        let listed = |k: &str| {
            self.given.contains(k) || self.family.contains(k) || self.particles.contains(k)
        };
        listed(key) || crate::text::clitics::clitic_splits_iter(key).any(|s| listed(&s.stem_key))
    }

    /// Given name (from the lists) + following name tokens.
    fn person_list_at(&self, ctx: &DocContext<'_>, i: usize, out: &mut Vec<Mention>) {
        let a = ctx.analysis;
        let key = a.key(i);
        let starts_with_particle = self.particles.contains(key)
            && !self.stop_light.contains(a.light(i))
            && i + 1 < a.len()
            && (self.family.contains(a.key(i + 1))
                || self.given.contains(a.key(i + 1))
                || self
                    .gazetteer
                    .word_payloads(a.key(i + 1))
                    .any(|p| p.label == Label::Person));
        let (start, is_given) = if self.given.contains(key) || starts_with_particle {
            (a.tokens()[i].start, true)
        } else if self.family.contains(key)
            && !self.common.contains(key)
            && !self.stop.contains(key)
        {
            (a.tokens()[i].start, false)
        } else {
            // A proclitic before a given name (`ومحمد`) or a listed family
            // name that is no ordinary word (`وبوتين`).
            let split = crate::text::clitic_splits(key).into_iter().find(|s| {
                self.given.contains(&s.stem_key)
                    || (self.family.contains(&s.stem_key)
                        && !self.common.contains(&s.stem_key)
                        && !self.stop.contains(&s.stem_key))
            });
            match split.and_then(|s| crate::text::clitics::stem_start(a, i, &s)) {
                Some(start) => (start, true),
                None => return,
            }
        };
        if self.stop.contains(a.light(i)) {
            return;
        }
        // A family name with the article standing alone (`المفتي`, also a
        // title) is not enough evidence.
        if !is_given && Self::token_has_article(a, i) {
            return;
        }
        let mut last = i;
        // A name continues after a given name; a family name ends one.
        if is_given {
            while last + 1 < a.len() && last + 1 - i < 4 {
                let prev_particle = self.particles.contains(a.key(last));
                if !self.is_name_token(a, last + 1, prev_particle) {
                    break;
                }
                last += 1;
            }
        }
        while last > i && self.particles.contains(a.key(last)) {
            last -= 1;
        }
        // A lone given name that is also a common word, or a lone particle
        // (`بن`), is not enough.
        if last == i && (self.common.contains(key) || self.particles.contains(key)) {
            return;
        }
        let mut m = ctx.mention(
            start,
            a.tokens()[last].end,
            Label::Person,
            serde_json::Value::Null,
            "name/person-list",
        );
        m.priority = priority::PERSON_LIST;
        m.evidence = format!("person name list: {}", a.surface(i));
        out.push(m);
    }

    /// Organization head kept: head + construct chain of ال-words, a known
    /// place, NORP adjectives, `و`+ال conjuncts (`وزارة الاقتصاد والمالية`).
    fn org_with_head(
        &self,
        ctx: &DocContext<'_>,
        start: usize,
        after: usize,
        strength: HeadStrength,
    ) -> Option<Vec<Mention>> {
        let a = ctx.analysis;
        let descriptor = strength == HeadStrength::Descriptor;
        // A known organization after a descriptor stands alone
        // (`فريق [الرجاء البيضاوي]`): the lexicon has it, the head is dropped.
        if descriptor
            && after < a.len()
            && self
                .gazetteer
                .matches_at(a, after, false)
                .iter()
                .any(|m| m.payload.label == Label::Org)
        {
            return None;
        }
        let mut j = after;
        let mut last = None;
        let mut bare_run = true; // only bare nouns since the head (construct chain)
        while j < a.len() && j - after < 5 {
            if !Self::is_word(a, j) || self.is_stop(a, j) {
                break;
            }
            let key = a.key(j);
            // `والمالية` continues a name; `والحكومة` (another head) starts a new one.
            let conj_al = key.starts_with("وال")
                && key.chars().count() > 4
                && !self.trigger_words.contains(&key["و".len()..]);
            // A place is the genitive of the head or of a bare noun
            // (`بنك الصين`), never after a definite word (`مجلس الوزراء التزام لبنان`).
            let known_place = bare_run
                .then(|| {
                    self.gazetteer
                        .matches_at(a, j, false)
                        .into_iter()
                        .find(|m| matches!(m.payload.label, Label::Gpe | Label::Loc))
                })
                .flatten();
            if let Some(place) = known_place {
                last = Some(place.end - 1);
                bare_run = false;
                j = place.end;
                continue;
            }
            if has_pronoun_suffix(a.light(j)) {
                break;
            }
            if Self::token_has_article(a, j) || (conj_al && last.is_some()) {
                last = Some(j);
                bare_run = false;
                j += 1;
                continue;
            }
            // A bare noun inside a construct chain (`اتحاد صناعة السيارات`),
            // not a preposition + noun (`البنك بالإصلاحات المالية`).
            let conjunct = self.looks_like_clitic_common(key);
            if !descriptor
                && bare_run
                && !conjunct
                && !self.trigger_words.contains(key)
                && j + 1 < a.len()
                && Self::token_has_article(a, j + 1)
                && !self.is_stop(a, j + 1)
            {
                j += 1;
                continue;
            }
            break;
        }
        let mut last = last?;
        if self.is_suffix(a, last + 1) {
            last += 1;
        }
        let alias = self.bracket_alias(ctx, last + 1);
        if strength != HeadStrength::Strong {
            // A generic descriptor (`شبكة`, `شركة`) + ordinary words is a
            // description, not a name, unless something vouches for it: a
            // known place, an uncommon word, or a bracketed alias after it.
            let chain_end = if self.is_suffix(a, last) {
                last
            } else {
                last + 1
            };
            let known = (after..=last).any(|k| !self.gazetteer.matches_at(a, k, false).is_empty());
            let uncommon = (after..chain_end).any(|k| !self.common.contains(a.key(k)));
            let evidence = alias.is_some() || known || (chain_end - after >= 2 && uncommon);
            // A definite head with only nationality adjectives describes
            // (`الصحيفة الإسرائيلية`, `الجيش الأميركي`); it names nothing.
            let definite_head = after > 0 && Self::token_has_article(a, after - 1);
            let only_nationality = (after..chain_end).all(|k| self.norp_at(a, k));
            if !evidence || (definite_head && only_nationality && alias.is_none()) {
                return None;
            }
        }
        let mut m = ctx.mention(
            start,
            a.tokens()[last].end,
            Label::Org,
            serde_json::Value::Null,
            "name/org-head",
        );
        m.priority = priority::TRIGGER;
        let mut out = vec![m];
        out.extend(alias);
        Some(out)
    }

    /// Descriptor dropped before a bare name: `شركة [هواوي]`,
    /// `شركة الاتصالات [هواوي]`, `وكالة [موديز]`.
    fn org_after_descriptor(&self, ctx: &DocContext<'_>, after: usize) -> Option<Vec<Mention>> {
        let a = ctx.analysis;
        let mut j = after;
        // up to two sector words (`الاتصالات`, `النفط`)
        while j < a.len()
            && j - after < 2
            && Self::is_word(a, j)
            && Self::token_has_article(a, j)
            && !self.is_stop(a, j)
        {
            j += 1;
        }
        if j >= a.len() || !self.is_bare_proper(a, j) {
            return None;
        }
        let first = j;
        let mut last = j;
        if let Some(known) = self
            .gazetteer
            .matches_at(a, j, false)
            .into_iter()
            .find(|m| m.payload.label == Label::Org)
        {
            last = known.end - 1;
        } else {
            while last + 1 < a.len()
                && last + 1 - first < 2
                && !a.key(last + 1).starts_with('و')
                && !has_pronoun_suffix(a.light(last + 1))
                && self.is_bare_proper(a, last + 1)
            {
                last += 1;
            }
        }
        let mut named = self.span(ctx, first, last, Label::Org, "name/org-descriptor");
        named.priority = priority::CONTEXT;
        let mut out = vec![named];
        out.extend(self.bracket_alias(ctx, last + 1));
        // Coordinated names under the same descriptor: `شركة هواوي و[زد]`.
        let mut k = last + 1;
        while k < a.len() && Self::is_word(a, k) && a.key(k).starts_with('و') {
            let stem_key = &a.key(k)["و".len()..];
            let proper = stem_key.chars().count() >= 2
                && !stem_key.starts_with("ال")
                && !self.common.contains(stem_key)
                && !self.stop.contains(stem_key)
                && !self.trigger_words.contains(stem_key)
                && !self.gazetteer.contains_word(stem_key);
            if !proper {
                break;
            }
            let start = a.orig_offset(k, 1);
            let mut m = ctx.mention(
                start,
                a.tokens()[k].end,
                Label::Org,
                serde_json::Value::Null,
                "name/org-descriptor",
            );
            m.priority = priority::TRIGGER;
            m.evidence = "coordinated with a name after the same descriptor".into();
            out.push(m);
            k += 1;
        }
        Some(out)
    }

    /// `(` bare words `)` right after an organization: its alias, also ORG.
    fn bracket_alias(&self, ctx: &DocContext<'_>, j: usize) -> Option<Mention> {
        let a = ctx.analysis;
        if j + 2 >= a.len() || a.light(j) != "(" {
            return None;
        }
        let mut k = j + 1;
        while k < a.len() && k - j <= 3 && Self::is_word(a, k) && !self.is_stop(a, k) {
            k += 1;
        }
        if k == j + 1 || k >= a.len() || a.light(k) != ")" {
            return None;
        }
        let mut m = self.span(ctx, j + 1, k - 1, Label::Org, "name/org-alias");
        m.evidence = "bracketed alias after an organization".into();
        Some(m)
    }

    /// Place head dropped: `مقاطعة [شانشي]`, `ولاية [ورقلة]`.
    fn place_after_head(&self, ctx: &DocContext<'_>, after: usize) -> Option<Vec<Mention>> {
        let a = ctx.analysis;
        if after >= a.len() || !self.is_bare_proper(a, after) || a.tokens()[after].glued {
            return None;
        }
        // `منطقة حدودية`, `حي سكني`: an adjective, not a name.
        let key = a.key(after);
        if key.ends_with("يه")
            || key.ends_with("ي") && a.key(after.saturating_sub(1)).starts_with("ال")
        {
            return None;
        }
        // A known place is the gazetteer's; the head only vouches for an unknown one-word name.
        if self
            .gazetteer
            .matches_at(a, after, false)
            .iter()
            .any(|m| m.payload.label != Label::Norp)
        {
            return None;
        }
        Some(vec![self.span(
            ctx,
            after,
            after,
            Label::Gpe,
            "name/place-head",
        )])
    }

    /// Facility head kept: head + a bare name, a known place, or a chain of
    /// ال-words that are not all common (`ميناء جوادر`, `مطار القاهرة`,
    /// `مركز التعاون الحدودي العالمي`).
    fn facility_with_head(
        &self,
        ctx: &DocContext<'_>,
        start: usize,
        after: usize,
    ) -> Option<Vec<Mention>> {
        let a = ctx.analysis;
        if let Some(quoted) = self.quoted_after(ctx, after, Label::Fac, "name/facility-quoted") {
            return Some(quoted);
        }
        if after >= a.len() || !Self::is_word(a, after) || self.is_stop(a, after) {
            return None;
        }
        let place = self
            .gazetteer
            .matches_at(a, after, false)
            .into_iter()
            .find(|m| matches!(m.payload.label, Label::Gpe | Label::Loc));
        let titled = self
            .triggers
            .matches_at(a, after, false)
            .into_iter()
            .find(|m| m.payload.kinds.contains(&TriggerKind::PersonTitle));
        let last = if let Some(place) = place {
            place.end - 1
        } else if let Some(Some(person)) = titled.map(|t| self.title_person(ctx, t.end)) {
            // `مطار الملك عبد العزيز`: a facility named after a titled person.
            let end = person[0].end;
            a.tokens()
                .partition_point(|t| t.end <= end)
                .saturating_sub(1)
                .max(after)
        } else if self.is_bare_proper(a, after) {
            let mut last = after;
            while last + 1 < a.len()
                && last + 1 - after < 3
                && !has_pronoun_suffix(a.light(last + 1))
                && self.is_bare_proper(a, last + 1)
            {
                last += 1;
            }
            last
        } else {
            let mut j = after;
            while j < a.len()
                && j - after < 4
                && Self::is_word(a, j)
                && Self::token_has_article(a, j)
                && !self.is_stop(a, j)
            {
                j += 1;
            }
            let chain = j - after;
            let uncommon = (after..j).any(|k| !self.common.contains(a.key(k)));
            if chain == 0 || (chain == 1 && !uncommon) {
                return None;
            }
            j - 1
        };
        let last = if self.is_suffix(a, last + 1) {
            last + 1
        } else {
            last
        };
        let mut m = ctx.mention(
            start,
            a.tokens()[last].end,
            Label::Fac,
            serde_json::Value::Null,
            "name/facility-head",
        );
        m.priority = priority::TRIGGER;
        Some(vec![m])
    }

    /// A quoted name right after a head: `مبادرة "[الحزام والطريق]"`.
    fn quoted_after(
        &self,
        ctx: &DocContext<'_>,
        after: usize,
        label: Label,
        rule: &str,
    ) -> Option<Vec<Mention>> {
        let a = ctx.analysis;
        let open = a.light(after.min(a.len().saturating_sub(1)));
        if after >= a.len() || !matches!(open, "\"" | "«" | "“") {
            return None;
        }
        let close = match open {
            "«" => "»",
            "“" => "”",
            _ => "\"",
        };
        let mut k = after + 1;
        while k < a.len() && k - after <= 8 && a.light(k) != close {
            k += 1;
        }
        if k >= a.len() || a.light(k) != close || k == after + 1 {
            return None;
        }
        Some(vec![self.span(ctx, after + 1, k - 1, label, rule)])
    }

    /// Document-level propagation: the parts of a full person name found in
    /// the document (`شي` after `شي جين بينغ`) and organization aliases are
    /// tagged at their other mentions, later ones and also earlier ones
    /// (a headline often names the person before the full name appears).
    fn propagate(&self, ctx: &DocContext<'_>, found: &mut Vec<Mention>) {
        let a = ctx.analysis;
        let mut table: PhraseTable<Label> = PhraseTable::default();
        for m in found.iter() {
            let reliable = matches!(
                m.rule.as_str(),
                "name/title-person"
                    | "name/person-list"
                    | "name/org-alias"
                    | "name/org-descriptor"
                    | "name/gazetteer-person"
                    | "name/learned-person"
                    | "name/pattern-nasab"
            );
            if !reliable {
                continue;
            }
            let keys = lexicon::phrase_keys(&m.text);
            if m.label == Label::Person && keys.len() >= 2 {
                for k in &keys {
                    if k.chars().count() >= 2
                        && !self.particles.contains(k)
                        && !self.stop.contains(k)
                        && !self.common.contains(k)
                    {
                        table.insert(k, Label::Person);
                    }
                }
            }
            table.insert(&m.text, m.label);
        }
        if table.is_empty() {
            return;
        }
        for i in 0..a.len() {
            if !Self::is_word(a, i) || !table.may_start(a.key(i), true) {
                continue;
            }
            if let Some(m) = table.matches_at(a, i, true).into_iter().next() {
                let end = a.tokens()[m.end - 1].end;
                let mut mention = ctx.mention(
                    m.start,
                    end,
                    *m.payload,
                    serde_json::Value::Null,
                    "name/propagated",
                );
                mention.priority = priority::PROPAGATED;
                mention.evidence = "a longer mention earlier in the document".into();
                found.push(mention);
            }
        }
    }

    /// Whether a word (by key) could be part of a name: a listed name, or a
    /// word that is not a stop, common or trigger word, not a conjunct
    /// (`وكريستيانو`), not proclitic + an ordinary word (`بالرئيس`), and does
    /// not end in an attached pronoun.
    pub fn could_be_name(&self, key: &str) -> bool {
        if self.given.contains(key) || self.family.contains(key) {
            return true;
        }
        !(self.stop.contains(key)
            || self.common.contains(key)
            || self.trigger_words.contains(key)
            || key.starts_with('و')
            || self.looks_like_clitic_common(key)
            || self.inflected_common(key)
            || has_pronoun_suffix(key))
    }

    /// Whether a key is in a named lexicon (for token patterns): `given`,
    /// `family`, `particle`, `stop`, `common`, `trigger`, `name` (see
    /// [`Self::could_be_name`]), or a names label
    /// (`gpe`, `org`…: a one-word gazetteer entry with that label).
    pub fn key_in_lexicon(&self, lexicon: &str, key: &str) -> bool {
        match lexicon {
            "given" => self.given.contains(key),
            "family" => self.family.contains(key),
            "particle" => self.particles.contains(key),
            "stop" => self.stop.contains(key),
            "common" => self.common.contains(key),
            "trigger" => self.trigger_words.contains(key),
            "name" => self.could_be_name(key),
            label => match label.to_ascii_uppercase().parse::<Label>() {
                Ok(label) => self.gazetteer.word_payloads(key).any(|p| p.label == label),
                Err(_) => false,
            },
        }
    }
}

/// Suffixes of inflected forms of ordinary words: accusative tanween
/// (`رقما`), masculine and feminine sound plurals (`مهندسون`, `اتفاقات`);
/// not `ين`/`ان`, which end many names (`بوتين`, `الفردان`).
const INFLECTIONS: &[&str] = &["ا", "ون", "ات"];

/// A light-normalized word ending in an attached pronoun (`روايتها`,
/// `التزامهم`): an ordinary noun or verb, not part of a name.
fn has_pronoun_suffix(light: &str) -> bool {
    light.chars().count() > 4 && ["ها", "هم", "هما", "هن"].iter().any(|s| light.ends_with(s))
}

fn load_words(file: &str, text: &str, column: &str, set: &mut WordSet) -> Result<()> {
    let table = crate::rules::CsvTable::parse(file, text)?;
    let col = table.column(column)?;
    for row in &table.rows {
        let word = row.get(col);
        if word.is_empty() {
            return Err(table.error(row, format!("empty `{column}`")));
        }
        set.insert(word);
    }
    Ok(())
}
