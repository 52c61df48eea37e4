//! Propagation of names to their later bare mentions: it never tags a
//! one-letter word, never reaches back before the mention it comes from,
//! stays inside its document, and with a window stays within that many
//! lines. Sentences are written for this test.

use kashif::{ExtractOptions, Extractor, Label, Mention};

fn persons(mentions: &[Mention]) -> Vec<(usize, String)> {
    mentions
        .iter()
        .filter(|m| m.label == Label::Person)
        .map(|m| (m.start, m.text.clone()))
        .collect()
}

fn extract(text: &str, window: Option<usize>) -> Vec<Mention> {
    let x = Extractor::with_default_rules().unwrap();
    let options = ExtractOptions {
        propagation_window: window,
        ..ExtractOptions::default()
    };
    x.extract("t", text, &options)
}

/// The char offset of the `n`-th (0-based) occurrence of `needle`.
fn nth_offset(text: &str, needle: &str, n: usize) -> usize {
    let byte = text.match_indices(needle).nth(n).unwrap().0;
    text[..byte].chars().count()
}

#[test]
fn a_one_letter_word_after_a_title_is_no_person_and_is_not_propagated() {
    // A clitic pronoun written apart after a title, then many more of them.
    let text = "وقال الرئيس ه إن الوفد وصل . ثم التقى ه الوزير و ه المدير في ه المكتب .";
    let found = persons(&extract(text, None));
    assert!(
        found.iter().all(|(_, t)| t.chars().count() > 1),
        "one-letter persons: {found:?}"
    );
}

#[test]
fn a_name_is_propagated_forward_only() {
    // The first mention follows no verb (after a verb, with the later
    // `وأضاف دوبرانكو`, it would be found as a repeated subject).
    let text = "ووصل موكب دوبرانكو إلى المدينة مساء أمس .\nوقال الرئيس الفرنسي إيمانويل دوبرانكو إن الزيارة مهمة .\nوأضاف دوبرانكو أن البلدين شريكان .";
    let found = persons(&extract(text, None));
    let first = nth_offset(text, "دوبرانكو", 0);
    let last = nth_offset(text, "دوبرانكو", 2);
    assert!(
        found.iter().any(|(s, t)| *s == last && t == "دوبرانكو"),
        "the later bare mention is tagged: {found:?}"
    );
    assert!(
        !found.iter().any(|(s, _)| *s == first),
        "the mention before the full name is not reached back to: {found:?}"
    );
}

#[test]
fn propagation_stays_in_its_document() {
    let x = Extractor::with_default_rules().unwrap();
    let options = ExtractOptions::default();
    let one = "وقال الرئيس الفرنسي إيمانويل دوبرانكو إن الزيارة مهمة .";
    let two = "ووصل دوبرانكو إلى المدينة مساء أمس .";
    let found_one = persons(&x.extract("one", one, &options));
    let found_two = persons(&x.extract("two", two, &options));
    assert_eq!(found_one.len(), 1, "{found_one:?}");
    assert!(found_two.is_empty(), "{found_two:?}");
}

#[test]
fn a_window_limits_propagation_to_the_next_lines() {
    let filler = "وتواصلت الأمطار في المنطقة طوال اليوم .\n".repeat(5);
    // The far mention has no cue of its own (`كان`, unlike `غادر`, is no
    // person cue word): only propagation could tag it.
    let text = format!(
        "وقال الرئيس الفرنسي إيمانويل دوبرانكو إن الزيارة مهمة .\nوأكد دوبرانكو ذلك .\n{filler}وكان دوبرانكو في المدينة ."
    );
    let near = nth_offset(&text, "دوبرانكو", 1);
    let far = nth_offset(&text, "دوبرانكو", 2);
    let windowed = persons(&extract(&text, Some(2)));
    assert!(windowed.iter().any(|(s, _)| *s == near), "{windowed:?}");
    assert!(!windowed.iter().any(|(s, _)| *s == far), "{windowed:?}");
    let whole = persons(&extract(&text, None));
    assert!(whole.iter().any(|(s, _)| *s == far), "{whole:?}");
}

