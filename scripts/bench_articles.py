"""Bench input made of the corpus articles (the repository's corpus/*.txt in order, repeated to
about MB megabytes), written to stdout: one long document of the articles
joined by blank lines (`doc`), or JSONL lines with new ids (`jsonl`).
Shared by scripts/bench-memory.sh and scripts/bench-extract-vs-wc.sh.

    python3 scripts/bench_articles.py doc|jsonl MB > FILE
"""
import json
import pathlib
import sys

mode, mb = sys.argv[1], float(sys.argv[2])
if mode not in ("doc", "jsonl"):
    sys.exit(f"bench_articles.py: mode must be doc or jsonl, not {mode!r}")
corpus = pathlib.Path(__file__).resolve().parent.parent / "corpus"
docs = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.txt"))]
if not docs or not any(text for _, text in docs):
    sys.exit(f"bench_articles.py: no article text in {corpus}/*.txt")
target, size, n = int(mb * 1_000_000), 0, 0
out = sys.stdout
while size < target:
    for stem, text in docs:
        if mode == "doc":
            piece = (text + "\n\n") if size else text
        else:
            piece = json.dumps({"id": f"{stem}#{n}", "text": text}, ensure_ascii=False) + "\n"
        out.write(piece)
        size += len(piece.encode("utf-8"))
        n += 1
        if size >= target:
            break
