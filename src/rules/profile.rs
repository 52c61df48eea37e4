//! Profiles: named corpus conventions kept out of the core rules. A profile
//! is a folder `rules/profiles/NAME/` laid out like `rules/` and applied as
//! an overlay (see [`super::overlay`]): its files add rows to the embedded
//! ones, a `remove=yes` row drops a core row, a `# replace` line replaces a
//! file. The core follows `shared/guidelines/annotation.md`; a profile
//! brings back one corpus's own labelling (`--profile anercorp`: ANERcorp
//! tags currency names and some works and places MISC), and `kashif eval`
//! applies the `anercorp` profile by itself when it scores ANERcorp and the
//! `wikifane` one when it scores WikiFANE (`--map wikifane`).

use super::RuleFiles;
use crate::error::{Error, Result};

/// Where profiles live among the rule files.
pub const PROFILES_DIR: &str = "profiles/";

/// The profile `kashif eval --conll` applies when it scores ANERcorp.
pub const ANERCORP: &str = "anercorp";

/// The profile `kashif eval --conll FILE --map wikifane` applies: WikiFANE
/// has no event class, so named events are no entity there.
pub const WIKIFANE: &str = "wikifane";

impl RuleFiles {
    /// The names of the profiles among the rule files (folders under
    /// `profiles/`), sorted.
    pub fn profile_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .iter()
            .filter_map(|(rel, _)| rel.strip_prefix(PROFILES_DIR))
            .filter_map(|rest| rest.split_once('/').map(|(name, _)| name.to_string()))
            .collect();
        names.dedup();
        names
    }

    /// Overlay the files of profile `name` on these rules. An unknown name is
    /// an error listing the known ones.
    pub fn apply_profile(&mut self, name: &str) -> Result<()> {
        let prefix = format!("{PROFILES_DIR}{name}/");
        let files: Vec<(String, String)> = self
            .iter()
            .filter(|(rel, _)| rel.starts_with(&prefix))
            .map(|(rel, text)| (rel.to_string(), text.to_string()))
            .collect();
        if name.is_empty() || name.contains('/') || files.is_empty() {
            return Err(Error::Invalid(format!(
                "unknown profile `{name}` (known: {})",
                self.profile_names().join(", ")
            )));
        }
        for (rel, text) in files {
            self.overlay_file(&rel[prefix.len()..], &rel, &text)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_anercorp_profile_is_known_and_unknown_names_are_refused() {
        let rules = RuleFiles::embedded();
        assert!(rules.profile_names().contains(&ANERCORP.to_string()));
        let err = RuleFiles::embedded().apply_profile("nope").unwrap_err();
        assert!(err.to_string().contains("unknown profile `nope`"), "{err}");
        assert!(err.to_string().contains(ANERCORP), "{err}");
    }

    #[test]
    fn a_profile_overlays_its_files_on_the_core() {
        let mut rules = RuleFiles::embedded();
        let core = rules.get("names/gaz_anercorp.csv").unwrap().to_string();
        rules.apply_profile(ANERCORP).unwrap();
        let merged = rules.get("names/gaz_anercorp.csv").unwrap();
        assert_ne!(core, merged);
        assert!(merged.len() > core.len());
    }

    #[test]
    fn the_wikifane_profile_drops_named_events_and_keeps_works() {
        let mut rules = RuleFiles::embedded();
        let core = rules.get("names/gaz_misc.csv").unwrap().to_string();
        let has_row =
            |text: &str, entry: &str| text.lines().any(|l| l.starts_with(&format!("{entry},")));
        assert!(has_row(&core, "كأس العالم") && has_row(&core, "القرآن الكريم"));
        rules.apply_profile(WIKIFANE).unwrap();
        let merged = rules.get("names/gaz_misc.csv").unwrap();
        assert!(
            !has_row(merged, "كأس العالم"),
            "an event is no WikiFANE entity"
        );
        assert!(has_row(merged, "القرآن الكريم"), "a work stays");
    }
}
