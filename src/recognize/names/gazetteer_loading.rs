//! Compiling the gazetteer: the rows of the gazetteer files (read from the
//! rows `build.rs` precompiled when a file is the embedded one), the NORP
//! forms of nisba stems and the organization acronyms, each one-word entry
//! first checked against the common and ambiguous words.

use super::*;
use crate::rules::static_table;

/// One row of a gazetteer file: its line, entry, the entry's key when
/// `build.rs` worked it out, label cell and priority (learned or curated).
struct GazetteerRow<'r> {
    line: usize,
    entry: &'r str,
    key: Option<&'r str>,
    label: &'r str,
    learned: bool,
    /// `build.rs` found the entry's token keys to be its key's words
    /// between single spaces (no scan needed).
    key_words: bool,
}

/// The rows of an embedded gazetteer file as `build.rs` read them: three
/// pieces a row in `keys` (entry, key, label cell; `ends` where each piece
/// ends, `u32` little-endian), each row's line (`lines`, `u32`) and
/// flags (`flags`, one byte: [`ROW_LEARNED`], [`ROW_KEY_WORDS`]).
#[derive(Debug, Clone, Copy)]
struct PrecompiledGazetteer {
    keys: &'static str,
    ends: &'static [u8],
    lines: &'static [u8],
    flags: &'static [u8],
}

/// A precompiled row's flag: the row is learned (else curated).
const ROW_LEARNED: u8 = 1;

/// A precompiled row's flag: the entry's token keys are the words of its
/// key between single spaces.
const ROW_KEY_WORDS: u8 = 2;

impl PrecompiledGazetteer {
    fn rows(self) -> impl Iterator<Item = GazetteerRow<'static>> {
        let PrecompiledGazetteer {
            keys,
            ends,
            lines,
            flags,
        } = self;
        let piece = move |n: usize| {
            let start = match n {
                0 => 0,
                _ => static_table::u32_at(ends, n - 1) as usize,
            };
            &keys[start..static_table::u32_at(ends, n) as usize]
        };
        (0..flags.len()).map(move |row| GazetteerRow {
            line: static_table::u32_at(lines, row) as usize,
            entry: piece(3 * row),
            key: Some(piece(3 * row + 1)),
            label: piece(3 * row + 2),
            learned: flags[row] & ROW_LEARNED != 0,
            key_words: flags[row] & ROW_KEY_WORDS != 0,
        })
    }
}

// `PRECOMPILED_GAZETTEERS`: the rows of each embedded gazetteer file
// `build.rs` could read.
include!(concat!(env!("OUT_DIR"), "/gazetteer_rows.rs"));

impl NameRecognizer {
    /// Load a gazetteer file (`entry,label[,priority]`). The embedded file
    /// reads the rows `build.rs` precompiled from it, keys included.
    pub(super) fn load_gazetteer(&mut self, file: &str, text: &str) -> Result<()> {
        if crate::rules::RuleFiles::is_embedded_text(file, text) {
            if let Some((_, rows)) = PRECOMPILED_GAZETTEERS
                .iter()
                .find(|(name, _)| *name == file)
            {
                return self.add_gazetteer_rows(file, rows.rows().map(Ok));
            }
        }
        let table = crate::rules::CsvTable::parse(file, text)?;
        let entry_col = table.column("entry")?;
        let label_col = table.column("label")?;
        // `priority`: `curated` (the default) or `learned` (a list derived
        // from a corpus, below curated lists and triggers in conflicts).
        let priority_col = table.optional_column("priority");
        let rows = table.rows.iter().map(|row| {
            let learned = match priority_col.map(|c| row.get(c)) {
                None | Some("" | "curated") => false,
                Some("learned") => true,
                Some(other) => {
                    return Err(table.error(
                        row,
                        format!("priority `{other}` is neither curated nor learned"),
                    ))
                }
            };
            Ok(GazetteerRow {
                line: row.line,
                entry: row.get(entry_col),
                key: None,
                label: row.get(label_col),
                learned,
                key_words: false,
            })
        });
        self.add_gazetteer_rows(file, rows)
    }

