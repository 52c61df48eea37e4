#!/usr/bin/env bash
# The project's test command: install the test dependencies
# (scripts/setup-test-deps.sh), then run the whole test suite. For a quick
# loop while editing, `cargo test --release` (or one `--test NAME`) is enough
# once the dependencies are installed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-deps.sh
cargo test --release
