"""Fits the weights of the pronoun-antecedent ranker (knowledge/antecedents.py) on PolNeAR train.

    .venv/bin/python scripts/train_antecedents.py [../shared/polnear] > knowledge/antecedent_weights.py

For every quotation whose speaker came from a "he"/"she" subject, the candidates the ranker saw
are labelled by the gold speaker (``accept`` words, as score.py judges them), and a conditional
logit model (softmax over each quote's candidates, L2 penalty) is fitted with numpy by gradient
descent. The corpus stays where it is; only the weights are written, as a Python module.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import numpy as np

import knowledge.extraction as extraction
from knowledge import load_article
from knowledge.attribution import Attributor

PENALTY = 0.01
STEPS = 3000
RATE = 0.5


class _Recording(Attributor):
    """The attributor, remembering the last instance so its decisions can be read afterwards."""

    last: Attributor | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _Recording.last = self


def _norm(text: str) -> str:
    """Normalise a quotation as PolNeAR's score.py does before comparing."""
    text = unicodedata.normalize("NFKC", text or "").replace("''", '"')
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = re.sub("[‘’‚‛′]", "'", re.sub("[“”„‟″«»]", '"', text)).replace('"', "")
    text = re.sub("[‐‑‒–—―−]", "-", text)
    return re.sub(r"\s+", " ", text).strip().lower().strip(" '.,;:!?-")


def _accepted(speaker: str, gold: dict) -> bool:
    words = set(re.findall(r"[a-z0-9]+", _norm(speaker)))
    return any(
        (need := re.findall(r"[a-z0-9]+", _norm(a))) and all(w in words for w in need) for a in gold.get("accept") or []
    )


def examples(split: Path) -> list[tuple[list[str], list[dict[str, float]], list[bool]]]:
    """Return (names, features, correct) for every pronoun-chosen speaker of a quote the gold judges."""
    extraction.Attributor = _Recording  # type: ignore[misc]
    found = []
    for path in sorted(split.glob("*.txt")):
        golds = json.loads(path.with_suffix(".quotes.json").read_text(encoding="utf-8"))["quotes"]
        load_article(path)
        attributor = _Recording.last
        assert attributor is not None
        for (pos, _), result in attributor.found.items():
            if not result.antecedents:
                continue
            text = _norm(attributor.texts[pos][result.span.start : result.span.end])
            matched = [g for g in golds if text and (_norm(g["text"]) in text or text in _norm(g["text"]))]
            if not matched:
                continue
            gold = max(matched, key=lambda g: len(_norm(g["text"])))
            if gold.get("ignore") or not gold.get("accept"):
                continue
            names = [n for n, _ in result.antecedents]
            found.append((names, [f for _, f in result.antecedents], [_accepted(n, gold) for n in names]))
    return found


def fit(data: list[tuple[list[str], list[dict[str, float]], list[bool]]]) -> dict[str, float]:
    """Return the weights of a conditional logit model over each example's candidates."""
    keys = sorted({k for _, features, _ in data for f in features for k in f})
    usable = [
        (np.array([[f.get(k, 0.0) for k in keys] for f in features]), np.array(correct, float))
        for _, features, correct in data
        if any(correct)
    ]
    weights = np.zeros(len(keys))
    for _ in range(STEPS):
        gradient = np.zeros_like(weights)
        for x, y in usable:
            scores = x @ weights
            p = np.exp(scores - scores.max())
            p /= p.sum()
            gradient += x.T @ (p - y / y.sum())
        weights -= RATE * (gradient / len(usable) + PENALTY * weights)
    accuracy = sum(bool(y[int(np.argmax(x @ weights))]) for x, y in usable) / len(usable)
    print(
        f"# {len(usable)} pronoun speakers with a correct candidate; training accuracy {accuracy:.3f}", file=sys.stderr
    )
    return {k: round(float(w), 3) for k, w in zip(keys, weights, strict=True)}


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/polnear")
    weights = fit(examples(corpus / "train"))
    lines = [f'    "{k}": {v},' for k, v in weights.items()]
    print('"""Weights of the pronoun-antecedent ranker, fitted on PolNeAR train by scripts/train_antecedents.py."""')
    print()
    print("WEIGHTS = {")
    print("\n".join(lines))
    print("}")


if __name__ == "__main__":
    main()
