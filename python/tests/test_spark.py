"""The Spark example in local mode (local[2]) on the corpus repeated to a few
thousand documents: both paths (the Python package in mapPartitions, the CLI
through RDD.pipe) write exactly the mentions of one single-process
`kashif extract` run, as Parquet partitioned by label, and print the counts."""

from __future__ import annotations

import collections
import json
import os
import shutil
import sys

import pytest

pyspark = pytest.importorskip("pyspark", reason="pip install kashif[spark]")

from conftest import REPO, corpus_documents, run_cli  # noqa: E402

EXAMPLE = REPO / "examples" / "spark"
DOCUMENTS = 2000


@pytest.fixture(scope="module")
def job():
    """The example module, importable here and by the Spark workers."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.fail("Spark needs Java 17: run scripts/setup-test-deps.sh")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(EXAMPLE), os.environ.get("PYTHONPATH")]))
    os.environ["PYSPARK_PYTHON"] = sys.executable
    sys.path.insert(0, str(EXAMPLE))
    import kashif_spark

    return kashif_spark


@pytest.fixture(scope="module")
def spark(job):
    """A local[2] session; the job's getOrCreate() finds it."""
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("kashif-tests")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    """DOCUMENTS documents cycling through the corpus, as JSONL."""
    docs = corpus_documents()
    path = tmp_path_factory.mktemp("spark") / "docs.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for i in range(DOCUMENTS):
            doc_id, text = docs[i % len(docs)]
            f.write(json.dumps({"id": f"{doc_id}-{i:05d}", "text": text}, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def expected(cli, dataset, job):
    """The rows of one single-process `kashif extract` run over the dataset."""
    out = run_cli(cli, "extract", "--input-format", "jsonl", "-", stdin=dataset.read_bytes()).stdout
    rows = [job.mention_row(json.loads(line)) for line in out.decode("utf-8").splitlines()]
    assert len(rows) > DOCUMENTS
    return sorted(rows, key=repr)


def written_rows(spark, job, output) -> list[tuple]:
    df = spark.read.parquet(str(output)).select(*job.COLUMNS)
    return sorted((tuple(r) for r in df.collect()), key=repr)


def printed_counts(out: str) -> dict[str, int]:
    counts = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            counts[parts[0]] = int(parts[1])
    return counts


def check_run(spark, job, capsys, output, expected):
    assert sorted(p.name for p in output.iterdir() if p.is_dir()) == sorted(
        f"type={label}" for label in {row[3] for row in expected}
    ), "one Parquet partition per label"
    assert written_rows(spark, job, output) == expected
    out = capsys.readouterr().out
    assert printed_counts(out) == dict(collections.Counter(row[3] for row in expected)), out


def test_mappartitions_with_the_python_package_equals_the_cli(job, spark, dataset, expected, tmp_path, capsys):
    output = tmp_path / "mentions"
    argv = [str(dataset), str(output), "--master", "local[2]", "--partitions", "4"]
    assert job.main(argv) == 0
    check_run(spark, job, capsys, output, expected)


def test_rdd_pipe_through_the_cli_on_parquet_equals_the_cli(job, spark, cli, dataset, expected, tmp_path, capsys):
    parquet = tmp_path / "docs.parquet"
    spark.read.schema("id string, text string").json(str(dataset)).write.parquet(str(parquet))
    output = tmp_path / "mentions"
    argv = [str(parquet), str(output), "--via", "cli", "--kashif-bin", str(cli), "--master", "local[2]"]
    assert job.main(argv) == 0
    check_run(spark, job, capsys, output, expected)


def test_documents_without_id_and_text_are_reported(job, spark, tmp_path):
    bad = tmp_path / "bad.parquet"
    spark.createDataFrame([("a", "بكين")], "doc string, body string").write.parquet(str(bad))
    with pytest.raises(SystemExit, match=r"bad\.parquet: no column\(s\) \['id', 'text'\]"):
        job.read_documents(spark, str(bad), None)


def test_malformed_or_incomplete_documents_stop_the_job(job, spark, tmp_path):
    for name, content in [
        ("not-json.jsonl", '{"id": "a", "text": "بكين"}\n{"id": "b", "text": \n'),
        ("no-text.jsonl", '{"id": "a", "text": "بكين"}\n{"id": "b"}\n'),
    ]:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        with pytest.raises(SystemExit, match=rf"{name}: a record that is not a document with an id and a text"):
            job.read_documents(spark, str(path), None)
