"""A loopback copy of a 出国留学网 (liuxue86) style site: desktop and mobile templates, UTF-8.

The real site serves articles as /a/4567890.html on www.liuxue86.com and on m.liuxue86.com.
Here the two hosts are two SampleSites, meant for two loopback servers: ``build_site()`` is the
desktop site and ``build_mobile_site()`` the mobile one. Each takes the other's origin, because
the desktop top bar links the mobile home page (手机版) and every mobile page declares its desktop
page as ``<link rel="canonical">`` (the mobile footer links back with 电脑版). Desktop pages
declare no canonical URL, so a desktop page's identity is the URL it was fetched from.

Reproduced, desktop: top bar, logo and search, nav, "当前位置：" crumbs, ``<h1>`` and an info
line, an editor's "【导语】…欢迎阅读参考" opening the text of ``#article-content``, the
``.pages-new`` pager of a 3-page article (4567890.html, _2, _3), 上一篇/下一篇, a related list,
hot list and a call-back form in the sidebar, the footer; column lists
``.article_list .grid_list a`` paged /xindetihui/, /xindetihui/2.html.
Mobile: app-style header with side menu, ``h1``, a meta line, the text in ``.article-content``,
then either ``.pages-new`` or the "展开剩余xx%" ``.mask-box`` the mobile script uses to fold
long single-page articles, a 热门关注 ``.article-list``, the ``#soshm-box`` share box and footer;
column pages with a 加载更多 button.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from fanwen_crawler.sample_site.essays import SourceEssay, load_essays
from fanwen_crawler.sample_site.site import Article, Category, Page, SampleSite
from tests.crawl.sites import page_links

SITE_NAME = "出国留学网"
DESKTOP_ORIGIN = "https://www.liuxue86.com"
MOBILE_ORIGIN = "https://m.liuxue86.com"
CONTENT_TYPE = "text/html; charset=utf-8"
PER_LIST_PAGE = 3
MULTIPAGE_ID = 4567890
MULTIPAGE_PAGES = 3
_MULTIPAGE_DATE = date(2021, 8, 16)
Link = tuple[str, str]  # (text, href)

CATEGORIES = (
    Category("xindetihui", "心得体会"),
    Category("gongzuozongjie", "工作总结"),
    Category("sixianghuibao", "思想汇报"),
)
# Which bundled essays (file numbers) each column publishes; xindetihui 1 is the long one.
_ESSAYS = {"xindetihui": (1, 6, 7, 8), "gongzuozongjie": (5, 6, 7, 8), "sixianghuibao": (1, 2, 3)}


def list_paths(category: Category, count: int) -> list[str]:
    """/xindetihui/ then /xindetihui/2.html, 3.html …"""
    pages = max(1, -(-count // PER_LIST_PAGE))
    return [category.href] + [f"{category.href}{n}.html" for n in range(2, pages + 1)]


def page_paths(article: Article) -> list[str]:
    stem = article.path.removesuffix(".html")
    return [article.path] + [f"{stem}_{n}.html" for n in range(2, len(article.pages) + 1)]


def intro(article: Article) -> str:
    """The editor's blurb opening page one of every article."""
    return f"【导语】以下是{SITE_NAME}为大家整理的《{article.title}》，欢迎阅读参考！"


def _article_id(essay: SourceEssay) -> int:
    days = (date.fromisoformat(essay.date) - _MULTIPAGE_DATE).days
    return MULTIPAGE_ID + 211 * days


