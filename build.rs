//! Embeds every file under `rules/` into the binary as the default rule set,
//! so `kashif` runs without a rules directory and a new data file needs no
//! Rust change. Generator inputs under a `curated/` folder are not embedded.

use std::fmt::Write as _;
use std::path::Path;

fn collect(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            // `curated/` folders hold the hand-written inputs of a generator
            // script (scripts/build_lexicons.py reads rules/names/curated/);
            // kashif reads the files the script writes, not these.
            if path.file_name().is_some_and(|n| n == "curated") {
                continue;
            }
            collect(&path, root, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("csv" | "jsonl" | "tsv")
        ) {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push(rel);
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    let mut code = String::from("/// Every rule file under `rules/`, embedded at build time.\npub static EMBEDDED_RULES: &[(&str, &str)] = &[\n");
    for rel in &files {
        println!("cargo:rerun-if-changed=rules/{rel}");
        writeln!(
            code,
            "    ({rel:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/rules/{rel}\"))),"
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_rules.rs");
    std::fs::write(out, code).unwrap();
}
