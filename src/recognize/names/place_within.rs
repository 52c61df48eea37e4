//! Places named inside a larger known place, as news and encyclopedia text
//! locate a small place: `ولد في [رودكوبنغ] بالدنمارك`, `نزحوا من [الزبارة]
//! في قطر`, `في [كروتوني] بولاية كالابريا`. After a locative preposition
//! (`rules/names/place_within.csv`), an unknown one-word name followed by a
//! place already found, joined by the clitic ب or by `في` (with a place head
//! between them or not), is a place too (GPE, decision 108). Keyed on that
//! context and on the word's shape (`place_lists::unknown_place_word`: no
//! ordinary, listed, verb-shaped, adjective-shaped or ordinary-looking
//! word), never on names. A list of such pairs joined by ب goes on after a
//! comma or `و` without the preposition (`روتردام بهولندا ، و[انتورب]
//! ببلجيكا`: `name/place-within-list`; a FAC when the item before is a
//! facility). Also here: a place head with the article takes no
//! bare name after it (`المدينة [قبض]`), except an appositive head
//! (`العاصمة [كابول]`).

use super::*;

/// The preposition words file.
pub(super) const PLACE_WITHIN_FILE: &str = "names/place_within.csv";
/// The rule id of a place found inside a larger one.
const PLACE_WITHIN_RULE: &str = "name/place-within";
/// The rule id of such a place in a list of place + larger place pairs.
const PLACE_WITHIN_LIST_RULE: &str = "name/place-within-list";
/// The clitic ب (it joins the larger place: `بالدنمارك`).
const BA: char = '\u{0628}';

/// The locative prepositions, by key.
#[derive(Debug, Default)]
pub(super) struct PlaceWithinWords {
    prepositions: rustc_hash::FxHashSet<String>,
    /// Words that join the larger place after the name (`في`).
    joints: WordSet,
    /// Definite place heads that a name follows in apposition
    /// (`العاصمة [كابول]`).
    appositive_heads: rustc_hash::FxHashSet<String>,
}

impl PlaceWithinWords {
    /// Read `word,kind`; an unknown kind is an error naming its line.
    pub(super) fn load(&mut self, file: &str, text: &str) -> Result<()> {
        let table = crate::rules::CsvTable::parse(file, text)?;
        let (word_col, kind_col) = (table.column("word")?, table.column("kind")?);
        for row in &table.rows {
            let key = crate::text::key(row.get(word_col));
            if key.is_empty() {
                return Err(table.error(row, "empty `word`".to_string()));
            }
            match row.get(kind_col) {
                "preposition" => {
                    self.prepositions.insert(key);
                }
                "joint" => {
                    self.joints.insert_key(&key);
                }
                "appositive_head" => {
                    self.appositive_heads.insert(key);
                }
                other => {
                    return Err(table.error(
                        row,
                        format!(
                        "unknown kind `{other}` (expected preposition, joint or appositive_head)"
                    ),
                    ))
                }
            }
        }
        Ok(())
    }
}

