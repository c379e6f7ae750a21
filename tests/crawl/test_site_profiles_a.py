"""The diyifanwen, liuxue86 and fwsir profiles against loopback copies of their sites.

Each site is crawled once (on first use, shared by the module's tests) with
`fanwen crawl NAME --start-url …`, through every pipeline into SQLite; liuxue86 runs its
desktop and mobile templates on two servers, the mobile pages declaring the desktop ones
canonical. The fixture sites live in tests/crawl/sites/ and publish the bundled sample essays.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fanwen_crawler.profiles import SiteProfile, load_profiles, profile_for_url
from fanwen_crawler.sample_site.server import SampleSiteServer
from fanwen_crawler.sample_site.site import Article, SampleSite
from pipelines.dedup import text_hash
from pipelines.model import RawPart
from pipelines.page import process_page
from pipelines.urls import canonical_url
from tests.conftest import LOOPBACK, run_fanwen
from tests.crawl.sites import diyifanwen, fwsir, liuxue86

SITES = ("diyifanwen", "liuxue86", "fwsir")
PAGE_PATHS: dict[str, Callable[[Article], list[str]]] = {
    "diyifanwen": diyifanwen.page_paths,
    "liuxue86": liuxue86.page_paths,
    "fwsir": fwsir.page_paths,
}
BUILDERS: dict[str, Callable[[], SampleSite]] = {
    "diyifanwen": diyifanwen.build_site,
    "liuxue86": liuxue86.build_site,
    "fwsir": fwsir.build_site,
}


@dataclass
class SiteCrawl:
    name: str
    server: SampleSiteServer  # the site the crawl started on (liuxue86: the desktop site)
    db: Path
    stdout: str
    mobile: SampleSiteServer | None = None

    @property
    def site(self) -> SampleSite:
        return self.server.site

    def url(self, path: str) -> str:
        return canonical_url(self.server.base_url + path)

    def part_paths(self, article: Article) -> list[str]:
        return PAGE_PATHS[self.name](article)

    def rows(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.db) as conn:
            return conn.execute(sql, params).fetchall()

    def article_paths(self) -> set[str]:
        return {path for article in self.site.articles for path in self.part_paths(article)}

    def list_paths(self) -> list[str]:
        """Every HTML page of the fixture that is not part of an article."""
        articles = self.article_paths()
        return [p for p in self.site.pages if p not in articles and p != "/robots.txt"]


def _started(servers: list[SampleSiteServer]) -> SampleSiteServer:
    """A server on a free port, serving an empty site until one is assigned."""
    server = SampleSiteServer(SampleSite()).start()
    servers.append(server)
    return server


def _crawl(name: str, servers: list[SampleSiteServer], db: Path) -> SiteCrawl:
    server = _started(servers)
    mobile = None
    if name == "liuxue86":
        mobile = _started(servers)
        server.site = liuxue86.build_site(mobile_origin=mobile.base_url)
        mobile.site = liuxue86.build_mobile_site(desktop_origin=server.base_url)
    else:
        server.site = BUILDERS[name]()
    result = run_fanwen(
        "crawl", name, "--start-url", server.base_url + "/", "--db", str(db), *LOOPBACK
    )
    assert result.returncode == 0, result.stderr
    return SiteCrawl(name, server, db, result.stdout, mobile)


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], SiteCrawl]]:
    """crawls(NAME): the one crawl of that fixture site, made on first use."""
    done: dict[str, SiteCrawl] = {}
    servers: list[SampleSiteServer] = []

    def get(name: str) -> SiteCrawl:
        if name not in done:
            done[name] = _crawl(name, servers, tmp_path_factory.mktemp(name) / "fanwen.db")
        return done[name]

    try:
        yield get
    finally:
        for server in servers:
            server.stop()


def _source(article: Article) -> str:
    return "\n".join(line for page in article.pages for line in page)


# --- crawls ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SITES)
def test_crawl_finishes_with_no_dead_link(crawls: Callable[[str], SiteCrawl], name: str) -> None:
    crawl = crawls(name)
    ((spider, reason, failures),) = crawl.rows(
        "SELECT spider, finish_reason, failures FROM crawl_runs"
    )
    assert (spider, reason, json.loads(failures)) == (name, "finished", [])


@pytest.mark.parametrize("name", SITES)
def test_every_article_stored_once_with_its_title(
    crawls: Callable[[str], SiteCrawl], name: str
) -> None:
    crawl = crawls(name)
    assert 8 <= len(crawl.site.articles) <= 12
    rows = crawl.rows("SELECT page_url, position, title, site FROM essays")
    expected = {crawl.url(a.path): a.title for a in crawl.site.articles}
    # One essay per article page: no page twice, no list page, no continuation page.
    assert sorted(url for url, *_ in rows) == sorted(expected)
    for url, position, title, site in rows:
        assert (position, title, site) == (1, expected[url], name), url


@pytest.mark.parametrize("name", SITES)
def test_essay_text_word_for_word(crawls: Callable[[str], SiteCrawl], name: str) -> None:
    """Nothing dropped, nothing added, and GBK pages decoded without a replacement character."""
    crawl = crawls(name)
    for article in crawl.site.articles:
        ((title, text),) = crawl.rows(
            "SELECT title, text FROM essays WHERE page_url = ?", crawl.url(article.path)
        )
        assert "\ufffd" not in title + text, article.path
        assert text_hash(text) == text_hash(_source(article)), article.path


@pytest.mark.parametrize("name", SITES)
def test_category_and_date_come_from_the_profile_selectors(
    crawls: Callable[[str], SiteCrawl], name: str
) -> None:
    crawl = crawls(name)
    stored = {
        url: (category, published)
        for url, category, published in crawl.rows(
            "SELECT page_url, category, published FROM essays"
        )
    }
    for article in crawl.site.articles:
        assert stored[crawl.url(article.path)] == (article.category.name, article.date)


@pytest.mark.parametrize(("name", "page_count"), [("diyifanwen", 2), ("liuxue86", 3), ("fwsir", 2)])
def test_multipage_article_is_one_row_with_every_page(
    crawls: Callable[[str], SiteCrawl], name: str, page_count: int
) -> None:
    crawl = crawls(name)
    article = next(a for a in crawl.site.articles if a.path == crawl.site.multipage)
    paths = crawl.part_paths(article)
    assert len(paths) == len(article.pages) == page_count
    first = crawl.url(article.path)
    pages = crawl.rows("SELECT url FROM pages WHERE article_url = ? ORDER BY url", first)
    assert [url for (url,) in pages] == sorted(crawl.url(path) for path in paths)
    assert crawl.rows("SELECT count(*) FROM essays WHERE page_url = ?", first) == [(1,)]
    ((text,),) = crawl.rows("SELECT text FROM essays WHERE page_url = ?", first)
    ends = [text.find(page[-1][-15:]) for page in article.pages]
    assert -1 not in ends and ends == sorted(ends)


@pytest.mark.parametrize("name", SITES)
def test_list_pages_are_crawled_but_not_stored(
    crawls: Callable[[str], SiteCrawl], name: str
) -> None:
    crawl = crawls(name)
    lists = crawl.list_paths()
    assert len(lists) >= 4
    # Every list page, pagination included, was fetched …
    assert set(lists) <= set(crawl.server.requests)
    # … and only article pages became page rows.
    stored = {url for (url,) in crawl.rows("SELECT url FROM pages")}
    assert stored == {crawl.url(path) for path in crawl.article_paths()}


def test_liuxue86_mobile_copies_fold_into_their_desktop_pages(
    crawls: Callable[[str], SiteCrawl],
) -> None:
    crawl = crawls("liuxue86")
    assert crawl.mobile is not None
    # The crawl reached the mobile copy of every article page, continuation pages included …
    assert crawl.article_paths() <= set(crawl.mobile.requests)
    # … and stored no page under a mobile URL: each copy took its desktop page's identity.
    mobile_origin = canonical_url(crawl.mobile.base_url + "/").rstrip("/")
    fetched = [url for (url,) in crawl.rows("SELECT url FROM pages")]
    assert not [url for url in fetched if url.startswith(mobile_origin + "/")]


# --- the liuxue86 mobile template on its own -------------------------------------------------


def test_liuxue86_mobile_pages_extract_with_the_profile() -> None:
    desktop = "http://www.liuxue86-desktop.example"
    mobile = liuxue86.build_mobile_site(desktop_origin=desktop)
    rules = load_profiles()["liuxue86"].extract
    for article in mobile.articles:
        parts = []
        for path in liuxue86.page_paths(article):
            page = mobile.pages[path]
            parts.append(
                RawPart(f"http://m.liuxue86-mobile.example{path}", page.body, page.content_type)
            )
        extracted, document = process_page(parts, rules)
        assert extracted.method == "profile", article.path
        assert extracted.url == canonical_url(desktop + article.path)
        assert [essay.title for essay in document.essays] == [article.title]
        assert text_hash(document.text) == text_hash(_source(article)), article.path


# --- fixture fidelity --------------------------------------------------------------------------


def _html_pages(site: SampleSite) -> list[tuple[str, bytes, str]]:
    return [
        (p, page.body, page.content_type) for p, page in site.pages.items() if p != "/robots.txt"
    ]


def test_diyifanwen_names_gb2312_in_header_and_meta() -> None:
    for path, body, content_type in _html_pages(diyifanwen.build_site()):
        assert content_type == "text/html; charset=gb2312", path
        assert b'content="text/html; charset=gb2312"' in body[:400], path
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")


def test_fwsir_names_gb2312_only_in_meta_and_serves_gbk() -> None:
    site = fwsir.build_site()
    for path, body, content_type in _html_pages(site):
        assert content_type == "text/html", path
        assert b'content="text/html; charset=gb2312"' in body[:400], path
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
    # Two titles hold "——", which GBK has and GB2312 proper does not.
    beyond_gb2312 = [a.title for a in site.articles if "\u2014" in a.title]
    assert len(beyond_gb2312) == 2
    with pytest.raises(UnicodeEncodeError):
        beyond_gb2312[0].encode("gb2312")


def test_fwsir_keeps_titles_beyond_gb2312(crawls: Callable[[str], SiteCrawl]) -> None:
    crawl = crawls("fwsir")
    titles = {title for (title,) in crawl.rows("SELECT title FROM essays")}
    assert {a.title for a in crawl.site.articles if "\u2014" in a.title} <= titles


def test_liuxue86_templates_are_utf8() -> None:
    for site in (liuxue86.build_site(), liuxue86.build_mobile_site()):
        for path, body, content_type in _html_pages(site):
            assert content_type == "text/html; charset=utf-8", path
            assert body.decode("utf-8").count('<meta charset="utf-8">') == 1, path


@pytest.mark.parametrize("name", SITES)
def test_fixture_links_never_lead_the_crawl_off_loopback(name: str) -> None:
    """The only absolute links to a real host (the mobile template's 电脑版 home link) are
    ones the profile never follows, so a crawl of a fixture stays on loopback."""
    profile = load_profiles()[name]
    sites = [BUILDERS[name]()]
    if name == "liuxue86":
        sites.append(liuxue86.build_mobile_site())
    charset = "utf-8" if name == "liuxue86" else "gb18030"
    for site in sites:
        for path, body, _ in _html_pages(site):
            chunks = body.decode(charset).split('<a href="')[1:]
            hrefs = [chunk.split('"', 1)[0] for chunk in chunks]
            absolute = [h for h in hrefs if h.startswith(("http:", "https:", "//"))]
            followed = [
                h
                for h in absolute
                if not profile.is_denied(h)
                and (profile.article.search(h) or (profile.list and profile.list.search(h)))
            ]
            assert not followed, path


# --- the profiles ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def profiles() -> dict[str, SiteProfile]:
    return load_profiles()


@pytest.mark.parametrize(
    ("name", "url", "kind"),
    [
        ("diyifanwen", "https://www.diyifanwen.com/fanwen/xindetihui/1234567.htm", "article"),
        ("diyifanwen", "https://www.diyifanwen.com/fanwen/xindetihui/1234567_2.htm", "page"),
        (
            "diyifanwen",
            "https://m.diyifanwen.com/jiaoan/jiunianjiyuwenjiaoan/720582.html",
            "article",
        ),
        (
            "diyifanwen",
            "https://www.diyifanwen.com/zuowen/yingyuzuowen/zkyyzw/2010051523105152347092749890.htm",
            "article",
        ),
        ("diyifanwen", "https://www.diyifanwen.com/fanwen/", "list"),
        ("diyifanwen", "https://www.diyifanwen.com/fanwen/xindetihui/", "list"),
        ("diyifanwen", "https://www.diyifanwen.com/fanwen/xindetihui/index_2.htm", "list"),
        (
            "diyifanwen",
            "https://www.diyifanwen.com/zuowen/yingyuzuowen/zkyyzw/index_11.htm",
            "list",
        ),
        ("diyifanwen", "https://www.diyifanwen.com/tool/baijiaxing/", "denied"),
        ("liuxue86", "https://www.liuxue86.com/a/4567890.html", "article"),
        ("liuxue86", "https://m.liuxue86.com/a/4567890.html", "article"),
        ("liuxue86", "https://www.liuxue86.com/a/4567890_3.html", "page"),
        ("liuxue86", "https://www.liuxue86.com/xindetihui/", "list"),
        ("liuxue86", "https://www.liuxue86.com/xindetihui/2.html", "list"),
        ("liuxue86", "https://www.liuxue86.com/gaokao/dilizhishidian/", "list"),
        ("liuxue86", "https://m.liuxue86.com/jigou/17/", "denied"),
        ("fwsir", "https://www.fwsir.com/Article/HTML/Article_20190512_45678.html", "article"),
        ("fwsir", "https://www.fwsir.com/Article/HTML/Article_20190512_45678_2.html", "page"),
        ("fwsir", "https://www.fwsir.com/Article/List_1.html", "list"),
        ("fwsir", "https://www.fwsir.com/Article/List_3.html", "list"),
        ("fwsir", "https://www.fwsir.com/Speech/Index.html", "list"),
    ],
)
def test_profile_routes_real_site_urls(
    profiles: dict[str, SiteProfile], name: str, url: str, kind: str
) -> None:
    profile = profiles[name]
    assert profile_for_url(url, profiles) is profile
    page = profile.article_page is not None and bool(profile.article_page.search(url))
    listed = profile.list is not None and bool(profile.list.search(url))
    routes = {
        "article": (True, False, False, False),
        "page": (False, True, False, False),
        "list": (False, False, True, False),
        "denied": (False, False, listed, True),
    }
    assert (profile.is_article(url), page, listed, profile.is_denied(url)) == routes[kind]


@pytest.mark.parametrize(
    ("host", "name"),
    [
        ("www.diyifanwen.com", "diyifanwen"),
        ("m.diyifanwen.com", "diyifanwen"),
        ("www.liuxue86.com", "liuxue86"),
        ("m.liuxue86.com", "liuxue86"),
        ("liuxue86-mirror.example", "liuxue86"),
        ("www.fwsir.com", "fwsir"),
    ],
)
def test_profile_is_found_by_host(profiles: dict[str, SiteProfile], host: str, name: str) -> None:
    found = profile_for_url(f"https://{host}/", profiles)
    assert found is not None and found.name == name


FOREIGN_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body><h1>某单位年度工作总结</h1><{tag} {attr}>
<p>今年以来，我们围绕年初确定的目标任务，扎实推进各项工作，全年任务完成情况总体良好。</p>
<p>一是加强学习，提高认识；二是完善制度，规范管理；三是狠抓落实，确保实效，取得了新成绩。</p>
</{tag}></body></html>"""


@pytest.mark.parametrize(
    ("tag", "attr"),
    [
        ("div", 'class="article-content"'),
        ("div", 'id="article-content"'),
        ("td", 'id="fontzoom"'),
    ],
)
def test_profiles_with_common_selectors_do_not_claim_other_sites(
    profiles: dict[str, SiteProfile], tag: str, attr: str
) -> None:
    """Pages of unknown sites are matched against every profile's body selectors: the generic
    class and id names of liuxue86 and fwsir must not make their pages theirs."""
    html = FOREIGN_PAGE.format(title="某单位年度工作总结_示例文档网", tag=tag, attr=attr)
    if tag == "td":
        html = html.replace("<td ", "<table><tr><td ").replace("</td>", "</td></tr></table>")
    part = RawPart("http://docs.example/1.html", html.encode("utf-8"), "text/html; charset=utf-8")
    extracted, _ = process_page([part], None, [p.extract for p in profiles.values()])
    assert extracted.site not in {profiles["liuxue86"].site, profiles["fwsir"].site}
