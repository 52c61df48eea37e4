#!/usr/bin/env python3
"""Learn the lead words of product and model names written with a number
(`[بوينغ 747]`, `[الميج 21]`, `[كوين ماري 2]`) from the training parts only:
ANERcorp's first 80 % of sentences (MISC) and WikiFANE's first 80 % of
sentences (the fine classes that rules/profiles/wikifane_map.csv maps to
MISC: aircraft, ships, vehicles, hardware, software, works). The held-out
20 % of either corpus is never read.

Output (generated, do not edit by hand): rules/names/patterns_products.jsonl,
one token pattern (format: src/recognize/names/patterns.rs)

    lead word (a proclitic may be attached) + up to two words + a number  ->  MISC

that names a product or model with its number (gold/GUIDELINES.md N16 and
N26: model names are MISC, their number no CARDINAL).

Which words lead (measured on the learning parts only):
  * the first token of a MISC entity that holds a number token after it,
    with a proclitic cut off when the bare form leads too (`لكوين` -> `كوين`);
  * seen leading such an entity >= 2 times;
  * unambiguous: of all the times the word is followed by a number within
    three tokens (no stop word between), it leads a MISC entity holding that
    number in >= 50 % (`اي` "any", `ال` and single letters fail this);
  * each Arabic lead also in its other spelling of a foreign /g/ (ج or غ:
    `بوينج` / `بوينغ`, `الميج` / `الميغ`);
  * >= 2 letters, no stop word of rules/names/stopwords.csv, no ordinary
    word of rules/names/common_words.csv (seen 3+ times, in a name <= 5 %:
    `الاف` "thousands"), no number.

Usage: python3 scripts/learn_product_models.py   (from the repository root;
needs target/release/kashif for the normalizer)
"""

import collections
import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
ANERCORP = SHARED / "anercorp" / "train.txt"
WIKIFANE = SHARED / "wikifane" / "WikiFANE_Gold_2014_500K.txt"
RULES = ROOT / "rules"
OUT = RULES / "names" / "patterns_products.jsonl"

NUMBER = re.compile(r"^[0-9\u0660-\u0669\u06F0-\u06F9]+$")
PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
MIN_SEEN = 2
MIN_SHARE = 0.5
WINDOW = 3

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kashif_normalize import Normalizer  # noqa: E402  (kashif's own normalizer)
from learn_wikifane import entities, load_rows, load_sentences  # noqa: E402  (one CoNLL reader)

key = Normalizer("key")


def learning_part(path):
    """The first 80 % of the sentences of a CoNLL file."""
    sents = load_sentences(path)
    return sents[: math.floor(0.8 * len(sents))]


