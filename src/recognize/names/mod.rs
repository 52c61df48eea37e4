//! Named entities (PERSON NORP ORG GPE LOC FAC MISC) by rules that are data:
//! gazetteers (`rules/names/gaz_*.csv`), nisba stems generating NORP forms
//! (`norp_nisba.csv`), person name lists (`person_given.csv`,
//! `person_family.csv`), trigger words (`triggers.csv`), stop and common
//! words, and declarative token patterns (`patterns*.jsonl`). Matching is
//! clitic-aware (`و[روسيا]`, `ل[لصين]`) and a whole word is preferred to a
//! split. After the first pass, full person names and organization aliases
//! found in a document are propagated to their later bare mentions.

mod chains;
pub mod features;
pub mod lexicon;
pub mod patterns;

use std::collections::HashMap;
use std::sync::Arc;

use features::{flag, Flags, TokenFeatures, Vocabulary};
use lexicon::{PhraseMatch, PhraseTable, WordSet};
use patterns::Pattern;

use crate::error::{Error, Result};
use crate::mention::DocContext;
use crate::mention::{Label, Layer, Mention};
use crate::rules::RuleFiles;
use crate::text::Analysis;

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
    pub rule: Arc<str>,
    /// Where it comes from (`names/gaz_countries.csv:12 روسيا`).
    pub source: Source,
    /// Conflict priority.
    pub priority: i32,
}

/// Where a lexicon entry comes from: its file, line and the entry as
/// written. Displayed (`names/gaz_countries.csv:12 روسيا`) only when a
/// mention is explained, so loading formats nothing.
#[derive(Debug, Clone)]
pub struct Source {
    /// The rule file (`names/gaz_countries.csv`).
    pub file: Arc<str>,
    /// The line in it.
    pub line: usize,
    /// The entry or stem as written there.
    pub entry: Box<str>,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{} {}", self.file, self.line, self.entry)
    }
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
    /// The particles of a nasab chain (`بن`, `بنت`): role `nasab` in `name_particles.csv`.
    nasab: WordSet,
    stop: WordSet,
    stop_light: rustc_hash::FxHashSet<String>,
    common: WordSet,
    ambiguous: WordSet,
    rank: WordSet,
    patterns: Vec<Pattern>,
    /// Patterns by their fixed first word, whole or (for `clitic`) as a stem.
    pattern_index: rustc_hash::FxHashMap<String, Vec<usize>>,
    pattern_index_clitic: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// Patterns whose first element is no fixed word: tried everywhere.
    unkeyed_patterns: Vec<usize>,
    skipped_ambiguous: usize,
    /// Every one-word lexicon above, merged for one lookup per token.
    vocab: Vocabulary,
}

/// One document as the names rules see it: the context, its analysis and
/// the lexicon flags of its tokens.
struct Doc<'d> {
    ctx: &'d DocContext<'d>,
    a: &'d Analysis<'d>,
    f: TokenFeatures,
}

impl Doc<'_> {
    /// Whether token `i` exists and has any bit of `mask`.
    #[inline]
    fn any(&self, i: usize, mask: Flags) -> bool {
        self.f.any(i, mask)
    }

    /// A word token.
    #[inline]
    fn is_word(&self, i: usize) -> bool {
        self.f.any(i, flag::WORD)
    }

    /// A word starting with the definite article as written.
    #[inline]
    fn has_article(&self, i: usize) -> bool {
        self.f.any(i, flag::ARTICLE)
    }

    /// Not a word, or a stop word. Whole tokens are checked in their light
    /// form, so `على` stops a name and the name `علي` does not.
    #[inline]
    fn is_stop(&self, i: usize) -> bool {
        !self.is_word(i) || self.f.any(i, flag::LIGHT_STOP)
    }

    /// A word that may close a name (`الدولي`).
    #[inline]
    fn is_suffix(&self, i: usize) -> bool {
        self.f.any(i, flag::NAME_SUFFIX)
    }

    /// A nationality word (a one-word NORP entry).
    #[inline]
    fn is_norp(&self, i: usize) -> bool {
        self.is_word(i) && self.f.any(i, flag::NORP_WORD)
    }

    /// A head dropped before a name standing alone, also after a proclitic (`وسلطنة`).
    #[inline]
    fn is_descriptor(&self, i: usize) -> bool {
        self.f.any(i, flag::DESCRIPTOR_HEAD) || self.f.stem_any(i, flag::DESCRIPTOR_HEAD)
    }
}

/// Highest ANERcorp entity share of a word that still counts as common.
const COMMON_MAX_SHARE: f64 = 0.05;

/// Occurrences needed before a mostly-untagged word makes a one-word
/// lexicon entry ambiguous (one untagged sighting is not enough evidence).
const AMBIGUOUS_MIN_COUNT: usize = 3;

/// The rules whose mentions are sure enough to be propagated.
const PROPAGATION_SOURCES: &[&str] = &[
    "name/title-person",
    "name/person-list",
    "name/org-alias",
    "name/org-descriptor",
    "name/gazetteer-person",
    "name/learned-person",
    "name/pattern-nasab",
    "name/nasab-chain",
];

/// Where a propagated name was found: its label, start and line.
#[derive(Debug, Clone, Copy)]
struct PropagationSource {
    label: Label,
    start: usize,
    line: usize,
}

impl PropagationSource {
    /// The same source for one word of a person's name.
    fn person(self) -> Self {
        PropagationSource {
            label: Label::Person,
            ..self
        }
    }
}

