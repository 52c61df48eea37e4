//! CSV rule files: `#` comment lines (provenance, licence) at any point,
//! one header row, then rows. Every row remembers its line number so a
//! recognizer can report `rules/numbers/currencies.csv:12: …`.

use std::borrow::Cow;

use crate::error::{Error, Result};

/// A parsed CSV rule file. Its rows borrow the file's text where they can
/// (a row without quotes or padding is its line): rule loading is most of
/// kashif's start-up, and a row costs no allocation then.
#[derive(Debug, Clone)]
pub struct CsvTable<'t> {
    /// The file's relative name, for error messages.
    pub file: String,
    /// Column names from the header row.
    pub header: Vec<String>,
    /// 1-based line of the header row.
    pub header_line: usize,
    /// The data rows.
    pub rows: Vec<CsvRow<'t>>,
}

/// One data row with its 1-based line number.
#[derive(Debug, Clone)]
pub struct CsvRow<'t> {
    /// 1-based line number in the file.
    pub line: usize,
    /// The row's trimmed cells, one after another: the file's line itself
    /// when no cell needed trimming or unquoting (cells then lie one comma
    /// apart, `gap` 1), else one buffer of the cells (`gap` 0).
    text: Cow<'t, str>,
    /// Bytes between one cell's end and the next cell's start in `text`.
    gap: u8,
    /// Where each cell ends in `text`: the first [`INLINE_CELLS`] here…
    ends: [u32; INLINE_CELLS],
    /// …and those of any further cells.
    more_ends: Vec<u32>,
    /// Number of cells.
    cells: u32,
}

/// Cell ends a row keeps without an allocation of their own (most rule
/// files have at most this many columns).
const INLINE_CELLS: usize = 5;

impl<'t> CsvTable<'t> {
    /// Parse `text` (the content of rule file `file`).
    pub fn parse(file: &str, text: &'t str) -> Result<Self> {
        // Rule files are split on commas directly, which is several times
        // faster than the csv reader (rule loading is most of kashif's
        // start-up). A carriage return or a byte order mark takes the
        // reader, which knows them; so does a file with quotes unless each
        // quote is around a whole cell of one line and the file parses
        // without error (an error then is the reader's, word for word).
        // (memchr: a `contains` with a char pattern decodes every character.)
        let bytes = text.as_bytes();
        if memchr::memchr(b'\r', bytes).is_some() || text.starts_with('\u{FEFF}') {
            Self::parse_with_reader(file, text)
        } else if memchr::memchr(b'"', bytes).is_none() {
            Self::parse_plain(file, text)
        } else {
            Self::parse_plain(file, text).or_else(|_| Self::parse_with_reader(file, text))
        }
    }

