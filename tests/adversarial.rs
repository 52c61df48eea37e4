//! Adversarial inputs (100k digits, 10k number words in a row, a 1 MB word,
//! 50k clitic letters, thousands of repeated triggers…) must come out sane:
//! no panic, every mention's text is its slice of the input, mentions are
//! bounded in length, and there are no more mentions than tokens. Timing is
//! not checked here (the `adversarial` bench group shows linear growth).

use kashif::perf::{adversarial, adversarial_inputs};
use kashif::text::Analysis;
use kashif::{ExtractOptions, Extractor};

/// A mention longer than this many tokens is not a sane reading of the text.
const MAX_MENTION_TOKENS: usize = 64;
/// A mention longer than this many characters is not sane either.
const MAX_MENTION_CHARS: usize = 1_000;

fn check(x: &Extractor, kind: &str, text: &str) {
    let analysis = Analysis::new(text);
    let mentions = x.extract(kind, text, &ExtractOptions::default());
    assert!(
        mentions.len() <= analysis.len(),
        "{kind}: {} mentions for {} tokens",
        mentions.len(),
        analysis.len()
    );
    // Byte offset of every char boundary, to slice by code points.
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    let tokens = analysis.tokens();
    for m in &mentions {
        assert!(
            m.start < m.end && m.end < bytes.len(),
            "{kind}: bad span {}..{} (text has {} chars)",
            m.start,
            m.end,
            bytes.len() - 1
        );
        assert_eq!(
            m.text,
            &text[bytes[m.start]..bytes[m.end]],
            "{kind}: mention text is not the slice {}..{}",
            m.start,
            m.end
        );
        assert!(
            m.end - m.start <= MAX_MENTION_CHARS,
            "{kind}: mention {}..{} ({}) is {} chars long",
            m.start,
            m.end,
            m.label.as_str(),
            m.end - m.start
        );
        let first = tokens.partition_point(|t| t.end <= m.start);
        let last = tokens.partition_point(|t| t.start < m.end);
        assert!(
            last.saturating_sub(first) <= MAX_MENTION_TOKENS,
            "{kind}: mention {}..{} ({}) spans {} tokens",
            m.start,
            m.end,
            m.label.as_str(),
            last - first
        );
    }
}

#[test]
fn adversarial_inputs_give_sane_mentions() {
    let x = Extractor::with_default_rules().unwrap();
    for (kind, text) in adversarial_inputs(1.0) {
        check(&x, kind, &text);
    }
}

#[test]
fn adversarial_inputs_mixed_with_text_give_sane_mentions() {
    let x = Extractor::with_default_rules().unwrap();
    let seed = std::fs::read_to_string("corpus/xinhua-2015-04-07-china-kazakhstan.txt").unwrap();
    for kind in kashif::perf::ADVERSARIAL_KINDS {
        let text = format!(
            "{seed}\n{}\n{seed} {} {seed}",
            adversarial(kind, 2_000),
            adversarial(kind, 3)
        );
        check(&x, kind, &text);
    }
}

#[test]
fn mentions_of_the_corpus_are_slices() {
    let x = Extractor::with_default_rules().unwrap();
    for doc in kashif::perf::corpus_documents(std::path::Path::new("corpus")) {
        check(&x, &doc.id, &doc.text);
    }
}

#[test]
fn presentation_forms_beside_expanding_characters_do_not_panic() {
    // NFKC turns `…` into three tokens sharing one original character, and
    // the ligatures ﻷ ﻹ into two letters.
    let x = Extractor::with_default_rules().unwrap();
    for text in [
        "الحرب العالمية اﻷولى … … . ( من",
        "اﻹنجليزية…النهاية",
        "…ﻷ",
        "ﻷ … ١٢٣ ﷺ ﷲ ﻻ 2015 ﺑﻜﻴﻦ",
        "x\u{FEFB}\u{2026}\u{2026}\u{FB50}\n\u{FDFA}",
    ] {
        let analysis = Analysis::new(text);
        for (i, t) in analysis.tokens().iter().enumerate() {
            assert!(
                t.start <= t.end && t.end <= text.chars().count(),
                "{text:?} token {i}"
            );
        }
        check(&x, text, text);
    }
}
