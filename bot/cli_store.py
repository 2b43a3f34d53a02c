"""``onrecord ingest`` and ``onrecord bench``: building the knowledge base and timing it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from retrieval.embedding import MODEL_ENV
from retrieval.store import DB_ENV, default_db_path


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``ingest`` and ``bench`` subcommands."""
    ingest = subparsers.add_parser(
        "ingest",
        help="add articles to the knowledge base",
        description=(
            "Read articles (text or saved HTML pages) and add them to the knowledge base: their paragraphs, "
            "quotations, speakers and embeddings, in one transaction. A folder adds its *.txt, *.htm and *.html "
            "files (not its subfolders; a .txt and .html of the same name are one article, the .txt is read). "
            "Re-ingesting an unchanged article does nothing; a changed one replaces the stored one. "
            "Text already embedded is never embedded again."
        ),
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders of articles")
    ingest.add_argument(
        "--db",
        metavar="FILE",
        type=Path,
        help=f"knowledge base file (default: ${DB_ENV}, else {default_db_path()})",
    )
    ingest.add_argument(
        "--model",
        metavar="NAME",
        help=f"sentence-transformers model name (in the local cache) or directory (default: ${MODEL_ENV}, "
        "else the bundled all-MiniLM-L6-v2)",
    )
    ingest.add_argument(
        "--rebuild",
        action="store_true",
        help="replace the knowledge base with exactly these articles (also for one written by another "
        "model or version of onrecord); stored embeddings of unchanged text are reused",
    )
    ingest.set_defaults(func=run_ingest)

    bench = subparsers.add_parser(
        "bench",
        help="time query embedding, answering, loading and ingest",
        description=(
            "Time, in one process: the bare query embedding and a full answer (p50 and p99 after warm-up), "
            "loading a stored knowledge base, and ingest throughput, on the bundled article and on a synthetic "
            "knowledge base of --passages passages stored in a temporary file."
        ),
    )
    bench.add_argument("--json", action="store_true", help="print the figures as JSON")
    bench.add_argument(
        "--passages", type=int, default=100_000, metavar="N", help="passages in the synthetic knowledge base (default 100000)"
    )
    bench.add_argument("--questions", type=int, default=200, metavar="N", help="timed questions per measurement (default 200)")
    bench.add_argument("--model", metavar="NAME", help="embedding model (as for ingest)")
    bench.set_defaults(func=run_bench)


def run_ingest(args: argparse.Namespace) -> int:
    """Ingest the articles and print a one-line summary."""
    from retrieval.embedding import get_embedder
    from retrieval.store import KnowledgeBase

    db = args.db if args.db is not None else default_db_path()
    progress = sys.stderr.isatty()
    embedder = get_embedder(args.model)
    if args.rebuild:
        report = KnowledgeBase.rebuild(db, args.paths, embedder, progress=progress)
    else:
        with KnowledgeBase.open(db, embedder) as kb:
            report = kb.ingest(args.paths, progress=progress)
    print(f"{db}: {report.summary()}")
    return 0


def run_bench(args: argparse.Namespace) -> int:
    """Run the benchmark and print a table (or JSON)."""
    from bot.bench import print_results, run

    results = run(passages=args.passages, questions=args.questions, model=args.model)
    print_results(results, as_json=args.json)
    return 0
