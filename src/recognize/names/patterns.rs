//! Declarative token patterns (`rules/names/patterns*.jsonl`), in the spirit
//! of spaCy's Matcher: one JSON object per line,
//!
//! ```json
//! {"id": "name/pattern-port", "label": "FAC",
//!  "pattern": [{"key": ["ميناء", "مرفأ"], "clitic": true},
//!              {"shape": "bare", "not_in": ["common"], "op": "+"}],
//!  "example": {"text": "وصلت السفينة إلى ميناء جوادر أمس", "match": "ميناء جوادر"}}
//! ```
//!
//! Token tests: `text` (exact surface), `key` (normalized form), `in` /
//! `not_in` (lexicons: `given family particle stop common trigger name` or a
//! names label such as `gpe`), `shape` (`word number year punct al bare`;
//! `year` is four digits from 1000 to 2199), and on
//! the first element `clitic: true` (also match the stem after a proclitic;
//! the span then starts after it). Operators: `op` = `?`, `*`, `+` (repeats
//! capped at 8). `"in_span": false` keeps a token out of the span (heads,
//! quotes). Compiled once at start-up; the `id` is the mention's rule.

use serde::Deserialize;

use super::features::{flag, label_word_flag, Flags, TokenFeatures, Vocabulary, WordFlags};
use crate::error::{Error, Result};
use crate::mention::{Label, Layer};
use crate::text::clitics::{clitic_splits_iter, stem_start};
use crate::text::{key, Analysis, TokenKind};

/// Repeats allowed for `*` and `+`.
const MAX_REPEAT: usize = 8;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    id: String,
    label: String,
    pattern: Vec<RawElement>,
    #[serde(default)]
    priority: Option<i32>,
    #[serde(default)]
    example: Option<Example>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawElement {
    #[serde(default)]
    text: Option<OneOrMany>,
    #[serde(default)]
    key: Option<OneOrMany>,
    #[serde(default, rename = "in")]
    in_lexicons: Option<OneOrMany>,
    #[serde(default)]
    not_in: Option<OneOrMany>,
    #[serde(default)]
    shape: Option<String>,
    #[serde(default)]
    op: Option<String>,
    #[serde(default)]
    in_span: Option<bool>,
    #[serde(default)]
    clitic: Option<bool>,
}

/// An example a pattern carries: `match` must be found in `text`.
#[derive(Debug, Clone, Deserialize)]
pub struct Example {
    /// A sentence.
    pub text: String,
    /// The span the pattern must produce.
    #[serde(rename = "match")]
    pub expected: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Word,
    Number,
    /// A number of four digits from 1000 to 2199 (`1936`, `٢٠١١`).
    Year,
    Punct,
    Al,
    Bare,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    One,
    Optional,
    Star,
    Plus,
}

#[derive(Debug, Clone)]
struct Element {
    text: Vec<String>,
    keys: rustc_hash::FxHashSet<String>,
    /// `in`: the token must have one of these flags (none: no test).
    lexicons: Flags,
    /// `not_in`: the token must have none of these flags.
    not_lexicons: Flags,
    shape: Option<Shape>,
    op: Op,
    in_span: bool,
    clitic: bool,
}

/// A compiled token pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// Stable rule id (the mention's `rule`).
    pub id: crate::mention::RuleId,
    /// The label of the mentions it produces.
    pub label: Label,
    /// Conflict priority (lower wins); default 5.
    pub priority: Option<i32>,
    /// `file:line` of the pattern.
    pub source: String,
    /// The example it carries, if any.
    pub example: Option<Example>,
    elements: Vec<Element>,
    /// [`Pattern::may_start`]'s masks, worked out once from the first
    /// element: the flags a token (`.0`) or its stems (`.1`) must have one
    /// of; `None` when any token may start a match.
    start_masks: Option<(Flags, Flags)>,
}

/// The masks of [`Pattern::start_masks`] for a first element.
fn start_masks(first: &Element) -> Option<(Flags, Flags)> {
    let lists_only = first.op == Op::One
        && first.keys.is_empty()
        && first.lexicons != 0
        && first.lexicons & !flag::OWN == 0;
    lists_only.then(|| {
        let stems = if first.clitic { first.lexicons } else { 0 };
        (first.lexicons, stems)
    })
}

