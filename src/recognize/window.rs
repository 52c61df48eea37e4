//! Windowed extraction of long documents: the document driver cuts the text
//! into windows at line breaks (else after a sentence end, else at white
//! space), analyses each window with a margin of context on both sides, and
//! keeps the mentions that start in the window's core. Memory is then
//! bounded by the window, not the document. Document-level state flows
//! forward through a [`DocCarry`]: the dateline's date and country, the
//! year of the narrative, the names found so far for propagation, and the
//! countries the whole document names (computed on demand by its own pass
//! over the windows). No rule looks back past its window's margin.
//!
//! Offsets stay global: each window knows the code points and line breaks
//! of the document before it, and mentions are shifted before they leave.

use std::cell::RefCell;
use std::ops::Range;

/// The core of a window is at least this many code points (the last one
/// may be shorter): big enough that margins and per-window set-up cost
/// little, small enough that one window's analysis stays a few megabytes.
pub const DEFAULT_WINDOW_CHARS: usize = 1 << 18;

/// Context on each side of a core: at least this many code points, then on
/// to the next line break.
const MARGIN_CHARS: usize = 600;

/// How far past its minimum a cut or margin looks for a line break before
/// it settles for a sentence end or white space.
const LINE_SEARCH_CHARS: usize = 4000;

/// One window of a document, in bytes of the document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowSpan {
    /// The text analysed: the core with its margins.
    pub context: Range<usize>,
    /// The text whose mentions this window emits.
    pub core: Range<usize>,
}

/// Where an analysed text sits in its document, and the state that earlier
/// windows of the document left for the recognizers.
pub struct DocWindow<'a> {
    /// The whole document (for the few look-ups that need all of it).
    pub document: &'a str,
    /// Code points of the document before the analysed text.
    pub char_base: usize,
    /// Line breaks of the document before the analysed text.
    pub line_base: usize,
    /// Code points of the analysed text (local) whose mentions are kept.
    pub core: Range<usize>,
    /// Whether the analysed text starts the document (the dateline is read there).
    pub first: bool,
    /// State carried from window to window.
    pub carry: &'a DocCarry,
}

/// What one window leaves for the next ones of the same document.
#[derive(Default)]
pub struct DocCarry {
    /// The names recognizer's state (propagation sources so far).
    pub(crate) names: RefCell<super::names::NamesCarry>,
    /// The numeric recognizer's state (dateline, narrative year, countries named).
    pub(crate) numbers: RefCell<super::numbers::NumbersCarry>,
}

/// Cut `text` into windows of at least `window_chars` code points of core
/// (at least 1). A text no longer than that is one window.
pub fn plan(text: &str, window_chars: usize) -> Vec<WindowSpan> {
    let window_chars = window_chars.max(1);
    // No more bytes than the window's code points: one window, nothing to scan.
    if text.len() <= window_chars {
        return vec![WindowSpan {
            context: 0..text.len(),
            core: 0..text.len(),
        }];
    }
    let mut cores = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = next_cut(text, start, window_chars).unwrap_or(text.len());
        cores.push(start..end);
        start = end;
    }
    if cores.is_empty() {
        cores.push(0..0);
    }
    let last = cores.len() - 1;
    cores
        .into_iter()
        .enumerate()
        .map(|(k, core)| {
            let start = if k == 0 {
                0
            } else {
                margin_before(text, core.start)
            };
            let end = if k == last {
                text.len()
            } else {
                margin_after(text, core.end)
            };
            WindowSpan {
                context: start..end,
                core,
            }
        })
        .collect()
}

/// Bytes of text whose code points [`advance`] counts at once (then moved
/// back to a character boundary): std's count reads them a word at a time.
const COUNT_BLOCK_BYTES: usize = 1024;

/// The byte offset `chars` code points after `from`, or the end.
fn advance(text: &str, from: usize, chars: usize) -> usize {
    let (mut at, mut left) = (from, chars);
    // Whole blocks while the target is past them (std's `chars().count()`
    // counts the bytes that start a character, a word at a time)…
    loop {
        let mut end = (at + COUNT_BLOCK_BYTES).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if end <= at {
            break;
        }
        let n = text[at..end].chars().count();
        if n > left {
            break;
        }
        left -= n;
        at = end;
    }
    // …then character by character within the last block.
    text[at..]
        .char_indices()
        .nth(left)
        .map_or(text.len(), |(b, _)| at + b)
}

/// The byte offset `chars` code points before `from`, or 0.
fn retreat(text: &str, from: usize, chars: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(b, _)| b)
}

/// Whether a character ends a sentence (as the tokenizer reads it).
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{061F}' | '\u{2026}')
}

/// The first boundary at or after byte `from`, within `limit`: just after a
/// line break; else after the white space that follows a sentence end; else
/// after any white space. `None` when there is none before the limit.
fn boundary_after(text: &str, from: usize, limit: usize) -> Option<usize> {
    let region = &text[from..limit];
    if let Some(nl) = region.find('\n') {
        return Some(from + nl + 1);
    }
    let mut after_end = false;
    let mut first_space = None;
    for (b, c) in region.char_indices() {
        if c.is_whitespace() {
            let cut = from + b + c.len_utf8();
            if after_end {
                return Some(cut);
            }
            first_space.get_or_insert(cut);
        }
        after_end = ends_sentence(c);
    }
    first_space
}

