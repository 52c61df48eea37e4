"""The spaCy pipeline component ``kashif``: kashif's mentions on a spaCy ``Doc``.

``pip install kashif[spacy]``, then::

    import spacy
    nlp = spacy.blank("ar")
    nlp.add_pipe("kashif")                      # registered by the package's entry point
    doc = nlp("بكين 7 أبريل 2015 (شينخوا) ...")
    [(e.text, e.label_, e._.value, e._.rule) for e in doc.ents]

What the component sets:

* ``doc.spans[spans_key]`` (default ``"kashif"``): every mention of both
  layers that aligns to tokens, overlaps included.
* ``doc.ents``: the mentions of the layers named in ``layers`` (default
  ``["names", "numeric"]``), without overlaps. ``doc.ents`` cannot hold two
  overlapping spans, and the names and numeric layers may overlap (a date
  inside an event name, a number inside an organization's name), so the
  policy is: **the layer listed first wins**, and within a layer the earlier
  mention wins. A mention left out of ``doc.ents`` is still in
  ``doc.spans[spans_key]``. Entities set by an earlier component are
  replaced.
* ``span._.value`` (the normalized value: ``"2015-04-07"``,
  ``{"amount": 28600000000, "currency": "USD"}``, ``None`` for names),
  ``span._.rule`` (the rule id) and ``span._.kashif`` (the mention dict, with
  kashif's own ``start``/``end``/``text``) on those spans.
* ``doc._.kashif``: the list of every mention dict, exactly as
  ``Extractor.extract`` returns it, including those that could not be
  aligned (nothing is dropped silently).

Alignment (``alignment_mode``, spaCy's ``Doc.char_span`` modes). kashif's
offsets are code points of the text, the same as spaCy's character offsets,
but kashif puts a proclitic outside the span (``و[روسيا]``, ``ل[لصين]``) while
spaCy's Arabic tokenizer keeps ``وروسيا`` one token, so such a mention does not
start at a token boundary:

* ``"expand"`` (default): the span grows to the tokens it touches, so
  ``روسيا`` becomes the entity ``وروسيا`` (``span._.kashif["text"]`` keeps
  ``روسيا``); this is what ``kashif extract --format conll`` does too.
* ``"contract"``: the span shrinks to the tokens fully inside it; a mention
  inside one token (``روسيا`` in ``وروسيا``) has none and is left out of
  ``doc.ents`` and ``doc.spans`` (it stays in ``doc._.kashif``).
* ``"strict"``: only mentions whose both ends are token boundaries.

Expanded spans of two mentions can meet in one token (``و`` joined to two
names); in ``doc.ents`` the same first-wins policy applies. Two mentions
whose aligned spans have the same tokens and label share ``span._`` values
(the later one's).
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Optional, Sequence, cast

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import Extractor, Mention

LAYERS = {
    "names": ("PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "MISC"),
    "numeric": ("CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "DATE", "TIME"),
}
ALIGNMENT_MODES = ("strict", "contract", "expand")



def _store(doc: Doc) -> dict[Any, Any]:
    """``doc.user_data`` (typed by spaCy as str-keyed; spaCy itself keys it with tuples)."""
    return cast("dict[Any, Any]", doc.user_data)


def span_mention(span: Span) -> Optional[Mention]:
    """The kashif mention behind a span the component made (``span._.kashif``).

    Kept in ``doc.user_data`` under the span's offsets *and label*: spaCy keys
    plain extension values by offsets alone, so a holiday that is both a
    MISC name and a DATE (the same characters) would share one value."""
    mention: Optional[Mention] = _store(span.doc).get(("kashif", span.start_char, span.end_char, span.label_))
    return mention


def _span_value(span: Span) -> Any:
    mention = span_mention(span)
    return None if mention is None else mention["value"]


def _span_rule(span: Span) -> Optional[str]:
    mention = span_mention(span)
    return None if mention is None else mention["rule"]


for _name, _getter in (("kashif", span_mention), ("value", _span_value), ("rule", _span_rule)):
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_getter)
if not Doc.has_extension("kashif"):
    Doc.set_extension("kashif", default=None)


class KashifComponent:
    """Runs a :class:`kashif.Extractor` on each ``Doc`` (see the module doc)."""

    def __init__(
        self,
        nlp: Language,
        name: str = "kashif",
        *,
        layers: Sequence[str] = ("names", "numeric"),
        alignment_mode: str = "expand",
        spans_key: str = "kashif",
        rules_dir: Optional[str] = None,
        profile: Optional[str] = None,
        threads: Optional[int] = None,
    ) -> None:
        unknown = [layer for layer in layers if layer not in LAYERS]
        if unknown or not layers:
            raise ValueError(f"kashif: layers must be a non-empty list of {sorted(LAYERS)}, not {list(layers)}")
        if alignment_mode not in ALIGNMENT_MODES:
            raise ValueError(f"kashif: alignment_mode must be one of {ALIGNMENT_MODES}, not {alignment_mode!r}")
        self.name = name
        self.layers = list(layers)
        self.alignment_mode = alignment_mode
        self.spans_key = spans_key
        self.threads = threads
        self.extractor = Extractor(rules_dir=rules_dir, profile=profile)
        self._rank = {label: rank for rank, layer in enumerate(self.layers) for label in LAYERS[layer]}

    def __call__(self, doc: Doc) -> Doc:
        return self._annotate(doc, self.extractor.extract(doc.text))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Annotate a stream of docs, extracting each batch in parallel."""
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._annotate_batch(batch)
                batch = []
        if batch:
            yield from self._annotate_batch(batch)

    def _annotate_batch(self, docs: list[Doc]) -> Iterator[Doc]:
        texts = [doc.text for doc in docs]
        results = self.extractor.extract_batch(texts, threads=self.threads, doc_ids=["doc"] * len(texts))
        for doc, mentions in zip(docs, results):
            yield self._annotate(doc, mentions)

    def _annotate(self, doc: Doc, mentions: list[Mention]) -> Doc:
        doc._.kashif = mentions
        spans: list[Span] = []
        for m in mentions:
            span = doc.char_span(m["start"], m["end"], label=m["type"], alignment_mode=self.alignment_mode)
            if span is None:
                continue
            _store(doc)[("kashif", span.start_char, span.end_char, span.label_)] = m
            spans.append(span)
        doc.spans[self.spans_key] = spans
        chosen = sorted(
            (s for s in spans if s.label_ in self._rank),
            key=lambda s: (self._rank[s.label_], s.start, -len(s)),
        )
        taken = [False] * len(doc)
        ents = []
        for span in chosen:
            if not any(taken[span.start : span.end]):
                taken[span.start : span.end] = [True] * len(span)
                ents.append(span)
        doc.ents = sorted(ents, key=lambda s: s.start)
        return doc


@Language.factory(
    "kashif",
    default_config={
        "layers": ["names", "numeric"],
        "alignment_mode": "expand",
        "spans_key": "kashif",
        "rules_dir": None,
        "profile": None,
        "threads": None,
    },
)
def make_kashif_component(
    nlp: Language,
    name: str,
    layers: list[str],
    alignment_mode: str,
    spans_key: str,
    rules_dir: Optional[str],
    profile: Optional[str],
    threads: Optional[int],
) -> KashifComponent:
    """The factory behind ``nlp.add_pipe("kashif", config={...})``."""
    return KashifComponent(
        nlp,
        name,
        layers=layers,
        alignment_mode=alignment_mode,
        spans_key=spans_key,
        rules_dir=rules_dir,
        profile=profile,
        threads=threads,
    )