    /// Add the rows of gazetteer `file` to the phrase table, in order; the
    /// first bad row is an error.
    fn add_gazetteer_rows<'r>(
        &mut self,
        file: &str,
        rows: impl Iterator<Item = Result<GazetteerRow<'r>>>,
    ) -> Result<()> {
        let file_name: Arc<str> = Arc::from(file);
        // One rule id per label and kind, shared by the entries.
        let mut rules: Vec<((Label, bool), Arc<str>)> = Vec::new();
        // The previous row's label cell and label: rows come in runs of one
        // label, parsed once a run.
        let mut previous: Option<(&str, Label)> = None;
        self.gazetteer.reserve(rows.size_hint().0);
        for row in rows {
            let GazetteerRow {
                line,
                entry,
                key,
                label: label_cell,
                learned,
                key_words,
            } = row?;
            let label = match previous {
                Some((cell, label)) if cell == label_cell => label,
                _ => {
                    let label: Label = label_cell
                        .parse()
                        .map_err(|e: Error| Error::rule(file, line, e.to_string()))?;
                    if label.layer() != Layer::Names {
                        return Err(Error::rule(
                            file,
                            line,
                            format!("{label} is not a names-layer label"),
                        ));
                    }
                    previous = Some((label_cell, label));
                    label
                }
            };
            let priority = if learned {
                priority::LEARNED
            } else {
                priority::CURATED
            };
            let rule = match rules.iter().find(|(of, _)| *of == (label, learned)) {
                Some((_, rule)) => rule.clone(),
                None => {
                    let kind = if learned { "learned" } else { "gazetteer" };
                    let rule: Arc<str> = Arc::from(format!("name/{kind}-{}", label_rule(label)));
                    rules.push(((label, learned), rule.clone()));
                    rule
                }
            };
            // `build.rs` keyed only rows with an entry.
            if key.is_none() && entry.trim().is_empty() {
                return Err(Error::rule(file, line, "empty entry"));
            }
            // The key serves the filter and the table alike.
            let computed;
            let key = match key {
                Some(key) => key,
                None => {
                    computed = crate::text::key(entry);
                    &computed
                }
            };
            if self.ambiguous_single_key(key, label) {
                self.skipped_ambiguous += 1;
                continue;
            }
            let payload = GazEntry {
                label,
                rule,
                source: Source {
                    file: file_name.clone(),
                    line,
                    entry: entry.into(),
                },
                priority,
            };
            if key_words {
                self.gazetteer
                    .insert_keys(crate::text::phrase_table::split_spaces(key), payload);
            } else {
                self.gazetteer.insert_with_key(entry, key, payload);
            }
        }
        Ok(())
    }

    /// A one-word entry that is a common word (almost never a name in
    /// ANERcorp, `names/common_words.csv`) would fire on ordinary text
    /// (`فتح` "opening" for Fatah): it is left out. NORP is exempt because
    /// ANERcorp does not annotate nationality adjectives.
    pub(super) fn ambiguous_single_word(&self, entry: &str, label: Label) -> bool {
        label != Label::Norp && self.ambiguous_single_key(&crate::text::key(entry), label)
    }

    /// [`Self::ambiguous_single_word`] of an entry's key.
    fn ambiguous_single_key(&self, k: &str, label: Label) -> bool {
        label != Label::Norp
            && !k.contains(' ')
            && (self.ambiguous.contains(k) || self.stop.contains(k))
    }

    /// NORP forms from nisba stems: S, Sة, الS, الSة, Sون, Sين, Sات and their
    /// ال forms (`صيني` → `الصينية`, `الصينيون`, `صينيات`…).
    pub(super) fn load_nisba(&mut self, file: &str, text: &str) -> Result<()> {
        let table = crate::rules::CsvTable::parse(file, text)?;
        let stem_col = table.column("stem")?;
        let file_name: Arc<str> = Arc::from(file);
        let rule: Arc<str> = Arc::from("name/nisba");
        for row in &table.rows {
            let stem = row.get(stem_col);
            if !stem.ends_with('ي') {
                return Err(table.error(row, format!("nisba stem `{stem}` must end in ي")));
            }
            let source = Source {
                file: file_name.clone(),
                line: row.line,
                entry: stem.into(),
            };
            for suffix in ["", "ة", "ون", "ين", "ات"] {
                for article in ["", "ال"] {
                    let form = [article, stem, suffix].concat();
                    self.gazetteer.insert(
                        &form,
                        GazEntry {
                            label: Label::Norp,
                            rule: rule.clone(),
                            source: source.clone(),
                            priority: priority::CURATED,
                        },
                    );
                }
            }
        }
        Ok(())
    }

    pub(super) fn load_acronyms(&mut self, file: &str, text: &str) -> Result<()> {
        let table = crate::rules::CsvTable::parse(file, text)?;
        let col = table.column("acronym")?;
        let file_name: Arc<str> = Arc::from(file);
        let rule: Arc<str> = Arc::from("name/acronym-org");
        for row in &table.rows {
            let acronym = row.get(col);
            if self.ambiguous_single_word(acronym, Label::Org) {
                self.skipped_ambiguous += 1;
                continue;
            }
            self.gazetteer.insert(
                acronym,
                GazEntry {
                    label: Label::Org,
                    rule: rule.clone(),
                    source: Source {
                        file: file_name.clone(),
                        line: row.line,
                        entry: acronym.into(),
                    },
                    priority: priority::CURATED,
                },
            );
        }
        Ok(())
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::recognize::names::loading::COMMON_WORDS_FILE;

    /// Every gazetteer entry with its payload, as comparable text.
    pub(in crate::recognize::names) fn gazetteer_entries(r: &NameRecognizer) -> Vec<String> {
        let mut out = Vec::new();
        r.gazetteer
            .for_each_entry(|keys, payload| out.push(format!("{keys:?} {payload:?}")));
        out
    }

    /// A recognizer with the common and ambiguous words only (the filter
    /// a gazetteer row goes through).
    fn with_common_words() -> NameRecognizer {
        let mut r = NameRecognizer::new(&RuleFiles::default()).unwrap();
        let text = RuleFiles::embedded_text(COMMON_WORDS_FILE).unwrap();
        r.load_common_words(COMMON_WORDS_FILE, text).unwrap();
        r
    }

    /// Each gazetteer file `build.rs` precompiled loads the same entries,
    /// in the same order and with the same payloads (line, rule, priority),
    /// as its text parsed at run time (a trailing comment makes it an
    /// overlay).
    #[test]
    fn precompiled_gazetteers_load_as_their_files_parse() {
        assert!(
            PRECOMPILED_GAZETTEERS.len() >= 5,
            "build.rs precompiled {} gazetteer files (see csv_rows in build.rs)",
            PRECOMPILED_GAZETTEERS.len()
        );
        for (file, _) in PRECOMPILED_GAZETTEERS {
            let text = RuleFiles::embedded_text(file).unwrap();
            let mut fast = with_common_words();
            fast.load_gazetteer(file, text).unwrap();
            let mut slow = with_common_words();
            let overlay = format!("{text}\n# compiled at run time\n");
            slow.load_gazetteer(file, &overlay).unwrap();
            let (a, b) = (gazetteer_entries(&fast), gazetteer_entries(&slow));
            assert!(b.len() > 10, "{file}: {} entries", b.len());
            assert_eq!(a.len(), b.len(), "{file}");
            for (x, y) in a.iter().zip(&b) {
                assert_eq!(x, y, "{file}");
            }
            assert_eq!(fast.skipped_ambiguous, slow.skipped_ambiguous, "{file}");
        }
    }
}
