#!/usr/bin/env python3
"""Build kashif's name lexicons (rules/names/*.csv).

Sources
  * Unicode CLDR via the `babel` package (pip install babel):
      - Arabic territory names  (babel.Locale('ar').territories)
      - Arabic time-zone exemplar cities (babel.Locale('ar').time_zones[...]['city'])
    Licence: Unicode License v3 (data), BSD-3 (babel code).
  * Debian `iso-codes` (apt-get install iso-codes): Arabic gettext catalogues
    /usr/share/locale/ar/LC_MESSAGES/iso_3166-1.mo and iso_3166-3.mo together
    with /usr/share/iso-codes/json/iso_3166-{1,3}.json.  Licence: LGPL-2.1+.
  * ANERcorp (CoNLL, ../shared/data/anercorp/train.txt relative to the repo
    root).  Only the first 80 % of its sentences are used for learning; the
    last 20 % are only used to report precision figures.  ANERcorp is
    distributed under CC BY-SA 4.0; the copy in shared/ carries an MIT LICENSE file
    (Copyright (c) 2020 CSabty);
    the learned lists are derived facts (names with counts).
  * Curated tables written for this project: rules/names/curated/*.csv (read
    here; this script holds no word lists of its own).

Run from anywhere:  python3 scripts/build_lexicons.py
Writes every file under rules/names/ and prints row counts.
Requires: python3, babel, iso-codes (optional but recommended), and a built
kashif (cargo build --release): keys come from `kashif normalize`.
"""
from __future__ import annotations

import collections
import csv
import gettext
import json
import math
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "rules" / "names"
ANER = ROOT.parent / "shared" / "data" / "anercorp" / "train.txt"
ISO_JSON = Path("/usr/share/iso-codes/json")
LOCALEDIR = "/usr/share/locale"

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


# --------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------
WRITTEN = {}
KEYS_BY_LABEL = collections.defaultdict(dict)   # label -> norm key -> file (for cross-file dedupe)
DROPPED = collections.defaultdict(list)


