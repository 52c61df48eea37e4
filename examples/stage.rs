//! Run one stage over the assembled ~10 MB corpus a number of times, for
//! profilers and instruction counts (`perf stat -e instructions:u`), which
//! are stable where wall-clock timings on a shared machine are not:
//!
//! ```sh
//! cargo build --release --example stage
//! perf stat -e instructions:u target/release/examples/stage scan 5
//! ```
//!
//! A third argument sets the corpus size in MB (default 10); under
//! `valgrind --tool=callgrind` a small one (`extract 1 0.5`) keeps it quick.
//!
//! Stages: `startup` (compile the rules `times` times), `light`, `key`,
//! `scan`, `analysis` (scan plus the NFKC check), `extract`, `numbers` and
//! `names` (one recognizer alone, on analyses built before timing), `none`
//! (only build the corpus, to subtract).
//!
//! `stage numbers-dump` prints the numeric recognizer's mentions on the
//! unique documents as JSON lines, to compare outputs before and after a
//! change.

use std::path::Path;

use kashif::recognize::DocContext;
use kashif::text::{key, light, scan, Analysis};
use kashif::{perf, ExtractOptions, Extractor};

/// The allocator of the `kashif` binary, so the stages run as it does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let stage = args.next().unwrap_or_else(|| "scan".to_string());
    let times: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let megabytes: f64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(10.0);
    if stage == "startup" {
        // Compile the rules `times` times; the best and median wall times.
        let mut ms: Vec<f64> = (0..times.max(1))
            .map(|_| {
                let t = std::time::Instant::now();
                let x = Extractor::with_default_rules().expect("rules");
                let elapsed = t.elapsed().as_secs_f64() * 1e3;
                drop(x);
                elapsed
            })
            .collect();
        ms.sort_by(f64::total_cmp);
        eprintln!(
            "startup: best {:.1} ms, median {:.1} ms",
            ms[0],
            ms[ms.len() / 2]
        );
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let unique = perf::default_documents(repo, true);
    // Instruction counts differ by the inputs: say which ones this run has.
    match perf::anercorp_path(repo) {
        Some(path) => eprintln!("inputs: corpus/ and ANERcorp ({})", path.display()),
        None => eprintln!("inputs: corpus/ only (ANERcorp absent beside the repository)"),
    }
    let (docs, _) = perf::assemble(&unique, (megabytes * 1e6) as usize);
    let x = Extractor::with_default_rules().expect("rules");
    let options = ExtractOptions::default();
    if stage == "numbers-dump" {
        let mut out = Vec::new();
        for d in &unique {
            let a = Analysis::new(&d.text);
            x.numbers().recognize(&context(&d.id, &a), &mut out);
            for m in out.drain(..) {
                println!("{}", serde_json::to_string(&m).expect("json"));
            }
        }
        return;
    }
    let analyses: Vec<Analysis<'_>> = if stage == "numbers" || stage == "names" {
        docs.iter().map(|d| Analysis::new(&d.text)).collect()
    } else {
        Vec::new()
    };
    let mut mentions = Vec::new();
    let start = std::time::Instant::now();
    let mut n = 0usize;
    for _ in 0..times {
        for d in &docs {
            n += match stage.as_str() {
                "light" => light(&d.text).len(),
                "key" => key(&d.text).len(),
                "scan" => scan(&d.text).len(),
                "analysis" => Analysis::new(&d.text).len(),
                "extract" => x.extract(&d.id, &d.text, &options).len(),
                "numbers" | "names" => 0,
                "none" => 0,
                other => panic!("unknown stage {other}"),
            };
        }
        for (d, a) in docs.iter().zip(&analyses) {
            if stage == "names" {
                x.names().recognize(&context(&d.id, a), &mut mentions);
            } else {
                x.numbers().recognize(&context(&d.id, a), &mut mentions);
            }
            n += mentions.len();
            mentions.clear();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (perf::total_bytes(&docs) * times) as f64 / 1e6;
    eprintln!(
        "{stage}: {n} units, {mb:.1} MB in {secs:.3} s = {:.1} MB/s",
        mb / secs
    );
}

fn context<'a>(id: &str, analysis: &'a Analysis<'a>) -> DocContext<'a> {
    DocContext::plain(id, analysis)
}
