"""Scrapy extensions of the crawl process."""

from __future__ import annotations

from typing import Any

from scrapy import signals

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
