//! Compiling the names rules: word lists, stop and common words, triggers,
//! cues and patterns are read from their rule files into the recognizer's
//! phrase tables and word sets, and the vocabulary flags are built once.
//! The gazetteer part (`gazetteer_loading.rs`, with the words it is
//! filtered by) compiles on one thread while the word lists compile on a
//! second. A malformed row is an error naming its file and line.

use super::phrase_pairs::PairFilter;
use super::*;
use crate::rules::static_table::StaticTable;
use crate::text::key_hash::key_hash;

/// Highest ANERcorp entity share of a word that still counts as common.
pub(super) const COMMON_MAX_SHARE: f64 = 0.05;

/// Occurrences needed before a mostly-untagged word makes a one-word
/// lexicon entry ambiguous (one untagged sighting is not enough evidence).
pub(super) const AMBIGUOUS_MIN_COUNT: usize = 3;

/// The rule file of the stop words.
const STOPWORDS_FILE: &str = "names/stopwords.csv";

/// The rule file of the nisba stems.
const NISBA_FILE: &str = "names/norp_nisba.csv";

/// The rule file of the organization acronyms.
const ACRONYMS_FILE: &str = "names/org_acronyms.csv";

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

/// An error of the word lists part, by where it falls in file order.
enum ListsError {
    /// In a file compiled before the gazetteer's (reported first).
    BeforeGazetteer(Error),
    /// In a file compiled after them (reported when they have none).
    AfterGazetteer(Error),
}

impl NameRecognizer {
    /// Compile the names rules. Every file is optional; a malformed row is
    /// an error naming the file and line.
    ///
    /// Two independent parts are compiled at once, on this thread and a
    /// second one: the gazetteer with what it is filtered by (stop, rank,
    /// common and ambiguous words; [`Self::load_gazetteer_part`]), and the
    /// other word lists, triggers, cues and patterns with their vocabulary
    /// flags ([`Self::load_word_lists`]). Then the gazetteer's variants
    /// and its flags complete the vocabulary. The first error is the one a
    /// compilation in file order would meet (word lists and the stop words
    /// before the gazetteer, triggers and patterns after it); both parts
    /// read the stop words, the word lists part wholly and first.
    pub fn new(rules: &RuleFiles) -> Result<Self> {
        let clitics = crate::text::clitics::active_table();
        let (lists, gazetteer) = std::thread::scope(|scope| {
            let lists = scope.spawn(move || {
                crate::text::clitics::with_table(clitics, || Self::load_word_lists(rules))
            });
            let gazetteer = Self::load_gazetteer_part(rules);
            let lists = lists
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (lists, gazetteer)
        });
        let mut r = match (lists, gazetteer) {
            (Err(ListsError::BeforeGazetteer(e)), _) | (_, Err(e)) => return Err(e),
            (Err(ListsError::AfterGazetteer(e)), _) => return Err(e),
            (Ok(lists), Ok(gazetteer)) => lists.with_gazetteer_part(gazetteer),
        };
        r.add_gazetteer_variants(rules);
        let mut vocab = std::mem::take(&mut r.vocab);
        r.add_gazetteer_flags(&mut vocab);
        vocab.finish();
        r.vocab = vocab;
        Ok(r)
    }

    /// A recognizer with no rules.
    fn empty() -> Self {
        NameRecognizer {
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
            unkeyed_patterns: Default::default(),
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
        }
    }

