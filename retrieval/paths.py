"""Where things are on disk: the article files a command names, and the default knowledge base and cache files."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

from knowledge import Article, load_article

from .records import RetrievalError

log = logging.getLogger(__name__)

DB_ENV = "ONRECORD_DB"
ARTICLE_SUFFIXES = (".txt", ".htm", ".html")
# Same-named .txt and .html files in one folder are one article; the text is preferred.
_SUFFIX_PREFERENCE = {".txt": 0, ".html": 1, ".htm": 2}


def default_db_path() -> Path:
    """Return where the knowledge base lives: ``$ONRECORD_DB``, else ``$XDG_CACHE_HOME/onrecord/knowledge.sqlite``."""
    configured = os.environ.get(DB_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return _cache_dir() / "knowledge.sqlite"


def default_cache_path() -> Path:
    """Return the embedding cache used for ad-hoc knowledge (``$XDG_CACHE_HOME/onrecord/embeddings.sqlite``)."""
    return _cache_dir() / "embeddings.sqlite"


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base).expanduser() if base else Path.home() / ".cache") / "onrecord"


def article_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Return the article files named by ``paths``: files as given, folders by their articles.

    A folder contributes its ``*.txt``, ``*.htm`` and ``*.html`` files (not its
    subfolders), sorted by name; when a ``.txt`` and an ``.html`` share a name they
    are the same article and the ``.txt`` is taken. Raises RetrievalError for a
    folder without articles; a missing file is left to the reader to report.
    """
    chosen: dict[tuple[Path, str], Path] = {}
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            try:
                found = [p for p in sorted(path.iterdir()) if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES]
            except OSError as error:
                raise RetrievalError(f"{path}: cannot list this folder ({error.strerror})") from None
            if not found:
                raise RetrievalError(f"{path}: no articles (*.txt, *.htm, *.html) in this folder")
        else:
            found = [path]
        for file in found:
            key = (file.parent.resolve(), file.stem)
            previous = chosen.get(key)
            if previous is None or _preference(file) < _preference(previous):
                if previous is not None:
                    log.info("%s and %s are one article; taking %s", previous.name, file.name, file.name)
                chosen[key] = file
    return list(dict.fromkeys(chosen.values()))


def read_articles(paths: Iterable[str | Path]) -> tuple[list[Path], list[Article]]:
    """Return the article files named by ``paths`` (as ``article_paths``) and the articles read from them.

    Raises KnowledgeError for a file that cannot be read, and RetrievalError when
    there are none or two files are the same article id.
    """
    files = article_paths(paths)
    if not files:
        raise RetrievalError("no articles given")
    articles = [load_article(p) for p in files]
    seen: dict[str, Path] = {}
    for file, article in zip(files, articles, strict=True):
        if article.id in seen:
            raise RetrievalError(f"{seen[article.id]} and {file} are both article {article.id!r}; give one of them")
        seen[article.id] = file
    return files, articles


def _preference(path: Path) -> int:
    return _SUFFIX_PREFERENCE.get(path.suffix.lower(), 3)


__all__ = ["ARTICLE_SUFFIXES", "DB_ENV", "article_paths", "default_cache_path", "default_db_path", "read_articles"]