def main():
    wikifane_classes = {r["fine"]: r["label"] for r in load_rows(RULES / "profiles" / "wikifane_map.csv")}
    anercorp_classes = {"PERS": "PERSON", "LOC": "GPE", "ORG": "ORG", "MISC": "MISC"}
    corpora = [
        ("ANERcorp", learning_part(ANERCORP), anercorp_classes),
        ("WikiFANE", learning_part(WIKIFANE), wikifane_classes),
    ]
    stop = set(key.many(r["word"] for r in load_rows(RULES / "names" / "stopwords.csv")))
    # Ordinary words of ANERcorp (seen 3+ times, in a name <= 5 %: `الاف` "thousands").
    common = {r["word"] for r in load_rows(RULES / "names" / "common_words.csv")
              if int(r["count"]) >= 3 and float(r["entity_share"]) <= 0.05}
    key.prime(tok for _, sents, _ in corpora for sent in sents for tok, _ in sent)

    # Leads: the first token of a MISC entity with a number after it.
    leads = collections.Counter()
    surfaces = collections.defaultdict(collections.Counter)
    lead_at = set()  # (corpus, sentence, token) where such an entity starts
    for name, sents, classes in corpora:
        for n, sent in enumerate(sents):
            for s, e, label in entities(sent, classes):
                if label == "MISC" and any(NUMBER.match(t) for t, _ in sent[s + 1 : e]):
                    k = key(sent[s][0])
                    leads[k] += 1
                    surfaces[k][sent[s][0]] += 1
                    lead_at.add((name, n, s))

    def bare(k):
        """The lead with an attached proclitic cut off when the bare form
        leads at least as often (`لكوين` -> `كوين`, `للميج` -> `الميج`; the
        `ف` of `فينيرا` is no clitic)."""
        for p in PROCLITICS:
            if k.startswith(p) and len(k) - len(p) >= 2:
                rest = k[len(p) :]
                if p.endswith("ل") and rest.startswith("ل"):
                    rest = "ا" + rest  # ل + ال written لل
                if leads[rest] >= leads[k]:
                    return rest
        return k

    seen = collections.Counter()
    for k, n in leads.items():
        seen[bare(k)] += n

    # Ambiguity: how often a candidate followed by a number leads such an entity.
    chances, hits = collections.Counter(), collections.Counter()
    for name, sents, _ in corpora:
        for n, sent in enumerate(sents):
            for i, (tok, _) in enumerate(sent):
                k = bare(key(tok))
                if k not in seen:
                    continue
                for j in range(i + 1, min(i + 1 + WINDOW, len(sent))):
                    t = sent[j][0]
                    if NUMBER.match(t):
                        chances[k] += 1
                        hits[k] += (name, n, i) in lead_at
                        break
                    if key(t) in stop:
                        break

    kept = []
    for k, n in sorted(seen.items()):
        share = hits[k] / chances[k] if chances[k] else 0.0
        ok = (
            n >= MIN_SEEN
            and share >= MIN_SHARE
            and len(k) >= 2
            and k not in stop
            and k not in common
            and not NUMBER.match(k)
        )
        print(f"{'keep' if ok else 'drop'} {k}: leads {n}, followed by a number {chances[k]}, share {share:.2f}", file=sys.stderr)
        if ok:
            kept.append(k)
    if not kept:
        sys.exit("error: no product lead word passed the filters")
    # Arabic writes a foreign /g/ as ج or غ (بوينج and بوينغ both lead in
    # the data): every Arabic-script lead also matches in the other spelling.
    for k in list(kept):
        for a, b in (("ج", "غ"), ("غ", "ج")):
            other = k.replace(a, b)
            if other != k and other not in kept and other not in stop and other not in common:
                kept.append(other)
    kept.sort()

    # The example sentence uses the most frequent lead in its usual spelling.
    top = max(kept, key=lambda k: (seen[k], k))
    top_surface = surfaces[top].most_common(1)[0][0] if surfaces[top] else top
    pattern = {
        "id": "name/pattern-product-model",
        "label": "MISC",
        # A learned list: below curated lists and trigger rules of the same span.
        "priority": 30,
        "pattern": [
            {"key": kept, "clitic": True, "not_in": ["stop"]},
            {"shape": "word", "not_in": ["stop"], "op": "?"},
            {"shape": "word", "not_in": ["stop"], "op": "?"},
            {"shape": "number"},
        ],
        "example": {"text": f"وظهرت في الصور {top_surface} 21 فوق المدينة", "match": f"{top_surface} 21"},
        "note": f"{len(kept)} lead words learned by scripts/learn_product_models.py; a model name with its number is MISC (decisions N16, N26).",
    }
    header = [
        "# Product and model names written with a number (format: src/recognize/names/patterns.rs and rules/names/README.md).",
        "# Generated by scripts/learn_product_models.py - do not edit by hand; edit the script and rerun.",
        "# Learned from ANERcorp's first 80 % (MISC) and WikiFANE's first 80 % of sentences (classes mapped to MISC);",
        f"# a lead word leads such a name >= {MIN_SEEN} times and in >= {int(MIN_SHARE * 100)} % of the times a number follows it.",
        "# Licence: CC BY-SA 3.0 (derived facts from WikiFANE, CC BY-SA 3.0 Unported, and ANERcorp, MIT).",
    ]
    OUT.write_text("\n".join(header) + "\n" + json.dumps(pattern, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(kept)} lead words", file=sys.stderr)


if __name__ == "__main__":
    main()
