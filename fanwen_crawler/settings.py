"""Scrapy settings: the one home of every setting, safe for production crawls.

Ad-hoc runs override with `-s NAME=VALUE` (`scrapy crawl`) or the `fanwen` command's options.
"""

from __future__ import annotations

BOT_NAME = "fanwen_crawler"
SPIDER_MODULES = ["fanwen_crawler.spiders"]
NEWSPIDER_MODULE = "fanwen_crawler.spiders"

# Where essays are stored (sqlite-utils database file).
FANWEN_DB = "data/fanwen.db"
# Who to contact about this crawler; sent in the User-Agent.
FANWEN_CONTACT_URL = "https://github.com/fanwen-crawler/fanwen-crawler"
USER_AGENT = f"fanwen-crawler/0.4 (+{FANWEN_CONTACT_URL})"

# Politeness: robots.txt, at most two requests per site at a time, adaptive delay.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024

# Retry transient server errors and rate limiting, waiting before each retry: the server's
# Retry-After, else RETRY_BACKOFF_BASE seconds doubled per attempt, at most RETRY_MAX_WAIT.
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
RETRY_BACKOFF_BASE = 2.0
RETRY_MAX_WAIT = 120.0
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "fanwen_crawler.middlewares.BackoffRetryMiddleware": 550,
    "fanwen_crawler.middlewares.IncrementalMiddleware": 560,
}

# Incremental crawls (fanwen_crawler.middlewares.IncrementalMiddleware): an article stored
# before is fetched again only when it was last seen this many seconds ago or more (then with
# If-None-Match / If-Modified-Since); list pages are always fetched. `fanwen crawl
# --revisit-after 0` asks again for every article, `--full` (FANWEN_FULL) fetches all anew.
FANWEN_REVISIT_AFTER = 7 * 24 * 3600
FANWEN_FULL = False
# Articles seen since this ISO time are not fetched again (set by `fanwen crawl --resume`).
FANWEN_FRESH_SINCE = None
# What the run record names as the crawl's target and mode (set by `fanwen crawl`).
FANWEN_TARGET = None
FANWEN_MODE = None
FANWEN_RESUMED_FROM = None

# No listening ports: neither the Telnet console nor the remote-control endpoint.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

EXTENSIONS = {
    "fanwen_crawler.extensions.FreezeStartupObjects": 0,
    "fanwen_crawler.extensions.ProgressLine": 10,
    "spidermon.contrib.scrapy.extensions.Spidermon": 500,
}

# A live progress line on stderr when it is a terminal (never under cron), every N seconds.
FANWEN_PROGRESS = True
FANWEN_PROGRESS_INTERVAL = 1.0

# Health checks at the end of each run (fanwen_crawler.monitors, spidermon): a failed check
# fails the run and `fanwen crawl` exits non-zero. Every threshold is set here.
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ["fanwen_crawler.monitors.CrawlHealth"]
# Share of a profile's article pages on which its body selector may find nothing.
FANWEN_MONITOR_MAX_SELECTOR_MISSES = 0.20
# Articles a run that fetched pages must store (new, updated or unchanged), unless it skipped
# articles seen recently.
FANWEN_MONITOR_MIN_STORED = 1
# Share of requests that may end in an error (after retries).
FANWEN_MONITOR_MAX_ERROR_RATE = 0.10

COOKIES_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

# Cleaning (decode → structure, fingerprints, search words) runs in this many worker processes
# and dedup + store in one writer process, all off the reactor; 0 runs them in the crawl process.
FANWEN_WORKERS = 1

# Distributed crawls (`fanwen crawl … --redis URL`, fanwen_crawler.distributed): the prefix of
# every Redis key, and how long a worker waits with no shared work left before it ends.
FANWEN_REDIS_PREFIX = "fanwen"
FANWEN_REDIS_IDLE = 10
# A worker silent for this many seconds is taken for dead: its requests in flight go back to
# the shared queue for the others.
FANWEN_REDIS_HEARTBEAT = 15
ITEM_PIPELINES = {
    "pipelines.scrapy_pipelines.CleanPipeline": 300,
    "pipelines.scrapy_pipelines.StorePipeline": 600,
}
