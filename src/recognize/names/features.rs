//! Per-token lexicon memberships for the names recognizer. Every one-word
//! lexicon (given and family names, particles, stop, common and trigger
//! words, one-word gazetteer entries by label, the first words of phrases
//! and patterns) is merged at start-up into one [`Vocabulary`] keyed by the
//! normalized word, so each token of a document is looked up once, with its
//! clitic stems, and every rule then tests bits instead of hashing the same
//! word again ([`TokenFeatures`]).

use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;

use crate::mention::Label;
use crate::recognize::interned::{self, Memo};
use crate::text::clitics::clitic_splits_iter;
use crate::text::key_hash::{key_hash, KeyHashMap};
use crate::text::normalize::is_word_char;
use crate::text::{Analysis, TokenKind};

use super::phrase_pairs::PairFilter;
use super::word_bytes::{has_article, has_pronoun_suffix, no_arabic_letter, same_bytes, same_key};

/// A set of [`flag`] bits.
pub type Flags = u64;

/// The bits of [`Flags`].
pub mod flag {
    use super::Flags;

    // Entries of a word itself (set when the vocabulary is built).
    /// A listed given name.
    pub const GIVEN: Flags = 1 << 0;
    /// A listed family name.
    pub const FAMILY: Flags = 1 << 1;
    /// A name particle (`بن`, `أبو`, `عبد`).
    pub const PARTICLE: Flags = 1 << 2;
    /// A stop word (by key).
    pub const STOP: Flags = 1 << 3;
    /// A common word (almost never part of a name in ANERcorp).
    pub const COMMON: Flags = 1 << 4;
    /// A one-word trigger.
    pub const TRIGGER: Flags = 1 << 5;
    /// A stop word in its light form (whole tokens are checked this way,
    /// so `على` stops a name and `علي` does not).
    pub const LIGHT_STOP: Flags = 1 << 6;
    /// A common word's key minus a final `ه` (`اتفاق` for `اتفاقه`).
    pub const COMMON_H_STEM: Flags = 1 << 7;
    /// Some gazetteer phrase starts with this word.
    pub const GAZ_FIRST: Flags = 1 << 8;
    /// Some trigger phrase starts with this word.
    pub const TRIG_FIRST: Flags = 1 << 9;
    /// A one-word trigger that may close a name (`الدولي`).
    pub const NAME_SUFFIX: Flags = 1 << 10;
    /// A head dropped before a name standing alone (place head, organization
    /// head or descriptor, MISC descriptor).
    pub const DESCRIPTOR_HEAD: Flags = 1 << 11;
    /// A fixed first word of a token pattern.
    pub const PATTERN_KEY: Flags = 1 << 12;
    /// A fixed first word of a token pattern that also matches after a proclitic.
    pub const PATTERN_CLITIC_KEY: Flags = 1 << 13;
    /// The key of a stop word whose light form differs from it (`على`
    /// for the key `علي`): a token with this key checks its light form.
    pub const LIGHT_STOP_VARIANT: Flags = 1 << 14;
    /// A definite ordinal adjective or `الأخير` (`rank_words.csv`): after
    /// a facility head it states a rank (`المركز الثاني`), not a name.
    pub const RANK: Flags = 1 << 15;
    /// A common word as it stands before an attached pronoun `ه` (`مرما`
    /// for `مرمى`, `مبارات` for `مباراة`): `مرماه` is "his goal", no name.
    pub const COMMON_PRONOUN_STEM: Flags = 1 << 23;

