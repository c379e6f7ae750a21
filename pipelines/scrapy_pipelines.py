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

from fanwen_crawler.profiles import load_profiles
from fanwen_crawler.runlock import RunLock
from fanwen_crawler.workers import prepare, start_pool
from fanwen_crawler.writer import (
    Writer,
    finish_run,
    learned_lines,
    save_article,
    start_run,
    touch_article,
)
from pipelines.errors import FanwenError
from pipelines.model import PageItem
from pipelines.page import PreparedPage
from pipelines.store import PageRecord
from pipelines.store.words import user_dict_for

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


# The cleaning pools running now, for shutdown_all().
_pools: set[Executor] = set()


def shutdown_all() -> None:
    """Stop every cleaning pool and close every database writer (committing what it holds):
    after a forced stop, when the engine closed no pipeline."""
    while _pools:
        _pools.pop().shutdown(wait=True, cancel_futures=True)
    _SharedWriter.close_all()


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
    def close_all(cls) -> None:
        """Close every writer still open (a crawl stopped at once: the engine closed nothing)."""
        while cls._open:
            path, (writer, _) = cls._open.popitem()
            try:
                writer.close()
            except Exception as error:  # noqa: BLE001 - shutting down: say it, go on
                logger.error("closing the database writer of %s: %s", path, error)

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

    def __init__(
        self, db_path: str, workers: int, stats: Any = None, distributed: bool = False
    ) -> None:
        self.db_path = db_path
        self.distributed = distributed  # a worker of a distributed crawl: no database
        self.workers = workers
        self.stats = stats
        self.body_selectors = {name: p.extract.body for name, p in load_profiles().items()}
        self.writer: Writer | None = None
        self.pool: Executor | None = None
        self.learned: dict[str, tuple[int, frozenset[str]]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanPipeline:
        settings = crawler.settings
        return cls(
            settings.get("FANWEN_DB"),
            settings.getint("FANWEN_WORKERS"),
            crawler.stats,
            bool(settings.get("REDIS_URL")),
        )

    def open_spider(self) -> None:
        if not self.distributed:  # the learned boilerplate lines come from the database
            self.writer = _SharedWriter.acquire(self.db_path, self.workers == 0)
        if self.workers > 0:
            self.pool = start_pool(self.workers, str(user_dict_for(self.db_path)))
            _pools.add(self.pool)

    def close_spider(self) -> None:
        if self.pool is not None:
            _pools.discard(self.pool)
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
        if self.stats is not None and self.body_selectors.get(item.profile_name or ""):
            # Health of the profile's body selector (fanwen_crawler.monitors)
            self.stats.inc_value("fanwen/profile_articles")
            if item.extracted.method != "profile":
                self.stats.inc_value("fanwen/profile_misses")
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
            _pools.discard(self.pool)
            self.pool = start_pool(self.workers, str(user_dict_for(self.db_path)))
            _pools.add(self.pool)
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
        self.lock: RunLock | None = None

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
        lock = RunLock(self.db_path, f"crawl of {self.crawler.spider.name}")
        if not lock.held_here():  # `scrapy crawl`: `fanwen crawl` took it before starting
            lock.acquire()  # DatabaseBusy: the spider does not open, in one line
            self.lock = lock
        self.writer = _SharedWriter.acquire(self.db_path, self.in_process)
        spider = self.crawler.spider
        settings = {name: self.crawler.settings.get(name) for name in _RUN_SETTINGS}
        settings["start_urls"] = list(getattr(spider, "start_urls", []))
        run = self.crawler.settings
        self.run_id = self.writer.call(
            start_run,
            spider.name,
            settings,
            run.get("FANWEN_TARGET") or spider.name,
            run.get("FANWEN_MODE") or "incremental",
            run.getint("FANWEN_RESUMED_FROM") or None,
        )
        self.crawler.stats.set_value("fanwen/run_id", self.run_id)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.writer is None:
            return
        try:
            if self.run_id is not None and not self.writer_died:
                stats = self.crawler.stats.get_stats()
                status, message = run_outcome(reason, stats)
                self.writer.call(
                    finish_run,
                    self.run_id,
                    reason,
                    stats,
                    self.failures,
                    status,
                    message,
                    run_counts(stats),
                )
        finally:
            _SharedWriter.release(self.db_path)
            self.writer = None
            if self.lock is not None:
                self.lock.release()

    async def process_item(self, item: PageItem) -> PageItem:
        assert self.writer is not None, "open_spider() opens the writer"
        stats = self.crawler.stats
        if item.status == 304:  # unchanged since the last run (IncrementalMiddleware)
            await self._call(touch_article, item.url, item.fetched_at)
            stats.inc_value("fanwen/unchanged")
            return item
        if item.status != 200:  # a dead link is a fact about this run, not a page
            failure = {"url": item.url, "status": item.status}
            if item.note:
                failure["error"] = item.note
            self.failures.append(failure)
            stats.inc_value(f"fanwen/{failure_kind(item.status)}")
            return item
        item.dedup, change = await self._call(save_article, page_record(item))
        stats.inc_value(f"fanwen/{change}")
        stats.inc_value("fanwen/pages_stored")
        stats.inc_value("fanwen/duplicates", sum(1 for r in item.dedup if r.duplicate_of))
        if item.document is not None:
            stats.inc_value("fanwen/essays_stored", len(item.document.essays))
            stats.inc_value("fanwen/lines_removed", len(item.document.removed))
        return item

    async def _call(self, function: Any, *args: Any) -> Any:
        assert self.writer is not None
        try:
            return await self.writer.run(function, *args)
        except BrokenProcessPool:
            self._writer_died()
            raise DropItem("not stored: the database writer process died") from None


# Statuses that say a link is dead: facts about the site, recorded with the run, but not
# crawler errors (a healthy nightly run over a site with a few dead links must not fail the
# error-rate check, when the articles it skips leave few requests to divide by).
DEAD_LINK_STATUSES = frozenset({404, 410})


def failure_kind(status: int) -> str:
    """The stat a failed page counts under: "dead_links" or "errors"."""
    return "dead_links" if status in DEAD_LINK_STATUSES else "errors"


def page_record(item: PageItem) -> PageRecord:
    """What the store needs of a cleaned page item."""
    return PageRecord(
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


# Finish reasons of a run stopped on purpose before its end.
_INTERRUPTED = {"shutdown", "sigterm", "cancelled"}
# Finish reasons of a run that ended as planned (a page or time limit is a plan).
_FINISHED = {"finished", "closespider_pagecount", "closespider_timeout", "closespider_itemcount"}


def run_outcome(reason: str | None, stats: dict[str, Any]) -> tuple[str, str | None]:
    """A run's (status, message) from its finish reason and its health checks."""
    problems = stats.get("fanwen/monitor_failures") or []
    if problems:
        return "failed", "; ".join(problems)
    if reason in _FINISHED:
        return "finished", None
    if reason in _INTERRUPTED:
        return "interrupted", "stopped before the end; `fanwen crawl … --resume` continues it"
    return "failed", f"stopped: {reason}"


def run_counts(stats: dict[str, Any]) -> dict[str, int]:
    """The counts of a run record, from the crawl's stats."""
    return {
        "fetched": int(stats.get("response_received_count", 0)),
        "new": int(stats.get("fanwen/new", 0)),
        "updated": int(stats.get("fanwen/updated", 0)),
        "unchanged": int(stats.get("fanwen/unchanged", 0)),
        "skipped": int(stats.get("fanwen/skipped", 0)),
        "duplicates": int(stats.get("fanwen/duplicates", 0)),
        "errors": int(stats.get("fanwen/errors", 0)),
    }
