"""The generated rule files are what their scripts make today.

`scripts/build_lexicons.py`, then `scripts/learn_wikifane.py`, `scripts/learn_name_likeness.py`,
`scripts/build_geonames.py`, `scripts/learn_lone_names.py`,
`scripts/learn_anercorp_events.py`, `scripts/learn_anercorp_org_heads.py` and
`scripts/build_wikifane_profile.py` derive the
files marked "generated" under `rules/` from `../shared` and the curated
files. They are run on a copy of `rules/` and `scripts/` (beside a link to the
real `../shared`, where the scripts look for it), and every file they write
must equal the committed one: a curated edit that was not followed by a
rebuild, or a script change whose output was not committed, turns this red.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, cli_path

SHARED = REPO.parent / "shared"
SCRIPTS = ["build_lexicons.py", "learn_wikifane.py", "learn_name_likeness.py", "build_geonames.py",
           "learn_lone_names.py", "learn_anercorp_events.py",
           "learn_anercorp_org_heads.py", "build_wikifane_profile.py"]


def test_generated_rule_files_match_their_scripts(tmp_path: Path) -> None:
    assert SHARED.is_dir(), f"{SHARED} is missing: the scripts derive from ../shared"
    (tmp_path / "shared").symlink_to(SHARED)
    copy = tmp_path / "repo"
    shutil.copytree(REPO / "rules", copy / "rules")
    shutil.copytree(REPO / "scripts", copy / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    env = dict(os.environ, KASHIF_BIN=str(cli_path()))
    for script in SCRIPTS:
        run = subprocess.run([sys.executable, str(copy / "scripts" / script)], cwd=copy,
                             env=env, capture_output=True, text=True)
        assert run.returncode == 0, f"{script} failed:\n{run.stderr}"
    stale = []
    for path in sorted((REPO / "rules").rglob("*")):
        if path.is_file():
            relative = path.relative_to(REPO)
            if not filecmp.cmp(path, copy / relative, shallow=False):
                stale.append(str(relative))
    assert not stale, (
        "rule files differ from what their scripts generate (run "
        f"{' then '.join('scripts/' + s for s in SCRIPTS)} and commit): {stale}")
