//! Guard on Arabic word lists in Rust: counts the string literals in
//! `src/**/*.rs` that contain an Arabic letter, outside comments (line, block
//! and doc comments) and outside items marked `#[cfg(test)]`, and fails when
//! the count rises above [`MAX_ARABIC_LITERALS`].
//!
//! Word lists belong in `rules/` as data (see `rules/README.md`). When you
//! move literals out of `src/`, lower the ratchet to the new count; the
//! project target is at most 40. Character literals (`'ى'`) and code point
//! ranges are not counted: they describe the script, not a vocabulary.

use std::path::{Path, PathBuf};

/// Today's ceiling. Lower it when a change moves literals into `rules/`;
/// never raise it (move the new words into a rules file instead).
const MAX_ARABIC_LITERALS: usize = 33;

/// One string literal with an Arabic letter: where it is and what it says.
#[derive(Debug, PartialEq)]
struct ArabicLiteral {
    line: usize,
    text: String,
}

/// A letter of the Arabic script: a code point in one of the Arabic blocks
/// that Unicode counts as alphabetic (so Arabic-Indic digits and Arabic
/// punctuation such as `،` do not make a literal Arabic).
fn is_arabic_letter(c: char) -> bool {
    let arabic_block = matches!(
        c as u32,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF
    );
    arabic_block && c.is_alphabetic()
}

/// A small Rust lexer: enough to tell comments, strings, raw strings, char
/// literals and lifetimes apart, and to skip `#[cfg(test)]` items.
struct Scanner<'a> {
    chars: Vec<char>,
    at: usize,
    line: usize,
    found: &'a mut Vec<ArabicLiteral>,
}

impl Scanner<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn starts_with(&self, s: &str) -> bool {
        s.chars().enumerate().all(|(i, c)| self.peek(i) == Some(c))
    }

    fn skip_line_comment(&mut self) {
        while let Some(c) = self.peek(0) {
            if c == '\n' {
                break;
            }
            self.bump();
        }
    }

    /// Block comments nest in Rust.
    fn skip_block_comment(&mut self) {
        self.bump();
        self.bump();
        let mut depth = 1;
        while depth > 0 && self.peek(0).is_some() {
            if self.starts_with("/*") {
                self.bump();
                self.bump();
                depth += 1;
            } else if self.starts_with("*/") {
                self.bump();
                self.bump();
                depth -= 1;
            } else {
                self.bump();
            }
        }
    }

    /// A `"…"` string with escapes; the opening quote is at the cursor.
    fn read_string(&mut self, record: bool) {
        let line = self.line;
        self.bump();
        let mut text = String::new();
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    if let Some(escaped) = self.bump() {
                        text.push('\\');
                        text.push(escaped);
                    }
                }
                '"' => break,
                _ => text.push(c),
            }
        }
        self.record(record, line, text);
    }

    /// A raw string `r#"…"#`; the cursor is on the `r`.
    fn read_raw_string(&mut self, record: bool) {
        let line = self.line;
        self.bump();
        let mut hashes = 0;
        while self.peek(0) == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.bump(); // the opening quote
        let close: String = std::iter::once('"')
            .chain(std::iter::repeat_n('#', hashes))
            .collect();
        let mut text = String::new();
        while self.peek(0).is_some() && !self.starts_with(&close) {
            text.push(self.bump().unwrap_or_default());
        }
        for _ in 0..close.chars().count() {
            self.bump();
        }
        self.record(record, line, text);
    }

    fn record(&mut self, record: bool, line: usize, text: String) {
        if record && text.chars().any(is_arabic_letter) {
            self.found.push(ArabicLiteral { line, text });
        }
    }

    /// A char literal (`'x'`, `'\n'`, `'\u{0660}'`) or a lifetime (`'a`).
    fn skip_quote(&mut self) {
        self.bump();
        if self.peek(0) == Some('\\') {
            while let Some(c) = self.bump() {
                if c == '\'' && self.chars[self.at - 2] != '\\' {
                    break;
                }
            }
        } else if self.peek(1) == Some('\'') {
            self.bump();
            self.bump();
        }
        // Otherwise a lifetime: its name is read as ordinary code.
    }

    /// Whether a raw string (`r"`, `r#"`, `br"`, `br#"`) starts here, and not
    /// an identifier that merely ends in `r`.
    fn at_raw_string(&self) -> bool {
        let prefix_len = if self.starts_with("br") { 2 } else { 1 };
        if !(self.starts_with("r") || self.starts_with("br")) {
            return false;
        }
        let before_is_ident = self.at > 0 && {
            let b = self.chars[self.at - 1];
            b.is_alphanumeric() || b == '_'
        };
        if before_is_ident {
            return false;
        }
        let mut i = prefix_len;
        while self.peek(i) == Some('#') {
            i += 1;
        }
        self.peek(i) == Some('"')
    }

    /// Consume one token: a comment, a string (recorded when `record`), a
    /// char literal, or one ordinary character, which is returned.
    fn step(&mut self, record: bool) -> Option<char> {
        let c = self.peek(0)?;
        if self.starts_with("//") {
            self.skip_line_comment();
        } else if self.starts_with("/*") {
            self.skip_block_comment();
        } else if self.at_raw_string() {
            self.read_raw_string(record);
        } else if c == '"' {
            self.read_string(record);
        } else if c == '\'' {
            self.skip_quote();
        } else {
            return self.bump();
        }
        Some('\0')
    }

    /// Skip the item after `#[cfg(test)]`: up to the `;` that ends it or the
    /// brace that closes its body, strings and comments included.
    fn skip_test_item(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.step(false) {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                ';' if depth == 0 => return,
                _ => {}
            }
        }
    }

    fn run(&mut self) {
        while self.peek(0).is_some() {
            if self.starts_with("#[cfg(test)]") {
                for _ in 0.."#[cfg(test)]".len() {
                    self.bump();
                }
                self.skip_test_item();
            } else {
                self.step(true);
            }
        }
    }
}