    /// The word lists, triggers, cues and patterns, with the vocabulary
    /// flags of their words (not finished: the gazetteer's are added
    /// later). The common words are read here too, for their flags (the
    /// embedded file costs nothing: `build.rs` precompiled it).
    fn load_word_lists(rules: &RuleFiles) -> std::result::Result<Self, ListsError> {
        let mut r = Self::empty();
        r.load_word_lists_before_gazetteer(rules)
            .map_err(ListsError::BeforeGazetteer)?;
        r.load_word_lists_after_gazetteer(rules)
            .map_err(ListsError::AfterGazetteer)?;
        if let Some(text) = rules.get(COMMON_WORDS_FILE) {
            // An error here is the gazetteer part's to report.
            if r.load_common_words(COMMON_WORDS_FILE, text).is_err() {
                return Ok(r);
            }
        }
        let mut vocab = Vocabulary::default();
        // Most words are in one list: their count is about the vocabulary's.
        // The gazetteer part adds about a word a row of its files, reserved
        // here too so the table is sized once.
        let gazetteer_rows: usize = rules
            .matching("names/gaz_", ".csv")
            .map(|(_, text)| text)
            .chain(rules.get(STOPWORDS_FILE))
            .map(|text| memchr::memchr_iter(b'\n', text.as_bytes()).count())
            .sum();
        vocab.reserve(
            [&r.given, &r.family, &r.common]
                .iter()
                .map(|set| set.len())
                .sum::<usize>()
                + gazetteer_rows,
        );
        r.add_word_list_flags(&mut vocab);
        r.vocab = vocab;
        Ok(r)
    }

