//! cargo-fuzz target `gold_import`: see `kashif::fuzzing::gold_import`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kashif::fuzzing::gold_import(data));
