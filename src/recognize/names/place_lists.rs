//! Places in enumerations: in a list of items joined by commas and `و`
//! (`زار الكويت والجهراء و[الفحيحيل] ، ثم عاد`), where at least two items
//! are places already found and the unknown items are no more than the
//! known ones, or that follows a dual place head (`ولايتي [خوست] و[بكتيكا]`),
//! an unknown one-word item shaped like a name is a place too, of the
//! label most known items carry. Keyed on the list's shape
//! and its known members, never on names; an ordinary, listed, verb-shaped
//! or adjective-shaped word is never taken.

use super::place_within::{covered_before, mention_tokens};
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
struct FoundPlaces<'f> {
    /// By first token (the longest first among places of one token).
    known: Vec<KnownPlace>,
    /// The mentions found so far, whose tokens are covered.
    found: &'f [Mention],
    /// Whether each token is covered, marked once unknown items have
    /// asked [`COVERED_ASKS_BEFORE_MARKS`] times (most documents ask
    /// fewer, and each ask is answered off the mentions).
    covered: std::cell::OnceCell<Vec<bool>>,
    /// How many times [`FoundPlaces::covered`] was asked.
    asked: std::cell::Cell<usize>,
}

/// Asks of [`FoundPlaces::covered`] answered by a walk over the mentions
/// before every token is marked: a walk costs a few tests per mention, the
/// marks two token lookups per mention.
const COVERED_ASKS_BEFORE_MARKS: usize = 16;

/// A known place that starts a list item: its first and last token, where
/// it starts and its label.
#[derive(Debug, Clone, Copy)]
struct KnownPlace {
    first: usize,
    last: usize,
    start: usize,
    label: Label,
}

impl<'f> FoundPlaces<'f> {
    /// The known places of `found`; `None` when no place is known (a list
    /// needs two, or one after a place head).
    fn of(d: &Doc<'_>, found: &'f [Mention]) -> Option<Self> {
        let a = d.a;
        let tokens = a.tokens();
        let mut known: Vec<KnownPlace> = Vec::new();
        for m in found {
            if !matches!(m.label, Label::Gpe | Label::Loc) {
                continue;
            }
            let Some((first, last)) = mention_tokens(d, m) else {
                continue;
            };
            if tokens[last].end == m.end {
                known.push(KnownPlace {
                    first,
                    last,
                    start: m.start,
                    label: m.label,
                });
            }
        }
        if known.is_empty() {
            return None;
        }
        known.sort_by_key(|k| (k.first, std::cmp::Reverse(k.last)));
        Some(FoundPlaces {
            known,
            found,
            covered: std::cell::OnceCell::new(),
            asked: std::cell::Cell::new(0),
        })
    }

    /// Whether a mention found so far covers token `i` (one whose
    /// [`mention_tokens`] reach it).
    fn covered(&self, d: &Doc<'_>, i: usize) -> bool {
        if self.covered.get().is_none() && self.asked.get() < COVERED_ASKS_BEFORE_MARKS {
            self.asked.set(self.asked.get() + 1);
            return covered_before(d.a.tokens(), self.found, i);
        }
        self.covered.get_or_init(|| {
            let mut covered = vec![false; d.a.len()];
            for m in self.found {
                if let Some((first, last)) = mention_tokens(d, m) {
                    covered[first..=last].iter_mut().for_each(|c| *c = true);
                }
            }
            covered
        })[i]
    }

    /// The index in `known` of the first place starting at or after token
    /// `i`, walked to from `from`: the index of a token at or before `i`
    /// (0 will do; the passes walk forward, a place or two at a time).
    #[inline]
    fn known_from(&self, i: usize, from: usize) -> usize {
        let mut k = from;
        while self.known.get(k).is_some_and(|p| p.first < i) {
            k += 1;
        }
        k
    }

    /// The first token at or after `i` where a list of two items may start
    /// (`n`, the token count, when none does), with its
    /// [`FoundPlaces::known_from`]; `from` is that of `i`. Asked before
    /// [`NameRecognizer::list_from`], with its answer at every token it
    /// passes over (none): a list starts at a word, and its first item is a
    /// known place starting there or one word (an unknown item) that the
    /// next token continues into the second item (a comma, or a word with
    /// `و`). Most tokens fail it, so the list rules' word tests run only
    /// next to a list. Up to the next known place's first token only the
    /// second test can pass: it is asked first, the next token's bytes read
    /// in a tight walk, and the word test only where they pass.
    fn next_list_start(&self, d: &Doc<'_>, mut i: usize, mut from: usize) -> (usize, usize) {
        let a = d.a;
        let tokens = a.tokens();
        let n = tokens.len();
        while i < n {
            let next_known = self.known.get(from).map_or(n, |k| k.first);
            while i < next_known {
                if i + 1 < n && continues_list(a.light_bytes(&tokens[i + 1])) && d.is_word(i) {
                    return (i, from);
                }
                i += 1;
            }
            if i < n && d.is_word(i) {
                return (i, from);
            }
            i += 1;
            from = self.known_from(i, from);
        }
        (n, from)
    }
}

