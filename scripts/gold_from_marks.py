#!/usr/bin/env python3
"""Turn a hand-annotated (marked-up) article into its corpus text and gold CSV.

The annotator writes the article once, in `gold/marked/<doc-id>.txt`, with
every mention they decided on wrapped in brackets:

    ⟦الرباط|GPE⟧ ⟦12 مارس 2024|DATE=2024-03-12⟧ (⟦و م ع|ORG⟧) -
    ⟦طريق الحرير البحري للقرن ⟦الـ21|ORDINAL=21⟧|MISC⟧   (cross-layer nesting)

This script only removes the brackets, computes code-point offsets of the
chosen spans and checks them; it chooses no mention itself. It writes
`corpus/<doc-id>.txt` (the text without marks, no trailing newline added) and
`gold/<doc-id>.csv` (the format of gold/README.md, byte for byte what
`kashif gold import` writes). `--check` verifies that the committed files
are what the marked file gives.

Value shorthands after `=` (any other value is read as JSON):
  DATE / TIME     the text is the string value (`=2024-03-12`, `=P3D`); `=null`
  MONEY           `=1500000 MAD`            -> {"amount": 1500000, "currency": "MAD"}
                  `=10000000..20000000 USD` -> {"min": …, "max": …, "currency": "USD"}
  QUANTITY        `=50000 t`                -> {"amount": 50000, "unit": "t"}
  CARDINAL etc.   `=15..20`                 -> {"min": 15, "max": 20}

Usage: scripts/gold_from_marks.py [--check] [DOC-ID …]   (default: every marked file)
"""

import csv
import io
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKED = ROOT / "gold" / "marked"
OPEN, SEP, CLOSE = "⟦", "|", "⟧"
NAMES = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "MISC"}
NUMERIC = {"CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "DATE", "TIME"}
ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
PROCLITICS = re.compile(r"^[وف]?[بكل]?ـ?$|^[وف]?لل?$")
ENCLITICS = re.compile(r"^(ه|ها|هم|هما|هن|كم|نا|ي)$")


def number(text):
    n = float(text)
    return int(n) if n.is_integer() and "." not in text else n


def parse_value(label, raw, where):
    if raw is None:
        return None
    if label in ("DATE", "TIME"):
        return None if raw == "null" else raw
    m = re.fullmatch(r"(-?\d+(?:\.\d+)?)(?:\.\.(-?\d+(?:\.\d+)?))?(?: ([A-Za-z0-9/]+))?", raw)
    if m:
        lo, hi, unit = m.groups()
        if label in ("MONEY", "QUANTITY") and not unit:
            raise SystemExit(f"{where}: {label} value `{raw}` needs a currency or unit")
        key = "currency" if label == "MONEY" else "unit"
        value = {"min": number(lo), "max": number(hi)} if hi else None
        if unit:
            if value is None:
                value = {"amount": number(lo)}
            value[key] = unit
        return value if value is not None else number(lo)
    try:
        return json.loads(raw)
    except json.JSONDecodeError as e:
        raise SystemExit(f"{where}: value `{raw}` is not JSON: {e}")


def value_text(v):
    """JSON text in the key order and spacing of kashif's `value_text`."""
    order = ["amount", "currency", "unit", "min", "max"]
    if isinstance(v, dict):
        keys = sorted(v, key=lambda k: (order.index(k) if k in order else len(order), k))
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)}: {value_text(v[k])}" for k in keys) + "}"
    return json.dumps(v, ensure_ascii=False)


