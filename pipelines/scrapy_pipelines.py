"""Thin Scrapy item pipelines, each calling pure stage functions.

This is the only module of `pipelines` that imports Scrapy (and the crawl's runtime); the stages
(pipelines.clean, pipelines.dedup, pipelines.store) never do.

- CleanPipeline: decode → extract → clean → structure, fingerprints and search words
  (pipelines.page.prepare_page), in FANWEN_WORKERS worker processes;
- StorePipeline: dedup and store (pipelines.store.dedup_and_save), in the crawl's one
  database writer process (fanwen_crawler.writer).

Both leave the reactor free to download while they work; FANWEN_WORKERS = 0 runs everything in
the crawl process. Settings are read once in `from_crawler`. A page that fails a stage (binary
body, no article) is not dropped: it travels on with a note and is stored without essays.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, ClassVar

from scrapy import signals
from scrapy.exceptions import DropItem

from fanwen_crawler.workers import prepare, start_pool
from fanwen_crawler.writer import Writer, finish_run, learned_lines, save_page, start_run
from pipelines.errors import FanwenError
from pipelines.model import PageItem
from pipelines.page import PreparedPage
from pipelines.store import PageRecord

logger = logging.getLogger(__name__)

# Crawl settings recorded with each run.
_RUN_SETTINGS = (
    "FANWEN_DB",
    "DOWNLOAD_DELAY",
    "AUTOTHROTTLE_ENABLED",
    "ROBOTSTXT_OBEY",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "USER_AGENT",
    "FANWEN_WORKERS",
)


def _active(item: PageItem) -> bool:
    return item.status == 200 and item.note is None


class _SharedWriter:
    """One writer per database file for all pipelines of a crawl; the last to let go closes it."""

    _open: ClassVar[dict[str, tuple[Writer, int]]] = {}

    @classmethod
    def acquire(cls, path: str, in_process: bool) -> Writer:
        writer, users = cls._open.get(path, (None, 0))
        if writer is None:
            writer = Writer(path, in_process)
        cls._open[path] = (writer, users + 1)
        return writer

    @classmethod
    def release(cls, path: str) -> None:
        writer, users = cls._open.pop(path)
        if users > 1:
            cls._open[path] = (writer, users - 1)
        else:
            writer.close()


class CleanPipeline:
    """Cleans with the lexicon and with what the database learned of the item's site."""

    # Re-read a site's learned lines after this many of its pages, as the counts grow.
    REFRESH_EVERY = 50

    def __init__(self, db_path: str, workers: int) -> None:
        self.db_path = db_path
        self.workers = workers
        self.writer: Writer | None = None
        self.pool: Executor | None = None
        self.learned: dict[str, tuple[int, frozenset[str]]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanPipeline:
        return cls(crawler.settings.get("FANWEN_DB"), crawler.settings.getint("FANWEN_WORKERS"))

    def open_spider(self) -> None:
        self.writer = _SharedWriter.acquire(self.db_path, self.workers == 0)
        if self.workers > 0:
            self.pool = start_pool(self.workers)

    def close_spider(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.writer is not None:
            _SharedWriter.release(self.db_path)
            self.writer = None

    async def process_item(self, item: PageItem) -> PageItem:
        if not _active(item):
            return item
        job = (item.parts, item.profile_name, await self._learned(item.site))
        try:
            prepared = await self._prepare(*job)
        except FanwenError as error:
            item.note = str(error)
            return item
        item.extracted, item.document = prepared.extracted, prepared.document
        item.prints, item.words = prepared.prints, prepared.words
        item.countable = prepared.countable
        item.url = item.extracted.url  # the canonical URL is the page's identity
        return item

    async def _prepare(self, *job: Any) -> PreparedPage:
        if self.pool is None:
            return prepare(*job)
        try:
            return await asyncio.wrap_future(self.pool.submit(prepare, *job))
        except BrokenProcessPool:  # a worker died (out of memory, killed): start afresh
            logger.warning("a cleaning worker died; restarting the pool")
            self.pool = start_pool(self.workers)
            return prepare(*job)

    async def _learned(self, site: str) -> frozenset[str]:
        seen, lines = self.learned.get(site, (0, frozenset()))
        if seen % self.REFRESH_EVERY == 0 and self.writer is not None:
            lines = await self.writer.run(learned_lines, site)
        self.learned[site] = (seen + 1, lines)
        return lines


class StorePipeline:
    """Dedups and writes each page and its essays; records the crawl run with its settings
    and stats."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.db_path: str = crawler.settings.get("FANWEN_DB")
        self.in_process = crawler.settings.getint("FANWEN_WORKERS") == 0
        self.writer: Writer | None = None
        self.run_id: int | None = None
        self.failures: list[dict[str, Any]] = []
        self.writer_died = False

    def _writer_died(self) -> None:
        """Stop the crawl: pages fetched from now on could not be stored. The next run fetches
        them again; what the writer had committed stays."""
        if not self.writer_died:
            self.writer_died = True
            logger.error("the database writer process died; closing the spider")
            engine = self.crawler.engine
            asyncio.ensure_future(engine.close_spider_async(reason="database_writer_died"))

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        pipeline = cls(crawler)
        # spider_closed comes after close_spider and carries the finish reason.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        self.writer = _SharedWriter.acquire(self.db_path, self.in_process)
        spider = self.crawler.spider
        settings = {name: self.crawler.settings.get(name) for name in _RUN_SETTINGS}
        settings["start_urls"] = list(getattr(spider, "start_urls", []))
        self.run_id = self.writer.call(start_run, spider.name, settings)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.writer is None:
            return
        try:
            if self.run_id is not None and not self.writer_died:
                stats = self.crawler.stats.get_stats()
                self.writer.call(finish_run, self.run_id, reason, stats, self.failures)
        finally:
            _SharedWriter.release(self.db_path)
            self.writer = None

    async def process_item(self, item: PageItem) -> PageItem:
        assert self.writer is not None, "open_spider() opens the writer"
        if item.status != 200:  # a dead link is a fact about this run, not a page
            self.failures.append({"url": item.url, "status": item.status})
            return item
        record = PageRecord(
            url=item.url,
            site=item.site,
            fetched_at=item.fetched_at,
            status=item.status,
            parts=item.parts,
            part_urls=item.extracted.part_urls if item.extracted else (),
            document=item.document,
            etag=item.etag,
            last_modified=item.last_modified,
            note=item.note,
            words=item.words,
            countable=item.countable,  # the worker counted the lines: they need not travel
            prints=item.prints,
        )
        try:
            item.dedup = await self.writer.run(save_page, record)
        except BrokenProcessPool:
            self._writer_died()
            raise DropItem(f"not stored, the database writer process died: {item.url}") from None
        self.crawler.stats.inc_value("fanwen/pages_stored")
        if item.document is not None:
            self.crawler.stats.inc_value("fanwen/essays_stored", len(item.document.essays))
            self.crawler.stats.inc_value("fanwen/lines_removed", len(item.document.removed))
        return item
