"""Stage 6, store: pages, essays, duplicates and crawl runs in one SQLite file (sqlite-utils).

Ids are stable (page URL + position), rows are upserted, so re-running a crawl or an import
never adds a second row for the same page or essay. Every page is written in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jieba
import sqlite_utils

from pipelines.boilerplate import MIN_PAGES, countable_lines, is_learned
from pipelines.dedup import DedupResult
from pipelines.errors import DatabaseError
from pipelines.markdown import to_markdown
from pipelines.model import Document, RawPart, essay_id
from pipelines.schema import MIGRATIONS, SCHEMA_VERSION

jieba.setLogLevel(logging.WARNING)

_OUR_TABLES = {"pages", "essays", "duplicates", "crawl_runs"}


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class PageRecord:
    """What the store needs of one crawled or imported article."""

    url: str
    site: str
    fetched_at: str
    status: int
    parts: Sequence[RawPart]
    part_urls: Sequence[str] = ()  # each part's identity (canonical URL); defaults to part.url
    document: Document | None = None
    dedup: Sequence[DedupResult] = ()
    etag: str | None = None
    last_modified: str | None = None
    note: str | None = None
    lines: Sequence[str] = ()  # the page's extracted lines, counted to learn site boilerplate


class Store:
    """The fanwen database. Raises DatabaseError for a file that is not one."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite_utils.Database(self.path)
            tables = set(self.db.table_names())
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
        except (sqlite3.DatabaseError, OSError) as error:
            raise DatabaseError(f"{path}: not a usable SQLite database ({error})") from None
        # Checked before anything is written, so a file that is not ours is left byte for byte.
        if tables and not tables & _OUR_TABLES:
            self.db.close()
            raise DatabaseError(f"{path}: SQLite database of another application, not a fanwen one")
        if version > SCHEMA_VERSION:
            self.db.close()
            raise DatabaseError(f"{path}: written by a newer fanwen (schema {version})")
        self.db.execute("PRAGMA journal_mode=WAL")  # readers (Datasette) don't block the crawl
        # In WAL mode NORMAL never corrupts the file; a power cut may lose the last commits.
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA cache_size=-65536")  # 64 MiB: the dedup posting lists stay hot
        self._migrate(version)

    def _migrate(self, version: int) -> None:
        for number, migration in enumerate(MIGRATIONS, start=1):
            if number > version:
                with self.db.conn:
                    migration(self.db)
                    self.db.execute(f"PRAGMA user_version = {number}")

    def save(self, record: PageRecord) -> None:
        """Write one article's pages, essays and duplicate links in a single transaction."""
        with self.db.conn:
            for index, part in enumerate(record.parts):
                self.db.table("pages").upsert(self._page_row(record, part, index), pk="url")
            if record.document is not None:
                self._save_essays(record, record.document)
                self._count_lines(record, record.document.title)

    def _page_row(self, record: PageRecord, part: RawPart, index: int) -> dict[str, Any]:
        first = index == 0
        removed = record.document.removed if record.document and first else ()
        return {
            "url": record.part_urls[index] if index < len(record.part_urls) else part.url,
            "fetched_url": part.url,
            "article_url": record.url,
            "site": record.site,
            "fetched_at": record.fetched_at,
            "status": part.status,
            "etag": record.etag if first else None,
            "last_modified": record.last_modified if first else None,
            "content_sha1": hashlib.sha1(part.body).hexdigest(),
            "raw": zlib.compress(part.body),
            "removed": json.dumps([r.as_dict() for r in removed], ensure_ascii=False),
            "note": record.note if first else None,
        }

    def _save_essays(self, record: PageRecord, document: Document) -> None:
        dedup = {result.essay_id: result for result in record.dedup}
        for position, essay in enumerate(document.essays, start=1):
            identifier = essay_id(record.url, position)
            result = dedup.get(identifier)
            existing = self.db.execute(
                "SELECT first_seen, title, text FROM essays WHERE id = ?", [identifier]
            ).fetchone()
            self.db.table("essays").upsert(
                {
                    "id": identifier,
                    "page_url": record.url,
                    "position": position,
                    "site": record.site,
                    "title": essay.title,
                    "category": document.category,
                    "keywords": json.dumps(list(document.keywords), ensure_ascii=False),
                    "summary": document.summary,
                    "published": document.published,
                    "text": essay.text,
                    "markdown": to_markdown(essay),
                    "char_count": len(essay.text),
                    "flags": json.dumps(list(document.flags)),
                    "text_hash": result.text_hash if result else None,
                    "duplicate_of": result.duplicate_of if result else None,
                    "first_seen": existing[0] if existing else record.fetched_at,
                    "last_seen": record.fetched_at,
                },
                pk="id",
            )
            self.db.execute("DELETE FROM duplicates WHERE essay_id = ?", [identifier])
            if result and result.duplicate_of:
                self.db.table("duplicates").insert(
                    {
                        "essay_id": identifier,
                        "duplicate_of": result.duplicate_of,
                        "similarity": result.similarity,
                        "kind": result.kind,
                    },
                    pk="essay_id",
                )
            if result:
                self._redirect(identifier, result.redirected)
            if existing is None or (existing[1], existing[2]) != (essay.title, essay.text):
                self._index(identifier, essay.title, essay.text)  # re-runs leave FTS untouched

    def _redirect(self, canonical: str, old_canonicals: Sequence[str]) -> None:
        """Truncated canonicals that a complete copy took over, and their followers, now
        point at it (the dedup index made the same change)."""
        for old in old_canonicals:
            followers = [old] + [
                row[0]
                for row in self.db.execute("SELECT id FROM essays WHERE duplicate_of = ?", [old])
            ]
            for follower in followers:
                self.db.execute(
                    "UPDATE essays SET duplicate_of = ? WHERE id = ?", [canonical, follower]
                )
                self.db.execute(
                    "INSERT INTO duplicates (essay_id, duplicate_of, similarity, kind) "
                    "VALUES (?, ?, NULL, 'near') ON CONFLICT (essay_id) DO UPDATE SET "
                    "duplicate_of = excluded.duplicate_of",
                    [follower, canonical],
                )

    def _index(self, identifier: str, title: str, text: str) -> None:
        self.db.execute("DELETE FROM essays_fts WHERE essay_id = ?", [identifier])
        self.db.execute(
            "INSERT INTO essays_fts (essay_id, title, text) VALUES (?, ?, ?)",
            [identifier, segment(title), segment(text)],
        )

    def _count_lines(self, record: PageRecord, title: str) -> None:
        countable = countable_lines(record.lines, title)
        self.db.execute(
            "DELETE FROM site_lines WHERE site = ? AND page_url = ?", [record.site, record.url]
        )
        self.db.table("site_lines").insert_all(
            ({"site": record.site, "line_hash": h, "page_url": record.url} for h in countable),
            pk=("site", "line_hash", "page_url"),
        )
        self.db.table("line_texts").insert_all(
            ({"line_hash": h, "line": key} for h, key in countable.items()),
            pk="line_hash",
            ignore=True,
        )

    def learned_lines(self, site: str) -> dict[str, int]:
        """{line key: pages it is on} of the lines learned as this site's boilerplate."""
        site_pages = self.db.execute(
            "SELECT count(DISTINCT page_url) FROM site_lines WHERE site = ?", [site]
        ).fetchone()[0]
        rows = self.db.execute(
            "SELECT t.line, count(*) FROM site_lines s JOIN line_texts t USING (line_hash) "
            "WHERE s.site = ? GROUP BY s.line_hash HAVING count(*) >= ? ORDER BY count(*) DESC",
            [site, MIN_PAGES],
        ).fetchall()
        return {line: pages for line, pages in rows if is_learned(pages, site_pages)}

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Essays matching a Chinese query, best first (the query is segmented like the index)."""
        words = [f'"{word}"' for word in jieba.cut_for_search(query) if word.strip()]
        if not words:
            return []
        rows = self.db.execute(
            "SELECT essays.id, essays.title, essays.page_url FROM essays_fts "
            "JOIN essays ON essays.id = essays_fts.essay_id "
            "WHERE essays_fts MATCH ? ORDER BY rank LIMIT ?",
            [" ".join(words), limit],
        ).fetchall()
        return [{"id": r[0], "title": r[1], "url": r[2]} for r in rows]

    def start_run(self, spider: str, settings: dict[str, Any]) -> int:
        with self.db.conn:
            table = self.db.table("crawl_runs").insert(
                {
                    "spider": spider,
                    "started_at": now(),
                    "settings": json.dumps(settings, default=str),
                }
            )
        assert table.last_pk is not None
        return int(table.last_pk)

    def finish_run(
        self, run_id: int, reason: str | None, stats: dict[str, Any], failures: Sequence[Any] = ()
    ) -> None:
        """Close a run's record: finish reason, Scrapy stats, URLs that failed (404 …)."""
        with self.db.conn:
            self.db.table("crawl_runs").update(
                run_id,
                {
                    "finished_at": now(),
                    "finish_reason": reason,
                    "stats": json.dumps(stats, default=str),
                    "failures": json.dumps(list(failures), ensure_ascii=False),
                },
            )

    def counts(self) -> dict[str, int]:
        tables = ("pages", "essays", "duplicates", "crawl_runs")
        return {name: self.db.table(name).count for name in tables}

    def removed_line_count(self) -> int:
        sql = "SELECT coalesce(sum(json_array_length(removed)), 0) FROM pages"
        return int(self.db.execute(sql).fetchone()[0])

    def close(self) -> None:
        self.db.close()


def segment(text: str) -> str:
    """Space-separated jieba words, so FTS5's unicode61 tokenizer indexes Chinese words."""
    return " ".join(word for word in jieba.cut_for_search(text) if word.strip())
