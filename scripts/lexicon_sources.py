#!/usr/bin/env python3
"""The sources the lexicon scripts read, in one place: kashif's lookup key
(`kashif normalize`, after a surface cleanup), the curated tables under
rules/names/curated/, the ANERcorp training split (first 80 % of the
sentences; the rest is held out) with its token statistics and an index that
finds a gazetteer entry's occurrences, and the writer of a rules CSV.

Imported by scripts/build_lexicons.py and the learners that must read
ANERcorp exactly as it does (build_geonames, learn_name_likeness,
learn_person_cues, learn_anercorp_events).
"""
from __future__ import annotations

import collections
import csv
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "rules" / "names"
ANER = ROOT.parent / "shared" / "data" / "anercorp" / "train.txt"

# --------------------------------------------------------------------------
# normalisation: kashif's own (`kashif normalize`), after a surface cleanup
# --------------------------------------------------------------------------
sys.path.insert(0, str(Path(__file__).resolve().parent))
from kashif_normalize import Normalizer  # noqa: E402

TASHKEEL = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]")
TATWEEL = "\u0640"
ARABIC_WORD = re.compile(r"^[\u0621-\u064A\u0671-\u06D3 ]+$")


def clean(s: str) -> str:
    """Surface cleanup for output rows: drop tashkeel/tatweel, squeeze spaces,
    re-attach a detached conjunction wa- (iso-codes writes 'البوسنة و الهرسك')."""
    s = TASHKEEL.sub("", s).replace(TATWEEL, "")
    s = s.replace("\u200f", "").replace("\u200e", "").replace("\u00a0", " ")
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"(?<= )و (?=\S)", "و", s)
    return s


KEY = Normalizer("key")


def norm(s: str) -> str:
    """The lookup key kashif gives the cleaned string (`kashif normalize`)."""
    return KEY(clean(s))


def prime_norm(strings) -> None:
    """Compute the keys of many strings in one run of kashif."""
    KEY.prime(clean(s) for s in strings)


# --------------------------------------------------------------------------
# table parsing helpers for the curated data
# --------------------------------------------------------------------------
CURATED = ROOT / "rules" / "names" / "curated"


def curated_rows(name: str):
    """The rows of a curated CSV under rules/names/curated/ (`#` lines and
    the header skipped), each a list of stripped cells without trailing
    empty ones."""
    path = CURATED / name
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    rows = list(csv.reader(lines))[1:]
    out = []
    for lineno, row in enumerate(rows, 2):
        cells = [c.strip() for c in row]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            out.append(cells)
    return out


def curated(name: str, kind: str):
    """A curated table as the value the derivations read: `table` rows of
    fields, a `list` of entries, a `set` of entries, a `dict` of the first
    two columns, `pairs` (tuples), or `prefixes` (entries with the space that
    follows a title)."""
    rows = curated_rows(name)
    prime_norm(part for row in rows for cell in row for part in re.split(r"[;\n]", cell))
    if kind == "table":
        return rows
    if kind == "list":
        return [r[0] for r in rows]
    if kind == "set":
        return {r[0] for r in rows}
    if kind == "dict":
        return {r[0]: r[1] for r in rows}
    if kind == "pairs":
        return [tuple(r) for r in rows]
    if kind == "prefixes":
        return tuple(r[0] + " " for r in rows)
    raise ValueError(f"{name}: unknown kind {kind}")


def parse_lines(rows):
    """The rows of a curated table (see `curated`)."""
    yield from rows


def variants(field):
    """The spellings in a `;`-separated cell, or in a list of entries."""
    parts = field if isinstance(field, list) else re.split(r"[;\n]", field)
    return [clean(v) for v in parts if clean(v)]


