//! The ANERcorp reader and chunk scorer on the shared ANERcorp training
//! split (`../shared/data/anercorp/train.txt`, outside the repository). The
//! test fails with a message when the file is absent (CI always has it).

use std::path::Path;

use kashif::eval::conll;

#[test]
fn anercorp_train_reads_and_scores_itself_perfectly() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/anercorp/train.txt");
    assert!(
        path.is_file(),
        "{}: shared data is missing; it must sit beside the repository (../shared), as in CI",
        path.display()
    );
    let corpus = conll::read_conll_file(&path).unwrap();
    // The README counts 3,667 sentences, which is the number of blank
    // lines; the file does not end with one, so there are 3,668 sentences.
    assert_eq!(corpus.sentences.len(), 3668);
    let tokens: usize = corpus.sentences.iter().map(|s| s.tokens.len()).sum();
    assert_eq!(tokens, 125_087);
    let gold: Vec<Vec<String>> = corpus.sentences.iter().map(|s| s.tags.clone()).collect();
    let r = conll::score_tags(&gold, &gold);
    assert_eq!(r.micro.f1(), 1.0);
    assert_eq!(r.micro.gold, r.micro.correct);
    let types: Vec<&str> = r.by_type.keys().map(String::as_str).collect();
    assert_eq!(types, vec!["LOC", "MISC", "ORG", "PERS"]);
    // The last 20 % of the sentences.
    let test = corpus.split(0.8, 1.0);
    assert_eq!(test.len(), 3668 - (0.8f64 * 3668.0).floor() as usize);
}
