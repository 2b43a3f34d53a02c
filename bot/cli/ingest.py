"""``onrecord ingest``, ``onrecord remove`` and ``onrecord bench``: building the knowledge base and timing it."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from retrieval.embedding import MODEL_ENV
from retrieval.store import DB_ENV, collection_name, default_db_path

from ..errors import UserError


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
        help=f"knowledge base file (default: ${DB_ENV}, else $XDG_CACHE_HOME/onrecord/knowledge.sqlite, "
        "with ~/.cache for $XDG_CACHE_HOME)",
    )
    ingest.add_argument(
        "--model",
        metavar="NAME",
        help=f"sentence-transformers model name (in the local cache) or directory (default: ${MODEL_ENV}, "
        "else the bundled all-MiniLM-L6-v2)",
    )
    ingest.add_argument(
        "--collection",
        metavar="NAME",
        help="add the articles to this collection (the bot answers a Discord server from the global articles and "
        "the collection named by the server's id); without it they are global, seen from every collection and "
        "direct messages. An article id is unique within its collection",
    )
    ingest.add_argument(
        "--rebuild",
        action="store_true",
        help="replace the knowledge base with exactly these articles (also for one written by another "
        "model or version of onrecord); stored embeddings of unchanged text are reused",
    )
    ingest.set_defaults(func=run_ingest)

    remove = subparsers.add_parser(
        "remove",
        help="remove an article from the knowledge base",
        description=(
            "Delete one article, by id, from the knowledge base: its paragraphs, quotations, speakers and the "
            "embeddings no other article uses, in one transaction. Running bots on the same file stop answering "
            "from it within a few seconds."
        ),
    )
    remove.add_argument("article", metavar="ARTICLE_ID", help="the article's id (its file name without the suffix)")
    remove.add_argument("--collection", metavar="NAME", help="the collection holding it (default: the global articles)")
    remove.add_argument(
        "--db", metavar="FILE", type=Path, help=f"knowledge base file (default: ${DB_ENV}, as for ingest)"
    )
    remove.add_argument(
        "--model", metavar="NAME", help="embedding model the knowledge base was built with (as for ingest)"
    )
    remove.set_defaults(func=run_remove)

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
        "--passages",
        type=int,
        default=100_000,
        metavar="N",
        help="passages in the synthetic knowledge base (default 100000)",
    )
    bench.add_argument(
        "--questions", type=int, default=200, metavar="N", help="timed questions per measurement (default 200)"
    )
    bench.add_argument("--model", metavar="NAME", help="embedding model (as for ingest)")
    bench.add_argument(
        "--read",
        nargs="+",
        default=[],
        metavar="ARTICLE",
        help="also time reading these article files against embedding them (the bundled article always is)",
    )
    bench.set_defaults(func=run_bench)


def run_ingest(args: argparse.Namespace) -> int:
    """Ingest the articles and print a one-line summary."""
    from retrieval.embedding import get_embedder
    from retrieval.store import KnowledgeBase

    db = (args.db if args.db is not None else default_db_path()).expanduser()
    if args.rebuild and args.collection is not None:
        raise UserError(
            "--rebuild replaces every collection of the knowledge base; add to a collection without --rebuild"
        )
    collection = collection_name(args.collection)
    progress = sys.stderr.isatty()
    embedder = get_embedder(args.model)
    if args.rebuild:
        report = KnowledgeBase.rebuild(db, args.paths, embedder, progress=progress)
    else:
        created = not db.exists()
        try:
            with KnowledgeBase.open(db, embedder) as kb:
                report = kb.ingest(args.paths, collection=collection, progress=progress)
        except BaseException:
            # A failed first ingest leaves no empty knowledge base behind.
            if created:
                for leftover in (db, db.with_name(db.name + "-journal")):
                    leftover.unlink(missing_ok=True)
            raise
    where = f"{db}" if collection is None else f"{db} (collection {collection})"
    print(f"{where}: {report.summary()}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Remove one article and say so; an article that is not there is an error."""
    from retrieval.embedding import get_embedder
    from retrieval.store import KnowledgeBase

    db = (args.db if args.db is not None else default_db_path()).expanduser()
    collection = collection_name(args.collection)
    where = "the global articles" if collection is None else f"collection {collection}"
    with KnowledgeBase.open(db, get_embedder(args.model), create=False) as kb:
        if not kb.remove(args.article, collection=collection):
            held = ", ".join(a.id for a in kb.articles_in(collection)[:5]) or "none"
            raise UserError(f"no article {args.article!r} in {where} of {db} (articles there: {held})")
    print(f"{db}: removed article {args.article!r} from {where}")
    return 0


