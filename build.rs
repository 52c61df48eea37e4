//! Embeds every file under `rules/` into the binary as the default rule set,
//! so `kashif` runs without a rules directory and a new data file needs no
//! Rust change. Generator inputs under a `curated/` folder are not embedded.
//!
//! It also precompiles the rule tables whose compiled form depends on their
//! own files only, so a default run skips parsing them: the name-likeness
//! weights (`rules/names/name_likeness.csv`), the common and ambiguous
//! word sets (`rules/names/common_words.csv`) and the key sets of the given
//! names, family names and stop words (`rules/names/person_given*.csv`,
//! `person_family*.csv`, `stopwords.csv`), all keyed by the crate's own
//! `text::key`, as static hash tables (`src/rules/static_table.rs`), and
//! the rows of each gazetteer (`rules/names/gaz_*.csv`) with their keys.
//! The recognizer uses the precompiled form only when the files it is
//! given are the embedded ones (no overlay); a file the precompiler does
//! not understand gets none, and is compiled at run time with the usual
//! errors.
//!
//! Last, it precompiles the gazetteer's spelling variants, which depend on
//! many files (`build/gazetteer_variants.rs`): used when the fingerprint of
//! their inputs at run time is the one written here.

use std::fmt::Write as _;
use std::path::Path;

// The crate's own files the build script runs, at the paths the crate has
// them (`crate::text::normalize`, `crate::rules::static_table`), so a file
// shared with the binary compiles alike in both.
#[allow(dead_code)] // the build script writes tables; the binary reads them
#[path = "src/rules"]
mod rules {
    pub mod static_table;
}

#[allow(dead_code)] // the build script keys and scans phrases; the binary does much more
#[path = "src/text"]
mod text {
    pub mod normalize;
    pub mod tokenize;
}

#[allow(dead_code)] // the build script runs the rules; the binary also tests them
#[path = "src/recognize/names/variant_rules.rs"]
mod variant_rules;

#[path = "build/gazetteer_variants.rs"]
mod gazetteer_variants;

use rules::static_table;
use text::normalize;

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
    for shared in [
        "src/text/normalize.rs",
        "src/text/tokenize",
        "src/recognize/names/variant_rules.rs",
        "build",
    ] {
        println!("cargo:rerun-if-changed={shared}");
    }
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
    let common = std::fs::read_to_string(root.join("names/common_words.csv")).ok();
    write_common_words_tables(Path::new(&out_dir), common.as_deref());
    write_word_sets(Path::new(&out_dir), &root, &files);
    let gazetteers: Vec<(&str, String)> = files
        .iter()
        .filter(|rel| rel.starts_with(GAZETTEER_PREFIX) && rel.ends_with(".csv"))
        .filter_map(|rel| Some((rel.as_str(), std::fs::read_to_string(root.join(rel)).ok()?)))
        .collect();
    write_gazetteer_rows(Path::new(&out_dir), &gazetteers);
    let texts: Vec<(String, String)> = files
        .iter()
        .filter_map(|rel| Some((rel.clone(), std::fs::read_to_string(root.join(rel)).ok()?)))
        .collect();
    gazetteer_variants::write(Path::new(&out_dir), &texts);
}

/// The gazetteer files (`names/gaz_*.csv`, as `NameRecognizer::new` finds them).
const GAZETTEER_PREFIX: &str = "names/gaz_";

/// `gazetteer_rows.rs` in `out_dir`: `PRECOMPILED_GAZETTEERS`, for each
/// gazetteer file the precompiler understands, its rows as
/// `NameRecognizer::load_gazetteer` reads them (line, entry, key, label
/// cell, flags: learned, token keys the key's words), so a default run
/// neither parses the file nor keys or scans its entries. A file with a row the loader would reject for its priority or
/// an empty entry, or one not plain enough for [`csv_rows`], gets none
/// (labels are checked at run time either way).
fn write_gazetteer_rows(out_dir: &Path, files: &[(&str, String)]) {
    let mut code =
        String::from("const PRECOMPILED_GAZETTEERS: &[(&str, PrecompiledGazetteer)] = &[\n");
    for (n, (file, text)) in files.iter().enumerate() {
        let Some((pieces, lines, flags)) = gazetteer_rows(text) else {
            continue;
        };
        let keys: String = pieces.concat();
        let ends = static_table::u32_blob(pieces.iter().scan(0u32, |end, p| {
            *end += p.len() as u32;
            Some(*end)
        }));
        let blobs: Vec<Blob> = vec![
            ("keys", keys.into_bytes()),
            ("ends", ends),
            ("lines", static_table::u32_blob(lines.into_iter())),
            ("flags", flags),
        ];
        let fields = include_fields(out_dir, &format!("gazetteer{n}"), &blobs);
        writeln!(
            code,
            "    ({file:?}, PrecompiledGazetteer {{{fields}\n    }}),"
        )
        .unwrap();
    }
    code.push_str("];\n");
    std::fs::write(out_dir.join("gazetteer_rows.rs"), code).unwrap();
}

