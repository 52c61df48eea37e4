//! Every rules file says where it comes from: a licence in its leading `#`
//! comment lines, and a row in a README of `rules/` (its own folder's or a
//! parent's) naming it. A new file without either turns this red.

use std::path::{Path, PathBuf};

fn rules_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rules_files(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("csv" | "jsonl" | "tsv")
        ) {
            out.push(path);
        }
    }
}

/// The READMEs that may describe a file: its folder's and every parent's
/// up to `rules/`, plus the READMEs of `rules/`'s own folders (a profile's
/// files are listed in `rules/profiles/README.md`).
fn readmes_for(file: &Path, root: &Path) -> String {
    let mut text = String::new();
    let mut dir = file.parent();
    while let Some(d) = dir {
        text += &std::fs::read_to_string(d.join("README.md")).unwrap_or_default();
        if d == root {
            break;
        }
        dir = d.parent();
    }
    text
}

#[test]
fn every_rules_file_has_a_licence_line_and_a_readme_row() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut files = Vec::new();
    rules_files(&root, &mut files);
    assert!(files.len() > 40, "only {} rules files found", files.len());
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let leading = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
            .to_lowercase();
        let rel = file.strip_prefix(&root).unwrap().display().to_string();
        if !leading.contains("licence") && !leading.contains("license") {
            problems.push(format!("{rel}: no licence in its leading # lines"));
        }
        let name = file.file_name().unwrap().to_str().unwrap();
        if !readmes_for(file, &root).contains(name) {
            problems.push(format!("{rel}: no README under rules/ names it"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
