//! A person's name found from its surname reaches back to the word before
//! it when that word is a first name nobody listed (`[سيب بلاتر]`, `[بوب
//! غرين]`) or a particle of a European name (`[فان نيستلروي]`). The
//! evidence is the listed surname after it plus the word's own letters: a
//! bare word in no lexicon, no ordinary or verb-shaped word, whose
//! name-likeness score is high. Keyed on the shape of the name, not on a
//! list of first names. The longer name is not propagated: its first name
//! alone is weaker evidence than the surname, which propagates already.

use super::*;

/// The rules whose person mentions may start at a surname.
const SURNAME_SOURCES: &[&str] = &[
    "name/person-list",
    "name/learned-person",
    "name/gazetteer-person",
];

/// The rules whose person mentions are found after propagation: a
/// surname's later bare mentions, and a surname found as a repeated subject
/// (`[هربرت] صمويل` after `صمويل` was found alone).
const LATE_SURNAME_SOURCES: &[&str] = &["name/propagated", "name/repeated-subject"];

/// The person mention `span` that extends `m` (its priority kept), as rule
/// `rule`, with the evidence `why` when the document is explained.
pub(super) fn longer_person(
    d: &Doc<'_>,
    m: &Mention,
    span: (usize, usize),
    rule: &'static str,
    why: impl FnOnce() -> String,
) -> Mention {
    let mut longer = d
        .ctx
        .mention(span.0, span.1, Label::Person, serde_json::Value::Null, rule);
    longer.priority = m.priority;
    if d.ctx.explain {
        longer.evidence = why();
    }
    longer
}

impl NameRecognizer {
    /// Add, for every person mention in `found` that starts at a word other
    /// than a listed given name, the longer mention with the first name or
    /// particle before it.
    pub(super) fn extend_persons_left(&self, d: &Doc<'_>, found: &mut Vec<Mention>) {
        self.extend_persons_left_of(d, found, SURNAME_SOURCES, true);
    }

    /// [`Self::extend_persons_left`] for the person mentions found after
    /// propagation, by an unlisted first name only: a particle there is as
    /// often another word (`فان` for `فإن`), the word before must be in no
    /// other mention (`ل[ميرل همنغواي]` before `همنغواي`), and a mention
    /// another rule found at the same start is left to the early pass.
    pub(super) fn extend_propagated_persons_left(&self, d: &Doc<'_>, found: &mut Vec<Mention>) {
        self.extend_persons_left_of(d, found, LATE_SURNAME_SOURCES, false);
    }

    /// Extend the person mentions of the rules `sources` (see
    /// [`Self::extend_persons_left`]), by a particle too when `particles`.
    fn extend_persons_left_of(
        &self,
        d: &Doc<'_>,
        found: &mut Vec<Mention>,
        sources: &[&str],
        particles: bool,
    ) {
        let a = d.a;
        let mut added: Vec<Mention> = Vec::new();
        for m in found.iter() {
            if m.label != Label::Person || !sources.contains(&m.rule.as_str()) {
                continue;
            }
            // The mention's first token, which must begin exactly at the mention.
            let first = d.offsets().ending_by(m.start);
            if first == 0 || a.tokens().get(first).is_none_or(|t| t.start != m.start) {
                continue;
            }
            if d.any(first, flag::GIVEN | flag::PARTICLE) {
                continue;
            }
            let before = first - 1;
            let particle = particles
                && self.foreign_particles.contains(a.key(before))
                && (before == 0 || !d.any(before - 1, flag::GIVEN));
            if !particle && !self.unlisted_first_name(d, before) {
                continue;
            }
            let (start, end) = (a.tokens()[before].start, a.tokens()[before].end);
            // The late pass: a propagated copy of a mention at its own
            // source was looked at by the early pass already.
            if !particles
                && found.iter().any(|o| {
                    (o.start < end && start < o.end)
                        || (o.start == m.start && !sources.contains(&o.rule.as_str()))
                })
            {
                continue;
            }
            added.push(longer_person(
                d,
                m,
                (a.tokens()[before].start, m.end),
                "name/person-first-name",
                || {
                    format!(
                        "`{}` before the surname `{}`",
                        a.surface(before),
                        a.surface(first)
                    )
                },
            ));
        }
        found.extend(added);
    }

    /// A bare word that no lexicon knows (not even as a word seen untagged
    /// three times in ANERcorp), no ordinary, verb-shaped or
    /// conjunct word, whose letters look like a name's.
    fn unlisted_first_name(&self, d: &Doc<'_>, i: usize) -> bool {
        self.is_bare_proper(d, i)
            && !d.any(
                i,
                flag::GIVEN
                    | flag::FAMILY
                    | flag::PARTICLE
                    | flag::GAZ_WORD
                    | flag::LIGHT_STOP
                    | flag::NAME_SUFFIX,
            )
            && d.f.get(i).stems & flag::OWN == 0
            && !self.ambiguous.contains(d.a.key(i))
            && !d.a.key(i).starts_with('و')
            && !self.is_verb_shaped(d, i)
            && self.looks_like_name(d, i)
    }
}
