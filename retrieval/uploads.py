"""Reads an article that arrives as bytes (a Discord attachment, a fetched page) with the checks a file gets.

The bytes are written to a private temporary folder under their (sanitised) file name
and read by ``knowledge.load_article``, so an upload is refused for the same reasons
as a file (empty, binary, no article text, too large) with the same one-line
messages, naming the upload's file name rather than the temporary path.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from knowledge import Article, KnowledgeError, load_article

from .paths import ARTICLE_SUFFIXES
from .records import RetrievalError

_NAME_CHARACTERS = re.compile(r"[^A-Za-z0-9._-]+")
#: Longest article id an upload's file name gives.
MAX_NAME_LENGTH = 80


def upload_name(filename: str) -> str:
    """Return ``filename`` made safe as a file name and article id; raise RetrievalError for an unreadable suffix."""
    base = Path(filename.replace("\\", "/")).name
    suffix = Path(base).suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise RetrievalError(
            f"{base[:60] or 'the file'}: not an article file; give a .txt, .htm or .html file (a saved web page or text)"
        )
    stem = _NAME_CHARACTERS.sub("-", Path(base).stem).strip("-.")[:MAX_NAME_LENGTH] or "article"
    return stem + suffix


def read_upload(filename: str, data: bytes) -> Article:
    """Return the article in ``data``, read as the file ``filename`` would be (its id is the file's stem).

    Raises RetrievalError for a file name that is not .txt, .htm or .html, and
    KnowledgeError, naming the file, for bytes that are no article.
    """
    name = upload_name(filename)
    with tempfile.TemporaryDirectory(prefix="onrecord-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            return load_article(path)
        except KnowledgeError as error:
            raise KnowledgeError(str(error).replace(str(path), name)) from None


__all__ = ["MAX_NAME_LENGTH", "read_upload", "upload_name"]
