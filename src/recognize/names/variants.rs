//! Spelling variants of gazetteer entries, added to the one phrase table at
//! load time so every lookup stays a plain key match:
//! - **the article**: a multi-word place, organization or other non-person
//!   entry whose first word is written with the article (`الأسوشيتد برس`)
//!   also matches without it, and the reverse (`أسوشيتد برس` →
//!   `الأسوشيتد برس`), but only when the first word is no ordinary word with
//!   or without the article (common, stop, ambiguous or trigger word), so
//!   `ال` + a common word never becomes a name;
//! - **spacing**: a two-word entry of name-like words (`جورج تاون`) also
//!   matches glued (`جورجتاون`), and a one-word entry that splits into two
//!   words known from the names lexicons (`نيويورك` → `نيو يورك`) matches
//!   spaced;
//! - **ordinals in digits**: a non-person entry with an ordinal of 11 or
//!   more written in words (`أحداث الحادي عشر من سبتمبر`, `للقرن الحادي
//!   والعشرين`) also matches with the ordinal in digits after the article
//!   (`الـ11`, `الـ21`), and bare for a compound (`للقرن 21`); the ordinal
//!   words are the numbers layer's (`rules/numbers/ordinals.csv`,
//!   `number_words.csv`).
//!
//! A variant never replaces a listed entry: one whose keys already are an
//! entry of the table is not added. Variants carry the listed entry's
//! payload, so `explain` names the row they come from. Letter variants
//! (hamza, alef, ya, ta marbuta) need nothing here: the key normalizer folds
//! them for entries and text alike.
//!
//! The rules themselves are in `variant_rules.rs`, which `build.rs` runs
//! too: a default run reads the variants it precompiled from the embedded
//! rule files, and works them out only when an overlay changed their inputs.

use super::variant_rules::{self, EntryKind, OrdinalWords, VariantInputs};
use super::*;
use crate::rules::static_table;

/// The variants `build.rs` worked out from the embedded rule files
/// (`build/gazetteer_variants.rs`): each variant's keys (`keys`: a variant
/// a line, its keys between single spaces) and the number of the gazetteer
/// entry it comes from (`entries`, `u32` little-endian each), with what
/// they were worked out from: the rule files read (`files`; `families` are
/// the file families read whole, by prefix and suffix) and the sizes of the
/// gazetteer and the stop, common, ambiguous and trigger word sets before
/// the variants (`sizes`).
#[derive(Debug, Clone, Copy)]
struct PrecompiledVariants {
    files: &'static [&'static str],
    families: &'static [(&'static str, &'static str)],
    sizes: [usize; 5],
    keys: &'static str,
    entries: &'static [u8],
}

// `PRECOMPILED_VARIANTS`: the embedded rules' variants, or `None` when
// `build.rs` could not rebuild the gazetteer from the rule files.
include!(concat!(env!("OUT_DIR"), "/gazetteer_variants.rs"));

/// The definite article of the clitic table in force (`rules/text/clitics.csv`,
/// key form `ال`). A key alone cannot tell `ال` from a folded `أل`
/// (`ألمانيا`), so the entry as written decides where it can.
fn article() -> &'static str {
    crate::text::clitics::active_table().article()
}

/// How many variants `build.rs` precompiled (0 when none), to size the
/// gazetteer before they are read.
pub(super) fn precompiled_variant_count() -> usize {
    PRECOMPILED_VARIANTS.map_or(0, |p| p.entries.len() / 4)
}

/// What the variant rules need of an entry's label.
fn entry_kind(label: Label) -> EntryKind {
    match label {
        Label::Person => EntryKind::Person,
        Label::Norp => EntryKind::Norp,
        _ => EntryKind::Other,
    }
}

