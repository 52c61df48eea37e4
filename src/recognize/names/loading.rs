//! Compiling the names rules: gazetteers, common words, nisba stems,
//! acronyms, triggers and patterns are read from their rule files into the
//! recognizer's phrase tables and word sets, and the vocabulary flags are
//! built once. A malformed row is an error naming its file and line.

use super::phrase_pairs::PairFilter;
use super::*;
use crate::rules::static_table::{self, StaticTable};
use crate::text::key_hash::key_hash;

/// Highest ANERcorp entity share of a word that still counts as common.
pub(super) const COMMON_MAX_SHARE: f64 = 0.05;

/// Occurrences needed before a mostly-untagged word makes a one-word
/// lexicon entry ambiguous (one untagged sighting is not enough evidence).
pub(super) const AMBIGUOUS_MIN_COUNT: usize = 3;

/// The rule file of the common and ambiguous words.
pub(super) const COMMON_WORDS_FILE: &str = "names/common_words.csv";

/// The common and ambiguous word sets of the embedded
/// [`COMMON_WORDS_FILE`] as `build.rs` compiled them, with the thresholds
/// (share, count) it applied.
#[derive(Debug, Clone, Copy)]
struct PrecompiledCommonWords {
    thresholds: (f64, usize),
    common: StaticTable,
    ambiguous: StaticTable,
}

// `PRECOMPILED_COMMON_WORDS`: the embedded file's sets, or `None` when
// `build.rs` left them to run time.
include!(concat!(env!("OUT_DIR"), "/common_words_tables.rs"));

/// One row of a gazetteer file: its line, entry, the entry's key when
/// `build.rs` worked it out, label cell and priority (learned or curated).
struct GazetteerRow<'r> {
    line: usize,
    entry: &'r str,
    key: Option<&'r str>,
    label: &'r str,
    learned: bool,
}

/// The rows of an embedded gazetteer file as `build.rs` read them: three
/// pieces a row in `keys` (entry, key, label cell; `ends` where each piece
/// ends, `u32` little-endian), each row's line (`lines`, `u32`) and
/// whether it is learned (`learned`, one byte: 1 or 0).
#[derive(Debug, Clone, Copy)]
struct PrecompiledGazetteer {
    keys: &'static str,
    ends: &'static [u8],
    lines: &'static [u8],
    learned: &'static [u8],
}

impl PrecompiledGazetteer {
    fn rows(self) -> impl Iterator<Item = GazetteerRow<'static>> {
        let PrecompiledGazetteer {
            keys,
            ends,
            lines,
            learned,
        } = self;
        let piece = move |n: usize| {
            let start = match n {
                0 => 0,
                _ => static_table::u32_at(ends, n - 1) as usize,
            };
            &keys[start..static_table::u32_at(ends, n) as usize]
        };
        (0..learned.len()).map(move |row| GazetteerRow {
            line: static_table::u32_at(lines, row) as usize,
            entry: piece(3 * row),
            key: Some(piece(3 * row + 1)),
            label: piece(3 * row + 2),
            learned: learned[row] == 1,
        })
    }
}

