//! Fuzz targets: one function per input surface, each taking arbitrary bytes
//! and panicking only when kashif breaks one of its promises (a panic inside
//! kashif, an offset outside the text, a mention whose text is not its
//! slice, a reader that accepts what it then cannot write back). The
//! `cargo fuzz` targets in `fuzz/` call these, and `tests/hardening_fuzz_seeds.rs`
//! replays every committed seed and regression input through them on stable
//! Rust, so a broken harness or a regression shows up in `cargo test`.
//! See `docs/reliability.md`.

use std::sync::OnceLock;

use crate::eval::{conll, gold};
use crate::io::{self, Document};
use crate::mention::{Layer, Mention};
use crate::recognize::{ExtractOptions, Extractor};
use crate::rules::RuleFiles;
use crate::text::Analysis;

/// A fuzz target: arbitrary bytes in, a panic only on a broken promise.
pub type Target = fn(&[u8]);

/// The fuzz targets by name (the names of `fuzz/fuzz_targets/*.rs` and of
/// the seed directories `fuzz/corpus/<name>/`).
pub const TARGETS: &[(&str, Target)] = &[
    ("tokenize", tokenize),
    ("extract", extract),
    ("gold_import", gold_import),
    ("rule_files", rule_files),
    ("jsonl_input", jsonl_input),
];

/// The extractor with the embedded rules, compiled once per process.
fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::with_default_rules().expect("embedded rules compile"))
}

/// Byte offset of every code point boundary of `text` (one past the end too).
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect()
}

/// Check that every mention is a non-empty span inside `text` whose `text`
/// field is exactly the slice at its code point offsets.
pub fn check_mentions(text: &str, mentions: &[Mention]) {
    let bounds = boundaries(text);
    for m in mentions {
        assert!(
            m.start < m.end && m.end < bounds.len(),
            "mention {}..{} outside a text of {} code points",
            m.start,
            m.end,
            bounds.len() - 1
        );
        assert_eq!(
            m.text,
            &text[bounds[m.start]..bounds[m.end]],
            "mention text is not its slice {}..{}",
            m.start,
            m.end
        );
    }
}

/// Tokenizer: token offsets (code points and bytes) agree, increase, stay
/// inside the text, never cover whitespace at their ends, and every sentence
/// range indexes tokens. Two tokens overlap only on one ligature that NFKC
/// expands into several words.
pub fn tokenize(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let analysis = Analysis::new(text);
    let bounds = boundaries(text);
    let mut previous_end = 0;
    for (i, t) in analysis.tokens().iter().enumerate() {
        assert!(
            t.start < t.end && t.end < bounds.len(),
            "token {i} {}..{}",
            t.start,
            t.end
        );
        if t.start < previous_end {
            // Tokens share an original character only when NFKC expands that
            // one character into several words (the ligatures U+FDFA and
            // U+FDFB: `ﷻ` is `جل جلاله`): each word points at it.
            let shared = &text[bounds[t.start]..bounds[previous_end]];
            assert!(
                shared.chars().count() == 1
                    && crate::text::normalize::needs_nfkc(shared)
                    && unicode_normalization::UnicodeNormalization::nfkc(shared)
                        .any(char::is_whitespace),
                "token {i} overlaps the previous one on {shared:?}"
            );
        }
        assert_eq!(bounds[t.start], t.byte_start, "token {i} byte start");
        assert_eq!(bounds[t.end], t.byte_end, "token {i} byte end");
        assert_eq!(analysis.surface(i), &text[t.byte_start..t.byte_end]);
        let surface = analysis.surface(i);
        assert!(
            !surface.starts_with(char::is_whitespace) && !surface.ends_with(char::is_whitespace),
            "token {i} {surface:?} has whitespace at an end"
        );
        let _ = (analysis.light(i), analysis.key(i));
        previous_end = previous_end.max(t.end);
    }
    for range in analysis.sentences() {
        assert!(range.start <= range.end && range.end <= analysis.len());
    }
}

