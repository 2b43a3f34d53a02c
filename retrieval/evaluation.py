"""Measures answering against gold question files (``*.qa.json``): hit@1, hit@3, MRR, speaker and no-answer accuracy.

A question file names its article (relative to the file's folder) and lists cases:
``q`` with ``expect`` phrases (a right passage contains one) and optionally
``speaker`` (the passage must be attributed to them); ``kind: none`` (the right
answer is no answer); ``kind: none_from_speaker`` with ``speaker_absent`` (no
passage may be attributed to that person). Texts are compared after normalising
quotation marks, apostrophes, case and whitespace. Whether a passage's speaker is
a given person is decided by the ``accept`` words of the article's gold
``.quotes.json`` (any of them in the passage's speaker), by default the surname.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.text import normalise_marks

from .records import Answer, Passage, RetrievalError


def normalise(text: str) -> str:
    """Return ``text`` with quotation marks and apostrophes straightened, lowercased, whitespace collapsed."""
    return normalise_marks(text or "")


@dataclass
class Case:
    """One gold question."""

    q: str
    kind: str  # "answer", "none", "none_from_speaker"
    expect: list[str] = field(default_factory=list)
    speaker: str | None = None
    speaker_absent: str | None = None


@dataclass
class QuestionFile:
    """A parsed ``.qa.json`` file: the article it is about and its cases."""

    path: Path
    article: Path
    cases: list[Case]
    accept: dict[str, list[str]]  # canonical speaker -> words that identify them


@dataclass
class CaseResult:
    """How one case went. ``rank`` is the 1-based rank of the first right passage, or None."""

    case: Case
    answer: Answer | None
    rank: int | None = None
    speaker_ok: bool | None = None  # only for cases with a speaker
    no_answer_ok: bool = False
    error: str | None = None


@dataclass
class Scores:
    """The figures for a set of cases."""

    cases: int
    answerable: int
    hit_at_1: float
    hit_at_3: float
    mrr: float
    speaker_accuracy: float
    no_answer_accuracy: float

    def to_json(self) -> dict:
        """Return the figures as a dict (rounded)."""
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def load_question_file(path: str | Path) -> QuestionFile:
    """Return the question file at ``path``; raises RetrievalError when it is missing or malformed."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RetrievalError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RetrievalError(f"{path}: not a readable question file ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list) or not data.get("article"):
        raise RetrievalError(f'{path}: a question file needs "article" and a list of "cases"')
    cases = []
    for raw in data["cases"]:
        if not isinstance(raw, dict) or not isinstance(raw.get("q"), str):
            raise RetrievalError(f'{path}: every case needs a question "q"')
        kind = raw.get("kind") or "answer"
        cases.append(
            Case(
                q=raw["q"],
                kind=kind,
                expect=list(raw.get("expect") or []),
                speaker=raw.get("speaker"),
                speaker_absent=raw.get("speaker_absent"),
            )
        )
    article = (path.parent / data["article"]).resolve()
    return QuestionFile(path, article, cases, _accept_words(article))


def _accept_words(article: Path) -> dict[str, list[str]]:
    gold = article.with_name(article.name.rsplit(".", 1)[0] + ".quotes.json")
    accept: dict[str, list[str]] = {}
    if gold.is_file():
        try:
            speakers = json.loads(gold.read_text(encoding="utf-8")).get("speakers") or {}
        except (OSError, json.JSONDecodeError):
            speakers = {}
        for name, info in speakers.items():
            words = (info or {}).get("accept") if isinstance(info, dict) else None
            if words:
                accept[name] = [normalise(w) for w in words]
    return accept


def attributed_to(passage: Passage, person: str, accept: dict[str, list[str]]) -> bool:
    """Return whether ``passage`` is attributed to ``person`` (by their accept words, default the surname)."""
    if not passage.speaker:
        return False
    words = accept.get(person) or [normalise(person).split()[-1]]
    said_by = normalise(passage.speaker)
    return any(re.search(rf"(?<!\w){re.escape(w)}(?:s|es)?(?!\w)", said_by) for w in words)


def score_case(case: Case, answer: Answer, accept: dict[str, list[str]]) -> CaseResult:
    """Return how ``answer`` does on ``case``."""
    result = CaseResult(case, answer)
    passages = [] if answer.no_answer else answer.answers
    if case.kind == "none":
        result.no_answer_ok = answer.no_answer or not passages
        return result
    if case.kind == "none_from_speaker":
        absent = case.speaker_absent or ""
        result.no_answer_ok = not any(attributed_to(p, absent, accept) for p in passages)
        return result
    result.no_answer_ok = bool(passages)
    phrases = [normalise(e) for e in case.expect]
    for rank, passage in enumerate(passages, start=1):
        text = normalise(passage.text)
        if any(p in text for p in phrases) and (case.speaker is None or attributed_to(passage, case.speaker, accept)):
            result.rank = rank
            break
    if case.speaker is not None:
        result.speaker_ok = bool(passages) and attributed_to(passages[0], case.speaker, accept)
    return result


def summarise(results: list[CaseResult]) -> Scores:
    """Return the figures over ``results``: hit@1/hit@3/MRR and speaker accuracy over answerable cases,
    no-answer accuracy over all cases (answerable ones must get an answer)."""
    answerable = [r for r in results if r.case.kind == "answer"]
    with_speaker = [r for r in answerable if r.speaker_ok is not None]
    n = len(answerable)

    def share(hits: int, total: int) -> float:
        return hits / total if total else 1.0

    return Scores(
        cases=len(results),
        answerable=n,
        hit_at_1=share(sum(r.rank == 1 for r in answerable), n),
        hit_at_3=share(sum(r.rank is not None and r.rank <= 3 for r in answerable), n),
        mrr=sum(1.0 / r.rank for r in answerable if r.rank) / n if n else 1.0,
        speaker_accuracy=share(sum(bool(r.speaker_ok) for r in with_speaker), len(with_speaker)),
        no_answer_accuracy=share(sum(r.no_answer_ok for r in results), len(results)),
    )


def run_question_file(questions: QuestionFile, ask: Callable[[str], Answer]) -> list[CaseResult]:
    """Ask every case of ``questions`` with ``ask`` and score the answers (a RetrievalError scores as a miss)."""
    results = []
    for case in questions.cases:
        try:
            answer = ask(case.q)
        except RetrievalError as error:
            result = CaseResult(case, None, error=str(error))
            result.no_answer_ok = case.kind != "answer"
            results.append(result)
            continue
        results.append(score_case(case, answer, questions.accept))
    return results


__all__ = [
    "Case",
    "CaseResult",
    "QuestionFile",
    "Scores",
    "attributed_to",
    "load_question_file",
    "normalise",
    "run_question_file",
    "score_case",
    "summarise",
]
