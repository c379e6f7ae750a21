"""Database schema, as numbered migrations applied in order (PRAGMA user_version records the last).

Add a migration at the end to change the schema; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from pipelines.neardup import POSTINGS
from pipelines.neardup import create_tables as create_dedup_tables


def _initial(db: sqlite_utils.Database) -> None:
    db.table("pages").create(
        {
            "url": str,
            "fetched_url": str,
            "article_url": str,
            "site": str,
            "fetched_at": str,
            "status": int,
            "etag": str,
            "last_modified": str,
            "content_sha1": str,
            "raw": bytes,
            "removed": str,
            "note": str,
        },
        pk="url",
        if_not_exists=True,
    )
    db.table("essays").create(
        {
            "id": str,
            "page_url": str,
            "position": int,
            "site": str,
            "title": str,
            "category": str,
            "keywords": str,
            "summary": str,
            "published": str,
            "text": str,
            "markdown": str,
            "char_count": int,
            "flags": str,
            "text_hash": str,
            "duplicate_of": str,
            "first_seen": str,
            "last_seen": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("essays").create_index(["text_hash"], if_not_exists=True)
    db.table("essays").create_index(["page_url"], if_not_exists=True)
    db.table("duplicates").create(
        {"essay_id": str, "duplicate_of": str, "similarity": float, "kind": str},
        pk="essay_id",
        if_not_exists=True,
    )
    db.table("duplicates").create_index(["duplicate_of"], if_not_exists=True)
    db.table("crawl_runs").create(
        {
            "id": int,
            "spider": str,
            "started_at": str,
            "finished_at": str,
            "finish_reason": str,
            "settings": str,
            "stats": str,
            "failures": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS essays_fts USING fts5(essay_id UNINDEXED, title, text)"
    )


def _learned_lines(db: sqlite_utils.Database) -> None:
    """Which short lines each site repeats on which pages, to learn its boilerplate."""
    db.table("site_lines").create(
        {"site": str, "line_hash": str, "page_url": str},
        pk=("site", "line_hash", "page_url"),
        if_not_exists=True,
    )
    db.table("line_texts").create(
        {"line_hash": str, "line": str}, pk="line_hash", if_not_exists=True
    )


def _postings_by_seq(db: sqlite_utils.Database) -> None:
    """Posting lists keyed by the essay's integer seq instead of its text id (issue 4: rows a
    third as long keep a large index in the page cache)."""
    create_dedup_tables(db)
    for (old, key), (new, _) in zip(
        (("lsh_buckets", "bucket"), ("sentence_hashes", "hash")), POSTINGS, strict=True
    ):
        if old in db.table_names():
            db.execute(
                f"INSERT OR IGNORE INTO {new} ({key}, seq) SELECT p.{key}, e.seq FROM {old} p "
                "JOIN dedup_essays e ON e.essay_id = p.essay_id"
            )
            db.table(old).drop()


MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (
    _initial,
    _learned_lines,
    create_dedup_tables,  # dedup_essays, exact_hashes, lsh/sentence postings, containments
    _postings_by_seq,
)
SCHEMA_VERSION = len(MIGRATIONS)