/// The patterns whose first element is no fixed word, tried at every
/// token one of them may start at, and the union of their
/// [`Pattern::may_start`] masks: a token outside it starts none of them,
/// so it is turned away with one test instead of a test per pattern.
#[derive(Debug, Clone)]
pub(super) struct UnkeyedPatterns {
    /// Indices into the recognizer's patterns.
    indices: Vec<usize>,
    /// The union of the patterns' start masks (word, stems); `None` when
    /// one of them may start at any token.
    start_masks: Option<(Flags, Flags)>,
}

impl Default for UnkeyedPatterns {
    fn default() -> Self {
        UnkeyedPatterns {
            indices: Vec::new(),
            // No pattern: no token starts one.
            start_masks: Some((0, 0)),
        }
    }
}

impl UnkeyedPatterns {
    /// Add pattern `index` (`pattern`), widening the union with its masks.
    pub(super) fn push(&mut self, index: usize, pattern: &Pattern) {
        self.indices.push(index);
        self.start_masks = match (self.start_masks, pattern.start_masks) {
            (Some((word, stems)), Some((w, s))) => Some((word | w, stems | s)),
            _ => None,
        };
    }

    /// Whether one of the patterns may start at a token with these flags
    /// (true wherever one of their [`Pattern::may_start`] is).
    #[inline]
    pub(super) fn may_start(&self, token: WordFlags) -> bool {
        self.start_masks
            .is_none_or(|(word, stems)| token.word & word != 0 || token.stems & stems != 0)
    }

    /// The patterns' indices.
    pub(super) fn indices(&self) -> &[usize] {
        &self.indices
    }
}

/// A pattern match over original code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatternMatch {
    /// Span start.
    pub start: usize,
    /// Span end.
    pub end: usize,
}

const LEXICONS: &[&str] = &[
    "given", "family", "particle", "stop", "common", "trigger", "name",
];

/// The token flags a lexicon name stands for: `given`, `family`,
/// `particle`, `stop`, `common`, `trigger`, `name`, or a names label (a
/// one-word gazetteer entry with that label); `None` for an unknown name.
pub fn lexicon_flags(name: &str) -> Option<Flags> {
    let lower = name.to_ascii_lowercase();
    Some(match lower.as_str() {
        "given" => flag::GIVEN,
        "family" => flag::FAMILY,
        "particle" => flag::PARTICLE,
        "stop" => flag::STOP,
        "common" => flag::COMMON,
        "trigger" => flag::TRIGGER,
        "name" => flag::NAME_LIKE,
        _ => match lower.to_ascii_uppercase().parse::<Label>() {
            Ok(label) if label.layer() == Layer::Names => label_word_flag(label),
            _ => return None,
        },
    })
}

fn check_lexicon(name: &str) -> std::result::Result<Flags, String> {
    if let Some(flags) = lexicon_flags(name) {
        Ok(flags)
    } else {
        Err(format!(
            "unknown lexicon `{name}` (expected {} or a names label like gpe)",
            LEXICONS.join(" ")
        ))
    }
}

/// Validate the lexicon names of an `in` / `not_in` constraint.
fn lexicon_list(names: Option<OneOrMany>) -> std::result::Result<Flags, String> {
    names
        .map(OneOrMany::into_vec)
        .unwrap_or_default()
        .iter()
        .try_fold(0, |mask, l| Ok(mask | check_lexicon(l)?))
}

