"""A loopback copy of a 第一范文网 (diyifanwen) style site: old IIS pages served as gb2312.

The real site answers on www.diyifanwen.com (and a mobile m.diyifanwen.com, not reproduced
here). Like a real IIS/ASP server it names the charset twice, in the HTTP header
(``text/html; charset=gb2312``) and in ``<meta http-equiv>``, while the bytes are really GBK,
the superset "gb2312" sites quietly serve. Desktop pages declare no canonical URL, so a page's
identity is the URL it was fetched from.

Reproduced: top bar, logo and search form, main nav and sub nav, banner adverts, the
"您现在的位置：" crumbs, ``<h1>`` and an info line, the text in ``#ArtContent`` as ``<p>``
paragraphs indented with two ideographic spaces and interrupted by an advert block, a 2-page
article (1234567.htm, 1234567_2.htm, relative links in ``div.page``), 上一篇/下一篇 links,
a related list, a right sidebar (热门推荐, 最新更新), the footer; category lists
``#AListBox > ul > li > a`` paged as /fanwen/<cat>/ and index_2.htm with ``div.page`` and 下一页,
the channel page /fanwen/ with ``div.childlist-data dl.SList`` blocks and the
``div.alllist-data`` column list, a home page and robots.txt.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from fanwen_crawler.sample_site.essays import SourceEssay, load_essays
from fanwen_crawler.sample_site.site import Article, Category, Page, SampleSite
from tests.crawl.sites import page_links

SITE_NAME = "第一范文网"
MOBILE_ORIGIN = "https://m.diyifanwen.com"
CHARSET = "gb2312"
CONTENT_TYPE = f"text/html; charset={CHARSET}"
PER_LIST_PAGE = 3
CHANNEL = "/fanwen/"
# The long essay is split over two pages under this id, as in the brief's example URL.
MULTIPAGE_ID = 1234567
_MULTIPAGE_DATE = date(2021, 8, 16)
Link = tuple[str, str]  # (text, href)

CATEGORIES = (
    Category("xindetihui", "心得体会", CHARSET),
    Category("gongzuozongjie", "工作总结", CHARSET),
    Category("shenqingshu", "申请书", CHARSET),
)
# Which bundled essays (file numbers) each category publishes; xindetihui 1 is the long one.
_ESSAYS = {"xindetihui": (1, 2, 3, 4, 5), "gongzuozongjie": (1, 2, 3, 4), "shenqingshu": (1, 2, 3)}


def category_href(category: Category) -> str:
    return f"{CHANNEL}{category.slug}/"


def list_paths(category: Category, count: int) -> list[str]:
    """/fanwen/<cat>/ then /fanwen/<cat>/index_2.htm, index_3.htm …"""
    pages = max(1, -(-count // PER_LIST_PAGE))
    href = category_href(category)
    return [href] + [f"{href}index_{n}.htm" for n in range(2, pages + 1)]


def page_paths(article: Article) -> list[str]:
    stem = article.path.removesuffix(".htm")
    return [article.path] + [f"{stem}_{n}.htm" for n in range(2, len(article.pages) + 1)]


def _article_id(essay: SourceEssay) -> int:
    """Ids grow with the publication date, as a CMS's auto-increment ids do."""
    days = (date.fromisoformat(essay.date) - _MULTIPAGE_DATE).days
    return MULTIPAGE_ID + 37 * days


