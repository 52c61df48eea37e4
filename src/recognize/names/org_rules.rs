//! Organization rules of their own: sector names (`[مصر للطيران]`,
//! `[قطر للطاقة]`; the sector words are data, `rules/names/org_sectors.csv`),
//! and boundaries settled after the candidate rules ran: a masculine
//! nationality adjective after a proper name is no part of the organization
//! (`[برشلونة]ORG [الإسباني]NORP`, `[حزب الله]ORG [اللبناني]NORP`;
//! gold/GUIDELINES.md decision 37), while a name made only of ordinary words
//! keeps it (`[البنك المركزي المصري]`, `[الحزب الشيوعي الصيني]`: the
//! adjective is what makes those a name). Latin-script names: before a
//! feminine nationality adjective a capitalised Latin name is a company
//! (`مع [Microsoft]ORG [الأمريكية]NORP`: the adjective agrees with the
//! feminine `شركة` it stands for), and a Latin code of letters and digits
//! after an organization descriptor is its name (`مجموعة [G42]`).

use super::*;

/// The sector word file.
pub(super) const SECTORS_FILE: &str = "names/org_sectors.csv";

/// Sector words (`للنفط`) by key: whether one makes a company after a bare
/// place or name (`standalone`), or only continues a chain after a head.
#[derive(Debug, Default)]
pub(super) struct OrgSectors {
    /// Sector word key (`للنفط`) → standalone.
    words: rustc_hash::FxHashMap<String, bool>,
    /// The same words without ل + the article: indefinite sector nouns
    /// (`نفط`, `طيران`) that describe a head (`شركة طيران`), no name.
    nouns: rustc_hash::FxHashSet<String>,
}

impl OrgSectors {
    /// Read `word,standalone` rows (`yes`/`no`); anything else is an error
    /// naming the line.
    pub(super) fn load(&mut self, file: &str, text: &str) -> Result<()> {
        self.words =
            super::word_tables::load_keyed_words(file, text, "standalone", "yes or no", |cell| {
                match cell {
                    "yes" => Some(true),
                    "no" => Some(false),
                    _ => None,
                }
            })?;
        // `للنفط` → `نفط`: ل + the article is written لل (its alef dropped).
        self.nouns = self
            .words
            .keys()
            .map(|k| k.chars().skip(2).collect::<String>())
            .filter(|noun| noun.chars().nth(1).is_some())
            .collect();
        Ok(())
    }

    /// Whether a key is an indefinite sector noun (`طيران`).
    pub(super) fn is_sector_noun(&self, key: &str) -> bool {
        self.nouns.contains(key)
    }

    /// Whether a key is a sector word (either kind).
    pub(super) fn contains(&self, key: &str) -> bool {
        self.words.contains_key(key)
    }

    /// Every sector word, for the vocabulary.
    pub(super) fn words(&self) -> impl Iterator<Item = &str> {
        self.words.keys().map(String::as_str)
    }

    fn standalone(&self, key: &str) -> bool {
        self.words.get(key).copied().unwrap_or(false)
    }
}

impl NameRecognizer {
    /// `X للنفط`: a listed place or organization right before a standalone
    /// sector word is a company (`[مصر للطيران]`); so is an unknown bare
    /// name after a descriptor (`شركة [لويدز للتأمين]`). A descriptor before
    /// the name is kept (`[شركة فلسطين للكهرباء]`: the official name), and
    /// more sector words, definite nisba adjectives (`للنقل البري`) and one
    /// `و` + definite conjunct (`للغزل والنسيج`) continue the name.
    pub(super) fn sector_names(&self, d: &Doc<'_>, out: &mut Vec<Mention>) {
        // No word of the document is a sector word: no token to visit.
        if !d.f.anywhere(flag::ORG_SECTOR) {
            return;
        }
        let mut j = 1;
        while j < d.a.len() {
            // A word token carries its own vocabulary flags: most are no sector word.
            if !d.is_word(j)
                || !d.any(j, flag::ORG_SECTOR)
                || !self.org_sectors.standalone(d.a.key(j))
            {
                j += 1;
                continue;
            }
            let Some((name_token, name_start)) = self.name_before_sector(d, j) else {
                j += 1;
                continue;
            };
            let start = self
                .descriptor_start(d, name_token.wrapping_sub(1))
                .unwrap_or(name_start);
            let last = self.sector_tail(d, j);
            let mut m = self.trigger_mention(
                d,
                start,
                d.a.tokens()[last].end,
                Label::Org,
                "name/org-sector",
            );
            if d.ctx.explain {
                m.evidence = format!("a name before the sector word `{}`", d.a.surface(j));
            }
            out.push(m);
            j = last + 1;
        }
    }

