//! Clitic analysis: candidate splits of a word into proclitics
//! (و ف ب ك ل and their combinations) and a stem, each stem with its own
//! original offset. These are *candidates*: `بكين` yields `ب`+`كين` too, and the
//! recognizers choose with lexicon evidence (the whole word `بكين` is in the
//! gazetteer, `كين` is not). When `ل` meets the article (`للصين`) the stem is
//! `لصين` in the text and is looked up as `الصين` (annotation rule 1).

use std::borrow::Cow;

use super::tokenize::Analysis;

/// Proclitic sequences, on key-normalized text, longest first.
pub const PROCLITICS: &[&str] = &["وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ك", "ل"];

/// Minimum stem length (in characters) for a split to be offered.
pub const MIN_STEM_CHARS: usize = 2;

const _: () = assert!(MIN_STEM_CHARS >= 1);

/// One candidate split of a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliticSplit<'a> {
    /// The proclitic letters removed (key form), e.g. `و`, `وب`.
    pub proclitic: &'static str,
    /// How many normalized characters the proclitic covers.
    pub prefix_chars: usize,
    /// The stem's lookup key (`الصين` for `للصين`).
    pub stem_key: Cow<'a, str>,
}

/// Candidate proclitic splits of a key-normalized word, shortest proclitic
/// first. The whole word itself is not included.
pub fn clitic_splits(key: &str) -> Vec<CliticSplit<'_>> {
    clitic_splits_iter(key).collect()
}

/// [`clitic_splits`] without the `Vec`: for hot loops that only look at the
/// splits (`any`, `find`), no allocation unless the `ل`+`ل` article is
/// restored.
pub fn clitic_splits_iter(key: &str) -> impl Iterator<Item = CliticSplit<'_>> + '_ {
    proclitics_of(key)
        .into_iter()
        .flatten()
        .filter_map(move |p| {
            let stem = key.strip_prefix(p)?;
            // at least MIN_STEM_CHARS characters left, without counting them all
            stem.chars().nth(MIN_STEM_CHARS - 1)?;
            Some((p, stem))
        })
        .flat_map(|(p, stem)| {
            // every proclitic letter is one two-byte character
            let prefix_chars = p.len() / 2;
            let article = (p.ends_with('ل') && stem.starts_with('ل')).then(|| CliticSplit {
                proclitic: p,
                prefix_chars,
                stem_key: Cow::Owned(format!("ا{stem}")),
            });
            std::iter::once(CliticSplit {
                proclitic: p,
                prefix_chars,
                stem_key: Cow::Borrowed(stem),
            })
            .chain(article)
        })
}

/// The [`PROCLITICS`] a word starts with, shortest first: at most one
/// letter and one pair, read off its first two characters.
fn proclitics_of(key: &str) -> [Option<&'static str>; 2] {
    let mut chars = key.chars();
    let single = match chars.next() {
        Some('و') => "و",
        Some('ف') => "ف",
        Some('ب') => "ب",
        Some('ك') => "ك",
        Some('ل') => "ل",
        _ => return [None, None],
    };
    let pair = match (single, chars.next()) {
        ("و", Some('ب')) => Some("وب"),
        ("و", Some('ل')) => Some("ول"),
        ("و", Some('ك')) => Some("وك"),
        ("ف", Some('ب')) => Some("فب"),
        ("ف", Some('ل')) => Some("فل"),
        ("ف", Some('ك')) => Some("فك"),
        _ => None,
    };
    [Some(single), pair]
}

/// Whether a key-normalized word is only proclitics (`و`, `ب`, `وب`, `ل`),
/// as before a glued number (`بـ15`, `و2015`).
pub fn is_proclitic(key: &str) -> bool {
    PROCLITICS.contains(&key)
}

/// The original code point offset where the stem of token `i` starts
/// under `split`; `None` when the split falls inside one original character
/// (a ligature expanded by NFKC), where no clitic boundary exists.
pub fn stem_start(analysis: &Analysis<'_>, i: usize, split: &CliticSplit<'_>) -> Option<usize> {
    let token = analysis.tokens()[i];
    let start = analysis.orig_offset(i, split.prefix_chars);
    (token.start < start && start < token.end).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(word: &str) -> Vec<String> {
        clitic_splits(&crate::text::key(word))
            .into_iter()
            .map(|s| format!("{}+{}", s.proclitic, s.stem_key))
            .collect()
    }

    #[test]
    fn the_iterator_stops_early_and_matches_the_vec() {
        let key = crate::text::key("وللصين");
        let all: Vec<String> = clitic_splits_iter(&key)
            .map(|s| format!("{}+{}", s.proclitic, s.stem_key))
            .collect();
        assert_eq!(all, stems("وللصين"));
        assert!(clitic_splits_iter(&key).any(|s| s.stem_key == "الصين"));
        assert_eq!(clitic_splits_iter("الصين").count(), 0);
    }

    #[test]
    fn the_first_letters_give_the_proclitics_in_table_order() {
        // Every proclitic of the table the word starts with, shortest first.
        let letters = ["و", "ف", "ب", "ك", "ل", "ا", "م"];
        let mut words = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| letters.iter().map(move |l| format!("{w}{l}")))
                .collect();
            words.extend(longer);
        }
        for prefix in words {
            let word = format!("{prefix}صين");
            let table: Vec<&str> = PROCLITICS
                .iter()
                .rev()
                .copied()
                .filter(|p| word.starts_with(p))
                .collect();
            let fast: Vec<&str> = proclitics_of(&word).into_iter().flatten().collect();
            assert_eq!(fast, table, "{word}");
        }
    }

    #[test]
    fn proclitic_letters_are_two_bytes_each() {
        for p in PROCLITICS {
            assert_eq!(p.len(), 2 * p.chars().count(), "{p}");
        }
    }

    #[test]
    fn splits_are_candidates_with_restored_article() {
        assert_eq!(stems("وروسيا"), vec!["و+روسيا"]);
        assert!(stems("للصين").contains(&"ل+الصين".to_string()));
        assert!(stems("للصين").contains(&"ل+لصين".to_string()));
        assert_eq!(stems("بكين"), vec!["ب+كين"]);
        assert!(stems("وبالصين").contains(&"وب+الصين".to_string()));
        assert!(stems("ولل").is_empty() || stems("ولل").iter().all(|s| s.len() > 2));
        assert!(stems("في").is_empty());
        assert!(stems("الصين").is_empty());
        assert!(stems("").is_empty());
    }
}
