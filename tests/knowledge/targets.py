"""The attribution targets (precision, recall, speaker accuracy), checked the same way for every gold set."""

from __future__ import annotations

from knowledge.scoring import QuoteScore

PRECISION, RECALL, SPEAKERS = 0.90, 0.90, 0.95


def assert_meets_targets(score: QuoteScore, label: str) -> None:
    """Fail with the misses, false positives and wrong speakers when ``score`` misses a target."""
    detail = (
        f"{label}: {score.summary()}\nmisses {score.misses}\nfalse {score.false_positives}\n"
        f"wrong {score.wrong_speakers}"
    )
    assert score.precision >= PRECISION, detail
    assert score.recall >= RECALL, detail
    assert score.speaker_accuracy >= SPEAKERS, detail