    /// The name right before the sector word at `j`: its first token and
    /// char start. A listed place or organization, or unknown bare words
    /// (at most two) after a descriptor.
    fn name_before_sector(&self, d: &Doc<'_>, j: usize) -> Option<(usize, usize)> {
        let listed = (j.saturating_sub(3)..j)
            .flat_map(|k| {
                self.gaz_matches(d, k, true)
                    .into_iter()
                    .map(move |m| (k, m))
            })
            .filter(|(_, m)| {
                m.end == j && matches!(m.payload.label, Label::Gpe | Label::Org | Label::Loc)
            })
            .map(|(k, m)| (k, m.start))
            .min_by_key(|&(_, start)| start);
        if listed.is_some() {
            return listed;
        }
        let unknown = |k: usize| {
            self.is_bare_proper(d, k) && !d.any(k, flag::GIVEN | flag::FAMILY | flag::NORP_WORD)
        };
        let mut first = j;
        while first > 0 && j - first < 2 && unknown(first - 1) {
            first -= 1;
        }
        (first < j && first > 0 && self.descriptor_start(d, first - 1).is_some())
            .then(|| (first, d.a.tokens()[first].start))
    }

    /// Where a descriptor word at token `k` starts (after a proclitic:
    /// `ل[شركة]`), if it is one.
    fn descriptor_start(&self, d: &Doc<'_>, k: usize) -> Option<usize> {
        if k >= d.a.len() || !d.is_word(k) {
            return None;
        }
        if d.any(k, flag::DESCRIPTOR_HEAD) {
            return Some(d.a.tokens()[k].start);
        }
        crate::text::clitics::clitic_splits_iter(d.a.key(k))
            .find(|s| self.vocab.own(&s.stem_key) & flag::DESCRIPTOR_HEAD != 0)
            .and_then(|s| crate::text::clitics::stem_start(d.a, k, &s))
    }

    /// The last token of a sector name whose sector word is at `j`.
    pub(super) fn sector_tail(&self, d: &Doc<'_>, j: usize) -> usize {
        let mut last = j;
        let mut after_sector = true;
        let mut adjectives = 0;
        for k in j + 1..d.a.len() {
            if !d.is_word(k) || d.any(k, flag::LIGHT_STOP) {
                break;
            }
            let key = d.a.key(k);
            if self.org_sectors.contains(key) {
                after_sector = true;
            } else if d.has_article(k)
                && super::context_rules::is_nisba_shaped(key)
                && !d.is_norp(k)
                && adjectives < 2
            {
                adjectives += 1;
                after_sector = false;
            } else if after_sector
                && is_definite_conjunct(key)
                && self.vocab.own(&key['و'.len_utf8()..]) & flag::NORP_WORD == 0
            {
                last = k;
                break;
            } else {
                break;
            }
            last = k;
        }
        last
    }
}

impl NameRecognizer {
    /// Trim a final masculine nationality adjective off every ORG candidate
    /// whose other words include a proper name (no common or trigger word).
    /// The adjective keeps its own NORP candidate.
    pub(super) fn trim_org_nationality(&self, d: &Doc<'_>, found: &mut [Mention]) {
        let tokens = d.a.tokens();
        for m in found.iter_mut().filter(|m| m.label == Label::Org) {
            let first = d.offsets().ending_by(m.start);
            let stop = d.offsets().starting_before(m.end);
            if stop < first + 2 || tokens[stop - 1].end != m.end {
                continue;
            }
            self.trim_nationality(d, m, first, stop - 1);
        }
    }

