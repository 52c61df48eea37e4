//! Criterion benches, one group per stage of the pipeline, on the seed
//! article and on a ~10 MB corpus assembled at start from `corpus/` and, when
//! present, the ANERcorp text in `../shared/data/anercorp/train.txt`.
//!
//! Every bench checks its answer before timing (token, split or mention
//! count equal to one computed by an independent path or pinned in
//! `benches/expected.json`), so a fast wrong build cannot look good.
//! See `benches/README.md`.

use std::path::PathBuf;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// The allocator of the `kashif` binary (mimalloc), so the benches time
/// what it runs, with a counter of allocations that is switched on only
/// while [`allocations`] measures a stage (off, it costs one relaxed load).
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations (and reallocations) made by `work`, and its result.
fn allocations<R>(work: impl FnOnce() -> R) -> (u64, R) {
    ALLOCATIONS.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    let r = work();
    COUNTING.store(false, Ordering::Relaxed);
    (ALLOCATIONS.load(Ordering::Relaxed), r)
}

use criterion::{
    black_box, criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, SamplingMode,
    Throughput,
};
use rayon::prelude::*;
use tokenizers::normalizers::Sequence;
use tokenizers::{NormalizedString, Normalizer};

use kashif::io::formats::append_jsonl;
use kashif::perf;
use kashif::recognize::resolve_conflicts;
use kashif::recognize::DocContext;
use kashif::text::clitics::{clitic_splits, shared_table};
use kashif::text::{key, light, reference, scan, Analysis, TokenKind};
use kashif::{Document, ExtractOptions, Extractor, Mention};

/// Size of the assembled corpus (bytes).
const CORPUS_BYTES: usize = 10_000_000;
/// The reference baseline is slow: it runs on a slice of the corpus this big.
const BASELINE_BYTES: usize = 1024 * 1024;
/// The seed article (the corpus's first article).
const SEED: &str = "corpus/xinhua-2015-04-07-china-kazakhstan.txt";
/// Counts pinned for the seed article.
const EXPECTED: &str = "benches/expected.json";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------- answers

/// The counts pinned for the seed article in `benches/expected.json`. With
/// `KASHIF_BENCH_BLESS=1` a mismatch rewrites the file instead of failing.
struct Expected {
    values: serde_json::Map<String, serde_json::Value>,
    bless: bool,
    dirty: bool,
}

impl Expected {
    fn load() -> Self {
        let path = repo().join(EXPECTED);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
        let values = json
            .get("seed")
            .and_then(|s| s.as_object())
            .cloned()
            .unwrap_or_default();
        Expected {
            values,
            bless: std::env::var_os("KASHIF_BENCH_BLESS").is_some_and(|v| v == "1"),
            dirty: false,
        }
    }

    fn check(&mut self, name: &str, actual: usize) {
        let expected = self.values.get(name).and_then(|v| v.as_u64());
        if expected == Some(actual as u64) {
            return;
        }
        if self.bless {
            eprintln!("bless: seed.{name} = {actual} (was {expected:?})");
            self.values.insert(name.to_string(), actual.into());
            self.dirty = true;
            return;
        }
        panic!(
            "wrong answer on the seed article: `{name}` count is {actual}, but {EXPECTED} pins \
             {expected:?}.\nIf the change is intended (a recognizer was improved), update the \
             file: run\n    KASHIF_BENCH_BLESS=1 cargo bench --bench pipeline -- --test\nand \
             commit benches/expected.json. Otherwise the build is wrong: fix it before timing."
        );
    }

    fn save(&self) {
        if !self.dirty {
            return;
        }
        let path = repo().join(EXPECTED);
        let mut json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        json["seed"] = serde_json::Value::Object(self.values.clone());
        let mut text = serde_json::to_string_pretty(&json).unwrap();
        text.push('\n');
        std::fs::write(&path, text).unwrap();
        eprintln!("bless: wrote {}", path.display());
    }
}

