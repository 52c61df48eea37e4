//! cargo-fuzz target `tokenize`: see `kashif::fuzzing::tokenize`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kashif::fuzzing::tokenize(data));