    /// Trim the final adjective of the ORG `m` (tokens `first..=last`) when
    /// it is a masculine nationality adjective after a proper name.
    fn trim_nationality(&self, d: &Doc<'_>, m: &mut Mention, first: usize, last: usize) {
        let tokens = d.a.tokens();
        if !(d.is_norp(last) && d.has_article(last) && is_masculine_singular(d.a.light(last))) {
            return;
        }
        let proper_before = (first..last).any(|k| {
            d.is_word(k)
                && !d.any(k, flag::COMMON | flag::TRIGGER | flag::STOP)
                && !d.is_norp(k)
                && d.a.key(k).chars().nth(1).is_some()
        });
        if !proper_before {
            return;
        }
        m.end = tokens[last - 1].end;
        m.text.clear();
        // The adjective vouched for the organization: it outranks a place of
        // the same span (`برشلونة` the city).
        m.priority = m.priority.min(priority::CONTEXT);
        if d.ctx.explain {
            m.evidence = format!(
                "{}; the nationality adjective `{}` left out",
                m.evidence,
                d.a.surface(last)
            );
        }
    }
}

/// A masculine singular adjective: no feminine (`ة`, `ه`) or plural ending.
/// (`الإسباني`, not `الفرنسية`, `المصريون`, `العربيات`.)
pub(super) fn is_masculine_singular(adjective: &str) -> bool {
    !adjective.ends_with('ة')
        && !adjective.ends_with('ه')
        && !["ون", "ين", "ات"].iter().any(|p| adjective.ends_with(p))
}

/// `و` + a definite word of two letters or more (`والمالية`, `والنسيج`), by key.
pub(super) fn is_definite_conjunct(key: &str) -> bool {
    key.starts_with("وال") && key.chars().count() > 4
}

/// Whether token `k` may be Latin script ([`is_latin_token`]): its first
/// byte is one of the characters a Latin token is made of.
#[inline]
fn may_be_latin(a: &Analysis<'_>, k: usize) -> bool {
    let first = a.text().as_bytes().get(a.tokens()[k].byte_start).copied();
    first.is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'&' | b'.' | b'-'))
}

/// Whether a text has an ASCII capital letter. Read 32 bytes at a time:
/// the fold over a whole chunk has no early exit, so it is vectorized, at
/// a fraction of a per-token test.
fn has_ascii_capital(text: &str) -> bool {
    let capital = |b: u8| u8::from(b.wrapping_sub(b'A') < 26);
    let mut chunks = text.as_bytes().chunks_exact(32);
    chunks
        .by_ref()
        .any(|chunk| chunk.iter().fold(0u8, |any, &b| any | capital(b)) != 0)
        || chunks.remainder().iter().any(|&b| capital(b) != 0)
}

/// Whether a token is Latin script: ASCII letters, digits, `&`, `.`, `-`.
fn is_latin_token(surface: &str) -> bool {
    !surface.is_empty()
        && surface
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '&' | '.' | '-'))
}

