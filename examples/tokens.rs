//! Print kashif's tokens of a file (or stdin) as `start<TAB>end<TAB>text`,
//! code point offsets, to compare with the exported `tokenizer.json` loaded
//! in Python (see docs/bench.md):
//!
//! ```sh
//! cargo run --release --example tokens -- corpus/xinhua-2015-04-07-china-kazakhstan.txt
//! ```

use std::io::Read;

fn main() {
    let mut text = String::new();
    match std::env::args().nth(1) {
        Some(path) => text = std::fs::read_to_string(path).expect("read the file"),
        None => {
            std::io::stdin()
                .read_to_string(&mut text)
                .expect("read stdin");
        }
    }
    let analysis = kashif::text::Analysis::new(&text);
    for (i, t) in analysis.tokens().iter().enumerate() {
        println!("{}\t{}\t{}", t.start, t.end, analysis.surface(i));
    }
}
