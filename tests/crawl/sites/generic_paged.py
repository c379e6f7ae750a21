"""A loopback site no profile describes: a UTF-8 div layout with articles split over pages.

Made up for the generic spider (`fanwen crawl URL`); nothing here names a profile's selectors.
Articles sit at /<column>/<id>.html. Three of them are split over pages with a pager
(上一页 1 2 3 下一页) at the foot of the text: two over three pages named <id>_2.html and
<id>_3.html, one over two pages named <id>-2.html. Every article page, continuation pages
included, ends with 上一篇/下一篇 links to the neighbouring articles, which must not be stitched.

Reproduced chrome: a welcome bar with a login link, logo and search box, the column menu,
"您的位置：" crumbs, an info line (时间/栏目/编辑/阅读), 关键词 links (/tag/….html), a
"与“…”相关的范文" list, a right column (最新范文, 热门排行, 热门搜索 with /search.php?q=… links)
and the footer; column lists /<column>/ with further pages list_<n>.html (titles and dates,
首页 上一页 1 2 下一页 尾页), tag pages, a search page, an about page with a little prose, and
robots.txt disallowing /neibu/, where the home page links one staff-only article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from fanwen_crawler.sample_site.essays import SourceEssay, load_essays
from fanwen_crawler.sample_site.site import Article, Category, Page, SampleSite
from tests.crawl.sites import page_links

SITE_NAME = "笔耕范文网"
CONTENT_TYPE = "text/html; charset=utf-8"
PER_LIST_PAGE = 3
FIRST_ID = 3012
DISALLOWED_DIR = "/neibu/"
ABOUT = "/about.html"
SEARCH = "/search.php"
LOGIN = "/member/login.html"
# The multi-page articles: (bundled folder, file number) → (page count, separator).
SPLITS: dict[tuple[str, int], tuple[int, str]] = {
    ("xindetihui", 9): (3, "_"),
    ("yanjianggao", 6): (3, "_"),
    ("shenqingshu", 7): (2, "-"),
}
Link = tuple[str, str]  # (text, href)


@dataclass(frozen=True)
class Column:
    slug: str
    name: str
    source: str  # folder of the bundled essays
    numbers: tuple[int, ...]

    @property
    def href(self) -> str:
        return f"/{self.slug}/"

    def list_path(self, page: int) -> str:
        return self.href if page == 1 else f"{self.href}list_{page}.html"

    @property
    def category(self) -> Category:
        return Category(self.slug, self.name)


COLUMNS = (
    Column("xinde", "心得体会", "xindetihui", (7, 8, 9, 10, 11)),
    Column("yanjiang", "演讲稿", "yanjianggao", (5, 6, 7, 8)),
    Column("shenqing", "申请书", "shenqingshu", (6, 7, 8)),
)
_STAFF_ESSAY = ("yanjianggao", 9)


@dataclass
class PagedArticle(Article):
    separator: str = "_"  # between the id and the page number of continuation pages


def page_paths(article: Article) -> list[str]:
    """The URLs of an article's pages: 3012.html, 3012_2.html … (3012-2.html for '-')."""
    stem = article.path.removesuffix(".html")
    separator = article.separator if isinstance(article, PagedArticle) else "_"
    return [article.path] + [f"{stem}{separator}{n}.html" for n in range(2, len(article.pages) + 1)]


def tag_path(keyword: str) -> str:
    return f"/tag/{quote(keyword)}.html"


