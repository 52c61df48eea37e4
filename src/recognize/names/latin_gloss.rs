//! The Latin spelling written after a person's Arabic name is the same
//! person: `تشارلز داو ([Charles Dow])`, `شاخت هيلمار [Hjalmar Schacht]`.
//! Wikipedia and news text gloss foreign names this way; the gloss is a
//! run of one to five Latin words, the first capitalised, right after the
//! Arabic name or inside brackets right after it. Only a person mention
//! found by another rule opens a gloss, so a capitalised Latin word alone
//! is never a name. An organization or a work glosses its name only in
//! brackets, also past its closing quotation mark and nationality adjective
//! (`"اير وورك" البريطانية ([Airwork])`, decision 71): that gloss is a
//! mention of the same label.

use crate::mention::{DocContext, Label, Layer, Mention};

/// At most this many Latin words make one gloss.
const MAX_GLOSS_WORDS: usize = 5;

/// A word of Latin letters (ASCII or Latin-1 and Extended-A accented), with
/// inner apostrophes or hyphens: `Dow`, `O'Neil`, `Jean-Paul`.
pub(super) fn is_latin_word(s: &str) -> bool {
    s.chars().next().is_some_and(is_latin_letter)
        && s.chars()
            .all(|c| is_latin_letter(c) || c == '\'' || c == '-')
}

/// A Latin letter: ASCII, or Latin-1 and Extended-A accented (`é`, `ł`).
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{017F}').contains(&c)
}

/// After conflict resolution: add a PERSON mention for the Latin gloss
/// after every person mention of `mentions` (sorted by offset) whose gloss
/// no other names mention covers; the result stays sorted.
pub fn add_person_glosses(ctx: &DocContext<'_>, mentions: &mut Vec<Mention>) {
    let a = ctx.analysis;
    let tokens = a.tokens();
    let mut added: Vec<Mention> = Vec::new();
    for m in mentions.iter().filter(|m| m.label == Label::Person) {
        let next = tokens.partition_point(|t| t.start < m.end);
        if next == 0 || next >= tokens.len() || tokens[next - 1].end != m.end {
            continue;
        }
        let Some((start, end)) = gloss_span(ctx, next, false) else {
            continue;
        };
        // A name that is Latin itself has no gloss. Asked once a gloss
        // follows (rarely): slicing every person's text to ask it first
        // cost more than the rest of the pass.
        if is_latin_word(a.slice(m.start, m.end).split(' ').next().unwrap_or(""))
            || covered(mentions, start, end)
        {
            continue;
        }
        added.push(gloss_of(ctx, m, start, end, "name/latin-gloss"));
    }
    merge_glosses(mentions, added);
}

/// The gloss `start..end` of mention `m`: its label and priority.
fn gloss_of(
    ctx: &DocContext<'_>,
    m: &Mention,
    start: usize,
    end: usize,
    rule: &'static str,
) -> Mention {
    let mut gloss = ctx.mention(start, end, m.label, serde_json::Value::Null, rule);
    gloss.priority = m.priority;
    if ctx.explain {
        let name = ctx.analysis.slice(m.start, m.end);
        gloss.evidence = format!("the Latin spelling of `{name}`");
    }
    gloss
}

/// The order `mentions` keep: by start, end and layer.
fn offset_order(m: &Mention) -> (usize, usize, Layer) {
    (m.start, m.end, m.layer())
}

/// Add the glosses to `mentions`, which stay sorted: the result of a
/// stable sort of `mentions` followed by `added` by [`offset_order`].
/// `mentions` come sorted so (checked: else they are sorted with the
/// glosses), so the glosses, sorted among themselves, are merged in with
/// one move a mention; sorting the whole vector again cost a long
/// document's window (thousands of mentions) some million instructions
/// for a few dozen glosses.
fn merge_glosses(mentions: &mut Vec<Mention>, mut added: Vec<Mention>) {
    if added.is_empty() {
        return;
    }
    if !mentions.is_sorted_by_key(offset_order) {
        mentions.extend(added);
        mentions.sort_by_key(offset_order);
        return;
    }
    added.sort_by_key(offset_order);
    let mut glosses = added.into_iter().peekable();
    let mut merged = Vec::with_capacity(mentions.len() + glosses.len());
    for m in mentions.drain(..) {
        // A gloss with the same key as a mention goes after it, as the
        // stable sort leaves it.
        while let Some(gloss) = glosses.next_if(|g| offset_order(g) < offset_order(&m)) {
            merged.push(gloss);
        }
        merged.push(m);
    }
    merged.extend(glosses);
    *mentions = merged;
}