def run_bench(args: argparse.Namespace) -> int:
    """Run the benchmark and print a table (or JSON)."""
    from rich.console import Console

    from retrieval import benchmark

    if args.passages < 1 or args.questions < 1:
        raise UserError("--passages and --questions must be at least 1")
    read = [Path(name) for name in args.read]
    for path in read:
        if not path.is_file():
            raise UserError(f"{path}: no such article file")
    # bm25s sets its own logger to DEBUG, which would print a line per index built.
    logging.getLogger("bm25s").setLevel(max(logging.WARNING, logging.getLogger().level))
    status = Console(stderr=True)
    with status.status("benchmark") as spinner:
        figures = benchmark.run(
            passages=args.passages,
            questions=args.questions,
            model=args.model,
            read_articles=read,
            stage=lambda message: spinner.update(f"bench: {message}"),
        )
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print_bench(figures)
    return 0


def print_bench(figures: dict) -> None:
    """Print the benchmark figures as tables."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(
        title=f"onrecord bench: {figures['model']} on {figures['cpus']} CPUs ({figures['torch_threads']} threads)"
    )
    table.add_column("measurement")
    for name in ("bundled article", "synthetic"):
        table.add_column(name, justify="right")
    small, large = figures["small"], figures["large"]

    def both(label: str, get) -> None:
        table.add_row(label, *(_show(get(side)) for side in (small, large)))

    both("passages", lambda s: s["passages"])
    both("articles", lambda s: s["articles"])
    both("index load (s)", lambda s: s["load_seconds"])
    both("texts embedded on load", lambda s: s["embedded_on_open"])
    both("query embedding p50 / p99 (ms)", lambda s: _pair(s["embed_query_ms"]))
    both("full float32 scan, top 10, p50 / p99 (ms)", lambda s: _pair(s["vector_search_ms"]))
    both("KnowledgeBase.nearest, top 10, p50 / p99 (ms)", lambda s: _pair(s.get("nearest_ms")))
    both("ask p50 / p99 (ms)", lambda s: _pair(s.get("ask_ms")))
    both("ask p50 / embedding p50", lambda s: s.get("ask_over_embed_p50"))
    both("first ask incl. index build (s)", lambda s: s.get("first_ask_seconds"))
    console.print(table)

    ingest = Table(title="ingest throughput")
    for column in ("what", "passages", "embedded", "seconds", "passages/s"):
        ingest.add_column(column, justify="left" if column == "what" else "right")
    for key, label in (
        ("ingest_bundled", "bundled article file (read, parse, embed, store)"),
        ("ingest_embedding", "synthetic articles (embed, store)"),
        ("ingest_store_only", "synthetic articles, random vectors (store only)"),
    ):
        row = figures[key]
        ingest.add_row(label, *(_show(row[c]) for c in ("passages", "embedded", "seconds", "passages_per_second")))
    console.print(ingest)

    reading = figures["read_vs_embed"]
    read_table = Table(title="reading an article (extraction, attribution) against embedding it")
    for column in ("article", "words", "passages", "read (s)", "embed (s)"):
        read_table.add_column(column, justify="left" if column == "article" else "right")
    for row in reading["articles"]:
        read_table.add_row(
            row["article"], *(_show(row[c]) for c in ("words", "passages", "read_seconds", "embed_seconds"))
        )
    read_table.add_row("all", "", "", _show(reading["read_seconds"]), _show(reading["embed_seconds"]))
    console.print(read_table)

    targets = Table(title="targets: ask time in query embeddings, and nothing embedded on open")
    for column in ("target", "limit", "measured", ""):
        targets.add_column(column)
    labels = {
        "ask_p50_small": "ask p50 / query embedding p50, bundled article",
        "ask_p50_large": "ask p50 / query embedding p50, synthetic",
        "no_embedding_on_open": "texts embedded when opening a stored knowledge base",
        "read_not_slower_than_embedding": "reading time / embedding time, the articles read",
    }
    for key, target in figures["targets"].items():
        targets.add_row(
            labels.get(key, key), _show(target["limit"]), _show(target["value"]), "ok" if target["ok"] else "MISSED"
        )
    console.print(targets)
    console.print(
        f"knowledge base file {figures['db_megabytes']} MB; peak memory {figures['peak_rss_megabytes']} MB; "
        f"model load {figures['model_load_seconds']} s; total {figures['seconds']} s"
    )
    loads = [figures.get("load_average_before"), small.get("load_average"), large.get("load_average")]
    busiest = max((x for x in loads if x is not None), default=None)
    if busiest is not None and busiest > figures["cpus"]:
        console.print(
            f"[yellow]warning:[/] load average reached {busiest} on {figures['cpus']} CPUs: other processes "
            "skewed these timings; run again on an idle machine"
        )


def _pair(value: dict | None) -> str:
    return "-" if not value else f"{value['p50']:.1f} / {value['p99']:.1f}"


def _show(value) -> str:
    return "-" if value is None else str(value)
