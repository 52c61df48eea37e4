//! The mention model: labels, layers, the `Mention` record that every
//! recognizer emits and every output format and scorer consumes, and the
//! `DocContext` a recognizer reads one document through.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use chrono::NaiveDate;

use serde::Serialize;
use serde_json::Value;

use crate::error::Error;
use crate::text::Analysis;

/// The two annotation layers; spans may overlap across layers, never within one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    /// Named entities: PERSON NORP ORG GPE LOC FAC MISC.
    Names,
    /// Numeric expressions: CARDINAL ORDINAL PERCENT MONEY QUANTITY DATE TIME.
    Numeric,
}

impl Layer {
    /// The layer's name as used in reports (`names`, `numeric`).
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Names => "names",
            Layer::Numeric => "numeric",
        }
    }
}

macro_rules! labels {
    ($( $variant:ident => $name:literal, $layer:ident, $doc:literal; )*) => {
        /// A mention label of the annotation standard (`gold/GUIDELINES.md`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Label {
            $( #[doc = $doc] $variant, )*
        }

        impl Label {
            /// Every label, names layer first, in a stable order.
            pub const ALL: &'static [Label] = &[$(Label::$variant),*];

            /// The label as written in outputs and gold files (`PERSON`, `DATE`…).
            pub fn as_str(self) -> &'static str {
                match self { $( Label::$variant => $name, )* }
            }

            /// The layer the label belongs to.
            pub fn layer(self) -> Layer {
                match self { $( Label::$variant => Layer::$layer, )* }
            }
        }

        impl FromStr for Label {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                match s.trim() {
                    $( $name => Ok(Label::$variant), )*
                    other => Err(Error::UnknownLabel(other.to_string())),
                }
            }
        }
    };
}

labels! {
    Person => "PERSON", Names, "People, including a bare later mention of a known person.";
    Norp => "NORP", Names, "Nationalities, ethnic, religious or political groups.";
    Org => "ORG", Names, "Companies, agencies, institutions, parties, international bodies.";
    Gpe => "GPE", Names, "Countries, cities, provinces, states.";
    Loc => "LOC", Names, "Non-political locations: continents, regions, seas, rivers, mountains.";
    Fac => "FAC", Names, "Named facilities and infrastructure (head noun kept).";
    Misc => "MISC", Names, "Other proper names: initiatives, events, treaties, awards, products.";
    Cardinal => "CARDINAL", Numeric, "Counts and plain numbers.";
    Ordinal => "ORDINAL", Numeric, "Ordinal numbers.";
    Percent => "PERCENT", Numeric, "Percentages.";
    Money => "MONEY", Numeric, "An amount with its currency.";
    Quantity => "QUANTITY", Numeric, "An amount with a unit that is not money or time.";
    Date => "DATE", Numeric, "Calendar expressions, periods and durations.";
    Time => "TIME", Numeric, "Times of day.";
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Label {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A comparator or approximator that belongs to a numeric span
/// (guidelines rule 7): `أكثر من 30` is `gt`, `نحو 5%` is `approx`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Modifier {
    /// more than
    Gt,
    /// less than
    Lt,
    /// at least
    Ge,
    /// at most
    Le,
    /// about
    Approx,
}

impl Modifier {
    /// The modifier as written in outputs (`gt`, `approx`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Modifier::Gt => "gt",
            Modifier::Lt => "lt",
            Modifier::Ge => "ge",
            Modifier::Le => "le",
            Modifier::Approx => "approx",
        }
    }
}

impl FromStr for Modifier {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim() {
            "gt" => Ok(Modifier::Gt),
            "lt" => Ok(Modifier::Lt),
            "ge" => Ok(Modifier::Ge),
            "le" => Ok(Modifier::Le),
            "approx" => Ok(Modifier::Approx),
            other => Err(Error::Invalid(format!(
                "unknown modifier `{other}` (expected gt lt ge le approx)"
            ))),
        }
    }
}

