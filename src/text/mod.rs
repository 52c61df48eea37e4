//! The text layer: normalization for matching, tokenization with original
//! code point offsets, and clitic analysis. Everything downstream reads
//! tokens from an [`Analysis`]; nothing re-reads raw bytes or re-normalizes.

pub mod clitics;
pub mod key_hash;
pub mod normalize;
pub mod phrase_table;
pub mod reference;
pub mod tokenize;

pub use clitics::{clitic_splits, clitic_splits_iter, CliticSplit};
pub use key_hash::key_hash;
pub use normalize::{key, light};
pub use tokenize::{scan, Analysis, Token, TokenKind};
