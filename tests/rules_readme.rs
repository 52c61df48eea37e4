//! The README's "Adding a rule" walk-through, run as written: the overlay
//! file it shows is written to a directory, the command it shows is run
//! with that directory, and the output it shows must appear.

use std::io::Write;
use std::process::{Command, Stdio};

/// The README section "## Adding a rule", up to the next `## ` heading.
fn section() -> String {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("\n## Adding a rule")
        .expect("README has a section `## Adding a rule`");
    let rest = &readme[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    rest[..end].to_string()
}

/// The body of the first fenced block of `lang` after `from` in `text`
/// (the README indents blocks inside list items).
fn block_after(text: &str, from: usize, lang: &str) -> (String, usize) {
    let fence = format!("```{lang}\n");
    let open = text[from..]
        .find(&fence)
        .unwrap_or_else(|| panic!("no ```{lang} block in the walk-through"))
        + from
        + fence.len();
    let close = text[open..].find("```").unwrap() + open;
    let body = text[open..close]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    (body, close + 3)
}

#[test]
fn the_adding_a_rule_walk_through_works_as_written() {
    let text = section();
    let file_at = text
        .find("`my-rules/names/gaz_countries.csv`:")
        .expect("the walk-through names the overlay file");
    let (csv, after_csv) = block_after(&text, file_at, "csv");
    let (command, after_sh) = block_after(&text, after_csv, "sh");
    let (expected, _) = block_after(&text, after_sh, "json");

    let dir = tempfile::tempdir().unwrap();
    let overlay = dir.path().join("my-rules/names/gaz_countries.csv");
    std::fs::create_dir_all(overlay.parent().unwrap()).unwrap();
    std::fs::write(&overlay, format!("{csv}\n")).unwrap();

    // `echo '<text>' | cargo run --release -- extract --rules my-rules -`
    let input = command
        .split('\'')
        .nth(1)
        .expect("the command echoes a quoted sentence");
    let args: Vec<&str> = command
        .split("cargo run --release -- ")
        .nth(1)
        .expect("the command runs kashif through cargo")
        .split_whitespace()
        .collect();
    assert_eq!(args, ["extract", "--rules", "my-rules", "-"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args(&args)
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{input}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.trim_end(),
        expected,
        "the README's expected output differs from what kashif prints"
    );
    assert!(expected.contains("زمبرا"), "the new mention is shown");

    // Without the overlay, the new name is not found: the row is what did it.
    let plain = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut plain = plain;
    writeln!(plain.stdin.take().unwrap(), "{input}").unwrap();
    let plain = String::from_utf8(plain.wait_with_output().unwrap().stdout).unwrap();
    assert!(!plain.contains("زمبرا"), "{plain}");
}
