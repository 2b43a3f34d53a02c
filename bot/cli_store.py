"""``onrecord ingest`` and ``onrecord bench``: building the knowledge base and timing it."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``ingest`` and ``bench`` subcommands."""
