//! Media names that are ordinary words (`الجزيرة` "the island", `الحياة`
//! "life", `الشرق الأوسط` "the Middle East"): the gazetteers leave them out,
//! so a name of `rules/names/media_names.csv` (learned by
//! `scripts/learn_media_names.py`) is an ORG only where a cue of
//! `rules/names/media_cues.csv` vouches for it: right after a media head
//! (`مراسل [الجزيرة]`, `صحيفة [الحياة]`; the head stays outside, decision
//! 37), with the proclitic ل right after a speech word (`قال [للجزيرة]`,
//! "told Al Jazeera"), or alone in brackets or quotation marks (a byline:
//! `( [الجزيرة] )`, `« [الشرق الأوسط] »`). Decision 95.
//!
//! A name a cue word vouched for is the same organization at its later
//! bare mentions in the document (`مكتب [الجزيرة]`, `التابعة [للجزيرة]`),
//! through the shared propagation (`propagation.rs`); a name found alone in
//! quotation marks (no cue word) is no source. The names are ordinary words,
//! so a definite word right after a later mention makes it an ordinary
//! phrase there (`الحياة اليومية`, "daily life"), which stays untagged, and
//! so does a name that is an organization head (`الاتحاد`, "the union"); a
//! longer listed name over it (`شبه الجزيرة`, `الجزيرة العربية`) outranks
//! the propagated mention.

use super::*;

/// The learned media names.
pub(super) const NAMES_FILE: &str = "names/media_names.csv";

/// The cue words.
pub(super) const CUES_FILE: &str = "names/media_cues.csv";

/// The rule id of a listed media name with its cue.
pub(super) const RULE: &str = "name/media-cued";

/// The rule id of a cued media name at its later mentions.
pub(super) const PROPAGATED_RULE: &str = "name/media-propagated";

/// The rule id of a definite noun after a publication head.
const PUBLICATION_RULE: &str = "name/publication-named";

/// What a media cue word does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MediaCue {
    /// `قناة`, `مراسل`: the name follows.
    Head,
    /// `صحيفة`, `جريدة`: the name follows, also a place name the
    /// publication is named after (`جريدة [القدس]`, `صحيفة "[بابل]"`).
    Publication,
    /// `قال`, `تصريحات`: the name follows with the proclitic ل.
    Speech,
}

/// Media names by their first word, and the cue words.
#[derive(Debug, Default)]
pub(super) struct MediaNames {
    /// First word key → the keys of the remaining words of each name.
    names: rustc_hash::FxHashMap<String, Vec<Vec<String>>>,
    cues: rustc_hash::FxHashMap<String, MediaCue>,
    /// The cue words' endings: a word, and each stem of it, ends like the
    /// cue it is, so most words are no cue without a clitic walk.
    cue_endings: Option<super::lexicon::EndingFilter>,
    /// Some cue has no word character, so a number or punctuation token
    /// (whose key has none) may be one; otherwise only word tokens are.
    non_word_cues: bool,
}

impl MediaNames {
    /// Read the `entry` rows of the names file; an empty entry is an error
    /// naming the line.
    pub(super) fn load_names(&mut self, file: &str, text: &str) -> Result<()> {
        let table = crate::rules::CsvTable::parse(file, text)?;
        let entry = table.column("entry")?;
        for row in &table.rows {
            let key = crate::text::key(row.get(entry));
            let mut words = key.split_whitespace().map(str::to_string);
            let Some(first) = words.next() else {
                return Err(table.error(row, "empty `entry`".to_string()));
            };
            self.names.entry(first).or_default().push(words.collect());
        }
        Ok(())
    }

    /// Read the `word,role` rows of the cue file (`head` or `speech`).
    pub(super) fn load_cues(&mut self, file: &str, text: &str) -> Result<()> {
        self.cues =
            super::word_tables::load_keyed_words(file, text, "role", "head or speech", |cell| {
                match cell {
                    "head" => Some(MediaCue::Head),
                    "publication" => Some(MediaCue::Publication),
                    "speech" => Some(MediaCue::Speech),
                    _ => None,
                }
            })?;
        self.non_word_cues = self.cues.keys().any(|k| !k.chars().any(is_word_char));
        self.cue_endings = Some(super::lexicon::EndingFilter::of_words(
            self.cues.keys().map(String::as_str),
        ));
        Ok(())
    }

