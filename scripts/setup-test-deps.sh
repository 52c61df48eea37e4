#!/usr/bin/env bash
# Install what kashif's tests need besides the Rust toolchain, on a fresh
# Debian machine (as root, as CI runs; sudo otherwise). Idempotent and quiet:
# it does nothing when everything is there.
#   chromium  tests/report_browser.rs opens the HTML report in headless Chromium
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    log="$(mktemp)"
    echo "setup-test-deps: installing ${missing[*]} (Debian packages)"
    if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"; } >"$log" 2>&1; then
        cat "$log" >&2
        echo "setup-test-deps: could not install ${missing[*]}" >&2
        exit 1
    fi
    rm -f "$log"
fi
