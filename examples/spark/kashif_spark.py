"""kashif on Apache Spark: extract mentions from a dataset of documents and
write them as Parquet partitioned by label, then print per-label counts.

Input: JSONL (``{"id": ..., "text": ...}`` per line, any other fields are
ignored) or Parquet with ``id`` and ``text`` columns (chosen by
``--input-format``, or by the path: ``*.parquet`` or a directory of Parquet
files is Parquet, anything else JSONL).

Two ways to run kashif on the executors (``--via``):

* ``python`` (default): ``mapPartitions`` with the ``kashif`` Python package;
  one ``Extractor`` per executor Python worker (``kashif.shared_extractor``),
  loaded on first use and reused by every partition that worker runs.
* ``cli``: ``RDD.pipe`` through the ``kashif`` binary (``kashif extract
  --input-format jsonl -``), one process per partition; no Python package on
  the executors, only the binary (ship it with ``--files``).

Output: ``OUT/type=LABEL/*.parquet`` with columns ``doc start end text value
rule modifier`` (and ``type`` from the directory): ``value`` is the JSON text
of the normalized value (``"2015-04-07"``, ``{"amount":5,"currency":"USD"}``,
``null``), as in the CSV output of ``kashif extract``.

Local mode::

    python examples/spark/kashif_spark.py docs.jsonl out/ --master 'local[2]'

On a cluster (the wheel installed on every node, or shipped in a packed
virtual environment with ``--archives``)::

    spark-submit --master yarn --archives my-rules.zip#my-rules \\
        examples/spark/kashif_spark.py hdfs:///news/docs.parquet hdfs:///news/mentions \\
        --rules-dir my-rules

See the README's "Running at scale".
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from typing import Any, Iterable, Iterator, Optional

# The columns written, in this order; `type` is the partition column.
COLUMNS = ("doc", "start", "end", "type", "text", "value", "rule", "modifier")
# Documents handed to one extract_batch call inside a partition.
CHUNK = 256

def mention_row(m: dict[str, Any]) -> tuple:
    """A mention dict (JSONL contract) as a row of COLUMNS."""
    value = json.dumps(m["value"], ensure_ascii=False, separators=(",", ":"))
    return (m["doc"], m["start"], m["end"], m["type"], m["text"], value, m["rule"], m.get("modifier"))


def extract_partition(rows: Iterable[Any], rules_dir: Optional[str], profile: Optional[str]) -> Iterator[tuple]:
    """mapPartitions body: documents in, mention rows out, in chunks."""
    import kashif

    # Loaded once per executor Python worker (Spark reuses workers), not per partition.
    extractor = kashif.shared_extractor(rules_dir, profile)
    chunk: list[tuple[str, str]] = []

    def flush() -> Iterator[tuple]:
        ids = [doc_id for doc_id, _ in chunk]
        texts = [text for _, text in chunk]
        # Spark already runs one task per core: one thread per task.
        for mentions in extractor.extract_batch(texts, threads=1, doc_ids=ids):
            for m in mentions:
                yield mention_row(m)

    for row in rows:
        chunk.append((row["id"], row["text"]))
        if len(chunk) == CHUNK:
            yield from flush()
            chunk = []
    if chunk:
        yield from flush()


def cli_command(kashif_bin: str, rules_dir: Optional[str], profile: Optional[str]) -> str:
    """The command RDD.pipe runs on each partition."""
    args = [kashif_bin, "extract", "--input-format", "jsonl", "-"]
    if rules_dir:
        args += ["--rules", rules_dir]
    if profile:
        args += ["--profile", profile]
    return shlex.join(args)


def document_line(row: Any) -> str:
    return json.dumps({"id": row["id"], "text": row["text"]}, ensure_ascii=False)


def read_documents(spark, path: str, input_format: Optional[str]):
    """The documents as a DataFrame (id, text). A line that is not a JSON
    object, or a document without an id or a text, stops the job with a
    message naming the file: no document is dropped silently."""
    from pyspark.sql import functions as F

    fmt = input_format or ("parquet" if path.endswith(".parquet") or _is_parquet_dir(path) else "jsonl")
    if fmt == "parquet":
        df = spark.read.parquet(path)
    elif fmt == "jsonl":
        df = spark.read.schema("id string, text string, _corrupt_record string").json(path)
    else:
        raise SystemExit(f"kashif_spark: unknown --input-format {fmt!r} (expected jsonl or parquet)")
    missing = {"id", "text"} - set(df.columns)
    if missing:
        raise SystemExit(f"kashif_spark: {path}: no column(s) {sorted(missing)} (expected id and text)")
    broken = F.col("id").isNull() | F.col("text").isNull()
    shown = F.to_json(F.struct("id", "text"))
    if "_corrupt_record" in df.columns:
        broken = broken | F.col("_corrupt_record").isNotNull()
        shown = F.coalesce(F.col("_corrupt_record"), shown)
    bad = df.where(broken).select(F.input_file_name().alias("file"), shown.alias("record")).limit(1).collect()
    if bad:
        record = bad[0]["record"]
        raise SystemExit(
            f"kashif_spark: {bad[0]['file']}: a record that is not a document with an id and a text: "
            f"{record[:120]}"
        )
    return df.select(F.col("id").cast("string").alias("id"), "text")


def _is_parquet_dir(path: str) -> bool:
    return os.path.isdir(path) and any(name.endswith(".parquet") for name in os.listdir(path))


def mentions_rdd(docs, via: str, rules_dir: Optional[str], profile: Optional[str], kashif_bin: str):
    """The mentions of every document as an RDD of COLUMNS tuples."""
    if via == "python":
        return docs.rdd.mapPartitions(lambda rows: extract_partition(rows, rules_dir, profile))
    if via == "cli":
        lines = docs.rdd.map(document_line).pipe(cli_command(kashif_bin, rules_dir, profile), checkCode=True)
        return lines.map(lambda line: mention_row(json.loads(line)))
    raise SystemExit(f"kashif_spark: unknown --via {via!r} (expected python or cli)")


def mention_schema():
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    types = {"start": IntegerType(), "end": IntegerType()}
    return StructType([StructField(c, types.get(c, StringType()), c in ("modifier", "value")) for c in COLUMNS])


def run(spark, args: argparse.Namespace) -> dict[str, int]:
    """Extract, write Parquet partitioned by label, return per-label counts."""
    docs = read_documents(spark, args.input, args.input_format)
    # One partition per core at least: a JSONL file under the split size is
    # read as one partition, which would keep all but one core idle.
    partitions = args.partitions or max(docs.rdd.getNumPartitions(), spark.sparkContext.defaultParallelism)
    if partitions != docs.rdd.getNumPartitions():
        docs = docs.repartition(partitions)
    rows = mentions_rdd(docs, args.via, args.rules_dir, args.profile, args.kashif_bin)
    # The rows are built to the schema above; checking each one again costs time.
    mentions = spark.createDataFrame(rows, mention_schema(), verifySchema=False)
    mentions.write.mode("overwrite").partitionBy("type").parquet(args.output)
    written = spark.read.parquet(args.output)
    return {r["type"]: r["count"] for r in written.groupBy("type").count().orderBy("type").collect()}


def parse_args(argv: Optional[list[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", help="documents: JSONL ({id, text} per line) or Parquet (id, text columns)")
    p.add_argument("output", help="directory for the mentions (Parquet, partitioned by type)")
    p.add_argument("--input-format", choices=("jsonl", "parquet"), help="default: from the path")
    p.add_argument("--via", choices=("python", "cli"), default="python", help="kashif Python package (mapPartitions) or the CLI (RDD.pipe)")
    p.add_argument("--rules-dir", help="rules overlay directory, as seen from the executors (ship it with --archives)")
    p.add_argument("--profile", help="rule profile (--profile of the CLI)")
    p.add_argument("--kashif-bin", default="kashif", help="with --via cli: the kashif binary on the executors (./kashif when shipped with --files)")
    p.add_argument("--partitions", type=int, help="repartition the documents into this many partitions (default: at least one per core)")
    p.add_argument("--master", help="Spark master when not run by spark-submit (e.g. 'local[2]')")
    return p.parse_args(argv)


def main(argv: Optional[list[str]] = None) -> int:
    args = parse_args(argv)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("kashif").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            # Local workers run this interpreter, where kashif is installed.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    started = time.perf_counter()
    counts = run(spark, args)
    elapsed = time.perf_counter() - started
    width = max((len(label) for label in counts), default=5)
    for label, count in counts.items():
        print(f"{label:<{width}}  {count}")
    print(f"{'total':<{width}}  {sum(counts.values())}  ({elapsed:.1f} s, via {args.via})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
