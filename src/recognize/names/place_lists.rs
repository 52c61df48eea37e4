//! Places in enumerations: in a list of items joined by commas and `و`
//! (`زار الكويت والجهراء و[الفحيحيل] ، ثم عاد`), where at least two items
//! are places already found and the unknown items are no more than the
//! known ones, or that follows a dual place head (`ولايتي [خوست] و[بكتيكا]`),
//! an unknown one-word item shaped like a name is a place too, of the
//! label most known items carry. Keyed on the list's shape
//! and its known members, never on names; an ordinary, listed, verb-shaped
//! or adjective-shaped word is never taken.

use super::*;

/// The rule id of a place found by its list.
const PLACE_LIST_RULE: &str = "name/place-list";
/// Known places a list needs before its unknown items are taken.
const MIN_KNOWN: usize = 2;
/// The ending of a dual noun in construct (`ولايتي`), in key form, last
/// letter first.
const DUAL_CONSTRUCT: [char; 2] = ['\u{064A}', '\u{062A}'];
/// Letters an unknown item's word needs (without the article).
const MIN_LETTERS: usize = 4;

/// One item of a list.
#[derive(Debug, Clone, Copy)]
enum Item {
    /// A place already found, with its label.
    Known(Label),
    /// An unknown name-shaped word: the code point where it starts (after `و`).
    Unknown(usize),
}

/// What the lists of a document are read against: the known places by
/// first token, and the tokens any mention already covers.
struct FoundPlaces {
    known: Vec<KnownPlace>,
    /// For each token, the index in `known` of the first place starting
    /// at or after it (no search per token).
    known_from: Vec<u32>,
    covered: Vec<bool>,
}

/// A known place that starts a list item: its first and last token, where
/// it starts and its label.
#[derive(Debug, Clone, Copy)]
struct KnownPlace {
    first: usize,
    last: usize,
    start: usize,
    label: Label,
}

impl NameRecognizer {
    /// Add the unknown places of every list with enough known places.
    pub(super) fn listed_places(&self, d: &Doc<'_>, found: &mut Vec<Mention>) {
        let a = d.a;
        let n = a.len();
        let tokens = a.tokens();
        let mut known: Vec<KnownPlace> = Vec::new();
        let mut covered = vec![false; n];
        for m in found.iter() {
            let Some((first, last)) = covered_tokens(a, m, &mut covered) else {
                continue;
            };
            if matches!(m.label, Label::Gpe | Label::Loc) && tokens[last].end == m.end {
                known.push(KnownPlace {
                    first,
                    last,
                    start: m.start,
                    label: m.label,
                });
            }
        }
        // A list needs two known places, or one after a place head.
        if known.is_empty() {
            return;
        }
        known.sort_by_key(|k| (k.first, std::cmp::Reverse(k.last)));
        let mut known_from = Vec::with_capacity(n);
        let mut next_known = 0;
        for i in 0..n {
            while next_known < known.len() && known[next_known].first < i {
                next_known += 1;
            }
            known_from.push(next_known as u32);
        }
        let places = FoundPlaces {
            known,
            known_from,
            covered,
        };
        let mut added = Vec::new();
        let mut i = 0;
        while i < n {
            let items = self.list_from(d, i, &places);
            let Some(&(_, last)) = items.last() else {
                i += 1;
                continue;
            };
            let headed = i > 0 && self.place_head_before(d, i);
            self.places_of_list(d, &items, headed, &mut added);
            i = last + 1;
        }
        found.extend(added);
    }

    /// The items of the list starting at token `i` (each with its last
    /// token), empty when no list of two items starts there.
    fn list_from(&self, d: &Doc<'_>, i: usize, places: &FoundPlaces) -> Vec<(Item, usize)> {
        let a = d.a;
        let mut items = Vec::new();
        let mut next = i;
        let mut conjunct = false;
        let headed = i > 0 && self.place_head_before(d, i);
        while let Some(item) = self.list_item(
            d,
            next,
            conjunct,
            items.is_empty().then_some(headed),
            places,
        ) {
            items.push(item);
            let after = item.1 + 1;
            if after < a.len() && matches!(a.key(after), "،" | ",") {
                next = after + 1;
                conjunct = false;
            } else if after < a.len() && a.key(after).starts_with('\u{0648}') {
                next = after;
                conjunct = true;
            } else {
                break;
            }
        }
        if items.len() < 2 {
            items.clear();
        }
        items
    }

