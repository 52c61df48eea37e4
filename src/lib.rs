//! # kashif (كاشف, "revealer")
//!
//! Fast rule-based extraction of named entities and numeric expressions from
//! Arabic news text, with evaluation against gold annotation and benchmarks.
//!
//! Data flows one way: text → [`text::Analysis`] (tokens with original code
//! point offsets, light and key normalized views, clitic candidates) →
//! recognizers ([`recognize::numbers`], [`recognize::names`]) → conflict
//! resolution per layer → [`Mention`]s. Rules and lexicons are data under
//! `rules/`, embedded as defaults and overridable with a directory.
//!
//! ```
//! use kashif::{Extractor, ExtractOptions};
//! let extractor = Extractor::with_default_rules().unwrap();
//! let text = "بكين 7 أبريل 2015 (شينخوا)";
//! let mentions = extractor.extract("doc", text, &ExtractOptions::default());
//! for m in &mentions {
//!     // offsets are code points into the original text, end exclusive
//!     let slice: String = text.chars().skip(m.start).take(m.end - m.start).collect();
//!     assert_eq!(slice, m.text);
//! }
//! ```
#![warn(missing_docs)]

pub mod error;
pub mod eval;
#[doc(hidden)]
pub mod fuzzing;
pub mod io;
pub mod mention;
pub mod perf;
pub mod recognize;
pub mod rules;
pub mod text;

pub use error::{Error, Result};
pub use io::Document;
pub use mention::{Label, Layer, Mention, MentionValue, Modifier, RuleId};
pub use recognize::{ExtractOptions, Extractor};
pub use rules::RuleFiles;