impl NameRecognizer {
    /// Add the article and spacing variants of every gazetteer entry (see
    /// the module docs and `variant_rules.rs`). Runs after every word list
    /// and table is loaded. When every file the variants come from is the
    /// embedded one, they are read from `build.rs`'s list instead of worked
    /// out again (not with [`RuleFiles::compiled_at_run_time`]).
    pub(super) fn add_gazetteer_variants(&mut self, rules: &RuleFiles) {
        self.variants_precompiled = false;
        if let Some(p) = PRECOMPILED_VARIANTS {
            if rules.may_use_precompiled() && self.has_inputs_of(&p, rules) {
                self.variants_precompiled = true;
                // `build.rs` left out the variants whose keys are taken.
                // No variant: no line (an empty `keys` splits into one).
                let count = p.entries.len() / 4;
                self.gazetteer.reserve(count);
                let lines = crate::text::phrase_table::split_ascii(p.keys, b'\n');
                for (n, line) in lines.take(count).enumerate() {
                    let entry = static_table::u32_at(p.entries, n);
                    let payload = self.gazetteer.payload(entry).clone();
                    self.gazetteer
                        .insert_keys(crate::text::phrase_table::split_spaces(line), payload);
                }
                return;
            }
        }
        let ordinals = ordinal_words(rules);
        let mut variants: Vec<(Vec<String>, GazEntry)> = Vec::new();
        let mut payloads: Vec<&GazEntry> = Vec::with_capacity(self.gazetteer.len());
        self.gazetteer
            .for_each_entry(|_, payload| payloads.push(payload));
        let inputs = VariantInputs::new(
            |visit| {
                self.gazetteer.for_each_entry(|keys, payload| {
                    visit(keys, entry_kind(payload.label), &payload.source.entry)
                })
            },
            article(),
            |key| self.name_like_word(key),
            |key| self.is_nisba_word(key),
            &ordinals,
        );
        variant_rules::gazetteer_variants(&inputs, |entry, keys| {
            variants.push((keys, payloads[entry as usize].clone()))
        });
        for (keys, payload) in variants {
            if !self.gazetteer.contains_keys(&keys) {
                self.gazetteer.insert_keys(keys, payload);
            }
        }
    }

    /// Whether the gazetteer and word sets were built from what `build.rs`
    /// precompiled the variants from: the same rule files, each the
    /// embedded text, and the same sizes.
    fn has_inputs_of(&self, p: &PrecompiledVariants, rules: &RuleFiles) -> bool {
        let sizes = [
            self.gazetteer.len(),
            self.stop.len(),
            self.common.len(),
            self.ambiguous.len(),
            self.trigger_words.len(),
        ];
        sizes == p.sizes
            && p.files.iter().all(|&file| {
                rules
                    .get(file)
                    .is_some_and(|text| RuleFiles::is_embedded_text(file, text))
            })
            && p.families.iter().all(|&(prefix, suffix)| {
                let read = p
                    .files
                    .iter()
                    .filter(|f| f.starts_with(prefix) && f.ends_with(suffix));
                rules
                    .matching(prefix, suffix)
                    .map(|(name, _)| name)
                    .eq(read.copied())
            })
    }

    fn is_nisba_word(&self, key: &str) -> bool {
        self.gazetteer
            .word_payloads(key)
            .any(|p| p.label == Label::Norp)
    }

    /// A word (key) that is no stop, common, ambiguous or trigger word.
    fn name_like_word(&self, key: &str) -> bool {
        !(self.stop.contains(key)
            || self.common.contains(key)
            || self.ambiguous.contains(key)
            || self.trigger_words.contains(key))
    }
}