def build_site() -> SampleSite:
    essays = {slug: {e.number: e for e in found} for slug, found in load_essays().items()}
    site = SampleSite()
    for category in CATEGORIES:
        for number in _ESSAYS[category.slug]:
            essay = essays[category.slug][number]
            site.articles.append(
                Article(
                    path=f"{category_href(category)}{_article_id(essay)}.htm",
                    title=essay.title,
                    category=category,
                    date=essay.date,
                    keywords=essay.keywords,
                    pages=[list(essay.paragraphs)],
                )
            )
    long_article = site.articles[0]
    assert long_article.path.endswith(f"/{MULTIPAGE_ID}.htm")
    paragraphs = long_article.pages[0]
    half = -(-len(paragraphs) // 2)
    long_article.pages = [paragraphs[:half], paragraphs[half:]]
    site.multipage = long_article.path

    newest = sorted(site.articles, key=lambda a: a.date, reverse=True)
    for article in site.articles:
        _render_article(site, article, newest)
    for category in CATEGORIES:
        _render_lists(site, category, [a for a in newest if a.category == category])
    site.pages[CHANNEL] = _html(_channel_page(newest))
    site.pages["/"] = _html(_home_page(newest))
    site.pages["/robots.txt"] = Page(
        200,
        b"User-agent: *\r\nDisallow: /search/\r\nDisallow: /e/\r\nDisallow: /member/\r\n",
        "text/plain",
    )
    return site


def _html(html: str) -> Page:
    # Characters outside GBK would be written as references by the CMS; none occur here.
    return Page(200, html.encode("gbk", errors="xmlcharrefreplace"), CONTENT_TYPE)


def _links(links: Sequence[Link], css: str = "") -> str:
    attr = f' class="{css}"' if css else ""
    items = "".join(
        f'<li><a href="{escape(h)}" title="{escape(t)}" target="_blank">{escape(t)}</a></li>'
        for t, h in links
    )
    return f"<ul{attr}>{items}</ul>"


def _link(article: Article) -> Link:
    return article.title, article.path


def _layout(title: str, head: str, crumbs: str, left: str, right: str) -> str:
    nav = [("首页", "/"), ("范文大全", CHANNEL)] + [(c.name, category_href(c)) for c in CATEGORIES]
    nav_html = "".join(f'<li><a href="{h}">{escape(t)}</a></li>' for t, h in nav)
    sub_nav = " | ".join(f'<a href="{category_href(c)}">{escape(c.name)}</a>' for c in CATEGORIES)
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
        f'<meta http-equiv="Content-Type" content="text/html; charset={CHARSET}" />\n'
        f"<title>{escape(title)}</title>\n{head}"
        '<link href="/css/style.css" rel="stylesheet" type="text/css" />\n'
        '<script type="text/javascript" src="/js/common.js"></script>\n</head>\n<body>\n'
        '<div id="TopBar"><div class="w960"><span class="fl">第一范文网，为您提供各类范文参考！</span>'
        '<span class="fr"><a href="javascript:void(0)" onclick="SetHome(this)">设为首页</a> | '
        '<a href="javascript:void(0)" onclick="AddFavorite()">加入收藏</a></span></div></div>\n'
        '<div id="Header" class="w960"><div class="logo"><a href="/">'
        f'<img src="/images/logo.gif" alt="{SITE_NAME}" /></a></div>'
        '<div class="search"><form action="/search/" method="get" target="_blank">'
        '<input type="text" name="q" class="txt" value="" />'
        '<input type="submit" class="btn" value="搜 索" /></form></div></div>\n'
        f'<div id="Nav"><ul>{nav_html}</ul></div>\n'
        f'<div id="SubNav" class="w960"><b>范文大全：</b>{sub_nav}</div>\n'
        '<div class="w960 ad960"><script type="text/javascript">dy_ad("top_960_90");</script></div>\n'
        f'<div id="Position" class="w960">{crumbs}</div>\n'
        f'<div id="Main" class="w960">\n<div id="Left">\n{left}\n</div>\n'
        f'<div id="Right">\n{right}\n</div>\n</div>\n'
        '<div id="Footer" class="w960"><p><a href="/about/">关于我们</a> | '
        '<a href="/about/contact.htm">联系我们</a> | <a href="/about/copyright.htm">版权声明</a> | '
        '<a href="/sitemap.htm">网站地图</a></p>'
        f"<p>Copyright &copy; 2005-2024 www.diyifanwen.com All Rights Reserved {SITE_NAME} 版权所有</p>"
        '<p>本站部分范文来自网友投稿，如有侵权请联系删除。<script type="text/javascript">tj();</script></p>'
        "</div>\n</body>\n</html>\n"
    )


