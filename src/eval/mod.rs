//! Evaluation: gold loading and validation ([`gold`]), the nervaluate-exact
//! span scorer ([`score`]), the ANERcorp / conlleval mode ([`conll`]) and the
//! reports ([`report`]).

pub mod gold;
pub mod score;
