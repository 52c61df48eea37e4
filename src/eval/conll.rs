//! The ANERcorp mode: read a CoNLL file (token and BIO tag per line), run
//! extraction on its tokens (joined by spaces, one sentence per line),
//! project the names-layer mentions back onto whole tokens the ANERcorp way
//! (a token with its clitics takes the tag), map kashif's labels onto
//! ANERcorp's (PERSON→PERS, GPE/LOC/FAC→LOC, ORG→ORG, MISC→MISC, NORP→O) and
//! score chunks as `conlleval` does: a chunk is correct when it starts and
//! ends on the same tokens with the same type; precision, recall and F1 per
//! type and micro-averaged.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;

use super::report::ReportFormat;
use super::wikifane::TextLayout;
use crate::error::{Error, Result};
use crate::io::formats::bio_tags;
use crate::mention::{Label, Layer, Mention};
use crate::recognize::{ExtractOptions, Extractor};

/// One sentence of a CoNLL file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The tokens.
    pub tokens: Vec<String>,
    /// The gold tag of each token (`O`, `B-PERS`, `I-LOC`…).
    pub tags: Vec<String>,
}

/// The sentences of a CoNLL file.
#[derive(Debug, Clone, Default)]
pub struct ConllCorpus {
    /// Sentences in file order.
    pub sentences: Vec<Sentence>,
}

impl ConllCorpus {
    /// The sentences from fraction `a` to fraction `b` of the sentence count
    /// (`0.8, 1.0` is the last 20 %); indices are `floor(a·n)..floor(b·n)`.
    pub fn split(&self, a: f64, b: f64) -> &[Sentence] {
        let (from, to) = split_range(self.sentences.len(), a, b);
        &self.sentences[from..to]
    }
}

/// The sentence index range of a split of `n` sentences.
pub fn split_range(n: usize, a: f64, b: f64) -> (usize, usize) {
    let at = |x: f64| ((x.clamp(0.0, 1.0) * n as f64).floor() as usize).min(n);
    let (from, to) = (at(a), at(b));
    (from, to.max(from))
}

/// Parse `--split A..B` (fractions, `0 <= A < B <= 1`).
pub fn parse_split(s: &str) -> std::result::Result<(f64, f64), String> {
    let (a, b) = s
        .split_once("..")
        .ok_or_else(|| format!("`{s}` is not A..B (e.g. 0.8..1.0)"))?;
    let parse = |x: &str| {
        x.trim()
            .parse::<f64>()
            .map_err(|_| format!("`{x}` in `{s}` is not a number"))
    };
    let (a, b) = (parse(a)?, parse(b)?);
    if !(0.0..=1.0).contains(&a) || !(0.0..=1.0).contains(&b) || a >= b {
        return Err(format!(
            "`{s}`: need 0 <= A < B <= 1 (fractions of the sentence count)"
        ));
    }
    Ok((a, b))
}

/// Parse a CoNLL file: one `TOKEN … TAG` per line (the tag is the last
/// whitespace-separated field), blank lines between sentences,
/// `-DOCSTART-` lines skipped. A file without any blank line (the original
/// ANERcorp) is split into sentences after `.`, `!`, `?` and `؟` tokens.
pub fn parse_conll(file: &str, text: &str) -> Result<ConllCorpus> {
    parse_conll_mapped(file, text, None)
}

/// [`parse_conll`] with the gold tags mapped through a fine-grained class
/// map (WikiFANE) onto the coarse view. LEFT-TO-RIGHT MARKs (U+200E) are
/// removed from tokens; a token left empty is an error naming the line.
pub fn parse_conll_mapped(
    file: &str,
    text: &str,
    classes: Option<&super::wikifane::ClassMap>,
) -> Result<ConllCorpus> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    check_line_end(file, text)?;
    let has_blank = text
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .any(|l| l.trim().is_empty());
    let mut corpus = ConllCorpus::default();
    let mut current = Sentence {
        tokens: Vec::new(),
        tags: Vec::new(),
    };
    let flush = |current: &mut Sentence, corpus: &mut ConllCorpus| {
        if !current.tokens.is_empty() {
            corpus.sentences.push(std::mem::replace(
                current,
                Sentence {
                    tokens: Vec::new(),
                    tags: Vec::new(),
                },
            ));
        }
    };
    for (n, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            flush(&mut current, &mut corpus);
            continue;
        }
        if fields[0] == "-DOCSTART-" {
            flush(&mut current, &mut corpus);
            continue;
        }
        if fields.len() < 2 {
            return Err(Error::gold(
                file,
                n + 1,
                format!("expected `TOKEN TAG`, found `{}`", line.trim()),
            ));
        }
        let tag = fields[fields.len() - 1];
        if tag != "O" && !tag.contains('-') {
            return Err(Error::gold(
                file,
                n + 1,
                format!("tag `{tag}` is not O, B-TYPE or I-TYPE"),
            ));
        }
        let token = super::wikifane::clean_token(fields[0]);
        if token.is_empty() {
            return Err(super::wikifane::empty_token_error(file, n + 1));
        }
        let tag = match classes {
            None => tag.to_string(),
            Some(map) => map
                .coarse_tag(tag)
                .map_err(|message| Error::gold(file, n + 1, message))?,
        };
        current.tokens.push(token);
        current.tags.push(tag);
        if !has_blank && matches!(fields[0], "." | "!" | "?" | "؟") {
            flush(&mut current, &mut corpus);
        }
    }
    flush(&mut current, &mut corpus);
    Ok(corpus)
}

