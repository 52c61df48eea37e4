//! The WikiFANE adapter of the CoNLL mode (`eval --conll FILE --map
//! wikifane`): the fine-grained classes of WikiFANE's gold (`B-Politician`,
//! `I-Population-Center`…) are mapped onto kashif's labels by the data file
//! `rules/profiles/wikifane_map.csv` and then onto the coarse scored view
//! (PERS, LOC, ORG, MISC); the clitics WikiFANE writes as their own tokens
//! (`و` `تعتبر`, `مدن` `ها`, listed in `rules/profiles/wikifane_clitics.csv`)
//! are joined back to their word so kashif reads normal Arabic
//! ([`TextLayout::RejoinClitics`]).

use std::collections::{HashMap, HashSet};

use crate::error::{Error, Result};
use crate::mention::Label;
use crate::rules::{CsvTable, RuleFiles};

use super::conll::{anercorp_type, Sentence};

/// The rule file with the class map.
pub const MAP_FILE: &str = "profiles/wikifane_map.csv";
/// The rule file with the clitics written apart.
pub const CLITICS_FILE: &str = "profiles/wikifane_clitics.csv";

/// How the tokens of a CoNLL sentence become the text kashif reads.
#[derive(Debug, Clone, Default)]
pub enum TextLayout {
    /// Tokens joined by one space (ANERcorp, whose clitics stay attached).
    #[default]
    Spaced,
    /// Clitics written as tokens of their own are joined to their word.
    RejoinClitics(Clitics),
}

/// Clitics a corpus writes apart: proclitics joined to the next word,
/// enclitics (possessive and object pronouns) to the previous one.
#[derive(Debug, Clone, Default)]
pub struct Clitics {
    proclitics: HashSet<String>,
    enclitics: HashSet<String>,
}

impl Clitics {
    /// Read `clitic,side` rows (`side` is `proclitic` or `enclitic`).
    pub fn from_rules(rules: &RuleFiles) -> Result<Self> {
        let table = rules.csv(CLITICS_FILE)?;
        let (clitic, side) = (table.column("clitic")?, table.column("side")?);
        let mut out = Clitics::default();
        for row in &table.rows {
            let word = row.get(clitic).to_string();
            match row.get(side) {
                "proclitic" => out.proclitics.insert(word),
                "enclitic" => out.enclitics.insert(word),
                other => {
                    return Err(table.error(
                        row,
                        format!("side `{other}` is neither proclitic nor enclitic"),
                    ))
                }
            };
        }
        Ok(out)
    }
}

