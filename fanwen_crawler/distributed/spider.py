"""A spider as a distributed worker: any profile's spider (or the generic one) with
scrapy-redis' RedisMixin (start URLs pushed to a Redis key, the idle signal), the reliable
frontier, a heartbeat, and closing once the shared work is done.

Scrapy 2.16 and later start a crawl from the spider's async `start()` and no longer call
`start_requests()`, the only entry scrapy-redis' RedisMixin defines: `start()` here yields the
spider's own start URLs and then what RedisMixin reads from the start-URL key.
"""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.spiders import RedisMixin
from twisted.internet.task import LoopingCall

from fanwen_crawler.distributed.frontier import (
    INFLIGHT,
    done,
    give_back,
    heartbeat,
    others_busy,
    reclaim_dead,
)
from pipelines.model import PageItem


class DistributedMixin(RedisMixin):  # type: ignore[misc]
    """Mixed in before a ProfileSpider class by `distributed_spider()`."""

    fanwen_worker: str

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fanwen_worker = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self._beat: LoopingCall | None = None
        self._wake: LoopingCall | None = None
        self._idle_since: float | None = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.setup_redis(crawler)  # RedisMixin: client, start-URL key, spider_idle
        crawler.signals.connect(spider._opened, signal=signals.spider_opened)
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        return spider

    @property
    def queue_key(self) -> str:
        return str(self.settings.get("SCHEDULER_QUEUE_KEY") % {"spider": self.name})

    def _opened(self) -> None:
        alive = self.settings.getfloat("FANWEN_REDIS_HEARTBEAT")
        heartbeat(self.server, self.queue_key, self.fanwen_worker, alive)
        self._beat = LoopingCall(heartbeat, self.server, self.queue_key, self.fanwen_worker, alive)
        self._beat.start(max(0.5, alive / 5), now=False)
        # An idle engine looks at its scheduler again only every 5 s: wake it as soon as
        # another worker's pages put requests in the shared queue.
        self._wake = LoopingCall(self._wake_if_work)
        self._wake.start(0.5, now=False)
        reclaimed = reclaim_dead(self.server, self.queue_key, self.fanwen_worker)
        if reclaimed:
            self.logger.warning("took back %d requests of workers that died", reclaimed)

    def _wake_if_work(self) -> None:
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None and len(slot.scheduler):
            slot.nextcall.schedule()

    def _closed(self) -> None:
        for loop in (self._beat, self._wake):
            if loop is not None and loop.running:
                loop.stop()
        give_back(self.server, self.queue_key, self.fanwen_worker)

    async def start(self) -> AsyncIterator[Any]:
        async for request in super().start():  # the spider's own start URLs
            yield request
        for request in self.next_requests():  # RedisMixin: URLs pushed to the start key
            yield request

    def make_request_from_data(self, data: bytes) -> Any:
        """A start URL from Redis: a plain URL or {"url": …}; deduplicated like any link."""
        text = data.decode(self.redis_encoding or "utf-8").strip()
        if text.startswith("{"):
            text = str(json.loads(text).get("url", ""))
        if not text.startswith(("http://", "https://")):
            self.logger.warning("ignored start URL from Redis: %r", text[:200])
            return []
        return scrapy.Request(text, callback=self.parse, errback=self.failed)

    def spider_idle(self) -> None:
        """Stay open while there is shared work (the queue, or requests in flight at other
        workers, which may add links); close after MAX_IDLE_TIME_BEFORE_CLOSE seconds of none."""
        reclaim_dead(self.server, self.queue_key, self.fanwen_worker)
        # Idle, so nothing of ours is in flight: an entry left in our list is a request whose
        # move Redis made while its answer was lost (a restart), and retried: queue it again.
        give_back(self.server, self.queue_key, self.fanwen_worker, keep_alive=True)
        self.schedule_next_requests()
        now = time.monotonic()
        if self.count_size(self.redis_key) or len(self.crawler.engine._slot.scheduler):
            self._idle_since = None
        elif others_busy(self.server, self.queue_key, self.fanwen_worker):
            self._idle_since = None
        elif self._idle_since is None:
            self._idle_since = now
        if self._idle_since is not None and now - self._idle_since >= self.max_idle_time:
            return
        raise DontCloseSpider

    def failed(self, failure: Any) -> Iterator[PageItem]:
        marker = failure.request.meta.get(INFLIGHT)
        items = list(super().failed(failure))
        for item in items:
            item.inflight = marker
            yield item
        if not items and marker is not None:
            done(self.server, marker)  # ignored on purpose (robots.txt): finished


class InflightMiddleware:
    """Spider middleware, last before the engine: a callback's first item carries its
    request's in-flight marker (the item pipeline releases it with the push); the callback's
    new requests are queued here, at once, so that when the marker of a page without an item
    is released, every link the page gave is in the shared queue (Scrapy hands a callback's
    output to the engine by several tasks, after the callback is done)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> InflightMiddleware:
        return cls(crawler)

    async def process_spider_output(
        self, response: Any, result: AsyncIterator[Any], spider: Any = None
    ) -> AsyncIterator[Any]:
        request = getattr(response, "request", None)
        marker = request.meta.get(INFLIGHT) if request is not None else None
        handed = False
        async for output in result:
            if marker is not None and isinstance(output, scrapy.Request):
                self.crawler.engine.crawl(output)  # queued in Redis before the marker goes
                continue
            if marker is not None and not handed and isinstance(output, PageItem):
                output.inflight, handed = marker, True
            yield output
        if marker is not None and not handed:
            done(self.crawler.spider.server, marker)


def distributed_spider(base: type[scrapy.Spider]) -> type[scrapy.Spider]:
    """The worker class for a spider class (same name: the Redis keys are the spider's)."""
    attributes = {"__module__": base.__module__, "name": base.name}
    return type(f"Distributed{base.__name__}", (DistributedMixin, base), attributes)
