//! Table-driven tokenizer and clitic cases. Each case names where it comes
//! from (issue examples, the seed article, news usage) and lists the expected
//! tokens as `surface@start` (code point offset into the input).

use kashif::text::clitics::{clitic_splits, is_proclitic, stem_start};
use kashif::text::{scan, Analysis, TokenKind};

fn render(a: &Analysis<'_>) -> Vec<String> {
    (0..a.len())
        .map(|i| format!("{}@{}", a.surface(i), a.tokens()[i].start))
        .collect()
}

/// (case id, input, expected tokens)
const TOKEN_CASES: &[(&str, &str, &[&str])] = &[
    ("t01 decimal", "28.6 مليار", &["28.6@0", "مليار@5"]),
    ("t02 arabic-indic decimal", "٣٤٫٣", &["٣٤٫٣@0"]),
    ("t03 thousands comma", "1,250 شخصا", &["1,250@0", "شخصا@6"]),
    ("t04 arabic thousands", "١٢٬٥٠٠ طن", &["١٢٬٥٠٠@0", "طن@7"]),
    ("t05 fiscal year", "2023/2024", &["2023/2024@0"]),
    ("t06 clock", "الساعة 10:30", &["الساعة@0", "10:30@7"]),
    ("t07 numeric date", "03/05/2020", &["03/05/2020@0"]),
    ("t08 iso date", "2020-05-03", &["2020-05-03@0"]),
    (
        "t09 arabic comma glued",
        "الصين، روسيا",
        &["الصين@0", "،@5", "روسيا@7"],
    ),
    ("t10 semicolon", "قال؛ ثم", &["قال@0", "؛@3", "ثم@5"]),
    ("t11 question mark", "لماذا؟", &["لماذا@0", "؟@5"]),
    ("t12 guillemets", "«الحزام»", &["«@0", "الحزام@1", "»@7"]),
    (
        "t13 straight quotes",
        "\"الحزام والطريق\"",
        &["\"@0", "الحزام@1", "والطريق@8", "\"@15"],
    ),
    ("t14 brackets", "(شينخوا)", &["(@0", "شينخوا@1", ")@7"]),
    (
        "t15 hyphen spaced",
        "الصيني - القازاقي",
        &["الصيني@0", "-@7", "القازاقي@9"],
    ),
    (
        "t16 en dash glued",
        "بكين–موسكو",
        &["بكين@0", "–@4", "موسكو@5"],
    ),
    (
        "t17 clitic digits tatweel",
        "بـ15 ضعفا",
        &["ب@0", "15@2", "ضعفا@5"],
    ),
    ("t18 conj digits", "و2015", &["و@0", "2015@1"]),
    ("t19 lam digits", "ل2020", &["ل@0", "2020@1"]),
    (
        "t20 article tatweel ordinal",
        "للقرن الـ21",
        &["للقرن@0", "ال@6", "21@9"],
    ),
    ("t21 article space ordinal", "الـ 21", &["ال@0", "21@4"]),
    ("t22 percent glued", "12%", &["12@0", "%@2"]),
    ("t23 arabic percent", "١٢٪", &["١٢@0", "٪@2"]),
    ("t24 dollar sign", "$40", &["$@0", "40@1"]),
    (
        "t25 tashkeel inside word",
        "قَالَ الرَّئِيسُ",
        &["قَال@0", "الرَّئِيس@6"],
    ),
    ("t26 tatweel inside word", "بكـــين", &["بكـــين@0"]),
    ("t27 final period", "قازاقستان.", &["قازاقستان@0", ".@9"]),
    ("t28 persian digits", "۱۴۰۲", &["۱۴۰۲@0"]),
    ("t29 rtl marks around", "\u{200F}بكين\u{200E}", &["بكين@1"]),
    (
        "t30 zwnj inside word",
        "می\u{200C}خواهم",
        &["می\u{200C}خواهم@0"],
    ),
    ("t31 nbsp separates", "7\u{00A0}أبريل", &["7@0", "أبريل@2"]),
    ("t32 emoji", "رائع😀", &["رائع@0", "😀@4"]),
    ("t33 latin mixed", "G20 قمة", &["G@0", "20@1", "قمة@4"]),
    ("t34 number then letter", "2015م", &["2015@0", "م@4"]),
    ("t35 sign", "-5 درجات", &["-@0", "5@1", "درجات@3"]),
    ("t36 trailing separator", "3.5.", &["3.5@0", ".@3"]),
    ("t37 crlf", "سطر\r\nسطر", &["سطر@0", "سطر@5"]),
    (
        "t38 seed dateline",
        "بكين 7 أبريل 2015 (شينخوا)",
        &[
            "بكين@0",
            "7@5",
            "أبريل@7",
            "2015@13",
            "(@18",
            "شينخوا@19",
            ")@25",
        ],
    ),
    ("t39 ellipsis", "إلخ…", &["إلخ@0", "…@3"]),
    (
        "t40 slash words",
        "أكتوبر/تشرين",
        &["أكتوبر@0", "/@6", "تشرين@7"],
    ),
    ("t41 colon text", "ملاحظة: نعم", &["ملاحظة@0", ":@6", "نعم@8"]),
    (
        "t42 comma decimal before scale",
        "4,5 مليار",
        &["4,5@0", "مليار@4"],
    ),
    ("t43 empty", "", &[]),
    ("t44 only spaces", " \t\n ", &[]),
    (
        "t45 presentation forms (NFKC path)",
        "\u{FEFB} \u{FDF2}",
        &["\u{FEFB}@0", "\u{FDF2}@2"],
    ),
];