def write_rows(path, comments, header, rows):
    """Write a rules CSV: `#` comment lines, the header, the rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for c in comments:
            fh.write("# " + c + "\n")
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write_csv(name, header, rows, comments, sort=True, dedupe=True, crossfile=False, label_col=1):
    """rows: list of lists. Dedupe by normalised first column (first wins).
    crossfile: also skip rows whose (label, key) already appeared in an earlier
    gazetteer file."""
    out, seen = [], set()
    for r in rows:
        r = [clean(str(x)) if i == 0 else str(x) for i, x in enumerate(r)]
        if not r[0] or "," in r[0] or "،" in r[0]:
            continue
        k = norm(r[0])
        if dedupe:
            if k in seen:
                continue
            seen.add(k)
        if crossfile:
            lab = r[label_col]
            prev = KEYS_BY_LABEL[lab].get(k)
            if prev and prev != name:
                DROPPED[name].append(f"{r[0]} (already in {prev})")
                continue
        out.append(r)
    if crossfile:
        for r in out:
            KEYS_BY_LABEL[r[label_col]].setdefault(norm(r[0]), name)
    if sort:
        out.sort(key=lambda r: (norm(r[0]), r[0]))
    write_rows(OUT / name, comments, header, out)
    WRITTEN[name] = len(out)
    return out


COMMON_COMMENT = [
    "Generated by scripts/build_lexicons.py - do not edit by hand; edit rules/names/curated/ and rerun the script.",
    "Lookup is done by the engine on normalised text (no tashkeel/tatweel; أ إ آ ٱ -> ا; ى -> ي; ة -> ه);",
    "proclitics (و ف ب ك ل) are stripped by the engine, so entries are bare forms.",
    "Licence: MIT, as the project. Derived facts (names, labels, counts) from Unicode CLDR (Unicode License v3),",
    "Debian iso-codes (LGPL-2.1+) and ANERcorp (CC BY-SA 4.0; the shared copy carries an MIT LICENSE); see README.md.",
]


# ==========================================================================
# CURATED DATA
# ==========================================================================

# CLDR numeric regions that are places go to the LOC file; others are skipped.
CLDR_REGION_TO_LOC = {"002", "003", "005", "009", "011", "013", "014", "015", "017", "018",
                      "019", "021", "029", "030", "034", "035", "039", "053", "054", "057",
                      "061", "142", "143", "145", "150", "151", "154", "155", "202", "419"}
CLDR_SKIP = {"001", "EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AQ"}   # AQ -> LOC (continent)

CURATED_COUNTRIES = curated("countries.csv", "table")

# historical codes from iso_3166-3 whose Arabic translation is used
ISO3_KEEP = {"DD", "DY", "SU", "RH", "ZR", "YD", "VD", "HV", "BU", "TP"}

CLDR_CITY_SKIP = curated("cldr_city_skip.csv", "set")
CLDR_ZONE_SKIP_PREFIX = ("Antarctica/", "Arctic/", "America/Indiana/", "America/North_Dakota/",
                         "America/Kentucky/", "Etc/")
CLDR_CITY_FIX = curated("cldr_city_fix.csv", "dict")

CURATED_CITIES = curated("cities.csv", "table")

AMBIGUOUS_SKIP = curated("ambiguous_skip.csv", "set")

CURATED_REGIONS = curated("regions.csv", "table")

CURATED_GEOGRAPHY = curated("geography.csv", "table")

CURATED_ORGS = curated("orgs.csv", "table")

LABEL_PREFERENCE = curated("label_preference.csv", "dict")

CURATED_ACRONYMS = curated("acronyms.csv", "table")

CURATED_NISBA = curated("nisba.csv", "table")

NISBA_EXCLUDED = curated("nisba_excluded.csv", "pairs")

CURATED_NORP = curated("norp.csv", "table")

CURATED_MISC = curated("misc.csv", "table")


CURATED_GIVEN_ARABIC = curated("given_arabic.csv", "list")

CURATED_GIVEN_FOREIGN = curated("given_foreign.csv", "list")

CURATED_EAST_ASIAN_SURNAMES = curated("east_asian_surnames.csv", "list")

CURATED_FAMILY = curated("family.csv", "list")

CURATED_PERSONS = curated("persons.csv", "list")

PORTFOLIOS = curated("portfolios.csv", "list")

PERSON_TITLES = curated("person_titles.csv", "list")

ORG_HEADS = curated("org_heads.csv", "list")

ORG_DESCRIPTORS = curated("org_descriptors.csv", "list")

PLACE_HEADS = curated("place_heads.csv", "list")

FACILITY_HEADS = curated("facility_heads.csv", "list")

MISC_HEADS = curated("misc_heads.csv", "list")

ORG_HEADS_STRONG = curated("org_heads_strong.csv", "list")

SPEECH_VERBS = curated("speech_verbs.csv", "list")

PERSON_CONTEXT = curated("person_context.csv", "list")

MISC_DESCRIPTORS = curated("misc_descriptors.csv", "list")

NAME_SUFFIXES = curated("name_suffixes.csv", "list")

NON_NAME_ADJECTIVES = curated("non_name_adjectives.csv", "list")

ROLE_NOUNS = curated("role_nouns.csv", "list")

DIRECTION_WORDS = curated("direction_words.csv", "list")

FUNCTION_WORDS = curated("function_words.csv", "list")

TIME_WORDS = curated("time_words.csv", "list")

VERBS_PAST = curated("verbs_past.csv", "list")

VERBS_PRESENT = curated("verbs_present.csv", "list")

VERBS_EXTRA = curated("verbs_extra.csv", "list")

VERB_NAME_CLASH = curated("verb_name_clash.csv", "set")


GIVEN_SKIP = curated("given_skip.csv", "set")
FAMILY_SKIP = curated("family_skip.csv", "set")
PERSON_TITLE_PREFIXES = curated("person_title_prefixes.csv", "prefixes")
GEO_ISLAND_ETC = set()


def iso_names():
    """(code, english, [arabic names]) from Debian iso-codes, or [] if missing."""
    out = []
    try:
        t1 = gettext.translation("iso_3166-1", localedir=LOCALEDIR, languages=["ar"])
        t3 = gettext.translation("iso_3166-3", localedir=LOCALEDIR, languages=["ar"])
        d1 = json.load(open(ISO_JSON / "iso_3166-1.json"))["3166-1"]
        d3 = json.load(open(ISO_JSON / "iso_3166-3.json"))["3166-3"]
    except (OSError, ValueError) as e:
        print(f"warning: iso-codes not available ({e}); continuing with CLDR + curated only", file=sys.stderr)
        return out, {}
    english = {}
    for e in d1:
        names = []
        for k in ("name", "official_name", "common_name"):
            if k in e:
                tr = t1.gettext(e[k])
                if tr != e[k] and "،" not in tr:
                    names.append(tr)
        english[e["alpha_2"]] = e.get("common_name", e["name"])
        out.append((e["alpha_2"], english[e["alpha_2"]], names, "iso-codes 3166-1"))
    for e in d3:
        code = e.get("alpha_2") or e.get("alpha_4", "")[:2]
        if code not in ISO3_KEEP:
            continue
        tr = t3.gettext(e["name"])
        if tr != e["name"] and "،" not in tr:
            out.append((code, e["name"], [tr], "iso-codes 3166-3 (former)"))
    return out, english


def good_entry(s: str) -> bool:
    return bool(s) and bool(ARABIC_WORD.match(norm(s).replace("-", " ").replace(".", "").replace("0", "")
                                               .translate(str.maketrans("", "", "0123456789"))))


def collect(rows, entry, label, note, src_tag=None):
    e = clean(entry)
    if not e or e in AMBIGUOUS_SKIP or norm(e) in AMBIGUOUS_NORM:
        return
    pref = LABEL_PREF_NORM.get(norm(e))
    if pref and pref != label:
        return
    rows.append([e, label, note])


LABEL_PREF_NORM = {}


AMBIGUOUS_NORM = set()


def nisba_forms(stem: str):
    """Normalised surface forms the engine generates from a nisba stem (used to
    keep names lists and learned entities from shadowing NORP adjectives)."""
    s = norm(stem)
    forms = {s, s + "ه", s + "ون", s + "ين", s + "ات"}
    return forms | {"ال" + f for f in forms}


LEARNED_NAME_SKIP = curated("learned_name_skip.csv", "set")
ANER_ENTITY_DROP = curated("aner_entity_drop.csv", "set")
LEARNED_TITLE_WORDS = curated("learned_title_words.csv", "set")


def main():
    global AMBIGUOUS_NORM
    AMBIGUOUS_SKIP.discard("")
    AMBIGUOUS_NORM = {norm(x) for x in AMBIGUOUS_SKIP}
    LABEL_PREF_NORM.update({norm(k): v for k, v in LABEL_PREFERENCE.items()})
    OUT.mkdir(parents=True, exist_ok=True)

    train, test, n_sent = load_anercorp()
    aner = Aner(train, test)
    idx_train = SeqIndex(train)
    idx_test = SeqIndex(test)
    print(f"ANERcorp: {n_sent} sentences; learning on {len(train)}, held out {len(test)}")

    try:
        from babel import Locale
        from babel.core import get_global
    except ImportError:
        sys.exit("error: python package 'babel' is required (pip install babel)")
    import babel
    loc = Locale("ar")
    zone_terr = get_global("zone_territories")
    iso_rows, english = iso_names()

    def eng(code):
        return english.get(code, code)

    cldr_ver = f"babel {babel.__version__} (CLDR)"

    # ------------------------------------------------------------------ countries
    country_rows, loc_from_cldr = [], []
    for code, fields in ((c, f) for c, *f in parse_lines(CURATED_COUNTRIES)):
        note = fields[1] if len(fields) > 1 else f"{code} {eng(code)}"
        for v in variants(fields[0]):
            collect(country_rows, v, "GPE", note if code == "XX" else f"{code} {eng(code)}")
    for code, name in loc.territories.items():
        if code in CLDR_SKIP and code != "AQ":
            continue
        if code == "AQ" or code.isdigit():
            if code == "AQ" or code in CLDR_REGION_TO_LOC:
                loc_from_cldr.append([clean(name), "LOC", f"CLDR region {code}"])
            continue
        name = clean(name)
        m = re.match(r"^(.*?)\s*\((.*)\)$", name)
        parts = [name]
        if m:
            parts = [m.group(1)] + ([m.group(2)] if code in ("MM", "HU") else [])
        if " - " in name:
            parts = []          # 'الكونغو - كينشاسا' style: covered by the curated variants
        for p in parts:
            collect(country_rows, p, "GPE", f"{code} {eng(code)}")
    for code, en, names, src in iso_rows:
        if code in CLDR_SKIP:
            continue
        for n in names:
            n = clean(n)
            m = re.match(r"^(.*?)\s*\((.*)\)$", n)
            for p in ([m.group(1), m.group(2)] if m else [n]):
                if good_entry(p):
                    collect(country_rows, p, "GPE", f"{code} {en}")
    write_csv("gaz_countries.csv", ["entry", "label", "note"], country_rows, [
        "Countries and territories of the world (label GPE), with Arabic spelling variants, short and official forms.",
        f"Sources: Unicode CLDR Arabic territory names via {cldr_ver} (Unicode License v3);",
        "Debian iso-codes Arabic translations of ISO 3166-1 names/official names and selected ISO 3166-3 former",
        "countries (LGPL-2.1+); curated variants rules/names/curated/countries.csv (project licence).",
        "note = ISO 3166 alpha-2 code and English name (XX = non-ISO entity).",
    ] + COMMON_COMMENT, crossfile=True)

    # ------------------------------------------------------------------ cities
    city_rows = []
    for code, vs, *flag in parse_lines(CURATED_CITIES):
        cap = flag and flag[0] == "cap"
        for v in variants(vs):
            collect(city_rows, v, "GPE", f"{eng(code)}{', capital' if cap else ''}")
    for zone, data in loc.time_zones.items():
        city = data.get("city")
        if not city or zone.startswith(CLDR_ZONE_SKIP_PREFIX):
            continue
        city = clean(CLDR_CITY_FIX.get(city, city))
        city = re.sub(r"\s*\(.*\)$", "", city)
        if city in CLDR_CITY_SKIP or "،" in city:
            continue
        terr = zone_terr.get(zone, "")
        collect(city_rows, city, "GPE", f"{eng(terr)} (CLDR tz {zone})")
    write_csv("gaz_cities.csv", ["entry", "label", "note"], city_rows, [
        "Cities (label GPE): every national capital and the large cities of the Arab world, China, Russia,",
        "Central Asia, Iran, Turkey, Europe, the Americas, South/East Asia and Africa.",
        f"Sources: curated rules/names/curated/cities.csv; Arabic CLDR time-zone exemplar",
        f"cities via {cldr_ver} (Unicode License v3), minus ambiguous/mistranslated ones (CLDR_CITY_SKIP).",
        "Entries already in gaz_countries.csv (city-states, same-named capitals) are not repeated.",
        "note = country (English), ', capital' for national capitals, or the CLDR zone id.",
    ] + COMMON_COMMENT, crossfile=True)

    # ------------------------------------------------------------------ regions
    region_rows = []
    for code, vs, kind in parse_lines(CURATED_REGIONS):
        for v in variants(vs):
            collect(region_rows, v, "GPE", f"{eng(code)} {kind}")
    write_csv("gaz_regions.csv", ["entry", "label", "note"], region_rows, [
        "First-level subdivisions (label GPE): governorates/provinces/states/emirates of the Arab countries,",
        "provinces and autonomous regions of China, US states, Russian federal subjects of note, Iranian provinces,",
        "Indian states, Pakistani/Afghan provinces, Kazakh and Central Asian regions, and some European regions.",
        "Source: curated rules/names/curated/regions.csv. Names that are also cities are kept",
        "in gaz_cities.csv only. Adjective-like names (الشرقية, الوسطى, الداخلية, البيضاء ...) are left out.",
    ] + COMMON_COMMENT, crossfile=True)

    # ------------------------------------------------------------------ geography
    geo_rows = []
    for label, vs, note in parse_lines(CURATED_GEOGRAPHY):
        for v in variants(vs):
            collect(geo_rows, v, label, note)
    for e, lab, note in loc_from_cldr:
        collect(geo_rows, e, lab, note)
    geo = write_csv("gaz_geography.csv", ["entry", "label", "note"], geo_rows, [
        "Non-political locations (label LOC): continents, world regions, seas, oceans, gulfs, straits, rivers,",
        "mountains, plateaus, deserts, lakes, islands. Project decisions: the West Bank and the Gaza Strip",
        "(الضفة الغربية, قطاع غزة) are GPE; a few famous canals, dams, landmarks, bases, fields and ports are FAC",
        "(head noun kept inside, as the guidelines require).",
        f"Sources: curated rules/names/curated/geography.csv; CLDR macro-region names via {cldr_ver}.",
    ] + COMMON_COMMENT, crossfile=True)
    loc_keys = {norm(r[0]) for r in geo if r[1] == "LOC"}

    # ------------------------------------------------------------------ orgs
    org_rows = []
    for cat, vs in parse_lines(CURATED_ORGS):
        for v in variants(vs):
            collect(org_rows, v, "ORG", cat)
    for acr, exp, note in parse_lines(CURATED_ACRONYMS):
        collect(org_rows, acr, "ORG", f"acronym of {exp}")
    write_csv("gaz_orgs.csv", ["entry", "label", "note"], org_rows, [
        "Organizations (label ORG): international and regional bodies, UN agencies, government bodies, armed groups,",
        "parties, news agencies, broadcasters, newspapers, central and commercial banks, exchanges, major companies",
        "(Arab world, China incl. Fortune Global 500 groups, Russia/Central Asia, global), universities, think tanks,",
        "sports bodies and clubs. Ambiguous bare forms (العربية, الشرق الأوسط, الحياة, النهار, الهلال, الاتحاد ...) are",
        "left out; the unambiguous longer names are listed instead.",
        "Source: curated rules/names/curated/orgs.csv, acronyms.csv. note = category.",
    ] + COMMON_COMMENT, crossfile=True)
    acr_rows = [[clean(a), clean(e), n] for a, e, n in parse_lines(CURATED_ACRONYMS)]
    write_csv("org_acronyms.csv", ["acronym", "expansion", "note"], acr_rows, [
        "Arabic acronyms and short names of organizations with their expanded Arabic name.",
        "Source: curated rules/names/curated/acronyms.csv. note = Latin-script acronym.",
    ] + COMMON_COMMENT)

    # ------------------------------------------------------------------ misc
    misc_rows = []
    for kind, vs in parse_lines(CURATED_MISC):
        for v in variants(vs):
            collect(misc_rows, v, "MISC", kind)
    write_csv("gaz_misc.csv", ["entry", "label", "note"], misc_rows, [
        "Other proper names (label MISC): tournaments, games, awards, festivals and fairs, named conferences,",
        "wars, revolutions and military operations, treaties and agreements, initiatives and programmes, religious",
        "and national holidays, scriptures, products and weapon systems. Month names (رمضان ...) are left to dates.",
        "Source: curated rules/names/curated/misc.csv. note = kind.",
    ] + COMMON_COMMENT, crossfile=True)

    # ------------------------------------------------------------------ NORP
    norp_rows = []
    for fields in parse_lines(CURATED_NORP):
        for v in variants(fields[0]):
            collect(norp_rows, v, "NORP", fields[1])
    write_csv("gaz_norp.csv", ["entry", "label", "note"], norp_rows, [
        "Group nouns and broken plurals naming nationalities, ethnic, religious or political groups (label NORP)",
        "that cannot be generated from a nisba stem. السنة is left out (also 'the year').",
        "Source: curated rules/names/curated/norp.csv.",
    ] + COMMON_COMMENT, crossfile=True)

    nisba_rows = []
    excluded = {norm(x) for x, _ in NISBA_EXCLUDED}
    for fields in parse_lines(CURATED_NISBA):
        stem = clean(fields[0])
        if not stem.endswith("ي") or norm(stem) in excluded:
            continue
        group = fields[1]
        code = group.split()[0].split("/")[0]
        note = f"{eng(code)}" if re.fullmatch(r"[A-Z]{2}", code) else ""
        nisba_rows.append([stem, group, note])
    write_csv("norp_nisba.csv", ["stem", "group", "note"], nisba_rows, [
        "Masculine singular indefinite nisba adjectives of nationalities, peoples, religious and political groups",
        "(label NORP). The engine generates the forms (ـة, ال, ـون/ـين/ـات). Every ISO country with a usual",
        "nisba is covered (group = ISO alpha-2 code); also continents, ethnic, religious and political groups.",
        "Deliberately excluded: " + "; ".join(f"{a} ({b})" for a, b in NISBA_EXCLUDED),
        "Source: curated rules/names/curated/nisba.csv; CLDR has no nisba forms.",
    ] + COMMON_COMMENT)

    # ------------------------------------------------------------------ stopwords
    stop_rows = []
    for w in variants(FUNCTION_WORDS):
        if " " not in w:
            stop_rows.append([w, "function", ""])
    for w in variants(TIME_WORDS):
        if " " not in w:
            stop_rows.append([w, "time", ""])
    for w in variants(NON_NAME_ADJECTIVES):
        if " " not in w:
            stop_rows.append([w, "adjective", "an adjective that closes, never continues, a name (السابق, التابع)"])
    for w in variants(ROLE_NOUNS):
        if " " not in w:
            stop_rows.append([w, "role", "a kinship or role noun after a name closes it (سوزان مبارك قرينة ...)"])
    for w in variants(DIRECTION_WORDS):
        if " " not in w:
            stop_rows.append([w, "direction", "a direction is outside a place name (بغرب [الصين])"])
    stop_norm_fn_time = {norm(r[0]) for r in stop_rows}

    # ------------------------------------------------------------------ persons (learned + curated)
    # analysed token stats (clitics stripped where the bare form is a PERS token)
    curated_given = variants(CURATED_GIVEN_ARABIC) + variants(CURATED_GIVEN_FOREIGN) + variants(CURATED_EAST_ASIAN_SURNAMES)
    aner.known = {norm(x) for x in curated_given + variants(CURATED_FAMILY)} - {norm(x) for x in GIVEN_SKIP | FAMILY_SKIP if x}
    for keys in KEYS_BY_LABEL.values():
        aner.known |= set(keys)
    seenA, persA = collections.Counter(), collections.Counter()
    surfA = collections.defaultdict(collections.Counter)
    for s in train:
        for tok, tag in s:
            a = aner.strip_pers(tok)
            k = norm(a)
            seenA[k] += 1
            surfA[k][clean(a)] += 1
            if tag.endswith("PERS"):
                persA[k] += 1
    given_b, family_i = collections.Counter(), collections.Counter()
    for s in train:
        for a, b, t in entities(s):
            if t != "PERS":
                continue
            if s[a][1] == "B-PERS":
                given_b[norm(aner.strip_pers(s[a][0]))] += 1
            if b - a >= 2 and s[b - 1][1] == "I-PERS":
                family_i[norm(s[b - 1][0])] += 1

    def ratio(k):
        return persA[k] / seenA[k] if seenA[k] else 0.0

    skip_learned = {norm(x) for x in GIVEN_SKIP | FAMILY_SKIP | LEARNED_NAME_SKIP if x}
    nisba_forms_all = set()
    for f in parse_lines(CURATED_NISBA):
        nisba_forms_all |= nisba_forms(f[0])

    def learned(counter):
        out = {}
        for k, c in counter.items():
            if (((c >= 2 and ratio(k) >= 0.6) or (c == 1 and ratio(k) >= 0.99 and len(k) >= 4)) and len(k) >= 2 and ARABIC_WORD.match(k) and k not in stop_norm_fn_time
                    and k not in skip_learned and k not in nisba_forms_all):
                out[k] = (surfA[k].most_common(1)[0][0], c)
        return out

    def ambiguous_name(k, thr=0.4):
        return seenA[k] >= 3 and ratio(k) < thr

    dropped_names = []

    def merge_names(learned_rows, curated, skip_reason, kind=""):
        """Learned rows (source anercorp) plus curated names (count 0), the
        curated ones filtered: `skip_reason(name, key)` gives a reason to drop
        a name ("" to drop it silently) or None; then names that normalise to
        a stop word and ambiguous single tokens are dropped."""
        prefix = f"{kind}; " if kind else ""
        rows = {k: [surf, c, "anercorp"] for k, (surf, c) in learned_rows.items()}
        for name in curated:
            k = norm(name)
            reason = skip_reason(name, k)
            if reason is not None:
                if reason:
                    dropped_names.append(f"{name} ({reason})")
                continue
            if k in stop_norm_fn_time:
                dropped_names.append(f"{name} ({prefix}normalises to a stop word)")
                continue
            if " " not in name and ambiguous_name(k):
                dropped_names.append(f"{name} ({prefix}ANERcorp 80%: PERS {persA[k]}/{seenA[k]})")
                continue
            if k in learned_rows:
                rows[k][2] = "anercorp;curated"
            elif k not in rows:
                rows[k] = [name, 0, "curated"]
        return rows

    given_skip_keys = {norm(x) for x in GIVEN_SKIP}
    given_rows = merge_names(
        learned(given_b),
        curated_given,
        lambda g, k: "manual: common word" if g in GIVEN_SKIP or k in given_skip_keys else None,
    )
    write_csv("person_given.csv", ["name", "count", "source"], list(given_rows.values()), [
        "Person first names (and name starters such as East Asian surnames, which come first).",
        f"Learned from ANERcorp train.txt, first 80 % of sentences ({len(train)} of {n_sent}): tokens starting a PERS",
        "entity (B-PERS) at least twice with PERS ratio (B/I-PERS / seen) >= 0.6, or once and never otherwise (4+ letters);",
        "proclitics stripped only when the bare",
        "form is itself a PERS token. count = B-PERS occurrences. ANERcorp: CC BY-SA 4.0 (shared/ copy has an MIT LICENSE);",
        "the list is derived facts. Curated rows (count 0, source curated): common Arabic and foreign given names.",
        "Curated single-token names seen >= 3 times with PERS ratio < 0.4 in the learning part were dropped, as were",
        "names that normalise to a stop word (e.g. علي = على after ى->ي folding) and a manual list of common words.",
    ] + COMMON_COMMENT)

    family_rows = merge_names(
        learned(family_i),
        variants(CURATED_FAMILY),
        lambda f, k: "" if f in FAMILY_SKIP else None,
        "family",
    )
    write_csv("person_family.csv", ["name", "count", "source"], list(family_rows.values()), [
        "Family names / last-name tokens (some multi-token: آل ثاني, فون دير لاين, داود أوغلو).",
        f"Learned from ANERcorp (first 80 % of sentences): I-PERS tokens that end a multi-token PERS entity, count >= 2 (or 1, never untagged, 4+ letters),",
        "PERS ratio >= 0.6. count = occurrences. Curated rows: statesmen and public figures of recent decades and",
        "Arab ruling-family and leaders' family names (count 0, source curated), filtered like person_given.csv.",
    ] + COMMON_COMMENT)

    person_rows = []
    for v in variants(CURATED_PERSONS):
        for p in PERSON_TITLE_PREFIXES:
            if v.startswith(p):
                v = v[len(p):]
        if " " in v:
            collect(person_rows, v, "PERSON", "curated")
    write_csv("gaz_persons.csv", ["entry", "label", "note"], person_rows, [
        "Full names of frequently reported persons (label PERSON): heads of state and government, ministers and",
        "officials of international bodies of recent decades, Arab leaders, a few business and cultural figures.",
        "Titles are not part of the entries. Source: curated rules/names/curated/persons.csv.",
    ] + COMMON_COMMENT, crossfile=True)

    # ------------------------------------------------------------------ stopwords: verbs
    name_keys = set(given_rows) | set(family_rows) | {norm(n) for n in curated_given}
    for lab, keys in KEYS_BY_LABEL.items():
        name_keys |= set(keys)
    verb_forms = []
    for v in variants(VERBS_PAST):
        verb_forms.append(v)
        if v[-1] not in "ىايةءو":
            verb_forms += [v + "ت", v + "وا"]
    for v in variants(VERBS_PRESENT):
        verb_forms.append(v)
        if v.startswith("ي"):
            verb_forms.append("ت" + v[1:])
        if v[-1] not in "ىايو":
            verb_forms.append(v + "ون")
    verb_forms += variants(VERBS_EXTRA)
    clash = {norm(x) for x in VERB_NAME_CLASH if x}
    verb_skipped = []
    for v in verb_forms:
        k = norm(v)
        if " " in v:
            continue
        if k in clash or k in name_keys:
            verb_skipped.append(v)
            continue
        stop_rows.append([v, "verb", ""])
    # a word is one kind only: function > time > verb
    stop_out, seen_stop = [], set()
    for r in stop_rows:
        k = norm(r[0])
        if k in seen_stop:
            continue
        seen_stop.add(k)
        stop_out.append(r)
    write_csv("stopwords.csv", ["word", "kind", "note"], stop_out, [
        "Words that can never be part of a name run and stop it: function (prepositions, conjunctions, pronouns,",
        "demonstratives…), verb, time, adjective (السابق, التابع), role (kinship and role nouns: قرينة, شقيق, محلل),",
        "direction (شرق, غربي). Details:",
        "demonstratives, relatives, particles, frequent quantifiers), verb (frequent news verbs, past 3ms/3fs/3mp and",
        "present 3ms/3fs/3mp forms generated from curated bases), time (deictic time words, weekdays, month names).",
        "Verbs that are also names (فتح, يحيى, يزيد, أمل, حسن ...) or gazetteer entries are left out; العام/عام (also",
        "'general' in ORG names such as المؤتمر الشعبي العام) is left out. Source: curated lists in",
        "rules/names/curated/. Note: على normalises to علي; the name علي is therefore not in person_given.csv.",
    ] + COMMON_COMMENT, dedupe=False)

    # ------------------------------------------------------------------ triggers
    trig = []
    for w in variants(PERSON_TITLES):
        trig.append([w, "person_title", ""])
    for p in variants(PORTFOLIOS):
        trig.append([f"وزير {p}", "person_title", "minister (portfolio)"])
        trig.append([f"وزيرة {p}", "person_title", "minister (portfolio)"])
    for words, kind, note in [
        (ORG_HEADS, "org_head", ""),
        (ORG_HEADS_STRONG, "org_head_strong", "official-name head: any construct chain after it is a name"),
        (SPEECH_VERBS, "speech_verb", "a speaker's name may follow (وقال [عنان])"),
        (PERSON_CONTEXT, "person_title", "context word learned from ANERcorp (first 80 %): a name follows"),
        (MISC_DESCRIPTORS, "misc_descriptor", "dropped before a MISC name that stands alone (بطولة [كأس العالم])"),
        (NAME_SUFFIXES, "name_suffix", "may close a facility or organization name"),
        (ORG_DESCRIPTORS, "org_descriptor", ""),
        (PLACE_HEADS, "place_head", ""),
        (FACILITY_HEADS, "facility_head", ""),
        (MISC_HEADS, "misc_head", ""),
    ]:
        trig.extend([w, kind, note] for w in variants(words))
    tout, tseen = [], set()
    for r in trig:
        k = (norm(r[0]), r[1])
        if k in tseen:
            continue
        tseen.add(k)
        tout.append(r)
    tout.sort(key=lambda r: (r[1], norm(r[0])))
    write_csv("triggers.csv", ["trigger", "kind", "note"], tout, [
        "Context words. person_title: a PERSON name follows, the title stays outside the span.",
        "org_head: begins an organization name and stays inside it when the name has evidence (a known place or",
        "nationality, an uncommon word, a bracketed alias). org_head_strong: the indefinite head of an official name",
        "(وزارة, منظمة, حزب…), any construct chain after it is the name. speech_verb: a speaker's name may follow",
        "(وقال [عنان]) when it is no ordinary word. name_suffix: may close a facility or",
        "organization name (الدولي). org_descriptor: generic descriptor that is dropped",
        "when a bare proper name follows (شركة الاتصالات [هواوي]); a word may be both org_head and org_descriptor, the",
        "engine decides by what follows. place_head: descriptor before a GPE, dropped (مقاطعة [شانشي]).",
        "facility_head: kept inside a FAC span (ميناء ليانيونقانغ). misc_head: begins a MISC name.",
        "Source: curated lists in rules/names/curated/; وزير/وزيرة + portfolio rows are generated.",
    ] + COMMON_COMMENT, sort=False, dedupe=False)

    # ------------------------------------------------------------------ ANERcorp entities
    ent_count = collections.Counter()
    ent_type = collections.defaultdict(collections.Counter)
    ent_surf = collections.defaultdict(collections.Counter)
    for s in train:
        for a, b, t in entities(s):
            toks = [s[k][0] for k in range(a, b)]
            toks[0] = aner.strip_first(toks[0], t)
            if not all(ARABIC_WORD.match(clean(x) or "x1") for x in toks):
                continue
            surf = clean(" ".join(toks))
            k = norm(surf)
            if len(k) < 2:
                continue
            ent_count[k] += 1
            ent_type[k][t] += 1
            ent_surf[k][surf] += 1
    # second pass: merge 'clitic + entity' strings into the bare entity when the bare
    # string is itself a learned entity or a curated entry
    for k in list(ent_count):
        for p in PROCLITICS:
            if k.startswith(p) and len(k) - len(p) >= 2:
                bare = k[len(p):]
                if bare in ent_count or bare in aner.known:
                    ent_count[bare] += ent_count.pop(k)
                    ent_type[bare].update(ent_type.pop(k))
                    for sf, c in ent_surf.pop(k).items():
                        ent_surf[bare][sf[len(p):]] += c
                    break
    aner_rows = []
    map_lab = {"PERS": "PERSON", "ORG": "ORG", "MISC": "MISC", "LOC": "GPE"}
    curated_label = {}
    for lab, keys in KEYS_BY_LABEL.items():
        for kk in keys:
            curated_label.setdefault(kk, set()).add(lab)
    title_norms = {norm(r[0]) for r in tout if r[1] == "person_title"} | {norm(w) for w in LEARNED_TITLE_WORDS}
    aner_drop = {norm(x) for x in ANER_ENTITY_DROP}
    relabelled = []
    for k, c in ent_count.items():
        if c < 2 and (len(k.split()) < 2 or ent_type[k].most_common(1)[0][1] < c):
            continue
        t, tc = ent_type[k].most_common(1)[0]
        surf = ent_surf[k].most_common(1)[0][0]
        if k in stop_norm_fn_time or k in aner_drop:
            continue
        occ, anyent, typed, exact = idx_train.stats(surf, t)
        if occ == 0 or typed / occ < 0.6:
            continue
        lab = map_lab[t]
        if t == "LOC" and k in loc_keys:
            lab = "LOC"
        if t == "PERS":      # titles are outside PERSON spans
            toks = surf.split()
            while len(toks) > 1 and (norm(toks[0]) in title_norms or norm(" ".join(toks[:2])) in title_norms):
                toks = toks[2:] if norm(" ".join(toks[:2])) in title_norms else toks[1:]
            surf = " ".join(toks)
            if not surf:
                continue
        kk = norm(surf)
        cur = curated_label.get(kk)
        ANERCORP_LEARNED_LABEL[kk] = lab
        if cur and len(cur) == 1 and lab not in cur:
            relabelled.append(f"{surf} {lab}->{next(iter(cur))}")
            lab = next(iter(cur))
        elif not cur and kk in nisba_forms_all and lab in ("ORG", "MISC"):
            relabelled.append(f"{surf} {lab}->NORP")
            lab = "NORP"
        aner_rows.append([surf, lab, "learned", str(c)])
    write_csv("gaz_anercorp.csv", ["entry", "label", "priority", "note"], aner_rows, [
        f"Entities learned from ANERcorp train.txt, first 80 % of sentences ({len(train)} of {n_sent}); the last 20 % is",
        "held out for evaluation and never used for learning. Kept: entity strings seen >= 2 times whose token",
        "sequence carries the same entity type in >= 60 % of its occurrences (label ratio). Proclitics stripped from",
        "the first token when the bare form starts an entity of the same type (ل+ال -> ال). Labels: PERS->PERSON,",
        "ORG->ORG, MISC->MISC, LOC->GPE unless listed as LOC in gaz_geography.csv. priority = learned (below curated",
        "lists and triggers in conflicts). note = count.",
        "ANERcorp: CC BY-SA 4.0 (the shared/ copy carries an MIT LICENSE, (c) 2020 CSabty); the list is derived facts.",
    ] + COMMON_COMMENT)

    # ------------------------------------------------------------------ ANERcorp-based filter + precision
    # Single-token curated gazetteer entries that are mostly O in the learning part are dropped.
    gaz_files = ["gaz_countries.csv", "gaz_cities.csv", "gaz_regions.csv", "gaz_geography.csv",
                 "gaz_orgs.csv", "gaz_misc.csv", "gaz_norp.csv", "gaz_persons.csv", "gaz_anercorp.csv"]
    report = {}
    for fn in gaz_files:
        path = OUT / fn
        lines = path.read_text(encoding="utf-8").splitlines()
        comments = [l[2:] for l in lines if l.startswith("#")]
        rows = list(csv.reader([l for l in lines if not l.startswith("#")]))
        header, body = rows[0], rows[1:]
        kept, dropped = [], []
        for r in body:
            ent, lab = r[0], r[1]
            if fn != "gaz_anercorp.csv" and " " not in ent and lab != "NORP":
                occ, anyent, typed, exact = idx_train.stats(ent, LABEL2ANER[lab])
                if occ >= 5 and anyent / occ < 0.3:
                    dropped.append(f"{ent} ({anyent}/{occ})")
                    continue
            kept.append(r)
        # precision on the held-out 20 %
        n_match = n_occ = n_typed = n_exact = n_any = 0
        for r in kept:
            at = LABEL2ANER[r[1]]
            if at is None:
                continue
            occ, anyent, typed, exact = idx_test.stats(r[0], at)
            if occ:
                n_match += 1
                n_occ += occ
                n_typed += typed
                n_exact += exact
                n_any += anyent
        if n_occ:
            prec = (f"ANERcorp held-out 20 % check: {n_match} entries occur, {n_occ} occurrences; "
                    f"{100 * n_typed / n_occ:.1f} % tagged with the corresponding ANERcorp type "
                    f"({100 * n_exact / n_occ:.1f} % exact span), {100 * n_any / n_occ:.1f} % inside any entity "
                    "(GPE/LOC/FAC -> LOC, ORG -> ORG, PERSON -> PERS, MISC -> MISC; NORP is not annotated in ANERcorp).")
        else:
            prec = "ANERcorp held-out 20 % check: no occurrences (NORP is not annotated in ANERcorp)."
        if dropped:
            comments.append(f"Dropped as ambiguous (single token seen >= 5 times in the ANERcorp learning part, < 30 % inside "
                            f"an entity): {len(dropped)} entries.")
        comments.append(prec)
        report[fn] = (prec, dropped)
        write_rows(path, comments, header, kept)
        WRITTEN[fn] = len(kept)

    # person files: precision of single-token names on held-out part (token is PERS)
    for fn in ("person_given.csv", "person_family.csv"):
        path = OUT / fn
        lines = path.read_text(encoding="utf-8").splitlines()
        body = list(csv.reader([l for l in lines if not l.startswith("#")]))[1:]
        n_occ = n_typed = 0
        for r in body:
            occ, anyent, typed, exact = idx_test.stats(r[0], "PERS")
            n_occ += occ
            n_typed += typed
        prec = (f"ANERcorp held-out 20 % check: {n_occ} occurrences of listed names, "
                f"{100 * n_typed / max(n_occ, 1):.1f} % tagged PERS there.")
        text = "\n".join(l for l in lines if l.startswith("#")) + "\n# " + prec + "\n" + \
               "\n".join(l for l in lines if not l.startswith("#")) + "\n"
        path.write_text(text, encoding="utf-8")
        report[fn] = (prec, [])

    # ------------------------------------------------------------------ summary
    print("\nrows per file:")
    profile_rows = split_anercorp_profile(idx_train)
    for fn in sorted(WRITTEN):
        print(f"  {fn:24s} {WRITTEN[fn]:6d}")
    print(f"  profiles/anercorp/names/gaz_anercorp.csv {profile_rows:6d}")
    print(f"  profiles/anercorp/names/gaz_anercorp_currencies.csv {write_anercorp_currencies():6d}")
    print("\nANERcorp held-out precision:")
    for fn, (prec, dropped) in report.items():
        print(f"  {fn}: {prec.split(':', 1)[1].strip()}")
        if dropped:
            print(f"    dropped as ambiguous: {', '.join(dropped)}")
    if dropped_names:
        print("\nnames dropped:", ", ".join(dropped_names))
    if relabelled:
        print("\ngaz_anercorp relabelled to the curated label:", ", ".join(relabelled))
    if verb_skipped:
        print("\nverb forms left out (name/gazetteer clash):", ", ".join(sorted(set(verb_skipped))))
    for fn, items in DROPPED.items():
        print(f"\n{fn}: {len(items)} rows already present in an earlier file (same label), not repeated")
    # gazetteer entries identical to a generated nisba form (engine must decide by context)
    clash = sorted({k for lab, keys in KEYS_BY_LABEL.items() if lab != "NORP" for k in keys if k in nisba_forms_all})
    if clash:
        print("\ngazetteer entries that equal a generated nisba form:", ", ".join(clash))
    # label conflicts across gazetteers
    conflicts = collections.defaultdict(set)
    for lab, keys in KEYS_BY_LABEL.items():
        for k in keys:
            conflicts[k].add(lab)
    multi = {k: v for k, v in conflicts.items() if len(v) > 1}
    if multi:
        print("\nentries with different labels in different files:",
              ", ".join(f"{k}={'/'.join(sorted(v))}" for k, v in sorted(multi.items())))


ANERCORP_CONVENTIONS = curated("anercorp_conventions.csv", "table")
# ANERcorp's own label of each learned entry (normalised key), before a curated
# list relabels it: the anercorp profile brings it back for the conventions.
ANERCORP_LEARNED_LABEL = {}
PROFILE_GAZ = ROOT / "rules" / "profiles" / "anercorp" / "names" / "gaz_anercorp.csv"
PROFILE_CURRENCIES = ROOT / "rules" / "profiles" / "anercorp" / "names" / "gaz_anercorp_currencies.csv"


def currency_keys():
    """The normalised currency names of rules/numbers/currencies.csv (Arabic,
    three letters or more): MONEY in the core, MISC in ANERcorp."""
    with open(ROOT / "rules" / "numbers" / "currencies.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    keys = {norm(r["name"]) for r in rows}
    return {k for k in keys if len(k) >= 3 and ARABIC_WORD.match(k) and " " not in k}


def write_anercorp_currencies():
    """ANERcorp tags a currency name as MISC (`دولار B-MISC`), also with the
    article (`الدولار`) but not a definite plural (`الدولارات` is O): the
    anercorp profile gets every currency name of rules/numbers/currencies.csv
    as a MISC entry, and the base names with the article too. Returns the
    row count."""
    with open(ROOT / "rules" / "numbers" / "currencies.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    names = currency_keys()
    bases = {norm(r["base"]) for r in rows if norm(r["base"]) in names}
    entries = sorted(names | {"ال" + b for b in bases})
    write_rows(PROFILE_CURRENCIES, [
        "ANERcorp's currency names as MISC (the core reads them inside a MONEY span and gives them no",
        "name): every Arabic currency name of rules/numbers/currencies.csv, three letters or more, and the",
        "base names with the article (ANERcorp tags الدولار, not the definite plural الدولارات).",
        "Generated by scripts/build_lexicons.py from rules/numbers/currencies.csv - do not edit by hand.",
        "Licence: MIT, as the project.",
    ], ["entry", "label", "priority", "note"], [[e, "MISC", "learned", "currency"] for e in entries])
    return len(entries)


CURATED_GAZETTEERS = ["gaz_countries.csv", "gaz_cities.csv", "gaz_regions.csv", "gaz_geography.csv",
                      "gaz_orgs.csv", "gaz_misc.csv", "gaz_norp.csv", "gaz_persons.csv"]


# A curated entry ANERcorp's learning part leaves untagged: seen at least
# UNTAGGED_MIN_SEEN times, inside an entity at most UNTAGGED_MAX_SHARE of them
# (the agency bylines `د ب أ`, `ا ف ب`: 0 of 12).
UNTAGGED_MIN_SEEN = 3
UNTAGGED_MAX_SHARE = 0.2
# Files whose entries ANERcorp could tag (it has no NORP; gaz_misc.csv's
# profile is scripts/learn_anercorp_events.py's).
UNTAGGED_FILES = set(CURATED_GAZETTEERS) - {"gaz_misc.csv", "gaz_norp.csv"}


def untagged_in_anercorp(idx_train, entry):
    # Dots separate tokens as spaces do for the recognizer (`د.ب.أ` = `د ب أ`).
    occ, anyent, _, _ = idx_train.stats(" ".join(entry.replace(".", " ").split()), None)
    return occ >= UNTAGGED_MIN_SEEN and anyent <= UNTAGGED_MAX_SHARE * occ


def write_convention_removals(aner_labels, idx_train):
    """A curated list outranks a learned entry, so ANERcorp's label for a
    convention entry (`البيت الأبيض` MISC) only shows when the anercorp profile
    also drops the curated row of another label (`البيت الأبيض` ORG in
    gaz_orgs.csv); and a curated entry ANERcorp's learning part leaves
    untagged (untagged_in_anercorp) is dropped too: one overlay file per
    curated gazetteer, rows with remove=yes. aner_labels: normalised entry ->
    ANERcorp's label."""
    for fn in CURATED_GAZETTEERS:
        lines = (OUT / fn).read_text(encoding="utf-8").splitlines()
        rows = list(csv.reader([l for l in lines if not l.startswith("#")]))
        header, body = rows[0], rows[1:]
        drop = [r + ["yes"] for r in body
                if (norm(r[0]) in aner_labels and r[1] != aner_labels[norm(r[0])])
                or (fn in UNTAGGED_FILES and norm(r[0]) not in aner_labels
                    and untagged_in_anercorp(idx_train, r[0]))]
        if fn == "gaz_misc.csv":
            # The profile's gaz_misc.csv is scripts/learn_anercorp_events.py's.
            if drop:
                sys.exit("error: a convention entry of anercorp_conventions.csv is in gaz_misc.csv; "
                         "profiles/anercorp/names/gaz_misc.csv belongs to scripts/learn_anercorp_events.py")
            continue
        path = PROFILE_GAZ.parent / fn
        if not drop:
            if path.exists():
                path.unlink()
            continue
        write_rows(path, [
            f"Rows of names/{fn} dropped by the anercorp profile: entries of",
            "rules/names/curated/anercorp_conventions.csv that ANERcorp labels otherwise (its label is in",
            "profiles/anercorp/names/gaz_anercorp.csv; a curated row would outrank it), and entries ANERcorp's",
            f"first 80 % of sentences leaves untagged (seen >= {UNTAGGED_MIN_SEEN} times, inside an entity <= "
            f"{UNTAGGED_MAX_SHARE:.0%} of them).",
            "remove=yes drops the core row.",
            "Generated by scripts/build_lexicons.py - do not edit by hand; edit rules/names/curated/ and rerun the script.",
            "Licence: MIT, as the project.",
        ], header + ["remove"], drop)


