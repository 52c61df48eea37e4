//! Snapshot files for the tests: expected output kept as plain text under
//! `tests/snapshots/`, so a fix and a regression both show up as a diff.
//!
//! `check(name, actual)` compares `actual` with `tests/snapshots/<name>`.
//! Run the test with `KASHIF_BLESS=1` to (re)write the file after a
//! reviewed change, then read the diff with `git diff tests/snapshots/`.

use std::path::PathBuf;

/// The environment variable that rewrites snapshots instead of comparing.
pub const BLESS: &str = "KASHIF_BLESS";

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name)
}

/// Compare `actual` with the snapshot `name`, or write it under `KASHIF_BLESS=1`.
/// Panics with the first differing lines and the command that accepts them.
pub fn check(name: &str, test: &str, actual: &str) {
    let file = path(name);
    if std::env::var_os(BLESS).is_some_and(|v| v != "0") {
        std::fs::write(&file, actual)
            .unwrap_or_else(|e| panic!("{}: cannot write snapshot: {e}", file.display()));
        return;
    }
    let accept = format!(
        "if the change is intended, accept it with `{BLESS}=1 cargo test --release --test {test}` and review `git diff tests/snapshots/{name}`"
    );
    let expected = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) => panic!("{}: cannot read snapshot ({e}); {accept}", file.display()),
    };
    if expected == actual {
        return;
    }
    let (old, new): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let removed: Vec<&str> = old.iter().filter(|l| !new.contains(l)).copied().collect();
    let added: Vec<&str> = new.iter().filter(|l| !old.contains(l)).copied().collect();
    let mut report = String::new();
    for line in removed.iter().take(40) {
        report.push_str(&format!("\n  - {line}"));
    }
    for line in added.iter().take(40) {
        report.push_str(&format!("\n  + {line}"));
    }
    if removed.is_empty() && added.is_empty() {
        report.push_str("\n  (same lines, different order or count)");
    }
    panic!(
        "output differs from tests/snapshots/{name} ({} line(s) gone, {} new; `-` expected, `+` now):{report}\n{accept}",
        removed.len(),
        added.len()
    );
}
