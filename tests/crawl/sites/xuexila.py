"""A loopback copy of a 学习啦 (xuexila) style site: desktop and mobile layouts, UTF-8.

The real site serves its desktop pages on www.xuexila.com and the same paths on m.xuexila.com.
One loopback server has one host name, so the mobile site lives here under /m/ (the profile's
URL patterns match both), and every mobile page declares the desktop page as its canonical URL,
as the real mobile pages do. Desktop pages declare themselves canonical on the www origin, so a
page keeps its identity whatever port the fixture is served on.

Reproduced: nav, search form, banner and side adverts, "当前位置" crumbs, an author/date line
as the first line of the desktop text block (above it on mobile), an in-text APP advert, the
editor's intro sentence, a "看了…的人还看了" list closing the text, tag, prev/next and related
links, a side box linking the article's mobile copy, column lists with index_N.html pages, an
article split over three pages (…_2.html, …_3.html) in both layouts, and a footer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from fanwen_crawler.sample_site.essays import SourceEssay, load_essays
from fanwen_crawler.sample_site.site import Page, SampleSite
from tests.crawl.sites import page_links

ORIGIN = "https://www.xuexila.com"
MOBILE = "/m"
SITE_NAME = "学习啦"
PER_LIST_PAGE = 3
AUTHORS = ("晓晴", "陈晨", "小龙", "思琪", "欣怡", "文博")
Link = tuple[str, str]  # (text, href)


@dataclass(frozen=True)
class Column:
    slug: str
    name: str
    source: str  # folder of the bundled essays
    count: int
    first_id: int

    def href(self, mobile: bool = False) -> str:
        return f"{MOBILE if mobile else ''}/{self.slug}/"


COLUMNS = (
    Column("xinde", "心得体会", "xindetihui", 4, 3756101),
    Column("zongjie", "工作总结", "gongzuozongjie", 4, 3811201),
    Column("yanjianggao", "演讲稿", "yanjianggao", 3, 3920301),
)


@dataclass(frozen=True)
class XuexilaArticle:
    path: str  # desktop path of page one, e.g. /xinde/3756101.html
    title: str
    column: Column
    essay: SourceEssay
    author: str
    posted: str  # "2021-08-16 10:21"
    pages: tuple[tuple[str, ...], ...]  # the essay's paragraphs on each page

    @property
    def mobile_path(self) -> str:
        return MOBILE + self.path

    def page_paths(self, mobile: bool = False) -> list[str]:
        base = (MOBILE if mobile else "") + self.path.removesuffix(".html")
        return [f"{base}.html"] + [f"{base}_{n}.html" for n in range(2, len(self.pages) + 1)]

    @property
    def canonical(self) -> str:
        return ORIGIN + self.path

    @property
    def canonical_pages(self) -> list[str]:
        return [ORIGIN + path for path in self.page_paths()]

    @property
    def text(self) -> str:
        return "\n".join(self.essay.paragraphs)

    @property
    def intro(self) -> str:
        return f"下面是{SITE_NAME}小编整理的{self.title}，欢迎大家阅读参考。"

    def link(self, mobile: bool = False) -> Link:
        return self.title, self.mobile_path if mobile else self.path


@dataclass
class XuexilaSite(SampleSite):
    """The served pages plus the facts the tests check."""

    entries: list[XuexilaArticle] = field(default_factory=list)
    list_paths: list[str] = field(default_factory=list)  # desktop and mobile column lists
    home_mobile_links: list[str] = field(default_factory=list)  # /m/ articles the home links
    denied_prefixes: set[str] = field(default_factory=set)  # linked; the profile denies them


def build_site() -> XuexilaSite:
    essays = load_essays()
    site = XuexilaSite()
    for column in COLUMNS:
        for offset, essay in enumerate(essays[column.source][: column.count]):
            number = len(site.entries)
            site.entries.append(
                XuexilaArticle(
                    path=f"/{column.slug}/{column.first_id + offset}.html",
                    title=essay.title,
                    column=column,
                    essay=essay,
                    author=AUTHORS[number % len(AUTHORS)],
                    posted=f"{essay.date} {8 + number % 10:02d}:{(17 * number) % 60:02d}",
                    pages=_paginate(essay.paragraphs, 3 if len(essay.paragraphs) > 20 else 1),
                )
            )
    site.multipage = next(e.path for e in site.entries if len(e.pages) > 1)
    for index, entry in enumerate(site.entries):
        _desktop_article(site, entry, index)
        _mobile_article(site, entry)
    for column in COLUMNS:
        _lists(site, column, mobile=False)
        _lists(site, column, mobile=True)
    _homes(site)
    site.pages["/robots.txt"] = Page(
        200, b"User-agent: *\nDisallow: /search/\nDisallow: /m/search/\n", "text/plain"
    )
    return site


def _paginate(paragraphs: Sequence[str], count: int) -> tuple[tuple[str, ...], ...]:
    size = -(-len(paragraphs) // count)
    return tuple(tuple(paragraphs[i : i + size]) for i in range(0, len(paragraphs), size))


def _ul(links: Sequence[Link], css: str = "") -> str:
    items = "".join(f'<li><a href="{escape(h)}">{escape(t)}</a></li>' for t, h in links)
    return f'<ul class="{css}">{items}</ul>' if css else f"<ul>{items}</ul>"


def _html(text: str) -> Page:
    return Page(200, text.encode("utf-8"), "text/html; charset=utf-8")


# --- desktop layout -------------------------------------------------------------------------


def _desktop_nav() -> str:
    links = [("首页", "/")] + [(c.name, c.href()) for c in COLUMNS] + [("专题", "/zt/")]
    return f'<div class="nav">{_ul(links, "w1200")}</div>'


def _desktop_page(title: str, head: str, main: str, side: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Cache-Control" content="no-transform">\n'
        f"<title>{escape(title)}</title>\n{head}"
        '<link rel="stylesheet" href="/static/css/main.css">\n'
        '<script src="/static/js/common.js"></script>\n</head>\n<body>\n'
        f'<div class="topbar"><div class="w1200"><span>{SITE_NAME}——在线学习网</span> '
        '<a href="/m/">手机版</a> <a href="/about/sitemap.html">网站地图</a></div></div>\n'
        f'<div class="header w1200"><div class="logo"><a href="/"><img src="/static/img/logo.png" '
        f'alt="{SITE_NAME}"></a></div>\n<form class="search" action="/search/" method="get">'
        '<input name="q" placeholder="搜索范文"><button type="submit">搜索</button></form></div>\n'
        f"{_desktop_nav()}\n"
        '<div class="ad ad-banner w1200"><script>xxl_ad("top_banner");</script></div>\n'
        f'<div class="w1200 clearfix">\n<div class="xl-main">\n{main}\n</div>\n'
        f'<div class="xl-side">\n{side}\n'
        '<div class="ad ad-side"><script>xxl_ad("side_1");</script></div>\n</div>\n</div>\n'
        '<div class="footer"><p><a href="/about/">关于我们</a> | '
        '<a href="/about/contact.html">联系我们</a> | <a href="/about/disclaimer.html">免责声明</a>'
        f"</p><p>Copyright © 2011-2024 {SITE_NAME} www.xuexila.com 版权所有</p>"
        "<p>ICP备00000000号</p></div>\n</body>\n</html>\n"
    )


def _side_lists(site: XuexilaSite, exclude: XuexilaArticle | None) -> str:
    others = [e for e in site.entries if e is not exclude]
    hot = [e.link() for e in others[::2][:5]]
    latest = [e.link() for e in sorted(others, key=lambda e: e.posted, reverse=True)[:5]]
    return (
        f'<div class="side-box"><h3>热门推荐</h3>{_ul(hot, "hot")}</div>\n'
        f'<div class="side-box"><h3>最新文章</h3>{_ul(latest, "new")}</div>'
    )


def _pager(urls: Sequence[str], number: int, css: str, numbers: bool) -> str:
    here = '<span class="cur">{n}</span>' if numbers else None
    links = page_links(urls, number, here=here)
    return f'<div class="{css}">{"".join(links)}</div>'


def _desktop_article(site: XuexilaSite, entry: XuexilaArticle, index: int) -> None:
    urls = entry.page_paths()
    column = entry.column
    same_column = [e for e in site.entries if e.column is column and e is not entry]
    previous = site.entries[index - 1] if index else None
    following = site.entries[index + 1] if index + 1 < len(site.entries) else None
    summary = "".join(entry.essay.paragraphs)[:80]
    for number, (url, paragraphs) in enumerate(zip(urls, entry.pages, strict=True)):
        last = number + 1 == len(urls)
        suffix = f"({number + 1})" if number else ""
        lines = [entry.intro] if number == 0 else []
        lines += paragraphs
        text = "\n".join(f"<p>{escape(line)}</p>" for line in lines)
        read_more = (
            f'<div class="xg_read"><p>看了“{escape(entry.title)}”的人还看了：</p>'
            + _ul([(f"{n}.{e.title}", e.path) for n, e in enumerate(same_column, start=1)])
            + "</div>"
            if last and same_column
            else ""
        )
        pager = _pager(urls, number, "xl-page", numbers=True) if len(urls) > 1 else ""
        tags = " ".join(
            f'<a href="/tags/{escape(word)}.html">{escape(word)}</a>'
            for word in entry.essay.keywords
        )
        prev_next = "".join(
            f'<p>{label}：<a href="{e.path}">{escape(e.title)}</a></p>'
            for label, e in (("上一篇", previous), ("下一篇", following))
            if e is not None
        )
        main = (
            f'<div class="xl-crumbs">当前位置：<a href="/">{SITE_NAME}</a> &gt; '
            f'<a href="{column.href()}">{column.name}</a> &gt; 正文</div>\n'
            f'<div class="xl-article">\n<h1>{escape(entry.title)}{suffix}</h1>\n'
            f'<div class="xl-content" id="contentText">\n'
            f'<p class="author">作者：{entry.author} {entry.posted}</p>\n'
            '<div class="ad_in"><script>xxl_ad("art_top");</script>'
            f'<a href="/app/" rel="nofollow">下载{SITE_NAME}APP，海量范文随时看</a></div>\n'
            f"{text}\n{read_more}\n{pager}\n</div>\n</div>\n"
            f'<div class="xl-tags">标签：{tags}</div>\n'
            f'<div class="xl-prevnext">{prev_next}</div>\n'
            f'<div class="xl-related"><h3>相关文章</h3>'
            f"{_ul([e.link() for e in same_column], 'related')}</div>"
        )
        side = (
            '<div class="side-box qr"><h3>手机阅读</h3><p><img src="/static/img/qr.png" '
            f'alt="扫码阅读"></p><p><a href="{MOBILE}{url}">在手机上阅读本文</a></p></div>\n'
            + _side_lists(site, entry)
        )
        head = (
            f'<meta name="keywords" content="{escape(",".join(entry.essay.keywords))}">\n'
            f'<meta name="description" content="{escape(summary)}">\n'
            '<meta property="og:type" content="article">\n'
            f'<meta property="og:title" content="{escape(entry.title)}">\n'
            f'<meta property="og:release_date" content="{entry.posted}">\n'
            f'<link rel="canonical" href="{ORIGIN}{url}">\n'
            '<link rel="alternate" media="only screen and (max-width: 640px)" '
            f'href="{MOBILE}{url}">\n'
        )
        title = f"{entry.title}{suffix}_{column.name}_{SITE_NAME}"
        site.pages[url] = _html(_desktop_page(title, head, main, side))
    site.denied_prefixes.update({"/app/", "/zt/", "/about/", "/tags/", "/search/"})


def _lists(site: XuexilaSite, column: Column, mobile: bool) -> None:
    entries = [e for e in site.entries if e.column is column]
    chunks = [entries[i : i + PER_LIST_PAGE] for i in range(0, len(entries), PER_LIST_PAGE)]
    base = column.href(mobile)
    urls = [base] + [f"{base}index_{n}.html" for n in range(2, len(chunks) + 1)]
    for number, (url, chunk) in enumerate(zip(urls, chunks, strict=True)):
        site.list_paths.append(url)
        if mobile:
            items = "".join(
                f'<li><a href="{e.mobile_path}"><h3>{escape(e.title)}</h3>'
                f"<span>{e.essay.date}</span></a></li>"
                for e in chunk
            )
            more = (
                f'<a class="m-more" href="{urls[number + 1]}">加载更多</a>'
                if number + 1 < len(urls)
                else ""
            )
            main = (
                f'<div class="m-crumb"><a href="{MOBILE}/">首页</a> &gt; {column.name}</div>\n'
                f'<div class="m-list"><ul>{items}</ul>{more}</div>'
            )
            site.pages[url] = _html(_mobile_page(f"{column.name}_{SITE_NAME}手机版", "", main))
            continue
        items = "".join(
            f'<li><a class="title" href="{e.path}">{escape(e.title)}</a>'
            f'<p class="summary">{escape("".join(e.essay.paragraphs)[:60])}…</p>'
            f'<span class="date">{e.essay.date}</span></li>'
            for e in chunk
        )
        pages = [("首页", urls[0])]
        if number:
            pages.append(("上一页", urls[number - 1]))
        pages += [(str(n + 1), u) for n, u in enumerate(urls)]
        if number + 1 < len(urls):
            pages.append(("下一页", urls[number + 1]))
        pages.append(("尾页", urls[-1]))
        pager = "".join(f'<a href="{h}">{t}</a>' for t, h in pages)
        main = (
            f'<div class="xl-crumbs">当前位置：<a href="/">{SITE_NAME}</a> &gt; {column.name}</div>\n'
            f'<div class="xl-list"><h2>{column.name}</h2><ul class="list-ul">{items}</ul>'
            f'<div class="xl-pages">{pager}</div></div>'
        )
        head = f'<link rel="canonical" href="{ORIGIN}{url}">\n'
        title = f"{column.name}_{column.name}范文大全_{SITE_NAME}"
        site.pages[url] = _html(_desktop_page(title, head, main, _side_lists(site, None)))


def _homes(site: XuexilaSite) -> None:
    boxes = "\n".join(
        f'<div class="box"><h2><a href="{c.href()}">{c.name}</a></h2>'
        f"{_ul([e.link() for e in site.entries if e.column is c][:4], 'list')}</div>"
        for c in COLUMNS
    )
    mobile_picks = site.entries[1::4][:3]
    site.home_mobile_links = [e.mobile_path for e in mobile_picks]
    boxes += (
        '\n<div class="box"><h2>手机版热门</h2>'
        f"{_ul([e.link(mobile=True) for e in mobile_picks], 'list')}</div>"
    )
    site.pages["/"] = _html(
        _desktop_page(
            f"{SITE_NAME}_在线学习网_范文大全",
            f'<link rel="canonical" href="{ORIGIN}/">\n',
            boxes,
            _side_lists(site, None),
        )
    )
    mobile_boxes = "\n".join(
        f'<section class="m-box"><h2><a href="{c.href(True)}">{c.name}</a></h2>'
        f"{_ul([e.link(True) for e in site.entries if e.column is c][:3])}</section>"
        for c in COLUMNS
    )
    site.pages[f"{MOBILE}/"] = _html(_mobile_page(f"{SITE_NAME}手机版", "", mobile_boxes))


# --- mobile layout --------------------------------------------------------------------------


def _mobile_page(title: str, head: str, main: str) -> str:
    nav = "".join(f'<a href="{h}">{t}</a>' for t, h in [("首页", f"{MOBILE}/")]) + "".join(
        f'<a href="{c.href(True)}">{c.name}</a>' for c in COLUMNS
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1.0,'
        'maximum-scale=1.0,user-scalable=no">\n'
        f"<title>{escape(title)}</title>\n{head}"
        '<link rel="stylesheet" href="/m/static/m.css">\n</head>\n<body>\n'
        '<header class="m-header"><a class="m-back" href="javascript:history.back();">返回</a>'
        f'<a class="m-logo" href="{MOBILE}/">{SITE_NAME}</a>'
        f'<a class="m-search" href="{MOBILE}/search/">搜索</a></header>\n'
        f'<nav class="m-nav">{nav}</nav>\n{main}\n'
        f'<footer class="m-footer"><p><a href="{MOBILE}/">手机版</a> | <a href="/">电脑版</a></p>'
        f"<p>© {SITE_NAME} xuexila.com</p></footer>\n</body>\n</html>\n"
    )


def _mobile_article(site: XuexilaSite, entry: XuexilaArticle) -> None:
    urls = entry.page_paths(mobile=True)
    canonicals = entry.canonical_pages
    column = entry.column
    related = [e.link(True) for e in site.entries if e.column is column and e is not entry]
    for number, (url, paragraphs) in enumerate(zip(urls, entry.pages, strict=True)):
        lines = [entry.intro] if number == 0 else []
        lines += paragraphs
        text = "\n".join(f"<p>{escape(line)}</p>" for line in lines)
        pager = _pager(urls, number, "m-page", numbers=False) if len(urls) > 1 else ""
        main = (
            f'<div class="m-crumb"><a href="{MOBILE}/">首页</a> &gt; '
            f'<a href="{column.href(True)}">{column.name}</a></div>\n'
            f'<div class="m-article">\n<h1 class="m-title">{escape(entry.title)}</h1>\n'
            f'<div class="m-info"><span>作者：{entry.author}</span> '
            f"<time>{entry.posted}</time></div>\n"
            '<div class="m-ad"><script>xxl_mad("art_top");</script></div>\n'
            f'<div class="m-content">\n{text}\n{pager}\n</div>\n'
            f'<div class="m-related"><h3>相关推荐</h3>{_ul(related)}</div>\n</div>'
        )
        head = f'<link rel="canonical" href="{canonicals[number]}">\n'
        title = f"{entry.title}_{SITE_NAME}手机版"
        site.pages[url] = _html(_mobile_page(title, head, main))
