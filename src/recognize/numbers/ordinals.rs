//! Ordinals: `الأول`, `أولى`, `ثالث`, `الحادي عشر`, `الحادي والعشرون`,
//! `العشرون`, `الـ21`.

#![allow(
    clippy::collapsible_if,
    clippy::collapsible_match,
    clippy::collapsible_else_if
)]

use super::function_words::Role;
use super::lexicon::{self, kind};
use super::*;
use crate::mention::{number_value, Label};
use crate::text::TokenKind;

/// A form is an ordinal word, or ال + an ordinal or a number word, or the
/// article before digits: the token's index bits rule out every other word
/// before any table lookup.
const ORDINAL_FORM: u32 = kind::ORDINAL | kind::DEF_ORDINAL | kind::DEF_WORD;

/// Whether [`NumberRecognizer::ordinal`] may find an ordinal at token `i`
/// (false: it surely finds none): a word whose key or a stem has an
/// ordinal form's bits. The article alone has the ORD flag (`الـ21`).
#[inline]
pub(super) fn may_be_ordinal(a: &lexicon::Doc<'_, '_>, i: usize) -> bool {
    a.tokens().get(i).is_some_and(|t| t.kind == TokenKind::Word)
        && (a.key_is(i, ORDINAL_FORM | lexicon::ORD as u32) || a.stem_is(i, ORDINAL_FORM))
}

/// An ordinal read at a token: what its candidate is made of.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OrdinalRead {
    start: usize,
    end_tok: usize,
    value: f64,
    rule: &'static str,
}

impl OrdinalRead {
    /// The ORDINAL candidate.
    fn candidate(self) -> Candidate {
        let mut c = Candidate::new(
            self.start,
            self.end_tok,
            Label::Ordinal,
            number_value(self.value),
            self.rule,
        );
        c.priority = 1;
        c
    }
}

/// The ordinals a document's readers asked for last, by token: the token
/// of an ordinal is asked by several readers at and around it (the
/// ordinal itself, a day of the month, a clock hour, an age), and the
/// reading depends on the token alone. Sixteen slots, the token's index
/// modulo 16 picks one; a miss reads the token again.
#[derive(Debug, Default)]
pub(crate) struct OrdinalMemo {
    slots: [std::cell::Cell<Option<OrdinalSlot>>; 16],
}

/// A token and the ordinal read there, if any.
type OrdinalSlot = (usize, Option<OrdinalRead>);

