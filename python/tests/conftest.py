"""Shared fixtures: the repository paths, the CLI binary the Python package is
compared with, and one loaded Extractor."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import kashif

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
GOLD = REPO / "gold"


def cli_path() -> Path:
    """The `kashif` binary: $KASHIF_BIN, else the repository's release build."""
    return Path(os.environ.get("KASHIF_BIN", REPO / "target" / "release" / "kashif"))


@pytest.fixture(scope="session")
def cli() -> Path:
    path = cli_path()
    if not path.is_file():
        pytest.fail(f"{path} is missing: build the CLI first (cargo build --release) or set KASHIF_BIN")
    return path


def run_cli(cli: Path, *args: str, stdin: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([str(cli), *args], input=stdin, capture_output=True, check=check, cwd=REPO)


@pytest.fixture(scope="session")
def extractor() -> kashif.Extractor:
    return kashif.Extractor()


def read_document(path: Path) -> str:
    """A document as the CLI reads it: a BOM is not text, CRLF stays (no newline translation)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return f.read()


def corpus_documents() -> list[tuple[str, str]]:
    """(id, text) of every corpus/*.txt, read as the CLI reads it (a BOM is not text)."""
    docs = [(p.stem, read_document(p)) for p in sorted(CORPUS.glob("*.txt"))]
    assert docs, f"no documents in {CORPUS}"
    return docs


def jsonl_line(mention: dict) -> str:
    """A mention dict as the CLI writes it: compact JSON, non-ASCII kept."""
    import json

    return json.dumps(mention, ensure_ascii=False, separators=(",", ":"))