impl NameRecognizer {
    /// Add the unknown places that a known larger place follows.
    pub(super) fn places_within_places(&self, d: &Doc<'_>, found: &mut Vec<Mention>) {
        let a = d.a;
        let n = a.len();
        if self.place_within.prepositions.is_empty() || n < 3 {
            return;
        }
        let tokens = a.tokens();
        let joints = &self.place_within.joints;
        // Known places by first token: whether one starts there, and
        // whether one starts after a clitic ب of that token (`ب[الدنمارك]`).
        // The tables are zeroed (`calloc`), not filled element by element.
        let mut place_at = vec![false; n];
        let mut ba_place_at = vec![false; n];
        let earlier: &[Mention] = found;
        // Tokens that end a known place joined by ب (`روتردام [بهولندا]`),
        // with the place's first token + 1 (0: none): a list of such pairs
        // goes on after them. And the tokens that end a facility (`[صومعة
        // الكتبية] بمراكش`).
        let mut ba_place_ends = vec![0u32; n];
        let mut fac_ends = vec![false; n];
        for m in earlier {
            if !matches!(m.label, Label::Gpe | Label::Loc | Label::Fac) {
                continue;
            }
            let Some((first, last)) = mention_tokens(d, m) else {
                continue;
            };
            if m.label == Label::Fac {
                fac_ends[last] |= tokens[last].end == m.end;
                continue;
            }
            let after_ba = m.start > tokens[first].start && a.key(first).starts_with(BA);
            place_at[first] = true;
            ba_place_at[first] |= after_ba;
            if after_ba && tokens[last].end == m.end {
                ba_place_ends[last] = first as u32 + 1;
            }
        }
        // The words a place was added at (the mentions found before cover
        // theirs: `covered_before`).
        let mut taken = vec![false; n];
        let mut added = Vec::new();
        for j in 2..n {
            if !place_at[j] {
                continue;
            }
            let after_ba = ba_place_at[j];
            // The larger place's joint: `ب` on it, `في` before it, or a
            // place head with `ب` or after `في` before it (`بولاية`).
            let candidate = if after_ba {
                Some(j - 1)
            } else if d.key_in(joints, j - 1) {
                Some(j - 2)
            } else if self.place_head_at(d, j - 1) {
                if a.key(j - 1).starts_with(BA) {
                    Some(j - 2)
                } else if j >= 3 && d.key_in(joints, j - 2) {
                    Some(j - 3)
                } else {
                    None
                }
            } else {
                None
            };
            let Some(x) = candidate else {
                continue;
            };
            if x == 0 || taken[x] || !d.is_word(x) {
                continue;
            }
            let listed = || {
                after_ba
                    .then(|| self.listed_inner_place_start(d, x, &ba_place_ends, &fac_ends))
                    .flatten()
            };
            let found = self
                .inner_place_start(d, x)
                .map(|start| (start, Label::Gpe, PLACE_WITHIN_RULE))
                .or_else(|| listed().map(|(start, label)| (start, label, PLACE_WITHIN_LIST_RULE)));
            // A word some mention found before covers is no unknown place:
            // asked last, of the few words the rules above take.
            let found = found.filter(|_| !covered_before(tokens, earlier, x));
            if let Some((start, label, rule)) = found {
                let mut m = self.trigger_mention(d, start, tokens[x].end, label, rule);
                m.priority = priority::LEARNED;
                if d.ctx.explain {
                    m.evidence = format!(
                        "a place inside `{}`",
                        a.slice(tokens[j].start, tokens[j].end)
                    );
                }
                taken[x] = true;
                added.push(m);
            }
        }
        found.extend(added);
    }

    /// Where the smaller place at token `x` starts: the word itself after a
    /// locative preposition; `None` when the word is not shaped like an
    /// unknown place name. A word with a clitic ب or ل is refused: it is
    /// mostly a verbal noun or a phrase (`للقتال في العراق`).
    fn inner_place_start(&self, d: &Doc<'_>, x: usize) -> Option<usize> {
        let a = d.a;
        let key = a.key(x);
        (self.place_within.prepositions.contains(a.key(x - 1))
            && self.unknown_place_word(key, Some(d.f.get(x).word)))
        .then(|| a.tokens()[x].start)
    }

    /// Where the smaller place at token `x` starts when it continues a list
    /// of such pairs (`وامستردام وروتردام بهولندا ، و[انتورب] ببلجيكا`):
    /// the item before ends in a known place joined by ب, and the word
    /// follows it after a comma or with the conjunction `و` (the place
    /// starts after it), with its label: a FAC when the item before is a
    /// facility (`[صومعة الكتبية] بمراكش ، و[الخيرالدة] باشبيلية`), else a
    /// GPE. `None` when the word is not shaped like an unknown place name.
    fn listed_inner_place_start(
        &self,
        d: &Doc<'_>,
        x: usize,
        ba_place_ends: &[u32],
        fac_ends: &[bool],
    ) -> Option<(usize, Label)> {
        let a = d.a;
        let key = a.key(x);
        let conjunct = key.starts_with('\u{0648}');
        // The first token of the place before + 1 (0: none).
        let before = if x >= 2 && matches!(a.key(x - 1), "،" | ",") {
            ba_place_ends[x - 2]
        } else if conjunct {
            ba_place_ends[x - 1]
        } else {
            0
        };
        let before = (before as usize).checked_sub(1)?;
        let label = if before > 0 && fac_ends[before - 1] {
            Label::Fac
        } else {
            Label::Gpe
        };
        if !conjunct {
            return self
                .unknown_place_word(key, Some(d.f.get(x).word))
                .then(|| (a.tokens()[x].start, label));
        }
        if d.any(
            x,
            flag::COMMON | flag::STOP | flag::TRIGGER | flag::GAZ_WORD | flag::GIVEN | flag::FAMILY,
        ) {
            return None;
        }
        let split = crate::text::clitics::clitic_splits_iter(key).find(|s| {
            s.proclitic.chars().eq(['\u{0648}']) && self.unknown_place_word(&s.stem_key, None)
        })?;
        crate::text::clitics::stem_start(a, x, &split).map(|start| (start, label))
    }

    /// Whether token `i` (or its stem after a clitic) is a one-word place
    /// head (`ولاية`, `بمحافظة`).
    fn place_head_at(&self, d: &Doc<'_>, i: usize) -> bool {
        d.any_or_stem(i, flag::TRIGGER)
            && self
                .trigger_matches(d, i, true)
                .iter()
                .any(|m| m.end == i + 1 && m.payload.has(TriggerKind::PlaceHead))
    }
}