    /// The list item at token `i`: a known place starting there (after its
    /// `و` when `conjunct`), or an unknown word closed by a list boundary.
    /// `opens` is `Some(after a place head)` for the list's first item.
    fn list_item(
        &self,
        d: &Doc<'_>,
        i: usize,
        conjunct: bool,
        opens: Option<bool>,
        places: &FoundPlaces,
    ) -> Option<(Item, usize)> {
        let a = d.a;
        if i >= a.len() || !d.is_word(i) {
            return None;
        }
        let token = a.tokens()[i];
        let from = places.known_from[i] as usize;
        if let Some(k) = places.known[from..]
            .iter()
            .take_while(|k| k.first == i)
            .find(|k| !conjunct || k.start > token.start)
        {
            return Some((Item::Known(k.label), k.last));
        }
        if places.covered[i] {
            return None;
        }
        let key = a.key(i);
        // The first item of a list starts after a stop word, punctuation
        // or a place head, not inside a longer name (`سين سان [دوني]`).
        if opens == Some(false) && i > 0 && !d.is_stop(i - 1) {
            return None;
        }
        // An unknown item ends where the list goes on; asked first, since
        // most words are followed by another word and the word tests below
        // cost lookups.
        let boundary = i + 1 >= a.len()
            || !d.is_word(i + 1)
            || d.is_stop(i + 1)
            || a.key(i + 1).starts_with('\u{0648}');
        if !boundary {
            return None;
        }
        // A word known whole is not split (`وزير` is no `و` + `زير`).
        let known_whole = d.any(
            i,
            flag::COMMON | flag::STOP | flag::TRIGGER | flag::GAZ_WORD | flag::GIVEN | flag::FAMILY,
        );
        let start = if !conjunct && self.unknown_place_word(key) {
            token.start
        } else if known_whole {
            return None;
        } else {
            let split = crate::text::clitics::clitic_splits_iter(key).find(|s| {
                s.proclitic.chars().eq(['\u{0648}']) && self.unknown_place_word(&s.stem_key)
            })?;
            crate::text::clitics::stem_start(a, i, &split)?
        };
        Some((Item::Unknown(start), i))
    }

    /// Whether a one-word place head in the dual construct form ends just
    /// before token `i` (`ولايتي`, `محافظتي`: it announces two places); a
    /// singular head (`العاصمة`) announces one.
    fn place_head_before(&self, d: &Doc<'_>, i: usize) -> bool {
        d.any_or_stem(i - 1, flag::TRIGGER)
            && d.a.key(i - 1).chars().rev().take(2).eq(DUAL_CONSTRUCT)
            && self
                .trigger_matches(d, i - 1, true)
                .iter()
                .any(|m| m.end == i && m.payload.kinds.contains(&TriggerKind::PlaceHead))
    }

    /// The unknown items of a list with enough known places (or after a
    /// place head), as places of the label most known items carry (GPE on
    /// a tie or after a head).
    fn places_of_list(
        &self,
        d: &Doc<'_>,
        items: &[(Item, usize)],
        headed: bool,
        out: &mut Vec<Mention>,
    ) {
        let (mut gpe, mut loc, mut unknown) = (0, 0, 0);
        for (item, _) in items {
            match item {
                Item::Known(Label::Loc) => loc += 1,
                Item::Known(_) => gpe += 1,
                Item::Unknown(_) => unknown += 1,
            }
        }
        if unknown == 0 || !headed && (gpe + loc < MIN_KNOWN || unknown > gpe + loc) {
            return;
        }
        let label = if loc > gpe && !headed {
            Label::Loc
        } else {
            Label::Gpe
        };
        for &(item, last) in items {
            if let Item::Unknown(start) = item {
                let end = d.a.tokens()[last].end;
                let mut m = self.trigger_mention(d, start, end, label, PLACE_LIST_RULE);
                m.priority = priority::LEARNED;
                if d.ctx.explain {
                    m.evidence = if headed {
                        "a list after a place head".to_string()
                    } else {
                        format!("a list of {} known places", gpe + loc)
                    };
                }
                out.push(m);
            }
        }
    }

    /// A word (a stem after `و`) that may be an unknown place: three
    /// letters or more, no ordinary, listed, stop or trigger word (also
    /// without its article), no adjective with the article, no verb shape,
    /// no attached pronoun, and letters that do not look ordinary.
    pub(super) fn unknown_place_word(&self, key: &str) -> bool {
        let bare = crate::text::clitics::active_table()
            .strip_article(key)
            .unwrap_or(key);
        let refused = flag::COMMON
            | flag::STOP
            | flag::TRIGGER
            | flag::GAZ_WORD
            | flag::GIVEN
            | flag::FAMILY
            | flag::PARTICLE
            | flag::RANK
            | flag::INFLECTED
            | flag::CLITIC_COMMON
            | flag::COMMON_PRONOUN_STEM;
        let flags = self.vocab.word_flags(key).word;
        let bare_flags = self.vocab.word_flags(bare).word;
        // `الشرقي`, `الشرقية`: a nisba adjective with the article.
        let definite_adjective = bare.len() < key.len()
            && bare
                .strip_suffix('\u{0647}')
                .unwrap_or(bare)
                .ends_with('\u{064A}');
        bare.chars().nth(MIN_LETTERS - 1).is_some()
            && bare.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
            && !key.starts_with('\u{0648}')
            && (flags | bare_flags) & refused == 0
            && !definite_adjective
            && !features::has_pronoun_suffix(key)
            && !self.verb_shapes.matches(key)
            && !(self.likeness.is_loaded() && self.likeness.score(key) < likeness::ORDINARY_BELOW)
    }
}

/// The first and last token of a mention, marked in `covered`; `None` when
/// it reaches past the last token.
pub(super) fn covered_tokens(
    a: &Analysis<'_>,
    m: &Mention,
    covered: &mut [bool],
) -> Option<(usize, usize)> {
    let tokens = a.tokens();
    let n = tokens.len();
    let first = tokens.partition_point(|t| t.end <= m.start);
    let last = tokens.partition_point(|t| t.end < m.end);
    if first >= n || last >= n {
        return None;
    }
    covered[first..=last].iter_mut().for_each(|c| *c = true);
    Some((first, last))
}