def parse(marked, name):
    """Return (plain text, mentions) of a marked document."""
    out, stack, mentions = [], [], []
    i, line = 0, 1
    while i < len(marked):
        c = marked[i]
        if c == OPEN:
            stack.append((sum(map(len, out)), line))
        elif c == CLOSE:
            if not stack:
                raise SystemExit(f"{name}:{line}: `{CLOSE}` without `{OPEN}`")
            # The annotation is the text after the last SEP in `out`.
            start, open_line = stack.pop()
            plain = "".join(out)
            bar = plain.rfind(SEP, start)
            if bar < 0:
                raise SystemExit(f"{name}:{line}: mention without `|LABEL`")
            tag = plain[bar + 1 :]
            text = plain[start:bar]
            out = [plain[:bar]]
            label, _, raw = tag.partition("=")
            where = f"{name}:{open_line}: `{text}`"
            if label not in NAMES | NUMERIC:
                raise SystemExit(f"{where}: unknown label `{label}`")
            if label in NUMERIC and not raw:
                raise SystemExit(f"{where}: {label} needs `=value`")
            if label in NAMES and raw:
                raise SystemExit(f"{where}: names carry no value")
            if text != text.strip() or not text:
                raise SystemExit(f"{where}: span has edge spaces or is empty")
            value = parse_value(label, raw or None, where) if label in NUMERIC else None
            mentions.append((start, start + len(text), label, text, value, open_line))
        else:
            if c == "\n":
                line += 1
            out.append(c)
        i += 1
    if stack:
        raise SystemExit(f"{name}:{stack[-1][1]}: `{OPEN}` never closed")
    plain = "".join(out)
    if SEP in plain:
        raise SystemExit(f"{name}: a stray `{SEP}` is left in the text")
    return plain, mentions


def lint(plain, mentions, name):
    """Warn about spans that start or end inside a word (not at a clitic)."""
    warnings = []
    for start, end, label, text, _, line in mentions:
        assert plain[start:end] == text
        j = start
        while j > 0 and (ARABIC_LETTER.match(plain[j - 1]) or plain[j - 1] == "ـ"):
            j -= 1
        prefix = plain[j:start]
        if prefix and not PROCLITICS.match(prefix):
            warnings.append(f"{name}:{line}: `{text}` {label} starts after `{prefix}`")
        k = end
        while k < len(plain) and ARABIC_LETTER.match(plain[k]):
            k += 1
        suffix = plain[end:k]
        if suffix and not ENCLITICS.match(suffix):
            warnings.append(f"{name}:{line}: `{text}` {label} ends before `{suffix}`")
    for layer in (NAMES, NUMERIC):
        spans = sorted((m[0], m[1], m[3]) for m in mentions if m[2] in layer)
        for a, b in zip(spans, spans[1:]):
            if b[0] < a[1]:
                raise SystemExit(f"{name}: `{a[2]}` and `{b[2]}` overlap in one layer")
    return warnings


def gold_csv(mentions):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["start", "end", "type", "text", "value"])
    layer = lambda label: 0 if label in NAMES else 1
    for start, end, label, text, value, _ in sorted(mentions, key=lambda m: (m[0], m[1], layer(m[2]))):
        w.writerow([start, end, label, text, "" if label in NAMES else value_text(value)])
    return buf.getvalue()


def main(argv):
    check = "--check" in argv
    ids = [a for a in argv if not a.startswith("--")] or sorted(p.stem for p in MARKED.glob("*.txt"))
    failed = False
    for doc in ids:
        src = MARKED / f"{doc}.txt"
        plain, mentions = parse(src.read_text(encoding="utf-8"), str(src.relative_to(ROOT)))
        for w in lint(plain, mentions, doc):
            print("warning:", w, file=sys.stderr)
        targets = {ROOT / "corpus" / f"{doc}.txt": plain, ROOT / "gold" / f"{doc}.csv": gold_csv(mentions)}
        for path, content in targets.items():
            if check:
                if not path.exists() or path.read_text(encoding="utf-8") != content:
                    print(f"{path.relative_to(ROOT)} differs from {src.relative_to(ROOT)}", file=sys.stderr)
                    failed = True
            else:
                path.write_text(content, encoding="utf-8")
        words = len(plain.split())
        print(f"{doc}: {words} words, {len(mentions)} gold rows")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
