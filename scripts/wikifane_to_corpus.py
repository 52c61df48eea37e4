#!/usr/bin/env python3
"""Turn a run of WikiFANE sentences into a plain-text corpus document.

WikiFANE (Alotaibi and Lee, COLING 2014; CC BY-SA 3.0) stores Arabic
Wikipedia text one `token<TAB>tag` per line, sentences separated by a line
that is empty or holds only a tab, with a BOM, U+200E marks before tokens and
clitics split into their own tokens (`و` `تعتبر`, `مدن` `ها`).  This script
reads the sentences FIRST..LAST (0-based, inclusive, counted in file order)
and writes them back as running text:

- the U+200E/U+200F marks are stripped;
- the clitics of `rules/profiles/wikifane_clitics.csv` (the list the
  `eval --conll --map wikifane` adapter uses too) are joined back: a
  proclitic (`و ف ب ل ك`) to the next word; `ل` before the article drops the article's alef (`ل` `الصين` ->
  `للصين`, `ل` `الليل` -> `لليل`); a proclitic before punctuation stays a word;
- an enclitic pronoun (`ه ها هم هما هن كم نا ي`) to the previous word
  when that is a word (after a number `كم` is the kilometre abbreviation); a lone `ك` is always read as the proclitic (`ك` `ما` ->
  `كما`): the second-person enclitic hardly occurs in Wikipedia text; a host ending in ta marbuta takes `ت` (`عاصمة` `ها` ->
  `عاصمتها`) and one ending in alef maqsura takes `ي` (`على` `ه` -> `عليه`);
- punctuation attaches as in print: no space before `، . : ؛ ? ! ؟ % ) ] »`,
  none after `( [ «`, and straight double quotes alternate open/close;
- every PARA sentences form a paragraph (blank line between paragraphs).

Only sentences from the last 20 % of the file may be used for corpus
documents (the first 80 % are the names helper's learning data); the script
refuses a range that starts before that cut.

Usage: wikifane_to_corpus.py FIRST LAST OUT.txt [--para N] [--wikifane FILE]
       wikifane_to_corpus.py --cut      (print the first held-out sentence index)
"""
import argparse
import csv
import math
import sys
from pathlib import Path

DEFAULT_SOURCE = "../shared/data/wikifane/WikiFANE_Gold_2014_500K.txt"
CLITICS_FILE = Path(__file__).resolve().parent.parent / "rules" / "profiles" / "wikifane_clitics.csv"


def load_clitics(path=CLITICS_FILE):
    """The clitics WikiFANE writes apart, by side, from the rules file."""
    sides = {"proclitic": set(), "enclitic": set()}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(line for line in f if not line.startswith("#")):
            if row["side"] not in sides:
                sys.exit(f"{path}: side {row['side']!r} is neither proclitic nor enclitic")
            sides[row["side"]].add(row["clitic"])
    return sides["proclitic"], sides["enclitic"]


PROCLITICS, ENCLITICS = load_clitics()
NO_SPACE_BEFORE = {"،", ".", ":", "؛", "?", "!", "؟", "%", ")", "]", "»", ","}
NO_SPACE_AFTER = {"(", "[", "«"}
DIRECTION_MARKS = {"\u200e", "\u200f"}


def read_sentences(path):
    """Sentences of the WikiFANE file as lists of (token, tag)."""
    sentences, current = [], []
    with open(path, encoding="utf-8-sig") as f:
        for lineno, line in enumerate(f, 1):
            line = "".join(ch for ch in line.rstrip("\r\n") if ch not in DIRECTION_MARKS)
            if line.strip() == "":
                if current:
                    sentences.append(current)
                    current = []
                continue
            parts = line.split("\t")
            if len(parts) != 2 or not parts[0]:
                sys.exit(f"{path}:{lineno}: expected 'token<TAB>tag', got {line!r}")
            current.append((parts[0], parts[1]))
    if current:
        sentences.append(current)
    return sentences


def held_out_start(sentences):
    """Index of the first sentence of the held-out last 20 %."""
    return math.floor(0.8 * len(sentences))


def is_word(token):
    return any(ch.isalpha() for ch in token)


def is_digits(token):
    return any(ch.isdigit() for ch in token) and not any(ch.isalpha() for ch in token)


def attach_enclitic(host, clitic):
    if host.endswith("ة"):
        host = host[:-1] + "ت"
    elif host.endswith("ى"):
        host = host[:-1] + ("ي" if host in {"على", "الى", "إلى", "لدى", "حتى"} else "ا")
    return host + clitic


def attach_proclitic(clitic, host):
    if clitic == "ل" and host.startswith("الل"):
        return "ل" + host[2:]
    if clitic == "ل" and host.startswith("ال") and len(host) > 2:
        return "ل" + host[1:]
    return clitic + host


def join_words(tokens):
    """Rejoin clitic tokens: a list of printed words (punctuation kept as tokens)."""
    words = []
    pending = []  # proclitics waiting for their host
    for tok in tokens:
        if tok in ENCLITICS and not pending and words and is_word(words[-1]):
            words[-1] = attach_enclitic(words[-1], tok)
            continue
        if tok in PROCLITICS:
            pending.append(tok)
            continue
        if pending and (is_word(tok) or is_digits(tok)):
            host = tok
            for clitic in reversed(pending):
                host = attach_proclitic(clitic, host)
            words.append(host)
            pending = []
            continue
        words.extend(pending)
        pending = []
        words.append(tok)
    words.extend(pending)
    return words


def render_sentence(tokens):
    words = join_words(tokens)
    out = ""
    quote_open = False
    glue_next = False
    for w in words:
        if w == '"':
            if quote_open:
                out += w
                quote_open = False
            else:
                out += ("" if not out or glue_next else " ") + w
                quote_open = True
                glue_next = True
            continue
        if w in NO_SPACE_BEFORE or not out or glue_next:
            out += w
        else:
            out += " " + w
        glue_next = w in NO_SPACE_AFTER
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("first", type=int, nargs="?")
    ap.add_argument("last", type=int, nargs="?")
    ap.add_argument("out", nargs="?")
    ap.add_argument("--para", type=int, default=4, help="sentences per paragraph (default 4)")
    ap.add_argument("--wikifane", default=DEFAULT_SOURCE)
    ap.add_argument("--cut", action="store_true", help="print the held-out start index and exit")
    args = ap.parse_args()
    sentences = read_sentences(args.wikifane)
    cut = held_out_start(sentences)
    if args.cut:
        print(f"{len(sentences)} sentences; held-out last 20 % starts at index {cut}")
        return
    if args.first is None or args.last is None or args.out is None:
        ap.error("FIRST LAST OUT are required")
    if args.first < cut:
        sys.exit(f"sentence {args.first} is in the first 80 % (held-out part starts at {cut})")
    if args.last < args.first or args.last >= len(sentences):
        sys.exit(f"bad range {args.first}..{args.last} (file has {len(sentences)} sentences)")
    rendered = [render_sentence([t for t, _ in sentences[i]]) for i in range(args.first, args.last + 1)]
    paragraphs = [" ".join(rendered[i : i + args.para]) for i in range(0, len(rendered), args.para)]
    text = "\n\n".join(paragraphs) + "\n"
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"{args.out}: sentences {args.first}..{args.last}, {len(text.split())} words")


if __name__ == "__main__":
    main()
