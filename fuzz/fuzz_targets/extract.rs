//! cargo-fuzz target `extract`: see `kashif::fuzzing::extract`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kashif::fuzzing::extract(data));
