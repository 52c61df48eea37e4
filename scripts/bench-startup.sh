#!/usr/bin/env bash
# Start-up of a whole `kashif extract` process: one short JSONL document,
# run RUNS times, and (with KASHIF_BASE=/path/to/old/kashif) an older binary
# interleaved in the same runs, so the comparison survives a shared, noisy
# machine. Prints the median wall and CPU (user + system) milliseconds and
# the peak RSS of each binary.
#
#   bash scripts/bench-startup.sh [RUNS]                       # default 40
#   KASHIF_BASE=/tmp/kashif-base bash scripts/bench-startup.sh 40
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-40}"
cargo build --release --quiet
exec python3 - "$RUNS" target/release/kashif ${KASHIF_BASE:+"$KASHIF_BASE"} <<'PY'
import os, resource, statistics, subprocess, sys, tempfile, time

runs, binaries = int(sys.argv[1]), sys.argv[2:]
doc = '{"id":"one","text":"قال الرئيس محمد علي في القاهرة يوم 5 مايو 2015 إن 3 ملايين دولار"}\n'
with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
    f.write(doc)
wall = {b: [] for b in binaries}
cpu = {b: [] for b in binaries}
rss = {b: [] for b in binaries}
outputs = {}
for _ in range(runs):
    for b in binaries:
        with tempfile.TemporaryFile() as out:
            t0 = time.perf_counter()
            child = subprocess.Popen([b, "extract", "--input-format", "jsonl", f.name], stdout=out)
            _, status, usage = os.wait4(child.pid, 0)
            wall[b].append((time.perf_counter() - t0) * 1e3)
            child.returncode = os.waitstatus_to_exitcode(status)
            if child.returncode != 0:
                sys.exit(f"{b} exited with {child.returncode}")
            cpu[b].append((usage.ru_utime + usage.ru_stime) * 1e3)
            rss[b].append(usage.ru_maxrss / 1024)
            out.seek(0)
            outputs.setdefault(b, out.read())
os.unlink(f.name)
print(f"{runs} runs each, interleaved; one document of {len(doc.encode())} bytes")
print(f"{'binary':40} {'wall ms':>8} {'cpu ms':>8} {'RSS MiB':>8}")
for b in binaries:
    print(f"{b:40} {statistics.median(wall[b]):8.1f} {statistics.median(cpu[b]):8.1f} "
          f"{statistics.median(rss[b]):8.1f}")
if len(binaries) == 2:
    new, old = binaries
    print(f"new/old wall {statistics.median(wall[new]) / statistics.median(wall[old]):.3f}, "
          f"cpu {statistics.median(cpu[new]) / statistics.median(cpu[old]):.3f}")
    if outputs[new] != outputs[old]:
        print("note: the two binaries print different output for the document")
PY
