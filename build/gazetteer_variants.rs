//! The build script's part of the gazetteer variants: it rebuilds the names
//! gazetteer the way `NameRecognizer::new` fills it from the embedded rule
//! files (gazetteer rows after the ambiguity filter, nisba forms, acronyms;
//! keys by the crate's own `text::key` and scanner), runs the crate's own
//! variant rules on it (`src/recognize/names/variant_rules.rs`) and writes
//! the variants with the names of the files they come from and the sizes of
//! the gazetteer and word sets. The recognizer reads them only when those
//! files are the embedded ones and the sizes are its own; a unit test
//! (`variants::tests`) compares both paths' gazetteers on the default rules,
//! so a loader change this model misses shows there.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use crate::text::{normalize, tokenize};
use crate::variant_rules::{self, EntryKind, OrdinalWords, VariantInputs};
use crate::{common_words_sets, csv_rows, gazetteer_rows, include_fields, static_table};

/// One entry of the rebuilt gazetteer.
struct Entry {
    keys: Vec<String>,
    kind: EntryKind,
    written: String,
}

/// The word sets the variant rules and the ambiguity filter read.
#[derive(Default)]
struct Sets {
    stop: HashSet<String>,
    common: HashSet<String>,
    ambiguous: HashSet<String>,
    trigger_words: HashSet<String>,
}

/// `gazetteer_variants.rs` in `out_dir`: `PRECOMPILED_VARIANTS`, or `None`
/// when a file the model reads is absent or not plain enough for it.
/// `files` are the embedded rule files (path under `rules/`, text).
pub fn write(out_dir: &Path, files: &[(String, String)]) {
    let code = match variants(files) {
        None => "const PRECOMPILED_VARIANTS: Option<PrecompiledVariants> = None;\n".to_string(),
        Some((inputs, sizes, keys, entries)) => {
            let blobs = vec![
                ("keys", keys.into_bytes()),
                ("entries", static_table::u32_blob(entries.into_iter())),
            ];
            format!(
                "const PRECOMPILED_VARIANTS: Option<PrecompiledVariants> = Some(PrecompiledVariants {{\n    \
                 files: &{:?},\n    families: &{:?},\n    sizes: {sizes:?},{}\n}});\n",
                inputs.files,
                inputs.families,
                include_fields(out_dir, "variants", &blobs)
            )
        }
    };
    std::fs::write(out_dir.join("gazetteer_variants.rs"), code).unwrap();
}

/// The embedded rule files, and the names of those read (as the recognizer
/// would ask for them): the files the variants depend on.
struct Inputs<'f> {
    all: &'f [(String, String)],
    files: Vec<&'f str>,
    families: Vec<(&'static str, &'static str)>,
}

impl<'f> Inputs<'f> {
    /// The text of rule file `name`; `None` when it is absent (no variants
    /// are precompiled then: the recognizer checks files that are there).
    fn file(&mut self, name: &'static str) -> Option<&'f str> {
        let found = self.all.iter().find(|(n, _)| n == name)?;
        self.files.push(&found.0);
        Some(&found.1)
    }

    /// The texts of a family of files, in name order (as
    /// `RuleFiles::matching`).
    fn family(&mut self, prefix: &'static str, suffix: &'static str) -> Vec<&'f str> {
        let mut members: Vec<&(String, String)> = self
            .all
            .iter()
            .filter(|(n, _)| n.starts_with(prefix) && n.ends_with(suffix))
            .collect();
        members.sort_by(|a, b| a.0.cmp(&b.0));
        self.families.push((prefix, suffix));
        self.files.extend(members.iter().map(|(n, _)| n.as_str()));
        members.iter().map(|(_, t)| t.as_str()).collect()
    }
}

/// The values of one column of a CSV rule file, in row order.
fn column(text: &str, name: &str) -> Option<Vec<String>> {
    let (header, rows) = csv_rows(text)?;
    let col = header.iter().position(|h| h == name)?;
    Some(
        rows.into_iter()
            .map(|(_, mut cells)| cells.swap_remove(col))
            .collect(),
    )
}

