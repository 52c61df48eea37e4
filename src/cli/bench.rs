//! `kashif bench` (not built yet).

/// Arguments of `kashif bench`.
#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// Arguments.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub rest: Vec<String>,
}

/// Run the command; returns the exit code.
pub fn run(_args: BenchArgs) -> i32 {
    eprintln!("kashif bench: not available yet");
    2
}