/// Parse a patterns file: one JSON object per line; blank lines and lines
/// starting with `#` or `//` are skipped.
pub fn parse_file(file: &str, text: &str) -> Result<Vec<Pattern>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("//") {
            continue;
        }
        let err = |m: String| Error::rule(file, line_no, m);
        let raw: RawPattern =
            serde_json::from_str(trimmed).map_err(|e| err(format!("bad pattern: {e}")))?;
        let _ = raw.note;
        let label: Label = raw.label.parse().map_err(|e: Error| err(e.to_string()))?;
        if label.layer() != Layer::Names {
            return Err(err(format!("{label} is not a names-layer label")));
        }
        if raw.pattern.is_empty() {
            return Err(err("empty pattern".into()));
        }
        let mut elements = Vec::new();
        for (k, e) in raw.pattern.into_iter().enumerate() {
            let op = match e.op.as_deref() {
                None | Some("1") => Op::One,
                Some("?") => Op::Optional,
                Some("*") => Op::Star,
                Some("+") => Op::Plus,
                Some(other) => {
                    return Err(err(format!(
                        "element {k}: unknown op `{other}` (expected ? * +)"
                    )))
                }
            };
            let shape = match e.shape.as_deref() {
                None => None,
                Some("word") => Some(Shape::Word),
                Some("number") => Some(Shape::Number),
                Some("year") => Some(Shape::Year),
                Some("punct") => Some(Shape::Punct),
                Some("al") => Some(Shape::Al),
                Some("bare") => Some(Shape::Bare),
                Some(other) => {
                    return Err(err(format!(
                        "element {k}: unknown shape `{other}` (expected word number year punct al bare)"
                    )))
                }
            };
            let lexicons =
                lexicon_list(e.in_lexicons).map_err(|m| err(format!("element {k}: {m}")))?;
            let not_lexicons =
                lexicon_list(e.not_in).map_err(|m| err(format!("element {k}: {m}")))?;
            let clitic = e.clitic.unwrap_or(false);
            if clitic && k > 0 {
                return Err(err(format!(
                    "element {k}: `clitic` is allowed on the first element only"
                )));
            }
            elements.push(Element {
                text: e.text.map(OneOrMany::into_vec).unwrap_or_default(),
                keys: e
                    .key
                    .map(OneOrMany::into_vec)
                    .unwrap_or_default()
                    .iter()
                    .map(|s| key(s))
                    .collect(),
                lexicons,
                not_lexicons,
                shape,
                op,
                in_span: e.in_span.unwrap_or(true),
                clitic,
            });
        }
        if !elements.iter().any(|e| e.in_span) {
            return Err(err("no element is in the span".into()));
        }
        out.push(Pattern {
            id: raw.id.into(),
            label,
            priority: raw.priority,
            source: format!("{file}:{line_no}"),
            example: raw.example,
            start_masks: start_masks(&elements[0]),
            elements,
        });
    }
    Ok(out)
}

impl Element {
    /// Whether token `i`, read as `key` with lexicon flags `flags` (the
    /// whole token, or its stem for a first element with `clitic`), passes.
    fn test(&self, a: &Analysis<'_>, i: usize, key: &str, flags: Flags) -> bool {
        let token = a.tokens()[i];
        if !self.text.is_empty() && !self.text.iter().any(|t| t == a.surface(i)) {
            return false;
        }
        if !self.keys.is_empty() && !self.keys.contains(key) {
            return false;
        }
        if let Some(shape) = self.shape {
            let word = token.kind == TokenKind::Word;
            // Only for the two shapes that ask; more than three letters
            // is told by the fourth, not by counting them all.
            let al = || word && key.starts_with("ال") && key.chars().nth(3).is_some();
            let ok = match shape {
                Shape::Word => word,
                Shape::Number => token.kind == TokenKind::Number,
                Shape::Year => token.kind == TokenKind::Number && is_year(a.surface(i)),
                Shape::Punct => token.kind == TokenKind::Punct,
                Shape::Al => al(),
                Shape::Bare => word && !al(),
            };
            if !ok {
                return false;
            }
        }
        if self.lexicons != 0 && flags & self.lexicons == 0 {
            return false;
        }
        flags & self.not_lexicons == 0
    }
}

impl Pattern {
    /// The fixed first words of the pattern (key form), when its first
    /// element is a single token with a `key` constraint.
    pub fn first_keys(&self) -> Option<impl Iterator<Item = &str>> {
        let first = &self.elements[0];
        (!first.keys.is_empty() && first.op == Op::One)
            .then(|| first.keys.iter().map(String::as_str))
    }

    /// A cheap test before [`Pattern::match_found_at`]: false when the first
    /// element asks for word lists the token (and its stems) are in none of.
    #[inline]
    pub fn may_start(&self, token: WordFlags) -> bool {
        self.start_masks
            .is_none_or(|(word, stems)| token.word & word != 0 || token.stems & stems != 0)
    }

    /// Whether the first element may match a stem after a proclitic.
    pub fn first_clitic(&self) -> bool {
        self.elements[0].clitic
    }

    /// Whether the first element has fixed words that token `i` (or, with
    /// `clitic`, a stem of it) is not: then the pattern does not match
    /// there, and [`Pattern::match_found_at`] need not be asked.
    pub fn refused_by_first_keys(&self, a: &Analysis<'_>, i: usize) -> bool {
        let first = &self.elements[0];
        if first.keys.is_empty() || first.op != Op::One {
            return false;
        }
        let key = a.key(i);
        let stem_hit = || {
            first.clitic
                && key.len() > 2
                && clitic_splits_iter(key).any(|s| first.keys.contains(s.stem_key.as_ref()))
        };
        !first.keys.contains(key) && !stem_hit()
    }