/// A CoNLL file whose last line has no line end was most likely cut while
/// being written or copied (mid-token, mid-tag, mid-entity): refuse it,
/// naming that line.
pub fn check_line_end(file: &str, text: &str) -> Result<()> {
    match text.lines().last() {
        Some(last) if !text.ends_with('\n') && !last.trim().is_empty() => Err(Error::gold(
            file,
            text.lines().count(),
            format!(
                "the file ends inside this line (`{}`, no line end): it looks truncated; \
                 add a line end if it is complete",
                last.trim()
            ),
        )),
        _ => Ok(()),
    }
}

/// Read and parse a CoNLL file.
pub fn read_conll_file(path: &Path) -> Result<ConllCorpus> {
    read_conll_file_mapped(path, None)
}

/// Read and parse a CoNLL file, mapping its tags as [`parse_conll_mapped`].
pub fn read_conll_file_mapped(
    path: &Path,
    classes: Option<&super::wikifane::ClassMap>,
) -> Result<ConllCorpus> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = crate::io::decode(path, bytes)?;
    parse_conll_mapped(&path.display().to_string(), &text, classes)
}

/// ANERcorp's type for a kashif label (`None`: tagged `O`).
pub fn anercorp_type(label: Label) -> Option<&'static str> {
    match label {
        Label::Person => Some("PERS"),
        Label::Gpe | Label::Loc | Label::Fac => Some("LOC"),
        Label::Org => Some("ORG"),
        Label::Misc => Some("MISC"),
        _ => None,
    }
}

/// Project mentions onto whitespace tokens as ANERcorp tags: every token
/// that overlaps a mapped names-layer mention takes its type, `B-` on the
/// mention's first token and `I-` after.
pub fn project_tags(tokens: &[(usize, usize)], mentions: &[Mention]) -> Vec<String> {
    let mapped: Vec<Mention> = mentions
        .iter()
        .filter(|m| m.layer() == Layer::Names && anercorp_type(m.label).is_some())
        .cloned()
        .collect();
    bio_tags(tokens, &mapped)
        .into_iter()
        .map(
            |t| match t.and_then(|(l, b)| anercorp_type(l).map(|t| (t, b))) {
                None => "O".to_string(),
                Some((t, true)) => format!("B-{t}"),
                Some((t, false)) => format!("I-{t}"),
            },
        )
        .collect()
}

fn split_tag(tag: &str) -> (&str, &str) {
    match tag.split_once('-') {
        Some((p, t)) => (p, t),
        None => (tag, ""),
    }
}

fn end_of_chunk(prev: (&str, &str), cur: (&str, &str)) -> bool {
    let (pt, py) = prev;
    let (t, y) = cur;
    matches!(
        (pt, t),
        ("B", "B") | ("B", "O") | ("I", "B") | ("I", "O") | ("E", "E") | ("E", "I") | ("E", "O")
    ) || (pt != "O" && pt != "." && py != y)
        || pt == "]"
        || pt == "["
}

fn start_of_chunk(prev: (&str, &str), cur: (&str, &str)) -> bool {
    let (pt, py) = prev;
    let (t, y) = cur;
    matches!(
        (pt, t),
        ("B", "B") | ("I", "B") | ("O", "B") | ("O", "I") | ("E", "E") | ("E", "I") | ("O", "E")
    ) || (t != "O" && t != "." && py != y)
        || t == "["
        || t == "]"
}

