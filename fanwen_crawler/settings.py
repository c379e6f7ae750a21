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
}

# No listening ports: neither the Telnet console nor the remote-control endpoint.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

EXTENSIONS = {"fanwen_crawler.extensions.FreezeStartupObjects": 0}

COOKIES_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

# Cleaning (decode → structure, fingerprints, search words) runs in this many worker processes
# and dedup + store in one writer process, all off the reactor; 0 runs them in the crawl process.
FANWEN_WORKERS = 1
ITEM_PIPELINES = {
    "pipelines.scrapy_pipelines.CleanPipeline": 300,
    "pipelines.scrapy_pipelines.StorePipeline": 600,
}