impl NameRecognizer {
    /// Latin-script organization names (see the module header): a run of
    /// Latin words starting with a capital before a feminine definite
    /// nationality adjective, and one Latin code with a digit after an
    /// organization descriptor (the tokenizer may split `G42` in two).
    pub(super) fn latin_orgs(&self, d: &Doc<'_>, out: &mut Vec<Mention>) {
        const MAX_LATIN_TOKENS: usize = 8;
        let a = d.a;
        let tokens = a.tokens();
        let latin = |k: usize| is_latin_token(a.surface(k));
        let capital = |k: usize| a.surface(k).starts_with(|c: char| c.is_ascii_uppercase());
        // Both rules need a capitalised token: a document without an ASCII
        // capital letter (most Arabic news) has none.
        if !has_ascii_capital(a.text()) {
            return;
        }
        // Both rules need a Latin token at `j - 1` or at `j`: the first
        // byte of each token turns away the Arabic words before any test.
        let mut latin_before = !a.is_empty() && may_be_latin(a, 0);
        for j in 1..a.len() {
            let latin_here = may_be_latin(a, j);
            let near_latin = latin_before || latin_here;
            latin_before = latin_here;
            if !near_latin {
                continue;
            }
            // `[Microsoft] الأمريكية`: the adjective after the name.
            let feminine_nationality =
                d.is_norp(j) && d.has_article(j) && a.key(j).ends_with('\u{0647}');
            if feminine_nationality && latin(j - 1) {
                let mut first = j - 1;
                while first > 0 && j - first < MAX_LATIN_TOKENS && latin(first - 1) {
                    first -= 1;
                }
                if capital(first) {
                    let mut m = self.span(d, first, j - 1, Label::Org, "name/latin-org");
                    m.priority = priority::CONTEXT;
                    out.push(m);
                }
                continue;
            }
            // `مجموعة [G42]`: a code of letters and digits after a descriptor.
            if !(latin(j) && capital(j)) || (j >= 2 && tokens[j - 1].start == tokens[j - 2].end) {
                continue;
            }
            let mut last = j;
            while last + 1 < a.len()
                && tokens[last + 1].start == tokens[last].end
                && latin(last + 1)
            {
                last += 1;
            }
            let has_digit = (j..=last).any(|k| a.surface(k).chars().any(|c| c.is_ascii_digit()));
            let described = has_digit
                && self
                    .trigger_matches(d, j - 1, true)
                    .iter()
                    .any(|t| t.end == j && t.payload.has(TriggerKind::OrgDescriptor));
            if described {
                let mut m = self.span(d, j, last, Label::Org, "name/latin-org");
                m.priority = priority::CONTEXT;
                out.push(m);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The capital-letter gate of `latin_orgs` says what a byte-by-byte
    /// test says, on every corpus article and on texts with a capital
    /// letter at every place around the 32-byte chunks.
    #[test]
    fn the_capital_gate_finds_every_ascii_capital() {
        let mut texts = crate::perf::repo_corpus_texts();
        for len in 0..80 {
            for at in 0..len {
                let mut text = "س".repeat(len);
                text.replace_range(2 * at..2 * at + 2, "Qz");
                texts.push(text);
            }
            texts.push("x@[`{".repeat(len));
        }
        let mut with = 0;
        for text in &texts {
            let want = text.bytes().any(|b| b.is_ascii_uppercase());
            assert_eq!(has_ascii_capital(text), want, "{text}");
            with += usize::from(want);
        }
        assert!(
            with > 3_000 && with < texts.len(),
            "{with} of {}",
            texts.len()
        );
    }

    /// The first-byte gate of `latin_orgs` keeps every Latin token, on
    /// every corpus article and a few written ones, and turns away the
    /// Arabic words.
    #[test]
    fn the_latin_gate_keeps_every_latin_token() {
        let mut texts = crate::perf::repo_corpus_texts();
        texts.push("تعاقدت مع Microsoft الأمريكية و G42 و AT&T و .NET و -X".into());
        let (mut latin, mut arabic) = (0, 0);
        for text in &texts {
            let a = Analysis::new(text);
            for k in 0..a.len() {
                if is_latin_token(a.surface(k)) {
                    latin += 1;
                    assert!(may_be_latin(&a, k), "{} in {text}", a.surface(k));
                }
                if a.surface(k)
                    .starts_with(|c: char| ('\u{0621}'..='\u{064A}').contains(&c))
                {
                    arabic += 1;
                    assert!(!may_be_latin(&a, k), "{}", a.surface(k));
                }
            }
        }
        assert!(
            latin > 100 && arabic > 5 * latin,
            "{latin} Latin, {arabic} Arabic"
        );
    }

    #[test]
    fn a_bad_sector_row_is_an_error_naming_file_line_and_values() {
        let text = "word,standalone,note\nللنفط,yes,energy\nللغاز,maybe,energy\n";
        let err = OrgSectors::default()
            .load("names/org_sectors.csv", text)
            .unwrap_err()
            .to_string();
        assert!(err.contains("names/org_sectors.csv"), "{err}");
        assert!(err.contains('3'), "{err}");
        assert!(err.contains("yes or no"), "{err}");
    }

    #[test]
    fn sector_words_load_with_their_kind() {
        let mut sectors = OrgSectors::default();
        sectors
            .load("t.csv", "word,standalone\nللنفط,yes\nللتنمية,no\n")
            .unwrap();
        assert!(sectors.standalone(&crate::text::key("للنفط")));
        assert!(!sectors.standalone(&crate::text::key("للتنمية")));
        assert!(sectors.contains(&crate::text::key("للتنمية")));
        assert!(sectors.is_sector_noun(&crate::text::key("نفط")));
        assert!(!sectors.is_sector_noun(&crate::text::key("النفط")));
    }
}
