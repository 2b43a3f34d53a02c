"""``onrecord ask`` and ``onrecord eval``: answering questions, and measuring the answers."""

from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path

from bot.render import not_quoted_line
from knowledge.scoring import QuoteScore, score_quotes_file
from retrieval import Answer, Answerer, RetrievalError
from retrieval.store import collection_name

ASK_HELP = "answer a question with verbatim, attributed passages (questions from stdin when none is given)"
EVAL_HELP = "measure answering on gold question files (*.qa.json) and quotation files (*.quotes.json)"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``ask`` and ``eval`` subcommands."""
    ask = subparsers.add_parser(
        "ask",
        help=ASK_HELP,
        description=ASK_HELP + ". Without --db or --knowledge it answers from $ONRECORD_DB when set, else from "
        "the default knowledge base (the bundled article on first use).",
    )
    ask.add_argument("question", nargs="?", metavar="QUESTION", help='e.g. "what did Healey say about talks?"')
    source = ask.add_mutually_exclusive_group()
    source.add_argument("--db", metavar="FILE", help="the knowledge base file to answer from (made by onrecord ingest)")
    source.add_argument(
        "--knowledge", nargs="+", metavar="PATH", help="answer from exactly these articles (files or folders)"
    )
    ask.add_argument("-k", type=int, default=3, metavar="N", help="at most N passages per answer (default 3)")
    ask.add_argument("--article", metavar="ID", help="answer from this article only")
    ask.add_argument(
        "--collection",
        metavar="NAME",
        help="answer from the global articles and this collection's (as the bot answers the Discord server whose "
        "id it is); default: the global articles only",
    )
    ask.add_argument("--model", metavar="NAME", help="embedding model (default: the bundled all-MiniLM-L6-v2)")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON (JSON Lines for stdin questions)")
    ask.set_defaults(func=_ask)

    evaluate = subparsers.add_parser("eval", help=EVAL_HELP, description=EVAL_HELP + ".")
    evaluate.add_argument(
        "files", nargs="+", metavar="FILE", help="*.qa.json question files and/or *.quotes.json gold files"
    )
    evaluate.add_argument("-k", type=int, default=3, metavar="N", help="passages per answer (default 3)")
    evaluate.add_argument("--model", metavar="NAME", help="embedding model (default: the bundled all-MiniLM-L6-v2)")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.add_argument("-v", "--show", action="store_true", help="list every question that missed")
    evaluate.set_defaults(func=_eval)


# -- ask ---------------------------------------------------------------------------------


def _ask(args: argparse.Namespace) -> int:
    if args.k < 1:
        raise RetrievalError("-k must be at least 1")
    if args.collection is not None and args.knowledge:
        raise RetrievalError("--knowledge articles belong to no collection; give --collection with --db (or neither)")
    collection = collection_name(args.collection)
    if args.question is None and args.knowledge and len(args.knowledge) > 1 and not Path(args.knowledge[-1]).exists():
        # "--knowledge a.txt 'what did X say?'": the question written after the paths, which --knowledge took in
        *args.knowledge, args.question = args.knowledge
    answerer = Answerer.open(db=args.db, knowledge=args.knowledge, model=args.model)
    if args.question is not None:
        answer = answerer.ask(args.question, k=args.k, article=args.article, collection=collection)
        _print_answer(answer, args.json)
        return 0
    status = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = answerer.ask(line, k=args.k, article=args.article, collection=collection)
        except RetrievalError as error:
            # One bad line must not stop the rest; say which line, as the single-question mode would.
            status = 1
            if args.json:
                print(json.dumps({"question": line.rstrip("\n"), "error": str(error)}, ensure_ascii=False), flush=True)
            else:
                print(f"onrecord: {error}", file=sys.stderr)
            continue
        _print_answer(answer, args.json, lines=True)
    return status


def _print_answer(answer: Answer, as_json: bool, *, lines: bool = False) -> None:
    if as_json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=None if lines else 2), flush=True)
        return
    print(render_answer(answer), flush=True)


def render_answer(answer: Answer) -> str:
    """Return the answer as terminal text: speaker and role, the passage, its source line."""
    out = [f"Q: {answer.question}"]
    if answer.no_answer:
        out.append(f"  {answer.message or 'No good answer in the knowledge base.'}")
        for passage in answer.mentioned_in:
            out.append(f"  ¶{passage.paragraphs[0] + 1}: {passage.text}")
        if answer.suggestions:
            out.append(f"  Did you mean: {', '.join(answer.suggestions)}?")
        return "\n".join(out) + "\n"
    for n, passage in enumerate(answer.answers, start=1):
        who = passage.speaker or "(from the article)"
        if passage.role:
            who += f", {passage.role}"
        out.append(f"{n}. {who}")
        note = not_quoted_line(passage)
        if note:
            out.append(f"   ({note})")
        for line in passage.text.split("\n"):
            out.append(f"   “{line}”" if passage.kind == "quote" else f"   {line}")
        title = passage.article.title or passage.article.id
        date = f", {passage.article.date}" if passage.article.date else ""
        where = ", ".join(str(p + 1) for p in passage.paragraphs)
        out.append(f"   — {title}{date}, ¶{where} (score {passage.score:.2f})")
    return "\n".join(out) + "\n"


# -- eval --------------------------------------------------------------------------------


def _eval(args: argparse.Namespace) -> int:
    from retrieval.embedding import get_embedder
    from retrieval.evaluation import load_question_file, run_question_file, summarise
    from retrieval.store import KnowledgeBase

    qa_files = [Path(f) for f in args.files if not f.endswith(".quotes.json")]
    quote_files = [Path(f) for f in args.files if f.endswith(".quotes.json")]
    report: dict = {"articles": [], "overall": None, "attribution": []}
    total = None
    everything = []
    if qa_files:
        embedder = get_embedder(args.model)
        for path in qa_files:
            questions = load_question_file(path)
            with KnowledgeBase.in_memory([questions.article], embedder) as kb:
                answerer = Answerer(kb, embedder)
                results = run_question_file(questions, functools.partial(answerer.ask, k=args.k))
            everything += results
            scores = summarise(results)
            report["articles"].append(
                {"file": str(path), "article": questions.article.name, **scores.to_json(), "misses": _misses(results)}
            )
        report["overall"] = summarise(everything).to_json()
    for path in quote_files:
        score = _quote_score(path)
        report["attribution"].append({"file": str(path), **_score_figures(score)})
        total = score if total is None else total + score
    if total is not None:
        report["attribution_overall"] = _score_figures(total)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    _print_eval(report, args.show)
    return 0


def _misses(results) -> list[dict]:
    out = []
    for r in results:
        wrong = not r.no_answer_ok or (r.case.kind == "answer" and (r.rank != 1 or r.speaker_ok is False))
        if not wrong:
            continue
        answer = r.answer
        top = answer.answers[0] if answer and answer.answers else None
        out.append(
            {
                "q": r.case.q,
                "kind": r.case.kind,
                "rank": r.rank,
                "no_answer": answer.no_answer if answer else None,
                "top": top.text[:120] if top else (answer.message if answer else r.error),
                "top_speaker": top.speaker if top else None,
            }
        )
    return out


def _quote_score(path: Path) -> QuoteScore:
    try:
        return score_quotes_file(path)
    except (OSError, ValueError) as error:
        raise RetrievalError(f"{path}: not a readable quotations file ({error})") from None


def _score_figures(score: QuoteScore) -> dict:
    """Precision, recall and speaker accuracy, and speaker accuracy by kind of source where the gold gives kinds."""
    figures: dict = {f: round(float(getattr(score, f)), 4) for f in ("precision", "recall", "speaker_accuracy")}
    by_kind = score.speaker_accuracy_by_kind()
    if by_kind:
        figures["by_kind"] = {kind: {"speaker_accuracy": round(a, 4), "matched": n} for kind, (a, n) in by_kind.items()}
    return figures


COLUMNS = (
    ("hit_at_1", "hit@1"),
    ("hit_at_3", "hit@3"),
    ("mrr", "MRR"),
    ("speaker_accuracy", "speaker"),
    ("no_answer_accuracy", "no-answer"),
)


def _print_eval(report: dict, show: bool) -> None:
    if report["articles"]:
        width = max(len(a["article"]) for a in report["articles"] + [{"article": "overall"}])
        header = f"{'article':<{width}}  {'cases':>5}  " + "  ".join(f"{label:>9}" for _, label in COLUMNS)
        print(header)
        print("-" * len(header))
        rows = report["articles"] + [{"article": "overall", **report["overall"]}]
        for row in rows:
            if row["article"] == "overall":
                print("-" * len(header))
            print(
                f"{row['article']:<{width}}  {row['cases']:>5}  " + "  ".join(f"{row[key]:>9.3f}" for key, _ in COLUMNS)
            )
        if show:
            for row in report["articles"]:
                for miss in row["misses"]:
                    print(f"\n[{row['article']}] {miss['q']} ({miss['kind']}, rank {miss['rank']})")
                    print(f"    got: {miss['top_speaker'] or '-'}: {miss['top']}")
    if report["attribution"]:
        if report["articles"]:
            print()
        width = max(len(Path(a["file"]).name) for a in report["attribution"])
        print(f"{'quotes file':<{width}}  {'precision':>9}  {'recall':>9}  {'speaker':>9}")
        rows = [(Path(row["file"]).name, row) for row in report["attribution"]]
        if len(rows) > 1:
            rows.append(("overall", report["attribution_overall"]))
        for name, row in rows:
            values = "  ".join(f"{row.get(k, float('nan')):>9.3f}" for k in ("precision", "recall", "speaker_accuracy"))
            print(f"{name:<{width}}  {values}")
        by_kind = report["attribution_overall"].get("by_kind")
        if by_kind:
            print(
                "speaker accuracy by kind of source: "
                + ", ".join(f"{kind} {v['speaker_accuracy']:.3f} (n={v['matched']})" for kind, v in by_kind.items())
            )