    /// Every cue word, for the vocabulary.
    pub(super) fn cue_words(&self) -> impl Iterator<Item = &str> {
        self.cues.keys().map(String::as_str)
    }

    /// The first word of every media name, for the vocabulary.
    pub(super) fn first_words(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }

    /// The cue of token `i`, also behind the conjunction (`وقال`). The
    /// vocabulary flags a word token that is a cue or has a cue stem, so
    /// most tokens are refused without a lookup; a number or punctuation
    /// token is looked up only when some cue has no word character. The
    /// flag test ([`Self::may_be_cue`]) is inlined at every caller (the
    /// media pass reads it once per token); the lookup is not.
    #[inline(always)]
    pub(super) fn cue(&self, d: &Doc<'_>, i: usize) -> Option<MediaCue> {
        if !self.may_be_cue(d, i) {
            return None;
        }
        self.cue_lookup(d.a.key(i))
    }

    /// The flag test of [`Self::cue`]: false for a token that is no cue.
    #[inline]
    fn may_be_cue(&self, d: &Doc<'_>, i: usize) -> bool {
        let f = d.f.get(i);
        if f.word & flag::WORD != 0 {
            (f.word | f.stems) & flag::MEDIA_CUE != 0
        } else {
            self.non_word_cues
        }
    }

    /// The cue of a key, whole or behind a proclitic (see [`Self::cue`]).
    #[inline(never)]
    fn cue_lookup(&self, key: &str) -> Option<MediaCue> {
        if !self.cue_endings.as_ref().is_some_and(|f| f.may_pass(key)) {
            return None;
        }
        self.cues.get(key).copied().or_else(|| {
            let mut found = None;
            crate::text::clitics::for_each_stem_key(key, |stem| {
                found = found.or_else(|| self.cues.get(stem).copied());
            });
            found
        })
    }

    /// One past the last token of the longest media name whose first word
    /// has key `first` at token `i`.
    fn name_end(&self, d: &Doc<'_>, i: usize, first: &str) -> Option<usize> {
        let a = d.a;
        self.names
            .get(first)?
            .iter()
            .filter(|rest| {
                i + rest.len() < a.len()
                    && rest.iter().enumerate().all(|(k, w)| a.key(i + 1 + k) == w)
            })
            .map(|rest| i + 1 + rest.len())
            .max()
    }

    fn mention(&self, d: &Doc<'_>, start: usize, end: usize, why: &str) -> Mention {
        let mut m = d.ctx.mention(
            start,
            d.a.tokens()[end - 1].end,
            Label::Org,
            serde_json::Value::Null,
            RULE,
        );
        m.priority = priority::CONTEXT;
        if d.ctx.explain {
            m.evidence = format!("a media name {why}");
        }
        m
    }
}