    /// A one-word gazetteer entry with this label.
    pub const PERSON_WORD: Flags = 1 << 16;
    /// A one-word NORP entry.
    pub const NORP_WORD: Flags = 1 << 17;
    /// A one-word ORG entry.
    pub const ORG_WORD: Flags = 1 << 18;
    /// A one-word GPE entry.
    pub const GPE_WORD: Flags = 1 << 19;
    /// A one-word LOC entry.
    pub const LOC_WORD: Flags = 1 << 20;
    /// A one-word FAC entry.
    pub const FAC_WORD: Flags = 1 << 21;
    /// A one-word MISC entry.
    pub const MISC_WORD: Flags = 1 << 22;
    /// A one-word gazetteer entry of any label.
    pub const GAZ_WORD: Flags =
        PERSON_WORD | NORP_WORD | ORG_WORD | GPE_WORD | LOC_WORD | FAC_WORD | MISC_WORD;
    /// A one-word gazetteer entry of a label other than PERSON.
    pub const NON_PERSON_WORD: Flags = GAZ_WORD & !PERSON_WORD;
    /// The bits a word's own entries can have.
    pub const OWN: Flags = (1 << 24) - 1;
    /// A sports cue word (`rules/names/sports_cues.csv`); as a stem flag,
    /// after a proclitic. It only gates the cue lookup, so it is no pattern
    /// lexicon and lies outside [`OWN`].
    pub const SPORTS_CUE: Flags = 1 << 27;
    /// A media cue word (`rules/names/media_cues.csv`); as a stem flag,
    /// after a proclitic. Like [`SPORTS_CUE`], only a gate for the lookup.
    pub const MEDIA_CUE: Flags = 1 << 28;
    /// The first word of a media name (`rules/names/media_names.csv`); as
    /// a stem flag, after a proclitic. Only a gate for the lookup.
    pub const MEDIA_FIRST: Flags = 1 << 29;
    /// A one-word gazetteer entry of any label (with [`GAZ_SECOND`], a
    /// gate: a token starts a gazetteer match only as a one-word entry or
    /// as the first word of a phrase whose second word follows).
    pub const GAZ_SINGLE: Flags = 1 << 30;
    /// The second word of some gazetteer phrase.
    pub const GAZ_SECOND: Flags = 1 << 31;
    /// A sector word of company names (`rules/names/org_sectors.csv`,
    /// either kind): a gate for the sector lookups of word tokens.
    pub const ORG_SECTOR: Flags = 1 << 36;
    /// A noun of a tribe or clan (`rules/names/group_heads.csv`); as a
    /// stem flag, after a proclitic (`لبني`). The whole test of
    /// the group nouns, so a person mention costs no lookup.
    pub const GROUP_HEAD: Flags = 1 << 37;
    /// A word a person's name often follows
    /// (`rules/names/person_cue_words.csv`); as a stem flag, after a
    /// proclitic (`وتوفي`). The whole test of the cue words.
    pub const PERSON_CUE: Flags = 1 << 38;
    /// The key has a clitic split (`ومحمد`: و + `محمد`): only such a word
    /// can match a phrase by a stem. Derived with the stems' flags, so a
    /// listed word's bit is worked out once.
    pub const CLITIC_STEM: Flags = 1 << 39;

    // Derived from the word's key (its stems, its ending).
    /// Proclitic + an ordinary, definite or known word (`للتجارة`, `وشركة`).
    pub const CLITIC_COMMON: Flags = 1 << 24;
    /// An inflected form of a common word (`رقما`, `مهندسون`).
    pub const INFLECTED: Flags = 1 << 25;
    /// Could be part of a name (see `NameRecognizer::could_be_name`).
    pub const NAME_LIKE: Flags = 1 << 26;

    // Properties of the token in the document.
    /// A word token.
    pub const WORD: Flags = 1 << 32;
    /// Starts with the definite article as written, two letters after it.
    pub const ARTICLE: Flags = 1 << 33;
    /// The light form is a stop word's key (`NameRecognizer::person_list_at`).
    pub const STOP_OF_LIGHT: Flags = 1 << 34;
    /// The light form ends in an attached pronoun (`روايتها`).
    pub const PRONOUN_SUFFIX: Flags = 1 << 35;
}

/// The flag of one-word gazetteer entries with a label.
pub fn label_word_flag(label: Label) -> Flags {
    match label {
        Label::Person => flag::PERSON_WORD,
        Label::Norp => flag::NORP_WORD,
        Label::Org => flag::ORG_WORD,
        Label::Gpe => flag::GPE_WORD,
        Label::Loc => flag::LOC_WORD,
        Label::Fac => flag::FAC_WORD,
        Label::Misc => flag::MISC_WORD,
        _ => 0,
    }
}

/// Suffixes of inflected forms of ordinary words: accusative tanween
/// (`رقما`), masculine and feminine sound plurals (`مهندسون`, `اتفاقات`);
/// not `ين`/`ان`, which end many names (`بوتين`, `الفردان`).
pub(super) const INFLECTIONS: &[&str] = &["ا", "ون", "ات"];