/// The rows of a gazetteer file: three pieces a row (entry, key, label
/// cell), the line of each row and its flags: [`ROW_LEARNED`] (else
/// curated) and [`ROW_KEY_WORDS`].
type GazetteerRows = (Vec<String>, Vec<u32>, Vec<u8>);

/// A row flag: the row is learned (`priority` `learned`).
const ROW_LEARNED: u8 = 1;

/// A row flag: the entry's token keys are the words of its key between
/// single spaces (as for every entry of Arabic letters and spaces), so the
/// loader needs not scan it.
const ROW_KEY_WORDS: u8 = 2;

fn gazetteer_rows(text: &str) -> Option<GazetteerRows> {
    let (header, rows) = csv_rows(text)?;
    let entry_col = header.iter().position(|h| h == "entry")?;
    let label_col = header.iter().position(|h| h == "label")?;
    let priority_col = header.iter().position(|h| h == "priority");
    let (mut pieces, mut lines, mut flags) = (Vec::new(), Vec::new(), Vec::new());
    for (line, cells) in rows {
        let learned = match priority_col.map(|c| cells[c].as_str()) {
            None | Some("" | "curated") => 0,
            Some("learned") => ROW_LEARNED,
            Some(_) => return None,
        };
        let entry = &cells[entry_col];
        if entry.trim().is_empty() {
            return None;
        }
        let key = normalize::key(entry);
        let key_words = gazetteer_variants::phrase_keys(entry, &key)
            .iter()
            .map(String::as_str)
            .eq(key.split(' '));
        flags.push(learned | if key_words { ROW_KEY_WORDS } else { 0 });
        pieces.push(entry.clone());
        pieces.push(key);
        pieces.push(cells[label_col].clone());
        lines.push(line);
    }
    Some((pieces, lines, flags))
}

/// The header and the rows (1-based line, cells) of a CSV rule file as
/// `CsvTable::parse` reads it, cells unquoted and trimmed; `None` for a file
/// with anything this reader is not sure to read alike: a carriage return,
/// a byte order mark, a quote anywhere but around a whole cell, a quoted
/// cell over several lines, a row whose cell count is not the header's.
#[allow(clippy::type_complexity)]
fn csv_rows(text: &str) -> Option<(Vec<String>, Vec<(u32, Vec<String>)>)> {
    if text.contains('\r') || text.starts_with('\u{FEFF}') {
        return None;
    }
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        if line.trim_start().starts_with('#') || line.is_empty() {
            continue;
        }
        let cells = csv_cells(line)?;
        match &header {
            None if cells.iter().all(|c| c.is_empty()) => return None,
            None => header = Some(cells),
            Some(names) if names.len() != cells.len() => return None,
            Some(_) => rows.push((index as u32 + 1, cells)),
        }
    }
    Some((header?, rows))
}