def articles() -> list[Article]:
    """The site's articles, newest first; the long essay is split over three pages."""
    essays = {slug: {e.number: e for e in found} for slug, found in load_essays().items()}
    found: list[Article] = []
    for category in CATEGORIES:
        for number in _ESSAYS[category.slug]:
            essay = essays[category.slug][number]
            paragraphs = list(essay.paragraphs)
            path = f"/a/{_article_id(essay)}.html"
            pages = [paragraphs]
            if path == f"/a/{MULTIPAGE_ID}.html":
                size = -(-len(paragraphs) // MULTIPAGE_PAGES)
                pages = [paragraphs[i : i + size] for i in range(0, len(paragraphs), size)]
            found.append(Article(path, essay.title, category, essay.date, essay.keywords, pages))
    assert len({a.path for a in found}) == len(found)
    return sorted(found, key=lambda a: a.date, reverse=True)


def build_site(mobile_origin: str | None = None) -> SampleSite:
    """The desktop site (www). Its 手机版 / 手机阅读 links point into `mobile_origin`, the
    mobile fixture's loopback origin; without one they are left out (the real m. host is only
    named in <head>, where no crawler follows it)."""
    site = SampleSite(articles=articles())
    site.multipage = f"/a/{MULTIPAGE_ID}.html"
    for article in site.articles:
        _render_desktop_article(site, article, mobile_origin)
    for category in CATEGORIES:
        members = [a for a in site.articles if a.category == category]
        paths = list_paths(category, len(members))
        for number, path in enumerate(paths):
            chunk = members[number * PER_LIST_PAGE : (number + 1) * PER_LIST_PAGE]
            site.pages[path] = _html(
                _desktop_list(category, chunk, paths, number, site.articles, mobile_origin)
            )
    site.pages["/"] = _html(_desktop_home(site.articles, mobile_origin))
    site.pages["/robots.txt"] = Page(
        200, b"User-agent: *\nDisallow: /search/\nDisallow: /member/\n", "text/plain"
    )
    return site


def build_mobile_site(desktop_origin: str = DESKTOP_ORIGIN) -> SampleSite:
    """The mobile site (m.); every page declares its `desktop_origin` page canonical."""
    site = SampleSite(articles=articles())
    site.multipage = f"/a/{MULTIPAGE_ID}.html"
    for article in site.articles:
        _render_mobile_article(site, article, desktop_origin)
    for category in CATEGORIES:
        members = [a for a in site.articles if a.category == category]
        site.pages[category.href] = _html(
            _mobile_page(
                f"{category.name}_{SITE_NAME}",
                desktop_origin + category.href,
                f'<div class="article-list"><header class="section-header">'
                f'<h3 class="section-title">{escape(category.name)}</h3></header>'
                f"{_mobile_items(members)}"
                '<a class="load-more" href="javascript:;" data-page="2">加载更多</a></div>',
                desktop_origin,
            )
        )
    site.pages["/"] = _html(
        _mobile_page(
            f"{SITE_NAME}手机版",
            desktop_origin + "/",
            '<div class="article-list"><header class="section-header">'
            f'<h3 class="section-title">最新文章</h3></header>{_mobile_items(site.articles)}</div>',
            desktop_origin,
        )
    )
    return site


def _html(html: str) -> Page:
    return Page(200, html.encode("utf-8"), CONTENT_TYPE)


# --- desktop ---------------------------------------------------------------------------------


def _desktop_page(title: str, head: str, crumbs: str, main: str, mobile_origin: str | None) -> str:
    to_mobile = (
        f'<a href="{escape(mobile_origin)}/" class="to_mobile">手机版</a> | '
        if mobile_origin
        else ""
    )
    nav = "".join(f'<li><a href="{c.href}">{escape(c.name)}</a></li>' for c in CATEGORIES)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="X-UA-Compatible" content="IE=edge">\n'
        f"<title>{escape(title)}</title>\n{head}"
        '<link rel="stylesheet" href="/static/css/article.css">\n</head>\n<body>\n'
        '<div class="top_bar"><div class="wrap"><span class="welcome">出国留学网，一站式留学服务平台'
        f'</span><span class="links">{to_mobile}<a href="/about/">关于我们</a></span></div></div>\n'
        '<div class="header wrap"><a class="logo" href="/">'
        f'<img src="/static/images/logo.png" alt="{SITE_NAME}"></a>'
        '<div class="search_box"><form action="/search/" method="get">'
        '<input type="text" name="q" placeholder="搜索文章"><button type="submit">搜索</button>'
        "</form></div></div>\n"
        f'<div class="nav"><ul class="wrap"><li><a href="/">首页</a></li>{nav}</ul></div>\n'
        f'<div class="wrap crumbs">{crumbs}</div>\n'
        f'<div class="wrap main">\n{main}\n</div>\n'
        '<div class="footer"><p><a href="/about/">关于我们</a> | <a href="/about/contact.html">'
        '联系我们</a> | <a href="/about/service/">隐私条款</a></p>'
        f"<p>Copyright &copy; 2008-2024 liuxue86.com All Rights Reserved {SITE_NAME} 版权所有</p>"
        "</div>\n"
        '<script src="/static/js/common.js"></script>\n</body>\n</html>\n'
    )


def _crumbs(category: Category, last: str = "正文") -> str:
    return (
        f'当前位置：<a href="/">{SITE_NAME}</a> &gt; '
        f'<a href="{category.href}">{escape(category.name)}</a> &gt; {escape(last)}'
    )


def _grid(chunk: Sequence[Article], with_summary: bool) -> str:
    items = []
    for article in chunk:
        summary = ""
        if with_summary:
            text = "".join(article.pages[0])[:60]
            summary = f'<p class="desc">{escape(text)}…</p>'
        items.append(
            f'<li class="grid_list"><a class="title" href="{article.path}" target="_blank">'
            f'{escape(article.title)}</a>{summary}<span class="time">{article.date}</span></li>'
        )
    return f'<div class="article_list"><ul>{"".join(items)}</ul></div>'


