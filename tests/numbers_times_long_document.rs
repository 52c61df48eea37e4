//! A clock time with no date takes the day its sentence fixes (nearest
//! DATE before it, else after it, never across a sentence end), also in a
//! long document where the days and times of every paragraph are looked up
//! by position (`dates/times.rs`): each repeated paragraph resolves the
//! same way as the paragraph alone, from its own days, not a far one.

use kashif::{ExtractOptions, Extractor};

/// One paragraph: a day then a time in one sentence, a time alone in its
/// sentence, a time then a day in one sentence.
fn paragraph(day: u32) -> String {
    format!(
        "وقال يوم {day} مايو 2015 إن الوفد سيعود بعد الساعة 17:45 حسب الخطة. \
         وفي الساعة 8:10 غادر الوفد. ووصل الرئيس في الساعة 9:15 يوم {} مايو 2015.\n",
        day + 1
    )
}

/// (text, value) of every TIME mention.
fn times(x: &Extractor, text: &str) -> Vec<(String, String)> {
    x.extract("doc", text, &ExtractOptions::default())
        .into_iter()
        .filter(|m| m.label.to_string() == "TIME")
        .map(|m| (m.text.clone(), m.value.as_str().unwrap_or("").to_string()))
        .collect()
}

#[test]
fn every_paragraph_takes_its_own_days() {
    let x = Extractor::with_default_rules().unwrap();
    let alone = times(&x, &paragraph(3));
    assert_eq!(
        alone,
        vec![
            ("الساعة 17:45".to_string(), "2015-05-03T17:45".to_string()),
            ("الساعة 8:10".to_string(), "T08:10".to_string()),
            ("الساعة 9:15".to_string(), "2015-05-04T09:15".to_string()),
        ]
    );
    let days: Vec<u32> = (1..=27).cycle().take(300).collect();
    let text: String = days.iter().map(|&d| paragraph(d)).collect();
    let all = times(&x, &text);
    assert_eq!(all.len(), 3 * days.len());
    for (n, &d) in days.iter().enumerate() {
        let expected = times(&x, &paragraph(d));
        assert_eq!(
            all[3 * n..3 * n + 3],
            expected[..],
            "paragraph {n} (day {d})"
        );
    }
}
