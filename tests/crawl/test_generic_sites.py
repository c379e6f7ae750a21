"""The generic spider (`fanwen crawl URL`) on three sites whose layouts no profile describes.

tests/crawl/sites/generic_table_gbk.py (an old GBK table layout), generic_modern.py (an HTML5 blog
layout) and generic_paged.py (articles split over 2–3 pages) publish the bundled sample essays.
Each site is crawled once, on first use, with `fanwen crawl http://127.0.0.1:PORT/`, through
every pipeline into SQLite; the tests then compare what was stored with what was served.

Text is scored as in bench/extract_quality.py: NFKC, tokens are CJK ideographs and ASCII
letter/digit runs, bag-of-tokens precision/recall/F1 against the source essay.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from parsel import Selector

from fanwen_crawler.profiles import load_profiles
from fanwen_crawler.sample_site.server import SampleSiteServer
from fanwen_crawler.sample_site.site import Article, SampleSite
from fanwen_crawler.spiders.generic import ARTICLE_URL, CONTINUATION_URL, NOT_CONTENT
from pipelines.clean import decode
from tests.conftest import LOOPBACK, run_fanwen
from tests.crawl.sites import generic_modern, generic_paged, generic_table_gbk

TOKEN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]|[A-Za-z0-9]+")
MIN_FOUND = 0.95
MIN_F1 = 0.90
# Paths the generic spider must never request: tag, search, account and download pages.
SKIPPED = re.compile(r"^/(?:tag/|search\.php|member/|login\.|register\.|download\.php)")


@dataclass(frozen=True)
class FixtureSite:
    build: Callable[[], SampleSite]
    page_paths: Callable[[Article], list[str]]  # every page of an article, page one first


SITES: dict[str, FixtureSite] = {
    "generic_table_gbk": FixtureSite(generic_table_gbk.build_site, generic_table_gbk.page_paths),
    "generic_modern": FixtureSite(generic_modern.build_site, generic_modern.page_paths),
    "generic_paged": FixtureSite(generic_paged.build_site, generic_paged.page_paths),
}
NAMES = tuple(SITES)


@dataclass
class SiteCrawl:
    name: str
    server: SampleSiteServer
    db: Path
    returncode: int
    stderr: str

    @property
    def site(self) -> SampleSite:
        return self.server.site

    def part_paths(self, article: Article) -> list[str]:
        return SITES[self.name].page_paths(article)

    def rows(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.db) as conn:
            return conn.execute(sql, params).fetchall()

    def essays_by_path(self) -> dict[str, list[tuple[str, str]]]:
        """{path of page_url: [(title, text) of its essays, in order]}."""
        stored: dict[str, list[tuple[str, str]]] = {}
        for url, title, text in self.rows(
            "SELECT page_url, title, text FROM essays ORDER BY page_url, position"
        ):
            stored.setdefault(path_of(url), []).append((title, text))
        return stored


def path_of(url: str) -> str:
    """Stored URLs are canonical (a page may declare another origin): compare paths."""
    return urlsplit(url).path


def tokens(text: str) -> Counter[str]:
    return Counter(TOKEN.findall(unicodedata.normalize("NFKC", text)))


def source_text(article: Article) -> str:
    return "\n\n".join(line for page in article.pages for line in page)


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class Overlap:
    tp: int
    predicted: int
    gold: int

    @property
    def f1(self) -> float:
        precision = self.tp / max(self.predicted, 1)
        recall = self.tp / max(self.gold, 1)
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def overlap(predicted: str, gold: str) -> Overlap:
    pred, truth = tokens(predicted), tokens(gold)
    return Overlap(sum((pred & truth).values()), sum(pred.values()), sum(truth.values()))


def _crawl(name: str, db: Path) -> SiteCrawl:
    server = SampleSiteServer(SITES[name].build()).start()
    result = run_fanwen("crawl", server.base_url + "/", "--db", str(db), *LOOPBACK)
    return SiteCrawl(name, server, db, result.returncode, result.stderr)


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], SiteCrawl]]:
    """crawls(NAME): the one crawl of that fixture site, made on first use."""
    done: dict[str, SiteCrawl] = {}

    def get(name: str) -> SiteCrawl:
        if name not in done:
            done[name] = _crawl(name, tmp_path_factory.mktemp(name) / "fanwen.db")
        crawl = done[name]
        assert crawl.returncode == 0, crawl.stderr
        return crawl

    try:
        yield get
    finally:
        for crawl in done.values():
            crawl.server.stop()


# --- the fixture sites themselves (no crawl) ----------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_fixture_site_has_the_promised_pages(name: str) -> None:
    fixture = SITES[name]
    site = fixture.build()
    assert 10 <= len(site.articles) <= 14
    article_paths = {p for a in site.articles for p in fixture.page_paths(a)}
    assert article_paths <= set(site.pages)
    for article in site.articles:
        first, *rest = fixture.page_paths(article)
        assert ARTICLE_URL.search(first) and not CONTINUATION_URL.search(first), first
        assert all(CONTINUATION_URL.search(path) for path in rest), rest
    others = [p for p in site.pages if p not in article_paths]
    assert any(p.startswith("/tag/") and p.endswith(".html") for p in others)
    assert any(p == "/search.php" for p in others)
    assert "/about.html" in others
    # Category lists are paginated: some list page links its 下一页.
    assert any(
        "下一页" in decode(site.pages[p].body, site.pages[p].content_type).text for p in others
    )
    # robots.txt disallows the directory of one article that the home page links.
    robots = site.pages["/robots.txt"].body.decode()
    directory = site.disallowed.rsplit("/", 1)[0] + "/"
    assert f"Disallow: {directory}" in robots
    assert site.disallowed in site.pages and site.disallowed not in article_paths
    assert f'href="{site.disallowed}"' in decode(site.pages["/"].body).text


@pytest.mark.parametrize("name", NAMES)
def test_no_profile_describes_the_fixture_layout(name: str) -> None:
    """Extraction on these sites must be the generic one: no profile's detect/body matches."""
    site = SITES[name].build()
    rules = [profile.extract for profile in load_profiles().values()]
    for path, page in site.pages.items():
        if path == "/robots.txt":
            continue
        sel = Selector(text=decode(page.body, page.content_type).text)
        for rule in rules:
            for query in rule.detect or rule.body:
                found = sel.xpath(query) if query.startswith(("/", "(")) else sel.css(query)
                assert not found, (path, rule.site, query)