/// GPE mentions as (start, text, rule).
fn places(mentions: &[Mention]) -> Vec<(usize, String, String)> {
    mentions
        .iter()
        .filter(|m| m.label == Label::Gpe)
        .map(|m| (m.start, m.text.clone(), m.rule.as_str().to_string()))
        .collect()
}

#[test]
fn a_place_found_after_its_head_is_propagated_forward_only() {
    // An unknown village: bare before its head, after it `قرية` vouches for it.
    let text = "زار الوفد كفرتمرين صباحا .\nوولد الشاعر في قرية كفرتمرين عام 1950 .\nوغادر كفرتمرين إلى المدينة شابا ثم عاد لكفرتمرين .";
    let found = places(&extract(text, None));
    let at = |n: usize| nth_offset(text, "كفرتمرين", n);
    assert!(
        found
            .iter()
            .any(|(s, t, r)| *s == at(1) && t == "كفرتمرين" && r == "name/place-head"),
        "the head finds the place: {found:?}"
    );
    for n in [2, 3] {
        assert!(
            found
                .iter()
                .any(|(s, t, r)| *s == at(n) && t == "كفرتمرين" && r == "name/propagated"),
            "later mention {n} is propagated: {found:?}"
        );
    }
    assert!(
        !found.iter().any(|(s, _, _)| *s == at(0)),
        "the mention before the head is not reached back to: {found:?}"
    );
}

#[test]
fn an_ordinary_word_after_a_place_head_is_not_propagated() {
    // `منطقة حدودية` is no name, so `حدودية` later is not one either.
    let text = "انتشرت القوات في منطقة حدودية .\nوقالت إن المعابر حدودية وضيقة .";
    let found = places(&extract(text, None));
    assert!(found.is_empty(), "no place: {found:?}");
}

#[test]
fn a_place_defined_or_found_after_its_head_reaches_past_the_window() {
    // A person reaches only the window's lines; a place that a definition
    // or a place head vouches for reaches its later mentions in the whole
    // document (an article names its village throughout).
    let filler = "وتواصلت الأمطار في المنطقة طوال اليوم .\n".repeat(5);
    for (text, name) in [
        (
            format!(
                "كفرتمرين هي قرية صغيرة في شمال البلاد .\n{filler}ويعمل أهل كفرتمرين في الزراعة ."
            ),
            "كفرتمرين",
        ),
        (
            format!("ولد الشاعر في قرية دويرطان عام 1950 .\n{filler}وعاد إلى دويرطان شابا ."),
            "دويرطان",
        ),
    ] {
        let far = nth_offset(&text, name, 1);
        let windowed = places(&extract(&text, Some(2)));
        assert!(
            windowed
                .iter()
                .any(|(s, t, r)| *s == far && t == name && r == "name/propagated"),
            "{name}: {windowed:?}"
        );
    }
}

#[test]
fn a_cued_media_name_reaches_past_the_window_and_keeps_its_own_tests() {
    // The media name a cue vouched for is propagated like the other
    // sources, under its own rule, to the whole document: not before its
    // source, not before a definite word (an ordinary phrase there).
    let filler = "وتواصلت الأمطار في المنطقة طوال اليوم .\n".repeat(5);
    let text = format!(
        "وبثت الجزيرة صورا للدمار .\nوقال مراسل الجزيرة إن القصف استمر .\n{filler}وزار الوفد الجزيرة الصغيرة .\nوبثت الجزيرة صورا للدمار ."
    );
    let media: Vec<(usize, String)> = extract(&text, Some(2))
        .into_iter()
        .filter(|m| m.rule == "name/media-propagated")
        .map(|m| (m.start, m.text))
        .collect();
    assert_eq!(
        media,
        vec![(nth_offset(&text, "الجزيرة", 3), "الجزيرة".into())]
    );
}