    /// Match at token `i`; the longest match wins. `features` are the
    /// document's token flags, `vocab` gives a clitic stem's flags. For a
    /// pattern found for the token by its first keys
    /// ([`Pattern::first_keys`]: the token's key is one, or with
    /// [`Pattern::first_clitic`] a stem's, as the recognizer's word loop
    /// finds them), or for one [`Pattern::refused_by_first_keys`] lets
    /// through: that test is not asked again.
    pub fn match_found_at(
        &self,
        vocab: &Vocabulary,
        a: &Analysis<'_>,
        features: &TokenFeatures,
        i: usize,
    ) -> Option<PatternMatch> {
        let first = &self.elements[0];
        let token_flags = features.get(i);
        if first.keys.is_empty() && first.lexicons != 0 && first.op == Op::One {
            // The stems' own flags answer for the lexicons that are word
            // lists; `name` is derived and needs each stem's full flags.
            let stem_may_hit = first.clitic
                && (token_flags.stems & first.lexicons != 0 || first.lexicons & !flag::OWN != 0);
            let stem_hit = || {
                stem_may_hit
                    && clitic_splits_iter(a.key(i))
                        .any(|s| vocab.word_flags(&s.stem_key).word & first.lexicons != 0)
            };
            if token_flags.word & first.lexicons == 0 && !stem_hit() {
                return None;
            }
        }
        let mut best: Option<PatternMatch> = None;
        let mut consider =
            |first_key: (&str, Flags), stem: Option<&crate::text::CliticSplit<'_>>| {
                let mut span = (None, None);
                if self
                    .run(a, features, 0, i, Some(first_key), &mut span)
                    .is_none()
                {
                    return;
                }
                let (Some(f), Some(l)) = span else {
                    return;
                };
                let start = match (f == i, stem) {
                    (true, Some(split)) => match stem_start(a, i, split) {
                        Some(s) => s,
                        None => return,
                    },
                    _ => a.tokens()[f].start,
                };
                let m = PatternMatch {
                    start,
                    end: a.tokens()[l].end,
                };
                if best.is_none_or(|b| m.end - m.start > b.end - b.start) {
                    best = Some(m);
                }
            };
        consider((a.key(i), token_flags.word), None);
        if first.clitic && a.tokens()[i].kind == TokenKind::Word {
            for split in clitic_splits_iter(a.key(i)) {
                let stem_flags = vocab.word_flags(&split.stem_key).word;
                consider((&split.stem_key, stem_flags), Some(&split));
            }
        }
        best
    }

    /// Backtracking match of elements `e..` from token `i`; returns the end
    /// token and records the first and last in-span tokens.
    fn run(
        &self,
        a: &Analysis<'_>,
        features: &TokenFeatures,
        e: usize,
        i: usize,
        first_key: Option<(&str, Flags)>,
        span: &mut (Option<usize>, Option<usize>),
    ) -> Option<usize> {
        if e == self.elements.len() {
            return Some(i);
        }
        let el = &self.elements[e];
        let (min, max) = match el.op {
            Op::One => (1, 1),
            Op::Optional => (0, 1),
            Op::Star => (0, MAX_REPEAT),
            Op::Plus => (1, MAX_REPEAT),
        };
        // Greedy: count how many tokens this element can take.
        let mut taken = 0;
        while taken < max && i + taken < a.len() {
            let k = i + taken;
            let (key, flags) = match first_key {
                Some(first) if k == i => first,
                _ => (a.key(k), features.get(k).word),
            };
            if !el.test(a, k, key, flags) {
                break;
            }
            taken += 1;
        }
        let mut n = taken;
        loop {
            if n < min {
                return None;
            }
            let saved = *span;
            if el.in_span && n > 0 {
                span.0 = span.0.or(Some(i));
                span.1 = Some(i + n - 1);
            }
            let next_first = if n == 0 { first_key } else { None };
            if let Some(end) = self.run(a, features, e + 1, i + n, next_first, span) {
                return Some(end);
            }
            *span = saved;
            if n == 0 {
                return None;
            }
            n -= 1;
        }
    }
}

