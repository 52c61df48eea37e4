#!/usr/bin/env python3
"""Write ANERcorp's convention for organization and facility heads into the `anercorp` profile.

The core keeps an organization head inside the name it begins
(`[وزارة الداخلية]`, `[حركة الجهاد الإسلامي]`, `[النادي الأهلي]`), as
shared/guidelines/annotation.md asks. ANERcorp tags most of these phrases not
at all (`وزارة الداخلية`, `المحكمة العليا`) or only the name after the head
(`حركة [حماس]`, `النادي [الأهلي]`, `بعثة [الأمم المتحدة]`), and keeps a few
heads inside (`[حزب الله]`, `[جامعة القاهرة]`, `[منظمة التحرير]`).

Measured on the learning part of ANERcorp only (the first 80 % of the
sentences of ../shared/data/anercorp/train.txt): for each one-word org_head or
org_head_strong trigger of rules/names/triggers.csv, every time the word
(after a proclitic و ب ل ف) stands before a word that may continue a name
(one with the article, or one inside an entity), whether ANERcorp tags the
head itself as the first word of an ORG (`in`) or not (`out`). A head seen
>= MIN_SEEN times whose `in` share is below KEEP_SHARE is no organization head
in ANERcorp: rules/profiles/anercorp/names/triggers.csv drops its core rows
(remove=yes), gives it the kind org_head_outside (it begins no organization,
and a listed name after it stands alone: `حركة حماس` → `[حماس]`) and brings
back the kinds it has besides org_head and org_head_strong (an org_descriptor
still drops the head before a bare name, `شركة [هواوي]`). Heads seen less
often keep the core's reading.

Facility heads are measured as one class: every time a one-word
facility_head (`مسجد`, `ميناء`, `مطار`) stands before a word that may continue
a name, whether ANERcorp makes it the first word of an entity of any label.
When the class as a whole is inside < KEEP_SHARE of the times (ANERcorp tags
`ميناء [حيفا]`, `مسجد [فنسبري بارك]`, the name alone), every facility_head
row (multi-word heads too) loses that kind in the profile: it begins no FAC,
and the name after it is read by the other rules. Its other kinds stay.

Usage: python3 scripts/learn_anercorp_heads.py   (from the repository root)
"""

import collections
import csv
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kashif_normalize import Normalizer  # noqa: E402
from lexicon_sources import load_anercorp  # noqa: E402  (the same ANERcorp split as the lexicons)

