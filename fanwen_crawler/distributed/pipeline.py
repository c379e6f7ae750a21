"""The distributed worker's last item pipeline: a cleaned page goes to a Redis list for the
one ingest process (`fanwen ingest`) to deduplicate and store, its request released from the
worker's in-flight list in the same MULTI."""

from __future__ import annotations

import pickle
from typing import Any

from scrapy import signals

from fanwen_crawler.distributed.frontier import done
from fanwen_crawler.distributed.redis_link import Keys, retrying
from pipelines.model import PageItem
from pipelines.scrapy_pipelines import failure_kind, page_record

# What travels: ("page", PageRecord) or ("failure", {"url", "status", "error"}).
PROTOCOL = pickle.HIGHEST_PROTOCOL


class PushPipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.keys = Keys(crawler.settings.get("FANWEN_REDIS_PREFIX"))

    @classmethod
    def from_crawler(cls, crawler: Any) -> PushPipeline:
        pipeline = cls(crawler)
        # An item dropped or failed on the way: its request is finished all the same.
        crawler.signals.connect(pipeline._release, signal=signals.item_dropped)
        crawler.signals.connect(pipeline._release, signal=signals.item_error)
        return pipeline

    def _release(self, item: Any, **_: Any) -> None:
        if isinstance(item, PageItem) and item.inflight is not None:
            done(self.crawler.spider.server, item.inflight)
            item.inflight = None

    def process_item(self, item: PageItem) -> PageItem:
        stats = self.crawler.stats
        if item.status == 200:
            message: tuple[str, Any] = ("page", page_record(item))
            stats.inc_value("fanwen/pushed")
        elif item.status == 304:
            message = ("seen", {"url": item.url, "at": item.fetched_at})
            stats.inc_value("fanwen/unchanged")
        else:
            failure = {"url": item.url, "status": item.status, "error": item.note}
            message = ("failure", failure)
            stats.inc_value(f"fanwen/{failure_kind(item.status)}")
        data = pickle.dumps(message, protocol=PROTOCOL)
        server = self.crawler.spider.server
        marker, item.inflight = item.inflight, None

        def push() -> None:
            with server.pipeline() as pipe:  # MULTI: pushed and released together
                pipe.lpush(self.keys.items, data)
                if marker is not None:
                    pipe.lrem(marker[0], 1, marker[1])
                pipe.execute()

        retrying(push)
        if item.document is not None:
            stats.inc_value("fanwen/essays_stored", len(item.document.essays))
        return item
