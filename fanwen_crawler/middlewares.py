"""Downloader middleware: retries that wait, as a polite crawler should."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (RETRY_TIMES, RETRY_HTTP_CODES), waiting before each one: the server's
    `Retry-After` (seconds or an HTTP date) when it sends one, else RETRY_BACKOFF_BASE seconds
    doubled at each attempt; never longer than RETRY_MAX_WAIT. The wait is an asyncio sleep,
    so other requests go on meanwhile."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.max_wait = settings.getfloat("RETRY_MAX_WAIT", 120.0)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request):
            attempt = int(result.meta.get("retry_times", 1))
            await asyncio.sleep(self.wait(response, attempt))
        return result

    def wait(self, response: Response, attempt: int) -> float:
        """Seconds to wait before retry number `attempt` of this response."""
        header = response.headers.get("Retry-After")
        asked = retry_after_seconds(header.decode("latin-1")) if header else None
        delay = asked if asked is not None else self.backoff_base * 2 ** (attempt - 1)
        return float(max(0.0, min(delay, self.max_wait)))


def retry_after_seconds(value: str, now: datetime | None = None) -> float | None:
    """A Retry-After value in seconds: "120", or an HTTP date; None when unreadable."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