def _crumbs(category: Category | None, last: str) -> str:
    parts = [f'<a href="/">{SITE_NAME}</a>', f'<a href="{CHANNEL}">范文大全</a>']
    if category is not None:
        parts.append(f'<a href="{category_href(category)}">{escape(category.name)}</a>')
    return "您现在的位置：" + " &gt; ".join(parts + [escape(last)])


def _sidebar(newest: Sequence[Article], hot: Sequence[Article]) -> str:
    return (
        f'<div class="RBox"><h3>热门推荐</h3>{_links([_link(a) for a in hot], "TopList")}</div>\n'
        f'<div class="RBox"><h3>最新更新</h3>{_links([_link(a) for a in newest[:6]])}</div>\n'
        '<div class="RAd"><script type="text/javascript">dy_ad("right_300_250");</script></div>'
    )


def _pager(urls: Sequence[str], current: int, first: str, info: str = "") -> str:
    """The ``div.page`` block: 首页 上一页 1 2 下一页 末页, links relative to the page."""
    items = [f'<li><a href="{first}">首页</a></li>']
    items += page_links(
        urls,
        current,
        here='<li class="thisclass"><a>{n}</a></li>',
        number='<li><a href="{url}">{n}</a></li>',
        previous='<li><a href="{url}">上一页</a></li>',
        following='<li><a href="{url}">下一页</a></li>',
    )
    items.append(f'<li><a href="{urls[-1]}">末页</a></li>')
    if info:
        items.append(f'<li><span class="pageinfo">{info}</span></li>')
    return f'<div class="page"><ul>{"".join(items)}</ul></div>'


def _render_article(site: SampleSite, article: Article, newest: Sequence[Article]) -> None:
    paths = page_paths(article)
    names = [path.rsplit("/", 1)[1] for path in paths]  # the pager links relatively
    siblings = [a for a in newest if a.category == article.category]
    index = siblings.index(article)
    newer = siblings[index - 1] if index else None
    older = siblings[index + 1] if index + 1 < len(siblings) else None
    related = [_link(a) for a in siblings if a is not article][:5]
    hot = [a for a in site.articles if a is not article][:6]
    summary = "".join(article.pages[0])[:80]
    for number, (path, lines) in enumerate(zip(paths, article.pages, strict=True)):
        paragraphs = [f"<p>\u3000\u3000{escape(line)}</p>" for line in lines]
        # The CMS slots an advert block after the third paragraph of each page.
        paragraphs.insert(
            min(3, len(paragraphs)),
            '<div class="ArtAd"><script type="text/javascript">dy_ad("art_640_60");</script>'
            "<span>广告</span></div>",
        )
        pager = _pager(names, number, names[0]) if len(paths) > 1 else ""
        prev_next = (
            f'<p>上一篇：<a href="{older.path}">{escape(older.title)}</a></p>'
            if older
            else "<p>上一篇：没有了</p>"
        ) + (
            f'<p>下一篇：<a href="{newer.path}">{escape(newer.title)}</a></p>'
            if newer
            else "<p>下一篇：没有了</p>"
        )
        mobile_path = path.removesuffix(".htm") + ".html"
        head = (
            f'<meta name="keywords" content="{escape(",".join(article.keywords))}" />\n'
            f'<meta name="description" content="{escape(summary)}" />\n'
            '<meta http-equiv="mobile-agent" '
            f'content="format=html5; url={MOBILE_ORIGIN}{mobile_path}" />\n'
            '<link rel="alternate" media="only screen and(max-width: 640px)" '
            f'href="{MOBILE_ORIGIN}{mobile_path}" />\n'
        )
        suffix = f"({number + 1})" if number else ""
        left = (
            '<div id="Article">\n'
            f"<h1>{escape(article.title)}{suffix}</h1>\n"
            f'<div class="ArtInfo">更新时间：{article.date}\u3000来源：{SITE_NAME}\u3000'
            '阅读：<script type="text/javascript">hits();</script></div>\n'
            '<div class="ArtAdTop"><script type="text/javascript">dy_ad("art_top");</script></div>\n'
            f'<div id="ArtContent">\n{chr(10).join(paragraphs)}\n{pager}\n</div>\n'
            f'<div class="ArtPN">{prev_next}</div>\n</div>\n'
            f'<div class="RelateList"><h3>相关文章</h3>{_links(related)}</div>'
        )
        html = _layout(
            f"{article.title}{suffix} - {SITE_NAME}",
            head,
            _crumbs(article.category, "正文"),
            left,
            _sidebar(newest, hot),
        )
        site.pages[path] = _html(html)