#[test]
fn token_cases() {
    let mut failures = Vec::new();
    for (id, input, expected) in TOKEN_CASES {
        let got = render(&Analysis::new(input));
        if got != *expected {
            failures.push(format!(
                "{id}: input {input:?}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} token cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn normalized_views() {
    let a = scan("أبريل ٣٤٫٣ الرَّئِيسُ مصرى روسية");
    let keys: Vec<&str> = (0..a.len()).map(|i| a.key(i)).collect();
    assert_eq!(keys, ["ابريل", "34.3", "الرئيس", "مصري", "روسيه"]);
    assert_eq!(a.light(3), "مصرى", "light keeps alef maqsura");
    assert_eq!(a.tokens()[1].kind, TokenKind::Number);
    // NFKC path: the lam-alef ligature is looked up as two letters.
    let b = Analysis::new("\u{FEFB}");
    assert_eq!(b.key(0), "لا");
}

#[test]
fn sentences_split_at_stops_and_line_breaks() {
    let a = scan("جملة أولى. جملة ثانية؟ ثالثة\nرابعة 3.5 خامسة");
    let sentences: Vec<String> = a
        .sentences()
        .iter()
        .map(|r| {
            r.clone()
                .map(|i| a.surface(i))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(
        sentences,
        ["جملة أولى .", "جملة ثانية ؟", "ثالثة", "رابعة 3.5 خامسة"]
    );
}

/// (case id, word, expected candidate splits as `proclitic+stem_key@stem_start`)
const CLITIC_CASES: &[(&str, &str, &[&str])] = &[
    ("c01 conj + name", "وروسيا", &["و+روسيا@1"]),
    ("c02 lam + article", "للصين", &["ل+لصين@1", "ل+الصين@1"]),
    ("c03 whole word with clitic letter", "لبنان", &["ل+بنان@1"]),
    ("c04 beijing", "بكين", &["ب+كين@1"]),
    (
        "c05 wa + bi + article",
        "وبالصين",
        &["و+بالصين@1", "وب+الصين@2"],
    ),
    (
        "c06 wa + lam + article",
        "وللصين",
        &["و+للصين@1", "ول+لصين@2", "ول+الصين@2"],
    ),
    ("c07 fa + article", "فالحكومة", &["ف+الحكومه@1"]),
    ("c08 ka", "كمحطة", &["ك+محطه@1"]),
    ("c09 bi + article", "بالصين", &["ب+الصين@1"]),
    ("c10 vowelled clitic", "وَروسيا", &["و+روسيا@2"]),
    ("c11 too short stem", "وب", &[]),
    ("c12 no clitic letter", "قازاقستان", &[]),
    ("c13 fa + bi", "فبكين", &["ف+بكين@1", "فب+كين@2"]),
    ("c14 wa + ka", "وكأن", &["و+كان@1", "وك+ان@2"]),
    ("c15 lam alone + noun", "لقازاقستان", &["ل+قازاقستان@1"]),
];

#[test]
fn clitic_cases() {
    let mut failures = Vec::new();
    for (id, word, expected) in CLITIC_CASES {
        let a = scan(word);
        let got: Vec<String> = clitic_splits(a.key(0))
            .iter()
            .map(|s| {
                format!(
                    "{}+{}@{}",
                    s.proclitic,
                    s.stem_key,
                    stem_start(&a, 0, s).unwrap()
                )
            })
            .collect();
        if got != *expected {
            failures.push(format!(
                "{id}: {word}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} clitic cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn proclitic_words_before_digits() {
    for (word, expected) in [
        ("و", true),
        ("ب", true),
        ("وب", true),
        ("ال", false),
        ("في", false),
    ] {
        assert_eq!(is_proclitic(word), expected, "{word}");
    }
}
