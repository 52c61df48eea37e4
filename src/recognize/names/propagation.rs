//! Document-level propagation: names found by sure rules (full person
//! names, organization aliases, an unknown place after its head: `قرية
//! [كفرتمرين]`, a media name after its cue: `مراسل [الجزيرة]`) are tagged
//! at their later bare mentions in the same document, never before their
//! source and never from a one-letter word; with a line window, a person or
//! organization within the window, a place that a definition or a place
//! head vouches for and a cued media name in the whole document.

use super::*;
use std::borrow::Cow;

use crate::text::key_hash::key_hash;
use crate::text::TokenKind;

/// Whether a rule's mentions are sure enough to be propagated. Asked of
/// every candidate: a `match` switches on the length and compares a text
/// or two, where a list compared up to 17 texts.
fn is_propagation_source(rule: &str) -> bool {
    matches!(
        rule,
        "name/title-person"
            | "name/speaker"
            | "name/appositive-person"
            | "name/person-list"
            | "name/org-alias"
            | "name/org-descriptor"
            | "name/gazetteer-person"
            | "name/learned-person"
            | "name/pattern-nasab"
            | "name/nasab-chain"
            | "name/norp-person"
            | "name/cue-person"
            | "name/repeated-subject"
            | "name/biography-lead"
            | "name/place-head"
            | "name/place-definition"
            | "name/place-definition-natural"
    )
}

/// The rules that define a place as a document's subject (`[حصرون] هي
/// قرية`): their place reaches every later mention of the document, past
/// the line window (a text rarely names an unknown village it does not
/// talk about, and an encyclopedia article names its subject throughout).
const DOCUMENT_WIDE_SOURCES: &[&str] = &[
    "name/place-definition",
    "name/place-definition-natural",
    "name/place-head",
];

/// Where a propagated name was found: its label, start and line, whether
/// it reaches past the line window, and whether it is a cued media name
/// (`media_rules.rs`), whose later mentions hold only where
/// [`NameRecognizer::media_mention_holds`] says.
#[derive(Debug, Clone, Copy)]
pub(super) struct PropagationSource {
    label: Label,
    start: usize,
    line: usize,
    document_wide: bool,
    media: bool,
}

/// The bit a cued media name takes among the labels a text was seen with:
/// past every [`Label`], so a media source is not taken for an
/// organization alias of the same text (they propagate under two rules).
const MEDIA_SEEN_BIT: u16 = 1 << 15;

impl PropagationSource {
    /// The same source for one word of a person's name.
    pub(super) fn person(self) -> Self {
        PropagationSource {
            label: Label::Person,
            ..self
        }
    }
}

/// The key hashes of a document table's first keys, asked at every word:
/// a 1024-bit filter of their low bits turns most words away with one bit
/// test, and the sorted hashes answer the rest exactly (a document has a
/// few dozen first keys, so a hash set costs more to build and to probe).
struct FirstKeyHashes {
    bits: [u64; 16],
    sorted: Vec<u64>,
}

impl FirstKeyHashes {
    fn new(hashes: impl Iterator<Item = u64>) -> Self {
        let mut bits = [0u64; 16];
        let mut sorted: Vec<u64> = hashes.collect();
        for &h in &sorted {
            let b = (h & 1023) as usize;
            bits[b >> 6] |= 1 << (b & 63);
        }
        sorted.sort_unstable();
        sorted.dedup();
        FirstKeyHashes { bits, sorted }
    }

    /// Whether `hash` is one of the first keys' hashes.
    #[inline]
    fn contains(&self, hash: u64) -> bool {
        let b = (hash & 1023) as usize;
        self.bits[b >> 6] & (1 << (b & 63)) != 0 && self.sorted.binary_search(&hash).is_ok()
    }
}

/// Line numbers of code point offsets in a text.
pub(super) struct LineIndex {
    /// Code point offsets just after each `\n`.
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// The lines of `text` when a propagation `window` compares them;
    /// without a window no line is ever compared, so none is worked out
    /// (every offset answers line 0).
    pub(super) fn for_window(text: &str, window: Option<usize>) -> Self {
        match window {
            Some(_) => Self::new(text),
            None => LineIndex {
                line_starts: Vec::new(),
            },
        }
    }

    pub(super) fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = Vec::new();
        // Code points before the current line: UTF-8 bytes that are no
        // continuation byte (0b10xx_xxxx) start one each.
        let mut chars = 0;
        let mut from = 0;
        for newline in memchr::memchr_iter(b'\n', bytes) {
            chars += bytes[from..newline]
                .iter()
                .filter(|&&b| (b as i8) >= -0x40)
                .count();
            chars += 1;
            line_starts.push(chars);
            from = newline + 1;
        }
        LineIndex { line_starts }
    }

    /// The 0-based line of a code point offset.
    pub(super) fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }
}