    /// [`CsvTable::parse`] of a text without carriage returns or a byte
    /// order mark: what the csv reader gives for it, errors included, when
    /// it has no quote; with quotes, what the reader gives or an error
    /// (a quote this splitter does not read: see [`quoted_cells`]).
    fn parse_plain(file: &str, text: &'t str) -> Result<Self> {
        let mut header: Option<Vec<String>> = None;
        let mut header_line = None;
        // At most one row per line: sized once instead of grown.
        let mut rows = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
        // One pass over the bytes finds every line end and comma (a
        // `split('\n')` then `split(',')` searched again for each line and
        // cell: a third of rule loading). Both are ASCII, so every cut
        // falls on a character boundary.
        let bytes = text.as_bytes();
        let mut separators = memchr::memchr2_iter(b'\n', b',', bytes).peekable();
        let mut commas: Vec<usize> = Vec::new();
        let mut line_start = 0;
        let mut line_number = 0;
        // The pieces of `text.split('\n')`: the last one runs to the end.
        while line_start <= bytes.len() {
            line_number += 1;
            commas.clear();
            let mut line_end = bytes.len();
            for at in separators.by_ref() {
                if bytes[at] == b'\n' {
                    line_end = at;
                    break;
                }
                commas.push(at);
            }
            let line = &text[line_start..line_end];
            let cells = Self::cells(text, line_start, line_end, &commas);
            line_start = line_end + 1;
            if line.trim_start().starts_with('#') {
                continue;
            }
            if header_line.is_none() && !line.trim().is_empty() {
                header_line = Some(line_number);
            }
            // The reader skips empty lines only; a line of spaces is a record.
            if line.is_empty() {
                continue;
            }
            if memchr::memchr(b'"', line.as_bytes()).is_some() {
                let quoted = quoted_cells(line).ok_or_else(|| {
                    Error::rule(file, line_number, "a quote not around a whole cell")
                })?;
                match &header {
                    None => {
                        let names: Vec<String> =
                            quoted.iter().map(|h| h.trim().to_string()).collect();
                        if names.iter().all(String::is_empty) {
                            return Err(Error::rule(file, 1, "missing header row"));
                        }
                        header = Some(names);
                    }
                    Some(names) if names.len() != quoted.len() => {
                        return Err(Error::rule(
                            file,
                            line_number,
                            format!(
                                "row has {} fields, the header has {}",
                                quoted.len(),
                                names.len()
                            ),
                        ));
                    }
                    Some(_) => rows.push(CsvRow::from_cells(
                        line_number,
                        quoted.iter().map(|cell| cell.as_ref()),
                    )),
                }
                continue;
            }
            match &header {
                None => {
                    let names: Vec<String> = cells.map(|h| h.trim().to_string()).collect();
                    if names.iter().all(String::is_empty) {
                        return Err(Error::rule(file, 1, "missing header row"));
                    }
                    header = Some(names);
                }
                Some(names) => {
                    let row = CsvRow::of_line(line_number, line, cells);
                    if row.cells as usize != names.len() {
                        return Err(Error::rule(
                            file,
                            line_number,
                            format!(
                                "row has {} fields, the header has {}",
                                row.cells,
                                names.len()
                            ),
                        ));
                    }
                    rows.push(row);
                }
            }
        }
        let Some(header) = header else {
            return Err(Error::rule(file, 1, "missing header row"));
        };
        Ok(CsvTable {
            file: file.to_string(),
            header,
            header_line: header_line.unwrap_or(1),
            rows,
        })
    }

    /// The cells of the line `start..end` of `text` whose commas are at
    /// `commas` (what `line.split(',')` gives).
    fn cells<'a, 'c>(
        text: &'a str,
        start: usize,
        end: usize,
        commas: &'c [usize],
    ) -> impl Iterator<Item = &'a str> + Clone + use<'a, 'c> {
        let starts = std::iter::once(start).chain(commas.iter().map(|&c| c + 1));
        let ends = commas.iter().copied().chain(std::iter::once(end));
        starts.zip(ends).map(move |(s, e)| &text[s..e])
    }

    /// [`CsvTable::parse`] with the csv reader (quoted cells, `\r\n`).
    fn parse_with_reader(file: &str, text: &'t str) -> Result<Self> {
        // Comment lines are blanked rather than skipped by the csv reader, so
        // its line numbers stay those of the file.
        let blanked: String = text
            .split_inclusive('\n')
            .map(|line| {
                if line.trim_start().starts_with('#') {
                    if line.ends_with('\n') {
                        "\n"
                    } else {
                        ""
                    }
                } else {
                    line
                }
            })
            .collect();
        // Cells are trimmed as each row is stored rather than by the reader
        // (`Trim::All` rebuilds every record), and each row keeps one buffer
        // instead of a String per cell.
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(blanked.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| Error::rule(file, line_of(&e), format!("bad header: {e}")))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        if header.is_empty() || header.iter().all(String::is_empty) {
            return Err(Error::rule(file, 1, "missing header row"));
        }
        let mut rows = Vec::new();
        let mut lines = LineCounter::default();
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let line = e.position().map_or(0, |p| {
                        LineCounter::default().line_at(&blanked, p.byte() as usize)
                    });
                    return Err(Error::rule(file, line, describe(&e)));
                }
            }
            let line = record
                .position()
                .map_or(0, |p| lines.line_at(&blanked, p.byte() as usize));
            rows.push(CsvRow::from_cells(line, record.iter()));
        }
        let header_line = blanked
            .lines()
            .position(|l| !l.trim().is_empty())
            .map_or(1, |i| i + 1);
        Ok(CsvTable {
            file: file.to_string(),
            header,
            header_line,
            rows,
        })
    }

    /// Index of a required column; an error naming the file when absent.
    pub fn column(&self, name: &str) -> Result<usize> {
        self.header.iter().position(|h| h == name).ok_or_else(|| {
            Error::rule(
                &self.file,
                self.header_line,
                format!(
                    "missing column `{name}` (header is `{}`)",
                    self.header.join(",")
                ),
            )
        })
    }

    /// Index of an optional column.
    pub fn optional_column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// An error at a row of this file.
    pub fn error(&self, row: &CsvRow<'_>, message: impl Into<String>) -> Error {
        Error::rule(&self.file, row.line, message)
    }
}