/// The chunks of one sentence's tags as `(first token, last token + 1,
/// type)`, with conlleval's `startOfChunk`/`endOfChunk` rules (IOB1 and
/// IOB2 both work; the sentence starts and ends as if tagged `O`).
pub fn chunks(tags: &[String]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    let mut prev = ("O", "");
    for (i, tag) in tags.iter().enumerate() {
        let cur = split_tag(tag);
        if end_of_chunk(prev, cur) {
            if let Some((s, ty)) = open.take() {
                out.push((s, i, ty));
            }
        }
        if start_of_chunk(prev, cur) {
            if let Some((s, ty)) = open.take() {
                out.push((s, i, ty));
            }
            open = Some((i, cur.1.to_string()));
        }
        prev = cur;
    }
    if let Some((s, ty)) = open {
        out.push((s, tags.len(), ty));
    }
    out
}

/// Chunk counts of one type (or of all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ChunkCounts {
    /// Chunks found in both with the same tokens and type.
    pub correct: usize,
    /// Gold chunks.
    pub gold: usize,
    /// Predicted chunks.
    pub pred: usize,
}

impl ChunkCounts {
    /// `correct / pred` (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            self.correct as f64 / self.pred as f64
        }
    }

    /// `correct / gold` (0 when there is no gold).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.correct as f64 / self.gold as f64
        }
    }

    /// F1 (0 when precision and recall are both 0).
    pub fn f1(&self) -> f64 {
        super::score::f1(self.precision(), self.recall())
    }
}

/// The result of the ANERcorp mode.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConllResult {
    /// Sentences scored.
    pub sentences: usize,
    /// Tokens scored.
    pub tokens: usize,
    /// Tokens whose predicted tag equals the gold tag.
    pub tokens_correct: usize,
    /// All types together.
    pub micro: ChunkCounts,
    /// Per ANERcorp type (present in gold or predictions).
    pub by_type: BTreeMap<String, ChunkCounts>,
    /// The predicted tags, sentence by sentence (filled by
    /// [`evaluate_conll_with`]; empty from [`score_tags`]).
    pub predicted: Vec<Vec<String>>,
}

/// Score predicted tags against gold tags, sentence by sentence.
pub fn score_tags(gold: &[Vec<String>], pred: &[Vec<String>]) -> ConllResult {
    let mut r = ConllResult {
        sentences: gold.len(),
        ..ConllResult::default()
    };
    for (g, p) in gold.iter().zip(pred) {
        r.tokens += g.len();
        r.tokens_correct += g.iter().zip(p).filter(|(a, b)| a == b).count();
        let gc: BTreeSet<(usize, usize, String)> = chunks(g).into_iter().collect();
        let pc: BTreeSet<(usize, usize, String)> = chunks(p).into_iter().collect();
        for c in &gc {
            r.by_type.entry(c.2.clone()).or_default().gold += 1;
            r.micro.gold += 1;
            if pc.contains(c) {
                r.by_type.entry(c.2.clone()).or_default().correct += 1;
                r.micro.correct += 1;
            }
        }
        for c in &pc {
            r.by_type.entry(c.2.clone()).or_default().pred += 1;
            r.micro.pred += 1;
        }
    }
    r
}

/// Sentences per extraction document in the ANERcorp mode.
pub const SENTENCES_PER_DOC: usize = 100;

/// In the CoNLL mode a name found in one sentence is propagated to at most
/// this many following sentences: a batch of sentences may join unrelated
/// articles (ANERcorp and WikiFANE mark no document boundaries).
pub const PROPAGATION_WINDOW_SENTENCES: usize = 10;

/// Run extraction on the sentences (joined by spaces, one sentence per
/// line, [`SENTENCES_PER_DOC`] sentences per document, in parallel), project
/// onto tokens and score. `on_batch` is called after each document.
pub fn evaluate_conll_with(
    extractor: &Extractor,
    sentences: &[Sentence],
    options: &ExtractOptions,
    on_batch: &(dyn Fn() + Sync),
) -> ConllResult {
    evaluate_conll_laid_out(extractor, &TextLayout::Spaced, sentences, options, on_batch)
}

