//! Windowed extraction of long documents (`src/recognize/window.rs`): a
//! document cut into windows gives exactly the output of the whole
//! document, and the document-level state (dateline, propagated names,
//! the year of the narrative, the countries the document names) reaches
//! windows far past the one it was found in.

mod common;

use std::path::Path;

use kashif::io::formats::write_jsonl;
use kashif::recognize::window::plan;
use kashif::{ExtractOptions, Extractor, Mention};

fn extractor() -> &'static Extractor {
    static X: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    X.get_or_init(|| Extractor::with_default_rules().unwrap())
}

fn extract(text: &str, window_chars: usize, base: &ExtractOptions) -> Vec<Mention> {
    let options = ExtractOptions {
        window_chars: Some(window_chars),
        ..base.clone()
    };
    extractor().extract("doc", text, &options)
}

fn jsonl(mentions: &[Mention]) -> String {
    let mut out = Vec::new();
    write_jsonl(&mut out, mentions).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_corpus_document_gives_the_same_output_in_tiny_windows() {
    let mut paths: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 27, "the corpus has its documents");
    let seed = paths
        .iter()
        .any(|p| p.ends_with("xinhua-2015-04-07-china-kazakhstan.txt"));
    assert!(seed, "the seed article is among them");
    let dated = ExtractOptions {
        reference_date: chrono::NaiveDate::from_ymd_opt(2020, 2, 29),
        ..ExtractOptions::default()
    };
    let lined = ExtractOptions {
        propagation_window: Some(3),
        ..ExtractOptions::default()
    };
    let mut windowed_documents = 0;
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        for options in [&ExtractOptions::default(), &dated, &lined] {
            let whole = jsonl(&extract(&text, usize::MAX, options));
            assert!(!whole.is_empty());
            for window in [1, 200, 1000] {
                let windowed = jsonl(&extract(&text, window, options));
                assert!(
                    windowed == whole,
                    "{}: window of {window} code points changes the output ({options:?})",
                    path.display()
                );
            }
        }
        windowed_documents += usize::from(plan(&text, 200).len() > 2);
    }
    assert!(
        windowed_documents >= 20,
        "most documents are cut: {windowed_documents}"
    );
}

/// Lines of filler that name nothing and no number, to push text into later windows.
fn filler(lines: usize) -> String {
    "وتناولت المحادثات قضايا التعاون الاقتصادي والتجاري بين البلدين خلال الفترة المقبلة.\n"
        .repeat(lines)
}

/// The window (index into `plan(text, window)`) whose core holds code point `offset`,
/// and whether its context starts after code point `after`.
fn window_of(text: &str, window: usize, offset: usize, after: usize) -> (usize, bool) {
    let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
    let spans = plan(text, window);
    let k = spans
        .iter()
        .position(|s| s.core.contains(&byte(offset)))
        .unwrap();
    (k, spans[k].context.start > byte(after))
}

#[test]
fn a_name_found_in_the_first_window_is_propagated_in_a_later_one() {
    // The bare `شي` has no cue of its own (`كان` is no person cue word,
    // `زيارة` is): only propagation from the first window can tag it.
    let text = format!(
        "بكين 7 أبريل 2015 (شينخوا) قال الرئيس الصيني شي جين بينغ إن التعاون مهم.\n{}وكان شي قد وصل إلى موسكو بعد أن وقع البلدان اتفاقا أمس.\n",
        filler(40)
    );
    let mentions = extract(&text, 200, &ExtractOptions::default());
    let source = mentions.iter().find(|m| m.text == "شي جين بينغ").unwrap();
    let later = mentions
        .iter()
        .find(|m| m.text == "شي" && m.rule == "name/propagated")
        .unwrap_or_else(|| panic!("no propagated mention: {mentions:#?}"));
    let (k, context_past_source) = window_of(&text, 200, later.start, source.end);
    assert!(k >= 2, "the bare name is in window {k}");
    assert!(context_past_source, "window {k} does not see the full name");
    // The dateline's date, read in window 0, resolves `أمس` there too.
    let yesterday = mentions.iter().find(|m| m.text == "أمس").unwrap();
    assert_eq!(yesterday.value, "2015-04-06");
    assert!(window_of(&text, 200, yesterday.start, 40).1);
    assert_eq!(
        jsonl(&mentions),
        jsonl(&extract(&text, usize::MAX, &ExtractOptions::default()))
    );
}

