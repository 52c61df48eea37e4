//! Coordinated persons: after a sure person name, the next items of the
//! same list are persons too (`ديديه يوكانان وايمانويل ايبواه [ودراماني
//! ديابي]`, `محمد منير ، [وعلي الحجار] ، ونيكول سابا`). An item is one to
//! three name-like words (a family name may carry the article: `ورجاء
//! الجداوي`) after `و` glued to its first word (or after a
//! comma), and it must end at a list boundary: punctuation, the next `و`
//! word, a stop word or the end. Keyed on the list's shape, not on names.

use super::*;

/// At most this many words make one coordinated name.
const MAX_ITEM_WORDS: usize = 3;

/// The rules whose person mentions head a list.
const LIST_HEADS: &[&str] = &[
    "name/title-person",
    "name/speaker",
    "name/appositive-person",
    "name/person-list",
    "name/person-first-name",
    "name/gazetteer-person",
    "name/learned-person",
];

impl NameRecognizer {
    /// Add the coordinated persons after every sure person in `found`.
    pub(super) fn coordinated_persons(&self, d: &Doc<'_>, found: &mut Vec<Mention>) {
        let a = d.a;
        let heads: Vec<usize> = found
            .iter()
            .filter(|m| m.label == Label::Person && LIST_HEADS.contains(&m.rule.as_str()))
            .filter_map(|m| {
                // The head's last token, from the document's offset table.
                let k = d.offsets().ending_before(m.end);
                (a.tokens().get(k)?.end == m.end).then_some(k)
            })
            .collect();
        let mut added: Vec<Mention> = Vec::new();
        for last_of_head in heads {
            let mut next = last_of_head + 1;
            while let Some((mention, last)) = self.coordinated_item(d, next) {
                added.push(mention);
                next = last + 1;
            }
        }
        found.extend(added);
    }

    /// The list item starting at token `i` (a comma before it is skipped):
    /// the mention and its last token.
    fn coordinated_item(&self, d: &Doc<'_>, mut i: usize) -> Option<(Mention, usize)> {
        let a = d.a;
        let comma = i < a.len() && matches!(a.key(i), "،" | ",");
        if comma {
            i += 1;
        }
        if i >= a.len() || !d.is_word(i) {
            return None;
        }
        // The first word: `و` + a name-like stem, or (after a comma) a name word.
        let key = a.key(i);
        // Every item but one after a comma starts with the conjunction
        // (a clitic split's proclitic is the word's first letters): most
        // words after a name are none, and are not split.
        if !comma && !key.starts_with('\u{0648}') {
            return None;
        }
        let conjunct = |s: &crate::text::clitics::CliticSplit<'_>| s.proclitic.chars().eq(['و']);
        // `احمد ماهر و[النقراشي]`: a family name with the article alone is an item too.
        let definite_item = crate::text::clitics::clitic_splits_iter(key)
            .find(|s| conjunct(s) && self.definite_family_stem(&s.stem_key));
        // A word known whole is not split: an inflected ordinary word
        // (`وزيرا` is "as minister", no `و` + `زيرا`), a particle (`ولد`), a
        // trigger or a place; a listed name known whole is the item itself
        // (`وليد`). A merely common whole word still splits (`وعلي`).
        // The word's own lexicon bits, as its features hold them (read
        // here for these bits only, which the features keep as listed).
        let own = d.f.get(i).word;
        let whole_name = own & (flag::GIVEN | flag::FAMILY) != 0 && !d.any(i, flag::COMMON);
        let known_whole = whole_name
            || own & (flag::PARTICLE | flag::TRIGGER | flag::NON_PERSON_WORD) != 0
            || d.any(i, flag::INFLECTED);
        let start = match crate::text::clitics::clitic_splits_iter(key)
            .find(|s| conjunct(s) && self.item_stem_ok(&s.stem_key))
            .or(definite_item.clone())
            .filter(|_| !known_whole)
        {
            Some(split) => crate::text::clitics::stem_start(a, i, &split)?,
            None if whole_name && key.starts_with('\u{0648}') => a.tokens()[i].start,
            None if comma && self.is_name_token(d, i, false) && !d.any(i, flag::COMMON) => {
                a.tokens()[i].start
            }
            None => return None,
        };
        let mut last = i;
        let definite_only = definite_item.is_some()
            && !crate::text::clitics::clitic_splits_iter(key)
                .any(|s| conjunct(&s) && self.item_stem_ok(&s.stem_key));
        // A family name may carry the article (`ورجاء [الجداوي]`): a listed
        // family name or a nisba-shaped word after the item's first word.
        while !definite_only
            && last + 1 < a.len()
            && last + 1 - i < MAX_ITEM_WORDS
            && self.is_name_token(d, last + 1, false)
            && (!d.has_article(last + 1) || self.definite_family(d, last + 1))
            && !d.any(last + 1, flag::COMMON)
        {
            last += 1;
        }
        // A one-word item must be a listed name part: a lone unknown word
        // after `و` is as often a noun (`وأعضاء`) as a name.
        if last == i && !definite_only && !self.item_stem_listed(d, i) {
            return None;
        }
        let boundary = last + 1 >= a.len()
            || !d.is_word(last + 1)
            || d.is_stop(last + 1)
            || a.key(last + 1).starts_with('و')
            // A proclitic on an ordinary word (`كاحد`, `بالفريق`) starts no name.
            || d.any(last + 1, flag::CLITIC_COMMON);
        if !boundary {
            return None;
        }
        let mut m = d.ctx.mention(
            start,
            a.tokens()[last].end,
            Label::Person,
            serde_json::Value::Null,
            "name/person-coordinated",
        );
        m.priority = priority::PERSON_LIST;
        Some((m, last))
    }

