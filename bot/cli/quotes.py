"""``onrecord quotes`` and ``onrecord speakers``: what the knowledge layer finds in one article."""

from __future__ import annotations

import argparse
import json

from knowledge import Article, load_article


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``quotes`` and ``speakers`` subcommands."""
    for name, func, help_text in (
        ("quotes", _quotes, "list every quotation in an article with its speaker and paragraph"),
        ("speakers", _speakers, "list the people quoted in an article, and those only mentioned"),
    ):
        parser = subparsers.add_parser(name, help=help_text, description=help_text)
        parser.add_argument(
            "path",
            nargs="?",
            metavar="PATH",
            help="an article as plain text or a saved HTML page (default: the bundled article)",
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object (the documented contract)")
        parser.set_defaults(func=func)


def _print_json(article: Article) -> None:
    print(json.dumps(article.to_json(), ensure_ascii=False, indent=2))


def _heading(article: Article) -> str:
    parts = [article.title or article.id]
    parts += [p for p in (article.source, article.date) if p]
    return " · ".join(parts)


def _quotes(args: argparse.Namespace) -> int:
    article = load_article(args.path)
    if args.json:
        _print_json(article)
        return 0
    print(_heading(article))
    print(f"{len(article.quotes)} quotations\n")
    for quote in article.quotes:
        where = ", ".join(str(i + 1) for i in quote.paragraphs)
        speaker = quote.speaker or "(unattributed)"
        detail = quote.cue or (f"repeats {quote.repeats}" if quote.repeats else None)
        print(f"{quote.id} [¶{where}] {speaker} ({quote.kind}{', ' + detail if detail else ''})")
        for line in quote.text.split("\n"):
            print(f"    “{line}”")
    return 0


def _speakers(args: argparse.Namespace) -> int:
    article = load_article(args.path)
    if args.json:
        _print_json(article)
        return 0
    data = article.to_json()
    print(_heading(article))
    print("Quoted:")
    for speaker in data["speakers"]:
        role = f", {speaker['role']}" if speaker["role"] else ""
        aliases = "; ".join(speaker["aliases"])
        count = f"{speaker['quotes']} quotation{'' if speaker['quotes'] == 1 else 's'}"
        print(f"  {speaker['name']}{role}: {count}" + (f" (as: {aliases})" if aliases else ""))
    if data["mentions"]:
        print("Mentioned, never quoted:")
        for mention in data["mentions"]:
            role = f", {mention['role']}" if mention["role"] else ""
            print(f"  {mention['name']}{role}")
    return 0
