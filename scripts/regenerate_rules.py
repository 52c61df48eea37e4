#!/usr/bin/env python3
"""Rebuild every generated file under rules/ from ../shared and the curated
tables: the generators run in GENERATORS order, because a script reads what
the ones before it wrote (build_lexicons.py writes the stop words that
learn_media_names.py reads; learn_wikifane.py reads the media cues, and so on).

Run: python3 scripts/regenerate_rules.py   (needs a built kashif, see
scripts/kashif_normalize.py, and the packages of scripts/setup-test-deps.sh).
python/tests/test_generated_rules.py runs the same list on a copy of rules/
and checks that every committed file equals what the scripts write.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPTS_DIR = Path(__file__).resolve().parent

GENERATORS = [
    "build_common_words.py", "build_lexicons.py", "learn_media_names.py",
    "learn_person_cues.py", "learn_product_models.py", "learn_verb_shapes.py",
    "learn_wikifane.py", "learn_name_likeness.py", "build_geonames.py",
    "learn_lone_names.py", "learn_anercorp_events.py", "learn_anercorp_heads.py",
    "build_wikifane_profile.py",
]


def regenerate(scripts_dir: Path = SCRIPTS_DIR, env: dict | None = None) -> list[str]:
    """Run every generator of scripts_dir in order, from its repository root.
    Returns the failures as 'script: stderr' (empty when all succeeded);
    stops at the first failure, since later scripts read its output."""
    for script in GENERATORS:
        run = subprocess.run([sys.executable, str(scripts_dir / script)], cwd=scripts_dir.parent,
                             env=env, capture_output=True, text=True)
        if run.returncode != 0:
            return [f"{script} failed:\n{run.stderr}"]
    return []


if __name__ == "__main__":
    failures = regenerate()
    for failure in failures:
        print(failure, file=sys.stderr)
    if not failures:
        print(f"regenerated rules/ with {len(GENERATORS)} scripts: review `git diff rules/` and commit")
    sys.exit(1 if failures else 0)
