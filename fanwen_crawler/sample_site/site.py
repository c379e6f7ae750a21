"""Build every page of the sample site in memory from the bundled essays.

Besides plain articles the site holds the cases a crawler must survive: an article split over
three pages, a GBK category declared only in <meta>, one essay reposted under another title, a
"三篇" collection containing an essay also posted alone, a dead link, a redirect, a path
disallowed by robots.txt, a page that fails once with 503, a paragraph broken mid-sentence and
a page written with half-width punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from fanwen_crawler.sample_site import render
from fanwen_crawler.sample_site.essays import SourceEssay, load_essays
from pipelines.clean import is_cjk

PER_LIST_PAGE = 5
_HEADING = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、])")
GBK_META = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    charset: str = "utf-8"

    @property
    def href(self) -> str:
        return f"/{self.slug}/"


CATEGORIES = (
    Category("xindetihui", "心得体会"),
    Category("gongzuozongjie", "工作总结"),
    Category("yanjianggao", "演讲稿"),
    Category("shenqingshu", "申请书", "gbk"),
    Category("sixianghuibao", "思想汇报"),
    Category("zuixinfanwen", "最新范文"),
)
_BY_SLUG = {c.slug: c for c in CATEGORIES}


@dataclass(frozen=True)
class Page:
    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None


@dataclass
class Article:
    path: str
    title: str
    category: Category
    date: str
    keywords: tuple[str, ...]
    pages: list[list[str]]  # content lines of each page of the article
    listed_as: str = ""  # the URL list pages link to, when it differs from `path`

    @property
    def link(self) -> tuple[str, str]:
        return self.title, self.listed_as or self.path


@dataclass
class SampleSite:
    """Every path the server answers, plus facts the tests check against."""

    pages: dict[str, Page] = field(default_factory=dict)
    articles: list[Article] = field(default_factory=list)
    fail_once: set[str] = field(default_factory=set)
    dead_link: str = ""
    redirect_from: str = ""
    disallowed: str = ""
    multipage: str = ""
    duplicate_pair: tuple[str, str] = ("", "")
    collection: str = ""
    broken_paragraph: tuple[str, str] = ("", "")  # (path, the paragraph served as two lines)


def build_site() -> SampleSite:
    essays = load_essays()
    site = SampleSite()
    for category in CATEGORIES[:-1]:
        for essay in essays.get(category.slug, []):
            site.articles.append(_article(category, essay))
    _add_special_cases(site, essays)
    nav = [("首页", "/")] + [(c.name, c.href) for c in CATEGORIES]
    hot = [a.link for a in site.articles[:6]]
    for article in site.articles:
        related = [
            a.link for a in site.articles if a.category == article.category and a is not article
        ]
        _render_article(site, article, nav, related[:5], hot)
    for category in CATEGORIES:
        _render_lists(site, category, [a for a in site.articles if a.category == category], nav)
    site.pages["/"] = _html(
        render.home_page(
            sections=[
                ((c.name, c.href), [a.link for a in site.articles if a.category == c][:4])
                for c in CATEGORIES
            ]
            + [(("会员专区", "/member/"), [("会员专享范文", site.disallowed)])],
            nav=nav,
        )
    )
    site.pages["/robots.txt"] = Page(200, b"User-agent: *\nDisallow: /member/\n", "text/plain")
    return site


def _article(category: Category, essay: SourceEssay, path: str = "", title: str = "") -> Article:
    number = 1000 + 100 * (CATEGORIES.index(category) + 1) + essay.number
    return Article(
        path=path or f"/{category.slug}/{number}.html",
        title=title or essay.title,
        category=category,
        date=essay.date,
        keywords=essay.keywords,
        pages=[list(essay.paragraphs)],
    )


def _add_special_cases(site: SampleSite, essays: dict[str, list[SourceEssay]]) -> None:
    xinde = essays["xindetihui"]
    by_path = {a.path: a for a in site.articles}
    # The long essay is served as three pages: 1101.html, 1101_2.html, 1101_3.html.
    long_article = by_path["/xindetihui/1101.html"]
    site.multipage = long_article.path
    long_article.pages = _split_in_three(long_article.pages[0])
    # The last two 心得体会 only appear inside the "三篇" collection, with the third-last one
    # that is also posted alone.
    bundled = xinde[-3:]
    for essay in bundled[1:]:
        site.articles.remove(by_path[_article(_BY_SLUG["xindetihui"], essay).path])
    latest = _BY_SLUG["zuixinfanwen"]
    collection_lines = [f"{bundled[0].keywords[0]}范文精选三篇"]
    for index, essay in enumerate(bundled, start=1):
        collection_lines += [f"【{index}】{essay.title}", *essay.paragraphs]
    site.collection = "/zuixinfanwen/1601.html"
    site.articles.append(
        Article(
            site.collection,
            f"{bundled[0].keywords[0]}范文精选三篇",
            latest,
            bundled[0].date,
            bundled[0].keywords,
            [collection_lines],
        )
    )
    # One 工作总结 reposted under 最新范文 with another title.
    original = by_path["/gongzuozongjie/1203.html"]
    repost = _article(
        latest, essays["gongzuozongjie"][2], "/zuixinfanwen/1602.html", f"最新{original.title}范本"
    )
    site.articles.append(repost)
    site.duplicate_pair = (original.path, repost.path)
    # A paragraph broken mid-sentence, as copy-pasted pages often are.
    broken = by_path["/gongzuozongjie/1202.html"]
    index = next(i for i, p in enumerate(broken.pages[0]) if len(p) > 60 and not _HEADING.match(p))
    broken.pages[0][index : index + 1] = _break_mid_sentence(broken.pages[0][index])
    site.broken_paragraph = (broken.path, broken.pages[0][index] + broken.pages[0][index + 1])
    # A page typed with half-width punctuation.
    half = by_path["/yanjianggao/1302.html"]
    half.pages[0] = [unicodedata.normalize("NFKC", line) for line in half.pages[0]]
    # The list page links an old URL that redirects permanently to the article.
    moved = by_path["/yanjianggao/1304.html"]
    moved.listed_as = site.redirect_from = "/old/1304.html"
    site.pages[site.redirect_from] = Page(301, location=moved.path)
    # The last 思想汇报 sits under /member/, which robots.txt disallows.
    member = by_path[f"/sixianghuibao/{1500 + essays['sixianghuibao'][-1].number}.html"]
    member.path = site.disallowed = "/member/1599.html"
    site.articles.remove(member)
    _render_article(site, member, [], [], [])
    site.fail_once.add("/sixianghuibao/1503.html")
    site.dead_link = "/gongzuozongjie/1299.html"


def _split_in_three(paragraphs: list[str]) -> list[list[str]]:
    size = -(-len(paragraphs) // 3)
    return [paragraphs[i : i + size] for i in range(0, len(paragraphs), size)]


def _break_mid_sentence(paragraph: str) -> list[str]:
    cut = len(paragraph) // 2
    while cut < len(paragraph) - 1 and not (is_cjk(paragraph[cut - 1]) and is_cjk(paragraph[cut])):
        cut += 1
    return [paragraph[:cut], paragraph[cut:]]


def _render_article(
    site: SampleSite,
    article: Article,
    nav: Sequence[tuple[str, str]],
    related: Sequence[tuple[str, str]],
    hot: Sequence[tuple[str, str]],
) -> None:
    base = article.path.removesuffix(".html")
    urls = [article.path] + [f"{base}_{n}.html" for n in range(2, len(article.pages) + 1)]
    flat = "".join(article.pages[0])
    meta = [
        f"{article.title} 本文关键词:{','.join(article.keywords)}",
        f"{article.title} 本文简介:{flat[:100]}",
        f"{article.title} 本文内容:",
    ]
    for number, (url, lines) in enumerate(zip(urls, article.pages, strict=True)):
        pager: list[tuple[str, str]] = []
        if len(urls) > 1:
            if number:
                pager.append(("上一页", urls[number - 1]))
            pager += [(str(n + 1), u) for n, u in enumerate(urls)]
            if number + 1 < len(urls):
                pager.append(("下一页", urls[number + 1]))
        html = render.article_page(
            title=article.title,
            category=(article.category.name, article.category.href),
            date=article.date,
            content_lines=(meta if number == 0 else []) + lines,
            nav=nav,
            tags=article.keywords,
            related=related,
            hot=hot,
            pager=pager,
            charset=article.category.charset,
            charset_tag=GBK_META if article.category.charset == "gbk" else "",
            path=url,
        )
        site.pages[url] = _html(html, article.category.charset)


def _render_lists(
    site: SampleSite, category: Category, articles: list[Article], nav: Sequence[tuple[str, str]]
) -> None:
    chunks = [articles[i : i + PER_LIST_PAGE] for i in range(0, len(articles), PER_LIST_PAGE)] or [
        []
    ]
    urls = [category.href] + [f"{category.href}list_{n}.html" for n in range(2, len(chunks) + 1)]
    for number, (url, chunk) in enumerate(zip(urls, chunks, strict=True)):
        links = [a.link for a in chunk]
        if category.slug == "gongzuozongjie" and number == 0:
            links.append(("已删除的范文", site.dead_link))
        pager = [("首页", urls[0])] + [(str(n + 1), u) for n, u in enumerate(urls)]
        if number + 1 < len(urls):
            pager.append(("下一页", urls[number + 1]))
        pager.append(("末页", urls[-1]))
        html = render.list_page(
            category=(category.name, category.href),
            articles=links,
            pager=pager,
            nav=nav,
            charset=category.charset,
            charset_tag=GBK_META if category.charset == "gbk" else "",
            path=url,
        )
        site.pages[url] = _html(html, category.charset)


def _html(html: str, charset: str = "utf-8") -> Page:
    if charset == "gbk":  # declared only in <meta>, as old GBK sites do
        return Page(200, html.encode("gbk", errors="xmlcharrefreplace"), "text/html")
    return Page(200, html.encode("utf-8"), "text/html; charset=utf-8")
