//! Named entities (PERSON NORP ORG GPE LOC FAC MISC) by rules that are data:
//! gazetteers (`rules/names/gaz_*.csv`), nisba stems generating NORP forms
//! (`norp_nisba.csv`), person name lists (`person_given.csv`,
//! `person_family.csv`), trigger words (`triggers.csv`), stop and common
//! words, and declarative token patterns (`patterns*.jsonl`). Matching is
//! clitic-aware (`و[روسيا]`, `ل[لصين]`) and a whole word is preferred to a
//! split. After the first pass, full person names and organization aliases
//! found in a document are propagated to their later bare mentions.

mod appositive;
mod biography_lead;
mod chains;
mod context_rules;
mod coordination;
mod facility_descriptions;
pub mod features;
mod gazetteer_loading;
mod group_names;
mod homograph_given;
mod honorifics;
pub mod latin_gloss;
mod left_extension;
pub mod lexicon;
mod likeness;
mod loading;
mod lone_names;
mod media_rules;
mod misc_rules;
mod name_words;
mod ordinary_tail;
mod org_heads;
mod org_institutions;
mod org_rules;
pub mod patterns;
mod person_cues;
mod phrase_pairs;
mod place_definitions;
mod place_heads_kept;
mod place_lists;
mod place_within;
mod propagation;
mod publisher_rules;
mod repeated_subjects;
pub(crate) mod word_bytes;
pub(crate) use propagation::NamesCarry;
mod sports_rules;
mod subject_cues;
mod surname_tails;
mod title_given;
mod title_surname;
mod token_memo;
mod token_offsets;
mod trailing_verbs;
mod variant_rules;
mod variants;
mod verbs;
mod word_tables;

use std::sync::Arc;

use features::{flag, Flags, TokenFeatures, Vocabulary};
use lexicon::{Matches, PhraseMatch, PhraseTable, WordSet};
use patterns::Pattern;

use crate::error::{Error, Result};
use crate::mention::DocContext;
use crate::mention::{Label, Layer, Mention};
use crate::rules::RuleFiles;
use crate::text::normalize::is_word_char;
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
    /// A head that names an institution only with a purpose complement
    /// after it (`[المركز الوطني للدراسات الفضائية]`); otherwise another
    /// kind of the same word reads it (`المركز` is a facility head too).
    OrgHeadPurpose,
    /// An institution head kept before a bare proper name (`[مدرسة
    /// ايجلبروك]`, `[كلية بيمبروك]`): schools and colleges keep their head
    /// (decision 58), where other descriptors drop it (decision 37).
    OrgHeadNamed,
    /// A word that may close a facility or organization name (`الدولي`).
    NameSuffix,
    /// A speech verb: a speaker's name may follow (`وقال [عنان]`).
    SpeechVerb,
    /// A head dropped before a MISC name that stands alone
    /// (`بطولة [كأس العالم]`, `مبادرة "[الحزام والطريق]"`).
    MiscDescriptor,
    /// A generic descriptor dropped before a bare name (`شركة [هواوي]`).
    OrgDescriptor,
    /// With `OrgDescriptor` on the same word: the descriptor stays inside
    /// the name after it (`[نادي ميلان]`), as a corpus's profile may say
    /// (WikiFANE's); the core has no such row (decision 37).
    OrgDescriptorKept,
    /// An organization head a corpus's profile keeps outside the name
    /// (ANERcorp's `حركة [حماس]`, `وزارة الداخلية` untagged): it begins no
    /// organization, yet is still dropped from a listed name whose
    /// remainder is listed (`حركة حماس` → `[حماس]`); the core has no such row.
    OrgHeadOutside,
    /// A descriptor before a GPE, dropped (`مقاطعة [شانشي]`).
    PlaceHead,
    /// With `PlaceHead` on the same word: the head stays inside the place
    /// after it (`[جمهورية كازاخستان]`), as a corpus's profile may say
    /// (WikiFANE's); the core has no such row (decision 19).
    PlaceHeadKept,
    /// A facility head, kept (`[ميناء جوادر]`).
    FacilityHead,
    /// A head before a quoted MISC name (`مبادرة "[الحزام والطريق]"`).
    MiscHead,
    /// A word that introduces a title also without quotes (`بعنوان [منتصف
    /// الليل]`, decision 57).
    TitleHead,
    /// An event head kept inside the event's name (`[مهرجان عمان السينمائي
    /// الدولي]`, decision 103).
    EventHead,
}

