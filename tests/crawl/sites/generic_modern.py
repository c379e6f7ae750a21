"""A loopback site no profile describes: a modern UTF-8 blog-style layout (Z-Blog-like URLs).

Made up for the generic spider (`fanwen crawl URL`); nothing here names a profile's selectors.
HTML5 sectioning (``<header>``, ``<main>``, ``<article>``, ``<aside>``, ``<footer>``) with many
class names; articles at /post/<id>.html, each declaring ``<link rel="canonical">`` on the
site's own origin, with an author/date/views line under the ``<h1>``, the text as ``<p>``
paragraphs with its 一、/（一） headings as ``<h2>``/``<h3>``, share buttons, a tag list, a
download button (/download.php?id=…), a copyright notice, previous/next post links, related
post cards with excerpts and a sidebar (about blurb, hot posts, tag cloud, notice).

Category lists are /category-<n>.html with further pages /category-<n>_<page>.html, each post
shown as a card with a date and an excerpt; tag pages /tag/<keyword>.html, author pages, a
search page (/search.php?q=…), an about page with a little prose, login and register pages, and
robots.txt disallowing /premium/, where the home page links one paid article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from fanwen_crawler.sample_site.essays import SourceEssay, load_essays
from fanwen_crawler.sample_site.site import Article, Category, Page, SampleSite
from tests.crawl.sites import page_links

SITE_NAME = "青简写作"
ORIGIN = "https://www.qingjian.example"
CONTENT_TYPE = "text/html; charset=utf-8"
PER_LIST_PAGE = 4
FIRST_ID = 5601
DISALLOWED_DIR = "/premium/"
ABOUT = "/about.html"
SEARCH = "/search.php"
LOGIN = "/login.html"
REGISTER = "/register.html"
AUTHORS = (("lin", "林语"), ("zhou", "周小舟"), ("song", "宋南枝"))
EXCERPT_CHARS = 72
Link = tuple[str, str]  # (text, href)
_H2 = re.compile(r"^[一二三四五六七八九十]+、")
_H3 = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
_MAX_HEADING = 30


@dataclass(frozen=True)
class Section:
    number: int  # the category id in /category-<n>.html
    slug: str
    name: str
    source: str  # folder of the bundled essays
    essays: tuple[int, ...]

    def list_path(self, page: int = 1) -> str:
        if page == 1:
            return f"/category-{self.number}.html"
        return f"/category-{self.number}_{page}.html"

    @property
    def category(self) -> Category:
        return Category(self.slug, self.name)


SECTIONS = (
    Section(2, "xinde", "心得体会", "xindetihui", (1, 2, 3, 4, 5, 6)),
    Section(3, "sixiang", "思想汇报", "sixianghuibao", (1, 2, 3, 4, 5, 6)),
)
_PREMIUM_ESSAY = ("sixianghuibao", 7)


@dataclass(frozen=True)
class Post:
    article: Article
    section: Section
    essay: SourceEssay
    author: Link  # (name, href)
    views: int


def page_paths(article: Article) -> list[str]:
    return [article.path]


def tag_path(keyword: str) -> str:
    return f"/tag/{quote(keyword)}.html"


def build_site() -> SampleSite:
    essays = {slug: {e.number: e for e in found} for slug, found in load_essays().items()}
    chosen = sorted(
        ((s, essays[s.source][n]) for s in SECTIONS for n in s.essays),
        key=lambda pair: pair[1].date,
    )
    posts = [_post(section, essay, FIRST_ID + 3 * i) for i, (section, essay) in enumerate(chosen)]
    posts.reverse()  # newest first
    premium_essay = essays[_PREMIUM_ESSAY[0]][_PREMIUM_ESSAY[1]]
    premium = _post(SECTIONS[1], premium_essay, FIRST_ID + 3 * len(chosen))
    premium.article.path = f"{DISALLOWED_DIR}{premium.article.path.rsplit('/', 1)[1]}"
    site = SampleSite(articles=[p.article for p in posts], disallowed=premium.article.path)
    for post in [*posts, premium]:
        site.pages[post.article.path] = _html(_post_page(posts, post))
    for section in SECTIONS:
        members = [p for p in posts if p.section == section]
        count = max(1, -(-len(members) // PER_LIST_PAGE))
        for page in range(1, count + 1):
            chunk = members[(page - 1) * PER_LIST_PAGE : page * PER_LIST_PAGE]
            site.pages[section.list_path(page)] = _html(
                _list_page(posts, section, chunk, page, count)
            )
    for keyword in dict.fromkeys(k for p in posts for k in p.essay.keywords):
        tagged = [p for p in posts if keyword in p.essay.keywords]
        site.pages[tag_path(keyword)] = _html(
            _cards_page(posts, f"标签：{keyword}", tagged, f"{keyword} - 标签")
        )
    for slug, name in AUTHORS:
        written = [p for p in posts if p.author[1] == f"/author/{slug}/"]
        site.pages[f"/author/{slug}/"] = _html(
            _cards_page(posts, f"作者：{name}", written, f"{name}的文章")
        )
    site.pages[SEARCH] = _html(_cards_page(posts, "搜索结果", posts[:4], "搜索结果"))
    site.pages[ABOUT] = _html(_about_page(posts))
    site.pages[LOGIN] = _html(_form_page(posts, "登录"))
    site.pages[REGISTER] = _html(_form_page(posts, "注册"))
    site.pages["/"] = _html(_home_page(posts, premium))
    site.pages["/robots.txt"] = Page(
        200,
        f"User-agent: *\nDisallow: {DISALLOWED_DIR}\nDisallow: /zb_system/\n".encode(),
        "text/plain",
    )
    return site


def _post(section: Section, essay: SourceEssay, number: int) -> Post:
    article = Article(
        path=f"/post/{number}.html",
        title=essay.title,
        category=section.category,
        date=essay.date,
        keywords=essay.keywords,
        pages=[list(essay.paragraphs)],
    )
    slug, name = AUTHORS[number // 3 % len(AUTHORS)]
    return Post(article, section, essay, (name, f"/author/{slug}/"), 300 + number * 7 % 4000)


def _html(html: str) -> Page:
    return Page(200, html.encode("utf-8"), CONTENT_TYPE)


def _excerpt(post: Post) -> str:
    text = "".join(post.essay.paragraphs)
    return text[:EXCERPT_CHARS] + "…"


def _date_cn(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{year}年{month}月{day}日"


def _layout(title: str, path: str, body_class: str, main: str, posts: Sequence[Post]) -> str:
    nav = "".join(
        f'<li class="menu-item"><a class="menu-link" href="{s.list_path()}">{escape(s.name)}</a></li>'
        for s in SECTIONS
    )
    canonical = f'<link rel="canonical" href="{ORIGIN}{escape(path)}">\n' if path else ""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n{canonical}"
        '<link rel="stylesheet" href="/zb_users/theme/qingjian/style/app.min.css?v=3.2.1">\n'
        "<script>window.__THEME__={dark:false,lazy:true};</script>\n</head>\n"
        f'<body class="{body_class}">\n'
        '<header class="site-header sticky-top"><div class="container header-inner">'
        f'<a class="brand-logo" href="/">{escape(SITE_NAME)}</a>'
        '<nav class="primary-menu" aria-label="主导航"><ul class="menu-list">'
        f'<li class="menu-item"><a class="menu-link" href="/">首页</a></li>{nav}'
        f'<li class="menu-item"><a class="menu-link" href="{ABOUT}">关于</a></li></ul></nav>'
        f'<form class="header-search" action="{SEARCH}" method="get" role="search">'
        '<input class="search-input" type="search" name="q" placeholder="搜索范文…">'
        '<button class="search-btn" type="submit">搜索</button></form>'
        f'<div class="user-actions"><a class="btn-login" href="{LOGIN}">登录</a>'
        f'<a class="btn-register" href="{REGISTER}">注册</a></div>'
        "</div></header>\n"
        f'<main id="main" class="site-main container">\n{main}\n</main>\n'
        '<footer class="site-footer"><div class="container footer-inner">'
        f'<nav class="footer-links"><a href="{ABOUT}">关于我们</a><a href="{ABOUT}#contact">'
        f'联系我们</a><a href="{ABOUT}#copyright">版权声明</a></nav>'
        f'<p class="footer-copy">© 2019-2024 {escape(SITE_NAME)} qingjian.example 版权所有</p>'
        '<p class="footer-icp"><a href="https://beian.miit.gov.cn/" rel="nofollow">'
        "浙ICP备00000000号-1</a></p></div></footer>\n"
        '<button class="back-to-top" aria-label="返回顶部">↑</button>\n'
        '<script src="/zb_users/theme/qingjian/script/app.min.js?v=3.2.1" defer></script>\n'
        "</body>\n</html>\n"
    )


def _sidebar(posts: Sequence[Post]) -> str:
    hot = sorted(posts, key=lambda p: -p.views)[:5]
    hot_items = "".join(
        f'<li class="hot-item"><span class="hot-rank">{n}</span>'
        f'<a href="{p.article.path}">{escape(p.article.title)}</a></li>'
        for n, p in enumerate(hot, start=1)
    )
    tags = "".join(
        f'<a class="tag-pill" href="{escape(tag_path(k))}">{escape(k)}</a>'
        for k in list(dict.fromkeys(k for p in posts for k in p.essay.keywords))[:12]
    )
    return (
        '<aside class="sidebar col-side" role="complementary">'
        '<section class="widget widget-intro"><h3 class="widget-title">关于本站</h3>'
        f'<p class="widget-text">{escape(SITE_NAME)}收集整理各类常用文书范文，'
        "供学习写作时参考。</p></section>"
        '<section class="widget widget-hot"><h3 class="widget-title">热门文章</h3>'
        f'<ol class="hot-list">{hot_items}</ol></section>'
        '<section class="widget widget-tags"><h3 class="widget-title">热门标签</h3>'
        f'<div class="tag-cloud">{tags}</div></section>'
        '<section class="widget widget-notice"><h3 class="widget-title">网站公告</h3>'
        '<p class="widget-text">本站文章仅供参考，请勿直接照搬。</p></section>'
        "</aside>"
    )


def _body_html(lines: Sequence[str]) -> str:
    out = []
    for line in lines:
        if len(line) <= _MAX_HEADING and _H2.match(line):
            out.append(f'<h2 class="wp-heading">{escape(line)}</h2>')
        elif len(line) <= _MAX_HEADING and _H3.match(line):
            out.append(f'<h3 class="wp-heading">{escape(line)}</h3>')
        else:
            out.append(f"<p>{escape(line)}</p>")
    return "\n".join(out)


def _card(post: Post) -> str:
    article = post.article
    return (
        '<article class="post-card">'
        f'<a class="card-thumb" href="{article.path}"><img src="/zb_users/upload/thumb/'
        f'{article.path.rsplit("/", 1)[1].removesuffix(".html")}.jpg" alt="" loading="lazy"></a>'
        '<div class="card-body">'
        f'<h2 class="card-title"><a href="{article.path}">{escape(article.title)}</a></h2>'
        f'<p class="card-excerpt">{escape(_excerpt(post))}</p>'
        f'<div class="card-meta"><time datetime="{article.date}">{article.date}</time>'
        f'<a class="card-cat" href="{post.section.list_path()}">{escape(post.section.name)}</a>'
        f'<span class="card-views">{post.views} 阅读</span></div></div></article>'
    )


def _post_page(posts: Sequence[Post], post: Post) -> str:
    article = post.article
    siblings = [p for p in posts if p.section == post.section]
    newer = older = None
    if post in siblings:
        index = siblings.index(post)
        newer = siblings[index - 1] if index else None
        older = siblings[index + 1] if index + 1 < len(siblings) else None
    number = article.path.rsplit("/", 1)[1].removesuffix(".html")
    tags = "".join(
        f'<a class="tag-link" rel="tag" href="{escape(tag_path(k))}">#{escape(k)}</a>'
        for k in article.keywords
    )
    share = quote(f"{ORIGIN}{article.path}", safe="")
    post_nav = (
        '<nav class="post-navigation" aria-label="文章导航">'
        + (
            f'<div class="nav-previous"><span class="nav-label">上一篇</span>'
            f'<a href="{older.article.path}" rel="prev">{escape(older.article.title)}</a></div>'
            if older
            else '<div class="nav-previous"><span class="nav-label">上一篇</span>没有了</div>'
        )
        + (
            f'<div class="nav-next"><span class="nav-label">下一篇</span>'
            f'<a href="{newer.article.path}" rel="next">{escape(newer.article.title)}</a></div>'
            if newer
            else '<div class="nav-next"><span class="nav-label">下一篇</span>没有了</div>'
        )
        + "</nav>"
    )
    related = "".join(_card(p) for p in [p for p in siblings if p is not post][:3])
    main = (
        '<nav class="breadcrumbs" aria-label="面包屑"><ol class="crumb-list">'
        '<li class="crumb-item"><a href="/">首页</a></li>'
        f'<li class="crumb-item"><a href="{post.section.list_path()}">{escape(post.section.name)}</a></li>'
        '<li class="crumb-item active" aria-current="page">正文</li></ol></nav>\n'
        '<div class="row layout-grid"><div class="col-main">'
        f'<article class="post-single post-{number} type-post" itemscope '
        'itemtype="https://schema.org/Article">'
        '<header class="entry-header">'
        f'<h1 class="entry-title" itemprop="headline">{escape(article.title)}</h1>'
        '<div class="entry-meta">'
        f'<span class="meta-author">作者：<a href="{post.author[1]}" rel="author">'
        f"{escape(post.author[0])}</a></span>"
        f'<time class="meta-date" datetime="{article.date}T09:30:00+08:00" itemprop="datePublished">'
        f"{_date_cn(article.date)}</time>"
        f'<span class="meta-cat"><a href="{post.section.list_path()}">{escape(post.section.name)}'
        f'</a></span><span class="meta-views">阅读 {post.views}</span></div></header>\n'
        f'<div class="entry-body typo" itemprop="articleBody">\n{_body_html(article.pages[0])}\n'
        "</div>\n"
        '<div class="entry-share"><span class="share-label">分享到：</span>'
        '<button class="share-btn share-wechat" type="button" data-qrcode="1">微信</button>'
        f'<a class="share-btn share-weibo" href="https://service.weibo.com/share/share.php?url={share}"'
        ' target="_blank" rel="nofollow noopener">微博</a>'
        '<a class="share-btn share-qzone" href="https://sns.qzone.qq.com/cgi-bin/qzshare/'
        f'cgi_qzshare_onekey?url={share}" target="_blank" rel="nofollow noopener">QQ空间</a>'
        '<button class="share-btn share-copy" type="button">复制链接</button></div>\n'
        '<footer class="entry-footer">'
        f'<div class="entry-tags"><span class="tags-label">标签：</span>{tags}</div>'
        f'<a class="btn btn-download" href="/download.php?id={number}" rel="nofollow">'
        "下载Word文档</a>"
        f'<div class="post-copyright">本文由{escape(SITE_NAME)}整理发布，转载请注明出处：'
        f"{ORIGIN}{article.path}</div></footer>"
        "</article>\n"
        f"{post_nav}\n"
        '<section class="related-posts"><h2 class="section-title">相关推荐</h2>'
        f'<div class="card-grid">{related}</div></section>'
        "</div>"
        f"{_sidebar(posts)}</div>"
    )
    return _layout(
        f"{article.title} - {post.section.name} - {SITE_NAME}",
        article.path,
        f"single single-post postid-{number}",
        main,
        posts,
    )


def _pagination(section: Section, page: int, count: int) -> str:
    links = page_links(
        [section.list_path(n) for n in range(1, count + 1)],
        page - 1,
        here='<span class="page-num current">{n}</span>',
        number='<a class="page-num" href="{url}">{n}</a>',
        previous='<a class="page-prev" href="{url}">上一页</a>',
        following='<a class="page-next" href="{url}">下一页</a>',
    )
    return f'<nav class="pagination" aria-label="分页">{"".join(links)}</nav>'


def _list_page(
    posts: Sequence[Post], section: Section, chunk: Sequence[Post], page: int, count: int
) -> str:
    main = (
        '<nav class="breadcrumbs" aria-label="面包屑"><ol class="crumb-list">'
        '<li class="crumb-item"><a href="/">首页</a></li>'
        f'<li class="crumb-item active">{escape(section.name)}</li></ol></nav>\n'
        '<div class="row layout-grid"><div class="col-main">'
        f'<header class="archive-header"><h1 class="archive-title">{escape(section.name)}</h1>'
        f"</header>"
        f'<div class="card-list">{"".join(_card(p) for p in chunk)}</div>'
        f"{_pagination(section, page, count)}</div>"
        f"{_sidebar(posts)}</div>"
    )
    suffix = f" - 第{page}页" if page > 1 else ""
    return _layout(
        f"{section.name}{suffix} - {SITE_NAME}",
        section.list_path(page),
        "archive category",
        main,
        posts,
    )


def _cards_page(posts: Sequence[Post], heading: str, shown: Sequence[Post], title: str) -> str:
    main = (
        '<div class="row layout-grid"><div class="col-main">'
        f'<header class="archive-header"><h1 class="archive-title">{escape(heading)}</h1></header>'
        f'<div class="card-list">{"".join(_card(p) for p in shown)}</div></div>'
        f"{_sidebar(posts)}</div>"
    )
    return _layout(f"{title} - {SITE_NAME}", "", "archive", main, posts)


def _about_page(posts: Sequence[Post]) -> str:
    main = (
        '<div class="row layout-grid"><div class="col-main"><article class="page-single">'
        '<h1 class="entry-title">关于我们</h1><div class="entry-body typo">'
        f"<p>{escape(SITE_NAME)}是一个分享写作经验和常用文书范文的个人站点，创办于2019年。"
        "这里的文章大多由编辑整理，也有部分来自读者投稿。</p>"
        "<p>如果文章对你有帮助，欢迎分享给身边的朋友；如发现错误或侵权内容，"
        "请通过页面底部的联系方式告诉我们，我们会尽快处理。</p>"
        '<h2 id="contact">联系我们</h2><p>邮箱：editor@qingjian.example</p>'
        "</div></article></div>"
        f"{_sidebar(posts)}</div>"
    )
    return _layout(f"关于我们 - {SITE_NAME}", ABOUT, "page", main, posts)


def _form_page(posts: Sequence[Post], action: str) -> str:
    main = (
        f'<div class="auth-box"><h1 class="auth-title">{action}</h1>'
        '<form class="auth-form" method="post"><input name="username" placeholder="用户名">'
        '<input name="password" type="password" placeholder="密码">'
        f'<button type="submit">{action}</button></form></div>'
    )
    return _layout(f"{action} - {SITE_NAME}", "", "auth", main, posts)


def _home_page(posts: Sequence[Post], premium: Post) -> str:
    sections = "".join(
        f'<section class="home-section"><h2 class="section-title">'
        f'<a href="{s.list_path()}">{escape(s.name)}</a></h2>'
        f'<ul class="title-list">'
        + "".join(
            f'<li><a href="{p.article.path}">{escape(p.article.title)}</a>'
            f"<time>{p.article.date}</time></li>"
            for p in [p for p in posts if p.section == s][:3]
        )
        + "</ul></section>"
        for s in SECTIONS
    )
    main = (
        '<section class="hero"><h1 class="hero-title">把每一篇文书写得体面一点</h1>'
        '<p class="hero-sub">精选心得体会、思想汇报范文</p></section>\n'
        '<div class="row layout-grid"><div class="col-main">'
        '<section class="home-section"><h2 class="section-title">最新文章</h2>'
        f'<div class="card-list">{"".join(_card(p) for p in posts[:4])}</div></section>'
        f"{sections}"
        '<section class="home-section premium"><h2 class="section-title">会员精选</h2>'
        f'<ul class="title-list"><li><span class="badge">VIP</span><a href="{premium.article.path}">'
        f"{escape(premium.article.title)}</a></li></ul></section>"
        "</div>"
        f"{_sidebar(posts)}</div>"
    )
    return _layout(f"{SITE_NAME} - 心得体会_思想汇报范文", "/", "home", main, posts)
