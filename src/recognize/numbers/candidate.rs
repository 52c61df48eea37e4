//! What the recognizer passes between its patterns: a [`Candidate`] before
//! it becomes a mention, the [`DocState`] of the document being read, the
//! [`Suffix`] after an amount, and small token helpers (key and light form
//! past the end, commas, URL ranges where no number is read).

use chrono::NaiveDate;
use serde_json::Value;

use super::lexicon::Doc;
use super::parse::Num;
use crate::mention::{Label, Modifier};
use crate::text::Analysis;

/// A candidate before it becomes a [`Mention`].
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub start: usize,
    pub end_tok: usize,
    pub label: Label,
    pub value: Value,
    pub rule: &'static str,
    pub evidence: String,
    pub modifier: Option<Modifier>,
    pub priority: i32,
}

impl Candidate {
    pub(super) fn new(
        start: usize,
        end_tok: usize,
        label: Label,
        value: Value,
        rule: &'static str,
    ) -> Self {
        Candidate {
            start,
            end_tok,
            label,
            value,
            rule,
            evidence: String::new(),
            modifier: None,
            priority: 0,
        }
    }
}

/// What the recognizer knows about the document.
pub(crate) struct DocState<'a, 'b, 't> {
    pub a: &'a Doc<'b, 't>,
    pub refd: Option<NaiveDate>,
    pub country: Option<String>,
    /// The countries named in the document (places of
    /// `dateline_places.csv`), most named first; computed when an ambiguous
    /// currency needs them.
    pub named_countries: super::NamedCountries<'a>,
    /// Whether candidates carry their evidence (`kashif explain`): without
    /// it no evidence text is formatted.
    pub explain: bool,
}

impl DocState<'_, '_, '_> {
    /// Whether token `i` has a token flag.
    pub fn has(&self, i: usize, flag: u8) -> bool {
        self.a.starts(i, flag)
    }

    /// The evidence text `why` formats, when candidates carry evidence;
    /// else an empty string (no allocation).
    pub fn evidence(&self, why: impl FnOnce() -> String) -> String {
        if self.explain {
            why()
        } else {
            String::new()
        }
    }
}

/// A suffix after an amount.
#[derive(Debug, Clone)]
pub(crate) enum Suffix {
    Percent,
    Money {
        code: String,
        factor: f64,
        ev: String,
    },
    Unit {
        unit: String,
        dual: bool,
        ev: String,
    },
    Time {
        unit: String,
    },
}

/// A number, with the currency written before it (`$10`) when there is one.
pub(crate) type Amount = (Num, Option<(Suffix, usize)>);

/// Code point ranges of URLs (`http://…`, `www.…`): no numbers inside.
pub(super) fn url_ranges(text: &str) -> Vec<(usize, usize)> {
    // Most documents have neither, and few Latin letters: a vectorized
    // search for the first letters says so quickly.
    let bytes = text.as_bytes();
    let url_at = |i: usize| bytes[i..].starts_with(b"http") || bytes[i..].starts_with(b"www.");
    if !memchr::memchr2_iter(b'h', b'w', bytes).any(url_at) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut chars = 0;
    let mut last = 0;
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        let next = ["http://", "https://", "www."]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let Some(off) = next else { break };
        let b0 = pos + off;
        let b1 = text[b0..]
            .find(char::is_whitespace)
            .map_or(text.len(), |x| b0 + x);
        chars += text[last..b0].chars().count();
        let c0 = chars;
        chars += text[b0..b1].chars().count();
        out.push((c0, chars));
        last = b1;
        pos = b1.max(b0 + 1);
    }
    out
}

/// Whether a light form is a comma (Arabic or Latin).
pub(crate) fn is_comma(light: &str) -> bool {
    matches!(light, "\u{060C}" | ",")
}

/// The key of token `i`, or "" past the end.
#[inline]
pub(crate) fn key_at<'x>(a: &'x Analysis<'_>, i: usize) -> &'x str {
    if i < a.len() {
        a.key(i)
    } else {
        ""
    }
}

/// The light form of token `i`, or "" past the end.
#[inline]
pub(crate) fn light_at<'x>(a: &'x Analysis<'_>, i: usize) -> &'x str {
    if i < a.len() {
        a.light(i)
    } else {
        ""
    }
}