    /// The files compiled before the gazetteer's in file order, the stop
    /// words with all their forms included.
    fn load_word_lists_before_gazetteer(&mut self, rules: &RuleFiles) -> Result<()> {
        let r = self;
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
        for (prefix, precompiled, set) in [
            (
                "names/person_given",
                lexicon::PRECOMPILED_GIVEN,
                &mut r.given,
            ),
            (
                "names/person_family",
                lexicon::PRECOMPILED_FAMILY,
                &mut r.family,
            ),
        ] {
            if !set.fill_precompiled(precompiled, rules, rules.matching(prefix, ".csv")) {
                for (file, text) in rules.matching(prefix, ".csv") {
                    load_words(file, text, "name", set)?;
                }
            }
        }
        if let Some(text) = rules.get(STOPWORDS_FILE) {
            // Parsed once for all forms: keys, adjectives, verbs and light
            // forms (the gazetteer part reads the keys too).
            let table = crate::rules::CsvTable::parse(STOPWORDS_FILE, text)?;
            r.load_stop_keys(rules, text, Some(&table))?;
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
        Ok(())
    }

    /// The files compiled after the gazetteer's in file order.
    fn load_word_lists_after_gazetteer(&mut self, rules: &RuleFiles) -> Result<()> {
        let r = self;
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
                None => r.unkeyed_patterns.push(n, pattern),
            }
        }
        Ok(())
    }

    /// The gazetteer (entries, nisba forms, acronyms) and the word sets
    /// that filter it: stop (their keys only), rank, common and ambiguous
    /// words.
    fn load_gazetteer_part(rules: &RuleFiles) -> Result<Self> {
        let mut r = Self::empty();
        // The gazetteer is filtered by the stop words: the word lists part
        // reads the file too, for their other forms and flags.
        if let Some(text) = rules.get(STOPWORDS_FILE) {
            r.load_stop_keys(rules, text, None)?;
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
        // An entry a gazetteer row, ten a nisba stem, one an acronym and one
        // a precompiled variant: the entries are sized once, not grown.
        let lines = |text: &str| memchr::memchr_iter(b'\n', text.as_bytes()).count();
        r.gazetteer.reserve_entries(
            rules
                .matching("names/gaz_", ".csv")
                .map(|(_, text)| lines(text))
                .sum::<usize>()
                + rules.get(NISBA_FILE).map_or(0, |text| 10 * lines(text))
                + rules.get(ACRONYMS_FILE).map_or(0, lines)
                + variants::precompiled_variant_count(),
        );
        for (name, text) in rules.matching("names/gaz_", ".csv") {
            r.load_gazetteer(name, text)?;
        }
        if let Some(text) = rules.get(NISBA_FILE) {
            r.load_nisba(NISBA_FILE, text)?;
        }
        if let Some(text) = rules.get(ACRONYMS_FILE) {
            r.load_acronyms(ACRONYMS_FILE, text)?;
        }
        Ok(r)
    }

    /// The stop words' keys, from `build.rs`'s set when the file is the
    /// embedded one, else from the file (`parsed`: its table, when the
    /// caller has it).
    fn load_stop_keys(
        &mut self,
        rules: &RuleFiles,
        text: &str,
        parsed: Option<&crate::rules::CsvTable<'_>>,
    ) -> Result<()> {
        let read = std::iter::once((STOPWORDS_FILE, text));
        if self
            .stop
            .fill_precompiled(lexicon::PRECOMPILED_STOP, rules, read)
        {
            return Ok(());
        }
        match parsed {
            Some(table) => load_table_words(table, "word", &mut self.stop),
            None => load_words(STOPWORDS_FILE, text, "word", &mut self.stop),
        }
    }

    /// This recognizer of word lists with the tables of the gazetteer part.
    fn with_gazetteer_part(self, g: Self) -> Self {
        NameRecognizer {
            gazetteer: g.gazetteer,
            skipped_ambiguous: g.skipped_ambiguous,
            rank: g.rank,
            ordinals: g.ordinals,
            common: g.common,
            ambiguous: g.ambiguous,
            ..self
        }
    }

    /// The vocabulary flags of the word lists, triggers, cues and pattern
    /// keys (the gazetteer part's are [`Self::add_gazetteer_flags`]). A
    /// word's flags are the union of its rows', in any order.
    fn add_word_list_flags(&self, v: &mut Vocabulary) {
        for (set, bits) in [
            (&self.given, flag::GIVEN),
            (&self.family, flag::FAMILY),
            (&self.particles, flag::PARTICLE),
            (&self.stop, flag::STOP),
            (&self.common, flag::COMMON),
            (&self.trigger_words, flag::TRIGGER),
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
        // A stem with its new last letter, written into one buffer.
        fn respell<'b>(buffer: &'b mut String, stem: &str, last: char) -> &'b str {
            buffer.clear();
            buffer.push_str(stem);
            buffer.push(last);
            buffer
        }
        let mut respelled = String::new();
        for word in self.common.iter() {
            if let Some(stem) = word.strip_suffix('ه') {
                v.add(stem, flag::COMMON_H_STEM);
                v.add(
                    respell(&mut respelled, stem, 'ت'),
                    flag::COMMON_PRONOUN_STEM,
                );
            } else if let Some(stem) = word.strip_suffix('ي') {
                v.add(word, flag::COMMON_PRONOUN_STEM);
                v.add(
                    respell(&mut respelled, stem, 'ا'),
                    flag::COMMON_PRONOUN_STEM,
                );
            } else {
                v.add(word, flag::COMMON_PRONOUN_STEM);
            }
        }
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
    }

    /// The vocabulary flags of the gazetteer part: rank words and the
    /// gazetteer's first and second keys (its variants included), and the
    /// filter of its (first key, second key) pairs.
    fn add_gazetteer_flags(&self, v: &mut Vocabulary) {
        for word in self.rank.iter() {
            v.add(word, flag::RANK);
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
    }

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

    /// Load every trigger file; a phrase listed in several rows or files
    /// (`المركز`: a facility head in triggers.csv, a purpose head in
    /// triggers_institutions.csv) is one entry with all its kinds, its
    /// source the first row.
    pub(super) fn load_triggers<'f>(
        &mut self,
        files: impl Iterator<Item = (&'f str, &'f str)>,
    ) -> Result<()> {
        let mut merged = MergedTriggers::default();
        for (file, text) in files {
            self.load_trigger_rows(file, text, &mut merged)?;
        }
        // The trigger as first written, copied out of its source (which
        // moves into the payload) into one buffer.
        let mut written = String::new();
        for (key, (kinds, source)) in merged {
            if !key.contains(' ') {
                self.trigger_words.insert_key(&key);
            }
            written.clear();
            written.push_str(&source.entry);
            self.triggers
                .insert_with_key(&written, &key, Trigger::new(kinds, source));
        }
        Ok(())
    }

    /// The rows of one trigger file, merged into `merged` by key.
    fn load_trigger_rows(&self, file: &str, text: &str, merged: &mut MergedTriggers) -> Result<()> {
        let table = crate::rules::CsvTable::parse(file, text)?;
        let trigger_col = table.column("trigger")?;
        let kind_col = table.column("kind")?;
        let file_name: Arc<str> = Arc::from(file);
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
            let (kinds, _) = merged.entry(key).or_insert_with(|| {
                let first_row = Source {
                    file: file_name.clone(),
                    line: row.line,
                    entry: trigger.into(),
                };
                (Vec::new(), first_row)
            });
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        Ok(())
    }
}

