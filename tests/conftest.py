"""Shared fixtures: where the gold data lives, and the expensive objects built once per session."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (CI lays a copy there too); ONRECORD_SHARED overrides.
SHARED = Path(os.environ.get("ONRECORD_SHARED", REPO.parent / "shared"))
DEV_DIR = SHARED / "dev"
SEED_DIR = SHARED / "seed"
DATA_DIR = Path(__file__).resolve().parent / "data"


def dev_articles() -> list[Path]:
    """Return the dev articles' .txt paths (each has .html, .quotes.json and .qa.json beside it)."""
    return sorted(DEV_DIR.glob("*.txt"))


def load_gold(path: Path) -> dict:
    """Return the gold quotes file for an article path (.txt or .html)."""
    return json.loads(path.with_name(path.name.rsplit(".", 1)[0] + ".quotes.json").read_text())


requires_shared = pytest.mark.skipif(not DEV_DIR.is_dir(), reason=f"no gold data at {DEV_DIR}")
