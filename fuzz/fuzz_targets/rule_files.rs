//! cargo-fuzz target `rule_files`: see `kashif::fuzzing::rule_files`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kashif::fuzzing::rule_files(data));