def split_anercorp_profile(idx_train):
    """Move the learned entries that only ANERcorp's conventions label so out
    of the core gaz_anercorp.csv into the anercorp profile: MISC entries
    holding a currency name (the core reads them as MONEY), and the entries
    of curated/anercorp_conventions.csv (relabelled to their core label, or
    left out of the core when it is empty; the profile gets ANERcorp's own
    label, the one learned before a curated list relabelled the entry).
    Returns the profile's row count."""
    path = OUT / "gaz_anercorp.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    comments = [l for l in lines if l.startswith("#")]
    rows = list(csv.reader([l for l in lines if not l.startswith("#")]))
    header, body = rows[0], rows[1:]
    currencies = currency_keys()
    conventions = {norm(entry): (core, why) for entry, core, why in
                   ((r + ["", ""])[:3] for r in ANERCORP_CONVENTIONS)}

    def bare(token):
        key = norm(token)
        forms = [key] + [key[len(p):] for p in PROCLITICS if key.startswith(p)]
        return {f[2:] if f.startswith("ال") else f for f in forms}

    core, profile = [], []
    for r in body:
        entry, label = r[0], r[1]
        convention = conventions.get(norm(entry))
        if convention:
            core_label, why = convention
            if core_label:
                core.append([entry, core_label] + r[2:])
                profile.append([entry, core_label] + r[2:] + ["yes"])
            profile.append([entry, ANERCORP_LEARNED_LABEL.get(norm(entry), label)] + r[2:] + [""])
        elif label == "MISC" and any(bare(t) & currencies for t in entry.split()):
            profile.append(r + [""])
        else:
            core.append(r)
    write_convention_removals({norm(r[0]): r[1] for r in profile if not r[-1]}, idx_train)
    comments.append("# ANERcorp's own labelling (currency names and a few works and places as MISC) is in")
    comments.append("# rules/profiles/anercorp/names/gaz_anercorp.csv, applied by --profile anercorp.")
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("\n".join(comments) + "\n")
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(core)
    write_rows(PROFILE_GAZ, [
        "ANERcorp's labelling of learned entries that the core (shared/guidelines/annotation.md) labels",
        "otherwise: MISC entries holding a currency name (MONEY in the core), and the entries of",
        "rules/names/curated/anercorp_conventions.csv. An overlay on names/gaz_anercorp.csv: a row with",
        "remove=yes drops the core row (relabelled in the core), the next row brings back ANERcorp's label.",
        "Generated by scripts/build_lexicons.py - do not edit by hand; edit rules/names/curated/ and rerun the script.",
        "Source: ANERcorp train.txt, first 80 % of sentences (CC BY-SA 4.0; the shared copy carries an MIT",
        "LICENSE); derived facts. Licence: MIT, as the project.",
    ], header + ["remove"], profile)
    return len(profile)


if __name__ == "__main__":
    main()