/// Every one-word lexicon of the names rules, merged: word key → its own
/// flags and its full [`WordFlags`], so a listed word costs one lookup.
/// The full flags of a listed word are derived the first time a document
/// asks for them, not at start-up: a run meets a few thousand of the
/// vocabulary's words, and deriving all of them was a tenth of start-up.
#[derive(Debug, Default)]
pub struct Vocabulary {
    /// Each word and its entry by the word's key hash: a token is looked up
    /// by its key's hash, computed once ([`TokenFeatures::key_hash`]). The
    /// key's place in `keys` sits in the bucket beside its entry.
    words: KeyHashMap<(KeyAt, VocabEntry)>,
    /// The keys of `words`, one after another: a word costs no allocation
    /// of its own (about 80,000 are added at start-up).
    keys: String,
    /// Words whose hash an earlier word has (none in practice), by key.
    collided: FxHashMap<Box<str>, VocabEntry>,
    /// Every key starts with a word character, so a number or punctuation
    /// token is in none of the lexicons and is not looked up (set by
    /// [`Vocabulary::finish`]).
    only_word_keys: bool,
    /// A key added so far starts with no word character.
    non_word_key: bool,
    /// The gazetteer's first and second key pairs (empty: all may be).
    gaz_pairs: PairFilter,
    /// This vocabulary's serial number in the process, given by
    /// [`Vocabulary::finish`] (0: not finished), which ties the flags the
    /// interner keeps per word form to it (`recognize::interned`).
    serial: u64,
}

/// Whether a key starts with a word character (a token that does not is
/// looked up only when some key does not either).
fn starts_with_word_char(key: &str) -> bool {
    key.chars().next().is_some_and(is_word_char)
}

/// The bytes of a vocabulary key, on average (a word of five or six Arabic
/// letters: the common words' keys average 11.7), to size the keys' buffer.
const AVERAGE_KEY_BYTES: usize = 12;

/// Where a word's key lies in [`Vocabulary::keys`].
#[derive(Debug, Clone, Copy)]
struct KeyAt {
    start: u32,
    end: u32,
}

impl KeyAt {
    /// The key in `keys`.
    #[cfg(test)]
    fn of(self, keys: &str) -> &str {
        &keys[self.start as usize..self.end as usize]
    }

    /// The key's bytes in `keys` (compared with a token's: no character
    /// boundary to check).
    #[inline(always)]
    fn bytes(self, keys: &str) -> &[u8] {
        &keys.as_bytes()[self.start as usize..self.end as usize]
    }
}

#[derive(Debug, Default)]
struct VocabEntry {
    own: Flags,
    /// [`Vocabulary::derive`] of the word once asked for (the own flags of
    /// every word are final by then: [`Vocabulary::finish`] was called):
    /// its word flags with [`DERIVED`] (0 before), then its stems' flags.
    /// Two plain stores, no lock: threads that derive a word at once
    /// store the same values (a `OnceLock` cost a fifth of a derivation).
    full_word: AtomicU64,
    full_stems: AtomicU64,
}

/// In [`VocabEntry::full_word`] only: the entry's full flags are stored.
/// A bit no [`flag`] uses.
const DERIVED: Flags = 1 << 62;

impl VocabEntry {
    /// The word's full flags, derived by `derive` on the first ask.
    #[inline(always)]
    fn full(&self, derive: impl FnOnce() -> WordFlags) -> WordFlags {
        let word = self.full_word.load(Ordering::Acquire);
        if word & DERIVED != 0 {
            return WordFlags {
                word: word & !DERIVED,
                stems: self.full_stems.load(Ordering::Relaxed),
            };
        }
        let full = derive();
        // A flag on the marker's bit would read as derived-and-stored: a
        // programming error every run hits at once (checked only here, on
        // a word's first derivation, not on each read).
        assert_eq!(full.word & DERIVED, 0, "a names flag uses DERIVED's bit");
        self.full_stems.store(full.stems, Ordering::Relaxed);
        // Released after the stems: a reader that sees the bit sees them.
        self.full_word.store(full.word | DERIVED, Ordering::Release);
        full
    }
}

