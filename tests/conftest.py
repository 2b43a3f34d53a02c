"""Shared fixtures: where the gold data lives, and the expensive objects built once per session."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# Tests never read or write the user's own knowledge base, cache or model choice.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="onrecord-tests-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)
for _name in ("ONRECORD_DB", "ONRECORD_MODEL", "DISCORD_TOKEN"):
    os.environ.pop(_name, None)

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
