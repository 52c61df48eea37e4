#!/usr/bin/env python3
"""Learn the names of media (newspapers, channels, agencies) from the shared training data.

Output (generated, do not edit by hand): rules/names/media_names.csv, read by
kashif's media rule (src/recognize/names/media_rules.rs), which tags a listed
name as an ORG only next to a media cue (rules/names/media_cues.csv) or alone
in brackets or quotation marks. Many media names are ordinary words
(`الجزيرة` "the island", `الحياة` "life"), which is why the gazetteers leave
them out and why this list is used only with a cue.

Sources, learning parts only (the held-out parts are never read):
  * WikiFANE gold, first 80 % of sentences: entities of the fine class Media;
  * ANERcorp, first 80 % of sentences: ORG entities right after a media head
    word of media_cues.csv (`مراسل الجزيرة`, `صحيفة الحياة`).
Filters: an entry has >= 3 letters and is no stop word alone
(rules/names/stopwords.csv); it was seen tagged so >= 2 times, or once with
>= 2 words in WikiFANE's Media class. A leading head word and quotation
marks are cut (`صحيفة "الوطن"` -> `الوطن`).

Usage: python3 scripts/learn_media_names.py   (from the repository root)
"""

import collections
import csv
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
OUT = RULES / "names" / "media_names.csv"

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kashif_normalize import Normalizer  # noqa: E402  (kashif's own normalizer)
from learn_wikifane import entities, load_sentences  # noqa: E402  (WikiFANE's reader)
from lexicon_sources import load_anercorp  # noqa: E402  (the same ANERcorp split as the lexicons)

key = Normalizer("key")
QUOTES = {'"', "«", "»", "“", "”", "'"}


def load_rows(path):
    rows = [l for l in path.read_text(encoding="utf-8").splitlines() if not l.startswith("#")]
    return list(csv.DictReader(rows))


def learning_part(sents):
    """The first 80 % of a corpus's sentences (the rest is held out, never read)."""
    return sents[: math.floor(0.8 * len(sents))]


class EveryClass(dict):
    """A class map that maps every class to itself (ANERcorp's and WikiFANE's tags as they are)."""

    def __contains__(self, cls):
        return True

    def __missing__(self, cls):
        return cls


def spans(sent, wanted):
    """(start, end) of entities whose class (the BIO tag without its prefix) is `wanted`."""
    return [(i, j) for i, j, cls in entities(sent, EveryClass()) if cls == wanted]


def main():
    cues = load_rows(RULES / "names" / "media_cues.csv")
    heads = set(key.many(r["word"] for r in cues if r["role"] in ("head", "publication")))
    stop = set(key.many(r["word"] for r in load_rows(RULES / "names" / "stopwords.csv")))
    wikifane = learning_part(load_sentences())
    aner, _, _ = load_anercorp()
    key.prime(tok for sent in wikifane + aner for tok, _ in sent)

    def name(tokens):
        """The entry key of an entity: quotation marks and a leading head word
        (`صحيفة`, which the rule keeps outside) dropped; None when another
        punctuation mark is inside."""
        words = [k for k in key.many(tokens) if k not in QUOTES]
        while words and words[0] in heads:
            words = words[1:]
        if not words or any(not any(c.isalnum() for c in w) for w in words):
            return None
        return " ".join(words)

    seen = collections.defaultdict(collections.Counter)  # entry key -> source -> count
    for sent in wikifane:
        for i, j in spans(sent, "Media"):
            if entry := name(t for t, _ in sent[i:j]):
                seen[entry]["wikifane"] += 1
    for sent in aner:
        for i, j in spans(sent, "ORG"):
            before = key.many([sent[i - 1][0]])[0] if i > 0 else ""
            if before in heads or (before.startswith("و") and before[1:] in heads):
                if entry := name(t for t, _ in sent[i:j]):
                    seen[entry]["anercorp"] += 1

    rows = []
    for entry, sources in seen.items():
        words = entry.split()
        total = sum(sources.values())
        letters = sum(c.isalpha() for c in entry)
        if letters < 3 or (len(words) == 1 and entry in stop):
            continue
        # One sighting of a phrase in WikiFANE's Media class names it; an
        # ANERcorp ORG after a head needs two (`شبكة الأمم المتحدة`).
        if total < 2 and (len(words) < 2 or "wikifane" not in sources):
            continue
        rows.append((entry, total, "+".join(sorted(sources))))
    rows.sort()
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# Media names (newspapers, channels, agencies), tagged ORG by kashif only next to a media cue\n"
            "# (rules/names/media_cues.csv) or alone in brackets or quotation marks (decision 95).\n"
            "# Learned from WikiFANE gold (fine class Media), first 80 % of sentences, and ANERcorp ORG entities\n"
            "# after a media head word, first 80 % of sentences; entries are kashif keys; count = times seen.\n"
            "# Sources: WikiFANE (Alotaibi and Lee, COLING 2014), CC BY-SA 3.0; ANERcorp, CC BY-SA 4.0 (the shared\n"
            "# copy carries an MIT LICENSE). The list is derived facts. Licence: CC BY-SA 3.0, as its source.\n"
            "# Generated by scripts/learn_media_names.py - do not edit by hand; edit the script and rerun.\n"
        )
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["entry", "count", "source"])
        w.writerows(rows)
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} rows")


if __name__ == "__main__":
    main()
