#!/usr/bin/env bash
# Whole-process speed of `kashif extract` against `LC_ALL=C wc -w` on the same
# ~10 MB JSONL file of articles, measured side by side in one run (the
# machines here are shared and noisy, so only same-run ratios mean anything).
#
#   bash scripts/bench-extract-vs-wc.sh [MB] [RUNS]     # defaults: 10 MB, 5 runs
#
# Builds the file from the corpus articles (corpus/*.txt, repeated with new
# ids), builds kashif in release mode, then alternates wc, extract with 1
# thread and extract with 2 threads RUNS times and prints the median wall
# time of each, MB/s, and the ratios the speed issue (#15) asks for. The
# thread count is set with `extract --threads N`.
#
#   KASHIF_BASE=/tmp/kashif-base bash scripts/bench-extract-vs-wc.sh 10 5
#
# also times an older kashif binary (threads through RAYON_NUM_THREADS, which
# every version honours) interleaved in the same runs and prints new/old
# speed-ups: the only fair before/after on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
MB="${1:-10}"
RUNS="${2:-5}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
INPUT="$WORK/articles.jsonl"

cargo build --release --quiet
KASHIF=target/release/kashif

python3 scripts/bench_articles.py jsonl "$MB" >"$INPUT"
BYTES=$(stat -c %s "$INPUT")

# Wall seconds of one command, output discarded.
wall() {
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc -l
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

: >"$WORK/wc" ; : >"$WORK/t1" ; : >"$WORK/t2" ; : >"$WORK/b1" ; : >"$WORK/b2"
BASE="${KASHIF_BASE:-}"
for _ in $(seq "$RUNS"); do
    wall env LC_ALL=C wc -w "$INPUT" >>"$WORK/wc"
    wall "$KASHIF" extract --threads 1 --input-format jsonl "$INPUT" >>"$WORK/t1"
    wall "$KASHIF" extract --threads 2 --input-format jsonl "$INPUT" >>"$WORK/t2"
    if [ -n "$BASE" ]; then
        wall env RAYON_NUM_THREADS=1 "$BASE" extract --input-format jsonl "$INPUT" >>"$WORK/b1"
        wall env RAYON_NUM_THREADS=2 "$BASE" extract --input-format jsonl "$INPUT" >>"$WORK/b2"
    fi
done
WC=$(median <"$WORK/wc"); T1=$(median <"$WORK/t1"); T2=$(median <"$WORK/t2")
mbs() { echo "scale=1; $BYTES / 1000000 / $1" | bc -l; }
printf 'input            %.1f MB JSONL, %s runs, medians\n' "$(echo "$BYTES / 1000000" | bc -l)" "$RUNS"
printf 'wc -w            %.3f s  %s MB/s\n' "$WC" "$(mbs "$WC")"
printf 'extract 1 thread %.3f s  %s MB/s  %.1fx wc -w (target <= 6x)\n' "$T1" "$(mbs "$T1")" "$(echo "$T1 / $WC" | bc -l)"
printf 'extract 2 threads %.3f s  %s MB/s  %.2fx faster than 1 thread (target >= 1.85x)\n' "$T2" "$(mbs "$T2")" "$(echo "$T1 / $T2" | bc -l)"
if [ -n "$BASE" ]; then
    B1=$(median <"$WORK/b1"); B2=$(median <"$WORK/b2")
    printf 'base 1 thread    %.3f s  %s MB/s  %.1fx wc -w; new is %.2fx faster\n' "$B1" "$(mbs "$B1")" "$(echo "$B1 / $WC" | bc -l)" "$(echo "$B1 / $T1" | bc -l)"
    printf 'base 2 threads   %.3f s  %s MB/s  %.2fx its 1 thread; new is %.2fx faster\n' "$B2" "$(mbs "$B2")" "$(echo "$B1 / $B2" | bc -l)" "$(echo "$B2 / $T2" | bc -l)"
fi
