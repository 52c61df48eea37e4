//! A person-name word standing alone that is mostly an ordinary word
//! (`حسن` "good", `جميل`, `رجب` the month, `الله` in `رحمه الله`) is no
//! person on a lexicon's word alone: a one-word person mention of the person
//! lists or the lexicons made of such a word is dropped before propagation.
//! A title, a cue or a longer name (`حسن نصر الله`) still finds it. The
//! words are learned data (`rules/names/person_lone_ordinary.csv`, generated
//! by `scripts/learn_lone_names.py` from the training parts of ANERcorp and
//! WikiFANE).

use super::*;
use crate::text::TokenKind;

/// The word file.
pub(super) const LONE_ORDINARY_FILE: &str = "names/person_lone_ordinary.csv";

/// The rules whose one-word person mentions rest on a lexicon alone.
const LEXICON_PERSON_RULES: &[&str] = &[
    "name/person-list",
    "name/learned-person",
    "name/gazetteer-person",
];

impl NameRecognizer {
    /// Drop the one-word person mentions of the lexicon rules whose word
    /// is mostly ordinary when it stands alone.
    pub(super) fn drop_lone_ordinary_persons(&self, d: &Doc<'_>, found: &mut Vec<Mention>) {
        if self.lone_ordinary.is_empty() {
            return;
        }
        let tokens = d.a.tokens();
        found.retain(|m| {
            if m.label != Label::Person || !LEXICON_PERSON_RULES.contains(&m.rule.as_str()) {
                return true;
            }
            // A mention that is one whole word token of plain letters
            // (most) has that token's key, which the analysis holds: no
            // slice and no new key. Other whole tokens have their text read
            // off their bytes.
            let text = match d.offsets().aligned(m.start, m.end) {
                Some(span) => {
                    let k = span.start;
                    if span.len() == 1
                        && tokens[k].kind == TokenKind::Word
                        && only_arabic_letters(d.a.surface(k))
                    {
                        return !self.lone_ordinary.contains(d.a.key(k));
                    }
                    super::token_offsets::tokens_text(d.a, span)
                }
                None => d.a.slice(m.start, m.end),
            };
            text.contains(' ') || !self.lone_ordinary.contains(&crate::text::key(text))
        });
    }
}

/// Whether a word is written in Arabic letters alone (`ء` to `ي`, no
/// tatweel, no mark): its key is the analysis's key of its token. Other
/// words (a presentation-form ligature such as `ﻻ`, which the analysis
/// folds and `key` does not) are keyed from their text.
fn only_arabic_letters(word: &str) -> bool {
    word.chars()
        .all(|c| ('\u{0621}'..='\u{064A}').contains(&c) && c != '\u{0640}')
}

#[cfg(test)]
mod tests {
    use super::only_arabic_letters;
    use crate::text::{Analysis, TokenKind};

    /// The shortcut of `drop_lone_ordinary_persons`: a mention that is one
    /// whole word token of plain letters takes the token's key, which must
    /// be the key of its text, on every corpus article and on words written
    /// for the test (alef forms, `ى`, `ة`); words with marks, tatweel, a
    /// ligature or digits take no shortcut.
    #[test]
    fn a_word_token_key_is_the_key_of_its_text() {
        let mut texts = crate::perf::repo_corpus_texts();
        assert!(texts.len() > 10, "the corpus articles");
        texts.push("حَسَن جميـــل رجب إسماعيل آمنة مصطفى فاطمة ﻻ x2 Ahmed ٣٣ حسن٣".into());
        let mut words = 0;
        for text in &texts {
            let a = Analysis::new(text);
            for k in 0..a.len() {
                if a.tokens()[k].kind == TokenKind::Word && only_arabic_letters(a.surface(k)) {
                    words += 1;
                    assert_eq!(crate::text::key(a.surface(k)), a.key(k), "{}", a.surface(k));
                }
            }
        }
        assert!(words > 2_000, "{words} words");
        for word in ["حَسَن", "جميـل", "ﻻ", "حسن٣", "x2"] {
            assert!(!only_arabic_letters(word), "{word}");
        }
        assert!(only_arabic_letters("إسماعيل") && only_arabic_letters("مصطفى"));
    }
}
