//! The ANERcorp mode (`kashif eval --conll`) as scored documents, so that its
//! errors and rule report come from the same code as the corpus's: each
//! extraction batch of [`conll::SENTENCES_PER_DOC`] sentences becomes a
//! document whose gold mentions are the gold chunks and whose predictions
//! are the chunks of the projected tags (the tags conlleval scores), each
//! with the rule of the kashif mention it came from.

use rayon::prelude::*;

use super::conll::{self, Sentence};
use super::ScoredDoc;
use crate::io::Document;
use crate::mention::{Label, Layer, Mention};
use crate::recognize::{ExtractOptions, Extractor};

/// The rule id of a predicted chunk that no names mention overlaps (the
/// projection makes none today; the id keeps such a chunk visible).
pub const UNATTRIBUTED_RULE: &str = "conll/unattributed";

/// Scored documents and the projected tags of every sentence.
#[derive(Debug, Clone, Default)]
pub struct ConllDocs {
    /// One document per extraction batch, named after its sentences
    /// (`sentences 3701-3800`, 1-based in the file).
    pub docs: Vec<ScoredDoc>,
    /// The predicted tags, sentence by sentence (as
    /// [`conll::evaluate_conll_with`] computes them).
    pub predicted: Vec<Vec<String>>,
}

/// The kashif label shown for an ANERcorp type: `PERS` → PERSON, `LOC` →
/// LOC, `ORG` → ORG, anything else → MISC.
fn label_of(anercorp: &str) -> Label {
    match anercorp {
        "PERS" => Label::Person,
        "LOC" => Label::Loc,
        "ORG" => Label::Org,
        _ => Label::Misc,
    }
}

/// Run extraction batch by batch as the ANERcorp mode does and return the
/// batches as scored documents. `first_sentence` is the index of
/// `sentences[0]` in the file (for the document names).
pub fn conll_scored_docs(
    extractor: &Extractor,
    sentences: &[Sentence],
    first_sentence: usize,
    options: &ExtractOptions,
    on_batch: &(dyn Fn() + Sync),
) -> ConllDocs {
    conll_scored_docs_laid_out(
        extractor,
        &crate::eval::wikifane::TextLayout::Spaced,
        sentences,
        first_sentence,
        options,
        on_batch,
    )
}

/// [`conll_scored_docs`] with the text built by `layout` (WikiFANE's split
/// clitics joined back) and the CoNLL mode's propagation window.
pub fn conll_scored_docs_laid_out(
    extractor: &Extractor,
    layout: &crate::eval::wikifane::TextLayout,
    sentences: &[Sentence],
    first_sentence: usize,
    options: &ExtractOptions,
    on_batch: &(dyn Fn() + Sync),
) -> ConllDocs {
    let options = &ExtractOptions {
        propagation_window: options
            .propagation_window
            .or(Some(conll::PROPAGATION_WINDOW_SENTENCES)),
        ..options.clone()
    };
    let batches: Vec<(ScoredDoc, Vec<Vec<String>>)> = sentences
        .par_chunks(conll::SENTENCES_PER_DOC)
        .enumerate()
        .map(|(n, batch)| {
            let first = first_sentence + n * conll::SENTENCES_PER_DOC + 1;
            let id = format!("sentences {first}-{}", first + batch.len() - 1);
            let (text, tokens) = layout.lay_out_batch(batch);
            let mentions = extractor.extract(&id, &text, options);
            let tags = conll::project_tags(&tokens, &mentions);
            let doc = Document::new(id, text);
            let chars: Vec<char> = doc.text.chars().collect();
            let mention = |from: usize, to: usize, ty: &str, rule: String| {
                let (start, end) = (tokens[from].0, tokens[to - 1].1);
                Mention {
                    doc: doc.id.clone(),
                    start,
                    end,
                    label: label_of(ty),
                    text: chars[start..end].iter().collect(),
                    value: Default::default(),
                    rule: rule.into(),
                    modifier: None,
                    evidence: String::new(),
                    priority: 0,
                }
            };
            let (mut gold, mut pred, mut predicted) = (Vec::new(), Vec::new(), Vec::new());
            let mut i = 0;
            for s in batch {
                let k = s.tokens.len();
                let mut p: Vec<String> = tags
                    .get(i..i + k)
                    .map(<[String]>::to_vec)
                    .unwrap_or_default();
                p.resize(k, "O".to_string());
                for (a, b, ty) in conll::chunks(&s.tags) {
                    gold.push(mention(i + a, i + b, &ty, "gold".to_string()));
                }
                for (a, b, ty) in conll::chunks(&p) {
                    let (ts, te) = tokens[i + a];
                    let rule = mentions
                        .iter()
                        .find(|m| {
                            m.layer() == Layer::Names
                                && conll::anercorp_type(m.label).is_some()
                                && m.start < te
                                && ts < m.end
                        })
                        .map_or_else(|| UNATTRIBUTED_RULE.to_string(), |m| m.rule.to_string());
                    pred.push(mention(i + a, i + b, &ty, rule));
                }
                predicted.push(p);
                i += k;
            }
            on_batch();
            (ScoredDoc { doc, gold, pred }, predicted)
        })
        .collect();
    let mut out = ConllDocs::default();
    for (doc, predicted) in batches {
        out.docs.push(doc);
        out.predicted.extend(predicted);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleFiles;

    #[test]
    fn batches_carry_gold_chunks_and_predicted_chunks_with_rules() {
        let rules = RuleFiles::embedded();
        let extractor = Extractor::new(&rules).unwrap();
        let corpus = conll::parse_conll(
            "t.conll",
            "زار O\nبوتين B-PERS\nبكين B-LOC\n. O\n\nقال O\nزيدون B-PERS\nقرطبي I-PERS\n. O\n",
        )
        .unwrap();
        let options = ExtractOptions::default();
        let out = conll_scored_docs(&extractor, &corpus.sentences, 10, &options, &|| {});
        assert_eq!(out.docs.len(), 1);
        let d = &out.docs[0];
        assert_eq!(&*d.doc.id, "sentences 11-12");
        let gold: Vec<(&str, Label)> = d.gold.iter().map(|m| (m.text.as_str(), m.label)).collect();
        assert_eq!(
            gold,
            vec![
                ("بوتين", Label::Person),
                ("بكين", Label::Loc),
                ("زيدون قرطبي", Label::Person)
            ]
        );
        let bejing = d
            .pred
            .iter()
            .find(|m| m.text == "بكين")
            .expect("بكين predicted");
        assert_eq!(
            (bejing.label, bejing.rule.as_str()),
            (Label::Loc, "name/gazetteer-gpe")
        );
        // The same tags as the scoring path.
        let scored = conll::evaluate_conll_with(&extractor, &corpus.sentences, &options, &|| {});
        assert_eq!(out.predicted, scored.predicted);
    }
}
