//! Helpers shared by the CLI tests: run the `kashif` binary with arguments,
//! optionally feeding stdin.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Run `kashif ARGS` and collect its output.
pub fn kashif(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args(args)
        .output()
        .expect("run kashif")
}

/// Run `kashif ARGS` with `input` on stdin.
pub fn kashif_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kashif");
    // kashif may exit before reading its input (a bad rules directory is
    // refused at start-up): a broken pipe here is not the test's failure.
    if let Err(e) = child.stdin.take().unwrap().write_all(input) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

/// The process's stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