/// The flags of a word: its own and derived ones, and the union of the own
/// flags of its clitic stems (`STEM & GIVEN` for `ومحمد`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordFlags {
    /// The word's own and derived flags.
    pub word: Flags,
    /// The union of its clitic stems' own flags.
    pub stems: Flags,
}

impl Vocabulary {
    /// Room for `additional` more words (sized once instead of rehashed),
    /// their keys of [`AVERAGE_KEY_BYTES`] each.
    pub fn reserve(&mut self, additional: usize) {
        self.words.reserve(additional);
        self.keys.reserve(additional * AVERAGE_KEY_BYTES);
    }

    /// The entry of a word, by its key and its key's hash. Inlined at
    /// each token's lookup; a word whose hash another word has is looked up
    /// out of line.
    #[inline(always)]
    fn find(&self, hash: u64, key: &str) -> Option<&VocabEntry> {
        let (at, entry) = self.words.get(&hash)?;
        if same_bytes(at.bytes(&self.keys), key.as_bytes()) {
            return Some(entry);
        }
        self.find_collided(key)
    }

    /// A word whose hash an earlier word has (none in practice).
    #[cold]
    #[inline(never)]
    fn find_collided(&self, key: &str) -> Option<&VocabEntry> {
        if self.collided.is_empty() {
            return None;
        }
        self.collided.get(key)
    }

    /// Add flags to a normalized word. Call [`Vocabulary::finish`] after the last.
    pub fn add(&mut self, key: &str, flags: Flags) {
        self.add_hashed(key_hash(key), key, flags);
    }