impl TriggerKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "person_title" => TriggerKind::PersonTitle,
            "org_head" => TriggerKind::OrgHead,
            "org_head_strong" => TriggerKind::OrgHeadStrong,
            "org_head_purpose" => TriggerKind::OrgHeadPurpose,
            "org_head_named" => TriggerKind::OrgHeadNamed,
            "name_suffix" => TriggerKind::NameSuffix,
            "speech_verb" => TriggerKind::SpeechVerb,
            "misc_descriptor" => TriggerKind::MiscDescriptor,
            "org_descriptor" => TriggerKind::OrgDescriptor,
            "org_descriptor_kept" => TriggerKind::OrgDescriptorKept,
            "org_head_outside" => TriggerKind::OrgHeadOutside,
            "place_head" => TriggerKind::PlaceHead,
            "place_head_kept" => TriggerKind::PlaceHeadKept,
            "facility_head" => TriggerKind::FacilityHead,
            "misc_head" => TriggerKind::MiscHead,
            "title_head" => TriggerKind::TitleHead,
            "event_head" => TriggerKind::EventHead,
            _ => return None,
        })
    }
}

/// A trigger entry's payload.
#[derive(Debug, Clone)]
pub struct Trigger {
    kinds: Vec<TriggerKind>,
    /// A bit per kind in `kinds` (`1 << kind as u32`): a kind is tested
    /// with one mask, not a walk over the list.
    kind_set: u32,
    /// The row that first spelled it (`names/triggers.csv:12 وزير`).
    source: Source,
}

impl Trigger {
    fn new(kinds: Vec<TriggerKind>, source: Source) -> Self {
        // Built once per trigger row at start-up: checked in release too.
        assert!(kinds.iter().all(|&k| (k as u32) < u32::BITS));
        let kind_set: u32 = kinds.iter().fold(0, |set, &k| set | 1 << k as u32);
        // Each kind once (the loader merges rows so): the trigger rules
        // run a kind's rule once per entry (`triggers_at`).
        assert_eq!(
            kind_set.count_ones() as usize,
            kinds.len(),
            "a trigger kind twice"
        );
        Trigger {
            kinds,
            kind_set,
            source,
        }
    }

