"""Scrapy extensions of the crawl process."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet.task import LoopingCall

from fanwen_crawler.runtime import settle_garbage_collector


class FreezeStartupObjects:
    """Moves every object alive when the engine starts (modules, settings, profiles, the
    spider) out of the garbage collector's reach: they live as long as the crawl, and otherwise
    each full collection scans them all again (about a tenth of a long crawl's CPU); young
    collections run less often (fanwen_crawler.runtime)."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> FreezeStartupObjects:
        extension = cls()
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        return extension

    def engine_started(self) -> None:
        settle_garbage_collector()


class ProgressLine:
    """One live line on stderr while a person watches (stderr is a terminal): pages fetched,
    essays stored, duplicates, errors, pages per second and the queue. Nothing under cron."""

    def __init__(self, crawler: Any, stream: TextIO) -> None:
        self.crawler = crawler
        self.stream = stream
        self.interval = crawler.settings.getfloat("FANWEN_PROGRESS_INTERVAL", 1.0)
        self.task: LoopingCall | None = None
        self.started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProgressLine:
        stream = sys.stderr
        if not crawler.settings.getbool("FANWEN_PROGRESS") or not stream.isatty():
            raise NotConfigured
        extension = cls(crawler, stream)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        self.task = LoopingCall(self.show)
        self.task.start(self.interval, now=False)

    def spider_closed(self) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        self.stream.write("\r\x1b[K")
        self.stream.flush()

    def line(self) -> str:
        stats = self.crawler.stats.get_stats()
        pages = int(stats.get("response_received_count", 0))
        rate = pages / max(time.monotonic() - self.started, 1e-6)
        engine = self.crawler.engine
        scheduler = getattr(getattr(engine, "_slot", None), "scheduler", None)
        queued = len(scheduler) if scheduler is not None and hasattr(scheduler, "__len__") else 0
        return (
            f"pages {pages}  essays {int(stats.get('fanwen/essays_stored', 0))}  "
            f"duplicates {int(stats.get('fanwen/duplicates', 0))}  "
            f"skipped {int(stats.get('fanwen/skipped', 0))}  "
            f"errors {int(stats.get('fanwen/errors', 0))}  "
            f"{rate:.1f} pages/s  queue {queued}"
        )

    def show(self) -> None:
        self.stream.write("\r\x1b[K" + self.line())
        self.stream.flush()