    /// [`Vocabulary::add`] of a key with this hash ([`key_hash`]).
    pub(super) fn add_hashed(&mut self, hash: u64, key: &str, flags: Flags) {
        if key.is_empty() {
            return;
        }
        match self.words.entry(hash) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                self.non_word_key |= !starts_with_word_char(key);
                let entry = VocabEntry {
                    own: flags,
                    ..VocabEntry::default()
                };
                let start = self.keys.len() as u32;
                self.keys.push_str(key);
                let end = u32::try_from(self.keys.len()).expect("vocabulary keys under 4 GiB");
                let at = KeyAt { start, end };
                slot.insert((at, entry));
            }
            std::collections::hash_map::Entry::Occupied(mut slot) => {
                if same_bytes(slot.get().0.bytes(&self.keys), key.as_bytes()) {
                    slot.get_mut().1.own |= flags;
                } else {
                    self.non_word_key |= !starts_with_word_char(key);
                    self.collided.entry(key.into()).or_default().own |= flags;
                }
            }
        }
    }

    /// Every word's key and entry.
    #[cfg(test)]
    fn entries(&self) -> impl Iterator<Item = (&str, &VocabEntry)> {
        let words = self.words.values().map(|(at, e)| (at.of(&self.keys), e));
        words.chain(self.collided.iter().map(|(k, e)| (&**k, e)))
    }

    /// Close the vocabulary after the last [`Vocabulary::add`]: the own
    /// flags are final from here on, and the full flags of a word are
    /// derived from them when first asked for.
    pub fn finish(&mut self) {
        self.only_word_keys = !self.non_word_key;
        self.serial = interned::next_rules_serial();
    }

    /// The gazetteer's (first key, second key) pairs, by their hashes.
    pub(super) fn set_gaz_pairs(&mut self, pairs: PairFilter) {
        self.gaz_pairs = pairs;
    }

    /// Whether some gazetteer phrase may start with the keys of these
    /// hashes (a 0: a token whose hash was not taken, which may).
    #[inline]
    pub(super) fn gaz_pair_may_hold(&self, first: u64, second: u64) -> bool {
        first == 0 || second == 0 || self.gaz_pairs.may_hold(first, second)
    }

    /// The word's own flags.
    pub fn own(&self, key: &str) -> Flags {
        self.find(key_hash(key), key).map_or(0, |e| e.own)
    }

    /// The flags of a word and of its clitic stems, derived ones included.
    pub fn word_flags(&self, key: &str) -> WordFlags {
        self.word_flags_hashed(key_hash(key), key)
    }

    /// [`Vocabulary::word_flags`] of a key whose [`key_hash`] is known
    /// (inlined in the loop over a document's tokens).
    #[inline(always)]
    fn word_flags_hashed(&self, hash: u64, key: &str) -> WordFlags {
        match self.find(hash, key) {
            Some(e) => e.full(|| self.derive(key, e.own)),
            None => self.derive(key, 0),
        }
    }

    /// Derive a word's flags from its own and its stems' entries.
    fn derive(&self, key: &str, own: Flags) -> WordFlags {
        let mut word = own;
        let mut stems = 0;
        for split in clitic_splits_iter(key) {
            word |= flag::CLITIC_STEM;
            let stem = split.stem_key.as_ref();
            let s = self.own(stem);
            stems |= s;
            if stem.starts_with("ال")
                || s & (flag::COMMON | flag::STOP | flag::TRIGGER | flag::GAZ_WORD) != 0
            {
                word |= flag::CLITIC_COMMON;
            }
        }
        let inflected = INFLECTIONS.iter().any(|suffix| {
            key.strip_suffix(suffix).is_some_and(|stem| {
                stem.chars().nth(1).is_some()
                    && self.own(stem) & (flag::COMMON | flag::COMMON_H_STEM) != 0
            })
        });
        if inflected {
            word |= flag::INFLECTED;
        }
        let listed = own & (flag::GIVEN | flag::FAMILY) != 0;
        let ordinary = own & (flag::STOP | flag::COMMON | flag::TRIGGER) != 0
            || key.starts_with('و')
            || word & (flag::CLITIC_COMMON | flag::INFLECTED) != 0
            || has_pronoun_suffix(key);
        if listed || !ordinary {
            word |= flag::NAME_LIKE;
        }
        WordFlags { word, stems }
    }

    /// The flags of every token of a document. What a word's light form
    /// says is read from this thread's interner when the word was seen
    /// before (`recognize::interned`), worked out and kept there when not.
    pub fn features(&self, a: &Analysis<'_>) -> TokenFeatures {
        let owner = interned::owner(self.serial, crate::text::clitics::active_table());
        interned::with_memo(a, owner, |memo| self.features_with(a, memo))
    }

    /// [`Vocabulary::features`] with the interner's slots of `a`'s words.
    fn features_with(&self, a: &Analysis<'_>, memo: &mut Memo<'_, NameWord>) -> TokenFeatures {
        let mut out = Vec::with_capacity(a.len());
        let mut hashes = Vec::with_capacity(a.len());
        let mut anywhere = 0;
        for (i, token) in a.tokens().iter().enumerate() {
            if token.kind == TokenKind::Word {
                let of_form = || self.name_word(a.light(i), a.key(i));
                let w = memo.get_or(i, of_form).unwrap_or_else(of_form);
                let mut f = w.flags;
                // Alef forms are one letter in the light form: a word whose
                // light form has no `ال` in front has no article as written.
                if f.word & ARTICLE_LIGHT != 0 {
                    f.word &= !ARTICLE_LIGHT;
                    if has_article(a.surface(i)) {
                        f.word |= flag::ARTICLE;
                    }
                }
                hashes.push(w.key_hash);
                anywhere |= f.word | f.stems;
                out.push(f);
                continue;
            }
            let key = a.key(i);
            let (mut f, hash) = if !self.only_word_keys {
                let hash = key_hash(key);
                (self.word_flags_hashed(hash, key), hash)
            } else if no_arabic_letter(key) && !crate::text::clitics::starts_with_proclitic(key) {
                // Punctuation and digits: no stem, inflection, conjunction
                // or pronoun (all Arabic letters), so `derive` would say
                // only that it may be part of a name.
                let f = WordFlags {
                    word: flag::NAME_LIKE,
                    stems: 0,
                };
                (f, 0)
            } else {
                (self.derive(key, 0), 0)
            };
            self.stops_of_light(&mut f, a.light(i), key);
            // A number or a punctuation mark ends in no pronoun and has no
            // article.
            hashes.push(hash);
            anywhere |= f.word | f.stems;
            out.push(f);
        }
        TokenFeatures {
            tokens: out,
            hashes,
            anywhere,
        }
    }

    /// What a word token's light form (and its key, `key`) gives, the
    /// surface aside: kept per form in the interner. Out of line: the loop
    /// over the tokens mostly reads it there.
    #[inline(never)]
    fn name_word(&self, light: &str, key: &str) -> NameWord {
        let key_hash = key_hash(key);
        let mut f = self.word_flags_hashed(key_hash, key);
        self.stops_of_light(&mut f, light, key);
        if has_pronoun_suffix(light) || self.has_possessive_ta(key) {
            f.word |= flag::PRONOUN_SUFFIX;
        }
        f.word |= flag::WORD;
        if light.starts_with("ال") {
            f.word |= ARTICLE_LIGHT;
        }
        NameWord { flags: f, key_hash }
    }

    /// The stop flags of a token by its light form: [`flag::STOP_OF_LIGHT`]
    /// when the light form is a stop word's key, [`flag::LIGHT_STOP`] only
    /// when it is a light stop form.
    #[inline]
    fn stops_of_light(&self, f: &mut WordFlags, light: &str, key: &str) {
        // Whether the light form is the key matters only to a word
        // with one of these flags (most have none: no comparison).
        let stop_bits = flag::STOP | flag::LIGHT_STOP | flag::LIGHT_STOP_VARIANT;
        if f.word & stop_bits == 0 {
            return;
        }
        if same_key(light, key) {
            if f.word & flag::STOP != 0 {
                f.word |= flag::STOP_OF_LIGHT;
            }
        } else {
            // The light form has `ى` or `ة`, which no key has: it is no
            // stop key, and a light stop form only when one is listed.
            f.word &= !flag::LIGHT_STOP;
            if f.word & flag::LIGHT_STOP_VARIANT != 0 {
                f.word |= self.own(light) & flag::LIGHT_STOP;
            }
        }
    }
}

