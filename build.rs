//! Embeds every file under `rules/` into the binary as the default rule set,
//! so `kashif` runs without a rules directory and a new data file needs no
//! Rust change. Generator inputs under a `curated/` folder are not embedded.
//!
//! It also precompiles the rule tables whose compiled form depends on their
//! own file only, so a default run skips parsing them: the name-likeness
//! weights (`rules/names/name_likeness.csv`) as a static hash table
//! (`src/rules/static_table.rs`). The recognizer uses the precompiled form
//! only when the file it is given is the embedded one (no overlay); a file
//! the precompiler does not understand gets none, and is compiled at run
//! time with the usual errors.

use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)] // the build script writes tables; the binary reads them
#[path = "src/rules/static_table.rs"]
mod static_table;

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
    println!("cargo:rerun-if-changed=src/rules/static_table.rs");
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
    let out_dir = std::env::var("OUT_DIR").unwrap();
    let out = Path::new(&out_dir).join("embedded_rules.rs");
    std::fs::write(out, code).unwrap();
    let likeness = std::fs::read_to_string(root.join("names/name_likeness.csv")).ok();
    write_likeness_table(Path::new(&out_dir), likeness.as_deref());
}

/// The rows of a plain CSV rule file (no quote, carriage return or byte
/// order mark), cells trimmed, as `CsvTable::parse` reads it: `None` for
/// anything else, which the binary then compiles at run time.
fn plain_csv_rows(text: &str) -> Option<(Vec<&str>, Vec<Vec<&str>>)> {
    if text.contains(['"', '\r']) || text.starts_with('\u{FEFF}') {
        return None;
    }
    let mut header: Option<Vec<&str>> = None;
    let mut rows = Vec::new();
    for line in text.split('\n') {
        if line.trim_start().starts_with('#') || line.is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        match &header {
            None if cells.iter().all(|c| c.is_empty()) => return None,
            None => header = Some(cells),
            Some(names) if names.len() != cells.len() => return None,
            Some(_) => rows.push(cells),
        }
    }
    Some((header?, rows))
}

/// `likeness_table.rs` in `out_dir`: `PRECOMPILED`, the weights of
/// `names/name_likeness.csv` as read by `NameLikeness::parse` (the last row
/// of a gram wins), or `None` when the file is absent or not plain.
fn write_likeness_table(out_dir: &Path, text: Option<&str>) {
    let code = match text.and_then(likeness_blobs) {
        None => "const PRECOMPILED: Option<Precompiled> = None;\n".to_string(),
        Some((bias, blobs)) => {
            let mut fields = String::new();
            for (name, blob) in ["keys", "ends", "slots", "weights"].iter().zip(&blobs) {
                let file = format!("likeness.{name}");
                std::fs::write(out_dir.join(&file), blob).unwrap();
                writeln!(
                    fields,
                    "    {name}: include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\")),"
                )
                .unwrap();
            }
            format!(
                "const PRECOMPILED: Option<Precompiled> = Some(Precompiled {{\n    bias_bits: {bias:#x},\n{fields}}});\n"
            )
        }
    };
    std::fs::write(out_dir.join("likeness_table.rs"), code).unwrap();
}

/// The bias bits and the blobs (keys, ends, slots, weights) of the weights.
fn likeness_blobs(text: &str) -> Option<(u32, [Vec<u8>; 4])> {
    let (header, rows) = plain_csv_rows(text)?;
    let gram_col = header.iter().position(|h| *h == "gram")?;
    let weight_col = header.iter().position(|h| *h == "weight")?;
    let mut bias = 0.0f32;
    let mut order: Vec<&str> = Vec::new();
    let mut weights: std::collections::HashMap<&str, f32> = std::collections::HashMap::new();
    for row in &rows {
        let weight: f32 = row[weight_col].parse().ok()?;
        let gram = row[gram_col];
        if gram == "<bias>" {
            bias = weight;
        } else if weights.insert(gram, weight).is_none() {
            order.push(gram);
        }
    }
    let keys: Vec<u8> = order.iter().flat_map(|g| g.bytes()).collect();
    let ends = static_table::u32_blob(order.iter().scan(0u32, |end, g| {
        *end += g.len() as u32;
        Some(*end)
    }));
    let slots = static_table::u32_blob(
        static_table::build_slots(order.iter().map(|g| g.as_bytes())).into_iter(),
    );
    let values = static_table::u32_blob(order.iter().map(|g| weights[g].to_bits()));
    Some((bias.to_bits(), [keys, ends, slots, values]))
}
