"""HTML templates of the sample site, in the layout of 一流范文网 pages.

`article_page` is also how tests wrap a saved text page into this layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

SITE_NAME = "一流范文网"
# Pages declare their canonical URL on this origin, so a page keeps its identity whatever
# loopback port the sample site happens to be served on. ".example" never resolves (RFC 2606).
CANONICAL_ORIGIN = "http://yiliu-sample.example"
SLOGAN = "好好学习,天天向上,一流范文网欢迎您!"
Link = tuple[str, str]  # (text, href)


def _links(links: Sequence[Link], css: str) -> str:
    items = "".join(f'<li><a href="{escape(href)}">{escape(text)}</a></li>' for text, href in links)
    return f'<ul class="{css}">{items}</ul>'


def _page(
    title: str, charset: str, nav: Sequence[Link], main: str, charset_tag: str = "", path: str = ""
) -> str:
    meta = charset_tag or f'<meta charset="{charset}">'
    canonical = f'<link rel="canonical" href="{CANONICAL_ORIGIN}{escape(path)}">\n' if path else ""
    return (
        f"<!DOCTYPE html>\n<html>\n<head>\n{meta}\n<title>{escape(title)}</title>\n{canonical}"
        '<link rel="stylesheet" href="/static/style.css">\n</head>\n<body>\n'
        f'<div class="top"><p class="slogan">{escape(SLOGAN)}</p>\n'
        f'<div class="logo"><a href="/">{SITE_NAME}</a></div>\n{_links(nav, "nav")}</div>\n'
        f'<div class="main">\n{main}\n</div>\n'
        '<div class="footer"><p>本站范文均来自网友投稿，仅供学习参考。</p>'
        f"<p>Copyright © 2016-2024 {SITE_NAME} 版权所有</p></div>\n</body>\n</html>\n"
    )


def article_page(
    *,
    title: str,
    category: Link,
    date: str,
    content_lines: Sequence[str],
    nav: Sequence[Link],
    tags: Sequence[str] = (),
    related: Sequence[Link] = (),
    hot: Sequence[Link] = (),
    pager: Sequence[Link] = (),
    charset: str = "utf-8",
    charset_tag: str = "",
    line_html: bool = False,
    path: str = "",
) -> str:
    """One article page. `content_lines` become <p> elements (raw HTML when `line_html`)."""
    paragraphs = "\n".join(
        f"<p>{line if line_html else escape(line)}</p>" for line in content_lines
    )
    pager_html = (
        '<div class="pages">'
        + " ".join(f'<a href="{h}">{escape(t)}</a>' for t, h in pager)
        + "</div>"
        if pager
        else ""
    )
    tag_links = " ".join(f'<a href="/tag/{escape(tag)}.html">{escape(tag)}</a>' for tag in tags)
    main = (
        f'<div class="position">当前位置:<a href="/">首页</a> &gt;&gt; '
        f'<a href="{category[1]}">{escape(category[0])}</a> 内容页</div>\n'
        f'<div class="article">\n<h1>{escape(title)}</h1>\n'
        f'<div class="info">时间:{escape(date)} 来源:{SITE_NAME}</div>\n'
        f'<div class="content">\n{paragraphs}\n{pager_html}\n</div>\n'
        f'<div class="tags">TAG标签: {tag_links}</div>\n</div>\n'
        f'<div class="side"><h3>相关推荐</h3>{_links(related, "related")}'
        f"<h3>热门范文</h3>{_links(hot, 'hot')}</div>"
    )
    return _page(f"{title}_{category[0]}_{SITE_NAME}", charset, nav, main, charset_tag, path)


def list_page(
    *,
    category: Link,
    articles: Sequence[Link],
    pager: Sequence[Link],
    nav: Sequence[Link],
    charset: str = "utf-8",
    charset_tag: str = "",
    path: str = "",
) -> str:
    pager_html = " ".join(f'<a href="{h}">{escape(t)}</a>' for t, h in pager)
    main = (
        f'<div class="position">当前位置:<a href="/">首页</a> &gt;&gt; {escape(category[0])}</div>\n'
        f'<div class="list"><h2>{escape(category[0])}</h2>{_links(articles, "articles")}'
        f'<div class="pagelist">{pager_html}</div></div>'
    )
    return _page(f"{category[0]}_{SITE_NAME}", charset, nav, main, charset_tag, path)


def home_page(*, sections: Sequence[tuple[Link, Sequence[Link]]], nav: Sequence[Link]) -> str:
    blocks = "\n".join(
        f'<div class="box"><h2><a href="{href}">{escape(name)}</a></h2>{_links(links, "articles")}</div>'
        for (name, href), links in sections
    )
    return _page(f"{SITE_NAME}_范文大全", "utf-8", nav, blocks)
