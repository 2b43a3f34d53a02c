"""The ``onrecord`` command line: a thin layer over the knowledge and retrieval APIs.

Each group of subcommands lives in its own module and registers itself here; every
user-facing error becomes one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback

from knowledge import KnowledgeError
from retrieval import RetrievalError

from ..errors import UserError
from . import ask, chat, health, ingest, quotes, serve

# Each module's ``register(subparsers)`` adds its parsers and sets ``func`` (called
# with the parsed args, returns an exit code); this order is the order of --help.
SUBCOMMAND_MODULES = (quotes, ingest, ask, serve, health, chat)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="onrecord",
        description="Answer questions about news articles with what people actually said, on the record.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in SUBCOMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except (KnowledgeError, RetrievalError, UserError) as error:
        print(f"onrecord: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug or a broken environment: still one line for the user
        print(
            f"onrecord: unexpected error: {type(error).__name__}: {error}"
            + ("" if args.verbose else " (run with -v for the details)"),
            file=sys.stderr,
        )
        if args.verbose:
            traceback.print_exc()
        return 1


__all__ = ["build_parser", "main"]