/// The code points of the Latin gloss starting at token `next` (or inside
/// the brackets opening there): one to five Latin words, the first
/// capitalised; in brackets the gloss is all there is inside them, and
/// with `bracketed` only a gloss in brackets counts.
fn gloss_span(ctx: &DocContext<'_>, next: usize, bracketed: bool) -> Option<(usize, usize)> {
    let a = ctx.analysis;
    let tokens = a.tokens();
    let opened = a.surface(next) == "(";
    if bracketed && !opened {
        return None;
    }
    let first = if opened { next + 1 } else { next };
    let latin_at = |k: usize| {
        k < tokens.len()
            && tokens[k].kind == crate::text::TokenKind::Word
            && is_latin_word(a.surface(k))
    };
    if !latin_at(first) || !a.surface(first).starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let mut last = first;
    let mut words = 1;
    while words < MAX_GLOSS_WORDS {
        // An initial with its full stop (`George W. Bush`).
        let initial = a.surface(last).chars().count() == 1
            && last + 1 < tokens.len()
            && a.surface(last + 1) == ".";
        if latin_at(last + 1) {
            last += 1;
        } else if initial && latin_at(last + 2) {
            last += 2;
        } else {
            break;
        }
        words += 1;
    }
    if opened && (last + 1 >= tokens.len() || a.surface(last + 1) != ")") {
        return None;
    }
    Some((tokens[first].start, tokens[last].end))
}

/// Whether a names mention of `mentions` overlaps `start..end`.
fn covered(mentions: &[Mention], start: usize, end: usize) -> bool {
    mentions
        .iter()
        .any(|o| o.layer() == Layer::Names && o.start < end && start < o.end)
}

/// After conflict resolution: add a mention of the same label for the
/// Latin gloss in brackets after every organization or work of `mentions`
/// (sorted by offset), past a closing quotation mark and a nationality
/// adjective (`"اير وورك" البريطانية ([Airwork])`), when no other names
/// mention covers it; the result stays sorted.
pub fn add_org_glosses(ctx: &DocContext<'_>, mentions: &mut Vec<Mention>) {
    let a = ctx.analysis;
    let tokens = a.tokens();
    let mut added: Vec<Mention> = Vec::new();
    for (n, m) in mentions.iter().enumerate() {
        if !matches!(m.label, Label::Org | Label::Misc) {
            continue;
        }
        let mut next = tokens.partition_point(|t| t.start < m.end);
        if next == 0 || next >= tokens.len() || tokens[next - 1].end != m.end {
            continue;
        }
        if matches!(a.surface(next), "\"" | "»" | "”") {
            next += 1;
        }
        // The nationality adjective after the name (`البريطانية`).
        let norp = tokens
            .get(next)
            .and_then(|t| norp_starting_at(&mentions[n + 1..], t.start));
        if let Some(norp) = norp {
            next = tokens.partition_point(|t| t.start < norp.end);
        }
        if next >= tokens.len() {
            continue;
        }
        let Some((start, end)) = gloss_span(ctx, next, true) else {
            continue;
        };
        if covered(mentions, start, end) {
            continue;
        }
        added.push(gloss_of(ctx, m, start, end, ORG_GLOSS_RULE));
    }
    merge_glosses(mentions, added);
}

/// The first NORP mention of `later` (sorted by start) starting at
/// `start`, looked for no further than `start` (a walk to the end of the
/// document after every name was quadratic in a long document).
fn norp_starting_at(later: &[Mention], start: usize) -> Option<&Mention> {
    later
        .iter()
        .take_while(|o| o.start <= start)
        .find(|o| o.label == Label::Norp && o.start == start)
}

/// The rule id of an organization's or a work's Latin gloss.
const ORG_GLOSS_RULE: &str = "name/latin-gloss-org";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Analysis;

    /// Merging gives what the stable sort of the mentions and the glosses
    /// gives: equal keys (a gloss beside a mention of the same span and
    /// layer, two glosses of one span) keep the order they came in,
    /// unsorted mentions are sorted with glosses and left alone without.
    #[test]
    fn merged_glosses_are_where_the_stable_sort_puts_them() {
        let a = Analysis::new("نص");
        let ctx = DocContext::plain("t", &a);
        let at = |start, end, label, rule: &'static str| {
            ctx.mention(start, end, label, serde_json::Value::Null, rule)
        };
        // A small linear congruential generator: the same cases every run.
        let mut state = 7u64;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) % n) as usize
        };
        let labels = [Label::Person, Label::Org, Label::Money];
        for round in 0..400 {
            let mut some = |count: u64, rule: &'static str| -> Vec<Mention> {
                (0..next(count))
                    .map(|_| {
                        let start = next(12);
                        at(start, start + 1 + next(3), labels[next(3)], rule)
                    })
                    .collect()
            };
            let mut mentions = some(20, "mention");
            let added = some(6, "gloss");
            if round % 4 != 0 {
                mentions.sort_by_key(offset_order);
            }
            // No gloss: the mentions stay as they are, sorted or not.
            let mut expected = mentions.clone();
            if !added.is_empty() {
                expected.extend(added.clone());
                expected.sort_by_key(offset_order);
            }
            let mut merged = mentions;
            merge_glosses(&mut merged, added);
            let spans = |v: &[Mention]| -> Vec<_> {
                v.iter()
                    .map(|m| (m.start, m.end, m.label, m.rule.to_string()))
                    .collect()
            };
            assert_eq!(spans(&merged), spans(&expected), "round {round}");
        }
    }

    #[test]
    fn latin_words_are_letters_with_inner_marks() {
        assert!(is_latin_word("Dow"));
        assert!(is_latin_word("O'Neil"));
        assert!(is_latin_word("Jean-Paul"));
        assert!(is_latin_word("Frédéric"));
        assert!(!is_latin_word("داو"));
        assert!(!is_latin_word("1889"));
        assert!(!is_latin_word("-Dow"));
    }
}