impl NameRecognizer {
    /// The media names of a document that a cue vouches for.
    pub(super) fn media_names(&self, d: &Doc<'_>, out: &mut Vec<Mention>) {
        let media = &self.media;
        let a = d.a;
        // Every reading needs a cue word or a media name's first word: a
        // document with neither (and no cue outside words) has none.
        if !media.non_word_cues && !d.f.anywhere(flag::MEDIA_CUE | flag::MEDIA_FIRST) {
            return;
        }
        const CUE_OR_FIRST: Flags = flag::MEDIA_CUE | flag::MEDIA_FIRST;
        let mut next = 1;
        while next < a.len() {
            // Every reading needs a cue one or two tokens before `i` or a
            // media name's first word at `i`. Without cues outside words a
            // cue has a flag, whole or by a stem: the walk goes to the next
            // token with either flag, and `i` is at most two tokens after it.
            let i = if media.non_word_cues {
                next
            } else {
                next.max(d.f.next_with(next - 1 - usize::from(next >= 2), CUE_OR_FIRST))
            };
            next = i + 1;
            if i >= a.len() || !d.is_word(i) {
                continue;
            }
            // The test below, on flags alone: no cue can stand before `i`
            // (one that fails `MediaNames::cue`'s flag test is no cue).
            let may_cue = media.may_be_cue(d, i - 1) || i >= 2 && media.may_be_cue(d, i - 2);
            if !may_cue && !d.any(i, flag::MEDIA_FIRST) {
                continue;
            }
            let before = media.cue(d, i - 1);
            // Every reading below needs a cue right before `i` (two tokens
            // back behind an opening quotation mark) or a media name's
            // first word at `i`: most words have neither.
            if before.is_none()
                && !d.any(i, flag::MEDIA_FIRST)
                && !(i >= 2 && media.cue(d, i - 2).is_some() && opens_quote(a.light(i - 1)))
            {
                continue;
            }
            // `قال للجزيرة`: the stem after ل (its article restored).
            if before == Some(MediaCue::Speech) {
                let mut found = None;
                if !d.f.stem_any(i, flag::MEDIA_FIRST) {
                    continue;
                }
                crate::text::clitics::for_each_stem_key(a.key(i), |stem| {
                    if found.is_none() && a.key(i).starts_with('ل') {
                        found = media.name_end(d, i, stem);
                    }
                });
                if let Some(end) = found {
                    let start = a.orig_offset(i, 1);
                    out.push(media.mention(
                        d,
                        start,
                        end,
                        "with the proclitic lam after a speech word",
                    ));
                }
                continue;
            }
            if let Some((start, end)) = self.place_publication(d, i) {
                out.push(media.mention(d, start, end, "a place name after a publication head"));
                continue;
            }
            if !d.any(i, flag::MEDIA_FIRST) {
                // No listed media name starts here; a definite title after a
                // publication head still may (`صحيفة [الحياة]`).
                if let Some(m) = self.definite_publication(d, i) {
                    out.push(m);
                }
                continue;
            }
            let Some(end) = media.name_end(d, i, a.key(i)) else {
                if let Some(m) = self.definite_publication(d, i) {
                    out.push(m);
                }
                continue;
            };
            let start = a.tokens()[i].start;
            if matches!(before, Some(MediaCue::Head | MediaCue::Publication)) {
                out.push(media.mention(d, start, end, "after a media head"));
            } else if end < a.len()
                && encloses(a.light(i - 1), a.light(end))
                && !self
                    .gaz_matches(d, i, false)
                    .iter()
                    .any(|g| g.payload.label == Label::Gpe)
            {
                // A place in brackets glosses a place (`بيت المقدس ( القدس )`).
                out.push(media.mention(d, start, end, "alone in brackets or quotation marks"));
            }
        }
    }
}

impl NameRecognizer {
    /// A place name right after a publication head, bare or alone in
    /// quotation marks (`جريدة [القدس]`, `صحيفة " [بابل] "`): the publication
    /// named after the place. Its code point start and end token.
    fn place_publication(&self, d: &Doc<'_>, i: usize) -> Option<(usize, usize)> {
        let a = d.a;
        let quoted = i >= 2 && opens_quote(a.light(i - 1));
        let cue_at = if quoted { i - 2 } else { i - 1 };
        if self.media.cue(d, cue_at) != Some(MediaCue::Publication) {
            return None;
        }
        let place = self
            .gaz_matches(d, i, false)
            .into_iter()
            .filter(|g| g.payload.label == Label::Gpe)
            .max_by_key(|g| g.end)?;
        if quoted && !(place.end < a.len() && encloses(a.light(i - 1), a.light(place.end))) {
            return None;
        }
        Some((a.tokens()[i].start, place.end))
    }
}

impl NameRecognizer {
    /// Whether token `i` is an indefinite publication head (`صحيفة`,
    /// `وجريدة`; not `الصحيفة`): it stays outside the name after it
    /// (decision 95), so it heads no organization span of its own.
    pub(super) fn indefinite_publication_head(&self, d: &Doc<'_>, i: usize) -> bool {
        if d.has_article(i) || self.media.cue(d, i) != Some(MediaCue::Publication) {
            return false;
        }
        // The cue word itself, or its stem after a proclitic, without the
        // article (`لصحيفة`, not `للصحيفة`, whose stem is `الصحيفة`).
        let articles = crate::text::clitics::active_table();
        let indefinite = |k: &str| {
            self.media.cues.get(k) == Some(&MediaCue::Publication)
                && articles.strip_article(k).is_none()
        };
        let key = d.a.key(i);
        let mut found = indefinite(key);
        crate::text::clitics::for_each_stem_key(key, |stem| found = found || indefinite(stem));
        found
    }

