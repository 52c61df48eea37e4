#!/usr/bin/env bash
# A short coverage-guided run of every fuzz target on a copy of its committed
# seeds (default 30 s each): catches a harness that no longer builds or a
# crash the seeds alone do not reach. Needs the nightly toolchain and
# cargo-fuzz (`cargo install cargo-fuzz`); without them it says so and exits 0,
# because `cargo test` already replays every seed on stable
# (tests/hardening_fuzz_seeds.rs). Not called by .ci/run: the first build of
# the instrumented targets takes many minutes. See docs/reliability.md.
#
#   scripts/fuzz-smoke.sh            # every target, 30 s each
#   scripts/fuzz-smoke.sh 600 extract  # one target, 10 minutes
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(tokenize extract gold_import rule_files jsonl_input)
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz-smoke: nightly or cargo-fuzz missing; skipped (the seeds are replayed by cargo test)"
    exit 0
fi
(cd fuzz && nice -n 19 cargo +nightly fuzz build -s none)
for t in "${targets[@]}"; do
    work="fuzz/runs/$t"
    mkdir -p "$work" "fuzz/artifacts/$t"
    echo "fuzz-smoke: $t for ${seconds}s"
    (cd fuzz && nice -n 19 cargo +nightly fuzz run -s none "$t" "runs/$t" "corpus/$t" -- \
        -max_total_time="$seconds" -max_len=8192 -timeout=20 -rss_limit_mb=3072 \
        -print_final_stats=1)
done