def build_site() -> SampleSite:
    essays = {slug: {e.number: e for e in found} for slug, found in load_essays().items()}
    chosen = sorted(
        ((c, essays[c.source][n]) for c in COLUMNS for n in c.numbers),
        key=lambda pair: pair[1].date,
    )
    site = SampleSite()
    for index, (column, essay) in enumerate(chosen):
        site.articles.append(_article(column, essay, FIRST_ID + 11 * index))
    site.articles.reverse()  # newest first
    site.multipage = next(a.path for a in site.articles if len(a.pages) > 1)
    staff_column = COLUMNS[1]
    staff = _article(
        staff_column, essays[_STAFF_ESSAY[0]][_STAFF_ESSAY[1]], FIRST_ID + 11 * len(chosen)
    )
    staff.path = site.disallowed = f"{DISALLOWED_DIR}{staff.path.rsplit('/', 1)[1]}"
    for article in [*site.articles, staff]:
        _render_article(site, article)
    for column in COLUMNS:
        members = [a for a in site.articles if a.category.slug == column.slug]
        count = max(1, -(-len(members) // PER_LIST_PAGE))
        for page in range(1, count + 1):
            chunk = members[(page - 1) * PER_LIST_PAGE : page * PER_LIST_PAGE]
            site.pages[column.list_path(page)] = _html(
                _list_page(site.articles, column, chunk, page, count)
            )
    for keyword in dict.fromkeys(k for a in site.articles for k in a.keywords):
        tagged = [a for a in site.articles if keyword in a.keywords]
        site.pages[tag_path(keyword)] = _html(
            _simple_list(site.articles, f"{keyword}相关范文", tagged, f"{keyword}_{SITE_NAME}")
        )
    site.pages[SEARCH] = _html(
        _simple_list(site.articles, "搜索结果", site.articles[:4], f"搜索结果_{SITE_NAME}")
    )
    site.pages[ABOUT] = _html(_about_page(site.articles))
    site.pages[LOGIN] = _html(_login_page(site.articles))
    site.pages["/"] = _html(_home_page(site.articles, staff))
    site.pages["/robots.txt"] = Page(
        200, f"User-agent: *\nDisallow: {DISALLOWED_DIR}\n".encode(), "text/plain"
    )
    return site


def _article(column: Column, essay: SourceEssay, number: int) -> PagedArticle:
    paragraphs = list(essay.paragraphs)
    count, separator = SPLITS.get((essay.category, essay.number), (1, "_"))
    return PagedArticle(
        path=f"/{column.slug}/{number}.html",
        title=essay.title,
        category=column.category,
        date=essay.date,
        keywords=essay.keywords,
        pages=_split(paragraphs, count),
        separator=separator,
    )


def _split(paragraphs: list[str], count: int) -> list[list[str]]:
    """Cut before the paragraph nearest each 1/count of the text, as CMSs paginate by length."""
    total = sum(map(len, paragraphs))
    pages: list[list[str]] = [[]]
    done = 0
    for paragraph in paragraphs:
        if (
            pages[-1]
            and len(pages) < count
            and done + len(paragraph) / 2 > total * len(pages) / count
        ):
            pages.append([])
        pages[-1].append(paragraph)
        done += len(paragraph)
    return pages


def column_of(article: Article) -> Column:
    return next(c for c in COLUMNS if c.slug == article.category.slug)


def _html(html: str) -> Page:
    return Page(200, html.encode("utf-8"), CONTENT_TYPE)


def _ul(links: Sequence[Link], dates: Sequence[str] = (), css: str = "") -> str:
    items = []
    for index, (text, href) in enumerate(links):
        date = f"<em>{dates[index]}</em>" if index < len(dates) else ""
        items.append(
            f'<li>{date}<a href="{escape(href)}" title="{escape(text)}">{escape(text)}</a></li>'
        )
    return f'<ul class="{css}">' + "".join(items) + "</ul>"


def _right(articles: Sequence[Article]) -> str:
    newest = [(a.title, a.path) for a in articles[:6]]
    ranked = [(a.title, a.path) for a in sorted(articles, key=lambda a: a.keywords[0])[:6]]
    words = " ".join(
        f'<a href="{SEARCH}?q={quote(w)}">{escape(w)}</a>'
        for w in ("军训心得", "竞聘演讲", "入团申请书", "教师心得")
    )
    return (
        '<div class="you">'
        f'<div class="kuai"><div class="kuai-bt">最新范文</div>{_ul(newest, css="lb")}</div>'
        f'<div class="kuai"><div class="kuai-bt">热门排行</div>{_ul(ranked, css="ph")}</div>'
        f'<div class="kuai"><div class="kuai-bt">热门搜索</div><div class="rs">{words}</div></div>'
        "</div>"
    )


def _layout(
    title: str, crumbs: Sequence[Link], here: str, left: str, articles: Sequence[Article]
) -> str:
    menu = "".join(f'<li><a href="{c.href}">{escape(c.name)}</a></li>' for c in COLUMNS)
    trail = " &gt; ".join(
        [f'<a href="/">{SITE_NAME}</a>']
        + [f'<a href="{href}">{escape(text)}</a>' for text, href in crumbs]
        + ([escape(here)] if here else [])
    )
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
        f"<title>{escape(title)}</title>\n"
        '<meta name="keywords" content="范文,心得体会,演讲稿,申请书" />\n'
        '<link rel="stylesheet" type="text/css" href="/skin/css/style.css" />\n'
        '<script type="text/javascript" src="/skin/js/jquery.min.js"></script>\n'
        "</head>\n<body>\n"
        f'<div id="top"><div class="w1000"><span class="huanying">欢迎来到{SITE_NAME}！</span>'
        f'<a href="{LOGIN}">登录</a> <a href="/member/reg.html">注册</a></div></div>\n'
        f'<div id="head" class="w1000"><div class="logo"><a href="/"><img src="/skin/images/logo.png" '
        f'alt="{SITE_NAME}" /></a></div><div class="sousuo"><form action="{SEARCH}" method="get">'
        '<input type="text" name="q" class="sr" /><input type="submit" value="搜索" class="an" />'
        "</form></div></div>\n"
        f'<div id="caidan"><ul class="w1000"><li><a href="/">首页</a></li>{menu}</ul></div>\n'
        f'<div class="w1000 weizhi">您的位置：{trail}</div>\n'
        f'<div class="w1000 qingchu"><div class="zuo">{left}</div>{_right(articles)}</div>\n'
        '<div id="dibu"><div class="w1000">'
        f'<p><a href="{ABOUT}">关于我们</a> | <a href="{ABOUT}#lianxi">联系我们</a> | '
        f'<a href="{ABOUT}#mianze">免责声明</a></p>'
        f"<p>Copyright &copy; 2015-2023 {SITE_NAME} 版权所有 &nbsp; 苏ICP备15000000号</p>"
        "<p>本站所有范文仅供学习参考，请勿用于商业用途。</p>"
        '<script type="text/javascript" src="/skin/js/tongji.js"></script></div></div>\n'
        "</body>\n</html>\n"
    )


def _pager(urls: Sequence[str], current: int) -> str:
    links = page_links(urls, current, here='<span class="dq">{n}</span>')
    return f'<div class="fenye">{"".join(links)}</div>'


def _render_article(site: SampleSite, article: Article) -> None:
    column = column_of(article)
    siblings = [a for a in site.articles if a.category.slug == column.slug]
    newer = older = None
    if article in siblings:
        index = siblings.index(article)
        newer = siblings[index - 1] if index else None
        older = siblings[index + 1] if index + 1 < len(siblings) else None
    urls = page_paths(article)
    related = [(a.title, a.path) for a in siblings if a is not article][:5]
    keys = " ".join(f'<a href="{escape(tag_path(k))}">{escape(k)}</a>' for k in article.keywords)
    neighbours = (
        '<div class="sxp">'
        + (
            f'<p>上一篇：<a href="{older.path}">{escape(older.title)}</a></p>'
            if older
            else "<p>上一篇：没有了</p>"
        )
        + (
            f'<p>下一篇：<a href="{newer.path}">{escape(newer.title)}</a></p>'
            if newer
            else "<p>下一篇：没有了</p>"
        )
        + "</div>"
    )
    for number, (url, lines) in enumerate(zip(urls, article.pages, strict=True)):
        paragraphs = "\n".join(f"<p>{escape(line)}</p>" for line in lines)
        pager = _pager(urls, number) if len(urls) > 1 else ""
        heading = article.title + (f"({number + 1})" if number else "")
        left = (
            f'<div class="wz"><h1>{escape(heading)}</h1>'
            f'<div class="wz-xx">时间：{article.date}&nbsp;&nbsp;栏目：'
            f'<a href="{column.href}">{escape(column.name)}</a>&nbsp;&nbsp;编辑：笔耕&nbsp;&nbsp;'
            f'阅读：<span id="hits">{len(article.title) * 37}</span>次</div>\n'
            f'<div class="wz-nr">\n{paragraphs}\n{pager}\n</div>\n'
            f'<div class="wz-gjc">关键词：{keys}</div>\n{neighbours}</div>\n'
            f'<div class="xg"><div class="xg-bt">与“{escape(article.title)}”相关的范文</div>'
            f"{_ul(related, css='xg-lb')}</div>"
        )
        site.pages[url] = _html(
            _layout(
                f"{heading}_{column.name}_{SITE_NAME}",
                [(column.name, column.href)],
                "正文",
                left,
                site.articles,
            )
        )


def _list_page(
    articles: Sequence[Article], column: Column, chunk: Sequence[Article], page: int, count: int
) -> str:
    pager = [f'<a href="{column.list_path(1)}">首页</a>']
    pager += page_links(
        [column.list_path(n) for n in range(1, count + 1)],
        page - 1,
        here='<span class="dq">{n}</span>',
    )
    pager.append(f'<a href="{column.list_path(count)}">尾页</a>')
    left = (
        f'<div class="liebiao"><div class="lb-bt">{escape(column.name)}</div>'
        f"{_ul([(a.title, a.path) for a in chunk], [a.date for a in chunk], 'lb-nr')}"
        f'<div class="fenye">{"".join(pager)}</div></div>'
    )
    suffix = f"_第{page}页" if page > 1 else ""
    return _layout(
        f"{column.name}{suffix}_{SITE_NAME}", [(column.name, column.href)], "", left, articles
    )


def _simple_list(
    articles: Sequence[Article], heading: str, shown: Sequence[Article], title: str
) -> str:
    left = (
        f'<div class="liebiao"><div class="lb-bt">{escape(heading)}</div>'
        f"{_ul([(a.title, a.path) for a in shown], [a.date for a in shown], 'lb-nr')}</div>"
    )
    return _layout(title, [], heading, left, articles)


def _about_page(articles: Sequence[Article]) -> str:
    left = (
        '<div class="wz"><h1>关于我们</h1><div class="danye">'
        f"<p>{SITE_NAME}成立于2015年，专注于整理学生和职场人士常用的各类范文，"
        "包括心得体会、演讲稿和申请书等。</p>"
        "<p>本站文章均由编辑审核后发布，仅供学习和写作参考。若您认为某篇文章侵犯了您的权益，"
        "请与我们联系，我们会在核实后及时删除。</p>"
        '<p id="lianxi">联系邮箱：service@bigeng.example</p></div></div>'
    )
    return _layout(f"关于我们_{SITE_NAME}", [], "关于我们", left, articles)


def _login_page(articles: Sequence[Article]) -> str:
    left = (
        '<div class="denglu"><form action="/member/check.html" method="post">'
        '用户名：<input name="u" /> 密码：<input name="p" type="password" />'
        '<input type="submit" value="登录" /></form></div>'
    )
    return _layout(f"会员登录_{SITE_NAME}", [], "会员登录", left, articles)


def _home_page(articles: Sequence[Article], staff: Article) -> str:
    blocks = []
    for column in COLUMNS:
        members = [a for a in articles if a.category.slug == column.slug][:PER_LIST_PAGE]
        blocks.append(
            f'<div class="sy-lm"><div class="sy-bt"><a href="{column.href}">{escape(column.name)}'
            f'</a><a class="gd" href="{column.href}">更多</a></div>'
            f"{_ul([(a.title, a.path) for a in members], [a.date for a in members], 'sy-lb')}</div>"
        )
    blocks.append(
        '<div class="sy-lm"><div class="sy-bt">内部资料</div>'
        f"{_ul([(staff.title, staff.path)], css='sy-lb')}</div>"
    )
    return _layout(f"{SITE_NAME}_心得体会_演讲稿_申请书范文", [], "", "".join(blocks), articles)
