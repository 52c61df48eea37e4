"""The generated rule files are what their scripts make today.

`scripts/regenerate_rules.py` runs the generators (its GENERATORS list, in
order) that derive the files marked "generated" under `rules/` from
`../shared` and the curated files. They are run on a copy of `rules/` and
`scripts/` (beside a link to the real `../shared`, where the scripts look for
it), and every file they write must equal the committed one: a curated edit
that was not followed by a rebuild, or a script change whose output was not
committed, turns this red.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import sys
from pathlib import Path

from conftest import REPO, cli_path

sys.path.insert(0, str(REPO / "scripts"))
from regenerate_rules import GENERATORS, regenerate  # noqa: E402

SHARED = REPO.parent / "shared"


def test_generated_rule_files_match_their_scripts(tmp_path: Path) -> None:
    assert SHARED.is_dir(), f"{SHARED} is missing: the scripts derive from ../shared"
    (tmp_path / "shared").symlink_to(SHARED)
    copy = tmp_path / "repo"
    shutil.copytree(REPO / "rules", copy / "rules")
    shutil.copytree(REPO / "scripts", copy / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    env = dict(os.environ, KASHIF_BIN=str(cli_path()))
    failures = regenerate(copy / "scripts", env)
    assert not failures, failures[0]
    stale = []
    for path in sorted((REPO / "rules").rglob("*")):
        if path.is_file():
            relative = path.relative_to(REPO)
            if not filecmp.cmp(path, copy / relative, shallow=False):
                stale.append(str(relative))
    assert not stale, (
        "rule files differ from what their scripts generate (run scripts/regenerate_rules.py, "
        f"which runs {', '.join(GENERATORS)}, and commit): {stale}")
