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
//! Stages: `startup` (compile the rules `times` times), `light`, `key`, `scan`, `analysis` (scan plus the NFKC check),
//! `extract`, `none` (only build the corpus, to subtract).

use std::path::Path;

use kashif::text::{key, light, scan, Analysis};

/// The allocator of the `kashif` binary, so the stages run as it does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use kashif::{perf, ExtractOptions, Extractor};

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
    let unique = perf::default_documents(Path::new(env!("CARGO_MANIFEST_DIR")), true);
    let (docs, _) = perf::assemble(&unique, (megabytes * 1e6) as usize);
    let x = Extractor::with_default_rules().expect("rules");
    let options = ExtractOptions::default();
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
                "none" => 0,
                other => panic!("unknown stage {other}"),
            };
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (perf::total_bytes(&docs) * times) as f64 / 1e6;
    eprintln!(
        "{stage}: {n} units, {mb:.1} MB in {secs:.3} s = {:.1} MB/s",
        mb / secs
    );
}
