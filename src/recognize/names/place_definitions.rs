//! Places defined by the sentence that names them, as encyclopedia and
//! news text introduce a place: `[حصرون] هي قرية لبنانية`, `[عبدس] قرية
//! فلسطينية ساحلية`, `[تاروت] هي جزيرة`. At the start of a sentence, an
//! unknown bare word (listed in no lexicon, no common word, no verb shape)
//! followed by a copula and an indefinite place noun, or by the place noun
//! and a nationality adjective, is that place; the copula, the noun and the
//! adjective stay outside the span (gold/GUIDELINES.md decision 99). The
//! words are data (`rules/names/place_definitions.csv`); the place found
//! is propagated to its later bare mentions (`propagation.rs`).

use super::*;

/// The definition words file.
pub(super) const DEFINITIONS_FILE: &str = "names/place_definitions.csv";

/// Copulas and place nouns by key.
#[derive(Debug, Default)]
pub(super) struct PlaceDefinitionWords {
    copulas: WordSet,
    /// Place noun key → the label of the place it defines.
    place_nouns: rustc_hash::FxHashMap<String, Label>,
}

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
                    self.copulas.insert_key(&key);
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
                        format!("unknown kind `{other}` (expected copula or place_noun)"),
                    ))
                }
            }
        }
        Ok(())
    }
}

impl NameRecognizer {
    /// At the first word `i` of a sentence (the caller asks
    /// [`starts_sentence`]), the place a definition names (`[حصرون] هي
    /// قرية`, `[عبدس] قرية فلسطينية`).
    pub(super) fn place_definition_at(&self, d: &Doc<'_>, i: usize, out: &mut Vec<Mention>) {
        let words = &self.place_definitions;
        let a = d.a;
        debug_assert!(starts_sentence(d, i));
        if words.place_nouns.is_empty() || i + 2 >= a.len() {
            return;
        }
        let copula = d.key_in(&words.copulas, i + 1);
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

/// Whether token `i` starts a sentence: the first token, the first after a
/// line break, or the first after a full stop, question or exclamation mark.
/// Asked at every word for two rules: the sentence-id test is inlined, the
/// rest (rarely reached) is not.
#[inline(always)]
pub(super) fn starts_sentence(d: &Doc<'_>, i: usize) -> bool {
    if i == 0 {
        return true;
    }
    // The scanner starts a new sentence at each of these (and after `…`):
    // a token in the sentence of the one before starts none.
    let tokens = d.a.tokens();
    if tokens[i].sentence == tokens[i - 1].sentence {
        return false;
    }
    breaks_before(d, i)
}

/// Whether a line break or a sentence mark comes right before token `i > 0`.
#[inline(never)]
fn breaks_before(d: &Doc<'_>, i: usize) -> bool {
    let a = d.a;
    a.gap_before(i).contains('\n') || matches!(a.light(i - 1), "." | "؟" | "?" | "!")
}
