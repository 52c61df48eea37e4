//! Typed rows: one generic loader that turns a [`CsvTable`] into a `Vec` of
//! any `serde::Deserialize` struct, instead of one hand-written loop per
//! file. Columns are matched by header name; a column the struct does not
//! know and a required column the file lacks are errors, and every error
//! names the file, the line and the column:
//!
//! ```
//! use kashif::rules::{CsvTable, Located};
//!
//! /// One row of a (made-up) unit table.
//! #[derive(serde::Deserialize)]
//! struct UnitRow {
//!     word: String,
//!     symbol: String,
//!     /// Optional column: absent from the header, or an empty cell, reads as None.
//!     #[serde(default)]
//!     factor: Option<f64>,
//! }
//!
//! let table = CsvTable::parse(
//!     "numbers/my_units.csv",
//!     "# source: example\nword,symbol,factor\nكيلومتر,km,\nميل,mi,1.609\n",
//! )
//! .unwrap();
//! let rows: Vec<Located<UnitRow>> = table.rows().unwrap();
//! assert_eq!((rows[1].line, rows[1].value.factor), (4, Some(1.609)));
//! assert_eq!(rows[0].value.factor, None);
//!
//! let bad = CsvTable::parse("numbers/my_units.csv", "word,symbol,factor\nميل,mi,كثير\n").unwrap();
//! let err = bad.rows::<UnitRow>().err().unwrap().to_string();
//! assert!(err.starts_with("numbers/my_units.csv:2: column `factor`:"), "{err}");
//!
//! let unknown = CsvTable::parse("numbers/my_units.csv", "word,symbol,scale\nميل,mi,1\n").unwrap();
//! let err = unknown.rows::<UnitRow>().err().unwrap().to_string();
//! assert!(err.contains("unknown column `scale`"), "{err}");
//! ```
//!
//! Cells are trimmed before they are read. Use `Option<T>` with
//! `#[serde(default)]` for an optional column; `String` with
//! `#[serde(default)]` reads an absent column as "".

use serde::de::{self, DeserializeOwned, Visitor};

use super::CsvTable;
use crate::error::{Error, Result};

/// A value read from a rule file with the 1-based line it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// 1-based line number in the rule file.
    pub line: usize,
    /// The row.
    pub value: T,
}

impl CsvTable<'_> {
    /// Every row deserialized as `T`, with its line number. See the module
    /// documentation for the column rules.
    pub fn rows<T: DeserializeOwned>(&self) -> Result<Vec<Located<T>>> {
        if let Some(fields) = struct_fields::<T>() {
            if let Some(unknown) = self.header.iter().find(|h| !fields.contains(&h.as_str())) {
                return Err(Error::rule(
                    &self.file,
                    self.header_line,
                    format!(
                        "unknown column `{unknown}` (the columns of this file are {})",
                        fields.join(",")
                    ),
                ));
            }
        }
        let header = csv::StringRecord::from(self.header.clone());
        let mut out = Vec::with_capacity(self.rows.len());
        let mut record = csv::StringRecord::new();
        for row in &self.rows {
            record.clear();
            for i in 0..self.header.len() {
                record.push_field(row.get(i));
            }
            match record.deserialize::<T>(Some(&header)) {
                Ok(value) => out.push(Located {
                    line: row.line,
                    value,
                }),
                Err(e) => return Err(self.deserialize_error(row.line, &e)),
            }
        }
        Ok(out)
    }

    fn deserialize_error(&self, line: usize, e: &csv::Error) -> Error {
        let csv::ErrorKind::Deserialize { err, .. } = e.kind() else {
            return Error::rule(&self.file, line, e.to_string());
        };
        let why = match err.kind() {
            csv::DeserializeErrorKind::Message(m) => m.clone(),
            csv::DeserializeErrorKind::Unsupported(m) => format!("unsupported type: {m}"),
            csv::DeserializeErrorKind::UnexpectedEndOfRow => "missing cell".to_string(),
            csv::DeserializeErrorKind::InvalidUtf8(e) => format!("not valid UTF-8: {e}"),
            csv::DeserializeErrorKind::ParseBool(e) => format!("not true/false: {e}"),
            csv::DeserializeErrorKind::ParseInt(e) => format!("not an integer: {e}"),
            csv::DeserializeErrorKind::ParseFloat(e) => format!("not a number: {e}"),
        };
        if let Some(missing) = why
            .strip_prefix("missing field `")
            .and_then(|m| m.strip_suffix('`'))
        {
            return Error::rule(
                &self.file,
                self.header_line,
                format!(
                    "missing column `{missing}` (header is `{}`)",
                    self.header.join(",")
                ),
            );
        }
        match err.field().and_then(|i| self.header.get(i as usize)) {
            Some(column) => Error::rule(&self.file, line, format!("column `{column}`: {why}")),
            None => Error::rule(&self.file, line, why),
        }
    }
}