/// What the names layer keeps of a word form in the interner
/// (`recognize::interned`): all its flags but the article as written (with
/// [`ARTICLE_LIGHT`] instead), and its key's hash.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NameWord {
    /// The word's flags, [`ARTICLE_LIGHT`] for [`flag::ARTICLE`].
    pub(crate) flags: WordFlags,
    /// The [`key_hash`] of its key.
    pub(crate) key_hash: u64,
}

/// In a [`NameWord`]'s flags only, never a token's: the light form starts
/// with `ال`, so the surface tells whether the article is written
/// ([`flag::ARTICLE`]). A bit no [`flag`] uses.
const ARTICLE_LIGHT: Flags = 1 << 63;

impl Vocabulary {
    /// A listed noun in `ة` with the pronoun `ه` attached (`شركته`,
    /// `وشريكته`: "his company", "and his partner"), as keyed: no name.
    fn has_possessive_ta(&self, key: &str) -> bool {
        // The pronoun `ه` after the `ت` a `ة` becomes before a suffix.
        // `ته` is D8 AA D9 87: a byte test refuses most words.
        const TA_HA: &[u8] = "\u{062A}\u{0647}".as_bytes();
        if !key.as_bytes().ends_with(TA_HA) {
            return false;
        }
        let stem = &key[..key.len() - TA_HA.len()];
        // The noun is written into a buffer on the stack (no allocation
        // per token); a stem too long for it is allocated.
        let listed = |s: &str| {
            if s.chars().nth(1).is_none() {
                return false;
            }
            let mut buf = [0u8; 64];
            let h = 'ه'.encode_utf8(&mut [0u8; 4]).len();
            let own = match buf.get_mut(..s.len() + h) {
                Some(noun) => {
                    noun[..s.len()].copy_from_slice(s.as_bytes());
                    'ه'.encode_utf8(&mut noun[s.len()..]);
                    // a str and a char: always UTF-8
                    self.own(std::str::from_utf8(noun).unwrap_or_default())
                }
                None => {
                    let mut noun = s.to_string();
                    noun.push('ه');
                    self.own(&noun)
                }
            };
            own & (flag::COMMON | flag::TRIGGER) != 0
        };
        let mut found = listed(stem);
        crate::text::clitics::for_each_stem_key(stem, |s| found = found || listed(s));
        found
    }
}

/// The flags of each token of one document.
#[derive(Debug, Default)]
pub struct TokenFeatures {
    tokens: Vec<WordFlags>,
    /// The [`key_hash`] of each token looked up in the vocabulary (every
    /// word token; 0 for a number or punctuation mark when no lexicon key
    /// starts with one, see [`Vocabulary::features`]).
    hashes: Vec<u64>,
    /// The union of every token's word and stem flags: a pass that needs a
    /// bit some token has is skipped for a document where none has it.
    anywhere: Flags,
}

