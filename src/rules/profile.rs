//! Profiles: named corpus conventions kept out of the core rules. A profile
//! is a folder `rules/profiles/NAME/` laid out like `rules/` and applied as
//! an overlay (see [`super::overlay`]): its files add rows to the embedded
//! ones, a `remove=yes` row drops a core row, a `# replace` line replaces a
//! file. The core follows `shared/guidelines/annotation.md`; a profile
//! brings back one corpus's own labelling (`--profile anercorp`: ANERcorp
//! tags currency names and some works and places MISC), and `kashif eval`
//! applies the `anercorp` profile by itself when it scores ANERcorp.

use super::RuleFiles;
use crate::error::{Error, Result};

/// Where profiles live among the rule files.
pub const PROFILES_DIR: &str = "profiles/";

/// The profile `kashif eval --conll` applies when it scores ANERcorp.
pub const ANERCORP: &str = "anercorp";

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
}