/// Full extraction of any UTF-8 text: no panic, every mention a valid slice,
/// mentions of one layer never overlap.
pub fn extract(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let options = ExtractOptions {
        explain: data.first().is_some_and(|b| b & 1 == 1),
        ..ExtractOptions::default()
    };
    let mentions = extractor().extract("fuzz", text, &options);
    check_mentions(text, &mentions);
    for layer in [Layer::Names, Layer::Numeric] {
        let mut spans: Vec<(usize, usize)> = mentions
            .iter()
            .filter(|m| m.layer() == layer)
            .map(|m| (m.start, m.end))
            .collect();
        spans.sort_unstable();
        for w in spans.windows(2) {
            assert!(
                w[0].1 <= w[1].0,
                "overlap in the {} layer: {w:?}",
                layer.as_str()
            );
        }
    }
}

/// Split fuzz input into a document text and an annotation at the first NUL
/// byte (the document is the seed article's first line when there is none).
fn document_and_annotation(data: &[u8]) -> Option<(Document, &str)> {
    let (doc, ann) = match data.iter().position(|&b| b == 0) {
        Some(i) => (std::str::from_utf8(&data[..i]).ok()?, &data[i + 1..]),
        None => ("بكين 7 أبريل 2015 (شينخوا) وروسيا، الصين.", data),
    };
    Some((Document::new("fuzz", doc), std::str::from_utf8(ann).ok()?))
}

/// Gold import: the first byte picks the reader (gold CSV, brat standoff,
/// CoNLL BIO against a document, or the ANERcorp CoNLL reader); the rest is
/// `document NUL annotation`. A reader may refuse the input, but what it
/// accepts is a valid gold layer that survives writing as gold CSV and
/// reading back.
pub fn gold_import(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    if selector % 4 == 3 {
        if let Ok(text) = std::str::from_utf8(rest) {
            if let Ok(corpus) = conll::parse_conll("fuzz.conll", text) {
                for s in &corpus.sentences {
                    assert_eq!(s.tokens.len(), s.tags.len());
                    let _ = conll::chunks(&s.tags);
                }
            }
        }
        return;
    }
    let Some((doc, ann)) = document_and_annotation(rest) else {
        return;
    };
    let parsed = match selector % 4 {
        0 => gold::parse_gold_csv("fuzz.csv", ann, &doc),
        1 => gold::parse_brat_ann("fuzz.ann", ann, &doc),
        _ => gold::parse_conll_bio("fuzz.conll", ann, &doc),
    };
    let Ok(mentions) = parsed else {
        return;
    };
    check_mentions(&doc.text, &mentions);
    let mut csv = Vec::new();
    gold::write_gold_csv(&mut csv, &mentions).expect("writing to memory");
    let csv = String::from_utf8(csv).expect("gold CSV is UTF-8");
    let again = gold::parse_gold_csv("fuzz.csv", &csv, &doc)
        .unwrap_or_else(|e| panic!("accepted gold does not read back: {e}\n{csv}"));
    assert_eq!(again.len(), mentions.len());
}

/// Rule-file loading: the first byte picks an embedded rule file, the rest
/// replaces it (as a `--rules DIR` overlay would). Loading may fail with an
/// error, never a panic; an extractor that compiles must extract the seed
/// sentence with valid offsets.
pub fn rule_files(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(content) = std::str::from_utf8(rest) else {
        return;
    };
    let mut files = RuleFiles::embedded();
    let names: Vec<String> = files.names().map(str::to_string).collect();
    let name = &names[usize::from(selector) % names.len()];
    files.insert(name.clone(), content);
    if let Ok(x) = Extractor::new(&files) {
        let text =
            "قال الرئيس محمد علي في بكين يوم 7 أبريل 2015 إن أكثر من 30 مليون دولار و25% ذهبت.";
        check_mentions(text, &x.extract("fuzz", text, &ExtractOptions::default()));
    }
}

/// JSONL document input: every line gives a document with a valid id, or
/// an error naming the source and line; each document then extracts.
pub fn jsonl_input(data: &[u8]) {
    let mut docs = Vec::new();
    io::read_jsonl_documents("fuzz.jsonl", data, |_, item| match item {
        Ok(doc) => docs.push(doc),
        Err(e) => assert!(e.starts_with("fuzz.jsonl:"), "error without a line: {e}"),
    })
    .expect("reading memory");
    for doc in docs {
        io::check_id(&doc.id).expect("accepted ids are valid");
        assert!(!doc.text.starts_with('\u{FEFF}'));
        let mentions = extractor().extract(&doc.id, &doc.text, &ExtractOptions::default());
        check_mentions(&doc.text, &mentions);
    }
}
