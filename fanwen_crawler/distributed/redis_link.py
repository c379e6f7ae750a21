"""The link to Redis: a checked URL, a client, key names, and retries that ride out a Redis
restart.

Requests and items travel through Redis pickled (scrapy-redis' format and ours): whoever can
write to that Redis can make a worker or the ingest run code. So a Redis that is not on this
machine must have a password, and the URL is checked before anything connects.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

import redis

from pipelines.errors import FanwenError

T = TypeVar("T")

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# How long a worker or the ingest keeps trying when Redis is gone (a restart).
RECONNECT_SECONDS = 60.0


class RedisUnsafe(FanwenError):
    """A Redis URL we refuse to use."""


def check_redis_url(url: str) -> str:
    """The URL, or RedisUnsafe saying why not: redis:// or rediss:// only, and a password
    unless the host is this machine."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise RedisUnsafe(f"not a Redis URL: {url!r}") from None
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise RedisUnsafe(f"not a Redis URL: {url!r} (expected redis://[:password@]host:port/db)")
    if parts.hostname not in LOOPBACK and not parts.password:
        raise RedisUnsafe(
            f"refusing Redis at {parts.hostname}:{port or 6379} without a password: requests "
            "and items in it are pickled, so anyone who can write to it can run code in the "
            "crawl (give redis://:PASSWORD@host:port/db)"
        )
    return url


def redacted(url: str) -> str:
    """The URL without its password, for messages and run records."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    host = parts.hostname or ""
    netloc = f"***@{host}" + (f":{parts.port}" if parts.port else "")
    return parts._replace(netloc=netloc).geturl()


def connect(url: str) -> redis.Redis:
    """A client for a checked URL, its connection tried at once (a one-line error if not)."""
    client = redis.Redis.from_url(
        check_redis_url(url), socket_timeout=30, socket_connect_timeout=10, health_check_interval=30
    )
    try:
        client.ping()
    except redis.AuthenticationError:
        raise FanwenError(f"Redis at {redacted(url)}: wrong or missing password") from None
    except redis.RedisError as error:
        raise FanwenError(f"cannot reach Redis at {redacted(url)}: {error}") from None
    return client


def retrying(call: Callable[[], T], seconds: float = RECONNECT_SECONDS) -> T:
    """`call()`, tried again while Redis is unreachable (restarting), for at most `seconds`."""
    deadline = time.monotonic() + seconds
    wait = 0.1
    while True:
        try:
            return call()
        except (redis.ConnectionError, redis.TimeoutError, redis.BusyLoadingError):
            if time.monotonic() >= deadline:
                raise
            time.sleep(wait)
            wait = min(wait * 2, 2.0)


class Keys:
    """The Redis keys of one fanwen deployment (`prefix`, default "fanwen")."""

    def __init__(self, prefix: str = "fanwen") -> None:
        self.prefix = prefix

    def requests(self, spider: str) -> str:
        return f"{self.prefix}:{spider}:requests"

    def dupefilter(self, spider: str) -> str:
        return f"{self.prefix}:{spider}:dupefilter"

    def start_urls(self, spider: str) -> str:
        return f"{self.prefix}:{spider}:start_urls"

    def inflight(self, spider: str, worker: str) -> str:
        return f"{self.prefix}:{spider}:inflight:{worker}"

    def inflight_pattern(self, spider: str) -> str:
        return f"{self.prefix}:{spider}:inflight:*"

    def alive(self, worker: str) -> str:
        return f"{self.prefix}:worker:{worker}"

    @property
    def items(self) -> str:
        return f"{self.prefix}:items"

    @property
    def ingesting(self) -> str:
        return f"{self.prefix}:items:ingesting"


def as_text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