/// The field names of a struct type, read from its `Deserialize` impl
/// (`None` when `T` is not a plain struct, e.g. a map: then any column is accepted).
fn struct_fields<T: DeserializeOwned>() -> Option<&'static [&'static str]> {
    let mut fields = None;
    let _ = T::deserialize(FieldProbe {
        fields: &mut fields,
    });
    fields
}

/// A deserializer that only records the field list a struct asks for.
struct FieldProbe<'a> {
    fields: &'a mut Option<&'static [&'static str]>,
}

#[derive(Debug)]
struct ProbeDone;

impl std::fmt::Display for ProbeDone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field probe")
    }
}

impl std::error::Error for ProbeDone {}

impl de::Error for ProbeDone {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        ProbeDone
    }
}

impl<'de> de::Deserializer<'de> for FieldProbe<'_> {
    type Error = ProbeDone;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> std::result::Result<V::Value, ProbeDone> {
        *self.fields = Some(fields);
        Err(ProbeDone)
    }

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> std::result::Result<V::Value, ProbeDone> {
        Err(ProbeDone)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Row {
        entry: String,
        label: String,
        #[serde(default)]
        note: String,
        #[serde(default)]
        priority: Option<i32>,
    }

    fn table(text: &str) -> CsvTable<'_> {
        CsvTable::parse("names/x.csv", text).unwrap()
    }

    #[test]
    fn rows_with_lines_trimmed_cells_and_defaults() {
        let rows: Vec<Located<Row>> = table("# c\nentry,label\n بكين , GPE\n# c\nموسكو,GPE\n")
            .rows()
            .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 3);
        assert_eq!(rows[1].line, 5);
        assert_eq!(
            rows[0].value,
            Row {
                entry: "بكين".into(),
                label: "GPE".into(),
                note: String::new(),
                priority: None
            }
        );
    }

    #[test]
    fn optional_column_present_and_empty() {
        let rows: Vec<Located<Row>> = table("entry,label,priority\nا,GPE,3\nب,GPE,\n")
            .rows()
            .unwrap();
        assert_eq!(rows[0].value.priority, Some(3));
        assert_eq!(rows[1].value.priority, None);
    }

    #[test]
    fn bad_cell_names_file_line_and_column() {
        let err = table("# c\nentry,label,priority\nا,GPE,high\n")
            .rows::<Row>()
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("names/x.csv:3: column `priority`: not an integer"),
            "{err}"
        );
    }

    #[test]
    fn unknown_column_is_rejected_at_the_header_line() {
        let err = table("# c\nentry,label,colour\nا,GPE,red\n")
            .rows::<Row>()
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("names/x.csv:2: unknown column `colour`"),
            "{err}"
        );
        assert!(err.contains("entry,label,note,priority"), "{err}");
    }

    #[test]
    fn missing_required_column_is_rejected_at_the_header_line() {
        let err = table("entry,note\nا,x\n")
            .rows::<Row>()
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("names/x.csv:1: missing column `label`"),
            "{err}"
        );
    }

    #[test]
    fn a_map_type_accepts_any_column() {
        let rows: Vec<Located<std::collections::BTreeMap<String, String>>> =
            table("a,b\n1,2\n").rows().unwrap();
        assert_eq!(rows[0].value["b"], "2");
    }
}