fn arabic_literals(source: &str) -> Vec<ArabicLiteral> {
    let mut found = Vec::new();
    Scanner {
        chars: source.chars().collect(),
        at: 0,
        line: 1,
        found: &mut found,
    }
    .run();
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn src_holds_no_more_arabic_string_literals_than_the_ratchet() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(
        files.len() > 10,
        "found only {} files under src/",
        files.len()
    );
    let mut listing = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        for literal in arabic_literals(&source) {
            let relative = file.strip_prefix(root).unwrap().display();
            listing.push(format!("{relative}:{} {:?}", literal.line, literal.text));
        }
    }
    println!("{} Arabic string literals in src/", listing.len());
    assert!(
        listing.len() <= MAX_ARABIC_LITERALS,
        "{} Arabic string literals in src/ (outside comments and #[cfg(test)]), the ratchet \
         allows {MAX_ARABIC_LITERALS}. Move the words into a CSV under rules/ (see \
         rules/README.md) instead of writing them in Rust:\n{}",
        listing.len(),
        listing.join("\n")
    );
}

#[test]
fn the_scanner_counts_code_strings_and_skips_comments_tests_and_chars() {
    let source = r###"
//! doc "قال"
/// doc "قال"
// line "قال"
/* block /* nested "قال" */ still "قال" */
const WORDS: &[&str] = &["وزير", "minister"];
fn f<'a>(x: &'a str) -> bool { x == "أمس" || x.ends_with('ة') || x.contains('\'') }
const RAW: &str = r#"رئيس "quoted""#;
const DIGITS: &str = "٣٤٥،";
#[cfg(test)]
mod tests {
    const T: &str = "}اختبار{";
    fn g() { let _ = "داخل"; }
}
#[cfg(test)]
const ONE: &str = "واحد";
const AFTER: &str = "بعد";
"###;
    let found = arabic_literals(source);
    let texts: Vec<&str> = found.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["وزير", "أمس", "رئيس \"quoted\"", "بعد"]);
    assert_eq!(found[0].line, 6);
    assert_eq!(found[3].line, 17);
}
