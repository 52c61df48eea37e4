//! The reference text pipeline, built on the Hugging Face `tokenizers` crate:
//! a `normalizers::Sequence` of `Replace` steps (plus NFKC when the text has
//! presentation forms) and a `Split` pre-tokenizer with the number-aware
//! token regex. Its offset alignment maps every token back to the original
//! text. It is the definition the fast scanner in [`super::tokenize`] must
//! reproduce (a differential test checks it), it handles documents that need
//! NFKC, and `kashif export-tokenizer` serializes it as a `tokenizer.json`
//! that the Python `tokenizers` library loads.

use tokenizers::models::wordlevel::WordLevel;
use tokenizers::normalizer::Range;
use tokenizers::normalizers::{Replace, Sequence, NFKC};
use tokenizers::pre_tokenizers::split::{Split, SplitPattern};
use tokenizers::{
    NormalizedString, Normalizer, NormalizerWrapper, OffsetReferential, OffsetType,
    PreTokenizedString, PreTokenizer, SplitDelimiterBehavior, TokenizerBuilder,
};

use super::tokenize::{Analysis, Token, TokenKind};
use crate::error::{Error, Result};

/// The token regex (see the grammar in [`super::tokenize`]).
pub const TOKEN_PATTERN: &str =
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]+(?:[.,:/][0-9]+)*|\p{Alphabetic}+|\S";

/// Characters dropped from the matching view, as a regex class.
const DROPPED_CLASS: &str = "[\u{064B}-\u{065F}\u{0670}\u{0640}\u{200B}-\u{200F}\u{202A}-\u{202E}\u{2066}-\u{2069}\u{FEFF}\u{00AD}]";

fn tk_err(e: impl std::fmt::Display) -> Error {
    Error::Tokenizers(e.to_string())
}

/// The normalizer steps producing the light view (see [`super::normalize`]).
pub fn normalizer(nfkc: bool) -> Result<Sequence> {
    let mut steps: Vec<NormalizerWrapper> = Vec::new();
    if nfkc {
        steps.push(NFKC.into());
    }
    let regex = |pattern: &str, content: &str| -> Result<NormalizerWrapper> {
        Ok(Replace::new(
            tokenizers::normalizers::replace::ReplacePattern::Regex(pattern.to_string()),
            content,
        )
        .map_err(tk_err)?
        .into())
    };
    steps.push(regex(DROPPED_CLASS, "")?);
    // One replace step per character the fast normalizer folds (alef forms,
    // Persian letters, digits, separators), read from it.
    for c in super::normalize::light_folded_chars() {
        let light = super::normalize::light_char(c).to_string();
        steps.push(Replace::new(c.to_string(), light).map_err(tk_err)?.into());
    }
    Ok(Sequence::new(steps))
}

/// The pre-tokenizer: every token-regex match is its own split.
pub fn pre_tokenizer() -> Result<Split> {
    Split::new(
        SplitPattern::Regex(TOKEN_PATTERN.to_string()),
        SplitDelimiterBehavior::Isolated,
        false,
    )
    .map_err(tk_err)
}

/// The normalizers (without and with NFKC) and the pre-tokenizer, compiled
/// once per process: compiling their regexes costs more than running them on
/// a news article.
struct Compiled {
    normalizers: [Sequence; 2],
    pre_tokenizer: Split,
}

fn compiled() -> Result<&'static Compiled> {
    static COMPILED: std::sync::OnceLock<std::result::Result<Compiled, String>> =
        std::sync::OnceLock::new();
    COMPILED
        .get_or_init(|| {
            Ok(Compiled {
                normalizers: [
                    normalizer(false).map_err(|e| e.to_string())?,
                    normalizer(true).map_err(|e| e.to_string())?,
                ],
                pre_tokenizer: pre_tokenizer().map_err(|e| e.to_string())?,
            })
        })
        .as_ref()
        .map_err(|e| Error::Tokenizers(e.clone()))
}

/// Analyze a document with the reference pipeline.
pub fn analyze(text: &str, nfkc: bool) -> Result<Analysis<'_>> {
    let compiled = compiled()?;
    let mut normalized = NormalizedString::from(text);
    compiled.normalizers[usize::from(nfkc)]
        .normalize(&mut normalized)
        .map_err(tk_err)?;
    let mut pre = PreTokenizedString::from(normalized.clone());
    compiled
        .pre_tokenizer
        .pre_tokenize(&mut pre)
        .map_err(tk_err)?;
    let by_norm = pre.get_splits(OffsetReferential::Normalized, OffsetType::Byte);
    let by_orig = pre.get_splits(OffsetReferential::Original, OffsetType::Byte);

    // byte → char offsets of the original
    let mut byte_to_char = vec![0usize; text.len() + 1];
    let mut count = 0;
    for (b, _) in text.char_indices() {
        byte_to_char[b] = count;
        count += 1;
    }
    byte_to_char[text.len()] = count;

    let mut tokens = Vec::new();
    let mut light = String::new();
    let mut alignment = if nfkc { Some(Vec::new()) } else { None };
    for ((piece, (nb0, _), _), (_, (ob0, ob1), _)) in by_norm.iter().zip(by_orig.iter()) {
        if piece.chars().all(char::is_whitespace) {
            continue;
        }
        let first = piece.chars().next().unwrap_or(' ');
        let kind = if first.is_ascii_digit() {
            TokenKind::Number
        } else if super::normalize::is_word_char(first) {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        let norm_start = light.len();
        if let Some(alignment) = alignment.as_mut() {
            for (b, c) in piece.char_indices() {
                let range = Range::Normalized(nb0 + b..nb0 + b + c.len_utf8());
                let orig = normalized
                    .convert_offsets(range)
                    .map(|r| byte_to_char[r.start.min(text.len())])
                    .unwrap_or(byte_to_char[*ob0]);
                alignment.push((norm_start + b, orig));
            }
        }
        light.push_str(piece);
        tokens.push(Token {
            start: byte_to_char[*ob0],
            end: byte_to_char[*ob1],
            byte_start: *ob0,
            byte_end: *ob1,
            norm_start,
            norm_end: light.len(),
            kind,
            sentence: 0,
            glued: false,
        });
    }
    Ok(Analysis::from_parts(text, tokens, light, alignment))
}

/// A `tokenizer.json` with kashif's normalizer and pre-tokenizer and a
/// one-entry word-level model, loadable by the Python `tokenizers` library
/// (`Tokenizer.from_file`) to reproduce kashif's token offsets.
pub fn tokenizer_json(nfkc: bool) -> Result<String> {
    let vocab = [("[UNK]".to_string(), 0u32)].into_iter().collect();
    let model = WordLevel::builder()
        .vocab(vocab)
        .unk_token("[UNK]".to_string())
        .build()
        .map_err(tk_err)?;
    let tokenizer = TokenizerBuilder::<
        WordLevel,
        Sequence,
        Split,
        tokenizers::processors::PostProcessorWrapper,
        tokenizers::decoders::DecoderWrapper,
    >::new()
    .with_model(model)
    .with_normalizer(Some(normalizer(nfkc)?))
    .with_pre_tokenizer(Some(pre_tokenizer()?))
    .build()
    .map_err(tk_err)?;
    tokenizer.to_string(true).map_err(tk_err)
}