/// The trigger rows read so far, merged by key in reading order: each
/// key's kinds and the row that first spelled it.
type MergedTriggers =
    indexmap::IndexMap<String, (Vec<TriggerKind>, Source), rustc_hash::FxBuildHasher>;

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

    /// The given names, family names and stop words read from `build.rs`'s
    /// sets and from their files give the same sets; a file that is not the
    /// embedded text, or a family read in part, is read from its files.
    #[test]
    fn precompiled_word_sets_equal_the_runtime_ones() {
        let fast = NameRecognizer::new(&RuleFiles::embedded()).unwrap();
        let slow = NameRecognizer::new(&RuleFiles::embedded().compiled_at_run_time()).unwrap();
        for (name, fast, slow) in [
            ("given", &fast.given, &slow.given),
            ("family", &fast.family, &slow.family),
            ("stop", &fast.stop, &slow.stop),
        ] {
            assert!(fast.is_precompiled() && !slow.is_precompiled(), "{name}");
            assert!(slow.len() > 500, "{name}: {}", slow.len());
            assert_eq!(sorted(fast), sorted(slow), "{name}");
        }
        let mut rules = RuleFiles::embedded();
        let given = RuleFiles::embedded_text("names/person_given.csv").unwrap();
        rules.insert("names/person_given.csv", format!("{given}# an overlay\n"));
        rules.insert(
            STOPWORDS_FILE,
            format!(
                "{}# an overlay\n",
                RuleFiles::embedded_text(STOPWORDS_FILE).unwrap()
            ),
        );
        let overlaid = NameRecognizer::new(&rules).unwrap();
        assert!(!overlaid.given.is_precompiled() && !overlaid.stop.is_precompiled());
        assert!(overlaid.family.is_precompiled());
        assert_eq!(sorted(&overlaid.given), sorted(&slow.given));
        assert_eq!(sorted(&overlaid.stop), sorted(&slow.stop));
        let mut part = WordSet::default();
        let first = RuleFiles::embedded();
        let read = first.matching("names/person_given", ".csv").take(1);
        assert!(!part.fill_precompiled(lexicon::PRECOMPILED_GIVEN, &first, read));
        assert!(part.is_empty());
    }

    /// The two parts compile at once, yet the error reported is the first
    /// in file order: a word list's before the stop words', theirs before
    /// the gazetteer's, the gazetteer's before a trigger file's.
    #[test]
    fn the_first_error_in_file_order_is_reported() {
        let first_error = |files: &[&str]| {
            let mut rules = RuleFiles::default();
            for &file in files {
                let text = match file {
                    "names/person_given.csv" => "name,count\n,3\n",
                    STOPWORDS_FILE => "word,kind\n,verb\n",
                    "names/gaz_test.csv" => "entry,label\nx,NOT_A_LABEL\n",
                    _ => "trigger,kind\nx,not_a_kind\n",
                };
                rules.insert(file, text);
            }
            match NameRecognizer::new(&rules) {
                Ok(_) => panic!("{files:?} compiled"),
                Err(e) => e.to_string(),
            }
        };
        let (given, gazetteer, triggers) = (
            "names/person_given.csv",
            "names/gaz_test.csv",
            "names/triggers.csv",
        );
        for (files, named) in [
            (&[given, STOPWORDS_FILE, gazetteer, triggers][..], given),
            (&[STOPWORDS_FILE, gazetteer, triggers], STOPWORDS_FILE),
            (&[gazetteer, triggers], gazetteer),
            (&[given, triggers], given),
            (&[triggers], triggers),
        ] {
            let error = first_error(files);
            assert!(error.contains(named), "{files:?}: {error}");
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