/// Line numbers of code point offsets in a text.
struct LineIndex {
    /// Code point offsets just after each `\n`.
    line_starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let line_starts = text
            .chars()
            .enumerate()
            .filter(|&(_, c)| c == '\n')
            .map(|(n, _)| n + 1)
            .collect();
        LineIndex { line_starts }
    }

    /// The 0-based line of a code point offset.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }
}

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
            nasab: WordSet::default(),
            stop: WordSet::default(),
            stop_light: Default::default(),
            common: WordSet::default(),
            ambiguous: WordSet::default(),
            rank: WordSet::default(),
            patterns: Vec::new(),
            pattern_index: Default::default(),
            pattern_index_clitic: Default::default(),
            unkeyed_patterns: Vec::new(),
            skipped_ambiguous: 0,
            vocab: Vocabulary::default(),
        };
        if let Some(text) = rules.get(chains::PARTICLES_FILE) {
            r.load_particles(chains::PARTICLES_FILE, text)?;
        }
        // Word lists first: the gazetteer filter below consults them.
        for (prefix, set) in [
            ("names/person_given", &mut r.given),
            ("names/person_family", &mut r.family),
        ] {
            for (file, text) in rules.matching(prefix, ".csv") {
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
        if let Some(text) = rules.get("names/rank_words.csv") {
            load_words("names/rank_words.csv", text, "word", &mut r.rank)?;
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
        for (file, text) in rules.matching("names/triggers", ".csv") {
            r.load_triggers(file, text)?;
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
        r.vocab = r.build_vocabulary();
        Ok(r)
    }

    /// Merge the one-word lexicons into the vocabulary of token flags.
    fn build_vocabulary(&self) -> Vocabulary {
        let mut v = Vocabulary::default();
        for (set, bits) in [
            (&self.given, flag::GIVEN),
            (&self.family, flag::FAMILY),
            (&self.particles, flag::PARTICLE),
            (&self.stop, flag::STOP),
            (&self.common, flag::COMMON),
            (&self.trigger_words, flag::TRIGGER),
            (&self.rank, flag::RANK),
        ] {
            for word in set.iter() {
                v.add(word, bits);
            }
        }
        for word in &self.stop_light {
            v.add(word, flag::LIGHT_STOP);
            let key = crate::text::key(word);
            if key != *word {
                v.add(&key, flag::LIGHT_STOP_VARIANT);
            }
        }
        for word in self.common.iter() {
            if let Some(stem) = word.strip_suffix('ه') {
                v.add(stem, flag::COMMON_H_STEM);
                v.add(&format!("{stem}ت"), flag::COMMON_PRONOUN_STEM);
            } else if let Some(stem) = word.strip_suffix('ي') {
                v.add(word, flag::COMMON_PRONOUN_STEM);
                v.add(&format!("{stem}ا"), flag::COMMON_PRONOUN_STEM);
            } else {
                v.add(word, flag::COMMON_PRONOUN_STEM);
            }
        }
        for (first, singles) in self.gazetteer.first_words() {
            let labels = singles.fold(0, |f, p| f | features::label_word_flag(p.label));
            v.add(first, flag::GAZ_FIRST | labels);
        }
        for (first, singles) in self.triggers.first_words() {
            let mut bits = flag::TRIG_FIRST;
            for t in singles {
                if t.kinds.contains(&TriggerKind::NameSuffix) {
                    bits |= flag::NAME_SUFFIX;
                }
                if t.kinds.iter().any(|k| {
                    matches!(
                        k,
                        TriggerKind::PlaceHead
                            | TriggerKind::OrgDescriptor
                            | TriggerKind::OrgHead
                            | TriggerKind::OrgHeadStrong
                            | TriggerKind::MiscDescriptor
                    )
                }) {
                    bits |= flag::DESCRIPTOR_HEAD;
                }
            }
            v.add(first, bits);
        }
        for key in self.pattern_index.keys() {
            v.add(key, flag::PATTERN_KEY);
        }
        for key in self.pattern_index_clitic.keys() {
            v.add(key, flag::PATTERN_CLITIC_KEY);
        }
        v.finish();
        v
    }

    fn load_gazetteer(&mut self, file: &str, text: &str) -> Result<()> {
        let table = crate::rules::CsvTable::parse(file, text)?;
        let entry_col = table.column("entry")?;
        let label_col = table.column("label")?;
        // `priority`: `curated` (the default) or `learned` (a list derived
        // from a corpus, below curated lists and triggers in conflicts).
        let priority_col = table.optional_column("priority");
        let file_name: Arc<str> = Arc::from(file);
        // One rule id per label and kind, shared by the entries.
        let mut rules: HashMap<(Label, bool), Arc<str>> = HashMap::new();
        for row in &table.rows {
            let learned = match priority_col.map(|c| row.get(c)) {
                None | Some("" | "curated") => false,
                Some("learned") => true,
                Some(other) => {
                    return Err(table.error(
                        row,
                        format!("priority `{other}` is neither curated nor learned"),
                    ))
                }
            };
            let entry = row.get(entry_col);
            let label: Label = row
                .get(label_col)
                .parse()
                .map_err(|e: Error| table.error(row, e.to_string()))?;
            if label.layer() != Layer::Names {
                return Err(table.error(row, format!("{label} is not a names-layer label")));
            }
            let priority = if learned {
                priority::LEARNED
            } else {
                priority::CURATED
            };
            let rule = rules
                .entry((label, learned))
                .or_insert_with(|| {
                    let kind = if learned { "learned" } else { "gazetteer" };
                    Arc::from(format!("name/{kind}-{}", label_rule(label)))
                })
                .clone();
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
                source: Source {
                    file: file_name.clone(),
                    line: row.line,
                    entry: entry.into(),
                },
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
        let file_name: Arc<str> = Arc::from(file);
        let rule: Arc<str> = Arc::from("name/nisba");
        for row in &table.rows {
            let stem = row.get(stem_col);
            if !stem.ends_with('ي') {
                return Err(table.error(row, format!("nisba stem `{stem}` must end in ي")));
            }
            let source = Source {
                file: file_name.clone(),
                line: row.line,
                entry: stem.into(),
            };
            for suffix in ["", "ة", "ون", "ين", "ات"] {
                for article in ["", "ال"] {
                    let form = format!("{article}{stem}{suffix}");
                    self.gazetteer.insert(
                        &form,
                        GazEntry {
                            label: Label::Norp,
                            rule: rule.clone(),
                            source: source.clone(),
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
        let file_name: Arc<str> = Arc::from(file);
        let rule: Arc<str> = Arc::from("name/acronym-org");
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
                    rule: rule.clone(),
                    source: Source {
                        file: file_name.clone(),
                        line: row.line,
                        entry: acronym.into(),
                    },
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

    /// Every match of one token pattern in a document, by first token
    /// (for tests and rule authors checking a pattern's example).
    pub fn pattern_matches(
        &self,
        pattern: &Pattern,
        a: &Analysis<'_>,
    ) -> Vec<patterns::PatternMatch> {
        let features = self.vocab.features(a);
        (0..a.len())
            .filter_map(|i| pattern.match_at(&self.vocab, a, &features, i))
            .collect()
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

    /// A word that can be part of a person's name after a title or a given name.
    fn is_name_token(&self, d: &Doc<'_>, i: usize, prev_particle: bool) -> bool {
        // A one-letter word (`ه` split off a word, `و`) is never a name part.
        if !d.is_word(i) || d.any(i, flag::LIGHT_STOP) || d.a.key(i).chars().nth(1).is_none() {
            return false;
        }
        if d.any(i, flag::GIVEN | flag::FAMILY | flag::PARTICLE) {
            return true;
        }
        if d.any(i, flag::COMMON | flag::TRIGGER | flag::NON_PERSON_WORD) {
            return false;
        }
        // `مرماه` ("his goal"): a common word + the attached pronoun `ه`.
        let light = d.a.light(i);
        if let Some(stem) = d.a.key(i).strip_suffix('ه') {
            if light.ends_with('ه')
                && stem.chars().nth(2).is_some()
                && self.vocab.own(stem) & flag::COMMON_PRONOUN_STEM != 0
            {
                return false;
            }
        }
        // `وكريستيانو`: a conjunction starts the next name, not this one.
        if d.a.key(i).starts_with('و')
            || d.any(
                i,
                flag::CLITIC_COMMON | flag::INFLECTED | flag::PRONOUN_SUFFIX,
            )
        {
            return false;
        }
        if d.has_article(i) {
            // `عبد الله`, a nisba surname (`البقالي`, `الحسيني`), or a family
            // name with the article right after a given name (`حسين الفردان`).
            let after_given = i > 0 && d.any(i - 1, flag::GIVEN);
            return prev_particle || ((d.a.key(i).ends_with('ي') || after_given) && !d.is_norp(i));
        }
        true
    }

    /// A listed family name followed by an unlisted word that is mostly an
    /// ordinary word in ANERcorp ends the name (`[باتشان] نجم`): the word
    /// after a surname is the next noun or verb. The word is looked up only
    /// inside a name run. A rank after a given name alone is a regnal number and continues it
    /// (`الملك [عبد الله الثاني]`, `[محمد الخامس]`).
    fn family_ends(&self, d: &Doc<'_>, first: usize, last: usize) -> bool {
        if !d.any(last, flag::FAMILY)
            || d.any(last + 1, flag::GIVEN | flag::FAMILY | flag::PARTICLE)
        {
            return false;
        }
        let regnal = d.any(last + 1, flag::RANK)
            && (first..=last).all(|k| d.any(k, flag::GIVEN | flag::PARTICLE));
        !regnal && last + 1 < d.a.len() && self.ambiguous.contains(d.a.key(last + 1))
    }

    /// A bare (no article) word that looks like a proper name: not a stop,
    /// common or trigger word.
    fn is_bare_proper(&self, d: &Doc<'_>, i: usize) -> bool {
        if !d.is_word(i) {
            return false;
        }
        let key = d.a.key(i);
        key.chars().nth(1).is_some()
            && !d.any(
                i,
                flag::ARTICLE
                    | flag::PRONOUN_SUFFIX
                    | flag::STOP
                    | flag::COMMON
                    | flag::TRIGGER
                    | flag::CLITIC_COMMON
                    | flag::INFLECTED,
            )
            && !crate::text::clitics::is_proclitic(key)
    }

    /// Gazetteer matches at token `i` (with `clitics`, also of its stems).
    fn gaz_matches<'s>(
        &'s self,
        d: &Doc<'_>,
        i: usize,
        clitics: bool,
    ) -> Vec<PhraseMatch<'s, GazEntry>> {
        gated_matches(&self.gazetteer, flag::GAZ_FIRST, d, i, clitics)
    }

    /// Trigger matches at token `i`, as [`Self::gaz_matches`].
    fn trigger_matches<'s>(
        &'s self,
        d: &Doc<'_>,
        i: usize,
        clitics: bool,
    ) -> Vec<PhraseMatch<'s, Trigger>> {
        gated_matches(&self.triggers, flag::TRIG_FIRST, d, i, clitics)
    }

    // ---- recognition ---------------------------------------------------

    /// Emit candidate name mentions.
    pub fn recognize(&self, ctx: &DocContext<'_>, out: &mut Vec<Mention>) {
        let a = ctx.analysis;
        let d = Doc {
            ctx,
            a,
            f: self.vocab.features(a),
        };
        let mut found: Vec<Mention> = Vec::new();
        // Pattern indices to try at a token; one buffer for the whole document.
        let mut candidates: Vec<usize> = Vec::new();
        for i in 0..a.len() {
            let f = d.f.get(i);
            // Cheap gates first: most words start no phrase of any table.
            // A lexicon entry may start with a number (`3M`, `7 أكتوبر`).
            if (f.word | f.stems) & flag::GAZ_FIRST != 0 {
                self.gazetteer_at(&d, i, &mut found);
            }
            if f.word & flag::WORD != 0 {
                if (f.word | f.stems) & flag::TRIG_FIRST != 0 {
                    self.triggers_at(&d, i, &mut found);
                }
                if (f.word | f.stems) & (flag::GIVEN | flag::FAMILY | flag::PARTICLE) != 0 {
                    self.person_list_at(&d, i, &mut found);
                }
                if f.word & flag::PARTICLE != 0 {
                    self.nasab_chain_at(&d, i, &mut found);
                }
                self.club_city_at(&d, i, &mut found);
            }
            candidates.clear();
            if f.word & flag::PATTERN_KEY != 0 {
                candidates.extend(self.pattern_index.get(a.key(i)).into_iter().flatten());
            }
            if f.stems & flag::PATTERN_CLITIC_KEY != 0 {
                let keyed = crate::text::clitics::clitic_splits_iter(a.key(i))
                    .filter_map(|s| self.pattern_index_clitic.get(s.stem_key.as_ref()))
                    .flatten();
                candidates.extend(keyed);
            }
            for &p in &self.unkeyed_patterns {
                if self.patterns[p].may_start(f) {
                    candidates.push(p);
                }
            }
            if candidates.len() > 1 {
                candidates.sort_unstable();
                candidates.dedup();
            }
            for pattern in candidates.iter().map(|&p| &self.patterns[p]) {
                if let Some(m) = pattern.match_at(&self.vocab, a, &d.f, i) {
                    let mut mention = ctx.mention(
                        m.start,
                        m.end,
                        pattern.label,
                        serde_json::Value::Null,
                        &pattern.id,
                    );
                    mention.priority = pattern.priority.unwrap_or(priority::PATTERN);
                    if d.ctx.explain {
                        mention.evidence = format!("pattern {} ({})", pattern.id, pattern.source);
                    }
                    found.push(mention);
                }
            }
        }
        self.propagate(&d, &mut found);
        out.extend(found);
    }

    fn gazetteer_at(&self, d: &Doc<'_>, i: usize, out: &mut Vec<Mention>) {
        let a = d.a;
        let matches = self.gaz_matches(d, i, true);
        // Prefer the whole word: a clitic split only when no whole-word
        // match of the same first token exists.
        let whole = matches.iter().any(|m| !m.clitic);
        let mut kept: Vec<_> = matches.iter().filter(|m| !(whole && m.clitic)).collect();
        // The same span as a country and as a nisba form (`السعودية`): the
        // adjective reading after a definite noun (`السوق السعودية`), the
        // place otherwise (`للسعودية`, `بين السعودية والبحرين`).
        let after_definite = i > 0 && d.has_article(i - 1) && !d.is_stop(i - 1);
        let spans_with = |label: Label, m: &&PhraseMatch<'_, GazEntry>| {
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
        let mut drops = drop.into_iter();
        kept.retain(|_| !drops.next().unwrap_or(false));
        for m in kept {
            let mut start = m.start;
            // A descriptor heading an entry whose remainder is itself an entry
            // of the same label is dropped (`سلطنة [عمان]`, `وكالة [رويترز]`).
            if m.end - m.first >= 2 && d.is_descriptor(m.first) {
                let rest = self
                    .gaz_matches(d, m.first + 1, false)
                    .into_iter()
                    .any(|r| r.end == m.end && r.payload.label == m.payload.label);
                if rest {
                    start = a.tokens()[m.first + 1].start;
                }
            }
            let end = a.tokens()[m.end - 1].end;
            let mut mention = d.ctx.mention(
                start,
                end,
                m.payload.label,
                serde_json::Value::Null,
                &m.payload.rule,
            );
            mention.priority = m.payload.priority;
            if d.ctx.explain {
                mention.evidence = format!("lexicon {}", m.payload.source);
            }
            out.push(mention);
        }
    }

    /// Trigger rules: titles, organization heads and descriptors, place
    /// heads, facility heads, MISC heads before a quoted name.
    fn triggers_at(&self, d: &Doc<'_>, i: usize, out: &mut Vec<Mention>) {
        let Some(m) = self.trigger_matches(d, i, true).into_iter().next() else {
            return;
        };
        let after = m.end;
        // A descriptor before a bare name (`شركة [توتال]`) or a known
        // organization (`صحيفة [الأهرام]`) is no head of that name.
        let described = m.payload.kinds.contains(&TriggerKind::OrgDescriptor)
            && (self.org_after_descriptor(d, after).is_some()
                || self
                    .gaz_matches(d, after, false)
                    .iter()
                    .any(|g| g.payload.label == Label::Org));
        for &kind in &m.payload.kinds {
            if described && matches!(kind, TriggerKind::OrgHead | TriggerKind::OrgHeadStrong) {
                continue;
            }
            let emitted = match kind {
                TriggerKind::PersonTitle => self.title_person(d, after),
                TriggerKind::OrgHeadStrong => {
                    self.org_with_head(d, m.start, after, HeadStrength::Strong)
                }
                TriggerKind::OrgHead => self.org_with_head(d, m.start, after, HeadStrength::Weak),
                TriggerKind::NameSuffix => None,
                TriggerKind::SpeechVerb => self.speaker(d, after),
                TriggerKind::OrgDescriptor => self
                    .org_after_descriptor(d, after)
                    .or_else(|| self.org_with_head(d, m.start, after, HeadStrength::Descriptor)),
                TriggerKind::PlaceHead => self.place_after_head(d, after),
                TriggerKind::FacilityHead => self.facility_with_head(d, &m),
                TriggerKind::MiscHead | TriggerKind::MiscDescriptor => {
                    self.quoted_after(d, after, Label::Misc, "name/misc-quoted")
                }
            };
            for mut mention in emitted.into_iter().flatten() {
                if d.ctx.explain {
                    mention.evidence = if mention.evidence.is_empty() {
                        format!("trigger {}", m.payload.source)
                    } else {
                        format!("trigger {}; {}", m.payload.source, mention.evidence)
                    };
                }
                out.push(mention);
            }
        }
    }

    fn span(&self, d: &Doc<'_>, first: usize, last: usize, label: Label, rule: &str) -> Mention {
        let a = d.a;
        let mut m = d.ctx.mention(
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
    fn title_person(&self, d: &Doc<'_>, mut j: usize) -> Option<Vec<Mention>> {
        let a = d.a;
        let mut skipped = 0;
        while j < a.len() && skipped < 3 {
            let skippable = d.is_norp(j)
                || (d.has_article(j) && d.any(j, flag::COMMON) && !d.any(j, flag::GIVEN));
            if !skippable {
                break;
            }
            j += 1;
            skipped += 1;
        }
        let first = j;
        if first >= a.len() || !self.is_name_token(d, first, false) || d.has_article(first) {
            return None;
        }
        let mut last = first;
        while last + 1 < a.len() && last + 1 - first < 4 {
            let prev_particle = d.any(last, flag::PARTICLE);
            if self.family_ends(d, first, last) || !self.is_name_token(d, last + 1, prev_particle) {
                break;
            }
            last += 1;
        }
        // A name does not end on a particle, nor is it a particle alone (`وقال ابن المدينة`).
        while last > first && d.any(last, flag::PARTICLE) {
            last -= 1;
        }
        if d.any(last, flag::PARTICLE) {
            return None;
        }
        Some(vec![self.span(
            d,
            first,
            last,
            Label::Person,
            "name/title-person",
        )])
    }

    /// The speaker after a speech verb (`وقال [فيرجسون]`): a name whose
    /// first word is no ordinary word (ANERcorp-common, stop, listed place…).
    fn speaker(&self, d: &Doc<'_>, first: usize) -> Option<Vec<Mention>> {
        if first >= d.a.len()
            || !self.is_name_token(d, first, false)
            || d.has_article(first)
            || d.any(first, flag::COMMON)
        {
            return None;
        }
        let mut mentions = self.title_person(d, first)?;
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
    fn club_city_at(&self, d: &Doc<'_>, i: usize, out: &mut Vec<Mention>) {
        let a = d.a;
        if !d.is_norp(i + 1) || !d.has_article(i + 1) {
            return;
        }
        let adjective = a.light(i + 1);
        let masculine_singular = !adjective.ends_with('ة')
            && !adjective.ends_with('ه')
            && !["ون", "ين", "ات"].iter().any(|p| adjective.ends_with(p));
        if !masculine_singular {
            return;
        }
        let Some(city) = self.gaz_matches(d, i, true).into_iter().find(|m| {
            m.end == i + 1
                && m.payload.label == Label::Gpe
                && m.payload.source.file.starts_with("names/gaz_cities")
        }) else {
            return;
        };
        let mut m = d.ctx.mention(
            city.start,
            a.tokens()[i].end,
            Label::Org,
            serde_json::Value::Null,
            "name/club-city",
        );
        m.priority = priority::CONTEXT;
        if d.ctx.explain {
            m.evidence = format!("city + masculine adjective `{}`: a club", a.surface(i + 1));
        }
        out.push(m);
    }

    /// Given name (from the lists) + following name tokens.
    fn person_list_at(&self, d: &Doc<'_>, i: usize, out: &mut Vec<Mention>) {
        let a = d.a;
        let starts_with_particle = d.any(i, flag::PARTICLE)
            && !d.any(i, flag::LIGHT_STOP)
            && d.any(i + 1, flag::FAMILY | flag::GIVEN | flag::PERSON_WORD);
        let listed_family =
            |f: Flags| f & flag::FAMILY != 0 && f & (flag::COMMON | flag::STOP) == 0;
        let (start, is_given) = if d.any(i, flag::GIVEN) || starts_with_particle {
            (a.tokens()[i].start, true)
        } else if listed_family(d.f.get(i).word) {
            (a.tokens()[i].start, false)
        } else {
            // A proclitic before a given name (`ومحمد`) or a listed family
            // name that is no ordinary word (`وبوتين`).
            let split = crate::text::clitics::clitic_splits_iter(a.key(i)).find(|s| {
                let own = self.vocab.own(&s.stem_key);
                own & flag::GIVEN != 0 || listed_family(own)
            });
            match split.and_then(|s| crate::text::clitics::stem_start(a, i, &s)) {
                Some(start) => (start, true),
                None => return,
            }
        };
        if d.any(i, flag::STOP_OF_LIGHT) {
            return;
        }
        // A family name with the article standing alone (`المفتي`, also a
        // title) is not enough evidence.
        if !is_given && d.has_article(i) {
            return;
        }
        let mut last = i;
        // A name continues after a given name; a family name ends one.
        if is_given {
            while last + 1 < a.len() && last + 1 - i < 4 {
                let prev_particle = d.any(last, flag::PARTICLE);
                if self.family_ends(d, i, last) || !self.is_name_token(d, last + 1, prev_particle) {
                    break;
                }
                last += 1;
            }
        }
        while last > i && d.any(last, flag::PARTICLE) {
            last -= 1;
        }
        // A lone given name that is also a common word, or a lone particle
        // (`بن`), is not enough.
        if last == i && d.any(i, flag::COMMON | flag::PARTICLE) {
            return;
        }
        let mut m = d.ctx.mention(
            start,
            a.tokens()[last].end,
            Label::Person,
            serde_json::Value::Null,
            "name/person-list",
        );
        m.priority = priority::PERSON_LIST;
        if d.ctx.explain {
            m.evidence = format!("person name list: {}", a.surface(i));
        }
        out.push(m);
    }

    /// Organization head kept: head + construct chain of ال-words, a known
    /// place, NORP adjectives, `و`+ال conjuncts (`وزارة الاقتصاد والمالية`).
    fn org_with_head(
        &self,
        d: &Doc<'_>,
        start: usize,
        after: usize,
        strength: HeadStrength,
    ) -> Option<Vec<Mention>> {
        let a = d.a;
        let descriptor = strength == HeadStrength::Descriptor;
        // A known organization after a descriptor stands alone
        // (`فريق [الرجاء البيضاوي]`): the lexicon has it, the head is dropped.
        if descriptor
            && self
                .gaz_matches(d, after, false)
                .iter()
                .any(|m| m.payload.label == Label::Org)
        {
            return None;
        }
        let mut j = after;
        let mut last = None;
        let mut bare_run = true; // only bare nouns since the head (construct chain)
        while j < a.len() && j - after < 5 {
            if d.is_stop(j) {
                break;
            }
            let key = a.key(j);
            // `والمالية` continues a name; `والحكومة` (another head) starts a new one.
            let conj_al = key.starts_with("وال")
                && key.chars().count() > 4
                && self.vocab.own(&key["و".len()..]) & flag::TRIGGER == 0;
            // A place is the genitive of the head or of a bare noun
            // (`بنك الصين`), never after a definite word (`مجلس الوزراء التزام لبنان`).
            let known_place = bare_run
                .then(|| {
                    self.gaz_matches(d, j, false)
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
            if d.any(j, flag::PRONOUN_SUFFIX) {
                break;
            }
            // After a nationality adjective or a name word (`الفرنسية`,
            // `الله`), a definite ordinary noun that is no adjective begins
            // the next phrase (`وكالة الأنباء الفرنسية | الخبر`).
            // Adjective-shaped: a nisba or feminine ending, or a participle (`الموحد`).
            let nisba_shaped = ['\u{064A}', '\u{0647}'].iter().any(|&c| key.ends_with(c))
                || key.starts_with("\u{0627}\u{0644}\u{0645}");
            if d.has_article(j)
                && last == Some(j - 1)
                && d.any(j, flag::COMMON)
                && !nisba_shaped
                && (d.is_norp(j - 1) || !d.any(j - 1, flag::COMMON))
            {
                break;
            }
            if d.has_article(j) || (conj_al && last.is_some()) {
                last = Some(j);
                bare_run = false;
                j += 1;
                continue;
            }
            // A bare noun inside a construct chain (`اتحاد صناعة السيارات`),
            // not a preposition + noun (`البنك بالإصلاحات المالية`).
            if !descriptor
                && bare_run
                && !d.any(j, flag::CLITIC_COMMON | flag::TRIGGER)
                && d.has_article(j + 1)
                && !d.is_stop(j + 1)
            {
                j += 1;
                continue;
            }
            break;
        }
        let mut last = last?;
        if d.is_suffix(last + 1) {
            last += 1;
        }
        let alias = self.bracket_alias(d, last + 1);
        if strength != HeadStrength::Strong {
            // A generic descriptor (`شبكة`, `شركة`) + ordinary words is a
            // description, not a name, unless something vouches for it: a
            // known place, an uncommon word, or a bracketed alias after it.
            let chain_end = if d.is_suffix(last) { last } else { last + 1 };
            let known = (after..=last).any(|k| !self.gaz_matches(d, k, false).is_empty());
            let uncommon = (after..chain_end).any(|k| !d.any(k, flag::COMMON));
            let evidence = alias.is_some() || known || (chain_end - after >= 2 && uncommon);
            // A definite head with only nationality adjectives describes
            // (`الصحيفة الإسرائيلية`, `الجيش الأميركي`); it names nothing.
            // After an indefinite descriptor the word is the name itself,
            // which stands alone (`فريق [العربي]`, the club).
            let definite_head = after > 0 && d.has_article(after - 1);
            let only_nationality = (after..chain_end).all(|k| d.is_norp(k));
            if !evidence || ((definite_head || descriptor) && only_nationality && alias.is_none()) {
                return None;
            }
        }
        let mut m = d.ctx.mention(
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
    fn org_after_descriptor(&self, d: &Doc<'_>, after: usize) -> Option<Vec<Mention>> {
        let a = d.a;
        let mut j = after;
        // Up to two sector words (`الاتصالات`, `النفط`) or nationality
        // adjectives (`وكالة الأنباء القطرية قنا`): ordinary words. A definite
        // word that may be a name is the name, not a sector; so is a
        // nationality word right after an indefinite descriptor, which it
        // cannot qualify (`فريق العربي`, the club).
        let definite_head = after > 0 && d.has_article(after - 1);
        while j < a.len() && j - after < 2 && d.has_article(j) && !d.is_stop(j) {
            let adjective = d.is_norp(j) && (j > after || definite_head);
            if !(d.any(j, flag::COMMON) || adjective) {
                break;
            }
            j += 1;
        }
        if j >= a.len() || !self.is_bare_proper(d, j) {
            return None;
        }
        let first = j;
        let mut last = j;
        if let Some(known) = self
            .gaz_matches(d, j, false)
            .into_iter()
            .find(|m| m.payload.label == Label::Org)
        {
            last = known.end - 1;
        } else {
            while last + 1 < a.len()
                && last + 1 - first < 2
                && !a.key(last + 1).starts_with('و')
                && !d.any(last + 1, flag::PRONOUN_SUFFIX)
                && self.is_bare_proper(d, last + 1)
            {
                last += 1;
            }
        }
        let mut named = self.span(d, first, last, Label::Org, "name/org-descriptor");
        named.priority = priority::CONTEXT;
        let mut out = vec![named];
        out.extend(self.bracket_alias(d, last + 1));
        // Coordinated names under the same descriptor: `شركة هواوي و[زد]`.
        let mut k = last + 1;
        while k < a.len() && d.is_word(k) && a.key(k).starts_with('و') {
            let stem_key = &a.key(k)["و".len()..];
            let proper = stem_key.chars().nth(1).is_some()
                && !stem_key.starts_with("ال")
                && self.vocab.own(stem_key)
                    & (flag::COMMON | flag::STOP | flag::TRIGGER | flag::GAZ_WORD)
                    == 0;
            if !proper {
                break;
            }
            let start = a.orig_offset(k, 1);
            let mut m = d.ctx.mention(
                start,
                a.tokens()[k].end,
                Label::Org,
                serde_json::Value::Null,
                "name/org-descriptor",
            );
            m.priority = priority::TRIGGER;
            if d.ctx.explain {
                m.evidence = "coordinated with a name after the same descriptor".into();
            }
            out.push(m);
            k += 1;
        }
        Some(out)
    }

    /// `(` bare words `)` right after an organization: its alias, also ORG.
    fn bracket_alias(&self, d: &Doc<'_>, j: usize) -> Option<Mention> {
        let a = d.a;
        if j + 2 >= a.len() || a.light(j) != "(" {
            return None;
        }
        let mut k = j + 1;
        while k < a.len() && k - j <= 3 && !d.is_stop(k) {
            k += 1;
        }
        if k == j + 1 || k >= a.len() || a.light(k) != ")" {
            return None;
        }
        let mut m = self.span(d, j + 1, k - 1, Label::Org, "name/org-alias");
        if d.ctx.explain {
            m.evidence = "bracketed alias after an organization".into();
        }
        Some(m)
    }

    /// Place head dropped: `مقاطعة [شانشي]`, `ولاية [ورقلة]`.
    fn place_after_head(&self, d: &Doc<'_>, after: usize) -> Option<Vec<Mention>> {
        let a = d.a;
        if after >= a.len() || !self.is_bare_proper(d, after) || a.tokens()[after].glued {
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
            .gaz_matches(d, after, false)
            .iter()
            .any(|m| m.payload.label != Label::Norp)
        {
            return None;
        }
        Some(vec![self.span(
            d,
            after,
            after,
            Label::Gpe,
            "name/place-head",
        )])
    }

    /// Facility head kept: head + a bare name, a known place, or a chain of
    /// ال-words that are not all common (`ميناء جوادر`, `مطار القاهرة`,
    /// `مركز التعاون الحدودي العالمي`).
    ///
    /// Not a name: a rank (`احتل المركز الثاني`, an ordinal or `الأخير`
    /// after the head), a verbal noun after the preposition `ل` with an
    /// indefinite object (`لسد ثغرة` "to fill a gap"), an indefinite head
    /// with two indefinite nisba adjectives (`مركز مالي عالمي`).
    fn facility_with_head(
        &self,
        d: &Doc<'_>,
        m: &PhraseMatch<'_, Trigger>,
    ) -> Option<Vec<Mention>> {
        let a = d.a;
        let (start, after) = (m.start, m.end);
        if let Some(quoted) = self.quoted_after(d, after, Label::Fac, "name/facility-quoted") {
            return Some(quoted);
        }
        if after >= a.len() || d.is_stop(after) || d.any(after, flag::RANK) {
            return None;
        }
        // The head as written after its proclitic (`لسد` → ل + `سد`).
        let head_key = a.key(m.first);
        let (proclitic, head_key) = if m.clitic {
            crate::text::clitics::clitic_splits_iter(head_key)
                .find(|s| self.vocab.own(&s.stem_key) & flag::TRIG_FIRST != 0)
                .map_or(("", head_key.into()), |s| (s.proclitic, s.stem_key))
        } else {
            ("", head_key.into())
        };
        let indefinite_head = !head_key.starts_with("ال");
        let nisba = |k: usize| {
            // `is_word` first: `k` may be past the last token.
            d.is_word(k)
                && !d.has_article(k)
                && !d.is_stop(k)
                && (a.key(k).ends_with('ي') || a.key(k).ends_with("يه"))
        };
        // `مركز مالي عالمي`: the word after the head agrees with an adjective after it.
        if indefinite_head && a.key(after).ends_with('ي') && nisba(after) && nisba(after + 1) {
            return None;
        }
        let place = self
            .gaz_matches(d, after, false)
            .into_iter()
            .find(|m| matches!(m.payload.label, Label::Gpe | Label::Loc));
        let titled = self
            .trigger_matches(d, after, false)
            .into_iter()
            .find(|m| m.payload.kinds.contains(&TriggerKind::PersonTitle));
        let last = if let Some(place) = place {
            place.end - 1
        } else if let Some(Some(person)) = titled.map(|t| self.title_person(d, t.end)) {
            // `مطار الملك عبد العزيز`: a facility named after a titled person.
            let end = person[0].end;
            a.tokens()
                .partition_point(|t| t.end <= end)
                .saturating_sub(1)
                .max(after)
        } else if self.is_bare_proper(d, after) {
            // `لسد ثغرة`: ل + verbal noun + an indefinite feminine noun.
            if proclitic.ends_with('ل') && indefinite_head && a.light(after).ends_with('ة') {
                return None;
            }
            let mut last = after;
            while last + 1 < a.len()
                && last + 1 - after < 3
                && !d.any(last + 1, flag::PRONOUN_SUFFIX)
                && self.is_bare_proper(d, last + 1)
            {
                last += 1;
            }
            last
        } else {
            let mut j = after;
            while j < a.len() && j - after < 4 && d.has_article(j) && !d.is_stop(j) {
                // A rank after an adjective qualifies the head
                // (`المركز المالي الثالث`); after a name it is regnal
                // (`مسجد الحسن الثاني`).
                let adjective = a.key(j - 1).ends_with('ي') || a.key(j - 1).ends_with("يه");
                if d.any(j, flag::RANK) && adjective {
                    break;
                }
                j += 1;
            }
            let chain = j - after;
            let uncommon = (after..j).any(|k| !d.any(k, flag::COMMON));
            if chain == 0 || (chain == 1 && !uncommon) {
                return None;
            }
            j - 1
        };
        let last = if d.is_suffix(last + 1) {
            last + 1
        } else {
            last
        };
        let mut m = d.ctx.mention(
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
        d: &Doc<'_>,
        after: usize,
        label: Label,
        rule: &str,
    ) -> Option<Vec<Mention>> {
        let a = d.a;
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
        Some(vec![self.span(d, after + 1, k - 1, label, rule)])
    }

    /// Document-level propagation: the parts of a full person name found in
    /// the document (`شي` after `شي جين بينغ`) and organization aliases are
    /// tagged at their later mentions. A propagated mention never starts
    /// before its source, never comes from a word shorter than two letters,
    /// and (with [`DocContext::propagation_window`]) stays within that many
    /// lines after its source.
    fn propagate(&self, d: &Doc<'_>, found: &mut Vec<Mention>) {
        let a = d.a;
        let window = d.ctx.propagation_window;
        let mut sources: Vec<&Mention> = found
            .iter()
            .filter(|m| PROPAGATION_SOURCES.contains(&m.rule.as_str()))
            .collect();
        if sources.is_empty() {
            return;
        }
        sources.sort_by_key(|m| m.start);
        let lines = LineIndex::new(a.text());
        let mut table: PhraseTable<PropagationSource> = PhraseTable::default();
        // Without a window a name found again adds nothing the table does
        // not have: its earliest source already covers every later mention.
        let mut seen: rustc_hash::FxHashSet<(&str, Label)> = Default::default();
        for m in sources {
            let text = a.slice(m.start, m.end);
            if window.is_none() && !seen.insert((text, m.label)) {
                continue;
            }
            let keys = mention_keys(a, m.start, m.end);
            let letters: usize = keys.iter().map(|k| k.chars().count()).sum();
            if letters < 2 {
                continue;
            }
            let source = PropagationSource {
                label: m.label,
                start: m.start,
                line: lines.line_of(m.start),
            };
            if m.label == Label::Person && keys.len() >= 2 {
                for k in &keys {
                    if k.chars().nth(1).is_some()
                        && self.vocab.own(k)
                            & (flag::PARTICLE | flag::STOP | flag::COMMON | flag::RANK)
                            == 0
                    {
                        // A key of Arabic letters is one word: no need to scan it again.
                        if k.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c)) {
                            table.insert_keys(vec![k.clone()], source.person());
                        } else {
                            table.insert(k, source.person());
                        }
                    }
                }
            }
            table.insert_keys(keys, source);
        }
        if table.is_empty() {
            return;
        }
        let ending = lexicon::EndingFilter::of(&table);
        for i in 0..a.len() {
            if !d.is_word(i) || !ending.may_pass(a.key(i)) || !table.may_start(a.key(i), true) {
                continue;
            }
            let at = a.tokens()[i].start;
            let line = lines.line_of(at);
            let reaches =
                |s: &PropagationSource| s.start <= at && window.is_none_or(|w| line - s.line <= w);
            let Some(m) = table
                .matches_at(a, i, true)
                .into_iter()
                .find(|m| reaches(m.payload))
            else {
                continue;
            };
            // A match made only of one-letter words (a clitic stem) is noise.
            if a.slice(m.start, a.tokens()[m.end - 1].end)
                .chars()
                .nth(1)
                .is_none()
            {
                continue;
            }
            let end = a.tokens()[m.end - 1].end;
            let mut mention = d.ctx.mention(
                m.start,
                end,
                m.payload.label,
                serde_json::Value::Null,
                "name/propagated",
            );
            mention.priority = priority::PROPAGATED;
            if d.ctx.explain {
                mention.evidence = "a longer mention earlier in the document".into();
            }
            found.push(mention);
        }
    }

    /// Whether a word (by key) could be part of a name: a listed name, or a
    /// word that is not a stop, common or trigger word, not a conjunct
    /// (`وكريستيانو`), not proclitic + an ordinary word (`بالرئيس`), and does
    /// not end in an attached pronoun.
    pub fn could_be_name(&self, key: &str) -> bool {
        self.vocab.word_flags(key).word & flag::NAME_LIKE != 0
    }

    /// Whether a key is in a named lexicon (for token patterns): `given`,
    /// `family`, `particle`, `stop`, `common`, `trigger`, `name` (see
    /// [`Self::could_be_name`]), or a names label
    /// (`gpe`, `org`…: a one-word gazetteer entry with that label).
    pub fn key_in_lexicon(&self, lexicon: &str, key: &str) -> bool {
        patterns::lexicon_flags(lexicon)
            .is_some_and(|mask| self.vocab.word_flags(key).word & mask != 0)
    }
}

/// Matches of `table` at token `i` (with `clitics`, also of its stems);
/// nothing is looked up for a token that neither it nor a stem of it has
/// `first` (the vocabulary flag of the table's first words).
fn gated_matches<'s, T>(
    table: &'s PhraseTable<T>,
    first: Flags,
    d: &Doc<'_>,
    i: usize,
    clitics: bool,
) -> Vec<PhraseMatch<'s, T>> {
    let stems = clitics && d.f.stem_any(i, first);
    if !d.any(i, first) && !stems {
        return Vec::new();
    }
    table.matches_at(d.a, i, stems)
}

/// The token keys of the text `start..end`, as [`lexicon::phrase_keys`]
/// gives them: read off the analysis when the span is whole word tokens,
/// scanned again otherwise (a span starting after a proclitic).
fn mention_keys(a: &Analysis<'_>, start: usize, end: usize) -> Vec<String> {
    let tokens = a.tokens();
    let first = tokens.partition_point(|t| t.end <= start);
    let stop = tokens.partition_point(|t| t.start < end);
    let aligned = first < stop
        && tokens[first].start == start
        && tokens[stop - 1].end == end
        && tokens[first..stop]
            .iter()
            .all(|t| t.kind == crate::text::TokenKind::Word);
    if aligned {
        (first..stop).map(|k| a.key(k).to_string()).collect()
    } else {
        lexicon::phrase_keys(a.slice(start, end))
    }
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