#[test]
fn a_media_name_a_cue_vouched_for_is_propagated_in_a_later_window() {
    // `الجزيرة` ("the island") is an organization only where a cue vouched
    // for it (`مراسل الجزيرة`): its bare mention windows later is tagged
    // through the carried propagation table.
    let text = format!(
        "وقال مراسل الجزيرة إن القصف استمر طوال الليل.\n{}وبثت الجزيرة صورا للدمار في المدينة.\n",
        filler(40)
    );
    let mentions = extract(&text, 200, &ExtractOptions::default());
    let source = mentions
        .iter()
        .find(|m| m.rule == "name/media-cued")
        .unwrap();
    let later = mentions
        .iter()
        .find(|m| m.rule == "name/media-propagated")
        .unwrap_or_else(|| panic!("no propagated media name: {mentions:#?}"));
    let (k, context_past_source) = window_of(&text, 200, later.start, source.end);
    assert!(k >= 2 && context_past_source, "window {k}");
    assert_eq!(
        jsonl(&mentions),
        jsonl(&extract(&text, usize::MAX, &ExtractOptions::default()))
    );
}

#[test]
fn the_year_of_the_narrative_and_the_countries_named_cross_windows() {
    // No dateline: a bare day takes the last year named before it, however
    // far back; an ambiguous currency the most named country, wherever named.
    let text = format!(
        "افتتح المعرض في 18 أغسطس 2006 بحضور وفود كثيرة.\n{}واختتم في 22 أغسطس ببيع سلع قيمتها 5 ملايين دينار.\n{}وزار الأردن وفد من الأردن ثم عاد إلى الأردن.\n",
        filler(40),
        filler(40)
    );
    let mentions = extract(&text, 200, &ExtractOptions::default());
    let day = mentions.iter().find(|m| m.text == "22 أغسطس").unwrap();
    assert_eq!(day.value, "2006-08-22");
    assert!(window_of(&text, 200, day.start, 60).1);
    let money = mentions
        .iter()
        .find(|m| m.label == kashif::Label::Money)
        .unwrap();
    assert_eq!(money.value["currency"], "JOD", "{money:?}");
    assert_eq!(
        jsonl(&mentions),
        jsonl(&extract(&text, usize::MAX, &ExtractOptions::default()))
    );
}

/// The corpus articles joined into one document of about `bytes` bytes.
fn long_document(bytes: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let articles: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut text = String::new();
    while text.len() < bytes {
        for a in &articles {
            text.push_str(a);
            text.push_str("\n\n");
        }
    }
    text
}

#[test]
fn extract_writes_a_long_document_in_parts_with_the_whole_document_output() {
    // About 2 MB of output: the pipeline hands it to the writer in parts.
    let text = long_document(1_200_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    std::fs::write(&path, &text).unwrap();
    let path = path.to_str().unwrap();
    let whole = extractor().extract(
        "long",
        &text,
        &ExtractOptions {
            window_chars: Some(usize::MAX),
            ..ExtractOptions::default()
        },
    );
    let expected = jsonl(&whole);
    assert!(
        expected.len() > 2 << 20,
        "{} bytes of output",
        expected.len()
    );
    for threads in ["1", "2"] {
        for window in ["3000", "100000"] {
            let out = common::kashif(&[
                "extract",
                "--threads",
                threads,
                "--window-chars",
                window,
                path,
            ]);
            assert!(out.status.success(), "{}", common::stderr(&out));
            assert!(
                out.stdout == expected.as_bytes(),
                "JSONL, window {window}, {threads} threads"
            );
        }
    }
    let csv = common::kashif(&["extract", "--format", "csv", "--window-chars", "3000", path]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert_eq!(
        csv.lines()
            .filter(|l| l.starts_with("doc,start,end"))
            .count(),
        1
    );
    assert_eq!(csv.lines().count(), whole.len() + 1);
}

#[test]
fn crlf_lines_and_presentation_forms_give_the_same_output_in_windows() {
    // CRLF line ends, and presentation forms (NFKC-expanded, other offsets
    // alignment) in some windows only.
    let crlf = long_document(60_000).replace('\n', "\r\n");
    let forms = format!(
        "ﺑﻜﻴﻦ 7 أبريل 2015 (شينخوا) ﻻ ﻷ\n{}\nوقال الرئيس ﺷﻲ جين بينغ إن ﺍﻟﺼﻴﻦ مستعدة.\n",
        long_document(60_000)
    );
    for text in [&crlf, &forms] {
        let whole = jsonl(&extract(text, usize::MAX, &ExtractOptions::default()));
        for window in [300, 5000] {
            assert!(
                jsonl(&extract(text, window, &ExtractOptions::default())) == whole,
                "window of {window} code points changes the output of {:?}…",
                text.chars().take(40).collect::<String>()
            );
        }
    }
}
