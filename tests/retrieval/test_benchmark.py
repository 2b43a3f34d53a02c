"""The benchmark's reading-against-embedding figures."""

from __future__ import annotations

import pytest

from knowledge import bundled_article_path, load_article
from retrieval.benchmark import read_vs_embed
from retrieval.units import units_for


def test_read_vs_embed_times_each_article_and_its_passages(embedder):
    article = load_article(bundled_article_path())
    figures = read_vs_embed([bundled_article_path(), bundled_article_path()], embedder)

    rows = figures["articles"]
    assert [row["article"] for row in rows] == [article.id, article.id]
    assert rows[0]["passages"] == len(units_for(article))
    assert rows[0]["words"] == sum(len(p.text.split()) for p in article.paragraphs)
    assert all(row["read_seconds"] > 0 and row["embed_seconds"] > 0 for row in rows)
    assert figures["read_seconds"] == pytest.approx(sum(r["read_seconds"] for r in rows), abs=1e-3)
    assert figures["embed_seconds"] == pytest.approx(sum(r["embed_seconds"] for r in rows), abs=1e-3)
    assert figures["read_over_embed"] == pytest.approx(figures["read_seconds"] / figures["embed_seconds"], rel=0.05)
