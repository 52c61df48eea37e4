//! Round trip over number words: a random number up to 10^12 is written in
//! Arabic words by the generator below (MSA, masculine counted noun,
//! nominative), with or without a currency word, or as digits with a scale
//! word; kashif must read back one mention with exactly that number.

use kashif::{ExtractOptions, Extractor, Label, Layer};
use serde_json::Value;

const UNITS: [&str; 10] = [
    "",
    "واحد",
    "اثنان",
    "ثلاثة",
    "أربعة",
    "خمسة",
    "ستة",
    "سبعة",
    "ثمانية",
    "تسعة",
];
const TEEN_UNITS: [&str; 10] = [
    "",
    "أحد",
    "اثنا",
    "ثلاثة",
    "أربعة",
    "خمسة",
    "ستة",
    "سبعة",
    "ثمانية",
    "تسعة",
];
const TENS: [&str; 10] = [
    "",
    "عشرة",
    "عشرون",
    "ثلاثون",
    "أربعون",
    "خمسون",
    "ستون",
    "سبعون",
    "ثمانون",
    "تسعون",
];
const HUNDREDS: [&str; 10] = [
    "",
    "مائة",
    "مئتان",
    "ثلاثمائة",
    "أربعمائة",
    "خمسمائة",
    "ستمائة",
    "سبعمائة",
    "ثمانمائة",
    "تسعمائة",
];
/// Scale words: value, singular, dual, plural (3 to 10).
const SCALES: [(u64, &str, &str, &str); 3] = [
    (1_000_000_000, "مليار", "ملياران", "مليارات"),
    (1_000_000, "مليون", "مليونان", "ملايين"),
    (1_000, "ألف", "ألفان", "آلاف"),
];

/// 1..=999 in words; `construct`: before a scale word (مئتا ألف).
fn group(n: u64, construct: bool) -> String {
    let (h, rest) = (n / 100, n % 100);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(if h == 2 && rest == 0 && construct {
            "مئتا".to_string()
        } else {
            HUNDREDS[h as usize].to_string()
        });
    }
    if rest > 0 {
        let (t, u) = (rest / 10, rest % 10);
        parts.push(match (t, u) {
            (0, u) => UNITS[u as usize].to_string(),
            (1, 0) => TENS[1].to_string(),
            (1, u) => format!("{} عشر", TEEN_UNITS[u as usize]),
            (t, 0) => TENS[t as usize].to_string(),
            (t, u) => format!("{} و{}", UNITS[u as usize], TENS[t as usize]),
        });
    }
    parts.join(" و")
}

/// 1..=10^12 in words.
fn words(n: u64) -> String {
    if n == 1_000_000_000_000 {
        return "تريليون".to_string();
    }
    let mut parts = Vec::new();
    let mut rest = n;
    for (value, one, two, plural) in SCALES {
        let g = rest / value;
        rest %= value;
        parts.push(match g {
            0 => continue,
            1 => one.to_string(),
            2 => two.to_string(),
            3..=10 => format!("{} {plural}", group(g, true)),
            _ => format!("{} {one}", group(g, true)),
        });
    }
    if rest > 0 {
        parts.push(group(rest, false));
    }
    parts.join(" و")
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number with a random count of digits, so small and large numbers
    /// are equally likely, in 1..=10^12.
    fn number(&mut self) -> u64 {
        let digits = 1 + self.next() % 12;
        let n = self.next() % 10u64.pow(digits as u32);
        n.max(1)
    }
}

#[test]
fn generator_writes_the_grammar() {
    assert_eq!(words(3_500_000_000), "ثلاثة مليارات وخمسمائة مليون");
    assert_eq!(words(2_021), "ألفان وواحد وعشرون");
    assert_eq!(words(200_000), "مئتا ألف");
    assert_eq!(words(15_300), "خمسة عشر ألف وثلاثمائة");
    assert_eq!(words(12), "اثنا عشر");
}

#[test]
fn ten_thousand_numbers_round_trip_through_words() {
    let extractor = Extractor::with_default_rules().expect("default rules");
    let options = ExtractOptions::default();
    let mut rng = Rng(0x6b61_7368_6966);
    let mut failures = Vec::new();
    for k in 0..10_000 {
        let n = if k == 0 {
            1_000_000_000_000
        } else {
            rng.number()
        };
        // Three forms: words alone, words with a currency, digits + scale.
        let (phrase, label) = match k % 3 {
            0 => (words(n), Label::Cardinal),
            1 => (format!("{} دولار", words(n)), Label::Money),
            _ => {
                let (value, one, _, _) = SCALES[k / 3 % 3];
                if n % value != 0 || n / value < 11 {
                    (words(n), Label::Cardinal)
                } else {
                    (format!("{} {one}", n / value), Label::Cardinal)
                }
            }
        };
        let text = format!("وبلغ الرقم {phrase} في نهاية الفترة.");
        let got: Vec<_> = extractor
            .extract("roundtrip", &text, &options)
            .into_iter()
            .filter(|m| m.layer() == Layer::Numeric)
            .collect();
        let value = |m: &kashif::Mention| -> Option<u64> {
            match m.label {
                Label::Money => m.value.get("amount").and_then(Value::as_u64),
                _ => m.value.as_u64(),
            }
        };
        let ok = got.len() == 1
            && got[0].label == label
            && got[0].text == phrase
            && value(&got[0]) == Some(n);
        if !ok && failures.len() < 20 {
            let shown: Vec<_> = got
                .iter()
                .map(|m| format!("{} `{}` {}", m.label, m.text, m.value))
                .collect();
            failures.push(format!("{n}: `{phrase}` -> {shown:?}"));
        } else if !ok {
            failures.push(String::new());
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 10000 numbers do not round-trip; first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .filter(|f| !f.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
