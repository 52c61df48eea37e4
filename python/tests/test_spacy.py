"""The spaCy component on a blank Arabic pipeline (no model download):
doc.ents and doc.spans from kashif's offsets, the alignment modes, the
layer policy for overlapping mentions, span._.value/rule."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy", reason="pip install kashif[spacy]")

import kashif  # noqa: E402
from conftest import corpus_documents  # noqa: E402

NAMES = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "MISC"}
# A proclitic kashif leaves outside the span (و[روسيا]) and a names/numeric
# overlap (an ordinal inside an organization's name).
TEXT = "بكين 7 أبريل 2015 (شينخوا) زار وفد وروسيا والصين، بنسبة 30% مجموعة العشرين في بكين"


def pipeline(**config):
    nlp = spacy.blank("ar")
    nlp.add_pipe("kashif", config=config)
    return nlp


def test_corpus_mentions_all_reach_the_doc(extractor):
    nlp = pipeline()
    for doc_id, text in corpus_documents():
        doc = nlp(text)
        mentions = extractor.extract(text)
        assert doc._.kashif == mentions
        spans = list(doc.spans["kashif"])
        assert len(spans) == len(mentions), "expand aligns every mention"
        for span, m in zip(spans, mentions):
            assert span._.kashif == m
            assert (span.label_, span._.value, span._.rule) == (m["type"], m["value"], m["rule"])
            assert span.start_char <= m["start"] < m["end"] <= span.end_char
            # expand adds at most the rest of the first and last tokens
            assert m["text"] in span.text
        ents = list(doc.ents)
        assert ents and all(e._.kashif is not None for e in ents)
        for a, b in zip(ents, ents[1:]):
            assert a.end <= b.start
        # Every names mention is an entity: the names layer is listed first.
        assert {(m["start"], m["type"]) for m in mentions if m["type"] in NAMES} <= {
            (e._.kashif["start"], e.label_) for e in ents
        }


def test_clitic_mention_in_each_alignment_mode():
    mention = next(m for m in kashif.Extractor().extract(TEXT) if m["text"] == "روسيا")
    assert TEXT[mention["start"] - 1] == "و"

    doc = pipeline(alignment_mode="expand")(TEXT)
    ent = next(e for e in doc.ents if e._.kashif == mention)
    assert (ent.text, ent.label_) == ("وروسيا", "GPE")
    assert ent._.kashif["text"] == "روسيا"

    for mode in ("contract", "strict"):
        doc = pipeline(alignment_mode=mode)(TEXT)
        assert mention in doc._.kashif, "an unaligned mention is kept on doc._.kashif"
        assert all(s._.kashif != mention for s in doc.spans["kashif"])
        assert "وروسيا" not in [e.text for e in doc.ents]
        assert ("بكين", "GPE") in [(e.text, e.label_) for e in doc.ents]


def test_overlapping_layers_first_listed_wins(extractor):
    mentions = extractor.extract(TEXT)
    overlaps = [
        (name, number)
        for name in mentions
        if name["type"] in NAMES
        for number in mentions
        if number["type"] not in NAMES and name["start"] < number["end"] and number["start"] < name["end"]
    ]
    assert overlaps, "TEXT should have a name overlapping a number (مجموعة [العشرين]); pick another example"
    in_ents = lambda doc: [e._.kashif for e in doc.ents]  # noqa: E731
    in_spans = lambda doc: [s._.kashif for s in doc.spans["kashif"]]  # noqa: E731

    names_first = pipeline()(TEXT)
    numeric_first = pipeline(layers=["numeric", "names"])(TEXT)
    for name, number in overlaps:
        assert name in in_ents(names_first) and number not in in_ents(names_first)
        assert number in in_ents(numeric_first) and name not in in_ents(numeric_first)
        assert name in in_spans(names_first) and number in in_spans(names_first)

    names_only = pipeline(layers=["names"])(TEXT)
    assert {e.label_ for e in names_only.ents} <= NAMES
    date = next(s for s in names_only.spans["kashif"] if s.label_ == "DATE")
    assert (date.text, date._.value, date._.rule) == ("7 أبريل 2015", "2015-04-07", "date/dateline")


def test_pipe_equals_call():
    nlp = pipeline()
    texts = [t for _, t in corpus_documents()] + [TEXT, "", "لا شيء هنا"]
    one_by_one = [[(e.start, e.end, e.label_, e._.value) for e in nlp(t).ents] for t in texts]
    piped = [[(e.start, e.end, e.label_, e._.value) for e in d.ents] for d in nlp.pipe(texts, batch_size=2)]
    assert piped == one_by_one


def test_bad_config_raises():
    with pytest.raises(ValueError, match="layers"):
        pipeline(layers=["people"])
    with pytest.raises(ValueError, match="alignment_mode"):
        pipeline(alignment_mode="nearest")
    with pytest.raises(ValueError, match="unknown profile"):
        pipeline(profile="no-such-profile")


def test_pipeline_saves_and_loads(tmp_path):
    nlp = pipeline(layers=["numeric"], alignment_mode="contract")
    nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert loaded.pipe_names == ["kashif"]
    assert [(e.text, e.label_) for e in loaded(TEXT).ents] == [(e.text, e.label_) for e in nlp(TEXT).ents]