/// The trimmed cells of one CSV line: a cell is plain (no quote) or all
/// quoted (`"a, b"`, `""` for a quote inside); `None` for anything else.
fn csv_cells(line: &str) -> Option<Vec<String>> {
    let mut cells = Vec::new();
    let mut rest = line;
    loop {
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut cell = String::new();
            let mut chars = quoted.char_indices();
            let after = loop {
                let (at, c) = chars.next()?;
                if c != '"' {
                    cell.push(c);
                } else if quoted[at + 1..].starts_with('"') {
                    cell.push('"');
                    chars.next();
                } else {
                    break &quoted[at + 1..];
                }
            };
            cells.push(cell.trim().to_string());
            match after.strip_prefix(',') {
                Some(next) => rest = next,
                None if after.is_empty() => return Some(cells),
                None => return None,
            }
        } else {
            let (cell, next) = match rest.find(',') {
                Some(at) => (&rest[..at], Some(&rest[at + 1..])),
                None => (rest, None),
            };
            if cell.contains('"') {
                return None;
            }
            cells.push(cell.trim().to_string());
            match next {
                Some(next) => rest = next,
                None => return Some(cells),
            }
        }
    }
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
        Some((bias, blobs)) => format!(
            "const PRECOMPILED: Option<Precompiled> = Some(Precompiled {{\n    bias_bits: {bias:#x},{}\n}});\n",
            include_fields(out_dir, "likeness", &blobs)
        ),
    };
    std::fs::write(out_dir.join("likeness_table.rs"), code).unwrap();
}

/// A part of a precompiled table: its field name and bytes.
type Blob = (&'static str, Vec<u8>);

/// The bias bits and the blobs (keys, ends, slots, weights) of the weights.
fn likeness_blobs(text: &str) -> Option<(u32, Vec<Blob>)> {
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
    let mut blobs = table_blobs(&order);
    blobs.push((
        "weights",
        static_table::u32_blob(order.iter().map(|g| weights[g].to_bits())),
    ));
    Some((bias.to_bits(), blobs))
}

/// The blobs (keys, ends, slots) of a `StaticTable` of these distinct keys.
fn table_blobs<K: AsRef<str>>(keys: &[K]) -> Vec<Blob> {
    let bytes: Vec<u8> = keys.iter().flat_map(|k| k.as_ref().bytes()).collect();
    let ends = static_table::u32_blob(keys.iter().scan(0u32, |end, k| {
        *end += k.as_ref().len() as u32;
        Some(*end)
    }));
    let slots = static_table::u32_blob(
        static_table::build_slots(keys.iter().map(|k| k.as_ref().as_bytes())).into_iter(),
    );
    vec![("keys", bytes), ("ends", ends), ("slots", slots)]
}

/// Struct fields `PART: include_bytes!(..),` of the blobs (`include_str!`
/// for the keys), each written to `out_dir` as `NAME.PART`.
fn include_fields(out_dir: &Path, name: &str, blobs: &[Blob]) -> String {
    let mut fields = String::new();
    for (part, blob) in blobs {
        let file = format!("{name}.{part}");
        std::fs::write(out_dir.join(&file), blob).unwrap();
        // The keys are text (`&str`, checked once by the compiler).
        let include = if *part == "keys" {
            "include_str"
        } else {
            "include_bytes"
        };
        write!(
            fields,
            "\n    {part}: {include}!(concat!(env!(\"OUT_DIR\"), \"/{file}\")),"
        )
        .unwrap();
    }
    fields
}

/// Highest entity share of a common word and fewest sightings of an
/// ambiguous one: `COMMON_MAX_SHARE` and `AMBIGUOUS_MIN_COUNT` of
/// `src/recognize/names/loading.rs`. The tables carry them (`thresholds`)
/// and the loader compiles the file at run time when they differ.
const COMMON_MAX_SHARE: f64 = 0.05;
const AMBIGUOUS_MIN_COUNT: usize = 3;

/// `common_words_tables.rs` in `out_dir`: `PRECOMPILED_COMMON_WORDS`, the
/// common and ambiguous word sets of `names/common_words.csv` as
/// `load_common_words` builds them (keys, each once, in file order), or
/// `None` when the file is absent, not plain or has a row it would reject.
fn write_common_words_tables(out_dir: &Path, text: Option<&str>) {
    let code = match text.and_then(common_words_sets) {
        None => "const PRECOMPILED_COMMON_WORDS: Option<PrecompiledCommonWords> = None;\n".to_string(),
        Some((common, ambiguous)) => format!(
            "const PRECOMPILED_COMMON_WORDS: Option<PrecompiledCommonWords> = Some(PrecompiledCommonWords {{\n    \
             thresholds: ({COMMON_MAX_SHARE:?}, {AMBIGUOUS_MIN_COUNT}),\n    \
             common: {},\n    ambiguous: {},\n}});\n",
            static_table_code(out_dir, "common", &common),
            static_table_code(out_dir, "ambiguous", &ambiguous),
        ),
    };
    std::fs::write(out_dir.join("common_words_tables.rs"), code).unwrap();
}

/// The common and ambiguous keys of the file, each once, in file order.
fn common_words_sets(text: &str) -> Option<(Vec<String>, Vec<String>)> {
    let (header, rows) = plain_csv_rows(text)?;
    let word_col = header.iter().position(|h| *h == "word")?;
    // The optional columns' defaults are left to the run-time loader.
    let count_col = header.iter().position(|h| *h == "count")?;
    let share_col = header.iter().position(|h| *h == "entity_share")?;
    let (mut common, mut ambiguous) = (KeySet::default(), KeySet::default());
    for row in &rows {
        let count: usize = row[count_col].parse().ok()?;
        let share: f64 = row[share_col].parse().ok()?;
        let key = normalize::key(row[word_col]);
        if count >= AMBIGUOUS_MIN_COUNT {
            ambiguous.insert(&key);
        }
        if share <= COMMON_MAX_SHARE {
            common.insert(&key);
        }
    }
    Some((common.keys, ambiguous.keys))
}

/// The word sets the names loader reads from one column of a family of
/// files (`load_words` of `src/recognize/names/loading.rs`): the constant
/// that holds the precompiled set, the files' prefix (all `.csv` files
/// that start with it, as `RuleFiles::matching` finds them) and the column.
const WORD_SETS: &[(&str, &str, &str)] = &[
    ("PRECOMPILED_GIVEN", "names/person_given", "name"),
    ("PRECOMPILED_FAMILY", "names/person_family", "name"),
    ("PRECOMPILED_STOP", "names/stopwords.csv", "word"),
];

/// `word_sets.rs` in `out_dir`: for each of [`WORD_SETS`], the keys of its
/// column in its files (each once, in file order) with the files read, or
/// `None` when [`csv_rows`] cannot read a file alike, or one lacks the
/// column or has an empty cell there (the loader's error).
fn write_word_sets(out_dir: &Path, root: &Path, files: &[String]) {
    let mut code = String::new();
    for (constant, prefix, column) in WORD_SETS {
        let read: Vec<&String> = files
            .iter()
            .filter(|rel| rel.starts_with(prefix) && rel.ends_with(".csv"))
            .collect();
        let words = word_set_keys(root, &read, column);
        let value = match words {
            None => "None".to_string(),
            Some(keys) => format!(
                "Some(PrecompiledWordSet {{
    files: &{read:?},
    words: {},
}})",
                static_table_code(out_dir, &constant.to_lowercase(), &keys)
            ),
        };
        writeln!(
            code,
            "pub(super) const {constant}: Option<PrecompiledWordSet> = {value};"
        )
        .unwrap();
    }
    std::fs::write(out_dir.join("word_sets.rs"), code).unwrap();
}