/// Whether a token after an item goes on with the list: a comma, or a
/// word with the conjunction `و` (the next item). Read off the token's
/// light form as bytes (asked at every word: no UTF-8 test); the key and
/// the light form differ only in `ى` and `ة`, which the test never reads.
#[inline]
fn continues_list(light: &[u8]) -> bool {
    matches!(light, [0xD9, 0x88, ..]) || light == "،".as_bytes() || light == b","
}

/// An Arabic or Latin comma between two items.
fn is_list_comma(key: &str) -> bool {
    matches!(key, "،" | ",")
}

impl NameRecognizer {
    /// Add the unknown places of every list with enough known places.
    pub(super) fn listed_places(&self, d: &Doc<'_>, found: &mut Vec<Mention>) {
        let n = d.a.len();
        let Some(places) = FoundPlaces::of(d, found) else {
            return;
        };
        let mut added = Vec::new();
        let mut i = 0;
        let mut from = 0;
        while i < n {
            from = places.known_from(i, from);
            (i, from) = places.next_list_start(d, i, from);
            if i >= n {
                break;
            }
            let items = self.list_from(d, i, from, &places);
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
    /// token), empty when no list of two items starts there. `from` is
    /// [`FoundPlaces::known_from`] of a token at or before `i`.
    fn list_from(
        &self,
        d: &Doc<'_>,
        i: usize,
        mut from: usize,
        places: &FoundPlaces,
    ) -> Vec<(Item, usize)> {
        let a = d.a;
        let mut items = Vec::new();
        let mut next = i;
        let mut conjunct = false;
        let headed = i > 0 && self.place_head_before(d, i);
        while let Some(item) = {
            from = places.known_from(next, from);
            self.list_item(
                d,
                next,
                conjunct,
                items.is_empty().then_some(headed),
                places,
                from,
            )
        } {
            items.push(item);
            let after = item.1 + 1;
            if after < a.len() && is_list_comma(a.key(after)) {
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
    /// `opens` is `Some(after a place head)` for the list's first item;
    /// `from` is [`FoundPlaces::known_from`] of `i`.
    fn list_item(
        &self,
        d: &Doc<'_>,
        i: usize,
        conjunct: bool,
        opens: Option<bool>,
        places: &FoundPlaces,
        from: usize,
    ) -> Option<(Item, usize)> {
        let a = d.a;
        if i >= a.len() || !d.is_word(i) {
            return None;
        }
        let token = a.tokens()[i];
        if let Some(k) = places.known[from..]
            .iter()
            .take_while(|k| k.first == i)
            .find(|k| !conjunct || k.start > token.start)
        {
            return Some((Item::Known(k.label), k.last));
        }
        let key = a.key(i);
        // The first item of a list starts after a stop word, punctuation
        // or a place head, not inside a longer name (`سين سان [دوني]`).
        if opens == Some(false) && i > 0 && !d.is_stop(i - 1) {
            return None;
        }
        // An unknown item ends where the list goes on; asked first, since
        // most words are followed by another word and the word tests below
        // cost lookups (and the covered tokens are marked only when asked).
        let boundary = i + 1 >= a.len()
            || !d.is_word(i + 1)
            || d.is_stop(i + 1)
            || a.key(i + 1).starts_with('\u{0648}');
        // A word known whole is not split (`وزير` is no `و` + `زير`), and
        // is no unknown place either (`unknown_place_word` refuses its
        // flags): no item, asked before the covered tokens.
        let known_whole = d.any(
            i,
            flag::COMMON | flag::STOP | flag::TRIGGER | flag::GAZ_WORD | flag::GIVEN | flag::FAMILY,
        );
        if !boundary || known_whole || places.covered(d, i) {
            return None;
        }
        let start = if !conjunct && self.unknown_place_word(key, Some(d.f.get(i).word)) {
            token.start
        } else {
            let split = crate::text::clitics::clitic_splits_iter(key).find(|s| {
                s.proclitic.chars().eq(['\u{0648}']) && self.unknown_place_word(&s.stem_key, None)
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
                .any(|m| m.end == i && m.payload.has(TriggerKind::PlaceHead))
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
    /// no attached pronoun, and letters that do not look ordinary. `flags`
    /// are the word's vocabulary flags when the caller has them (a token's
    /// own key: [`TokenFeatures`] holds them); the tests are asked
    /// cheapest first, the letter tests before any lookup.
    pub(super) fn unknown_place_word(&self, key: &str, flags: Option<Flags>) -> bool {
        if key.starts_with('\u{0648}') {
            return false;
        }
        let bare = crate::text::clitics::active_table()
            .strip_article(key)
            .unwrap_or(key);
        if bare.chars().nth(MIN_LETTERS - 1).is_none()
            || !bare.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
        {
            return false;
        }
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
        let flags = flags.unwrap_or_else(|| self.vocab.word_flags(key).word);
        if flags & refused != 0 {
            return false;
        }
        // Without an article the bare word is the word: no second lookup.
        let definite = bare.len() < key.len();
        if definite && self.vocab.word_flags(bare).word & refused != 0 {
            return false;
        }
        // `الشرقي`, `الشرقية`: a nisba adjective with the article.
        let definite_adjective = definite
            && bare
                .strip_suffix('\u{0647}')
                .unwrap_or(bare)
                .ends_with('\u{064A}');
        if definite_adjective
            || word_bytes::has_pronoun_suffix(key)
            || self.verb_shapes.matches(key)
        {
            return false;
        }
        !(self.likeness.is_loaded() && self.likeness.score(key) < likeness::ORDINARY_BELOW)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleFiles;

    /// Where the gate passes a token over, `list_from` finds no list, on
    /// every corpus article and on lists written for the test (the
    /// recognizer's own mentions stand for the places found first); and
    /// the gate turns most tokens away.
    #[test]
    fn no_list_starts_where_the_gate_says_none_may() {
        let r = NameRecognizer::new(&RuleFiles::embedded()).unwrap();
        let mut texts = crate::perf::repo_corpus_texts();
        texts.push("زار الوفد مصر والأردن وسوريا ، ثم لبنان والعراق والكويت .".into());
        texts.push("في ولايتي خوست وبكتيكا ، وفي فرنسا وألمانيا".into());
        let (mut lists, mut gated, mut tokens) = (0, 0, 0);
        for text in &texts {
            let a = Analysis::new(text);
            let ctx = DocContext::plain("test", &a);
            let mut found = Vec::new();
            r.recognize(&ctx, &mut found);
            let d = Doc::new(&ctx, r.vocab.features(&a));
            let Some(places) = FoundPlaces::of(&d, &found) else {
                continue;
            };
            for i in 0..a.len() {
                tokens += 1;
                let from = places.known_from(i, 0);
                let items = r.list_from(&d, i, from, &places);
                lists += usize::from(!items.is_empty());
                let (start, start_from) = places.next_list_start(&d, i, from);
                assert!(start >= i);
                assert_eq!(start_from, places.known_from(start, 0));
                if start != i {
                    gated += 1;
                    assert!(items.is_empty(), "a list at token {i} of {text}");
                    // Nothing passed over: the next token's answer is the same.
                    let next_from = places.known_from(i + 1, 0);
                    assert_eq!(places.next_list_start(&d, i + 1, next_from).0, start);
                }
            }
        }
        assert!(lists > 10, "{lists} lists found");
        assert!(
            gated * 4 > tokens * 3,
            "{gated} of {tokens} tokens turned away"
        );
    }

    /// The byte test on the light form says what the key says: a comma,
    /// or a word starting with `و`, on every token of the corpus articles.
    #[test]
    fn a_list_goes_on_where_the_key_says_it_does() {
        let mut texts = crate::perf::repo_corpus_texts();
        texts.push("مصر، والأردن , وسوريا ولى وة ، و".into());
        let mut going_on = 0;
        for text in &texts {
            let a = Analysis::new(text);
            for (i, t) in a.tokens().iter().enumerate() {
                let key = a.key(i);
                let by_key = is_list_comma(key) || key.starts_with('\u{0648}');
                assert_eq!(continues_list(a.light_bytes(t)), by_key, "{key}");
                going_on += usize::from(by_key);
            }
        }
        assert!(going_on > 100, "{going_on} tokens go on with a list");
    }
}
