"""Thin Scrapy item pipelines, one per stage, each calling that stage's pure function.

The stages themselves (pipelines/*.py) never import Scrapy; only this wrapper module does.

Settings are read once in `from_crawler`. A page that fails a stage (binary body, no article)
is not dropped: it travels on with a note and is stored as a page without essays.
"""

from __future__ import annotations

from typing import Any

from scrapy import signals

from fanwen_crawler.profiles import load_profiles
from pipelines.clean import clean
from pipelines.decode import decode
from pipelines.dedup import dedup_document
from pipelines.errors import FanwenError
from pipelines.extract import extract
from pipelines.model import PageItem
from pipelines.neardup import DedupIndex
from pipelines.store import PageRecord, Store
from pipelines.structure import structure


def _active(item: PageItem) -> bool:
    return item.status == 200 and item.note is None


class DecodePipeline:
    """Decodes with the site profile's encoding hint as the fallback for undeclared pages."""

    def __init__(self) -> None:
        self.hints = {name: profile.encoding for name, profile in load_profiles().items()}

    @classmethod
    def from_crawler(cls, crawler: Any) -> DecodePipeline:
        return cls()

    def process_item(self, item: PageItem) -> PageItem:
        if _active(item):
            hint = self.hints.get(item.profile_name or "")
            try:
                item.decoded = [decode(p.body, p.content_type, p.url, hint) for p in item.parts]
            except FanwenError as error:
                item.note = str(error)
        return item


class ExtractPipeline:
    def __init__(self) -> None:
        self.rules = {name: profile.extract for name, profile in load_profiles().items()}

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        return cls()

    def process_item(self, item: PageItem) -> PageItem:
        if _active(item):
            rules = self.rules.get(item.profile_name or "")
            item.extracted = extract(item.decoded, rules, self.rules.values())
            item.url = item.extracted.url  # the canonical URL is the page's identity
        return item


class CleanPipeline:
    """Cleans with the lexicon and with what the database learned of the item's site."""

    # Re-read a site's learned lines after this many of its pages, as the counts grow.
    REFRESH_EVERY = 50

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.store: Store | None = None
        self.learned: dict[str, tuple[int, frozenset[str]]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanPipeline:
        return cls(crawler.settings.get("FANWEN_DB"))

    def open_spider(self) -> None:
        self.store = Store(self.db_path)

    def close_spider(self) -> None:
        if self.store:
            self.store.close()

    def process_item(self, item: PageItem) -> PageItem:
        if _active(item) and item.extracted is not None:
            item.cleaned = clean(item.extracted, self._learned(item.site))
        return item

    def _learned(self, site: str) -> frozenset[str]:
        seen, lines = self.learned.get(site, (0, frozenset()))
        if seen % self.REFRESH_EVERY == 0 and self.store is not None:
            lines = frozenset(self.store.learned_lines(site))
        self.learned[site] = (seen + 1, lines)
        return lines


class StructurePipeline:
    def process_item(self, item: PageItem) -> PageItem:
        if _active(item) and item.cleaned is not None:
            try:
                item.document = structure(item.cleaned)
            except FanwenError as error:
                item.note = str(error)
        return item


class DedupPipeline:
    """Looks essays up in the database the StorePipeline writes to."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.store: Store | None = None
        self.index: DedupIndex | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupPipeline:
        return cls(crawler.settings.get("FANWEN_DB"))

    def open_spider(self) -> None:
        self.store = Store(self.db_path)
        self.index = DedupIndex(self.store.db)

    def close_spider(self) -> None:
        if self.store:
            self.store.close()

    def process_item(self, item: PageItem) -> PageItem:
        if item.document is not None and self.index is not None:
            item.dedup = dedup_document(item.document, item.url, self.index)
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
        self.store = Store(self.db_path)
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
        self.store.close()
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
            )
        )
        self.crawler.stats.inc_value("fanwen/pages_stored")
        if item.document is not None:
            self.crawler.stats.inc_value("fanwen/essays_stored", len(item.document.essays))
            self.crawler.stats.inc_value("fanwen/lines_removed", len(item.document.removed))
        return item
