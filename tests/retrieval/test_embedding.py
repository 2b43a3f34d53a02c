"""The embedding model wrapper: offline loading, shapes, normalisation, determinism, errors."""

from __future__ import annotations

import socket
import threading
import time

import numpy as np
import pytest

from retrieval import RetrievalError
from retrieval.embedding import DEFAULT_MODEL, Embedder, get_embedder


@pytest.fixture
def no_network(monkeypatch):
    """Fail the test if anything tries to open a network connection."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.slow
def test_bundled_model_loads_offline_with_its_name(embedder):
    assert embedder.name == DEFAULT_MODEL
    assert embedder.dimension == 384


@pytest.mark.slow
def test_encode_returns_normalised_float32_rows(embedder):
    texts = ["The defence secretary spoke about military aid.", "Rates rose by a quarter point.", "x"]
    vectors = embedder.encode(texts)
    assert vectors.shape == (3, embedder.dimension)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_encode_keeps_input_order_and_is_deterministic(embedder):
    texts = [f"sentence number {i} " + "word " * (i % 7) for i in range(20)]
    first = embedder.encode(texts, batch_size=4)
    second = embedder.encode(list(reversed(texts)), batch_size=7)[::-1]
    np.testing.assert_allclose(first, second, atol=1e-5)
    single = np.stack([embedder.encode_query(t) for t in texts[:3]])
    np.testing.assert_allclose(first[:3], single, atol=1e-5)


@pytest.mark.slow
def test_encode_query_is_a_normalised_vector_that_ranks_related_text_first(embedder):
    query = embedder.encode_query("what did the minister say about the talks?")
    assert query.shape == (embedder.dimension,) and query.dtype == np.float32
    assert abs(float(np.linalg.norm(query)) - 1.0) < 1e-5
    related, unrelated = embedder.encode(
        ["The minister spoke about the peace talks.", "The tennis final was rained off."]
    )
    assert float(related @ query) > float(unrelated @ query)


@pytest.mark.slow
def test_encode_of_nothing_is_an_empty_matrix(embedder):
    assert embedder.encode([]).shape == (0, embedder.dimension)


@pytest.mark.slow
def test_get_embedder_loads_each_model_once(embedder):
    assert get_embedder() is embedder
    assert get_embedder(DEFAULT_MODEL) is embedder


def test_unknown_model_name_is_a_retrieval_error_without_network(no_network):
    with pytest.raises(RetrievalError, match="nothing is downloaded"):
        Embedder.load("no-such-owner/no-such-model-onrecord")


def test_configured_model_comes_from_the_environment(no_network, monkeypatch):
    monkeypatch.setenv("ONRECORD_MODEL", "no-such-owner/configured-model")
    with pytest.raises(RetrievalError, match="configured-model"):
        Embedder.load()


def test_a_folder_that_is_not_a_model_is_a_retrieval_error(tmp_path, no_network):
    (tmp_path / "notes.txt").write_text("not a model")
    with pytest.raises(RetrievalError, match="not a sentence-transformers model"):
        Embedder.load(str(tmp_path))


def test_a_file_as_model_is_a_retrieval_error(tmp_path):
    file = tmp_path / "model.bin"
    file.write_bytes(b"\x00" * 10)
    with pytest.raises(RetrievalError, match="is a file"):
        Embedder.load(str(file))


@pytest.mark.slow
def test_a_very_long_or_foreign_question_still_embeds(embedder):
    for text in ("war " * 5000, "Что сказал министр обороны?", ""):
        vector = embedder.encode_query(text)
        np.testing.assert_allclose(vector, embedder.encode([text])[0], atol=1e-5)


def test_a_call_that_cannot_have_the_model_in_time_is_refused_as_busy(embedder, monkeypatch):
    import retrieval.embedding as embedding

    monkeypatch.setattr(embedding, "LOCK_TIMEOUT", 0.05)
    stuck = embedder._turn()  # another caller holds the model (a stuck call)
    stuck.__enter__()
    try:
        with pytest.raises(RetrievalError, match="busy"):
            embedder.encode_query("what did Healey say?")
        with pytest.raises(RetrievalError, match="busy"):
            embedder.encode(["a passage"])
    finally:
        stuck.__exit__(None, None, None)
    assert embedder.encode_query("what did Healey say?").shape == (embedder.dimension,)


def test_a_question_goes_before_the_rest_of_an_article_being_embedded(embedder, monkeypatch):
    """While many texts are embedded, a question waits for one small turn, not for them all."""
    import retrieval.embedding as embedding

    turns: list[str] = []
    real = embedder._model.encode

    def recording(texts, **kwargs):
        turns.append("question" if texts == ["what did Healey say?"] else "bulk")
        if len(turns) == 1:  # the first bulk turn: a question arrives while it holds the model
            asker.start()
            deadline = time.monotonic() + 10
            while embedder._questions_waiting == 0 and time.monotonic() < deadline:
                time.sleep(0.001)
        return real(texts, **kwargs)

    monkeypatch.setattr(embedder, "_direct", False)  # questions go through model.encode too
    monkeypatch.setattr(embedder._model, "encode", recording)

    asker = threading.Thread(target=embedder.encode_query, args=("what did Healey say?",))
    embedder.encode([f"passage number {n} about talks" for n in range(4 * embedding.BULK_TURN)])
    asker.join(5)

    assert turns.count("bulk") == 4
    assert turns[:2] == ["bulk", "question"]
