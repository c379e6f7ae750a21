"""Stage 6, store: pages, essays, duplicates and crawl runs in one SQLite file (sqlite-utils).

Ids are stable (page URL + position), rows are upserted, so re-running a crawl or an import
never adds a second row for the same page or essay. Every page is written in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from pipelines.clean import MIN_PAGES, countable_lines, is_learned
from pipelines.dedup import DedupResult
from pipelines.errors import DatabaseError
from pipelines.model import Document, RawPart, essay_id
from pipelines.store import runs
from pipelines.store.markdown import to_markdown
from pipelines.store.schema import MIGRATIONS, SCHEMA_VERSION
from pipelines.store.search import unindex
from pipelines.store.words import load_user_dict, segment, user_dict_for

if TYPE_CHECKING:  # fingerprinting loads numpy and datasketch, which a store need not
    from pipelines.dedup import Fingerprint

MMAP_BYTES = 4 << 30  # address space, not memory: only pages read are mapped in
_OUR_TABLES = {"pages", "essays", "duplicates", "crawl_runs"}


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
    words: Sequence[tuple[str, str]] = ()  # each essay's search words (title, text), if known
    countable: Mapping[str, str] | None = None  # countable_lines(lines, title), if known
    prints: Sequence[Fingerprint] = ()  # each essay's fingerprint, if known (for dedup)


def tune(db: sqlite_utils.Database) -> None:
    """The connection settings every fanwen database is written with."""
    db.execute("PRAGMA journal_mode=WAL")  # readers (Datasette) don't block the crawl
    # In WAL mode NORMAL never corrupts the file; a power cut may lose the last commits.
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA cache_size=-65536")  # 64 MiB of pages kept decoded
    # Checkpoint every 40 MiB of WAL rather than every 4: index pages that every commit touches
    # (the essay-id and text-hash B-trees) are then copied into the file once per checkpoint
    # instead of once per commit (issue 4: that copying was 70 us of a 650 us dedup check).
    db.execute("PRAGMA wal_autocheckpoint=10000")
    # Reads go through a memory map instead of a read() and a copy per page: the dedup index's
    # lookups touch pages all over a file that outgrows any cache (issue 4: 1M essays).
    db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")


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
        tune(self.db)
        load_user_dict(user_dict_for(self.path))  # domain words, when the file is there
        self._migrate(version)
        self._group: tuple[int, float] | None = None
        self._pending = 0
        self._last_commit = 0.0

    def group_commits(self, pages: int = 200, seconds: float = 1.0) -> None:
        """Commit after `pages` saves or `seconds`, whichever comes first, instead of after each
        page (a crawl): fewer commits, and a crash loses at most the last group, whose pages the
        next run fetches again. Each page stays atomic (a savepoint); close() commits the rest."""
        self._group = (pages, seconds)
        self._start_group()

    def _start_group(self) -> None:
        self.db.commit()
        self.db.begin()
        self._pending, self._last_commit = 0, time.monotonic()

    def commit(self) -> None:
        """Commit what is pending now (in group_commits() mode a new group begins)."""
        if self._group is None:
            self.db.commit()
        else:
            self._start_group()

    def commit_if_due(self) -> None:
        """In group_commits() mode, count a page done and commit when the group is full or old;
        call it outside any transaction of your own."""
        if self._group is None:
            return
        self._pending += 1
        pages, seconds = self._group
        if self._pending >= pages or time.monotonic() - self._last_commit >= seconds:
            self._start_group()

    def _migrate(self, version: int) -> None:
        for number, migration in enumerate(MIGRATIONS, start=1):
            if number > version:
                with self.db.atomic():
                    migration(self.db)
                    self.db.execute(f"PRAGMA user_version = {number}")

    def save(self, record: PageRecord) -> str:
        """Write one article's pages, essays and duplicate links in a single transaction.
        Returns what happened to the article: "new", "updated" (an essay's title or text
        changed, or essays came or went) or "unchanged"."""
        with self.db.atomic():
            seen_before = self.db.execute(
                "SELECT 1 FROM pages WHERE url = ?", [record.url]
            ).fetchone()
            stored_essays = self.db.execute(
                "SELECT count(*) FROM essays WHERE page_url = ?", [record.url]
            ).fetchone()[0]
            for index, part in enumerate(record.parts):
                self._upsert("pages", self._page_row(record, part, index), "url")
            changed = 0
            if record.document is not None:
                changed = self._save_essays(record, record.document)
                self._count_lines(record, record.document.title, seen_before is not None)
                changed += len(record.document.essays) != stored_essays
        if seen_before is None:
            return "new"
        return "updated" if changed else "unchanged"

    def _upsert(self, table: str, row: dict[str, Any], key: str) -> None:
        """Insert the row, or update the given columns of the one with the same key: what
        sqlite-utils' upsert() does, without its per-call look at the schema (a crawl's hot path)."""
        columns = ", ".join(row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != key)
        self.db.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(row))}) "
            f"ON CONFLICT ({key}) DO UPDATE SET {updates}",
            list(row.values()),
        )

    def _page_row(self, record: PageRecord, part: RawPart, index: int) -> dict[str, Any]:
        first = index == 0
        removed = record.document.removed if record.document and first else ()
        return {
            "url": record.part_urls[index] if index < len(record.part_urls) else part.url,
            "fetched_url": part.url,
            "article_url": record.url,
            "site": record.site,
            "fetched_at": record.fetched_at,
            "last_seen": record.fetched_at,
            "status": part.status,
            "etag": record.etag if first else None,
            "last_modified": record.last_modified if first else None,
            "content_sha1": hashlib.sha1(part.body).hexdigest(),
            "raw": zlib.compress(part.body),
            "removed": json.dumps([r.as_dict() for r in removed], ensure_ascii=False),
            "note": record.note if first else None,
        }

    def _save_essays(self, record: PageRecord, document: Document) -> int:
        """Upsert the page's essays; returns how many changed title or text."""
        changed = 0
        dedup = {result.essay_id: result for result in record.dedup}
        for position, essay in enumerate(document.essays, start=1):
            identifier = essay_id(record.url, position)
            result = dedup.get(identifier)
            existing = self.db.execute(
                "SELECT first_seen, title, text, seq FROM essays WHERE id = ?", [identifier]
            ).fetchone()
            seq = existing[3] if existing else self._next_seq()
            self._upsert(
                "essays",
                {
                    "id": identifier,
                    "seq": seq,
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
                "id",
            )
            self.db.execute("DELETE FROM duplicates WHERE essay_id = ?", [identifier])
            if result and result.duplicate_of:
                self.db.execute(
                    "INSERT INTO duplicates (essay_id, duplicate_of, similarity, kind) "
                    "VALUES (?, ?, ?, ?)",
                    [identifier, result.duplicate_of, result.similarity, result.kind],
                )
            if result:
                self._redirect(identifier, result.redirected)
            if existing is None or (existing[1], existing[2]) != (essay.title, essay.text):
                changed += existing is not None
                # re-runs leave FTS untouched
                if position <= len(record.words):
                    words = record.words[position - 1]
                else:
                    words = (segment(essay.title), segment(essay.text))
                self._index(seq, words, existing[1:3] if existing else None)
        return changed

    def _next_seq(self) -> int:
        """The search index's key for a new essay (`essays.seq`, unique, never reused while
        the essay lives)."""
        return int(self.db.execute("SELECT coalesce(max(seq), 0) + 1 FROM essays").fetchone()[0])

    def drop_essay(self, identifier: str) -> None:
        """Delete an essay its page no longer has (the page changed), with its links."""
        row = self.db.execute(
            "SELECT seq, title, text FROM essays WHERE id = ?", [identifier]
        ).fetchone()
        if row is None:
            return
        with self.db.atomic():
            unindex(self.db, row[0], row[1], row[2])
            self.db.execute("DELETE FROM essays WHERE id = ?", [identifier])
            self.db.execute("DELETE FROM duplicates WHERE essay_id = ?", [identifier])

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

    def _index(self, seq: int, words: tuple[str, str], old: tuple[str, str] | None = None) -> None:
        """Index an essay's search words under its seq, taking out those of its old text."""
        if old is not None:
            unindex(self.db, seq, *old)
        self.db.execute(
            "INSERT INTO essays_fts (rowid, title, text) VALUES (?, ?, ?)", [seq, *words]
        )

    def _count_lines(self, record: PageRecord, title: str, seen_before: bool) -> None:
        countable = (
            record.countable
            if record.countable is not None
            else countable_lines(record.lines, title)
        )
        if seen_before:  # a page counts once, however often it is fetched
            self.db.execute(
                "DELETE FROM site_lines WHERE site = ? AND page_url = ?", [record.site, record.url]
            )
        self.db.conn.executemany(
            "INSERT INTO site_lines (site, line_hash, page_url) VALUES (?, ?, ?)",
            [(record.site, h, record.url) for h in countable],
        )
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO line_texts (line_hash, line) VALUES (?, ?)",
            countable.items(),
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

    def start_run(self, spider: str, settings: dict[str, Any], **details: Any) -> int:
        """Open a run record (pipelines.store.runs.start_run: target, mode, resumed_from)."""
        return runs.start_run(self.db, spider, settings, **details)

    def finish_run(
        self,
        run_id: int,
        reason: str | None,
        stats: dict[str, Any],
        failures: Sequence[Any] = (),
        **details: Any,
    ) -> None:
        """Close a run's record (pipelines.store.runs.finish_run: status, message, counts)."""
        runs.finish_run(self.db, run_id, reason, stats, failures, **details)

    def counts(self) -> dict[str, int]:
        tables = ("pages", "essays", "duplicates", "crawl_runs")
        return {name: self.db.table(name).count for name in tables}

    def removed_line_count(self) -> int:
        sql = "SELECT coalesce(sum(json_array_length(removed)), 0) FROM pages"
        return int(self.db.execute(sql).fetchone()[0])

    def close(self) -> None:
        self.db.commit()  # a group's last pages
        self._group = None
        self.db.close()