fn assert_count(what: &str, actual: usize, expected: usize) {
    assert_eq!(
        actual, expected,
        "wrong answer: {what} is {actual}, the independent path says {expected}; \
         fix the build before timing it"
    );
}

/// The reference normalizer (the `tokenizers` crate), compiled once.
fn reference_normalizer() -> &'static Sequence {
    static NORMALIZER: std::sync::OnceLock<Sequence> = std::sync::OnceLock::new();
    NORMALIZER.get_or_init(|| reference::normalizer(false).unwrap())
}

/// Characters of the reference normalizer's output.
fn reference_light_chars(text: &str) -> usize {
    let mut n = NormalizedString::from(text);
    reference_normalizer().normalize(&mut n).unwrap();
    n.get().chars().count()
}

/// Tokens of the reference pipeline.
fn reference_tokens(text: &str) -> usize {
    reference::analyze(text, false).unwrap().len()
}

/// Clitic splits counted the naive way: every proclitic that prefixes the
/// key and leaves a stem of two characters or more, plus the restored
/// article after `ل` + `ل`.
fn naive_splits(key: &str) -> usize {
    let total = key.chars().count();
    shared_table()
        .proclitics()
        .iter()
        .filter_map(|p| {
            let stem = key.strip_prefix(p.as_str())?;
            (total - p.chars().count() >= 2)
                .then_some(1 + usize::from(p.ends_with('ل') && stem.starts_with('ل')))
        })
        .sum()
}

fn splits_of(a: &Analysis<'_>) -> usize {
    (0..a.len())
        .filter(|&i| a.tokens()[i].kind == TokenKind::Word)
        .map(|i| clitic_splits(a.key(i)).len())
        .sum()
}

fn light_chars(docs: &[Document]) -> usize {
    docs.iter().map(|d| light(&d.text).chars().count()).sum()
}

fn key_bytes(docs: &[Document]) -> usize {
    docs.iter().map(|d| key(&d.text).len()).sum()
}

fn scan_tokens(docs: &[Document]) -> usize {
    docs.iter().map(|d| scan(&d.text).len()).sum()
}

fn ctx<'a>(id: &str, a: &'a Analysis<'a>) -> DocContext<'a> {
    DocContext::plain(id, a)
}