    /// A definite noun right after an indefinite publication head is the
    /// publication's name (`صحيفة [الحياة]`, `جريدة [الأهرام]`, `مجلة
    /// [العربي]`): the construct "the newspaper of X" names a newspaper only
    /// by its title. A word that describes instead is no title: an
    /// institution or title word (`صحيفة الحزب`, "the party's paper"), a
    /// person's name, a stop or time word, a word with a pronoun suffix. An
    /// indefinite head takes no definite adjective, so a nisba here is a
    /// title (`مجلة [العربي]`). Decision 95 extended (decision 98).
    fn definite_publication(&self, d: &Doc<'_>, i: usize) -> Option<Mention> {
        let a = d.a;
        if !d.has_article(i)
            || d.is_stop(i)
            || d.any(
                i,
                flag::TRIGGER | flag::PRONOUN_SUFFIX | flag::RANK | flag::PERSON_WORD,
            )
            || a.tokens()[i].glued
        {
            return None;
        }
        if !self.indefinite_publication_head(d, i - 1) {
            return None;
        }
        let mut m = d.ctx.mention(
            a.tokens()[i].start,
            a.tokens()[i].end,
            Label::Org,
            serde_json::Value::Null,
            PUBLICATION_RULE,
        );
        m.priority = priority::CONTEXT;
        if d.ctx.explain {
            m.evidence = format!(
                "a definite noun after the publication head {}",
                a.surface(i - 1)
            );
        }
        Some(m)
    }
}

impl NameRecognizer {
    /// Whether `m` is a media name a cue word vouched for: a propagation
    /// source (`propagation.rs`).
    pub(super) fn is_media_source(&self, d: &Doc<'_>, m: &Mention) -> bool {
        m.label == Label::Org && m.rule == RULE && self.media_cue_before(d, m.start)
    }

    /// Whether a media cue word stands right before the mention starting at
    /// `start` (`مراسل [الجزيرة]`, `قال [للجزيرة]`), or before the quotation
    /// mark that opens it (`قناة " [الجزيرة] "`).
    fn media_cue_before(&self, d: &Doc<'_>, start: usize) -> bool {
        let i = d.offsets().ending_by(start);
        (i >= 1 && self.media.cue(d, i - 1).is_some())
            || (i >= 2 && opens_quote(d.a.light(i - 1)) && self.media.cue(d, i - 2).is_some())
    }

    /// Whether a propagated media name at tokens `i..end` holds: no
    /// organization head (`الاتحاد` names its own kind of body alone), and
    /// no definite word right after it (`الحياة اليومية`).
    pub(super) fn media_mention_holds(&self, d: &Doc<'_>, i: usize, end: usize) -> bool {
        let definite_after = end < d.a.len() && d.is_word(end) && d.has_article(end);
        !d.any_or_stem(i, flag::TRIGGER) && !definite_after
    }
}

/// Whether a token opens a quotation (`"`, `«`, `“`).
pub(super) fn opens_quote(light: &str) -> bool {
    matches!(light, "\"" | "«" | "“")
}

/// Whether `open` and `close` are a pair of brackets or quotation marks.
fn encloses(open: &str, close: &str) -> bool {
    matches!(
        (open, close),
        ("(", ")") | ("«", "»") | ("\"", "\"") | ("“", "”")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_cue_role_is_an_error_naming_file_and_line() {
        let mut media = MediaNames::default();
        let err = media
            .load_cues("names/media_cues.csv", "word,role\nصحيفة,head\nقال,verb\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("names/media_cues.csv") && err.contains('3'),
            "{err}"
        );
    }

    #[test]
    fn names_load_by_their_first_word() {
        let mut media = MediaNames::default();
        media
            .load_names(
                "names/media_names.csv",
                "entry,count,source\nالشرق الأوسط,3,x\n",
            )
            .unwrap();
        assert_eq!(media.names.get("الشرق").map(Vec::len), Some(1));
    }
}
