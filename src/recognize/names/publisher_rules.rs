//! Publishers (decision 58): an indefinite publishing-house head (`دار`)
//! with a publishing word before it in the sentence (`نشر`, `صدر`,
//! `طبعة`, or an earlier head: a list of publishers) keeps its head with
//! the name after it (`نشر ديوانه عن [دار العودة]`, `[دار العلم
//! للملايين]`); a Latin-script name after the head drops it (`دار [ARC
//! Publications]`). The words are data, `rules/names/publishing_cues.csv`;
//! called from the trigger rules when the organization-head reading found
//! no evidence.

use super::*;

/// The cue file.
pub(super) const CUES_FILE: &str = "names/publishing_cues.csv";

/// The rule id of an Arabic publisher's name with its head.
const RULE: &str = "name/publisher";

/// How far before the head a cue is looked for (tokens).
const CUE_WINDOW: usize = 8;

/// Name words after the head.
const MAX_NAME_WORDS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// `دار`: a publishing house's head.
    Head,
    /// `نشر`, `طبعة`: a publishing word.
    Cue,
}

/// The publishing words by key.
#[derive(Debug, Default)]
pub(super) struct PublishingCues(rustc_hash::FxHashMap<String, Role>);

impl PublishingCues {
    /// Read `word,role` rows; an unknown role is an error naming the line.
    pub(super) fn load(&mut self, file: &str, text: &str) -> Result<()> {
        self.0 = super::word_tables::load_keyed_words(file, text, "role", "head or cue", |cell| {
            match cell {
                "head" => Some(Role::Head),
                "cue" => Some(Role::Cue),
                _ => None,
            }
        })?;
        Ok(())
    }

    /// The role of a key, whole or after a proclitic (`ودار`, `بدار`).
    fn role_of(&self, key: &str) -> Option<Role> {
        super::word_tables::role_with_clitics(&self.0, key)
    }
}

impl NameRecognizer {
    /// The publisher at the head token `head` (mention start `start`, name
    /// from token `after`), when the head is a publishing-house head.
    pub(super) fn publisher_named(
        &self,
        d: &Doc<'_>,
        head: usize,
        start: usize,
        after: usize,
    ) -> Option<Vec<Mention>> {
        let a = d.a;
        if after >= a.len()
            || d.has_article(head)
            || self.publishing.role_of(a.key(head)) != Some(Role::Head)
        {
            return None;
        }
        if let Some(latin) = self.latin_run(d, after) {
            let m = self.trigger_mention(
                d,
                a.tokens()[after].start,
                a.tokens()[latin].end,
                Label::Org,
                RULE,
            );
            return Some(vec![m]);
        }
        if !self.publishing_cue_before(d, head) {
            return None;
        }
        let last = self.publisher_name_end(d, after)?;
        Some(vec![self.trigger_mention(
            d,
            start,
            a.tokens()[last].end,
            Label::Org,
            RULE,
        )])
    }

    /// The last token of a run of Latin-script words from `j` starting with
    /// a capital (`ARC Publications`).
    fn latin_run(&self, d: &Doc<'_>, j: usize) -> Option<usize> {
        let a = d.a;
        let capital = |k: usize| {
            k < a.len()
                && a.surface(k)
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_uppercase())
        };
        if !capital(j) {
            return None;
        }
        let mut last = j;
        while last + 1 < a.len()
            && last + 1 - j < MAX_NAME_WORDS + 1
            && a.surface(last + 1)
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
        {
            last += 1;
        }
        Some(last)
    }

    /// A publishing word within [`CUE_WINDOW`] tokens before `head`, in
    /// its sentence, or another head before a conjoined one (`ودار`, a
    /// list of publishers).
    fn publishing_cue_before(&self, d: &Doc<'_>, head: usize) -> bool {
        let a = d.a;
        let conjoined = a.key(head).starts_with('\u{0648}');
        (head.saturating_sub(CUE_WINDOW)..head)
            .rev()
            .take_while(|&k| !matches!(a.light(k), "." | "؟" | "!" | ":"))
            .filter(|&k| d.is_word(k))
            .any(|k| match self.publishing.role_of(a.key(k)) {
                Some(Role::Cue) => true,
                Some(Role::Head) => conjoined,
                None => false,
            })
    }

    /// The name after the head: a definite noun with its nisba adjectives
    /// and a purpose word (`العلم للملايين`), or bare proper words with a
    /// definite last one (`رياض الريس`, `كنعان`). None for a stop word, a
    /// head, a pronoun suffix or a listed place (`دار [بيروت]`).
    fn publisher_name_end(&self, d: &Doc<'_>, after: usize) -> Option<usize> {
        let a = d.a;
        let plain = |k: usize| {
            k < a.len()
                && d.is_word(k)
                && !d.is_stop(k)
                && !d.any(k, flag::PRONOUN_SUFFIX | flag::TRIGGER | flag::RANK)
        };
        if !plain(after)
            || self
                .gaz_matches(d, after, false)
                .iter()
                .any(|m| m.payload.label != Label::Org)
        {
            return None;
        }
        let mut last = after;
        if d.has_article(after) {
            let mut k = after + 1;
            while k - after <= MAX_NAME_WORDS && plain(k) {
                let key = a.key(k);
                let nisba = d.has_article(k) && super::context_rules::is_nisba_shaped(key);
                // `للملايين`, not a quantifier (`للعديد من`).
                let purpose = key.starts_with("\u{0644}\u{0644}")
                    && key.chars().count() > 4
                    && !d.f.stem_any(k, flag::STOP);
                if !(nisba || purpose) {
                    break;
                }
                last = k;
                k += 1;
            }
            return Some(last);
        }
        if !self.is_bare_proper(d, after) {
            return None;
        }
        while last + 1 - after < MAX_NAME_WORDS && plain(last + 1) {
            if d.has_article(last + 1) {
                return Some(last + 1);
            }
            if !self.is_bare_proper(d, last + 1) {
                break;
            }
            last += 1;
        }
        Some(last)
    }
}
