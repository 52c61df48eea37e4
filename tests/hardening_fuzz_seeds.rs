//! Replays every committed fuzz input through the same target functions the
//! `cargo fuzz` targets call (`kashif::fuzzing`), on stable Rust: the seeds
//! in `fuzz/corpus/<target>/` and the minimized crash inputs kept as
//! regressions in `fuzz/regressions/<target>/`. A harness that no longer
//! builds or a crash that comes back fails here. See `docs/reliability.md`.

use std::path::Path;

fn inputs(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    files
}

#[test]
fn every_seed_and_regression_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    for (name, target) in kashif::fuzzing::TARGETS {
        let seeds = inputs(&root.join("corpus").join(name));
        assert!(
            seeds.len() >= 4,
            "fuzz/corpus/{name}: the target needs committed seeds (scripts/make_fuzz_seeds.py)"
        );
        for file in seeds
            .iter()
            .chain(&inputs(&root.join("regressions").join(name)))
        {
            let data = std::fs::read(file).unwrap();
            let run = std::panic::catch_unwind(|| target(&data));
            assert!(run.is_ok(), "{name}: {} fails", file.display());
        }
    }
}

#[test]
fn targets_reject_what_they_should_check() {
    // The invariant checker is not vacuous: a mention whose text is not its
    // slice, or that runs past the text, is caught.
    let mut m = kashif::Mention {
        doc: "d".into(),
        start: 0,
        end: 4,
        label: kashif::Label::Gpe,
        text: "بكين".to_string(),
        value: Default::default(),
        rule: "r".into(),
        modifier: None,
        evidence: String::new(),
        priority: 0,
    };
    kashif::fuzzing::check_mentions("بكين اليوم", std::slice::from_ref(&m));
    m.end = 5;
    let wrong = std::panic::catch_unwind(|| {
        kashif::fuzzing::check_mentions("بكين اليوم", std::slice::from_ref(&m))
    });
    assert!(wrong.is_err());
    m.end = 40;
    let outside = std::panic::catch_unwind(|| {
        kashif::fuzzing::check_mentions("بكين", std::slice::from_ref(&m))
    });
    assert!(outside.is_err());
}

#[test]
fn a_ligature_that_expands_to_two_words_gives_two_tokens_on_one_character() {
    // Found by the `tokenize` target (fuzz/regressions/tokenize/): NFKC turns
    // U+FDFB into `جل جلاله`; both words point at the one original character.
    let text = "قال الله \u{FDFB} في بكين";
    let analysis = kashif::text::Analysis::new(text);
    let on_ligature: Vec<(usize, usize)> = analysis
        .tokens()
        .iter()
        .filter(|t| t.start == 9)
        .map(|t| (t.start, t.end))
        .collect();
    assert_eq!(on_ligature, [(9, 10), (9, 10)]);
    kashif::fuzzing::tokenize(text.as_bytes());
    kashif::fuzzing::extract(text.as_bytes());
}
