//! cargo-fuzz target `jsonl_input`: see `kashif::fuzzing::jsonl_input`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kashif::fuzzing::jsonl_input(data));
