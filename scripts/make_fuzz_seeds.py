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
import csv
import hashlib
import io
import json
import os
import pathlib
import re
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

    # gold_import: each gold file cut to its document's opening paragraphs
    # (libFuzzer's -max_len would cut a whole article anyway), as gold CSV,
    # brat and CoNLL BIO (tokens split at mention edges, as kashif exports
    # them), plus the seed article whole in the three formats as kashif
    # itself exports them.
    names = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "MISC"}
    for gold in sorted((ROOT / "gold").glob("*.csv")):
        text = (ROOT / "corpus" / f"{gold.stem}.txt").read_text(encoding="utf-8-sig")
        cut = text.find("\n", 300)
        cut = len(text) if cut < 0 else cut
        snippet = text[:cut]
        with open(gold, encoding="utf-8-sig", newline="") as f:
            rows = [r for r in csv.DictReader(f) if int(r["end"]) <= cut]
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["start", "end", "type", "text", "value"])
        for r in rows:
            w.writerow([r["start"], r["end"], r["type"], r["text"], r["value"]])
        ann = []
        for i, r in enumerate(rows, 1):
            ann.append(f"T{i}\t{r['type']} {r['start']} {r['end']}\t{r['text']}")
            if r["type"] not in names:
                ann.append(f"#{i}\tAnnotatorNotes T{i}\t{r['value']}")
        spans = [(int(r["start"]), int(r["end"]), r["type"]) for r in rows if r["type"] in names]
        cuts = sorted({c for s_, e_, _ in spans for c in (s_, e_)})
        tokens = []
        for m in re.finditer(r"\S+", snippet):
            start = m.start()
            for c in [c for c in cuts if m.start() < c < m.end()] + [m.end()]:
                tokens.append((start, c))
                start = c
        conll = []
        for s_, e_ in tokens:
            tag = "O"
            for ms, me, label in spans:
                if ms <= s_ and e_ <= me:
                    tag = ("B-" if s_ == ms else "I-") + label
            conll.append(f"{snippet[s_:e_]}\t{tag}")
        doc = snippet.encode()
        for selector, body in [(0, buf.getvalue()), (1, "\n".join(ann) + "\n"), (2, "\n".join(conll) + "\n")]:
            write("gold_import", bytes([selector]) + doc + b"\0" + body.encode())
        write("gold_import", bytes([3]) + ("\n".join(conll) + "\n").encode())

    with tempfile.TemporaryDirectory() as tmp:
        seed = "xinhua-2015-04-07-china-kazakhstan"
        for fmt in ["brat", "conll"]:
            subprocess.run(
                [str(KASHIF), "gold", "export", "--to", fmt, "--out", f"{tmp}/{fmt}", seed],
                cwd=ROOT, check=True, capture_output=True,
            )
        doc = (ROOT / "corpus" / f"{seed}.txt").read_bytes()
        for selector, ann in [
            (0, (ROOT / "gold" / f"{seed}.csv").read_bytes()),
            (1, pathlib.Path(f"{tmp}/brat/{seed}.ann").read_bytes()),
            (2, pathlib.Path(f"{tmp}/conll/{seed}.conll").read_bytes()),
        ]:
            write("gold_import", bytes([selector]) + doc + b"\0" + ann)

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
