"""Thin Scrapy item pipelines, one per stage, each calling that stage's pure function.

The stages themselves (pipelines/*.py) never import Scrapy; only this wrapper module does.

Settings are read once in `from_crawler`. A page that fails a stage (binary body, no article)
is not dropped: it travels on with a note and is stored as a page without essays.

All pipelines of a crawl share one Store (one SQLite connection): the dedup index then sees the
pages saved before it, even those whose group has not been committed yet.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, ClassVar

from scrapy import signals

from fanwen_crawler.workers import prepare, start_pool
from pipelines.dedup import dedup_document
from pipelines.errors import FanwenError
from pipelines.model import PageItem
from pipelines.neardup import DedupIndex
from pipelines.page import PreparedPage
from pipelines.store import PageRecord, Store

logger = logging.getLogger(__name__)


def _active(item: PageItem) -> bool:
    return item.status == 200 and item.note is None


class _SharedStore:
    """One open Store per database file, counted: the last pipeline to let go closes it."""

    _open: ClassVar[dict[str, tuple[Store, int]]] = {}

    @classmethod
    def acquire(cls, path: str) -> Store:
        store, users = cls._open.get(path, (None, 0))
        if store is None:
            store = Store(path)
            store.group_commits()
        cls._open[path] = (store, users + 1)
        return store

    @classmethod
    def release(cls, path: str) -> None:
        store, users = cls._open.pop(path)
        if users > 1:
            cls._open[path] = (store, users - 1)
        else:
            store.close()


class CleanPipeline:
    """decode → extract → clean → structure, fingerprints and search words
    (pipelines.page.prepare_page) in FANWEN_WORKERS worker processes; 0 runs them here.
    Cleaning uses the lexicon and what the database learned of the item's site."""

    # Re-read a site's learned lines after this many of its pages, as the counts grow.
    REFRESH_EVERY = 50

    def __init__(self, db_path: str, workers: int) -> None:
        self.db_path = db_path
        self.workers = workers
        self.store: Store | None = None
        self.pool: Executor | None = None
        self.learned: dict[str, tuple[int, frozenset[str]]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanPipeline:
        return cls(crawler.settings.get("FANWEN_DB"), crawler.settings.getint("FANWEN_WORKERS"))

    def open_spider(self) -> None:
        self.store = _SharedStore.acquire(self.db_path)
        if self.workers > 0:
            self.pool = start_pool(self.workers)

    def close_spider(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.store is not None:
            _SharedStore.release(self.db_path)
            self.store = None

    async def process_item(self, item: PageItem) -> PageItem:
        if not _active(item):
            return item
        job = (item.parts, item.profile_name, self._learned(item.site))
        try:
            prepared = await self._run(*job)
        except FanwenError as error:
            item.note = str(error)
            return item
        item.extracted, item.document = prepared.extracted, prepared.document
        item.prints, item.words = prepared.prints, prepared.words
        item.url = item.extracted.url  # the canonical URL is the page's identity
        return item

    async def _run(self, *job: Any) -> PreparedPage:
        if self.pool is None:
            return prepare(*job)
        try:
            return await asyncio.wrap_future(self.pool.submit(prepare, *job))
        except BrokenProcessPool:  # a worker died (out of memory, killed): start afresh
            logger.warning("a cleaning worker died; restarting the pool")
            self.pool = start_pool(self.workers)
            return prepare(*job)

    def _learned(self, site: str) -> frozenset[str]:
        seen, lines = self.learned.get(site, (0, frozenset()))
        if seen % self.REFRESH_EVERY == 0 and self.store is not None:
            lines = frozenset(self.store.learned_lines(site))
        self.learned[site] = (seen + 1, lines)
        return lines


class DedupPipeline:
    """Looks essays up in the database the StorePipeline writes to."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.index: DedupIndex | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupPipeline:
        return cls(crawler.settings.get("FANWEN_DB"))

    def open_spider(self) -> None:
        self.index = DedupIndex(_SharedStore.acquire(self.db_path).db)

    def close_spider(self) -> None:
        if self.index is not None:
            _SharedStore.release(self.db_path)
            self.index = None

    def process_item(self, item: PageItem) -> PageItem:
        if item.document is not None and self.index is not None:
            item.dedup = dedup_document(item.document, item.url, self.index, item.prints)
        return item


class StorePipeline:
    """Writes each page and its essays; records the crawl run with its settings and stats."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.db_path: str = crawler.settings.get("FANWEN_DB")
        self.store: Store | None = None
        self.run_id: int | None = None
        self.failures: list[dict[str, Any]] = []

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        pipeline = cls(crawler)
        # spider_closed comes after close_spider and carries the finish reason.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        self.store = _SharedStore.acquire(self.db_path)
        spider = self.crawler.spider
        settings = {
            name: self.crawler.settings.get(name)
            for name in (
                "FANWEN_DB",
                "DOWNLOAD_DELAY",
                "AUTOTHROTTLE_ENABLED",
                "ROBOTSTXT_OBEY",
                "CONCURRENT_REQUESTS_PER_DOMAIN",
                "USER_AGENT",
            )
        }
        settings["start_urls"] = list(getattr(spider, "start_urls", []))
        self.run_id = self.store.start_run(spider.name, settings)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.store is None:
            return
        if self.run_id is not None:
            self.store.finish_run(
                self.run_id, reason, self.crawler.stats.get_stats(), self.failures
            )
        _SharedStore.release(self.db_path)
        self.store = None

    def process_item(self, item: PageItem) -> PageItem:
        assert self.store is not None, "open_spider() opens the store"
        if item.status != 200:  # a dead link is a fact about this run, not a page
            self.failures.append({"url": item.url, "status": item.status})
            return item
        self.store.save(
            PageRecord(
                url=item.url,
                site=item.site,
                fetched_at=item.fetched_at,
                status=item.status,
                parts=item.parts,
                part_urls=item.extracted.part_urls if item.extracted else (),
                document=item.document,
                dedup=item.dedup,
                etag=item.etag,
                last_modified=item.last_modified,
                note=item.note,
                lines=item.extracted.lines if item.extracted else (),
                words=item.words,
            )
        )
        self.crawler.stats.inc_value("fanwen/pages_stored")
        if item.document is not None:
            self.crawler.stats.inc_value("fanwen/essays_stored", len(item.document.essays))
            self.crawler.stats.inc_value("fanwen/lines_removed", len(item.document.removed))
        return item
