"""Throughput of kashif's four ways in: the CLI, the Python package, the spaCy
component and Spark local mode, on the corpus repeated to N documents.

    python python/benches/throughput.py --docs 10000          # from the repository root

Needs the CLI built (`cargo build --release`) and the wheel installed with
its extras (`scripts/test.sh` does both). Every way is checked to find the
same number of mentions before its time counts. Figures from a shared
2-core machine move between runs: run it twice.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def read_document(path: Path) -> str:
    """A document as the CLI reads it: a BOM is not text, CRLF stays."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return f.read()


def dataset(n: int, path: Path) -> tuple[list[tuple[str, str]], int]:
    corpus = [(p.stem, read_document(p)) for p in sorted((REPO / "corpus").glob("*.txt"))]
    docs = [(f"{corpus[i % len(corpus)][0]}-{i:06d}", corpus[i % len(corpus)][1]) for i in range(n)]
    with open(path, "w", encoding="utf-8") as f:
        for doc_id, text in docs:
            f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    return docs, sum(len(t.encode()) for _, t in docs)


def report(what: str, seconds: float, n_docs: int, n_bytes: int, mentions: int) -> None:
    print(
        f"{what:<34} {seconds:7.2f} s  {n_bytes / seconds / 1e6:6.1f} MB/s  "
        f"{n_docs / seconds:8.0f} docs/s  ({mentions} mentions)",
        flush=True,
    )


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--docs", type=int, default=10000)
    p.add_argument("--spacy-docs", type=int, default=2000, help="the spaCy pipeline is slower: fewer documents")
    p.add_argument("--skip-spark", action="store_true")
    args = p.parse_args()
    cli = os.environ.get("KASHIF_BIN", str(REPO / "target" / "release" / "kashif"))
    tmp = Path(tempfile.mkdtemp(prefix="kashif-bench-"))
    docs, n_bytes = dataset(args.docs, tmp / "docs.jsonl")
    print(f"{args.docs} documents, {n_bytes / 1e6:.1f} MB, {os.cpu_count()} cores", flush=True)

    started = time.perf_counter()
    with open(tmp / "docs.jsonl", "rb") as stdin:
        out = subprocess.run([cli, "extract", "--input-format", "jsonl", "-"], stdin=stdin, capture_output=True, check=True).stdout
    expected = out.count(b"\n")
    report("CLI kashif extract (all cores)", time.perf_counter() - started, len(docs), n_bytes, expected)

    import kashif

    extractor = kashif.Extractor()
    texts = [t for _, t in docs]
    ids = [i for i, _ in docs]
    for threads in (1, 2):
        started = time.perf_counter()
        found = sum(len(ms) for ms in extractor.extract_batch(texts, threads=threads, doc_ids=ids))
        assert found == expected, (found, expected)
        report(f"Python extract_batch threads={threads}", time.perf_counter() - started, len(docs), n_bytes, found)

    import spacy

    nlp = spacy.blank("ar")
    nlp.add_pipe("kashif")
    few = texts[: args.spacy_docs]
    few_bytes = sum(len(t.encode()) for t in few)
    few_expected = sum(len(extractor.extract(t)) for t in few)
    started = time.perf_counter()
    found = sum(len(doc.spans["kashif"]) for doc in nlp.pipe(few, batch_size=256))
    assert found == few_expected, (found, few_expected)
    report("spaCy blank('ar') + kashif, pipe", time.perf_counter() - started, len(few), few_bytes, found)

    if not args.skip_spark:
        sys.path.insert(0, str(REPO / "examples" / "spark"))
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "examples" / "spark"), os.environ.get("PYTHONPATH")]))
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        import kashif_spark
        from pyspark.sql import SparkSession

        spark = (
            SparkSession.builder.master("local[2]")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        # Warm up: the JVM's first jobs and the Python workers' start are not throughput.
        warm = tmp / "warm.jsonl"
        warm.write_text("".join((tmp / "docs.jsonl").read_text(encoding="utf-8").splitlines(True)[:200]), encoding="utf-8")
        for via in ("python", "cli"):
            kashif_spark.run(spark, kashif_spark.parse_args([str(warm), str(tmp / "warm-out"), "--via", via, "--kashif-bin", cli]))
        for via in ("python", "cli"):
            argv = [str(tmp / "docs.jsonl"), str(tmp / f"out-{via}"), "--via", via, "--kashif-bin", cli]
            started = time.perf_counter()
            counts = kashif_spark.run(spark, kashif_spark.parse_args(argv))
            found = sum(counts.values())
            assert found == expected, (via, found, expected)
            report(f"Spark local[2] via {via}", time.perf_counter() - started, len(docs), n_bytes, found)
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