/// Four digits of any script (`1936`, `٢٠١١`) from 1000 to 2199: a year.
pub(super) fn is_year(surface: &str) -> bool {
    let digits: Option<Vec<u32>> = surface
        .chars()
        .map(|c| c.to_digit(10).or_else(|| arabic_digit(c)))
        .collect();
    match digits.as_deref() {
        Some([a, b, _, _]) => *a == 1 || (*a == 2 && *b <= 1),
        _ => false,
    }
}

/// The value of an Arabic-Indic or Eastern Arabic-Indic digit.
fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Doc, NameRecognizer};
    use super::*;
    use crate::recognize::DocContext;
    use crate::rules::RuleFiles;
    use crate::text::Analysis;

    /// The word loop tries only the patterns `pattern_candidates` gives
    /// and asks no first-key refusal of them: on every corpus article, a
    /// candidate matches as it does after the refusal, and no other
    /// pattern matches.
    #[test]
    fn the_candidates_need_no_first_key_test_and_miss_no_match() {
        let r = NameRecognizer::new(&RuleFiles::embedded()).unwrap();
        let mut candidates = Vec::new();
        let (mut tried, mut matched) = (0, 0);
        for text in crate::perf::repo_corpus_texts() {
            let a = Analysis::new(&text);
            let ctx = DocContext::plain("test", &a);
            let d = Doc::new(&ctx, r.vocab.features(&a));
            for i in 0..a.len() {
                r.pattern_candidates(&d, i, d.f.get(i), &mut candidates);
                for (p, pattern) in r.patterns.iter().enumerate() {
                    let checked = (!pattern.refused_by_first_keys(&a, i))
                        .then(|| pattern.match_found_at(&r.vocab, &a, &d.f, i))
                        .flatten();
                    if candidates.contains(&p) {
                        let found = pattern.match_found_at(&r.vocab, &a, &d.f, i);
                        assert_eq!(found, checked, "{} at {}", pattern.id, a.key(i));
                        tried += 1;
                        matched += usize::from(found.is_some());
                    } else {
                        assert_eq!(checked, None, "{} at {}", pattern.id, a.key(i));
                    }
                }
            }
        }
        assert!(
            tried > 100 && matched > 10,
            "{tried} tried, {matched} matched"
        );
    }

    /// The union lets in exactly the tokens one of its patterns may start
    /// at, for every mix of the bits the patterns ask and some they do not,
    /// on the word and on its stems; with a pattern that may start anywhere
    /// it lets every token in, and with none it lets none in.
    #[test]
    fn unkeyed_patterns_let_in_the_tokens_one_of_them_may_start_at() {
        let listed = parse_file(
            "test.jsonl",
            concat!(
                r#"{"id": "t/given", "label": "PERSON", "pattern": [{"in": "given", "clitic": true}, {"shape": "bare"}]}"#,
                "\n",
                r#"{"id": "t/norp", "label": "PERSON", "pattern": [{"in": "norp"}, {"shape": "bare"}]}"#,
                "\n",
            ),
        )
        .unwrap();
        let anywhere = parse_file(
            "test.jsonl",
            r#"{"id": "t/any", "label": "PERSON", "pattern": [{"shape": "bare"}, {"in": "given"}]}"#,
        )
        .unwrap();
        let bits = [flag::GIVEN, flag::NORP_WORD, flag::FAMILY, flag::WORD];
        let mixes: Vec<Flags> = (0..1u32 << bits.len())
            .map(|m| {
                (0..bits.len())
                    .filter(|b| m & 1 << b != 0)
                    .fold(0, |f, b| f | bits[b])
            })
            .collect();
        let mut none = UnkeyedPatterns::default();
        let mut unkeyed = UnkeyedPatterns::default();
        for (n, p) in listed.iter().enumerate() {
            unkeyed.push(n, p);
        }
        let (mut let_in, mut turned_away) = (0, 0);
        for &word in &mixes {
            for &stems in &mixes {
                let token = WordFlags { word, stems };
                let want = listed.iter().any(|p| p.may_start(token));
                assert_eq!(unkeyed.may_start(token), want, "{token:?}");
                assert!(!none.may_start(token));
                let_in += usize::from(want);
                turned_away += usize::from(!want);
            }
        }
        assert!(
            let_in > 0 && turned_away > 0,
            "{let_in} in, {turned_away} away"
        );
        assert_eq!(unkeyed.indices(), [0, 1]);
        none.push(2, &anywhere[0]);
        assert!(none.may_start(WordFlags::default()));
    }
}
