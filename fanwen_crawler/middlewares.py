"""Downloader middlewares: retries that wait, as a polite crawler should, and incremental
crawling (articles fetched again only when due, with conditional requests)."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

from pipelines.store.revisits import KnownPage, known_pages


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (RETRY_TIMES, RETRY_HTTP_CODES, RETRY_EXCEPTIONS), waiting before each
    one: the server's `Retry-After` (seconds or an HTTP date) when it sends one, else
    RETRY_BACKOFF_BASE seconds doubled at each attempt, after an error answer and after a
    network error (reset, timeout, cut-off body) alike; never longer than RETRY_MAX_WAIT. The
    wait is an asyncio sleep, so other requests go on meanwhile."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.max_wait = settings.getfloat("RETRY_MAX_WAIT", 120.0)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request):
            attempt = int(result.meta.get("retry_times", 1))
            await asyncio.sleep(self.wait(response, attempt))
        return result

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception, spider: Any = None
    ) -> Request | Response | None:
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            attempt = int(result.meta.get("retry_times", 1))
            await asyncio.sleep(self.wait(None, attempt))
        return result

    def wait(self, response: Response | None, attempt: int) -> float:
        """Seconds to wait before retry number `attempt` of this response (None: of a request
        that got no answer)."""
        header = response.headers.get("Retry-After") if response is not None else None
        asked = retry_after_seconds(header.decode("latin-1")) if header else None
        delay = asked if asked is not None else self.backoff_base * 2 ** (attempt - 1)
        return float(max(0.0, min(delay, self.max_wait)))


def retry_after_seconds(value: str, now: datetime | None = None) -> float | None:
    """A Retry-After value in seconds: "120", or an HTTP date; None when unreadable."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class IncrementalMiddleware:
    """Fetch an article again only when it is due, and cheaply.

    An article URL the database holds (for this site) and saw less than FANWEN_REVISIT_AFTER
    seconds ago is not requested (stat `fanwen/skipped`); nor one seen since FANWEN_FRESH_SINCE
    (a resumed run). One that is due is asked for with its stored ETag / Last-Modified; a 304,
    or a 200 with the very bytes stored, reaches the spider marked `fanwen_unchanged`, and only
    the page's last_seen is updated. List pages are always fetched: that is how new articles
    are found. FANWEN_FULL fetches everything as a first crawl would.
    """

    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        self.db_path = settings.get("FANWEN_DB")
        self.full = settings.getbool("FANWEN_FULL")
        self.revisit_after = timedelta(seconds=settings.getfloat("FANWEN_REVISIT_AFTER"))
        fresh_since = settings.get("FANWEN_FRESH_SINCE")
        self.fresh_since = _when(fresh_since) if fresh_since else None
        self.crawler = crawler
        self.stats = crawler.stats
        self.known: dict[str, KnownPage] | None = None
        self.started = datetime.now(UTC)

    @classmethod
    def from_crawler(cls, crawler: Any) -> IncrementalMiddleware:
        return cls(crawler)

    def _known(self, spider: Any) -> dict[str, KnownPage]:
        if self.known is None:
            self.known = read_known_pages(self.db_path, spider.profile.name)
        return self.known

    def process_request(self, request: Request, spider: Any = None) -> None:
        if self.full or request.meta.get("fanwen_part") or request.method != "GET":
            return
        spider = spider or self.crawler.spider
        profile = getattr(spider, "profile", None)
        if profile is None or not profile.is_article(request.url):
            return
        page = self._known(spider).get(request.url)
        if page is None:
            return
        if not self._due(page):
            self.stats.inc_value("fanwen/skipped")
            raise IgnoreRequest(f"seen recently: {request.url}")
        request.meta["fanwen_known"] = page
        if page.etag:
            request.headers.setdefault("If-None-Match", page.etag)
        if page.last_modified:
            request.headers.setdefault("If-Modified-Since", page.last_modified)

    def process_response(
        self, request: Request, response: Response, spider: Any = None
    ) -> Response:
        page: KnownPage | None = request.meta.get("fanwen_known")
        if page is None:
            return response
        same = response.status == 304 or (
            response.status == 200 and hashlib.sha1(response.body).hexdigest() == page.content_sha1
        )
        if same:
            request.meta["fanwen_unchanged"] = page.article_url
        return response

    def _due(self, page: KnownPage) -> bool:
        seen = _when(page.seen)
        if seen is None:
            return True
        if self.fresh_since is not None and seen >= self.fresh_since:
            return False
        return self.started - seen >= self.revisit_after


def _when(value: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def read_known_pages(db_path: str, site: str) -> dict[str, KnownPage]:
    """The site's stored pages, read through a read-only connection (none: a new database)."""
    path = Path(db_path)
    if not path.exists():
        return {}
    db = sqlite_utils.Database(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))
    try:
        if "pages" not in db.table_names():
            return {}
        return known_pages(db, site)
    finally:
        db.close()
