"""kashif (كاشف): named entities and numeric expressions in Arabic news text, by rules.

The extractor and the scorer are the Rust library's, compiled into
``kashif._kashif``; this package adds the Python-side conveniences.

>>> import kashif
>>> extractor = kashif.Extractor()          # load once, reuse
>>> [m["text"] for m in extractor.extract("زار الرئيس الصيني شي جين بينغ كازاخستان")]
['الصيني', 'شي جين بينغ', 'كازاخستان']

Each mention is the dict of one line of ``kashif extract``'s JSONL:
``{"doc", "start", "end", "type", "text", "value", "rule"}`` (plus
``"modifier"`` on a numeric span with a comparator). ``start``/``end`` are
indexes into the Python ``str`` (code points), end exclusive.

The spaCy component is in :mod:`kashif.spacy_component` (``pip install
kashif[spacy]``; ``nlp.add_pipe("kashif")``).
"""

from __future__ import annotations

import functools
import json
import os
from typing import Any, Iterable, Mapping, Optional, TypedDict, Union

from ._kashif import Extractor, KashifError, __version__, profiles
from ._kashif import evaluate_jsonl as _evaluate_jsonl

__all__ = ["Extractor", "KashifError", "Mention", "evaluate", "profiles", "shared_extractor", "__version__"]


class _MentionFields(TypedDict):
    doc: str
    start: int
    end: int
    type: str
    text: str
    value: Any
    rule: str


class Mention(_MentionFields, total=False):
    """One mention: the dict of a line of ``kashif extract``'s JSONL (a type for checkers; mentions are plain dicts)."""

    modifier: str

PredInput = Union[str, "os.PathLike[str]", Iterable[Union[Mapping[str, Any], Iterable[Mapping[str, Any]]]]]


@functools.lru_cache(maxsize=8)
def shared_extractor(rules_dir: Optional[str] = None, profile: Optional[str] = None) -> Extractor:
    """One :class:`Extractor` per process and configuration, loaded on first use.

    For code that runs many small tasks in one long-lived process (a Spark
    executor's Python worker, a web server): each task calls this instead of
    loading the rules again. Extractors are safe to share between threads.
    """
    return Extractor(rules_dir=rules_dir, profile=profile)


def _predictions_jsonl(pred: PredInput) -> tuple[str, str]:
    """The predictions as JSONL text and the name error messages use for them."""
    if isinstance(pred, (str, os.PathLike)):
        path = os.fspath(pred)
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            raise KashifError(f"{path}: cannot read: {e.strerror}") from e
        try:
            return data.decode("utf-8-sig"), path
        except UnicodeDecodeError as e:
            raise KashifError(f"{path}: not valid UTF-8 (first bad byte at byte offset {e.start})") from e
    lines = []
    for item in pred:
        # A list of mentions per document (extract_batch's result) is flattened.
        mentions = [item] if isinstance(item, Mapping) else list(item)
        for m in mentions:
            lines.append(json.dumps(m, ensure_ascii=False))
    return "\n".join(lines) + "\n", "pred"


def evaluate(
    gold_path: Union[str, "os.PathLike[str]"],
    pred: PredInput,
    *,
    corpus: Union[str, "os.PathLike[str]", None] = None,
    rules_dir: Union[str, "os.PathLike[str]", None] = None,
    errors: bool = False,
) -> dict[str, Any]:
    """Score predictions against gold; the report ``kashif eval --pred FILE --format json`` prints, as a dict.

    ``gold_path`` is a gold directory (each ``<doc>.csv`` in it is scored) or one
    gold CSV file. ``corpus`` is the directory of the documents (``<doc>.txt``),
    by default the ``corpus`` directory beside the gold directory.

    ``pred`` is a path to a JSONL file written by ``kashif extract``, or the
    mentions themselves: an iterable of mention dicts, or of lists of them
    (``Extractor.extract_batch``'s result). A mention's ``doc`` must name a
    gold document; mentions of other documents are ignored with a warning,
    as the CLI does. With ``errors=True`` the report lists every error and
    the "what to fix" ordering (``--errors``). ``rules_dir`` only tells the
    rule report which rule ids exist.

    A malformed gold file or prediction raises :class:`KashifError` whose
    message names the file and line (``pred:LINE`` counts mentions from 1
    when ``pred`` is a list).
    """
    jsonl, name = _predictions_jsonl(pred)
    return _evaluate_jsonl(
        os.fspath(gold_path),
        jsonl,
        name,
        corpus=None if corpus is None else os.fspath(corpus),
        rules_dir=None if rules_dir is None else os.fspath(rules_dir),
        errors=errors,
    )