/// The propagation sources of a document so far, kept from window to
/// window of a long document (`recognize/window.rs`): a later window tags
/// the names an earlier one found. Starts and lines are the document's.
#[derive(Default)]
pub struct NamesCarry {
    table: PhraseTable<PropagationSource>,
    /// Source texts already in the table, with the labels they were found
    /// with (one bit per [`Label`]): without a line window a name found
    /// again adds nothing, its earliest source covers every later mention.
    seen: rustc_hash::FxHashMap<Box<str>, u16>,
    /// Cities a sports rule made clubs so far: document start and line, and
    /// the city's gazetteer entry (`sports_rules.rs`, club propagation).
    pub(super) clubs: Vec<(usize, usize, Source)>,
}

thread_local! {
    /// The table of a whole document's sources (no window carries them),
    /// one per thread, emptied for each document. Only its table is used:
    /// a whole document keeps its seen texts apart and has no clubs here.
    static WHOLE_DOCUMENT_CARRY: std::cell::RefCell<NamesCarry> =
        std::cell::RefCell::default();
}

impl NameRecognizer {
    /// Document-level propagation: the parts of a full person name found in
    /// the document (`شي` after `شي جين بينغ`) and organization aliases are
    /// tagged at their later mentions. A propagated mention never starts
    /// before its source, never comes from a word shorter than two letters,
    /// and (with [`DocContext::propagation_window`]) stays within that many
    /// lines after its source. In a window of a long document, the sources
    /// are those of its core added to those of the earlier windows.
    pub(super) fn propagate(&self, d: &Doc<'_>, found: &mut Vec<Mention>) {
        match d.ctx.window {
            Some(w) => self.propagate_with(d, found, &mut w.carry.names.borrow_mut()),
            // A whole document starts from the thread's table, emptied: its
            // room stays from document to document (built and dropped per
            // document, it cost more than its lookups).
            None => WHOLE_DOCUMENT_CARRY.with_borrow_mut(|carry| {
                carry.table.clear();
                self.propagate_with(d, found, carry)
            }),
        }
    }