impl TokenFeatures {
    /// Whether token `i` exists and has any of the bits of `mask`.
    #[inline]
    pub fn any(&self, i: usize, mask: Flags) -> bool {
        self.tokens.get(i).is_some_and(|f| f.word & mask != 0)
    }

    /// Whether token `i` exists and one of its clitic stems has any bit of `mask`.
    #[inline]
    pub fn stem_any(&self, i: usize, mask: Flags) -> bool {
        self.tokens.get(i).is_some_and(|f| f.stems & mask != 0)
    }

    /// The [`key_hash`] of word token `i`'s key, computed once with its
    /// flags (0 for a number or punctuation mark no lexicon can hold).
    #[inline]
    pub fn key_hash(&self, i: usize) -> u64 {
        self.hashes[i]
    }

    /// Whether some token of the document, whole or by a clitic stem, has
    /// any bit of `mask`.
    #[inline]
    pub fn anywhere(&self, mask: Flags) -> bool {
        self.anywhere & mask != 0
    }

    /// The first token at or after `from` whose word or stem flags have a
    /// bit of `mask` (the token count when none has): a pass that needs
    /// such a token walks to it over the flags alone.
    #[inline]
    pub fn next_with(&self, from: usize, mask: Flags) -> usize {
        let rest = self.tokens.get(from..).unwrap_or_default();
        rest.iter()
            .position(|f| (f.word | f.stems) & mask != 0)
            .map_or(self.tokens.len(), |p| from + p)
    }

    /// The flags of token `i` (empty past the end).
    #[inline]
    pub fn get(&self, i: usize) -> WordFlags {
        self.tokens.get(i).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        let mut v = Vocabulary::default();
        v.add("محمد", flag::GIVEN);
        v.add("رقم", flag::COMMON);
        v.add("الصين", flag::GAZ_FIRST | flag::GPE_WORD);
        v.add("على", flag::LIGHT_STOP);
        v.add("علي", flag::LIGHT_STOP_VARIANT | flag::GIVEN);
        v.finish();
        v
    }

    #[test]
    fn listed_words_keep_the_flags_derived_on_the_fly() {
        let v = vocabulary();
        for (key, e) in v.entries() {
            assert_eq!(v.word_flags(key), v.derive(key, e.own), "{key}");
            // Asked again, the stored flags (no derivation) are the same.
            assert_ne!(e.full_word.load(Ordering::Relaxed) & DERIVED, 0, "{key}");
            assert_eq!(v.word_flags(key), v.derive(key, e.own), "{key}");
        }
        assert!(v.only_word_keys);
    }

    #[test]
    fn a_key_that_starts_with_no_letter_makes_every_token_looked_up() {
        let mut v = vocabulary();
        assert!(v.only_word_keys);
        v.add("2", flag::GAZ_SECOND);
        v.finish();
        assert!(!v.only_word_keys);
        assert!(v.entries().any(|(key, _)| !starts_with_word_char(key)));
    }

    #[test]
    fn words_with_one_hash_keep_their_own_entries() {
        let mut v = vocabulary();
        let hash = key_hash("محمد");
        v.add_hashed(hash, "زيد", flag::FAMILY);
        v.add_hashed(hash, "زيد", flag::COMMON);
        v.finish();
        assert_eq!(v.find(hash, "محمد").map(|e| e.own), Some(flag::GIVEN));
        assert_eq!(
            v.find(hash, "زيد").map(|e| e.own),
            Some(flag::FAMILY | flag::COMMON)
        );
        assert!(v.find(hash, "عمرو").is_none());
        assert_eq!(v.own("محمد"), flag::GIVEN);
    }