impl NumberRecognizer {
    /// Ordinals: `الأول`, `أولى`, `ثالث`, `الحادي عشر`, `الحادي والعشرون`,
    /// `العشرون`, `الـ21`.
    #[inline]
    pub(super) fn ordinal(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<Candidate> {
        // Most tokens asked are no ordinal: the bit test here, inlined at
        // every caller, and the reading out of line.
        if !may_be_ordinal(state.a, i) {
            return None;
        }
        self.ordinal_memoized(state.a, i)
            .map(OrdinalRead::candidate)
    }

    /// [`Self::ordinal_form`] at `i`, read once for the readers that ask
    /// the same token one after another ([`OrdinalMemo`]).
    #[inline(never)]
    fn ordinal_memoized(&self, a: &lexicon::Doc<'_, '_>, i: usize) -> Option<OrdinalRead> {
        let slot = &a.ordinal_memo.slots[i % 16];
        if let Some((at, read)) = slot.get() {
            if at == i {
                return read;
            }
        }
        let read = self.ordinal_form(a, i);
        slot.set(Some((i, read)));
        read
    }

    /// [`Self::ordinal`] at a word whose key or a stem may be an ordinal form.
    fn ordinal_form(&self, a: &lexicon::Doc<'_, '_>, i: usize) -> Option<OrdinalRead> {
        let lexicon = &self.lexicon;
        let t = a.tokens()[i];
        let key = key_at(a, i);
        if !a.key_is(i, ORDINAL_FORM) && !a.stem_is(i, ORDINAL_FORM) && key != lexicon.fw.article()
        {
            return None;
        }
        // A chemical name: ثاني أكسيد الكربون (dioxide), no ordinal.
        if lexicon.tok_is(a, i + 1, Role::ChemicalNoun) {
            return None;
        }
        // A family name: آل ثاني, آل خليفة.
        if i > 0 && lexicon.fw.is_family_prefix(a.surface(i - 1)) {
            return None;
        }
        // An idiom: في المقام الأول ("primarily").
        if i > 0 && lexicon.tok_is(a, i - 1, Role::IdiomNoun) {
            return None;
        }
        // الـ21 / الـ 21
        if key == lexicon.fw.article()
            && i + 1 < a.len()
            && a.tokens()[i + 1].kind == TokenKind::Number
        {
            let l = light_at(a, i + 1);
            if l.chars().all(|c| c.is_ascii_digit()) && l.len() <= 4 {
                let v: f64 = l.parse().ok()?;
                return Some(OrdinalRead {
                    start: t.start,
                    end_tok: i + 2,
                    value: v,
                    rule: "ordinal/article-digits",
                });
            }
        }
        let whole_form = a
            .key_is(i, ORDINAL_FORM)
            .then_some((0, std::borrow::Cow::Borrowed(key)));
        let stem_forms = a
            .stem_is(i, ORDINAL_FORM)
            .then(|| lexicon::stems(key))
            .into_iter()
            .flatten();
        for (chars, k) in whole_form.into_iter().chain(stem_forms) {
            let start = a.orig_offset(i, chars);
            let (bare, def) = match lexicon.fw.strip_article(&k) {
                Some(s) => (s, true),
                None => (k.as_ref(), false),
            };
            let ord = lexicon
                .ordinals
                .get(k.as_ref())
                .or_else(|| lexicon.ordinals.get(bare))
                .copied();
            let mut value = None;
            let mut end = i + 1;
            let mut standalone = false;
            if let Some((v, any)) = ord {
                if !any && !def && !lexicon.fw.is(bare, Role::ElevenHead) {
                    continue;
                }
                value = Some(v);
                standalone = any;
            } else if def {
                // ال + a cardinal form: العشرون, الأحد عشر, الواحد والعشرون.
                if let Some(w) = lexicon.words.get(bare) {
                    if let Some(tv) = w.tens {
                        value = Some(tv);
                        standalone = true;
                    } else if let Some(u) = w.unit.or(w.teen_head) {
                        if (1.0..=9.0).contains(&u) {
                            value = Some(u);
                        }
                    }
                }
            }
            let Some(mut v) = value else { continue };
            // الأولي (ي, "primary") is an adjective, not الأولى.
            if v == 1.0 && a.light(i).ends_with('ي') && !lexicon.fw.is(bare, Role::ElevenHead) {
                continue;
            }
            // Teens: الحادي عشر, الثالثة عشرة.
            if v < 10.0 && lexicon.words.get(key_at(a, end)).is_some_and(|w| w.ten) {
                v += 10.0;
                end += 1;
                standalone = true;
            } else if v < 10.0 {
                // Compound: الحادي والعشرون.
                if end < a.len() {
                    let nk = key_at(a, end);
                    let (cand, next) = if a.role_is(end, Role::And) && end + 1 < a.len() {
                        (key_at(a, end + 1), end + 2)
                    } else if let Some(s) = nk.strip_prefix('و') {
                        (s, end + 1)
                    } else {
                        ("", end)
                    };
                    // The tens agree with the unit in definiteness.
                    let cb = if def {
                        lexicon.fw.strip_article(cand).unwrap_or("")
                    } else {
                        cand
                    };
                    if let Some(tv) = lexicon.words.get(cb).and_then(|w| w.tens) {
                        v += tv;
                        end = next;
                        standalone = true;
                    }
                }
            }
            if !standalone {
                continue;
            }
            return Some(OrdinalRead {
                start,
                end_tok: end,
                value: v,
                rule: "ordinal/word",
            });
        }
        None
    }

    /// An age: a noun of age and an ordinal (`سن الثامنة عشرة` = `"P18Y"`,
    /// `في عمر الخامسة`), a DATE duration in years from the noun on.
    pub(super) fn age(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<Candidate> {
        let a = state.a;
        let fw = &self.lexicon.fw;
        let key = key_at(a, i);
        // The ordinal first: most tokens are followed by none, and the
        // search for the noun among the stems is the dearer test.
        let o = self.ordinal(state, i + 1)?;
        let start = if a.role_is(i, Role::AgeNoun) {
            a.tokens()[i].start
        } else {
            let (chars, _) = lexicon::stems(key).find(|(_, s)| fw.is(s, Role::AgeNoun))?;
            a.orig_offset(i, chars)
        };
        let years = o
            .value
            .as_f64()
            .filter(|v| v.fract() == 0.0 && (1.0..=120.0).contains(v))?;
        Some(Candidate::new(
            start,
            o.end_tok,
            Label::Date,
            Value::String(format!("P{years}Y")),
            "date/age",
        ))
    }

    /// An age given as a number or an ordinal and `من عمره` / `من العمر`
    /// (`الـ16 من عمره`, `الخامسة من عمرها`): a duration in years, the
    /// number's own span on to `عمره`.
    pub(super) fn age_of(&self, state: &DocState<'_, '_, '_>, i: usize) -> Option<Candidate> {
        let a = state.a;
        let lexicon = &self.lexicon;
        // No `عمره` anywhere: no number needs reading here.
        if !a.has_role_anywhere(Role::AgeOf) {
            return None;
        }
        let (start, value, end) = match self.ordinal(state, i) {
            Some(o) => (o.start, o.value.as_f64()?, o.end_tok),
            None => {
                let n = lexicon.number(a, i)?;
                (n.start, n.value?, n.end_tok)
            }
        };
        if !lexicon.tok_is(a, end, Role::Of)
            || !lexicon.tok_is(a, end + 1, Role::AgeOf)
            || value.fract() != 0.0
            || !(1.0..=120.0).contains(&value)
        {
            return None;
        }
        Some(Candidate::new(
            start,
            end + 2,
            Label::Date,
            Value::String(format!("P{value}Y")),
            "date/age",
        ))
    }
}
