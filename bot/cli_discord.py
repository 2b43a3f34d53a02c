"""``onrecord serve``, ``onrecord sync`` and ``onrecord chat``: the Discord bot and its local harness."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``serve``, ``sync`` and ``chat`` subcommands."""
