"""The sample site's layout at any size, for crawl benches and tests: article N reuses sample
essay N mod 46 (one-page ones) with a sentence of its own, so every article is a distinct page
(most are near duplicates of another, which exercises the dedup index)."""

from __future__ import annotations

from fanwen_crawler.sample_site import render
from fanwen_crawler.sample_site.site import CATEGORIES, Page, SampleSite, build_site

_PER_LIST = 20


def build_large_site(articles: int) -> SampleSite:
    """The sample site's layout with `articles` article pages across its categories."""
    base = build_site()
    sources = [a for a in base.articles if len(a.pages) == 1]
    site = SampleSite()
    nav = [("首页", "/")] + [(c.name, c.href) for c in CATEGORIES]
    listed: dict[str, list[tuple[str, str]]] = {}
    for number in range(articles):
        source = sources[number % len(sources)]
        category = CATEGORIES[number % len(CATEGORIES)]
        path = f"/{category.slug}/{100000 + number}.html"
        title = f"{source.title}（第{number + 1}版）"
        lines = [f"{title} 本文关键词:{','.join(source.keywords)}", f"{title} 本文内容:"]
        lines += source.pages[0] + [
            f"本文是第{number + 1}份修订稿，供第{number % 97 + 1}组讨论使用。"
        ]
        html = render.article_page(
            title=title,
            category=(category.name, category.href),
            date=source.date,
            content_lines=lines,
            nav=nav,
            tags=source.keywords,
            path=path,
        )
        site.pages[path] = Page(200, html.encode("utf-8"))
        listed.setdefault(category.slug, []).append((title, path))
    for category in CATEGORIES:
        links = listed.get(category.slug, [])
        chunks = [links[i : i + _PER_LIST] for i in range(0, len(links), _PER_LIST)] or [[]]
        urls = [category.href] + [
            f"{category.href}list_{n}.html" for n in range(2, len(chunks) + 1)
        ]
        for url, chunk in zip(urls, chunks, strict=True):
            pager = [(str(n + 1), u) for n, u in enumerate(urls)]
            html = render.list_page(
                category=(category.name, category.href),
                articles=chunk,
                pager=pager,
                nav=nav,
                path=url,
            )
            site.pages[url] = Page(200, html.encode("utf-8"))
    home = render.home_page(sections=[((c.name, c.href), []) for c in CATEGORIES], nav=nav)
    site.pages["/"] = Page(200, home.encode("utf-8"))
    site.pages["/robots.txt"] = Page(200, b"User-agent: *\nDisallow:\n", "text/plain")
    return site
