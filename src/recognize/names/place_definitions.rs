//! Places defined by the sentence that names them, as encyclopedia and
//! news text introduce a place: `[حصرون] هي قرية لبنانية`, `[عبدس] قرية
//! فلسطينية ساحلية`, `[تاروت] هي جزيرة`. At the start of a sentence, an
//! unknown bare word (listed in no lexicon, no common word, no verb shape)
//! followed by a copula and an indefinite place noun, or by the place noun
//! and a nationality adjective, is that place; the copula, the noun and the
//! adjective stay outside the span (gold/GUIDELINES.md decision 99). The
//! words are data (`rules/names/place_definitions.csv`); the place found
//! is propagated to its later bare mentions (`propagation.rs`).
//!
//! A border frame places a town the same way: after a border word
//! (`الحدودي`, `معبر`, `منفذ`), an unknown bare word behind the locative `ب`
//! is the town the crossing or centre stands in (`مركز التعاون الحدودي
//! العالمي ب[خورجاس]`).

use super::*;

/// The definition words file.
pub(super) const DEFINITIONS_FILE: &str = "names/place_definitions.csv";

/// Copulas and place nouns by key.
#[derive(Debug, Default)]
pub(super) struct PlaceDefinitionWords {
    copulas: rustc_hash::FxHashSet<String>,
    /// Place noun key → the label of the place it defines.
    place_nouns: rustc_hash::FxHashMap<String, Label>,
    /// Border words: `ب` + an unknown word within a few words after one is a GPE.
    border_words: rustc_hash::FxHashSet<String>,
    /// The locative proclitics before such a town (`ب`).
    locatives: rustc_hash::FxHashSet<String>,
}

/// How many tokens before `ب` + name a border word may stand.
const BORDER_WORD_WINDOW: usize = 3;

impl PlaceDefinitionWords {
    /// Read `word,kind,label`; an unknown kind or a place noun without a
    /// GPE or LOC label is an error naming its line.
    pub(super) fn load(&mut self, file: &str, text: &str) -> Result<()> {
        let table = crate::rules::CsvTable::parse(file, text)?;
        let (word_col, kind_col, label_col) = (
            table.column("word")?,
            table.column("kind")?,
            table.column("label")?,
        );
        for row in &table.rows {
            let key = crate::text::key(row.get(word_col));
            if key.is_empty() {
                return Err(table.error(row, "empty `word`".to_string()));
            }
            match row.get(kind_col) {
                "copula" => {
                    self.copulas.insert(key);
                }
                "border_word" => {
                    self.border_words.insert(key);
                }
                "locative" => {
                    self.locatives.insert(key);
                }
                "place_noun" => {
                    let label = match row.get(label_col) {
                        "GPE" => Label::Gpe,
                        "LOC" => Label::Loc,
                        other => {
                            return Err(table.error(
                                row,
                                format!("a place noun defines a GPE or LOC, not `{other}`"),
                            ))
                        }
                    };
                    self.place_nouns.insert(key, label);
                }
                other => {
                    return Err(table.error(
                        row,
                        format!(
                            "unknown kind `{other}` (expected copula, place_noun, border_word or locative)"
                        ),
                    ))
                }
            }
        }
        Ok(())
    }
}

impl NameRecognizer {
    /// At the first word `i` of a sentence, the place a definition names
    /// (`[حصرون] هي قرية`, `[عبدس] قرية فلسطينية`).
    pub(super) fn place_definition_at(&self, d: &Doc<'_>, i: usize, out: &mut Vec<Mention>) {
        let words = &self.place_definitions;
        let a = d.a;
        if words.place_nouns.is_empty() || i + 2 >= a.len() || !starts_sentence(d, i) {
            return;
        }
        let copula = words.copulas.contains(a.key(i + 1));
        let noun = if copula { i + 2 } else { i + 1 };
        let Some(&label) = words.place_nouns.get(a.key(noun)) else {
            return;
        };
        // Without a copula the noun needs a nationality adjective after it
        // (`قرية فلسطينية`): `X مدينة` alone may be a construct phrase.
        if !copula && !d.is_norp(noun + 1) {
            return;
        }
        let listed = d.any(i, flag::GAZ_WORD | flag::GIVEN | flag::FAMILY);
        if listed
            || !self.is_bare_proper(d, i)
            || latin_gloss::is_latin_word(a.surface(i))
            || self.is_verb_shaped(d, i)
        {
            return;
        }
        let rule = match label {
            Label::Loc => "name/place-definition-natural",
            _ => "name/place-definition",
        };
        let mut m = self.span(d, i, i, label, rule);
        if d.ctx.explain {
            m.evidence = format!(
                "defined as a place: `{}` (names/place_definitions.csv)",
                a.slice(a.tokens()[i + 1].start, a.tokens()[noun].end)
            );
        }
        out.push(m);
    }
}

impl NameRecognizer {
    /// At token `i`, `ب` + an unknown bare word a few words after a border
    /// word: the town the crossing stands in (`الحدودي العالمي ب[خورجاس]`).
    pub(super) fn place_after_border_word_at(&self, d: &Doc<'_>, i: usize, out: &mut Vec<Mention>) {
        let words = &self.place_definitions;
        let a = d.a;
        if words.border_words.is_empty() || !d.is_word(i) {
            return;
        }
        let lo = i.saturating_sub(BORDER_WORD_WINDOW);
        if !(lo..i).any(|k| words.border_words.contains(a.key(k))) {
            return;
        }
        let key = a.key(i);
        let Some(split) = crate::text::clitics::clitic_splits_iter(key)
            .find(|s| words.locatives.contains(s.proclitic))
        else {
            return;
        };
        let stem = split.stem_key.as_ref();
        let known =
            flag::GAZ_WORD | flag::GIVEN | flag::FAMILY | flag::COMMON | flag::STOP | flag::TRIGGER;
        // CLITIC_COMMON: the stem has the article or is a listed word.
        if stem.chars().count() < 3
            || self.vocab.own(stem) & known != 0
            || d.any(
                i,
                flag::STOP
                    | flag::COMMON
                    | flag::CLITIC_COMMON
                    | flag::INFLECTED
                    | flag::PRONOUN_SUFFIX,
            )
            || self.is_verb_shaped(d, i)
        {
            return;
        }
        let Some(start) = crate::text::clitics::stem_start(a, i, &split) else {
            return;
        };
        let mut m = self.trigger_mention(
            d,
            start,
            a.tokens()[i].end,
            Label::Gpe,
            "name/place-after-border",
        );
        if d.ctx.explain {
            m.evidence =
                "a locative proclitic + an unknown word after a border word (names/place_definitions.csv)"
                    .to_string();
        }
        out.push(m);
    }
}

/// Whether token `i` starts a sentence: the first token, the first after a
/// line break, or the first after a full stop, question or exclamation mark.
fn starts_sentence(d: &Doc<'_>, i: usize) -> bool {
    let a = d.a;
    if i == 0 {
        return true;
    }
    // The scanner starts a new sentence at each of these (and after `…`):
    // a token in the sentence of the one before starts none.
    if a.tokens()[i].sentence == a.tokens()[i - 1].sentence {
        return false;
    }
    a.gap_before(i).contains('\n') || matches!(a.light(i - 1), "." | "؟" | "?" | "!")
}