/// The ordinal words of the numbers rules (`rules/numbers/ordinals.csv`,
/// the tens and ten words of `number_words.csv`, the conjunction of
/// `function_words.csv`), for the ordinal variants. A file that is absent
/// or unreadable adds nothing here: the numbers layer reports it.
fn ordinal_words(rules: &RuleFiles) -> OrdinalWords {
    let cells = |file: &str, columns: [&str; 3], f: &mut dyn FnMut([&str; 3])| {
        let Ok(table) = rules.csv(file) else {
            return;
        };
        let cols: Option<Vec<usize>> = columns.iter().map(|c| table.column(c).ok()).collect();
        let Some(cols) = cols else {
            return;
        };
        for row in &table.rows {
            f([row.get(cols[0]), row.get(cols[1]), row.get(cols[2])]);
        }
    };
    let mut and = String::new();
    cells(
        "numbers/function_words.csv",
        ["word", "role", "word"],
        &mut |[w, role, _]| {
            if role == "and" && and.is_empty() {
                and = crate::text::key(w);
            }
        },
    );
    let mut words = OrdinalWords::new(&and);
    cells(
        "numbers/ordinals.csv",
        ["word", "value", "use"],
        &mut |[w, v, usage]| words.add_ordinal(&crate::text::key(w), v, usage),
    );
    cells(
        "numbers/number_words.csv",
        ["word", "value", "kind"],
        &mut |[w, v, kind]| words.add_number_word(&crate::text::key(w), v, kind),
    );
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::recognize::names::gazetteer_loading::tests::gazetteer_entries;

    /// The default rules read the variants `build.rs` precompiled, and get
    /// the same gazetteer (entries, order, payloads) as when the variants
    /// are worked out at run time.
    #[test]
    fn precompiled_variants_equal_the_runtime_ones() {
        let rules = RuleFiles::embedded();
        let fast = NameRecognizer::new(&rules).unwrap();
        assert!(
            fast.variants_precompiled,
            "the default rules did not read build.rs's gazetteer variants: its model of \
             the loader (build/gazetteer_variants.rs) no longer matches NameRecognizer::new"
        );
        let slow = NameRecognizer::new(&rules.compiled_at_run_time()).unwrap();
        assert!(!slow.variants_precompiled);
        let (a, b) = (gazetteer_entries(&fast), gazetteer_entries(&slow));
        let variants = PRECOMPILED_VARIANTS.unwrap().entries.len() / 4;
        assert!(variants > 1000, "{variants} variants");
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x, y);
        }
    }

    /// With an input of the variants changed (one more stop word), they are
    /// worked out at run time.
    #[test]
    fn changed_inputs_work_the_variants_out_at_run_time() {
        let mut rules = RuleFiles::embedded();
        let stop = rules.get("names/stopwords.csv").unwrap().to_string();
        let header = stop.lines().find(|l| !l.starts_with('#')).unwrap();
        let row: Vec<&str> = header
            .split(',')
            .map(|h| {
                if h == "word" {
                    "كلمةتجريبية"
                } else {
                    ""
                }
            })
            .collect();
        rules.insert("names/stopwords.csv", format!("{stop}{}\n", row.join(",")));
        let r = NameRecognizer::new(&rules).unwrap();
        assert!(!r.variants_precompiled);
        // So does a gazetteer file more, or one fewer.
        let mut more = RuleFiles::embedded();
        more.insert("names/gaz_zz_test.csv", "entry,label\nكلمةتجريبية,ORG\n");
        assert!(!NameRecognizer::new(&more).unwrap().variants_precompiled);
        let mut fewer = RuleFiles::default();
        for (name, text) in RuleFiles::embedded().iter() {
            if name != "names/gaz_cities.csv" {
                fewer.insert(name, text);
            }
        }
        assert!(!NameRecognizer::new(&fewer).unwrap().variants_precompiled);
    }

    #[test]
    fn plain_arabic_is_read_off_the_bytes_as_off_the_characters() {
        for entry in [
            "",
            " ",
            "بكين",
            "أبو ظبي",
            "الأُمَم المتحدة",
            "ـــ",
            "3M",
            "بي بي سي 2",
            "é",
            "ب\u{200F}",
            "ب\u{00AD}ب",
            "ب€",
            "ٱ",
        ] {
            let slow = entry.chars().all(|c| {
                c == ' '
                    || (('\u{0621}'..='\u{064A}').contains(&c) && c != '\u{0640}')
                    || crate::text::normalize::is_dropped(c)
            });
            assert_eq!(variant_rules::is_plain_arabic(entry), slow, "{entry:?}");
        }
    }

    #[test]
    fn article_is_read_from_the_written_word_not_the_key() {
        use variant_rules::{article_then_two_letters, has_written_article};
        assert!(has_written_article("الأسوشيتد", article()));
        // `ألمانيا` keys to `المانيا`, but its alef carries a hamza: no article.
        assert!(!has_written_article("ألمانيا", article()));
        assert!(!has_written_article("ال", article()));
        assert!(article_then_two_letters(
            &crate::text::key("ألمانيا"),
            article()
        ));
    }
}