# --------------------------------------------------------------------------
# ANERcorp
# --------------------------------------------------------------------------
def text_proclitics():
    """The proclitics of rules/text/clitics.csv (the table kashif splits
    with), longest first."""
    with open(ROOT / "rules" / "text" / "clitics.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    found = [r["clitic"].strip() for r in rows if r["role"].strip() == "proclitic"]
    return sorted(found, key=len, reverse=True)


PROCLITICS = text_proclitics()


def load_anercorp():
    if not ANER.exists():
        sys.exit(
            f"error: ANERcorp not found at {ANER}\n"
            "       (expected ../shared/data/anercorp/train.txt relative to the repo root)"
        )
    sents, cur = [], []
    with open(ANER, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            parts = line.rsplit(" ", 1)
            if len(parts) != 2:
                continue
            cur.append((parts[0], parts[1]))
    if cur:
        sents.append(cur)
    cut = math.floor(0.8 * len(sents))
    prime_norm(tok for sent in sents for tok, _ in sent)
    return sents[:cut], sents[cut:], len(sents)


def entities(sent):
    """Yield (start, end, type) spans from BIO tags."""
    i = 0
    while i < len(sent):
        tag = sent[i][1]
        if tag.startswith("B-") or (tag.startswith("I-") and (i == 0 or sent[i - 1][1][2:] != tag[2:])):
            typ = tag[2:]
            j = i + 1
            while j < len(sent) and sent[j][1] == "I-" + typ:
                j += 1
            yield i, j, typ
            i = j
        else:
            i += 1


class Aner:
    """Statistics on the learning part (first 80 %) of ANERcorp."""

    def __init__(self, train, test):
        self.train, self.test = train, test
        self.seen = collections.Counter()          # norm token -> count
        self.ent_tok = collections.Counter()       # norm token inside any entity
        self.pers_tok = collections.Counter()      # norm token tagged B/I-PERS
        self.surface = collections.defaultdict(collections.Counter)
        for s in train:
            for tok, tag in s:
                n = norm(tok)
                self.seen[n] += 1
                if tag != "O":
                    self.ent_tok[n] += 1
                if tag.endswith("PERS"):
                    self.pers_tok[n] += 1
        # entity-initial tokens by type, for clitic stripping of entities
        self.first_tok = collections.defaultdict(collections.Counter)
        self.type_tok = collections.defaultdict(collections.Counter)
        for s in train:
            for a, b, t in entities(s):
                self.first_tok[t][norm(s[a][0])] += 1
                for k in range(a, b):
                    self.type_tok[t][norm(s[k][0])] += 1
        self.known = set()          # normalised curated names/entries (filled by main)

    # ---- clitic analysis --------------------------------------------------
    def strip_pers(self, tok: str) -> str:
        """Strip a proclitic if the stripped form is itself observed as a PERS
        token (and more often than the unstripped form), or is a curated name
        while the unstripped form is not."""
        n = norm(tok)
        for p in PROCLITICS:
            if tok.startswith(p) and len(tok) - len(p) >= 2:
                rest = tok[len(p):]
                nr = norm(rest)
                if self.pers_tok[nr] > 0 and self.pers_tok[nr] > self.pers_tok[n]:
                    return rest
                if p in ("و", "ف") and nr in self.known and n not in self.known:
                    return rest
        return tok

    def strip_first(self, tok: str, typ: str) -> str:
        """Strip a proclitic from an entity's first token if the stripped form
        is observed as the first token of an entity of the same type."""
        n = norm(tok)
        counter = self.first_tok[typ]
        if tok.startswith("لل") and counter[norm("ال" + tok[2:])] > counter[n]:
            return "ال" + tok[2:]
        ttok = self.type_tok[typ]
        for p in PROCLITICS:
            if tok.startswith(p) and len(tok) - len(p) >= 2:
                rest = tok[len(p):]
                nr = norm(rest)
                if counter[nr] > 0 and counter[nr] > counter[n]:
                    return rest
                if ttok[nr] > ttok[n] or (nr in self.known and n not in self.known):
                    return rest
        return tok


def clitic_variants(tok: str):
    """Possible bare forms of a running-text token (itself first)."""
    out = [tok]
    if tok.startswith("لل") and len(tok) > 3:
        out.append("ال" + tok[2:])
    for p in PROCLITICS:
        if tok.startswith(p) and len(tok) - len(p) >= 2:
            out.append(tok[len(p):])
    return [norm(t) for t in out]


class SeqIndex:
    """Matches gazetteer entries (token sequences) against ANERcorp sentences."""

    def __init__(self, sents):
        self.sents = sents
        self.by_first = collections.defaultdict(list)   # norm bare first token -> [(si, i)]
        self.normed = []
        for si, s in enumerate(sents):
            ns = [norm(t) for t, _ in s]
            self.normed.append(ns)
            for i, (t, _) in enumerate(s):
                for v in set(clitic_variants(t)):
                    self.by_first[v].append((si, i))

    def occurrences(self, entry: str):
        toks = norm(entry).split()
        if not toks:
            return
        for si, i in self.by_first.get(toks[0], ()):
            ns = self.normed[si]
            if ns[i + 1:i + len(toks)] == toks[1:] and i + len(toks) <= len(ns):
                yield si, i, i + len(toks)

    def stats(self, entry: str, aner_type: str | None):
        """(occurrences, occurrences whose tokens all carry an entity tag,
        occurrences whose tokens all carry aner_type, exact-span matches)."""
        occ = anyent = typed = exact = 0
        for si, a, b in self.occurrences(entry):
            s = self.sents[si]
            tags = [s[k][1] for k in range(a, b)]
            occ += 1
            if all(t != "O" for t in tags):
                anyent += 1
            if aner_type and all(t[2:] == aner_type for t in tags):
                typed += 1
                if tags[0].startswith("B-") and (b >= len(s) or s[b][1] != "I-" + aner_type):
                    exact += 1
        return occ, anyent, typed, exact


LABEL2ANER = {"PERSON": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "MISC": "MISC", "NORP": None}


def write_rows(path, comments, header, rows):
    """Write a rules CSV: `#` comment lines, the header, the rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for c in comments:
            fh.write("# " + c + "\n")
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
