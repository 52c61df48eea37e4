//! `kashif gold` (not built yet).

/// Arguments of `kashif gold`.
#[derive(clap::Args, Debug)]
pub struct GoldArgs {
    /// Arguments.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub rest: Vec<String>,
}

/// Run the command; returns the exit code.
pub fn run(_args: GoldArgs) -> i32 {
    eprintln!("kashif gold: not available yet");
    2
}
