#!/usr/bin/env bash
# Peak memory and time of `kashif extract` on one long document and on a
# long JSONL stream of articles (issue #15: flat memory).
#
#   bash scripts/bench-memory.sh [DOC_MB] [RUNS] [STREAM_MB]   # defaults: 50, 3, 0
#
# DOC_MB: one text document of the corpus articles joined by blank lines
# (corpus/*.txt in order, repeated), extracted with `--threads 1`, RUNS
# times. STREAM_MB (when > 0): a JSONL stream of that many megabytes of
# articles (new ids), generated on the fly into `extract --input-format jsonl -`
# once, so no file of that size is written. Prints wall seconds, peak RSS
# (`/usr/bin/time`'s maximum resident set) and RSS / input size, medians.
#
#   KASHIF_BASE=/tmp/kashif-old bash scripts/bench-memory.sh 50 3
#
# also runs an older binary interleaved in the same runs, checks that both
# write the same bytes, and prints both: the only fair before/after on a
# shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
DOC_MB="${1:-50}"
RUNS="${2:-3}"
STREAM_MB="${3:-0}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
DOC="$WORK/long.txt"

cargo build --release --quiet
KASHIF="$PWD/target/release/kashif"
BASE="${KASHIF_BASE:-}"

# Articles, joined (one document) or as JSONL lines (a stream), to stdout.
articles() {
    python3 scripts/bench_articles.py "$1" "$2"
}

articles doc "$DOC_MB" >"$DOC"
BYTES=$(stat -c %s "$DOC")

# "seconds KB" of one run of kashif on the document; output in $2.
run() {
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$1" extract --threads 1 "$DOC" >"$2"
    cat "$WORK/time"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

: >"$WORK/new" ; : >"$WORK/base"
for _ in $(seq "$RUNS"); do
    run "$KASHIF" "$WORK/new.out" >>"$WORK/new"
    if [ -n "$BASE" ]; then
        RAYON_NUM_THREADS=1 run "$BASE" "$WORK/base.out" >>"$WORK/base"
        cmp -s "$WORK/new.out" "$WORK/base.out" || echo "OUTPUT DIFFERS from $BASE"
    fi
done
report() {
    local secs kb
    secs=$(cut -d' ' -f1 <"$2" | median)
    kb=$(cut -d' ' -f2 <"$2" | median)
    printf '%-6s one %.1f MB document: %.2f s, peak RSS %.0f MB (%.1fx input)\n' \
        "$1" "$(echo "$BYTES / 1000000" | bc -l)" "$secs" "$(echo "$kb / 1000" | bc -l)" \
        "$(echo "$kb * 1000 / $BYTES" | bc -l)"
}
echo "$RUNS runs, medians"
report new "$WORK/new"
[ -n "$BASE" ] && report base "$WORK/base"

if [ "$STREAM_MB" != 0 ]; then
    for bin in "$KASHIF" ${BASE:+"$BASE"}; do
        articles jsonl "$STREAM_MB" |
            RAYON_NUM_THREADS=2 /usr/bin/time -f "%e %M" -o "$WORK/time" \
                "$bin" extract --input-format jsonl - >/dev/null
        read -r secs kb <"$WORK/time"
        printf '%s: %s MB JSONL stream: %.1f s, peak RSS %.0f MB\n' \
            "$bin" "$STREAM_MB" "$secs" "$(echo "$kb / 1000" | bc -l)"
    done
fi
