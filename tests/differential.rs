//! The fast scanner must produce exactly the tokens (offsets and normalized
//! text) of the reference pipeline built on the `tokenizers` crate: code
//! point and byte offsets, kind, light and key forms, sentence and glue.

use kashif::text::{reference, scan, Analysis, TokenKind};
use proptest::prelude::*;

type Row = (
    (usize, usize),
    (usize, usize),
    TokenKind,
    String,
    String,
    usize,
    bool,
);

fn tokens(a: &Analysis<'_>) -> Vec<Row> {
    (0..a.len())
        .map(|i| {
            let t = a.tokens()[i];
            (
                (t.start, t.end),
                (t.byte_start, t.byte_end),
                t.kind,
                a.light(i).to_string(),
                a.key(i).to_string(),
                t.sentence,
                t.glued,
            )
        })
        .collect()
}

fn assert_same(text: &str) {
    let fast = Analysis::new(text);
    let nfkc = kashif::text::normalize::needs_nfkc(text);
    let slow = reference::analyze(text, nfkc).expect("reference pipeline");
    assert_eq!(
        tokens(&fast),
        tokens(&slow),
        "fast scanner differs from reference on {text:?}"
    );
}

#[test]
fn corpus_articles_tokenize_identically() {
    for entry in std::fs::read_dir("corpus").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            assert_same(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn anercorp_text_tokenizes_identically() {
    let path = "../shared/data/anercorp/train.txt";
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("{path}: shared data is missing ({e}); it must sit beside the repository (../shared), as in CI")
    });
    // Rebuild sentences as lines of space-joined tokens, in chunks.
    let mut text = String::new();
    for line in raw.lines() {
        match line.rsplit_once(' ') {
            Some((token, _tag)) => {
                text.push_str(token);
                text.push(' ');
            }
            None => text.push('\n'),
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for chunk in chars.chunks(50_000) {
        let s: String = chunk.iter().collect();
        assert_same(&s);
    }
}

#[test]
fn tricky_strings_tokenize_identically() {
    for s in [
        "",
        " ",
        "قالَ",
        "ـــقال",
        "بـ15 الـ21 و2015 ل2020",
        "٣٤٫٣ ١٢٬٥٠٠ 1,250 2023/2024 10:30 03/05/2020 2020-05-03 12020-05-03 2020-123-4",
        "\u{200F}بكين\u{200E} \u{00A0}موسكو\u{200C}x 😀👍🏽",
        "a\u{0301}b Ünïcödé",
        "«الحزام والطريق» (بتروتشاينا)، شينخوا؛ لماذا؟",
        "3.5. 4,5 مليار 1.2.3 1..2",
        "line1\r\nline2\n\nline3",
        "مدرسةٌ على مصرى ىة ة ى",
        "\u{064E}\u{200F}بكين\u{0651}\u{200E}. \u{0640}\n\u{200C}٣\u{0651}٤، 7\u{0640}5",
        "2015-04-07 2015-4-7 ٢٠١٥-٠٤-٠٧ 2015-04-0 2015-04- 2015--07 20150-04-07",
        "1.2.3.4.5,6:7/8 1. .1 1.. ٫١ 1٫ 12,",
        "ABC123def ἀλφα Привет 中文 \u{10FFFF} \t\u{000B}\u{000C}\u{0085}\u{2028}x",
    ] {
        assert_same(s);
    }
}

#[test]
fn presentation_forms_match_the_nfkc_reference() {
    // The scanner expands presentation forms character by character; the
    // reference applies NFKC to the whole text. On Arabic text they agree.
    for s in [
        "\u{FEFB}",
        "\u{FDF2} \u{FEFB}بكين",
        "\u{FEDF}\u{FEE8}\u{FEA0}\u{FE8E}\u{FEE5} 3 \u{FEF5}",
        "قال \u{FDFA} ثم",
        "\u{FE8D}\u{FEDF}\u{FEBC}\u{FEF4}\u{FEE6}، 2015",
    ] {
        let fast = Analysis::new(s);
        let slow = reference::analyze(s, true).expect("reference pipeline");
        assert_eq!(
            tokens(&fast),
            tokens(&slow),
            "expanding scanner differs from NFKC reference on {s:?}"
        );
    }
}

fn arabic_mix() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "ب", "ك", "ي", "ن", "ال", "و", "ل", "ة", "ى", "أ", "إ", "آ", "ٱ", "\u{064E}", "\u{0651}",
        "\u{0670}", "ـ", "0", "7", "٣", "٫", "٬", "۵", "۰", ".", ",", ":", "/", "-", " ", "\n",
        "\r\n", "\u{200E}", "\u{200F}", "\u{200C}", "\u{00A0}", "😀", "%", "٪", "،", "؟", "(", "«",
        "a", "Z", "\u{FEFF}", "\u{0301}", "\u{200D}", "\u{200B}", "\t", "\r", "👍🏽", "x1", "ک", "ی",
        "\u{2028}", "…", "؟", "!",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn random_strings_tokenize_identically(s in arabic_mix()) {
        let fast = scan(&s);
        let slow = reference::analyze(&s, false).unwrap();
        prop_assert_eq!(tokens(&fast), tokens(&slow));
    }

    #[test]
    fn arbitrary_unicode_tokenizes_identically(s in "\\PC{0,80}") {
        prop_assume!(!kashif::text::normalize::needs_nfkc(&s));
        let fast = scan(&s);
        let slow = reference::analyze(&s, false).unwrap();
        prop_assert_eq!(tokens(&fast), tokens(&slow));
    }

    #[test]
    fn arabic_block_tokenizes_identically(
        s in prop::collection::vec(
            prop_oneof![
                4 => (0x0600u32..0x0700).prop_map(|c| char::from_u32(c).unwrap()),
                1 => prop::sample::select(vec![' ', '\n', '0', '9', '.', ',', '-', '/', ':', 'x']),
            ],
            0..80,
        ).prop_map(|v| v.into_iter().collect::<String>())
    ) {
        let fast = scan(&s);
        let slow = reference::analyze(&s, false).unwrap();
        prop_assert_eq!(tokens(&fast), tokens(&slow));
    }
}