/// The keys of `column` in these rule files, each once, in file order.
fn word_set_keys(root: &Path, read: &[&String], column: &str) -> Option<Vec<String>> {
    let mut keys = KeySet::default();
    for rel in read {
        let text = std::fs::read_to_string(root.join(rel)).ok()?;
        let (header, rows) = csv_rows(&text)?;
        let col = header.iter().position(|h| h == column)?;
        for (_, cells) in &rows {
            if cells[col].is_empty() {
                return None;
            }
            keys.insert(&normalize::key(&cells[col]));
        }
    }
    Some(keys.keys)
}

/// Distinct non-empty keys in first-seen order.
#[derive(Default)]
struct KeySet {
    keys: Vec<String>,
    seen: std::collections::HashSet<String>,
}

impl KeySet {
    fn insert(&mut self, key: &str) {
        if !key.is_empty() && self.seen.insert(key.to_string()) {
            self.keys.push(key.to_string());
        }
    }
}

/// A `StaticTable { .. }` expression of these distinct keys, its blobs
/// written to `out_dir` as `NAME.keys`, `NAME.ends` and `NAME.slots`.
fn static_table_code(out_dir: &Path, name: &str, keys: &[String]) -> String {
    let fields = include_fields(out_dir, name, &table_blobs(keys));
    format!("StaticTable {{{fields}\n}}")
}