fn numbers_count(x: &Extractor, ids: &[Document], analyses: &[Analysis<'_>]) -> usize {
    let mut out = Vec::new();
    let mut n = 0;
    for (d, a) in ids.iter().zip(analyses) {
        x.numbers().recognize(&ctx(&d.id, a), &mut out);
        n += out.len();
        out.clear();
    }
    n
}

fn names_count(x: &Extractor, ids: &[Document], analyses: &[Analysis<'_>]) -> usize {
    let mut out = Vec::new();
    let mut n = 0;
    for (d, a) in ids.iter().zip(analyses) {
        x.names().recognize(&ctx(&d.id, a), &mut out);
        n += out.len();
        out.clear();
    }
    n
}

/// The candidates of both recognizers, per document (the input of conflict resolution).
fn candidates(x: &Extractor, ids: &[Document], analyses: &[Analysis<'_>]) -> Vec<Vec<Mention>> {
    ids.iter()
        .zip(analyses)
        .map(|(d, a)| {
            let mut out = Vec::new();
            x.numbers().recognize(&ctx(&d.id, a), &mut out);
            x.names().recognize(&ctx(&d.id, a), &mut out);
            out
        })
        .collect()
}

/// Mentions kept by conflict resolution over each document's candidates.
fn resolve_count(candidates: Vec<Vec<Mention>>) -> usize {
    candidates
        .into_iter()
        .map(|c| resolve_conflicts(c).len())
        .sum()
}

/// The mentions of each document, extracted once (the input of the writer).
fn mentions_of(x: &Extractor, docs: &[Document]) -> Vec<Vec<Mention>> {
    let options = ExtractOptions::default();
    docs.iter()
        .map(|d| x.extract(&d.id, &d.text, &options))
        .collect()
}

/// Append every document's mentions as JSONL to `out` (cleared first), as
/// `kashif extract` does into its reused buffers; the lines written.
fn write_lines(mentions: &[Vec<Mention>], out: &mut Vec<u8>) -> usize {
    out.clear();
    for m in mentions {
        append_jsonl(out, m).unwrap();
    }
    out.iter().filter(|&&b| b == b'\n').count()
}

/// FNV-1a of bytes: the seed's JSONL output is pinned by this hash, so a
/// bench that writes other bytes (a value, an offset) stops before timing.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn extract_count(x: &Extractor, docs: &[Document], pool: &rayon::ThreadPool) -> usize {
    let options = ExtractOptions::default();
    pool.install(|| {
        docs.par_iter()
            .map(|d| x.extract(&d.id, &d.text, &options).len())
            .sum()
    })
}

// ---------------------------------------------------------------- inputs

struct Inputs {
    seed: Vec<Document>,
    /// The distinct documents the corpus repeats.
    unique: Vec<Document>,
    corpus: Vec<Document>,
    passes: usize,
    /// The first documents of the corpus, about `BASELINE_BYTES`.
    baseline: Vec<Document>,
}

fn inputs() -> Inputs {
    let root = repo();
    let seed_text = std::fs::read_to_string(root.join(SEED)).expect("seed article");
    let seed = vec![Document::new("seed", seed_text)];
    let unique = perf::default_documents(&root, true);
    let has_anercorp = perf::anercorp_path(&root).is_some();
    let (corpus, passes) = perf::assemble(&unique, CORPUS_BYTES);
    let mut baseline = Vec::new();
    for d in &unique {
        if perf::total_bytes(&baseline) >= BASELINE_BYTES {
            break;
        }
        baseline.push(d.clone());
    }
    eprintln!(
        "inputs: seed {} B; corpus {} docs, {:.1} MB ({} passes over {} distinct docs, {:.2} MB; \
         ANERcorp {}); baseline slice {:.2} MB; {} threads",
        seed[0].text.len(),
        corpus.len(),
        perf::total_bytes(&corpus) as f64 / 1e6,
        passes,
        unique.len(),
        perf::total_bytes(&unique) as f64 / 1e6,
        if has_anercorp { "included" } else { "absent" },
        perf::total_bytes(&baseline) as f64 / 1e6,
        rayon::current_num_threads(),
    );
    Inputs {
        seed,
        unique,
        corpus,
        passes,
        baseline,
    }
}

fn group<'c>(
    c: &'c mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'c, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2))
        .sampling_mode(SamplingMode::Flat);
    g
}

/// The `tokenizers` reference baseline of a group (`reference-tokenizers`)
/// on the seed and on the 1 MB slice: `count` runs it on one text.
fn bench_reference(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    inp: &Inputs,
    count: fn(&str) -> usize,
) {
    for (name, docs) in [("seed", &inp.seed), ("corpus-1MB", &inp.baseline)] {
        g.throughput(bytes(docs));
        g.bench_with_input(
            BenchmarkId::new("reference-tokenizers", name),
            docs,
            |b, docs| {
                b.iter(|| {
                    docs.iter()
                        .map(|d| count(black_box(&d.text)))
                        .sum::<usize>()
                })
            },
        );
    }
}

fn bytes(docs: &[Document]) -> Throughput {
    Throughput::Bytes(perf::total_bytes(docs) as u64)
}

// ---------------------------------------------------------------- benches