/// Where the core starting at `start` ends: the first boundary at least
/// `window_chars` code points on; `None` when the rest of the text is the core.
fn next_cut(text: &str, start: usize, window_chars: usize) -> Option<usize> {
    let from = advance(text, start, window_chars);
    if from >= text.len() {
        return None;
    }
    // A boundary near `from` first (so a text without line breaks is not
    // searched to its end for each window); a text with no boundary for a
    // long stretch gets the first one further on.
    let near = advance(text, from, LINE_SEARCH_CHARS);
    let cut =
        boundary_after(text, from, near).or_else(|| boundary_after(text, near, text.len()))?;
    (cut < text.len()).then_some(cut)
}

/// The start of the context before a core starting at `cut`: at least
/// [`MARGIN_CHARS`] back, then back to the start of that line.
fn margin_before(text: &str, cut: usize) -> usize {
    let from = retreat(text, cut, MARGIN_CHARS);
    let limit = retreat(text, from, LINE_SEARCH_CHARS);
    let region = &text[limit..from];
    if let Some(nl) = region.rfind('\n') {
        return limit + nl + 1;
    }
    if limit == 0 {
        return 0;
    }
    region
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(from, |(b, c)| limit + b + c.len_utf8())
}

/// The end of the context after a core ending at `cut`: at least
/// [`MARGIN_CHARS`] on, then to the end of that line.
fn margin_after(text: &str, cut: usize) -> usize {
    let from = advance(text, cut, MARGIN_CHARS);
    let limit = advance(text, from, LINE_SEARCH_CHARS);
    if limit >= text.len() && !text[from..limit].contains('\n') {
        return text.len();
    }
    boundary_after(text, from, limit).unwrap_or(from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_plan(text: &str, window: usize) -> Vec<WindowSpan> {
        let spans = plan(text, window);
        assert_eq!(spans[0].core.start, 0);
        assert_eq!(spans.last().unwrap().core.end, text.len());
        for w in spans.windows(2) {
            assert_eq!(w[0].core.end, w[1].core.start, "cores tile the text");
        }
        for s in &spans {
            assert!(s.context.start <= s.core.start && s.core.end <= s.context.end);
            assert!(text.is_char_boundary(s.context.start) && text.is_char_boundary(s.context.end));
        }
        spans
    }

    #[test]
    fn a_short_text_is_one_window() {
        let spans = check_plan("بكين 7 أبريل", 100);
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].context, 0.."بكين 7 أبريل".len());
        assert_eq!(
            plan("", 10),
            vec![WindowSpan {
                context: 0..0,
                core: 0..0
            }]
        );
    }

    #[test]
    fn cores_end_after_line_breaks() {
        let line = "سطر من النص العربي هنا.\n";
        let text = line.repeat(200);
        let spans = check_plan(&text, 50);
        assert!(spans.len() > 10);
        for s in &spans[..spans.len() - 1] {
            assert_eq!(&text[s.core.end - 1..s.core.end], "\n");
            assert!(text[s.core.clone()].chars().count() >= 50);
            // Margins reach whole lines of context on both sides.
            let after = &text[s.core.end..s.context.end];
            assert!(after.chars().count() >= MARGIN_CHARS || s.context.end == text.len());
        }
        for s in &spans[1..] {
            assert!(s.context.start == 0 || &text[s.context.start - 1..s.context.start] == "\n");
        }
    }

    #[test]
    fn one_long_line_is_cut_after_sentence_ends_or_spaces() {
        let text = "جملة أولى طويلة. ".repeat(100);
        let spans = check_plan(&text, 40);
        assert!(spans.len() > 5);
        for s in &spans[..spans.len() - 1] {
            assert!(
                text[..s.core.end].ends_with(". "),
                "{:?}",
                &text[..s.core.end]
            );
        }
        let words = "كلمة ".repeat(100);
        for s in &check_plan(&words, 7)[1..] {
            assert!(words[..s.core.start].ends_with(' '));
        }
        // No boundary at all: one window.
        assert_eq!(check_plan(&"ب".repeat(500), 10).len(), 1);
    }

    #[test]
    fn counts_code_points() {
        let text = "aب€😀b";
        for (n, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(advance(text, 0, n), b);
        }
        assert_eq!(advance(text, 1, 1), 3);
        assert_eq!(advance(text, 0, 9), text.len());
        assert_eq!(retreat(text, text.len(), 2), text.len() - 5);
        // Across several of `advance`'s blocks, whose ends fall inside
        // characters of two, three and four bytes.
        let long = "بكين 😀€a ".repeat(600);
        for n in [
            0, 1, 63, 64, 65, 200, 499, 500, 501, 511, 512, 513, 1023, 1024, 1025, 3000, 4999,
            5000, 5001, 9000,
        ] {
            let expected = long.char_indices().nth(n).map_or(long.len(), |(b, _)| b);
            assert_eq!(advance(&long, 0, n), expected, "{n}");
            assert_eq!(
                advance(&long, 9, n),
                long[9..]
                    .char_indices()
                    .nth(n)
                    .map_or(long.len(), |(b, _)| 9 + b)
            );
        }
    }
}
