//! Linear growth on adversarial input, measured with a counter instead of a
//! clock (issue #16): the allocations made and bytes allocated while
//! extracting an input of size n and of size 8n. Quadratic work in kashif
//! (re-scanning a run for every start, copying a growing candidate) shows up
//! as ~64× the allocations or bytes at 8× the size; linear work stays near
//! 8×. The machine has no hardware instruction counters (a VM), so the
//! allocator is the counter; a quadratic loop that never allocates would
//! escape it, which the `adversarial` bench group covers by time.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use kashif::{ExtractOptions, Extractor};

/// The system allocator, counting calls and bytes while `COUNTING` is set.
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static CALLS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            CALLS.fetch_add(1, Ordering::Relaxed);
            BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
        }
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            CALLS.fetch_add(1, Ordering::Relaxed);
            BYTES.fetch_add(
                new_size.saturating_sub(layout.size()) as u64,
                Ordering::Relaxed,
            );
        }
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// (allocation calls, bytes allocated) while extracting `text`.
fn cost(x: &Extractor, text: &str) -> (u64, u64) {
    CALLS.store(0, Ordering::SeqCst);
    BYTES.store(0, Ordering::SeqCst);
    COUNTING.store(true, Ordering::SeqCst);
    let mentions = x.extract("adversarial", text, &ExtractOptions::default());
    COUNTING.store(false, Ordering::SeqCst);
    drop(mentions);
    (CALLS.load(Ordering::SeqCst), BYTES.load(Ordering::SeqCst))
}

/// The counters are global: one measuring test at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Growth allowed from n to 8n: linear is 8, quadratic 64.
const MAX_GROWTH: f64 = 12.0;

fn inputs(n: usize) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = kashif::perf::ADVERSARIAL_KINDS
        .iter()
        .map(|&kind| {
            let units = match kind {
                "digits" | "long-word" | "clitic-letters" | "punctuation" => n * 16,
                "digit-groups" => n * 4,
                _ => n,
            };
            (kind, kashif::perf::adversarial(kind, units))
        })
        .collect();
    // Beyond the bench kinds: the conjunction alone, again and again; a
    // title before every name; text with no space at all.
    out.push(("repeated-wa", "و ".repeat(n * 4)));
    out.push(("wa-chain", "ووو".repeat(n * 4)));
    out.push(("titles", "الرئيس محمد علي ".repeat(n)));
    out.push(("no-space", "بكين2015،الصين٣٤٫٥%وروسيا".repeat(n)));
    out.push(("number-run", "خمسة ".repeat(n * 2)));
    out
}

#[test]
fn extraction_cost_grows_linearly_on_adversarial_input() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let x = Extractor::with_default_rules().unwrap();
    // Warm up lazily built state so the first measurement does not pay it.
    let _ = cost(&x, "بكين 7 أبريل 2015");
    // At 8x, "long-word" is 1 MB without a space.
    let base = 4_000;
    let small = inputs(base);
    let large = inputs(base * 8);
    let mut report = Vec::new();
    for ((kind, s), (_, l)) in small.iter().zip(&large) {
        let (calls_s, bytes_s) = cost(&x, s);
        let (calls_l, bytes_l) = cost(&x, l);
        let calls = calls_l as f64 / calls_s.max(1) as f64;
        let bytes = bytes_l as f64 / bytes_s.max(1) as f64;
        report.push(format!(
            "{kind:<15} {:>9} B: {calls_s:>8} allocs {bytes_s:>10} bytes | 8x: {calls:>5.2}x allocs {bytes:>5.2}x bytes",
            s.len()
        ));
        assert!(
            calls <= MAX_GROWTH && bytes <= MAX_GROWTH,
            "{kind}: 8x the input costs {calls:.1}x the allocations and {bytes:.1}x the bytes\n{}",
            report.join("\n")
        );
    }
    println!("{}", report.join("\n"));
}

#[test]
fn the_counter_sees_quadratic_work() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // The measure itself can fail: a deliberately quadratic computation
    // (a growing prefix copied for every position) is caught.
    let quadratic = |n: usize| {
        CALLS.store(0, Ordering::SeqCst);
        BYTES.store(0, Ordering::SeqCst);
        COUNTING.store(true, Ordering::SeqCst);
        let text = "ب".repeat(n);
        let prefixes: Vec<String> = (0..n).map(|i| text[..i * 2].to_string()).collect();
        COUNTING.store(false, Ordering::SeqCst);
        drop(prefixes);
        BYTES.load(Ordering::SeqCst)
    };
    let growth = quadratic(8_000) as f64 / quadratic(1_000) as f64;
    assert!(growth > MAX_GROWTH, "{growth}");
}