/// The files read, the sizes (gazetteer, stop, common, ambiguous and
/// trigger words), the variants' keys (a line each) and entry numbers.
#[allow(clippy::type_complexity)]
fn variants(files: &[(String, String)]) -> Option<(Inputs<'_>, [usize; 5], String, Vec<u32>)> {
    let mut inputs = Inputs {
        all: files,
        files: Vec::new(),
        families: Vec::new(),
    };
    let article = article(inputs.file("text/clitics.csv")?)?;
    let sets = sets(&mut inputs)?;
    let entries = entries(&mut inputs, &sets)?;
    let ordinals = ordinal_words(&mut inputs)?;
    let sizes = [
        entries.len(),
        sets.stop.len(),
        sets.common.len(),
        sets.ambiguous.len(),
        sets.trigger_words.len(),
    ];
    let key_lists: Vec<Vec<&str>> = entries
        .iter()
        .map(|e| e.keys.iter().map(String::as_str).collect())
        .collect();
    let nisba_words: HashSet<&str> = entries
        .iter()
        .filter(|e| e.kind == EntryKind::Norp && e.keys.len() == 1)
        .map(|e| e.keys[0].as_str())
        .collect();
    let rules = VariantInputs::new(
        |visit| {
            for (e, keys) in entries.iter().zip(&key_lists) {
                visit(keys, e.kind, &e.written);
            }
        },
        &article,
        |key| {
            !(sets.stop.contains(key)
                || sets.common.contains(key)
                || sets.ambiguous.contains(key)
                || sets.trigger_words.contains(key))
        },
        |key| nisba_words.contains(key),
        &ordinals,
    );
    // A variant whose keys are an entry already (or an earlier variant) is
    // not added: only those the recognizer adds are written.
    let mut taken: HashSet<String> = entries.iter().map(|e| e.keys.join(" ")).collect();
    let (mut lines, mut numbers) = (Vec::new(), Vec::new());
    variant_rules::gazetteer_variants(&rules, |entry, keys| {
        let line = keys.join(" ");
        if taken.insert(line.clone()) {
            numbers.push(entry);
            lines.push(line);
        }
    });
    let mut keys = String::new();
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            keys.push('\n');
        }
        write!(keys, "{line}").unwrap();
    }
    Some((inputs, sizes, keys, numbers))
}

/// The article of the clitic table (key form): its first `article` row.
fn article(text: &str) -> Option<String> {
    let (header, rows) = csv_rows(text)?;
    let clitic = header.iter().position(|h| h == "clitic")?;
    let role = header.iter().position(|h| h == "role")?;
    Some(
        rows.iter()
            .find(|(_, cells)| cells[role] == "article")
            .map(|(_, cells)| normalize::key(&cells[clitic]))
            .unwrap_or_default(),
    )
}

/// `variants::ordinal_words`: the ordinal words of the numbers rules.
fn ordinal_words(inputs: &mut Inputs<'_>) -> Option<OrdinalWords> {
    let roles = cells(
        inputs.file("numbers/function_words.csv")?,
        ["word", "role", "note"],
    )?;
    let and = roles
        .iter()
        .find(|[_, role, _]| role == "and")
        .map(|[w, _, _]| normalize::key(w))
        .unwrap_or_default();
    let mut words = OrdinalWords::new(&and);
    for [w, v, usage] in cells(
        inputs.file("numbers/ordinals.csv")?,
        ["word", "value", "use"],
    )? {
        words.add_ordinal(&normalize::key(&w), &v, &usage);
    }
    for [w, v, kind] in cells(
        inputs.file("numbers/number_words.csv")?,
        ["word", "value", "kind"],
    )? {
        words.add_number_word(&normalize::key(&w), &v, &kind);
    }
    Some(words)
}

/// The index of column `name` in a header.
fn col(header: &[String], name: &str) -> Option<usize> {
    header.iter().position(|h| h == name)
}

/// Three columns of every row of a CSV rule file.
fn cells(text: &str, names: [&str; 3]) -> Option<Vec<[String; 3]>> {
    let (header, rows) = csv_rows(text)?;
    let cols = [
        col(&header, names[0])?,
        col(&header, names[1])?,
        col(&header, names[2])?,
    ];
    Some(
        rows.into_iter()
            .map(|(_, mut c)| cols.map(|i| std::mem::take(&mut c[i])))
            .collect(),
    )
}