def test_gbk_site_declares_its_charset_only_in_meta() -> None:
    site = generic_table_gbk.build_site()
    for path, page in site.pages.items():
        if path == "/robots.txt":
            continue
        assert page.content_type == "text/html", path
        assert b'content="text/html; charset=gbk"' in page.body, path
        with pytest.raises(UnicodeDecodeError):
            page.body.decode("utf-8")
        assert decode(page.body, page.content_type).encoding in ("gbk", "gb18030")


# --- one crawl per site ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_generic_crawl_finishes(crawls: Callable[[str], SiteCrawl], name: str) -> None:
    crawl = crawls(name)
    ((spider, reason),) = crawl.rows("SELECT spider, finish_reason FROM crawl_runs")
    assert (spider, reason) == ("generic", "finished")


@pytest.mark.parametrize(
    "name",
    [
        "generic_table_gbk",
        "generic_modern",
        "generic_paged",
    ],
)
def test_articles_found_by_title(crawls: Callable[[str], SiteCrawl], name: str) -> None:
    crawl = crawls(name)
    titles = {squash(title) for (title,) in crawl.rows("SELECT title FROM essays")}
    missing = [a.title for a in crawl.site.articles if squash(a.title) not in titles]
    found = len(crawl.site.articles) - len(missing)
    assert found >= MIN_FOUND * len(crawl.site.articles), missing


@pytest.mark.parametrize("name", NAMES)
def test_articles_found_on_their_urls(crawls: Callable[[str], SiteCrawl], name: str) -> None:
    crawl = crawls(name)
    stored = crawl.essays_by_path()
    missing = [a.path for a in crawl.site.articles if a.path not in stored]
    found = len(crawl.site.articles) - len(missing)
    assert found >= MIN_FOUND * len(crawl.site.articles), missing