/// [`evaluate_conll_with`] with the sentences' text built by `layout`
/// (WikiFANE's split clitics joined back).
pub fn evaluate_conll_laid_out(
    extractor: &Extractor,
    layout: &TextLayout,
    sentences: &[Sentence],
    options: &ExtractOptions,
    on_batch: &(dyn Fn() + Sync),
) -> ConllResult {
    let options = &ExtractOptions {
        propagation_window: options
            .propagation_window
            .or(Some(PROPAGATION_WINDOW_SENTENCES)),
        ..options.clone()
    };
    let pred: Vec<Vec<String>> = sentences
        .par_chunks(SENTENCES_PER_DOC)
        .enumerate()
        .flat_map_iter(|(n, batch)| {
            let (text, tokens) = layout.lay_out_batch(batch);
            let mentions = extractor.extract(&format!("conll-{n}"), &text, options);
            let tags = project_tags(&tokens, &mentions);
            let mut out = Vec::with_capacity(batch.len());
            let mut i = 0;
            for s in batch {
                let n = s.tokens.len();
                let mut t: Vec<String> = tags
                    .get(i..i + n)
                    .map(<[String]>::to_vec)
                    .unwrap_or_default();
                t.resize(n, "O".to_string());
                i += n;
                out.push(t);
            }
            on_batch();
            out
        })
        .collect();
    let gold: Vec<Vec<String>> = sentences.iter().map(|s| s.tags.clone()).collect();
    let mut result = score_tags(&gold, &pred);
    result.predicted = pred;
    result
}

