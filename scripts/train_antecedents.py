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


Example = tuple[str, list[str], list[dict[str, float]], list[bool]]  # article, names, features, correct


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


def examples(split: Path) -> list[Example]:
    """Return (article, names, features, correct) for every pronoun-chosen speaker of a quote the gold judges."""
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
            features = [f for _, f in result.antecedents]
            found.append((path.stem, names, features, [_accepted(n, gold) for n in names]))
    return found


def _matrices(data: list[Example], keys: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Stack every candidate of the examples that have a correct one: its features, the index of
    its example, and its target share (1/k for each of k correct candidates)."""
    rows, groups, targets = [], [], []
    usable = [(features, correct) for _, _, features, correct in data if any(correct)]
    for index, (features, correct) in enumerate(usable):
        for f, right in zip(features, correct, strict=True):
            rows.append([f.get(k, 0.0) for k in keys])
            groups.append(index)
            targets.append(float(right) / sum(correct))
    return np.array(rows), np.array(groups, int), np.array(targets), len(usable)


def fit(data: list[Example], penalty: float = PENALTY) -> dict[str, float]:
    """Return the weights of a conditional logit model over each example's candidates: a softmax
    per quotation, fitted by full-batch gradient descent with an L2 penalty."""
    keys = sorted({k for _, _, features, _ in data for f in features for k in f})
    x, groups, target, count = _matrices(data, keys)
    weights = np.zeros(len(keys))
    for _ in range(STEPS):
        scores = x @ weights
        top = np.full(count, -np.inf)
        np.maximum.at(top, groups, scores)
        p = np.exp(scores - top[groups])
        p /= np.bincount(groups, weights=p, minlength=count)[groups]
        weights -= RATE * (x.T @ (p - target) / count + penalty * weights)
    return {k: float(w) for k, w in zip(keys, weights, strict=True)}


def accuracy(data: list[Example], weights: dict[str, float]) -> float:
    """Share of all examples (those without a correct candidate count as wrong) ranked right."""
    right = 0
    for _, names, features, correct in data:
        if names:
            scores = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in features]
            right += correct[int(np.argmax(scores))]
    return right / max(len(data), 1)


def cross_validate(data: list[Example], folds: int = 5, repeats: int = 3) -> float:
    """Held-out accuracy: articles dealt at random into ``folds`` parts, each part scored by the
    weights fitted on the others, averaged over ``repeats`` deals."""
    articles = sorted({article for article, *_ in data})
    total = 0.0
    for repeat in range(repeats):
        order = np.random.RandomState(repeat).permutation(len(articles))
        fold_of = {articles[i]: n % folds for n, i in enumerate(order)}
        for fold in range(folds):
            held = [e for e in data if fold_of[e[0]] == fold]
            weights = fit([e for e in data if fold_of[e[0]] != fold])
            total += accuracy(held, weights) * len(held)
    return total / (len(data) * repeats)


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/polnear")
    data = examples(corpus / "train")
    weights = fit(data)
    with_right = sum(any(correct) for *_, correct in data)
    print(
        f"# {len(data)} pronoun speakers, {with_right} with a correct candidate;"
        f" accuracy on train {accuracy(data, weights):.3f}, held out (5 folds by article) {cross_validate(data):.3f}",
        file=sys.stderr,
    )
    lines = [f'    "{k}": {round(v, 3)},' for k, v in weights.items()]
    print('"""Weights of the pronoun-antecedent ranker, fitted on PolNeAR train by scripts/train_antecedents.py."""')
    print()
    print("WEIGHTS = {")
    print("\n".join(lines))
    print("}")


if __name__ == "__main__":
    main()
