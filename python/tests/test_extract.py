"""The Python package against the CLI: the same mentions byte for byte, batch
equal to single, the GIL released during extraction, errors with file:line."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import threading
import time
from pathlib import Path

import pytest

import kashif
from conftest import CORPUS, GOLD, REPO, corpus_documents, jsonl_line, run_cli


def case_documents() -> list[tuple[str, str]]:
    """The texts of the names and numbers case tables: many short, varied documents."""
    docs = []
    for table in ("names_cases.jsonl", "numbers_cases.jsonl"):
        for line in (REPO / "tests" / table).read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                docs.append((case["id"], case["text"]))
    return docs


def test_corpus_mentions_equal_the_cli_byte_for_byte(cli, extractor):
    expected = run_cli(cli, "extract", str(CORPUS)).stdout.decode("utf-8").splitlines()
    got = [jsonl_line(m) for doc_id, text in corpus_documents() for m in extractor.extract(text, doc_id=doc_id)]
    assert len(expected) > 50, "the corpus should give many mentions"
    assert sorted(got) == sorted(expected)


def test_case_table_mentions_equal_the_cli_jsonl_input(cli, extractor):
    docs = case_documents()
    stdin = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in docs)
    expected = run_cli(cli, "extract", "--input-format", "jsonl", "-", stdin=stdin.encode()).stdout.decode().splitlines()
    got = [jsonl_line(m) for i, t in docs for m in extractor.extract(t, doc_id=i)]
    assert len(docs) > 500 and len(expected) > 500
    assert sorted(got) == sorted(expected)


def test_mention_fields_are_those_of_the_jsonl_contract(extractor):
    text = "بكين 7 أبريل 2015 (شينخوا) ارتفعت الصادرات أكثر من 30 في المئة"
    mentions = extractor.extract(text, doc_id="d1")
    by_text = {m["text"]: m for m in mentions}
    dateline = by_text["7 أبريل 2015"]
    assert list(dateline) == ["doc", "start", "end", "type", "text", "value", "rule"]
    assert (dateline["doc"], dateline["type"], dateline["value"]) == ("d1", "DATE", "2015-04-07")
    percent = by_text["أكثر من 30 في المئة"]
    assert (percent["type"], percent["value"], percent["modifier"]) == ("PERCENT", 30, "gt")
    assert by_text["بكين"]["value"] is None
    for m in mentions:  # offsets index the Python str
        assert text[m["start"] : m["end"]] == m["text"]


def test_offsets_count_code_points_beyond_the_basic_plane(extractor):
    text = "😀😀 زار الرئيس الصيني شي جين بينغ كازاخستان"
    for m in extractor.extract(text):
        assert text[m["start"] : m["end"]] == m["text"]
    assert any(m["text"] == "كازاخستان" for m in extractor.extract(text))


def test_dateline_resolves_relative_dates_like_reference_date(cli, extractor):
    text = "وصل الوفد إلى القاهرة أمس"
    expected = run_cli(cli, "extract", "--reference-date", "2024-03-01", stdin=text.encode()).stdout.decode()
    expected_values = [json.loads(line)["value"] for line in expected.splitlines() if '"DATE"' in line]
    for dateline in ("2024-03-01", datetime.date(2024, 3, 1), datetime.datetime(2024, 3, 1, 12, 30)):
        got = [m["value"] for m in extractor.extract(text, dateline=dateline) if m["type"] == "DATE"]
        assert got == expected_values == ["2024-02-29"]
    with pytest.raises(ValueError, match="not a date"):
        extractor.extract(text, dateline="1 March 2024")
    with pytest.raises(ValueError, match="dateline must be"):
        extractor.extract(text, dateline=20240301)


def test_batch_equals_single(extractor):
    docs = corpus_documents() + case_documents()[:200]
    ids = [i for i, _ in docs]
    texts = [t for _, t in docs]
    single = [extractor.extract(t, doc_id=i) for i, t in docs]
    assert extractor.extract_batch(texts, doc_ids=ids) == single
    assert extractor.extract_batch(texts, threads=1, doc_ids=ids) == single
    assert extractor.extract_batch(texts, threads=3, doc_ids=ids) == single
    # Default ids are the indexes.
    assert [m["doc"] for ms in extractor.extract_batch(["القاهرة", "بكين"]) for m in ms] == ["0", "1"]
    assert extractor.extract_batch([]) == []


def test_batch_arguments_are_checked(extractor):
    with pytest.raises(ValueError, match="threads must be at least 1"):
        extractor.extract_batch(["بكين"], threads=0)
    with pytest.raises(ValueError, match="doc_ids has 1 items for 2 texts"):
        extractor.extract_batch(["بكين", "دمشق"], doc_ids=["a"])
    with pytest.raises(ValueError, match="datelines has 1 items for 2 texts"):
        extractor.extract_batch(["بكين", "دمشق"], datelines=["2024-01-01"])
    with pytest.raises(TypeError):
        extractor.extract_batch("بكين")  # a str is not a list of texts
    per_doc = extractor.extract_batch(["غدا", "غدا"], datelines=["2024-01-01", None])
    assert [m["value"] for m in per_doc[0]] == ["2024-01-02"]


def test_extract_batch_releases_the_gil(extractor):
    """Two threads run extract_batch at once: a long batch, and a loop of
    small ones. Were the GIL held during the long call, the loop could not
    finish anything for the whole call (it may finish a few before the call
    really starts); released, it keeps finishing. So the share of the call
    during which the loop kept finishing batches (no pause over 50 ms) must
    be large: a ratio of work done concurrently, not a time limit."""
    doc = max((t for _, t in corpus_documents()), key=len)
    texts = [doc] * max(1, 4_000_000 // len(doc.encode()))  # about 4 MB
    started = time.perf_counter()
    extractor.extract_batch(texts, threads=1)
    alone = time.perf_counter() - started

    window: list[float] = []
    done = threading.Event()
    finished_at: list[float] = []

    def long_batch():
        window.append(time.perf_counter())
        extractor.extract_batch(texts, threads=1)
        window.append(time.perf_counter())
        done.set()

    def small_batches():
        while not done.is_set():
            extractor.extract_batch(["زار الرئيس الصيني شي جين بينغ كازاخستان", "بكين 7 أبريل 2015"], threads=1)
            finished_at.append(time.perf_counter())

    worker = threading.Thread(target=long_batch)
    ticker = threading.Thread(target=small_batches)
    worker.start()
    ticker.start()
    worker.join()
    ticker.join()
    start, end = window
    points = [start] + [t for t in finished_at if start < t < end] + [end]
    pauses = [b - a for a, b in zip(points, points[1:])]
    busy = sum(p for p in pauses if p <= 0.05) / (end - start)
    assert busy > 0.5, (
        f"the other thread kept extracting during only {busy:.0%} of a {end - start:.3f} s "
        f"extract_batch (alone: {alone:.3f} s; {len(points) - 2} small batches finished, "
        f"longest pause {max(pauses):.3f} s): the GIL is not released"
    )


def bad_rules_dir(tmp_path: Path) -> Path:
    src = (REPO / "rules" / "names" / "gaz_countries.csv").read_text(encoding="utf-8").splitlines()
    header = [line for line in src if line.startswith("#")]
    rows = [line for line in src if not line.startswith("#")][:3]
    (tmp_path / "names").mkdir()
    (tmp_path / "names" / "gaz_countries.csv").write_text(
        "\n".join(header + rows + ["فرنسا,NOT_A_LABEL,x"]) + "\n", encoding="utf-8"
    )
    return tmp_path


def test_bad_rules_dir_raises_with_the_cli_message(cli, tmp_path):
    rules = bad_rules_dir(tmp_path)
    run = run_cli(cli, "extract", "--rules", str(rules), str(CORPUS), check=False)
    assert run.returncode == 2
    cli_message = run.stderr.decode().strip().removeprefix("kashif: ")
    with pytest.raises(kashif.KashifError) as error:
        kashif.Extractor(rules_dir=rules)
    assert str(error.value) == cli_message
    assert re.search(r"names/gaz_countries\.csv:\d+: unknown label `NOT_A_LABEL`", str(error.value))


def test_missing_rules_dir_raises(tmp_path):
    with pytest.raises(kashif.KashifError, match="rules directory does not exist"):
        kashif.Extractor(rules_dir=tmp_path / "nope")


def test_rules_dir_overlay_takes_effect(tmp_path):
    (tmp_path / "names").mkdir()
    (tmp_path / "names" / "gaz_local.csv").write_text("entry,label,note\nكاشفستان,GPE,test\n", encoding="utf-8")
    text = "زار الوفد كاشفستان"
    assert not any(m["text"] == "كاشفستان" for m in kashif.Extractor().extract(text))
    overlaid = kashif.Extractor(rules_dir=tmp_path)
    assert overlaid.rules_dir is not None
    assert [(m["text"], m["type"]) for m in overlaid.extract(text)] == [("كاشفستان", "GPE")]


def test_unknown_profile_raises_value_error():
    with pytest.raises(ValueError, match="unknown profile `no-such-profile`"):
        kashif.Extractor(profile="no-such-profile")
    assert "anercorp" in kashif.profiles()
    for name in kashif.profiles():
        assert kashif.Extractor(profile=name).profile == name


def test_evaluate_equals_cli_eval(cli, extractor, tmp_path):
    with_gold = {p.stem for p in GOLD.glob("*.csv")}
    preds = [extractor.extract(t, doc_id=i) for i, t in corpus_documents() if i in with_gold]
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text("".join(jsonl_line(m) + "\n" for ms in preds for m in ms), encoding="utf-8")
    expected = json.loads(run_cli(cli, "eval", "--pred", str(pred_file), "--format", "json").stdout)
    assert kashif.evaluate(GOLD, preds) == expected
    assert kashif.evaluate(str(GOLD), pred_file, corpus=CORPUS) == expected
    # Without --pred the CLI extracts itself: the same scores.
    assert json.loads(run_cli(cli, "eval", "--format", "json").stdout)["layers"] == expected["layers"]
    strict = expected["layers"]["all"]["micro"]["strict"]
    assert strict["f1"] > 0.5, strict
    # One gold file, with the error list.
    one = sorted(GOLD.glob("*.csv"))[0]
    assert len(with_gold) > 1
    with pytest.warns(UserWarning, match="without gold"):  # the other documents' predictions
        report = kashif.evaluate(one, preds, errors=True)
    assert report["documents"] == [one.stem] and "errors" in report


def test_evaluate_errors_name_file_and_line(cli, extractor, tmp_path):
    with_gold = {p.stem for p in GOLD.glob("*.csv")}
    preds = [m for i, t in corpus_documents() if i in with_gold for m in extractor.extract(t, doc_id=i)]
    broken = [dict(m) for m in preds[:3]]
    broken[2]["text"] = broken[2]["text"] + "x"
    with pytest.raises(kashif.KashifError, match=r"^pred:3: text `"):
        kashif.evaluate(GOLD, broken)
    # A malformed gold row: the same message as kashif eval's.
    corpus, gold = tmp_path / "corpus", tmp_path / "gold"
    shutil.copytree(CORPUS, corpus)
    gold.mkdir()
    src = sorted(GOLD.glob("*.csv"))[0]
    lines = src.read_text(encoding="utf-8").splitlines()
    first_row = next(n for n, line in enumerate(lines) if n > 0 and not line.startswith("#"))
    lines[first_row + 1] = lines[first_row + 1].replace(",", ",9999", 1)
    (gold / src.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_cli(cli, "eval", "--corpus", str(corpus), "--gold", str(gold), check=False)
    assert run.returncode == 2
    cli_message = run.stderr.decode().strip().removeprefix("kashif eval: ")
    with pytest.raises(kashif.KashifError) as error:
        kashif.evaluate(gold, preds)
    assert str(error.value) == cli_message
    assert re.search(rf"{re.escape(src.name)}:{first_row + 2}: ", str(error.value))


def test_evaluate_warns_about_documents_without_gold(extractor):
    preds = extractor.extract("زار الرئيس الصيني شي جين بينغ كازاخستان", doc_id="not-in-gold")
    with pytest.warns(UserWarning, match="without gold: not-in-gold"):
        report = kashif.evaluate(GOLD, preds)
    assert report["layers"]["all"]["micro"]["strict"]["actual"] == 0


def test_numeric_values_are_exact_integers_and_decimal_strings(extractor):
    """GUIDELINES decision 84: integers are ints, decimals exact decimal strings."""
    text = "بلغ الناتج 28.6 مليار دولار، وارتفع المؤشر 3.75 في المائة، وأنتج المصنع 0.125 طن."
    values = {m["text"]: m["value"] for m in extractor.extract(text)}
    assert values["28.6 مليار دولار"] == {"amount": 28600000000, "currency": "USD"}
    assert values["3.75 في المائة"] == "3.75"
    assert values["0.125 طن"] == {"amount": "0.125", "unit": "t"}