impl<'t> CsvRow<'t> {
    /// The row of a line (`cells` are its pieces between commas): the line
    /// itself when every cell is trimmed already, else a copy.
    fn of_line(
        line_number: usize,
        line: &'t str,
        cells: impl Iterator<Item = &'t str> + Clone,
    ) -> CsvRow<'t> {
        if !cells
            .clone()
            .all(|cell| trim_cell(cell).len() == cell.len())
        {
            return CsvRow::from_cells(line_number, cells);
        }
        let mut ends = [0u32; INLINE_CELLS];
        let mut more_ends = Vec::new();
        let mut count = 0u32;
        let base = line.as_ptr() as usize;
        for (n, cell) in cells.enumerate() {
            let end = (cell.as_ptr() as usize - base + cell.len()) as u32;
            match ends.get_mut(n) {
                Some(slot) => *slot = end,
                None => more_ends.push(end),
            }
            count += 1;
        }
        CsvRow {
            line: line_number,
            text: Cow::Borrowed(line),
            gap: 1,
            ends,
            more_ends,
            cells: count,
        }
    }

    /// A row of these cells, trimmed, in a buffer of its own (sized exactly).
    fn from_cells<'c>(line: usize, record: impl Iterator<Item = &'c str> + Clone) -> CsvRow<'t> {
        let bytes = record.clone().map(|cell| trim_cell(cell).len()).sum();
        let mut text = String::with_capacity(bytes);
        let mut ends = [0u32; INLINE_CELLS];
        let mut more_ends = Vec::new();
        let mut cells = 0u32;
        for (n, cell) in record.enumerate() {
            text.push_str(trim_cell(cell));
            let end = text.len() as u32;
            match ends.get_mut(n) {
                Some(slot) => *slot = end,
                None => more_ends.push(end),
            }
            cells += 1;
        }
        CsvRow {
            line,
            text: Cow::Owned(text),
            gap: 0,
            ends,
            more_ends,
            cells,
        }
    }

    /// Where cell `index` ends in the row's buffer.
    fn end(&self, index: usize) -> usize {
        match self.ends.get(index) {
            Some(&end) => end as usize,
            None => self.more_ends[index - INLINE_CELLS] as usize,
        }
    }

    /// The cell at `index` ("" when the row is shorter).
    pub fn get(&self, index: usize) -> &str {
        if index >= self.cells as usize {
            return "";
        }
        let start = if index == 0 {
            0
        } else {
            self.end(index - 1) + self.gap as usize
        };
        &self.text[start..self.end(index)]
    }
}

/// The cells of a CSV line with quotes, untrimmed, as the csv reader gives
/// them when each is plain (no quote) or quoted whole (`"a, b"`, `""` for a
/// quote inside); `None` for any other quote (one inside a plain cell,
/// text after a closing quote, a quoted cell running past the line).
fn quoted_cells(line: &str) -> Option<Vec<Cow<'_, str>>> {
    let mut cells = Vec::new();
    let mut rest = line;
    loop {
        let next = if let Some(quoted) = rest.strip_prefix('"') {
            let mut cell = String::new();
            let mut from = 0;
            let after = loop {
                // No closing quote on the line: a cell over several lines.
                let at = from + memchr::memchr(b'"', &quoted.as_bytes()[from..])?;
                cell.push_str(&quoted[from..at]);
                if quoted[at + 1..].starts_with('"') {
                    cell.push('"');
                    from = at + 2;
                } else {
                    break &quoted[at + 1..];
                }
            };
            cells.push(Cow::Owned(cell));
            match after.strip_prefix(',') {
                Some(next) => Some(next),
                None if after.is_empty() => None,
                None => return None,
            }
        } else {
            let (cell, next) = match memchr::memchr(b',', rest.as_bytes()) {
                Some(at) => (&rest[..at], Some(&rest[at + 1..])),
                None => (rest, None),
            };
            if memchr::memchr(b'"', cell.as_bytes()).is_some() {
                return None;
            }
            cells.push(Cow::Borrowed(cell));
            next
        };
        match next {
            Some(next) => rest = next,
            None => return Some(cells),
        }
    }
}

