//! Property tests over arbitrary strings mixing Arabic letters, tashkeel,
//! tatweel, digits of three scripts, bidi marks, ZWNJ, NBSP and emoji:
//! tokenization and extraction never panic, and every token and mention
//! satisfies `text == original[start..end]` in code points.

use kashif::text::clitics::{clitic_splits, stem_start};
use kashif::text::Analysis;
use kashif::{ExtractOptions, Extractor};
use proptest::prelude::*;

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

fn mixed_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "بكين",
        "الصين",
        "و",
        "ل",
        "لل",
        "ب",
        "ال",
        "ـ",
        "\u{064E}",
        "\u{0651}",
        "\u{0670}",
        "أبريل",
        "مليار",
        "دولار",
        "عام",
        "الرئيس",
        "شي",
        "وزارة",
        "نحو",
        "أكثر من",
        "%",
        "٪",
        "0",
        "15",
        "٣",
        "٫",
        "٬",
        "۵",
        "2015",
        "28.6",
        " ",
        " ",
        "\n",
        "\r\n",
        "\u{200E}",
        "\u{200F}",
        "\u{200C}",
        "\u{00A0}",
        "😀",
        "،",
        "(",
        ")",
        "\"",
        "-",
        "/",
        ":",
        ".",
        "x",
        "\u{FEFB}",
        "\u{FEFF}",
        "ة",
        "ى",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn tokens_and_clitic_stems_keep_offsets(text in mixed_text()) {
        let a = Analysis::new(&text);
        let n = text.chars().count();
        for i in 0..a.len() {
            let t = a.tokens()[i];
            prop_assert!(t.start < t.end && t.end <= n);
            prop_assert_eq!(a.surface(i).to_string(), slice(&text, t.start, t.end));
            for split in clitic_splits(a.key(i)) {
                if let Some(s) = stem_start(&a, i, &split) {
                    prop_assert!(t.start < s && s < t.end, "stem start inside the token");
                }
            }
        }
    }

    #[test]
    fn mentions_keep_offsets(text in mixed_text()) {
        let extractor = extractor();
        let mentions = extractor.extract("p", &text, &ExtractOptions::default());
        for m in &mentions {
            prop_assert!(m.start < m.end);
            prop_assert_eq!(&m.text, &slice(&text, m.start, m.end), "{:?}", m);
        }
        for layer in [kashif::Layer::Names, kashif::Layer::Numeric] {
            let spans: Vec<_> = mentions.iter().filter(|m| m.layer() == layer).collect();
            for w in spans.windows(2) {
                prop_assert!(w[0].end <= w[1].start, "no overlap within a layer: {:?} {:?}", w[0], w[1]);
            }
        }
    }
}

fn extractor() -> &'static Extractor {
    static EXTRACTOR: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::with_default_rules().expect("default rules compile"))
}