/// One extracted (or gold) mention.
///
/// `start`/`end` are Unicode code point offsets into the original document
/// text, end exclusive, and `text` is exactly that slice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Document id (the file stem).
    pub doc: Arc<str>,
    /// Code point offset of the first character.
    pub start: usize,
    /// Code point offset one past the last character.
    pub end: usize,
    /// The label.
    #[serde(rename = "type")]
    pub label: Label,
    /// The original text of the span.
    pub text: String,
    /// The normalized value (numeric layer) or `null` (names layer).
    pub value: MentionValue,
    /// Stable id of the rule that produced the mention (`money/amount-currency`).
    pub rule: RuleId,
    /// Comparator or approximator inside the span, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modifier: Option<Modifier>,
    /// Why the rule fired (lexicon entry, trigger, pattern); shown by `kashif
    /// explain`. Filled only when [`crate::ExtractOptions::explain`] is set.
    #[serde(skip)]
    pub evidence: String,
    /// Conflict-resolution priority among equally long candidates (lower wins).
    #[serde(skip)]
    pub priority: i32,
}

impl Mention {
    /// The span as a pair of code point offsets.
    pub fn span(&self) -> (usize, usize) {
        (self.start, self.end)
    }

    /// The layer of the mention's label.
    pub fn layer(&self) -> Layer {
        self.label.layer()
    }

    /// Span length in code points.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty (never true for a valid mention).
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether two spans share at least one code point.
    pub fn overlaps(&self, other: &Mention) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A JSON number for `x`: an integer when `x` is integral and exactly
/// representable, a float otherwise (`28600000000`, `28.6`).
pub fn number_value(x: f64) -> Value {
    if x.is_finite() && x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_992.0 {
        Value::from(x as i64)
    } else {
        serde_json::Number::from_f64(x)
            .map(Value::Number)
            .unwrap_or(Value::Null)
    }
}

/// The normalized value of a mention, read as a [`Value`] (it derefs to
/// one). `null`, the value of every names-layer mention, takes no room and
/// no allocation; any other value is boxed. So a candidate `Mention` is 64
/// bytes smaller than with the `Value` inline, and resolution and the
/// recognizers move that much less per candidate.
#[derive(Clone, Default, PartialEq)]
pub struct MentionValue(Option<Box<Value>>);

/// What a [`MentionValue`] without a box reads as.
static NULL: Value = Value::Null;

impl MentionValue {
    /// The value, out of its box.
    pub fn into_value(self) -> Value {
        self.0.map_or(Value::Null, |v| *v)
    }
}

impl From<Value> for MentionValue {
    fn from(value: Value) -> Self {
        if value.is_null() {
            MentionValue(None)
        } else {
            MentionValue(Some(Box::new(value)))
        }
    }
}

impl std::ops::Deref for MentionValue {
    type Target = Value;
    fn deref(&self) -> &Value {
        self.0.as_deref().unwrap_or(&NULL)
    }
}

impl PartialEq<Value> for MentionValue {
    fn eq(&self, other: &Value) -> bool {
        **self == *other
    }
}

impl PartialEq<str> for MentionValue {
    fn eq(&self, other: &str) -> bool {
        **self == *other
    }
}

impl PartialEq<&str> for MentionValue {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

impl fmt::Debug for MentionValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for MentionValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl Serialize for MentionValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

/// The id of the rule that produced a mention (`name/title-person`): a
/// `'static` literal or a string shared with the rule that owns it, so a
/// candidate gets its rule id without allocating. Compares, hashes, prints
/// and serializes as the text it holds.
#[derive(Clone)]
pub struct RuleId(RuleText);

#[derive(Clone)]
enum RuleText {
    Static(&'static str),
    Shared(Arc<str>),
}

impl RuleId {
    /// The rule id as text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            RuleText::Static(s) => s,
            RuleText::Shared(s) => s,
        }
    }
}

impl Default for RuleId {
    fn default() -> Self {
        RuleId(RuleText::Static(""))
    }
}

impl std::ops::Deref for RuleId {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for RuleId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for RuleId {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&'static str> for RuleId {
    fn from(s: &'static str) -> Self {
        RuleId(RuleText::Static(s))
    }
}

impl From<Arc<str>> for RuleId {
    fn from(s: Arc<str>) -> Self {
        RuleId(RuleText::Shared(s))
    }
}

impl From<&Arc<str>> for RuleId {
    fn from(s: &Arc<str>) -> Self {
        RuleId(RuleText::Shared(s.clone()))
    }
}

impl From<&RuleId> for RuleId {
    fn from(r: &RuleId) -> Self {
        r.clone()
    }
}

impl From<String> for RuleId {
    fn from(s: String) -> Self {
        RuleId(RuleText::Shared(s.into()))
    }
}

impl From<&String> for RuleId {
    fn from(s: &String) -> Self {
        RuleId(RuleText::Shared(s.as_str().into()))
    }
}

impl From<RuleId> for String {
    fn from(r: RuleId) -> Self {
        r.as_str().to_string()
    }
}

impl PartialEq for RuleId {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for RuleId {}

impl PartialOrd for RuleId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for RuleId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for RuleId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for RuleId {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<RuleId> for &str {
    fn eq(&self, other: &RuleId) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<RuleId> for str {
    fn eq(&self, other: &RuleId) -> bool {
        self == other.as_str()
    }
}

impl fmt::Debug for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// What a recognizer sees of one document.
pub struct DocContext<'a> {
    /// The document id.
    pub doc: Arc<str>,
    /// Tokens and matching views.
    pub analysis: &'a Analysis<'a>,
    /// The date relative expressions are resolved against (`--reference-date`);
    /// without it the numeric recognizer uses the date of the document's
    /// dateline, which it reads anyway, or none.
    pub reference_date: Option<NaiveDate>,
    /// Whether recognizers write `evidence` on their candidates.
    pub explain: bool,
    /// See [`crate::ExtractOptions::propagation_window`].
    pub propagation_window: Option<usize>,
    /// The window of a long document the analysis covers, with the state
    /// earlier windows carried; `None` when the analysis is the whole document.
    pub window: Option<&'a crate::recognize::window::DocWindow<'a>>,
}

impl<'a> DocContext<'a> {
    /// The context of a whole document with no reference date, no
    /// evidence and no propagation window (unit tests run rules with it).
    pub fn plain(doc: &str, analysis: &'a Analysis<'a>) -> Self {
        DocContext {
            doc: doc.into(),
            analysis,
            reference_date: None,
            explain: false,
            propagation_window: None,
            window: None,
        }
    }
}

impl DocContext<'_> {
    /// Code points of the document before the analysed text.
    pub fn char_base(&self) -> usize {
        self.window.map_or(0, |w| w.char_base)
    }