/// `cell.trim()`, without decoding the edges of a cell that starts and ends
/// with an ASCII letter or sign or an Arabic letter (U+0600–U+06FF, led by
/// the bytes D8–DB; no white space is among them): most rule cells.
fn trim_cell(cell: &str) -> &str {
    let b = cell.as_bytes();
    let plain_ascii = |c: u8| c.is_ascii_graphic();
    let arabic_lead = |c: u8| (0xD8..=0xDB).contains(&c);
    let plain_start = b.first().is_some_and(|&c| plain_ascii(c) || arabic_lead(c));
    let plain_end = match b {
        [.., last] if plain_ascii(*last) => true,
        [.., lead, _] => arabic_lead(*lead),
        _ => false,
    };
    if plain_start && plain_end {
        cell
    } else {
        cell.trim()
    }
}

/// Line numbers of records, counted incrementally (records come in order).
#[derive(Default)]
struct LineCounter {
    byte: usize,
    line: usize,
}

impl LineCounter {
    /// 1-based line number of the record starting at a byte offset (the
    /// reader reports the offset before any blank lines it skipped).
    fn line_at(&mut self, text: &str, byte: usize) -> usize {
        let bytes = text.as_bytes();
        let mut byte = byte.min(bytes.len());
        while byte < bytes.len() && matches!(bytes[byte], b'\n' | b'\r') {
            byte += 1;
        }
        if byte < self.byte {
            *self = LineCounter::default();
        }
        self.line += bytes[self.byte..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.byte = byte;
        self.line + 1
    }
}

fn line_of(e: &csv::Error) -> usize {
    e.position().map_or(0, |p| p.line() as usize)
}

fn describe(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("row has {len} fields, the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_header_rows_and_line_numbers() {
        let t = CsvTable::parse(
            "x.csv",
            "# source: test\nentry,label\nبكين,GPE\n# mid\nموسكو,GPE\n",
        )
        .unwrap();
        assert_eq!(t.header, vec!["entry", "label"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].line, 3);
        assert_eq!(t.rows[1].line, 5);
        assert_eq!(t.rows[1].get(0), "موسكو");
    }

    #[test]
    fn cells_and_header_are_trimmed() {
        let t =
            CsvTable::parse("x.csv", " entry , label \n  بكين ,GPE\t\n\"  a, b \",x\n").unwrap();
        assert_eq!(t.header, vec!["entry", "label"]);
        assert_eq!((t.rows[0].get(0), t.rows[0].get(1)), ("بكين", "GPE"));
        assert_eq!((t.rows[1].get(0), t.rows[1].get(1)), ("a, b", "x"));
        assert_eq!(t.rows[1].get(2), "", "a missing cell reads as empty");
        assert_eq!(t.column("label").unwrap(), 1);
    }

    #[test]
    fn rows_wider_than_the_inline_cells_keep_every_cell() {
        let t = CsvTable::parse("x.csv", "a,b,c,d,e,f,g\n1, ,3,,5 ,\"6,6\",7\n").unwrap();
        let cells: Vec<&str> = (0..8).map(|i| t.rows[0].get(i)).collect();
        assert_eq!(cells, ["1", "", "3", "", "5", "6,6", "7", ""]);
        assert_eq!(t.rows[0].get(usize::MAX), "");
    }

    /// Both parsers' results, comparable.
    fn outcome(result: Result<CsvTable<'_>>) -> std::result::Result<String, String> {
        result.map_err(|e| e.to_string()).map(|t| {
            let rows: Vec<String> = t
                .rows
                .iter()
                .map(|r| {
                    let cells: Vec<&str> = (0..=t.header.len()).map(|i| r.get(i)).collect();
                    format!("{}:{cells:?}", r.line)
                })
                .collect();
            format!("{:?} @{} {rows:?}", t.header, t.header_line)
        })
    }

    #[test]
    fn quoted_or_crlf_files_take_the_reader_and_agree() {
        let text = "# c\r\nentry,label\r\n\"a, b\",X\r\n\r\nc,Y\r\n";
        let t = CsvTable::parse("x.csv", text).unwrap();
        assert_eq!((t.rows[0].get(0), t.rows[1].get(1)), ("a, b", "Y"));
        assert_eq!((t.header_line, t.rows[0].line, t.rows[1].line), (2, 3, 5));
        let plain = "# c\nentry,label\na,X\n\nc,Y\n";
        assert_eq!(
            outcome(CsvTable::parse_plain("x.csv", plain)),
            outcome(CsvTable::parse_with_reader("x.csv", plain))
        );
    }

    #[test]
    fn trim_cell_is_trim() {
        for cell in [
            "",
            " ",
            "a",
            " a ",
            "بكين",
            " بكين\u{00A0}",
            "\u{2003}ب",
            "ب\u{3000}",
            "x\t",
            "é ",
            " é",
            "\u{0085}a",
            "a\u{1680}",
            "ـ",
            "٣",
            "ب ب",
        ] {
            assert_eq!(trim_cell(cell), cell.trim(), "{cell:?}");
        }
    }

    #[test]
    fn every_embedded_rule_file_parses_as_the_reader_reads_it() {
        let (mut compared, mut quoted) = (0, 0);
        for (name, text) in crate::rules::RuleFiles::embedded().iter() {
            if !name.ends_with(".csv") || text.contains('\r') || text.starts_with('\u{FEFF}') {
                continue;
            }
            let reader = outcome(CsvTable::parse_with_reader(name, text));
            assert_eq!(outcome(CsvTable::parse(name, text)), reader, "{name}");
            compared += 1;
            let plain = CsvTable::parse_plain(name, text);
            if text.contains('"') && plain.is_ok() {
                quoted += 1;
            }
            if plain.is_ok() || !text.contains('"') {
                assert_eq!(outcome(plain), reader, "{name}");
            }
        }
        assert!(compared > 20, "only {compared} plain rule files");
        // Files with quoted cells (stop words, cities, units…) are split
        // without the reader too.
        assert!(quoted >= 5, "only {quoted} rule files with quotes");
    }

    #[test]
    fn quotes_around_whole_cells_are_split_without_the_reader() {
        let text = "h1,h2,h3\n\"a, b\",\"say \"\"hi\"\"\",c\n\" x \",,\"\"\n";
        let t = CsvTable::parse_plain("q.csv", text).unwrap();
        let cells: Vec<&str> = (0..3).map(|i| t.rows[0].get(i)).collect();
        assert_eq!(cells, ["a, b", "say \"hi\"", "c"]);
        let cells: Vec<&str> = (0..3).map(|i| t.rows[1].get(i)).collect();
        assert_eq!(cells, ["x", "", ""]);
        // A quote inside a plain cell, text after a closing quote, a cell
        // over two lines: the reader's business.
        for text in ["h\na\"b\n", "h\n\"a\"b\n", "h\n\"a\nb\"\n"] {
            assert!(CsvTable::parse_plain("q.csv", text).is_err(), "{text:?}");
            assert_eq!(
                outcome(CsvTable::parse("q.csv", text)),
                outcome(CsvTable::parse_with_reader("q.csv", text)),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        /// Without quotes, carriage returns or a byte order mark the comma
        /// splitter gives what the csv reader gives: header, header line,
        /// rows, line numbers and errors.
        #[test]
        fn the_plain_parser_equals_the_reader(text in "[ab ,#\n\t\u{00A0}ب]{0,40}") {
            proptest::prop_assert_eq!(
                outcome(CsvTable::parse_plain("p.csv", &text)),
                outcome(CsvTable::parse_with_reader("p.csv", &text))
            );
        }

        /// With quotes, the splitter gives the reader's table or leaves the
        /// file to it, errors included.
        #[test]
        fn quoted_files_parse_as_the_reader_reads_them(text in "[ab ,#\n\"ب]{0,40}") {
            let plain = CsvTable::parse_plain("p.csv", &text);
            let reader = outcome(CsvTable::parse_with_reader("p.csv", &text));
            if plain.is_ok() {
                proptest::prop_assert_eq!(outcome(plain), reader.clone());
            }
            proptest::prop_assert_eq!(outcome(CsvTable::parse("p.csv", &text)), reader);
        }
    }

    #[test]
    fn malformed_row_after_comments_names_its_line() {
        let err = CsvTable::parse(
            "numbers/x.csv",
            "# a\n# b\nword,value\nواحد,1\n# c\nاثنان\n",
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("numbers/x.csv:6:"), "{err}");
    }

    #[test]
    fn malformed_row_names_file_and_line() {
        let err = CsvTable::parse("names/x.csv", "entry,label\nبكين,GPE\nموسكو\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("names/x.csv:3:"), "{msg}");
        assert!(msg.contains("1 fields"), "{msg}");
    }
}
