"""A loopback site no profile describes: an old DedeCMS-era table layout in GBK.

Made up for the generic spider (`fanwen crawl URL`); nothing here names a profile's selectors.
The bytes are GBK and the charset is declared only in ``<meta http-equiv>``: the HTTP header
says plain ``text/html``. Articles sit at /html/<yyyy>/<mmdd>/<id>.html, the text is one
``<td class="zhengwen">`` of ``<br>``-separated lines indented with ideographic spaces, and the
title is an ``<h2>`` cell (the page has no ``<h1>``), the ``<title>`` reading
"标题_栏目_站名".

Reproduced chrome: logo and login row, channel menu, a search bar with 热门搜索 links
(/search.php?q=…, GBK percent-encoded), "当前位置：" crumbs, an info row (发布时间/来源/作者/点击),
an in-text advert script, Tags links (/tag/….html), 上一篇/下一篇 rows, a 相关文章 table, a right
column (栏目导航, 热门文章, 最新更新), the footer with an about link and an ICP line; channel
lists /html/<channel>/ with further pages list_<tid>_<n>.html (a 首页 上一页 1 2 下一页 末页 pager,
titles and dates only), tag pages, a search page, an about page with a little prose, a login
page, and robots.txt disallowing /vip/, where the home page links one members-only article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from fanwen_crawler.sample_site.essays import SourceEssay, load_essays
from fanwen_crawler.sample_site.site import Article, Category, Page, SampleSite
from tests.crawl.sites import page_links

SITE_NAME = "文秘范本之家"
CHARSET = "gbk"
CONTENT_TYPE = "text/html"  # the charset is only in <meta>
PER_LIST_PAGE = 3
FIRST_ID = 1203
DISALLOWED_DIR = "/vip/"
ABOUT = "/about.html"
SEARCH = "/search.php"
LOGIN = "/member/login.php"
Link = tuple[str, str]  # (text, href)


@dataclass(frozen=True)
class Channel:
    tid: int  # DedeCMS type id, part of the list page names
    slug: str
    name: str
    source: str  # folder of the bundled essays
    numbers: tuple[int, ...]  # file numbers of the essays published here

    @property
    def href(self) -> str:
        return f"/html/{self.slug}/"

    def list_path(self, number: int) -> str:
        return self.href if number == 1 else f"{self.href}list_{self.tid}_{number}.html"

    def pager_path(self, number: int) -> str:
        """What the pager links: DedeCMS names page one list_<tid>_1.html, too."""
        return f"{self.href}list_{self.tid}_{number}.html"

    @property
    def category(self) -> Category:
        return Category(self.slug, self.name, CHARSET)


CHANNELS = (
    Channel(1, "gongzuozongjie", "工作总结", "gongzuozongjie", (1, 2, 3, 4, 5)),
    Channel(2, "shenqingshu", "申请书", "shenqingshu", (1, 2, 3, 4)),
    Channel(3, "yanjianggao", "演讲稿", "yanjianggao", (1, 2, 3, 4)),
)
# The members-only article under /vip/ (robots.txt disallows it).
_VIP_ESSAY = ("shenqingshu", 5)


def page_paths(article: Article) -> list[str]:
    return [article.path]


def channel_of(article: Article) -> Channel:
    return next(c for c in CHANNELS if c.slug == article.category.slug)


def tag_path(keyword: str) -> str:
    return f"/tag/{quote(keyword, encoding=CHARSET)}.html"


def search_href(word: str) -> str:
    return f"{SEARCH}?q={quote(word, encoding=CHARSET)}&searchtype=titlekeyword"


def build_site() -> SampleSite:
    essays = {slug: {e.number: e for e in found} for slug, found in load_essays().items()}
    site = SampleSite()
    chosen = sorted(
        ((channel, essays[channel.source][n]) for channel in CHANNELS for n in channel.numbers),
        key=lambda pair: pair[1].date,
    )
    for index, (channel, essay) in enumerate(chosen):
        site.articles.append(_article(channel.category, essay, FIRST_ID + 7 * index))
    site.articles.reverse()  # newest first, as lists show them
    vip_essay = essays[_VIP_ESSAY[0]][_VIP_ESSAY[1]]
    vip = _article(CHANNELS[1].category, vip_essay, FIRST_ID + 7 * len(chosen))
    vip.path = site.disallowed = f"{DISALLOWED_DIR}{vip.path.rsplit('/', 1)[1]}"
    for article in site.articles:
        site.pages[article.path] = _html(_article_page(site.articles, article))
    site.pages[vip.path] = _html(_article_page(site.articles, vip))
    for channel in CHANNELS:
        members = [a for a in site.articles if a.category.slug == channel.slug]
        pages = max(1, -(-len(members) // PER_LIST_PAGE))
        for number in range(1, pages + 1):
            chunk = members[(number - 1) * PER_LIST_PAGE : number * PER_LIST_PAGE]
            page = _html(_list_page(site.articles, channel, chunk, number, pages))
            site.pages[channel.list_path(number)] = page
            site.pages[channel.pager_path(number)] = page
    keywords = dict.fromkeys(k for a in site.articles for k in a.keywords)
    for keyword in keywords:
        tagged = [a for a in site.articles if keyword in a.keywords]
        site.pages[tag_path(keyword)] = _html(_tag_page(site.articles, keyword, tagged))
    site.pages[SEARCH] = _html(_search_page(site.articles))
    site.pages[ABOUT] = _html(_about_page(site.articles))
    site.pages[LOGIN] = _html(_login_page(site.articles))
    site.pages["/"] = _html(_home_page(site.articles, vip))
    site.pages["/robots.txt"] = Page(
        200, f"User-agent: *\nDisallow: {DISALLOWED_DIR}\n".encode(), "text/plain"
    )
    return site


def _article(category: Category, essay: SourceEssay, number: int) -> Article:
    year, month, day = essay.date.split("-")
    return Article(
        path=f"/html/{year}/{month}{day}/{number}.html",
        title=essay.title,
        category=category,
        date=essay.date,
        keywords=essay.keywords,
        pages=[list(essay.paragraphs)],
    )


def _html(html: str) -> Page:
    return Page(200, html.encode(CHARSET, errors="xmlcharrefreplace"), CONTENT_TYPE)


def _ul(links: Sequence[Link], dates: Sequence[str] = ()) -> str:
    items = []
    for index, (text, href) in enumerate(links):
        date = f'<span class="riqi">{dates[index]}</span>' if index < len(dates) else ""
        items.append(f'<li><a href="{escape(href)}" target="_blank">{escape(text)}</a>{date}</li>')
    return "<ul>" + "".join(items) + "</ul>"


def _box(heading: str, inner: str) -> str:
    return (
        '<table width="100%" border="0" cellspacing="0" cellpadding="0" class="kuang">'
        f'<tr><td class="kuang_bt">{escape(heading)}</td></tr>'
        f'<tr><td class="kuang_nr">{inner}</td></tr></table>'
    )


def _right_column(articles: Sequence[Article]) -> str:
    columns = (
        "".join(f'<a href="{c.href}">{escape(c.name)}</a>&nbsp;&nbsp;' for c in CHANNELS)
        + f'<a href="{ABOUT}">关于本站</a>'
    )
    hot = [(a.title, a.path) for a in sorted(articles, key=lambda a: a.title)[:6]]
    newest = [(a.title, a.path) for a in articles[:6]]
    return (
        _box("栏目导航", columns)
        + '<table width="100%"><tr><td><script type="text/javascript" src="/ad/js/right_250.js">'
        "</script></td></tr></table>"
        + _box("热门文章", _ul(hot))
        + _box("最新更新", _ul(newest, [a.date for a in articles[:6]]))
    )


def _layout(title: str, crumbs: str, left: str, articles: Sequence[Article]) -> str:
    menu = " | ".join(
        ['<a href="/">网站首页</a>']
        + [f'<a href="{c.href}">{escape(c.name)}</a>' for c in CHANNELS]
    )
    hot_words = " ".join(
        f'<a href="{escape(search_href(w))}">{escape(w)}</a>'
        for w in ("年终总结", "入党申请书", "竞聘演讲稿", "辞职报告")
    )
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
        f'<meta http-equiv="Content-Type" content="text/html; charset={CHARSET}" />\n'
        f"<title>{escape(title)}</title>\n"
        f'<meta name="keywords" content="{escape(SITE_NAME)},范文,工作总结,申请书,演讲稿" />\n'
        '<link href="/templets/default/style/dedecms.css" rel="stylesheet" media="screen" '
        'type="text/css" />\n'
        '<script language="javascript" type="text/javascript" src="/include/dedeajax2.js">'
        "</script>\n</head>\n<body>\n"
        '<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="toubu">'
        '<tr><td width="300" height="70"><a href="/"><img src="/templets/default/images/logo.gif" '
        f'alt="{escape(SITE_NAME)}" width="260" height="60" border="0" /></a></td>'
        '<td align="right" class="denglu"><a href="/member/login.php">会员登录</a> | '
        '<a href="/member/reg_new.php">免费注册</a> | '
        '<a href="javascript:window.external.AddFavorite(location.href,document.title)">加入收藏</a>'
        "</td></tr></table>\n"
        '<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="caidan">'
        f'<tr><td height="32" align="center">{menu}</td></tr></table>\n'
        '<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="sousuo">'
        f'<tr><td><form name="formsearch" action="{SEARCH}" method="get">'
        '<input type="hidden" name="kwtype" value="0" /><input name="q" type="text" size="30" />'
        '<input type="submit" value="搜 索" /></form></td>'
        f'<td class="resou">热门搜索：{hot_words}</td></tr></table>\n'
        '<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="weizhi">'
        f'<tr><td height="28">当前位置：{crumbs}</td></tr></table>\n'
        '<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="zhuti">'
        f'<tr><td width="680" valign="top" class="zuobian">{left}</td>'
        '<td width="10">&nbsp;</td>'
        f'<td width="270" valign="top" class="youbian">{_right_column(articles)}</td></tr>'
        "</table>\n"
        '<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="dibu">'
        f'<tr><td align="center"><a href="{ABOUT}">关于我们</a> | '
        f'<a href="{ABOUT}#lianxi">联系方式</a> | <a href="{ABOUT}#shengming">免责声明</a><br />'
        f"Copyright &copy; 2008-2020 {escape(SITE_NAME)} All Rights Reserved.<br />"
        "本站部分内容来自网友投稿，如有侵权请来信告知，我们将及时删除。 ICP备案号：京ICP备08000000号"
        '<br /><script type="text/javascript" src="/ad/js/tongji.js"></script></td></tr></table>\n'
        "</body>\n</html>\n"
    )


def _crumbs(channel: Channel | None, last: str = "") -> str:
    parts = ['<a href="/">首页</a>']
    if channel is not None:
        parts.append(f'<a href="{channel.href}">{escape(channel.name)}</a>')
    if last:
        parts.append(escape(last))
    return " &gt; ".join(parts)


def _article_page(articles: Sequence[Article], article: Article) -> str:
    channel = channel_of(article)
    siblings = [a for a in articles if a.category.slug == channel.slug]
    newer = older = None
    if article in siblings:
        index = siblings.index(article)
        newer = siblings[index - 1] if index else None
        older = siblings[index + 1] if index + 1 < len(siblings) else None
    number = article.path.rsplit("/", 1)[1].removesuffix(".html")
    lines = [f"\u3000\u3000{escape(line)}<br />\r\n<br />\r\n" for line in article.pages[0]]
    lines.insert(2, '<script type="text/javascript">show_ad("wz_zhong");</script>\r\n')
    tags = " ".join(f'<a href="{escape(tag_path(k))}">{escape(k)}</a>' for k in article.keywords)
    prev_next = (
        (f'上一篇：<a href="{older.path}">{escape(older.title)}</a>' if older else "上一篇：没有了")
        + "<br />"
        + (
            f'下一篇：<a href="{newer.path}">{escape(newer.title)}</a>'
            if newer
            else "下一篇：没有了"
        )
    )
    related = [(a.title, a.path) for a in siblings if a is not article][:5]
    left = (
        '<table width="100%" border="0" cellspacing="0" cellpadding="6" class="wenzhang">'
        f'<tr><td align="center" class="biaoti"><h2>{escape(article.title)}</h2></td></tr>'
        f'<tr><td align="center" class="xinxi">发布时间：{article.date}&nbsp;&nbsp;'
        f"来源：{escape(SITE_NAME)}&nbsp;&nbsp;作者：佚名&nbsp;&nbsp;点击："
        f'<script src="/plus/count.php?view=yes&amp;aid={number}" type="text/javascript"></script>'
        "</td></tr>"
        f'<tr><td class="zhengwen" style="font-size:14px;line-height:26px;">{"".join(lines)}</td></tr>'
        f'<tr><td class="biaoqian">Tags：{tags}</td></tr>'
        f'<tr><td class="shangxia">{prev_next}</td></tr></table>'
        '<table width="100%" border="0" cellspacing="0" cellpadding="0" class="xiangguan">'
        '<tr><td class="kuang_bt">相关文章</td></tr>'
        f"<tr><td>{_ul(related, [a.date for a in siblings if a is not article][:5])}</td></tr>"
        "</table>"
    )
    return _layout(
        f"{article.title}_{channel.name}_{SITE_NAME}",
        _crumbs(channel, "正文"),
        left,
        articles,
    )


def _list_page(
    articles: Sequence[Article],
    channel: Channel,
    chunk: Sequence[Article],
    number: int,
    pages: int,
) -> str:
    pager = [f'<a href="{channel.pager_path(1)}">首页</a>']
    pager += page_links(
        [channel.pager_path(n) for n in range(1, pages + 1)],
        number - 1,
        here='<span class="thisclass">{n}</span>',
    )
    pager.append(f'<a href="{channel.pager_path(pages)}">末页</a>')
    pager.append(f'<span class="pageinfo">共 <strong>{pages}</strong>页</span>')
    rows = "".join(
        f'<tr><td class="lb_bt">·<a href="{a.path}" target="_blank">{escape(a.title)}</a></td>'
        f'<td class="lb_sj" width="90">{a.date}</td></tr>'
        for a in chunk
    )
    left = (
        f'<table width="100%" class="liebiao"><tr><td colspan="2" class="kuang_bt">'
        f"{escape(channel.name)}</td></tr>{rows}"
        f'<tr><td colspan="2" class="fenye" align="center">{" ".join(pager)}</td></tr></table>'
    )
    suffix = f"_第{number}页" if number > 1 else ""
    return _layout(f"{channel.name}{suffix}_{SITE_NAME}", _crumbs(channel), left, articles)


def _tag_page(articles: Sequence[Article], keyword: str, tagged: Sequence[Article]) -> str:
    left = _box(
        f"标签：{keyword}", _ul([(a.title, a.path) for a in tagged], [a.date for a in tagged])
    )
    return _layout(f"{keyword}_TAG标签_{SITE_NAME}", _crumbs(None, "TAG标签"), left, articles)


def _search_page(articles: Sequence[Article]) -> str:
    found = articles[:5]
    left = _box("搜索结果", _ul([(a.title, a.path) for a in found], [a.date for a in found]))
    return _layout(f"搜索结果_{SITE_NAME}", _crumbs(None, "搜索"), left, articles)


def _about_page(articles: Sequence[Article]) -> str:
    text = (
        f"　　{SITE_NAME}创办于2008年，是一个面向机关、企业和学校文秘人员的公益性范文交流站点。"
        "本站收录工作总结、申请书、演讲稿等常用文体，全部内容由网友投稿并经编辑整理，仅供学习参考。"
        "<br /><br />"
        "　　如您发现本站文章涉及版权问题，请发送邮件告知，我们核实后将在三个工作日内处理。"
        "欢迎各位读者提出宝贵意见，帮助我们把站点办得更好。<br />"
    )
    left = (
        '<table width="100%" class="wenzhang"><tr><td class="biaoti"><h2>关于我们</h2></td></tr>'
        f'<tr><td class="danye">{text}</td></tr></table>'
    )
    return _layout(f"关于我们_{SITE_NAME}", _crumbs(None, "关于我们"), left, articles)


def _login_page(articles: Sequence[Article]) -> str:
    left = _box(
        "会员登录",
        '<form action="/member/index_do.php" method="post">用户名：<input name="userid" />'
        '密码：<input type="password" name="pwd" /><input type="submit" value="登录" /></form>',
    )
    return _layout(f"会员登录_{SITE_NAME}", _crumbs(None, "会员登录"), left, articles)


def _home_page(articles: Sequence[Article], vip: Article) -> str:
    boxes = []
    for channel in CHANNELS:
        members = [a for a in articles if a.category.slug == channel.slug][:PER_LIST_PAGE]
        more = f'<a href="{channel.href}" class="gengduo">更多&gt;&gt;</a>'
        boxes.append(
            _box(
                channel.name,
                _ul([(a.title, a.path) for a in members], [a.date for a in members]) + more,
            )
        )
    boxes.append(_box("会员专区", _ul([(f"【会员】{vip.title}", vip.path)])))
    return _layout(
        f"{SITE_NAME}_工作总结_申请书_演讲稿范文大全", _crumbs(None), "".join(boxes), articles
    )
