#!/usr/bin/env python3
"""Learn which named events ANERcorp leaves untagged, for the `anercorp` profile.

The core tags a named event, tournament, treaty or award MISC (gold/GUIDELINES.md
N24, decisions 56 and 92) from the curated lexicon rules/names/gaz_misc.csv.
ANERcorp reads many of them otherwise: an event named after a place is the
place alone (`كأس [آسيا]LOC`, `اتفاقية [باريس]LOC`, `غزو [العراق]LOC`), an award
is its name without `جائزة` (`جائزة [نوبل]MISC`), and resolutions or the bare
`كأس العالم` are no entity at all. This script measures that on the learning
part only (ANERcorp's first 80 % of sentences; the held-out 20 % is never
read) and writes the entries the `anercorp` profile removes.

Method. Every entry of gaz_misc.csv is matched in the learning part (the
lookup keys of `kashif normalize`, a proclitic allowed on the first word;
longest match first, a shorter entry inside a longer match is not counted).
An occurrence agrees with ANERcorp when its tokens, with a year right after
them (decision 92: `مونديال 2006`, as the engine reads it), are exactly one
MISC entity. Entries are then judged by group, never one by one (no row is learned
from a single sentence):
  * entries holding a place name (a GPE or LOC entry of gaz_countries,
    gaz_cities, gaz_regions or gaz_geography, as a run of their words): if
    they agree in less than half of their >= MIN_SEEN occurrences, every such
    entry is removed;
  * the other entries by their first word (`كأس`, `جائزة`, `القرار`): a first
    word whose entries agree in less than half of their >= MIN_SEEN
    occurrences has all its entries removed.

Output (generated, do not edit by hand): rules/profiles/anercorp/names/gaz_misc.csv,
one `remove=yes` row per entry (note: the group and its agree/seen counts).

Usage: python3 scripts/learn_anercorp_events.py   (from the repository root;
needs a built kashif for the lookup keys, as scripts/build_lexicons.py)
"""
from __future__ import annotations

import collections
import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lexicon_sources as bl  # noqa: E402  (one ANERcorp reader, one matcher, one normalizer)

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "rules" / "names" / "gaz_misc.csv"
PLACES = ["gaz_countries.csv", "gaz_cities.csv", "gaz_regions.csv", "gaz_geography.csv"]
TARGET = ROOT / "rules" / "profiles" / "anercorp" / "names" / "gaz_misc.csv"
YEAR = re.compile(r"^(1[89]|20)[0-9]{2}$")
# A group is judged when its entries occur this often in the learning part.
MIN_SEEN = 3
# ... and removed when fewer than this share of the occurrences are ANERcorp's MISC.
AGREE_SHARE = 0.5


def read_rows(path: Path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def place_keys():
    keys = set()
    for name in PLACES:
        for r in read_rows(ROOT / "rules" / "names" / name):
            if r["label"] in ("GPE", "LOC"):
                keys.add(bl.norm(r["entry"]))
    return keys


def holds_place(entry: str, places) -> bool:
    words = bl.norm(entry).split()
    for a in range(len(words)):
        for b in range(a + 1, len(words) + 1):
            if (a, b) == (0, len(words)):
                continue
            run = words[a:b]
            variants = [" ".join(run)]
            # The place may carry a proclitic inside the name (`حرب الخليج`, `لطريق`).
            variants += [" ".join([v] + run[1:]) for v in bl.clitic_variants(run[0])[1:]]
            if any(v in places for v in variants):
                return True
    return False


def main():
    train, _held_out, _n = bl.load_anercorp()  # the held-out part is not used
    rows = read_rows(SOURCE)
    bl.prime_norm(r["entry"] for r in rows)
    places = place_keys()
    index = bl.SeqIndex(train)
    # Longest entries first: a shorter entry inside a longer match is not counted.
    claimed = collections.defaultdict(set)
    agree, seen = collections.Counter(), collections.Counter()
    for r in sorted(rows, key=lambda r: -len(bl.norm(r["entry"]).split())):
        entry = r["entry"]
        for si, a, b in index.occurrences(entry):
            if any(k in claimed[si] for k in range(a, b)):
                continue
            claimed[si].update(range(a, b))
            s = train[si]
            # A year right after the name belongs to it (decision 92: `مونديال 2006`), as the engine reads it.
            if b < len(s) and YEAR.match(s[b][0]):
                b += 1
            tags = [s[k][1] for k in range(a, b)]
            exact = (
                tags[0] == "B-MISC"
                and all(t == "I-MISC" for t in tags[1:])
                and (b >= len(s) or s[b][1] != "I-MISC")
            )
            seen[entry] += 1
            agree[entry] += exact
    groups = {}
    for r in rows:
        entry = r["entry"]
        groups[entry] = "place" if holds_place(entry, places) else "head " + bl.norm(entry).split()[0]
    group_seen, group_agree = collections.Counter(), collections.Counter()
    for entry, group in groups.items():
        group_seen[group] += seen[entry]
        group_agree[group] += agree[entry]
    removed_groups = {
        g for g in group_seen if group_seen[g] >= MIN_SEEN and group_agree[g] < AGREE_SHARE * group_seen[g]
    }
    removed = [r for r in rows if groups[r["entry"]] in removed_groups]
    comments = [
        "ANERcorp's reading of named events: entries of names/gaz_misc.csv that ANERcorp does not tag as one",
        "MISC (an event named after a place is the place alone: كأس [آسيا], اتفاقية [باريس]; an award is its",
        "name without جائزة; a resolution is nothing). Measured on ANERcorp's first 80 % of sentences by group:",
        f"entries holding a place, and the other entries by first word; a group seen >= {MIN_SEEN} times that is",
        f"one MISC entity in < {AGREE_SHARE:.0%} of them is removed (note: group agree/seen). An overlay on",
        "names/gaz_misc.csv: each row removes a core entry.",
        "Generated by scripts/learn_anercorp_events.py - do not edit by hand.",
        "Source: ANERcorp train.txt (CC BY-SA 4.0; the shared copy carries an MIT LICENSE), derived facts.",
        "Licence: MIT, as the project.",
    ]
    out = []
    for r in removed:
        g = groups[r["entry"]]
        out.append([r["entry"], r["label"], f"{g} {group_agree[g]}/{group_seen[g]}", "yes"])
    bl.write_rows(TARGET, comments, ["entry", "label", "note", "remove"], out)
    print(f"{TARGET.relative_to(ROOT)}: {len(removed)} entries removed of {len(rows)}")
    for g in sorted(group_seen, key=lambda g: -group_seen[g]):
        mark = "removed" if g in removed_groups else "kept"
        print(f"  {g}: {group_agree[g]}/{group_seen[g]} {mark}")


if __name__ == "__main__":
    main()