    /// Whether the entry has this kind.
    #[inline]
    fn has(&self, kind: TriggerKind) -> bool {
        self.kind_set & 1 << kind as u32 != 0
    }
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
    /// `المركز`: only a purpose complement (`للدراسات`) is evidence.
    Purpose,
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
    /// The particles of European names (`فان`, `دي`): role `foreign`.
    foreign_particles: WordSet,
    /// The particle of a ruling family (`آل`): role `dynasty`. Alone before
    /// a family name it names the family, not a person (`آل خليفة`).
    dynasty_particles: WordSet,
    /// The second word of a compound name (`الدين`, `الله`): role `tail`.
    /// After a bare name word it closes the compound (`فؤاد [سراج الدين]`).
    compound_tails: WordSet,
    /// Honorifics written after a person's name (`باشا`, `بك`), inside it.
    honorifics: WordSet,
    stop: WordSet,
    /// The stop words of kind `adjective` (`الجديد`, `السابق`): they close a
    /// name but may describe a head before a quoted title.
    stop_adjectives: WordSet,
    stop_light: rustc_hash::FxHashSet<String>,
    /// The stop words of kind `verb`: a name may be their subject.
    subject_verbs: WordSet,
    common: WordSet,
    ambiguous: WordSet,
    rank: WordSet,
    /// The rank words of kind `ordinal` (`الثامن`; not `الأخير`).
    ordinals: WordSet,
    patterns: Vec<Pattern>,
    /// Patterns by their fixed first word, whole or (for `clitic`) as a stem.
    pattern_index: rustc_hash::FxHashMap<String, Vec<usize>>,
    pattern_index_clitic: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// Patterns whose first element is no fixed word: tried at every
    /// token their start masks let in.
    unkeyed_patterns: patterns::UnkeyedPatterns,
    skipped_ambiguous: usize,
    /// Whether the gazetteer variants were read from `build.rs`'s list.
    variants_precompiled: bool,
    /// Sports cue words (`rules/names/sports_cues.csv`).
    sports: sports_rules::SportsCues,
    /// Media names used only with a cue (`rules/names/media_names.csv`).
    media: media_rules::MediaNames,
    /// Sector words of company names (`rules/names/org_sectors.csv`).
    org_sectors: org_rules::OrgSectors,
    /// Publishing words (`rules/names/publishing_cues.csv`).
    publishing: publisher_rules::PublishingCues,
    /// Every one-word lexicon above, merged for one lookup per token.
    vocab: Vocabulary,
    /// How name-like an unlisted word is (evidence next to a cue only).
    likeness: likeness::NameLikeness,
    /// Verb shapes that end a name run (`rules/names/verb_shapes.csv`).
    verb_shapes: verbs::VerbShapes,
    /// Words a person's name often follows (`rules/names/person_cue_words.csv`).
    person_cues: word_tables::WordKeys,
    /// Name words that alone are mostly ordinary words
    /// (`rules/names/person_lone_ordinary.csv`).
    lone_ordinary: word_tables::WordKeys,
    /// Nouns of a tribe or clan (`rules/names/group_heads.csv`).
    group_heads: word_tables::WordKeys,
    /// Given names the lexicons hold as function words
    /// (`rules/names/person_homographs.csv`).
    given_homographs: word_tables::WordKeys,
    /// Birth words of a biography's lead bracket (`rules/names/biography_leads.csv`).
    birth_words: word_tables::WordKeys,
    /// Copulas and place nouns of a place's defining sentence
    /// (`rules/names/place_definitions.csv`).
    place_definitions: place_definitions::PlaceDefinitionWords,
    /// Locative prepositions and joints of a place inside a larger one
    /// (`rules/names/place_within.csv`).
    place_within: place_within::PlaceWithinWords,
    /// Adjectives that make a facility head a description
    /// (`rules/names/facility_adjectives.csv`).
    facility_adjectives: word_tables::WordKeys,
}

/// One document as the names rules see it: the context, its analysis and
/// the lexicon flags of its tokens.
struct Doc<'d> {
    ctx: &'d DocContext<'d>,
    a: &'d Analysis<'d>,
    f: TokenFeatures,
    /// The tokens by code point offset, built when a pass first asks.
    offsets: std::cell::OnceCell<token_offsets::TokenOffsets<'d>>,
    /// Answers asked of a token again and again, kept once computed.
    memo: token_memo::TokenMemo,
}

impl<'d> Doc<'d> {
    fn new(ctx: &'d DocContext<'d>, f: TokenFeatures) -> Self {
        Doc {
            ctx,
            a: ctx.analysis,
            f,
            offsets: std::cell::OnceCell::new(),
            memo: token_memo::TokenMemo::default(),
        }
    }

