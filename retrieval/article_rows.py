"""How an Article is stored as rows of the knowledge base's record tables, read back, and hashed."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from itertools import groupby
from operator import itemgetter

from knowledge import Article, Mention, Paragraph, Quote, Speaker

from .units import Unit

#: Every table holding rows of one article, keyed by (article_seq, pos).
ARTICLE_TABLES = ("paragraphs", "quotes", "speakers", "mentions", "units")


def article_hash(article: Article) -> str:
    """Return the SHA-256 of the whole knowledge record: same hash, same article."""
    return hashlib.sha256(json.dumps(asdict(article), sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def now() -> str:
    """Return the current UTC time as stored in the knowledge base (ISO 8601, seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def write_article(
    conn: sqlite3.Connection, article: Article, origin: str | None, digest: str, collection: str | None = None
) -> int:
    """Insert ``article``'s rows (not its units) into ``collection`` (None: global) and return its ``seq``.

    The ``seq`` is the key of every row the article owns.
    """
    seq = conn.execute(
        "INSERT INTO articles (id, title, date, source, content_hash, origin, ingested_at, collection) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (article.id, article.title, article.date, article.source, digest, origin, now(), collection),
    ).lastrowid
    assert seq is not None  # always set by an INSERT into a rowid table
    conn.executemany(
        "INSERT INTO paragraphs (article_seq, pos, idx, source_index, role, text, reports) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(seq, i, p.index, p.source_index, p.role, p.text, p.reports) for i, p in enumerate(article.paragraphs)],
    )
    conn.executemany(
        "INSERT INTO quotes (article_seq, pos, id, text, paragraphs, kind, speaker, cue, repeats) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (seq, i, q.id, q.text, json.dumps(list(q.paragraphs)), q.kind, q.speaker, q.cue, q.repeats)
            for i, q in enumerate(article.quotes)
        ],
    )
    conn.executemany(
        "INSERT INTO speakers (article_seq, pos, name, role, aliases) VALUES (?, ?, ?, ?, ?)",
        [
            (seq, i, s.name, s.role, json.dumps(list(s.aliases), ensure_ascii=False))
            for i, s in enumerate(article.speakers)
        ],
    )
    conn.executemany(
        "INSERT INTO mentions (article_seq, pos, name, role, paragraphs) VALUES (?, ?, ?, ?, ?)",
        [(seq, i, m.name, m.role, json.dumps(list(m.paragraphs))) for i, m in enumerate(article.mentions)],
    )
    return seq


def write_units(conn: sqlite3.Connection, seq: int, units: Sequence[Unit], hashes: Sequence[str]) -> None:
    """Insert the units of the article stored as ``seq``, each keyed to its embedding by ``hashes``."""
    conn.executemany(
        "INSERT INTO units (article_seq, pos, key, text_hash) VALUES (?, ?, ?, ?)",
        [(seq, i, u.key, h) for i, (u, h) in enumerate(zip(units, hashes, strict=True))],
    )


def delete_article(conn: sqlite3.Connection, article_id: str, collection: str | None = None) -> bool:
    """Delete the article with this id in ``collection`` (None: global) and every row it owns; return whether there was one."""
    row = conn.execute("SELECT seq FROM articles WHERE id = ? AND collection IS ?", (article_id, collection)).fetchone()
    if row is None:
        return False
    for table in ARTICLE_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE article_seq = ?", row)
    conn.execute("DELETE FROM articles WHERE seq = ?", row)
    return True


def stored_articles(conn: sqlite3.Connection, seqs: Sequence[int] | None = None) -> list[tuple[int, Article]]:
    """Return the stored articles (all, or those of ``seqs``) with their ``seq``, in ingest order, rebuilt exactly.

    Raises ValueError (or TypeError, KeyError) for stored values that no longer parse.
    """
    parameters: tuple[int, ...] = ()
    if seqs is None:
        where, of_articles = "", ""
    else:
        marks = ", ".join("?" * len(seqs))
        where, of_articles, parameters = f" WHERE seq IN ({marks})", f" WHERE article_seq IN ({marks})", tuple(seqs)
    rows = conn.execute(f"SELECT seq, id, title, date, source FROM articles{where} ORDER BY seq", parameters).fetchall()
    paragraphs = _grouped(
        conn,
        f"SELECT article_seq, idx, text, source_index, role, reports FROM paragraphs{of_articles} "
        "ORDER BY article_seq, pos",
        parameters,
    )
    quotes = _grouped(
        conn,
        f"SELECT article_seq, id, text, paragraphs, kind, speaker, cue, repeats FROM quotes{of_articles} "
        "ORDER BY article_seq, pos",
        parameters,
    )
    speakers = _grouped(
        conn,
        f"SELECT article_seq, name, role, aliases FROM speakers{of_articles} ORDER BY article_seq, pos",
        parameters,
    )
    mentions = _grouped(
        conn,
        f"SELECT article_seq, name, role, paragraphs FROM mentions{of_articles} ORDER BY article_seq, pos",
        parameters,
    )
    return [
        (
            seq,
            Article(
                id=article_id,
                title=title,
                date=date,
                source=source,
                paragraphs=[
                    Paragraph(index=i, text=t, source_index=s, role=r, reports=who)
                    for i, t, s, r, who in paragraphs.get(seq, ())
                ],
                quotes=[
                    Quote(id=i, text=t, paragraphs=json.loads(p), kind=k, speaker=sp, cue=c, repeats=rp)
                    for i, t, p, k, sp, c, rp in quotes.get(seq, ())
                ],
                speakers=[Speaker(name=n, role=r, aliases=json.loads(a)) for n, r, a in speakers.get(seq, ())],
                mentions=[Mention(name=n, role=r, paragraphs=json.loads(p)) for n, r, p in mentions.get(seq, ())],
            ),
        )
        for seq, article_id, title, date, source in rows
    ]


def _grouped(conn: sqlite3.Connection, sql: str, parameters: tuple = ()) -> dict[int, list[tuple]]:
    return {seq: [row[1:] for row in group] for seq, group in groupby(conn.execute(sql, parameters), key=itemgetter(0))}


__all__ = ["ARTICLE_TABLES", "article_hash", "delete_article", "now", "stored_articles", "write_article", "write_units"]
