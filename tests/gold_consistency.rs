//! Every file in `gold/` loads and validates against its document in
//! `corpus/`: text equals the slice, labels known, no overlap within a layer,
//! values parse; rows are sorted by (start, end); and it survives a brat
//! round trip unchanged.

use std::path::Path;

use kashif::eval::gold;
use kashif::io::read_document;
use kashif::Layer;

#[test]
fn every_gold_file_is_consistent() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    let mut entries: Vec<_> = std::fs::read_dir(root.join("gold"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    entries.sort();
    for path in entries {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let doc_path = root.join("corpus").join(format!("{stem}.txt"));
        assert!(
            doc_path.exists(),
            "{}: no document {}",
            path.display(),
            doc_path.display()
        );
        let doc = read_document(&doc_path).unwrap();
        let mentions = gold::load_gold_csv(&path, &doc).unwrap_or_else(|e| panic!("{e}"));
        let raw = std::fs::read_to_string(&path).unwrap();
        let rows = csv::Reader::from_reader(raw.as_bytes()).records().count();
        assert_eq!(
            mentions.len(),
            rows,
            "{}: every row becomes a mention",
            path.display()
        );
        // Rows are sorted by (start, end) in the file itself.
        let mut reader = csv::Reader::from_reader(raw.as_bytes());
        let keys: Vec<(usize, usize)> = reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].parse().unwrap(), r[1].parse().unwrap())
            })
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(
            keys,
            sorted,
            "{}: rows sorted by start, end",
            path.display()
        );
        for m in &mentions {
            if m.layer() == Layer::Names {
                assert!(
                    m.value.is_null(),
                    "{}: names carry no value",
                    path.display()
                );
            }
        }
        let mut ann = Vec::new();
        gold::write_brat_ann(&mut ann, &mentions).unwrap();
        let back = gold::parse_brat_ann("x.ann", std::str::from_utf8(&ann).unwrap(), &doc).unwrap();
        assert_eq!(back, mentions, "{}: brat round trip", path.display());
        // Writing the loaded gold back reproduces the file byte for byte.
        let mut csv_out = Vec::new();
        gold::write_gold_csv(&mut csv_out, &mentions).unwrap();
        assert_eq!(
            String::from_utf8(csv_out).unwrap().replace("\r\n", "\n"),
            raw.replace("\r\n", "\n"),
            "{}: CSV round trip",
            path.display()
        );
        checked += 1;
    }
    assert!(checked >= 1, "gold/ has at least one file");
}
