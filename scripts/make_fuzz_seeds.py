#!/usr/bin/env python3
"""Write the committed seed corpora of the fuzz targets (fuzz/corpus/<target>/)
from the repository's own data: the corpus articles, the gold files (as gold
CSV, brat standoff and CoNLL BIO, the latter two exported by kashif itself),
the rule files (the first lines of each, behind the selector byte the
`rule_files` target reads) and sentences of the hand-written test cases.
No shared data set is copied. Run from the repository root after
`cargo build --release`:

    python3 scripts/make_fuzz_seeds.py

Input layouts are described in src/fuzzing.rs. Re-running rewrites the same files.
"""
import hashlib
import json
import os
import pathlib
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus"
KASHIF = ROOT / "target" / "release" / "kashif"
MAX_SEED = 4096  # bytes; libFuzzer's default -max_len is about this


def write(target, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    (d / name).write_bytes(data)


def head(data, limit=MAX_SEED):
    """At most `limit` bytes, cut at a line end (or a character boundary)."""
    if len(data) <= limit:
        return data
    cut = data.rfind(b"\n", 0, limit)
    if cut <= 0:
        cut = limit
        while cut > 0 and (data[cut] & 0xC0) == 0x80:
            cut -= 1
    return data[:cut]


def cases(path, n):
    with open(ROOT / path, encoding="utf-8") as f:
        rows = [json.loads(l) for l in f if l.strip()]
    step = max(1, len(rows) // n)
    return rows[::step][:n]


def main():
    for target in ["tokenize", "extract", "gold_import", "rule_files", "jsonl_input"]:
        d = OUT / target
        if d.is_dir():
            for f in d.iterdir():
                f.unlink()

    docs = sorted(p for p in (ROOT / "corpus").glob("*.txt") if not p.name.startswith("LICENSE"))
    texts = []
    for doc in docs:
        raw = doc.read_bytes()
        texts.append(head(raw))
        paragraphs = [p for p in raw.decode("utf-8-sig").split("\n") if p.strip()]
        texts.extend(p.encode() for p in paragraphs[:6])
    for row in cases("tests/numbers_cases.jsonl", 40) + cases("tests/names_cases.jsonl", 40):
        texts.append(row["text"].encode())
    extra = [
        "\ufeffبكين 7 أبريل 2015",
        "و" * 200,
        "1,234,567,890.5 " * 20,
        "الرئيس الرئيس الرئيس " * 20,
        "ﻻ ﷲ ﺑﺴﻢ",  # presentation forms: the NFKC path
        "a\u00a0b\u200bc\u200fd\r\ne",
    ]
    texts.extend(t.encode() for t in extra)
    for t in texts:
        write("tokenize", t)
        write("extract", t)

    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ["brat", "conll"]:
            subprocess.run(
                [str(KASHIF), "gold", "export", "--to", fmt, "--out", f"{tmp}/{fmt}"],
                cwd=ROOT, check=True, capture_output=True,
            )
        for csv in sorted((ROOT / "gold").glob("*.csv")):
            doc = (ROOT / "corpus" / f"{csv.stem}.txt").read_bytes()
            pairs = [
                (0, csv.read_bytes()),
                (1, pathlib.Path(f"{tmp}/brat/{csv.stem}.ann").read_bytes()),
                (2, pathlib.Path(f"{tmp}/conll/{csv.stem}.conll").read_bytes()),
            ]
            for selector, ann in pairs:
                write("gold_import", bytes([selector]) + doc + b"\0" + ann)
            conll = pathlib.Path(f"{tmp}/conll/{csv.stem}.conll").read_bytes()
            write("gold_import", bytes([3]) + head(conll))

    rule_files = sorted(
        str(p.relative_to(ROOT / "rules"))
        for p in (ROOT / "rules").rglob("*")
        if p.suffix in (".csv", ".jsonl", ".tsv")
    )
    for i, name in enumerate(rule_files):
        lines = (ROOT / "rules" / name).read_bytes().split(b"\n")
        write("rule_files", bytes([i]) + b"\n".join(lines[:40]) + b"\n")

    rows = cases("tests/numbers_cases.jsonl", 20) + cases("tests/names_cases.jsonl", 20)
    for k in range(0, len(rows), 5):
        lines = [json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) for r in rows[k:k + 5]]
        write("jsonl_input", ("\n".join(lines) + "\n").encode())
    write("jsonl_input", "\ufeff".encode() + json.dumps({"id": "a", "text": "بكين"}, ensure_ascii=False).encode() + b"\r\n")


if __name__ == "__main__":
    main()