    #[test]
    fn stems_inflections_and_names_are_derived() {
        let v = vocabulary();
        let f = v.word_flags("ومحمد");
        assert_ne!(f.stems & flag::GIVEN, 0, "و+محمد has a given-name stem");
        assert_eq!(f.word & flag::NAME_LIKE, 0, "a conjunct is no name part");
        assert_ne!(v.word_flags("للصين").word & flag::CLITIC_COMMON, 0);
        assert_ne!(v.word_flags("رقما").word & flag::INFLECTED, 0);
        assert_ne!(f.word & flag::CLITIC_STEM, 0, "و+محمد is a split");
        assert_eq!(v.word_flags("محمد").word & flag::CLITIC_STEM, 0);
        assert_eq!(
            v.word_flags("وب").word & flag::CLITIC_STEM,
            0,
            "no stem left"
        );
        assert_ne!(v.word_flags("محمد").word & flag::NAME_LIKE, 0);
        assert_eq!(v.word_flags("رقم").word & flag::NAME_LIKE, 0);
        assert_ne!(
            v.word_flags("بوتين").word & flag::NAME_LIKE,
            0,
            "unlisted, could be a name"
        );
    }

    #[test]
    fn a_light_stop_form_is_told_from_its_key_twin() {
        let v = vocabulary();
        let doc = crate::text::scan("ذهب علي على الطريق");
        let f = v.features(&doc);
        assert!(!f.any(1, flag::LIGHT_STOP), "the name علي");
        assert!(f.any(2, flag::LIGHT_STOP), "the preposition على");
        assert!(
            f.any(1, flag::GIVEN) && f.any(2, flag::GIVEN),
            "one key for both"
        );
        assert!(!f.any(9, flag::WORD), "past the end: nothing");
    }

    #[test]
    fn each_word_keeps_the_hash_of_its_key() {
        let v = vocabulary();
        let doc = crate::text::scan("قال محمد ، 2015 للصين");
        let f = v.features(&doc);
        for i in 0..doc.len() {
            if doc.tokens()[i].kind == TokenKind::Word {
                assert_eq!(f.key_hash(i), key_hash(doc.key(i)), "{}", doc.key(i));
            }
        }
    }

    #[test]
    fn the_next_token_with_a_bit_is_the_first_one_a_walk_finds() {
        let v = vocabulary();
        let a = Analysis::new("قال محمد رقم ، ومحمد والرقم 12 محمد");
        let f = v.features(&a);
        for mask in [
            flag::GIVEN,
            flag::COMMON,
            flag::WORD,
            flag::GIVEN | flag::COMMON,
            0,
        ] {
            let mut found = 0;
            for from in 0..=a.len() + 2 {
                let want = (from..a.len())
                    .find(|&i| f.any(i, mask) || f.stem_any(i, mask))
                    .unwrap_or(a.len());
                assert_eq!(f.next_with(from, mask), want, "{mask:#x} from {from}");
                found += usize::from(want < a.len());
            }
            assert_eq!(found > 0, mask != 0, "{mask:#x}");
        }
    }

    #[test]
    fn the_document_union_has_every_token_bit() {
        let v = vocabulary();
        let doc = crate::text::scan("قال ومحمد ، 2015 للصين");
        let f = v.features(&doc);
        let union = (0..doc.len()).fold(0, |u, i| u | f.get(i).word | f.get(i).stems);
        assert_eq!(f.anywhere, union);
        assert!(f.anywhere(flag::GIVEN), "a stem of ومحمد");
        assert!(!f.anywhere(flag::COMMON), "no common word");
    }

    #[test]
    fn punctuation_and_digits_take_the_derived_flags_without_a_walk() {
        let v = vocabulary();
        let doc = crate::text::scan("قال ، 2015 . محمد");
        let f = v.features(&doc);
        for i in [1, 2, 3] {
            assert!(no_arabic_letter(doc.key(i)), "{}", doc.key(i));
            assert_eq!(f.get(i), v.derive(doc.key(i), 0), "{}", doc.key(i));
        }
        assert!(!no_arabic_letter("و2"));
    }

    #[test]
    fn a_possessive_ta_needs_a_listed_noun_before_the_pronoun() {
        let mut v = Vocabulary::default();
        v.add("شركه", flag::COMMON);
        v.finish();
        assert!(v.has_possessive_ta("شركته"));
        assert!(v.has_possessive_ta("وشركته"));
        assert!(!v.has_possessive_ta("شركتها"));
        assert!(!v.has_possessive_ta("بيته"));
        assert!(!v.has_possessive_ta("ته"));
    }
}