def _sidebar(hot: Sequence[Article], mobile_url: str | None = None) -> str:
    qr = (
        '<div class="side_box qr_box"><h3 class="side_tit">手机阅读</h3>'
        '<img src="/static/images/qr.png" alt="扫一扫，在手机上阅读">'
        f'<p><a href="{escape(mobile_url)}" target="_blank">在手机上阅读本文</a></p></div>'
        if mobile_url
        else ""
    )
    items = "".join(
        f'<li><i>{n}</i><a href="{a.path}" target="_blank">{escape(a.title)}</a></li>'
        for n, a in enumerate(hot, start=1)
    )
    return (
        '<div class="main_right">'
        f'<div class="side_box"><h3 class="side_tit">热门文章</h3><ul class="hot_list">{items}</ul></div>'
        '<div class="side_box form_box"><h3 class="side_tit">免费留学评估</h3>'
        '<form><input type="text" id="tel" placeholder="请输入您的手机号">'
        '<input type="button" id="telbtn" value="免费回电"></form>'
        f"<p>专业顾问10分钟内回电</p></div>{qr}</div>"
    )


def _pager_items(paths: Sequence[str], current: int) -> list[str]:
    """上一页 1 2 3 下一页, as both the article and the list pages show them."""
    return page_links(
        paths,
        current,
        here='<span class="current">{n}</span>',
        previous='<a class="prev" href="{url}">上一页</a>',
        following='<a class="next" href="{url}">下一页</a>',
    )


def _new_pager(paths: Sequence[str], current: int) -> str:
    """``.pages-new``: 上一页 1 2 3 下一页 (same markup on both templates)."""
    return f'<div class="pages-new">{"".join(_pager_items(paths, current))}</div>'


def _render_desktop_article(site: SampleSite, article: Article, mobile_origin: str | None) -> None:
    head_origin = mobile_origin or MOBILE_ORIGIN
    paths = page_paths(article)
    index = site.articles.index(article)
    newer = site.articles[index - 1] if index else None
    older = site.articles[index + 1] if index + 1 < len(site.articles) else None
    related = [a for a in site.articles if a.category == article.category and a is not article]
    hot = [a for a in site.articles if a is not article][:8]
    for number, (path, lines) in enumerate(zip(paths, article.pages, strict=True)):
        paragraphs = ([intro(article)] if number == 0 else []) + lines
        body = "\n".join(f"<p>{escape(line)}</p>" for line in paragraphs)
        pager = _new_pager(paths, number) if len(paths) > 1 else ""
        prev_next = (
            f'<p>上一篇：<a href="{older.path}">{escape(older.title)}</a></p>' if older else ""
        ) + (f'<p>下一篇：<a href="{newer.path}">{escape(newer.title)}</a></p>' if newer else "")
        head = (
            f'<meta name="keywords" content="{escape(",".join(article.keywords))}">\n'
            f'<meta name="description" content="{escape("".join(article.pages[0])[:80])}">\n'
            f'<meta name="mobile-agent" content="format=html5;url={escape(head_origin)}{path}">\n'
            '<link rel="alternate" media="only screen and (max-width: 640px)" '
            f'href="{escape(head_origin)}{path}">\n'
        )
        main = (
            '<div class="main_left">\n<div class="article_box">\n'
            f'<h1 class="article_title">{escape(article.title)}</h1>\n'
            f'<div class="article_info"><span class="time">{article.date} 09:30</span>'
            f'<span class="source">来源：{SITE_NAME}</span>'
            '<span class="share">分享到：<a href="javascript:;" class="wx">微信</a></span></div>\n'
            f'<div id="article-content" class="article_content">\n{body}\n</div>\n'
            f"{pager}\n"
            f'<div class="article_prevnext">{prev_next}</div>\n</div>\n'
            '<div class="related_box"><div class="box_tit">相关推荐</div>'
            f"{_grid(related, with_summary=False)}</div>\n</div>\n"
            f"{_sidebar(hot, mobile_origin + path if mobile_origin else None)}"
        )
        html = _desktop_page(
            f"{article.title}_{SITE_NAME}", head, _crumbs(article.category), main, mobile_origin
        )
        site.pages[path] = _html(html)


