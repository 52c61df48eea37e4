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

/// Add the glosses to `mentions`, which stay sorted.
fn merge_glosses(mentions: &mut Vec<Mention>, added: Vec<Mention>) {
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.start, m.end, m.layer()));
    }
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
    use super::is_latin_word;

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
