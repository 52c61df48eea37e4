//! A name the text keeps making a verb's subject: an unlisted word whose
//! letters do not read as an ordinary word's, right after a verb
//! (`كتب [صمويل] مذكرة`, `وساعد [صمويل] …`), twice or more within a few
//! hundred characters (in the CoNLL mode, within the propagation window). One such word after
//! a verb is as often an object or an unknown place; the same word as the
//! subject of two verbs is a person written by the surname alone, as news
//! and Wikipedia name a foreigner after the first mention. The verbs are
//! the stop list's verb forms (`rules/names/stopwords.csv`, kind `verb`).
//! The found mentions are propagation sources, so the later bare mentions
//! of the name are tagged too.

use super::*;

use super::propagation::LineIndex;

/// The rule id.
const RULE: &str = "name/repeated-subject";

/// The name-likeness a subject word must exceed: between the bar under
/// which an unlisted word reads as ordinary (`super::likeness::ORDINARY_BELOW`,
/// -0.5) and the one over which a word alone reads as a name (0.25), the
/// repetition after verbs being the rest of the evidence. Measured: -0.5,
/// -0.25, 0 and 0.25 fire 24, 23, 21 and 21 times on the WikiFANE held-out
/// part; -0.25 keeps the most right ones for the fewest wrong.
const SUBJECT_LIKENESS_ABOVE: f32 = -0.25;

/// How far (code points) the other subject occurrence may be: within the
/// context margin of a window of a long document (`recognize/window.rs`,
/// 600), so that windowed extraction sees what the whole document does.
/// Later mentions further on are reached by propagation.
const SUBJECT_REACH_CHARS: usize = 500;

/// Subject occurrences of one word a name needs.
const MIN_SUBJECT_OCCURRENCES: usize = 2;

/// The flags of a word some lexicon knows: such a word is no unknown name.
const LISTED: Flags = flag::GIVEN
    | flag::FAMILY
    | flag::PARTICLE
    | flag::GAZ_WORD
    | flag::COMMON
    | flag::STOP
    | flag::LIGHT_STOP
    | flag::TRIGGER
    | flag::RANK
    | flag::CLITIC_COMMON
    | flag::INFLECTED
    | flag::PRONOUN_SUFFIX
    | flag::COMMON_H_STEM
    | flag::COMMON_PRONOUN_STEM;

impl NameRecognizer {
    /// Load the verb forms of the stop list (kind `verb`), by key.
    pub(super) fn load_subject_verbs(&mut self, table: &crate::rules::CsvTable) -> Result<()> {
        let (word, kind) = (table.column("word")?, table.column("kind")?);
        for row in table.rows.iter().filter(|row| row.get(kind) == "verb") {
            self.subject_verbs.insert(row.get(word));
        }
        Ok(())
    }

    /// Token `i` is a verb of the stop list, alone or behind `و`/`ف`.
    fn is_subject_verb(&self, d: &Doc<'_>, i: usize) -> bool {
        // The verbs are stop words: a word with no stop flag, itself or
        // behind a proclitic, is none (most words; no lookup).
        let f = d.f.get(i);
        if !d.is_word(i) || (f.word | f.stems) & flag::STOP == 0 {
            return false;
        }
        let key = d.a.key(i);
        d.key_in(&self.subject_verbs, i)
            || key
                .strip_prefix(['و', 'ف'])
                .is_some_and(|stem| self.subject_verbs.contains(stem))
    }

    /// Token `k` could be an unknown name written alone: a bare word of
    /// three letters or more no lexicon knows, no verb shape, whose letters
    /// do not read as an ordinary word's.
    fn unknown_subject_word(&self, d: &Doc<'_>, k: usize) -> bool {
        bare_unlisted(d, k)
            && !self.ambiguous.contains(d.a.key(k))
            && self.is_name_token(d, k, false)
            && !self.is_verb_shaped(d, k)
            && self.likeness.is_loaded()
            && self.token_likeness(d, k) > SUBJECT_LIKENESS_ABOVE
    }

    /// Tag the words found as the subject of two verbs or more (see the
    /// module header) where no other mention covers them.
    pub(super) fn repeated_subjects(&self, d: &Doc<'_>, found: &mut Vec<Mention>) {
        let a = d.a;
        // Subject occurrences by key: token index and line.
        let mut by_key: rustc_hash::FxHashMap<&str, Vec<(usize, usize)>> = Default::default();
        let window = d.ctx.propagation_window;
        // The line index (the CoNLL mode's window) is built at the first
        // subject found: most documents have none.
        let mut lines: Option<LineIndex> = None;
        for k in 1..a.len() {
            // The word's own bits first: most words are listed, and then
            // the verb before them is not looked up.
            if bare_unlisted(d, k)
                && self.is_subject_verb(d, k - 1)
                && self.unknown_subject_word(d, k)
            {
                let line = lines
                    .get_or_insert_with(|| LineIndex::for_window(a.text(), window))
                    .line_of(a.tokens()[k].start);
                by_key.entry(a.key(k)).or_default().push((k, line));
            }
        }
        let near = |x: usize, y: usize| window.is_none_or(|w| x.abs_diff(y) <= w);
        let mut keys: Vec<_> = by_key.into_iter().collect();
        keys.sort_unstable_by_key(|(_, occurrences)| occurrences[0].0);
        for (_, occurrences) in keys {
            for &(k, line) in &occurrences {
                let at = a.tokens()[k].start;
                let others = occurrences
                    .iter()
                    .filter(|&&(o, l)| {
                        o != k
                            && near(line, l)
                            && a.tokens()[o].start.abs_diff(at) <= SUBJECT_REACH_CHARS
                    })
                    .count();
                if others + 1 < MIN_SUBJECT_OCCURRENCES {
                    continue;
                }
                let (start, end) = (a.tokens()[k].start, a.tokens()[k].end);
                if found.iter().any(|m| m.start < end && start < m.end) {
                    continue;
                }
                let mut m = self.span(d, k, k, Label::Person, RULE);
                m.priority = priority::PERSON_LIST;
                if d.ctx.explain {
                    m.evidence = format!(
                        "an unknown name-like word after the verb `{}`, the subject of {} verbs",
                        a.surface(k - 1),
                        others + 1
                    );
                }
                found.push(m);
            }
        }
    }
}

/// Token `k` is a bare word of three letters or more that no lexicon
/// knows, whole or by a stem, and no conjunct: the bit tests of
/// [`NameRecognizer::unknown_subject_word`], asked before anything is
/// looked up.
/// Asked at every token: inlined (a call cost more than the test), and
/// the flags read once.
#[inline(always)]
fn bare_unlisted(d: &Doc<'_>, k: usize) -> bool {
    let f = d.f.get(k);
    f.word & (flag::WORD | flag::ARTICLE) == flag::WORD
        && (f.word | f.stems) & LISTED == 0
        && d.a.key(k).chars().nth(2).is_some()
        && !d.a.key(k).starts_with('و')
}
