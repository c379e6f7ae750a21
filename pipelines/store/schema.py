"""Database schema, as numbered migrations applied in order (PRAGMA user_version records the last).

Add a migration at the end to change the schema; never edit one that has shipped.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import sqlite_utils

from pipelines.dedup import create_tables as create_dedup_tables

# The posting tables of schemas 4 (by seq) and 3 (by text id), for the migrations.
_SEQ_POSTINGS = (("lsh_postings", "bucket"), ("sentence_postings", "hash"))
_ID_POSTINGS = (("lsh_buckets", "bucket"), ("sentence_hashes", "hash"))
_FRESH_POSTINGS = (("lsh_fresh", "bucket"), ("sentence_fresh", "hash"))


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
    for (old, key), (new, _) in zip(_ID_POSTINGS, _SEQ_POSTINGS, strict=True):
        if old in db.table_names():
            db.execute(
                f"CREATE TABLE IF NOT EXISTS {new} ({key} INTEGER NOT NULL, "
                f"seq INTEGER NOT NULL, PRIMARY KEY ({key}, seq)) WITHOUT ROWID"
            )
            db.execute(
                f"INSERT OR IGNORE INTO {new} ({key}, seq) SELECT p.{key}, e.seq FROM {old} p "
                "JOIN dedup_essays e ON e.essay_id = p.essay_id"
            )
            db.table(old).drop()


def _keys_per_essay(db: sqlite_utils.Database) -> None:
    """Posting tables folded into one row of keys per essay, `dedup_keys` (issue 4: looked up
    in memory, a check no longer seeks and inserts ~60 B-tree rows)."""
    create_dedup_tables(db)
    for view in ("lsh_all", "sentence_all"):
        db.execute(f"DROP VIEW IF EXISTS {view}")
    tables = [
        (table, key) for table, key in _SEQ_POSTINGS + _FRESH_POSTINGS if table in db.table_names()
    ]
    if tables:
        union = " UNION ALL ".join(
            f"SELECT seq, {key} AS key FROM {table}" for table, key in tables
        )
        rows = db.execute(f"SELECT seq, key FROM ({union}) ORDER BY seq")
        by_seq = itertools.groupby(iter(rows.fetchone, None), key=lambda row: row[0])
        db.conn.executemany(
            "INSERT OR REPLACE INTO dedup_keys (seq, keys) VALUES (?, ?)",
            (
                (seq, np.array([key for _, key in listed], dtype="<i8").tobytes())
                for seq, listed in by_seq
            ),
        )
    for table, _ in tables:
        db.table(table).drop()


def _run_records(db: sqlite_utils.Database) -> None:
    """Issue 12: a run's status, process, target and counts (for `fanwen runs` and cron), and
    when each page was last seen (an incremental crawl revisits pages by it)."""
    runs = db.table("crawl_runs")
    for column, kind in (
        ("status", str),
        ("pid", int),
        ("target", str),
        ("mode", str),
        ("resumed_from", int),
        ("message", str),
        ("fetched", int),
        ("new", int),
        ("updated", int),
        ("unchanged", int),
        ("skipped", int),
        ("duplicates", int),
        ("errors", int),
    ):
        if column not in runs.columns_dict:
            runs.add_column(column, kind)
    db.execute(
        "UPDATE crawl_runs SET status = CASE WHEN finished_at IS NULL THEN 'killed' "
        "ELSE 'finished' END WHERE status IS NULL"
    )
    if "last_seen" not in db.table("pages").columns_dict:
        db.table("pages").add_column("last_seen", str)
    db.execute("UPDATE pages SET last_seen = fetched_at WHERE last_seen IS NULL")
    db.table("pages").create_index(["site"], if_not_exists=True)
    db.table("pages").create_index(["article_url"], if_not_exists=True)


# What analysts query: canonical copies, copies, per-site figures (docs/schema.md).
VIEWS = {
    "distinct_essays": """
        SELECT e.id, e.site, e.category, e.title, e.page_url, e.char_count, e.first_seen,
               e.last_seen, e.flags,
               1 + (SELECT count(*) FROM essays c WHERE c.duplicate_of = e.id) AS copies
        FROM essays e WHERE e.duplicate_of IS NULL""",
    "essay_copies": """
        SELECT e.id, e.site, e.title, e.page_url, e.first_seen, d.kind, d.similarity,
               d.duplicate_of AS canonical_id, c.site AS canonical_site,
               c.title AS canonical_title, c.page_url AS canonical_url
        FROM duplicates d
        JOIN essays e ON e.id = d.essay_id
        JOIN essays c ON c.id = d.duplicate_of""",
    "site_summary": """
        SELECT s.site,
               (SELECT count(*) FROM pages p WHERE p.site = s.site) AS pages,
               count(*) AS essays,
               sum(s.duplicate_of IS NULL) AS distinct_essays,
               sum(s.duplicate_of IS NOT NULL) AS copies,
               round(avg(s.flags LIKE '%"truncated"%'), 3) AS truncated_share,
               (SELECT max(p.last_seen) FROM pages p WHERE p.site = s.site) AS last_crawled
        FROM essays s GROUP BY s.site""",
}


def _search_and_views(db: sqlite_utils.Database) -> None:
    """Issue 13: the full-text index keyed by a stable integer (`essays.seq`) and contentless
    (nobody opening it sees segmented text; snippets come from `essays.text`), the analysts'
    views, and indexes on the columns they filter by."""
    essays = db.table("essays")
    if "seq" not in essays.columns_dict:
        essays.add_column("seq", int)
        db.execute("UPDATE essays SET seq = rowid")
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS essays_seq ON essays (seq)")
    for column in ("site", "category", "duplicate_of", "first_seen"):
        essays.create_index([column], if_not_exists=True)
    columns = {row[1] for row in db.execute("PRAGMA table_info(essays_fts)")}
    old = "essay_id" in columns  # the index of schemas 1-6, keyed by essay id
    if old:
        db.execute("ALTER TABLE essays_fts RENAME TO essays_fts_old")
    if old or not columns:
        db.execute(
            "CREATE VIRTUAL TABLE essays_fts USING fts5(title, text, content='', "
            "tokenize='unicode61 remove_diacritics 0')"
        )
    if old:  # the words were segmented already: copied, not segmented again
        db.execute(
            "INSERT INTO essays_fts (rowid, title, text) SELECT e.seq, f.title, f.text "
            "FROM essays_fts_old f JOIN essays e ON e.id = f.essay_id"
        )
        db.execute("DROP TABLE essays_fts_old")
    for name, sql in VIEWS.items():
        db.execute(f"DROP VIEW IF EXISTS {name}")
        db.execute(f"CREATE VIEW {name} AS {sql}")


MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (
    _initial,
    _learned_lines,
    create_dedup_tables,  # dedup_essays, exact_hashes, lsh/sentence postings, containments
    _postings_by_seq,
    _keys_per_essay,
    _run_records,
    _search_and_views,
)
SCHEMA_VERSION = len(MIGRATIONS)