ROOT = Path(__file__).resolve().parent.parent
TRIGGERS = ROOT / "rules" / "names" / "triggers.csv"
CLITICS = ROOT / "rules" / "text" / "clitics.csv"
TARGET = ROOT / "rules" / "profiles" / "anercorp" / "names" / "triggers.csv"
HEAD_KINDS = {"org_head", "org_head_strong"}
FACILITY_KINDS = {"facility_head"}
# A head ANERcorp keeps inside the ORG at least this share of the times it could.
KEEP_SHARE = 0.4
MIN_SEEN = 3


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def main():
    triggers = read_rows(TRIGGERS)
    kinds = collections.defaultdict(list)
    for r in triggers:
        kinds[r["trigger"]].append(r)
    heads = sorted(w for w, rows in kinds.items()
                   if " " not in w and any(r["kind"] in HEAD_KINDS | FACILITY_KINDS for r in rows))
    proclitics = sorted((r["clitic"].strip() for r in read_rows(CLITICS) if r["role"].strip() == "proclitic"),
                        key=len, reverse=True)
    key = Normalizer("key")
    sents, _, _ = load_anercorp()
    key.prime([t for s in sents for t, _ in s] + heads + proclitics)
    by_key = {key(h): h for h in heads}
    clitic_keys = [key(p) for p in proclitics]

    def head_of(token_key):
        """The head a token is, with or without a proclitic (`لل` + `ال…` too)."""
        if token_key in by_key:
            return by_key[token_key]
        for p in clitic_keys:
            rest = token_key[len(p):]
            if token_key.startswith(p) and rest in by_key:
                return by_key[rest]
            if p.endswith("ل") and token_key.startswith(p + "ل") and "ال" + rest[1:] in by_key:
                return by_key["ال" + rest[1:]]
        return None

    inside, outside = collections.Counter(), collections.Counter()
    facility_inside, facility_outside = collections.Counter(), collections.Counter()
    is_facility = {h for h in heads if any(r["kind"] in FACILITY_KINDS for r in kinds[h])}
    for sent in sents:
        for (word, tag), (nxt, next_tag) in zip(sent, sent[1:]):
            head = head_of(key(word))
            if head is None or tag.startswith("I-"):
                continue
            if not (key(nxt).startswith("ال") or next_tag != "O"):
                continue
            if tag == "B-ORG":
                inside[head] += 1
            else:
                outside[head] += 1
            if head not in is_facility:
                continue
            if tag.startswith("B-"):
                facility_inside[head] += 1
            else:
                facility_outside[head] += 1

    dropped = [h for h in heads
               if any(r["kind"] in HEAD_KINDS for r in kinds[h])
               and inside[h] + outside[h] >= MIN_SEEN and inside[h] / (inside[h] + outside[h]) < KEEP_SHARE]
    facility_heads = sorted(w for w, rows in kinds.items() if any(r["kind"] in FACILITY_KINDS for r in rows))
    facility_in, facility_seen = sum(facility_inside.values()), sum(facility_inside.values()) + sum(
        facility_outside.values())
    facility_class_outside = facility_seen >= MIN_SEEN and facility_in / facility_seen < KEEP_SHARE
    facilities_dropped = facility_heads if facility_class_outside else []
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    with open(TARGET, "w", encoding="utf-8", newline="") as f:
        f.write("# Organization heads ANERcorp keeps outside its ORG entities (وزارة الداخلية untagged, حركة [حماس]),\n")
        f.write("# where the core keeps them inside the name (shared/guidelines/annotation.md). An overlay on\n")
        f.write("# names/triggers.csv: remove=yes drops the head's core rows; the rows after it make it org_head_outside\n")
        f.write("# (no organization begins with it; a listed name after it stands alone) and bring back its other kinds.\n")
        f.write(f"# Measured on ANERcorp's first 80 % of sentences: the head stands before a word that may continue a name\n")
        f.write(f"# >= {MIN_SEEN} times and is the ORG's first word in < {KEEP_SHARE} of them (note: inside/outside counts).\n")
        f.write("# Facility heads as one class: inside an entity (any label) {} of {} times before such a word, so\n".format(
            facility_in, facility_seen))
        f.write("# {} (ميناء [حيفا]: the name alone).\n".format(
            "every facility_head row loses that kind" if facilities_dropped else "the core's facility heads stay"))
        f.write("# Generated by scripts/learn_anercorp_heads.py - do not edit by hand.\n")
        f.write("# Source: ANERcorp (Benajiba et al. 2007), derived facts. Licence: MIT (derived facts; ANERcorp CC BY-SA 4.0).\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["trigger", "kind", "note", "remove"])
        for head in sorted(set(dropped) | set(facilities_dropped)):
            removed_kinds = set()
            w.writerow([head, "org_head" if head in dropped else "facility_head", "", "yes"])
            if head in dropped:
                removed_kinds |= HEAD_KINDS
                w.writerow([head, "org_head_outside", f"{inside[head]}/{outside[head]}", ""])
            if head in facilities_dropped:
                removed_kinds |= FACILITY_KINDS
            for r in kinds[head]:
                if r["kind"] not in removed_kinds:
                    w.writerow([r["trigger"], r["kind"], r["note"], ""])
    kept = [h for h in heads if h not in dropped and inside[h] + outside[h] >= MIN_SEEN
            and any(r["kind"] in HEAD_KINDS for r in kinds[h])]
    print(f"{TARGET.relative_to(ROOT)}: {len(dropped)} heads outside ({', '.join(dropped)}); "
          f"kept inside: {', '.join(kept)}; facility heads inside {facility_in} of {facility_seen} times: "
          f"{len(facilities_dropped)} of {len(facility_heads)} lose the facility_head kind")


if __name__ == "__main__":
    main()
