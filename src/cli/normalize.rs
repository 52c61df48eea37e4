//! `kashif normalize`: print kashif's matching form of each input line, so
//! scripts (the lexicon builders in `scripts/`) use the binary's normalizer
//! instead of re-implementing it in another language.
//!
//! ```sh
//! printf 'أحمدُ\nمصرى\n' | kashif normalize            # key form: احمد, مصري
//! kashif normalize --form light 'إلى الأمامـــ'          # light form: الى الامام
//! ```

use std::io::{BufRead, BufWriter, Write};

/// Which view of the text to print.
#[derive(clap::ValueEnum, Debug, Clone, Copy, Default)]
pub enum Form {
    /// The lexicon lookup key (`kashif::text::key`): light, then ى→ي and ة→ه,
    /// whitespace runs collapsed and trimmed.
    #[default]
    Key,
    /// The light form (`kashif::text::light`): tashkeel, tatweel and invisible
    /// marks dropped, alef forms folded, digits to ASCII.
    Light,
}

/// Arguments of `kashif normalize`.
#[derive(clap::Args, Debug)]
pub struct NormalizeArgs {
    /// The form to print.
    #[arg(long, value_enum, default_value_t = Form::Key)]
    pub form: Form,
    /// Strings to normalize, one output line each; without any, every line of stdin.
    pub text: Vec<String>,
}

fn normalize(form: Form, s: &str) -> String {
    match form {
        Form::Key => kashif::text::key(s),
        Form::Light => kashif::text::light(s),
    }
}

/// Run the command; returns the exit code (0 ok, 2 unreadable input or write error).
pub fn run(args: NormalizeArgs) -> i32 {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let written = if args.text.is_empty() {
        let stdin = std::io::stdin();
        let mut result = Ok(());
        for (n, line) in stdin.lock().lines().enumerate() {
            match line {
                Ok(line) => {
                    let line = line.strip_suffix('\r').unwrap_or(&line);
                    if let Err(e) = writeln!(out, "{}", normalize(args.form, line)) {
                        result = Err(e.to_string());
                        break;
                    }
                }
                Err(e) => {
                    result = Err(format!("stdin: line {}: {e}", n + 1));
                    break;
                }
            }
        }
        result
    } else {
        args.text
            .iter()
            .try_for_each(|s| writeln!(out, "{}", normalize(args.form, s)))
            .map_err(|e| e.to_string())
    };
    match written.and_then(|()| out.flush().map_err(|e| e.to_string())) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("kashif normalize: {e}");
            2
        }
    }
}