/// The stop, common, ambiguous and trigger word sets (keys).
fn sets(inputs: &mut Inputs<'_>) -> Option<Sets> {
    let mut sets = Sets::default();
    for word in column(inputs.file("names/stopwords.csv")?, "word")? {
        insert(&mut sets.stop, &word);
    }
    let (common, ambiguous) = common_words_sets(inputs.file("names/common_words.csv")?)?;
    sets.common.extend(common);
    sets.ambiguous.extend(ambiguous);
    for text in inputs.family("names/triggers", ".csv") {
        for trigger in column(text, "trigger")? {
            let key = normalize::key(&trigger);
            if !key.contains(' ') {
                insert(&mut sets.trigger_words, &key);
            }
        }
    }
    Some(sets)
}

/// `WordSet::insert`: the word's key, unless empty.
fn insert(set: &mut HashSet<String>, word: &str) {
    let key = normalize::key(word);
    if !key.is_empty() {
        set.insert(key);
    }
}

/// What the variant rules see of a label cell; `None` for a cell that is
/// no names label (the loader rejects it).
fn kind(label: &str) -> Option<EntryKind> {
    match label.trim() {
        "PERSON" => Some(EntryKind::Person),
        "NORP" => Some(EntryKind::Norp),
        "ORG" | "GPE" | "LOC" | "FAC" | "MISC" => Some(EntryKind::Other),
        _ => None,
    }
}

/// `NameRecognizer::ambiguous_single_key`.
fn ambiguous_single_key(sets: &Sets, key: &str, kind: EntryKind) -> bool {
    kind != EntryKind::Norp
        && !key.contains(' ')
        && (sets.ambiguous.contains(key) || sets.stop.contains(key))
}

/// The token keys `PhraseTable::insert` gives a phrase (whose key is `key`).
pub fn phrase_keys(phrase: &str, key: &str) -> Vec<String> {
    let plain = phrase
        .chars()
        .all(|c| c == ' ' || (('\u{0621}'..='\u{064A}').contains(&c) && c != '\u{0640}'));
    if plain {
        return key.split_ascii_whitespace().map(str::to_string).collect();
    }
    let a = tokenize::scan(phrase);
    (0..a.len()).map(|i| a.key(i).to_string()).collect()
}

/// The gazetteer entries in the order the loader adds them.
fn entries(inputs: &mut Inputs<'_>, sets: &Sets) -> Option<Vec<Entry>> {
    let mut entries = Vec::new();
    let mut add = |phrase: &str, key: &str, kind: EntryKind, written: &str| {
        let keys = phrase_keys(phrase, key);
        if !keys.is_empty() {
            entries.push(Entry {
                keys,
                kind,
                written: written.to_string(),
            });
        }
    };
    for text in inputs.family("names/gaz_", ".csv") {
        let (pieces, _, _) = gazetteer_rows(text)?;
        for row in pieces.chunks(3) {
            let (entry, key, label) = (&row[0], &row[1], &row[2]);
            let kind = kind(label)?;
            if !ambiguous_single_key(sets, key, kind) {
                add(entry, key, kind, entry);
            }
        }
    }
    // Optional files: an absent one makes no precompiled variants (the
    // recognizer cannot tell it was absent here from the file list).
    {
        let text = inputs.file("names/norp_nisba.csv")?;
        for stem in column(text, "stem")? {
            if !stem.ends_with('ي') {
                return None;
            }
            for suffix in ["", "ة", "ون", "ين", "ات"] {
                for article in ["", "ال"] {
                    let form = [article, &stem, suffix].concat();
                    add(&form, &normalize::key(&form), EntryKind::Norp, &stem);
                }
            }
        }
    }
    {
        let text = inputs.file("names/org_acronyms.csv")?;
        for acronym in column(text, "acronym")? {
            let key = normalize::key(&acronym);
            if !ambiguous_single_key(sets, &key, EntryKind::Other) {
                add(&acronym, &key, EntryKind::Other, &acronym);
            }
        }
    }
    Some(entries)
}