/// Write `TOKEN GOLD PRED` per line with a blank line between sentences:
/// the input format of `conlleval`, to check the scores with the original
/// script or inspect the projection.
pub fn write_conlleval_input(
    out: &mut impl Write,
    sentences: &[Sentence],
    predicted: &[Vec<String>],
) -> Result<()> {
    for (s, p) in sentences.iter().zip(predicted) {
        for ((token, gold), pred) in s.tokens.iter().zip(&s.tags).zip(p) {
            writeln!(out, "{token} {gold} {pred}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// [`evaluate_conll_with`] with no progress callback.
pub fn evaluate_conll(
    extractor: &Extractor,
    sentences: &[Sentence],
    options: &ExtractOptions,
) -> ConllResult {
    evaluate_conll_with(extractor, sentences, options, &|| {})
}

fn pct(x: f64) -> String {
    format!("{:.2}", 100.0 * x)
}

/// Write the ANERcorp-mode report in the chosen format.
pub fn write_conll_report(
    out: &mut impl Write,
    r: &ConllResult,
    format: ReportFormat,
    file: &str,
    split: (f64, f64),
) -> Result<()> {
    let mut rows: Vec<(String, ChunkCounts)> =
        r.by_type.iter().map(|(t, c)| (t.clone(), *c)).collect();
    rows.push(("micro".to_string(), r.micro));
    let accuracy = if r.tokens == 0 {
        0.0
    } else {
        r.tokens_correct as f64 / r.tokens as f64
    };
    match format {
        ReportFormat::Json => {
            let by_type: serde_json::Map<String, serde_json::Value> = r
                .by_type
                .iter()
                .map(|(t, c)| {
                    (
                        t.clone(),
                        json!({"correct": c.correct, "gold": c.gold, "pred": c.pred,
                               "precision": c.precision(), "recall": c.recall(), "f1": c.f1()}),
                    )
                })
                .collect();
            let c = r.micro;
            let v = json!({
                "file": file,
                "split": [split.0, split.1],
                "sentences": r.sentences,
                "tokens": r.tokens,
                "token_accuracy": accuracy,
                "micro": {"correct": c.correct, "gold": c.gold, "pred": c.pred,
                          "precision": c.precision(), "recall": c.recall(), "f1": c.f1()},
                "by_type": by_type,
                "notes": "conlleval chunk scoring; PERSON→PERS, GPE/LOC/FAC→LOC, ORG→ORG, MISC→MISC, NORP→O",
            });
            serde_json::to_writer_pretty(&mut *out, &v)
                .map_err(|e| Error::Invalid(e.to_string()))?;
            writeln!(out)?;
        }
        ReportFormat::Csv => {
            writeln!(out, "type,correct,gold,pred,precision,recall,f1")?;
            for (t, c) in rows {
                writeln!(
                    out,
                    "{t},{},{},{},{},{},{}",
                    c.correct,
                    c.gold,
                    c.pred,
                    c.precision(),
                    c.recall(),
                    c.f1()
                )?;
            }
        }
        ReportFormat::Markdown => {
            writeln!(
                out,
                "**kashif eval --conll {file}** (split {:?}..{:?}): {} sentences, {} tokens, token accuracy {}%",
                split.0, split.1, r.sentences, r.tokens, pct(accuracy)
            )?;
            writeln!(out)?;
            writeln!(out, "| type | gold | pred | correct | P | R | F1 |")?;
            writeln!(out, "|---|--:|--:|--:|--:|--:|--:|")?;
            for (t, c) in rows {
                writeln!(
                    out,
                    "| {t} | {} | {} | {} | {} | {} | {} |",
                    c.gold,
                    c.pred,
                    c.correct,
                    pct(c.precision()),
                    pct(c.recall()),
                    pct(c.f1())
                )?;
            }
        }
        ReportFormat::Table => {
            writeln!(
                out,
                "kashif eval --conll {file} (split {:?}..{:?}): {} sentences, {} tokens",
                split.0, split.1, r.sentences, r.tokens
            )?;
            writeln!(out)?;
            writeln!(
                out,
                "{:<8}{:>8}{:>8}{:>9}{:>9}{:>9}{:>9}",
                "type", "gold", "pred", "correct", "P", "R", "F1"
            )?;
            writeln!(out, "{}", "-".repeat(60))?;
            for (t, c) in rows {
                writeln!(
                    out,
                    "{:<8}{:>8}{:>8}{:>9}{:>9}{:>9}{:>9}",
                    t,
                    c.gold,
                    c.pred,
                    c.correct,
                    pct(c.precision()),
                    pct(c.recall()),
                    pct(c.f1())
                )?;
            }
            writeln!(out)?;
            writeln!(out, "token accuracy: {}%", pct(accuracy))?;
            writeln!(
                out,
                "note: entity-level scoring as conlleval (exact chunk match); labels mapped"
            )?;
            writeln!(
                out,
                "  PERSON→PERS, GPE/LOC/FAC→LOC, ORG→ORG, MISC→MISC, NORP→O; scores in %"
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::whitespace_tokens;

    fn tags(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn chunks_follow_conlleval() {
        assert_eq!(
            chunks(&tags("B-PERS I-PERS O B-LOC B-LOC I-ORG")),
            vec![
                (0, 2, "PERS".to_string()),
                (3, 4, "LOC".to_string()),
                (4, 5, "LOC".to_string()),
                (5, 6, "ORG".to_string())
            ]
        );
        // IOB1: I- after O or another type starts a chunk.
        assert_eq!(
            chunks(&tags("I-LOC I-LOC I-ORG O I-MISC")),
            vec![
                (0, 2, "LOC".to_string()),
                (2, 3, "ORG".to_string()),
                (4, 5, "MISC".to_string())
            ]
        );
    }

    #[test]
    fn scoring_like_conlleval() {
        let gold = vec![tags("B-PERS I-PERS O B-LOC"), tags("B-ORG O")];
        let pred = vec![tags("B-PERS O O B-LOC"), tags("B-ORG O")];
        let r = score_tags(&gold, &pred);
        assert_eq!(
            r.micro,
            ChunkCounts {
                correct: 2,
                gold: 3,
                pred: 3
            }
        );
        assert_eq!(
            r.by_type["PERS"],
            ChunkCounts {
                correct: 0,
                gold: 1,
                pred: 1
            }
        );
        assert_eq!(r.tokens, 6);
        assert_eq!(r.tokens_correct, 5);
    }

    #[test]
    fn parse_and_split() {
        let c = parse_conll(
            "x",
            "-DOCSTART- O\n\nفي O\nبكين B-LOC\n\nقال O\nشي B-PERS\n",
        )
        .unwrap();
        assert_eq!(c.sentences.len(), 2);
        assert_eq!(c.split(0.5, 1.0)[0].tokens, vec!["قال", "شي"]);
        // No blank lines: split after sentence-final punctuation.
        let c = parse_conll("x", "في O\nبكين B-LOC\n. O\nقال O\n").unwrap();
        assert_eq!(c.sentences.len(), 2);
        let e = parse_conll("x", "في O\nبكين\n").unwrap_err();
        assert!(e.to_string().starts_with("x:2:"), "{e}");
        assert_eq!(parse_split("0.8..1.0"), Ok((0.8, 1.0)));
        assert!(parse_split("1.0..0.8").is_err());
        assert_eq!(split_range(10, 0.8, 1.0), (8, 10));
    }

    #[test]
    fn projection_maps_labels_and_takes_whole_tokens() {
        let text = "وروسيا الصينية شينخوا";
        let doc: std::sync::Arc<str> = std::sync::Arc::from("d");
        let m = |s: usize, e: usize, l: Label| Mention {
            doc: doc.clone(),
            start: s,
            end: e,
            label: l,
            text: text.chars().skip(s).take(e - s).collect(),
            value: Default::default(),
            rule: "r".into(),
            modifier: None,
            evidence: String::new(),
            priority: 0,
        };
        let mentions = vec![
            m(1, 6, Label::Gpe),
            m(7, 14, Label::Norp),
            m(15, 21, Label::Org),
        ];
        let tokens = whitespace_tokens(text);
        assert_eq!(
            project_tags(&tokens, &mentions),
            vec!["B-LOC", "O", "B-ORG"]
        );
    }
}