    /// A stem after `و` that can start a name: a listed given or family
    /// name, or a name-like word of two letters or more without the article.
    fn item_stem_ok(&self, stem: &str) -> bool {
        let flags = self.vocab.word_flags(stem).word;
        stem.chars().nth(1).is_some()
            && crate::text::clitics::active_table()
                .strip_article(stem)
                .is_none()
            && (flags & (flag::GIVEN | flag::FAMILY) != 0
                || (flags & flag::NAME_LIKE != 0
                    && flags & (flag::COMMON | flag::STOP | flag::TRIGGER) == 0))
    }

    /// A stem after `و` that is a family name with the article standing
    /// alone: listed, or shaped like a nisba (`النقراشي`), and no
    /// nationality, ordinary or lexicon word.
    fn definite_family_stem(&self, stem: &str) -> bool {
        let flags = self.vocab.word_flags(stem).word;
        let bare = crate::text::clitics::active_table().strip_article(stem);
        bare.is_some_and(|b| b.chars().nth(2).is_some())
            && flags
                & (flag::NORP_WORD
                    | flag::NON_PERSON_WORD
                    | flag::COMMON
                    | flag::STOP
                    | flag::TRIGGER
                    | flag::INFLECTED)
                == 0
            && (flags & flag::FAMILY != 0 || stem.ends_with('ي'))
    }

    /// A family name with the article: listed, or shaped like a nisba
    /// (`الجداوي`) and no nationality or lexicon word.
    fn definite_family(&self, d: &Doc<'_>, k: usize) -> bool {
        d.has_article(k)
            && !d.is_norp(k)
            && !d.any(k, flag::NON_PERSON_WORD | flag::STOP | flag::TRIGGER)
            && (d.any(k, flag::FAMILY) || d.a.key(k).ends_with('ي'))
    }

    /// Whether token `i` (whole or after its proclitic) is a listed name part.
    fn item_stem_listed(&self, d: &Doc<'_>, i: usize) -> bool {
        d.any(i, flag::GIVEN | flag::FAMILY) || d.f.stem_any(i, flag::GIVEN | flag::FAMILY)
    }
}
