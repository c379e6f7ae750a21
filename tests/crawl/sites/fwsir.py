"""A loopback copy of a 范文先生网 (fwsir) style site: table-layout pages in gb2312.

The real site (www.fwsir.com) publishes static pages from an ASP article system: each channel
directory holds list pages List_1.html, List_2.html … and the articles under
/<channel>/HTML/<channel>_<yyyymmdd>_<id>.html. Pages are laid out in nested tables. Unlike the
diyifanwen fixture, the charset is declared only in ``<meta http-equiv>``: the HTTP header says
plain ``text/html``, and the bytes are GBK ("——" in two titles is outside GB2312 proper).

Reproduced: logo and banner table, channel menu, "您现在的位置：" crumbs with ``&gt;&gt;``, a
left column (栏目导航, 热门范文, an advert), the article table with the title cell, an info row
(作者/来源/点击数/更新时间 and the 字体 大 小 switch), the text in ``td#fontzoom`` as
``<br>``-separated lines indented with two ideographic spaces, a 2-page article whose pager
(``[1] [2] 下一页``) sits inside that cell, 上一篇/下一篇 rows, a related table and the footer;
channel lists List_1.html … List_3.html with a ``共N篇 页次`` pager, channel index pages and a
home page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from fanwen_crawler.sample_site.essays import load_essays
from fanwen_crawler.sample_site.site import Article, Category, Page, SampleSite
from tests.crawl.sites import page_links

SITE_NAME = "范文先生网"
CHARSET = "gb2312"
CONTENT_TYPE = "text/html"  # the charset is only in <meta>
PER_LIST_PAGE = 3
MULTIPAGE_ID = 45678
Link = tuple[str, str]  # (text, href)


@dataclass(frozen=True)
class Channel:
    slug: str  # directory and file prefix, e.g. "Article"
    name: str
    category: Category  # the class its articles are filed under
    essays: tuple[tuple[str, int], ...]  # (bundled folder, file number)

    @property
    def index(self) -> str:
        return f"/{self.slug}/Index.html"

    def list_path(self, number: int) -> str:
        return f"/{self.slug}/List_{number}.html"


CHANNELS = (
    Channel(
        "Article",
        "范文",
        Category("sixianghuibao", "思想汇报", CHARSET),
        tuple(("sixianghuibao", n) for n in range(1, 8)),
    ),
    Channel(
        "Speech",
        "演讲稿",
        Category("yanjianggao", "演讲稿", CHARSET),
        (("yanjianggao", 1), ("yanjianggao", 3), ("yanjianggao", 7)),
    ),
)
# The essay split over two pages: the third 思想汇报.
_MULTIPAGE_ESSAY = ("sixianghuibao", 3)


def channel_of(article: Article) -> Channel:
    return next(c for c in CHANNELS if c.category == article.category)


def list_paths(channel: Channel, count: int) -> list[str]:
    pages = max(1, -(-count // PER_LIST_PAGE))
    return [channel.list_path(n) for n in range(1, pages + 1)]


def page_paths(article: Article) -> list[str]:
    stem = article.path.removesuffix(".html")
    return [article.path] + [f"{stem}_{n}.html" for n in range(2, len(article.pages) + 1)]


def build_site() -> SampleSite:
    essays = {slug: {e.number: e for e in found} for slug, found in load_essays().items()}
    site = SampleSite()
    # Ids count up in publication order across the site; the 2-page essay gets MULTIPAGE_ID.
    chosen = sorted(
        (
            (channel, essays[folder][number])
            for channel in CHANNELS
            for folder, number in channel.essays
        ),
        key=lambda pair: pair[1].date,
    )
    anchor = next(
        i for i, (_, e) in enumerate(chosen) if (e.category, e.number) == _MULTIPAGE_ESSAY
    )
    for position, (channel, essay) in enumerate(chosen):
        article_id = MULTIPAGE_ID + 173 * (position - anchor)
        stamp = essay.date.replace("-", "")
        paragraphs = list(essay.paragraphs)
        pages = [paragraphs]
        if position == anchor:
            half = -(-len(paragraphs) // 2)
            pages = [paragraphs[:half], paragraphs[half:]]
        site.articles.append(
            Article(
                path=f"/{channel.slug}/HTML/{channel.slug}_{stamp}_{article_id}.html",
                title=essay.title,
                category=channel.category,
                date=essay.date,
                keywords=essay.keywords,
                pages=pages,
            )
        )
    site.articles.reverse()  # newest first, as lists show them
    site.multipage = next(a.path for a in site.articles if len(a.pages) > 1)
    for article in site.articles:
        _render_article(site, article)
    for channel in CHANNELS:
        members = [a for a in site.articles if a.category == channel.category]
        paths = list_paths(channel, len(members))
        for number, path in enumerate(paths):
            chunk = members[number * PER_LIST_PAGE : (number + 1) * PER_LIST_PAGE]
            site.pages[path] = _html(_list_page(channel, chunk, paths, number, len(members)))
        site.pages[channel.index] = _html(_channel_index(channel, members))
    site.pages["/"] = _html(_home_page(site.articles))
    site.pages["/robots.txt"] = Page(200, b"User-agent: *\nDisallow: /Admin/\n", "text/plain")
    return site


def _html(html: str) -> Page:
    return Page(200, html.encode("gbk", errors="xmlcharrefreplace"), CONTENT_TYPE)


def _date_cn(iso: str) -> str:
    """2019-05-02 → 2019-5-2, as the article system prints dates."""
    year, month, day = iso.split("-")
    return f"{year}-{int(month)}-{int(day)}"


def _li(links: Sequence[Link]) -> str:
    return "".join(
        f'<li><a href="{escape(h)}" title="{escape(t)}" target="_blank">{escape(t)}</a></li>'
        for t, h in links
    )


def _layout(title: str, keywords: str, crumbs: str, left: str, right: str) -> str:
    menu = "&nbsp;|&nbsp;".join(
        ['<a href="/" class="menu">网站首页</a>']
        + [f'<a href="{c.index}" class="menu">{escape(c.name)}</a>' for c in CHANNELS]
    )
    return (
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html>\n<head>\n'
        f"<title>{escape(title)}</title>\n"
        f'<meta http-equiv="Content-Type" content="text/html; charset={CHARSET}">\n'
        f'<meta name="keywords" content="{escape(keywords)}">\n'
        '<link href="/Skin/DefaultSkin.css" rel="stylesheet" type="text/css">\n'
        '<script language="javascript" src="/js/menu.js"></script>\n</head>\n'
        '<body leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">\n'
        '<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="top_table">'
        '<tr><td width="200" class="top_left"><a href="/">'
        f'<img src="/Images/logo.gif" alt="{SITE_NAME}" width="180" height="60" border="0"></a></td>'
        '<td class="top_banner"><script language="javascript" src="/AD/top_728.js"></script></td>'
        "</tr></table>\n"
        '<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="menu_table">'
        f'<tr><td class="menu_bg">{menu}</td></tr></table>\n'
        '<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">'
        f'<tr><td class="main_ShowPosition">{crumbs}</td></tr></table>\n'
        '<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="center_table">'
        f'<tr><td width="220" valign="top" class="main_left">{left}</td>'
        f'<td width="10"></td><td valign="top" class="main_right">{right}</td></tr></table>\n'
        '<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="bottom_table">'
        '<tr><td align="center"><a href="/About/About.html">关于本站</a> | '
        '<a href="/About/Contact.html">联系我们</a> | <a href="/About/Copyright.html">版权声明</a>'
        f"<br>{SITE_NAME} 版权所有 Copyright &copy; 2005-2024 Fwsir.Com All Rights Reserved"
        '<br><script language="javascript" src="/js/count.js"></script></td></tr></table>\n'
        "</body>\n</html>\n"
    )


def _left_column(newest: Sequence[Article]) -> str:
    columns = "".join(
        f'<tr><td class="left_menu"><a href="{c.index}">{escape(c.name)}</a></td></tr>'
        for c in CHANNELS
    )
    hot = _li([(a.title, a.path) for a in newest[:6]])
    return (
        '<table width="100%" border="0" cellpadding="0" cellspacing="0" class="left_table">'
        f'<tr><td class="left_title">栏目导航</td></tr>{columns}</table>'
        '<table width="100%" border="0" cellpadding="0" cellspacing="0" class="left_table">'
        f'<tr><td class="left_title">热门范文</td></tr><tr><td class="left_list">{hot}</td></tr></table>'
        '<table width="100%" border="0" cellpadding="0" cellspacing="0"><tr><td>'
        '<script language="javascript" src="/AD/left_200.js"></script></td></tr></table>'
    )


def _crumbs(channel: Channel, last: str | None) -> str:
    parts = [
        f'<a href="/">{SITE_NAME}</a>',
        f'<a href="{channel.index}">{escape(channel.name)}</a>',
    ]
    if last is not None:
        parts += [f'<a href="{channel.list_path(1)}">{escape(channel.category.name)}</a>', last]
    return "您现在的位置：&nbsp;" + "&nbsp;&gt;&gt;&nbsp;".join(parts)


def _pager(names: Sequence[str], current: int) -> str:
    items = page_links(
        names,
        current,
        here='<font color="red">[{n}]</font>',
        number='<a href="{url}">[{n}]</a>',
        previous=None,
    )
    return f'<p align="center" class="ArticlePage"><b>{"&nbsp;".join(items)}</b></p>'


def _render_article(site: SampleSite, article: Article) -> None:
    channel = channel_of(article)
    paths = page_paths(article)
    names = [path.rsplit("/", 1)[1] for path in paths]  # the pager links relatively
    siblings = [a for a in site.articles if a.category == article.category]
    index = siblings.index(article)
    newer = siblings[index - 1] if index else None
    older = siblings[index + 1] if index + 1 < len(siblings) else None
    related = [(a.title, a.path) for a in siblings if a is not article][:6]
    article_id = article.path.rsplit("_", 1)[1].removesuffix(".html")
    for number, (path, lines) in enumerate(zip(paths, article.pages, strict=True)):
        text = "<br>\n".join(f"\u3000\u3000{escape(line)}<br>" for line in lines)
        pager = _pager(names, number) if len(paths) > 1 else ""
        prev_next = (
            f'<li>上一篇范文：<a href="{older.path}">{escape(older.title)}</a></li>'
            if older
            else "<li>上一篇范文：没有了</li>"
        ) + (
            f'<li>下一篇范文：<a href="{newer.path}">{escape(newer.title)}</a></li>'
            if newer
            else "<li>下一篇范文：没有了</li>"
        )
        info = (
            "作者：佚名&nbsp;&nbsp;&nbsp;&nbsp;范文来源：网络&nbsp;&nbsp;&nbsp;&nbsp;"
            f'点击数：<script language="javascript" src="/{channel.slug}/GetHits.asp?ArticleID={article_id}">'
            f"</script>&nbsp;&nbsp;&nbsp;&nbsp;更新时间：{_date_cn(article.date)}"
            '&nbsp;&nbsp;&nbsp;&nbsp;【字体：<a href="javascript:fontZoomA();">小</a> '
            '<a href="javascript:fontZoomB();">大</a>】'
        )
        right = (
            '<table width="100%" border="0" cellpadding="0" cellspacing="5" class="main_ArticleTable">'
            f'<tr><td align="center" class="main_ArticleTitle"><h2>{escape(article.title)}</h2></td></tr>'
            f'<tr><td align="center" class="main_ArticleSubheading">{info}</td></tr>'
            '<tr><td align="center"><script language="javascript" src="/AD/art_468.js"></script></td></tr>'
            f'<tr><td id="fontzoom" class="main_ArticleContent">\n{text}\n{pager}</td></tr>'
            f'<tr><td class="main_ArticlePrevNext"><ul>{prev_next}</ul></td></tr></table>'
            '<table width="100%" border="0" cellpadding="0" cellspacing="0" class="main_RelatedTable">'
            f'<tr><td class="main_title">相关范文</td></tr><tr><td><ul>{_li(related)}</ul></td></tr></table>'
        )
        suffix = f"({number + 1})" if number else ""
        html = _layout(
            f"{article.title}{suffix}_{channel.category.name}_{SITE_NAME}",
            ",".join(article.keywords),
            _crumbs(channel, "正文"),
            _left_column(site.articles),
            right,
        )
        site.pages[path] = _html(html)


def _list_page(
    channel: Channel, chunk: Sequence[Article], paths: Sequence[str], current: int, total: int
) -> str:
    rows = "".join(
        f'<tr><td class="listbg"><img src="/Images/article_common.gif" alt="">'
        f'<a href="{a.path}" title="{escape(a.title)}" target="_blank">{escape(a.title)}</a></td>'
        f'<td width="80" align="right" class="listbg">{_date_cn(a.date)}</td></tr>'
        for a in chunk
    )
    links = [f'<a href="{paths[0]}">首页</a>']
    links.append(f'<a href="{paths[current - 1]}">上一页</a>' if current else "上一页")
    links.append(
        f'<a href="{paths[current + 1]}">下一页</a>' if current + 1 < len(paths) else "下一页"
    )
    links.append(f'<a href="{paths[-1]}">尾页</a>')
    pager = (
        f'<div class="showpage">共 <b>{total}</b> 篇范文&nbsp;&nbsp;{"&nbsp;".join(links)}'
        f"&nbsp;&nbsp;页次：<strong><font color=red>{current + 1}</font>/{len(paths)}</strong>页"
        "</div>"
    )
    right = (
        '<table width="100%" border="0" cellpadding="0" cellspacing="0" class="main_ListTable">'
        f'<tr><td colspan="2" class="main_title">{escape(channel.category.name)}</td></tr>{rows}'
        f'<tr><td colspan="2" align="center">{pager}</td></tr></table>'
    )
    return _layout(
        f"{channel.category.name}_第{current + 1}页_{SITE_NAME}",
        channel.category.name,
        _crumbs(channel, None) + f"&nbsp;&gt;&gt;&nbsp;{escape(channel.category.name)}",
        _left_column(chunk),
        right,
    )


def _channel_index(channel: Channel, members: Sequence[Article]) -> str:
    right = (
        '<table width="100%" border="0" cellpadding="0" cellspacing="0" class="main_ClassTable">'
        f'<tr><td class="main_title">{escape(channel.category.name)}'
        f'<a href="{channel.list_path(1)}" class="more">更多&gt;&gt;</a></td></tr>'
        f"<tr><td><ul>{_li([(a.title, a.path) for a in members[:5]])}</ul></td></tr></table>"
    )
    return _layout(
        f"{channel.name}_{SITE_NAME}",
        channel.name,
        _crumbs(channel, None),
        _left_column(members),
        right,
    )


def _home_page(newest: Sequence[Article]) -> str:
    blocks = "".join(
        '<table width="100%" border="0" cellpadding="0" cellspacing="0" class="main_ClassTable">'
        f'<tr><td class="main_title"><a href="{c.index}">{escape(c.name)}</a></td></tr><tr><td><ul>'
        f"{_li([(a.title, a.path) for a in newest if a.category == c.category][:4])}"
        "</ul></td></tr></table>"
        for c in CHANNELS
    )
    return _layout(
        f"{SITE_NAME}_范文大全_演讲稿_思想汇报",
        "范文,演讲稿,思想汇报",
        f'您现在的位置：&nbsp;<a href="/">{SITE_NAME}</a>',
        _left_column(newest),
        blocks,
    )