/// A word of Arabic letters (no digit, no punctuation).
fn is_arabic_word(token: &str) -> bool {
    !token.is_empty()
        && token
            .chars()
            .all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

impl TextLayout {
    /// Lay out a batch of sentences as one document, a line per sentence:
    /// its text and the code point span of every token of every sentence,
    /// in order.
    pub fn lay_out_batch(&self, batch: &[Sentence]) -> (String, Vec<(usize, usize)>) {
        let (mut text, mut chars) = (String::new(), 0);
        let mut tokens = Vec::new();
        for (k, sentence) in batch.iter().enumerate() {
            if k > 0 {
                text.push('\n');
                chars += 1;
            }
            tokens.extend(self.lay_out(&sentence.tokens, &mut text, &mut chars));
        }
        (text, tokens)
    }

    /// Append a sentence's tokens to `text` and return each token's code
    /// point span in it. `chars` is the code point length of `text` so far.
    pub fn lay_out(
        &self,
        tokens: &[String],
        text: &mut String,
        chars: &mut usize,
    ) -> Vec<(usize, usize)> {
        let mut spans = Vec::with_capacity(tokens.len());
        let push = |text: &mut String, chars: &mut usize, s: &str| {
            text.push_str(s);
            *chars += s.chars().count();
        };
        let clitics = match self {
            TextLayout::Spaced => None,
            TextLayout::RejoinClitics(c) => Some(c),
        };
        for (k, token) in tokens.iter().enumerate() {
            let mut written: &str = token;
            let glue = clitics.is_some_and(|c| {
                let prev = k.checked_sub(1).map(|p| tokens[p].as_str());
                let after_proclitic =
                    prev.is_some_and(|p| c.proclitics.contains(p)) && is_arabic_word(token);
                // A definite word takes no pronoun: `الشماليين هم` stays apart.
                let enclitic = c.enclitics.contains(token.as_str())
                    && prev.is_some_and(|p| {
                        is_arabic_word(p)
                            && !p.starts_with("\u{0627}\u{0644}")
                            && !c.proclitics.contains(p)
                            && !c.enclitics.contains(p)
                    });
                after_proclitic || enclitic
            });
            if glue {
                // `ل` + `الجزيرة` is written `للجزيرة`.
                let lam = "\u{0644}";
                if k > 0 && tokens[k - 1] == lam {
                    if let Some(rest) = token.strip_prefix('\u{0627}') {
                        if rest.starts_with(lam) {
                            written = rest;
                        }
                    }
                }
            } else if k > 0 {
                push(text, chars, " ");
            }
            let start = *chars;
            push(text, chars, written);
            spans.push((start, *chars));
        }
        spans
    }
}

/// The WikiFANE class map: each fine class to a kashif label or none.
#[derive(Debug, Clone, Default)]
pub struct ClassMap {
    classes: HashMap<String, Option<Label>>,
}

impl ClassMap {
    /// Read `rules/profiles/wikifane_map.csv` (`fine,label`; label `O` for none).
    pub fn from_rules(rules: &RuleFiles) -> Result<Self> {
        let table: CsvTable = rules.csv(MAP_FILE)?;
        let (fine, label) = (table.column("fine")?, table.column("label")?);
        let mut classes = HashMap::new();
        for row in &table.rows {
            let mapped = match row.get(label) {
                "O" => None,
                l => Some(
                    l.parse::<Label>()
                        .map_err(|e| table.error(row, format!("label `{l}`: {e}")))?,
                ),
            };
            classes.insert(row.get(fine).to_string(), mapped);
        }
        Ok(ClassMap { classes })
    }

    /// The coarse tag of a fine tag (`B-Politician` → `B-PERS`, `B-Group` → `O`);
    /// an unknown class is an error message.
    pub fn coarse_tag(&self, tag: &str) -> std::result::Result<String, String> {
        if tag == "O" {
            return Ok(tag.to_string());
        }
        let Some((prefix, class)) = tag.split_once('-') else {
            return Err(format!("tag `{tag}` is not O, B-CLASS or I-CLASS"));
        };
        match self.classes.get(class) {
            None => Err(format!(
                "class `{class}` is not in rules/{MAP_FILE}: add a row for it"
            )),
            Some(label) => Ok(match label.and_then(anercorp_type) {
                Some(coarse) => format!("{prefix}-{coarse}"),
                None => "O".to_string(),
            }),
        }
    }
}

/// A WikiFANE token as kashif reads it: without the LEFT-TO-RIGHT MARKs
/// the file puts before most tokens.
pub fn clean_token(token: &str) -> String {
    token.replace('\u{200E}', "")
}

/// The error for a token that is empty once its marks are stripped.
pub fn empty_token_error(file: &str, line: usize) -> Error {
    Error::gold(
        file,
        line,
        "the token is empty once its U+200E marks are removed",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> TextLayout {
        TextLayout::RejoinClitics(Clitics::from_rules(&RuleFiles::embedded()).unwrap())
    }

    fn lay(tokens: &str) -> (String, Vec<String>) {
        let tokens: Vec<String> = tokens.split(' ').map(str::to_string).collect();
        let (mut text, mut chars) = (String::new(), 0);
        let spans = layout().lay_out(&tokens, &mut text, &mut chars);
        let pieces = spans
            .iter()
            .map(|&(s, e)| text.chars().skip(s).take(e - s).collect())
            .collect();
        (text, pieces)
    }

    #[test]
    fn clitics_are_joined_back_and_spans_follow() {
        let (text, pieces) = lay("و تعتبر مدن ها من اكبر المدن");
        assert_eq!(text, "وتعتبر مدنها من اكبر المدن");
        assert_eq!(pieces, ["و", "تعتبر", "مدن", "ها", "من", "اكبر", "المدن"]);
        // ل + the article is written with one alef less.
        let (text, pieces) = lay("التاريخ ل الجزيرة");
        assert_eq!(text, "التاريخ للجزيرة");
        assert_eq!(pieces[2], "لجزيرة");
        // A pronoun after a definite word is a word of its own.
        assert_eq!(lay("الشماليين هم تجار").0, "الشماليين هم تجار");
        // A proclitic before a number stays apart.
        assert_eq!(lay("و 50 كتابا").0, "و 50 كتابا");
    }

    #[test]
    fn classes_map_to_the_coarse_view() {
        let map = ClassMap::from_rules(&RuleFiles::embedded()).unwrap();
        assert_eq!(map.coarse_tag("B-Politician").unwrap(), "B-PERS");
        assert_eq!(map.coarse_tag("I-Population-Center").unwrap(), "I-LOC");
        assert_eq!(map.coarse_tag("B-Airport").unwrap(), "B-LOC");
        assert_eq!(map.coarse_tag("B-Media").unwrap(), "B-ORG");
        assert_eq!(map.coarse_tag("B-Book").unwrap(), "B-MISC");
        assert_eq!(map.coarse_tag("B-Group").unwrap(), "O");
        assert_eq!(map.coarse_tag("O").unwrap(), "O");
        assert!(map
            .coarse_tag("B-Spaceship")
            .unwrap_err()
            .contains("Spaceship"));
    }
}