def _desktop_list(
    category: Category,
    chunk: Sequence[Article],
    paths: Sequence[str],
    current: int,
    newest: Sequence[Article],
    mobile_origin: str | None,
) -> str:
    links = _pager_items(paths, current)
    main = (
        f'<div class="main_left"><div class="column_tit"><h2>{escape(category.name)}</h2></div>'
        f'{_grid(chunk, with_summary=True)}<div class="page">{"".join(links)}</div></div>'
        f"{_sidebar(newest[:8])}"
    )
    suffix = f"_第{current + 1}页" if current else ""
    return _desktop_page(
        f"{category.name}{suffix}_{SITE_NAME}",
        "",
        f'当前位置：<a href="/">{SITE_NAME}</a> &gt; {escape(category.name)}',
        main,
        mobile_origin,
    )


def _desktop_home(newest: Sequence[Article], mobile_origin: str | None) -> str:
    boxes = "".join(
        f'<div class="index_box"><h2><a href="{c.href}">{escape(c.name)}</a>'
        f'<a class="more" href="{c.href}">更多</a></h2>'
        f"{_grid([a for a in newest if a.category == c][:2], with_summary=False)}</div>"
        for c in CATEGORIES
    )
    main = (
        '<div class="main_left"><div class="index_box"><h2>最新文章</h2>'
        f"{_grid(newest[:5], with_summary=True)}</div>{boxes}</div>{_sidebar(newest[:8])}"
    )
    return _desktop_page(
        f"{SITE_NAME}_留学申请_范文大全", "", f"当前位置：{SITE_NAME}首页", main, mobile_origin
    )


# --- mobile ----------------------------------------------------------------------------------


def _mobile_page(title: str, canonical: str, content: str, desktop_origin: str) -> str:
    menu = "".join(
        f'<li class="list-item"><a href="{c.href}">{escape(c.name)}</a></li>' for c in CATEGORIES
    )
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1,user-scalable=no">\n'
        f"<title>{escape(title)}</title>\n"
        f'<link rel="canonical" href="{escape(canonical)}">\n'
        '<link rel="stylesheet" href="/static/css/wap.css">\n</head>\n<body>\n'
        '<header id="head" class="bar bar-nav"><a class="go-back icon icon-left" '
        f'href="javascript:;"></a><a class="logo" href="/">{SITE_NAME}</a>'
        '<a class="icon icon-menu" href="javascript:;"></a></header>\n'
        f'<nav class="side-menu"><ul class="item-group">{menu}</ul></nav>\n'
        f'<div class="content">\n{content}\n</div>\n'
        f'<footer class="footer"><a href="{escape(desktop_origin)}/">电脑版</a> | '
        f'<a href="/about/service/">隐私条款</a><p>&copy; {SITE_NAME} liuxue86.com</p></footer>\n'
        '<div id="fixed-box"><a class="to-top" href="javascript:;">顶部</a></div>\n'
        '<script src="/static/js/wap/article.js"></script>\n</body>\n</html>\n'
    )


def _mobile_items(chunk: Sequence[Article]) -> str:
    return "".join(
        '<div class="article-item"><div class="article-grouper">'
        f'<h4 class="article-item-title"><a href="{a.path}" title="{escape(a.title)}">'
        f'{escape(a.title)}</a></h4><span class="article-item-time">{a.date}</span></div></div>'
        for a in chunk
    )


def _render_mobile_article(site: SampleSite, article: Article, desktop_origin: str) -> None:
    paths = page_paths(article)
    hot = [a for a in site.articles if a is not article][:5]
    for number, (path, lines) in enumerate(zip(paths, article.pages, strict=True)):
        paragraphs = ([intro(article)] if number == 0 else []) + lines
        body = "\n".join(f"<p>{escape(line)}</p>" for line in paragraphs)
        if len(paths) > 1:
            after = _new_pager(paths, number)
        else:  # the script folds long text to 700px behind this mask
            after = (
                '<div class="mask-box"><div class="content-more">展开剩余'
                '<span class="cont-remain">62</span>%</div></div>'
            )
        crumbs = (
            f'<div class="m-crumbs"><a href="/">首页</a> &gt; '
            f'<a href="{article.category.href}">{escape(article.category.name)}</a> &gt; 正文</div>'
        )
        content = (
            f"{crumbs}\n"
            '<article class="article">\n'
            f'<h1 class="article-title">{escape(article.title)}</h1>\n'
            f'<div class="article-meta"><span class="time">{article.date}</span>'
            f'<span class="source">{SITE_NAME}</span></div>\n'
            f'<div class="article-content">\n{body}\n</div>\n{after}\n</article>\n'
            '<div class="article-list"><header class="section-header">'
            f'<h3 class="section-title">热门关注</h3></header>{_mobile_items(hot)}</div>\n'
            '<div id="soshm-box"></div>'
        )
        site.pages[path] = _html(
            _mobile_page(
                f"{article.title}_{SITE_NAME}", desktop_origin + path, content, desktop_origin
            )
        )
