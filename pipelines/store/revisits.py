"""What an incremental crawl needs of the pages stored before: when each was last seen, its
validators (ETag, Last-Modified) and the hash of its bytes; and marking a page seen again
without rewriting it (a 304, or the same bytes)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True)
class KnownPage:
    article_url: str  # the stored article this fetched URL is (part of)
    seen: str  # ISO time it was last fetched or confirmed unchanged
    etag: str | None
    last_modified: str | None
    content_sha1: str


def known_pages(db: sqlite_utils.Database, site: str) -> dict[str, KnownPage]:
    """{fetched URL: KnownPage} of the site's stored pages (URLs it was fetched by and its
    canonical URL both map to it)."""
    known: dict[str, KnownPage] = {}
    rows = db.execute(
        "SELECT url, fetched_url, article_url, coalesce(last_seen, fetched_at), etag, "
        "last_modified, content_sha1 FROM pages WHERE site = ?",
        [site],
    )
    for url, fetched_url, article_url, seen, etag, last_modified, sha1 in rows:
        page = KnownPage(article_url or url, seen or "", etag, last_modified, sha1 or "")
        known[fetched_url or url] = page
        known.setdefault(url, page)
    return known


def touch(db: sqlite_utils.Database, article_url: str, seen_at: str) -> int:
    """Mark an article's pages and essays as seen at `seen_at`; returns the pages touched."""
    with db.atomic():
        cursor = db.execute(
            "UPDATE pages SET last_seen = ? WHERE article_url = ? OR url = ?",
            [seen_at, article_url, article_url],
        )
        db.execute("UPDATE essays SET last_seen = ? WHERE page_url = ?", [seen_at, article_url])
    return int(cursor.rowcount)
