"""The xuexila and wenku site profiles, each crawling its fixture site over loopback.

One crawl per site (module-scoped fixtures); every test reads that crawl's database and the
fixture's own record of what it served.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fanwen_crawler.sample_site import SampleSiteServer
from pipelines.dedup import normalize, text_hash
from pipelines.urls import canonical_url
from tests.conftest import LOOPBACK, run_fanwen
from tests.crawl.sites import wenku, xuexila


@dataclass
class SiteCrawl:
    server: SampleSiteServer
    db: Path

    def rows(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.db) as conn:
            return conn.execute(sql, params).fetchall()

    def essay(self, url: str) -> tuple[str, str, str | None, str | None, list[str]]:
        """(title, text, category, published, flags) of the one essay stored for a page."""
        rows = self.rows(
            "SELECT title, text, category, published, flags FROM essays WHERE page_url = ?",
            canonical_url(url),
        )
        assert len(rows) == 1, (url, rows)
        title, text, category, published, flags = rows[0]
        return title, text, category, published, json.loads(flags)

    def article_pages(self, url: str) -> list[str]:
        found = self.rows(
            "SELECT url FROM pages WHERE article_url = ? ORDER BY url", canonical_url(url)
        )
        return [row[0] for row in found]


def _crawl(name: str, server: SampleSiteServer, db: Path) -> SiteCrawl:
    result = run_fanwen(
        "crawl", name, "--start-url", server.base_url + "/", "--db", str(db), *LOOPBACK
    )
    assert result.returncode == 0, result.stderr
    return SiteCrawl(server, db)


@pytest.fixture(scope="module")
def xuexila_site() -> xuexila.XuexilaSite:
    return xuexila.build_site()


@pytest.fixture(scope="module")
def xuexila_crawl(
    xuexila_site: xuexila.XuexilaSite, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SiteCrawl]:
    server = SampleSiteServer(xuexila_site).start()
    try:
        yield _crawl("xuexila", server, tmp_path_factory.mktemp("xuexila") / "fanwen.db")
    finally:
        server.stop()


@pytest.fixture(scope="module")
def wenku_site() -> wenku.WenkuSite:
    return wenku.build_site()


@pytest.fixture(scope="module")
def wenku_crawl(
    wenku_site: wenku.WenkuSite, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SiteCrawl]:
    server = SampleSiteServer(wenku_site).start()
    try:
        yield _crawl("wenku", server, tmp_path_factory.mktemp("wenku") / "fanwen.db")
    finally:
        server.stop()


def _run_was_clean(crawl: SiteCrawl, served: dict[str, Any], denied: tuple[str, ...]) -> None:
    """Finished, no failed URL, no request for a path the site does not serve or the profile
    denies."""
    ((failures, reason),) = crawl.rows("SELECT failures, finish_reason FROM crawl_runs")
    assert reason == "finished" and json.loads(failures) == []
    requested = set(crawl.server.requests)
    assert requested <= set(served), requested - set(served)
    assert not [path for path in requested if path.startswith(denied)]


# --- 学习啦 ---------------------------------------------------------------------------------


def test_xuexila_stores_every_article_once_with_title_category_and_date(
    xuexila_site: xuexila.XuexilaSite, xuexila_crawl: SiteCrawl
) -> None:
    for entry in xuexila_site.entries:
        title, _, category, published, flags = xuexila_crawl.essay(entry.canonical)
        assert (title, category, published) == (entry.title, entry.column.name, entry.essay.date)
        assert "truncated" not in flags
    assert xuexila_crawl.rows("SELECT count(*) FROM essays") == [(len(xuexila_site.entries),)]


def test_xuexila_keeps_essay_text_word_for_word_without_author_line(
    xuexila_site: xuexila.XuexilaSite, xuexila_crawl: SiteCrawl
) -> None:
    for entry in xuexila_site.entries:
        _, text, *_ = xuexila_crawl.essay(entry.canonical)
        assert text_hash(text) == text_hash(entry.text), entry.path
        assert f"作者：{entry.author}" not in text and entry.posted not in text, entry.path
        assert "还看了" not in text and "APP" not in text and "小编" not in text, entry.path


def test_xuexila_mobile_and_desktop_copies_are_one_page(
    xuexila_site: xuexila.XuexilaSite, xuexila_crawl: SiteCrawl
) -> None:
    requested = set(xuexila_crawl.server.requests)
    assert set(xuexila_site.home_mobile_links) <= requested  # the desktop home links them
    base = xuexila_crawl.server.base_url
    for entry in xuexila_site.entries:
        # Both copies were fetched …
        assert {entry.path, entry.mobile_path} <= requested, entry.path
        # … and are one page row, named by the canonical (desktop) URL.
        rows = xuexila_crawl.rows(
            "SELECT fetched_url FROM pages WHERE url = ?", canonical_url(entry.canonical)
        )
        assert len(rows) == 1
        assert rows[0][0] in (base + entry.path, base + entry.mobile_path)
    stored = [url for (url,) in xuexila_crawl.rows("SELECT url FROM pages")]
    assert not [url for url in stored if "/m/" in url or "127.0.0.1" in url]


def test_xuexila_multipage_article_is_one_row_with_every_page(
    xuexila_site: xuexila.XuexilaSite, xuexila_crawl: SiteCrawl
) -> None:
    entry = next(e for e in xuexila_site.entries if e.path == xuexila_site.multipage)
    assert len(entry.pages) == 3
    expected = [canonical_url(url) for url in entry.canonical_pages]
    assert xuexila_crawl.article_pages(entry.canonical) == sorted(expected)
    requested = set(xuexila_crawl.server.requests)
    assert set(entry.page_paths()) | set(entry.page_paths(mobile=True)) <= requested
    _, text, *_ = xuexila_crawl.essay(entry.canonical)
    positions = [text.find(page[-1][-20:]) for page in entry.pages]
    assert -1 not in positions and positions == sorted(positions)


def test_xuexila_stores_no_list_page(
    xuexila_site: xuexila.XuexilaSite, xuexila_crawl: SiteCrawl
) -> None:
    assert set(xuexila_site.list_paths) <= set(xuexila_crawl.server.requests)
    expected = {canonical_url(u) for e in xuexila_site.entries for u in e.canonical_pages}
    stored = xuexila_crawl.rows("SELECT url, fetched_url, article_url FROM pages")
    assert {url for url, _, _ in stored} == expected
    base = xuexila_crawl.server.base_url
    assert not [f for _, f, _ in stored if f.removeprefix(base) in xuexila_site.list_paths]
    essays = {url for (url,) in xuexila_crawl.rows("SELECT page_url FROM essays")}
    assert essays == {canonical_url(e.canonical) for e in xuexila_site.entries}


def test_xuexila_run_fetches_only_served_and_allowed_paths(
    xuexila_site: xuexila.XuexilaSite, xuexila_crawl: SiteCrawl
) -> None:
    denied = tuple(sorted(xuexila_site.denied_prefixes))
    _run_was_clean(xuexila_crawl, xuexila_site.pages, denied + ("/m/search/",))


# --- 文库 -----------------------------------------------------------------------------------

_DOCLIB_CHROME = re.compile(
    r"第\s*\d+\s*页\s*/\s*共|已阅读|页未读|篇幅|甄别|全文阅读已结束|积分|下载|上传|文档介绍"
)


def test_wenku_stores_every_document_once_with_title_category_and_date(
    wenku_site: wenku.WenkuSite, wenku_crawl: SiteCrawl
) -> None:
    for doc in wenku_site.docs:
        title, text, category, published, _ = wenku_crawl.essay(doc.canonical)
        assert (title, category, published) == (doc.title, doc.shelf.name, doc.essay.date)
        assert "\ufffd" not in text  # GBK decoded
    assert wenku_crawl.rows("SELECT count(*) FROM essays") == [(len(wenku_site.docs),)]


def test_wenku_complete_documents_keep_text_word_for_word(
    wenku_site: wenku.WenkuSite, wenku_crawl: SiteCrawl
) -> None:
    complete = [doc for doc in wenku_site.docs if not doc.truncated]
    assert len(complete) >= 6
    for doc in complete:
        _, text, _, _, flags = wenku_crawl.essay(doc.canonical)
        assert text_hash(text) == text_hash(doc.full_text), doc.path
        assert "truncated" not in flags, doc.path
        assert not _DOCLIB_CHROME.search(text), (doc.path, _DOCLIB_CHROME.search(text))


def test_wenku_preview_limited_documents_keep_the_shown_prefix(
    wenku_site: wenku.WenkuSite, wenku_crawl: SiteCrawl
) -> None:
    limited = [doc for doc in wenku_site.docs if doc.truncated]
    assert len(limited) == 3
    for doc in limited:
        _, text, _, _, flags = wenku_crawl.essay(doc.canonical)
        words, full = normalize(text), normalize(doc.full_text)
        assert words == normalize(doc.shown_text), doc.path
        assert full.startswith(words) and len(words) < len(full), doc.path
        assert not _DOCLIB_CHROME.search(text), (doc.path, _DOCLIB_CHROME.search(text))
        if doc.layout.notice == "full":  # 因篇幅问题不能全部显示 is a truncation marker
            assert "truncated" in flags, doc.path


def test_wenku_read_count_notice_alone_flags_truncated(
    wenku_site: wenku.WenkuSite, wenku_crawl: SiteCrawl
) -> None:
    (doc,) = [d for d in wenku_site.docs if d.truncated and d.layout.notice == "read-count"]
    *_, flags = wenku_crawl.essay(doc.canonical)
    assert "truncated" in flags


def test_wenku_document_over_several_urls_is_one_row_with_every_page(
    wenku_site: wenku.WenkuSite, wenku_crawl: SiteCrawl
) -> None:
    doc = next(d for d in wenku_site.docs if d.path == wenku_site.multipage)
    assert len(doc.paths) == 3
    assert set(doc.paths) <= set(wenku_crawl.server.requests)
    expected = [canonical_url(url) for url in doc.canonical_pages]
    assert wenku_crawl.article_pages(doc.canonical) == sorted(expected)
    _, text, *_ = wenku_crawl.essay(doc.canonical)
    assert text_hash(text) == text_hash(doc.full_text)
    positions = [text.find(page[-1][-12:]) for page in doc.pages]
    assert -1 not in positions and positions == sorted(positions)


def test_wenku_next_page_to_another_document_is_not_stitched(
    wenku_site: wenku.WenkuSite, wenku_crawl: SiteCrawl
) -> None:
    first, other = wenku_site.next_doc_pair
    assert first and other
    assert wenku_crawl.article_pages(wenku.ORIGIN + first) == [canonical_url(wenku.ORIGIN + first)]
    assert wenku_crawl.article_pages(wenku.ORIGIN + other) == [canonical_url(wenku.ORIGIN + other)]


def test_wenku_stores_no_list_page(wenku_site: wenku.WenkuSite, wenku_crawl: SiteCrawl) -> None:
    assert set(wenku_site.list_paths) <= set(wenku_crawl.server.requests)
    expected = {canonical_url(u) for d in wenku_site.docs for u in d.canonical_pages}
    assert {url for (url,) in wenku_crawl.rows("SELECT url FROM pages")} == expected
    essays = {url for (url,) in wenku_crawl.rows("SELECT page_url FROM essays")}
    assert essays == {canonical_url(d.canonical) for d in wenku_site.docs}


def test_wenku_run_fetches_only_served_and_allowed_paths(
    wenku_site: wenku.WenkuSite, wenku_crawl: SiteCrawl
) -> None:
    denied = ("/download/", "/user/", "/upload/", "/search", "/vip/", "/report/", "/tag/")
    _run_was_clean(wenku_crawl, wenku_site.pages, denied + ("/help/", "/about/"))