def _render_lists(site: SampleSite, category: Category, articles: Sequence[Article]) -> None:
    paths = list_paths(category, len(articles))
    names = [path.rsplit("/", 1)[1] or "./" for path in paths]
    first = category_href(category)
    for number, path in enumerate(paths):
        chunk = articles[number * PER_LIST_PAGE : (number + 1) * PER_LIST_PAGE]
        items = "".join(
            f'<li><span>{a.date}</span><a href="{a.path}" title="{escape(a.title)}" '
            f'target="_blank">{escape(a.title)}</a></li>'
            for a in chunk
        )
        info = f"共 {len(paths)} 页/{len(articles)}条记录"
        left = (
            f'<div id="AListBox"><h2 class="tit">{escape(category.name)}</h2>'
            f"<ul>{items}</ul>\n{_pager(names, number, first, info)}</div>"
        )
        html = _layout(
            f"{category.name}_{category.name}范文大全 - {SITE_NAME}",
            f'<meta name="keywords" content="{escape(category.name)}" />\n',
            _crumbs(None, category.name),
            left,
            _sidebar(list(articles), list(articles)),
        )
        site.pages[path] = _html(html)


def _channel_page(newest: Sequence[Article]) -> str:
    blocks = []
    for category in CATEGORIES:
        links = [_link(a) for a in newest if a.category == category][:3]
        blocks.append(
            f'<dl class="SList"><dt><a href="{category_href(category)}">{escape(category.name)}</a>'
            f'<a class="more" href="{category_href(category)}">更多&gt;&gt;</a></dt>'
            f"<dd>{_links(links)}</dd></dl>"
        )
    columns = "".join(
        f'<li><a href="{category_href(c)}">{escape(c.name)}</a></li>' for c in CATEGORIES
    )
    left = (
        f'<div class="childlist-data">{"".join(blocks)}</div>\n'
        f'<div class="alllist-data"><h3>范文大全栏目导航</h3><ul>{columns}</ul></div>'
    )
    return _layout(
        f"范文大全 - {SITE_NAME}",
        "",
        f'您现在的位置：<a href="/">{SITE_NAME}</a> &gt; 范文大全',
        left,
        _sidebar(newest, newest[:6]),
    )


def _home_page(newest: Sequence[Article]) -> str:
    boxes = "".join(
        f'<div class="IndexBox"><h2><a href="{category_href(c)}">{escape(c.name)}</a></h2>'
        f"{_links([_link(a) for a in newest if a.category == c][:4])}</div>"
        for c in CATEGORIES
    )
    left = f'<div class="IndexBox"><h2><a href="{CHANNEL}">范文大全</a></h2></div>{boxes}'
    return _layout(
        f"{SITE_NAME}_范文大全_工作总结_心得体会",
        '<meta name="keywords" content="范文,范文大全,第一范文网" />\n',
        f"您现在的位置：{SITE_NAME}首页",
        left,
        _sidebar(newest, newest[:6]),
    )
