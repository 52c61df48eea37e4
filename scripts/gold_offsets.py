#!/usr/bin/env python3
"""Compute a gold CSV's code-point offsets from a hand-made list of mentions.

The annotator reads the document and decides every mention by hand; this
script only finds the chosen strings in the document, computes their
offsets, checks the slices and writes `gold/<doc-id>.csv`.

The mention list (`gold/markup/<doc-id>.tsv`, UTF-8) has one mention per
line, in document order, fields separated by tabs:

    TYPE  TEXT                 names layer (PERSON NORP ORG GPE LOC FAC MISC)
    TYPE  TEXT  JSON           numeric layer, with the normalized value
    ...   ...   ...   @CONTEXT optional last field: a longer string of the
                               document that contains TEXT, to pick the right
                               occurrence (`@الشعب العراقي` for `العراقي`)

Blank lines and lines starting with `#` are comments.  Each mention is
searched forward from the previous mention of the list (and after the end of
the previous mention of its own layer), as a whole word: it must not be
followed by a letter (nor a number by a digit); only an @CONTEXT may pick
a mention that ends or starts inside a token WikiFANE glued together, and may be preceded only by a non-letter, a tatweel
or proclitic letters `و ف ب ل ك` that open the word.  So mentions are listed
in order and an occurrence that is not a mention is simply skipped.

Usage: gold_offsets.py LIST.tsv DOC.txt OUT.csv [--show]
  --show prints the document with [text]TYPE marks for review.
Checks: labels known; numeric rows carry valid JSON and names rows none;
no two mentions of one layer overlap; each slice equals its text.  A failure
exits non-zero naming the list file and line.
"""
import csv
import json
import sys

NAMES = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "MISC"}
NUMERIC = {"CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "DATE", "TIME"}
PROCLITIC_LETTERS = set("وفبلك") | {"ـ"}


def fail(path, line, msg):
    sys.exit(f"{path}:{line}: {msg}")


def is_letter(ch):
    return ch.isalpha() or ch == "ـ" or "\u064b" <= ch <= "\u0652"


def whole_word(doc, start, end, explicit=False):
    if not explicit and end < len(doc) and (is_letter(doc[end]) or (doc[end].isdigit() and doc[end - 1].isdigit())):
        return False
    if not explicit and start > 0 and doc[start].isdigit() and doc[start - 1].isdigit():
        return False  # inside a number; an @CONTEXT can still pick such a split on purpose
    k = start
    while k > 0 and is_letter(doc[k - 1]):
        k -= 1
    prefix = doc[k:start]
    return all(ch in PROCLITIC_LETTERS for ch in prefix) and len(prefix) <= 3


def find(doc, text, context, frm):
    """First whole-word occurrence of text (inside context, if given) at or after frm."""
    pos = max(0, frm - len(context)) if context else frm
    while True:
        if context:
            c = doc.find(context, pos)
            if c < 0:
                return -1
            inner = context.find(text)
            s = c + inner
            if s >= frm and whole_word(doc, s, s + len(text), explicit=True):
                return s
            pos = c + 1
        else:
            s = doc.find(text, pos)
            if s < 0:
                return -1
            if whole_word(doc, s, s + len(text)):
                return s
            pos = s + 1


def load(list_path, doc):
    rows = []
    cursor = 0
    layer_end = {"names": 0, "numeric": 0}
    with open(list_path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            context = None
            if fields[-1].startswith("@"):
                context = fields.pop()[1:]
            label, text = fields[0], fields[1] if len(fields) > 1 else ""
            if label in NAMES:
                layer = "names"
                if len(fields) != 2:
                    fail(list_path, lineno, f"{label} takes no value: {line!r}")
                value = ""
            elif label in NUMERIC:
                layer = "numeric"
                if len(fields) != 3:
                    fail(list_path, lineno, f"{label} needs TEXT and a JSON value: {line!r}")
                try:
                    value = json.dumps(json.loads(fields[2]), ensure_ascii=False)
                except json.JSONDecodeError as e:
                    fail(list_path, lineno, f"bad JSON value {fields[2]!r}: {e}")
            else:
                fail(list_path, lineno, f"unknown label {label!r}")
            if not text or text != text.strip():
                fail(list_path, lineno, f"empty text or edge spaces: {text!r}")
            if context is not None and text not in context:
                fail(list_path, lineno, f"context {context!r} does not contain {text!r}")
            start = find(doc, text, context, max(cursor, layer_end[layer]))
            if start < 0:
                fail(list_path, lineno, f"{text!r} not found (as a whole word) after offset {cursor}")
            end = start + len(text)
            rows.append((start, end, label, text, value))
            cursor = start
            layer_end[layer] = end
    return rows


def check_overlaps(list_path, rows):
    for layer in (NAMES, NUMERIC):
        spans = sorted((r for r in rows if r[2] in layer), key=lambda r: (r[0], r[1]))
        for a, b in zip(spans, spans[1:]):
            if b[0] < a[1]:
                fail(list_path, 0, f"overlap in one layer: {a[3]!r} {a[2]} and {b[3]!r} {b[2]}")


def show(doc, rows):
    """The document with [text]TYPE marks (names) and {text}TYPE=value marks (numeric)."""
    inserts = []
    for start, end, label, _, value in rows:
        o, c = ("[", "]") if label in NAMES else ("{", "}")
        inserts.append((start, 1, o))
        inserts.append((end, 0, c + label + (("=" + value) if value else "")))
    out, last = [], 0
    for pos, _, s in sorted(inserts, key=lambda t: (t[0], t[1])):
        out.append(doc[last:pos])
        out.append(s)
        last = pos
    out.append(doc[last:])
    return "".join(out)


def main():
    args = [a for a in sys.argv[1:] if a != "--show"]
    if len(args) != 3:
        sys.exit(__doc__)
    list_path, doc_path, out_path = args
    with open(doc_path, encoding="utf-8") as f:
        doc = f.read()
    rows = load(list_path, doc)
    check_overlaps(list_path, rows)
    for start, end, _, text, _ in rows:
        assert doc[start:end] == text
    rows.sort(key=lambda r: (r[0], r[1]))
    with open(out_path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["start", "end", "type", "text", "value"])
        w.writerows(rows)
    if "--show" in sys.argv:
        print(show(doc, rows))
    print(f"{out_path}: {len(rows)} rows")


if __name__ == "__main__":
    main()
