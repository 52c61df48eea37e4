//! `kashif eval` (not built yet).

/// Arguments of `kashif eval`.
#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// Arguments.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub rest: Vec<String>,
}

/// Run the command; returns the exit code.
pub fn run(_args: EvalArgs) -> i32 {
    eprintln!("kashif eval: not available yet");
    2
}
