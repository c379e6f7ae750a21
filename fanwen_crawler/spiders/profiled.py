"""The spider every site profile becomes: routes list pages, pagination and article pages.

It only routes requests and yields raw pages; all cleaning happens in the item pipelines.
An article split over pages (下一页, _2.html) is followed page by page and yielded as one item.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest, ResponseDataLossError
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError

from fanwen_crawler.profiles import SiteProfile
from pipelines.model import PageItem, RawPart

# Never follow more continuation pages than this for one article (a loop guard).
MAX_ARTICLE_PAGES = 50
# Scrapy's IgnoreRequest also drops requests on purpose, which are no errors: robots.txt,
# another site's URL, an article seen recently (fanwen_crawler.middlewares). Any other one (a
# gzip bomb past DOWNLOAD_MAXSIZE, too many redirects, an HTTP error status) is a failure.
_ON_PURPOSE = ("Forbidden by robots.txt", "Filtered offsite request", "seen recently")


class ProfileSpider(scrapy.Spider):
    profile: SiteProfile  # set on the class by spider_class(), or by a subclass per run
    # 304: an article that has not changed since the last run (incremental crawls).
    handle_httpstatus_list = [304, 404, 410]

    def __init__(self, start_url: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.start_urls = [start_url] if start_url else list(self.profile.start_urls)
        hosts = {urlsplit(url).hostname for url in self.start_urls} | set(self.profile.domains)
        self.allowed_domains = sorted(host for host in hosts if host)
        allow = [p.pattern for p in (self.profile.article, self.profile.list) if p is not None]
        deny = list(self.profile.deny)
        if self.profile.article_page is not None:
            deny.append(self.profile.article_page.pattern)
        self.link_extractor = LinkExtractor(allow=allow, deny=deny)
        # ETag / Last-Modified of article first pages, until their item is yielded.
        self._validators: dict[str, tuple[str | None, str | None]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._request_dropped, signal=signals.request_dropped)
        return spider

    def _request_dropped(self, request: scrapy.Request) -> None:
        """A redirect back to a URL of its own chain (A → B → A) is dropped by the duplicate
        filter, which would hide the loop: it is followed on, unfiltered, until
        REDIRECT_MAX_TIMES, and failed() records it as a redirect loop."""
        if not request.dont_filter and request.url in request.meta.get("redirect_urls", ()):
            self.crawler.engine.crawl(request.replace(dont_filter=True))

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if not self.start_urls:
            self.logger.error(
                "%s: no start URL; pass one with -a start_url=URL (fanwen crawl --start-url)",
                self.name,
            )
            return
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.failed)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        unchanged = response.meta.get("fanwen_unchanged")
        if unchanged:  # the stored article is current: only its last_seen moves
            yield self._unchanged(unchanged)
            if response.status == 304:
                return
        elif response.status != 200:
            yield self._item([_part(response)], status=response.status)
            return
        elif self.profile.is_article(response.url):
            self._validators[response.url] = (
                _header(response, "ETag"),
                _header(response, "Last-Modified"),
            )
            yield from self._article_page(response, [])
        if not isinstance(response, TextResponse):
            return  # not HTML: nothing to follow
        for link in self.link_extractor.extract_links(response):
            yield response.follow(link, callback=self.parse, errback=self.failed)

    def failed(self, failure: Any) -> Iterator[PageItem]:
        """A request that ended in an error (after its retries): recorded with the run, in
        one line, instead of Scrapy's traceback, under the URL the page linked (the first of
        its redirects) and with the HTTP status of an error answer (0: no answer)."""
        request = failure.request
        error = failure.value
        if isinstance(error, IgnoreRequest) and not isinstance(error, HttpError):
            if str(error).startswith(_ON_PURPOSE):
                return
        # Scrapy has logged it (one line, fanwen_crawler.process): the run record keeps it.
        chain = [*request.meta.get("redirect_urls", ()), request.url]
        maxsize = request.meta.get("download_maxsize", self.settings.getint("DOWNLOAD_MAXSIZE"))
        yield PageItem(
            url=chain[0],
            site=self.profile.name,
            parts=[],
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            status=error.response.status if isinstance(error, HttpError) else 0,
            profile_name=self.profile.name,
            note=error_line(error, chain, maxsize)[:300],
        )

    def _unchanged(self, article_url: str) -> PageItem:
        return PageItem(
            url=article_url,
            site=self.profile.name,
            parts=[],
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            status=304,
            profile_name=self.profile.name,
        )

    def _article_page(self, response: Response, parts: list[RawPart]) -> Iterator[Any]:
        parts = parts + [_part(response)]
        next_url = self._next_page(response)
        seen = {part.url for part in parts}
        if (
            next_url
            and next_url not in seen
            and is_continuation(parts[0].url, next_url)
            and self._continuation_shape(next_url)
            and len(parts) < MAX_ARTICLE_PAGES
        ):
            yield scrapy.Request(
                next_url,
                callback=self._continuation,
                errback=self._continuation_failed,
                cb_kwargs={"parts": parts},
                meta={"fanwen_part": True},  # never skipped nor conditional: its first page changed
                dont_filter=True,
            )
        else:
            yield self._item(parts)

    def _continuation_shape(self, url: str) -> bool:
        """A next page has the profile's continuation URL shape, when it declares one (a list
        page's page 2 is not an article's), or differs only in its query (?page=2)."""
        pattern = self.profile.article_page
        return pattern is None or bool(pattern.search(url)) or "?" in url

    def _continuation(self, response: Response, parts: list[RawPart]) -> Iterator[Any]:
        if response.status != 200:
            yield self._item(parts)  # keep the pages we have
            return
        yield from self._article_page(response, parts)

    def _continuation_failed(self, failure: Any) -> Iterator[Any]:
        self.logger.warning("continuation page failed: %s", failure.request.url)
        yield self._item(failure.request.cb_kwargs["parts"])

    def _next_page(self, response: Response) -> str | None:
        if not isinstance(response, TextResponse):
            return None
        for query in self.profile.next_page:
            found = response.xpath(query) if query.startswith(("/", "(")) else response.css(query)
            href = found.get()
            if href:
                return str(response.urljoin(href.strip()))
        return None

    def _item(self, parts: list[RawPart], status: int = 200) -> PageItem:
        first = parts[0]
        etag, last_modified = self._validators.pop(first.url, (None, None))
        return PageItem(
            url=first.url,
            site=self.profile.name,
            parts=parts,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            status=status,
            etag=etag,
            last_modified=last_modified,
            profile_name=self.profile.name,
        )


def is_continuation(first_url: str, next_url: str) -> bool:
    """Whether "下一页" leads to the same article's next page (1101.html → 1101_2.html,
    1101-3.html, ?page=2) and not to the next article."""
    first, following = urlsplit(first_url), urlsplit(next_url)
    if (first.hostname, first.path) == (following.hostname, following.path):
        return following.query != first.query  # ?page=2 on the same path
    stem = first.path.rsplit(".", 1)[0]
    return first.hostname == following.hostname and bool(
        re.match(re.escape(stem) + r"[_-]\d+\.\w+$", following.path)
    )


def error_line(error: BaseException, chain: list[str], maxsize: int = 0) -> str:
    """One line saying why a request failed: an HTTP status by its name, a redirect loop by
    its URLs, a download error by the network's own reason (Scrapy wraps Twisted's)."""
    if isinstance(error, HttpError):
        status = error.response.status
        try:
            return f"HTTP {status} {HTTPStatus(status).phrase}"
        except ValueError:  # a status HTTP does not define
            return f"HTTP {status}"
    repeat = next((i for i, url in enumerate(chain) if url in chain[:i]), None)
    if repeat is not None:
        return "redirect loop: " + " → ".join(chain[chain.index(chain[repeat]) : repeat + 1])
    detail = str(error)
    reasons = getattr(error.__cause__, "reasons", None)  # Twisted's ResponseFailed
    if isinstance(error, ResponseDataLossError):
        detail = "the connection closed before the body's Content-Length was received"
    elif isinstance(error, DownloadCancelledError) and not detail.strip():
        # Scrapy cancels a body that grows past the download max size without a message.
        detail = f"the body grew past the download max size ({maxsize} B)"
    elif reasons:
        reason = getattr(reasons[0], "value", reasons[0])
        detail = f"{type(reason).__name__}: {reason}".removesuffix(": ")
    line = f"{type(error).__name__}: {detail.strip()}" if detail.strip() else ""
    return line.splitlines()[0] if line else type(error).__name__


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _part(response: Response) -> RawPart:
    return RawPart(
        url=response.url,
        body=response.body,
        content_type=_header(response, "Content-Type"),
        status=response.status,
    )


def spider_class(profile: SiteProfile) -> type[ProfileSpider]:
    """A named spider class for one profile (what `scrapy list` shows)."""
    class_name = "".join(part.capitalize() for part in profile.name.split("_")) + "Spider"
    attributes = {"name": profile.name, "profile": profile, "__module__": "fanwen_crawler.spiders"}
    return type(class_name, (ProfileSpider,), attributes)
