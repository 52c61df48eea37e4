"""kashif's normalizer for the Python scripts: every key is computed by the
`kashif normalize` subcommand (the Rust `kashif::text::key` / `light`), so
the scripts and the engine cannot drift apart.

    from kashif_normalize import Normalizer
    key = Normalizer("key")
    key.prime(all_words)      # one `kashif normalize` run for many strings
    key("أحمد")               # -> "احمد" (cached; a miss runs kashif once)

The binary is `$KASHIF_BIN`, else `target/release/kashif` in the repository
(build it with `cargo build --release`).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def kashif_binary() -> str:
    """The kashif binary the scripts run, or exit naming how to build it."""
    path = os.environ.get("KASHIF_BIN") or str(ROOT / "target" / "release" / "kashif")
    if not os.path.isfile(path):
        sys.exit(f"error: {path} is absent: build kashif first (cargo build --release) "
                 "or set KASHIF_BIN; the scripts normalize text with `kashif normalize`")
    return path


class Normalizer:
    """A cached `kashif normalize --form FORM` (`key` or `light`)."""

    def __init__(self, form: str = "key"):
        self.form = form
        self.binary = kashif_binary()
        self.cache: dict[str, str] = {}

    def prime(self, strings) -> None:
        """Normalize every string not yet cached in one run of kashif."""
        todo = sorted({s for s in strings if s not in self.cache})
        if not todo:
            return
        # One input line per string: kashif prints one output line per line.
        lines = [" ".join(s.splitlines()) for s in todo]
        run = subprocess.run([self.binary, "normalize", "--form", self.form],
                             input="\n".join(lines) + "\n", capture_output=True,
                             text=True, encoding="utf-8", check=False)
        if run.returncode != 0:
            sys.exit(f"error: kashif normalize failed: {run.stderr.strip()}")
        out = run.stdout.split("\n")[: len(todo)]
        if len(out) != len(todo):
            sys.exit(f"error: kashif normalize printed {len(out)} lines for {len(todo)} inputs")
        self.cache.update(zip(todo, out))

    def many(self, strings) -> list[str]:
        """The normal form of each string, in one run of kashif."""
        strings = list(strings)
        self.prime(strings)
        return [self.cache[s] for s in strings]

    def __call__(self, s: str) -> str:
        if s not in self.cache:
            self.prime([s])
        return self.cache[s]