@pytest.mark.parametrize("name", NAMES)
def test_essay_text_matches_the_source(crawls: Callable[[str], SiteCrawl], name: str) -> None:
    """Character-level F1 ≥ 0.90 over all articles (a missing article counts as empty), and for
    every article stored."""
    crawl = crawls(name)
    stored = crawl.essays_by_path()
    scores: dict[str, Overlap] = {}
    for article in crawl.site.articles:
        text = "\n\n".join(text for _, text in stored.get(article.path, []))
        scores[article.path] = overlap(text, source_text(article))
    total = Overlap(
        sum(s.tp for s in scores.values()),
        sum(s.predicted for s in scores.values()),
        sum(s.gold for s in scores.values()),
    )
    assert total.f1 >= MIN_F1
    poor = {path: round(s.f1, 3) for path, s in scores.items() if path in stored and s.f1 < MIN_F1}
    assert not poor


@pytest.mark.parametrize(
    "name",
    [
        "generic_table_gbk",
        "generic_modern",
        "generic_paged",
    ],
)
def test_essays_only_on_article_pages(crawls: Callable[[str], SiteCrawl], name: str) -> None:
    """No list, tag, search or about page (nor a continuation page) holds an essay."""
    crawl = crawls(name)
    firsts = {article.path for article in crawl.site.articles}
    off_article = sorted(set(crawl.essays_by_path()) - firsts)
    assert not off_article
    # Article-shaped pages without prose (list pages at …list_2.html) are stored as pages with
    # a note and no essay.
    parts = {path for article in crawl.site.articles for path in crawl.part_paths(article)}
    unnoted = [
        path_of(url)
        for url, note in crawl.rows("SELECT fetched_url, note FROM pages")
        if path_of(url) not in parts and note is None
    ]
    assert not unnoted


@pytest.mark.parametrize("name", NAMES)
def test_multipage_articles_are_one_row(crawls: Callable[[str], SiteCrawl], name: str) -> None:
    """Pages 2, 3 … are stored under page one's article_url; 下一篇 is never stitched."""
    crawl = crawls(name)
    by_article: dict[str, list[str]] = {}
    for fetched, article_url in crawl.rows("SELECT fetched_url, article_url FROM pages"):
        by_article.setdefault(path_of(article_url), []).append(path_of(fetched))
    stored = crawl.essays_by_path()
    multipage = [a for a in crawl.site.articles if len(a.pages) > 1]
    assert len(multipage) == (3 if name == "generic_paged" else 0)
    for article in crawl.site.articles:
        paths = crawl.part_paths(article)
        assert sorted(by_article.get(article.path, [])) == sorted(paths), article.path
        assert len(stored.get(article.path, [])) == 1, article.path
    for article in multipage:
        ((_, text),) = stored[article.path]
        # The essay holds every page's text, in page order.
        ends = [text.find(page[-1][-12:]) for page in article.pages]
        assert -1 not in ends and ends == sorted(ends), article.path
    continuations = {p for a in multipage for p in crawl.part_paths(a)[1:]}
    assert continuations <= set(crawl.server.requests)
    assert not continuations & set(by_article)


@pytest.mark.parametrize("name", NAMES)
def test_robots_disallowed_article_never_requested(
    crawls: Callable[[str], SiteCrawl], name: str
) -> None:
    crawl = crawls(name)
    directory = crawl.site.disallowed.rsplit("/", 1)[0] + "/"
    assert "/robots.txt" in crawl.server.requests
    assert not [path for path in crawl.server.requests if path.startswith(directory)]


@pytest.mark.parametrize("name", NAMES)
def test_tag_search_account_and_download_pages_never_requested(
    crawls: Callable[[str], SiteCrawl], name: str
) -> None:
    crawl = crawls(name)
    assert not [path for path in crawl.server.requests if SKIPPED.match(path)]
    assert not [
        path
        for path in crawl.server.requests
        if any(re.search(pattern, path) for pattern in NOT_CONTENT)
    ]