// `PRECOMPILED_GAZETTEERS`: the rows of each embedded gazetteer file
// `build.rs` could read.
include!(concat!(env!("OUT_DIR"), "/gazetteer_rows.rs"));

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
            foreign_particles: WordSet::default(),
            dynasty_particles: WordSet::default(),
            compound_tails: WordSet::default(),
            honorifics: WordSet::default(),
            stop: WordSet::default(),
            stop_adjectives: WordSet::default(),
            subject_verbs: WordSet::default(),
            stop_light: Default::default(),
            common: WordSet::default(),
            ambiguous: WordSet::default(),
            rank: WordSet::default(),
            ordinals: WordSet::default(),
            patterns: Vec::new(),
            pattern_index: Default::default(),
            pattern_index_clitic: Default::default(),
            unkeyed_patterns: Vec::new(),
            skipped_ambiguous: 0,
            variants_precompiled: false,
            sports: Default::default(),
            media: Default::default(),
            org_sectors: Default::default(),
            publishing: Default::default(),
            vocab: Vocabulary::default(),
            likeness: Default::default(),
            verb_shapes: Default::default(),
            person_cues: Default::default(),
            lone_ordinary: Default::default(),
            group_heads: Default::default(),
            birth_words: Default::default(),
            given_homographs: Default::default(),
            place_definitions: Default::default(),
            place_within: Default::default(),
            facility_adjectives: Default::default(),
        };
        if let Some(text) = rules.get(verbs::VERB_SHAPES_FILE) {
            r.verb_shapes = verbs::VerbShapes::parse(verbs::VERB_SHAPES_FILE, text)?;
        }
        if let Some(text) = rules.get(subject_cues::CUES_FILE) {
            r.person_cues.load(subject_cues::CUES_FILE, text)?;
        }
        if let Some(text) = rules.get(homograph_given::HOMOGRAPHS_FILE) {
            r.given_homographs
                .load(homograph_given::HOMOGRAPHS_FILE, text)?;
        }
        if let Some(text) = rules.get(biography_lead::BIRTH_WORDS_FILE) {
            r.birth_words.load(biography_lead::BIRTH_WORDS_FILE, text)?;
        }
        if let Some(text) = rules.get(group_names::GROUP_HEADS_FILE) {
            r.group_heads.load(group_names::GROUP_HEADS_FILE, text)?;
        }
        if let Some(text) = rules.get(lone_names::LONE_ORDINARY_FILE) {
            r.lone_ordinary.load(lone_names::LONE_ORDINARY_FILE, text)?;
        }
        if let Some(text) = rules.get(place_definitions::DEFINITIONS_FILE) {
            r.place_definitions
                .load(place_definitions::DEFINITIONS_FILE, text)?;
        }
        if let Some(text) = rules.get(place_within::PLACE_WITHIN_FILE) {
            r.place_within.load(place_within::PLACE_WITHIN_FILE, text)?;
        }
        if let Some(text) = rules.get(facility_descriptions::FACILITY_ADJECTIVES_FILE) {
            r.facility_adjectives
                .load(facility_descriptions::FACILITY_ADJECTIVES_FILE, text)?;
        }
        if let Some(text) = rules.get(likeness::LIKENESS_FILE) {
            r.likeness = likeness::NameLikeness::load(likeness::LIKENESS_FILE, text)?;
        }
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
            // Parsed once for both forms: keys and light forms.
            let table = crate::rules::CsvTable::parse("names/stopwords.csv", text)?;
            load_table_words(&table, "word", &mut r.stop)?;
            let col = table.column("word")?;
            let kind = table.column("kind")?;
            for row in table.rows.iter().filter(|row| row.get(kind) == "adjective") {
                r.stop_adjectives.insert(row.get(col));
            }
            r.load_subject_verbs(&table)?;
            r.stop_light.extend(
                table
                    .rows
                    .iter()
                    .map(|row| crate::text::light(row.get(col))),
            );
        }
        if let Some(text) = rules.get("names/rank_words.csv") {
            let table = crate::rules::CsvTable::parse("names/rank_words.csv", text)?;
            load_table_words(&table, "word", &mut r.rank)?;
            let (word, kind) = (table.column("word")?, table.column("kind")?);
            for row in table.rows.iter().filter(|row| row.get(kind) == "ordinal") {
                r.ordinals.insert(row.get(word));
            }
        }
        if let Some(text) = rules.get(COMMON_WORDS_FILE) {
            r.load_common_words(COMMON_WORDS_FILE, text)?;
        }
        for (name, text) in rules.matching("names/gaz_", ".csv") {
            r.load_gazetteer(name, text)?;
        }
        if let Some(text) = rules.get("names/norp_nisba.csv") {
            r.load_nisba("names/norp_nisba.csv", text)?;
        }
        if let Some(text) = rules.get("names/org_acronyms.csv") {
            r.load_acronyms("names/org_acronyms.csv", text)?;
        }
        r.load_triggers(rules.matching("names/triggers", ".csv"))?;
        if let Some(text) = rules.get(org_rules::SECTORS_FILE) {
            r.org_sectors.load(org_rules::SECTORS_FILE, text)?;
        }
        if let Some(text) = rules.get(publisher_rules::CUES_FILE) {
            r.publishing.load(publisher_rules::CUES_FILE, text)?;
        }
        if let Some(text) = rules.get(sports_rules::CUES_FILE) {
            r.sports.load(sports_rules::CUES_FILE, text)?;
        }
        if let Some(text) = rules.get(media_rules::NAMES_FILE) {
            r.media.load_names(media_rules::NAMES_FILE, text)?;
        }
        if let Some(text) = rules.get(media_rules::CUES_FILE) {
            r.media.load_cues(media_rules::CUES_FILE, text)?;
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
        r.add_gazetteer_variants(rules);
        r.vocab = r.build_vocabulary();
        Ok(r)
    }

    /// Merge the one-word lexicons into the vocabulary of token flags.
    pub(super) fn build_vocabulary(&self) -> Vocabulary {
        let mut v = Vocabulary::default();
        // Most words are in one list: their count is about the vocabulary's.
        v.reserve(
            [&self.given, &self.family, &self.stop, &self.common]
                .iter()
                .map(|set| set.len())
                .sum::<usize>()
                + self.gazetteer.len(),
        );
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
                v.add(&[stem, "ت"].concat(), flag::COMMON_PRONOUN_STEM);
            } else if let Some(stem) = word.strip_suffix('ي') {
                v.add(word, flag::COMMON_PRONOUN_STEM);
                v.add(&[stem, "ا"].concat(), flag::COMMON_PRONOUN_STEM);
            } else {
                v.add(word, flag::COMMON_PRONOUN_STEM);
            }
        }
        // Each key is hashed once, for its vocabulary entry and the pairs
        // (sized by the entries, not counted: at most one pair each).
        let mut pairs = PairFilter::with_capacity(self.gazetteer.len());
        for (first, singles, seconds) in self.gazetteer.first_words_with_seconds() {
            let (single, labels) = singles.fold((0, 0), |(_, f), p| {
                (flag::GAZ_SINGLE, f | features::label_word_flag(p.label))
            });
            let first_hash = key_hash(first);
            v.add_hashed(first_hash, first, flag::GAZ_FIRST | single | labels);
            for second in seconds {
                let second_hash = key_hash(second);
                pairs.insert(first_hash, second_hash);
                // A second key that starts with no letter (a digit) is not
                // added: the vocabulary stays one of words, and
                // `gaz_matches` lets such a next token through unflagged.
                if second.chars().next().is_some_and(is_word_char) {
                    v.add_hashed(second_hash, second, flag::GAZ_SECOND);
                }
            }
        }
        v.set_gaz_pairs(pairs);
        for (first, singles) in self.triggers.first_words() {
            let mut bits = flag::TRIG_FIRST;
            for t in singles {
                if t.has(TriggerKind::NameSuffix) {
                    bits |= flag::NAME_SUFFIX;
                }
                if t.kinds.iter().any(|k| {
                    matches!(
                        k,
                        TriggerKind::PlaceHead
                            | TriggerKind::OrgDescriptor
                            | TriggerKind::OrgHead
                            | TriggerKind::OrgHeadStrong
                            | TriggerKind::OrgHeadOutside
                            | TriggerKind::MiscDescriptor
                    )
                }) {
                    bits |= flag::DESCRIPTOR_HEAD;
                }
            }
            v.add(first, bits);
        }
        for key in self.sports.words() {
            v.add(key, flag::SPORTS_CUE);
        }
        for key in self.org_sectors.words() {
            v.add(key, flag::ORG_SECTOR);
        }
        for key in self.media.cue_words() {
            v.add(key, flag::MEDIA_CUE);
        }
        for key in self.group_heads.words() {
            v.add(key, flag::GROUP_HEAD);
        }
        for key in self.person_cues.words() {
            v.add(key, flag::PERSON_CUE);
        }
        for key in self.media.first_words() {
            v.add(key, flag::MEDIA_FIRST);
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

    /// Load a gazetteer file (`entry,label[,priority]`). The embedded file
    /// reads the rows `build.rs` precompiled from it, keys included.
    pub(super) fn load_gazetteer(&mut self, file: &str, text: &str) -> Result<()> {
        if crate::rules::RuleFiles::is_embedded_text(file, text) {
            if let Some((_, rows)) = PRECOMPILED_GAZETTEERS
                .iter()
                .find(|(name, _)| *name == file)
            {
                return self.add_gazetteer_rows(file, rows.rows().map(Ok));
            }
        }
        let table = crate::rules::CsvTable::parse(file, text)?;
        let entry_col = table.column("entry")?;
        let label_col = table.column("label")?;
        // `priority`: `curated` (the default) or `learned` (a list derived
        // from a corpus, below curated lists and triggers in conflicts).
        let priority_col = table.optional_column("priority");
        let rows = table.rows.iter().map(|row| {
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
            Ok(GazetteerRow {
                line: row.line,
                entry: row.get(entry_col),
                key: None,
                label: row.get(label_col),
                learned,
            })
        });
        self.add_gazetteer_rows(file, rows)
    }

    /// Add the rows of gazetteer `file` to the phrase table, in order; the
    /// first bad row is an error.
    fn add_gazetteer_rows<'r>(
        &mut self,
        file: &str,
        rows: impl Iterator<Item = Result<GazetteerRow<'r>>>,
    ) -> Result<()> {
        let file_name: Arc<str> = Arc::from(file);
        // One rule id per label and kind, shared by the entries.
        let mut rules: Vec<((Label, bool), Arc<str>)> = Vec::new();
        // The previous row's label cell and label: rows come in runs of one
        // label, parsed once a run.
        let mut previous: Option<(&str, Label)> = None;
        self.gazetteer.reserve(rows.size_hint().0);
        for row in rows {
            let GazetteerRow {
                line,
                entry,
                key,
                label: label_cell,
                learned,
            } = row?;
            let label = match previous {
                Some((cell, label)) if cell == label_cell => label,
                _ => {
                    let label: Label = label_cell
                        .parse()
                        .map_err(|e: Error| Error::rule(file, line, e.to_string()))?;
                    if label.layer() != Layer::Names {
                        return Err(Error::rule(
                            file,
                            line,
                            format!("{label} is not a names-layer label"),
                        ));
                    }
                    previous = Some((label_cell, label));
                    label
                }
            };
            let priority = if learned {
                priority::LEARNED
            } else {
                priority::CURATED
            };
            let rule = match rules.iter().find(|(of, _)| *of == (label, learned)) {
                Some((_, rule)) => rule.clone(),
                None => {
                    let kind = if learned { "learned" } else { "gazetteer" };
                    let rule: Arc<str> = Arc::from(format!("name/{kind}-{}", label_rule(label)));
                    rules.push(((label, learned), rule.clone()));
                    rule
                }
            };
            if entry.trim().is_empty() {
                return Err(Error::rule(file, line, "empty entry"));
            }
            // The key serves the filter and the table alike.
            let computed;
            let key = match key {
                Some(key) => key,
                None => {
                    computed = crate::text::key(entry);
                    &computed
                }
            };
            if self.ambiguous_single_key(key, label) {
                self.skipped_ambiguous += 1;
                continue;
            }
            let payload = GazEntry {
                label,
                rule,
                source: Source {
                    file: file_name.clone(),
                    line,
                    entry: entry.into(),
                },
                priority,
            };
            self.gazetteer.insert_with_key(entry, key, payload);
        }
        Ok(())
    }

    /// NORP forms from nisba stems: S, Sة, الS, الSة, Sون, Sين, Sات and their
    /// ال forms (`صيني` → `الصينية`, `الصينيون`, `صينيات`…).
    /// `word,count,entity_share`: share <= 5 % is a common word (stops name
    /// runs); seen 3+ times with share < 50 % is ambiguous (one-word lexicon
    /// entries equal to it are left out).
    /// The embedded file reads the sets `build.rs` precompiled from it.
    pub(super) fn load_common_words(&mut self, file: &str, text: &str) -> Result<()> {
        if let Some(p) = PRECOMPILED_COMMON_WORDS {
            if p.thresholds == (COMMON_MAX_SHARE, AMBIGUOUS_MIN_COUNT)
                && file == COMMON_WORDS_FILE
                && crate::rules::RuleFiles::is_embedded_text(file, text)
            {
                self.common.add_precompiled(p.common);
                self.ambiguous.add_precompiled(p.ambiguous);
                return Ok(());
            }
        }
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
    pub(super) fn ambiguous_single_word(&self, entry: &str, label: Label) -> bool {
        label != Label::Norp && self.ambiguous_single_key(&crate::text::key(entry), label)
    }

    /// [`Self::ambiguous_single_word`] of an entry's key.
    fn ambiguous_single_key(&self, k: &str, label: Label) -> bool {
        label != Label::Norp
            && !k.contains(' ')
            && (self.ambiguous.contains(k) || self.stop.contains(k))
    }

    pub(super) fn load_nisba(&mut self, file: &str, text: &str) -> Result<()> {
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
                    let form = [article, stem, suffix].concat();
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

    pub(super) fn load_acronyms(&mut self, file: &str, text: &str) -> Result<()> {
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

    /// Load every trigger file; a phrase listed in several rows or files
    /// (`المركز`: a facility head in triggers.csv, a purpose head in
    /// triggers_institutions.csv) is one entry with all its kinds, its
    /// source the first row.
    pub(super) fn load_triggers<'f>(
        &mut self,
        files: impl Iterator<Item = (&'f str, &'f str)>,
    ) -> Result<()> {
        let mut merged: HashMap<String, (Vec<TriggerKind>, String)> = HashMap::new();
        let mut order = Vec::new();
        for (file, text) in files {
            self.load_trigger_rows(file, text, &mut merged, &mut order)?;
        }
        for (key, trigger) in order {
            let (kinds, source) = merged.remove(&key).unwrap_or_default();
            if !key.contains(' ') {
                self.trigger_words.insert(&key);
            }
            self.triggers.insert(&trigger, Trigger::new(kinds, source));
        }
        Ok(())
    }

    /// The rows of one trigger file, merged into `merged` by key (`order`
    /// keeps the first spelling of each key in reading order).
    fn load_trigger_rows(
        &self,
        file: &str,
        text: &str,
        merged: &mut HashMap<String, (Vec<TriggerKind>, String)>,
        order: &mut Vec<(String, String)>,
    ) -> Result<()> {
        let table = crate::rules::CsvTable::parse(file, text)?;
        let trigger_col = table.column("trigger")?;
        let kind_col = table.column("kind")?;
        for row in &table.rows {
            let trigger = row.get(trigger_col);
            let kind = TriggerKind::parse(row.get(kind_col)).ok_or_else(|| {
                table.error(
                    row,
                    format!(
                        "unknown trigger kind `{}` (expected person_title, org_head, org_head_strong, org_head_purpose, org_head_named, org_head_outside, name_suffix, speech_verb, org_descriptor, org_descriptor_kept, place_head, place_head_kept, facility_head, misc_head, title_head, event_head or misc_descriptor)",
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
        Ok(())
    }
}

pub(super) fn load_words(file: &str, text: &str, column: &str, set: &mut WordSet) -> Result<()> {
    load_table_words(&crate::rules::CsvTable::parse(file, text)?, column, set)
}

/// [`load_words`] of a parsed table.
fn load_table_words(
    table: &crate::rules::CsvTable<'_>,
    column: &str,
    set: &mut WordSet,
) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys of a set, sorted.
    fn sorted(set: &WordSet) -> Vec<&str> {
        let mut keys: Vec<&str> = set.iter().collect();
        keys.sort_unstable();
        keys
    }

    /// The embedded file read from `build.rs`'s tables and parsed at run
    /// time (a trailing comment makes it an overlay) give the same sets.
    #[test]
    fn precompiled_common_words_equal_the_runtime_ones() {
        let text = RuleFiles::embedded_text(COMMON_WORDS_FILE).unwrap();
        let precompiled = PRECOMPILED_COMMON_WORDS.expect("build.rs compiled the embedded file");
        let mut fast = NameRecognizer::new(&RuleFiles::default()).unwrap();
        fast.load_common_words(COMMON_WORDS_FILE, text).unwrap();
        assert_eq!(fast.common.len(), precompiled.common.len());
        let mut slow = NameRecognizer::new(&RuleFiles::default()).unwrap();
        let overlay = format!("{text}\n# compiled at run time\n");
        slow.load_common_words(COMMON_WORDS_FILE, &overlay).unwrap();
        assert!(slow.common.len() > 10_000 && slow.ambiguous.len() > 2_000);
        assert_eq!(sorted(&fast.common), sorted(&slow.common));
        assert_eq!(sorted(&fast.ambiguous), sorted(&slow.ambiguous));
        for key in slow.common.iter() {
            assert!(fast.common.contains(key), "{key} not in the table");
        }
        for key in slow.ambiguous.iter() {
            assert!(fast.ambiguous.contains(key), "{key} not in the table");
        }
    }

    /// Every gazetteer entry with its payload, as comparable text.
    fn gazetteer_entries(r: &NameRecognizer) -> Vec<String> {
        let mut out = Vec::new();
        r.gazetteer
            .for_each_entry(|keys, payload| out.push(format!("{keys:?} {payload:?}")));
        out
    }

    /// A recognizer with the common and ambiguous words only (the filter
    /// a gazetteer row goes through).
    fn with_common_words() -> NameRecognizer {
        let mut r = NameRecognizer::new(&RuleFiles::default()).unwrap();
        let text = RuleFiles::embedded_text(COMMON_WORDS_FILE).unwrap();
        r.load_common_words(COMMON_WORDS_FILE, text).unwrap();
        r
    }

    /// Each gazetteer file `build.rs` precompiled loads the same entries,
    /// in the same order and with the same payloads (line, rule, priority),
    /// as its text parsed at run time (a trailing comment makes it an
    /// overlay).
    #[test]
    fn precompiled_gazetteers_load_as_their_files_parse() {
        assert!(
            PRECOMPILED_GAZETTEERS.len() >= 5,
            "build.rs precompiled {} gazetteer files (see csv_rows in build.rs)",
            PRECOMPILED_GAZETTEERS.len()
        );
        for (file, _) in PRECOMPILED_GAZETTEERS {
            let text = RuleFiles::embedded_text(file).unwrap();
            let mut fast = with_common_words();
            fast.load_gazetteer(file, text).unwrap();
            let mut slow = with_common_words();
            let overlay = format!("{text}\n# compiled at run time\n");
            slow.load_gazetteer(file, &overlay).unwrap();
            let (a, b) = (gazetteer_entries(&fast), gazetteer_entries(&slow));
            assert!(b.len() > 10, "{file}: {} entries", b.len());
            assert_eq!(a.len(), b.len(), "{file}");
            for (x, y) in a.iter().zip(&b) {
                assert_eq!(x, y, "{file}");
            }
            assert_eq!(fast.skipped_ambiguous, slow.skipped_ambiguous, "{file}");
        }
    }

    /// A set that holds a table and run-time words counts and finds both.
    #[test]
    fn a_word_set_adds_a_table_to_its_words() {
        let precompiled = PRECOMPILED_COMMON_WORDS.expect("build.rs compiled the embedded file");
        let first = precompiled.ambiguous.key(0);
        let mut set = WordSet::default();
        set.insert("x");
        set.add_precompiled(precompiled.ambiguous);
        set.insert(first);
        assert_eq!(set.len(), precompiled.ambiguous.len() + 1);
        assert!(set.contains("x") && set.contains(first));
        let mut table_first = WordSet::default();
        table_first.add_precompiled(precompiled.ambiguous);
        table_first.insert("x");
        table_first.insert(first);
        assert_eq!(table_first.len(), set.len());
        assert_eq!(sorted(&table_first), sorted(&set));
    }
}
