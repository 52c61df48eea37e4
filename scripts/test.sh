#!/usr/bin/env bash
# The project's test command: install the test dependencies
# (scripts/setup-test-deps.sh), then run the whole test suite: the Rust
# tests, the pipeline bench's answer check, then the Python package's. For a quick loop while editing,
# `cargo test --release` (or one `--test NAME`) is enough once the
# dependencies are installed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-deps.sh
cargo test --release
# The pipeline bench checks its own answers before timing (the seed article's
# counts and the hash of its JSONL output, pinned in benches/expected.json);
# `--test` runs each bench once, so a stale pin or a wrong fast path fails here
# rather than only when someone benchmarks (the pins had gone stale unseen).
cargo bench --bench pipeline -- --test

# --- Python package (python/, issue #17) ------------------------------------
# Build the wheel (it shares target/ with the crate, so only kashif and the
# binding compile again), install it with its spacy and spark extras, and
# run pytest, which compares the package with target/release/kashif.
venv="${KASHIF_VENV:-$PWD/python/.venv}"
cargo build --release --bin kashif
rm -rf target/wheels
(cd python && CARGO_TARGET_DIR=../target "$venv/bin/maturin" build --release --quiet \
    --interpreter "$venv/bin/python" --out ../target/wheels)
wheel="$(ls target/wheels/kashif-*.whl)"
"$venv/bin/python" -m pip install -q --disable-pip-version-check "$wheel[spacy,spark,test]"
"$venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$wheel"
"$venv/bin/python" -m pytest -q python/tests