fn stages(c: &mut Criterion) {
    let inp = inputs();
    let mut expected = Expected::load();
    let sets: [(&str, &[Document]); 2] = [("seed", &inp.seed), ("corpus-10MB", &inp.corpus)];
    let per_pass = |f: &dyn Fn(&[Document]) -> usize| f(&inp.unique) * inp.passes;

    // Normalization: light and key folds over whole texts.
    let ref_light_seed: usize = inp
        .seed
        .iter()
        .map(|d| reference_light_chars(&d.text))
        .sum();
    let ref_light_corpus =
        per_pass(&|docs| docs.iter().map(|d| reference_light_chars(&d.text)).sum());
    assert_count("light chars (seed)", light_chars(&inp.seed), ref_light_seed);
    assert_count(
        "light chars (corpus)",
        light_chars(&inp.corpus),
        ref_light_corpus,
    );
    expected.check("light_chars", ref_light_seed);
    expected.check("key_bytes", key_bytes(&inp.seed));
    {
        let mut g = group(c, "normalization");
        for (name, docs) in sets {
            g.throughput(bytes(docs));
            g.bench_with_input(BenchmarkId::new("light", name), docs, |b, docs| {
                b.iter(|| light_chars(black_box(docs)))
            });
            g.bench_with_input(BenchmarkId::new("key", name), docs, |b, docs| {
                b.iter(|| key_bytes(black_box(docs)))
            });
        }
        bench_reference(&mut g, &inp, reference_light_chars);
        g.finish();
    }

    // Tokenization: the fast scanner against the `tokenizers` reference.
    let ref_tokens_seed: usize = inp.seed.iter().map(|d| reference_tokens(&d.text)).sum();
    let ref_tokens_corpus = per_pass(&|docs| docs.iter().map(|d| reference_tokens(&d.text)).sum());
    assert_count(
        "scan tokens (seed)",
        scan_tokens(&inp.seed),
        ref_tokens_seed,
    );
    assert_count(
        "scan tokens (corpus)",
        scan_tokens(&inp.corpus),
        ref_tokens_corpus,
    );
    expected.check("tokens", ref_tokens_seed);
    {
        let mut g = group(c, "tokenization");
        for (name, docs) in sets {
            g.throughput(bytes(docs));
            g.bench_with_input(BenchmarkId::new("scan", name), docs, |b, docs| {
                b.iter(|| scan_tokens(black_box(docs)))
            });
        }
        bench_reference(&mut g, &inp, reference_tokens);
        g.finish();
    }

    // The analyses the later stages read (built once, outside the timing).
    let seed_an: Vec<Analysis<'_>> = inp.seed.iter().map(|d| Analysis::new(&d.text)).collect();
    let corpus_an: Vec<Analysis<'_>> = inp.corpus.iter().map(|d| Analysis::new(&d.text)).collect();
    let sets_an: [(&str, &[Document], &[Analysis<'_>]); 2] = [
        ("seed", &inp.seed, &seed_an),
        ("corpus-10MB", &inp.corpus, &corpus_an),
    ];

    // Clitic analysis: candidate splits of every word token.
    for (name, _, an) in sets_an {
        let naive: usize = an
            .iter()
            .map(|a| {
                (0..a.len())
                    .filter(|&i| a.tokens()[i].kind == TokenKind::Word)
                    .map(|i| naive_splits(a.key(i)))
                    .sum::<usize>()
            })
            .sum();
        assert_count(
            &format!("clitic splits ({name})"),
            an.iter().map(splits_of).sum(),
            naive,
        );
        if name == "seed" {
            expected.check("clitic_splits", naive);
        }
    }
    {
        let mut g = group(c, "clitics");
        for (name, docs, an) in sets_an {
            g.throughput(bytes(docs));
            g.bench_with_input(BenchmarkId::new("splits", name), an, |b, an| {
                b.iter(|| black_box(an).iter().map(splits_of).sum::<usize>())
            });
        }
        g.finish();
    }

    // The recognizers on analyzed documents.
    let x = Extractor::with_default_rules().expect("default rules");
    let unique_an: Vec<Analysis<'_>> = inp.unique.iter().map(|d| Analysis::new(&d.text)).collect();
    expected.check("numbers", numbers_count(&x, &inp.seed, &seed_an));
    expected.check("names", names_count(&x, &inp.seed, &seed_an));
    assert_count(
        "numeric candidates (corpus)",
        numbers_count(&x, &inp.corpus, &corpus_an),
        numbers_count(&x, &inp.unique, &unique_an) * inp.passes,
    );
    assert_count(
        "name candidates (corpus)",
        names_count(&x, &inp.corpus, &corpus_an),
        names_count(&x, &inp.unique, &unique_an) * inp.passes,
    );
    drop(unique_an);
    {
        let mut g = group(c, "numbers");
        for (name, docs, an) in sets_an {
            g.throughput(bytes(docs));
            g.bench_with_input(
                BenchmarkId::new("recognize", name),
                &(docs, an),
                |b, &(d, a)| b.iter(|| numbers_count(&x, d, black_box(a))),
            );
        }
        g.finish();
    }
    {
        let mut g = group(c, "names");
        for (name, docs, an) in sets_an {
            g.throughput(bytes(docs));
            g.bench_with_input(
                BenchmarkId::new("recognize", name),
                &(docs, an),
                |b, &(d, a)| b.iter(|| names_count(&x, d, black_box(a))),
            );
        }
        g.finish();
    }
    // Conflict resolution on each document's candidates (collected once;
    // each timed run resolves a fresh copy, made outside the timing).
    let seed_candidates = candidates(&x, &inp.seed, &seed_an);
    let corpus_candidates = candidates(&x, &inp.corpus, &corpus_an);
    let unique_an: Vec<Analysis<'_>> = inp.unique.iter().map(|d| Analysis::new(&d.text)).collect();
    assert_count(
        "resolved mentions (corpus)",
        resolve_count(corpus_candidates.clone()),
        resolve_count(candidates(&x, &inp.unique, &unique_an)) * inp.passes,
    );
    drop(unique_an);
    {
        let mut g = group(c, "resolve");
        for (name, docs, cands) in [
            ("seed", &inp.seed, &seed_candidates),
            ("corpus-10MB", &inp.corpus, &corpus_candidates),
        ] {
            g.throughput(bytes(docs));
            g.bench_with_input(
                BenchmarkId::new("resolve_conflicts", name),
                cands,
                |b, cands| b.iter_batched(|| cands.clone(), resolve_count, BatchSize::LargeInput),
            );
        }
        g.finish();
    }
    drop(corpus_candidates);
    drop(corpus_an);
    drop(seed_an);

    // The JSONL writer on the extracted mentions; the seed's bytes are pinned.
    let seed_mentions = mentions_of(&x, &inp.seed);
    let corpus_mentions = mentions_of(&x, &inp.corpus);
    let mut buffer = Vec::new();
    write_lines(&seed_mentions, &mut buffer);
    expected.check("jsonl_fnv1a", fnv1a(&buffer) as usize);
    assert_count(
        "JSONL lines (corpus)",
        write_lines(&corpus_mentions, &mut buffer),
        corpus_mentions.iter().map(Vec::len).sum(),
    );
    {
        let mut g = group(c, "write");
        for (name, docs, mentions) in [
            ("seed", &inp.seed, &seed_mentions),
            ("corpus-10MB", &inp.corpus, &corpus_mentions),
        ] {
            g.throughput(bytes(docs));
            g.bench_with_input(BenchmarkId::new("jsonl", name), mentions, |b, mentions| {
                b.iter(|| write_lines(black_box(mentions), &mut buffer))
            });
        }
        g.finish();
    }
    allocation_report(&x, &inp, &corpus_mentions);
    drop(corpus_mentions);

    // The full pipeline, one document per rayon task, 1 and all threads.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pool1 = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let pool_all = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let seed_mentions = extract_count(&x, &inp.seed, &pool1);
    expected.check("mentions", seed_mentions);
    let one = extract_count(&x, &inp.corpus, &pool1);
    assert_count(
        "mentions, all threads (corpus)",
        extract_count(&x, &inp.corpus, &pool_all),
        one,
    );
    assert_count(
        "mentions, 1 thread (corpus)",
        one,
        extract_count(&x, &inp.unique, &pool1) * inp.passes,
    );
    expected.save();
    {
        let mut g = group(c, "pipeline");
        for (name, docs) in sets {
            g.throughput(bytes(docs));
            for (label, pool) in [("1-thread", &pool1), ("all-threads", &pool_all)] {
                if name == "seed" && label == "all-threads" {
                    continue; // one document: nothing to share
                }
                g.bench_with_input(
                    BenchmarkId::new(format!("extract/{label}"), name),
                    docs,
                    |b, docs| b.iter(|| extract_count(&x, black_box(docs), pool)),
                );
            }
        }
        g.finish();
    }

    // Start-up: loading and compiling all the embedded rules.
    {
        let mut g = group(c, "startup");
        g.sampling_mode(SamplingMode::Auto);
        g.bench_function("with_default_rules", |b| {
            b.iter(|| Extractor::with_default_rules().unwrap())
        });
        g.finish();
    }
}

/// Allocations per KB of input of each stage on the distinct corpus
/// documents (one pass), printed once: the allocator is a cost the timings
/// include but do not show.
fn allocation_report(x: &Extractor, inp: &Inputs, corpus_mentions: &[Vec<Mention>]) {
    let docs = &inp.unique;
    let kb = perf::total_bytes(docs) as f64 / 1000.0;
    let (tokenize, analyses) = allocations(|| {
        docs.iter()
            .map(|d| Analysis::new(&d.text))
            .collect::<Vec<_>>()
    });
    let (numbers, _) = allocations(|| numbers_count(x, docs, &analyses));
    let (names, _) = allocations(|| names_count(x, docs, &analyses));
    let cands = candidates(x, docs, &analyses);
    let (resolve, _) = allocations(|| resolve_count(cands));
    let (extract, _) = allocations(|| mentions_of(x, docs));
    let unique_mentions = &corpus_mentions[..docs.len().min(corpus_mentions.len())];
    let mut buffer = Vec::new();
    write_lines(unique_mentions, &mut buffer);
    let (write, _) = allocations(|| write_lines(unique_mentions, &mut buffer));
    eprintln!(
        "allocations per KB of input ({} distinct documents, {kb:.0} KB):",
        docs.len()
    );
    for (stage, n) in [
        ("tokenize", tokenize),
        ("numbers", numbers),
        ("names", names),
        ("resolve", resolve),
        ("write (JSONL)", write),
        ("extract (whole pipeline)", extract),
    ] {
        eprintln!("  {stage:<26} {:>8.1}", n as f64 / kb);
    }
}

/// Adversarial inputs at two sizes: linear time shows as equal MB/s.
fn adversarial(c: &mut Criterion) {
    let x = Extractor::with_default_rules().expect("default rules");
    let options = ExtractOptions::default();
    let mut g = group(c, "adversarial");
    g.measurement_time(Duration::from_secs(1));
    for scale in [0.25, 1.0] {
        for (kind, text) in perf::adversarial_inputs(scale) {
            let tokens = scan(&text).len();
            let mentions = x.extract(kind, &text, &options);
            assert!(
                mentions.len() <= tokens,
                "{kind}: {} mentions for {tokens} tokens",
                mentions.len()
            );
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(
                BenchmarkId::new(kind, format!("{}B", text.len())),
                &text,
                |b, text| b.iter(|| x.extract(kind, black_box(text), &options).len()),
            );
        }
    }
    g.finish();
}

criterion_group!(benches, stages, adversarial);
criterion_main!(benches);
