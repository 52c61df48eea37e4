//! The numeric layer never panics, keeps offsets exact, and stays linear on
//! pathological input.

use kashif::{ExtractOptions, Extractor, Label};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "ثلاثة",
    "و",
    "عشرون",
    "ألف",
    "آلاف",
    "مليون",
    "ونصف",
    "نصف",
    "ربع",
    "خمس",
    "من",
    "على",
    "إلى",
    "بين",
    "أكثر",
    "أقل",
    "دولار",
    "ريال",
    "طن",
    "يوم",
    "يومين",
    "عام",
    "العام",
    "الماضي",
    "الساعة",
    "صباحا",
    "الخميس",
    "أبريل",
    "مارس",
    "شهر",
    "كانون",
    "الثاني",
    "ال",
    "الـ",
    "بـ",
    "الأول",
    "الحادي",
    "عشر",
    "والعشرون",
    "في",
    "المائة",
    "%",
    "٪",
    "$",
    "-",
    ".",
    "/",
    ":",
    "،",
    "(",
    ")",
    "15",
    "2015",
    "٣٫٥",
    "1,250",
    "10:30",
    "03/05/2020",
    "2020-05-03",
    "2023/2024",
    "هـ",
    "م",
    "فاصلة",
    "تحت",
    "الصفر",
    "نحو",
    "ما",
    "يقرب",
    "سالب",
    "عشرات",
    "الآلاف",
    "قبل",
    "أسبوع",
    "هذا",
    "الليلة",
    "من",
    "\n",
    " ",
    "ـ",
    "بكين",
    "(شينخوا)",
    "http://x.y/10%",
    "الربع",
    "النصف",
    "يوليو",
    "13-15",
];

fn extractor() -> &'static Extractor {
    static X: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    X.get_or_init(|| Extractor::with_default_rules().unwrap())
}

fn check(text: &str) {
    let ms = extractor().extract("fuzz", text, &ExtractOptions::default());
    let chars: Vec<char> = text.chars().collect();
    for m in &ms {
        assert!(m.start < m.end && m.end <= chars.len(), "bad span {m:?}");
        let slice: String = chars[m.start..m.end].iter().collect();
        assert_eq!(slice, m.text, "text differs from slice in {text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]
    #[test]
    fn random_numeric_soup_is_safe(parts in proptest::collection::vec((0..PIECES.len(), any::<bool>()), 0..14)) {
        let mut text = String::new();
        for (k, glue) in parts {
            if !glue && !text.is_empty() {
                text.push(' ');
            }
            text.push_str(PIECES[k]);
        }
        check(&text);
    }

    // Presentation forms (U+FB50–FDFF, U+FE70–FEFE) go through the text
    // layer's NFKC path, which is outside this module's tests.
    #[test]
    fn arbitrary_text_is_safe(text in "[^\\p{C}\u{FB50}-\u{FDFF}\u{FE70}-\u{FEFE}]{0,40}") {
        check(&text);
    }
}

/// A sign word before a spaced dash once made `number` read the word, the
/// dash, and the word again until the stack overflowed (found by
/// `random_numeric_soup_is_safe`). The dash after a sign word is no second
/// sign: the number after it is read on its own.
#[test]
fn a_sign_word_before_a_spaced_dash_is_read_once() {
    for text in ["سالب - 15", "درجة الحرارة سالب - 3 اليوم", "سالب -"] {
        let ms = extractor().extract("sign", text, &ExtractOptions::default());
        check(text);
        if text.contains("15") {
            let values: Vec<String> = ms
                .iter()
                .filter(|m| m.label == Label::Cardinal)
                .map(|m| format!("{}={}", m.text, m.value))
                .collect();
            assert_eq!(values, ["15=15"], "{text}");
        }
    }
}

/// Long runs give every expression in them once (their speed is measured
/// by the `adversarial` benches, not here).
#[test]
fn long_runs_are_read_whole() {
    let extractor = Extractor::with_default_rules().unwrap();
    let cases = [
        // 100,000 digits are no number anyone wrote: nothing, not garbage.
        ("7".repeat(100_000), "number/digits", 0),
        ("ثلاثة و".repeat(10_000), "number/words", 10_000),
        (
            "15 إلى 20 مليار دولار و ".repeat(5_000),
            "money/range",
            5_000,
        ),
    ];
    for (text, rule, expected) in cases {
        let mentions = extractor.extract("long", &text, &ExtractOptions::default());
        let found = mentions.iter().filter(|m| m.rule == rule).count();
        assert_eq!(found, expected, "{rule} mentions in a long run");
        if expected == 0 {
            assert!(mentions.is_empty(), "{mentions:?}");
        }
        for m in &mentions {
            let slice: String = text.chars().skip(m.start).take(m.end - m.start).collect();
            assert_eq!(slice, m.text, "{m:?}");
        }
    }
}