/// The first and last tokens of a mention (those its span touches), or
/// `None` when it reaches past the last token.
pub(super) fn mention_tokens(d: &Doc<'_>, m: &Mention) -> Option<(usize, usize)> {
    let n = d.a.len();
    let first = d.offsets().ending_by(m.start);
    let last = d.offsets().ending_before(m.end);
    (first < n && last < n).then_some((first, last))
}

/// Whether one of the mentions `earlier` covers token `x` (as
/// [`mention_tokens`] reads it): the token ends after the mention starts,
/// the one before it ends before the mention ends, and the mention ends by
/// the last token's end; tested without finding the mention's tokens.
pub(super) fn covered_before(tokens: &[crate::text::Token], earlier: &[Mention], x: usize) -> bool {
    let (Some(t), Some(last)) = (tokens.get(x), tokens.last()) else {
        return false;
    };
    let before_end = x.checked_sub(1).map(|p| tokens[p].end);
    earlier
        .iter()
        .any(|m| t.end > m.start && before_end.is_none_or(|e| e < m.end) && m.end <= last.end)
}

/// The letters of the article as keyed (`ال`).
const ARTICLE: [char; 2] = ['\u{0627}', '\u{0644}'];
/// Proclitics written before the article (`بالمدينة`, `والقرية`).
const BEFORE_ARTICLE: [char; 5] = ['\u{0628}', '\u{0648}', '\u{0641}', '\u{0643}', '\u{0644}'];

impl NameRecognizer {
    /// Whether the word at `after` is a bare word after a place head with
    /// the article (`المدينة [قبض]`, `للمحافظة [واتسمت]`, `القرية [سار]`):
    /// a definite head takes no bare name after it, the word is a predicate,
    /// an adjective or a verb (as after a definite facility head).
    pub(super) fn bare_word_after_definite_head(&self, d: &Doc<'_>, after: usize) -> bool {
        after > 0
            && !d.has_article(after)
            && definite_form(d.a.key(after - 1))
            && !self.appositive_head(d.a.key(after - 1))
    }
}

impl NameRecognizer {
    /// Whether a definite head (after its proclitic or not) is one a name
    /// follows in apposition (`العاصمة`, `بالعاصمة`).
    fn appositive_head(&self, key: &str) -> bool {
        let heads = &self.place_within.appositive_heads;
        heads.contains(key)
            || crate::text::clitics::clitic_splits_iter(key)
                .any(|s| heads.contains(s.stem_key.as_ref()))
    }
}

/// Whether a key starts with the article, after one proclitic or not
/// (`المدينة`, `بالمدينة`, `للمحافظة`: ل + ال with its alef dropped).
fn definite_form(key: &str) -> bool {
    let mut c = key.chars();
    let (first, second, third) = (c.next(), c.next(), c.next());
    match (first, second, third) {
        (Some(a), Some(l), _) if [a, l] == ARTICLE => true,
        (Some(p), Some(a), Some(l)) if BEFORE_ARTICLE.contains(&p) && [a, l] == ARTICLE => true,
        (Some(l1), Some(l2), Some(_)) => l1 == ARTICLE[1] && l2 == ARTICLE[1],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleFiles;

    /// `covered_before` says of every token what marking the tokens of
    /// every mention (`mention_tokens`) says, on every corpus article with
    /// the recognizer's own mentions, and on spans that start and end
    /// inside tokens or past the text.
    #[test]
    fn covered_before_is_the_tokens_the_mentions_touch() {
        let r = NameRecognizer::new(&RuleFiles::embedded()).unwrap();
        let mut texts = crate::perf::repo_corpus_texts();
        texts.push("ولد في رودكوبنغ بالدنمارك ، و انتورب ببلجيكا".into());
        let mut covered_words = 0;
        for text in &texts {
            let a = Analysis::new(text);
            let ctx = DocContext::plain("test", &a);
            let mut found = Vec::new();
            r.recognize(&ctx, &mut found);
            let chars = text.chars().count();
            for (start, end) in [(0, 1), (1, 3), (chars.saturating_sub(1), chars + 2)] {
                if start < end {
                    found.push(ctx.mention(start, end, Label::Gpe, serde_json::Value::Null, "t"));
                }
            }
            let d = Doc::new(&ctx, r.vocab.features(&a));
            let mut covered = vec![false; a.len()];
            for m in &found {
                if let Some((first, last)) = mention_tokens(&d, m) {
                    covered[first..=last].iter_mut().for_each(|c| *c = true);
                }
            }
            for (x, &want) in covered.iter().enumerate() {
                assert_eq!(covered_before(a.tokens(), &found, x), want, "{x} in {text}");
                covered_words += usize::from(want);
            }
        }
        assert!(covered_words > 1_000, "{covered_words}");
    }
}