    /// [`Self::propagate`] with the sources so far in `carry`.
    fn propagate_with(&self, d: &Doc<'_>, found: &mut Vec<Mention>, carry: &mut NamesCarry) {
        let a = d.a;
        let window = d.ctx.propagation_window;
        // Each source with whether it is a cued media name.
        let mut sources: Vec<(&Mention, bool)> = found
            .iter()
            .filter(|m| d.ctx.in_core(m.start))
            .filter_map(|m| {
                if is_propagation_source(&m.rule) {
                    Some((m, false))
                } else {
                    self.is_media_source(d, m).then_some((m, true))
                }
            })
            .collect();
        if sources.is_empty() && carry.table.is_empty() {
            return;
        }
        sources.sort_by_key(|(m, _)| m.start);
        // The earliest start of a source in the table: a whole document's
        // table holds only the sources found here (a window's also holds
        // the earlier windows', before its text).
        let earliest = match d.ctx.window {
            None => sources.first().map_or(0, |(m, _)| m.start),
            Some(_) => 0,
        };
        let (char_base, line_base) = (d.ctx.char_base(), d.ctx.line_base());
        let lines = LineIndex::for_window(a.text(), window);
        let NamesCarry { table, seen, .. } = carry;
        // A source adds its phrase and, for a person, about one entry per
        // word: the table is sized once instead of grown entry by entry.
        table.reserve(2 * sources.len());
        // A whole document keeps its seen texts borrowed from the text (no
        // allocation per source); a window adds them to the carried ones.
        let whole = d.ctx.window.is_none();
        // Sized for every source at once, and asked once per source (an
        // entry, not a lookup and then an insertion: one hash of the text).
        let mut seen_here: rustc_hash::FxHashMap<&str, u16> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(
                if whole && window.is_none() {
                    sources.len()
                } else {
                    0
                },
                Default::default(),
            );
        for (m, media) in sources {
            // The text first: a text seen already needs no keys.
            let (text, words) = source_text(a, d.offsets(), m.start, m.end);
            if window.is_none() {
                let label_bit = if media {
                    MEDIA_SEEN_BIT
                } else {
                    1u16 << (m.label as u16)
                };
                if whole {
                    let labels = seen_here.entry(text).or_insert(0);
                    if *labels & label_bit != 0 {
                        continue;
                    }
                    *labels |= label_bit;
                } else {
                    let known = seen.get(text).copied();
                    if known.is_some_and(|labels| labels & label_bit != 0) {
                        continue;
                    }
                    let labels = known.unwrap_or(0) | label_bit;
                    if let Some(entry) = seen.get_mut(text) {
                        *entry = labels;
                    } else {
                        seen.insert(text.into(), labels);
                    }
                }
            }
            let keys = source_keys(a, text, words);
            if !at_least_two_letters(&keys) {
                continue;
            }
            let source = PropagationSource {
                label: m.label,
                start: char_base + m.start,
                line: line_base + lines.line_of(m.start),
                document_wide: media || DOCUMENT_WIDE_SOURCES.contains(&m.rule.as_str()),
                media,
            };
            if m.label == Label::Person && keys.len() >= 2 {
                for (n, k) in keys.iter().enumerate() {
                    if k.chars().nth(1).is_some()
                        && self.vocab.own(k)
                            & (flag::PARTICLE | flag::STOP | flag::COMMON | flag::RANK)
                            == 0
                        && self.propagates_alone(&keys, n)
                    {
                        // A key of Arabic letters is one word: no need to scan it again.
                        if k.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c)) {
                            table.insert_keys([k.as_ref()], source.person());
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
        // A word starts a match whole when its key is a first key: its key
        // hash, computed once with its flags, is looked for among theirs
        // (an equal hash only sends it on to the full lookup). By a clitic
        // stem only a word with a clitic split can, and a stem ends as its
        // word does: the ending filter turns most of those away, and the
        // rest have their stems' hashes looked for the same way (the whole
        // key is known to be none by then).
        let firsts = FirstKeyHashes::new(table.first_keys().map(key_hash));
        let ending = lexicon::EndingFilter::of(table);
        // A word before the earliest source is reached by none (`reaches`).
        for i in d.offsets().starting_before(earliest)..a.len() {
            if !d.is_word(i) {
                continue;
            }
            let by_stem = || {
                d.any(i, flag::CLITIC_STEM)
                    && ending.may_pass(a.key(i))
                    && crate::text::clitics::clitic_splits_iter(a.key(i))
                        .any(|split| firsts.contains(key_hash(&split.stem_key)))
            };
            if !firsts.contains(d.f.key_hash(i)) && !by_stem() {
                continue;
            }
            let at = char_base + a.tokens()[i].start;
            let line = line_base + lines.line_of(a.tokens()[i].start);
            let reaches = |s: &PropagationSource| {
                s.start <= at && (s.document_wide || window.is_none_or(|w| line - s.line <= w))
            };
            // A proclitic split of a word that is itself ordinary is no
            // mention of the name (`لصالح` is "in favour of", not ل + `صالح`),
            // but for a media name, an ordinary word a cue vouched for (`ل[طيور
            // الجنة]`), whose own test is `media_mention_holds`.
            let ordinary_whole = d.any(i, flag::STOP | flag::COMMON);
            let Some(m) = table.matches_at(a, i, true).into_iter().find(|m| {
                reaches(m.payload)
                    && if m.payload.media {
                        self.media_mention_holds(d, i, m.end)
                    } else {
                        !(m.clitic && ordinary_whole)
                    }
            }) else {
                continue;
            };
            // A match made only of one-letter words (a clitic stem) is
            // noise: fewer than two code points of the text.
            let end = a.tokens()[m.end - 1].end;
            if end < m.start + 2 {
                continue;
            }
            let (rule, evidence) = if m.payload.media {
                (
                    super::media_rules::PROPAGATED_RULE,
                    "a media name a cue vouched for earlier in the document",
                )
            } else {
                (
                    "name/propagated",
                    "a longer mention earlier in the document",
                )
            };
            let mut mention =
                d.ctx
                    .mention(m.start, end, m.payload.label, serde_json::Value::Null, rule);
            mention.priority = priority::PROPAGATED;
            if d.ctx.explain {
                mention.evidence = evidence.into();
            }
            found.push(mention);
        }
    }
}

impl NameRecognizer {
    /// Word `n` of a person's name (by its `keys`) may be propagated alone:
    /// no half of a compound name (`الدين` and `صلاح` of `صلاح الدين`,
    /// `الله` and `نصر` of `نصر الله`), whose halves alone are other words
    /// or other people, and no honorific written after the name (`باشا`).
    fn propagates_alone(&self, keys: &[Cow<'_, str>], n: usize) -> bool {
        let tail = |k: &str| self.compound_tails.contains(k);
        !tail(&keys[n])
            && !self.honorifics.contains(&keys[n])
            && !keys.get(n + 1).is_some_and(|next| tail(next))
    }
}

/// Whether `keys` have two code points or more between them (counted no
/// further than two).
fn at_least_two_letters(keys: &[Cow<'_, str>]) -> bool {
    let mut letters = 0;
    for k in keys {
        letters += k.chars().take(2 - letters).count();
        if letters >= 2 {
            return true;
        }
    }
    false
}

/// The text of a source mention `start..end`, and its tokens when they are
/// all whole word tokens (most sources): their text is read off their bytes,
/// any other span's (one starting after a proclitic) is sliced.
fn source_text<'a>(
    a: &'a Analysis<'_>,
    offsets: &token_offsets::TokenOffsets<'_>,
    start: usize,
    end: usize,
) -> (&'a str, Option<std::ops::Range<usize>>) {
    match offsets.aligned(start, end) {
        Some(span)
            if a.tokens()[span.clone()]
                .iter()
                .all(|t| t.kind == TokenKind::Word) =>
        {
            (token_offsets::tokens_text(a, span.clone()), Some(span))
        }
        _ => (a.slice(start, end), None),
    }
}

/// The token keys of a source's `text` (from [`source_text`]), as
/// [`lexicon::phrase_keys`] gives them: borrowed from the analysis for
/// whole word tokens `words`, the text scanned again otherwise.
fn source_keys<'a>(
    a: &'a Analysis<'_>,
    text: &str,
    words: Option<std::ops::Range<usize>>,
) -> smallvec::SmallVec<[Cow<'a, str>; 4]> {
    match words {
        Some(words) => words.map(|k| Cow::Borrowed(a.key(k))).collect(),
        None => lexicon::phrase_keys(text)
            .into_iter()
            .map(Cow::Owned)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::{
        at_least_two_letters, key_hash, lexicon, source_keys, source_text, FirstKeyHashes,
        LineIndex,
    };
    use crate::recognize::names::token_offsets::TokenOffsets;

    #[test]
    fn first_key_hashes_hold_exactly_their_keys() {
        let keys = ["شي", "جين", "بينغ", "الصين", "شي", "a"];
        let firsts = FirstKeyHashes::new(keys.iter().map(|k| key_hash(k)));
        for k in keys {
            assert!(firsts.contains(key_hash(k)), "{k}");
        }
        for k in ["بكين", "شين", "b", "", "الصينى"] {
            assert!(!firsts.contains(key_hash(k)), "{k}");
        }
        // Hashes that share their low bits with a key are still told apart.
        let h = key_hash("الصين");
        assert!(!firsts.contains(h ^ (1 << 40)));
        assert!(!FirstKeyHashes::new(std::iter::empty()).contains(h));
    }

    #[test]
    fn two_letters_are_counted_across_keys() {
        let two = |keys: &[&str]| {
            let keys: Vec<std::borrow::Cow<'_, str>> = keys.iter().map(|&k| k.into()).collect();
            at_least_two_letters(&keys)
        };
        assert!(!two(&[]));
        assert!(!two(&["ش"]));
        assert!(!two(&["", "ش", ""]));
        assert!(two(&["شي"]));
        assert!(two(&["ش", "ي"]));
        assert!(two(&["", "بينغ"]));
    }

    #[test]
    fn source_texts_and_keys_are_the_slice_and_its_phrase_keys() {
        let text = "قال الرئيس شي جين بينغ، وللصين 3 مدن: «بكين» وشنغهاي.\nهنا";
        let a = crate::text::Analysis::new(text);
        let table = TokenOffsets::new(a.tokens());
        let mut offsets: Vec<usize> = a.tokens().iter().flat_map(|t| [t.start, t.end]).collect();
        // a start after a proclitic (`و[شنغهاي]`)
        offsets.push(text.chars().position(|c| c == 'ش').unwrap() + 1);
        for &start in &offsets {
            for &end in offsets.iter().filter(|&&end| end > start) {
                let (got_text, words) = source_text(&a, &table, start, end);
                let keys = source_keys(&a, got_text, words);
                let want = a.slice(start, end);
                assert_eq!(got_text, want, "{start}..{end}");
                let keys: Vec<&str> = keys.iter().map(|k| k.as_ref()).collect();
                assert_eq!(keys, lexicon::phrase_keys(want), "{start}..{end}");
            }
        }
    }

    #[test]
    fn lines_count_code_points_not_bytes() {
        let text = "سطر أول\nsecond\n\nثالث ٣\r\nlast";
        let lines = LineIndex::new(text);
        let naive: Vec<usize> = text
            .chars()
            .enumerate()
            .filter(|&(_, c)| c == '\n')
            .map(|(n, _)| n + 1)
            .collect();
        assert_eq!(lines.line_starts, naive);
        let char_of = |byte: usize| text[..byte].chars().count();
        assert_eq!(lines.line_of(0), 0);
        assert_eq!(lines.line_of(char_of(text.find("second").unwrap())), 1);
        assert_eq!(lines.line_of(char_of(text.find("last").unwrap())), 4);
        let unwindowed = LineIndex::for_window(text, None);
        assert_eq!(unwindowed.line_of(char_of(text.find("last").unwrap())), 0);
        assert_eq!(LineIndex::for_window(text, Some(3)).line_starts, naive);
    }
}
