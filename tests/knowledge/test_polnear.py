"""Attribution on real news: the 84 articles of PolNeAR's dev split, scored against its human
annotation (../shared/polnear beside the repository; skipped when it is absent).

The floors sit a little below what extraction reaches, so that a rule which helps the
articles it was written for but costs real news elsewhere shows up here.
"""

from __future__ import annotations

from functools import reduce

import pytest

from knowledge.scoring import QuoteScore, score_quotes_file
from tests.conftest import SHARED

DEV = SHARED / "polnear" / "dev"

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="PolNeAR dev split not present")

PRECISION = 0.95
RECALL = 0.95
SPEAKERS = 0.91
BY_KIND = {"named": 0.95, "coref": 0.87}


@pytest.fixture(scope="module")
def dev_score() -> QuoteScore:
    golds = sorted(DEV.glob("*.quotes.json"))
    assert len(golds) == 84
    return reduce(lambda a, b: a + b, (score_quotes_file(g) for g in golds))


def test_dev_quotations_are_found(dev_score):
    assert dev_score.precision >= PRECISION, dev_score.summary()
    assert dev_score.recall >= RECALL, dev_score.summary()


def test_dev_quotations_have_their_speakers(dev_score):
    assert dev_score.speaker_accuracy >= SPEAKERS, dev_score.summary()


@pytest.mark.parametrize("kind", sorted(BY_KIND))
def test_dev_speakers_by_kind_of_source(dev_score, kind):
    accuracy, matched = dev_score.speaker_accuracy_by_kind()[kind]
    assert matched > 50
    assert accuracy >= BY_KIND[kind], f"{kind}: {accuracy:.3f} over {matched}"