    /// Line breaks of the document before the analysed text.
    pub fn line_base(&self) -> usize {
        self.window.map_or(0, |w| w.line_base)
    }

    /// Whether a local code point offset is in the part of the analysed
    /// text whose mentions are kept (everywhere for a whole document).
    pub fn in_core(&self, offset: usize) -> bool {
        self.window.is_none_or(|w| w.core.contains(&offset))
    }

    /// Build a candidate mention over original code point offsets
    /// `start..end`. Its `text` stays empty: the pipeline fills it in for
    /// the mentions that survive conflict resolution
    /// ([`crate::recognize::fill_text`]).
    pub fn mention(
        &self,
        start: usize,
        end: usize,
        label: Label,
        value: serde_json::Value,
        rule: impl Into<RuleId>,
    ) -> Mention {
        Mention {
            doc: self.doc.clone(),
            start,
            end,
            label,
            text: String::new(),
            value: value.into(),
            rule: rule.into(),
            modifier: None,
            evidence: String::new(),
            priority: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_and_layers() {
        for &label in Label::ALL {
            assert_eq!(label.as_str().parse::<Label>().unwrap(), label);
        }
        assert_eq!(Label::Gpe.layer(), Layer::Names);
        assert_eq!(Label::Money.layer(), Layer::Numeric);
        assert!("PERS".parse::<Label>().is_err());
    }

    #[test]
    fn mention_values_read_as_their_json_and_null_takes_no_box() {
        let null = MentionValue::from(Value::Null);
        assert!(null.0.is_none() && null.is_null());
        assert_eq!(null, MentionValue::default());
        let date = MentionValue::from(Value::from("2015-04-07"));
        assert_eq!(date, Value::from("2015-04-07"));
        assert_eq!(date.to_string(), "\"2015-04-07\"");
        assert_eq!(
            format!("{date:?}"),
            format!("{:?}", Value::from("2015-04-07"))
        );
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"2015-04-07\"");
        assert_eq!(date.into_value(), Value::from("2015-04-07"));
        assert!(std::mem::size_of::<MentionValue>() < std::mem::size_of::<Value>());
    }

    #[test]
    fn number_values_are_integers_when_integral() {
        assert_eq!(number_value(28.6e9).to_string(), "28600000000");
        assert_eq!(number_value(28.6).to_string(), "28.6");
        assert_eq!(number_value(f64::NAN), Value::Null);
    }
}
