"""Crawling beyond one machine on scrapy-redis: workers share a frontier and a duplicate
filter in Redis and push cleaned pages to a Redis list; one `fanwen ingest` stores them.

- `redis_link`: the checked Redis URL, the client, key names, retries across a restart;
- `frontier`: the scheduler, queue (with in-flight lists) and duplicate filter on Redis;
- `spider`: a profile's spider as a worker (start URLs from Redis, heartbeat, idle close);
- `pipeline`: the worker's push of finished items;
- `ingest`: the one writer.

Only `worker_settings` and `ingest_from_redis` are for other code; everything here imports
Scrapy or redis, so nothing outside the crawl side imports it.
"""

from __future__ import annotations

from typing import Any

from fanwen_crawler.distributed.ingest import IngestSummary, ingest_from_redis
from fanwen_crawler.distributed.redis_link import RedisUnsafe, check_redis_url, redacted

__all__ = [
    "IngestSummary",
    "RedisUnsafe",
    "check_redis_url",
    "ingest_from_redis",
    "redacted",
    "worker_settings",
]


def worker_settings(url: str, prefix: str, idle_seconds: float) -> dict[str, Any]:
    """The settings that make a crawl process a distributed worker."""
    check_redis_url(url)
    return {
        "REDIS_URL": url,
        "FANWEN_REDIS_PREFIX": prefix,
        "SCHEDULER": "fanwen_crawler.distributed.frontier.ReliableScheduler",
        "SCHEDULER_QUEUE_CLASS": "fanwen_crawler.distributed.frontier.ReliableQueue",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,  # the frontier outlives each worker
        "SCHEDULER_QUEUE_KEY": f"{prefix}:%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:%(spider)s:dupefilter",
        "REDIS_START_URLS_KEY": f"{prefix}:%(name)s:start_urls",
        "MAX_IDLE_TIME_BEFORE_CLOSE": int(idle_seconds),
        "ITEM_PIPELINES": {
            "pipelines.scrapy_pipelines.CleanPipeline": 300,
            "fanwen_crawler.distributed.pipeline.PushPipeline": 600,
        },
        "SPIDER_MIDDLEWARES": {"fanwen_crawler.distributed.spider.InflightMiddleware": 50},
        # No database on a worker's machine: every article is fetched.
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "fanwen_crawler.middlewares.BackoffRetryMiddleware": 550,
            "fanwen_crawler.middlewares.IncrementalMiddleware": None,
        },
    }