    /// The tokens of the document by code point offset.
    fn offsets(&self) -> &token_offsets::TokenOffsets<'d> {
        self.offsets
            .get_or_init(|| token_offsets::TokenOffsets::new(self.a.tokens()))
    }
    /// Whether token `i` exists and has any bit of `mask`.
    #[inline]
    fn any(&self, i: usize, mask: Flags) -> bool {
        self.f.any(i, mask)
    }

    /// Whether token `i` or one of its clitic stems has any bit of `mask`.
    #[inline]
    fn any_or_stem(&self, i: usize, mask: Flags) -> bool {
        let f = self.f.get(i);
        (f.word | f.stems) & mask != 0
    }

    /// Whether the token after `i` may be the second key of a gazetteer
    /// phrase: it is flagged so, or it is a token the vocabulary does not
    /// flag (no word, or a key that starts with no letter). False: no
    /// phrase of two or more tokens starts at `i`. Always inlined: the
    /// gazetteer probe and the city gate ask it at most tokens they see.
    #[inline(always)]
    fn gaz_second_may_follow(&self, i: usize) -> bool {
        self.any(i + 1, flag::GAZ_SECOND)
            || (i + 1 < self.a.len()
                && (!self.is_word(i + 1)
                    || !self.a.key(i + 1).chars().next().is_some_and(is_word_char)))
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

    /// The [`crate::text::key_hash`] of token `i`'s key: the one kept with
    /// its flags, worked out here for a number or punctuation mark the
    /// vocabulary did not look up (kept as 0).
    #[inline]
    fn key_hash(&self, i: usize) -> u64 {
        match self.f.key_hash(i) {
            0 => crate::text::key_hash(self.a.key(i)),
            hash => hash,
        }
    }

    /// Whether token `i`'s key is in `set`, probed by its kept hash.
    #[inline]
    fn key_in(&self, set: &WordSet, i: usize) -> bool {
        set.contains_hashed(self.key_hash(i), self.a.key(i))
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

fn label_rule(label: Label) -> String {
    label.as_str().to_ascii_lowercase()
}

impl NameRecognizer {
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
            .filter(|&i| !pattern.refused_by_first_keys(a, i))
            .filter_map(|i| pattern.match_found_at(&self.vocab, a, &features, i))
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

    /// Gazetteer matches at token `i` (with `clitics`, also of its stems).
    #[inline]
    fn gaz_matches<'s>(&'s self, d: &Doc<'_>, i: usize, clitics: bool) -> Matches<'s, GazEntry> {
        let f = d.f.get(i);
        // A word listed whole as a stop word (a verb, a particle) is read whole:
        // `لجأوا` is a verb, not ل + `جاوا`.
        let clitics = clitics && f.word & flag::STOP == 0;
        // Most asks are of a token that neither whole nor by a stem starts
        // an entry: refused here, without the call. `gaz_matches_flagged`
        // would refuse it too (its `may_start` wants one of these bits).
        let stems = if clitics { f.stems } else { 0 };
        if (f.word | stems) & (flag::GAZ_FIRST | flag::GAZ_SINGLE) == 0 {
            return Matches::new();
        }
        self.gaz_matches_flagged(d, i, f, clitics)
    }

    /// [`Self::gaz_matches`] of a token whose flags `f` (or, with
    /// `clitics`, its stems') say it may start an entry.
    #[inline(never)]
    fn gaz_matches_flagged<'s>(
        &'s self,
        d: &Doc<'_>,
        i: usize,
        f: features::WordFlags,
        clitics: bool,
    ) -> Matches<'s, GazEntry> {
        // A match is a one-word entry or a phrase whose second word is the
        // next token's key. A token that is no word, or whose key starts
        // with no letter, is not flagged: it may be one.
        let next_second = d.gaz_second_may_follow(i);
        let may_start = |bits: Flags| {
            bits & flag::GAZ_SINGLE != 0 || (next_second && bits & flag::GAZ_FIRST != 0)
        };
        // The whole word starts a longer phrase only with the next word as
        // its second: the vocabulary's pair filter refuses most pairs no
        // phrase has, without the table's two lookups.
        let whole_longer = next_second
            && f.word & flag::GAZ_FIRST != 0
            && self
                .vocab
                .gaz_pair_may_hold(d.f.key_hash(i), d.f.key_hash(i + 1));
        let whole = f.word & flag::GAZ_SINGLE != 0 || whole_longer;
        let stems = clitics && may_start(f.stems);
        if !whole && !stems {
            return Matches::new();
        }
        // As `gated_matches`, the whole word and the stems each read only
        // where the flags above let a phrase start.
        self.gazetteer.matches_at_gated(
            d.a,
            i,
            whole && (d.any(i, flag::GAZ_FIRST) || !d.is_word(i)),
            stems && d.f.stem_any(i, flag::GAZ_FIRST),
            whole_longer,
            next_second,
        )
    }

    /// Trigger matches at token `i`, as [`Self::gaz_matches`].
    #[inline]
    fn trigger_matches<'s>(&'s self, d: &Doc<'_>, i: usize, clitics: bool) -> Matches<'s, Trigger> {
        // The first test of `gated_matches`, without the call.
        let f = d.f.get(i);
        let stems = if clitics { f.stems } else { 0 };
        if (f.word | stems) & flag::TRIG_FIRST == 0 {
            return Matches::new();
        }
        self.trigger_matches_flagged(d, i, clitics)
    }

    /// [`Self::trigger_matches`] of a token whose flags (or, with
    /// `clitics`, its stems') say it may start a trigger.
    #[inline(never)]
    fn trigger_matches_flagged<'s>(
        &'s self,
        d: &Doc<'_>,
        i: usize,
        clitics: bool,
    ) -> Matches<'s, Trigger> {
        gated_matches(&self.triggers, flag::TRIG_FIRST, d, i, clitics, true)
    }

    // ---- recognition ---------------------------------------------------

    /// Emit candidate name mentions.
    pub fn recognize(&self, ctx: &DocContext<'_>, out: &mut Vec<Mention>) {
        let a = ctx.analysis;
        let d = Doc::new(ctx, self.vocab.features(a));
        // Candidates come at about one per four tokens, and the passes
        // after the word loop add more: sized once at one per two tokens,
        // so that few documents regrow it (each regrowth copies them all).
        let mut found: Vec<Mention> = Vec::with_capacity(a.len() / 2);
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
                if f.word & flag::STOP_OF_LIGHT != 0 {
                    self.homograph_person_at(&d, i, &mut found);
                }
                // The first tests of these three rules, as bits of the
                // word and the next one: most words call none of them.
                const NORP_DEFINITE: Flags = flag::WORD | flag::NORP_WORD | flag::ARTICLE;
                if d.f.get(i + 1).word & NORP_DEFINITE == NORP_DEFINITE {
                    self.club_city_at(&d, i, &mut found);
                }
                if f.word & NORP_DEFINITE == NORP_DEFINITE {
                    self.norp_person_at(&d, i, &mut found);
                }
                if (f.word | f.stems) & flag::PERSON_CUE != 0 {
                    self.cue_person_at(&d, i, &mut found);
                }
                // Both read a sentence's first word: asked here once.
                if place_definitions::starts_sentence(&d, i) {
                    self.biography_lead_at(&d, i, &mut found);
                    self.place_definition_at(&d, i, &mut found);
                }
            }
            self.pattern_candidates(&d, i, f, &mut candidates);
            for pattern in candidates.iter().map(|&p| &self.patterns[p]) {
                if let Some(m) = pattern.match_found_at(&self.vocab, a, &d.f, i) {
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
        self.sports_clubs(&d, &mut found);
        self.sector_names(&d, &mut found);
        self.latin_orgs(&d, &mut found);
        self.media_names(&d, &mut found);
        self.trim_org_nationality(&d, &mut found);
        self.extend_misc_over_sectors(&d, &mut found);
        self.extend_misc_over_year(&d, &mut found);
        self.trim_trailing_verbs(&d, &mut found);
        self.extend_persons_left(&d, &mut found);
        self.coordinated_persons(&d, &mut found);
        self.drop_lone_ordinary_persons(&d, &mut found);
        self.drop_group_persons(&d, &mut found);
        self.places_within_places(&d, &mut found);
        self.listed_places(&d, &mut found);
        self.repeated_subjects(&d, &mut found);
        self.propagate(&d, &mut found);
        self.extend_propagated_persons_left(&d, &mut found);
        self.extend_persons_over_surnames(&d, &mut found);
        self.drop_group_persons(&d, &mut found);
        self.extend_persons_over_honorifics(&d, &mut found);
        // Moved, not copied, into an empty `out` (the pipeline's).
        if out.is_empty() {
            *out = found;
        } else {
            out.append(&mut found);
        }
    }

    /// The patterns to try at token `i`, whose flags are `f`, in
    /// `candidates` (emptied first): those whose first keys have the
    /// token's key or a stem's (by the key indexes), and the unkeyed ones
    /// its flags may start.
    #[inline(always)]
    fn pattern_candidates(
        &self,
        d: &Doc<'_>,
        i: usize,
        f: features::WordFlags,
        candidates: &mut Vec<usize>,
    ) {
        candidates.clear();
        if f.word & flag::PATTERN_KEY != 0 {
            candidates.extend(self.pattern_index.get(d.a.key(i)).into_iter().flatten());
        }
        if f.stems & flag::PATTERN_CLITIC_KEY != 0 {
            let keyed = crate::text::clitics::clitic_splits_iter(d.a.key(i))
                .filter_map(|s| self.pattern_index_clitic.get(s.stem_key.as_ref()))
                .flatten();
            candidates.extend(keyed);
        }
        if self.unkeyed_patterns.may_start(f) {
            for &p in self.unkeyed_patterns.indices() {
                if self.patterns[p].may_start(f) {
                    candidates.push(p);
                }
            }
        }
        if candidates.len() > 1 {
            candidates.sort_unstable();
            candidates.dedup();
        }
    }

    fn gazetteer_at(&self, d: &Doc<'_>, i: usize, out: &mut Vec<Mention>) {
        let a = d.a;
        let matches = self.gaz_matches(d, i, true);
        // Prefer the whole word: a clitic split only when no whole-word
        // match of the same first token exists.
        let whole = matches.iter().any(|m| !m.clitic);
        let kept = || matches.iter().filter(move |m| !(whole && m.clitic));
        // The same span as a country and as a nisba form (`السعودية`): the
        // adjective reading after a definite noun (`السوق السعودية`), the
        // place otherwise (`للسعودية`, `بين السعودية والبحرين`).
        let after_definite = i > 0 && d.has_article(i - 1) && !d.is_stop(i - 1);
        let spans_with = |label: Label, m: &PhraseMatch<'_, GazEntry>| {
            kept().any(|o| o.start == m.start && o.end == m.end && o.payload.label == label)
        };
        for m in kept() {
            let dropped = match m.payload.label {
                Label::Norp => spans_with(Label::Gpe, m) && !after_definite,
                Label::Gpe => spans_with(Label::Norp, m) && after_definite,
                _ => false,
            };
            if dropped {
                continue;
            }
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
            if m.payload.label == Label::Org {
                out.extend(self.listed_org_alias(d, m.end));
            }
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
/// `first` (the vocabulary flag of the table's first words), the whole
/// word only when it has it (or is no word: the vocabulary may not have
/// looked it up), and the longer phrases only when `longer` (the caller
/// knows the next token may be a second key).
fn gated_matches<'s, T>(
    table: &'s PhraseTable<T>,
    first: Flags,
    d: &Doc<'_>,
    i: usize,
    clitics: bool,
    longer: bool,
) -> Matches<'s, T> {
    let stems = clitics && d.f.stem_any(i, first);
    let whole = d.any(i, first);
    if !whole && !stems {
        return Matches::new();
    }
    table.matches_at_gated(d.a, i, whole || !d.is_word(i), stems, longer, longer)
}
