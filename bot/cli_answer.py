"""``onrecord ask`` and ``onrecord eval``: answering questions, and measuring the answers."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``ask`` and ``eval`` subcommands."""
